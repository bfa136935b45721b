// tfchain-bench localnet / sync: a real network of tfchaind processes on this machine.
//
//   localnet: V validators (tfchaind localnet + start), N pre-signed transfers pushed
//             over JSON-RPC batches to all of them; prints committed tx/s and the p50 /
//             p99 time from submission to commit (seen on node 0).
//   sync:     V validators make N blocks of about T transfers each (fast blocks), then a
//             new node joins and catches up; prints its block-sync speed.
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <httplib.h>

#include <algorithm>
#include <atomic>
#include <filesystem>
#include <fstream>
#include <map>
#include <mutex>
#include <nlohmann/json.hpp>
#include <thread>
#include <optional>
#include <tuple>

#include "chain/genesis.h"
#include "chain/transaction.h"
#include "node/daemon.h"
#include "tests/bench/bench_util.h"
#include "tests/support/ports.h"

namespace tfchain::bench {
namespace {
using nlohmann::json;
namespace fs = std::filesystem;

std::string g_bin_dir;
std::string g_log_level = "warn";

// One tfchaind process.
struct Proc {
  pid_t pid = -1;
  std::string dir;
  std::string host = "127.0.0.1";
  int port = 0;
};

bool StartNode(const std::string& dir, const std::vector<std::string>& extra, Proc* out) {
  out->dir = dir;
  fs::remove(dir + "/rpc.addr");
  std::vector<std::string> args = {g_bin_dir + "/tfchaind", "start", "--data-dir", dir, "--rpc-port", "0",
                                   "--log-level", g_log_level};
  args.insert(args.end(), extra.begin(), extra.end());
  out->pid = Spawn(std::move(args), dir + ".log");
  if (out->pid < 0) return false;
  for (int i = 0; i < 400; ++i) {
    std::ifstream in(dir + "/rpc.addr");
    std::string url;
    if (std::getline(in, url) && !url.empty()) {
      out->port = std::stoi(url.substr(url.rfind(':') + 1));
      return true;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  std::fprintf(stderr, "tfchain-bench: %s did not start (see %s.log)\n", dir.c_str(), dir.c_str());
  return false;
}

void StopNode(Proc& p) { Stop(&p.pid); }

json Rpc(httplib::Client& client, const json& request) {
  auto res = client.Post("/", request.dump(), "application/json");
  if (!res || res->status != 200) return json();
  return json::parse(res->body, nullptr, false);
}

json Call(const Proc& p, const std::string& method, json params = json::array()) {
  httplib::Client client(p.host, p.port);
  client.set_read_timeout(30, 0);
  json r = Rpc(client, {{"jsonrpc", "2.0"}, {"id", 1}, {"method", method}, {"params", params}});
  return r.is_object() && r.contains("result") ? r["result"] : json();
}

// tfchain_txs_committed_total from /metrics.
uint64_t CommittedTotal(const Proc& p) {
  httplib::Client client(p.host, p.port);
  auto res = client.Get("/metrics");
  if (!res) return 0;
  const std::string name = "\ntfchain_txs_committed_total ";
  const auto at = res->body.find(name);
  return at == std::string::npos ? 0 : std::strtoull(res->body.c_str() + at + name.size(), nullptr, 10);
}

// CPU time (user + system, ms) the nodes have used so far.
double NetworkCpuMs(const std::vector<Proc>& nodes) {
  uint64_t ticks = 0;
  for (const Proc& p : nodes) ticks += SampleProcess(p.pid).self_ticks;
  return 1000.0 * static_cast<double>(ticks) / static_cast<double>(sysconf(_SC_CLK_TCK));
}

uint64_t HeightOf(const Proc& p) {
  json head = Call(p, "chain_getHead");
  return head.is_object() ? head["height"].get<uint64_t>() : 0;
}

// A running network: its directory, processes and funded benchmark accounts.
struct Network {
  std::string dir;
  std::vector<Proc> nodes;
  std::vector<chain::SecretKey> accounts;
  ~Network() {
    for (Proc& p : nodes) StopNode(p);
    if (!dir.empty()) fs::remove_all(dir);
  }
};

bool StartNetwork(size_t validators, size_t accounts, uint64_t block_time_ms, Network* net) {
  net->dir = (fs::temp_directory_path() / ("tfchain-bench-net-" + std::to_string(getpid()))).string();
  fs::remove_all(net->dir);
  node::LocalnetOptions o;
  o.validators = static_cast<uint32_t>(validators);
  o.out_dir = net->dir;
  o.base_p2p_port = testing::FreeLoopbackPortRange(static_cast<int>(validators) + 1, getpid());
  o.block_time_ms = block_time_ms;
  for (size_t i = 0; i < accounts; ++i) {
    net->accounts.push_back(BenchKey(i));
    o.extra_balances.push_back({net->accounts.back().account_id(), 1'000'000 * chain::kUnitsPerTft});
  }
  Status s = node::WriteLocalnet(o);
  if (!s.ok()) {
    std::fprintf(stderr, "tfchain-bench: %s\n", s.ToString().c_str());
    return false;
  }
  for (size_t i = 0; i < validators; ++i) {
    net->nodes.emplace_back();
    if (!StartNode(net->dir + "/node" + std::to_string(i), {}, &net->nodes.back())) return false;
  }
  return true;
}

std::vector<chain::Bytes> SignTransfers(const Network& net, size_t count) {
  std::vector<chain::Bytes> out;
  out.reserve(count);
  std::vector<uint64_t> nonces(net.accounts.size(), 0);
  for (size_t i = 0; i < count; ++i) {
    const size_t from = i % net.accounts.size();
    chain::TransactionBody body;
    body.chain_id = "tfchain-localnet";
    body.nonce = nonces[from]++;
    body.valid_until = 1'000'000;
    body.call = chain::TransferCall{net.accounts[(from + 1) % net.accounts.size()].account_id(), 1 + i % 1000};
    out.push_back(chain::Encode(chain::SignTransaction(std::move(body), net.accounts[from])));
  }
  return out;
}

// Submits txs[i] for the given indexes in batches of 100 to `node`; records each one's
// submission time (ms since `t0`) by its hash. With rate > 0, sends at most `rate`
// transactions a second (a batch every 100 / rate seconds, on a fixed schedule);
// otherwise as fast as the node answers. Returns how many the node accepted.
size_t Submit(const Proc& node, const std::vector<chain::Bytes>& txs, const std::vector<size_t>& indexes,
              double rate, Clock::time_point t0, std::mutex* mu, std::map<std::string, double>* submitted) {
  httplib::Client client(node.host, node.port);
  client.set_read_timeout(60, 0);
  size_t accepted = 0;
  for (size_t i = 0; i < indexes.size(); i += 100) {
    if (rate > 0) {
      std::this_thread::sleep_until(t0 + std::chrono::duration_cast<Clock::duration>(
                                             std::chrono::duration<double>(static_cast<double>(i) / rate)));
    }
    json batch = json::array();
    for (size_t k = i; k < std::min(indexes.size(), i + 100); ++k) {
      batch.push_back(
          {{"jsonrpc", "2.0"}, {"id", k}, {"method", "tx_submit"}, {"params", {chain::ToHex(txs[indexes[k]])}}});
    }
    const double at = Ms(Clock::now() - t0);
    json answers = Rpc(client, batch);
    if (!answers.is_array()) continue;
    std::lock_guard<std::mutex> lock(*mu);
    for (const json& a : answers) {
      if (!a.contains("result")) continue;
      submitted->emplace(a["result"].get<std::string>(), at);
      ++accepted;
    }
  }
  return accepted;
}

// Which validator a transaction goes to: all of an account's to the same one, as a
// wallet talking to one node does (a node can only propose an account's transactions
// once it has every earlier nonce).
std::vector<std::vector<size_t>> PartitionByAccount(size_t count, size_t accounts, size_t validators) {
  std::vector<std::vector<size_t>> out(validators);
  for (size_t i = 0; i < count; ++i) out[(i % accounts) % validators].push_back(i);
  return out;
}

}  // namespace

int RunLocalnetBench(int argc, char** argv) {
  g_bin_dir = fs::canonical("/proc/self/exe").parent_path().string();
  size_t validators = 4, count = 20'000, accounts = 0, block_time_ms = 1000, rate = 0;
  std::string keep_logs;
  Status parsed = ParseOptions(argc, argv,
                               {{"--validators", &validators},
                                {"--count", &count},
                                {"--accounts", &accounts},
                                {"--block-time-ms", &block_time_ms},
                                {"--rate", &rate}},
                               {{"--keep-logs", &keep_logs}});
  if (!parsed.ok()) return Usage(parsed);
  if (!keep_logs.empty()) g_log_level = "debug";
  if (accounts == 0) accounts = std::max<size_t>(100, count / 40);  // ≤ 40 pending per account (nonce gap 64)

  Network net;
  std::printf("starting %zu validators (block time %zu ms), %zu funded accounts...\n", validators, block_time_ms,
              accounts);
  if (!StartNetwork(validators, accounts, block_time_ms, &net)) return 1;
  while (HeightOf(net.nodes[0]) < 2) std::this_thread::sleep_for(std::chrono::milliseconds(100));
  std::printf("signing %zu transfers...\n", count);
  const std::vector<chain::Bytes> txs = SignTransfers(net, count);

  if (rate > 0) {
    std::printf("submitting to all %zu validators at %zu tx/s...\n", validators, rate);
  } else {
    std::printf("submitting to all %zu validators as fast as they take them...\n", validators);
  }
  std::mutex mu;
  std::map<std::string, double> submitted;  // hash -> submission time (ms)
  // Latency is measured on a sample (every 50th transaction), polled with tx_getReceipt
  // batches, so that measuring does not load the nodes like fetching whole blocks would.
  std::vector<std::string> sample;
  for (size_t i = 0; i < count; i += 50) sample.push_back(chain::TxHash(txs[i]).Hex());
  std::map<std::string, double> committed;  // sampled hash -> commit seen (ms)
  std::atomic<bool> done{false};
  const Clock::time_point t0 = Clock::now();
  const double cpu_before = NetworkCpuMs(net.nodes);
  const uint64_t first_height = HeightOf(net.nodes[0]);
  const uint64_t committed_before = CommittedTotal(net.nodes[0]);
  std::atomic<uint64_t> committed_total{0};
  double last_commit = 0;
  std::vector<std::tuple<uint64_t, uint64_t, double>> timeline;  // height, txs, seen at (ms)
  std::thread watcher([&] {
    httplib::Client client(net.nodes[0].host, net.nodes[0].port);
    client.set_read_timeout(30, 0);
    uint64_t height = first_height, total = committed_before;
    while (!done) {
      const uint64_t head = HeightOf(net.nodes[0]);
      if (head > height) {
        const uint64_t now_total = CommittedTotal(net.nodes[0]);
        const double at = Ms(Clock::now() - t0);
        if (now_total > total) {
          timeline.emplace_back(head, now_total - total, at);
          last_commit = at;
        }
        total = now_total;
        height = head;
        committed_total = total - committed_before;
        json batch = json::array();
        {
          std::lock_guard<std::mutex> lock(mu);
          for (const std::string& h : sample) {
            if (!committed.contains(h) && submitted.contains(h)) {
              batch.push_back({{"jsonrpc", "2.0"}, {"id", batch.size()}, {"method", "tx_getReceipt"}, {"params", {h}}});
            }
          }
        }
        for (size_t i = 0; i < batch.size(); i += 100) {
          json part(batch.begin() + i, batch.begin() + std::min(batch.size(), i + 100));
          json answers = Rpc(client, part);
          if (!answers.is_array()) continue;
          std::lock_guard<std::mutex> lock(mu);
          for (const json& a : answers) {
            if (a.contains("result") && a["result"]["status"] == "included") {
              committed.emplace(a["result"]["hash"].get<std::string>(), at);
            }
          }
        }
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
  });
  std::vector<std::thread> submitters;
  std::atomic<size_t> accepted{0};
  // Two clients per validator, each with its own accounts.
  const std::vector<std::vector<size_t>> parts = PartitionByAccount(count, accounts, 2 * validators);
  const double client_rate = static_cast<double>(rate) / static_cast<double>(parts.size());
  for (size_t c = 0; c < parts.size(); ++c) {
    submitters.emplace_back(
        [&, c] { accepted += Submit(net.nodes[c % validators], txs, parts[c], client_rate, t0, &mu, &submitted); });
  }
  for (std::thread& t : submitters) t.join();
  const double submit_ms = Ms(Clock::now() - t0);
  // Wait for every accepted transaction to be committed (or give up after 120 s).
  const auto give_up = Clock::now() + std::chrono::seconds(120);
  while (Clock::now() < give_up && committed_total < accepted) {
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  std::this_thread::sleep_for(std::chrono::milliseconds(200));  // the watcher's last receipts
  done = true;
  watcher.join();

  const double cpu_ms = NetworkCpuMs(net.nodes) - cpu_before;
  std::vector<double> latencies;
  for (const auto& [hash, at] : committed) latencies.push_back(at - submitted.at(hash));
  std::sort(latencies.begin(), latencies.end());
  uint64_t max_block_txs = 0;
  for (const auto& [h, n, at] : timeline) max_block_txs = std::max(max_block_txs, n);
  std::printf("submitted:                 %zu accepted of %zu in %.0f ms (%.0f tx/s)\n", accepted.load(), count,
              submit_ms, accepted / (submit_ms / 1000));
  std::printf("committed:                 %llu in %.0f ms over %llu blocks (largest %llu txs)\n",
              static_cast<unsigned long long>(committed_total.load()), last_commit,
              static_cast<unsigned long long>(HeightOf(net.nodes[0]) - first_height),
              static_cast<unsigned long long>(max_block_txs));
  std::printf("committed tx/s:            %.0f\n", committed_total / (last_commit / 1000));
  std::printf("validator CPU per tx:      %.0f us (all %zu validators, user + system)\n",
              committed_total > 0 ? 1000.0 * cpu_ms / static_cast<double>(committed_total.load()) : 0.0, validators);
  std::printf("blocks (height: txs @ ms): ");
  for (const auto& [height, n, at] : timeline) {
    std::printf("%llu: %llu @ %.0f  ", static_cast<unsigned long long>(height), static_cast<unsigned long long>(n),
                at);
  }
  std::printf("\n");
  std::printf("submission -> commit:      p50 %.0f ms, p99 %.0f ms, max %.0f ms (sample of %zu)\n",
              Percentile(latencies, 50), Percentile(latencies, 99), latencies.empty() ? 0.0 : latencies.back(),
              latencies.size());
  if (!keep_logs.empty()) {
    std::error_code ec;
    fs::create_directories(keep_logs, ec);
    for (size_t i = 0; i < net.nodes.size(); ++i) {
      const std::string log = net.dir + "/node" + std::to_string(i) + ".log";
      fs::copy_file(log, keep_logs + "/node" + std::to_string(i) + ".log", fs::copy_options::overwrite_existing, ec);
    }
    std::printf("debug logs of the validators:  %s/node*.log\n", keep_logs.c_str());
  }
  return committed_total >= accepted ? 0 : 1;
}

int RunSyncBench(int argc, char** argv) {
  g_bin_dir = fs::canonical("/proc/self/exe").parent_path().string();
  size_t validators = 4, blocks = 1000, txs_per_block = 10, block_time_ms = 20;
  Status parsed = ParseOptions(argc, argv,
                               {{"--validators", &validators},
                                {"--blocks", &blocks},
                                {"--txs-per-block", &txs_per_block},
                                {"--block-time-ms", &block_time_ms}},
                               {});
  if (!parsed.ok()) return Usage(parsed);
  const size_t accounts = std::max<size_t>(50, txs_per_block * 4);
  Network net;
  std::printf("starting %zu validators (block time %zu ms)...\n", validators, block_time_ms);
  if (!StartNetwork(validators, accounts, block_time_ms, &net)) return 1;
  const std::vector<chain::Bytes> txs = SignTransfers(net, blocks * txs_per_block);
  std::printf("making %zu blocks with about %zu transfers each...\n", blocks, txs_per_block);
  // Feed transfers at about txs_per_block per block interval until the chain is long enough.
  std::mutex mu;
  std::map<std::string, double> submitted;
  size_t next = 0;
  const Clock::time_point t0 = Clock::now();
  uint64_t height = 0;
  while ((height = HeightOf(net.nodes[0])) < blocks) {
    const size_t want = std::min(txs.size(), static_cast<size_t>(height) * txs_per_block);
    if (next < want) {
      std::vector<size_t> indexes;
      for (size_t i = next; i < want; ++i) indexes.push_back(i);
      Submit(net.nodes[0], txs, indexes, /*rate=*/0, t0, &mu, &submitted);
      next = want;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(block_time_ms));
  }
  const uint64_t target = HeightOf(net.nodes[0]);
  const uint64_t chain_txs = CommittedTotal(net.nodes[0]);

  // A new node joins.
  const std::string joiner = net.dir + "/joiner";
  node::InitOptions init;
  init.data_dir = joiner;
  init.genesis_file = net.dir + "/node0/genesis.json";
  Status s = node::InitDataDir(init);
  if (!s.ok()) {
    std::fprintf(stderr, "tfchain-bench: %s\n", s.ToString().c_str());
    return 1;
  }
  std::string peers;
  {
    std::ifstream in(net.dir + "/node0/config.json");
    json c = json::parse(in);
    std::ifstream key(net.dir + "/node0/node_key.json");
    json k = json::parse(key);
    peers = k["public_key"].get<std::string>().substr(2) + "@127.0.0.1:" +
            std::to_string(c["p2p"]["listen_port"].get<int>());
    for (const json& p : c["p2p"]["persistent_peers"]) peers += "," + p.get<std::string>();
  }
  Proc joined;
  const Clock::time_point start = Clock::now();
  if (!StartNode(joiner, {"--peers", peers, "--p2p-port", "0"}, &joined)) return 1;
  net.nodes.push_back(joined);
  // From the first block it has to the head: process start and peer discovery excluded.
  std::optional<Clock::time_point> first_block;
  uint64_t first_height = 0;
  uint64_t h = 0;
  while ((h = HeightOf(joined)) < target) {
    if (h > 0 && !first_block) {
      first_block = Clock::now();
      first_height = h;
    }
    if (Clock::now() - start > std::chrono::minutes(5)) {
      std::fprintf(stderr, "tfchain-bench: the joiner did not catch up\n");
      return 1;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  const double total_ms = Ms(Clock::now() - start);
  const double sync_ms = first_block ? Ms(Clock::now() - *first_block) : total_ms;
  const uint64_t synced = target - first_height;
  std::printf("chain:                     %llu blocks, %llu transfers\n", static_cast<unsigned long long>(target),
              static_cast<unsigned long long>(chain_txs));
  std::printf("late joiner caught up in:  %.0f ms from process start\n", total_ms);
  std::printf("block sync:                %.0f blocks/s (%llu blocks in %.0f ms after the first), ~%.0f transfers/s\n",
              synced / (sync_ms / 1000), static_cast<unsigned long long>(synced), sync_ms,
              static_cast<double>(chain_txs) * synced / target / (sync_ms / 1000));
  return 0;
}

}  // namespace tfchain::bench
