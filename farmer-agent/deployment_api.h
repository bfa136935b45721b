#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <mutex>
#include <nlohmann/json.hpp>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "chain/account_id.h"
#include "chain/bytes.h"
#include "chain/grid_types.h"
#include "chain/market_types.h"
#include "chain/status.h"
#include "farmer-agent/deployment.h"

namespace httplib {
class Server;
}

namespace tfchain::agent {

// What the deployment API needs to know about a contract (from contract_get).
struct ContractInfo {
  chain::ContractId contract_id = 0;
  chain::TwinId twin_id = 0;
  chain::NodeId node_id = 0;
  chain::ContractState state = chain::ContractState::kCreated;
  chain::Hash256 deployment_hash;
  chain::Resources resources;    // reserved: cru cores, mru/sru/hru bytes
  std::vector<std::string> ips;  // the public IPs the contract reserved
  bool ack_pending = false;      // the chain still waits for the node's contract.ack ("185.69.166.10/24")
  // gateways[i] is the farm's gateway of ips[i] (grid_getFarm public_ips); empty or shorter
  // than ips when unknown (contract_get alone does not say). Filled by ListNodeContracts.
  std::vector<std::string> gateways;
};

// The agent's read-only view of the chain. Implementations may block (RPC) and
// must be safe to call from several threads at once.
class ChainView {
 public:
  virtual ~ChainView() = default;
  // Errors: NotFound "contract-not-found"; kUnavailable when the chain cannot
  // be asked.
  virtual Result<ContractInfo> GetContract(chain::ContractId id) = 0;
  // The account of a twin (whose key signs its deployments). Errors: NotFound
  // "twin-not-found"; kUnavailable.
  virtual Result<chain::AccountId> TwinAccount(chain::TwinId twin_id) = 0;
  // The node this agent runs.
  virtual chain::NodeId node_id() const = 0;
};

// Where accepted deployments go (the reconciler). Must be thread-safe.
class DeploymentSink {
 public:
  virtual ~DeploymentSink() = default;
  // Takes a deployment that passed every check (stores it for provisioning). A
  // failure is returned to the client as is.
  virtual Status Accept(const SignedDeployment& deployment) = 0;
  // Per-workload state of a contract's deployment:
  //   {"contract_id": N, "workloads": [{"name", "type", "message",
  //     "state": "init"|"ok"|"error"|"paused"|"deleted"}]}
  // Error: NotFound "deployment-not-found".
  // (Named GetStatus, not Status, so that it does not hide the Status type.)
  virtual Result<nlohmann::json> GetStatus(chain::ContractId contract_id) = 0;
};

struct DeploymentApiOptions {
  // A request whose timestamp_ms is further than this from the agent's clock is
  // stale.
  uint64_t max_clock_skew_ms = 60'000;
};

// The HTTP API of deployments, independent of the HTTP library: POST
// /deployments and GET /deployments/{contract_id}. Thread-safe (the replay
// cache is locked).
class DeploymentApi {
 public:
  // `chain` and `sink` are borrowed and must outlive the API.
  DeploymentApi(ChainView& chain, DeploymentSink& sink, DeploymentApiOptions options = {});

  // Checks a POST /deployments body at agent time `now_ms` and hands it to the
  // sink. On success returns
  //   {"contract_id", "deployment_hash", "status": "accepted"}.
  // Errors (InvalidArgument unless noted), in this order, each before the sink
  // is called:
  //   "bad-deployment"      not JSON / schema / deployment rules (deployment.h)
  //   "stale-request"       timestamp_ms more than max_clock_skew_ms from now_ms
  //   "bad-signature"       the signature does not verify for `signer`
  //   "replayed-request"    this signed request is being handled or was
  //                         accepted (remembered for the skew window; refused
  //                         requests are forgotten, so they may be retried)
  //   the ChainView's errors (NotFound "contract-not-found", Unavailable, ...)
  //   "not-contract-owner"  signer is not the account of the contract's twin
  //   "hash-mismatch"       DeploymentHash differs from its deployment_hash
  //   "contract-not-live"   the contract is deleted (grace is accepted)
  //   "wrong-node"          the contract is for another node
  //   "exceeds-contract"    the containers' cpu/memory, the volumes or public
  //                         IPs exceed cru×1000 millicores, mru, sru or ips
  // then the sink's error, if any.
  Result<nlohmann::json> HandlePost(std::string_view body, uint64_t now_ms);

  // GET /deployments/{contract_id}: the sink's status. Errors: the sink's.
  Result<nlohmann::json> HandleGet(chain::ContractId contract_id);

 private:
  // True if the signature is new (and records it); prunes entries older than
  // the window.
  bool RememberSignature(const chain::Signature& sig, uint64_t timestamp_ms, uint64_t now_ms);
  void ForgetSignature(const chain::Signature& sig);
  // The checks after the signature and replay ones, then the sink.
  Result<nlohmann::json> CheckAndAccept(const SignedDeployment& req);

  ChainView& chain_;
  DeploymentSink& sink_;
  DeploymentApiOptions options_;
  std::mutex mu_;
  // Signatures of verified requests and, for pruning, the same keyed by request
  // timestamp. GUARDED_BY(mu_)
  std::set<chain::Bytes> seen_;
  std::multimap<uint64_t, chain::Bytes> seen_by_time_;
};

// The HTTP status for a failure of DeploymentApi (400 bad input, 401/403
// signature or owner, 404 not found, 409 hash/state/replay conflicts, 421 wrong
// node, 422 exceeds, 503 unavailable, 500 otherwise).
int HttpStatusFor(const Status& status);

// Mounts POST /deployments and GET /deployments/{id} on `server`. Errors are
// answered as {"error": reason, "message": detail}. `now_ms` gives the agent's
// clock (ms since the epoch). `api` must outlive the server's use of the
// routes.
void MountDeploymentApi(httplib::Server& server, DeploymentApi& api, std::function<uint64_t()> now_ms);

}  // namespace tfchain::agent
