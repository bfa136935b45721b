#pragma once

// A tiny scripted JSON-RPC 2.0 server on 127.0.0.1:<free port> (httplib::Server) that
// stands in for tfchaind in the wallet tests. Each method answers from a handler the
// test installs; every call is recorded.

#include <httplib.h>

#include <chrono>
#include <functional>
#include <map>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include <nlohmann/json.hpp>

namespace tfchain::wallet::testing {

using nlohmann::json;

class FakeNode {
 public:
  // Returns {"result": ...} or {"error": {...}} (the members of the response besides
  // "jsonrpc" and "id").
  using Handler = std::function<json(const json& params)>;

  FakeNode() {
    server_.Post("/",
                 [this](const httplib::Request& request, httplib::Response& response) { Handle(request, response); });
    server_.set_tcp_nodelay(true);
    port_ = server_.bind_to_any_port("127.0.0.1");
    thread_ = std::thread([this] { server_.listen_after_bind(); });
    // stop() before the accept loop runs would be lost (and join would hang).
    while (!server_.is_running()) std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
  ~FakeNode() { Stop(); }
  FakeNode(const FakeNode&) = delete;
  FakeNode& operator=(const FakeNode&) = delete;

  void Stop() {
    server_.stop();
    if (thread_.joinable()) thread_.join();
  }

  std::string url() const { return "http://127.0.0.1:" + std::to_string(port_); }
  int port() const { return port_; }

  void On(const std::string& method, Handler handler) {
    std::lock_guard<std::mutex> lock(mu_);
    handlers_[method] = std::move(handler);
  }
  void Result(const std::string& method, json result) {
    On(method, [result](const json&) { return json{{"result", result}}; });
  }
  void Error(const std::string& method, int code, const std::string& message, const std::string& reason = "",
             const std::string& detail = "") {
    json error = {{"code", code}, {"message", message}};
    if (!reason.empty()) error["data"] = {{"reason", reason}, {"detail", detail}};
    On(method, [error](const json&) { return json{{"error", error}}; });
  }
  // Answers every request with this HTTP status and body instead of JSON-RPC.
  void RawResponse(int status, std::string body) {
    std::lock_guard<std::mutex> lock(mu_);
    raw_status_ = status;
    raw_body_ = std::move(body);
  }

  // (method, params) of every call so far.
  std::vector<std::pair<std::string, json>> calls() const {
    std::lock_guard<std::mutex> lock(mu_);
    return calls_;
  }
  int CallCount(const std::string& method) const {
    int n = 0;
    for (const auto& [m, params] : calls()) n += m == method ? 1 : 0;
    return n;
  }
  // The params of the last call of `method` (null if none).
  json LastParams(const std::string& method) const {
    json out;
    for (const auto& [m, params] : calls()) {
      if (m == method) out = params;
    }
    return out;
  }

 private:
  void Handle(const httplib::Request& request, httplib::Response& response) {
    Handler handler;
    json id;
    json params;
    std::string method;
    {
      std::lock_guard<std::mutex> lock(mu_);
      if (raw_status_ != 0) {
        response.status = raw_status_;
        response.set_content(raw_body_, "text/plain");
        return;
      }
      json call = json::parse(request.body, nullptr, false);
      if (call.is_discarded() || !call.is_object()) {
        response.set_content(R"({"jsonrpc":"2.0","id":null,"error":{"code":-32700,"message":"parse error"}})",
                             "application/json");
        return;
      }
      id = call.value("id", json());
      method = call.value("method", "");
      params = call.value("params", json());
      calls_.emplace_back(method, params);
      auto it = handlers_.find(method);
      if (it != handlers_.end()) handler = it->second;
    }
    json reply = handler ? handler(params) : json{{"error", {{"code", -32601}, {"message", "method not found"}}}};
    reply["jsonrpc"] = "2.0";
    reply["id"] = id;
    response.set_content(reply.dump(), "application/json");
  }

  httplib::Server server_;
  std::thread thread_;
  int port_ = 0;
  mutable std::mutex mu_;
  std::map<std::string, Handler> handlers_;
  std::vector<std::pair<std::string, json>> calls_;
  int raw_status_ = 0;
  std::string raw_body_;
};

}  // namespace tfchain::wallet::testing
