#pragma once
// Helpers for the farmer-agent integration tests: whether this machine can run
// workloads, a farmer-agent child process stopped by its PID, and a guard that removes
// whatever an agent left under its data dir (containers, mounts, loop devices).
#include <sys/types.h>

#include <string>
#include <vector>

namespace tfchain::testing {

// Why workloads cannot run here ("needs root ...", "needs runc in PATH", ...), or "" when
// they can.
std::string MissingWorkloadCapability();

// The devnet genesis with a 1 s uptime interval; `fast_billing`: a bill every 5 blocks,
// 60 s of grace, acks due within 300 blocks. Written to DIR/genesis.json; returns its path.
std::string AgentTestGenesis(const std::string& dir, bool fast_billing = false);

// One farmer-agent child process, stdout and stderr appended to `log_path`; SIGTERM and
// reap on destruction (by its PID only).
class AgentProcess {
 public:
  AgentProcess(std::vector<std::string> args, std::string log_path);
  ~AgentProcess() { Terminate(); }
  AgentProcess(const AgentProcess&) = delete;
  AgentProcess& operator=(const AgentProcess&) = delete;

  // SIGTERM and wait: the exit code, -signal, or -1000 when not running.
  int Terminate();
  // SIGKILL (no clean shutdown) and reap.
  void Kill();
  std::string Log() const;

 private:
  pid_t pid_ = -1;
  std::string log_path_;
};

// On destruction removes what an agent left under `data_dir`: the containers of its runc
// root, its volume mounts and their loop devices. Touches nothing outside `data_dir`.
struct AgentLeftovers {
  std::string data_dir;
  ~AgentLeftovers();
};

}  // namespace tfchain::testing
