#pragma once

// Shared pieces of the tfchain-bench programs: option parsing, timing, the
// deterministic accounts benchmarks fund and sign with.

#include <sys/types.h>

#include <chrono>
#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "chain/keys.h"
#include "chain/status.h"

namespace tfchain::bench {

using chain::Status;
using Clock = std::chrono::steady_clock;

inline double Ms(Clock::duration d) { return std::chrono::duration<double, std::milli>(d).count(); }

// The i-th benchmark account: an ed25519 key from a fixed seed (i, then 0x5a).
chain::SecretKey BenchKey(size_t i);

// Parses "--name value" pairs after argv[1] (the benchmark's name) into the given
// size (positive integer) and string options. Error "bad-argument".
Status ParseOptions(int argc, char** argv, const std::map<std::string, size_t*>& sizes,
                    const std::map<std::string, std::string*>& strings);

// Prints the error and the usage; returns exit code 2.
int Usage(const Status& error);

// The whole file at `path` ("" if unreadable).
std::string ReadFile(const std::string& path);

// Forks and execs `argv` (argv[0] a path) with stdout and stderr appended to `log_path`
// (or to `out_fd` when >= 0), stdin from /dev/null, in its own session; -1 on failure.
pid_t Spawn(std::vector<std::string> argv, const std::string& log_path, int out_fd = -1,
            const std::vector<std::pair<std::string, std::string>>& env = {});
// SIGTERM, then SIGKILL after 30 s; reaps and sets *pid to -1. Only the given PID.
void Stop(pid_t* pid);

// utime, stime, cutime, cstime (clock ticks) and VmRSS, VmHWM (kB) of a process.
struct ProcSample {
  uint64_t self_ticks = 0;
  uint64_t child_ticks = 0;
  uint64_t rss_kb = 0;
  uint64_t hwm_kb = 0;
};
ProcSample SampleProcess(pid_t pid);

// Percentile (0..100) of sorted values.
double Percentile(const std::vector<double>& sorted, double p);

int RunTransfersBench(int argc, char** argv);
int RunLocalnetBench(int argc, char** argv);
int RunSyncBench(int argc, char** argv);
int RunFarmingBench(int argc, char** argv);
int RunGridBench(int argc, char** argv);
int RunBillingBench(int argc, char** argv);
// As root with runc: tfwallet deploy latency and the farmer agent's idle RSS / CPU
// with N deployments (agent_bench.cpp).
int RunAgentBench(int argc, char** argv);

}  // namespace tfchain::bench
