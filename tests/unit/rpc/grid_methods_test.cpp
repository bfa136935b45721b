// grid_*, farming_getRewards and gov_* against a scripted node: the exact JSON shapes,
// results checked against the declared schemas, parameters passed through to the
// node, and every bad parameter refused with -32602 and nothing asked of the node.
#include <gtest/gtest.h>

#include "chain/grid_json.h"
#include "chain/json.h"
#include "tests/unit/rpc/rpc_test_util.h"

namespace tfchain::rpc::testing {
namespace {

using GridMethodsTest = RpcServerTest;

constexpr uint64_t kGiB = uint64_t{1} << 30;

TwinView Twin(chain::TwinId id, uint8_t fill) {
  return TwinView{id, FilledAccount(fill), "relay.grid.tf", chain::Bytes{0xab, 0xcd}, uint64_t{1'700'000'000'000} + id};
}

FarmView Farm(chain::FarmId id, std::string name) {
  FarmView f;
  f.farm_id = id;
  f.name = std::move(name);
  f.twin_id = 1;
  f.owner_account = FilledAccount(0x11);
  f.pricing_policy_id = 1;
  f.certification = chain::FarmCertification::kGold;
  f.dedicated = true;
  f.public_ips = {{"185.69.166.7/24", "185.69.166.1", 0}, {"185.69.166.8/24", "185.69.166.1", 42}};
  f.free_public_ips = 1;
  f.node_ids = {3, 5};
  f.created_ms = 1'700'000'000'500;
  return f;
}

NodeView Node(chain::NodeId id) {
  NodeView n;
  n.node_id = id;
  n.farm_id = 7;
  n.twin_id = 9;
  n.account = FilledAccount(static_cast<uint8_t>(0x40 + id));
  n.resources = {8, 32 * kGiB, 1024 * kGiB, 0};
  n.reserved = {2, 4 * kGiB, 0, 0};
  n.free = {6, 28 * kGiB, 1024 * kGiB, 0};
  n.location = {"Antwerp", "Belgium", 51'219'400, -4'402'500};
  n.interfaces = {{"zos", "52:54:00:12:34:56", {"10.0.0.5/24"}}};
  n.public_config = chain::PublicConfig{{"185.69.166.9/24", "185.69.166.1"}, std::nullopt, "gw.example.com"};
  n.agent_endpoint = "http://10.0.0.5:8080";
  n.serial = "SN-1";
  n.certification = chain::NodeCertification::kCertified;
  n.power_target = chain::PowerState::kDown;
  n.status = NodeStatus::kStandby;
  n.last_uptime_report_ms = 1'700'000'100'000;
  n.connection_price_musd = 80;
  n.farming_policy_id = 2;
  n.created_ms = 1'700'000'000'000;
  n.updated_ms = 1'700'000'050'000;
  n.farm_name = "freefarm";
  n.farm_certification = chain::FarmCertification::kNotCertified;
  n.dedicated = false;
  n.free_public_ips = 3;
  return n;
}

chain::FarmingReceipt Receipt(uint64_t period, chain::NodeId node, chain::FarmId farm, uint64_t amount) {
  chain::FarmingReceipt r;
  r.period = period;
  r.node_id = node;
  r.farm_id = farm;
  r.account = FilledAccount(0x11);
  r.policy_id = 1;
  r.cu_rate = 2400;
  r.su_rate = 1000;
  r.minimal_uptime_permill = 950'000;
  r.period_ms = 300'000;
  r.uptime_ms = 300'000;
  r.cu_micro = 4'000'000;
  r.connection_price_musd = 80;
  r.reward_nusd = 123'456;
  r.amount = amount;
  return r;
}

ProposalView Proposal(chain::ProposalId id, ProposalStatus status) {
  ProposalView p;
  p.id = id;
  p.proposer = FilledAccount(0x21);
  p.action = chain::SetTftPriceAction{95};
  p.description = "raise the price";
  p.created_height = 10;
  p.end_height = 30;
  p.status = status;
  p.yes_power = 70;
  p.no_power = 5;
  p.total_power = 100;
  p.result_reason = status == ProposalStatus::kRejected ? "no-quorum" : "";
  p.closed_height = status == ProposalStatus::kOpen ? 0 : 30;
  p.quorum_permill = 500'000;
  p.threshold_permill = 500'001;
  return p;
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

TEST_F(GridMethodsTest, GetTwinByIdAndAccount) {
  node_.twins[4] = Twin(4, 0x31);
  const json twin = Result("grid_getTwin", {4});
  EXPECT_EQ(twin, json({{"twin_id", 4},
                        {"account", chain::ToSs58(FilledAccount(0x31))},
                        {"relay", "relay.grid.tf"},
                        {"public_key", "0xabcd"},
                        {"created_ms", 1'700'000'000'004}}));
  EXPECT_EQ(Result("grid_getTwinByAccount", {chain::ToSs58(FilledAccount(0x31))}), twin);
  EXPECT_EQ(Result("grid_getTwinByAccount", {FilledAccount(0x31).Hex()}), twin);

  ExpectNotFound(Error("grid_getTwin", {5}), "twin-not-found");
  ExpectNotFound(Error("grid_getTwinByAccount", {chain::ToSs58(FilledAccount(0x32))}), "twin-not-found");
  ExpectInvalidParam(Error("grid_getTwin", json::array()), "missing-param", "twin_id");
  ExpectInvalidParam(Error("grid_getTwin", {-1}), "bad-param-type", "twin_id");
  ExpectInvalidParam(Error("grid_getTwin", {"4"}), "bad-param-type", "twin_id");
  ExpectInvalidParam(Error("grid_getTwin", {uint64_t{1} << 32}), "id-out-of-range", "twin_id");
  ExpectInvalidParam(Error("grid_getTwinByAccount", {"5notanaddress"}), "bad-ss58", "account");
}

TEST_F(GridMethodsTest, GetFarmByIdOrName) {
  node_.farms[7] = Farm(7, "FreeFarm");
  const json farm = Result("grid_getFarm", {{"farm_id", 7}});
  EXPECT_EQ(farm, json({{"farm_id", 7},
                        {"name", "FreeFarm"},
                        {"twin_id", 1},
                        {"owner_account", chain::ToSs58(FilledAccount(0x11))},
                        {"pricing_policy_id", 1},
                        {"certification", "gold"},
                        {"dedicated", true},
                        {"public_ips",
                         {{{"ip", "185.69.166.7/24"}, {"gateway", "185.69.166.1"}, {"contract_id", 0}},
                          {{"ip", "185.69.166.8/24"}, {"gateway", "185.69.166.1"}, {"contract_id", 42}}}},
                        {"free_public_ips", 1},
                        {"node_ids", {3, 5}},
                        {"created_ms", 1'700'000'000'500}}));
  EXPECT_EQ(Result("grid_getFarm", {7}), farm);  // by position
  EXPECT_EQ(Result("grid_getFarm", {{"name", "FreeFarm"}}), farm);

  ExpectNotFound(Error("grid_getFarm", {8}), "farm-not-found");
  ExpectNotFound(Error("grid_getFarm", {{"name", "nofarm"}}), "farm-not-found");
  ExpectInvalidParam(Error("grid_getFarm", json::object()), "missing-param", "farm_id");
  ExpectInvalidParam(Error("grid_getFarm", {{"farm_id", 7}, {"name", "FreeFarm"}}), "conflicting-params", "name");
  ExpectInvalidParam(Error("grid_getFarm", {{"name", 7}}), "bad-param-type", "name");
}

TEST_F(GridMethodsTest, ListFarmsPages) {
  for (chain::FarmId id = 1; id <= 5; ++id) node_.farms[id] = Farm(id, "farm" + std::to_string(id));
  json page = Result("grid_listFarms");
  EXPECT_EQ(page["total"], 5);
  EXPECT_EQ(page["farms"].size(), 5u);
  page = Result("grid_listFarms", {{"offset", 3}, {"limit", 1}});
  EXPECT_EQ(page["total"], 5);
  ASSERT_EQ(page["farms"].size(), 1u);
  EXPECT_EQ(page["farms"][0]["farm_id"], 4);
  EXPECT_EQ(Result("grid_listFarms", {{"offset", 9}})["farms"], json::array());

  ExpectInvalidParam(Error("grid_listFarms", {{"limit", 501}}), "limit-too-large", "limit");
  ExpectInvalidParam(Error("grid_listFarms", {{"offset", "1"}}), "bad-param-type", "offset");
}

TEST_F(GridMethodsTest, GetNodeHasTheDocumentedShape) {
  node_.nodes[3] = Node(3);
  const json node = Result("grid_getNode", {3});
  const json expected = {
      {"node_id", 3},
      {"farm_id", 7},
      {"twin_id", 9},
      {"account", chain::ToSs58(FilledAccount(0x43))},
      {"resources", {{"cru", 8}, {"mru", 32 * kGiB}, {"sru", 1024 * kGiB}, {"hru", 0}}},
      {"reserved", {{"cru", 2}, {"mru", 4 * kGiB}, {"sru", 0}, {"hru", 0}}},
      {"free", {{"cru", 6}, {"mru", 28 * kGiB}, {"sru", 1024 * kGiB}, {"hru", 0}}},
      {"location",
       {{"city", "Antwerp"}, {"country", "Belgium"}, {"latitude", "51.219400"}, {"longitude", "-4.402500"}}},
      {"interfaces", {{{"name", "zos"}, {"mac", "52:54:00:12:34:56"}, {"ips", {"10.0.0.5/24"}}}}},
      {"public_config",
       {{"ip4", {{"ip", "185.69.166.9/24"}, {"gw", "185.69.166.1"}}}, {"ip6", nullptr}, {"domain", "gw.example.com"}}},
      {"agent_endpoint", "http://10.0.0.5:8080"},
      {"virtualized", false},
      {"serial", "SN-1"},
      {"certification", "certified"},
      {"power_target", "down"},
      {"power_state", "up"},
      {"status", "standby"},
      {"last_uptime_report_ms", 1'700'000'100'000},
      {"connection_price_musd", 80},
      {"farming_policy_id", 2},
      {"created_ms", 1'700'000'000'000},
      {"updated_ms", 1'700'000'050'000},
      {"farm_name", "freefarm"},
      {"farm_certification", "not-certified"},
      {"dedicated", false},
      {"free_public_ips", 3}};
  EXPECT_EQ(node, expected);
  EXPECT_EQ(Result("grid_getNode", {{"account", chain::ToSs58(FilledAccount(0x43))}}), expected);

  NodeView bare = Node(4);
  bare.public_config.reset();
  bare.serial.reset();
  bare.interfaces.clear();
  node_.nodes[4] = bare;
  const json b = Result("grid_getNode", {{"node_id", 4}});
  EXPECT_EQ(b["public_config"], nullptr);
  EXPECT_EQ(b["serial"], nullptr);
  EXPECT_EQ(b["interfaces"], json::array());

  ExpectNotFound(Error("grid_getNode", {99}), "node-not-found");
  ExpectNotFound(Error("grid_getNode", {{"account", chain::ToSs58(FilledAccount(0x01))}}), "node-not-found");
  ExpectInvalidParam(Error("grid_getNode", json::array()), "missing-param", "node_id");
  ExpectInvalidParam(Error("grid_getNode", {{"node_id", 3}, {"account", chain::ToSs58(FilledAccount(0x43))}}),
                     "conflicting-params", "account");
  ExpectInvalidParam(Error("grid_getNode", {uint64_t{1} << 40}), "id-out-of-range", "node_id");
}

TEST_F(GridMethodsTest, FindNodesPassesTheFilterSortAndPage) {
  for (chain::NodeId id = 1; id <= 3; ++id) node_.nodes[id] = Node(id);
  const json page = Result("grid_findNodes", {{"filter",
                                               {{"free_cru", 2},
                                                {"free_mru", 8 * kGiB},
                                                {"free_sru", 100 * kGiB},
                                                {"free_hru", 0},
                                                {"country", "Belgium"},
                                                {"city", "antwerp"},
                                                {"farm_id", 7},
                                                {"certified", true},
                                                {"has_free_ip", false},
                                                {"dedicated", false},
                                                {"status", "up"}}},
                                              {"sort", "free_mru"},
                                              {"offset", 1},
                                              {"limit", 1}});
  EXPECT_EQ(page["total"], 3);
  ASSERT_EQ(page["nodes"].size(), 1u);
  EXPECT_EQ(page["nodes"][0]["node_id"], 2);

  auto queries = node_.NodeQueries();
  ASSERT_EQ(queries.size(), 1u);
  const NodeQuery& q = queries[0];
  EXPECT_EQ(q.filter.free_cru, 2u);
  EXPECT_EQ(q.filter.free_mru, 8 * kGiB);
  EXPECT_EQ(q.filter.free_sru, 100 * kGiB);
  EXPECT_EQ(q.filter.free_hru, 0u);
  EXPECT_EQ(q.filter.country, "Belgium");
  EXPECT_EQ(q.filter.city, "antwerp");
  EXPECT_EQ(q.filter.farm_id, 7u);
  EXPECT_EQ(q.filter.certified, true);
  EXPECT_EQ(q.filter.has_free_ip, false);
  EXPECT_EQ(q.filter.dedicated, false);
  EXPECT_EQ(q.filter.status, NodeStatus::kUp);
  EXPECT_EQ(q.sort, NodeSort::kFreeMru);
  EXPECT_EQ(q.offset, 1u);
  EXPECT_EQ(q.limit, 1u);

  // Defaults: no filter, node id order, the first 50; null members are absent.
  const json all = Result("grid_listNodes");
  EXPECT_EQ(all["total"], 3);
  EXPECT_EQ(all["nodes"].size(), 3u);
  Result("grid_findNodes", {{"filter", {{"country", nullptr}, {"status", nullptr}}}});
  queries = node_.NodeQueries();
  ASSERT_EQ(queries.size(), 3u);
  for (size_t i : {1u, 2u}) {
    EXPECT_FALSE(queries[i].filter.country.has_value());
    EXPECT_FALSE(queries[i].filter.status.has_value());
    EXPECT_FALSE(queries[i].filter.free_cru.has_value());
    EXPECT_EQ(queries[i].sort, NodeSort::kNodeId);
    EXPECT_EQ(queries[i].offset, 0u);
    EXPECT_EQ(queries[i].limit, kDefaultNodePageSize);
  }
  for (const char* sort : {"node_id", "free_cru", "free_sru", "free_hru"}) Result("grid_findNodes", {{"sort", sort}});
  EXPECT_EQ(node_.NodeQueries().back().sort, NodeSort::kFreeHru);
}

TEST_F(GridMethodsTest, FindNodesRefusesBadParams) {
  node_.nodes[1] = Node(1);
  struct Case {
    json params;
    std::string reason;
    std::string param;
  };
  const std::vector<Case> cases = {
      {{{"filter", "country=BE"}}, "bad-filter", "filter"},
      {{{"filter", json::array()}}, "bad-filter", "filter"},
      {{{"filter", {{"free_mru", -1}}}}, "bad-filter", "filter"},
      {{{"filter", {{"free_mru", "8GB"}}}}, "bad-filter", "filter"},
      {{{"filter", {{"free_cru", 1.5}}}}, "bad-filter", "filter"},
      {{{"filter", {{"country", 32}}}}, "bad-filter", "filter"},
      {{{"filter", {{"farm_id", uint64_t{1} << 32}}}}, "bad-filter", "filter"},
      {{{"filter", {{"certified", "yes"}}}}, "bad-filter", "filter"},
      {{{"filter", {{"has_free_ip", 1}}}}, "bad-filter", "filter"},
      {{{"filter", {{"status", "sleeping"}}}}, "bad-filter", "filter"},
      {{{"filter", {{"status", 0}}}}, "bad-filter", "filter"},
      {{{"filter", {{"free_ram", 1}}}}, "unknown-filter", "filter"},
      {{{"sort", "price"}}, "bad-sort", "sort"},
      {{{"sort", 1}}, "bad-param-type", "sort"},
      {{{"limit", 501}}, "limit-too-large", "limit"},
      {{{"offset", -5}}, "bad-param-type", "offset"},
  };
  for (const char* method : {"grid_findNodes", "grid_listNodes"}) {
    for (const Case& c : cases) {
      SCOPED_TRACE(std::string(method) + " " + c.params.dump());
      ExpectInvalidParam(Error(method, c.params), c.reason, c.param);
    }
  }
  EXPECT_TRUE(node_.NodeQueries().empty());  // nothing reached the node
  EXPECT_EQ(Result("grid_findNodes", {{"limit", 500}})["total"], 1);
  EXPECT_EQ(Result("grid_findNodes", {{"limit", 0}})["nodes"], json::array());
}

TEST_F(GridMethodsTest, GetNodeUptime) {
  UptimeView u;
  u.node_id = 3;
  u.status = NodeStatus::kUp;
  u.last_report_ms = 1'700'000'100'000;
  u.first_report_ms = 1'700'000'000'000;
  u.last_uptime_s = 3600;
  u.periods = {{4, 290'000, 0}, {5, 10'000, 7}};
  u.interval_ms = 10'000;
  node_.uptimes[3] = u;
  EXPECT_EQ(Result("grid_getNodeUptime", {3}), json({{"node_id", 3},
                                                     {"status", "up"},
                                                     {"last_report_ms", 1'700'000'100'000},
                                                     {"first_report_ms", 1'700'000'000'000},
                                                     {"last_uptime_s", 3600},
                                                     {"periods",
                                                      {{{"period", 4}, {"uptime_ms", 290'000}, {"ip_ms", 0}},
                                                       {{"period", 5}, {"uptime_ms", 10'000}, {"ip_ms", 7}}}},
                                                     {"interval_ms", 10'000}}));
  ExpectNotFound(Error("grid_getNodeUptime", {4}), "node-not-found");
  ExpectInvalidParam(Error("grid_getNodeUptime", json::array()), "missing-param", "node_id");
}

TEST_F(GridMethodsTest, PoliciesByIdOrAll) {
  chain::PricingPolicy pricing;
  pricing.id = 1;
  pricing.name = "threefold_default_pricing_policy";
  pricing.su = 50'000;
  pricing.cu = 100'000;
  pricing.dedicated_discount_percent = 50;
  node_.pricing_policies = {pricing};
  chain::FarmingPolicy diy;
  diy.id = 1;
  diy.name = "diy";
  diy.cu = 2400;
  diy.is_default = true;
  chain::FarmingPolicy certified = diy;
  certified.id = 2;
  certified.name = "certified";
  certified.node_certification = chain::NodeCertification::kCertified;
  node_.farming_policies = {diy, certified};

  EXPECT_EQ(Result("grid_getPricingPolicy"), json::array({chain::ToJson(pricing)}));
  EXPECT_EQ(Result("grid_getPricingPolicy", {1}), chain::ToJson(pricing));
  EXPECT_EQ(Result("grid_getFarmingPolicy", {{"id", nullptr}}),
            json::array({chain::ToJson(diy), chain::ToJson(certified)}));
  const json second = Result("grid_getFarmingPolicy", {2});
  EXPECT_EQ(second, chain::ToJson(certified));
  EXPECT_EQ(second["node_certification"], "certified");

  ExpectNotFound(Error("grid_getPricingPolicy", {2}), "policy-not-found");
  ExpectNotFound(Error("grid_getFarmingPolicy", {3}), "policy-not-found");
  ExpectInvalidParam(Error("grid_getFarmingPolicy", {"1"}), "bad-param-type", "id");
  ExpectInvalidParam(Error("grid_getPricingPolicy", {uint64_t{1} << 33}), "id-out-of-range", "id");
}

TEST_F(GridMethodsTest, GetStats) {
  node_.grid_stats = GridStats{10, 7, 1, 3, 14, {80, 320 * kGiB, 0, 0}, {70, 300 * kGiB, 0, 0}, 12, 9};
  EXPECT_EQ(Result("grid_getStats"), json({{"nodes_total", 10},
                                           {"nodes_up", 7},
                                           {"nodes_standby", 1},
                                           {"farms", 3},
                                           {"twins", 14},
                                           {"total", {{"cru", 80}, {"mru", 320 * kGiB}, {"sru", 0}, {"hru", 0}}},
                                           {"free", {{"cru", 70}, {"mru", 300 * kGiB}, {"sru", 0}, {"hru", 0}}},
                                           {"public_ips", 12},
                                           {"free_public_ips", 9}}));
}

TEST_F(GridMethodsTest, FarmingRewardsByNodeFarmAndPeriod) {
  node_.receipts = {Receipt(1, 1, 7, 100), Receipt(1, 2, 8, 200), Receipt(2, 1, 7, 300), Receipt(2, 2, 8, 400)};
  json all = Result("farming_getRewards");
  EXPECT_EQ(all["count"], 4);
  EXPECT_EQ(all["total"], "1000");
  ASSERT_EQ(all["receipts"].size(), 4u);
  EXPECT_EQ(all["receipts"][0], chain::ToJson(node_.receipts[0]));
  EXPECT_EQ(all["receipts"][0]["amount"], "100");
  EXPECT_EQ(all["receipts"][0]["reward_nusd"], "123456");

  json by_node = Result("farming_getRewards", {{"node_id", 1}});
  EXPECT_EQ(by_node["count"], 2);
  EXPECT_EQ(by_node["total"], "400");
  json by_farm_period = Result("farming_getRewards", {{"farm_id", 8}, {"period", 2}});
  EXPECT_EQ(by_farm_period["count"], 1);
  EXPECT_EQ(by_farm_period["total"], "400");
  json paged = Result("farming_getRewards", {{"offset", 1}, {"limit", 2}});
  EXPECT_EQ(paged["count"], 4);
  EXPECT_EQ(paged["total"], "1000");  // all matches, not just the page
  ASSERT_EQ(paged["receipts"].size(), 2u);
  EXPECT_EQ(paged["receipts"][0]["node_id"], 2);

  const auto queries = node_.RewardsQueries();
  ASSERT_EQ(queries.size(), 4u);
  EXPECT_FALSE(queries[0].node_id || queries[0].farm_id || queries[0].period);
  EXPECT_EQ(queries[0].limit, 100u);
  EXPECT_EQ(queries[2].farm_id, 8u);
  EXPECT_EQ(queries[2].period, 2u);

  ExpectInvalidParam(Error("farming_getRewards", {{"limit", 1001}}), "limit-too-large", "limit");
  ExpectInvalidParam(Error("farming_getRewards", {{"node_id", uint64_t{1} << 32}}), "id-out-of-range", "node_id");
  ExpectInvalidParam(Error("farming_getRewards", {{"farm_id", "8"}}), "bad-param-type", "farm_id");
  ExpectInvalidParam(Error("farming_getRewards", {{"period", -1}}), "bad-param-type", "period");
  EXPECT_EQ(node_.RewardsQueries().size(), 4u);
}

TEST_F(GridMethodsTest, GovernanceProposals) {
  ProposalView open = Proposal(3, ProposalStatus::kOpen);
  ProposalView rejected = Proposal(2, ProposalStatus::kRejected);
  ProposalView enacted = Proposal(1, ProposalStatus::kEnacted);
  enacted.action = chain::SetCertifierAction{FilledAccount(0x77), true};
  node_.proposals = {enacted, rejected, open};

  const json p = Result("gov_getProposal", {2});
  EXPECT_EQ(p, json({{"id", 2},
                     {"proposer", chain::ToSs58(FilledAccount(0x21))},
                     {"action", {{"kind", "set-tft-price"}, {"tft_price_musd", 95}}},
                     {"description", "raise the price"},
                     {"created_height", 10},
                     {"end_height", 30},
                     {"status", "rejected"},
                     {"yes_power", "70"},
                     {"no_power", "5"},
                     {"total_power", "100"},
                     {"result_reason", "no-quorum"},
                     {"closed_height", 30},
                     {"quorum_permill", 500'000},
                     {"threshold_permill", 500'001}}));
  EXPECT_EQ(Result("gov_getProposal", {1})["action"],
            json({{"kind", "set-certifier"}, {"account", chain::ToSs58(FilledAccount(0x77))}, {"member", true}}));

  const json all = Result("gov_listProposals");
  ASSERT_EQ(all["proposals"].size(), 3u);
  EXPECT_EQ(all["proposals"][0]["id"], 3);  // newest first
  EXPECT_EQ(all["proposals"][2]["id"], 1);
  const json only_open = Result("gov_listProposals", {"open"});
  ASSERT_EQ(only_open["proposals"].size(), 1u);
  EXPECT_EQ(only_open["proposals"][0]["status"], "open");
  EXPECT_EQ(Result("gov_listProposals", {{"status", "enacted"}, {"limit", 5}})["proposals"][0]["id"], 1);
  const auto queries = node_.ProposalQueries();
  ASSERT_EQ(queries.size(), 3u);
  EXPECT_FALSE(queries[0].first.has_value());
  EXPECT_EQ(queries[0].second, 100u);
  EXPECT_EQ(queries[2].first, ProposalStatus::kEnacted);
  EXPECT_EQ(queries[2].second, 5u);

  ExpectNotFound(Error("gov_getProposal", {9}), "proposal-not-found");
  ExpectInvalidParam(Error("gov_getProposal", json::array()), "missing-param", "id");
  ExpectInvalidParam(Error("gov_getProposal", {uint64_t{1} << 32}), "id-out-of-range", "id");
  ExpectInvalidParam(Error("gov_listProposals", {"closed"}), "bad-status", "status");
  ExpectInvalidParam(Error("gov_listProposals", {{"limit", 1001}}), "limit-too-large", "limit");
  EXPECT_EQ(node_.ProposalQueries().size(), 3u);
}

TEST_F(GridMethodsTest, DiscoverListsTheGridMethods) {
  const json doc = Result("rpc.discover");
  std::set<std::string> names;
  for (const json& m : doc["methods"]) names.insert(m["name"].get<std::string>());
  for (const char* name :
       {"grid_getTwin", "grid_getTwinByAccount", "grid_getFarm", "grid_listFarms", "grid_getNode", "grid_listNodes",
        "grid_findNodes", "grid_getNodeUptime", "grid_getPricingPolicy", "grid_getFarmingPolicy", "grid_getStats",
        "farming_getRewards", "gov_listProposals", "gov_getProposal"}) {
    EXPECT_TRUE(names.count(name)) << name;
  }
}

}  // namespace
}  // namespace tfchain::rpc::testing
