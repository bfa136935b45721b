#pragma once

#include <memory>
#include <mutex>
#include <nlohmann/json_fwd.hpp>

#include "farmer-agent/chain_client.h"
#include "farmer-agent/deployment_api.h"

namespace tfchain::agent {

// Reads a contract_get result ({"contract_id", "twin_id", "state", "node_id",
// "resources", "ips", "deployment_hash", ...}; extra fields ignored). A name
// contract's null node_id reads as node 0, which no agent runs. Error: Internal
// "bad-rpc-response" naming the field. Thread-safe.
Result<ContractInfo> ContractInfoFromJson(const nlohmann::json& value);

// Sets each contract's `gateways` from a grid_getFarm result ({"public_ips": [{"ip",
// "gateway", "contract_id"}, ...], ...}): gateways[i] is the gateway of the farm entry whose
// "ip" equals ips[i] ("" when the farm has no such entry). Contracts without ips are left
// as they are. Error: Internal "bad-rpc-response" when public_ips is missing or malformed
// (then nothing is changed). Pure; thread-safe.
Status FillGatewaysFromFarm(const nlohmann::json& farm, std::vector<ContractInfo>* contracts);

// The deployment API's ChainView over JSON-RPC: contract_get and grid_getTwin
// through a ChainClient. Thread-safe: calls are serialised on one client (they
// are short and rare: one pair per POST /deployments).
class RpcChainView : public ChainView {
 public:
  // Takes ownership of `client`; `node_id` is this agent's node.
  RpcChainView(std::unique_ptr<ChainClient> client, chain::NodeId node_id);

  // Errors: the node's (NotFound "contract-not-found"), Unavailable
  // "node-unreachable", Internal "bad-rpc-response".
  Result<ContractInfo> GetContract(chain::ContractId id) override;
  // Errors: the node's (NotFound for an unknown twin), "node-unreachable",
  // "bad-rpc-response".
  Result<chain::AccountId> TwinAccount(chain::TwinId twin_id) override;
  chain::NodeId node_id() const override { return node_id_; }

 private:
  std::mutex mu_;
  std::unique_ptr<ChainClient> client_;  // GUARDED_BY(mu_)
  const chain::NodeId node_id_;
};

}  // namespace tfchain::agent
