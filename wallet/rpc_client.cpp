// JSON-RPC 2.0 over HTTP, as the node's rpc/ server speaks it:
//   request  := POST / {"jsonrpc":"2.0","id":N,"method":M,"params":P}
//   response := {"jsonrpc":"2.0","id":N,"result":R}
//             | {"jsonrpc":"2.0","id":N,"error":{"code":C,"message":S,"data"?:{"reason"?,"detail"?}}}
#include "wallet/rpc_client.h"

#include <httplib.h>
#include <netdb.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>

#include "chain/json.h"
#include "wallet/amount.h"

namespace tfchain::wallet {
namespace {

using chain::Result;
using chain::Status;

Status BadUrl(std::string_view url, std::string_view why) {
  return Status::InvalidArgument("bad-rpc-url",
                                 "'" + std::string(url) + "': " + std::string(why) + " (expected http://host:port)");
}

std::string LowerFirst(std::string text) {
  if (!text.empty() && text[0] >= 'A' && text[0] <= 'Z') text[0] = static_cast<char>(text[0] - 'A' + 'a');
  return text;
}

// httplib reports every failed connect as Error::Connection without the cause; after
// such a failure, one more connect attempt (at most `timeout`) finds out why
// ("connection refused", "cannot resolve host ...").
std::string ProbeConnectFailure(const RpcEndpoint& endpoint, std::chrono::milliseconds timeout) {
  struct addrinfo hints {};
  hints.ai_family = AF_UNSPEC;
  hints.ai_socktype = SOCK_STREAM;
  struct addrinfo* addresses = nullptr;
  int rc = getaddrinfo(endpoint.host.c_str(), std::to_string(endpoint.port).c_str(), &hints, &addresses);
  if (rc != 0) return "cannot resolve host '" + endpoint.host + "': " + LowerFirst(gai_strerror(rc));
  std::string why = "could not connect";
  int fd = socket(addresses->ai_family, addresses->ai_socktype | SOCK_NONBLOCK | SOCK_CLOEXEC, addresses->ai_protocol);
  if (fd >= 0) {
    int error = 0;
    if (connect(fd, addresses->ai_addr, addresses->ai_addrlen) != 0) error = errno;
    if (error == EINPROGRESS) {
      struct pollfd pfd {
        fd, POLLOUT, 0
      };
      if (poll(&pfd, 1, static_cast<int>(timeout.count())) == 1) {
        socklen_t len = sizeof(error);
        if (getsockopt(fd, SOL_SOCKET, SO_ERROR, &error, &len) != 0) error = errno;
      } else {
        error = ETIMEDOUT;
      }
    }
    if (error != 0) why = LowerFirst(std::strerror(error));
    close(fd);
  }
  freeaddrinfo(addresses);
  return why;
}

std::string DescribeTransportError(httplib::Error error, const RpcEndpoint& endpoint,
                                   std::chrono::milliseconds timeout) {
  switch (error) {
    case httplib::Error::Connection:
      return ProbeConnectFailure(endpoint, std::min(timeout, std::chrono::milliseconds(2000)));
    case httplib::Error::Read:
      return "no answer (the connection failed or timed out)";
    case httplib::Error::Write:
      return "could not send the request";
    default:
      return LowerFirst(httplib::to_string(error));
  }
}

}  // namespace

Result<RpcEndpoint> ParseRpcUrl(std::string_view url) {
  constexpr std::string_view kScheme = "http://";
  if (!url.starts_with(kScheme)) {
    if (url.find("://") != std::string_view::npos) return BadUrl(url, "only the http:// scheme is supported");
    return BadUrl(url, "missing http://");
  }
  std::string_view rest = url.substr(kScheme.size());
  if (rest.ends_with("/")) rest.remove_suffix(1);
  if (rest.find_first_of("/?#@") != std::string_view::npos) return BadUrl(url, "no path, query or user allowed");
  RpcEndpoint out;
  std::string_view port_text;
  if (rest.starts_with("[")) {  // [IPv6]:port
    size_t close = rest.find(']');
    if (close == std::string_view::npos) return BadUrl(url, "unterminated IPv6 address");
    out.host = std::string(rest.substr(1, close - 1));
    std::string_view after = rest.substr(close + 1);
    if (!after.empty()) {
      if (!after.starts_with(":")) return BadUrl(url, "bad host");
      port_text = after.substr(1);
      if (port_text.empty()) return BadUrl(url, "empty port");
    }
  } else {
    size_t colon = rest.find(':');
    out.host = std::string(rest.substr(0, colon));
    if (colon != std::string_view::npos) {
      port_text = rest.substr(colon + 1);
      if (port_text.empty()) return BadUrl(url, "empty port");
    }
  }
  if (out.host.empty()) return BadUrl(url, "missing host");
  if (!port_text.empty()) {
    auto port = ParseDecimalU64(port_text);
    if (!port.ok() || *port == 0 || *port > 65535) return BadUrl(url, "bad port");
    out.port = static_cast<uint16_t>(*port);
  }
  bool ipv6 = out.host.find(':') != std::string::npos;
  out.url = "http://" + (ipv6 ? "[" + out.host + "]" : out.host) + ":" + std::to_string(out.port);
  return out;
}

RpcClient::RpcClient(RpcEndpoint endpoint, Options options)
    : endpoint_(std::move(endpoint)),
      options_(options),
      http_(std::make_unique<httplib::Client>(endpoint_.host, endpoint_.port)) {
  auto seconds = std::chrono::duration_cast<std::chrono::seconds>(options_.timeout);
  auto micros = std::chrono::duration_cast<std::chrono::microseconds>(options_.timeout - seconds);
  http_->set_connection_timeout(seconds.count(), micros.count());
  http_->set_read_timeout(seconds.count(), micros.count());
  http_->set_write_timeout(seconds.count(), micros.count());
  http_->set_keep_alive(true);
  http_->set_tcp_nodelay(true);  // headers and body go out in two writes: no Nagle delay
}

RpcClient::~RpcClient() = default;

Result<std::unique_ptr<RpcClient>> RpcClient::Create(std::string_view url, Options options) {
  TF_ASSIGN_OR_RETURN(RpcEndpoint endpoint, ParseRpcUrl(url));
  return std::unique_ptr<RpcClient>(new RpcClient(std::move(endpoint), options));
}

Result<nlohmann::json> RpcClient::Call(std::string_view method, const nlohmann::json& params) {
  const uint64_t id = next_id_++;
  nlohmann::json request = {{"jsonrpc", "2.0"}, {"id", id}, {"method", std::string(method)}, {"params", params}};
  const std::string body = request.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);

  httplib::Result response = http_->Post("/", body, "application/json");
  if (!response) {
    return Status::Unavailable("node-unreachable",
                               "cannot reach node at " + endpoint_.url + ": " +
                                   DescribeTransportError(response.error(), endpoint_, options_.timeout));
  }
  auto bad = [&](std::string_view why) {
    return Status::Internal("bad-rpc-response",
                            std::string(method) + " from " + endpoint_.url + ": " + std::string(why));
  };
  nlohmann::json reply = nlohmann::json::parse(response->body, nullptr, /*allow_exceptions=*/false);
  if (reply.is_discarded() || !reply.is_object()) {
    return bad("HTTP " + std::to_string(response->status) + " without a JSON-RPC answer");
  }
  if (auto it = reply.find("jsonrpc"); it == reply.end() || *it != "2.0") return bad("not a JSON-RPC 2.0 answer");
  if (auto error = reply.find("error"); error != reply.end() && !error->is_null()) {
    return chain::RpcErrorStatus(*error);
  }
  if (response->status != 200) return bad("HTTP " + std::to_string(response->status));
  if (auto it = reply.find("id"); it == reply.end() || !it->is_number_unsigned() || it->get<uint64_t>() != id) {
    return bad("the answer's id does not match the request");
  }
  auto result = reply.find("result");
  if (result == reply.end()) return bad("neither result nor error");
  return std::move(*result);
}

}  // namespace tfchain::wallet
