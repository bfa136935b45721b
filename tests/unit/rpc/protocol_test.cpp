// The JSON-RPC 2.0 envelope over real HTTP: parse errors, invalid requests,
// unknown methods, parameter binding, ids, notifications and batches.
#include <gtest/gtest.h>

#include <string>

#include "rpc/dispatcher.h"
#include "rpc/json_schema.h"
#include "tests/unit/rpc/rpc_test_util.h"

namespace tfchain::rpc::testing {
namespace {

class ProtocolTest : public RpcServerTest {
 protected:
  // test_add(a: uint, b: uint = 7) -> a + b, registered like any other method.
  void RegisterAdd() {
    ASSERT_TRUE(
        server()
            .RegisterMethod(MethodSpec{.name = "test_add",
                                       .summary = "Adds two integers.",
                                       .params = {{.name = "a", .type = ParamType::kUint, .description = "first"},
                                                  {.name = "b",
                                                   .type = ParamType::kUint,
                                                   .required = false,
                                                   .description = "second",
                                                   .default_value = Share(json(7))}},
                                       .result = {"sum", Share(UintSchema())},
                                       .handler = [](const Params& p, json* result) -> RpcStatus {
                                         *result = p.Get<uint64_t>("a") + p.Get<uint64_t>("b");
                                         return RpcStatus::Ok();
                                       }})
            .ok());
  }

  json PostJson(const std::string& body) {
    httplib::Response res = Post(body);
    EXPECT_EQ(res.status, 200) << body;
    EXPECT_EQ(res.get_header_value("Content-Type"), "application/json");
    return json::parse(res.body);
  }
};

void ExpectError(const json& response, int code, const std::string& reason, const json& id) {
  ASSERT_TRUE(response.contains("error")) << response.dump();
  EXPECT_EQ(response["jsonrpc"], "2.0");
  EXPECT_EQ(response["error"]["code"], code) << response.dump();
  EXPECT_EQ(response["error"]["data"]["reason"], reason) << response.dump();
  EXPECT_FALSE(response["error"]["message"].get<std::string>().empty());
  EXPECT_EQ(response["id"], id) << response.dump();
  EXPECT_FALSE(response.contains("result"));
}

TEST_F(ProtocolTest, ParseErrors) {
  Start();
  for (const std::string body :
       {"{bad", "", "{\"jsonrpc\":\"2.0\",", "[1,]", "\xff\xfe", "nul", "[1e999]", "{\"a\":1}x"}) {
    json r = PostJson(body);
    ExpectError(r, kParseError, "parse-error", nullptr);
    EXPECT_FALSE(r["error"]["data"]["detail"].get<std::string>().empty());
  }
}

TEST_F(ProtocolTest, InvalidRequests) {
  Start();
  ExpectError(PostJson("42"), kInvalidRequest, "not-an-object", nullptr);
  ExpectError(PostJson("\"system_version\""), kInvalidRequest, "not-an-object", nullptr);
  ExpectError(PostJson(R"({"id":1,"method":"system_version"})"), kInvalidRequest, "bad-jsonrpc-version", 1);
  ExpectError(PostJson(R"({"jsonrpc":"1.0","id":1,"method":"system_version"})"), kInvalidRequest, "bad-jsonrpc-version",
              1);
  ExpectError(PostJson(R"({"jsonrpc":2.0,"id":"a","method":"system_version"})"), kInvalidRequest, "bad-jsonrpc-version",
              "a");
  ExpectError(PostJson(R"({"jsonrpc":"2.0","id":{},"method":"system_version"})"), kInvalidRequest, "bad-id", nullptr);
  ExpectError(PostJson(R"({"jsonrpc":"2.0","id":[1],"method":"system_version"})"), kInvalidRequest, "bad-id", nullptr);
  ExpectError(PostJson(R"({"jsonrpc":"2.0","id":true,"method":"system_version"})"), kInvalidRequest, "bad-id", nullptr);
  ExpectError(PostJson(R"({"jsonrpc":"2.0","id":1,"method":5})"), kInvalidRequest, "bad-method", 1);
  ExpectError(PostJson(R"({"jsonrpc":"2.0","id":1})"), kInvalidRequest, "bad-method", 1);
  ExpectError(PostJson(R"({"jsonrpc":"2.0","id":1,"method":"system_version","params":"x"})"), kInvalidRequest,
              "bad-params", 1);
  // A malformed request is answered even without an id (the spec's example).
  ExpectError(PostJson(R"({"jsonrpc":"2.0","method":1,"params":"bar"})"), kInvalidRequest, "bad-method", nullptr);
}

TEST_F(ProtocolTest, MethodNotFound) {
  Start();
  json r = PostJson(R"({"jsonrpc":"2.0","id":"abc","method":"chain_getNothing"})");
  ExpectError(r, kMethodNotFound, "method-not-found", "abc");
  EXPECT_NE(r["error"]["message"].get<std::string>().find("chain_getNothing"), std::string::npos);
}

TEST_F(ProtocolTest, IdsAreEchoed) {
  Start();
  for (const json& id : {json(7), json("req-7"), json(nullptr), json(-3), json(1.5)}) {
    json request = {{"jsonrpc", "2.0"}, {"id", id}, {"method", "system_version"}};
    json r = PostJson(request.dump());
    EXPECT_EQ(r["id"], id);
    EXPECT_EQ(r["result"], "tfchaind 0.1.0");
  }
}

TEST_F(ProtocolTest, ParamsByPositionByNameAndDefaults) {
  RegisterAdd();
  Start();
  EXPECT_EQ(Result("test_add", {2, 3}), 5);
  EXPECT_EQ(Result("test_add", {2}), 9);  // default b = 7
  EXPECT_EQ(Result("test_add", {2, nullptr}), 9);
  EXPECT_EQ(Result("test_add", {{"b", 1}, {"a", 2}}), 3);
  EXPECT_EQ(Result("test_add", {{"a", 2}, {"b", nullptr}}), 9);
  json r = PostJson(R"({"jsonrpc":"2.0","id":1,"method":"test_add","params":[18446744073709551615, 0]})");
  EXPECT_EQ(r["result"], UINT64_MAX);
}

TEST_F(ProtocolTest, InvalidParamsVariants) {
  RegisterAdd();
  Start();
  auto expect = [&](json params, const std::string& reason, const std::string& param) {
    json e = Error("test_add", params);
    EXPECT_EQ(e["code"], kInvalidParams) << params.dump();
    EXPECT_EQ(e["data"]["reason"], reason) << params.dump();
    if (!param.empty()) {
      EXPECT_EQ(e["data"]["param"], param) << params.dump();
    }
  };
  expect(json::array(), "missing-param", "a");
  expect({nullptr, 1}, "missing-param", "a");
  expect({{"b", 1}}, "missing-param", "a");
  expect({1, 2, 3}, "too-many-params", "");
  expect({{"a", 1}, {"c", 2}}, "unknown-param", "c");
  expect({"1"}, "bad-param-type", "a");
  expect({-1}, "bad-param-type", "a");
  expect({1.0}, "bad-param-type", "a");
  expect({1, true}, "bad-param-type", "b");
  expect(json::array({json::array()}), "bad-param-type", "a");
  // 2^64 does not fit: nlohmann reads it as a float.
  json r = PostJson(R"({"jsonrpc":"2.0","id":1,"method":"test_add","params":[18446744073709551616]})");
  EXPECT_EQ(r["error"]["code"], kInvalidParams);
}

TEST_F(ProtocolTest, NotificationsGetNoResponseButRun) {
  Start();
  node_.submit_result = FilledHash(0x42);
  httplib::Response res = Post(R"({"jsonrpc":"2.0","method":"tx_submit","params":["0x0a0b"]})");
  EXPECT_EQ(res.status, 204);
  EXPECT_TRUE(res.body.empty());
  ASSERT_EQ(node_.Submitted().size(), 1u);
  EXPECT_EQ(node_.Submitted()[0], (chain::Bytes{0x0a, 0x0b}));
  // Failing notifications are silent too.
  EXPECT_EQ(Post(R"({"jsonrpc":"2.0","method":"no_such_method"})").status, 204);
  EXPECT_EQ(Post(R"({"jsonrpc":"2.0","method":"tx_submit","params":[1]})").status, 204);
  EXPECT_EQ(node_.Submitted().size(), 1u);
}

TEST_F(ProtocolTest, MixedBatch) {
  Start();
  const std::string body = R"([
    {"jsonrpc":"2.0","id":1,"method":"system_version"},
    {"jsonrpc":"2.0","method":"system_version"},
    {"jsonrpc":"2.0","id":2,"method":5},
    {"jsonrpc":"2.0","id":3,"method":"nope"},
    {"jsonrpc":"2.0","id":4,"method":"chain_getBlockHash","params":["x"]},
    7,
    {"jsonrpc":"2.0","id":5,"method":"chain_getHead"}
  ])";
  json r = PostJson(body);
  ASSERT_TRUE(r.is_array());
  ASSERT_EQ(r.size(), 6u) << r.dump();
  EXPECT_EQ(r[0]["id"], 1);
  EXPECT_EQ(r[0]["result"], "tfchaind 0.1.0");
  ExpectError(r[1], kInvalidRequest, "bad-method", 2);
  ExpectError(r[2], kMethodNotFound, "method-not-found", 3);
  ExpectError(r[3], kInvalidParams, "bad-param-type", 4);
  ExpectError(r[4], kInvalidRequest, "not-an-object", nullptr);
  EXPECT_EQ(r[5]["id"], 5);
  EXPECT_EQ(r[5]["result"]["height"], 2);
}

TEST_F(ProtocolTest, BatchOfNotificationsOnlyReturnsNothing) {
  Start();
  httplib::Response res =
      Post(R"([{"jsonrpc":"2.0","method":"system_version"},{"jsonrpc":"2.0","method":"chain_getHead"}])");
  EXPECT_EQ(res.status, 204);
  EXPECT_TRUE(res.body.empty());
}

TEST_F(ProtocolTest, EmptyBatchIsOneInvalidRequest) {
  Start();
  json r = PostJson("[]");
  ASSERT_TRUE(r.is_object());
  ExpectError(r, kInvalidRequest, "empty-batch", nullptr);
}

TEST_F(ProtocolTest, OversizeBatchIsRefusedWhole) {
  options_.max_batch = 3;
  node_.submit_result = FilledHash(1);
  Start();
  json call = {{"jsonrpc", "2.0"}, {"id", 1}, {"method", "system_version"}};
  json three = json::array({call, call, call});
  EXPECT_EQ(PostJson(three.dump()).size(), 3u);
  json four = three;
  four.push_back({{"jsonrpc", "2.0"}, {"method", "tx_submit"}, {"params", {"0x01"}}});
  json r = PostJson(four.dump());
  ASSERT_TRUE(r.is_object());
  ExpectError(r, kInvalidRequest, "batch-too-large", nullptr);
  EXPECT_TRUE(node_.Submitted().empty());  // nothing of the batch ran
}

TEST_F(ProtocolTest, DeepNestingIsRefusedAndHarmless) {
  Start();
  const std::string deep = std::string(100'000, '[') + std::string(100'000, ']');
  ExpectError(PostJson(deep), kInvalidRequest, "too-deep", nullptr);
  const std::string params = std::string(70, '[') + std::string(70, ']');
  ExpectError(PostJson(R"({"jsonrpc":"2.0","id":1,"method":"test","params":)" + params + "}"), kInvalidRequest,
              "too-deep", nullptr);
  // Brackets inside strings do not count.
  json r = PostJson(R"({"jsonrpc":"2.0","id":"[[[[)" + std::string(100, '[') + R"(","method":"system_version"})");
  EXPECT_EQ(r["result"], "tfchaind 0.1.0");
}

TEST_F(ProtocolTest, HandlerExceptionIsInternalErrorAndServerGoesOn) {
  Start();
  node_.throw_on_get_head = true;
  json r = PostJson(R"({"jsonrpc":"2.0","id":1,"method":"chain_getHead"})");
  ExpectError(r, kInternalError, "internal-error", 1);
  node_.throw_on_get_head = false;
  EXPECT_EQ(Result("chain_getHead")["height"], 2);
}

TEST_F(ProtocolTest, RegistrationClosesAtStart) {
  Start();
  MethodSpec late{.name = "test_late",
                  .summary = "Too late.",
                  .result = {"x", Share(UintSchema())},
                  .handler = [](const Params&, json*) { return RpcStatus::Ok(); }};
  chain::Status s = server().RegisterMethod(late);
  EXPECT_EQ(s.reason(), "rpc-server-started");
  EXPECT_EQ(server().methods().Find("test_late"), nullptr);
}

// The dispatcher without HTTP: what a shutting-down server answers.
TEST(DispatcherTest, ShuttingDownAnswersUnavailable) {
  MethodTable table;
  ASSERT_TRUE(table
                  .Register(MethodSpec{.name = "test_one",
                                       .summary = "One.",
                                       .result = {"one", Share(UintSchema())},
                                       .handler = [](const Params&, json* r) -> RpcStatus {
                                         *r = 1;
                                         return RpcStatus::Ok();
                                       }})
                  .ok());
  Dispatcher d(table, 10);
  const std::string call = R"({"jsonrpc":"2.0","id":1,"method":"test_one"})";
  EXPECT_EQ(json::parse(*d.Handle(call, false))["result"], 1);
  d.BeginShutdown();
  ExpectError(json::parse(*d.Handle(call, false)), kUnavailable, "shutting-down", 1);
  EXPECT_EQ(d.RequestCounts().at("test_one"), 1u);
}

TEST(DispatcherTest, ErrorResponseBodyHasNullId) {
  RpcError e;
  e.code = kInvalidRequest;
  e.message = "too big";
  e.reason = "body-too-large";
  json r = json::parse(ErrorResponseBody(e));
  ExpectError(r, kInvalidRequest, "body-too-large", nullptr);
  EXPECT_FALSE(r["error"]["data"].contains("detail"));
}

}  // namespace
}  // namespace tfchain::rpc::testing
