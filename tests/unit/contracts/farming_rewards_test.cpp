// Farming rewards (docs/farming.md): farming units, the reward formula against worked
// examples written out step by step (inputs -> CU/SU -> nUSD -> TFT base units),
// the policy choice, and the settlement of periods spread over blocks.
#include <gtest/gtest.h>

#include "tests/unit/contracts/farming_test_util.h"

namespace tfchain::contracts::testing {
namespace {

using chain::FarmingReceipt;

// ---------------------------------------------------------------------------------
// Farming units: CU = min(2·cru, (mru − 1)/4, sru/50), SU = hru/1200 + sru/250 (GiB).

TEST(FarmingUnitsTest, WorkedExamples) {
  // 4 cores, 16 GiB, 1 TiB SSD: CU = min(8, 15/4 = 3.75, 1024/50 = 20.48) = 3.75 (memory);
  // SU = 1024/250 = 4.096.
  EXPECT_EQ(ComputeFarmingUnits({4, 16 * kGiB, 1024 * kGiB, 0}), (FarmingUnits{3'750'000, 4'096'000}));
  // Core-bound: 1 core, 64 GiB, 2 TiB SSD: CU = min(2, 15.75, 40.96) = 2; SU = 2048/250 = 8.192.
  EXPECT_EQ(ComputeFarmingUnits({1, 64 * kGiB, 2048 * kGiB, 0}), (FarmingUnits{2'000'000, 8'192'000}));
  // SSD-bound: 16 cores, 64 GiB, 100 GiB SSD: CU = min(32, 15.75, 2) = 2; SU = 100/250 = 0.4.
  EXPECT_EQ(ComputeFarmingUnits({16, 64 * kGiB, 100 * kGiB, 0}), (FarmingUnits{2'000'000, 400'000}));
  // Storage node: 2 cores, 8 GiB, 256 GiB SSD, 16 TiB HDD: CU = min(4, 1.75, 5.12) = 1.75;
  // SU = 16384/1200 + 256/250 = 13.6533… + 1.024 = 14.677333… -> floored to 14.677333.
  EXPECT_EQ(ComputeFarmingUnits({2, 8 * kGiB, 256 * kGiB, 16384 * kGiB}), (FarmingUnits{1'750'000, 14'677'333}));
  // Units are floored to 10^-6: one byte more SSD changes nothing.
  EXPECT_EQ(ComputeFarmingUnits({16, 64 * kGiB, 100 * kGiB + 1, 0}), (FarmingUnits{2'000'000, 400'000}));
  // Never negative: memory below 1 GiB gives CU 0; no disks give 0 too.
  EXPECT_EQ(ComputeFarmingUnits({4, kGiB / 2, 1024 * kGiB, 0}).cu_micro, 0u);
  EXPECT_EQ(ComputeFarmingUnits({4, kGiB, 1024 * kGiB, 0}).cu_micro, 0u);
  EXPECT_EQ(ComputeFarmingUnits({}), (FarmingUnits{0, 0}));
  // The largest capacities do not overflow: CU = (2^64 − 1) B / 50 GiB (SSD-bound) and
  // SU = 29 × (2^64 − 1) B / 6000 GiB, floored.
  EXPECT_EQ(ComputeFarmingUnits({UINT64_MAX, UINT64_MAX, UINT64_MAX, UINT64_MAX}),
            (FarmingUnits{343'597'383'679'999, 83'036'034'389'333}));
}

// ---------------------------------------------------------------------------------
// The reward formula.

// The worked example's receipt inputs under the "diy" policy (cu 2400, su 1000 mUSD
// per unit-month, ipv4 5 mUSD per IP-hour, minimal uptime 95%) at 80 mUSD/TFT, over a
// 30-day period.
FarmingReceipt ExampleInputs(uint64_t uptime_ms) {
  FarmingReceipt r;
  r.policy_id = 1;
  r.cu_rate = 2400;
  r.su_rate = 1000;
  r.ipv4_rate = 5;
  r.minimal_uptime_permill = 950'000;
  r.period_ms = kMonthMs;
  r.uptime_ms = uptime_ms;
  r.cu_micro = 3'750'000;
  r.su_micro = 4'096'000;
  r.connection_price_musd = 80;
  return r;
}

TEST(ComputeRewardTest, FullMonthDiyAt80mUsd) {
  // 3.75 CU × 2400 + 4.096 SU × 1000 = 9000 + 4096 = 13,096 mUSD for the month
  // = 13,096,000,000 nUSD; at 0.080 USD/TFT that is 163.7 TFT = 1,637,000,000 units.
  const FarmingReceipt r = ComputeReward(ExampleInputs(kMonthMs));
  EXPECT_EQ(r.reward_nusd, 13'096'000'000u);
  EXPECT_EQ(r.amount, 1'637'000'000u);
  // Only the outputs change; the receipt recomputes to itself.
  FarmingReceipt inputs = r;
  inputs.reward_nusd = inputs.amount = 0;
  EXPECT_EQ(ExampleInputs(kMonthMs), inputs);
  EXPECT_EQ(ComputeReward(r), r);
}

TEST(ComputeRewardTest, ScaledByUptimeAndZeroBelowTheMinimum) {
  // 96% uptime: 13,096,000,000 × 0.96 = 12,572,160,000 nUSD -> 1,571,520,000 units.
  FarmingReceipt r = ComputeReward(ExampleInputs(kMonthMs / 100 * 96));
  EXPECT_EQ(r.reward_nusd, 12'572'160'000u);
  EXPECT_EQ(r.amount, 1'571'520'000u);
  // Exactly the minimum (95%) still earns: 12,441,200,000 nUSD -> 1,555,150,000 units.
  r = ComputeReward(ExampleInputs(kMonthMs / 100 * 95));
  EXPECT_EQ(r.reward_nusd, 12'441'200'000u);
  EXPECT_EQ(r.amount, 1'555'150'000u);
  // One millisecond less earns nothing.
  r = ComputeReward(ExampleInputs(kMonthMs / 100 * 95 - 1));
  EXPECT_EQ(r.reward_nusd, 0u);
  EXPECT_EQ(r.amount, 0u);
}

TEST(ComputeRewardTest, VirtualizedNodesEarnNothing) {
  FarmingReceipt in = ExampleInputs(kMonthMs);
  in.virtualized = true;
  const FarmingReceipt r = ComputeReward(in);
  EXPECT_EQ(r.reward_nusd, 0u);
  EXPECT_EQ(r.amount, 0u);
}

TEST(ComputeRewardTest, PublicIpHours) {
  // Capacity as above plus one public IP for the whole month: 720 h × 5 mUSD = 3,600
  // mUSD = 3,600,000,000 nUSD; total 16,696,000,000 nUSD -> 208.7 TFT.
  FarmingReceipt in = ExampleInputs(kMonthMs);
  in.ip_ms = kMonthMs;
  const FarmingReceipt r = ComputeReward(in);
  EXPECT_EQ(r.reward_nusd, 16'696'000'000u);
  EXPECT_EQ(r.amount, 2'087'000'000u);
}

TEST(ComputeRewardTest, FlooredAndGuarded) {
  // At 30 mUSD/TFT: 13,096,000,000 × 10 / 30 = 4,365,333,333.3 -> 4,365,333,333 units.
  FarmingReceipt in = ExampleInputs(kMonthMs);
  in.connection_price_musd = 30;
  EXPECT_EQ(ComputeReward(in).amount, 4'365'333'333u);
  // A price of 0 cannot convert: nothing is paid (the reward is still shown).
  in.connection_price_musd = 0;
  EXPECT_EQ(ComputeReward(in).reward_nusd, 13'096'000'000u);
  EXPECT_EQ(ComputeReward(in).amount, 0u);
  // Extreme inputs saturate instead of wrapping.
  in = ExampleInputs(kMonthMs);
  in.cu_micro = in.su_micro = in.cu_rate = in.su_rate = UINT64_MAX;
  in.ip_ms = in.ipv4_rate = UINT64_MAX;
  EXPECT_EQ(ComputeReward(in).reward_nusd, UINT64_MAX);
  EXPECT_EQ(ComputeReward(in).amount, UINT64_MAX / 8);  // × 10 / 80
  in.connection_price_musd = 1;
  EXPECT_EQ(ComputeReward(in).amount, UINT64_MAX);
  // The minimum-uptime product does not overflow either.
  in = ExampleInputs(UINT64_MAX);
  in.period_ms = UINT64_MAX;
  in.minimal_uptime_permill = 1'000'000;
  EXPECT_GT(ComputeReward(in).amount, 0u);
}

// ---------------------------------------------------------------------------------
// Settlement, end to end: reports -> EndBlock -> receipts and minted TFT.

constexpr uint64_t kG = kGenesisMs;
constexpr uint64_t kI = 2'400'000;  // 40 min, main-net

chain::GridParams MainNetGrid() { return chain::GridParams{}; }

class FarmingSettlementTest : public ::testing::Test {
 protected:
  explicit FarmingSettlementTest(chain::GridParams grid = MainNetGrid()) : world_(grid) {}

  // Node n reports every interval from `from` to `to` (inclusive), claiming it never
  // rebooted.
  void ReportEvery(uint32_t n, uint64_t from, uint64_t to) {
    const uint64_t interval = world_.Grid().uptime_interval_ms;
    for (uint64_t t = from; t <= to; t += interval) {
      auto r = world_.Report(n, t, (t - from) / 1000);
      ASSERT_TRUE(r.ok()) << r.status().ToString();
    }
  }

  template <typename E>
  static std::vector<E> EventsOf(const std::vector<Event>& events) {
    std::vector<E> out;
    for (const Event& e : events) {
      if (const E* x = std::get_if<E>(&e)) out.push_back(*x);
    }
    return out;
  }

  GridWorld world_;
};

TEST_F(FarmingSettlementTest, FullUptimeMonthMintsTheWorkedExample) {
  ASSERT_EQ(world_.Grid().farming_period_ms, kMonthMs);
  const FarmId farm = world_.CreateFarm(1);
  const NodeId node = world_.CreateNode(1, farm, ExampleResources(), kG);
  ReportEvery(1, kG, kG + kMonthMs);  // 1081 reports: 1080 intervals of credit
  EXPECT_EQ(world_.Uptime(node)->periods[0], (PeriodUptime{0, kMonthMs, 0}));

  const uint64_t issuance = world_.Issuance();
  const AccountId owner = GridWorld::FarmerAccount(1);
  // Not due until the block time passes the period's end + 2 intervals.
  auto early = world_.EndBlock(kG + kMonthMs + 2 * kI);
  ASSERT_TRUE(early.ok());
  EXPECT_TRUE(early->empty());
  EXPECT_FALSE(world_.Receipt(0, node).has_value());

  auto ev = world_.EndBlock(kG + kMonthMs + 2 * kI + 1);
  ASSERT_TRUE(ev.ok()) << ev.status().ToString();
  FarmingReceipt expected = ExampleInputs(kMonthMs);
  expected.period = 0;
  expected.node_id = node;
  expected.farm_id = farm;
  expected.account = owner;
  expected.reward_nusd = 13'096'000'000;
  expected.amount = 1'637'000'000;  // 163.7 TFT
  EXPECT_EQ(*ev,
            (std::vector<Event>{chain::RewardMintedEvent{expected}, chain::PeriodSettledEvent{0, 1, 1'637'000'000}}));
  EXPECT_EQ(world_.Receipt(0, node), expected);
  EXPECT_EQ(world_.Free(owner), 1'637'000'000u);
  EXPECT_EQ(world_.Issuance(), issuance + 1'637'000'000u);  // exactly what was minted
  EXPECT_EQ(FarmingState::GetPeriodTotals(world_.state(), 0).value(), (PeriodTotals{1, 1'637'000'000}));
  EXPECT_EQ(world_.Cursor(), (SettlementCursor{1, 1}));
  // The settled period left the node's record.
  EXPECT_EQ(world_.Uptime(node)->periods.size(), 0u);
  // Settling is done once: later blocks pay nothing more.
  ASSERT_TRUE(world_.EndBlock(kG + kMonthMs + 3 * kI).ok());
  EXPECT_EQ(world_.Issuance(), issuance + 1'637'000'000u);
}

TEST_F(FarmingSettlementTest, CertifiedNodeGetsTheCertifiedPolicy) {
  const FarmId farm = world_.CreateFarm(1);
  const NodeId node = world_.CreateNode(1, farm, ExampleResources(), kG, false, NodeCertification::kCertified);
  ReportEvery(1, kG, kG + kMonthMs);
  auto ev = world_.EndBlock(kG + kMonthMs + 2 * kI + 1);
  ASSERT_TRUE(ev.ok());
  const FarmingReceipt r = *world_.Receipt(0, node);
  // "certified": cu 3000, su 1250. 3.75 × 3000 + 4.096 × 1250 = 11,250 + 5,120 = 16,370
  // mUSD -> 16,370,000,000 nUSD -> 204.625 TFT = 2,046,250,000 units.
  EXPECT_EQ(r.policy_id, 2u);
  EXPECT_EQ(r.cu_rate, 3000u);
  EXPECT_EQ(r.su_rate, 1250u);
  EXPECT_EQ(r.reward_nusd, 16'370'000'000u);
  EXPECT_EQ(r.amount, 2'046'250'000u);
}

TEST_F(FarmingSettlementTest, PolicyChoiceFollowsNodeAndFarmCertification) {
  // A third default policy for certified nodes in gold farms.
  chain::FarmingPolicy gold{
      3, "gold", 4000, 2000, 40, 8, 900'000, NodeCertification::kCertified, FarmCertification::kGold, true, false};
  ASSERT_TRUE(world_.Write([&](StateOverlay& s) { return PolicyState::PutFarmingPolicy(s, gold); }).ok());
  const FarmId plain = world_.CreateFarm(1);
  const FarmId golden = world_.CreateFarm(2, FarmCertification::kGold);
  const NodeId diy_in_gold = world_.CreateNode(1, golden, ExampleResources(), kG);
  const NodeId cert_in_gold =
      world_.CreateNode(2, golden, ExampleResources(), kG, false, NodeCertification::kCertified);
  const NodeId cert_in_plain =
      world_.CreateNode(3, plain, ExampleResources(), kG, false, NodeCertification::kCertified);
  ASSERT_TRUE(world_.EndBlock(kG + kMonthMs + 2 * kI + 1).ok());
  EXPECT_EQ(world_.Receipt(0, diy_in_gold)->policy_id, 1u);
  EXPECT_EQ(world_.Receipt(0, cert_in_gold)->policy_id, 3u);
  EXPECT_EQ(world_.Receipt(0, cert_in_gold)->minimal_uptime_permill, 900'000u);
  EXPECT_EQ(world_.Receipt(0, cert_in_plain)->policy_id, 2u);
  // No uptime was reported: every receipt is there, with nothing minted.
  for (NodeId id : {diy_in_gold, cert_in_gold, cert_in_plain}) EXPECT_EQ(world_.Receipt(0, id)->amount, 0u);
}

TEST_F(FarmingSettlementTest, VirtualizedNodeGetsAZeroReceipt) {
  const FarmId farm = world_.CreateFarm(1);
  const NodeId node = world_.CreateNode(1, farm, ExampleResources(), kG, /*virtualized=*/true);
  ReportEvery(1, kG, kG + kMonthMs);
  const uint64_t issuance = world_.Issuance();
  ASSERT_TRUE(world_.EndBlock(kG + kMonthMs + 2 * kI + 1).ok());
  const FarmingReceipt r = *world_.Receipt(0, node);
  EXPECT_TRUE(r.virtualized);
  EXPECT_EQ(r.uptime_ms, kMonthMs);
  EXPECT_EQ(r.amount, 0u);
  EXPECT_EQ(world_.Issuance(), issuance);
}

TEST_F(FarmingSettlementTest, BelowMinimalUptimeGetsAZeroReceipt) {
  const FarmId farm = world_.CreateFarm(1);
  const NodeId node = world_.CreateNode(1, farm, ExampleResources(), kG);
  // 1015 of the month's 1080 intervals (94.0 %): below the 95 % minimum.
  ReportEvery(1, kG, kG + 1015 * kI);
  ASSERT_TRUE(world_.EndBlock(kG + kMonthMs + 2 * kI + 1).ok());
  const FarmingReceipt r = *world_.Receipt(0, node);
  EXPECT_EQ(r.uptime_ms, 1015 * kI);
  EXPECT_EQ(r.amount, 0u);
  EXPECT_EQ(world_.Free(GridWorld::FarmerAccount(1)), 0u);
}

TEST_F(FarmingSettlementTest, ConnectionPriceIsTheNodesPriceAtRegistration) {
  const FarmId farm = world_.CreateFarm(1);
  const NodeId node = world_.CreateNode(1, farm, ExampleResources(), kG);
  chain::GridParams grid = world_.Grid();
  grid.tft_price_musd = 40;  // the TFT price doubles after registration
  world_.SetGrid(grid);
  ReportEvery(1, kG, kG + kMonthMs);
  ASSERT_TRUE(world_.EndBlock(kG + kMonthMs + 2 * kI + 1).ok());
  EXPECT_EQ(world_.Receipt(0, node)->connection_price_musd, 80u);
  EXPECT_EQ(world_.Receipt(0, node)->amount, 1'637'000'000u);
}

// Short periods for the settlement mechanics.
chain::GridParams ShortGrid(uint64_t max_payouts) {
  chain::GridParams g;
  g.uptime_interval_ms = 10'000;
  g.farming_period_ms = 1'000'000;
  g.max_payouts_per_block = max_payouts;
  return g;
}

class FarmingSpreadTest : public FarmingSettlementTest {
 protected:
  FarmingSpreadTest() : FarmingSettlementTest(ShortGrid(3)) {}
};

TEST_F(FarmingSpreadTest, SettlementIsSpreadOverBlocksInNodeOrder) {
  const FarmId farm = world_.CreateFarm(1);
  for (uint32_t n = 1; n <= 7; ++n) world_.CreateNode(n, farm, ExampleResources(), kG);
  for (uint32_t n = 1; n <= 7; ++n) ASSERT_TRUE(world_.Report(n, kG, 0).ok());
  for (uint32_t n = 1; n <= 7; ++n) ASSERT_TRUE(world_.Report(n, kG + 10'000 + 1'000 * n, 1'000).ok());
  const uint64_t due = kG + 1'000'000 + 20'000 + 1;
  std::vector<std::vector<NodeId>> paid;
  std::vector<chain::PeriodSettledEvent> settled;
  uint64_t minted = 0;
  for (int block = 0; block < 4; ++block) {
    auto ev = world_.EndBlock(due + block * 1000);
    ASSERT_TRUE(ev.ok());
    paid.emplace_back();
    for (const auto& r : EventsOf<chain::RewardMintedEvent>(*ev)) {
      paid.back().push_back(r.receipt.node_id);
      minted += r.receipt.amount;
    }
    for (const auto& s : EventsOf<chain::PeriodSettledEvent>(*ev)) settled.push_back(s);
  }
  EXPECT_EQ(paid, (std::vector<std::vector<NodeId>>{{1, 2, 3}, {4, 5, 6}, {7}, {}}));
  ASSERT_EQ(settled.size(), 1u);
  EXPECT_EQ(settled[0], (chain::PeriodSettledEvent{0, 7, minted}));
  for (NodeId id = 1; id <= 7; ++id) EXPECT_EQ(world_.Receipt(0, id)->uptime_ms, 10'000u + 1'000u * id);
  EXPECT_EQ(world_.Cursor(), (SettlementCursor{1, 1}));
}

TEST_F(FarmingSpreadTest, DeletedAndLaterNodesGetNoReceipt) {
  const FarmId farm = world_.CreateFarm(1);
  const NodeId a = world_.CreateNode(1, farm, ExampleResources(), kG);
  const NodeId b = world_.CreateNode(2, farm, ExampleResources(), kG);
  ASSERT_TRUE(world_.Report(2, kG, 0).ok());
  ASSERT_TRUE(world_.Report(2, kG + 10'000, 10).ok());
  ASSERT_TRUE(world_.DeleteNode(2, b).ok());
  // Registered after period 0 ended (but before it was settled).
  const NodeId c = world_.CreateNode(3, farm, ExampleResources(), kG + 1'000'000);
  auto ev = world_.EndBlock(kG + 1'000'000 + 20'001);
  ASSERT_TRUE(ev.ok());
  EXPECT_TRUE(world_.Receipt(0, a).has_value());
  EXPECT_FALSE(world_.Receipt(0, b).has_value());
  EXPECT_FALSE(world_.Uptime(b).has_value()) << "a deleted node's uptime record is dropped";
  EXPECT_FALSE(world_.Receipt(0, c).has_value());
  EXPECT_EQ(EventsOf<chain::PeriodSettledEvent>(*ev), (std::vector<chain::PeriodSettledEvent>{{0, 1, 0}}));
}

TEST_F(FarmingSpreadTest, SeveralDuePeriodsSettleInOrder) {
  const FarmId farm = world_.CreateFarm(1);
  world_.CreateNode(1, farm, ExampleResources(), kG);
  // Three periods are due at once. A block takes 3 steps (a node or a period each):
  // node 1 of period 0, period 0, node 1 of period 1; a period whose nodes are all
  // paid is closed even when the steps are used up.
  auto ev = world_.EndBlock(kG + 3'000'000 + 20'001);
  ASSERT_TRUE(ev.ok());
  EXPECT_EQ(EventsOf<chain::PeriodSettledEvent>(*ev), (std::vector<chain::PeriodSettledEvent>{{0, 1, 0}, {1, 1, 0}}));
  ev = world_.EndBlock(kG + 3'000'000 + 21'000);
  ASSERT_TRUE(ev.ok());
  EXPECT_EQ(EventsOf<chain::PeriodSettledEvent>(*ev), (std::vector<chain::PeriodSettledEvent>{{2, 1, 0}}));
  EXPECT_EQ(world_.Cursor(), (SettlementCursor{3, 1}));
  for (uint64_t p = 0; p < 3; ++p) EXPECT_TRUE(world_.Receipt(p, 1).has_value());
}

TEST_F(FarmingSpreadTest, WithoutNodesDuePeriodsAreSkippedSilently) {
  auto ev = world_.EndBlock(kG + 500 * 1'000'000 + 5);
  ASSERT_TRUE(ev.ok());
  EXPECT_TRUE(ev->empty());
  // Period 499 ended 5 ms ago (< 2 intervals): it is the first one not due.
  EXPECT_EQ(world_.Cursor(), (SettlementCursor{499, 1}));
}

}  // namespace
}  // namespace tfchain::contracts::testing
