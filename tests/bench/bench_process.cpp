// Processes for the benchmarks: spawning, stopping and sampling by PID.
#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <fstream>
#include <iterator>
#include <sstream>
#include <thread>

#include "tests/bench/bench_util.h"

namespace tfchain::bench {

std::string ReadFile(const std::string& path) {
  std::ifstream in(path);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

pid_t Spawn(std::vector<std::string> argv, const std::string& log_path, int out_fd,
            const std::vector<std::pair<std::string, std::string>>& env) {
  const pid_t pid = fork();
  if (pid != 0) return pid;
  const int fd = out_fd >= 0 ? out_fd : open(log_path.c_str(), O_WRONLY | O_CREAT | O_APPEND, 0644);
  const int null_fd = open("/dev/null", O_RDONLY);
  dup2(null_fd, 0);
  dup2(fd, 1);
  dup2(fd, 2);
  setsid();
  for (const auto& [k, v] : env) setenv(k.c_str(), v.c_str(), 1);
  std::vector<char*> args;
  for (std::string& a : argv) args.push_back(a.data());
  args.push_back(nullptr);
  execv(args[0], args.data());
  _exit(127);
}

void Stop(pid_t* pid) {
  if (*pid <= 0) return;
  kill(*pid, SIGTERM);
  for (int i = 0; i < 300; ++i) {
    if (waitpid(*pid, nullptr, WNOHANG) == *pid) {
      *pid = -1;
      return;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  kill(*pid, SIGKILL);
  waitpid(*pid, nullptr, 0);
  *pid = -1;
}

ProcSample SampleProcess(pid_t pid) {
  ProcSample s;
  const std::string stat = ReadFile("/proc/" + std::to_string(pid) + "/stat");
  const size_t name_end = stat.rfind(')');  // the command name may contain spaces
  if (name_end == std::string::npos || name_end + 2 > stat.size()) return s;  // gone or unreadable
  std::istringstream fields(stat.substr(name_end + 2));
  std::vector<std::string> f{std::istream_iterator<std::string>(fields), std::istream_iterator<std::string>()};
  if (f.size() > 14) {  // f[0] is field 3 (state): utime is field 14
    s.self_ticks = std::stoull(f[11]) + std::stoull(f[12]);
    s.child_ticks = std::stoull(f[13]) + std::stoull(f[14]);
  }
  std::istringstream status(ReadFile("/proc/" + std::to_string(pid) + "/status"));
  std::string line;
  while (std::getline(status, line)) {
    if (line.rfind("VmRSS:", 0) == 0) s.rss_kb = std::stoull(line.substr(6));
    if (line.rfind("VmHWM:", 0) == 0) s.hwm_kb = std::stoull(line.substr(6));
  }
  return s;
}

}  // namespace tfchain::bench
