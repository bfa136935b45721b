// tfchain-bench agent: the farmer agent's figures from issue 6 ("Performance"), as root
// with runc, on a `tfchaind --dev` node (plain devnet genesis starting now: 1 s blocks,
// 10 s uptime interval) and a `farmer-agent --disk-type ssd`, both child processes:
//   1. deploy latency: K times the real `tfwallet deploy container` of a busybox image,
//      timed from spawn to exit (it exits 0 once every workload is ok);
//   2. idle: N one-container deployments made through the agent's HTTP API, then the
//      agent's RSS and CPU (its own and its reaped children's, e.g. runc) over S idle
//      seconds, read from /proc/<pid>.
// Everything it makes lives under one temporary directory and is removed at the end.
#include <httplib.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <optional>
#include <set>
#include <sstream>
#include <thread>

#include "chain/account_id.h"
#include "chain/genesis.h"
#include "chain/grid_calls.h"
#include "chain/hash.h"
#include "chain/market_calls.h"
#include "chain/secret_uri.h"
#include "chain/transaction.h"
#include "farmer-agent/chain_client.h"
#include "farmer-agent/deployment.h"
#include "farmer-agent/process.h"
#include "node/config.h"
#include "tests/bench/bench_util.h"
#include "tests/support/ports.h"

namespace tfchain::bench {
namespace {
using nlohmann::json;
namespace fs = std::filesystem;
using chain::Result;

constexpr uint64_t kMiB = 1ull << 20;

uint64_t NowMs() {
  return static_cast<uint64_t>(
      std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch())
          .count());
}

chain::SecretKey DevKey(const std::string& uri) {
  return std::move(chain::KeyFromUri(uri, chain::KeyScheme::kEd25519)).value();
}

// Polls `pred` every 100 ms until it holds or `timeout` passes.
template <typename Pred>
bool WaitFor(Pred pred, std::chrono::milliseconds timeout) {
  const auto deadline = Clock::now() + timeout;
  while (Clock::now() < deadline) {
    if (pred()) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  return pred();
}

// Transactions over the node's JSON-RPC: many calls of one signer go out with
// consecutive nonces before waiting for their receipts (they land in one or two blocks).
class Chain {
 public:
  Status Connect(const std::string& url) {
    auto client = agent::ChainClient::Create(url, {});
    if (!client.ok()) return client.status();
    client_ = std::move(*client);
    return Status::Ok();
  }
  agent::ChainClient& client() { return *client_; }

  // Submits every call signed by `key`, then waits for all receipts; any refusal or
  // failed call is an error ("tx-failed" with the receipt). The receipts, in order.
  Result<std::vector<json>> SendAll(const chain::SecretKey& key, const std::vector<chain::Call>& calls) {
    TF_ASSIGN_OR_RETURN(agent::AccountState account, client_->GetAccount(key.account_id()));
    TF_ASSIGN_OR_RETURN(uint64_t head, client_->HeadHeight());
    std::vector<std::string> hashes;
    for (size_t i = 0; i < calls.size(); ++i) {
      chain::TransactionBody body;
      body.chain_id = "tfchain-devnet";
      body.signer = key.account_id();
      body.nonce = account.pending_nonce + i;
      body.valid_until = head + 200;
      body.call = calls[i];
      const std::string hex = chain::ToHex(chain::Encode(chain::SignTransaction(std::move(body), key)));
      TF_ASSIGN_OR_RETURN(json hash, client_->Call("tx_submit", json::array({hex})));
      hashes.push_back(hash.get<std::string>());
    }
    std::vector<json> receipts;
    for (const std::string& hash : hashes) {
      json receipt;
      WaitFor(
          [&] {
            auto r = client_->Call("tx_getReceipt", json::array({hash}));
            if (r.ok()) receipt = *r;
            return r.ok() && receipt.value("status", "pending") != "pending";
          },
          std::chrono::seconds(60));
      if (!receipt.value("success", false)) return Status::Internal("tx-failed", receipt.dump());
      receipts.push_back(receipt);
    }
    return receipts;
  }

  Result<json> Send(const chain::SecretKey& key, chain::Call call) {
    TF_ASSIGN_OR_RETURN(std::vector<json> receipts, SendAll(key, {std::move(call)}));
    return receipts[0];
  }

 private:
  std::unique_ptr<agent::ChainClient> client_;
};

// Median of sorted values (mean of the middle two for an even count).
double Median(const std::vector<double>& sorted) {
  if (sorted.empty()) return 0;
  const size_t m = sorted.size() / 2;
  return sorted.size() % 2 ? sorted[m] : (sorted[m - 1] + sorted[m]) / 2;
}

uint64_t CreatedContract(const json& receipt) {
  for (const json& e : receipt.value("events", json::array())) {
    if (e["name"] == "contract.ContractCreated") return e["args"]["contract_id"];
  }
  return 0;
}

// The node, the agent and everything they made; the destructor cleans it all up.
struct Rig {
  std::string dir;
  bool keep_dir = false;
  std::string bin_dir;
  pid_t node_pid = -1;
  pid_t agent_pid = -1;
  std::string rpc_url;
  std::string agent_dir;
  uint16_t api_port = 0;
  Chain chain;
  chain::NodeId node_id = 0;
  std::set<uint64_t> contracts;  // live contracts of //Charlie
  chain::SecretKey charlie = DevKey("//Charlie");

  std::vector<std::string> RuncIds() {
    std::vector<std::string> ids;
    auto list = agent::RunProcess({"runc", "--root", agent_dir + "/containers/.runc", "list", "-q"});
    std::istringstream in(list.ok() ? list->out : "");
    for (std::string id; std::getline(in, id);) {
      if (!id.empty()) ids.push_back(id);
    }
    return ids;
  }

  Status CancelAll() {
    std::vector<chain::Call> cancels;
    for (uint64_t id : contracts) {  // not the ones the chain deleted (missed ack deadline)
      auto c = chain.client().Call("contract_get", json{{"contract_id", id}});
      if (!c.ok() || c->value("state", "") != "deleted") cancels.push_back(chain::ContractCancelCall{id});
    }
    contracts.clear();
    if (cancels.empty()) return Status::Ok();
    return chain.SendAll(charlie, cancels).status();
  }

  ~Rig() {
    if (node_pid > 0 && !contracts.empty()) {
      Status cancelled = CancelAll();
      if (!cancelled.ok()) std::fprintf(stderr, "cancelling: %s\n", cancelled.ToString().c_str());
    }
    if (agent_pid > 0) WaitFor([&] { return RuncIds().empty(); }, std::chrono::seconds(60));
    Stop(&agent_pid);
    if (!agent_dir.empty()) {  // what the agent left (as tests' AgentLeftovers)
      for (const std::string& id : RuncIds()) {
        (void)agent::RunProcess({"runc", "--root", agent_dir + "/containers/.runc", "delete", "-f", id});
      }
      std::error_code ec;
      for (const auto& e : fs::directory_iterator(agent_dir + "/volumes/mnt", ec)) {
        (void)agent::RunProcess({"umount", "-l", e.path().string()});
      }
    }
    Stop(&node_pid);
    if (!keep_dir && !dir.empty()) {
      std::error_code ec;
      fs::remove_all(dir, ec);
    } else if (!dir.empty()) {
      std::printf("kept %s\n", dir.c_str());
    }
  }
};

// tfchaind --dev with the devnet genesis starting now, and its RPC client.
Status StartNode(Rig& rig) {
  json genesis = json::parse(node::kDevnetGenesisJson);
  genesis["genesis_time_ms"] = NowMs();
  std::ofstream(rig.dir + "/genesis.json") << genesis.dump(2);
  rig.node_pid = Spawn({rig.bin_dir + "/tfchaind", "--dev", "--rpc-port", "0", "--data-dir", rig.dir + "/chain",
                        "--genesis", rig.dir + "/genesis.json", "--log-level", "warn"},
                       rig.dir + "/chain.log");
  if (!WaitFor([&] { return !ReadFile(rig.dir + "/chain/rpc.addr").empty(); }, std::chrono::seconds(20))) {
    return Status::Unavailable("node-not-started", "tfchaind did not start; see " + rig.dir + "/chain.log");
  }
  std::string url = ReadFile(rig.dir + "/chain/rpc.addr");
  rig.rpc_url = url.substr(0, url.find('\n'));
  return rig.chain.Connect(rig.rpc_url);
}

// //Bob's twin and farm, the agent registered and up (funded by //Bob), //Charlie's twin.
// Returns the node's key.
Result<chain::SecretKey> StartAgent(Rig& rig) {
  const chain::SecretKey bob = DevKey("//Bob");
  TF_RETURN_IF_ERROR(rig.chain.Send(bob, chain::TwinCreateCall{"relay.grid.tf", chain::Bytes(32, 7)}).status());
  TF_RETURN_IF_ERROR(rig.chain.Send(bob, chain::FarmCreateCall{"bench-farm", 1}).status());
  TF_ASSIGN_OR_RETURN(json farm, rig.chain.client().Call("grid_getFarm", json{{"name", "bench-farm"}}));
  rig.agent_dir = rig.dir + "/agent";
  rig.api_port = testing::FreeLoopbackPortRange(1, static_cast<uint32_t>(getpid()));
  rig.agent_pid = Spawn({rig.bin_dir + "/farmer-agent", "--rpc", rig.rpc_url, "--farm-id",
                         std::to_string(farm["farm_id"].get<uint64_t>()), "--data-dir", rig.agent_dir, "--api",
                         "127.0.0.1:" + std::to_string(rig.api_port), "--disk-type", "ssd"},
                        rig.dir + "/agent.log");
  if (!WaitFor([&] { return ReadFile(rig.agent_dir + "/node_key").size() >= 64; }, std::chrono::seconds(15))) {
    return Status::Unavailable("agent-not-started", "no node_key; see " + rig.dir + "/agent.log");
  }
  TF_ASSIGN_OR_RETURN(chain::Bytes seed, chain::FromHex(ReadFile(rig.agent_dir + "/node_key").substr(0, 64)));
  TF_ASSIGN_OR_RETURN(chain::SecretKey node_key, chain::SecretKey::FromSeed(chain::KeyScheme::kEd25519, seed));
  TF_RETURN_IF_ERROR(
      rig.chain.Send(bob, chain::TransferCall{node_key.account_id(), 10 * chain::kUnitsPerTft}).status());
  if (!WaitFor(
          [&] {
            auto node = rig.chain.client().NodeOf(node_key.account_id());
            if (!node.ok() || !node->has_value() || (*node)->status != "up") return false;
            rig.node_id = (*node)->node_id;
            return true;
          },
          std::chrono::seconds(60))) {
    return Status::Unavailable("agent-not-up", "the node is not up; see " + rig.dir + "/agent.log");
  }
  TF_RETURN_IF_ERROR(
      rig.chain.Send(rig.charlie, chain::TwinCreateCall{"relay.grid.tf", chain::Bytes(32, 3)}).status());
  return node_key;
}

// node.update by the node's key: cru = max(registered, `cru`), everything else as
// registered. Returns the detected (registered) cru.
Result<uint64_t> DeclareCores(Rig& rig, const chain::SecretKey& node_key, uint64_t cru) {
  TF_ASSIGN_OR_RETURN(std::optional<agent::NodeView> node, rig.chain.client().NodeOf(node_key.account_id()));
  if (!node) return Status::NotFound("no-node", "the agent's node is not registered");
  chain::NodeUpdateCall update;
  update.node_id = node->node_id;
  update.resources = node->resources;
  update.resources.cru = std::max(node->resources.cru, cru);
  update.location = node->location;
  update.agent_endpoint = node->agent_endpoint;
  TF_RETURN_IF_ERROR(rig.chain.Send(node_key, update).status());
  return node->resources.cru;
}

// A busybox rootfs tarball; sets `image` and `hash`.
Status BuildImage(const std::string& dir, std::string* image, chain::Hash256* hash) {
  const std::string root = dir + "/img";
  fs::create_directories(root + "/bin");
  fs::create_directories(root + "/tmp");
  fs::copy_file("/usr/bin/busybox", root + "/bin/busybox");
  for (const char* applet : {"sh", "sleep"}) fs::create_symlink("busybox", root + "/bin/" + applet);
  *image = dir + "/busybox.tar";
  TF_RETURN_IF_ERROR(agent::RunChecked({"tar", "-cf", *image, "-C", root, "."}, "tar-failed"));
  *hash = chain::Blake2b256(chain::AsBytes(ReadFile(*image)));
  return Status::Ok();
}

// One `tfwallet deploy container`, timed.
struct WalletRun {
  int exit_code = -1;
  double total_ms = 0;
  double created_ms = -1;  // when "Contract N created" was read (-1: never)
  uint64_t contract_id = 0;
  std::string output;
};

WalletRun RunWallet(std::vector<std::string> args) {
  WalletRun run;
  int fds[2];
  if (pipe(fds) != 0) return run;
  const auto start = Clock::now();
  const pid_t pid = Spawn(std::move(args), "", fds[1], {{"TFWALLET_PASSWORD", "bench"}});
  close(fds[1]);
  char buf[4096];
  for (ssize_t n; (n = read(fds[0], buf, sizeof(buf))) > 0;) {
    run.output.append(buf, static_cast<size_t>(n));
    const auto at = run.output.find("Contract ");
    if (run.created_ms < 0 && at != std::string::npos && run.output.find(" created", at) != std::string::npos) {
      run.created_ms = Ms(Clock::now() - start);
      run.contract_id = std::strtoull(run.output.c_str() + at + 9, nullptr, 10);
    }
  }
  close(fds[0]);
  int status = 0;
  waitpid(pid, &status, 0);
  run.total_ms = Ms(Clock::now() - start);
  run.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  return run;
}

// GET /deployments/<id>: every workload ok.
bool AllOk(uint16_t port, uint64_t id) {
  httplib::Client http("127.0.0.1", port);
  auto got = http.Get("/deployments/" + std::to_string(id));
  if (!got || got->status != 200) return false;
  json status = json::parse(got->body, nullptr, false);
  if (!status.is_object() || !status.contains("workloads") || status["workloads"].empty()) return false;
  for (const json& w : status["workloads"]) {
    if (w["state"] != "ok") return false;
  }
  return true;
}

Status DeployLatency(Rig& rig, size_t k, const std::string& image, const chain::Hash256& hash) {
  std::printf("\n1. deploy latency: %zu x `tfwallet deploy container` (busybox, --cpu 0.1 --memory 32M --disk 64M)\n",
              k);
  std::vector<double> totals, created;
  for (size_t i = 1; i <= k; ++i) {
    std::vector<std::string> args = {rig.bin_dir + "/tfwallet", "--rpc", rig.rpc_url, "--keystore", rig.dir + "/keys"};
    args.insert(args.end(), {"deploy", "container", "--image", image, "--image-hash", hash.Hex()});
    args.insert(args.end(), {"--cpu", "0.1", "--memory", "32M", "--disk", "64M", "--timeout", "60"});
    args.insert(args.end(), {"--node", std::to_string(rig.node_id), "--name", "b" + std::to_string(i)});
    args.insert(args.end(), {"--from", "//Charlie"});
    WalletRun run = RunWallet(std::move(args));
    if (run.contract_id) rig.contracts.insert(run.contract_id);
    if (run.exit_code != 0) {
      return Status::Internal("deploy-failed", "tfwallet exited " + std::to_string(run.exit_code) + ":\n" + run.output);
    }
    std::printf("  b%zu: %7.0f ms to exit 0 (contract %llu; 'created' read after %.0f ms)\n", i, run.total_ms,
                static_cast<unsigned long long>(run.contract_id), run.created_ms);
    totals.push_back(run.total_ms);
    created.push_back(run.created_ms);
  }
  std::sort(totals.begin(), totals.end());
  std::sort(created.begin(), created.end());
  std::printf("  spawn -> exit 0: median %.0f ms, max %.0f ms (target <= 3000 ms)\n", Median(totals),
              totals.back());
  std::printf("  of which the contract transaction (until the wallet's 'Contract N created' line, which is\n"
              "  flushed with the first progress line, so it includes the POST): median %.0f ms, max %.0f ms\n",
              Median(created), created.back());
  return rig.CancelAll();
}

// Creates the contracts of `batch` (one batched send), POSTs the signed deployments and
// waits until every workload is ok and every contract acknowledged; sets contract ids.
Status DeployBatch(Rig& rig, std::vector<agent::Deployment>& batch) {
  const chain::Resources resources{1, 16 * kMiB, 64 * kMiB, 0};
  std::vector<chain::Call> creates;
  for (const agent::Deployment& d : batch) {
    chain::ContractCreateNodeCall create;
    create.node_id = rig.node_id;
    create.resources = resources;
    create.deployment_hash = agent::DeploymentHash(d);
    creates.push_back(create);
  }
  TF_ASSIGN_OR_RETURN(std::vector<json> receipts, rig.chain.SendAll(rig.charlie, creates));
  httplib::Client http("127.0.0.1", rig.api_port);
  http.set_read_timeout(30, 0);
  for (size_t i = 0; i < batch.size(); ++i) {
    const uint64_t id = CreatedContract(receipts[i]);
    if (id == 0) return Status::Internal("no-contract-id", receipts[i].dump());
    rig.contracts.insert(id);
    batch[i].contract_id = id;
    auto posted = http.Post(
        "/deployments", agent::SignedDeploymentToJson(agent::SignDeployment(batch[i], NowMs(), rig.charlie)).dump(),
        "application/json");
    if (!posted || posted->status != 200) {
      return Status::Internal("post-failed", "POST /deployments of contract " + std::to_string(id) + ": " +
                                                 (posted ? posted->body : httplib::to_string(posted.error())));
    }
  }
  const bool running = WaitFor(
      [&] {
        for (const agent::Deployment& d : batch) {
          if (!AllOk(rig.api_port, d.contract_id)) return false;
          auto c = rig.chain.client().Call("contract_get", json{{"contract_id", d.contract_id}});
          if (!c.ok() || c->value("ack", "") != "ok") return false;
        }
        return true;
      },
      std::chrono::seconds(60 + 5 * batch.size()));
  if (running) return Status::Ok();
  std::string detail;
  for (const agent::Deployment& d : batch) {
    if (AllOk(rig.api_port, d.contract_id)) continue;
    auto got = http.Get("/deployments/" + std::to_string(d.contract_id));
    detail += "\n  contract " + std::to_string(d.contract_id) + ": " + (got ? got->body : "no answer");
  }
  return Status::Unavailable("not-running", "not every deployment is ok and acknowledged in time (see " + rig.dir +
                                                "/agent.log):" + detail);
}

Status Idle(Rig& rig, size_t n, size_t idle_s, const std::string& image, const chain::Hash256& hash) {
  // All N contracts in one burst: the agent acknowledges new contracts without waiting
  // for each inclusion, so a burst fits devnet's 30-block ack deadline.
  const size_t kBatch = n;
  std::printf("\n2. idle with %zu deployments (one busybox container each: cpu_millis 50, memory 16 MiB, sleep),\n"
              "   all contracts made and deployments posted at once\n",
              n);
  const auto start = Clock::now();
  for (size_t first = 0; first < n; first += kBatch) {
    std::vector<agent::Deployment> batch;
    for (size_t i = first; i < std::min(n, first + kBatch); ++i) {
      agent::ContainerWorkload c;
      c.name = "i" + std::to_string(i + 1);
      c.image = image;
      c.image_hash = hash;
      c.cpu_millis = 50;
      c.memory = 16 * kMiB;
      c.entrypoint = {"/bin/sleep", "1000000"};
      batch.push_back(agent::Deployment{0, 1, {c}});
    }
    TF_RETURN_IF_ERROR(DeployBatch(rig, batch));
  }
  // The latency run's cancelled containers are gone before the idle time starts.
  if (!WaitFor([&] { return rig.RuncIds().size() == n; }, std::chrono::seconds(60))) {
    return Status::Unavailable("not-settled", "the agent does not run exactly " + std::to_string(n) + " containers");
  }
  std::printf("  all %zu containers ok and their contracts acknowledged after %.1f s\n", n,
              Ms(Clock::now() - start) / 1000);
  std::printf("  idling %zu s (agent pid %d, node pid %d)...\n", idle_s, static_cast<int>(rig.agent_pid),
              static_cast<int>(rig.node_pid));
  std::fflush(stdout);
  const ProcSample a0 = SampleProcess(rig.agent_pid), n0 = SampleProcess(rig.node_pid);
  const auto t0 = Clock::now();
  std::this_thread::sleep_for(std::chrono::seconds(idle_s));
  const ProcSample a1 = SampleProcess(rig.agent_pid), n1 = SampleProcess(rig.node_pid);
  const double seconds = Ms(Clock::now() - t0) / 1000;
  const double tick = static_cast<double>(sysconf(_SC_CLK_TCK));
  auto pct = [&](uint64_t ticks) { return 100.0 * static_cast<double>(ticks) / tick / seconds; };
  const double self = pct(a1.self_ticks - a0.self_ticks), children = pct(a1.child_ticks - a0.child_ticks);
  std::printf("  agent RSS %.1f MB (VmHWM %.1f MB) (target <= 50 MB)\n", static_cast<double>(a1.rss_kb) / 1024,
              static_cast<double>(a1.hwm_kb) / 1024);
  std::printf("  agent CPU over %.0f s: self %.2f%%, children (runc ...) %.2f%%, total %.2f%% of one core"
              " (target <= 1%%)\n",
              seconds, self, children, self + children);
  std::printf("  (for reference, tfchaind: %.2f%% of one core, RSS %.1f MB)\n",
              pct(n1.self_ticks - n0.self_ticks + n1.child_ticks - n0.child_ticks),
              static_cast<double>(n1.rss_kb) / 1024);
  return Status::Ok();
}

}  // namespace

int RunAgentBench(int argc, char** argv) {
  size_t deploys = 5, deployments = 50, idle_s = 60;
  std::string keep_dir;
  Status parsed = ParseOptions(argc, argv, {{"--deploys", &deploys}, {"--deployments", &deployments},
                                            {"--idle-s", &idle_s}}, {{"--keep-dir", &keep_dir}});
  if (!parsed.ok()) return Usage(parsed);
  if (geteuid() != 0) {
    std::fprintf(stderr, "tfchain-bench agent: needs root (runc, cgroups, mounts)\n");
    return 2;
  }
  auto runc = agent::RunProcess({"runc", "--version"});
  if (!runc.ok() || runc->exit_code != 0 || !fs::exists("/usr/bin/busybox")) {
    std::fprintf(stderr, "tfchain-bench agent: needs runc in PATH and /usr/bin/busybox (busybox-static)\n");
    return 2;
  }
  Rig rig;
  rig.bin_dir = fs::canonical("/proc/self/exe").parent_path().string();
  if (keep_dir.empty()) {
    std::string pattern = (fs::temp_directory_path() / "tfchain-bench-agent-XXXXXX").string();
    if (mkdtemp(pattern.data()) == nullptr) return 1;
    rig.dir = pattern;
  } else {
    std::error_code ec;
    fs::create_directories(keep_dir, ec);
    if (ec || !fs::is_empty(keep_dir, ec)) {
      std::fprintf(stderr, "tfchain-bench agent: --keep-dir %s must be a new or empty directory\n", keep_dir.c_str());
      return 2;
    }
    rig.dir = fs::absolute(keep_dir).string();
    rig.keep_dir = true;
  }
  auto fail = [](const Status& s) {
    std::fprintf(stderr, "tfchain-bench agent: %s\n", s.ToString().c_str());
    return 1;
  };
  std::printf("tfchain-bench agent: tfchaind --dev, plain devnet genesis starting now (1 s blocks, 10 s uptime "
              "interval); farmer-agent --disk-type ssd; work dir %s\n",
              rig.dir.c_str());
  std::fflush(stdout);
  if (Status s = StartNode(rig); !s.ok()) return fail(s);
  auto node_key = StartAgent(rig);
  if (!node_key.ok()) return fail(node_key.status());
  const uint64_t cores = std::max(deployments, deploys) + 2;
  auto detected = DeclareCores(rig, *node_key, cores);
  if (!detected.ok()) return fail(detected.status());
  std::printf("node %u up. Every node contract reserves at least 1 core and this machine has %llu, so the bench\n"
              "declared cru = %llu on chain (node.update signed with the node key, everything else as registered;\n"
              "the agent does not re-register until restarted). Containers get their cgroup quota; the kernel\n"
              "shares the cores.\n",
              static_cast<unsigned>(rig.node_id), static_cast<unsigned long long>(*detected),
              static_cast<unsigned long long>(std::max(*detected, cores)));
  std::string image;
  chain::Hash256 hash;
  if (Status s = BuildImage(rig.dir, &image, &hash); !s.ok()) return fail(s);
  if (Status s = DeployLatency(rig, deploys, image, hash); !s.ok()) return fail(s);
  if (Status s = Idle(rig, deployments, idle_s, image, hash); !s.ok()) return fail(s);
  std::printf("\ncleaning up (cancel the contracts, stop the agent and the node)\n");
  return 0;
}

}  // namespace tfchain::bench
