#pragma once

// Shared pieces of the tfchain-bench programs: option parsing, timing, the
// deterministic accounts benchmarks fund and sign with.

#include <chrono>
#include <cstdint>
#include <map>
#include <string>
#include <string_view>

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
