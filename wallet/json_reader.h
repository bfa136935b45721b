#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "chain/account_id.h"
#include "chain/bytes.h"
#include "chain/status.h"

namespace tfchain::wallet {

// Typed, exception-free reads of the fields of an untrusted JSON object (a key file,
// a node's answer). Every failure is InvalidArgument with the reason given at
// construction ("corrupt-key-file", "bad-rpc-response") and a detail naming the place:
//   "<context>: field 'free' must be a string of base units",
//   "<context>: field 'kdf': expected a JSON object".
// Borrows the JSON value, which must outlive the reader. Thread-compatible.
class JsonReader {
 public:
  JsonReader(const nlohmann::json& value, std::string reason, std::string context);

  // Fails unless the value is an object.
  chain::Status ExpectObject() const;

  bool Has(std::string_view key) const;
  // True if the field is missing or null.
  bool IsNull(std::string_view key) const;

  chain::Result<std::string> String(std::string_view key) const;
  // A non-negative JSON integer.
  chain::Result<uint64_t> U64(std::string_view key) const;
  chain::Result<bool> Bool(std::string_view key) const;
  // Base units: a JSON string of decimal digits (or a non-negative integer).
  chain::Result<uint64_t> Amount(std::string_view key) const;
  // Hex ("0x" optional), of any length / of exactly 32 bytes.
  chain::Result<chain::Bytes> Hex(std::string_view key) const;
  chain::Result<chain::Hash256> Hash(std::string_view key) const;
  // An SS58 address or 0x account id.
  chain::Result<chain::AccountId> Account(std::string_view key) const;
  // The field itself (must exist).
  chain::Result<const nlohmann::json*> Field(std::string_view key) const;
  // A reader over `value`, the field `key` of this object: its errors name fields as
  // "key.field".
  JsonReader Nested(const nlohmann::json& value, std::string_view key) const;

  // A failure with this reader's reason and context.
  chain::Status Error(std::string_view what) const;

 private:
  const nlohmann::json& value_;
  std::string reason_;
  std::string context_;
  std::string prefix_;  // "kdf." inside the field "kdf"
};

}  // namespace tfchain::wallet
