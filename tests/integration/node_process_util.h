#pragma once

// Helpers for integration tests that run the real binaries: start tfchaind on a free
// loopback port with a temporary data dir, talk JSON-RPC to it, stop it by PID
// (SIGTERM, or SIGKILL for crash tests), and run tfwallet capturing its output.

#include <sys/types.h>

#include <chrono>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include <nlohmann/json.hpp>

#include "chain/call.h"
#include "chain/keys.h"

namespace tfchain::testing {

std::string BinPath(const std::string& name);

// Forks and execs `args` (args[0] a path) with stdout and stderr appended to `log_path`;
// returns the child's PID (the caller stops it with SignalAndReap).
pid_t SpawnLogged(std::vector<std::string> args, const std::string& log_path);
// Sends `signal` to `pid` (only that PID) and reaps it: the exit code, -signal, or -1000.
int SignalAndReap(pid_t pid, int signal);

// Milliseconds since the Unix epoch (genesis times, deployment timestamps).
uint64_t NowMs();
// The whole file, or "" when it cannot be read.
std::string ReadText(const std::string& path);
// An amount from RPC JSON: a decimal string, or an integer.
uint64_t Amount(const nlohmann::json& j);
// The ed25519 key of a secret URI such as "//Alice" (CHECK-fails on a bad URI).
chain::SecretKey DevKey(const std::string& uri);
// Writes DIR/genesis.json: the built-in devnet genesis starting now, changed by `edit`;
// returns its path.
std::string WriteDevGenesis(const std::string& dir, const std::function<void(nlohmann::json&)>& edit);

// Polls `pred` every 100 ms until it holds or `timeout` passes; returns its last value.
template <typename Pred>
bool WaitFor(Pred pred, std::chrono::milliseconds timeout) {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  while (std::chrono::steady_clock::now() < deadline) {
    if (pred()) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  return pred();
}

// A unique empty temporary directory, removed by the destructor.
class TempDir {
 public:
  explicit TempDir(const std::string& tag);
  ~TempDir();
  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

// One tfchaind process, found through the rpc.addr file it writes in its data dir.
class NodeProcess {
 public:
  // Starts tfchaind with `args` (the data dir among them) and waits until
  // DATA_DIR/rpc.addr appears (up to 20 s). Output goes to DATA_DIR.log.
  NodeProcess(std::vector<std::string> args, const std::string& data_dir);
  ~NodeProcess();  // SIGTERM + wait if still running
  NodeProcess(const NodeProcess&) = delete;
  NodeProcess& operator=(const NodeProcess&) = delete;

  bool started() const { return !url_.empty(); }
  const std::string& url() const { return url_; }
  pid_t pid() const { return pid_; }
  const std::string& log_path() const { return log_path_; }

  // Sends SIGTERM and waits; returns the exit status (as from waitpid's WEXITSTATUS,
  // or -signal if killed by a signal).
  int Terminate();
  // SIGKILL and reap.
  void Kill();

  // A JSON-RPC call; returns the whole response object ({"result"} or {"error"}).
  nlohmann::json Call(const std::string& method, nlohmann::json params = nlohmann::json::array()) const;
  // The "result" of a call; fails the test (ADD_FAILURE) and returns null on error.
  nlohmann::json Result(const std::string& method, nlohmann::json params = nlohmann::json::array()) const;
  // Raw POST of `body` to /; returns (HTTP status, body).
  std::pair<int, std::string> Post(const std::string& body) const;
  std::pair<int, std::string> Get(const std::string& path) const;

  // Waits until the head height reaches `height` (up to `timeout`).
  bool WaitForHeight(uint64_t height, std::chrono::milliseconds timeout = std::chrono::seconds(20)) const;
  // Polls tx_getReceipt until the status is not "pending" (up to `timeout`).
  nlohmann::json WaitForReceipt(const std::string& hash,
                                std::chrono::milliseconds timeout = std::chrono::seconds(20)) const;

  // Transactions on a devnet node ("tfchain-devnet"). SubmitTx signs `call` with `key`
  // (the account's pending nonce, valid for 200 blocks) and returns the tx_submit
  // response. SendTx also waits for the receipt and returns it; a refused submission
  // or a receipt that is neither "included" nor "failed" is a test failure (null is
  // returned for a refused one). ExpectTxOk expects the call to succeed; TxError
  // expects it to fail and returns its reason.
  nlohmann::json SubmitTx(const chain::SecretKey& key, chain::Call call) const;
  nlohmann::json SendTx(const chain::SecretKey& key, chain::Call call) const;
  nlohmann::json ExpectTxOk(const chain::SecretKey& key, chain::Call call) const;
  std::string TxError(const chain::SecretKey& key, chain::Call call) const;

 private:
  pid_t pid_ = -1;
  std::string url_;
  std::string host_;
  int port_ = 0;
  std::string log_path_;
};

// `tfchaind --dev --rpc-port 0 --data-dir DIR --block-time-ms MS` plus `extra`.
class DevNode : public NodeProcess {
 public:
  DevNode(const std::string& data_dir, int block_time_ms = 100, std::vector<std::string> extra = {});
};

// `tfchaind start --data-dir DIR --rpc-port 0` plus `extra`.
class StartedNode : public NodeProcess {
 public:
  explicit StartedNode(const std::string& data_dir, std::vector<std::string> extra = {});
};

// A base port such that base .. base+count-1 are all free on 127.0.0.1 right now.
uint16_t FreePortRange(int count);

struct CommandResult {
  int exit_code = -1;
  std::string out;
  std::string err;
};

// Runs a binary from the build's bin dir with `args`, extra environment variables
// and optional stdin text; captures stdout and stderr. Times out after 60 s.
CommandResult RunCommand(const std::string& binary, const std::vector<std::string>& args,
                         const std::map<std::string, std::string>& env = {}, const std::string& input = {});

}  // namespace tfchain::testing
