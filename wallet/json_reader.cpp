#include "wallet/json_reader.h"

#include "wallet/amount.h"

namespace tfchain::wallet {

using chain::Result;
using chain::Status;

JsonReader::JsonReader(const nlohmann::json& value, std::string reason, std::string context)
    : value_(value), reason_(std::move(reason)), context_(std::move(context)) {}

Status JsonReader::Error(std::string_view what) const {
  std::string detail = context_.empty() ? "" : context_ + ": ";
  if (!prefix_.empty()) detail += "field '" + prefix_.substr(0, prefix_.size() - 1) + "': ";
  return Status::InvalidArgument(reason_, detail + std::string(what));
}

Status JsonReader::ExpectObject() const {
  if (!value_.is_object()) return Error("expected a JSON object");
  return Status::Ok();
}

bool JsonReader::Has(std::string_view key) const { return value_.is_object() && value_.find(key) != value_.end(); }

bool JsonReader::IsNull(std::string_view key) const {
  if (!value_.is_object()) return true;
  auto it = value_.find(key);
  return it == value_.end() || it->is_null();
}

Result<const nlohmann::json*> JsonReader::Field(std::string_view key) const {
  if (!value_.is_object()) return Error("expected a JSON object");
  auto it = value_.find(key);
  if (it == value_.end()) return Error("field '" + std::string(key) + "' is missing");
  return &*it;
}

JsonReader JsonReader::Nested(const nlohmann::json& value, std::string_view key) const {
  JsonReader nested(value, reason_, context_);
  nested.prefix_ = prefix_ + std::string(key) + ".";
  return nested;
}

Result<std::string> JsonReader::String(std::string_view key) const {
  TF_ASSIGN_OR_RETURN(const nlohmann::json* field, Field(key));
  if (!field->is_string()) return Error("field '" + std::string(key) + "' must be a string");
  return field->get<std::string>();
}

Result<uint64_t> JsonReader::U64(std::string_view key) const {
  TF_ASSIGN_OR_RETURN(const nlohmann::json* field, Field(key));
  if (!field->is_number_unsigned()) {
    // nlohmann stores non-negative literals as unsigned; anything else is not a u64.
    return Error("field '" + std::string(key) + "' must be a non-negative integer");
  }
  return field->get<uint64_t>();
}

Result<bool> JsonReader::Bool(std::string_view key) const {
  TF_ASSIGN_OR_RETURN(const nlohmann::json* field, Field(key));
  if (!field->is_boolean()) return Error("field '" + std::string(key) + "' must be true or false");
  return field->get<bool>();
}

Result<uint64_t> JsonReader::Amount(std::string_view key) const {
  TF_ASSIGN_OR_RETURN(const nlohmann::json* field, Field(key));
  if (field->is_number_unsigned()) return field->get<uint64_t>();
  if (field->is_string()) {
    auto units = ParseBaseUnits(field->get_ref<const std::string&>());
    if (units.ok()) return *units;
  }
  return Error("field '" + std::string(key) + "' must be a string of base units");
}

Result<chain::Bytes> JsonReader::Hex(std::string_view key) const {
  TF_ASSIGN_OR_RETURN(std::string text, String(key));
  auto bytes = chain::FromHex(text);
  if (!bytes.ok()) return Error("field '" + std::string(key) + "' is not hex: " + std::string(bytes.status().detail()));
  return std::move(bytes).value();
}

Result<chain::Hash256> JsonReader::Hash(std::string_view key) const {
  TF_ASSIGN_OR_RETURN(std::string text, String(key));
  auto hash = chain::Hash256::FromHex(text);
  if (!hash.ok()) return Error("field '" + std::string(key) + "' is not a 32-byte hex hash");
  return *hash;
}

Result<chain::AccountId> JsonReader::Account(std::string_view key) const {
  TF_ASSIGN_OR_RETURN(std::string text, String(key));
  auto account = chain::ParseAccount(text);
  if (!account.ok()) {
    return Error("field '" + std::string(key) + "' is not an address: " + account.status().ToString());
  }
  return *account;
}

}  // namespace tfchain::wallet
