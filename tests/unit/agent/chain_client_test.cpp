// ChainClient and Registrar against a fake JSON-RPC server on loopback (cpp-httplib):
// URL checks, error mapping, and the registrar's decisions (already registered: no
// transaction; registered in another farm: refused; unfunded: "fund account" logged).
#include "farmer-agent/chain_client.h"

#include <httplib.h>

#include <functional>
#include <map>
#include <mutex>
#include <thread>

#include <gtest/gtest.h>

#include "chain/account_id.h"
#include "chain/grid_json.h"
#include "farmer-agent/registrar.h"

namespace tfchain::agent {
namespace {

using nlohmann::json;

// Answers JSON-RPC methods from handlers; counts calls per method. A missing handler
// answers -32601. Thread-safe.
class FakeRpc {
 public:
  using Handler = std::function<json(const json& params)>;  // a {"result"} or {"error"} object
  FakeRpc() {
    server_.Post("/", [this](const httplib::Request& req, httplib::Response& res) {
      json request = json::parse(req.body);
      std::string method = request["method"];
      Handler handler;
      {
        std::lock_guard<std::mutex> lock(mu_);
        ++calls_[method];
        if (auto it = handlers_.find(method); it != handlers_.end()) handler = it->second;
      }
      json answer = handler ? handler(request["params"]) : json{{"error", {{"code", -32601}, {"message", "nope"}}}};
      answer["jsonrpc"] = "2.0";
      answer["id"] = request["id"];
      res.set_content(answer.dump(), "application/json");
    });
    port_ = server_.bind_to_any_port("127.0.0.1");
    thread_ = std::thread([this] { server_.listen_after_bind(); });
  }
  ~FakeRpc() {
    server_.stop();
    thread_.join();
  }
  void On(const std::string& method, Handler handler) {
    std::lock_guard<std::mutex> lock(mu_);
    handlers_[method] = std::move(handler);
  }
  int Calls(const std::string& method) {
    std::lock_guard<std::mutex> lock(mu_);
    return calls_[method];
  }
  std::string url() const { return "http://127.0.0.1:" + std::to_string(port_); }

 private:
  httplib::Server server_;
  int port_ = 0;
  std::thread thread_;
  std::mutex mu_;
  std::map<std::string, Handler> handlers_;
  std::map<std::string, int> calls_;
};

json Error(int code, const std::string& reason, const std::string& detail = "d") {
  return {{"error", {{"code", code}, {"message", reason + ": " + detail}, {"data", {{"reason", reason}, {"detail", detail}}}}}};
}

chain::SecretKey TestKey() {
  chain::Bytes seed(32, 9);
  return std::move(chain::SecretKey::FromSeed(chain::KeyScheme::kEd25519, seed)).value();
}

json NodeJson(chain::FarmId farm, const chain::Resources& r, const chain::Location& l, const std::string& endpoint) {
  return {{"node_id", 5},         {"farm_id", farm},   {"twin_id", 9},         {"resources", chain::ToJson(r)},
          {"location", chain::ToJson(l)}, {"agent_endpoint", endpoint}, {"status", "up"}, {"last_uptime_report_ms", 0}};
}

TEST(ChainClient, RejectsBadUrls) {
  for (const char* url : {"https://x:1", "x:1", "http://", "http://:5", "http://x:0", "http://x:70000", "http://x:1/p",
                          "http://x:abc"}) {
    auto c = ChainClient::Create(url, {});
    ASSERT_FALSE(c.ok()) << url;
    EXPECT_EQ(c.status().reason(), "bad-rpc-url") << url;
  }
  EXPECT_TRUE(ChainClient::Create("http://127.0.0.1:9933/", {}).ok());
}

TEST(ChainClient, MapsResultsAndErrors) {
  FakeRpc rpc;
  rpc.On("chain_getHead", [](const json&) { return json{{"result", {{"height", 42}}}}; });
  rpc.On("grid_getTwinByAccount", [](const json&) { return Error(-32001, "twin-not-found"); });
  rpc.On("tx_submit", [](const json&) { return Error(-32000, "insufficient-balance", "cannot pay"); });
  rpc.On("system_chain", [](const json&) { return json{{"result", {{"chain_id", "tfchain-devnet"}}}}; });
  rpc.On("state_getAccount", [](const json&) {
    return json{{"result", {{"free", "0"}, {"reserved", "0"}, {"pending_nonce", 3}}}};
  });
  rpc.On("grid_getNode", [](const json&) { return json{{"result", {{"node_id", "not a number"}}}}; });
  auto client = std::move(ChainClient::Create(rpc.url(), {})).value();
  EXPECT_EQ(client->HeadHeight().value(), 42u);
  auto twin = client->TwinOf(TestKey().account_id());
  ASSERT_TRUE(twin.ok());
  EXPECT_FALSE(twin->has_value());
  auto missing = client->Call("no_such_method", json::array());
  EXPECT_EQ(missing.status().reason(), "rpc-error");
  EXPECT_EQ(missing.status().code(), chain::Status::Code::kInvalidArgument);
  auto sent = client->SubmitAndWait(TestKey(), chain::Call(chain::NodeReportUptimeCall{7}));
  ASSERT_FALSE(sent.ok());
  EXPECT_EQ(sent.status().reason(), "insufficient-balance");
  EXPECT_NE(sent.status().detail().find("cannot pay"), std::string_view::npos);
  auto node = client->GetNode(5);
  EXPECT_EQ(node.status().reason(), "bad-rpc-response");
}

TEST(ChainClient, UnreachableNode) {
  auto client = std::move(ChainClient::Create("http://127.0.0.1:1", {})).value();
  auto r = client->HeadHeight();
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().reason(), "node-unreachable");
  EXPECT_EQ(r.status().code(), chain::Status::Code::kUnavailable);
}

class RegistrarTest : public ::testing::Test {
 protected:
  RegistrarTest() {
    capacity_.resources = {2, 4ull << 30, 200ull << 30, 0};
    options_.farm_id = 1;
    options_.agent_endpoint = "http://127.0.0.1:2021";
    options_.location = {"Ghent", "BE", 0, 0};
    options_.retry_interval = std::chrono::milliseconds(50);
    rpc_.On("grid_getTwinByAccount", [](const json&) { return json{{"result", {{"twin_id", 9}}}}; });
    rpc_.On("state_getAccount", [this](const json&) {
      return json{{"result", {{"free", std::to_string(free_.load())}, {"reserved", "0"}, {"pending_nonce", 0}}}};
    });
  }
  std::vector<std::string> Lines() {
    std::lock_guard<std::mutex> lock(mu_);
    return lines_;
  }
  Registrar::Logger Logger() {
    return [this](std::string_view line) {
      std::lock_guard<std::mutex> lock(mu_);
      lines_.emplace_back(line);
    };
  }

  FakeRpc rpc_;
  chain::SecretKey key_ = TestKey();
  Capacity capacity_;
  RegistrarOptions options_;
  std::atomic<uint64_t> free_{0};
  std::mutex mu_;
  std::vector<std::string> lines_;
};

TEST_F(RegistrarTest, AlreadyRegisteredSendsNothing) {
  rpc_.On("grid_getNode", [this](const json&) {
    return json{{"result", NodeJson(1, capacity_.resources, options_.location, options_.agent_endpoint)}};
  });
  auto client = std::move(ChainClient::Create(rpc_.url(), {})).value();
  Registrar registrar(*client, key_, options_, Logger());
  std::atomic<bool> stop{false};
  auto id = registrar.EnsureRegistered(capacity_, stop);
  ASSERT_TRUE(id.ok()) << id.status().ToString();
  EXPECT_EQ(*id, 5u);
  EXPECT_EQ(rpc_.Calls("tx_submit"), 0);
}

TEST_F(RegistrarTest, NodeInAnotherFarmIsRefused) {
  rpc_.On("grid_getNode", [this](const json&) {
    return json{{"result", NodeJson(2, capacity_.resources, options_.location, options_.agent_endpoint)}};
  });
  auto client = std::move(ChainClient::Create(rpc_.url(), {})).value();
  Registrar registrar(*client, key_, options_, Logger());
  std::atomic<bool> stop{false};
  auto id = registrar.EnsureRegistered(capacity_, stop);
  ASSERT_FALSE(id.ok());
  EXPECT_EQ(id.status().reason(), "node-in-other-farm");
  EXPECT_EQ(rpc_.Calls("tx_submit"), 0);
}

TEST_F(RegistrarTest, UnfundedAccountWaitsAndAsksForFunds) {
  rpc_.On("grid_getNode", [](const json&) { return Error(-32001, "node-not-found"); });
  auto client = std::move(ChainClient::Create(rpc_.url(), {})).value();
  Registrar registrar(*client, key_, options_, Logger());
  std::atomic<bool> stop{false};
  std::thread stopper([&] {
    std::this_thread::sleep_for(std::chrono::milliseconds(300));
    stop.store(true);
  });
  auto id = registrar.EnsureRegistered(capacity_, stop);
  stopper.join();
  ASSERT_FALSE(id.ok());
  EXPECT_EQ(id.status().reason(), "stopped");
  EXPECT_EQ(rpc_.Calls("tx_submit"), 0);
  auto lines = Lines();
  ASSERT_FALSE(lines.empty());
  EXPECT_EQ(lines[0], "fund account " + chain::ToSs58(key_.account_id()) +
                          " (the node account needs TFT for registration fees)");
  EXPECT_GE(rpc_.Calls("state_getAccount"), 2);  // it kept polling
}

TEST_F(RegistrarTest, ChainRejectionOfNodeCreateIsReturned) {
  free_ = 100;
  rpc_.On("grid_getNode", [](const json&) { return Error(-32001, "node-not-found"); });
  rpc_.On("system_chain", [](const json&) { return json{{"result", {{"chain_id", "tfchain-devnet"}}}}; });
  rpc_.On("chain_getHead", [](const json&) { return json{{"result", {{"height", 1}}}}; });
  rpc_.On("tx_submit", [](const json&) { return json{{"result", "0x00"}}; });
  rpc_.On("tx_getReceipt", [](const json&) {
    return json{{"result", {{"status", "failed"}, {"error", "farm-not-found"}, {"message", "farm 1"}}}};
  });
  auto client = std::move(ChainClient::Create(rpc_.url(), {})).value();
  Registrar registrar(*client, key_, options_, Logger());
  std::atomic<bool> stop{false};
  auto id = registrar.EnsureRegistered(capacity_, stop);
  ASSERT_FALSE(id.ok());
  EXPECT_EQ(id.status().reason(), "farm-not-found");
  EXPECT_EQ(rpc_.Calls("tx_submit"), 1);
}

}  // namespace
}  // namespace tfchain::agent
