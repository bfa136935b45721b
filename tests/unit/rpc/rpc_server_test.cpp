// The HTTP side of RpcServer: body limit, paths and verbs, /health, /metrics, the
// admin rule, lifecycle (bind errors, port 0, Stop) and concurrent clients.
#include "rpc/rpc_server.h"

#include <gtest/gtest.h>

#include <atomic>
#include <map>
#include <set>
#include <sstream>
#include <thread>
#include <vector>

#include "rpc/admin_access.h"
#include "rpc/json_schema.h"
#include "tests/unit/rpc/rpc_test_util.h"

namespace tfchain::rpc::testing {
namespace {

using ServerTest = RpcServerTest;

MethodSpec AdminMethod() {
  return MethodSpec{.name = "test_admin",
                    .summary = "A test-only admin method.",
                    .result = {"ok", Share(BoolSchema())},
                    .admin = true,
                    .handler = [](const Params&, json* result) -> RpcStatus {
                      *result = true;
                      return RpcStatus::Ok();
                    }};
}

const std::string kAdminCall = R"({"jsonrpc":"2.0","id":1,"method":"test_admin"})";

TEST_F(ServerTest, OversizeBodyIs413WithJsonRpcError) {
  options_.max_body_bytes = 1024;
  Start();
  const std::string big =
      R"({"jsonrpc":"2.0","id":1,"method":"system_version","pad":")" + std::string(2000, 'x') + "\"}";
  httplib::Response res = Post(big);
  EXPECT_EQ(res.status, 413);
  EXPECT_EQ(res.get_header_value("Content-Type"), "application/json");
  json body = json::parse(res.body);
  EXPECT_EQ(body["error"]["code"], kInvalidRequest);
  EXPECT_EQ(body["error"]["data"]["reason"], "body-too-large");
  EXPECT_TRUE(body["id"].is_null());
  // A body under the limit still works (extra members are ignored).
  const std::string small =
      R"({"jsonrpc":"2.0","id":1,"method":"system_version","pad":")" + std::string(100, 'x') + "\"}";
  EXPECT_EQ(json::parse(Post(small).body)["result"], "tfchaind 0.1.0");
}

// Regression: httplib's own limit ignores chunked bodies; the server counts itself.
TEST_F(ServerTest, ChunkedBodiesAreLimitedToo) {
  options_.max_body_bytes = 1024;
  Start();
  auto post_chunked = [&](const std::string& body) {
    httplib::Client cli = Client();
    return cli.Post(
        "/",
        [body](size_t offset, httplib::DataSink& sink) {
          const size_t n = std::min<size_t>(100, body.size() - offset);
          sink.write(body.data() + offset, n);
          if (offset + n == body.size()) sink.done();
          return true;
        },
        "application/json");
  };
  node_.submit_result = FilledHash(1);
  const std::string big =
      R"({"jsonrpc":"2.0","id":1,"method":"tx_submit","params":["0x01"],"pad":")" + std::string(5000, 'x') + "\"}";
  auto res = post_chunked(big);
  // The server answers 413 and closes without reading the rest; depending on timing
  // the client sees the 413 or a reset connection. Either way nothing ran.
  if (res) {
    EXPECT_EQ(res->status, 413);
    EXPECT_EQ(json::parse(res->body)["error"]["data"]["reason"], "body-too-large");
  }
  EXPECT_TRUE(node_.Submitted().empty());
  auto small = post_chunked(R"({"jsonrpc":"2.0","id":1,"method":"system_version"})");
  ASSERT_TRUE(small);
  EXPECT_EQ(json::parse(small->body)["result"], "tfchaind 0.1.0");
}

TEST_F(ServerTest, MultipartBodiesAreRefused) {
  Start();
  httplib::MultipartFormDataItems items = {{"a", "b", "", ""}};
  auto res = Client().Post("/", items);
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 415);
  EXPECT_EQ(json::parse(res->body)["error"]["data"]["reason"], "unsupported-media-type");
}

TEST_F(ServerTest, VerbsAndPaths) {
  Start();
  httplib::Client cli = Client();
  auto get_root = cli.Get("/");
  ASSERT_TRUE(get_root);
  EXPECT_EQ(get_root->status, 405);
  EXPECT_EQ(get_root->get_header_value("Allow"), "POST");
  EXPECT_EQ(json::parse(get_root->body)["error"]["code"], kInvalidRequest);

  auto unknown = cli.Get("/nope");
  ASSERT_TRUE(unknown);
  EXPECT_EQ(unknown->status, 404);
  auto post_unknown = cli.Post("/rpc", "{}", "application/json");
  ASSERT_TRUE(post_unknown);
  EXPECT_EQ(post_unknown->status, 404);
  auto post_health = cli.Post("/health", "{}", "application/json");
  ASSERT_TRUE(post_health);
  EXPECT_EQ(post_health->status, 404);
}

TEST_F(ServerTest, HealthOkStaleAndSyncing) {
  Start();
  httplib::Client cli = Client();
  node_.health =
      HealthInfo{.peers = 4, .is_syncing = false, .should_have_peers = true, .head_height = 9, .head_age_ms = 1200};
  auto res = cli.Get("/health");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 200);
  EXPECT_EQ(res->get_header_value("Content-Type"), "application/json");
  EXPECT_EQ(json::parse(res->body),
            json({{"status", "ok"}, {"peers", 4}, {"is_syncing", false}, {"head_height", 9}, {"head_age_ms", 1200}}));

  node_.health.head_age_ms = 30'001;
  res = cli.Get("/health");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 503);
  EXPECT_EQ(json::parse(res->body)["status"], "stale");

  node_.health.head_age_ms = 30'000;  // the limit itself is still fine
  EXPECT_EQ(cli.Get("/health")->status, 200);

  node_.health.head_age_ms = 600'000;
  node_.health.is_syncing = true;  // catching up: old head expected
  res = cli.Get("/health");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 200);
  EXPECT_EQ(json::parse(res->body)["status"], "ok");
}

// Parses the Prometheus text format strictly enough to catch malformed output:
// returns samples by "name{labels}", and checks every sample has HELP and TYPE first.
std::map<std::string, std::string> ParseExposition(const std::string& text) {
  std::map<std::string, std::string> samples;
  std::set<std::string> helped, typed;
  std::istringstream in(text);
  std::string line;
  while (std::getline(in, line)) {
    EXPECT_FALSE(line.empty());
    if (line.starts_with("# HELP ")) {
      std::string rest = line.substr(7);
      helped.insert(rest.substr(0, rest.find(' ')));
      EXPECT_NE(rest.find(' '), std::string::npos) << line;
      continue;
    }
    if (line.starts_with("# TYPE ")) {
      std::istringstream fields(line.substr(7));
      std::string name, type;
      fields >> name >> type;
      EXPECT_TRUE(type == "gauge" || type == "counter") << line;
      EXPECT_TRUE(helped.count(name)) << "TYPE before HELP: " << line;
      typed.insert(name);
      continue;
    }
    const size_t space = line.rfind(' ');
    EXPECT_NE(space, std::string::npos) << line;
    const std::string key = line.substr(0, space);
    const std::string value = line.substr(space + 1);
    EXPECT_FALSE(value.empty());
    EXPECT_EQ(value.find_first_not_of("0123456789"), std::string::npos) << line;
    const std::string name = key.substr(0, key.find('{'));
    EXPECT_TRUE(helped.count(name) && typed.count(name)) << "no HELP/TYPE for " << name;
    samples[key] = value;
  }
  return samples;
}

TEST_F(ServerTest, MetricsExposition) {
  node_.metrics = Metrics{.height = 12,
                          .mempool_size = 3,
                          .mempool_bytes = 900,
                          .txs_committed = 77,
                          .peers = 5,
                          .txs_rejected = 2,
                          .last_block_commit_ms = 14};
  Start();
  Result("system_version");
  Result("system_version");
  Call("chain_getBlock", {99});                     // a failed call counts as well
  Post(R"({"jsonrpc":"2.0","method":"no_such"})");  // unknown methods are not labels

  auto res = Client().Get("/metrics");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 200);
  EXPECT_TRUE(res->get_header_value("Content-Type").starts_with("text/plain; version=0.0.4"));
  const auto samples = ParseExposition(res->body);
  EXPECT_EQ(samples.at("tfchain_block_height"), "12");
  EXPECT_EQ(samples.at("tfchain_mempool_size"), "3");
  EXPECT_EQ(samples.at("tfchain_mempool_bytes"), "900");
  EXPECT_EQ(samples.at("tfchain_txs_committed_total"), "77");
  EXPECT_EQ(samples.at("tfchain_peers"), "5");
  EXPECT_EQ(samples.at("tfchain_txs_rejected_total"), "2");
  EXPECT_EQ(samples.at("tfchain_last_block_commit_milliseconds"), "14");
  EXPECT_EQ(samples.at("tfchain_rpc_requests_total{method=\"system_version\"}"), "2");
  EXPECT_EQ(samples.at("tfchain_rpc_requests_total{method=\"chain_getBlock\"}"), "1");
  EXPECT_EQ(samples.at("tfchain_rpc_requests_total{method=\"state_getProof\"}"), "0");
  EXPECT_EQ(samples.count("tfchain_rpc_requests_total{method=\"no_such\"}"), 0u);
}

TEST_F(ServerTest, AdminMethodOpenOnLoopback) {
  ASSERT_TRUE(server().RegisterMethod(AdminMethod()).ok());
  Start();
  EXPECT_EQ(json::parse(Post(kAdminCall).body)["result"], true);
}

TEST_F(ServerTest, AdminMethodOnPublicBindWithoutTokenIsRefused) {
  options_.host = "0.0.0.0";
  ASSERT_TRUE(server().RegisterMethod(AdminMethod()).ok());
  Start();
  for (const httplib::Headers& headers : {httplib::Headers{}, httplib::Headers{{"Authorization", "Bearer "}}}) {
    json r = json::parse(Post(kAdminCall, headers).body);
    EXPECT_EQ(r["error"]["code"], kUnauthorized) << r.dump();
    EXPECT_EQ(r["error"]["data"]["reason"], "unauthorized");
  }
  // Ordinary methods are unaffected.
  EXPECT_EQ(json::parse(Post(R"({"jsonrpc":"2.0","id":1,"method":"system_version"})").body)["result"],
            "tfchaind 0.1.0");
}

TEST_F(ServerTest, AdminMethodOnPublicBindNeedsTheToken) {
  options_.host = "0.0.0.0";
  options_.admin_token = "s3cret-token";
  ASSERT_TRUE(server().RegisterMethod(AdminMethod()).ok());
  Start();
  for (const std::string auth : {"", "Bearer wrong", "Bearer s3cret-toke", "Bearer s3cret-token2", "s3cret-token",
                                 "Basic s3cret-token", "bearer s3cret-token"}) {
    httplib::Headers headers;
    if (!auth.empty()) headers.emplace("Authorization", auth);
    json r = json::parse(Post(kAdminCall, headers).body);
    EXPECT_EQ(r["error"]["code"], kUnauthorized) << auth;
  }
  json ok = json::parse(Post(kAdminCall, {{"Authorization", "Bearer s3cret-token"}}).body);
  EXPECT_EQ(ok["result"], true) << ok.dump();
  // Unauthorized calls never reach the handler but do count.
  json batch = json::parse(Post("[" + kAdminCall + "," + kAdminCall + "]").body);
  ASSERT_EQ(batch.size(), 2u);
  EXPECT_EQ(batch[1]["error"]["code"], kUnauthorized);
}

TEST(AdminAccessTest, LoopbackHosts) {
  for (const char* host : {"127.0.0.1", "127.0.0.2", "127.255.255.254", "::1", "[::1]", "localhost", "::ffff:127.0.0.1",
                           "0:0:0:0:0:0:0:1"}) {
    EXPECT_TRUE(IsLoopbackHost(host)) << host;
  }
  for (const char* host : {"0.0.0.0", "::", "10.0.0.1", "192.168.1.1", "128.0.0.1", "126.0.0.1", "", "example.com",
                           "127.0.0.1.nip.io", "::2", "::ffff:10.0.0.1", "127.0.0.1 ", "localhost.", "[::1"}) {
    EXPECT_FALSE(IsLoopbackHost(host)) << host;
  }
}

TEST(AdminAccessTest, TokenRule) {
  // Loopback: always allowed, token or not.
  EXPECT_TRUE(AdminAllowed("127.0.0.1", "", ""));
  EXPECT_TRUE(AdminAllowed("::1", "tok", "Bearer wrong"));
  // Public bind without a token configured: never.
  EXPECT_FALSE(AdminAllowed("0.0.0.0", "", ""));
  EXPECT_FALSE(AdminAllowed("0.0.0.0", "", "Bearer "));
  // Public bind with a token: exactly "Bearer <token>".
  EXPECT_TRUE(AdminAllowed("0.0.0.0", "tok", "Bearer tok"));
  EXPECT_TRUE(AdminAllowed("10.1.2.3", "tok", "Bearer tok"));
  EXPECT_FALSE(AdminAllowed("0.0.0.0", "tok", ""));
  EXPECT_FALSE(AdminAllowed("0.0.0.0", "tok", "tok"));
  EXPECT_FALSE(AdminAllowed("0.0.0.0", "tok", "Bearer to"));
  EXPECT_FALSE(AdminAllowed("0.0.0.0", "tok", "Bearer tok "));
  EXPECT_FALSE(AdminAllowed("0.0.0.0", "tok", "Bearer Tok"));
  EXPECT_FALSE(AdminAllowed("0.0.0.0", "tok", "Basic tok"));
}

TEST_F(ServerTest, PortZeroPicksAFreePortAndStopIsIdempotent) {
  RpcServer idle(node_, options_);
  EXPECT_EQ(idle.port(), 0);
  idle.Stop();  // before Start: no-op
  Start();
  const uint16_t port = server().port();
  EXPECT_GT(port, 0);
  EXPECT_EQ(server().Start().reason(), "rpc-server-started");
  server().Stop();
  server().Stop();
  httplib::Client cli("127.0.0.1", port);
  cli.set_connection_timeout(std::chrono::seconds(2));
  EXPECT_FALSE(cli.Get("/health"));  // nobody listens any more
}

TEST_F(ServerTest, BindFailures) {
  Start();
  RpcServerOptions taken = options_;
  taken.port = server().port();
  RpcServer second(node_, taken);
  chain::Status s = second.Start();
  EXPECT_EQ(s.reason(), "rpc-bind-failed");
  EXPECT_NE(s.detail().find(std::to_string(taken.port)), std::string::npos) << s.ToString();
  EXPECT_EQ(second.port(), 0);

  RpcServerOptions bad_host = options_;
  bad_host.host = "256.1.1.1";
  RpcServer third(node_, bad_host);
  EXPECT_EQ(third.Start().reason(), "rpc-bind-failed");
  // The first server is undisturbed.
  EXPECT_EQ(Result("system_version"), "tfchaind 0.1.0");
}

TEST_F(ServerTest, ConcurrentClients) {
  Start();
  std::atomic<int> good{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&, t] {
      httplib::Client cli("127.0.0.1", server_->port());
      for (int i = 0; i < 25; ++i) {
        json request = {{"jsonrpc", "2.0"}, {"id", t * 100 + i}, {"method", "chain_getBlockHash"}, {"params", {i % 3}}};
        auto res = cli.Post("/", request.dump(), "application/json");
        if (!res || res->status != 200) continue;
        json r = json::parse(res->body);
        if (r["id"] == t * 100 + i && r["result"] == node_.blocks[i % 3].hash.Hex()) ++good;
      }
    });
  }
  for (auto& th : threads) th.join();
  EXPECT_EQ(good, 100);
}

}  // namespace
}  // namespace tfchain::rpc::testing
