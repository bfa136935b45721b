// contract_* against a scripted node: the exact JSON shapes (null members, enums by
// name, amounts as decimal strings), results checked against the declared schemas,
// parameters passed through to the node, and every bad parameter refused with -32602
// and nothing asked of the node.
#include <gtest/gtest.h>

#include <set>

#include "chain/json.h"
#include "tests/unit/rpc/rpc_test_util.h"

namespace tfchain::rpc::testing {
namespace {

using ContractMethodsTest = RpcServerTest;

constexpr uint64_t kGiB = uint64_t{1} << 30;

ContractView NodeContract(chain::ContractId id, chain::TwinId twin, chain::NodeId node) {
  ContractView c;
  c.contract_id = id;
  c.twin_id = twin;
  c.kind = chain::ContractKind::kNode;
  c.state = chain::ContractState::kCreated;
  c.node_id = node;
  c.resources = {2, 4 * kGiB, 50 * kGiB, 0};
  c.ips = {"185.69.166.7/24"};
  c.deployment_hash = FilledHash(0xab);
  c.deployment_data = {0x01, 0x02};
  c.ack = chain::AckState::kOk;
  c.ack_message = "deployed";
  c.created_height = 12;
  c.created_ms = 1'700'000'012'000;
  c.billed_until_ms = 1'700'000'600'000;
  c.overdue = 0;
  c.total_paid = 123'456'789;
  c.hourly_micro = 225'000'000'000;
  c.used = {1, 2 * kGiB, 10 * kGiB, 0};
  return c;
}

BillView Bill(chain::ContractId id, uint64_t height) {
  BillView v;
  v.height = height;
  chain::ContractBill& b = v.bill;
  b.contract_id = id;
  b.twin_id = 3;
  b.kind = chain::ContractKind::kNode;
  b.from_ms = 1'700'000'000'000;
  b.to_ms = 1'700'000'600'000;
  b.up_ms = 590'000;
  b.public_ips = 1;
  b.nu_bytes = 5 * kGiB;
  b.cusu_micro = 36'875'000'000;
  b.ip_micro = 6'666'666'666;
  b.nu_micro = 1'000'000;
  b.name_micro = 0;
  b.extra_micro = 0;
  b.discount_percent = 20;
  b.tft_price_musd = 80;
  b.amount = 434'500;
  b.paid = 434'500;
  b.overdue = 0;
  b.farmer = FilledAccount(0x11);
  b.to_farmer = 217'250;
  b.to_staking_pool = 43'450;
  b.to_foundation = 163'800;
  b.burned = 0;
  b.to_providers = {{FilledAccount(0x12), 10'000}};
  b.state_after = chain::ContractState::kCreated;
  b.final = false;
  return v;
}

void ExpectInvalidParam(const json& error, const std::string& reason, const std::string& param) {
  EXPECT_EQ(error["code"], kInvalidParams) << error.dump();
  EXPECT_EQ(error["data"]["reason"], reason) << error.dump();
  EXPECT_EQ(error["data"]["param"], param) << error.dump();
}

void ExpectNotFound(const json& error, const std::string& reason) {
  EXPECT_EQ(error["code"], kNotFound) << error.dump();
  EXPECT_EQ(error["data"]["reason"], reason) << error.dump();
}

TEST_F(ContractMethodsTest, GetNodeContractHasTheDocumentedShape) {
  node_.contracts[5] = NodeContract(5, 3, 9);
  const json c = Result("contract_get", {5});
  EXPECT_EQ(c, json({{"contract_id", 5},
                     {"twin_id", 3},
                     {"kind", "node"},
                     {"state", "created"},
                     {"grace_since_ms", nullptr},
                     {"deleted_reason", nullptr},
                     {"node_id", 9},
                     {"resources", {{"cru", 2}, {"mru", 4 * kGiB}, {"sru", 50 * kGiB}, {"hru", 0}}},
                     {"ips", {"185.69.166.7/24"}},
                     {"deployment_hash", FilledHash(0xab).Hex()},
                     {"deployment_data", "0x0102"},
                     {"solution_provider_id", nullptr},
                     {"name", nullptr},
                     {"ack", "ok"},
                     {"ack_message", "deployed"},
                     {"created_height", 12},
                     {"created_ms", 1'700'000'012'000},
                     {"billed_until_ms", 1'700'000'600'000},
                     {"overdue", "0"},
                     {"total_paid", "123456789"},
                     {"hourly_micro_usd", "225000000000"},
                     {"used", {{"cru", 1}, {"mru", 2 * kGiB}, {"sru", 10 * kGiB}, {"hru", 0}}}}));
  EXPECT_EQ(Result("contract_get", {{"contract_id", 5}}), c);
}

TEST_F(ContractMethodsTest, NullableMembersFollowKindAndState) {
  ContractView grace = NodeContract(6, 3, 9);
  grace.state = chain::ContractState::kGrace;
  grace.grace_since_ms = 1'700'000'700'000;
  grace.overdue = 99;
  grace.solution_provider_id = 4;
  grace.ack = chain::AckState::kPending;
  node_.contracts[6] = grace;
  json c = Result("contract_get", {6});
  EXPECT_EQ(c["state"], "grace");
  EXPECT_EQ(c["grace_since_ms"], 1'700'000'700'000);
  EXPECT_EQ(c["deleted_reason"], nullptr);
  EXPECT_EQ(c["overdue"], "99");
  EXPECT_EQ(c["solution_provider_id"], 4);
  EXPECT_EQ(c["ack"], "pending");

  ContractView name;
  name.contract_id = 7;
  name.twin_id = 3;
  name.kind = chain::ContractKind::kName;
  name.state = chain::ContractState::kDeleted;
  name.deleted_reason = chain::DeleteReason::kOutOfFunds;
  name.grace_since_ms = 5;  // stale: not shown outside grace
  name.name = "my-gateway";
  node_.contracts[7] = name;
  c = Result("contract_get", {7});
  EXPECT_EQ(c["kind"], "name");
  EXPECT_EQ(c["state"], "deleted");
  EXPECT_EQ(c["deleted_reason"], "out-of-funds");
  EXPECT_EQ(c["grace_since_ms"], nullptr);
  EXPECT_EQ(c["node_id"], nullptr);
  EXPECT_EQ(c["name"], "my-gateway");
  EXPECT_EQ(c["ips"], json::array());
  EXPECT_EQ(c["deployment_data"], "0x");

  ContractView rent = NodeContract(8, 3, 9);
  rent.kind = chain::ContractKind::kRent;
  rent.state = chain::ContractState::kDeleted;
  rent.deleted_reason = chain::DeleteReason::kCanceled;
  node_.contracts[8] = rent;
  c = Result("contract_get", {8});
  EXPECT_EQ(c["kind"], "rent");
  EXPECT_EQ(c["node_id"], 9);
  EXPECT_EQ(c["deleted_reason"], "canceled");
  EXPECT_EQ(c["name"], nullptr);
}

TEST_F(ContractMethodsTest, GetRefusesUnknownAndBadIds) {
  ExpectNotFound(Error("contract_get", {1}), "no-contract");
  ExpectInvalidParam(Error("contract_get", json::array()), "missing-param", "contract_id");
  ExpectInvalidParam(Error("contract_get", {-1}), "bad-param-type", "contract_id");
  ExpectInvalidParam(Error("contract_get", {"5"}), "bad-param-type", "contract_id");
  ExpectInvalidParam(Error("contract_get", {1.5}), "bad-param-type", "contract_id");
  ExpectNotFound(Error("contract_get", {UINT64_MAX}), "no-contract");  // any u64 is a valid id
}

TEST_F(ContractMethodsTest, ListByTwinAndNodePassTheQuery) {
  node_.contracts[1] = NodeContract(1, 3, 9);
  node_.contracts[2] = NodeContract(2, 4, 9);
  node_.contracts[3] = NodeContract(3, 3, 10);
  node_.contracts[4] = NodeContract(4, 3, 9);
  node_.contracts[4].state = chain::ContractState::kDeleted;
  node_.contracts[4].deleted_reason = chain::DeleteReason::kCanceled;

  json page = Result("contract_listByTwin", {3});
  EXPECT_EQ(page["total"], 2);
  ASSERT_EQ(page["contracts"].size(), 2u);
  EXPECT_EQ(page["contracts"][0]["contract_id"], 1);
  EXPECT_EQ(page["contracts"][1]["contract_id"], 3);
  EXPECT_EQ(page["contracts"][0], Result("contract_get", {1}));

  page = Result("contract_listByTwin", {{"twin_id", 3}, {"include_deleted", true}, {"offset", 1}, {"limit", 1}});
  EXPECT_EQ(page["total"], 3);
  ASSERT_EQ(page["contracts"].size(), 1u);
  EXPECT_EQ(page["contracts"][0]["contract_id"], 3);

  page = Result("contract_listByNode", {{"node_id", 9}, {"include_deleted", true}});
  EXPECT_EQ(page["total"], 3);
  EXPECT_EQ(Result("contract_listByNode", {77}), json({{"total", 0}, {"contracts", json::array()}}));

  const auto queries = node_.ListQueries();
  ASSERT_EQ(queries.size(), 4u);
  EXPECT_TRUE(queries[0].by_twin);
  EXPECT_EQ(queries[0].id, 3u);
  EXPECT_FALSE(queries[0].include_deleted);
  EXPECT_EQ(queries[0].offset, 0u);
  EXPECT_EQ(queries[0].limit, kDefaultContractPageSize);
  EXPECT_TRUE(queries[1].include_deleted);
  EXPECT_EQ(queries[1].offset, 1u);
  EXPECT_EQ(queries[1].limit, 1u);
  EXPECT_FALSE(queries[2].by_twin);
  EXPECT_EQ(queries[2].id, 9u);
}

TEST_F(ContractMethodsTest, ListRefusesBadParams) {
  struct Case {
    json params;
    std::string reason;
    std::string param;
  };
  const std::vector<Case> cases = {
      {json::array(), "missing-param", ""},
      {{-3}, "bad-param-type", ""},
      {{uint64_t{1} << 32}, "id-out-of-range", ""},
      {{3, "yes"}, "bad-param-type", "include_deleted"},
      {{3, false, -1}, "bad-param-type", "offset"},
      {{3, false, 0, 1001}, "limit-too-large", "limit"},
      {{3, false, 0, "10"}, "bad-param-type", "limit"},
  };
  for (const auto& [method, id_param] :
       {std::pair<std::string, std::string>{"contract_listByTwin", "twin_id"}, {"contract_listByNode", "node_id"}}) {
    for (const Case& c : cases) {
      SCOPED_TRACE(method + " " + c.params.dump());
      ExpectInvalidParam(Error(method, c.params), c.reason, c.param.empty() ? id_param : c.param);
    }
  }
  EXPECT_TRUE(node_.ListQueries().empty());  // nothing reached the node
  EXPECT_EQ(Result("contract_listByTwin", {3, false, 0, 1000})["total"], 0);
}

TEST_F(ContractMethodsTest, BillsHaveEveryFieldAndPage) {
  node_.contracts[5] = NodeContract(5, 3, 9);
  node_.bills[5] = {Bill(5, 20), Bill(5, 30), Bill(5, 40)};
  const json page = Result("contract_getBills", {5});
  EXPECT_EQ(page["total"], 3);
  ASSERT_EQ(page["bills"].size(), 3u);
  EXPECT_EQ(page["bills"][0],
            json({{"height", 20},
                  {"contract_id", 5},
                  {"twin_id", 3},
                  {"kind", "node"},
                  {"from_ms", 1'700'000'000'000},
                  {"to_ms", 1'700'000'600'000},
                  {"up_ms", 590'000},
                  {"public_ips", 1},
                  {"nu_bytes", 5 * kGiB},
                  {"cusu_micro", "36875000000"},
                  {"ip_micro", "6666666666"},
                  {"nu_micro", "1000000"},
                  {"name_micro", "0"},
                  {"extra_micro", "0"},
                  {"discount_percent", 20},
                  {"tft_price_musd", 80},
                  {"amount", "434500"},
                  {"paid", "434500"},
                  {"overdue", "0"},
                  {"farmer", chain::ToSs58(FilledAccount(0x11))},
                  {"to_farmer", "217250"},
                  {"to_staking_pool", "43450"},
                  {"to_foundation", "163800"},
                  {"burned", "0"},
                  {"to_providers", {{{"account", chain::ToSs58(FilledAccount(0x12))}, {"amount", "10000"}}}},
                  {"state_after", "created"},
                  {"final", false}}));
  EXPECT_EQ(page["bills"][2]["height"], 40);

  const json second = Result("contract_getBills", {{"contract_id", 5}, {"offset", 1}, {"limit", 1}});
  EXPECT_EQ(second["total"], 3);
  ASSERT_EQ(second["bills"].size(), 1u);
  EXPECT_EQ(second["bills"][0]["height"], 30);
  EXPECT_EQ(Result("contract_getBills", {{"contract_id", 5}, {"offset", 3}})["bills"], json::array());

  ExpectNotFound(Error("contract_getBills", {6}), "no-contract");
  ExpectInvalidParam(Error("contract_getBills", json::array()), "missing-param", "contract_id");
  ExpectInvalidParam(Error("contract_getBills", {5, -1}), "bad-param-type", "offset");
  ExpectInvalidParam(Error("contract_getBills", {5, 0, 1001}), "limit-too-large", "limit");
}

TEST_F(ContractMethodsTest, EstimateCostPassesTheQuery) {
  node_.cost = CostView{225'000'000'000, 2'250'000, 1'620'000'000, 20, 80};
  const json cost =
      Result("contract_estimateCost", {{"node_id", 9},
                                       {"resources", {{"cru", 4}, {"mru", 8 * kGiB}, {"sru", "107374182400"}}},
                                       {"public_ips", 1},
                                       {"twin_id", 3}});
  EXPECT_EQ(cost, json({{"hourly_micro_usd", "225000000000"},
                        {"per_hour", "2250000"},
                        {"per_month", "1620000000"},
                        {"discount_percent", 20},
                        {"tft_price_musd", 80}}));
  Result("contract_estimateCost", {{"kind", "rent"}, {"node_id", 9}});
  Result("contract_estimateCost", {{"kind", "name"}});
  Result("contract_estimateCost", {{"kind", "node"}, {"node_id", 9}, {"resources", {{"cru", nullptr}}}});

  const auto queries = node_.CostQueries();
  ASSERT_EQ(queries.size(), 4u);
  EXPECT_EQ(queries[0].kind, chain::ContractKind::kNode);
  EXPECT_EQ(queries[0].node_id, 9u);
  EXPECT_EQ(queries[0].resources, (chain::Resources{4, 8 * kGiB, 100 * kGiB, 0}));
  EXPECT_EQ(queries[0].public_ips, 1u);
  EXPECT_EQ(queries[0].twin, 3u);
  EXPECT_EQ(queries[1].kind, chain::ContractKind::kRent);
  EXPECT_EQ(queries[1].node_id, 9u);
  EXPECT_FALSE(queries[1].twin.has_value());
  EXPECT_EQ(queries[2].kind, chain::ContractKind::kName);
  EXPECT_EQ(queries[3].resources, chain::Resources{});

  node_.cost = chain::Status::NotFound("no-node", "no node 9");
  ExpectNotFound(Error("contract_estimateCost", {{"node_id", 9}}), "no-node");
}

TEST_F(ContractMethodsTest, EstimateCostRefusesBadParams) {
  struct Case {
    json params;
    std::string reason;
    std::string param;
  };
  const std::vector<Case> cases = {
      {{{"kind", "vm"}}, "bad-kind", "kind"},
      {{{"kind", 1}}, "bad-param-type", "kind"},
      {json::object(), "missing-param", "node_id"},
      {{{"kind", "rent"}}, "missing-param", "node_id"},
      {{{"node_id", -1}}, "bad-param-type", "node_id"},
      {{{"node_id", uint64_t{1} << 32}}, "id-out-of-range", "node_id"},
      {{{"node_id", 9}, {"twin_id", uint64_t{1} << 32}}, "id-out-of-range", "twin_id"},
      {{{"node_id", 9}, {"resources", "4 cores"}}, "bad-resources", "resources"},
      {{{"node_id", 9}, {"resources", {{"cpu", 4}}}}, "bad-resources", "resources"},
      {{{"node_id", 9}, {"resources", {{"cru", -4}}}}, "bad-resources", "resources"},
      {{{"node_id", 9}, {"resources", {{"mru", "8GB"}}}}, "bad-resources", "resources"},
      {{{"node_id", 9}, {"public_ips", -1}}, "bad-param-type", "public_ips"},
      {{{"kind", "rent"}, {"node_id", 9}, {"resources", {{"cru", 4}}}}, "unexpected-param", "resources"},
      {{{"kind", "rent"}, {"node_id", 9}, {"public_ips", 1}}, "unexpected-param", "public_ips"},
      {{{"kind", "name"}, {"node_id", 9}}, "unexpected-param", "node_id"},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.params.dump());
    ExpectInvalidParam(Error("contract_estimateCost", c.params), c.reason, c.param);
  }
  EXPECT_TRUE(node_.CostQueries().empty());
}

TEST_F(ContractMethodsTest, FundedUntil) {
  node_.funded[3] = FundedUntilView{3, 5'000'000'000, 225'000'000'000, 2'812'500, 1'700'001'000'000};
  EXPECT_EQ(Result("contract_fundedUntil", {3}), json({{"twin_id", 3},
                                                       {"balance", "5000000000"},
                                                       {"hourly_micro_usd", "225000000000"},
                                                       {"per_hour", "2812500"},
                                                       {"funded_until_ms", 1'700'001'000'000}}));
  node_.funded[4] = FundedUntilView{4, 7, 0, 0, std::nullopt};
  EXPECT_EQ(Result("contract_fundedUntil", {{"twin_id", 4}})["funded_until_ms"], nullptr);

  ExpectNotFound(Error("contract_fundedUntil", {5}), "no-twin");
  ExpectInvalidParam(Error("contract_fundedUntil", json::array()), "missing-param", "twin_id");
  ExpectInvalidParam(Error("contract_fundedUntil", {"3"}), "bad-param-type", "twin_id");
  ExpectInvalidParam(Error("contract_fundedUntil", {uint64_t{1} << 32}), "id-out-of-range", "twin_id");
}

TEST_F(ContractMethodsTest, GetServiceContract) {
  node_.service_contracts[2] = ServiceContractView{2, 10, 11, "backup", 1000, 500, true, false, 0, 1'700'000'000'000};
  EXPECT_EQ(Result("contract_getServiceContract", {2}), json({{"service_contract_id", 2},
                                                              {"service_twin_id", 10},
                                                              {"consumer_twin_id", 11},
                                                              {"metadata", "backup"},
                                                              {"base_fee_musd", 1000},
                                                              {"variable_fee_musd", 500},
                                                              {"accepted_by_service", true},
                                                              {"accepted_by_consumer", false},
                                                              {"approved", false},
                                                              {"last_bill_ms", 0},
                                                              {"created_ms", 1'700'000'000'000}}));
  node_.service_contracts[2].accepted_by_consumer = true;
  EXPECT_EQ(Result("contract_getServiceContract", {{"id", 2}})["approved"], true);

  ExpectNotFound(Error("contract_getServiceContract", {3}), "no-service-contract");
  ExpectInvalidParam(Error("contract_getServiceContract", json::array()), "missing-param", "id");
  ExpectInvalidParam(Error("contract_getServiceContract", {true}), "bad-param-type", "id");
}

TEST_F(ContractMethodsTest, EveryMethodIsDiscoverable) {
  const json doc = Result("rpc.discover");
  std::set<std::string> names;
  for (const json& m : doc["methods"]) names.insert(m["name"].get<std::string>());
  for (const char* name : {"contract_get", "contract_listByTwin", "contract_listByNode", "contract_getBills",
                           "contract_estimateCost", "contract_fundedUntil", "contract_getServiceContract"}) {
    EXPECT_TRUE(names.count(name)) << name;
  }
}

}  // namespace
}  // namespace tfchain::rpc::testing
