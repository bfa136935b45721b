// tfchaind: the tfchain node daemon. See DaemonUsage() (node/config.cpp).
#include <signal.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <string>
#include <thread>
#include <vector>

#include "chain/genesis.h"
#include "chain/keys.h"
#include "chain/secret_uri.h"
#include "node/config.h"
#include "node/daemon.h"
#include "node/data_dir.h"
#include "node/log.h"
#include "node/node.h"

namespace {
using namespace tfchain;

// The engine's timeouts from the genesis consensus parameters.
consensus::TimeoutParams TimeoutsOf(const chain::Genesis& genesis) {
  const chain::ConsensusParams& c = genesis.consensus;
  return consensus::TimeoutParams{c.timeout_propose_ms,   c.timeout_propose_delta_ms, c.timeout_prevote_ms,
                                  c.timeout_prevote_delta_ms, c.timeout_precommit_ms, c.timeout_precommit_delta_ms};
}

int Fail(const std::string& message, int code = 1) {
  std::fprintf(stderr, "tfchaind: error: %s\n", message.c_str());
  return code;
}

chain::Result<chain::Genesis> LoadGenesis(const std::optional<std::string>& file) {
  std::string text;
  if (file) {
    TF_ASSIGN_OR_RETURN(text, node::ReadTextFile(*file));
  } else {
    text = std::string(node::kDevnetGenesisJson);
  }
  auto genesis = chain::ParseGenesisJson(text);
  if (!genesis.ok()) return genesis.status().WithContext("genesis");
  return genesis;
}

// Runs a node until SIGINT/SIGTERM (or a fatal error). Removes `data_dir` afterwards
// when it is temporary.
int RunNode(node::NodeOptions options, std::optional<chain::SecretKey> validator_key, bool temp_dir,
            bool print_dev_hints) {
  // Signals are taken by a dedicated thread; block them before any thread starts.
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGINT);
  sigaddset(&signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);

  const std::string data_dir = options.data_dir;
  const std::string rpc_host = options.rpc.host;
  node::SystemClock clock;
  auto opened = node::Node::Open(std::move(options), std::move(validator_key), clock);
  if (!opened.ok()) return Fail(opened.status().ToString());
  std::unique_ptr<node::Node> node = std::move(opened).value();
  chain::Status started = node->Start();
  if (!started.ok()) return Fail(started.ToString());

  const std::string url = "http://" + rpc_host + ":" + std::to_string(node->rpc_port());
  chain::Status wrote = node::WriteFileDurably(data_dir + "/rpc.addr", url + "\n");
  if (!wrote.ok()) node::LogWarn("cannot write rpc.addr: " + wrote.ToString());
  std::printf("rpc: %s\n", url.c_str());
  if (node->p2p_port() != 0) std::printf("p2p: port %u\n", node->p2p_port());
  std::printf("data dir: %s%s\n", data_dir.c_str(), temp_dir ? " (temporary)" : "");
  if (print_dev_hints) {
    std::printf("try: tfwallet --rpc %s balance //Alice\n", url.c_str());
    std::printf("     tfwallet --rpc %s transfer --from //Alice --to <ADDRESS> --amount 10\n", url.c_str());
  }
  std::fflush(stdout);

  std::thread signal_thread([&] {
    int sig = 0;
    sigwait(&signals, &sig);
    node::LogInfo(std::string("received ") + (sig == SIGINT ? "SIGINT" : "SIGTERM") + ", shutting down");
    node->Stop();
  });
  chain::Status result = node->Wait();
  kill(getpid(), SIGTERM);  // releases the signal thread if the node stopped on its own
  signal_thread.join();
  node->Stop();
  node.reset();  // closes the database before the directory may go
  if (temp_dir) {
    std::error_code ec;
    std::filesystem::remove_all(data_dir, ec);
  }
  if (!result.ok()) return Fail(result.ToString());
  node::LogInfo("stopped");
  return 0;
}

void ApplyRpcFlags(const node::DaemonConfig& config, node::NodeOptions* options) {
  if (config.rpc_host) options->rpc.host = *config.rpc_host;
  if (config.rpc_port) options->rpc.port = *config.rpc_port;
  if (config.rpc_admin_token) options->rpc.admin_token = *config.rpc_admin_token;
  if (config.node_name) options->node_name = *config.node_name;
}

int RunDev(const node::DaemonConfig& config) {
  auto genesis = LoadGenesis(config.genesis_file);
  if (!genesis.ok()) return Fail(genesis.status().ToString());
  // --dev: //Alice validates.
  auto alice = chain::KeyFromUri("//Alice", chain::KeyScheme::kEd25519);
  if (!alice.ok()) return Fail(alice.status().ToString());

  bool temp_dir = false;
  node::NodeOptions options;
  if (config.data_dir) {
    options.data_dir = *config.data_dir;
  } else {
    std::string pattern = (std::filesystem::temp_directory_path() / "tfchaind-dev-XXXXXX").string();
    std::vector<char> buf(pattern.begin(), pattern.end());
    buf.push_back('\0');
    if (mkdtemp(buf.data()) == nullptr) return Fail("cannot create a temporary data dir");
    options.data_dir = buf.data();
    temp_dir = true;
  }
  options.genesis = std::move(genesis).value();
  options.node_name = "tfchaind-dev";
  options.block_time_ms = config.block_time_ms.value_or(options.genesis.consensus.block_time_ms);
  options.timeouts = TimeoutsOf(options.genesis);
  ApplyRpcFlags(config, &options);
  return RunNode(std::move(options), std::move(alice).value(), temp_dir, /*print_dev_hints=*/true);
}

int RunStart(const node::DaemonConfig& config) {
  const std::string dir = *config.data_dir;
  auto file_config = node::ReadNodeConfig(dir + "/config.json");
  if (!file_config.ok()) return Fail(file_config.status().ToString());
  auto genesis = LoadGenesis(dir + "/genesis.json");
  if (!genesis.ok()) return Fail(genesis.status().ToString());
  auto node_key = node::ReadKeyFile(dir + "/node_key.json");
  if (!node_key.ok()) return Fail(node_key.status().ToString());
  std::optional<chain::SecretKey> validator_key;
  if (std::filesystem::exists(dir + "/validator_key.json")) {
    auto key = node::ReadKeyFile(dir + "/validator_key.json");
    if (!key.ok()) return Fail(key.status().ToString());
    validator_key = std::move(key).value();
  }

  node::NodeOptions options;
  options.data_dir = dir;
  options.genesis = std::move(genesis).value();
  options.node_name = file_config->node_name;
  options.block_time_ms = options.genesis.consensus.block_time_ms;
  options.timeouts = TimeoutsOf(options.genesis);
  options.rpc.host = file_config->rpc.host;
  options.rpc.port = file_config->rpc.port;
  options.rpc.admin_token = file_config->rpc.admin_token;
  ApplyRpcFlags(config, &options);

  node::P2pNetwork::Options p2p;
  p2p.listen_host = config.p2p_host.value_or(file_config->p2p.listen_host);
  p2p.listen_port = config.p2p_port.value_or(file_config->p2p.listen_port);
  p2p.max_inbound = file_config->p2p.max_inbound;
  p2p.max_outbound = file_config->p2p.max_outbound;
  std::string peers;
  for (const std::string& p : file_config->p2p.persistent_peers) peers += (peers.empty() ? "" : ",") + p;
  if (config.peers) peers += (peers.empty() ? "" : ",") + *config.peers;
  if (!peers.empty()) {
    auto parsed = node::ParsePeerAddressList(peers);
    if (!parsed.ok()) return Fail(parsed.status().ToString());
    p2p.persistent_peers = std::move(parsed).value();
  }
  p2p.node_key = std::move(node_key).value();
  options.p2p = std::move(p2p);
  return RunNode(std::move(options), std::move(validator_key), /*temp_dir=*/false, /*print_dev_hints=*/false);
}
}  // namespace

int main(int argc, char** argv) {
  using Mode = tfchain::node::DaemonConfig::Mode;
  if (!tfchain::chain::InitCrypto()) return Fail("cannot initialise libsodium");
  std::vector<std::string_view> args(argv + 1, argv + argc);
  auto config = tfchain::node::ParseDaemonArgs(args);
  if (!config.ok()) return Fail(std::string(config.status().detail()), 2);
  tfchain::node::SetLogLevel(config->log_level);
  switch (config->mode) {
    case Mode::kHelp:
      std::cout << tfchain::node::DaemonUsage();
      return 0;
    case Mode::kVersion:
      std::cout << tfchain::node::kNodeVersion << "\n";
      return 0;
    case Mode::kDev:
      return RunDev(*config);
    case Mode::kInit: {
      tfchain::node::InitOptions o;
      o.data_dir = *config->data_dir;
      o.genesis_file = config->genesis_file;
      if (config->chain_id) o.chain_id = *config->chain_id;
      if (config->node_name) o.node_name = *config->node_name;
      tfchain::chain::Status s = tfchain::node::InitDataDir(o);
      if (!s.ok()) return Fail(s.ToString());
      std::printf("initialized %s (config.json, genesis.json, node_key.json, validator_key.json)\n",
                  o.data_dir.c_str());
      return 0;
    }
    case Mode::kLocalnet: {
      tfchain::node::LocalnetOptions o;
      o.validators = config->validators;
      o.out_dir = *config->out_dir;
      if (config->chain_id) o.chain_id = *config->chain_id;
      o.base_p2p_port = config->base_p2p_port;
      o.base_rpc_port = config->base_rpc_port;
      o.block_time_ms = config->block_time_ms;
      tfchain::chain::Status s = tfchain::node::WriteLocalnet(o);
      if (!s.ok()) return Fail(s.ToString());
      std::printf("wrote %u node data dirs under %s; start each with: tfchaind start --data-dir %s/nodeI\n",
                  o.validators, o.out_dir.c_str(), o.out_dir.c_str());
      return 0;
    }
    case Mode::kStart:
      return RunStart(*config);
  }
  return 1;
}
