#pragma once

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include "chain/grid_types.h"
#include "chain/keys.h"
#include "chain/status.h"
#include "farmer-agent/chain_client.h"
#include "farmer-agent/deployment.h"
#include "farmer-agent/deployment_api.h"
#include "farmer-agent/provision/container.h"
#include "farmer-agent/provision/network.h"
#include "farmer-agent/provision/volume.h"

namespace tfchain::agent {

// A container's log is rotated (one previous copy kept) once it is larger than this.
inline constexpr uint64_t kMaxContainerLog = 8ull << 20;

// What the reconciler does to the host, as one interface so that tests can use
// a fake. Every method is idempotent (see the provisioners). The List methods
// return ids. Called from the reconciler's thread only.
class WorkloadBackend {
 public:
  virtual ~WorkloadBackend() = default;
  virtual Status CreateNetwork(const NetworkSpec& spec) = 0;
  virtual Status RemoveNetwork(std::string_view id) = 0;
  virtual Result<std::vector<std::string>> ListNetworks() = 0;
  // Returns the endpoint's netns path.
  virtual Result<std::string> CreateEndpoint(const EndpointSpec& spec) = 0;
  virtual Status RemoveEndpoint(std::string_view id) = 0;
  virtual Result<std::vector<std::string>> ListEndpoints() = 0;
  // Gives endpoint `endpoint_id` the public address `cidr` with the default route via
  // `gateway`, bridged to `uplink` (NetworkProvisioner::AddPublicIp). Its public link goes
  // with RemoveEndpoint.
  virtual Status AddPublicIp(std::string_view endpoint_id, std::string_view cidr, std::string_view gateway,
                             std::string_view uplink) = 0;
  virtual Result<VolumeInfo> CreateVolume(const VolumeSpec& spec) = 0;
  virtual Status RemoveVolume(std::string_view id) = 0;
  virtual Result<std::vector<std::string>> ListVolumes() = 0;
  virtual Status CreateContainer(const ContainerSpec& spec) = 0;
  virtual Status PauseContainer(std::string_view id) = 0;
  virtual Status ResumeContainer(std::string_view id) = 0;
  virtual Status RemoveContainer(std::string_view id) = 0;
  virtual Result<ContainerState> ContainerStateOf(std::string_view id) = 0;
  // Bounds the container's log (ContainerProvisioner::TrimLog with kMaxContainerLog).
  virtual Status TrimContainerLog(std::string_view id) = 0;
  virtual Result<std::vector<std::string>> ListContainers() = 0;
};

// The real backend: the Linux provisioners rooted at <data>/{containers,volumes,
// networks}, network name prefix `net_prefix`.
class LinuxWorkloadBackend : public WorkloadBackend {
 public:
  LinuxWorkloadBackend(const std::string& data_dir, std::string net_prefix = "tf", std::string runc = "runc");
  Status CreateNetwork(const NetworkSpec& spec) override { return networks_.CreateNetwork(spec); }
  Status RemoveNetwork(std::string_view id) override { return networks_.RemoveNetwork(id); }
  // Networks/endpoints with a state file under <data>/networks.
  Result<std::vector<std::string>> ListNetworks() override;
  Result<std::string> CreateEndpoint(const EndpointSpec& spec) override { return networks_.CreateEndpoint(spec); }
  Status RemoveEndpoint(std::string_view id) override { return networks_.RemoveEndpoint(id); }
  Result<std::vector<std::string>> ListEndpoints() override;
  Status AddPublicIp(std::string_view endpoint_id, std::string_view cidr, std::string_view gateway,
                     std::string_view uplink) override {
    return networks_.AddPublicIp(endpoint_id, cidr, gateway, uplink);
  }
  Result<VolumeInfo> CreateVolume(const VolumeSpec& spec) override { return volumes_.Create(spec); }
  Status RemoveVolume(std::string_view id) override { return volumes_.Remove(id); }
  // Mounted volumes and images that lost their mount (restart).
  Result<std::vector<std::string>> ListVolumes() override;
  Status CreateContainer(const ContainerSpec& spec) override { return containers_.Create(spec); }
  Status PauseContainer(std::string_view id) override { return containers_.Pause(id); }
  Status ResumeContainer(std::string_view id) override { return containers_.Resume(id); }
  Status RemoveContainer(std::string_view id) override { return containers_.Remove(id); }
  Result<ContainerState> ContainerStateOf(std::string_view id) override { return containers_.State(id); }
  Status TrimContainerLog(std::string_view id) override { return containers_.TrimLog(id, kMaxContainerLog); }
  Result<std::vector<std::string>> ListContainers() override { return containers_.List(); }

  ContainerProvisioner& containers() { return containers_; }

 private:
  std::string networks_root_;
  std::string volumes_root_;
  ContainerProvisioner containers_;
  VolumeProvisioner volumes_;
  NetworkProvisioner networks_;
};

// How the reconciler talks to the chain.
struct ReconcilerHooks {
  // The live (created or grace) contracts of this node. An error skips the
  // round (nothing is removed on an error).
  std::function<Result<std::vector<ContractInfo>>()> list_contracts;
  // Sends contract.ack: a failed one (which deletes the contract) waits for its
  // inclusion, an ok one only for the node's admission. An "already-acknowledged" error
  // counts as success.
  std::function<Status(chain::ContractId id, bool ok, const std::string& message)> ack;
  // Optional log sink.
  std::function<void(std::string_view)> log;
};

// contract_listByNode (all pages) through `client`, parsed with
// ContractInfoFromJson; deleted contracts are dropped. When `farm_id` (the
// node's farm) is not 0 and a contract reserved public IPs, one grid_getFarm
// fills their `gateways` (FillGatewaysFromFarm; its errors fail the call).
Result<std::vector<ContractInfo>> ListNodeContracts(ChainClient& client, chain::NodeId node_id,
                                                    chain::FarmId farm_id = 0);

// Hooks over one ChainClient (used from the reconciler's thread only) signing
// acks with `node_key` (borrowed; must outlive the hooks). `farm_id`: the
// node's farm, for the public IPs' gateways (0: not looked up).
ReconcilerHooks RpcReconcilerHooks(std::shared_ptr<ChainClient> client, const chain::SecretKey& node_key,
                                   chain::NodeId node_id, std::function<void(std::string_view)> log,
                                   chain::FarmId farm_id = 0);

// How a Reconciler runs.
struct ReconcilerOptions {
  // Time between rounds (a round also runs on every Accept).
  std::chrono::milliseconds interval = std::chrono::seconds(2);
  // The host interface public IPs are bridged to (--public-uplink); empty: a container
  // with public_ip fails with "public-ip-unsupported".
  std::string public_uplink;
  // An ok ack is sent without waiting for its inclusion (a burst of new contracts would
  // otherwise be acknowledged one block at a time and miss the chain's deadline); when
  // the contract still shows "ack": "pending" this long after, it is sent again.
  std::chrono::milliseconds ack_retry = std::chrono::seconds(15);
  // A deployment that was fully applied, whose contract has not changed since, is only
  // checked for its containers still running (cheap) on most rounds; everything it has
  // (networks, endpoints, public IPs, volumes) is re-applied at least this often.
  std::chrono::milliseconds full_resync = std::chrono::seconds(60);
};

// A container gets an endpoint (a network namespace) when it is on a network or has a
// public IP.
bool HasEndpoint(const ContainerWorkload& c);

// The text of a failure as acks and workload statuses carry it (Status::ToString cut to
// chain::kMaxAckMessage bytes).
std::string AckMessage(const Status& s);

// The id of workload `name` of contract `id` on the host: "c<id>-<name>".
std::string WorkloadId(chain::ContractId id, std::string_view name);

// Keeps the host's workloads equal to the accepted deployments of this node's
// live contracts (docs/farmer-agent.md "Reconciler"):
//  - Accept stores <data>/deployments/<contract>.json (temp + rename) and wakes
//    the worker;
//  - each round (on Accept and every `interval`): for every stored deployment
//    whose contract is live and whose hash matches the contract's, creates in
//    order networks, volumes, then per container its endpoint (one per container
//    with a network or a public IP; standalone, i.e. without eth0, when it has
//    no network), its public IP (the i-th public_ip container in deployment
//    order gets the contract's ips[i] and gateways[i], on the options'
//    public_uplink) and the container (ids WorkloadId()); grace pauses the containers, created resumes
//    them; the first success acks ok, a failure removes what was made for the
//    contract and acks failed with the reason (not retried until a new
//    deployment is accepted); a contract no longer listed is torn down and its
//    files removed; host objects named c<N>-... that no stored deployment wants
//    are removed (anything else is never touched).
//  - per-contract status (ack, failure, workload states) is persisted in
//    <data>/status/<contract>.json so a restart neither re-acks nor duplicates.
// Thread-safe. The backend and hooks are used from one reconcile at a time.
class Reconciler : public DeploymentSink {
 public:
  // `backend` is borrowed and must outlive the reconciler.
  Reconciler(std::string data_dir, WorkloadBackend& backend, ReconcilerHooks hooks,
             std::chrono::milliseconds interval = std::chrono::seconds(2));
  Reconciler(std::string data_dir, WorkloadBackend& backend, ReconcilerHooks hooks, ReconcilerOptions options);
  ~Reconciler() override;
  Reconciler(const Reconciler&) = delete;
  Reconciler& operator=(const Reconciler&) = delete;

  // Reads the stored deployments and statuses (unreadable files are logged and
  // skipped). Errors: "reconciler-io-failed" when the directories cannot be made.
  Status Load();

  // Errors: "reconciler-io-failed" (IoError) when the file cannot be written.
  Status Accept(const SignedDeployment& deployment) override;
  Result<nlohmann::json> GetStatus(chain::ContractId contract_id) override;

  // The deployments that run now: every workload "ok" (not failed, paused, deleted or
  // still being made), sorted by contract id. For the usage reporter. Thread-safe.
  std::vector<Deployment> RunningDeployments() const;

  // One round, synchronously (tests; the worker calls it too).
  void ReconcileOnce();
  // Starts/stops the worker thread (Stop waits for a running round).
  void Start();
  void Stop();

 private:
  struct WorkloadStatus {
    std::string name, type, state, message;
  };
  struct ContractStatus {
    chain::ContractId contract_id = 0;
    chain::Hash256 deployment_hash;
    bool acked = false;
    std::chrono::steady_clock::time_point ack_sent{};  // when the ack was admitted (not persisted)
    // The contract as of the last full Apply, and when (not persisted: a restart applies).
    std::string applied_fingerprint;
    std::chrono::steady_clock::time_point applied_at{};
    bool failed = false;
    bool deleted = false;
    std::string message;
    std::vector<WorkloadStatus> workloads;
  };

  static nlohmann::json StatusToJson(const ContractStatus& s, bool full);
  static ContractStatus InitialStatus(const Deployment& d);
  std::string DeploymentPath(chain::ContractId id) const;
  std::string StatusPath(chain::ContractId id) const;
  void Log(const std::string& line) const;
  void SaveStatus(const ContractStatus& s);
  // The steps of a round (reconcile_mu_ held).
  Status Apply(const Deployment& d, const ContractInfo& info, ContractStatus* st);
  // The index-th public IP of the contract and its gateway. Errors:
  // "public-ip-unsupported" (no public_uplink_), "public-ip-unavailable".
  Status PublicIpOf(const ContractInfo& info, size_t index, std::string* cidr, std::string* gateway) const;
  void PauseAll(const Deployment& d, ContractStatus* st);
  // True when every container of `d` runs (and bounds their logs): the round's fast path.
  bool ContainersRunning(const Deployment& d);
  Status Teardown(chain::ContractId id, const Deployment& d);
  void Sweep(const std::map<chain::ContractId, Deployment>& wanted);
  void SetStatus(const ContractStatus& st);
  void Loop();

  const std::string data_dir_;
  WorkloadBackend& backend_;
  ReconcilerHooks hooks_;
  const std::chrono::milliseconds interval_;
  const std::string public_uplink_;
  const std::chrono::milliseconds ack_retry_;
  const std::chrono::milliseconds full_resync_;

  std::mutex reconcile_mu_;  // one round at a time
  mutable std::mutex mu_;
  std::map<chain::ContractId, Deployment> deployments_;    // GUARDED_BY(mu_)
  std::map<chain::ContractId, ContractStatus> statuses_;   // GUARDED_BY(mu_)
  bool wake_ = false;                                      // GUARDED_BY(mu_)
  bool stop_ = false;                                      // GUARDED_BY(mu_)
  std::condition_variable cv_;
  std::thread worker_;
};

}  // namespace tfchain::agent
