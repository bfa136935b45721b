#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>

#include "chain/status.h"
#include "rpc/method_table.h"
#include "rpc/node_api.h"

namespace tfchain::rpc {

struct RpcServerOptions {
  // Address to bind. Anything but a loopback address makes admin methods require
  // admin_token (see admin_access.h).
  std::string host = "127.0.0.1";
  uint16_t port = 9933;             // 0: pick a free port (read it back with RpcServer::port())
  size_t max_body_bytes = 1 << 20;  // larger bodies get HTTP 413
  size_t max_batch = 100;           // larger batches get one -32600 error
  int worker_threads = 4;           // requests served in parallel
  std::chrono::seconds read_timeout{10};
  std::chrono::seconds write_timeout{10};
  std::string admin_token{};  // empty: no token, admin methods only on loopback
};

// The HTTP face of the node (DESIGN.md §7), on its own threads:
//   POST /        JSON-RPC 2.0, single requests and batches (see Dispatcher)
//   GET  /health  200 or 503 JSON (node_endpoints.h)
//   GET  /metrics Prometheus text
//   GET  /        405; any other path 404.
// It reaches the node only through NodeApi.
//
// Thread-safety: RegisterMethod, Start and Stop are meant for the thread that owns
// the server; port() and methods() may be called from any thread. Handlers run on
// the server's worker threads.
class RpcServer {
 public:
  using Options = RpcServerOptions;

  // Registers the node methods (RegisterNodeMethods) and rpc.discover. Does not
  // bind yet. `node` must outlive the server.
  explicit RpcServer(NodeApi& node, Options options = {});
  // Stops the server if it runs.
  ~RpcServer();
  RpcServer(const RpcServer&) = delete;
  RpcServer& operator=(const RpcServer&) = delete;

  // Adds a method; only before Start. Errors: "rpc-server-started" (InvalidArgument),
  // or those of MethodTable::Register.
  Status RegisterMethod(MethodSpec spec);

  // Binds host:port and starts serving on background threads; returns once the
  // server accepts connections. Errors: "rpc-bind-failed" (IoError; the detail
  // names the address and the system error), "rpc-server-started" when called twice.
  Status Start();

  // The bound port (useful with port 0); 0 before a successful Start.
  uint16_t port() const;

  // Stops accepting connections, answers calls still arriving with -32002
  // "shutting-down", waits for requests in flight and joins the threads.
  // Idempotent; no-op before Start.
  void Stop();

  const MethodTable& methods() const;

 private:
  struct Impl;  // holds the httplib server: httplib stays out of headers
  std::unique_ptr<Impl> impl_;
};

}  // namespace tfchain::rpc
