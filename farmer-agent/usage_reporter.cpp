// UsageReporter: per-contract resource and network reports from the host's counters (see
// usage_reporter.h).
#include "farmer-agent/usage_reporter.h"

#include <algorithm>
#include <set>
#include <thread>
#include <variant>

#include "chain/market_calls.h"
#include "chain/market_types.h"
#include "farmer-agent/reconciler.h"

namespace tfchain::agent {
namespace {

constexpr uint64_t kNsPerMs = 1'000'000;
constexpr uint64_t kMaxWindowS = 86'400;  // contract.report_network's bound
constexpr std::chrono::milliseconds kRetryInterval{2'000};  // when the chain's interval is unknown
constexpr std::chrono::milliseconds kStopPoll{100};

uint64_t SteadyNowMs() {
  return static_cast<uint64_t>(
      std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now().time_since_epoch())
          .count());
}

// How much a counter grew since `before`; a counter below `before` was reset (restarted
// container), so all of it is new.
uint64_t Growth(uint64_t now, uint64_t before) { return now >= before ? now - before : now; }

}  // namespace

uint64_t CoresUsed(uint64_t cpu_delta_ns, uint64_t elapsed_ns) {
  if (elapsed_ns == 0) return 1;
  uint64_t cores = cpu_delta_ns / elapsed_ns + (cpu_delta_ns % elapsed_ns != 0 ? 1 : 0);
  return std::max<uint64_t>(cores, 1);
}

chain::Resources ClampUsage(const chain::Resources& used, const chain::Resources& reserved) {
  chain::Resources out;
  out.cru = std::min(used.cru, reserved.cru);
  out.mru = std::min(used.mru, reserved.mru);
  out.sru = std::min(used.sru, reserved.sru);
  out.hru = std::min(used.hru, reserved.hru);
  return out;
}

uint64_t NetworkWindowSeconds(uint64_t elapsed_ms) {
  return std::clamp<uint64_t>((elapsed_ms + 500) / 1000, 1, kMaxWindowS);
}

UsageReporterHooks RpcUsageReporterHooks(std::shared_ptr<ChainClient> client, const chain::SecretKey& node_key,
                                         chain::NodeId node_id, std::function<std::vector<Deployment>()> running,
                                         std::function<void(std::string_view)> log) {
  UsageReporterHooks hooks;
  hooks.running = std::move(running);
  hooks.list_contracts = [client, node_id] { return ListNodeContracts(*client, node_id); };
  // Admission is enough: the node admits a fee-free node call only when it would
  // succeed, and waiting for each inclusion would make a round last a block per contract.
  hooks.submit = [client, &node_key](const chain::Call& call) { return client->Submit(node_key, call).status(); };
  hooks.chain_interval_ms = [client, node_id] { return client->UptimeIntervalMs(node_id); };
  hooks.log = std::move(log);
  return hooks;
}

UsageReporter::UsageReporter(UsageSource& source, UsageReporterHooks hooks, std::chrono::milliseconds interval)
    : source_(source), hooks_(std::move(hooks)), interval_(interval) {}

void UsageReporter::Log(const std::string& line) const {
  if (hooks_.log) hooks_.log("usage: " + line);
}

Status UsageReporter::Submit(const chain::Call& call, chain::ContractId id, std::string_view what) {
  Status s = hooks_.submit ? hooks_.submit(call) : Status::Unavailable("no-submit", "no submit hook");
  if (s.reason() == "report-too-early") {
    Log(std::string(what) + " report of contract " + std::to_string(id) + " too early; retrying next period");
  } else if (!s.ok()) {
    Log(std::string(what) + " report of contract " + std::to_string(id) + " failed: " + s.ToString());
  }
  return s;
}

void UsageReporter::ReportContract(const Deployment& d, const ContractInfo& info, uint64_t now_ms,
                                   ContractCounters* counters) {
  const chain::ContractId id = info.contract_id;
  chain::Resources used;
  uint64_t cpu_delta_ns = 0;
  size_t containers = 0;
  std::map<std::string, uint64_t> cpu_now;
  std::map<std::string, uint64_t> net_now;  // containers with a public interface
  for (const Workload& w : d.workloads) {
    if (const auto* v = std::get_if<VolumeWorkload>(&w)) {
      used.sru += v->size;  // the provisioned size: the volume's cap is held for it
      continue;
    }
    const auto* c = std::get_if<ContainerWorkload>(&w);
    if (c == nullptr) continue;
    const std::string cid = WorkloadId(id, c->name);
    auto stats = source_.StatsOf(cid);
    if (!stats.ok()) {
      Log("container " + cid + ": " + stats.status().ToString());
      continue;
    }
    ++containers;
    used.mru += stats->memory_bytes;
    cpu_now[cid] = stats->cpu_ns;
    auto before = counters->cpu_ns.find(cid);
    cpu_delta_ns += Growth(stats->cpu_ns, before == counters->cpu_ns.end() ? stats->cpu_ns : before->second);
    if (stats->public_bytes) net_now[cid] = *stats->public_bytes;
  }
  if (containers > 0) {
    used.cru = counters->cpu_sampled && now_ms > counters->cpu_sample_ms
                   ? CoresUsed(cpu_delta_ns, (now_ms - counters->cpu_sample_ms) * kNsPerMs)
                   : 1;
  }
  counters->cpu_ns = std::move(cpu_now);
  counters->cpu_sample_ms = now_ms;
  counters->cpu_sampled = true;
  chain::ContractReportResourcesCall report;
  report.contract_id = id;
  report.used = ClampUsage(used, info.resources);
  (void)Submit(chain::Call(report), id, "resources");  // logged; the next period retries

  // Network: bytes since the baseline; a container new since then starts from its count now.
  if (net_now.empty()) {
    counters->net_bytes.clear();
    counters->net_baselined = false;
    return;
  }
  if (!counters->net_baselined) {  // first sight: only the baseline
    counters->net_bytes = std::move(net_now);
    counters->net_since_ms = now_ms;
    counters->net_baselined = true;
    return;
  }
  uint64_t bytes = 0;
  for (auto& [cid, count] : net_now) {
    auto before = counters->net_bytes.find(cid);
    if (before == counters->net_bytes.end()) {
      counters->net_bytes[cid] = count;
      continue;
    }
    bytes += Growth(count, before->second);
  }
  if (bytes == 0) return;
  chain::ContractReportNetworkCall net;
  net.contract_id = id;
  net.bytes = bytes;
  net.window_s = NetworkWindowSeconds(now_ms > counters->net_since_ms ? now_ms - counters->net_since_ms : 0);
  if (Submit(chain::Call(net), id, "network").ok()) {
    counters->net_bytes = std::move(net_now);
    counters->net_since_ms = now_ms;
  }
}

void UsageReporter::ReportOnce(uint64_t now_ms) {
  if (!hooks_.running || !hooks_.list_contracts) return;
  std::vector<Deployment> running = hooks_.running();
  std::set<chain::ContractId> seen;
  if (!running.empty()) {
    auto contracts = hooks_.list_contracts();
    if (!contracts.ok()) {
      Log("cannot list contracts: " + contracts.status().ToString());
      return;  // counters kept: the next period measures over a longer time
    }
    std::map<chain::ContractId, const ContractInfo*> live;
    for (const ContractInfo& c : *contracts) live[c.contract_id] = &c;
    for (const Deployment& d : running) {
      auto it = live.find(d.contract_id);
      if (it == live.end() || it->second->state != chain::ContractState::kCreated) continue;
      seen.insert(d.contract_id);
      ReportContract(d, *it->second, now_ms, &counters_[d.contract_id]);
    }
  }
  std::erase_if(counters_, [&](const auto& entry) { return !seen.contains(entry.first); });
}

void UsageReporter::Run(const std::atomic<bool>& stop) {
  while (!stop.load()) {
    std::chrono::milliseconds period = interval_;
    if (period.count() == 0 && hooks_.chain_interval_ms) {
      auto chain_interval = hooks_.chain_interval_ms();
      if (chain_interval.ok() && *chain_interval > 0) period = std::chrono::milliseconds(*chain_interval);
    }
    if (period.count() == 0) period = kRetryInterval;
    const uint64_t start = SteadyNowMs();
    ReportOnce(start);
    const uint64_t end = start + static_cast<uint64_t>(period.count());
    for (uint64_t now = SteadyNowMs(); now < end && !stop.load(); now = SteadyNowMs()) {
      std::this_thread::sleep_for(std::min<std::chrono::milliseconds>(kStopPoll, std::chrono::milliseconds(end - now)));
    }
  }
}

}  // namespace tfchain::agent
