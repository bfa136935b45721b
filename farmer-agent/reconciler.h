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
  virtual Result<VolumeInfo> CreateVolume(const VolumeSpec& spec) = 0;
  virtual Status RemoveVolume(std::string_view id) = 0;
  virtual Result<std::vector<std::string>> ListVolumes() = 0;
  virtual Status CreateContainer(const ContainerSpec& spec) = 0;
  virtual Status PauseContainer(std::string_view id) = 0;
  virtual Status ResumeContainer(std::string_view id) = 0;
  virtual Status RemoveContainer(std::string_view id) = 0;
  virtual Result<ContainerState> ContainerStateOf(std::string_view id) = 0;
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
  Result<VolumeInfo> CreateVolume(const VolumeSpec& spec) override { return volumes_.Create(spec); }
  Status RemoveVolume(std::string_view id) override { return volumes_.Remove(id); }
  // Mounted volumes and images that lost their mount (restart).
  Result<std::vector<std::string>> ListVolumes() override;
  Status CreateContainer(const ContainerSpec& spec) override { return containers_.Create(spec); }
  Status PauseContainer(std::string_view id) override { return containers_.Pause(id); }
  Status ResumeContainer(std::string_view id) override { return containers_.Resume(id); }
  Status RemoveContainer(std::string_view id) override { return containers_.Remove(id); }
  Result<ContainerState> ContainerStateOf(std::string_view id) override { return containers_.State(id); }
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
  // Sends contract.ack. An "already-acknowledged" error counts as success.
  std::function<Status(chain::ContractId id, bool ok, const std::string& message)> ack;
  // Optional log sink.
  std::function<void(std::string_view)> log;
};

// contract_listByNode (all pages) through `client`, parsed with
// ContractInfoFromJson; deleted contracts are dropped.
Result<std::vector<ContractInfo>> ListNodeContracts(ChainClient& client, chain::NodeId node_id);

// Hooks over one ChainClient (used from the reconciler's thread only) signing
// acks with `node_key` (borrowed; must outlive the hooks).
ReconcilerHooks RpcReconcilerHooks(std::shared_ptr<ChainClient> client, const chain::SecretKey& node_key,
                                   chain::NodeId node_id, std::function<void(std::string_view)> log);

// The id of workload `name` of contract `id` on the host: "c<id>-<name>".
std::string WorkloadId(chain::ContractId id, std::string_view name);

// Keeps the host's workloads equal to the accepted deployments of this node's
// live contracts (docs/farmer-agent.md "Reconciler"):
//  - Accept stores <data>/deployments/<contract>.json (temp + rename) and wakes
//    the worker;
//  - each round (on Accept and every `interval`): for every stored deployment
//    whose contract is live and whose hash matches the contract's, creates in
//    order networks, endpoints (one per container with a network), volumes and
//    containers (ids WorkloadId()); grace pauses the containers, created resumes
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
  ~Reconciler() override;
  Reconciler(const Reconciler&) = delete;
  Reconciler& operator=(const Reconciler&) = delete;

  // Reads the stored deployments and statuses (unreadable files are logged and
  // skipped). Errors: "reconciler-io-failed" when the directories cannot be made.
  Status Load();

  // Errors: "reconciler-io-failed" (IoError) when the file cannot be written.
  Status Accept(const SignedDeployment& deployment) override;
  Result<nlohmann::json> GetStatus(chain::ContractId contract_id) override;

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
  Status Apply(const Deployment& d, ContractStatus* st);
  void PauseAll(const Deployment& d, ContractStatus* st);
  Status Teardown(chain::ContractId id, const Deployment& d);
  void Sweep(const std::map<chain::ContractId, Deployment>& wanted);
  void SetStatus(const ContractStatus& st);
  void Loop();

  const std::string data_dir_;
  WorkloadBackend& backend_;
  ReconcilerHooks hooks_;
  const std::chrono::milliseconds interval_;

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
