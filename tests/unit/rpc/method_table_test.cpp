// The method table: registration rules, parameter conversion per type, and the
// OpenRPC document generated from the table (also through rpc.discover).
#include "rpc/method_table.h"

#include <gtest/gtest.h>

#include <set>

#include "rpc/json_schema.h"
#include "rpc/methods.h"
#include "rpc/openrpc.h"
#include "tests/unit/rpc/rpc_test_util.h"

namespace tfchain::rpc::testing {
namespace {

MethodSpec Minimal(std::string name) {
  return MethodSpec{.name = std::move(name),
                    .summary = "A method.",
                    .result = {"r", Share(UintSchema())},
                    .handler = [](const Params&, json*) { return RpcStatus::Ok(); }};
}

TEST(MethodTableTest, RegistersAndFinds) {
  MethodTable table;
  ASSERT_TRUE(table.Register(Minimal("a_one")).ok());
  ASSERT_TRUE(table.Register(Minimal("a_two")).ok());
  ASSERT_NE(table.Find("a_one"), nullptr);
  EXPECT_EQ(table.Find("a_one")->name, "a_one");
  EXPECT_EQ(table.Find("a_three"), nullptr);
  ASSERT_EQ(table.methods().size(), 2u);
  EXPECT_EQ(table.methods()[1]->name, "a_two");
}

TEST(MethodTableTest, RejectsBadSpecsAndLeavesTheTableUnchanged) {
  MethodTable table;
  ASSERT_TRUE(table.Register(Minimal("a_one")).ok());
  EXPECT_EQ(table.Register(Minimal("a_one")).reason(), "duplicate-method");

  std::vector<MethodSpec> bad;
  bad.push_back(Minimal(""));
  MethodSpec no_summary = Minimal("b_1");
  no_summary.summary.clear();
  bad.push_back(no_summary);
  MethodSpec no_handler = Minimal("b_2");
  no_handler.handler = nullptr;
  bad.push_back(no_handler);
  MethodSpec no_result_name = Minimal("b_3");
  no_result_name.result.name.clear();
  bad.push_back(no_result_name);
  MethodSpec no_schema = Minimal("b_4");
  no_schema.result.schema = nullptr;
  bad.push_back(no_schema);
  MethodSpec scalar_schema = Minimal("b_5");
  scalar_schema.result.schema = Share(json(1));
  bad.push_back(scalar_schema);
  MethodSpec unnamed_param = Minimal("b_6");
  unnamed_param.params = {{.name = "", .type = ParamType::kUint}};
  bad.push_back(unnamed_param);
  MethodSpec dup_param = Minimal("b_7");
  dup_param.params = {{.name = "x", .type = ParamType::kUint}, {.name = "x", .type = ParamType::kUint}};
  bad.push_back(dup_param);
  MethodSpec required_after_optional = Minimal("b_8");
  required_after_optional.params = {{.name = "x", .type = ParamType::kUint, .required = false},
                                    {.name = "y", .type = ParamType::kUint}};
  bad.push_back(required_after_optional);
  MethodSpec default_on_required = Minimal("b_9");
  default_on_required.params = {{.name = "x", .type = ParamType::kUint, .default_value = Share(json(1))}};
  bad.push_back(default_on_required);
  MethodSpec default_of_wrong_type = Minimal("b_10");
  default_of_wrong_type.params = {
      {.name = "x", .type = ParamType::kUint, .required = false, .default_value = Share(json("1"))}};
  bad.push_back(default_of_wrong_type);
  MethodSpec null_default = Minimal("b_11");
  null_default.params = {
      {.name = "x", .type = ParamType::kUint, .required = false, .default_value = Share(json(nullptr))}};
  bad.push_back(null_default);

  for (MethodSpec& spec : bad) {
    const std::string name = spec.name;
    chain::Status s = table.Register(std::move(spec));
    EXPECT_EQ(s.reason(), "bad-method-spec") << name;
    EXPECT_FALSE(s.detail().empty());
  }
  EXPECT_EQ(table.methods().size(), 1u);
}

TEST(ParamValueTest, ConvertsEveryType) {
  using chain::AccountId;
  using chain::Hash256;
  EXPECT_EQ(std::get<uint64_t>(ParseParamValue(ParamType::kUint, json(5)).value()), 5u);
  EXPECT_EQ(std::get<uint64_t>(ParseParamValue(ParamType::kAmount, json("12500000")).value()), 12'500'000u);
  EXPECT_EQ(std::get<uint64_t>(ParseParamValue(ParamType::kAmount, json(3)).value()), 3u);
  EXPECT_EQ(std::get<bool>(ParseParamValue(ParamType::kBool, json(true)).value()), true);
  EXPECT_EQ(std::get<std::string>(ParseParamValue(ParamType::kString, json("hi")).value()), "hi");
  EXPECT_EQ(std::get<Hash256>(ParseParamValue(ParamType::kHash, json(FilledHash(3).Hex())).value()), FilledHash(3));
  const std::string ss58 = chain::ToSs58(FilledAccount(4));
  EXPECT_EQ(std::get<AccountId>(ParseParamValue(ParamType::kAccount, json(ss58)).value()), FilledAccount(4));
  EXPECT_EQ(std::get<AccountId>(ParseParamValue(ParamType::kAccount, json(FilledAccount(4).Hex())).value()),
            FilledAccount(4));
  EXPECT_EQ(std::get<chain::Bytes>(ParseParamValue(ParamType::kHexBytes, json("0x00ff")).value()),
            (chain::Bytes{0x00, 0xff}));
  EXPECT_EQ(std::get<BlockRef>(ParseParamValue(ParamType::kBlockRef, json(9)).value()), BlockRef(uint64_t{9}));
  EXPECT_EQ(std::get<BlockRef>(ParseParamValue(ParamType::kBlockRef, json(FilledHash(1).Hex())).value()),
            BlockRef(FilledHash(1)));
  auto any = ParseParamValue(ParamType::kJson, json({{"x", 1}}));
  EXPECT_EQ(*std::get<JsonParam>(any.value()), json({{"x", 1}}));
}

TEST(ParamValueTest, RejectsWithStableReasons) {
  struct Case {
    ParamType type;
    json value;
    const char* reason;
  };
  const std::vector<Case> cases = {
      {ParamType::kUint, json(-1), "bad-param-type"},
      {ParamType::kUint, json(1.5), "bad-param-type"},
      {ParamType::kUint, json("1"), "bad-param-type"},
      {ParamType::kAmount, json("1.5"), "bad-amount"},
      {ParamType::kAmount, json(-2), "bad-amount"},
      {ParamType::kAmount, json("007"), "bad-amount"},
      {ParamType::kAmount, json(true), "bad-param-type"},
      {ParamType::kBool, json(1), "bad-param-type"},
      {ParamType::kString, json(1), "bad-param-type"},
      {ParamType::kHash, json("0x12"), "bad-length"},
      {ParamType::kHash, json(12), "bad-param-type"},
      {ParamType::kAccount, json("not-an-address"), "bad-ss58"},
      {ParamType::kAccount, json(json::object()), "bad-param-type"},
      {ParamType::kHexBytes, json("00ff"), "bad-hex"},
      {ParamType::kHexBytes, json("0x0"), "bad-hex"},
      {ParamType::kHexBytes, json(json::array()), "bad-param-type"},
      {ParamType::kBlockRef, json(-1), "bad-param-type"},
      {ParamType::kBlockRef, json("latest"), "bad-hex"},
      {ParamType::kBlockRef, json(false), "bad-param-type"},
  };
  for (const Case& c : cases) {
    auto r = ParseParamValue(c.type, c.value);
    ASSERT_FALSE(r.ok()) << ParamTypeName(c.type) << " " << c.value.dump();
    EXPECT_EQ(r.status().reason(), c.reason) << ParamTypeName(c.type) << " " << c.value.dump();
  }
}

TEST(OpenRpcTest, DocumentMirrorsTheTable) {
  FakeNodeApi node;
  MethodTable table;
  ASSERT_TRUE(RegisterNodeMethods(table, node).ok());
  MethodSpec admin = Minimal("test_admin");
  admin.admin = true;
  admin.params = {{.name = "n",
                   .type = ParamType::kUint,
                   .required = false,
                   .description = "how many",
                   .default_value = Share(json(3))}};
  ASSERT_TRUE(table.Register(admin).ok());

  const json doc = OpenRpcDocument(table);
  EXPECT_EQ(doc["openrpc"], "1.2.6");
  EXPECT_EQ(doc["info"]["title"], "tfchain JSON-RPC");
  EXPECT_EQ(doc["info"]["version"], "0.1.0");
  ASSERT_EQ(doc["methods"].size(), table.methods().size());
  for (size_t i = 0; i < table.methods().size(); ++i) {
    const MethodSpec& spec = *table.methods()[i];
    const json& m = doc["methods"][i];
    EXPECT_EQ(m["name"], spec.name);
    EXPECT_EQ(m["summary"], spec.summary);
    EXPECT_EQ(m["result"]["name"], spec.result.name);
    EXPECT_EQ(m["result"]["schema"], *spec.result.schema);
    ASSERT_EQ(m["params"].size(), spec.params.size()) << spec.name;
    for (size_t p = 0; p < spec.params.size(); ++p) {
      EXPECT_EQ(m["params"][p]["name"], spec.params[p].name);
      EXPECT_EQ(m["params"][p]["required"], spec.params[p].required);
      EXPECT_TRUE(m["params"][p]["schema"].is_object());
    }
    EXPECT_EQ(m.value("x-admin", false), spec.admin);
  }
  const json& last = doc["methods"].back();
  EXPECT_EQ(last["params"][0]["schema"]["default"], 3);
  EXPECT_EQ(last["params"][0]["summary"], "how many");
  EXPECT_EQ(last["params"][0]["schema"]["type"], "integer");
}

TEST(OpenRpcTest, NodeMethodsAreTheDocumentedOnes) {
  FakeNodeApi node;
  MethodTable table;
  ASSERT_TRUE(RegisterNodeMethods(table, node).ok());
  std::set<std::string> names;
  for (const auto& m : table.methods()) names.insert(m->name);
  EXPECT_EQ(names, (std::set<std::string>{
                       "system_health",  "system_version",        "system_chain",         "system_properties",
                       "system_peers",   "system_syncState",      "chain_getHead",        "chain_getHeader",
                       "chain_getBlock", "chain_getBlockHash",    "chain_getCommit",      "tx_submit",
                       "tx_get",         "tx_getReceipt",         "state_getAccount",     "state_getTotalIssuance",
                       "state_getProof", "staking_getValidators", "staking_getValidator", "staking_getEvidence",
                       "grid_getTwin", "grid_getTwinByAccount", "grid_getFarm", "grid_listFarms", "grid_getNode",
                       "grid_listNodes", "grid_findNodes", "grid_getNodeUptime", "grid_getPricingPolicy",
                       "grid_getFarmingPolicy", "grid_getStats", "farming_getRewards", "gov_listProposals",
                       "gov_getProposal", "grid_getSolutionProvider", "contract_get", "contract_listByTwin",
                       "contract_listByNode", "contract_getBills", "contract_estimateCost", "contract_fundedUntil",
                       "contract_getServiceContract"}));
  // Registering them twice clashes.
  EXPECT_EQ(RegisterNodeMethods(table, node).reason(), "duplicate-method");
}

using DiscoverTest = RpcServerTest;

TEST_F(DiscoverTest, RpcDiscoverListsEveryRegisteredMethod) {
  ASSERT_TRUE(server().RegisterMethod(Minimal("test_extra")).ok());
  Start();
  const json doc = Result("rpc.discover");
  std::set<std::string> listed;
  for (const json& m : doc["methods"]) listed.insert(m["name"].get<std::string>());
  std::set<std::string> registered;
  for (const auto& m : server().methods().methods()) registered.insert(m->name);
  EXPECT_EQ(listed, registered);
  EXPECT_TRUE(listed.count("rpc.discover"));
  EXPECT_TRUE(listed.count("test_extra"));
  // Parameters as declared: state_getProof(address required, block optional).
  for (const json& m : doc["methods"]) {
    if (m["name"] != "state_getProof") continue;
    ASSERT_EQ(m["params"].size(), 2u);
    EXPECT_EQ(m["params"][0]["name"], "address");
    EXPECT_EQ(m["params"][0]["required"], true);
    EXPECT_EQ(m["params"][1]["name"], "block");
    EXPECT_EQ(m["params"][1]["required"], false);
    EXPECT_TRUE(m["params"][1]["schema"].contains("oneOf"));
  }
  EXPECT_EQ(Error("rpc.discover", {1})["data"]["reason"], "too-many-params");
}

}  // namespace
}  // namespace tfchain::rpc::testing
