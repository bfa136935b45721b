// Reconciler: converges the host's workloads to the accepted deployments of the node's
// live contracts (see reconciler.h).
#include "farmer-agent/reconciler.h"

#include <algorithm>
#include <charconv>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>
#include <system_error>

#include "chain/json.h"
#include "chain/market_types.h"

namespace tfchain::agent {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

Status IoFailed(const std::string& what, const std::string& detail) {
  return Status::IoError("reconciler-io-failed", what + ": " + detail);
}

// Writes `text` to `path` through a temporary file and a rename.
Status WriteAtomically(const std::string& path, const std::string& text) {
  const std::string tmp = path + ".tmp";
  {
    std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
    out << text;
    out.flush();
    if (!out) return IoFailed(tmp, "write failed");
  }
  std::error_code ec;
  fs::rename(tmp, path, ec);
  if (ec) {
    fs::remove(tmp, ec);
    return IoFailed(path, "rename failed");
  }
  return Status::Ok();
}

Result<std::string> ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return IoFailed(path, "cannot open");
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// "c<id>-<name>" -> (id, name); false for any other id (not ours: never touched).
bool ParseWorkloadId(std::string_view id, chain::ContractId* contract, std::string* name) {
  if (id.size() < 3 || id[0] != 'c') return false;
  const size_t dash = id.find('-');
  if (dash == std::string_view::npos || dash < 2 || dash + 1 >= id.size()) return false;
  auto [ptr, ec] = std::from_chars(id.data() + 1, id.data() + dash, *contract);
  if (ec != std::errc() || ptr != id.data() + dash) return false;
  *name = std::string(id.substr(dash + 1));
  return true;
}



// What of a contract the applied workloads depend on: its state, hash and public IPs.
std::string Fingerprint(const ContractInfo& info) {
  std::string f = std::string(chain::ContractStateName(info.state)) + " " + info.deployment_hash.Hex();
  for (size_t i = 0; i < info.ips.size(); ++i) {
    f += " " + info.ips[i] + "@" + (i < info.gateways.size() ? info.gateways[i] : std::string());
  }
  return f;
}

}  // namespace

bool HasEndpoint(const ContainerWorkload& c) { return !c.network.empty() || c.public_ip; }

std::string AckMessage(const Status& s) {
  std::string m = s.ToString();
  if (m.size() > chain::kMaxAckMessage) m.resize(chain::kMaxAckMessage);
  return m;
}

std::string WorkloadId(chain::ContractId id, std::string_view name) {
  return "c" + std::to_string(id) + "-" + std::string(name);
}

Reconciler::Reconciler(std::string data_dir, WorkloadBackend& backend, ReconcilerHooks hooks,
                       std::chrono::milliseconds interval)
    : Reconciler(std::move(data_dir), backend, std::move(hooks), ReconcilerOptions{interval, ""}) {}

Reconciler::Reconciler(std::string data_dir, WorkloadBackend& backend, ReconcilerHooks hooks,
                       ReconcilerOptions options)
    : data_dir_(std::move(data_dir)),
      backend_(backend),
      hooks_(std::move(hooks)),
      interval_(options.interval),
      public_uplink_(std::move(options.public_uplink)),
      ack_retry_(options.ack_retry),
      full_resync_(options.full_resync) {}

Reconciler::~Reconciler() { Stop(); }

std::string Reconciler::DeploymentPath(chain::ContractId id) const {
  return data_dir_ + "/deployments/" + std::to_string(id) + ".json";
}
std::string Reconciler::StatusPath(chain::ContractId id) const {
  return data_dir_ + "/status/" + std::to_string(id) + ".json";
}

void Reconciler::Log(const std::string& line) const {
  if (hooks_.log) hooks_.log("reconciler: " + line);
}

json Reconciler::StatusToJson(const ContractStatus& s, bool full) {
  json workloads = json::array();
  for (const WorkloadStatus& w : s.workloads) {
    workloads.push_back({{"name", w.name}, {"type", w.type}, {"state", w.state}, {"message", w.message}});
  }
  json j = {{"contract_id", s.contract_id}, {"workloads", std::move(workloads)}};
  if (full) {
    j["deployment_hash"] = s.deployment_hash.Hex();
    j["acked"] = s.acked;
    j["failed"] = s.failed;
    j["message"] = s.message;
  }
  return j;
}

Reconciler::ContractStatus Reconciler::InitialStatus(const Deployment& d) {
  ContractStatus s;
  s.contract_id = d.contract_id;
  s.deployment_hash = DeploymentHash(d);
  for (const Workload& w : d.workloads) {
    s.workloads.push_back({NameOf(w), std::string(WorkloadTypeName(TypeOf(w))), "init", ""});
  }
  return s;
}

Status Reconciler::Load() {
  std::error_code ec;
  fs::create_directories(data_dir_ + "/deployments", ec);
  if (!ec) fs::create_directories(data_dir_ + "/status", ec);
  if (ec) return IoFailed(data_dir_, ec.message());
  std::map<chain::ContractId, Deployment> deployments;
  std::map<chain::ContractId, ContractStatus> statuses;
  for (const auto& entry : fs::directory_iterator(data_dir_ + "/deployments", ec)) {
    if (entry.path().extension() != ".json") continue;
    auto text = ReadFile(entry.path().string());
    auto signed_d = text.ok() ? ParseSignedDeployment(*text) : Result<SignedDeployment>(text.status());
    if (!signed_d.ok()) {
      Log("skipping " + entry.path().string() + ": " + signed_d.status().ToString());
      continue;
    }
    deployments[signed_d->deployment.contract_id] = signed_d->deployment;
  }
  for (const auto& [id, d] : deployments) {
    ContractStatus st = InitialStatus(d);
    auto text = ReadFile(StatusPath(id));
    if (text.ok()) {
      json j = json::parse(*text, nullptr, false);
      auto hash = chain::HashFromJson(j.is_object() ? j.value("deployment_hash", json()) : json());
      if (hash.ok()) {
        st.acked = j.value("acked", false);
        if (*hash == st.deployment_hash) {
          st.failed = j.value("failed", false);
          st.message = j.value("message", std::string());
          if (j.contains("workloads") && j["workloads"].is_array() && j["workloads"].size() == st.workloads.size()) {
            for (size_t i = 0; i < st.workloads.size(); ++i) {
              st.workloads[i].state = j["workloads"][i].value("state", std::string("init"));
              st.workloads[i].message = j["workloads"][i].value("message", std::string());
            }
          }
        }
      }
    }
    statuses[id] = std::move(st);
  }
  std::lock_guard<std::mutex> lock(mu_);
  deployments_ = std::move(deployments);
  statuses_ = std::move(statuses);
  return Status::Ok();
}

Status Reconciler::Accept(const SignedDeployment& deployment) {
  const Deployment& d = deployment.deployment;
  std::error_code ec;
  fs::create_directories(data_dir_ + "/deployments", ec);
  if (!ec) fs::create_directories(data_dir_ + "/status", ec);
  if (ec) return IoFailed(data_dir_, ec.message());
  TF_RETURN_IF_ERROR(WriteAtomically(DeploymentPath(d.contract_id), SignedDeploymentToJson(deployment).dump()));
  ContractStatus st = InitialStatus(d);
  {
    std::lock_guard<std::mutex> lock(mu_);
    auto it = statuses_.find(d.contract_id);
    if (it != statuses_.end() && !it->second.deleted) {
      st.acked = it->second.acked;
      if (it->second.deployment_hash == st.deployment_hash) st = it->second;  // same deployment: keep
    }
    deployments_[d.contract_id] = d;
    statuses_[d.contract_id] = st;
    wake_ = true;
  }
  SaveStatus(st);
  cv_.notify_all();
  return Status::Ok();
}

Result<json> Reconciler::GetStatus(chain::ContractId contract_id) {
  std::lock_guard<std::mutex> lock(mu_);
  auto it = statuses_.find(contract_id);
  if (it == statuses_.end()) return Status::NotFound("deployment-not-found", std::to_string(contract_id));
  return StatusToJson(it->second, false);
}

std::vector<Deployment> Reconciler::RunningDeployments() const {
  std::vector<Deployment> out;
  std::lock_guard<std::mutex> lock(mu_);
  for (const auto& [id, st] : statuses_) {
    auto d = deployments_.find(id);
    if (st.failed || st.deleted || d == deployments_.end() || DeploymentHash(d->second) != st.deployment_hash) continue;
    if (std::all_of(st.workloads.begin(), st.workloads.end(), [](const WorkloadStatus& w) { return w.state == "ok"; })) {
      out.push_back(d->second);
    }
  }
  return out;
}

void Reconciler::SaveStatus(const ContractStatus& s) {
  Status w = WriteAtomically(StatusPath(s.contract_id), StatusToJson(s, true).dump());
  if (!w.ok()) Log("status of contract " + std::to_string(s.contract_id) + ": " + w.ToString());
}

void Reconciler::SetStatus(const ContractStatus& st) {
  {
    std::lock_guard<std::mutex> lock(mu_);
    statuses_[st.contract_id] = st;
  }
  if (!st.deleted) SaveStatus(st);
}

void Reconciler::Sweep(const std::map<chain::ContractId, Deployment>& wanted) {
  // The names each kept contract wants, per kind.
  auto wants = [&](chain::ContractId id, const std::string& name, WorkloadType type, bool endpoint) {
    auto it = wanted.find(id);
    if (it == wanted.end()) return false;
    for (const Workload& w : it->second.workloads) {
      if (NameOf(w) != name || TypeOf(w) != type) continue;
      if (endpoint && !HasEndpoint(std::get<ContainerWorkload>(w))) return false;
      return true;
    }
    return false;
  };
  auto sweep = [&](Result<std::vector<std::string>> ids, WorkloadType type, bool endpoint,
                   const std::function<Status(std::string_view)>& remove) {
    if (!ids.ok()) {
      Log("list: " + ids.status().ToString());
      return;
    }
    for (const std::string& wid : *ids) {
      chain::ContractId cid = 0;
      std::string name;
      if (!ParseWorkloadId(wid, &cid, &name) || wants(cid, name, type, endpoint)) continue;
      Status s = remove(wid);
      Log("removed stray " + wid + (s.ok() ? "" : ": " + s.ToString()));
    }
  };
  sweep(backend_.ListContainers(), WorkloadType::kContainer, false,
        [&](std::string_view w) { return backend_.RemoveContainer(w); });
  sweep(backend_.ListEndpoints(), WorkloadType::kContainer, true,
        [&](std::string_view w) { return backend_.RemoveEndpoint(w); });
  sweep(backend_.ListNetworks(), WorkloadType::kNetwork, false,
        [&](std::string_view w) { return backend_.RemoveNetwork(w); });
  sweep(backend_.ListVolumes(), WorkloadType::kVolume, false,
        [&](std::string_view w) { return backend_.RemoveVolume(w); });
}

void Reconciler::ReconcileOnce() {
  std::lock_guard<std::mutex> round(reconcile_mu_);
  if (!hooks_.list_contracts) return;
  auto contracts = hooks_.list_contracts();
  if (!contracts.ok()) {
    Log("cannot list contracts: " + contracts.status().ToString());
    return;
  }
  std::map<chain::ContractId, ContractInfo> live;
  for (ContractInfo& c : *contracts) {
    if (c.state != chain::ContractState::kDeleted) live[c.contract_id] = std::move(c);
  }
  std::map<chain::ContractId, Deployment> deployments;
  std::map<chain::ContractId, ContractStatus> statuses;
  {
    std::lock_guard<std::mutex> lock(mu_);
    deployments = deployments_;
    statuses = statuses_;
  }
  std::map<chain::ContractId, Deployment> kept;
  for (const auto& [id, d] : deployments) {
    ContractStatus st = statuses.count(id) ? statuses[id] : InitialStatus(d);
    auto it = live.find(id);
    if (it == live.end()) {  // deleted or gone
      Status s = Teardown(id, d);
      if (!s.ok()) {
        Log("teardown of contract " + std::to_string(id) + ": " + s.ToString());
        kept[id] = d;  // retried next round
        continue;
      }
      std::error_code ec;
      fs::remove(DeploymentPath(id), ec);
      fs::remove(StatusPath(id), ec);
      st.deleted = true;
      for (WorkloadStatus& w : st.workloads) {
        w.state = "deleted";
        w.message = "contract deleted";
      }
      {
        std::lock_guard<std::mutex> lock(mu_);
        auto cur = deployments_.find(id);
        if (cur != deployments_.end() && DeploymentHash(cur->second) == st.deployment_hash) deployments_.erase(cur);
      }
      SetStatus(st);
      Log("contract " + std::to_string(id) + " gone: workloads removed");
      continue;
    }
    kept[id] = d;
    const ContractInfo& info = it->second;
    if (info.deployment_hash != st.deployment_hash) continue;  // stale: wait for the matching deployment
    if (st.acked && !st.failed && info.ack_pending && std::chrono::steady_clock::now() - st.ack_sent >= ack_retry_) {
      Log("ack of contract " + std::to_string(id) + " is not on chain yet: sending it again");
      st.acked = false;  // admitted but never included (dropped, or sent before a restart)
    }
    if (st.failed) {  // not retried; only the failed ack is
      if (!st.acked && hooks_.ack && hooks_.ack(id, false, st.message).ok()) {
        st.acked = true;
        SetStatus(st);
      }
      continue;
    }
    if (info.state == chain::ContractState::kGrace) {
      st.applied_fingerprint.clear();
      PauseAll(d, &st);
      SetStatus(st);
      continue;
    }
    const std::string fingerprint = Fingerprint(info);
    const auto now = std::chrono::steady_clock::now();
    if (st.acked && st.applied_fingerprint == fingerprint && now - st.applied_at < full_resync_ &&
        ContainersRunning(d)) {
      continue;  // unchanged and running: nothing to do until the next full resync
    }
    Status s = Apply(d, info, &st);
    if (s.ok()) {
      st.applied_fingerprint = fingerprint;
      st.applied_at = now;
    }
    if (!s.ok()) {
      Log("contract " + std::to_string(id) + " failed: " + s.ToString());
      Status t = Teardown(id, d);
      if (!t.ok()) Log("rollback of contract " + std::to_string(id) + ": " + t.ToString());
      st.failed = true;
      st.message = AckMessage(s);
      if (!st.acked && hooks_.ack) {
        Status a = hooks_.ack(id, false, st.message);
        if (a.ok()) st.acked = true;
        else Log("ack failed of contract " + std::to_string(id) + ": " + a.ToString());
      }
      SetStatus(st);
      continue;
    }
    if (!st.acked && hooks_.ack) {
      Status a = hooks_.ack(id, true, "");
      if (a.ok()) {
        st.acked = true;
        st.ack_sent = std::chrono::steady_clock::now();
        Log("contract " + std::to_string(id) + " deployed and acknowledged");
      } else {
        Log("ack ok of contract " + std::to_string(id) + ": " + a.ToString() + " (retrying)");
      }
    }
    SetStatus(st);
  }
  Sweep(kept);
}

void Reconciler::Loop() {
  std::unique_lock<std::mutex> lock(mu_);
  while (!stop_) {
    cv_.wait_for(lock, interval_, [this] { return stop_ || wake_; });
    if (stop_) break;
    wake_ = false;
    lock.unlock();
    ReconcileOnce();
    lock.lock();
  }
}

void Reconciler::Start() {
  std::lock_guard<std::mutex> lock(mu_);
  if (worker_.joinable()) return;
  stop_ = false;
  wake_ = true;
  worker_ = std::thread([this] { Loop(); });
}

void Reconciler::Stop() {
  {
    std::lock_guard<std::mutex> lock(mu_);
    stop_ = true;
  }
  cv_.notify_all();
  if (worker_.joinable()) worker_.join();
}

}  // namespace tfchain::agent
