#pragma once

#include <functional>
#include <map>
#include <memory>
#include <nlohmann/json_fwd.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "chain/status.h"
#include "rpc/params.h"
#include "rpc/rpc_error.h"

namespace tfchain::rpc {

// Runs one call: reads the converted arguments and writes the JSON result. Must not
// throw (the dispatcher still catches and answers -32603 if it does). Called on RPC
// worker threads, concurrently with itself.
using Handler = std::function<RpcStatus(const Params& params, nlohmann::json* result)>;

// The result of a method, for rpc.discover.
struct ResultSpec {
  std::string name{};                              // e.g. "head"
  std::shared_ptr<const nlohmann::json> schema{};  // JSON Schema object of the result
};

// One declarative method entry (STYLE.md "RPC"): everything the dispatcher needs to
// validate a call and everything rpc.discover publishes, so the two cannot drift.
struct MethodSpec {
  std::string name{};     // "family_camelCase", e.g. "chain_getBlock"
  std::string summary{};  // one line
  std::vector<ParamSpec> params{};
  ResultSpec result{};
  // Admin methods answer -32010 unless the caller is allowed (AdminAllowed in
  // admin_access.h).
  bool admin = false;
  Handler handler{};
};

// The registered methods, in registration order. Register is not thread-safe; once
// registration is over (RpcServer::Start), concurrent Find/methods calls are safe.
class MethodTable {
 public:
  MethodTable() = default;
  MethodTable(const MethodTable&) = delete;
  MethodTable& operator=(const MethodTable&) = delete;

  // Adds a method. Errors (InvalidArgument):
  //   "duplicate-method"  a method of that name exists;
  //   "bad-method-spec"   empty name, summary or handler, no result name or a result
  //                       schema that is not an object, an empty or duplicate param
  //                       name, a required param after an optional one, a default on
  //                       a required param or one that does not convert to its type.
  // On error the table is unchanged.
  chain::Status Register(MethodSpec spec);

  // The method named `name`, or nullptr. The pointer is stable for the table's life.
  const MethodSpec* Find(std::string_view name) const;

  // Every method in registration order.
  const std::vector<std::unique_ptr<const MethodSpec>>& methods() const { return methods_; }

 private:
  std::vector<std::unique_ptr<const MethodSpec>> methods_;
  std::map<std::string, const MethodSpec*, std::less<>> by_name_;
};

}  // namespace tfchain::rpc
