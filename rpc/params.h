#pragma once

#include <cstdint>
#include <memory>
#include <nlohmann/json_fwd.hpp>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

#include "chain/account_id.h"
#include "chain/bytes.h"
#include "chain/status.h"

namespace tfchain::rpc {

// The types a method parameter can have. The dispatcher converts each JSON argument
// to its type before the handler runs, so handlers never see malformed input.
enum class ParamType : uint8_t {
  kUint,      // a JSON integer >= 0 (heights, nonces, indexes)      -> uint64_t
  kAmount,    // decimal string ("12500000") or integer >= 0         -> uint64_t
  kBool,      //                                                     -> bool
  kString,    //                                                     -> std::string
  kHash,      // "0x" + 64 hex digits                                -> chain::Hash256
  kAccount,   // an SS58 address, or a 0x-hex 32-byte account id     -> chain::AccountId
  kHexBytes,  // "0x"-prefixed hex of any even length                -> chain::Bytes
  kBlockRef,  // a height (integer) or a block hash (0x-hex string)  -> BlockRef
  kJson,      // any JSON value, passed through unchecked            -> JsonParam
};

// "uint", "amount", "bool", "string", "hash", "account", "hex", "block", "json".
std::string_view ParamTypeName(ParamType type);

// A block named by height or by hash.
using BlockRef = std::variant<uint64_t, chain::Hash256>;
// A kJson argument, shared and immutable.
using JsonParam = std::shared_ptr<const nlohmann::json>;

// A converted argument. kUint and kAmount both hold uint64_t.
using ParamValue =
    std::variant<uint64_t, bool, std::string, chain::Hash256, chain::AccountId, chain::Bytes, BlockRef, JsonParam>;

// Converts `value` (never null) to `type`. Errors (InvalidArgument):
//   "bad-param-type"  the JSON type does not fit (a string where an integer is due, ...)
//   content errors of the type's parser: "bad-amount", "bad-hex", "bad-length",
//   "bad-ss58", "bad-ss58-checksum", "wrong-ss58-prefix".
// Thread-safe.
chain::Result<ParamValue> ParseParamValue(ParamType type, const nlohmann::json& value);

// The JSON Schema of a parameter type, for OpenRPC.
nlohmann::json ParamTypeSchema(ParamType type);

// One declared parameter of a method.
struct ParamSpec {
  std::string name{};  // snake_case
  ParamType type = ParamType::kString;
  bool required = true;
  std::string description{};
  // Used when the argument is missing or null; nullptr for none. Only for optional
  // parameters; registration checks that it converts to `type`.
  std::shared_ptr<const nlohmann::json> default_value{};
};

// The converted arguments of one call, by parameter name. Missing and null
// arguments (without a default) are absent. Built by the dispatcher; read by
// handlers. Value type; thread-compatible.
class Params {
 public:
  void Set(std::string name, ParamValue value);

  // True iff the argument is present (given, or defaulted).
  bool Has(std::string_view name) const { return FindValue(name) != nullptr; }

  // The argument as T, or nullptr when absent. T must be the parameter type's C++
  // type (a mismatch is a programming error and aborts).
  template <typename T>
  const T* Find(std::string_view name) const {
    const ParamValue* v = FindValue(name);
    if (v == nullptr) return nullptr;
    const T* out = std::get_if<T>(v);
    CHECK(out != nullptr);
    return out;
  }
  // The argument as T; it must be present (declare the parameter required).
  template <typename T>
  const T& Get(std::string_view name) const {
    const T* out = Find<T>(name);
    CHECK(out != nullptr);
    return *out;
  }

 private:
  const ParamValue* FindValue(std::string_view name) const;
  std::vector<std::pair<std::string, ParamValue>> values_;
};

}  // namespace tfchain::rpc
