#pragma once

#include <chrono>
#include <cstdint>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "chain/market_types.h"
#include "chain/status.h"

namespace tfchain::wallet {

// Internal to the wallet library: an HTTP client for a farmer agent's deployment API
// (docs/farmer-agent.md "Deployment API"): POST /deployments and
// GET /deployments/{contract_id}. Not thread-safe.

// One workload's state as the agent reports it.
struct AgentWorkloadState {
  std::string name;
  std::string type;
  std::string state;  // "init" | "ok" | "error" | "paused" | "deleted"
  std::string message;
};

struct AgentDeploymentStatus {
  chain::ContractId contract_id = 0;
  std::vector<AgentWorkloadState> workloads;
  nlohmann::json raw;  // the agent's document, for --json
};

class AgentClient {
 public:
  // A client for `endpoint` ("http://host:port", as registered on chain). Error:
  // "bad-agent-endpoint" when it is empty or not an http URL.
  static chain::Result<std::unique_ptr<AgentClient>> Create(const std::string& endpoint,
                                                            std::chrono::milliseconds timeout);
  ~AgentClient();
  AgentClient(const AgentClient&) = delete;
  AgentClient& operator=(const AgentClient&) = delete;

  // POST /deployments with `body` (agent::SignedDeploymentToJson). Returns the agent's
  // answer. Errors: Unavailable "agent-unreachable"; the agent's refusal as its own
  // reason ("hash-mismatch", "bad-signature", ...) with its message;
  // "bad-agent-response" for an answer that is not a JSON object.
  chain::Result<nlohmann::json> PostDeployment(const nlohmann::json& body);

  // GET /deployments/{id}. Errors: as PostDeployment (NotFound "deployment-not-found"
  // from the agent when it has none), "bad-agent-response" when the document lacks
  // workloads[].name/type/state.
  chain::Result<AgentDeploymentStatus> GetDeployment(chain::ContractId id);

  const std::string& endpoint() const { return endpoint_; }

 private:
  struct Impl;
  AgentClient(std::string endpoint, std::unique_ptr<Impl> impl);
  std::string endpoint_;
  std::unique_ptr<Impl> impl_;
};

}  // namespace tfchain::wallet
