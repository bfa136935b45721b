// The httplib adapter: HTTP in, Dispatcher / node_endpoints out. Every exception
// httplib or a handler could throw is caught here.
#include "rpc/rpc_server.h"

#include <httplib.h>

#include <atomic>
#include <cerrno>
#include <cstring>
#include <mutex>
#include <thread>

#include "rpc/admin_access.h"
#include "rpc/dispatcher.h"
#include "rpc/methods.h"
#include "rpc/node_endpoints.h"
#include "rpc/openrpc.h"

namespace tfchain::rpc {
namespace {

constexpr char kJsonType[] = "application/json";

RpcError RequestError(int code, std::string reason, std::string message) {
  RpcError e;
  e.code = code;
  e.reason = std::move(reason);
  e.message = std::move(message);
  return e;
}

void Send(httplib::Response& res, const HttpReply& reply) {
  res.status = reply.status;
  res.set_content(reply.body, reply.content_type.c_str());
}

}  // namespace

struct RpcServer::Impl {
  Impl(NodeApi& node_in, Options options_in) : node(node_in), options(std::move(options_in)) {}

  void Configure();
  void ServeRpc(const httplib::Request& req, httplib::Response& res, const httplib::ContentReader& reader);
  void RefuseBody(httplib::Response& res, int status, std::string reason, std::string message);
  void OnError(const httplib::Request& req, httplib::Response& res);

  NodeApi& node;
  const Options options;
  MethodTable table;
  std::unique_ptr<Dispatcher> dispatcher;  // set by Start, before any request
  httplib::Server http;
  std::thread listener;
  std::atomic<bool> listener_done{false};
  std::atomic<uint16_t> port{0};

  std::mutex mu;         // serialises Start and Stop
  bool started = false;  // GUARDED_BY(mu)
  bool stopped = false;  // GUARDED_BY(mu)
};

void RpcServer::Impl::Configure() {
  http.new_task_queue = [n = options.worker_threads] { return new httplib::ThreadPool(n > 0 ? n : 1); };
  http.set_payload_max_length(options.max_body_bytes);
  // httplib's default also sets SO_REUSEPORT, which would let a second server bind
  // the same port and silently share its traffic: keep only SO_REUSEADDR.
  http.set_socket_options([](socket_t sock) {
    int yes = 1;
    setsockopt(sock, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof(yes));
  });
  http.set_read_timeout(options.read_timeout);
  http.set_write_timeout(options.write_timeout);
  // A response goes out in more than one write (headers, body): without TCP_NODELAY,
  // Nagle holds the body until the client's delayed ACK, ~40 ms per call on a
  // keep-alive connection.
  http.set_tcp_nodelay(true);

  http.Post("/", [this](const httplib::Request& req, httplib::Response& res, const httplib::ContentReader& reader) {
    ServeRpc(req, res, reader);
  });
  http.Get("/", [](const httplib::Request&, httplib::Response& res) {
    res.status = 405;
    res.set_header("Allow", "POST");
    res.set_content(
        ErrorResponseBody(RequestError(kInvalidRequest, "method-not-allowed", "JSON-RPC requests must use HTTP POST")),
        kJsonType);
  });
  http.Get("/health",
           [this](const httplib::Request&, httplib::Response& res) { Send(res, HealthReply(node.GetHealth())); });
  http.Get("/metrics", [this](const httplib::Request&, httplib::Response& res) {
    Send(res, MetricsReply(node.GetMetrics(), dispatcher->RequestCounts()));
  });
  http.set_error_handler([this](const httplib::Request& req, httplib::Response& res) { OnError(req, res); });
  http.set_exception_handler([](const httplib::Request&, httplib::Response& res, std::exception_ptr) {
    res.status = 500;
    res.set_content(ErrorResponseBody(RequestError(kInternalError, "internal-error", "internal error")), kJsonType);
  });
}

// Reads the body itself rather than letting httplib buffer it: httplib enforces
// payload_max_length for Content-Length bodies only, not for chunked ones.
void RpcServer::Impl::ServeRpc(const httplib::Request& req, httplib::Response& res,
                               const httplib::ContentReader& reader) {
  if (req.is_multipart_form_data()) {
    RefuseBody(res, 415, "unsupported-media-type", "JSON-RPC requests carry JSON, not multipart/form-data");
    return;
  }
  std::string body;
  bool too_large = false;
  const bool complete = reader([&](const char* data, size_t length) {
    if (length > options.max_body_bytes - body.size()) {
      too_large = true;
      return false;
    }
    body.append(data, length);
    return true;
  });
  if (too_large || res.status == 413) {  // 413: httplib saw a Content-Length over the limit
    RefuseBody(res, 413, "body-too-large",
               "request body exceeds the limit of " + std::to_string(options.max_body_bytes) + " bytes");
    return;
  }
  if (!complete) {
    RefuseBody(res, 400, "body-unreadable", "the request body could not be read");
    return;
  }
  const bool admin_allowed = AdminAllowed(options.host, options.admin_token, req.get_header_value("Authorization"));
  std::optional<std::string> response = dispatcher->Handle(body, admin_allowed);
  if (!response) {
    res.status = 204;  // only notifications: nothing to answer
    return;
  }
  res.status = 200;
  res.set_content(std::move(*response), kJsonType);
}

// Answers without having read the whole body, so the connection cannot be reused.
void RpcServer::Impl::RefuseBody(httplib::Response& res, int status, std::string reason, std::string message) {
  res.status = status;
  res.set_header("Connection", "close");
  res.set_content(ErrorResponseBody(RequestError(kInvalidRequest, std::move(reason), std::move(message))), kJsonType);
}

// Runs for every response with status >= 400; fills in a body where the handler
// left none (httplib's own 404 and 413).
void RpcServer::Impl::OnError(const httplib::Request&, httplib::Response& res) {
  if (!res.body.empty()) return;
  if (res.status == 413) {
    res.set_content(ErrorResponseBody(RequestError(
                        kInvalidRequest, "body-too-large",
                        "request body exceeds the limit of " + std::to_string(options.max_body_bytes) + " bytes")),
                    kJsonType);
  } else if (res.status == 404) {
    res.set_content("{\"error\":\"not found\"}", kJsonType);
  }
}

RpcServer::RpcServer(NodeApi& node, Options options) : impl_(std::make_unique<Impl>(node, std::move(options))) {
  // The built-in methods have distinct names and valid specs: failing is a bug.
  CHECK(RegisterNodeMethods(impl_->table, node).ok());
  CHECK(RegisterDiscover(impl_->table).ok());
  impl_->Configure();
}

RpcServer::~RpcServer() { Stop(); }

Status RpcServer::RegisterMethod(MethodSpec spec) {
  std::lock_guard<std::mutex> lock(impl_->mu);
  if (impl_->started) {
    return Status::InvalidArgument("rpc-server-started", "methods must be registered before Start");
  }
  return impl_->table.Register(std::move(spec));
}

Status RpcServer::Start() {
  std::lock_guard<std::mutex> lock(impl_->mu);
  Impl& s = *impl_;
  if (s.started) return Status::InvalidArgument("rpc-server-started", "Start was already called");
  const std::string address = s.options.host + ":" + std::to_string(s.options.port);
  errno = 0;
  int port = -1;
  try {
    if (s.options.port == 0) {
      port = s.http.bind_to_any_port(s.options.host);
    } else if (s.http.bind_to_port(s.options.host, s.options.port)) {
      port = s.options.port;
    }
  } catch (const std::exception& e) {
    return Status::IoError("rpc-bind-failed", "cannot bind " + address + ": " + e.what());
  }
  if (port <= 0) {
    const int err = errno;
    return Status::IoError("rpc-bind-failed",
                           "cannot bind " + address + (err != 0 ? std::string(": ") + std::strerror(err) : ""));
  }
  s.dispatcher = std::make_unique<Dispatcher>(s.table, s.options.max_batch);
  s.port = static_cast<uint16_t>(port);
  s.started = true;
  s.listener = std::thread([&s] {
    s.http.listen_after_bind();
    s.listener_done = true;
  });
  // httplib's stop() only works once the accept loop runs, which is the first thing
  // listen_after_bind does: wait for it (or for the thread to give up).
  while (!s.http.is_running() && !s.listener_done) std::this_thread::sleep_for(std::chrono::milliseconds(1));
  if (s.listener_done) {
    s.listener.join();
    s.stopped = true;
    return Status::IoError("rpc-bind-failed", "the server on " + address + " stopped listening at once");
  }
  return Status::Ok();
}

uint16_t RpcServer::port() const { return impl_->port; }

void RpcServer::Stop() {
  std::lock_guard<std::mutex> lock(impl_->mu);
  Impl& s = *impl_;
  if (!s.started || s.stopped) return;
  s.stopped = true;
  s.dispatcher->BeginShutdown();
  s.http.stop();
  if (s.listener.joinable()) s.listener.join();
}

const MethodTable& RpcServer::methods() const { return impl_->table; }

}  // namespace tfchain::rpc
