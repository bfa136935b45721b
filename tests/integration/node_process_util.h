#pragma once

// Helpers for integration tests that run the real binaries: start tfchaind on a free
// loopback port with a temporary data dir, talk JSON-RPC to it, stop it by PID
// (SIGTERM, or SIGKILL for crash tests), and run tfwallet capturing its output.

#include <sys/types.h>

#include <chrono>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace tfchain::testing {

std::string BinPath(const std::string& name);

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
