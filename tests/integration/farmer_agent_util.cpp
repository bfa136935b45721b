#include "tests/integration/farmer_agent_util.h"

#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <filesystem>
#include <sstream>

#include <nlohmann/json.hpp>

#include "farmer-agent/process.h"
#include "tests/integration/node_process_util.h"

namespace tfchain::testing {
namespace fs = std::filesystem;

std::string MissingWorkloadCapability() {
  if (geteuid() != 0) return "needs root (runc, loop devices)";
  if (!fs::exists("/usr/bin/busybox")) return "needs /usr/bin/busybox (busybox-static)";
  for (const char* tool : {"runc", "tar"}) {
    auto r = agent::RunProcess({tool, "--version"});
    if (!r.ok() || r->exit_code != 0) return std::string("needs ") + tool + " in PATH";
  }
  return "";
}

std::string AgentTestGenesis(const std::string& dir, bool fast_billing) {
  return WriteDevGenesis(dir, [fast_billing](nlohmann::json& g) {
    g["grid"]["uptime_interval_ms"] = 1000;
    if (fast_billing) {
      g["billing"]["billing_period_blocks"] = 5;
      g["billing"]["grace_period_ms"] = 60000;
      g["billing"]["ack_deadline_blocks"] = 300;
    }
  });
}

AgentProcess::AgentProcess(std::vector<std::string> args, std::string log_path) : log_path_(std::move(log_path)) {
  args.insert(args.begin(), BinPath("farmer-agent"));
  pid_ = SpawnLogged(std::move(args), log_path_);
}

int AgentProcess::Terminate() {
  const int code = SignalAndReap(pid_, SIGTERM);
  pid_ = -1;
  return code;
}

void AgentProcess::Kill() {
  SignalAndReap(pid_, SIGKILL);
  pid_ = -1;
}

std::string AgentProcess::Log() const { return ReadText(log_path_); }

AgentLeftovers::~AgentLeftovers() {
  const std::string runc_root = data_dir + "/containers/.runc";
  auto list = agent::RunProcess({"runc", "--root", runc_root, "list", "-q"});
  if (list.ok()) {
    std::istringstream ids(list->out);
    std::string id;
    while (std::getline(ids, id)) {
      if (!id.empty()) (void)agent::RunProcess({"runc", "--root", runc_root, "delete", "-f", id});
    }
  }
  std::error_code ec;
  for (const auto& e : fs::directory_iterator(data_dir + "/volumes/mnt", ec)) {
    (void)agent::RunProcess({"umount", "-l", e.path().string()});
  }
  for (const auto& e : fs::directory_iterator(data_dir + "/volumes/images", ec)) {
    auto loops = agent::RunProcess({"losetup", "-j", e.path().string()});
    if (!loops.ok()) continue;
    std::istringstream lines(loops->out);
    std::string line;
    while (std::getline(lines, line)) {
      const auto colon = line.find(':');
      if (colon != std::string::npos) (void)agent::RunProcess({"losetup", "-d", line.substr(0, colon)});
    }
  }
}

}  // namespace tfchain::testing
