// tfchain-bench grid: grid_findNodes over JSON-RPC on a large directory.
//
//   tfchain-bench grid [--nodes N] [--farms F] [--queries Q] [--block-txs B] [--data-dir DIR]
//
// Builds a node data dir holding N registered 3Nodes in F farms the honest way: real
// signed transactions (every farmer and every node creates its twin, each farmer a
// farm, every second farm adds a public IP, every node registers itself with its own
// key), executed by the runtime and committed in blocks of up to B transactions by
// the node's ChainState, on LevelDB. Then it opens a tfchaind node (node::Node, one
// validator, RPC on 127.0.0.1:0) on that data dir — which builds its directory index
// from the stored state — and times Q grid_findNodes calls over HTTP JSON-RPC with
// three filters (free_mru >= X, country = Y, has_free_ip = true; X and Y random), half
// in node id order and half sorted by free memory. Prints p50/p99/max latency.
// With --data-dir DIR holding a data dir built by an earlier run (same N and F), the
// build is skipped.
#include <httplib.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <random>
#include <string>
#include <vector>

#include "chain/call.h"
#include "chain/keys.h"
#include "chain/transaction.h"
#include "contracts/directory_state.h"
#include "node/chain_state.h"
#include "node/clock.h"
#include "node/kv_store.h"
#include "node/node.h"
#include "tests/bench/bench_util.h"

namespace tfchain::bench {
namespace {

using nlohmann::json;

constexpr uint64_t kGiB = uint64_t{1} << 30;
constexpr uint64_t kGenesisTimeMs = 1'700'000'000'000;

const std::vector<std::string> kCountries = {
    "Belgium",       "Netherlands", "Germany", "France", "Austria",   "Switzerland", "Italy",     "Spain",
    "Portugal",      "Ireland",     "Finland", "Sweden", "Norway",    "Denmark",     "Poland",    "Czechia",
    "Romania",       "Bulgaria",    "Greece",  "Egypt",  "Tanzania",  "Kenya",       "Uganda",    "Ghana",
    "Nigeria",       "India",       "Vietnam", "Japan",  "Taiwan",    "Singapore",   "Australia", "Canada",
    "United States", "Mexico",      "Brazil",  "Chile",  "Argentina", "Peru",        "Colombia",  "Ecuador"};

struct Args {
  size_t nodes = 100'000;
  size_t farms = 10'000;
  size_t queries = 2'000;
  size_t block_txs = 10'000;
  std::string data_dir;
};

uint64_t Mix(uint64_t x) {  // splitmix64: deterministic node attributes
  x += 0x9e3779b97f4a7c15;
  x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9;
  x = (x ^ (x >> 27)) * 0x94d049bb133111eb;
  return x ^ (x >> 31);
}

chain::Genesis BenchGenesis(const Args& args, const chain::SecretKey& validator) {
  chain::Genesis g;
  g.chain_id = "tfchain-bench-grid";
  g.genesis_time_ms = kGenesisTimeMs;
  g.consensus.max_block_txs = args.block_txs;
  g.consensus.max_block_bytes = chain::kMaxBlockSize;
  for (size_t i = 0; i < args.farms + args.nodes; ++i) {
    g.balances.push_back({BenchKey(i).account_id(), 1'000 * chain::kUnitsPerTft});
  }
  g.balances.push_back({validator.account_id(), 1'000'000 * chain::kUnitsPerTft});
  g.validators.push_back({"bench", validator.account_id(), {validator.account_id(), 1'000 * chain::kUnitsPerTft}, 0});
  return g;
}

chain::NodeCreateCall NodeCall(size_t j, chain::FarmId farm) {
  const uint64_t h = Mix(j);
  chain::NodeCreateCall c;
  c.farm_id = farm;
  c.resources.cru = 1 + h % 64;
  c.resources.mru = (2 + (h >> 8) % 511) * kGiB;
  c.resources.sru = (100 + (h >> 20) % 3901) * kGiB;
  c.resources.hru = ((h >> 32) % 3 == 0) ? 0 : (2000 + (h >> 34) % 14001) * kGiB;
  const std::string& country = kCountries[(h >> 40) % kCountries.size()];
  c.location = chain::Location{country + " city " + std::to_string((h >> 48) % 5), country,
                               static_cast<int32_t>((h >> 12) % 180'000'000) - 90'000'000,
                               static_cast<int32_t>((h >> 24) % 360'000'000) - 180'000'000};
  c.agent_endpoint = "http://10." + std::to_string((j >> 16) & 255) + "." + std::to_string((j >> 8) & 255) + "." +
                     std::to_string(j & 255) + ":2021";
  return c;
}

// The transactions that register the directory, in an order that keeps every
// signer's nonces consecutive: twins, farms, farm IPs, nodes.
std::vector<chain::Bytes> SignDirectory(const Args& args, const std::string& chain_id) {
  std::vector<chain::Bytes> out;
  std::vector<uint64_t> nonces(args.farms + args.nodes, 0);
  auto sign = [&](size_t account, chain::Call call) {
    chain::TransactionBody body;
    body.chain_id = chain_id;
    body.nonce = nonces[account]++;
    body.valid_until = 1'000'000;
    body.call = std::move(call);
    out.push_back(chain::Encode(chain::SignTransaction(std::move(body), BenchKey(account))));
  };
  for (size_t i = 0; i < args.farms + args.nodes; ++i) {
    const chain::AccountId id = BenchKey(i).account_id();
    sign(i, chain::TwinCreateCall{"relay.grid.tf", chain::Bytes(id.bytes.begin(), id.bytes.end())});
  }
  for (size_t f = 0; f < args.farms; ++f) sign(f, chain::FarmCreateCall{"farm-" + std::to_string(f), 1});
  for (size_t f = 0; f < args.farms; f += 2) {
    const std::string net = "185." + std::to_string(16 + (f >> 8)) + "." + std::to_string(f & 255) + ".";
    sign(f, chain::FarmAddIpCall{static_cast<chain::FarmId>(f + 1), net + "10/24", net + "1"});
  }
  for (size_t j = 0; j < args.nodes; ++j) {
    sign(args.farms + j, NodeCall(j, static_cast<chain::FarmId>(j % args.farms + 1)));
  }
  return out;
}

// Executes and commits the transactions in blocks; every one must succeed.
Status BuildDataDir(const Args& args, const std::string& dir, const chain::Genesis& genesis) {
  std::printf("signing the directory's transactions (%zu farms, %zu nodes)...\n", args.farms, args.nodes);
  const auto start = Clock::now();
  const std::vector<chain::Bytes> encoded = SignDirectory(args, genesis.chain_id);
  std::vector<chain::Transaction> txs;
  txs.reserve(encoded.size());
  for (const chain::Bytes& e : encoded) txs.push_back(chain::DecodeExact<chain::Transaction>(e, e.size()).value());
  const auto signed_at = Clock::now();
  std::printf("  %zu transactions signed in %.1f s\n", txs.size(), Ms(signed_at - start) / 1000);

  std::filesystem::create_directories(dir + "/db");
  TF_ASSIGN_OR_RETURN(std::unique_ptr<node::KvStore> kv, node::OpenLevelDb(dir + "/db"));
  TF_ASSIGN_OR_RETURN(std::unique_ptr<node::ChainState> chain, node::ChainState::Open(*kv, genesis));
  const chain::AccountId proposer = chain->validator_sets().current.at(0).id;
  size_t next = 0;
  size_t blocks = 0;
  uint64_t time_ms = genesis.genesis_time_ms;
  while (next < txs.size()) {
    std::vector<node::Candidate> candidates;
    for (size_t i = next; i < txs.size() && candidates.size() < args.block_txs; ++i) {
      candidates.push_back({&txs[i], chain::TxHash(encoded[i]), encoded[i].size()});
    }
    time_ms += 1000;
    TF_ASSIGN_OR_RETURN(node::BuiltBlock built, chain->Build(chain->NextTemplate(time_ms, proposer), candidates));
    if (!built.rejected.empty()) return built.rejected.front().second.WithContext("a transaction was not includable");
    for (const chain::Receipt& r : built.results.receipts) {
      if (!r.success) return Status::Internal("bench-tx-failed", r.error + ": " + r.message);
    }
    if (built.block.txs.empty()) return Status::Internal("bench-stuck", "no transaction fits in a block");
    next += built.block.txs.size();
    chain::Commit commit{built.block.header.height, 0, built.hash, {}};
    TF_RETURN_IF_ERROR(chain->Commit(std::move(built), std::move(commit), /*durable=*/false));
    ++blocks;
  }
  // Farm ids follow the order of the farm_create transactions.
  TF_ASSIGN_OR_RETURN(std::optional<chain::FarmId> first,
                      contracts::DirectoryState::GetFarmIdByName(chain->head_state(), "farm-0"));
  if (first != std::optional<chain::FarmId>(1)) return Status::Internal("bench-bad-ids", "farm-0 is not farm 1");
  std::printf("  executed and committed in %zu blocks in %.1f s (%.0f tx/s)\n", blocks,
              Ms(Clock::now() - signed_at) / 1000, txs.size() / (Ms(Clock::now() - signed_at) / 1000));
  return Status::Ok();
}

// One grid_findNodes call; its latency in ms, or a negative value on failure.
double TimedFind(httplib::Client& cli, const json& params, uint64_t* total) {
  const json request = {{"jsonrpc", "2.0"}, {"id", 1}, {"method", "grid_findNodes"}, {"params", params}};
  const std::string body = request.dump();
  const auto start = Clock::now();
  auto res = cli.Post("/", body, "application/json");
  if (!res || res->status != 200) return -1;
  const json response = json::parse(res->body, nullptr, false);
  const double ms = Ms(Clock::now() - start);
  if (!response.contains("result")) {
    std::fprintf(stderr, "tfchain-bench: %s\n", res->body.c_str());
    return -1;
  }
  *total = response["result"]["total"].get<uint64_t>();
  return ms;
}

int RunGrid(const Args& args) {
  const chain::SecretKey validator = BenchKey(args.farms + args.nodes);
  const chain::Genesis genesis = BenchGenesis(args, validator);
  std::string dir = args.data_dir;
  const bool temp = dir.empty();
  if (temp)
    dir = (std::filesystem::temp_directory_path() / ("tfchain-bench-grid-" + std::to_string(getpid()))).string();
  if (std::filesystem::exists(dir + "/db")) {
    std::printf("reusing the data dir %s\n", dir.c_str());
  } else {
    Status built = BuildDataDir(args, dir, genesis);
    if (!built.ok()) {
      std::fprintf(stderr, "tfchain-bench: %s\n", built.ToString().c_str());
      return 1;
    }
  }

  node::SystemClock clock;
  node::NodeOptions options;
  options.data_dir = dir;
  options.genesis = genesis;
  options.rpc = rpc::RpcServerOptions{.host = "127.0.0.1", .port = 0};
  const auto open_start = Clock::now();
  auto node = node::Node::Open(std::move(options), BenchKey(args.farms + args.nodes), clock);
  if (!node.ok()) {
    std::fprintf(stderr, "tfchain-bench: %s\n", node.status().ToString().c_str());
    return 1;
  }
  const double open_ms = Ms(Clock::now() - open_start);
  if (Status s = (*node)->Start(); !s.ok()) {
    std::fprintf(stderr, "tfchain-bench: %s\n", s.ToString().c_str());
    return 1;
  }
  auto stats = (*node)->GetGridStats();
  std::printf(
      "node opened in %.0f ms (directory index built from the stored state): %llu nodes, %llu farms, "
      "%llu twins, %llu public IPs\n",
      open_ms, static_cast<unsigned long long>(stats->nodes_total), static_cast<unsigned long long>(stats->farms),
      static_cast<unsigned long long>(stats->twins), static_cast<unsigned long long>(stats->public_ips));

  // The same kind of queries straight to the index, in process: the search without
  // JSON and HTTP.
  std::vector<double> in_process;
  {
    std::mt19937_64 rng(7);
    for (size_t q = 0; q < args.queries; ++q) {
      rpc::NodeQuery query;
      query.filter.free_mru = (uint64_t{1} << (2 + rng() % 8)) * kGiB;
      query.filter.country = kCountries[rng() % kCountries.size()];
      query.filter.has_free_ip = true;
      if (q % 2 == 1) query.sort = rpc::NodeSort::kFreeMru;
      const auto start = Clock::now();
      auto page = (*node)->FindNodes(query);
      in_process.push_back(Ms(Clock::now() - start));
      if (!page.ok()) return 1;
    }
  }

  httplib::Client cli("127.0.0.1", (*node)->rpc_port());
  cli.set_keep_alive(true);
  cli.set_tcp_nodelay(true);
  cli.set_read_timeout(std::chrono::seconds(10));
  std::mt19937_64 rng(42);
  std::vector<double> by_id, by_mru;
  uint64_t matched = 0;
  for (size_t q = 0; q < args.queries; ++q) {
    const uint64_t min_mru = (uint64_t{1} << (2 + rng() % 8)) * kGiB;  // 4 GiB .. 512 GiB
    const json filter = {
        {"free_mru", min_mru}, {"country", kCountries[rng() % kCountries.size()]}, {"has_free_ip", true}};
    const bool sorted = q % 2 == 1;
    json params = {{"filter", filter}};
    if (sorted) params["sort"] = "free_mru";
    uint64_t total = 0;
    const double ms = TimedFind(cli, params, &total);
    if (ms < 0) {
      std::fprintf(stderr, "tfchain-bench: grid_findNodes failed\n");
      return 1;
    }
    matched += total;
    (sorted ? by_mru : by_id).push_back(ms);
  }
  (*node)->Stop();

  auto report = [](const char* what, std::vector<double> v) {
    std::sort(v.begin(), v.end());
    std::printf("%-34s p50 %.2f ms, p99 %.2f ms, max %.2f ms (%zu calls)\n", what, Percentile(v, 50), Percentile(v, 99),
                v.empty() ? 0.0 : v.back(), v.size());
  };
  std::printf("the index's FindNodes in process, same kind of queries:\n");
  report("  node id order and free_mru:", in_process);
  std::printf("grid_findNodes, 3 filters (free_mru >= X, country = Y, has_free_ip), page of 50, over HTTP JSON-RPC:\n");
  report("  node id order:", by_id);
  report("  sorted by free_mru:", by_mru);
  std::vector<double> all = by_id;
  all.insert(all.end(), by_mru.begin(), by_mru.end());
  report("  all:", all);
  std::printf("  mean matches per query: %.0f\n", args.queries ? static_cast<double>(matched) / args.queries : 0.0);
  node->reset();
  if (temp) std::filesystem::remove_all(dir);
  return 0;
}

}  // namespace

int RunGridBench(int argc, char** argv) {
  Args args;
  Status parsed = ParseOptions(argc, argv,
                               {{"--nodes", &args.nodes},
                                {"--farms", &args.farms},
                                {"--queries", &args.queries},
                                {"--block-txs", &args.block_txs}},
                               {{"--data-dir", &args.data_dir}});
  if (!parsed.ok()) return Usage(parsed);
  return RunGrid(args);
}

}  // namespace tfchain::bench
