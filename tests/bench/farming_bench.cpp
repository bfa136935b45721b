// tfchain-bench farming: the farming-period mint, in process.
//
//   tfchain-bench farming [--nodes N] [--farms F] [--max-payouts M]
//
// Builds an in-memory state with N nodes (default 100,000) in F farms (10,000), each
// with a full period of uptime under the main-net grid parameters, then times the
// farming EndBlock calls that settle the period: once spread over blocks with M
// payouts per block (default: GridParams' 2,000), once in a single block. Prints the
// per-block times as a fraction of a 1 s block, the commit of each block's writes into
// the state map, and the totals. See docs/farming.md and docs/benchmarks.md.
#include <algorithm>
#include <cstdio>
#include <string>
#include <vector>

#include "chain/genesis.h"
#include "contracts/balances.h"
#include "contracts/directory.h"
#include "contracts/directory_state.h"
#include "contracts/farming.h"
#include "contracts/farming_state.h"
#include "contracts/policy_state.h"
#include "tests/bench/bench_util.h"
#include "tests/support/map_state.h"

namespace tfchain::bench {
namespace {

using contracts::StateOverlay;
using tfchain::testing::MapState;

constexpr uint64_t kGenesisMs = 1'767'225'600'000;
constexpr uint64_t kGiB = uint64_t{1} << 30;

chain::AccountId BenchAccount(uint32_t n, uint8_t kind) {
  chain::AccountId a;
  a.bytes[0] = kind;
  for (int i = 0; i < 4; ++i) a.bytes[1 + i] = static_cast<uint8_t>(n >> (8 * i));
  return a;
}

// The directory and uptime records of `nodes` nodes round-robin in `farms` farms,
// every node up for the whole of period 0.
Status BuildState(MapState& map, size_t nodes, size_t farms, const chain::GridParams& grid) {
  StateOverlay s(map);
  chain::Genesis genesis;
  genesis.grid = grid;
  TF_RETURN_IF_ERROR(contracts::Directory().InitGenesis(s, genesis, nullptr));
  for (uint32_t f = 1; f <= farms; ++f) {
    contracts::TwinRecord twin{f, BenchAccount(f, 0xFA), "relay.example.org", {1}, kGenesisMs};
    contracts::DirectoryState::PutTwin(s, twin);
    contracts::DirectoryState::PutTwinIdByAccount(s, twin.account, f);
    contracts::FarmRecord farm;
    farm.id = f;
    farm.name = "farm" + std::to_string(f);
    farm.twin_id = f;
    farm.pricing_policy_id = 1;
    farm.certification = f % 10 == 0 ? chain::FarmCertification::kGold : chain::FarmCertification::kNotCertified;
    contracts::DirectoryState::PutFarm(s, farm);
  }
  for (uint32_t n = 1; n <= nodes; ++n) {
    contracts::NodeRecord node;
    node.id = n;
    node.farm_id = static_cast<uint32_t>((n - 1) % farms + 1);
    node.twin_id = static_cast<uint32_t>(farms + n);
    node.account = BenchAccount(n, 0x0D);
    node.resources = {4 + n % 29, (16 + n % 240) * kGiB, (1024 + n % 4000) * kGiB, (n % 3) * 8192 * kGiB};
    node.location = {"Ghent", "Belgium", 51'054'300, 3'717'400};
    node.agent_endpoint = "http://10.0.0.1:8080";
    node.certification = n % 4 == 0 ? chain::NodeCertification::kCertified : chain::NodeCertification::kDiy;
    node.connection_price_musd = grid.tft_price_musd;
    node.created_ms = node.updated_ms = kGenesisMs;
    contracts::DirectoryState::PutNode(s, node);
    contracts::DirectoryState::PutNodeIdByAccount(s, node.account, n);
    contracts::NodeUptime uptime;
    uptime.first_report_ms = kGenesisMs;
    uptime.last_report_ms = kGenesisMs + grid.farming_period_ms;
    uptime.last_uptime_s = grid.farming_period_ms / 1000;
    uptime.report_count = grid.farming_period_ms / grid.uptime_interval_ms + 1;
    uptime.periods = {{0, grid.farming_period_ms, 0}};
    contracts::FarmingState::PutNodeUptime(s, n, uptime);
  }
  contracts::DirectoryCounters counters;
  counters.next_twin_id = static_cast<uint32_t>(farms + nodes + 1);
  counters.next_farm_id = static_cast<uint32_t>(farms + 1);
  counters.next_node_id = static_cast<uint32_t>(nodes + 1);
  contracts::DirectoryState::PutCounters(s, counters);
  map.Apply(s);
  return Status::Ok();
}

struct RunResult {
  std::vector<double> block_ms;   // farming EndBlock per settling block
  std::vector<double> commit_ms;  // applying the block's writes to the map
  uint64_t receipts = 0;
  uint64_t minted = 0;
  uint64_t writes = 0;
};

// Runs blocks one second apart from the first time period 0 is due until it is
// settled.
Status Settle(MapState& map, const contracts::Farming& farming, const chain::GridParams& grid, RunResult* out) {
  uint64_t now = kGenesisMs + grid.farming_period_ms + 2 * grid.uptime_interval_ms + 1;
  const uint64_t issuance_before = contracts::Balances::TotalIssuance(map).value();
  for (bool settled = false; !settled; now += 1000) {
    StateOverlay overlay(map);
    std::vector<chain::Event> events;
    const Clock::time_point start = Clock::now();
    TF_RETURN_IF_ERROR(farming.EndBlock(overlay, 1, now, &events));
    const Clock::time_point executed = Clock::now();
    out->writes += overlay.writes().size();
    map.Apply(overlay);
    out->commit_ms.push_back(Ms(Clock::now() - executed));
    out->block_ms.push_back(Ms(executed - start));
    for (const chain::Event& e : events) {
      if (const auto* m = std::get_if<chain::RewardMintedEvent>(&e)) {
        out->receipts += 1;
        out->minted += m->receipt.amount;
      }
      if (std::holds_alternative<chain::PeriodSettledEvent>(e)) settled = true;
    }
  }
  const uint64_t issuance_after = contracts::Balances::TotalIssuance(map).value();
  if (issuance_after - issuance_before != out->minted) {
    return Status::Internal("bench-mismatch", "issuance grew by a different amount than minted");
  }
  return Status::Ok();
}

void Print(const char* title, const RunResult& r) {
  std::vector<double> sorted = r.block_ms;
  std::sort(sorted.begin(), sorted.end());
  double total = 0, commit = 0;
  for (double ms : r.block_ms) total += ms;
  for (double ms : r.commit_ms) commit += ms;
  std::printf("%s\n", title);
  std::printf("  blocks %zu, receipts %llu, minted %.7f TFT, state writes %llu\n", r.block_ms.size(),
              static_cast<unsigned long long>(r.receipts), static_cast<double>(r.minted) / chain::kUnitsPerTft,
              static_cast<unsigned long long>(r.writes));
  std::printf("  EndBlock per settling block: median %.2f ms, p99 %.2f ms, max %.2f ms = %.1f%% of a 1 s block\n",
              Percentile(sorted, 50), Percentile(sorted, 99), sorted.back(), sorted.back() / 10.0);
  std::printf("  EndBlock total %.1f ms (%.2f us per node); commit into the state map total %.1f ms\n", total,
              r.receipts ? total * 1000 / static_cast<double>(r.receipts) : 0.0, commit);
}

}  // namespace

int RunFarmingBench(int argc, char** argv) {
  size_t nodes = 100'000, farms = 10'000, max_payouts = chain::GridParams{}.max_payouts_per_block;
  Status parsed =
      ParseOptions(argc, argv, {{"--nodes", &nodes}, {"--farms", &farms}, {"--max-payouts", &max_payouts}}, {});
  if (!parsed.ok()) return Usage(parsed);
  if (nodes >= UINT32_MAX / 2 || farms >= UINT32_MAX / 2) {
    return Usage(Status::InvalidArgument("bad-argument", "--nodes and --farms must be below 2^31"));
  }
  chain::GridParams grid;  // main-net: 40 min interval, 30-day period, 80 mUSD/TFT
  grid.max_payouts_per_block = max_payouts;
  std::printf("building %zu nodes in %zu farms with a full period of uptime...\n", nodes, farms);
  MapState base;
  const Clock::time_point start = Clock::now();
  Status built = BuildState(base, nodes, farms, grid);
  if (!built.ok()) {
    std::fprintf(stderr, "tfchain-bench: %s\n", built.ToString().c_str());
    return 1;
  }
  std::printf("  %zu state entries in %.0f ms\n", base.data().size(), Ms(Clock::now() - start));
  const contracts::Farming farming(kGenesisMs);

  MapState spread = base;
  RunResult spread_result;
  Status s = Settle(spread, farming, grid, &spread_result);
  if (s.ok()) {
    MapState single = base;
    chain::GridParams one_block = grid;
    one_block.max_payouts_per_block = nodes + 1;
    StateOverlay o(single);
    contracts::PolicyState::PutGridParams(o, one_block);
    single.Apply(o);
    RunResult single_result;
    s = Settle(single, farming, one_block, &single_result);
    if (s.ok()) {
      Print(("spread: " + std::to_string(max_payouts) + " payouts per block").c_str(), spread_result);
      Print("single block: the whole period at once", single_result);
    }
  }
  if (!s.ok()) {
    std::fprintf(stderr, "tfchain-bench: %s\n", s.ToString().c_str());
    return 1;
  }
  return 0;
}

}  // namespace tfchain::bench
