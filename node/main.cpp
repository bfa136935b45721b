// tfchaind: the tfchain node daemon. See DaemonUsage() (node/config.cpp).
#include <signal.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "chain/genesis.h"
#include "chain/keys.h"
#include "chain/secret_uri.h"
#include "node/config.h"
#include "node/log.h"
#include "node/node.h"

namespace {
using namespace tfchain;

int Fail(const std::string& message, int code = 1) {
  std::fprintf(stderr, "tfchaind: error: %s\n", message.c_str());
  return code;
}

// Writes `text` to `path` through a temporary file and a rename, so readers never
// see half of it.
bool WriteFileAtomically(const std::string& path, const std::string& text) {
  const std::string tmp = path + ".tmp";
  {
    std::ofstream out(tmp, std::ios::trunc);
    out << text;
    if (!out.flush()) return false;
  }
  return std::rename(tmp.c_str(), path.c_str()) == 0;
}

chain::Result<std::string> ReadFile(const std::string& path) {
  std::ifstream in(path);
  if (!in) return chain::Status::IoError("cannot-read", "cannot open " + path);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

int Run(const node::DaemonConfig& config) {
  node::SetLogLevel(config.log_level);
  std::string genesis_text;
  if (config.genesis_file) {
    auto text = ReadFile(*config.genesis_file);
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
  options.node_name = config.node_name;
  options.block_time_ms = config.block_time_ms.value_or(options.genesis.consensus.block_time_ms);
  options.rpc.host = config.rpc_host;
  options.rpc.port = config.rpc_port;
  options.rpc.admin_token = config.rpc_admin_token;

  node::SystemClock clock;
  auto opened = node::Node::Open(std::move(options), std::move(alice).value(), clock);
  if (!opened.ok()) return Fail(opened.status().ToString());
  std::unique_ptr<node::Node> node = std::move(opened).value();
  chain::Status started = node->Start();
  if (!started.ok()) return Fail(started.ToString());

  const std::string url = "http://" + config.rpc_host + ":" + std::to_string(node->rpc_port());
  WriteFileAtomically(data_dir + "/rpc.addr", url + "\n");
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
  if (!tfchain::chain::InitCrypto()) return Fail("cannot initialise libsodium");
  std::vector<std::string_view> args(argv + 1, argv + argc);
  auto config = tfchain::node::ParseDaemonArgs(args);
  if (!config.ok()) return Fail(std::string(config.status().detail()) + "\n" + "usage: tfchaind --dev [options]; see --help", 2);
  if (config->help) {
    std::cout << tfchain::node::DaemonUsage();
    return 0;
  }
  if (config->version) {
    std::cout << tfchain::node::kNodeVersion << "\n";
    return 0;
  }
  return Run(*config);
}
