#include "wallet/rpc_client.h"

#include <gtest/gtest.h>

#include <thread>

#include "tests/unit/wallet/fake_node.h"
#include "wallet/node_client.h"

namespace tfchain::wallet {
namespace {

using nlohmann::json;
using testing::FakeNode;

std::unique_ptr<RpcClient> ClientFor(const std::string& url,
                                     std::chrono::milliseconds timeout = std::chrono::seconds(5)) {
  auto client = RpcClient::Create(url, RpcClient::Options{timeout});
  EXPECT_TRUE(client.ok()) << client.status().ToString();
  return std::move(client).value();
}

TEST(ParseRpcUrl, AcceptsHttpHostPort) {
  auto url = ParseRpcUrl("http://127.0.0.1:9933");
  ASSERT_TRUE(url.ok());
  EXPECT_EQ(url->host, "127.0.0.1");
  EXPECT_EQ(url->port, 9933);
  EXPECT_EQ(url->url, "http://127.0.0.1:9933");

  auto no_port = ParseRpcUrl("http://node.example/");
  ASSERT_TRUE(no_port.ok());
  EXPECT_EQ(no_port->port, 80);
  EXPECT_EQ(no_port->url, "http://node.example:80");

  auto v6 = ParseRpcUrl("http://[::1]:9944");
  ASSERT_TRUE(v6.ok());
  EXPECT_EQ(v6->host, "::1");
  EXPECT_EQ(v6->port, 9944);
  EXPECT_EQ(v6->url, "http://[::1]:9944");
}

TEST(ParseRpcUrl, RejectsEverythingElse) {
  for (const char* bad : {"https://node:9933", "ws://node:9944", "node:9933", "127.0.0.1", "", "http://",
                          "http://:9933", "http://node:", "http://node:0", "http://node:65536", "http://node:x",
                          "http://node:9933/rpc", "http://user@node:9933", "http://node:9933?x=1", "http://[::1"}) {
    auto url = ParseRpcUrl(bad);
    ASSERT_FALSE(url.ok()) << bad;
    EXPECT_EQ(url.status().reason(), "bad-rpc-url") << bad;
  }
  EXPECT_NE(ParseRpcUrl("https://node:9933").status().detail().find("only the http:// scheme"), std::string_view::npos);
  EXPECT_EQ(RpcClient::Create("https://x:1", {}).status().reason(), "bad-rpc-url");
}

TEST(RpcClient, CallReturnsTheResult) {
  FakeNode node;
  node.On("echo", [](const json& params) { return json{{"result", {{"got", params}}}}; });
  auto client = ClientFor(node.url());
  auto result = client->Call("echo", json::array({1, "two"}));
  ASSERT_TRUE(result.ok()) << result.status().ToString();
  EXPECT_EQ((*result)["got"], json::array({1, "two"}));
  // A second call on the same client works too (fresh id).
  EXPECT_TRUE(client->Call("echo", json::object()).ok());
  EXPECT_EQ(node.CallCount("echo"), 2);
}

TEST(RpcClient, MapsRpcErrorsToTheNodesReason) {
  FakeNode node;
  node.Error("tx_submit", -32000, "transaction rejected", "bad-nonce", "nonce 3 already used");
  node.Error("tx_get", -32001, "not found", "tx-not-found", "no transaction 0x12");
  node.Error("busy", -32002, "unavailable", "mempool-full");
  node.Error("nope", -32601, "method not found");
  node.Error("boom", -32603, "internal error");
  auto client = ClientFor(node.url());

  auto rejected = client->Call("tx_submit", json::array());
  EXPECT_EQ(rejected.status().reason(), "bad-nonce");
  EXPECT_EQ(rejected.status().detail(), "nonce 3 already used");
  EXPECT_EQ(rejected.status().code(), chain::Status::Code::kInvalidArgument);

  auto missing = client->Call("tx_get", json::array());
  EXPECT_EQ(missing.status().reason(), "tx-not-found");
  EXPECT_EQ(missing.status().code(), chain::Status::Code::kNotFound);

  auto busy = client->Call("busy", json::array());
  EXPECT_EQ(busy.status().reason(), "mempool-full");
  EXPECT_EQ(busy.status().detail(), "unavailable");  // no detail: the message
  EXPECT_EQ(busy.status().code(), chain::Status::Code::kUnavailable);

  auto unknown = client->Call("nope", json::array());
  EXPECT_EQ(unknown.status().reason(), "rpc-error");
  EXPECT_EQ(unknown.status().detail(), "method not found");

  auto internal = client->Call("boom", json::array());
  EXPECT_EQ(internal.status().code(), chain::Status::Code::kInternal);
  EXPECT_NE(internal.status().detail().find("-32603"), std::string_view::npos);
}

TEST(RpcClient, RejectsAnswersThatAreNotJsonRpc) {
  FakeNode node;
  auto client = ClientFor(node.url());
  for (const auto& [status, body] : std::vector<std::pair<int, std::string>>{
           {200, "hello"},
           {500, ""},
           {200, R"({"jsonrpc":"1.0","id":1,"result":1})"},
           {200, R"({"jsonrpc":"2.0","id":999,"result":1})"},
           {200, R"({"jsonrpc":"2.0","id":1})"},
           {200, "[1,2]"},
       }) {
    node.RawResponse(status, body);
    auto result = client->Call("x", json::array());
    ASSERT_FALSE(result.ok()) << body;
    EXPECT_EQ(result.status().reason(), "bad-rpc-response") << body;
  }
  node.RawResponse(404, "");
  EXPECT_NE(client->Call("x", json::array()).status().detail().find("HTTP 404"), std::string_view::npos);
}

TEST(RpcClient, UnreachableNode) {
  std::string url;
  {
    FakeNode node;
    url = node.url();
  }  // stopped: nothing listens on the port any more
  auto client = ClientFor(url);
  auto result = client->Call("system_chain", json::array());
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.status().reason(), "node-unreachable");
  EXPECT_EQ(result.status().code(), chain::Status::Code::kUnavailable);
  EXPECT_EQ(result.status().detail(), "cannot reach node at " + url + ": connection refused");
}

TEST(RpcClient, TimesOut) {
  FakeNode node;
  node.On("slow", [](const json&) {
    std::this_thread::sleep_for(std::chrono::milliseconds(600));
    return json{{"result", 1}};
  });
  auto client = ClientFor(node.url(), std::chrono::milliseconds(150));
  auto start = std::chrono::steady_clock::now();
  auto result = client->Call("slow", json::array());
  EXPECT_EQ(result.status().reason(), "node-unreachable");
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::milliseconds(550));
}

TEST(NodeClient, ChecksTheShapeOfAnswers) {
  FakeNode node;
  auto client = ClientFor(node.url());
  NodeClient typed(*client);
  const std::string alice = "5FA9nQDVg267DEd8m1ZypXLBnvN7SFxYwV7ndqSYGiN9TTpu";
  auto account_id = chain::ParseSs58(alice);
  ASSERT_TRUE(account_id.ok());

  json good = {{"address", alice}, {"free", "15000000"}, {"reserved", "0"},
               {"nonce", 3},       {"pending_nonce", 4}, {"height", 9}};
  node.Result("state_getAccount", good);
  auto account = typed.GetAccount(*account_id);
  ASSERT_TRUE(account.ok()) << account.status().ToString();
  EXPECT_EQ(account->free, 15'000'000u);
  EXPECT_EQ(account->pending_nonce, 4u);
  EXPECT_EQ(node.LastParams("state_getAccount"), json::array({alice}));

  for (const auto& [field, value] :
       std::vector<std::pair<std::string, json>>{{"free", 1.5},
                                                 {"free", "-1"},
                                                 {"free", "1.5"},
                                                 {"nonce", -1},
                                                 {"nonce", "3"},
                                                 {"height", nullptr},
                                                 {"address", "5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQY"}}) {
    json bad = good;
    bad[field] = value;
    node.Result("state_getAccount", bad);
    auto parsed = typed.GetAccount(*account_id);
    ASSERT_FALSE(parsed.ok()) << field << "=" << value;
    EXPECT_EQ(parsed.status().reason(), "bad-rpc-response");
    EXPECT_NE(parsed.status().detail().find("state_getAccount"), std::string_view::npos);
  }
  json missing = good;
  missing.erase("free");
  node.Result("state_getAccount", missing);
  EXPECT_NE(typed.GetAccount(*account_id).status().detail().find("'free' is missing"), std::string_view::npos);
}

}  // namespace
}  // namespace tfchain::wallet
