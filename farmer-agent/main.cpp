// farmer-agent: a 3Node's daemon. Loads or creates the node key, detects capacity,
// registers the node (twin, node) on chain, then runs on their own threads the uptime
// loop, the deployment API (HTTP on --api) and the reconciler that provisions accepted
// deployments; SIGINT/SIGTERM stops them all. See
// agent_options.h for the command line. Exit codes: 0 stopped by SIGINT/SIGTERM,
// 1 a fatal error, 2 a usage error.
#include <httplib.h>

#include <atomic>
#include <chrono>
#include <thread>
#include <csignal>
#include <cstdio>
#include <ctime>
#include <iostream>
#include <mutex>
#include <string>
#include <vector>

#include "chain/account_id.h"
#include "chain/keys.h"
#include "farmer-agent/agent_options.h"
#include "farmer-agent/capacity.h"
#include "farmer-agent/chain_client.h"
#include "farmer-agent/chain_view_rpc.h"
#include "farmer-agent/deployment_api.h"
#include "farmer-agent/identity.h"
#include "farmer-agent/reconciler.h"
#include "farmer-agent/registrar.h"
#include "farmer-agent/usage_reporter.h"

namespace {

using namespace tfchain;

std::atomic<bool> g_stop{false};

void OnSignal(int) { g_stop.store(true); }

// One line on stderr with a UTC timestamp; lines from several threads do not interleave.
void Log(std::string_view line) {
  static std::mutex mu;
  std::time_t now = std::time(nullptr);
  char stamp[32];
  std::tm tm{};
  gmtime_r(&now, &tm);
  std::strftime(stamp, sizeof stamp, "%Y-%m-%dT%H:%M:%SZ", &tm);
  std::lock_guard<std::mutex> lock(mu);
  std::cerr << stamp << " farmer-agent: " << line << std::endl;
}

uint64_t NowMs() {
  return static_cast<uint64_t>(
      std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch())
          .count());
}

// After registration: the uptime loop, the reconciler, the usage reporter and the
// deployment API, each on its own thread, until SIGINT/SIGTERM.
// `signer`: the options of every client that signs with the node key (one shared
// submit lock).
int Serve(const agent::AgentOptions& options, const chain::SecretKey& key, agent::Registrar& registrar,
          chain::NodeId node_id, const agent::ChainClient::Options& signer) {
  auto view_client = agent::ChainClient::Create(options.rpc_url, {});
  auto rc_client = agent::ChainClient::Create(options.rpc_url, signer);
  if (!view_client.ok() || !rc_client.ok()) {
    Log("rpc client: " + (view_client.ok() ? rc_client.status() : view_client.status()).ToString());
    return 2;
  }
  agent::RpcChainView view(std::move(*view_client), node_id);
  agent::LinuxWorkloadBackend backend(options.data_dir, "tf");
  agent::ReconcilerOptions rc_options;
  rc_options.public_uplink = options.public_uplink;
  if (!options.public_uplink.empty()) Log("public IPs bridged to " + options.public_uplink);
  agent::Reconciler reconciler(options.data_dir, backend,
                               agent::RpcReconcilerHooks(std::shared_ptr<agent::ChainClient>(std::move(*rc_client)),
                                                         key, node_id, Log, options.farm_id),
                               rc_options);
  chain::Status loaded = reconciler.Load();
  if (!loaded.ok()) {
    Log("reconciler: " + loaded.ToString());
    return 1;
  }
  auto usage_client = agent::ChainClient::Create(options.rpc_url, signer);
  if (!usage_client.ok()) {
    Log("rpc client: " + usage_client.status().ToString());
    return 2;
  }
  agent::ContainerUsageSource usage_source(backend.containers());
  agent::UsageReporter usage_reporter(
      usage_source,
      agent::RpcUsageReporterHooks(std::shared_ptr<agent::ChainClient>(std::move(*usage_client)), key, node_id,
                                   [&reconciler] { return reconciler.RunningDeployments(); }, Log),
      std::chrono::seconds(options.usage_interval_s));
  agent::DeploymentApi api(view, reconciler);
  httplib::Server server;
  server.set_payload_max_length(agent::kMaxDeploymentBody);
  agent::MountDeploymentApi(server, api, NowMs);
  if (!server.bind_to_port(options.api_host, options.api_port)) {
    Log("cannot listen on " + options.api_host + ":" + std::to_string(options.api_port));
    return 1;
  }
  Log("deployment API on " + options.AgentEndpoint());
  std::thread http([&server] { server.listen_after_bind(); });
  // stop() before the server runs would be lost: wait until it does (bounded).
  for (int i = 0; i < 500 && !server.is_running(); ++i) std::this_thread::sleep_for(std::chrono::milliseconds(10));
  std::thread uptime([&registrar, node_id] { registrar.RunUptimeLoop(node_id, g_stop); });
  std::thread usage([&usage_reporter] { usage_reporter.Run(g_stop); });
  reconciler.Start();
  while (!g_stop.load()) std::this_thread::sleep_for(std::chrono::milliseconds(100));
  Log("stopping");
  server.stop();
  http.join();
  reconciler.Stop();
  uptime.join();
  usage.join();
  return 0;
}

int Run(const agent::AgentOptions& options) {
  if (!chain::InitCrypto()) {
    Log("cannot initialise libsodium");
    return 1;
  }
  auto key = agent::LoadOrCreateNodeKey(options.data_dir);
  if (!key.ok()) {
    Log("node key: " + key.status().ToString());
    return 1;
  }
  const std::string ss58 = chain::ToSs58(key->account_id());
  std::cout << "node account " << ss58 << std::endl;
  Log("node account " + ss58 + " (key " + agent::NodeKeyPath(options.data_dir) + ")");

  auto capacity = agent::DetectCapacity(options.StoragePoolDir(), options.disk_type);
  if (!capacity.ok()) {
    Log(capacity.status().ToString());
    return 1;
  }
  Log("capacity: " + std::to_string(capacity->resources.cru) + " cores, " + std::to_string(capacity->resources.mru) +
      " bytes memory, pool " + options.StoragePoolDir() + " " +
      std::to_string(capacity->resources.sru + capacity->resources.hru) + " bytes as " +
      (capacity->pool_rotational ? "hru" : "sru") + " (disk kind: " + capacity->disk_kind_source +
      (capacity->pool_device.empty() ? "" : ", device " + capacity->pool_device) + ")");

  agent::ChainClient::Options signer;
  signer.submit_lock = std::make_shared<std::mutex>();
  auto client = agent::ChainClient::Create(options.rpc_url, signer);
  if (!client.ok()) {
    Log(client.status().ToString());
    return 2;
  }
  agent::RegistrarOptions reg;
  reg.farm_id = options.farm_id;
  reg.agent_endpoint = options.AgentEndpoint();
  reg.location.city = options.city.empty() ? "Unknown" : options.city;
  reg.location.country = options.country.empty() ? "Unknown" : options.country;
  reg.uptime_interval = std::chrono::seconds(options.uptime_interval_s);
  agent::Registrar registrar(**client, *key, reg, Log);
  auto node_id = registrar.EnsureRegistered(*capacity, g_stop);
  if (!node_id.ok()) {
    if (g_stop.load()) return 0;
    Log("registration failed: " + node_id.status().ToString());
    return 1;
  }
  std::cout << "node id " << *node_id << std::endl;
  return Serve(options, *key, registrar, *node_id, signer);
}

}  // namespace

int main(int argc, char** argv) {
  std::vector<std::string> args(argv + 1, argv + argc);
  auto options = agent::ParseAgentOptions(args);
  if (!options.ok()) {
    std::cerr << "farmer-agent: " << options.status().detail() << "\n" << agent::AgentUsage();
    return 2;
  }
  if (options->help) {
    std::cout << agent::AgentUsage();
    return 0;
  }
  struct sigaction action {};
  action.sa_handler = OnSignal;
  sigemptyset(&action.sa_mask);
  sigaction(SIGINT, &action, nullptr);
  sigaction(SIGTERM, &action, nullptr);
  std::signal(SIGPIPE, SIG_IGN);
  return Run(*options);
}
