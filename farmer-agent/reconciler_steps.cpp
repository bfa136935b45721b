// The reconciler's steps on the host for one deployment: apply it (networks, endpoints,
// public IPs, volumes, containers in that order), pause it, check it still runs, tear it
// down (see reconciler.h).
#include <map>
#include <string>

#include "farmer-agent/reconciler.h"

namespace tfchain::agent {

Status Reconciler::Apply(const Deployment& d, const ContractInfo& info, ContractStatus* st) {
  std::map<std::string, std::string> volume_mounts;  // volume name -> mount point
  for (size_t i = 0; i < d.workloads.size(); ++i) {
    const Workload& w = d.workloads[i];
    WorkloadStatus& ws = st->workloads[i];
    Status s = Status::Ok();
    if (const auto* n = std::get_if<NetworkWorkload>(&w)) {
      s = backend_.CreateNetwork({WorkloadId(d.contract_id, n->name), n->subnet});
    } else if (const auto* v = std::get_if<VolumeWorkload>(&w)) {
      auto volume = backend_.CreateVolume({WorkloadId(d.contract_id, v->name), v->size});
      if (volume.ok()) volume_mounts[v->name] = volume->mount_point;
      s = volume.status();
    }
    if (!s.ok()) {
      ws.state = "error";
      ws.message = AckMessage(s);
      return s;
    }
  }
  size_t next_public = 0;  // the i-th public_ip container gets info.ips[i]
  for (size_t i = 0; i < d.workloads.size(); ++i) {
    const auto* c = std::get_if<ContainerWorkload>(&d.workloads[i]);
    if (c == nullptr) continue;
    WorkloadStatus& ws = st->workloads[i];
    const std::string id = WorkloadId(d.contract_id, c->name);
    ContainerSpec spec;
    spec.id = id;
    spec.image = c->image;
    spec.image_hash = c->image_hash;
    spec.cpu_millis = c->cpu_millis;
    spec.memory_bytes = c->memory;
    spec.entrypoint = c->entrypoint;
    spec.env = c->env;
    for (const WorkloadMount& m : c->mounts) spec.mounts.push_back({volume_mounts[m.volume], m.path});
    Status s = Status::Ok();
    std::string public_cidr, gateway;
    if (c->public_ip) s = PublicIpOf(info, next_public++, &public_cidr, &gateway);
    if (s.ok() && HasEndpoint(*c)) {
      const std::string network = c->network.empty() ? "" : WorkloadId(d.contract_id, c->network);
      auto netns = backend_.CreateEndpoint({network, id, c->ip});
      if (netns.ok()) spec.netns_path = *netns;
      s = netns.status();
    }
    if (s.ok() && c->public_ip) s = backend_.AddPublicIp(id, public_cidr, gateway, public_uplink_);
    if (s.ok()) {
      s = backend_.CreateContainer(spec);
      if (!s.ok() && s.reason() == "container-spec-mismatch") {  // a new deployment changed it
        s = backend_.RemoveContainer(id);
        if (s.ok()) s = backend_.CreateContainer(spec);
      }
    }
    if (s.ok()) {
      auto state = backend_.ContainerStateOf(id);
      if (state.ok() && *state == ContainerState::kPaused) s = backend_.ResumeContainer(id);
    }
    if (s.ok()) {
      Status trimmed = backend_.TrimContainerLog(id);
      if (!trimmed.ok()) Log("log of " + id + ": " + trimmed.ToString());
    }
    if (!s.ok()) {
      ws.state = "error";
      ws.message = AckMessage(s);
      return s;
    }
  }
  for (WorkloadStatus& ws : st->workloads) {
    ws.state = "ok";
    ws.message.clear();
  }
  return Status::Ok();
}

Status Reconciler::PublicIpOf(const ContractInfo& info, size_t index, std::string* cidr, std::string* gateway) const {
  if (public_uplink_.empty()) {
    return Status::InvalidArgument("public-ip-unsupported",
                                   "this agent has no public uplink: start it with --public-uplink IFACE");
  }
  if (index >= info.ips.size()) {
    return Status::InvalidArgument("public-ip-unavailable", "contract " + std::to_string(info.contract_id) +
                                                                " reserved " + std::to_string(info.ips.size()) +
                                                                " public IPs; public_ip container #" +
                                                                std::to_string(index + 1) + " has none");
  }
  if (index >= info.gateways.size() || info.gateways[index].empty()) {
    return Status::Unavailable("public-ip-unavailable", "no gateway known for " + info.ips[index] + " in the farm");
  }
  *cidr = info.ips[index];
  *gateway = info.gateways[index];
  return Status::Ok();
}

void Reconciler::PauseAll(const Deployment& d, ContractStatus* st) {
  for (size_t i = 0; i < d.workloads.size(); ++i) {
    const auto* c = std::get_if<ContainerWorkload>(&d.workloads[i]);
    if (c == nullptr) continue;
    const std::string id = WorkloadId(d.contract_id, c->name);
    auto state = backend_.ContainerStateOf(id);
    if (!state.ok() || *state == ContainerState::kAbsent) continue;
    Status s = *state == ContainerState::kRunning ? backend_.PauseContainer(id) : Status::Ok();
    if (s.ok() && *state != ContainerState::kStopped) {
      st->workloads[i].state = "paused";
      st->workloads[i].message = "contract in grace period";
    } else if (!s.ok()) {
      Log("pause " + id + ": " + s.ToString());
    }
  }
}

bool Reconciler::ContainersRunning(const Deployment& d) {
  for (const Workload& w : d.workloads) {
    const auto* c = std::get_if<ContainerWorkload>(&w);
    if (c == nullptr) continue;
    const std::string id = WorkloadId(d.contract_id, c->name);
    auto state = backend_.ContainerStateOf(id);
    if (!state.ok() || *state != ContainerState::kRunning) return false;
    Status trimmed = backend_.TrimContainerLog(id);
    if (!trimmed.ok()) Log("log of " + id + ": " + trimmed.ToString());
  }
  return true;
}

Status Reconciler::Teardown(chain::ContractId id, const Deployment& d) {
  Status first = Status::Ok();
  auto note = [&](Status s) {
    if (!s.ok() && first.ok()) first = s;
  };
  // Containers first (they hold mounts and netns), then endpoints, networks, volumes.
  for (int pass = 0; pass < 4; ++pass) {
    for (const Workload& w : d.workloads) {
      const std::string wid = WorkloadId(id, NameOf(w));
      if (const auto* c = std::get_if<ContainerWorkload>(&w)) {
        if (pass == 0) note(backend_.RemoveContainer(wid));
        if (pass == 1 && HasEndpoint(*c)) note(backend_.RemoveEndpoint(wid));
      } else if (std::holds_alternative<NetworkWorkload>(w) && pass == 2) {
        note(backend_.RemoveNetwork(wid));
      } else if (std::holds_alternative<VolumeWorkload>(w) && pass == 3) {
        note(backend_.RemoveVolume(wid));
      }
    }
  }
  return first;
}

}  // namespace tfchain::agent
