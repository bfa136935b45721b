#pragma once

#include <chrono>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "chain/status.h"

namespace httplib {
class Client;
}

namespace tfchain::wallet {

// Where the node's JSON-RPC server is: only plain http://host[:port][/] is supported.
struct RpcEndpoint {
  std::string host;  // a name, an IPv4 address or an IPv6 address (without brackets)
  uint16_t port = 80;
  std::string url;  // normalised: "http://host:port"
};

// Errors: "bad-rpc-url" (another scheme such as https, a path, a bad port, no host).
chain::Result<RpcEndpoint> ParseRpcUrl(std::string_view url);

// A JSON-RPC 2.0 client over HTTP POST / (cpp-httplib). One request at a time; not
// thread-safe. Owns its connection.
class RpcClient {
 public:
  struct Options {
    std::chrono::milliseconds timeout{10'000};  // connect, read and write timeouts
  };

  // Validates the URL; does not connect yet. Errors: as ParseRpcUrl.
  static chain::Result<std::unique_ptr<RpcClient>> Create(std::string_view url, Options options);
  ~RpcClient();
  RpcClient(const RpcClient&) = delete;
  RpcClient& operator=(const RpcClient&) = delete;

  const std::string& url() const { return endpoint_.url; }

  // Calls `method` with `params` (an array, an object or null) and returns the
  // response's "result". Errors:
  //   "node-unreachable"  (Unavailable) no answer: "cannot reach node at URL: <why>"
  //   "bad-rpc-response"  (Internal) the answer is not a JSON-RPC 2.0 response
  //   the node's error.data.reason (e.g. "bad-nonce", "tx-not-found"), or "rpc-error"
  //   when it has none; the detail is error.data.detail, else error.message. The
  //   Status code follows the JSON-RPC code: -32001 NotFound, -32002 Unavailable,
  //   -32000 and -32600..-32602 InvalidArgument, others Internal.
  chain::Result<nlohmann::json> Call(std::string_view method, const nlohmann::json& params);

 private:
  RpcClient(RpcEndpoint endpoint, Options options);
  RpcEndpoint endpoint_;
  Options options_;
  std::unique_ptr<httplib::Client> http_;
  uint64_t next_id_ = 1;
};

}  // namespace tfchain::wallet
