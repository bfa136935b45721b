// DirectoryIndex: built from committed blocks' state writes and from a stored head
// state; every query against what was written; updates, deletes and bad records.
#include <gtest/gtest.h>

#include <atomic>
#include <thread>

#include "chain/transaction.h"
#include "contracts/farming_state.h"
#include "node/chain_state.h"
#include "tests/support/test_keys.h"
#include "tests/unit/node/directory_test_util.h"

namespace tfchain::node::testing {
namespace {

using contracts::DirectoryState;
using contracts::FarmingState;
using contracts::PolicyState;

constexpr uint64_t kT0 = 1'700'000'000'000;

chain::GridParams TestGrid() {
  chain::GridParams g;
  g.uptime_interval_ms = 10'000;
  g.farming_period_ms = 300'000;
  g.standby_window_ms = 86'400'000;
  return g;
}

chain::FarmingPolicy Policy(chain::PolicyId id, chain::NodeCertification node, chain::FarmCertification farm,
                            bool is_default = true) {
  chain::FarmingPolicy p;
  p.id = id;
  p.name = "policy" + std::to_string(id);
  p.node_certification = node;
  p.farm_certification = farm;
  p.is_default = is_default;
  return p;
}

// Two farms of twins 1 and 2; nodes 1..3 in farm 1, node 4 in farm 2; default
// policies 1 (diy), 2 (certified node), 3 (gold farm), 4 (certified in gold, not default).
class DirectoryIndexTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(s_.Commit(kT0, [](contracts::StateOverlay& o) {
                    ASSERT_TRUE(PolicyState::PutFarmingPolicy(o, Policy(1, chain::NodeCertification::kDiy,
                                                                        chain::FarmCertification::kNotCertified))
                                    .ok());
                    ASSERT_TRUE(PolicyState::PutFarmingPolicy(o, Policy(2, chain::NodeCertification::kCertified,
                                                                        chain::FarmCertification::kNotCertified))
                                    .ok());
                    ASSERT_TRUE(PolicyState::PutFarmingPolicy(
                                    o, Policy(3, chain::NodeCertification::kDiy, chain::FarmCertification::kGold))
                                    .ok());
                    ASSERT_TRUE(PolicyState::PutFarmingPolicy(o, Policy(4, chain::NodeCertification::kCertified,
                                                                        chain::FarmCertification::kGold, false))
                                    .ok());
                    PolicyState::PutGridParams(o, TestGrid());
                    DirectoryState::PutTwin(o, MakeTwin(1));
                    DirectoryState::PutTwin(o, MakeTwin(2));
                    DirectoryState::PutFarm(o, MakeFarm(1, "FreeFarm", 1, 2, 1));
                    contracts::FarmRecord gold = MakeFarm(2, "gold-farm", 2);
                    gold.certification = chain::FarmCertification::kGold;
                    gold.dedicated = true;
                    DirectoryState::PutFarm(o, gold);
                    DirectoryState::PutNode(o, MakeNode(1, 1, {4, 16 * kGiB, 512 * kGiB, 0}, "Belgium", "Ghent"));
                    contracts::NodeRecord n2 = MakeNode(2, 1, {8, 32 * kGiB, 1024 * kGiB, 0}, "belgium", "Antwerp");
                    n2.certification = chain::NodeCertification::kCertified;
                    n2.reserved = {2, 8 * kGiB, 0, 0};
                    DirectoryState::PutNode(o, n2);
                    DirectoryState::PutNode(o, MakeNode(3, 1, {2, 4 * kGiB, 0, 2048 * kGiB}, "Egypt", "Cairo"));
                    DirectoryState::PutNode(o, MakeNode(4, 2, {16, 64 * kGiB, 100 * kGiB, 0}, "Belgium", "Ghent"));
                  }).ok());
  }

  std::vector<chain::NodeId> Find(const rpc::NodeQuery& q) {
    std::vector<chain::NodeId> ids;
    for (const rpc::NodeView& n : s_.index().FindNodes(q).nodes) ids.push_back(n.node_id);
    return ids;
  }
  std::vector<chain::NodeId> Find(const rpc::NodeFilter& f) { return Find(rpc::NodeQuery{.filter = f}); }

  IndexedState s_{chain::GridParams{}};
};

TEST_F(DirectoryIndexTest, TwinsByIdAndAccount) {
  auto twin = s_.index().GetTwin(2);
  ASSERT_TRUE(twin);
  EXPECT_EQ(twin->twin_id, 2u);
  EXPECT_EQ(twin->account, Account(2, 0x01));
  EXPECT_EQ(twin->relay, "relay.example");
  EXPECT_EQ(twin->public_key, (chain::Bytes{1, 2, 3}));
  EXPECT_EQ(twin->created_ms, 1002u);
  auto by_account = s_.index().GetTwinByAccount(Account(1, 0x01));
  ASSERT_TRUE(by_account);
  EXPECT_EQ(by_account->twin_id, 1u);
  EXPECT_FALSE(s_.index().GetTwin(3));
  EXPECT_FALSE(s_.index().GetTwinByAccount(Account(3, 0x01)));
}

TEST_F(DirectoryIndexTest, FarmsWithOwnerIpsAndNodes) {
  auto farm = s_.index().GetFarm(1);
  ASSERT_TRUE(farm);
  EXPECT_EQ(farm->name, "FreeFarm");
  EXPECT_EQ(farm->twin_id, 1u);
  EXPECT_EQ(farm->owner_account, Account(1, 0x01));
  EXPECT_EQ(farm->public_ips.size(), 3u);
  EXPECT_EQ(farm->public_ips[0].contract_id, 1u);
  EXPECT_EQ(farm->free_public_ips, 2u);
  EXPECT_EQ(farm->node_ids, (std::vector<chain::NodeId>{1, 2, 3}));
  EXPECT_EQ(farm->created_ms, 2001u);
  // Names match case-insensitively.
  for (const char* name : {"FreeFarm", "freefarm", "FREEFARM"}) {
    auto by_name = s_.index().GetFarmByName(name);
    ASSERT_TRUE(by_name) << name;
    EXPECT_EQ(by_name->farm_id, 1u);
  }
  EXPECT_FALSE(s_.index().GetFarmByName("free"));
  EXPECT_FALSE(s_.index().GetFarm(3));

  rpc::FarmPage page = s_.index().ListFarms(0, 10);
  EXPECT_EQ(page.total, 2u);
  ASSERT_EQ(page.farms.size(), 2u);
  EXPECT_EQ(page.farms[1].farm_id, 2u);
  EXPECT_TRUE(page.farms[1].dedicated);
  EXPECT_EQ(page.farms[1].certification, chain::FarmCertification::kGold);
  page = s_.index().ListFarms(1, 1);
  ASSERT_EQ(page.farms.size(), 1u);
  EXPECT_EQ(page.farms[0].farm_id, 2u);
  EXPECT_TRUE(s_.index().ListFarms(2, 10).farms.empty());
  EXPECT_TRUE(s_.index().ListFarms(0, 0).farms.empty());
}

TEST_F(DirectoryIndexTest, NodeViewCarriesFreeCapacityFarmAndPolicy) {
  auto node = s_.index().GetNode(2);
  ASSERT_TRUE(node);
  EXPECT_EQ(node->farm_id, 1u);
  EXPECT_EQ(node->account, Account(2, 0x02));
  EXPECT_EQ(node->resources, (chain::Resources{8, 32 * kGiB, 1024 * kGiB, 0}));
  EXPECT_EQ(node->reserved, (chain::Resources{2, 8 * kGiB, 0, 0}));
  EXPECT_EQ(node->free, (chain::Resources{6, 24 * kGiB, 1024 * kGiB, 0}));
  EXPECT_EQ(node->location.city, "Antwerp");
  EXPECT_EQ(node->farm_name, "FreeFarm");
  EXPECT_EQ(node->free_public_ips, 2u);
  EXPECT_FALSE(node->dedicated);
  EXPECT_EQ(node->status, rpc::NodeStatus::kDown);  // never reported
  EXPECT_EQ(node->last_uptime_report_ms, 0u);
  // Farming policies: the highest-id default one the node and farm qualify for.
  EXPECT_EQ(node->farming_policy_id, 2u);                   // certified node, not-certified farm
  EXPECT_EQ(s_.index().GetNode(1)->farming_policy_id, 1u);  // diy
  EXPECT_EQ(s_.index().GetNode(4)->farming_policy_id, 3u);  // diy in a gold farm (4 is not default)
  EXPECT_EQ(s_.index().GetNode(4)->farm_certification, chain::FarmCertification::kGold);
  // The same rule as the farming module's contracts::FarmingPolicyFor.
  for (chain::NodeId id = 1; id <= 4; ++id) {
    const contracts::NodeRecord record = *DirectoryState::GetNode(s_.state(), id).value();
    const contracts::FarmRecord farm = *DirectoryState::GetFarm(s_.state(), record.farm_id).value();
    auto policy = contracts::FarmingPolicyFor(s_.state(), record, farm);
    ASSERT_TRUE(policy.ok());
    EXPECT_EQ(s_.index().GetNode(id)->farming_policy_id, policy->id) << "node " << id;
  }

  auto by_account = s_.index().GetNodeByAccount(Account(3, 0x02));
  ASSERT_TRUE(by_account);
  EXPECT_EQ(by_account->node_id, 3u);
  EXPECT_FALSE(s_.index().GetNode(5));
  EXPECT_FALSE(s_.index().GetNodeByAccount(Account(3, 0x01)));
  EXPECT_EQ(s_.index().FarmingPolicies().size(), 4u);
}

TEST_F(DirectoryIndexTest, FindNodesByEveryFilter) {
  EXPECT_EQ(Find(rpc::NodeFilter{}), (std::vector<chain::NodeId>{1, 2, 3, 4}));
  EXPECT_EQ(Find(rpc::NodeFilter{.free_cru = 6}), (std::vector<chain::NodeId>{2, 4}));  // node 2: 8 - 2 reserved
  EXPECT_EQ(Find(rpc::NodeFilter{.free_cru = 7}), (std::vector<chain::NodeId>{4}));
  EXPECT_EQ(Find(rpc::NodeFilter{.free_mru = 24 * kGiB}), (std::vector<chain::NodeId>{2, 4}));
  EXPECT_EQ(Find(rpc::NodeFilter{.free_mru = 24 * kGiB + 1}), (std::vector<chain::NodeId>{4}));
  EXPECT_EQ(Find(rpc::NodeFilter{.free_sru = 512 * kGiB}), (std::vector<chain::NodeId>{1, 2}));
  EXPECT_EQ(Find(rpc::NodeFilter{.free_hru = 1}), (std::vector<chain::NodeId>{3}));
  EXPECT_EQ(Find(rpc::NodeFilter{.country = "BELGIUM"}), (std::vector<chain::NodeId>{1, 2, 4}));
  EXPECT_EQ(Find(rpc::NodeFilter{.country = "Belg"}), (std::vector<chain::NodeId>{}));
  EXPECT_EQ(Find(rpc::NodeFilter{.country = "Narnia"}), (std::vector<chain::NodeId>{}));
  EXPECT_EQ(Find(rpc::NodeFilter{.city = "ghent"}), (std::vector<chain::NodeId>{1, 4}));
  EXPECT_EQ(Find(rpc::NodeFilter{.farm_id = 2}), (std::vector<chain::NodeId>{4}));
  EXPECT_EQ(Find(rpc::NodeFilter{.farm_id = 9}), (std::vector<chain::NodeId>{}));
  EXPECT_EQ(Find(rpc::NodeFilter{.certified = true}), (std::vector<chain::NodeId>{2}));
  EXPECT_EQ(Find(rpc::NodeFilter{.certified = false}), (std::vector<chain::NodeId>{1, 3, 4}));
  EXPECT_EQ(Find(rpc::NodeFilter{.has_free_ip = true}), (std::vector<chain::NodeId>{1, 2, 3}));
  EXPECT_EQ(Find(rpc::NodeFilter{.has_free_ip = false}), (std::vector<chain::NodeId>{4}));
  EXPECT_EQ(Find(rpc::NodeFilter{.dedicated = true}), (std::vector<chain::NodeId>{4}));
  EXPECT_EQ(Find(rpc::NodeFilter{.dedicated = false}), (std::vector<chain::NodeId>{1, 2, 3}));
  EXPECT_EQ(Find(rpc::NodeFilter{.status = rpc::NodeStatus::kDown}), (std::vector<chain::NodeId>{1, 2, 3, 4}));
  EXPECT_EQ(Find(rpc::NodeFilter{.status = rpc::NodeStatus::kUp}), (std::vector<chain::NodeId>{}));
  // Filters combine.
  EXPECT_EQ(Find(rpc::NodeFilter{.free_mru = 8 * kGiB, .country = "belgium", .has_free_ip = true}),
            (std::vector<chain::NodeId>{1, 2}));
}

TEST_F(DirectoryIndexTest, FindNodesSortsAndPages) {
  EXPECT_EQ(Find(rpc::NodeQuery{.sort = rpc::NodeSort::kFreeCru}), (std::vector<chain::NodeId>{4, 2, 1, 3}));
  EXPECT_EQ(Find(rpc::NodeQuery{.sort = rpc::NodeSort::kFreeMru}), (std::vector<chain::NodeId>{4, 2, 1, 3}));
  // Ties keep node id order: nodes 3 and 4 ... sru 0 for node 3, hru 0 for 1, 2, 4.
  EXPECT_EQ(Find(rpc::NodeQuery{.sort = rpc::NodeSort::kFreeSru}), (std::vector<chain::NodeId>{2, 1, 4, 3}));
  EXPECT_EQ(Find(rpc::NodeQuery{.sort = rpc::NodeSort::kFreeHru}), (std::vector<chain::NodeId>{3, 1, 2, 4}));

  rpc::NodePage page = s_.index().FindNodes(rpc::NodeQuery{.sort = rpc::NodeSort::kFreeCru, .offset = 1, .limit = 2});
  EXPECT_EQ(page.total, 4u);
  ASSERT_EQ(page.nodes.size(), 2u);
  EXPECT_EQ(page.nodes[0].node_id, 2u);
  EXPECT_EQ(page.nodes[1].node_id, 1u);
  page = s_.index().FindNodes(rpc::NodeQuery{.offset = 3, .limit = 50});
  EXPECT_EQ(page.total, 4u);
  ASSERT_EQ(page.nodes.size(), 1u);
  EXPECT_EQ(page.nodes[0].node_id, 4u);
  page = s_.index().FindNodes(rpc::NodeQuery{.filter = {.country = "belgium"}, .offset = 10});
  EXPECT_EQ(page.total, 3u);
  EXPECT_TRUE(page.nodes.empty());
  page = s_.index().FindNodes(rpc::NodeQuery{.sort = rpc::NodeSort::kFreeMru, .limit = 0});
  EXPECT_EQ(page.total, 4u);
  EXPECT_TRUE(page.nodes.empty());
  page =
      s_.index().FindNodes(rpc::NodeQuery{.sort = rpc::NodeSort::kFreeMru, .offset = UINT64_MAX, .limit = UINT64_MAX});
  EXPECT_EQ(page.total, 4u);
  EXPECT_TRUE(page.nodes.empty());
  page = s_.index().FindNodes(rpc::NodeQuery{.offset = 2, .limit = UINT64_MAX});
  EXPECT_EQ(page.nodes.size(), 2u);
}

TEST_F(DirectoryIndexTest, StatusFollowsUptimeReportsAndHeadTime) {
  const chain::GridParams grid = TestGrid();
  ASSERT_TRUE(s_.Commit(kT0 + 1000, [](contracts::StateOverlay& o) {
                  FarmingState::PutNodeUptime(o, 1, Reported(kT0 + 1000));
                  FarmingState::PutNodeUptime(o, 2, Reported(kT0 + 1000));
                  contracts::NodeUptime credited_only;  // a public-IP credit, no report yet
                  credited_only.periods = {{0, 0, 5}};
                  FarmingState::PutNodeUptime(o, 3, credited_only);
                  contracts::NodeRecord n2 = *DirectoryState::GetNode(o, 2).value();
                  n2.power_target = chain::PowerState::kDown;
                  DirectoryState::PutNode(o, n2);
                }).ok());
  auto statuses = [&] {
    std::vector<rpc::NodeStatus> out;
    for (chain::NodeId id = 1; id <= 4; ++id) out.push_back(s_.index().GetNode(id)->status);
    return out;
  };
  using S = rpc::NodeStatus;
  EXPECT_EQ(statuses(), (std::vector<S>{S::kUp, S::kUp, S::kDown, S::kDown}));
  EXPECT_EQ(s_.index().GetNode(1)->last_uptime_report_ms, kT0 + 1000);
  EXPECT_EQ(s_.index().GetNode(3)->last_uptime_report_ms, 0u);

  // Exactly 2 intervals later: still up; one ms later: node 2 (target down) is standby.
  ASSERT_TRUE(s_.Commit(kT0 + 1000 + 2 * grid.uptime_interval_ms, [](contracts::StateOverlay&) {}).ok());
  EXPECT_EQ(statuses(), (std::vector<S>{S::kUp, S::kUp, S::kDown, S::kDown}));
  ASSERT_TRUE(s_.Commit(kT0 + 1001 + 2 * grid.uptime_interval_ms, [](contracts::StateOverlay&) {}).ok());
  EXPECT_EQ(statuses(), (std::vector<S>{S::kDown, S::kStandby, S::kDown, S::kDown}));
  EXPECT_EQ(Find(rpc::NodeFilter{.status = S::kStandby}), (std::vector<chain::NodeId>{2}));
  // Beyond the standby window: down.
  ASSERT_TRUE(s_.Commit(kT0 + 1001 + grid.standby_window_ms, [](contracts::StateOverlay&) {}).ok());
  EXPECT_EQ(statuses(), (std::vector<S>{S::kDown, S::kDown, S::kDown, S::kDown}));

  // The index's status is the farming module's, for every node and time checked.
  for (uint64_t now : {kT0, kT0 + 1000, kT0 + 21'000, kT0 + 21'001, kT0 + 86'401'000, kT0 + 86'401'001}) {
    ASSERT_TRUE(s_.Commit(now, [](contracts::StateOverlay&) {}).ok());
    for (chain::NodeId id = 1; id <= 4; ++id) {
      auto node = DirectoryState::GetNode(s_.state(), id).value();
      auto uptime = FarmingState::GetNodeUptime(s_.state(), id).value();
      const contracts::NodeLiveness expected = contracts::NodeStatus(*node, uptime ? &*uptime : nullptr, now, grid);
      EXPECT_EQ(rpc::NodeStatusName(s_.index().GetNode(id)->status), contracts::NodeLivenessName(expected))
          << "node " << id << " at " << now;
    }
  }
}

TEST_F(DirectoryIndexTest, UptimeView) {
  contracts::NodeUptime u = Reported(kT0 + 5000);
  u.first_report_ms = kT0 + 1000;
  u.last_uptime_s = 777;
  u.periods = {{3, 100, 0}, {4, 200, 9}};
  u.report_count = 4;
  ASSERT_TRUE(s_.Commit(kT0 + 6000, [&](contracts::StateOverlay& o) { FarmingState::PutNodeUptime(o, 2, u); }).ok());
  auto view = s_.index().GetNodeUptime(2);
  ASSERT_TRUE(view);
  EXPECT_EQ(view->status, rpc::NodeStatus::kUp);
  EXPECT_EQ(view->last_report_ms, kT0 + 5000);
  EXPECT_EQ(view->first_report_ms, kT0 + 1000);
  EXPECT_EQ(view->last_uptime_s, 777u);
  ASSERT_EQ(view->periods.size(), 2u);
  EXPECT_EQ(view->periods[1].period, 4u);
  EXPECT_EQ(view->periods[1].uptime_ms, 200u);
  EXPECT_EQ(view->periods[1].ip_ms, 9u);
  EXPECT_EQ(view->interval_ms, TestGrid().uptime_interval_ms);
  // A node without a record: down, zeros.
  view = s_.index().GetNodeUptime(1);
  ASSERT_TRUE(view);
  EXPECT_EQ(view->status, rpc::NodeStatus::kDown);
  EXPECT_EQ(view->last_report_ms, 0u);
  EXPECT_TRUE(view->periods.empty());
  EXPECT_FALSE(s_.index().GetNodeUptime(9));
}

TEST_F(DirectoryIndexTest, GridParamsFromStateDecideTheStatus) {
  ASSERT_TRUE(s_.Commit(kT0 + 1000, [](contracts::StateOverlay& o) {
                  FarmingState::PutNodeUptime(o, 1, Reported(kT0 + 1000));
                }).ok());
  ASSERT_TRUE(s_.Commit(kT0 + 50'000, [](contracts::StateOverlay&) {}).ok());
  EXPECT_EQ(s_.index().GetNode(1)->status, rpc::NodeStatus::kDown);  // 49 s > 2 x 10 s
  chain::GridParams slower = TestGrid();
  slower.uptime_interval_ms = 30'000;
  ASSERT_TRUE(s_.Commit(kT0 + 50'001, [&](contracts::StateOverlay& o) { PolicyState::PutGridParams(o, slower); }).ok());
  EXPECT_EQ(s_.index().GetNode(1)->status, rpc::NodeStatus::kUp);
  EXPECT_EQ(s_.index().GetNodeUptime(1)->interval_ms, 30'000u);
}

TEST_F(DirectoryIndexTest, UpdatesAndDeletes) {
  ASSERT_TRUE(s_.Commit(kT0 + 1000, [](contracts::StateOverlay& o) {
                  // Rename farm 1, free its rented IP, change node 1, delete node 3 and twin 2.
                  contracts::FarmRecord f = *DirectoryState::GetFarm(o, 1).value();
                  f.name = "NewName";
                  f.public_ips[0].contract_id = 0;
                  DirectoryState::PutFarm(o, f);
                  contracts::NodeRecord n1 = *DirectoryState::GetNode(o, 1).value();
                  n1.resources.cru = 32;
                  n1.location.country = "Egypt";
                  n1.certification = chain::NodeCertification::kCertified;
                  DirectoryState::PutNode(o, n1);
                  DirectoryState::DeleteNode(o, 3);
                  o.Delete(DirectoryState::TwinKey(2));
                }).ok());
  EXPECT_FALSE(s_.index().GetFarmByName("FreeFarm"));
  ASSERT_TRUE(s_.index().GetFarmByName("newname"));
  EXPECT_EQ(s_.index().GetFarm(1)->free_public_ips, 3u);
  EXPECT_EQ(s_.index().GetFarm(1)->node_ids, (std::vector<chain::NodeId>{1, 2}));
  EXPECT_EQ(s_.index().GetNode(1)->farm_name, "NewName");
  EXPECT_EQ(s_.index().GetNode(1)->free.cru, 32u);
  EXPECT_EQ(Find(rpc::NodeFilter{.country = "egypt"}), (std::vector<chain::NodeId>{1}));
  EXPECT_EQ(Find(rpc::NodeFilter{.certified = true}), (std::vector<chain::NodeId>{1, 2}));
  EXPECT_EQ(Find(rpc::NodeQuery{.sort = rpc::NodeSort::kFreeCru}), (std::vector<chain::NodeId>{1, 4, 2}));
  EXPECT_FALSE(s_.index().GetNode(3));
  EXPECT_FALSE(s_.index().GetNodeByAccount(Account(3, 0x02)));
  EXPECT_FALSE(s_.index().GetNodeUptime(3));
  EXPECT_FALSE(s_.index().GetTwin(2));
  EXPECT_FALSE(s_.index().GetTwinByAccount(Account(2, 0x01)));
  // The farm of a deleted twin has no owner account to show.
  EXPECT_EQ(s_.index().GetFarm(2)->owner_account, chain::AccountId());
  EXPECT_EQ(s_.index().Stats().nodes_total, 3u);
}

TEST_F(DirectoryIndexTest, Stats) {
  ASSERT_TRUE(s_.Commit(kT0 + 1000, [](contracts::StateOverlay& o) {
                  FarmingState::PutNodeUptime(o, 1, Reported(kT0 + 1000));
                  FarmingState::PutNodeUptime(o, 4, Reported(kT0 + 1000));
                }).ok());
  rpc::GridStats s = s_.index().Stats();
  EXPECT_EQ(s.nodes_total, 4u);
  EXPECT_EQ(s.nodes_up, 2u);
  EXPECT_EQ(s.nodes_standby, 0u);
  EXPECT_EQ(s.farms, 2u);
  EXPECT_EQ(s.twins, 2u);
  EXPECT_EQ(s.total, (chain::Resources{30, 116 * kGiB, 1636 * kGiB, 2048 * kGiB}));
  EXPECT_EQ(s.free, (chain::Resources{28, 108 * kGiB, 1636 * kGiB, 2048 * kGiB}));
  EXPECT_EQ(s.public_ips, 3u);
  EXPECT_EQ(s.free_public_ips, 2u);
}

TEST_F(DirectoryIndexTest, FarmingReceipts) {
  auto receipt = [](uint64_t period, chain::NodeId node, chain::FarmId farm, uint64_t amount) {
    chain::FarmingReceipt r;
    r.period = period;
    r.node_id = node;
    r.farm_id = farm;
    r.amount = amount;
    return r;
  };
  ASSERT_TRUE(s_.Commit(kT0 + 1000, [&](contracts::StateOverlay& o) {
                  FarmingState::PutReceipt(o, receipt(0, 1, 1, 10));
                  FarmingState::PutReceipt(o, receipt(0, 4, 2, 20));
                  FarmingState::PutReceipt(o, receipt(1, 1, 1, 30));
                }).ok());
  ASSERT_TRUE(s_.Commit(kT0 + 2000, [&](contracts::StateOverlay& o) {
                  FarmingState::PutReceipt(o, receipt(1, 4, 2, UINT64_MAX));
                  FarmingState::PutReceipt(o, receipt(1, 2, 1, 50));
                }).ok());
  auto refs = [](const DirectoryIndex::ReceiptMatches& m) {
    std::vector<std::pair<uint64_t, chain::NodeId>> out;
    for (const auto& r : m.page) out.emplace_back(r.period, r.node_id);
    return out;
  };
  using Refs = std::vector<std::pair<uint64_t, chain::NodeId>>;
  DirectoryIndex::ReceiptMatches all = s_.index().MatchReceipts(rpc::RewardsQuery{});
  EXPECT_EQ(all.count, 5u);
  EXPECT_EQ(all.total, UINT64_MAX);  // saturates
  EXPECT_EQ(refs(all), (Refs{{0, 1}, {0, 4}, {1, 1}, {1, 2}, {1, 4}}));
  DirectoryIndex::ReceiptMatches m = s_.index().MatchReceipts(rpc::RewardsQuery{.node_id = 1});
  EXPECT_EQ(m.count, 2u);
  EXPECT_EQ(m.total, 40u);
  m = s_.index().MatchReceipts(rpc::RewardsQuery{.farm_id = 1, .period = 1});
  EXPECT_EQ(refs(m), (Refs{{1, 1}, {1, 2}}));
  EXPECT_EQ(m.total, 80u);
  m = s_.index().MatchReceipts(rpc::RewardsQuery{.period = 1, .offset = 1, .limit = 1});
  EXPECT_EQ(m.count, 3u);
  EXPECT_EQ(refs(m), (Refs{{1, 2}}));
  EXPECT_EQ(s_.index().MatchReceipts(rpc::RewardsQuery{.period = 7}).count, 0u);
}

TEST_F(DirectoryIndexTest, LoadFromTheStoredStateEqualsTheAppliedIndex) {
  ASSERT_TRUE(s_.Commit(kT0 + 1000, [](contracts::StateOverlay& o) {
                  FarmingState::PutNodeUptime(o, 2, Reported(kT0 + 1000));
                  chain::FarmingReceipt r;
                  r.period = 3;
                  r.node_id = 2;
                  r.farm_id = 1;
                  r.amount = 12;
                  FarmingState::PutReceipt(o, r);
                }).ok());
  std::unique_ptr<KvStore> kv = s_.ToKvStore();
  DirectoryIndex loaded(chain::GridParams{});
  ASSERT_TRUE(loaded.Load(*kv, kT0 + 1000).ok());
  EXPECT_EQ(loaded.head_time_ms(), kT0 + 1000);
  for (chain::NodeId id = 1; id <= 4; ++id) {
    auto a = loaded.GetNode(id);
    auto b = s_.index().GetNode(id);
    ASSERT_TRUE(a && b);
    EXPECT_EQ(a->free, b->free);
    EXPECT_EQ(a->status, b->status);
    EXPECT_EQ(a->farming_policy_id, b->farming_policy_id);
    EXPECT_EQ(a->farm_name, b->farm_name);
  }
  EXPECT_EQ(loaded.GetNode(2)->status, rpc::NodeStatus::kUp);
  EXPECT_EQ(loaded.GetNodeUptime(2)->interval_ms, TestGrid().uptime_interval_ms);
  EXPECT_EQ(loaded.Stats().nodes_total, 4u);
  EXPECT_EQ(loaded.Stats().twins, 2u);
  EXPECT_EQ(loaded.GetFarm(1)->node_ids, (std::vector<chain::NodeId>{1, 2, 3}));
  EXPECT_EQ(loaded.MatchReceipts(rpc::RewardsQuery{}).total, 12u);
  EXPECT_EQ(loaded.FarmingPolicies().size(), 4u);
  // Loading again replaces (no duplicates).
  ASSERT_TRUE(loaded.Load(*kv, kT0 + 1000).ok());
  EXPECT_EQ(loaded.Stats().nodes_total, 4u);
  EXPECT_EQ(loaded.MatchReceipts(rpc::RewardsQuery{}).count, 1u);
}

TEST_F(DirectoryIndexTest, UndecodableRecordIsReportedAndSkipped) {
  const chain::Bytes bad_node_key = DirectoryState::NodeKey(9);
  Status s = s_.Commit(kT0 + 1000, [&](contracts::StateOverlay& o) {
    o.Put(bad_node_key, chain::Bytes{0xff, 0x01});
    DirectoryState::PutNode(o, MakeNode(10, 2, {1, 2 * kGiB, 100 * kGiB, 0}));
  });
  EXPECT_EQ(s.code(), Status::Code::kCorruption);
  EXPECT_EQ(s.reason(), "state-corrupt");
  EXPECT_FALSE(s_.index().GetNode(9));
  EXPECT_TRUE(s_.index().GetNode(10));  // the rest of the block applied
  // Load reports it the same way and loads the rest.
  DirectoryIndex loaded(chain::GridParams{});
  EXPECT_EQ(loaded.Load(*s_.ToKvStore(), kT0).reason(), "state-corrupt");
  EXPECT_TRUE(loaded.GetNode(10));
  EXPECT_EQ(loaded.Stats().nodes_total, 5u);
}

TEST_F(DirectoryIndexTest, OtherKeysAreIgnored) {
  ASSERT_TRUE(s_.Commit(kT0 + 1000, [](contracts::StateOverlay& o) {
                  o.Put(chain::Bytes{0x03, 0x06, 0x00}, chain::Bytes{0xff});  // a short key under the node prefix
                  o.Put(chain::Bytes{0x05, 0x03}, chain::Bytes{0xff});        // the settlement cursor
                  o.Put(chain::Bytes{0x01, 0x00, 0x07}, chain::Bytes{0xff});  // an account
                  o.Put(chain::Bytes{}, chain::Bytes{0xff});
                }).ok());
  EXPECT_EQ(s_.index().Stats().nodes_total, 4u);
}

// The node's hook: ChainState hands every committed block's writes to its observer.
// Real signed transactions through the runtime register a farm and a node; the index
// fed by the observer and one loaded from the store afterwards both see them.
TEST(DirectoryIndexChainTest, CommittedBlocksFeedTheIndex) {
  const chain::SecretKey farmer = tfchain::testing::TestKey(1, 0x61);
  const chain::SecretKey node_key = tfchain::testing::TestKey(2, 0x61);
  chain::Genesis genesis;
  genesis.chain_id = "index-test";
  genesis.genesis_time_ms = kT0;
  genesis.balances = {{farmer.account_id(), 1'000 * chain::kUnitsPerTft},
                      {node_key.account_id(), 1'000 * chain::kUnitsPerTft}};
  genesis.validators = {{"v", farmer.account_id(), {farmer.account_id(), 1'000}, 0}};
  std::unique_ptr<KvStore> kv = NewMemKvStore();
  auto chain = std::move(ChainState::Open(*kv, genesis)).value();
  DirectoryIndex index(genesis.grid);
  ASSERT_TRUE(index.Load(*kv, chain->head().time_ms).ok());
  EXPECT_EQ(index.FarmingPolicies().size(), genesis.farming_policies.size());  // from the genesis state
  chain->AddCommitObserver([&index](const chain::BlockHeader& header, const auto& writes) {
    EXPECT_TRUE(index.Apply(writes, header.time_ms).ok());
  });

  std::vector<chain::Transaction> txs;
  auto sign = [&](const chain::SecretKey& key, uint64_t nonce, chain::Call call) {
    chain::TransactionBody body;
    body.chain_id = genesis.chain_id;
    body.nonce = nonce;
    body.valid_until = 100;
    body.call = std::move(call);
    txs.push_back(chain::SignTransaction(std::move(body), key));
  };
  sign(farmer, 0, chain::TwinCreateCall{"relay.example", chain::Bytes(32, 7)});
  sign(node_key, 0, chain::TwinCreateCall{"relay.example", chain::Bytes(32, 8)});
  sign(farmer, 1, chain::FarmCreateCall{"MyFarm", 1});
  sign(farmer, 2, chain::FarmAddIpCall{1, "185.69.166.7/24", "185.69.166.1"});
  chain::NodeCreateCall create;
  create.farm_id = 1;
  create.resources = {4, 16 * kGiB, 512 * kGiB, 0};
  create.location = {"Ghent", "Belgium", 51'054'300, 3'717'400};
  create.agent_endpoint = "http://10.0.0.2:2021";
  sign(node_key, 1, create);

  std::vector<chain::Bytes> encoded;
  std::vector<Candidate> candidates;
  for (const chain::Transaction& tx : txs) encoded.push_back(chain::Encode(tx));
  for (size_t i = 0; i < txs.size(); ++i) candidates.push_back({&txs[i], chain::TxHash(encoded[i]), encoded[i].size()});
  auto built = chain->Build(chain->NextTemplate(kT0 + 1000, farmer.account_id()), candidates);
  ASSERT_TRUE(built.ok()) << built.status().ToString();
  ASSERT_EQ(built->block.txs.size(), txs.size());
  for (const chain::Receipt& r : built->results.receipts) ASSERT_TRUE(r.success) << r.error << ": " << r.message;
  chain::Commit commit{built->block.header.height, 0, built->hash, {}};
  ASSERT_TRUE(chain->Commit(std::move(built).value(), commit).ok());

  for (const DirectoryIndex* idx : {&index}) {
    EXPECT_EQ(idx->head_time_ms(), kT0 + 1000);
    auto farm = idx->GetFarmByName("myfarm");
    ASSERT_TRUE(farm);
    EXPECT_EQ(farm->owner_account, farmer.account_id());
    EXPECT_EQ(farm->free_public_ips, 1u);
    EXPECT_EQ(farm->node_ids, (std::vector<chain::NodeId>{1}));
    auto node = idx->GetNodeByAccount(node_key.account_id());
    ASSERT_TRUE(node);
    EXPECT_EQ(node->resources, create.resources);
    EXPECT_EQ(node->farm_name, "MyFarm");
    EXPECT_EQ(node->farming_policy_id, 1u);
    EXPECT_EQ(node->status, rpc::NodeStatus::kDown);
  }
  DirectoryIndex loaded(genesis.grid);
  ASSERT_TRUE(loaded.Load(*kv, chain->head().time_ms).ok());
  EXPECT_EQ(loaded.Stats().twins, 2u);
  EXPECT_EQ(loaded.Stats().nodes_total, 1u);
  EXPECT_EQ(loaded.FindNodes(rpc::NodeQuery{.filter = {.country = "belgium", .has_free_ip = true}}).total, 1u);
}

// Readers query while a writer applies blocks (a smoke test for the lock; run it under
// TSAN for the full check).
TEST(DirectoryIndexConcurrencyTest, QueriesRunWhileBlocksApply) {
  IndexedState s(chain::GridParams{});
  std::atomic<bool> done{false};
  std::vector<std::thread> readers;
  std::atomic<uint64_t> queries{0};
  for (int t = 0; t < 3; ++t) {
    readers.emplace_back([&] {
      while (!done) {
        rpc::NodePage page = s.index().FindNodes(rpc::NodeQuery{.sort = rpc::NodeSort::kFreeMru, .limit = 5});
        EXPECT_LE(page.nodes.size(), 5u);
        for (size_t i = 1; i < page.nodes.size(); ++i) EXPECT_GE(page.nodes[i - 1].free.mru, page.nodes[i].free.mru);
        const rpc::GridStats stats = s.index().Stats();
        EXPECT_LE(stats.nodes_up, stats.nodes_total);
        ++queries;
      }
    });
  }
  while (queries < 3) std::this_thread::yield();  // the readers run
  for (chain::NodeId id = 1; id <= 300; ++id) {
    ASSERT_TRUE(s.Commit(kT0 + id, [id](contracts::StateOverlay& o) {
                   if (id % 10 == 1) DirectoryState::PutFarm(o, MakeFarm(id / 10 + 1, "f" + std::to_string(id), 1, 1));
                   DirectoryState::PutNode(o, MakeNode(id, id / 10 + 1, {id, id * kGiB, 0, 0}));
                   if (id % 7 == 0) DirectoryState::DeleteNode(o, id - 3);
                   FarmingState::PutNodeUptime(o, id, Reported(kT0 + id));
                 }).ok());
  }
  const uint64_t during = queries;
  done = true;
  for (std::thread& t : readers) t.join();
  EXPECT_GT(during, 3u);
  EXPECT_EQ(s.index().Stats().nodes_total, 300u - 300u / 7);
}

}  // namespace
}  // namespace tfchain::node::testing
