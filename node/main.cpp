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

int Fail(const std::string& message, int code = 1) {
  std::fprintf(stderr, "tfchaind: error: %s\n", message.c_str());
  return code;
}

int RunDev(const node::DaemonConfig& config) {
  std::string genesis_text;
  if (config.genesis_file) {
    auto text = node::ReadTextFile(*config.genesis_file);
    if (!text.ok()) return Fail(text.status().ToString());
    genesis_text = std::move(text).value();
  } else {
    genesis_text = std::string(node::kDevnetGenesisJson);
  }
  auto genesis = chain::ParseGenesisJson(genesis_text);
  if (!genesis.ok()) return Fail("genesis: " + genesis.status().ToString());

  // --dev: //Alice validates.
  auto alice = chain::KeyFromUri("//Alice", chain::KeyScheme::kEd25519);
  if (!alice.ok()) return Fail(alice.status().ToString());

  bool temp_dir = false;
  std::string data_dir;
  if (config.data_dir) {
    data_dir = *config.data_dir;
  } else {
    std::string pattern = (std::filesystem::temp_directory_path() / "tfchaind-dev-XXXXXX").string();
    std::vector<char> buf(pattern.begin(), pattern.end());
    buf.push_back('\0');
    if (mkdtemp(buf.data()) == nullptr) return Fail("cannot create a temporary data dir");
    data_dir = buf.data();
    temp_dir = true;
  }

  // Signals are taken by a dedicated thread; block them before any thread starts.
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGINT);
  sigaddset(&signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);

  node::NodeOptions options;
  options.data_dir = data_dir;
  options.genesis = std::move(genesis).value();
  options.node_name = config.node_name.value_or("tfchaind");
  options.block_time_ms = config.block_time_ms.value_or(options.genesis.consensus.block_time_ms);
  options.rpc.host = config.rpc_host.value_or("127.0.0.1");
  options.rpc.port = config.rpc_port.value_or(9933);
  options.rpc.admin_token = config.rpc_admin_token.value_or("");

  const std::string options_host = options.rpc.host;
  node::SystemClock clock;
  auto opened = node::Node::Open(std::move(options), std::move(alice).value(), clock);
  if (!opened.ok()) return Fail(opened.status().ToString());
  std::unique_ptr<node::Node> node = std::move(opened).value();
  chain::Status started = node->Start();
  if (!started.ok()) return Fail(started.ToString());

  const std::string url = "http://" + options_host + ":" + std::to_string(node->rpc_port());
  chain::Status wrote = node::WriteFileDurably(data_dir + "/rpc.addr", url + "\n");
  if (!wrote.ok()) node::LogWarn("cannot write rpc.addr: " + wrote.ToString());
  std::printf("rpc: %s\n", url.c_str());
  std::printf("data dir: %s%s\n", data_dir.c_str(), temp_dir ? " (temporary)" : "");
  std::printf("try: tfwallet --rpc %s balance //Alice\n", url.c_str());
  std::printf("     tfwallet --rpc %s transfer --from //Alice --to <ADDRESS> --amount 10\n", url.c_str());
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
      return Fail("start: the P2P network and BFT consensus are not wired in yet");
  }
  return 1;
}
