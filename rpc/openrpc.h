#pragma once

#include <nlohmann/json_fwd.hpp>
#include <string_view>

#include "chain/status.h"
#include "rpc/method_table.h"

namespace tfchain::rpc {

inline constexpr std::string_view kOpenRpcVersion = "1.2.6";
inline constexpr std::string_view kRpcApiTitle = "tfchain JSON-RPC";
inline constexpr std::string_view kRpcApiVersion = "0.1.0";

// The OpenRPC document of every method in `table`, generated from the same entries
// the dispatcher validates with:
//   {"openrpc": "1.2.6", "info": {"title", "version"},
//    "methods": [{"name", "summary", "params": [{"name", "summary"?, "required",
//                 "schema"}], "result": {"name", "schema"}, "x-admin"?: true}]}
// A parameter default appears as "default" in its schema. Thread-safe as far as
// reading `table` is.
nlohmann::json OpenRpcDocument(const MethodTable& table);

// Registers rpc.discover, which answers OpenRpcDocument(table) of the table as it
// is at call time (rpc.discover included). `table` must outlive its use.
// Errors as MethodTable::Register.
chain::Status RegisterDiscover(MethodTable& table);

}  // namespace tfchain::rpc
