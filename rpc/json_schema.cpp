#include "rpc/json_schema.h"

#include <nlohmann/json.hpp>

namespace tfchain::rpc {

using nlohmann::json;

json UintSchema() { return {{"type", "integer"}, {"minimum", 0}}; }

json AmountSchema() {
  return {{"type", "string"},
          {"pattern", "^(0|[1-9][0-9]{0,19})$"},
          {"description", "base units as a decimal string (1 TFT = 10000000)"}};
}

json AmountInputSchema() { return {{"oneOf", {AmountSchema(), UintSchema()}}}; }

json HashSchema() { return {{"type", "string"}, {"pattern", "^0x[0-9a-fA-F]{64}$"}}; }

json HexSchema() { return {{"type", "string"}, {"pattern", "^0x([0-9a-fA-F]{2})*$"}}; }

json AccountSchema() {
  return {
      {"type", "string"}, {"pattern", "^[1-9A-HJ-NP-Za-km-z]{47,48}$"}, {"description", "SS58 address (prefix 42)"}};
}

json AccountInputSchema() {
  return {{"type", "string"}, {"description", "SS58 address (prefix 42) or 0x-hex 32-byte account id"}};
}

json EnumSchema(std::initializer_list<std::string_view> names) {
  json values = json::array();
  for (std::string_view n : names) values.push_back(n);
  return {{"type", "string"}, {"enum", std::move(values)}};
}

json StringSchema() { return {{"type", "string"}}; }
json BoolSchema() { return {{"type", "boolean"}}; }

json NullableSchema(json schema) { return {{"oneOf", {std::move(schema), {{"type", "null"}}}}}; }

json ArraySchema(json items) { return {{"type", "array"}, {"items", std::move(items)}}; }

json ObjectSchema(json properties) {
  json required = json::array();
  for (const auto& [name, schema] : properties.items()) required.push_back(name);
  return {{"type", "object"},
          {"properties", std::move(properties)},
          {"required", std::move(required)},
          {"additionalProperties", false}};
}

json CallSchema() { return ObjectSchema({{"name", StringSchema()}, {"args", {{"type", "object"}}}}); }

json EventSchema() { return CallSchema(); }

json SignatureSchema() {
  return ObjectSchema({{"scheme", {{"type", "string"}, {"enum", {"ed25519", "secp256k1"}}}}, {"hex", HexSchema()}});
}

json TransactionSchema() {
  return ObjectSchema({{"hash", HashSchema()},
                       {"chain_id", StringSchema()},
                       {"signer", AccountSchema()},
                       {"nonce", UintSchema()},
                       {"tip", AmountSchema()},
                       {"valid_until", UintSchema()},
                       {"call", CallSchema()},
                       {"signature", SignatureSchema()}});
}

json HeaderSchema() {
  return ObjectSchema({{"chain_id", StringSchema()},
                       {"height", UintSchema()},
                       {"time_ms", UintSchema()},
                       {"prev_hash", HashSchema()},
                       {"txs_root", HashSchema()},
                       {"state_root", HashSchema()},
                       {"events_root", HashSchema()},
                       {"validators_hash", HashSchema()},
                       {"next_validators_hash", HashSchema()},
                       {"proposer", AccountSchema()},
                       {"last_commit_hash", HashSchema()},
                       {"evidence_hash", HashSchema()}});
}

json CommitSchema() {
  json sig = ObjectSchema({{"validator", AccountSchema()}, {"signature", SignatureSchema()}});
  return ObjectSchema({{"height", UintSchema()},
                       {"round", UintSchema()},
                       {"block_hash", HashSchema()},
                       {"signatures", ArraySchema(std::move(sig))}});
}

json EvidenceSchema() {
  json vote = ObjectSchema({{"type", {{"type", "string"}, {"enum", {"prevote", "precommit"}}}},
                            {"height", UintSchema()},
                            {"round", UintSchema()},
                            {"block_hash", NullableSchema(HashSchema())},
                            {"validator", AccountSchema()},
                            {"signature", SignatureSchema()}});
  return ObjectSchema({{"first", vote}, {"second", vote}});
}

json BlockSchema() {
  return ObjectSchema({{"hash", HashSchema()},
                       {"header", HeaderSchema()},
                       {"transactions", ArraySchema(TransactionSchema())},
                       {"last_commit", CommitSchema()},
                       {"evidence", ArraySchema(EvidenceSchema())}});
}

json AccountDataSchema() {
  return ObjectSchema({{"free", AmountSchema()}, {"reserved", AmountSchema()}, {"nonce", UintSchema()}});
}

json SmtProofSchema() {
  json leaf = ObjectSchema({{"key_hash", HashSchema()}, {"value_hash", HashSchema()}});
  return ObjectSchema({{"siblings", ArraySchema(HashSchema())}, {"leaf", NullableSchema(std::move(leaf))}});
}

std::shared_ptr<const json> Share(json schema) { return std::make_shared<const json>(std::move(schema)); }

}  // namespace tfchain::rpc
