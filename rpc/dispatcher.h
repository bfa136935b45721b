#pragma once

#include <cstddef>
#include <cstdint>
#include <map>
#include <mutex>
#include <nlohmann/json_fwd.hpp>
#include <optional>
#include <string>
#include <string_view>

#include "rpc/method_table.h"
#include "rpc/rpc_error.h"

namespace tfchain::rpc {

// Deepest nesting of arrays/objects accepted in a request body. Anything deeper is
// refused before it is parsed, so that no recursive copy or print can exhaust the
// stack.
inline constexpr size_t kMaxJsonDepth = 64;

// The JSON-RPC 2.0 protocol over a MethodTable, independent of HTTP: parses a body,
// validates requests and parameters against the table, runs handlers and builds the
// response. See docs/rpc.md for the error codes and their "reason" strings.
//
// Thread-safe: Handle may run concurrently on many threads, as long as nobody
// registers methods in the table meanwhile. The table must outlive the dispatcher.
class Dispatcher {
 public:
  Dispatcher(const MethodTable& table, size_t max_batch);
  Dispatcher(const Dispatcher&) = delete;
  Dispatcher& operator=(const Dispatcher&) = delete;

  // Handles one request body: a request object or a batch (array) of them.
  // Returns the response body, or nullopt when there is nothing to answer (the body
  // held only notifications). `admin_allowed` says whether admin methods may run
  // for this caller. Never throws; a handler that throws yields -32603.
  std::optional<std::string> Handle(std::string_view body, bool admin_allowed);

  // From now on every call is answered -32002 "shutting-down".
  void BeginShutdown();

  // Calls per registered method since construction (notifications and calls that
  // failed validation included), with an entry for every method.
  std::map<std::string, uint64_t> RequestCounts() const;

 private:
  // Handles one request of a batch (or the single request). Returns false when no
  // response is due (a notification); otherwise fills `response`.
  bool HandleOne(const nlohmann::json& request, bool admin_allowed, nlohmann::json* response);
  // Runs method `name` with the raw `params` (nullptr when absent): the shutdown,
  // lookup, admin and parameter checks, then the handler.
  RpcStatus Execute(const std::string& name, const nlohmann::json* params, bool admin_allowed, nlohmann::json* result);
  void Count(const std::string& method);

  const MethodTable& table_;
  const size_t max_batch_;

  mutable std::mutex mu_;
  bool shutting_down_ = false;              // GUARDED_BY(mu_)
  std::map<std::string, uint64_t> counts_;  // GUARDED_BY(mu_)
};

// A complete response body {"jsonrpc":"2.0","error":...,"id":null}, for failures
// found before any request could be read (e.g. an oversize body).
std::string ErrorResponseBody(const RpcError& error);

}  // namespace tfchain::rpc
