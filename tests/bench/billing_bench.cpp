// tfchain-bench billing: the marketplace's billing hook at main-net scale, in process.
//
//   tfchain-bench billing [--contracts N] [--nodes M] [--farms F] [--blocks B] [--period P]
//                         [--disk-blocks D]
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
// /proc/self/status).
//
// That RSS is mostly the benchmark's own state map. What the node keeps in memory for
// this state is measured next, in two parts:
//   1. the node's in-memory indexes (node::ContractIndex, node::DirectoryIndex), built
//      by Apply over the state's entries as state writes: heap bytes in use (glibc
//      mallinfo2) and RSS before and after each;
//   2. the state written into a LevelDB KvStore (the chain store's flat 'S' entries;
//      the state tree's nodes are not written) in a fresh directory under /tmp with
//      the node's default options; the map is dropped, the store reopened, both
//      indexes Loaded from it as tfchaind does at start, then
//      --disk-blocks (default 300) further billing blocks run reading through
//      node::HeadStateReader, each committed as one synced batch and applied to both
//      indexes. Prints RSS at each step, the block times and the on-disk size; the
//      directory is removed at the end.
// See docs/billing.md.
#include <malloc.h>
#include <stdlib.h>  // mkdtemp
#include <time.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <system_error>
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
#include "node/chain_store.h"
#include "node/contract_index.h"
#include "node/directory_index.h"
#include "node/kv_store.h"
#include "node/state_db.h"
#include "rpc/grid_views.h"
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

// The kB figure of `field` in /proc/self/status as bytes (0 if unreadable).
uint64_t ProcStatusBytes(const std::string& field) {
  return std::strtoull(ProcStatus(field).c_str(), nullptr, 10) * 1024;
}

// What the process holds: resident pages (of which file-backed: the program, its
// libraries, LevelDB's mapped table files), and heap bytes handed out by malloc (arenas and mmapped chunks). Freed
// memory is trimmed back to the system first, so that RSS does not count pages malloc
// merely kept.
struct Memory {
  uint64_t rss = 0;
  uint64_t rss_file = 0;
  uint64_t heap = 0;
};
Memory SampleMemory() {
  malloc_trim(0);
  const struct mallinfo2 info = mallinfo2();
  return {ProcStatusBytes("VmRSS"), ProcStatusBytes("RssFile"), static_cast<uint64_t>(info.uordblks + info.hblkhd)};
}

double Mb(uint64_t bytes) { return static_cast<double>(bytes) / (1 << 20); }
double MbDelta(uint64_t after, uint64_t before) {
  return (static_cast<double>(after) - static_cast<double>(before)) / (1 << 20);
}

struct Shape {
  size_t contracts = 1'000'000;
  size_t nodes = 100'000;
  size_t farms = 10'000;
  size_t blocks = 300;
  size_t period = 600;
  size_t disk_blocks = 300;
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
  std::vector<double> commit_ms;  // committing the block's writes
  uint64_t bills = 0;
  uint64_t paid = 0;
  uint64_t graces = 0;
  uint64_t writes = 0;
};

// Commits one block's writes (the overlay over the run's reader) at `time_ms`.
using CommitFn = std::function<Status(const StateOverlay& block, uint64_t time_ms)>;

// Runs `blocks` billing blocks over `state` from kStartHeight + `first` + 1, one second
// apart, committing each with `commit`.
Status Run(const contracts::StateReader& state, const CommitFn& commit, const contracts::Marketplace& market,
           uint64_t first, uint64_t blocks, RunResult* out) {
  const uint64_t issuance_before = contracts::Balances::TotalIssuance(state).value();
  for (uint64_t i = first + 1; i <= first + blocks; ++i) {
    const uint64_t height = kStartHeight + i;
    const uint64_t time_ms = kStartMs + i * kBlockMs;
    StateOverlay overlay(state);
    std::vector<chain::Event> events;
    const Clock::time_point start = Clock::now();
    const double cpu_start = ThreadCpuMs();
    TF_RETURN_IF_ERROR(market.EndBlock(overlay, height, time_ms, &events));
    out->cpu_ms.push_back(ThreadCpuMs() - cpu_start);
    const Clock::time_point executed = Clock::now();
    out->writes += overlay.writes().size();
    TF_RETURN_IF_ERROR(commit(overlay, time_ms));
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
  if (contracts::Balances::TotalIssuance(state).value() != issuance_before) {
    return Status::Internal("bench-mismatch", "billing changed total issuance");
  }
  return Status::Ok();
}

void PrintRun(const RunResult& r, const char* commit_what) {
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
  std::printf("  %.2f us per bill; commit of a block's writes %s: median %.2f ms, max %.2f ms\n",
              r.bills ? total * 1000 / static_cast<double>(r.bills) : 0.0, commit_what, Percentile(commits, 50),
              commits.back());
}

// Applies the entries of `map` to `apply` as state writes, 65,536 at a time (as a
// sync would, block by block), so the writes never hold a second copy of the state.
template <typename ApplyFn>
Status FeedState(const MapState& map, ApplyFn apply) {
  contracts::StateWrites writes;
  for (const auto& [key, value] : map.data()) {
    writes.emplace_hint(writes.end(), key, value);
    if (writes.size() == 65'536) {
      TF_RETURN_IF_ERROR(apply(writes));
      writes.clear();
    }
  }
  return writes.empty() ? Status::Ok() : apply(writes);
}

void PrintGrowth(const char* what, const Memory& before, const Memory& after, uint64_t items, const char* item) {
  std::printf("  %-30s heap +%.1f MB (%.0f bytes per %s), RSS +%.1f MB -> %.1f MB\n", what,
              MbDelta(after.heap, before.heap),
              (static_cast<double>(after.heap) - static_cast<double>(before.heap)) / static_cast<double>(items), item,
              MbDelta(after.rss, before.rss), Mb(after.rss));
}

Status CheckIndexes(const node::ContractIndex& contracts, const node::DirectoryIndex& directory,
                    const Shape& shape) {
  const rpc::GridStats stats = directory.Stats();
  if (contracts.size() != shape.contracts || stats.nodes_total != shape.nodes || stats.farms != shape.farms) {
    return Status::Internal("bench-mismatch", "the node indexes do not hold the whole state");
  }
  return Status::Ok();
}

// Part 1 of the node's memory (top of the file).
Status MeasureIndexes(const MapState& map, const Shape& shape, const chain::Genesis& genesis, uint64_t head_ms) {
  std::printf("node indexes (what tfchaind keeps in memory for this state), by Apply over the %zu entries:\n",
              map.data().size());
  const Memory start = SampleMemory();
  node::ContractIndex contract_index;
  TF_RETURN_IF_ERROR(FeedState(map, [&](const auto& writes) { return contract_index.Apply(writes); }));
  const Memory with_contracts = SampleMemory();
  node::DirectoryIndex directory_index(genesis.grid);
  TF_RETURN_IF_ERROR(FeedState(map, [&](const auto& writes) { return directory_index.Apply(writes, head_ms); }));
  const Memory with_both = SampleMemory();
  TF_RETURN_IF_ERROR(CheckIndexes(contract_index, directory_index, shape));
  const rpc::GridStats stats = directory_index.Stats();
  std::printf("  (RSS %.1f MB and heap %.1f MB before, with the benchmark's state map)\n", Mb(start.rss),
              Mb(start.heap));
  PrintGrowth("ContractIndex:", start, with_contracts, shape.contracts, "contract");
  std::printf("  DirectoryIndex (%llu twins, %llu farms, %llu nodes, %llu public IPs):\n",
              static_cast<unsigned long long>(stats.twins), static_cast<unsigned long long>(stats.farms),
              static_cast<unsigned long long>(stats.nodes_total), static_cast<unsigned long long>(stats.public_ips));
  PrintGrowth("", with_contracts, with_both, shape.nodes, "node");
  PrintGrowth("both indexes:", start, with_both, shape.contracts, "contract");
  return Status::Ok();
}

// A directory removed, with everything in it, when this goes out of scope.
struct TempDir {
  std::string path;
  ~TempDir() {
    std::error_code ignored;
    if (!path.empty()) std::filesystem::remove_all(path, ignored);
  }
};

uint64_t DirBytes(const std::string& path) {
  uint64_t total = 0;
  std::error_code ec;
  for (const auto& entry : std::filesystem::recursive_directory_iterator(path, ec)) {
    if (entry.is_regular_file(ec)) total += entry.file_size(ec);
  }
  return total;
}

// The state key's entry in the chain store: 'S' || state key (node/chain_store.cpp).
chain::Bytes StoreKey(std::string_view state_key) {
  chain::Bytes key(1 + state_key.size());
  key[0] = 'S';
  std::copy(state_key.begin(), state_key.end(), key.begin() + 1);
  return key;
}

// Writes the state into `kv` as the chain store's flat head-state entries, in ~4 MB
// batches, the last one synced.
Status WriteState(const MapState& map, node::KvStore& kv) {
  node::WriteBatch batch;
  for (const auto& [key, value] : map.data()) {
    batch.Put(StoreKey(key), value);
    if (batch.byte_size() >= (4u << 20)) {
      TF_RETURN_IF_ERROR(kv.Write(batch, false));
      batch = node::WriteBatch();
    }
  }
  return kv.Write(batch, true);
}

// Part 2 of the node's memory (top of the file). Drops `map`.
Status RunOnDisk(std::unique_ptr<MapState> map, const contracts::Marketplace& market, const chain::Genesis& genesis,
                 const Shape& shape) {
  char path[] = "/tmp/tfchain-billing-bench-XXXXXX";
  if (mkdtemp(path) == nullptr) return Status::IoError("bench-tmp", std::string("mkdtemp failed: ") + path);
  const TempDir dir{path};
  std::printf("the state in LevelDB (%s, the node's default options):\n", dir.path.c_str());
  {
    TF_ASSIGN_OR_RETURN(std::unique_ptr<node::KvStore> kv, node::OpenLevelDb(dir.path));
    const Clock::time_point start = Clock::now();
    TF_RETURN_IF_ERROR(WriteState(*map, *kv));
    std::printf("  wrote %zu entries in %.0f ms\n", map->data().size(), Ms(Clock::now() - start));
  }
  map.reset();
  const Memory bare = SampleMemory();
  std::printf("  RSS %.1f MB (%.1f MB file-backed), heap %.1f MB once the benchmark's state map is dropped\n",
              Mb(bare.rss), Mb(bare.rss_file), Mb(bare.heap));
  TF_ASSIGN_OR_RETURN(std::unique_ptr<node::KvStore> kv, node::OpenLevelDb(dir.path));
  const Memory opened = SampleMemory();
  std::printf("  reopened: RSS %.1f MB; %.1f MB on disk\n", Mb(opened.rss), Mb(DirBytes(dir.path)));
  const uint64_t head_ms = kStartMs + shape.blocks * kBlockMs;
  node::ContractIndex contract_index;
  Clock::time_point start = Clock::now();
  TF_RETURN_IF_ERROR(contract_index.Load(*kv));
  const double contracts_ms = Ms(Clock::now() - start);
  node::DirectoryIndex directory_index(genesis.grid);
  start = Clock::now();
  TF_RETURN_IF_ERROR(directory_index.Load(*kv, head_ms));
  const double directory_ms = Ms(Clock::now() - start);
  const Memory with_both = SampleMemory();
  TF_RETURN_IF_ERROR(CheckIndexes(contract_index, directory_index, shape));
  std::printf("  ContractIndex::Load %.0f ms, DirectoryIndex::Load %.0f ms:\n", contracts_ms, directory_ms);
  PrintGrowth("both indexes:", opened, with_both, shape.contracts, "contract");
  std::printf("  RSS %.1f MB (%.1f MB file-backed) with the store open and both indexes loaded\n",
              Mb(with_both.rss), Mb(with_both.rss_file));

  const node::ChainStore store(*kv);
  const node::HeadStateReader head(store);
  const CommitFn commit = [&](const StateOverlay& block, uint64_t time_ms) -> Status {
    node::WriteBatch batch;
    for (const auto& [key, value] : block.writes()) {
      if (value) {
        batch.Put(StoreKey(key), *value);
      } else {
        batch.Delete(StoreKey(key));
      }
    }
    TF_RETURN_IF_ERROR(kv->Write(batch, true));
    TF_RETURN_IF_ERROR(contract_index.Apply(block.writes()));
    return directory_index.Apply(block.writes(), time_ms);
  };
  RunResult r;
  TF_RETURN_IF_ERROR(Run(head, commit, market, shape.blocks, shape.disk_blocks, &r));
  std::printf("from LevelDB through node::HeadStateReader, ");
  PrintRun(r, "(one synced batch, and both indexes)");
  const Memory after = SampleMemory();
  std::printf("  RSS after the run %.1f MB (%.1f MB file-backed), heap %.1f MB; %.1f MB on disk\n",
              Mb(after.rss), Mb(after.rss_file), Mb(after.heap), Mb(DirBytes(dir.path)));
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
                                {"--period", &shape.period},
                                {"--disk-blocks", &shape.disk_blocks}},
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
  auto map = std::make_unique<MapState>();
  const Clock::time_point start = Clock::now();
  Status s = BuildState(*map, shape, genesis);
  if (!s.ok()) {
    std::fprintf(stderr, "tfchain-bench: %s\n", s.ToString().c_str());
    return 1;
  }
  std::printf("  %zu state entries in %.0f ms; RSS %s (peak %s)\n", map->data().size(), Ms(Clock::now() - start),
              ProcStatus("VmRSS").c_str(), ProcStatus("VmHWM").c_str());

  const contracts::Marketplace market(genesis, contracts::Farming(kGenesisMs));
  RunResult r;
  MapState& state = *map;
  const CommitFn commit = [&state](const StateOverlay& block, uint64_t) {
    state.Apply(block);
    return Status::Ok();
  };
  s = Run(state, commit, market, 0, shape.blocks, &r);
  if (s.ok()) {
    PrintRun(r, "into the map");
    std::printf("  RSS after the run %s (peak %s)\n", ProcStatus("VmRSS").c_str(), ProcStatus("VmHWM").c_str());
    s = MeasureIndexes(state, shape, genesis, kStartMs + shape.blocks * kBlockMs);
  }
  if (s.ok()) s = RunOnDisk(std::move(map), market, genesis, shape);
  if (!s.ok()) {
    std::fprintf(stderr, "tfchain-bench: %s\n", s.ToString().c_str());
    return 1;
  }
  return 0;
}

}  // namespace tfchain::bench
