// Uptime accounting (docs/farming.md): credits measured from block times, gaps,
// reboots, nodes that lie about their uptime, too-early reports, node status, and the
// split of a credit over farming periods.
#include <gtest/gtest.h>

#include "tests/unit/contracts/farming_test_util.h"

namespace tfchain::contracts::testing {
namespace {

constexpr uint64_t kI = 10'000;      // uptime interval
constexpr uint64_t kP = 100 * kI;    // farming period
constexpr uint64_t kG = kGenesisMs;  // period 0 starts here

chain::GridParams TestGrid() {
  chain::GridParams g;
  g.uptime_interval_ms = kI;
  g.farming_period_ms = kP;
  g.standby_window_ms = 86'400'000;
  g.tft_price_musd = 80;
  g.max_payouts_per_block = 2000;
  return g;
}

class FarmingUptimeTest : public ::testing::Test {
 protected:
  FarmingUptimeTest() : world_(TestGrid()) {
    farm_ = world_.CreateFarm(1);
    node_ = world_.CreateNode(1, farm_, ExampleResources(), kG);
  }

  uint64_t Credited(uint64_t time_ms, uint64_t uptime_s) {
    auto r = world_.Report(1, time_ms, uptime_s);
    EXPECT_TRUE(r.ok()) << r.status().ToString();
    return r.ok() ? *r : 0;
  }

  // The uptime credited to period p and not settled yet.
  uint64_t UptimeIn(uint64_t p) {
    const std::optional<NodeUptime> uptime = world_.Uptime(node_);
    for (const PeriodUptime& e : uptime->periods) {
      if (e.period == p) return e.uptime_ms;
    }
    return 0;
  }

  void ExpectRefused(uint32_t n, uint64_t time_ms, std::string_view reason) {
    const auto before = world_.state().data();
    auto r = world_.Report(n, time_ms, 1'000);
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.status().reason(), reason);
    EXPECT_EQ(world_.state().data(), before) << "a refused report changed state";
    const Status check = Farming::CheckUptimeReport(world_.state(), GridWorld::NodeAccount(n), time_ms);
    EXPECT_EQ(check.reason(), reason);
  }

  GridWorld world_;
  FarmId farm_ = 0;
  NodeId node_ = 0;
};

TEST_F(FarmingUptimeTest, FirstReportCreditsNothing) {
  EXPECT_FALSE(world_.Uptime(node_).has_value());
  EXPECT_EQ(Credited(kG + 5 * kI, 1'000'000), 0u);
  const NodeUptime u = *world_.Uptime(node_);
  EXPECT_EQ(u.first_report_ms, kG + 5 * kI);
  EXPECT_EQ(u.last_report_ms, kG + 5 * kI);
  EXPECT_EQ(u.last_uptime_s, 1'000'000u);
  EXPECT_EQ(u.report_count, 1u);
  EXPECT_TRUE(u.periods.empty());
}

TEST_F(FarmingUptimeTest, ConsecutiveReportsCountAsContinuousUptime) {
  Credited(kG, 0);
  std::vector<Event> events;
  ASSERT_TRUE(world_
                  .Write([&](StateOverlay& s) {
                    return world_.farming().ReportUptime(s, 2, kG + kI, GridWorld::NodeAccount(1), {kI / 1000},
                                                         &events);
                  })
                  .ok());
  EXPECT_EQ(events, (std::vector<Event>{chain::UptimeReportedEvent{node_, kI / 1000, kI}}));
  EXPECT_EQ(Credited(kG + 2 * kI, 2 * kI / 1000), kI);
  EXPECT_EQ(Credited(kG + 3 * kI + 500, 3 * kI / 1000 + 1), kI + 500);
  EXPECT_EQ(UptimeIn(0), 3 * kI + 500);
  EXPECT_EQ(world_.Uptime(node_)->report_count, 4u);
}

TEST_F(FarmingUptimeTest, GapOfUpToTwoIntervalsCountsLongerIsDowntime) {
  Credited(kG, 0);
  EXPECT_EQ(Credited(kG + 2 * kI, 1'000'000), 2 * kI);  // exactly 2 intervals: still continuous
  EXPECT_EQ(Credited(kG + 4 * kI + 1, 1'000'000), 0u);  // 1 ms more: downtime, nothing credited
  // The run starts again from that report.
  EXPECT_EQ(Credited(kG + 5 * kI + 1, 1'000'000), kI);
  EXPECT_EQ(UptimeIn(0), 3 * kI);
}

TEST_F(FarmingUptimeTest, RebootedNodeOnlyGetsTheTimeSinceBoot) {
  Credited(kG, 0);
  // 15 s passed, but the node booted 4 s ago: it was down for 11 s.
  EXPECT_EQ(Credited(kG + 15'000, 4), 4'000u);
  EXPECT_EQ(UptimeIn(0), 4'000u);
}

TEST_F(FarmingUptimeTest, LyingNodeGetsNoMoreThanTheElapsedTime) {
  Credited(kG, 0);
  EXPECT_EQ(Credited(kG + kI, UINT64_MAX), kI);  // claims forever: gets the interval
  EXPECT_EQ(Credited(kG + 2 * kI + 7, 1'000'000'000), kI + 7);
  // After a long gap a huge claim gets nothing: the chain saw no reports.
  EXPECT_EQ(Credited(kG + 50 * kI, 1'000'000'000), 0u);
  EXPECT_EQ(UptimeIn(0), 2 * kI + 7);
}

TEST_F(FarmingUptimeTest, TooEarlyReportIsRefusedAndChangesNothing) {
  Credited(kG, 0);
  ExpectRefused(1, kG + kI - 1, "uptime-report-too-early");
  ExpectRefused(1, kG, "uptime-report-too-early");  // same block time
  EXPECT_TRUE(Farming::CheckUptimeReport(world_.state(), GridWorld::NodeAccount(1), kG + kI).ok());
  EXPECT_EQ(Credited(kG + kI, 100), kI);
  ExpectRefused(1, kG + 2 * kI - 1, "uptime-report-too-early");
}

TEST_F(FarmingUptimeTest, ReportFromAnAccountWithoutANodeIsRefused) {
  ExpectRefused(7, kG, "no-node");
  // A twin is not enough: the account must have registered a node.
  world_.CreateFarm(7);
  EXPECT_EQ(Farming::CheckUptimeReport(world_.state(), GridWorld::FarmerAccount(7), kG).reason(), "no-node");
  // A deleted node cannot report any more.
  ASSERT_TRUE(world_.DeleteNode(1, node_).ok());
  ExpectRefused(1, kG, "no-node");
}

TEST_F(FarmingUptimeTest, CreditIsSplitAtPeriodBoundaries) {
  Credited(kG + kP - kI, 0);
  // Covers [end(0) - 10 s, end(0) + 3 s): 10 s in period 0, 3 s in period 1.
  EXPECT_EQ(Credited(kG + kP + 3'000, 1'000), 13'000u);
  EXPECT_EQ(UptimeIn(0), kI);
  EXPECT_EQ(UptimeIn(1), 3'000u);
  // A rebooted node's credit is the time since boot, so it lands in period 1 only.
  EXPECT_EQ(Credited(kG + kP + 3'000 + 2 * kI, 5), 5'000u);
  EXPECT_EQ(UptimeIn(0), kI);
  EXPECT_EQ(UptimeIn(1), 8'000u);
}

TEST_F(FarmingUptimeTest, UptimeInAPeriodNeverExceedsItsLength) {
  for (uint64_t t = kG; t <= kG + 2 * kP; t += kI) Credited(t, UINT64_MAX / 2);
  EXPECT_EQ(UptimeIn(0), kP);
  EXPECT_EQ(UptimeIn(1), kP);
}

TEST_F(FarmingUptimeTest, SettledPeriodsAreNotCreditedAnyMore) {
  Credited(kG + kP - kI, 0);
  // The interval grows (governance) after period 0 was settled at the old lag...
  ASSERT_TRUE(world_.EndBlock(kG + kP + 2 * kI + 1).ok());
  EXPECT_EQ(world_.Cursor().period, 1u);
  chain::GridParams grid = TestGrid();
  grid.uptime_interval_ms = 4 * kI;
  world_.SetGrid(grid);
  // ...so a report may now bridge back into period 0: only period 1's part counts.
  EXPECT_EQ(Credited(kG + kP + 5 * kI, UINT64_MAX), 5 * kI);
  EXPECT_EQ(world_.Uptime(node_)->periods, (std::vector<PeriodUptime>{{1, 5 * kI, 0}}));
}

TEST_F(FarmingUptimeTest, NodeStatusUpStandbyDown) {
  const chain::GridParams grid = TestGrid();
  NodeRecord node = *DirectoryState::GetNode(world_.state(), node_).value();
  EXPECT_EQ(NodeStatus(node, nullptr, kG, grid), NodeLiveness::kDown);  // never reported
  Credited(kG, 0);
  const NodeUptime u = *world_.Uptime(node_);
  EXPECT_EQ(NodeStatus(node, &u, kG, grid), NodeLiveness::kUp);
  EXPECT_EQ(NodeStatus(node, &u, kG + 2 * kI, grid), NodeLiveness::kUp);
  EXPECT_EQ(NodeStatus(node, &u, kG + 2 * kI + 1, grid), NodeLiveness::kDown);
  // A farmer who powered the node down sees it in standby for 24 h.
  node.power_target = chain::PowerState::kDown;
  EXPECT_EQ(NodeStatus(node, &u, kG + 2 * kI, grid), NodeLiveness::kUp);
  EXPECT_EQ(NodeStatus(node, &u, kG + 2 * kI + 1, grid), NodeLiveness::kStandby);
  EXPECT_EQ(NodeStatus(node, &u, kG + grid.standby_window_ms, grid), NodeLiveness::kStandby);
  EXPECT_EQ(NodeStatus(node, &u, kG + grid.standby_window_ms + 1, grid), NodeLiveness::kDown);
  EXPECT_EQ(NodeLivenessName(NodeLiveness::kUp), "up");
  EXPECT_EQ(NodeLivenessName(NodeLiveness::kStandby), "standby");
  EXPECT_EQ(NodeLivenessName(NodeLiveness::kDown), "down");
}

TEST_F(FarmingUptimeTest, PublicIpTimeIsSplitOverPeriods) {
  const Farming& f = world_.farming();
  ASSERT_TRUE(
      world_.Write([&](StateOverlay& s) { return f.CreditPublicIpTime(s, node_, kG + kP - 1'000, kG + kP + 500, 2); })
          .ok());
  EXPECT_EQ(world_.Uptime(node_)->periods, (std::vector<PeriodUptime>{{0, 0, 2'000}, {1, 0, 1'000}}));
  // A credit alone does not count as a report: the next report is still the first.
  EXPECT_EQ(world_.Uptime(node_)->report_count, 0u);
  EXPECT_EQ(Credited(kG + 10, 1'000), 0u);

  const auto before = world_.state().data();
  Status s = world_.Write([&](StateOverlay& o) { return f.CreditPublicIpTime(o, node_, 10, 9, 1); });
  EXPECT_EQ(s.reason(), "bad-ip-span");
  s = world_.Write([&](StateOverlay& o) { return f.CreditPublicIpTime(o, 99, 0, 10, 1); });
  EXPECT_EQ(s.reason(), "no-node");
  EXPECT_EQ(world_.state().data(), before);
}

TEST(PeriodScheduleTest, PeriodsOfOneSegment) {
  const PeriodSchedule s{{{0, 1'000, 100}}};
  EXPECT_EQ(s.PeriodOf(0), 0u);  // before genesis: the first period
  EXPECT_EQ(s.PeriodOf(1'000), 0u);
  EXPECT_EQ(s.PeriodOf(1'099), 0u);
  EXPECT_EQ(s.PeriodOf(1'100), 1u);
  EXPECT_EQ(s.PeriodStart(3), 1'300u);
  EXPECT_EQ(s.PeriodEnd(3), 1'400u);
  EXPECT_EQ(s.PeriodLength(3), 100u);
  EXPECT_EQ(s.PeriodStart(UINT64_MAX - 1), UINT64_MAX);  // saturates
}

TEST_F(FarmingUptimeTest, PeriodLengthChangeTakesEffectAtTheNextPeriod) {
  // In period 2, the length becomes kP / 2 from period 3 on.
  ASSERT_TRUE(
      world_.Write([&](StateOverlay& s) { return FarmingState::ScheduleFarmingPeriod(s, kG, kG + 2 * kP + 5, kP / 2); })
          .ok());
  PeriodSchedule s = world_.Schedule();
  EXPECT_EQ(s.segments, (std::vector<PeriodSegment>{{0, kG, kP}, {3, kG + 3 * kP, kP / 2}}));
  EXPECT_EQ(s.PeriodOf(kG + 3 * kP - 1), 2u);
  EXPECT_EQ(s.PeriodOf(kG + 3 * kP), 3u);
  EXPECT_EQ(s.PeriodOf(kG + 3 * kP + kP / 2), 4u);
  EXPECT_EQ(s.PeriodLength(2), kP);
  EXPECT_EQ(s.PeriodLength(3), kP / 2);
  // A second change before period 3 starts replaces the pending one; changing back
  // to the current length cancels it.
  ASSERT_TRUE(
      world_.Write([&](StateOverlay& o) { return FarmingState::ScheduleFarmingPeriod(o, kG, kG + 2 * kP + 9, 2 * kP); })
          .ok());
  EXPECT_EQ(world_.Schedule().segments, (std::vector<PeriodSegment>{{0, kG, kP}, {3, kG + 3 * kP, 2 * kP}}));
  ASSERT_TRUE(
      world_.Write([&](StateOverlay& o) { return FarmingState::ScheduleFarmingPeriod(o, kG, kG + 2 * kP + 9, kP); })
          .ok());
  EXPECT_EQ(world_.Schedule().segments, (std::vector<PeriodSegment>{{0, kG, kP}}));
  EXPECT_EQ(world_.Write([&](StateOverlay& o) { return FarmingState::ScheduleFarmingPeriod(o, kG, kG, 0); }).reason(),
            "bad-grid-params");
}

// Guards the marketplace's "not billed for downtime" rule: total_uptime_ms grows by every
// credited span across period boundaries and not at all over a gap (downtime).
TEST_F(FarmingUptimeTest, TotalUptimeAddsCreditedSpansAndSkipsDowntime) {
  Credited(kG, 0);
  EXPECT_EQ(world_.Uptime(node_)->total_uptime_ms, 0u);
  Credited(kG + kI, 1'000'000);
  Credited(kG + 2 * kI, 1'000'000);
  EXPECT_EQ(world_.Uptime(node_)->total_uptime_ms, 2 * kI);
  Credited(kG + 10 * kI, 1'000'000);  // a gap of 8 intervals: down, nothing added
  EXPECT_EQ(world_.Uptime(node_)->total_uptime_ms, 2 * kI);
  Credited(kG + 11 * kI, 3);  // rebooted 3 s ago
  EXPECT_EQ(world_.Uptime(node_)->total_uptime_ms, 2 * kI + 3'000);
}

}  // namespace
}  // namespace tfchain::contracts::testing
