// tfchain-bench billing: the marketplace's billing hook at main-net scale, in process.
//
//   tfchain-bench billing [--contracts N] [--nodes M] [--farms F] [--blocks B] [--period P]
//
// Writes an in-memory state (the state map farming_bench uses) with N live,
// acknowledged node contracts (default 1,000,000) spread round-robin over M nodes
// (100,000) in F farms (10,000), owned by N/10 users with balances in every discount
// tier; one contract in 20 holds a public IP of its farm; a quarter of the nodes are
// certified. Each contract was last billed exactly one billing period ago (P blocks of
// 1 s, default main-net 600), as in a running chain. Then runs Marketplace::EndBlock
// for B consecutive heights (default 300) one second apart, committing each block's
// writes into the map, and prints the per-block billing time (median, p99, max) as a
// share of a 1 s block, the commit time, and the process RSS (VmRSS / VmHWM from
// /proc/self/status). See docs/billing.md.
#include <time.h>

#include <algorithm>
#include <cstdio>
#include <fstream>
#include <string>
#include <vector>

#include "chain/genesis.h"
#include "chain/market_events.h"
#include "contracts/balances.h"
#include "contracts/directory.h"
#include "contracts/directory_state.h"
#include "contracts/farming.h"
#include "contracts/farming_state.h"
#include "contracts/market_pricing.h"
#include "contracts/market_state.h"
#include "contracts/marketplace.h"
#include "tests/bench/bench_util.h"
#include "tests/support/map_state.h"

namespace tfchain::bench {
namespace {

using contracts::StateOverlay;
using tfchain::testing::MapState;

constexpr uint64_t kGenesisMs = 1'767'225'600'000;
constexpr uint64_t kDayMs = 86'400'000;
constexpr uint64_t kBlockMs = 1000;
constexpr uint64_t kGiB = uint64_t{1} << 30;
constexpr uint64_t kStartHeight = 1'000'000;
constexpr uint64_t kStartMs = kGenesisMs + 10 * kDayMs;  // block time at kStartHeight

chain::AccountId BenchAccount(uint32_t n, uint8_t kind) {
  chain::AccountId a;
  a.bytes[0] = kind;
  a.bytes[1] = 0xB1;
  for (int i = 0; i < 4; ++i) a.bytes[2 + i] = static_cast<uint8_t>(n >> (8 * i));
  return a;
}

// "VmRSS:  123 kB" -> "123 kB" for `field` of /proc/self/status ("?" if unreadable).
std::string ProcStatus(const std::string& field) {
  std::ifstream in("/proc/self/status");
  for (std::string line; std::getline(in, line);) {
    if (line.rfind(field + ":", 0) == 0) {
      const size_t start = line.find_first_not_of(" \t", field.size() + 1);
      return start == std::string::npos ? "?" : line.substr(start);
    }
  }
  return "?";
}

struct Shape {
  size_t contracts = 1'000'000;
  size_t nodes = 100'000;
  size_t farms = 10'000;
  size_t blocks = 300;
  size_t period = 600;
};

chain::Genesis MakeGenesis(const Shape& shape) {
  chain::Genesis g;
  g.chain_id = "billing-bench";
  g.genesis_time_ms = kGenesisMs;
  g.billing.billing_period_blocks = shape.period;
  return g;
}

// The state described at the top of the file.
Status BuildState(MapState& map, const Shape& shape, const chain::Genesis& genesis) {
  StateOverlay s(map);
  TF_RETURN_IF_ERROR(contracts::Directory().InitGenesis(s, genesis, nullptr));
  const chain::PricingPolicy policy = genesis.pricing_policies.at(0);
  const uint32_t farms = static_cast<uint32_t>(shape.farms);
  const uint32_t nodes = static_cast<uint32_t>(shape.nodes);
  const uint32_t users = static_cast<uint32_t>(std::max<size_t>(1, shape.contracts / 10));
  const uint32_t first_user_twin = farms + nodes + 1;
  const uint64_t per_node = (shape.contracts + nodes - 1) / nodes;  // contracts on the fullest node

  std::vector<contracts::FarmRecord> farm_records(farms);
  for (uint32_t f = 1; f <= farms; ++f) {
    contracts::TwinRecord twin{f, BenchAccount(f, 0xFA), "relay.example.org", {1}, kGenesisMs};
    contracts::DirectoryState::PutTwin(s, twin);
    contracts::DirectoryState::PutTwinIdByAccount(s, twin.account, f);
    contracts::FarmRecord& farm = farm_records[f - 1];
    farm.id = f;
    farm.name = "farm" + std::to_string(f);
    farm.twin_id = f;
    farm.pricing_policy_id = 1;
    farm.created_ms = kGenesisMs;
  }
  std::vector<contracts::NodeRecord> node_records(nodes);
  std::vector<contracts::NodeContracts> node_contracts(nodes);
  for (uint32_t n = 1; n <= nodes; ++n) {
    contracts::NodeRecord& node = node_records[n - 1];
    node.id = n;
    node.farm_id = (n - 1) % farms + 1;
    node.twin_id = farms + n;
    node.account = BenchAccount(n, 0x0D);
    node.resources = {std::max<uint64_t>(64, 4 * per_node), std::max<uint64_t>(256, 10 * per_node) * kGiB,
                      std::max<uint64_t>(4096, 125 * per_node) * kGiB, 8192 * kGiB};
    node.location = {"Ghent", "Belgium", 51'054'300, 3'717'400};
    node.agent_endpoint = "http://10.0.0.1:8080";
    node.certification = n % 4 == 0 ? chain::NodeCertification::kCertified : chain::NodeCertification::kDiy;
    node.connection_price_musd = genesis.grid.tft_price_musd;
    node.created_ms = node.updated_ms = kGenesisMs;
    contracts::DirectoryState::PutNodeIdByAccount(s, node.account, n);
    contracts::NodeUptime uptime;  // up since genesis, credited an hour ahead of the run
    uptime.first_report_ms = kGenesisMs;
    uptime.last_report_ms = kStartMs;
    uptime.last_uptime_s = (kStartMs - kGenesisMs) / 1000;
    uptime.report_count = (kStartMs - kGenesisMs) / genesis.grid.uptime_interval_ms + 1;
    uptime.total_uptime_ms = kStartMs - kGenesisMs + 3'600'000;
    contracts::FarmingState::PutNodeUptime(s, n, uptime);
  }

  std::vector<contracts::TwinBilling> twin_billing(users);
  std::vector<std::vector<chain::ContractId>> buckets(shape.period);
  uint32_t next_ip = 0;
  for (chain::ContractId id = 1; id <= shape.contracts; ++id) {
    const uint32_t n = static_cast<uint32_t>((id - 1) % nodes + 1);
    const uint32_t user = static_cast<uint32_t>((id - 1) / 10 % users);
    contracts::NodeRecord& node = node_records[n - 1];
    contracts::ContractRecord c;
    c.id = id;
    c.twin_id = first_user_twin + user;
    c.kind = chain::ContractKind::kNode;
    c.node_id = n;
    c.resources = {1 + id % 4, (2 + id % 8) * kGiB, (25 + id % 100) * kGiB, 0};
    if (id % 20 == 0) {
      contracts::FarmRecord& farm = farm_records[node.farm_id - 1];
      const uint32_t ip = next_ip++;
      const std::string net = "185." + std::to_string(ip >> 16 & 0xFF) + "." + std::to_string(ip >> 8 & 0xFF) + ".";
      c.ips.push_back(net + std::to_string(ip & 0xFF) + "/24");
      farm.public_ips.push_back({c.ips.back(), net + "1", id});
    }
    for (int b = 0; b < 8; ++b) c.deployment_hash.bytes[b] = static_cast<uint8_t>(id >> (8 * b));
    c.deployment_data = {'b', 'e', 'n', 'c', 'h'};
    c.ack = chain::AckState::kOk;
    c.created_height = 1;
    c.created_ms = kGenesisMs + kDayMs;
    c.uptime_base_ms = kDayMs;
    // Last billed at the latest height before the run in its bucket.
    uint64_t back = (kStartHeight - id % shape.period) % shape.period;
    if (back == 0) back = shape.period;
    c.billed_until_ms = kStartMs - back * kBlockMs;
    c.billed_up_ms = c.billed_until_ms - c.created_ms;
    c.updated_ms = c.billed_until_ms;
    contracts::CostInputs in;
    in.resources = c.resources;
    in.public_ips = c.ips.size();
    in.certified = node.certification == chain::NodeCertification::kCertified;
    c.hourly_micro = contracts::TotalMicro(contracts::HourlyCostOf(in, policy));
    twin_billing[user].hourly_micro += c.hourly_micro;
    twin_billing[user].live_contracts += 1;
    node.reserved = {node.reserved.cru + c.resources.cru, node.reserved.mru + c.resources.mru,
                     node.reserved.sru + c.resources.sru, node.reserved.hru + c.resources.hru};
    node_contracts[n - 1].node_contracts.push_back(id);
    buckets[id % shape.period].push_back(id);
    contracts::MarketState::PutDeployment(s, n, c.deployment_hash, id);
    contracts::MarketState::PutContract(s, c);
  }
  for (uint32_t n = 1; n <= nodes; ++n) {
    contracts::DirectoryState::PutNode(s, node_records[n - 1]);
    contracts::MarketState::PutNodeContracts(s, n, node_contracts[n - 1]);
  }
  for (const contracts::FarmRecord& farm : farm_records) {
    contracts::DirectoryState::PutFarm(s, farm);
    contracts::DirectoryState::PutFarmIdByName(s, farm.name, farm.id);
    for (const contracts::FarmIp& ip : farm.public_ips) contracts::DirectoryState::PutFarmIdByIp(s, ip.ip, farm.id);
  }
  // Users: balances from ~1 to ~20 months of cover (every discount tier).
  static constexpr uint64_t kCoverPermille[] = {1'000, 2'000, 4'000, 8'000, 20'000};
  const uint64_t price = genesis.grid.tft_price_musd;
  for (uint32_t u = 0; u < users; ++u) {
    const chain::TwinId twin_id = first_user_twin + u;
    contracts::TwinRecord twin{twin_id, BenchAccount(u, 0x75), "relay.example.org", {1}, kGenesisMs};
    contracts::DirectoryState::PutTwin(s, twin);
    contracts::DirectoryState::PutTwinIdByAccount(s, twin.account, twin_id);
    contracts::MarketState::PutTwinBilling(s, twin_id, twin_billing[u]);
    const unsigned __int128 monthly_micro = static_cast<unsigned __int128>(twin_billing[u].hourly_micro) * 720;
    const uint64_t balance = contracts::MicroToUnits(monthly_micro * kCoverPermille[u % 5] / 1000, price) + 1;
    TF_RETURN_IF_ERROR(contracts::Balances::Mint(s, twin.account, balance));
  }
  for (uint64_t b = 0; b < shape.period; ++b) contracts::MarketState::PutBucket(s, b, buckets[b]);
  contracts::MarketState::PutCounters(s, {shape.contracts + 1, 1});
  contracts::DirectoryCounters counters;
  counters.next_twin_id = first_user_twin + users;
  counters.next_farm_id = farms + 1;
  counters.next_node_id = nodes + 1;
  contracts::DirectoryState::PutCounters(s, counters);
  map.Apply(s);
  return Status::Ok();
}

// CPU time of the calling thread in ms: on a machine shared with other work, this is
// what the hook itself costs (wall time includes waiting for a core).
double ThreadCpuMs() {
  timespec ts{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return static_cast<double>(ts.tv_sec) * 1e3 + static_cast<double>(ts.tv_nsec) / 1e6;
}

struct RunResult {
  std::vector<double> block_ms;   // Marketplace::EndBlock per block (wall)
  std::vector<double> cpu_ms;     // the same, thread CPU time
  std::vector<double> commit_ms;  // applying the block's writes to the map
  uint64_t bills = 0;
  uint64_t paid = 0;
  uint64_t graces = 0;
  uint64_t writes = 0;
};

Status Run(MapState& map, const contracts::Marketplace& market, const Shape& shape, RunResult* out) {
  const uint64_t issuance_before = contracts::Balances::TotalIssuance(map).value();
  for (uint64_t i = 1; i <= shape.blocks; ++i) {
    const uint64_t height = kStartHeight + i;
    const uint64_t time_ms = kStartMs + i * kBlockMs;
    StateOverlay overlay(map);
    std::vector<chain::Event> events;
    const Clock::time_point start = Clock::now();
    const double cpu_start = ThreadCpuMs();
    TF_RETURN_IF_ERROR(market.EndBlock(overlay, height, time_ms, &events));
    out->cpu_ms.push_back(ThreadCpuMs() - cpu_start);
    const Clock::time_point executed = Clock::now();
    out->writes += overlay.writes().size();
    map.Apply(overlay);
    out->commit_ms.push_back(Ms(Clock::now() - executed));
    out->block_ms.push_back(Ms(executed - start));
    for (const chain::Event& e : events) {
      if (const auto* b = std::get_if<chain::ContractBilledEvent>(&e)) {
        out->bills += 1;
        out->paid += b->bill.paid;
      }
      if (std::holds_alternative<chain::ContractGraceStartedEvent>(e)) out->graces += 1;
    }
  }
  if (contracts::Balances::TotalIssuance(map).value() != issuance_before) {
    return Status::Internal("bench-mismatch", "billing changed total issuance");
  }
  return Status::Ok();
}

}  // namespace

int RunBillingBench(int argc, char** argv) {
  Shape shape;
  Status parsed = ParseOptions(argc, argv,
                               {{"--contracts", &shape.contracts},
                                {"--nodes", &shape.nodes},
                                {"--farms", &shape.farms},
                                {"--blocks", &shape.blocks},
                                {"--period", &shape.period}},
                               {});
  if (!parsed.ok()) return Usage(parsed);
  if (shape.nodes >= UINT32_MAX / 4 || shape.farms >= UINT32_MAX / 4 || shape.contracts >= UINT32_MAX / 4 ||
      shape.farms > shape.nodes || (shape.contracts + shape.nodes - 1) / shape.nodes > 1024) {
    return Usage(Status::InvalidArgument(
        "bad-argument", "need farms <= nodes, all below 2^30, and at most 1024 contracts per node"));
  }
  if (shape.contracts / 20 / shape.farms >= chain::kMaxFarmIps) {
    return Usage(Status::InvalidArgument("bad-argument", "too many public IPs per farm: add farms"));
  }
  const chain::Genesis genesis = MakeGenesis(shape);
  std::printf("building %zu node contracts on %zu nodes in %zu farms (billing period %zu blocks)...\n",
              shape.contracts, shape.nodes, shape.farms, shape.period);
  MapState map;
  const Clock::time_point start = Clock::now();
  Status s = BuildState(map, shape, genesis);
  if (!s.ok()) {
    std::fprintf(stderr, "tfchain-bench: %s\n", s.ToString().c_str());
    return 1;
  }
  std::printf("  %zu state entries in %.0f ms; RSS %s (peak %s)\n", map.data().size(), Ms(Clock::now() - start),
              ProcStatus("VmRSS").c_str(), ProcStatus("VmHWM").c_str());

  const contracts::Marketplace market(genesis, contracts::Farming(kGenesisMs));
  RunResult r;
  s = Run(map, market, shape, &r);
  if (!s.ok()) {
    std::fprintf(stderr, "tfchain-bench: %s\n", s.ToString().c_str());
    return 1;
  }
  std::vector<double> sorted = r.block_ms;
  std::sort(sorted.begin(), sorted.end());
  std::vector<double> commits = r.commit_ms;
  std::sort(commits.begin(), commits.end());
  double total = 0;
  for (double ms : r.block_ms) total += ms;
  std::printf("%zu blocks: %llu bills (%.1f per block), %.4f TFT paid, %llu entered grace, %llu state writes\n",
              r.block_ms.size(), static_cast<unsigned long long>(r.bills),
              static_cast<double>(r.bills) / static_cast<double>(r.block_ms.size()),
              static_cast<double>(r.paid) / chain::kUnitsPerTft, static_cast<unsigned long long>(r.graces),
              static_cast<unsigned long long>(r.writes));
  std::vector<double> cpu = r.cpu_ms;
  std::sort(cpu.begin(), cpu.end());
  std::printf("  billing hook per block, wall: median %.2f ms, p99 %.2f ms, max %.2f ms = %.1f%% of a 1 s block\n",
              Percentile(sorted, 50), Percentile(sorted, 99), sorted.back(), sorted.back() / 10.0);
  std::printf("  billing hook per block, CPU:  median %.2f ms, p99 %.2f ms, max %.2f ms = %.1f%% of a 1 s block\n",
              Percentile(cpu, 50), Percentile(cpu, 99), cpu.back(), cpu.back() / 10.0);
  std::printf("  %.2f us per bill; commit of a block's writes into the map: median %.2f ms, max %.2f ms\n",
              r.bills ? total * 1000 / static_cast<double>(r.bills) : 0.0, Percentile(commits, 50), commits.back());
  std::printf("  RSS after the run %s (peak %s)\n", ProcStatus("VmRSS").c_str(), ProcStatus("VmHWM").c_str());
  return 0;
}

}  // namespace tfchain::bench
