#pragma once

#include <memory>
#include <string>
#include <string_view>

#include "chain/status.h"

namespace tfchain::rpc {

// JSON-RPC error codes (docs/rpc.md). The -326xx codes are the JSON-RPC 2.0 ones; the
// -320xx codes are tfchain's application errors.
inline constexpr int kParseError = -32700;      // the body is not valid JSON
inline constexpr int kInvalidRequest = -32600;  // not a valid JSON-RPC request
inline constexpr int kMethodNotFound = -32601;
inline constexpr int kInvalidParams = -32602;
inline constexpr int kInternalError = -32603;
inline constexpr int kTxRejected = -32000;    // the node refused a transaction
inline constexpr int kNotFound = -32001;      // block or transaction unknown
inline constexpr int kUnavailable = -32002;   // mempool full, shutting down
inline constexpr int kUnauthorized = -32010;  // admin method without the token

// The error member of a JSON-RPC response: {"code", "message", "data"}, where data
// is {"reason": reason, "detail": detail} (each only when not empty) merged with any
// extra members the producer adds (see Dispatcher). Value type.
struct RpcError {
  int code = kInternalError;
  std::string message;  // one precise sentence for humans
  std::string reason;   // stable kebab-case reason ("bad-nonce"); may be empty
  std::string detail;   // more for humans; may be empty
  std::string param;    // the offending parameter for kInvalidParams; may be empty

  // The default mapping of a failed node Status:
  //   kNotFound -> kNotFound, kUnavailable -> kUnavailable,
  //   kInvalidArgument -> kInvalidParams, anything else -> kInternalError.
  // The reason and detail are carried over. `status` must not be ok.
  static RpcError FromStatus(const chain::Status& status);
};

// What a method handler returns: ok, or an RpcError. A node Status converts
// implicitly with RpcError::FromStatus's mapping, so handlers can return the
// node's failure as is. Value type; thread-compatible.
class [[nodiscard]] RpcStatus {
 public:
  RpcStatus() = default;     // ok
  RpcStatus(RpcError error)  // NOLINT: implicit by design
      : error_(std::make_shared<const RpcError>(std::move(error))) {}
  RpcStatus(const chain::Status& status)  // NOLINT: implicit by design
      : error_(status.ok() ? nullptr : std::make_shared<const RpcError>(RpcError::FromStatus(status))) {}

  static RpcStatus Ok() { return RpcStatus(); }
  bool ok() const { return error_ == nullptr; }
  // The error; must not be called when ok().
  const RpcError& error() const {
    CHECK(error_ != nullptr);
    return *error_;
  }

 private:
  std::shared_ptr<const RpcError> error_;
};

}  // namespace tfchain::rpc
