// Deployments: validation, canonical encoding, hashing and signing.
//
// Canonical encoding (chain/codec.h primitives; str = compact length + UTF-8
// bytes, vec<T> = compact count + elements):
//   deployment := u64 contract_id  body
//   body       := u32 version  compact n  workload{n}
//   workload   := u8 tag  body            (tag = WorkloadType)
//     0 network   := str name  str subnet
//     1 volume    := str name  u64 size
//     2 container := str name  str image  [32] image_hash  u32 cpu_millis  u64 memory
//                    vec<str> entrypoint  vec<str> env  vec<mount> mounts
//                    str network  str ip  bool public_ip
//   mount      := str volume  str path
// deployment_hash = BLAKE2b-256(body): what the workloads are, not which contract runs
//                   them, so that a wallet can put it in contract.create_node before the
//                   contract id exists.
// Signing hash    = BLAKE2b-256("tfchain-deployment" || deployment || u64 LE timestamp_ms).
#include "farmer-agent/deployment.h"

#include <map>
#include <set>

#include "chain/hash.h"
#include "chain/ip_address.h"

namespace tfchain::agent {
namespace {

Status Bad(const std::string& where, std::string_view what) {
  return Status::InvalidArgument("bad-deployment", where + ": " + std::string(what));
}

std::string At(size_t i) { return "workloads[" + std::to_string(i) + "]"; }

uint32_t V4(const chain::IpAddress& a) {
  return (uint32_t{a.bytes[0]} << 24) | (uint32_t{a.bytes[1]} << 16) | (uint32_t{a.bytes[2]} << 8) | a.bytes[3];
}

Status CheckName(const std::string& where, const std::string& name) {
  if (name.empty() || name.size() > kMaxWorkloadName) return Bad(where, "must be 1..48 characters");
  for (char c : name) {
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-')) {
      return Bad(where, "only [a-z0-9-] allowed in \"" + name + "\"");
    }
  }
  return Status::Ok();
}

Status CheckString(const std::string& where, const std::string& s, bool allow_empty) {
  if (!allow_empty && s.empty()) return Bad(where, "must not be empty");
  if (s.size() > kMaxDeploymentString) return Bad(where, "longer than 4096 bytes");
  if (s.find('\0') != std::string::npos) return Bad(where, "contains NUL");
  return Status::Ok();
}

Status CheckList(const std::string& where, const std::vector<std::string>& list, bool allow_empty_items) {
  if (list.size() > kMaxDeploymentList) return Bad(where, "more than 64 entries");
  for (size_t i = 0; i < list.size(); ++i) {
    TF_RETURN_IF_ERROR(CheckString(where + "[" + std::to_string(i) + "]", list[i], allow_empty_items));
  }
  return Status::Ok();
}

Status CheckSubnet(const std::string& where, const std::string& subnet) {
  auto cidr = chain::ParseCidr(subnet);
  if (!cidr.ok()) return Bad(where, cidr.status().ToString());
  if (cidr->address.family != chain::IpFamily::kV4) return Bad(where, "must be IPv4");
  if (cidr->prefix_length < 8 || cidr->prefix_length > 30) return Bad(where, "prefix length must be 8..30");
  if (!(cidr->address == cidr->Network())) return Bad(where, "host bits must be zero");
  return Status::Ok();
}

// Container checks that need the deployment's other workloads.
struct Names {
  std::map<std::string, std::string> networks;  // name -> subnet
  std::set<std::string> volumes;
  std::map<std::string, std::set<uint32_t>> used_ips;  // network -> ips
};

Status CheckContainer(const std::string& at, const ContainerWorkload& c, Names& names) {
  TF_RETURN_IF_ERROR(CheckString(at + ".image", c.image, false));
  if (c.cpu_millis == 0) return Bad(at + ".cpu_millis", "must be at least 1");
  if (c.memory < kMinVolumeSize) return Bad(at + ".memory", "must be at least 1 MiB");
  if (c.entrypoint.empty()) return Bad(at + ".entrypoint", "must not be empty");
  TF_RETURN_IF_ERROR(CheckList(at + ".entrypoint", c.entrypoint, true));
  TF_RETURN_IF_ERROR(CheckList(at + ".env", c.env, false));
  for (size_t i = 0; i < c.env.size(); ++i) {
    size_t eq = c.env[i].find('=');
    if (eq == std::string::npos || eq == 0) {
      return Bad(at + ".env[" + std::to_string(i) + "]", "must be \"KEY=VALUE\"");
    }
  }
  if (c.mounts.size() > kMaxDeploymentList) return Bad(at + ".mounts", "more than 64 entries");
  std::set<std::string> paths;
  for (size_t i = 0; i < c.mounts.size(); ++i) {
    const std::string m = at + ".mounts[" + std::to_string(i) + "]";
    const WorkloadMount& mount = c.mounts[i];
    if (!names.volumes.contains(mount.volume)) return Bad(m + ".volume", "no volume named \"" + mount.volume + "\"");
    TF_RETURN_IF_ERROR(CheckString(m + ".path", mount.path, false));
    if (mount.path.front() != '/' || mount.path == "/") return Bad(m + ".path", "must be an absolute path below /");
    if (mount.path.find("/../") != std::string::npos || mount.path.ends_with("/..")) {
      return Bad(m + ".path", "must not contain \"..\"");
    }
    if (!paths.insert(mount.path).second) return Bad(m + ".path", "mounted twice");
  }
  if (c.network.empty()) {
    if (!c.ip.empty()) return Bad(at + ".ip", "set without a network");
    return Status::Ok();
  }
  auto net = names.networks.find(c.network);
  if (net == names.networks.end()) return Bad(at + ".network", "no network named \"" + c.network + "\"");
  auto ip = chain::ParseIpv4(c.ip);
  if (!ip.ok()) return Bad(at + ".ip", ip.status().ToString());
  auto cidr = chain::ParseCidr(net->second);
  CHECK(cidr.ok());  // checked with its network workload
  if (!chain::InSubnet(*cidr, *ip)) return Bad(at + ".ip", c.ip + " is outside " + net->second);
  const uint32_t v = V4(*ip);
  const uint32_t first = V4(cidr->Network());
  if (v == first || v == first + 1 || v == V4(cidr->Broadcast())) {
    return Bad(at + ".ip", c.ip + " is the network, bridge (.1) or broadcast address");
  }
  if (!names.used_ips[c.network].insert(v).second) return Bad(at + ".ip", c.ip + " used twice");
  return Status::Ok();
}

void EncodeStrings(chain::Encoder& e, const std::vector<std::string>& v) {
  e.Compact(v.size());
  for (const std::string& s : v) e.Str(s);
}

Status DecodeStrings(chain::Decoder& d, std::vector<std::string>* out) {
  size_t n;
  TF_RETURN_IF_ERROR(d.Length(&n, kMaxDeploymentList));
  out->assign(n, {});
  for (std::string& s : *out) TF_RETURN_IF_ERROR(d.Str(&s, kMaxDeploymentString));
  return Status::Ok();
}

}  // namespace

std::string_view WorkloadTypeName(WorkloadType type) {
  switch (type) {
    case WorkloadType::kNetwork:
      return "network";
    case WorkloadType::kVolume:
      return "volume";
    case WorkloadType::kContainer:
      return "container";
  }
  return "unknown";
}

WorkloadType TypeOf(const Workload& w) { return static_cast<WorkloadType>(w.index()); }

const std::string& NameOf(const Workload& w) {
  return std::visit([](const auto& x) -> const std::string& { return x.name; }, w);
}

DeploymentUsage UsageOf(const Deployment& d) {
  DeploymentUsage u;
  for (const Workload& w : d.workloads) {
    if (const auto* v = std::get_if<VolumeWorkload>(&w)) u.storage += v->size;
    if (const auto* c = std::get_if<ContainerWorkload>(&w)) {
      u.cpu_millis += c->cpu_millis;
      u.memory += c->memory;
      if (c->public_ip) ++u.public_ips;
    }
  }
  return u;
}

Status Validate(const Deployment& d) {
  if (d.workloads.empty()) return Bad("workloads", "must not be empty");
  if (d.workloads.size() > kMaxWorkloads) return Bad("workloads", "more than 64 workloads");
  Names names;
  std::set<std::string> all;
  // Networks and volumes first, so containers may name them wherever they
  // appear.
  for (size_t i = 0; i < d.workloads.size(); ++i) {
    const Workload& w = d.workloads[i];
    TF_RETURN_IF_ERROR(CheckName(At(i) + ".name", NameOf(w)));
    if (!all.insert(NameOf(w)).second) return Bad(At(i) + ".name", "duplicate name \"" + NameOf(w) + "\"");
    if (const auto* n = std::get_if<NetworkWorkload>(&w)) {
      TF_RETURN_IF_ERROR(CheckSubnet(At(i) + ".subnet", n->subnet));
      names.networks[n->name] = n->subnet;
    } else if (const auto* v = std::get_if<VolumeWorkload>(&w)) {
      if (v->size < kMinVolumeSize) return Bad(At(i) + ".size", "must be at least 1 MiB");
      names.volumes.insert(v->name);
    }
  }
  for (size_t i = 0; i < d.workloads.size(); ++i) {
    if (const auto* c = std::get_if<ContainerWorkload>(&d.workloads[i])) {
      TF_RETURN_IF_ERROR(CheckContainer(At(i), *c, names));
    }
  }
  return Status::Ok();
}

namespace {

void EncodeBody(chain::Encoder& e, const Deployment& d) {
  e.U32(d.version);
  e.Compact(d.workloads.size());
  for (const Workload& w : d.workloads) {
    e.U8(static_cast<uint8_t>(TypeOf(w)));
    if (const auto* n = std::get_if<NetworkWorkload>(&w)) {
      e.Str(n->name);
      e.Str(n->subnet);
    } else if (const auto* v = std::get_if<VolumeWorkload>(&w)) {
      e.Str(v->name);
      e.U64(v->size);
    } else {
      const auto& c = std::get<ContainerWorkload>(w);
      e.Str(c.name);
      e.Str(c.image);
      e.Fixed(c.image_hash);
      e.U32(c.cpu_millis);
      e.U64(c.memory);
      EncodeStrings(e, c.entrypoint);
      EncodeStrings(e, c.env);
      e.Compact(c.mounts.size());
      for (const WorkloadMount& m : c.mounts) {
        e.Str(m.volume);
        e.Str(m.path);
      }
      e.Str(c.network);
      e.Str(c.ip);
      e.Bool(c.public_ip);
    }
  }
}

}  // namespace

void EncodeTo(chain::Encoder& e, const Deployment& d) {
  e.U64(d.contract_id);
  EncodeBody(e, d);
}

Status DecodeFrom(chain::Decoder& d, Deployment* out) {
  TF_RETURN_IF_ERROR(d.U64(&out->contract_id));
  TF_RETURN_IF_ERROR(d.U32(&out->version));
  size_t n;
  TF_RETURN_IF_ERROR(d.Length(&n, kMaxWorkloads, 2));
  out->workloads.clear();
  for (size_t i = 0; i < n; ++i) {
    uint8_t tag;
    TF_RETURN_IF_ERROR(d.U8(&tag));
    switch (static_cast<WorkloadType>(tag)) {
      case WorkloadType::kNetwork: {
        NetworkWorkload w;
        TF_RETURN_IF_ERROR(d.Str(&w.name, kMaxDeploymentString));
        TF_RETURN_IF_ERROR(d.Str(&w.subnet, kMaxDeploymentString));
        out->workloads.emplace_back(std::move(w));
        break;
      }
      case WorkloadType::kVolume: {
        VolumeWorkload w;
        TF_RETURN_IF_ERROR(d.Str(&w.name, kMaxDeploymentString));
        TF_RETURN_IF_ERROR(d.U64(&w.size));
        out->workloads.emplace_back(std::move(w));
        break;
      }
      case WorkloadType::kContainer: {
        ContainerWorkload w;
        TF_RETURN_IF_ERROR(d.Str(&w.name, kMaxDeploymentString));
        TF_RETURN_IF_ERROR(d.Str(&w.image, kMaxDeploymentString));
        TF_RETURN_IF_ERROR(d.Fixed(&w.image_hash));
        TF_RETURN_IF_ERROR(d.U32(&w.cpu_millis));
        TF_RETURN_IF_ERROR(d.U64(&w.memory));
        TF_RETURN_IF_ERROR(DecodeStrings(d, &w.entrypoint));
        TF_RETURN_IF_ERROR(DecodeStrings(d, &w.env));
        size_t m;
        TF_RETURN_IF_ERROR(d.Length(&m, kMaxDeploymentList, 2));
        w.mounts.assign(m, {});
        for (WorkloadMount& mount : w.mounts) {
          TF_RETURN_IF_ERROR(d.Str(&mount.volume, kMaxDeploymentString));
          TF_RETURN_IF_ERROR(d.Str(&mount.path, kMaxDeploymentString));
        }
        TF_RETURN_IF_ERROR(d.Str(&w.network, kMaxDeploymentString));
        TF_RETURN_IF_ERROR(d.Str(&w.ip, kMaxDeploymentString));
        TF_RETURN_IF_ERROR(d.Bool(&w.public_ip));
        out->workloads.emplace_back(std::move(w));
        break;
      }
      default:
        return Status::InvalidArgument("decode-bad-tag", "workload type " + std::to_string(tag));
    }
  }
  return Status::Ok();
}

chain::Hash256 DeploymentHash(const Deployment& d) {
  chain::Encoder e;
  EncodeBody(e, d);
  return chain::Blake2b256(e.bytes());
}

chain::Hash256 SigningHash(const Deployment& d, uint64_t timestamp_ms) {
  chain::Encoder e;
  e.Raw(chain::AsBytes("tfchain-deployment"));
  EncodeTo(e, d);
  e.U64(timestamp_ms);
  return chain::Blake2b256(e.bytes());
}

SignedDeployment SignDeployment(const Deployment& d, uint64_t timestamp_ms, const chain::SecretKey& key) {
  SignedDeployment s;
  s.deployment = d;
  s.timestamp_ms = timestamp_ms;
  s.signer = key.account_id();
  s.signature = key.Sign(SigningHash(d, timestamp_ms).span());
  return s;
}

bool VerifySignature(const SignedDeployment& s) {
  return chain::VerifyForAccount(s.signer, SigningHash(s.deployment, s.timestamp_ms).span(), s.signature);
}

}  // namespace tfchain::agent
