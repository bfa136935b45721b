#include "rpc/params.h"

#include <nlohmann/json.hpp>

#include "chain/json.h"
#include "rpc/json_schema.h"

namespace tfchain::rpc {

using chain::Result;
using chain::Status;
using nlohmann::json;

namespace {

Status BadType(std::string_view expected, const json& value) {
  return Status::InvalidArgument("bad-param-type",
                                 "expected " + std::string(expected) + ", got " + std::string(value.type_name()));
}

Result<uint64_t> ParseUint(const json& value) {
  if (value.is_number_unsigned()) return value.get<uint64_t>();
  if (value.is_number_integer()) {  // signed storage, e.g. a json built from an int
    if (value.get<int64_t>() < 0) {
      return Status::InvalidArgument("bad-param-type", "expected an integer >= 0, got a negative number");
    }
    return static_cast<uint64_t>(value.get<int64_t>());
  }
  return BadType("an integer >= 0", value);
}

Result<std::string> ParseString(const json& value) {
  if (!value.is_string()) return BadType("a string", value);
  return value.get<std::string>();
}

Result<chain::Bytes> ParseHexBytes(const json& value) {
  if (!value.is_string()) return BadType("a 0x-hex string", value);
  const auto& text = value.get_ref<const std::string&>();
  if (!text.starts_with("0x")) return Status::InvalidArgument("bad-hex", "missing 0x prefix");
  return chain::FromHex(text);
}

Result<BlockRef> ParseBlockRef(const json& value) {
  if (value.is_string()) {
    TF_ASSIGN_OR_RETURN(chain::Hash256 hash, chain::HashFromJson(value));
    return BlockRef(hash);
  }
  if (value.is_number_integer()) {
    TF_ASSIGN_OR_RETURN(uint64_t height, ParseUint(value));
    return BlockRef(height);
  }
  return BadType("a block height (integer >= 0) or a 0x-hex block hash", value);
}

// Lifts a Result<T> into a Result<ParamValue>.
template <typename T>
Result<ParamValue> Lift(Result<T> r) {
  if (!r.ok()) return r.status();
  return ParamValue(std::move(r).value());
}

}  // namespace

std::string_view ParamTypeName(ParamType type) {
  switch (type) {
    case ParamType::kUint:
      return "uint";
    case ParamType::kAmount:
      return "amount";
    case ParamType::kBool:
      return "bool";
    case ParamType::kString:
      return "string";
    case ParamType::kHash:
      return "hash";
    case ParamType::kAccount:
      return "account";
    case ParamType::kHexBytes:
      return "hex";
    case ParamType::kBlockRef:
      return "block";
    case ParamType::kJson:
      return "json";
  }
  return "unknown";
}

Result<ParamValue> ParseParamValue(ParamType type, const json& value) {
  switch (type) {
    case ParamType::kUint:
      return Lift(ParseUint(value));
    case ParamType::kAmount:
      if (!value.is_string() && !value.is_number()) return BadType("an amount (decimal string or integer >= 0)", value);
      return Lift(chain::AmountFromJson(value));
    case ParamType::kBool:
      if (!value.is_boolean()) return BadType("a boolean", value);
      return ParamValue(value.get<bool>());
    case ParamType::kString:
      return Lift(ParseString(value));
    case ParamType::kHash:
      if (!value.is_string()) return BadType("a 0x-hex hash", value);
      return Lift(chain::HashFromJson(value));
    case ParamType::kAccount:
      if (!value.is_string()) return BadType("an SS58 address or 0x-hex account id", value);
      return Lift(chain::AccountFromJson(value));
    case ParamType::kHexBytes:
      return Lift(ParseHexBytes(value));
    case ParamType::kBlockRef:
      return Lift(ParseBlockRef(value));
    case ParamType::kJson:
      return ParamValue(std::make_shared<const json>(value));
  }
  return Status::Internal("bad-param-type", "unknown parameter type");
}

json ParamTypeSchema(ParamType type) {
  switch (type) {
    case ParamType::kUint:
      return UintSchema();
    case ParamType::kAmount:
      return AmountInputSchema();
    case ParamType::kBool:
      return {{"type", "boolean"}};
    case ParamType::kString:
      return {{"type", "string"}};
    case ParamType::kHash:
      return HashSchema();
    case ParamType::kAccount:
      return AccountInputSchema();
    case ParamType::kHexBytes:
      return HexSchema();
    case ParamType::kBlockRef:
      return {{"oneOf", {UintSchema(), HashSchema()}}};
    case ParamType::kJson:
      return json::object();
  }
  return json::object();
}

void Params::Set(std::string name, ParamValue value) {
  for (auto& [n, v] : values_) {
    if (n == name) {
      v = std::move(value);
      return;
    }
  }
  values_.emplace_back(std::move(name), std::move(value));
}

const ParamValue* Params::FindValue(std::string_view name) const {
  for (const auto& [n, v] : values_) {
    if (n == name) return &v;
  }
  return nullptr;
}

}  // namespace tfchain::rpc
