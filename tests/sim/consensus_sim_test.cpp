// Consensus in a deterministic network simulation (tests/sim/simulation.h), with
// RapidCheck drawing the scenarios: safety always, liveness once the network heals,
// and evidence against equivocating validators.
//
// A failing run prints RapidCheck's seed (RC_PARAMS="seed=..." replays the run, or
// the printed "reproduce=" string replays the shrunk one) and the scenario, which
// replays on its own: the simulation is a pure function of it. RC_PARAMS also sets
// the number of runs ("max_success=100"); the defaults below keep the binary fast.
#include <gtest/gtest.h>
#include <rapidcheck.h>
#include <rapidcheck/gtest.h>

#include <algorithm>
#include <cstdlib>
#include <iostream>
#include <sstream>
#include <string>
#include <vector>

#include "tests/sim/simulation.h"

namespace tfchain::sim {
namespace {

// Runs `property` like RC_GTEST_PROP, with `default_runs` cases unless RC_PARAMS
// sets max_success.
template <typename Property>
void CheckSim(int default_runs, Property property) {
  const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
  rc::detail::TestMetadata metadata;
  metadata.id = std::string(info->test_suite_name()) + "/" + info->name();
  metadata.description = info->name();
  rc::detail::TestParams params = rc::detail::configuration().testParams;
  const char* env = std::getenv("RC_PARAMS");
  if (env == nullptr || std::string(env).find("max_success") == std::string::npos) params.maxSuccess = default_runs;
  const auto result = rc::detail::checkProperty(rc::detail::toProperty(property), metadata, params);
  if (!result.template is<rc::detail::SuccessResult>()) {
    std::ostringstream os;
    rc::detail::printResultMessage(result, os);
    FAIL() << os.str();
  }
}

// Sums over the runs of one property, printed at the end.
struct Totals {
  int runs = 0;
  uint64_t heights = 0;
  uint64_t messages = 0;
  uint64_t dropped = 0;
  uint64_t accusations = 0;
  uint64_t refused = 0;
  void Add(const Report& r) {
    ++runs;
    heights += r.decisions.size();
    messages += r.messages_sent;
    dropped += r.messages_dropped;
    for (const NodeReport& n : r.nodes) {
      accusations += n.accused.size();
      refused += n.refused_signatures;
    }
  }
  void Print(const char* name) const {
    std::cout << "[sim] " << name << ": runs=" << runs << " heights_decided=" << heights
              << " messages_sent=" << messages << " dropped=" << dropped << " evidence_reports=" << accusations
              << " refused_signatures=" << refused << std::endl;
  }
};

// 4-7 validators with random power, up to f of them (by power: less than a third)
// byzantine when `byzantine` allows.
void GenValidators(Scenario& s, bool byzantine, bool at_least_one_byzantine) {
  const size_t n = *rc::gen::inRange<size_t>(4, 8);
  s.powers = *rc::gen::container<std::vector<uint64_t>>(n, rc::gen::inRange<uint64_t>(1, 101));
  s.byzantine.assign(n, false);
  if (!byzantine) return;
  uint64_t total = 0;
  for (uint64_t p : s.powers) total += p;
  const auto order = *rc::gen::container<std::vector<size_t>>(n, rc::gen::inRange<size_t>(0, n));
  uint64_t bad = 0;
  const size_t wanted = *rc::gen::inRange<size_t>(at_least_one_byzantine ? 1 : 0, n);
  size_t chosen = 0;
  for (size_t i : order) {
    if (chosen == wanted) break;
    if (s.byzantine[i] || 3 * (bad + s.powers[i]) >= total) continue;
    s.byzantine[i] = true;
    bad += s.powers[i];
    ++chosen;
  }
  if (at_least_one_byzantine && chosen == 0) {
    // Make the smallest validator byzantine and weak enough.
    size_t smallest = 0;
    for (size_t i = 1; i < n; ++i) {
      if (s.powers[i] < s.powers[smallest]) smallest = i;
    }
    s.powers[smallest] = 1;
    s.byzantine[smallest] = true;
  }
}

// Partitions (some long, some short: a flapping network splits rounds in the
// middle) and crashes of honest nodes, within [0, heal_ms).
void GenFaults(Scenario& s, size_t max_partitions, size_t max_crashes) {
  const size_t n = s.powers.size();
  const size_t partitions = *rc::gen::inRange<size_t>(0, max_partitions + 1);
  for (size_t i = 0; i < partitions && s.heal_ms > 0; ++i) {
    Partition p;
    p.start_ms = *rc::gen::inRange<uint64_t>(0, s.heal_ms);
    const uint64_t longest = *rc::gen::element<uint64_t>(300, 1500, s.heal_ms);
    p.end_ms = std::min(s.heal_ms, p.start_ms + *rc::gen::inRange<uint64_t>(1, longest + 1));
    p.side = *rc::gen::container<std::vector<bool>>(n, rc::gen::arbitrary<bool>());
    s.partitions.push_back(p);
  }
  const size_t crashes = *rc::gen::inRange<size_t>(0, max_crashes + 1);
  for (size_t i = 0; i < crashes && s.heal_ms > 0; ++i) {
    Crash c;
    c.node = *rc::gen::inRange<size_t>(0, n);
    if (s.byzantine[c.node]) continue;
    c.at_ms = *rc::gen::inRange<uint64_t>(0, s.heal_ms);
    c.down_ms = *rc::gen::inRange<uint64_t>(1, s.heal_ms - c.at_ms + 1);
    s.crashes.push_back(c);
  }
}

void ExpectNoViolations(const Scenario& s, const Report& r) {
  RC_LOG() << s << "\n" << r.Summary() << "\n";
  RC_ASSERT(r.violations.empty());
}

// SAFETY: whatever the network, crashes and byzantine validators (< 1/3 of the
// power) do, no two honest nodes commit different blocks at one height, every
// decision carries a valid commit, and no honest validator is ever accused.
TEST(ConsensusSim, SafetyAlways) {
  Totals totals;
  CheckSim(120, [&] {
    Scenario s;
    s.seed = *rc::gen::arbitrary<uint64_t>();
    GenValidators(s, /*byzantine=*/true, /*at_least_one_byzantine=*/false);
    s.heal_ms = *rc::gen::inRange<uint64_t>(0, 20'000);
    GenFaults(s, 40, 4);
    s.loss_percent = *rc::gen::inRange<uint32_t>(0, 60);
    s.loss_after_heal_percent = *rc::gen::inRange<uint32_t>(0, 60);
    s.duplicate_percent = *rc::gen::inRange<uint32_t>(0, 30);
    s.min_delay_ms = *rc::gen::inRange<uint64_t>(1, 50);
    s.max_delay_ms = *rc::gen::inRange<uint64_t>(s.min_delay_ms, 1500);
    s.heights_after_heal = 4;
    s.deadline_ms = 20'000;
    const Report r = RunScenario(s);
    totals.Add(r);
    ExpectNoViolations(s, r);
  });
  totals.Print("safety");
}

// LIVENESS: once partitions are over, crashed nodes are back and message loss is at
// most 10%, every honest validator commits the next K heights within a bounded
// simulated time (timeouts grow with the round, so rounds get long enough).
TEST(ConsensusSim, LivenessAfterHeal) {
  Totals totals;
  CheckSim(40, [&] {
    Scenario s;
    s.seed = *rc::gen::arbitrary<uint64_t>();
    GenValidators(s, /*byzantine=*/true, /*at_least_one_byzantine=*/false);
    s.heal_ms = *rc::gen::inRange<uint64_t>(0, 15'000);
    GenFaults(s, 2, 3);
    s.loss_percent = *rc::gen::inRange<uint32_t>(0, 50);
    s.loss_after_heal_percent = *rc::gen::inRange<uint32_t>(0, 11);
    s.duplicate_percent = *rc::gen::inRange<uint32_t>(0, 20);
    s.min_delay_ms = *rc::gen::inRange<uint64_t>(1, 20);
    s.max_delay_ms = *rc::gen::inRange<uint64_t>(s.min_delay_ms, 300);
    s.heights_after_heal = 3;
    s.deadline_ms = 90'000;
    const Report r = RunScenario(s);
    totals.Add(r);
    ExpectNoViolations(s, r);
    RC_ASSERT(r.Live());
  });
  totals.Print("liveness");
}

// EVIDENCE: validators that equivocate on every message are caught by every honest
// node, with two validly signed conflicting votes (checked inside the simulation),
// and no honest validator is accused.
TEST(ConsensusSim, EquivocationProducesEvidence) {
  Totals totals;
  CheckSim(25, [&] {
    Scenario s;
    s.seed = *rc::gen::arbitrary<uint64_t>();
    GenValidators(s, /*byzantine=*/true, /*at_least_one_byzantine=*/true);
    // With two honest nodes, each version of an equivocation reaches one of them.
    RC_PRE(std::count(s.byzantine.begin(), s.byzantine.end(), false) >= 2);
    s.loss_after_heal_percent = *rc::gen::inRange<uint32_t>(0, 6);
    s.duplicate_percent = *rc::gen::inRange<uint32_t>(0, 20);
    s.min_delay_ms = *rc::gen::inRange<uint64_t>(1, 20);
    s.max_delay_ms = *rc::gen::inRange<uint64_t>(s.min_delay_ms, 100);
    s.heights_after_heal = 5;
    s.deadline_ms = 60'000;
    const Report r = RunScenario(s);
    totals.Add(r);
    ExpectNoViolations(s, r);
    RC_ASSERT(r.Live());
    for (size_t i = 0; i < r.nodes.size(); ++i) {
      if (r.nodes[i].byzantine) continue;
      for (size_t b = 0; b < r.nodes.size(); ++b) {
        if (s.byzantine[b]) RC_ASSERT(r.nodes[i].accused.count(b) == 1u);
      }
    }
  });
  totals.Print("evidence");
}

// The same scenario replays the same run, bit for bit.
TEST(ConsensusSim, RunsReplayFromTheScenario) {
  Scenario s;
  s.seed = 12345;
  s.powers = {10, 20, 30, 5, 7};
  s.byzantine = {false, false, false, true, false};
  s.loss_percent = 20;
  s.loss_after_heal_percent = 5;
  s.duplicate_percent = 10;
  s.max_delay_ms = 200;
  s.heal_ms = 5000;
  s.partitions.push_back(Partition{500, 3000, {true, true, false, false, false}});
  s.crashes.push_back(Crash{2, 1000, 2500});
  const Report a = RunScenario(s);
  const Report b = RunScenario(s);
  EXPECT_EQ(a.decisions, b.decisions);
  EXPECT_EQ(a.messages_sent, b.messages_sent);
  EXPECT_EQ(a.messages_dropped, b.messages_dropped);
  EXPECT_EQ(a.end_ms, b.end_ms);
  EXPECT_EQ(a.Summary(), b.Summary());
  EXPECT_TRUE(a.violations.empty()) << a.Summary();
  EXPECT_TRUE(a.Live()) << a.Summary();
  std::cout << "[sim] replay: " << a.Summary() << std::endl;
  s.seed = 12346;  // another seed, another run
  EXPECT_NE(RunScenario(s).messages_sent, a.messages_sent);
}

// A quiet network of four equal validators decides a block per height in one round.
TEST(ConsensusSim, CalmNetworkDecidesEveryHeight) {
  Scenario s;
  s.seed = 7;
  s.powers = {1, 1, 1, 1};
  s.byzantine.assign(4, false);
  s.max_delay_ms = 20;
  s.heights_after_heal = 20;
  const Report r = RunScenario(s);
  EXPECT_TRUE(r.violations.empty()) << r.Summary();
  EXPECT_TRUE(r.Live()) << r.Summary();
  EXPECT_EQ(r.decisions.size(), 20u);
  for (const NodeReport& n : r.nodes) {
    EXPECT_EQ(n.synced, 0u);
    EXPECT_EQ(n.refused_signatures, 0u);
  }
  // 20 heights of about 50 ms of messages each, plus the commit delays.
  EXPECT_LT(r.end_ms, 20u * 1000);
}

}  // namespace
}  // namespace tfchain::sim
