#include "farmer-agent/registrar.h"

#include <algorithm>
#include <thread>

#include "chain/account_id.h"
#include "chain/grid_calls.h"

namespace tfchain::agent {
namespace {

using chain::Result;
using chain::Status;

std::string Describe(const chain::Resources& r) {
  return "cru=" + std::to_string(r.cru) + " mru=" + std::to_string(r.mru) + " sru=" + std::to_string(r.sru) +
         " hru=" + std::to_string(r.hru);
}

}  // namespace

Registrar::Registrar(ChainClient& client, const chain::SecretKey& key, RegistrarOptions options, Logger log)
    : client_(client), key_(key), options_(std::move(options)), log_(std::move(log)) {}

bool Registrar::SleepUnlessStopped(std::chrono::milliseconds duration, const std::atomic<bool>& stop) {
  const auto deadline = std::chrono::steady_clock::now() + duration;
  while (!stop.load()) {
    auto now = std::chrono::steady_clock::now();
    if (now >= deadline) return true;
    std::this_thread::sleep_for(std::min<std::chrono::steady_clock::duration>(deadline - now,
                                                                            std::chrono::milliseconds(100)));
  }
  return false;
}

bool Registrar::IsTransient(const Status& status) {
  return status.code() == Status::Code::kUnavailable || status.reason() == "insufficient-balance" ||
         status.reason() == "bad-nonce" || status.reason() == "already-known";
}

Status Registrar::WaitForFunds(const std::atomic<bool>& stop) {
  const std::string ss58 = chain::ToSs58(key_.account_id());
  bool logged = false;
  while (!stop.load()) {
    auto account = client_.GetAccount(key_.account_id());
    if (account.ok() && account->free > 0) return Status::Ok();
    if (!account.ok()) {
      log_("cannot read the node account: " + account.status().ToString());
    } else if (!logged) {
      log_("fund account " + ss58 + " (the node account needs TFT for registration fees)");
      logged = true;
    }
    SleepUnlessStopped(options_.retry_interval, stop);
  }
  return Status::Unavailable("stopped", "the agent is stopping");
}

Result<chain::NodeId> Registrar::EnsureRegistered(const Capacity& capacity, const std::atomic<bool>& stop) {
  const chain::AccountId account = key_.account_id();
  while (!stop.load()) {
    // Registration that already exists needs no funds: look first.
    auto node = client_.NodeOf(account);
    auto twin = node.ok() ? client_.TwinOf(account) : Result<std::optional<chain::TwinId>>(node.status());
    Status step = twin.status();
    if (step.ok() && node->has_value()) {
      const NodeView& view = **node;
      if (view.farm_id != options_.farm_id) {
        return Status::InvalidArgument("node-in-other-farm", "this node key registered node " +
                                                                 std::to_string(view.node_id) + " in farm " +
                                                                 std::to_string(view.farm_id));
      }
      if (view.resources == capacity.resources && view.location == options_.location &&
          view.agent_endpoint == options_.agent_endpoint) {
        log_("node " + std::to_string(view.node_id) + " registered in farm " + std::to_string(view.farm_id) + " (" +
             Describe(view.resources) + ")");
        return view.node_id;
      }
      TF_RETURN_IF_ERROR(WaitForFunds(stop));
      chain::NodeUpdateCall update;
      update.node_id = view.node_id;
      update.resources = capacity.resources;
      update.location = options_.location;
      update.agent_endpoint = options_.agent_endpoint;
      log_("updating node " + std::to_string(view.node_id) + ": " + Describe(capacity.resources) + " endpoint " +
           options_.agent_endpoint);
      step = client_.SubmitAndWait(key_, chain::Call(update)).status();
    } else if (step.ok() && !twin->has_value()) {
      TF_RETURN_IF_ERROR(WaitForFunds(stop));
      chain::TwinCreateCall create;
      create.relay = options_.relay;
      {
        chain::ByteSpan pk = key_.public_key().bytes();
        create.public_key.assign(pk.begin(), pk.end());
      }
      log_("creating the node's twin");
      step = client_.SubmitAndWait(key_, chain::Call(create)).status();
    } else if (step.ok()) {
      TF_RETURN_IF_ERROR(WaitForFunds(stop));
      chain::NodeCreateCall create;
      create.farm_id = options_.farm_id;
      create.resources = capacity.resources;
      create.location = options_.location;
      create.agent_endpoint = options_.agent_endpoint;
      log_("registering the node in farm " + std::to_string(options_.farm_id) + ": " + Describe(capacity.resources));
      step = client_.SubmitAndWait(key_, chain::Call(create)).status();
    }
    if (!step.ok()) {
      if (!IsTransient(step)) return step;
      log_("registration step failed, retrying: " + step.ToString());
      SleepUnlessStopped(options_.retry_interval, stop);
    }
  }
  return Status::Unavailable("stopped", "the agent is stopping");
}

Status Registrar::ReportUptimeOnce() {
  TF_ASSIGN_OR_RETURN(uint64_t uptime_s, ReadUptimeSeconds());
  chain::NodeReportUptimeCall call;
  call.uptime_s = uptime_s;
  return client_.SubmitAndWait(key_, chain::Call(call)).status();
}

void Registrar::RunUptimeLoop(chain::NodeId node_id, const std::atomic<bool>& stop, std::atomic<uint64_t>* reports) {
  std::chrono::milliseconds interval = options_.uptime_interval;
  while (!stop.load()) {
    if (options_.uptime_interval.count() == 0) {
      auto chain_interval = client_.UptimeIntervalMs(node_id);
      if (chain_interval.ok() && *chain_interval > 0) interval = std::chrono::milliseconds(*chain_interval);
    }
    if (interval.count() == 0) interval = options_.retry_interval;
    Status status = ReportUptimeOnce();
    std::chrono::milliseconds wait = interval;
    if (status.ok()) {
      if (reports) reports->fetch_add(1);
    } else if (status.reason() == "uptime-report-too-early") {
      wait = std::min(interval, std::chrono::milliseconds(1'000));
    } else {
      log_("uptime report failed: " + status.ToString());
      wait = std::min(interval, options_.retry_interval);
    }
    SleepUnlessStopped(wait, stop);
  }
}

}  // namespace tfchain::agent
