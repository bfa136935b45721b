// JSON forms of deployments and of the signed POST /deployments body
// (deployment.h). Strict: unknown fields, missing required fields, wrong JSON
// types and out-of-range numbers are "bad-deployment" with the field's path as
// detail.
#include <limits>
#include <nlohmann/json.hpp>
#include <set>

#include "chain/account_id.h"
#include "farmer-agent/deployment.h"

namespace tfchain::agent {
namespace {

using nlohmann::json;

Status Bad(const std::string& where, std::string_view what) {
  return Status::InvalidArgument("bad-deployment", where + ": " + std::string(what));
}

// Reads the fields of one JSON object, remembering which were read so that
// Finish() can refuse unknown ones.
class ObjectReader {
 public:
  ObjectReader(const json& value, std::string path) : value_(value), path_(std::move(path)) {}

  Status IsObject() const { return value_.is_object() ? Status::Ok() : Bad(path_, "must be an object"); }
  std::string Path(std::string_view key) const {
    return path_.empty() ? std::string(key) : path_ + "." + std::string(key);
  }

  // nullptr when absent (an error if required).
  Result<const json*> Get(std::string_view key, bool required) {
    seen_.insert(std::string(key));
    auto it = value_.find(key);
    if (it == value_.end()) {
      if (required) return Bad(Path(key), "missing");
      return static_cast<const json*>(nullptr);
    }
    return &*it;
  }

  Status Uint(std::string_view key, uint64_t max, uint64_t* out, bool required = true) {
    TF_ASSIGN_OR_RETURN(const json* v, Get(key, required));
    if (v == nullptr) return Status::Ok();
    if (!v->is_number_unsigned() && !(v->is_number_integer() && v->get<int64_t>() >= 0)) {
      return Bad(Path(key), "must be a non-negative integer");
    }
    uint64_t x = v->get<uint64_t>();
    if (x > max) return Bad(Path(key), "must be at most " + std::to_string(max));
    *out = x;
    return Status::Ok();
  }

  Status String(std::string_view key, std::string* out, bool required = true) {
    TF_ASSIGN_OR_RETURN(const json* v, Get(key, required));
    if (v == nullptr) return Status::Ok();
    if (!v->is_string()) return Bad(Path(key), "must be a string");
    *out = v->get<std::string>();
    return Status::Ok();
  }

  Status Bool(std::string_view key, bool* out, bool required = true) {
    TF_ASSIGN_OR_RETURN(const json* v, Get(key, required));
    if (v == nullptr) return Status::Ok();
    if (!v->is_boolean()) return Bad(Path(key), "must be true or false");
    *out = v->get<bool>();
    return Status::Ok();
  }

  Status Strings(std::string_view key, std::vector<std::string>* out, bool required = true) {
    TF_ASSIGN_OR_RETURN(const json* v, Get(key, required));
    if (v == nullptr) return Status::Ok();
    if (!v->is_array()) return Bad(Path(key), "must be an array of strings");
    out->clear();
    for (size_t i = 0; i < v->size(); ++i) {
      if (!(*v)[i].is_string()) return Bad(Path(key) + "[" + std::to_string(i) + "]", "must be a string");
      out->push_back((*v)[i].get<std::string>());
    }
    return Status::Ok();
  }

  Status Finish() const {
    for (auto it = value_.begin(); it != value_.end(); ++it) {
      if (!seen_.contains(it.key())) return Bad(Path(it.key()), "unknown field");
    }
    return Status::Ok();
  }

 private:
  const json& value_;
  std::string path_;
  std::set<std::string> seen_;
};

Result<Workload> ContainerFromJson(ObjectReader& r) {
  ContainerWorkload c;
  uint64_t cpu = 0;
  std::string hash_text;
  TF_RETURN_IF_ERROR(r.String("name", &c.name));
  TF_RETURN_IF_ERROR(r.String("image", &c.image));
  TF_RETURN_IF_ERROR(r.String("image_hash", &hash_text));
  auto hash = chain::Hash256::FromHex(hash_text);
  if (!hash.ok()) return Bad(r.Path("image_hash"), hash.status().ToString());
  c.image_hash = *hash;
  TF_RETURN_IF_ERROR(r.Uint("cpu_millis", std::numeric_limits<uint32_t>::max(), &cpu));
  c.cpu_millis = static_cast<uint32_t>(cpu);
  TF_RETURN_IF_ERROR(r.Uint("memory", std::numeric_limits<uint64_t>::max(), &c.memory));
  TF_RETURN_IF_ERROR(r.Strings("entrypoint", &c.entrypoint));
  TF_RETURN_IF_ERROR(r.Strings("env", &c.env, false));
  TF_ASSIGN_OR_RETURN(const json* mounts, r.Get("mounts", false));
  if (mounts != nullptr) {
    if (!mounts->is_array()) return Bad(r.Path("mounts"), "must be an array");
    for (size_t i = 0; i < mounts->size(); ++i) {
      ObjectReader m((*mounts)[i], r.Path("mounts") + "[" + std::to_string(i) + "]");
      TF_RETURN_IF_ERROR(m.IsObject());
      WorkloadMount mount;
      TF_RETURN_IF_ERROR(m.String("volume", &mount.volume));
      TF_RETURN_IF_ERROR(m.String("path", &mount.path));
      TF_RETURN_IF_ERROR(m.Finish());
      c.mounts.push_back(std::move(mount));
    }
  }
  TF_RETURN_IF_ERROR(r.String("network", &c.network, false));
  TF_RETURN_IF_ERROR(r.String("ip", &c.ip, false));
  TF_RETURN_IF_ERROR(r.Bool("public_ip", &c.public_ip, false));
  return Workload(std::move(c));
}

Result<Workload> WorkloadFromJson(const json& value, const std::string& path) {
  ObjectReader r(value, path);
  TF_RETURN_IF_ERROR(r.IsObject());
  std::string type;
  TF_RETURN_IF_ERROR(r.String("type", &type));
  Result<Workload> out = Bad(r.Path("type"), "unknown workload type \"" + type + "\"");
  if (type == "network") {
    NetworkWorkload n;
    TF_RETURN_IF_ERROR(r.String("name", &n.name));
    TF_RETURN_IF_ERROR(r.String("subnet", &n.subnet));
    out = Workload(std::move(n));
  } else if (type == "volume") {
    VolumeWorkload v;
    TF_RETURN_IF_ERROR(r.String("name", &v.name));
    TF_RETURN_IF_ERROR(r.Uint("size", std::numeric_limits<uint64_t>::max(), &v.size));
    out = Workload(std::move(v));
  } else if (type == "container") {
    out = ContainerFromJson(r);
  }
  if (!out.ok()) return out;
  TF_RETURN_IF_ERROR(r.Finish());
  return out;
}

json WorkloadToJson(const Workload& w) {
  if (const auto* n = std::get_if<NetworkWorkload>(&w)) {
    return {{"type", "network"}, {"name", n->name}, {"subnet", n->subnet}};
  }
  if (const auto* v = std::get_if<VolumeWorkload>(&w)) {
    return {{"type", "volume"}, {"name", v->name}, {"size", v->size}};
  }
  const auto& c = std::get<ContainerWorkload>(w);
  json mounts = json::array();
  for (const WorkloadMount& m : c.mounts) mounts.push_back({{"volume", m.volume}, {"path", m.path}});
  return {{"type", "container"},
          {"name", c.name},
          {"image", c.image},
          {"image_hash", c.image_hash.Hex()},
          {"cpu_millis", c.cpu_millis},
          {"memory", c.memory},
          {"entrypoint", c.entrypoint},
          {"env", c.env},
          {"mounts", std::move(mounts)},
          {"network", c.network},
          {"ip", c.ip},
          {"public_ip", c.public_ip}};
}

}  // namespace

json DeploymentToJson(const Deployment& d) {
  json workloads = json::array();
  for (const Workload& w : d.workloads) workloads.push_back(WorkloadToJson(w));
  return {{"contract_id", d.contract_id}, {"version", d.version}, {"workloads", std::move(workloads)}};
}

Result<Deployment> DeploymentFromJson(const json& value) {
  ObjectReader r(value, "deployment");
  TF_RETURN_IF_ERROR(r.IsObject());
  Deployment d;
  uint64_t version = 0;
  TF_RETURN_IF_ERROR(r.Uint("contract_id", std::numeric_limits<uint64_t>::max(), &d.contract_id));
  TF_RETURN_IF_ERROR(r.Uint("version", std::numeric_limits<uint32_t>::max(), &version));
  d.version = static_cast<uint32_t>(version);
  TF_ASSIGN_OR_RETURN(const json* workloads, r.Get("workloads", true));
  if (!workloads->is_array()) return Bad(r.Path("workloads"), "must be an array");
  if (workloads->size() > kMaxWorkloads) return Bad(r.Path("workloads"), "more than 64 workloads");
  for (size_t i = 0; i < workloads->size(); ++i) {
    TF_ASSIGN_OR_RETURN(Workload w, WorkloadFromJson((*workloads)[i], "workloads[" + std::to_string(i) + "]"));
    d.workloads.push_back(std::move(w));
  }
  TF_RETURN_IF_ERROR(r.Finish());
  TF_RETURN_IF_ERROR(Validate(d));
  return d;
}

json SignedDeploymentToJson(const SignedDeployment& s) {
  return {{"deployment", DeploymentToJson(s.deployment)},
          {"timestamp_ms", s.timestamp_ms},
          {"signer", chain::ToSs58(s.signer)},
          {"signature", chain::ToHex(s.signature.bytes())}};
}

Result<SignedDeployment> ParseSignedDeployment(std::string_view body) {
  if (body.size() > kMaxDeploymentBody) return Bad("body", "longer than 1 MiB");
  json value = json::parse(body, nullptr, /*allow_exceptions=*/false);
  if (value.is_discarded()) return Bad("body", "not valid JSON");
  ObjectReader r(value, "");
  TF_RETURN_IF_ERROR(r.IsObject());
  SignedDeployment s;
  TF_ASSIGN_OR_RETURN(const json* deployment, r.Get("deployment", true));
  TF_ASSIGN_OR_RETURN(s.deployment, DeploymentFromJson(*deployment));
  TF_RETURN_IF_ERROR(r.Uint("timestamp_ms", std::numeric_limits<uint64_t>::max(), &s.timestamp_ms));
  std::string signer, signature;
  TF_RETURN_IF_ERROR(r.String("signer", &signer));
  auto account = chain::ParseSs58(signer);
  if (!account.ok()) return Bad("signer", account.status().ToString());
  s.signer = *account;
  TF_RETURN_IF_ERROR(r.String("signature", &signature));
  auto raw = chain::FromHex(signature);
  if (!raw.ok()) return Bad("signature", raw.status().ToString());
  const chain::KeyScheme scheme =
      raw->size() == chain::Signature::kSecp256k1Size ? chain::KeyScheme::kSecp256k1 : chain::KeyScheme::kEd25519;
  auto sig = chain::Signature::Parse(scheme, *raw);
  if (!sig.ok()) return Bad("signature", "must be 64 (ed25519) or 65 (secp256k1) bytes of hex");
  s.signature = *sig;
  TF_RETURN_IF_ERROR(r.Finish());
  return s;
}

}  // namespace tfchain::agent
