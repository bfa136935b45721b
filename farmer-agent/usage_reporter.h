#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "chain/call.h"
#include "chain/grid_types.h"
#include "chain/keys.h"
#include "chain/status.h"
#include "farmer-agent/chain_client.h"
#include "farmer-agent/deployment.h"
#include "farmer-agent/deployment_api.h"
#include "farmer-agent/provision/container.h"

namespace tfchain::agent {

// Where the reporter measures containers: an interface so that tests can use a fake.
class UsageSource {
 public:
  virtual ~UsageSource() = default;
  // The counters of container `id` (a WorkloadId). Errors: "container-not-found" when it
  // does not run, anything else when it cannot be read.
  virtual Result<ContainerStats> StatsOf(std::string_view id) = 0;
};

// The real source: ContainerProvisioner::Stats (borrowed; must outlive the source).
class ContainerUsageSource : public UsageSource {
 public:
  explicit ContainerUsageSource(const ContainerProvisioner& containers) : containers_(containers) {}
  Result<ContainerStats> StatsOf(std::string_view id) override { return containers_.Stats(id); }

 private:
  const ContainerProvisioner& containers_;
};

// How the reporter learns what runs and talks to the chain. Called from the reporter's
// thread only.
struct UsageReporterHooks {
  // The deployments that run now (Reconciler::RunningDeployments).
  std::function<std::vector<Deployment>()> running;
  // The node's live contracts (for their reserved resources and state). An error skips
  // the period.
  std::function<Result<std::vector<ContractInfo>>()> list_contracts;
  // Signs `call` with the node key and submits it; Ok once the node admitted it, else
  // the chain's reason of the refusal (e.g. "report-too-early").
  std::function<Status(const chain::Call& call)> submit;
  // The chain's uptime interval in ms (used when no interval is configured).
  std::function<Result<uint64_t>()> chain_interval_ms;
  // Optional log sink.
  std::function<void(std::string_view)> log;
};

// Hooks over one ChainClient (owned by the hooks, used from the reporter's thread only)
// signing with `node_key` (borrowed; must outlive the hooks): list_contracts =
// ListNodeContracts, submit = ChainClient::Submit, chain_interval_ms = UptimeIntervalMs.
UsageReporterHooks RpcUsageReporterHooks(std::shared_ptr<ChainClient> client, const chain::SecretKey& node_key,
                                         chain::NodeId node_id, std::function<std::vector<Deployment>()> running,
                                         std::function<void(std::string_view)> log);

// Cores used by `cpu_delta_ns` of CPU time over `elapsed_ns` of wall time, rounded up, at
// least 1 (a running container uses some CPU); 1 when elapsed_ns is 0. Pure.
uint64_t CoresUsed(uint64_t cpu_delta_ns, uint64_t elapsed_ns);
// `used` with every field lowered to at most `reserved`'s (the chain refuses more with
// "bad-usage"). Pure.
chain::Resources ClampUsage(const chain::Resources& used, const chain::Resources& reserved);
// A report_network window from `elapsed_ms`: whole seconds, rounded to nearest, clamped
// to 1..86400. Pure.
uint64_t NetworkWindowSeconds(uint64_t elapsed_ms);

// Reports what each running deployment uses, once per period (docs/farmer-agent.md
// "Usage reports"). For every deployment the reconciler runs whose contract is live and
// in the created state:
//  - contract.report_resources with mru = the containers' cgroup memory usage, cru = the
//    cores used since the previous period (CoresUsed of the cgroups' CPU time; 1 the first
//    time a contract is seen or when it has no container), sru = the provisioned size of
//    its volumes, hru = 0, all clamped to the contract's reservation (ClampUsage);
//  - contract.report_network with the rx+tx bytes on the containers' public interface
//    since the last network report (the first period only takes a baseline) and the
//    seconds since then; skipped when no container has a public interface or no bytes
//    moved (the bytes then keep accumulating).
// A refusal "report-too-early" is logged and retried next period (network bytes are kept);
// other errors are logged with their reason and retried next period. A container whose
// counters cannot be read is logged and counted as using nothing. Not thread-safe: one
// thread runs it; `stop` (set from any thread) ends Run within ~100 ms.
class UsageReporter {
 public:
  // `source` is borrowed and must outlive the reporter. `interval` 0 = the chain's
  // (hooks.chain_interval_ms, re-read every period).
  UsageReporter(UsageSource& source, UsageReporterHooks hooks, std::chrono::milliseconds interval);

  // One period at `now_ms` (a monotonic clock in ms): measure and submit.
  void ReportOnce(uint64_t now_ms);

  // ReportOnce every period until `stop`.
  void Run(const std::atomic<bool>& stop);

 private:
  // What the reporter remembers of a contract between periods.
  struct ContractCounters {
    bool cpu_sampled = false;                   // cpu_* hold a sample
    uint64_t cpu_sample_ms = 0;                 // when cpu_ns was sampled
    std::map<std::string, uint64_t> cpu_ns;     // container id -> CPU time then
    bool net_baselined = false;                 // net_* hold a baseline
    uint64_t net_since_ms = 0;                  // when net_bytes became the baseline
    std::map<std::string, uint64_t> net_bytes;  // container id -> public bytes then
  };

  void ReportContract(const Deployment& d, const ContractInfo& info, uint64_t now_ms, ContractCounters* counters);
  // Submits `call` and logs a failure ("too early" or the reason). Returns the status.
  Status Submit(const chain::Call& call, chain::ContractId id, std::string_view what);
  void Log(const std::string& line) const;

  UsageSource& source_;
  UsageReporterHooks hooks_;
  const std::chrono::milliseconds interval_;
  std::map<chain::ContractId, ContractCounters> counters_;
};

}  // namespace tfchain::agent
