#include "rpc/rpc_error.h"

namespace tfchain::rpc {

RpcError RpcError::FromStatus(const chain::Status& status) {
  CHECK(!status.ok());
  RpcError out;
  std::string_view kind;
  switch (status.code()) {
    case chain::Status::Code::kNotFound:
      out.code = kNotFound;
      kind = "not found";
      break;
    case chain::Status::Code::kUnavailable:
      out.code = kUnavailable;
      kind = "unavailable";
      break;
    case chain::Status::Code::kInvalidArgument:
      out.code = kInvalidParams;
      kind = "invalid params";
      break;
    default:
      out.code = kInternalError;
      kind = "internal error";
      break;
  }
  out.message = std::string(kind) + ": " + status.ToString();
  out.reason = std::string(status.reason());
  out.detail = std::string(status.detail());
  return out;
}

}  // namespace tfchain::rpc
