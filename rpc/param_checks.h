#pragma once

// Checks that handlers make after the dispatcher's type checks, and their -32602
// errors: a value out of range, a malformed JSON object parameter, a missing choice
// between parameters.

#include <cstdint>
#include <limits>
#include <optional>
#include <string>

#include "rpc/params.h"
#include "rpc/rpc_error.h"

namespace tfchain::rpc {

// {"code": -32602, "message": "invalid param '<param>': <reason>: <detail>", "data":
// {"reason", "detail", "param"}}, like the dispatcher's own parameter errors.
inline RpcError InvalidParam(std::string param, std::string reason, std::string detail) {
  RpcError e;
  e.code = kInvalidParams;
  e.message = "invalid param '" + param + "': " + reason + ": " + detail;
  e.reason = std::move(reason);
  e.detail = std::move(detail);
  e.param = std::move(param);
  return e;
}

// "limit-too-large" when `value` exceeds `max`.
inline RpcStatus CheckLimit(const std::string& param, uint64_t value, uint64_t max) {
  if (value <= max) return RpcStatus::Ok();
  return InvalidParam(param, "limit-too-large", "at most " + std::to_string(max) + ", got " + std::to_string(value));
}

// An optional kUint parameter holding a u32 id (twin, farm, node, policy, proposal):
// absent -> `out` untouched; beyond u32 -> "id-out-of-range".
inline RpcStatus IdParam(const Params& params, const std::string& name, std::optional<uint32_t>* out) {
  const uint64_t* v = params.Find<uint64_t>(name);
  if (v == nullptr) return RpcStatus::Ok();
  if (*v > std::numeric_limits<uint32_t>::max()) {
    return InvalidParam(name, "id-out-of-range", "ids are at most 4294967295, got " + std::to_string(*v));
  }
  *out = static_cast<uint32_t>(*v);
  return RpcStatus::Ok();
}

}  // namespace tfchain::rpc
