#pragma once

#include <cstdint>
#include <nlohmann/json_fwd.hpp>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "chain/account_id.h"
#include "chain/bytes.h"
#include "chain/codec.h"
#include "chain/keys.h"
#include "chain/status.h"

namespace tfchain::agent {

using chain::Result;
using chain::Status;

// A deployment: what a contract owner wants to run on the node of a node
// contract (docs/farmer-agent.md "Deployments"). Its JSON form is
//   {"contract_id": 7, "version": 1, "workloads": [ <workload>, ... ]}
// with one workload object per entry, tagged by "type" ("network", "volume",
// "container"). Its canonical binary encoding (grammar in deployment.cpp) without
// the contract id is what the contract's on-chain deployment_hash commits to:
// DeploymentHash() = BLAKE2b-256 of it, known before the contract exists (the
// signature binds the deployment to its contract id).
//
// Plain value types; thread-compatible. All functions here are pure and
// thread-safe.

// Limits of a deployment (refused with "bad-deployment" beyond them).
inline constexpr size_t kMaxWorkloads = 64;
inline constexpr size_t kMaxWorkloadName = 48;         // names: 1..48 of [a-z0-9-]
inline constexpr size_t kMaxDeploymentString = 4096;   // image, env entries, args, paths
inline constexpr size_t kMaxDeploymentList = 64;       // entrypoint, env, mounts
inline constexpr uint64_t kMinVolumeSize = 1 << 20;    // 1 MiB
inline constexpr size_t kMaxDeploymentBody = 1 << 20;  // bytes of a POST /deployments body

// A private network: a bridge with the containers' veth ends. `subnet` is an
// IPv4 CIDR with host bits clear, prefix length 8..30 ("10.88.3.0/24"); the
// bridge takes the first host address (.1), which no container may use.
struct NetworkWorkload {
  std::string name;
  std::string subnet;
  bool operator==(const NetworkWorkload&) const = default;
};

// An ext4 volume of `size` bytes (>= kMinVolumeSize), counted against the
// contract's sru.
struct VolumeWorkload {
  std::string name;
  uint64_t size = 0;
  bool operator==(const VolumeWorkload&) const = default;
};

// A volume of the same deployment mounted at `path` (absolute) in a container.
struct WorkloadMount {
  std::string volume;
  std::string path;
  bool operator==(const WorkloadMount&) const = default;
};

// A container run with runc. `image` is a local path or an http(s) URL of a
// rootfs tarball whose BLAKE2b-256 must be `image_hash`. `network` names a
// network workload of the deployment (empty: no network; then `ip` is empty
// too), `ip` is its address there. `public_ip` asks for one of the contract's
// reserved public IPs.
struct ContainerWorkload {
  std::string name;
  std::string image;
  chain::Hash256 image_hash;
  uint32_t cpu_millis = 0;              // >= 1; counted against cru × 1000
  uint64_t memory = 0;                  // bytes, >= 1 MiB; counted against mru
  std::vector<std::string> entrypoint;  // argv, at least one element
  std::vector<std::string> env;         // "K=V"
  std::vector<WorkloadMount> mounts;
  std::string network;
  std::string ip;
  bool public_ip = false;
  bool operator==(const ContainerWorkload&) const = default;
};

// The wire tags of the workload union (part of the canonical encoding; never
// change).
enum class WorkloadType : uint8_t { kNetwork = 0, kVolume = 1, kContainer = 2 };
// "network" / "volume" / "container".
std::string_view WorkloadTypeName(WorkloadType type);

// Alternative index == WorkloadType value.
using Workload = std::variant<NetworkWorkload, VolumeWorkload, ContainerWorkload>;
WorkloadType TypeOf(const Workload& w);
const std::string& NameOf(const Workload& w);

struct Deployment {
  uint64_t contract_id = 0;
  uint32_t version = 0;
  std::vector<Workload> workloads;
  bool operator==(const Deployment&) const = default;
};

// What the reserved resources of a contract must cover: sum of cpu_millis and
// memory of the containers, of the volume sizes, and the number of public IPs.
struct DeploymentUsage {
  uint64_t cpu_millis = 0;
  uint64_t memory = 0;
  uint64_t storage = 0;
  uint64_t public_ips = 0;
};
DeploymentUsage UsageOf(const Deployment& d);

// Checks every rule above: names valid and unique (across all workloads),
// limits, subnets, volume and memory sizes, mounts of known volumes at absolute
// and distinct paths, networks known, ips inside their subnet (not the network,
// bridge or broadcast address) and distinct per network. Error: InvalidArgument
// "bad-deployment" with a detail naming the field
// ("workloads[2].mounts[0].volume: no volume named \"x\"").
Status Validate(const Deployment& d);

// The canonical encoding and its inverse. DecodeFrom is strict (chain/codec.h
// rules), applies only the size caps (strings <= kMaxDeploymentString,
// workloads <= kMaxWorkloads, lists <= kMaxDeploymentList) and does not
// Validate().
void EncodeTo(chain::Encoder& e, const Deployment& d);
Status DecodeFrom(chain::Decoder& d, Deployment* out);
// BLAKE2b-256 of Encode(d) without its leading contract_id: the contract's
// deployment_hash. Independent of d.contract_id.
chain::Hash256 DeploymentHash(const Deployment& d);

// JSON form (above). FromJson rejects unknown and missing fields, wrong JSON
// types and out-of-range numbers, then runs Validate(). Error: "bad-deployment"
// with a detail naming the field. Required container fields: name, image,
// image_hash, cpu_millis, memory, entrypoint; optional: env, mounts ([] ),
// network, ip (""), public_ip (false).
nlohmann::json DeploymentToJson(const Deployment& d);
Result<Deployment> DeploymentFromJson(const nlohmann::json& value);

// A deployment as POSTed to the agent, signed by the contract owner's twin
// account.
struct SignedDeployment {
  Deployment deployment;
  uint64_t timestamp_ms = 0;
  chain::AccountId signer;
  chain::Signature signature;
  bool operator==(const SignedDeployment&) const = default;
};

// What the signature covers: BLAKE2b-256("tfchain-deployment" || Encode(d) ||
// timestamp_ms as u64 little-endian).
chain::Hash256 SigningHash(const Deployment& d, uint64_t timestamp_ms);
// Signs `d` at `timestamp_ms` with `key` (the owner's twin account key).
SignedDeployment SignDeployment(const Deployment& d, uint64_t timestamp_ms, const chain::SecretKey& key);
// True iff the signature is valid for `signer` (chain::VerifyForAccount;
// ed25519 and secp256k1 accounts).
[[nodiscard]] bool VerifySignature(const SignedDeployment& s);

// The POST /deployments body:
//   {"deployment": {...}, "timestamp_ms": N, "signer": "ss58", "signature": "0x.."}
// The signature is 64 bytes (ed25519) or 65 bytes (secp256k1) of hex.
nlohmann::json SignedDeploymentToJson(const SignedDeployment& s);
// Parses the body text. Errors: "bad-deployment" (longer than
// kMaxDeploymentBody, not JSON, schema, Validate) with a detail naming the
// field; does not verify the signature.
Result<SignedDeployment> ParseSignedDeployment(std::string_view body);

}  // namespace tfchain::agent
