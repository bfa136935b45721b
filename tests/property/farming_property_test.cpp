// Farming invariants over random grids: random nodes (capacity, certification,
// virtualized) in random farms, random report times and uptime claims (honest,
// rebooted, lying), nodes joining and leaving, random period lengths and payout
// budgets. Throughout and after every period is settled:
//  - the amounts of the RewardMinted events, the stored receipts, the PeriodSettled
//    totals and the increase of total issuance are all the same number, and each
//    farm owner received exactly its receipts;
//  - every receipt recomputes to itself (ComputeReward) and has uptime_ms <= period_ms;
//  - no node is credited more than the time elapsed between its first and last
//    reports, and its receipts hold no more uptime than it was credited.
#include <gtest/gtest.h>
#include <rapidcheck.h>
#include <rapidcheck/gtest.h>

#include <map>
#include <set>

#include "tests/unit/contracts/farming_test_util.h"

namespace tfchain::contracts::testing {
namespace {

struct NodeTrack {
  uint32_t n = 0;  // NodeAccount(n)
  NodeId id = 0;
  bool deleted = false;
  uint64_t first_report_ms = 0;
  uint64_t last_report_ms = 0;
  uint64_t reports = 0;
  uint64_t credited_ms = 0;
  int skip_one_in = 0;  // skips a report one time in this many (0 = never)
};

chain::Resources RandomResources() {
  return chain::Resources{*rc::gen::inRange<uint64_t>(1, 33), *rc::gen::inRange<uint64_t>(2, 129) * kGiB,
                          *rc::gen::inRange<uint64_t>(100, 4001) * kGiB, *rc::gen::inRange<uint64_t>(0, 20001) * kGiB};
}

RC_GTEST_PROP(FarmingProperty, MintedEqualsReceiptsAndIssuanceAndNoOvercredit, ()) {
  chain::GridParams grid;
  grid.uptime_interval_ms = *rc::gen::inRange<uint64_t>(1, 6) * 1000;
  grid.farming_period_ms = grid.uptime_interval_ms * *rc::gen::inRange<uint64_t>(3, 13) + *rc::gen::inRange(0, 999);
  grid.max_payouts_per_block = *rc::gen::inRange<uint64_t>(1, 6);
  grid.tft_price_musd = *rc::gen::inRange<uint64_t>(1, 200);
  GridWorld world(grid);
  const uint64_t interval = grid.uptime_interval_ms;
  // Random minimal uptimes, so that both paid and unpaid receipts occur.
  for (chain::FarmingPolicy policy : chain::DefaultFarmingPolicies()) {
    policy.minimal_uptime_permill = *rc::gen::element<uint32_t>(0, 500'000, 950'000);
    RC_ASSERT(world.Write([&](StateOverlay& s) { return PolicyState::PutFarmingPolicy(s, policy); }).ok());
  }
  const uint64_t issuance0 = world.Issuance();

  const uint32_t farm_count = *rc::gen::inRange<uint32_t>(1, 4);
  std::vector<FarmId> farms;
  for (uint32_t f = 1; f <= farm_count; ++f) {
    farms.push_back(world.CreateFarm(f, *rc::gen::element(FarmCertification::kNotCertified, FarmCertification::kGold)));
  }
  std::vector<NodeTrack> nodes;
  uint64_t now = kGenesisMs + *rc::gen::inRange<uint64_t>(0, 3 * interval);
  const auto add_node = [&] {
    NodeTrack t;
    t.skip_one_in = *rc::gen::element(0, 2, 10);
    t.n = static_cast<uint32_t>(nodes.size() + 1);
    const bool virtualized = *rc::gen::inRange(0, 10) == 0;
    const auto cert = *rc::gen::element(NodeCertification::kDiy, NodeCertification::kCertified);
    t.id = world.CreateNode(t.n, *rc::gen::elementOf(farms), RandomResources(), now, virtualized, cert);
    nodes.push_back(t);
  };
  const int initial = *rc::gen::inRange(1, 7);
  for (int i = 0; i < initial; ++i) add_node();

  uint64_t minted_events = 0;
  std::map<uint64_t, uint64_t> settled_minted;  // PeriodSettled: period -> minted
  const auto end_block = [&] {
    auto ev = world.EndBlock(now);
    RC_ASSERT(ev.ok());
    for (const Event& e : *ev) {
      if (const auto* m = std::get_if<chain::RewardMintedEvent>(&e)) minted_events += m->receipt.amount;
      if (const auto* s = std::get_if<chain::PeriodSettledEvent>(&e)) {
        RC_ASSERT(settled_minted.count(s->period) == 0u);
        settled_minted[s->period] = s->minted;
      }
    }
    RC_ASSERT(world.Issuance() - issuance0 == minted_events);
  };

  const int steps = *rc::gen::inRange(10, 90);
  for (int step = 0; step < steps; ++step) {
    // Mostly one to two intervals between blocks with reports; sometimes less (too
    // early) or more (downtime).
    now += *rc::gen::weightedOneOf<uint64_t>({{8, rc::gen::inRange(interval, 2 * interval + 1)},
                                              {1, rc::gen::inRange<uint64_t>(1, interval)},
                                              {1, rc::gen::inRange(2 * interval, 4 * interval)}});
    for (NodeTrack& t : nodes) {
      if (t.deleted || (t.skip_one_in > 0 && *rc::gen::inRange(0, t.skip_one_in) == 0)) continue;
      // Honest (up since its first report), rebooted, or lying claims.
      const uint64_t honest = t.reports > 0 ? (now - t.first_report_ms) / 1000 : 0;
      const uint64_t claim =
          *rc::gen::weightedOneOf<uint64_t>({{6, rc::gen::just(honest)},
                                             {2, rc::gen::just(UINT64_MAX)},
                                             {1, rc::gen::element<uint64_t>(0, honest / 2)},
                                             {1, rc::gen::inRange<uint64_t>(0, 10 * interval / 1000)}});
      auto credited = world.Report(t.n, now, claim);
      if (!credited.ok()) {
        RC_ASSERT(credited.status().reason() == "uptime-report-too-early");
        RC_ASSERT(now < t.last_report_ms + interval);
        continue;
      }
      if (t.reports == 0) t.first_report_ms = now;
      RC_ASSERT(*credited <= now - (t.reports > 0 ? t.last_report_ms : now));
      t.last_report_ms = now;
      t.reports += 1;
      t.credited_ms += *credited;
    }
    if (*rc::gen::inRange(0, 15) == 0) add_node();
    if (*rc::gen::inRange(0, 25) == 0) {
      NodeTrack& t = nodes[*rc::gen::inRange<size_t>(0, nodes.size())];
      if (!t.deleted) {
        RC_ASSERT(world.DeleteNode(t.n, t.id).ok());
        t.deleted = true;
      }
    }
    end_block();
  }
  // Settle everything up to the current period: blocks until the cursor gets there.
  const uint64_t last_period = world.Schedule().PeriodOf(now);
  now = world.Schedule().PeriodEnd(last_period) + 2 * interval + 1;
  for (int guard = 0; world.Cursor().period <= last_period; ++guard) {
    RC_ASSERT(guard < 10'000);
    end_block();
    now += 1;
  }

  const std::vector<chain::FarmingReceipt> receipts = world.AllReceipts();
  uint64_t receipts_total = 0;
  std::map<uint64_t, uint64_t> per_period;
  std::map<AccountId, uint64_t> per_owner;
  std::map<NodeId, uint64_t> uptime_per_node;
  for (const chain::FarmingReceipt& r : receipts) {
    RC_ASSERT(ComputeReward(r) == r);
    RC_ASSERT(r.uptime_ms <= r.period_ms);
    RC_ASSERT(r.period_ms == world.Schedule().PeriodLength(r.period));
    receipts_total += r.amount;
    per_period[r.period] += r.amount;
    per_owner[r.account] += r.amount;
    uptime_per_node[r.node_id] += r.uptime_ms;
  }
  RC_ASSERT(receipts_total == minted_events);
  RC_CLASSIFY(minted_events > 0, "minted");
  RC_CLASSIFY(receipts.size() > 20, "over 20 receipts");
  RC_ASSERT(world.Issuance() - issuance0 == receipts_total);
  for (const auto& [period, minted] : settled_minted) RC_ASSERT(per_period[period] == minted);
  RC_ASSERT(settled_minted.size() == last_period + 1);
  for (uint32_t f = 1; f <= farm_count; ++f) {
    const AccountId owner = GridWorld::FarmerAccount(f);
    RC_ASSERT(world.Free(owner) == per_owner[owner]);
  }
  for (const NodeTrack& t : nodes) {
    RC_ASSERT(t.credited_ms <= t.last_report_ms - t.first_report_ms);
    RC_ASSERT(uptime_per_node[t.id] <= t.credited_ms);
  }
}

}  // namespace
}  // namespace tfchain::contracts::testing
