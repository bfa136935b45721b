#pragma once

#include <initializer_list>
#include <memory>
#include <string_view>
#include <nlohmann/json_fwd.hpp>

namespace tfchain::rpc {

// JSON Schema building blocks for the method table's result and parameter schemas
// (what rpc.discover publishes). They describe exactly what chain/json.h prints.
// Pure functions; thread-safe.

// {"type": "integer", "minimum": 0}.
nlohmann::json UintSchema();
// An amount as printed: a decimal string of base units.
nlohmann::json AmountSchema();
// An amount as accepted: a decimal string or an integer >= 0.
nlohmann::json AmountInputSchema();
// "0x" + 64 hex digits.
nlohmann::json HashSchema();
// "0x" + hex of any even length.
nlohmann::json HexSchema();
// An SS58 address as printed.
nlohmann::json AccountSchema();
// An SS58 address or a 0x-hex account id, as accepted.
nlohmann::json AccountInputSchema();
// {"type": "string"} / {"type": "boolean"}.
nlohmann::json StringSchema();
// A string that is one of `names`.
nlohmann::json EnumSchema(std::initializer_list<std::string_view> names);
nlohmann::json BoolSchema();
// `schema` or null.
nlohmann::json NullableSchema(nlohmann::json schema);
// {"type": "array", "items": items}.
nlohmann::json ArraySchema(nlohmann::json items);
// An object with exactly these properties ({name: schema}), all required.
nlohmann::json ObjectSchema(nlohmann::json properties);

// Schemas of the chain/json.h views.
nlohmann::json CallSchema();
nlohmann::json EventSchema();
nlohmann::json SignatureSchema();
nlohmann::json TransactionSchema();
nlohmann::json HeaderSchema();
nlohmann::json CommitSchema();
nlohmann::json EvidenceSchema();
nlohmann::json BlockSchema();
nlohmann::json AccountDataSchema();
nlohmann::json SmtProofSchema();

// Wraps a schema for a MethodSpec.
std::shared_ptr<const nlohmann::json> Share(nlohmann::json schema);

}  // namespace tfchain::rpc
