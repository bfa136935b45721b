// deploy container, deployment status, deployment list: a deployment on a node's
// farmer agent (docs/wallet.md "Deploying").
#include "wallet/deploy_commands.h"

#include <chrono>
#include <memory>
#include <ostream>
#include <sstream>
#include <thread>

#include "chain/market_calls.h"
#include "wallet/agent_client.h"
#include "wallet/command_helpers.h"
#include "wallet/contract_client.h"
#include "wallet/grid_client.h"
#include "wallet/output.h"
#include "wallet/tx_sender.h"

namespace tfchain::wallet {

using chain::Result;
using chain::Status;
using nlohmann::json;

namespace {

constexpr std::chrono::milliseconds kAgentTimeout{10'000};

uint64_t NowMs() {
  return static_cast<uint64_t>(
      std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch())
          .count());
}

// Sends `call` signed by `key` without printing the receipt (the deploy command prints
// its own lines); returns the receipt's contract.ContractCreated id when asked for.
// Errors: SignAndSend's, with what it printed as context.
Result<std::optional<uint64_t>> SendQuietly(const TxOptions& tx, const chain::SecretKey& key, const chain::Call& call,
                                            const GlobalOptions& global, CommandContext& context) {
  std::ostringstream out;
  std::ostringstream err;
  CommandContext quiet(out, err, context.in, context.passwords);
  quiet.random = context.random;
  quiet.rpc = context.rpc;
  quiet.poll_interval = context.poll_interval;
  quiet.inclusion_timeout = context.inclusion_timeout;
  GlobalOptions text = global;
  text.json = false;
  TxOptions options = tx;
  options.dry_run = false;
  options.no_wait = false;
  std::optional<uint64_t> created;
  OutgoingCall outgoing;
  outgoing.call = call;
  outgoing.on_included = [&created](const NodeReceipt& receipt, json*) {
    created = CreatedIdFromEvents(receipt.events, "contract.ContractCreated", "contract_id");
    return Fields{};
  };
  TF_RETURN_IF_ERROR(SignAndSend(options, key, outgoing, text, quiet));
  return created;
}

// The node to deploy on: --node (its agent endpoint must be known), or the first
// node of grid_findNodes with the free capacity (and country, and a free IP) that
// has one. Errors: the node's, "no-agent-endpoint", "no-matching-node".
Result<GridNode> PickNode(const DeployContainerCommand& command, const chain::Resources& resources, GridClient& grid) {
  if (command.node_id) {
    TF_ASSIGN_OR_RETURN(GridNode node, grid.GetNode(*command.node_id));
    if (node.agent_endpoint.empty()) {
      return Status::InvalidArgument("no-agent-endpoint",
                                     "node " + std::to_string(node.node_id) + " has no farmer agent endpoint on chain");
    }
    return node;
  }
  NodeListCommand query;
  query.find = true;
  query.filter.free_cru = resources.cru;
  query.filter.free_mru = resources.mru;
  query.filter.free_sru = resources.sru;
  query.filter.country = command.country;
  query.filter.status = "up";
  query.filter.has_free_ip = command.public_ip;
  query.page = {0, kMaxPageLimit};
  TF_ASSIGN_OR_RETURN(GridNodePage page, grid.ListNodes(query));
  for (GridNode& node : page.nodes) {
    if (!node.agent_endpoint.empty()) return std::move(node);
  }
  return Status::NotFound("no-matching-node", "no node that is up with a farmer agent has " +
                                                  std::to_string(resources.cru) + " cores, " +
                                                  std::to_string(resources.mru) + " B memory and " +
                                                  std::to_string(resources.sru) + " B SSD free" +
                                                  (command.country ? " in " + *command.country : std::string()) +
                                                  (command.public_ip ? " and a free public IP" : ""));
}

// "web ok, web-vol init".
std::string ProgressText(const AgentDeploymentStatus& status) {
  std::string text;
  for (const AgentWorkloadState& w : status.workloads) text += (text.empty() ? "" : ", ") + w.name + " " + w.state;
  return text;
}

// Polls the agent until every workload is ok (Ok), one is error ("workload-error"
// with its message) or the timeout passes ("deploy-timeout"). Progress goes to `out`
// as one line rewritten with '\r' (text mode only).
Status WaitUntilRunning(AgentClient& agent, chain::ContractId id, const DeployContainerCommand& command,
                        const GlobalOptions& global, CommandContext& context, AgentDeploymentStatus* last) {
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(command.timeout_s);
  size_t shown = 0;
  auto show = [&](const std::string& line) {
    if (global.json) return;
    const std::string padded = line + std::string(shown > line.size() ? shown - line.size() : 0, ' ');
    context.out << "\r" << padded << std::flush;
    shown = line.size();
  };
  std::string last_error;
  for (;;) {
    auto status = agent.GetDeployment(id);
    if (status.ok()) {
      *last = *status;
      show("Deploying contract " + std::to_string(id) + ": " + ProgressText(*status));
      bool all_ok = !status->workloads.empty();
      for (const AgentWorkloadState& w : status->workloads) {
        if (w.state == "error") {
          if (!global.json) context.out << "\n";
          return Status::InvalidArgument("workload-error", w.name + ": " + w.message);
        }
        all_ok = all_ok && w.state == "ok";
      }
      if (all_ok) {
        if (!global.json) context.out << "\n";
        return Status::Ok();
      }
    } else {
      last_error = status.status().ToString();
      show("Deploying contract " + std::to_string(id) + ": waiting for the agent (" + last_error + ")");
    }
    if (std::chrono::steady_clock::now() >= deadline) {
      if (!global.json) context.out << "\n";
      return Status::Unavailable("deploy-timeout", "not every workload was ok after " +
                                                       std::to_string(command.timeout_s) + " s" +
                                                       (last_error.empty() ? "" : " (last: " + last_error + ")"));
    }
    std::this_thread::sleep_for(context.deploy_poll_interval);
  }
}

// The agent client of a node contract's node. Errors: the node's, "not-node-contract",
// "bad-agent-endpoint".
Result<std::unique_ptr<AgentClient>> AgentOfContract(const MarketContract& contract, GridClient& grid) {
  if (contract.kind != "node" || !contract.node_id) {
    return Status::InvalidArgument("not-node-contract", "contract " + std::to_string(contract.contract_id) + " is a " +
                                                            contract.kind + " contract");
  }
  TF_ASSIGN_OR_RETURN(GridNode node, grid.GetNode(*contract.node_id));
  return AgentClient::Create(node.agent_endpoint, kAgentTimeout);
}

std::vector<std::vector<std::string>> WorkloadRows(const AgentDeploymentStatus& status) {
  std::vector<std::vector<std::string>> rows;
  for (const AgentWorkloadState& w : status.workloads) rows.push_back({w.name, w.type, w.state, w.message});
  return rows;
}

}  // namespace

agent::Deployment BuildContainerDeployment(const DeployContainerCommand& command, chain::ContractId contract_id) {
  agent::Deployment d;
  d.contract_id = contract_id;
  d.version = 1;
  agent::ContainerWorkload c;
  c.name = command.name;
  c.image = command.image;
  c.image_hash = command.image_hash;
  c.cpu_millis = command.cpu_millis;
  c.memory = command.memory;
  c.entrypoint = command.entrypoint;
  c.public_ip = command.public_ip;
  if (command.volume_size) {
    agent::VolumeWorkload v{command.name + "-vol", *command.volume_size};
    c.mounts.push_back({v.name, command.volume_mount});
    d.workloads.push_back(std::move(v));
  }
  d.workloads.push_back(std::move(c));
  return d;
}

chain::Resources DeploymentResources(const DeployContainerCommand& command) {
  chain::Resources r;
  r.cru = (uint64_t{command.cpu_millis} + 999) / 1000;
  r.mru = command.memory;
  r.sru = command.disk + command.volume_size.value_or(0);
  return r;
}

Status RunDeployContainer(const DeployContainerCommand& command, const GlobalOptions& global,
                          CommandContext& context) {
  TF_ASSIGN_OR_RETURN(chain::SecretKey key, ResolveSigner(command.tx.from, command.tx.scheme, global, context));
  TF_ASSIGN_OR_RETURN(std::unique_ptr<RpcClient> rpc, ConnectNode(global, context));
  GridClient grid(*rpc);
  const chain::Resources resources = DeploymentResources(command);
  TF_ASSIGN_OR_RETURN(GridNode node, PickNode(command, resources, grid));
  TF_ASSIGN_OR_RETURN(std::unique_ptr<AgentClient> agent, AgentClient::Create(node.agent_endpoint, kAgentTimeout));

  // 1. The contract, committing to the deployment's hash (which leaves the contract id
  //    out, so it is known before the contract exists).
  agent::Deployment deployment = BuildContainerDeployment(command, 0);
  const chain::Hash256 hash = agent::DeploymentHash(deployment);
  chain::ContractCreateNodeCall create;
  create.node_id = node.node_id;
  create.resources = resources;
  create.public_ips = command.public_ip ? 1 : 0;
  create.deployment_hash = hash;
  auto created = SendQuietly(command.tx, key, create, global, context);
  if (!created.ok()) return created.status().WithContext("creating the node contract");
  if (!*created) return Status::Internal("no-contract-id", "the receipt has no contract.ContractCreated event");
  const chain::ContractId id = **created;
  deployment.contract_id = id;
  if (!global.json) context.out << "Contract " << id << " created on node " << node.node_id << "\n";

  // From here on a failure cancels the contract, unless the chain already deleted it
  // (the node acknowledged the deployment as failed: nothing was charged).
  ContractClient contracts(*rpc);
  auto fail = [&](const Status& error) {
    const std::string deleted = "Contract " + std::to_string(id) + " was deleted (the node reported the failure)\n";
    auto current = contracts.GetContract(id);
    if (current.ok() && current->state == "deleted") {
      if (!global.json) context.out << deleted;
      return error;
    }
    chain::ContractCancelCall cancel;
    cancel.contract_id = id;
    auto cancelled = SendQuietly(command.tx, key, cancel, global, context);
    if (!global.json) {
      if (cancelled.ok()) {
        context.out << "Contract " << id << " cancelled\n";
      } else if (cancelled.status().reason() == "contract-deleted") {
        context.out << deleted;
      } else {
        context.out << "Cancelling contract " << id << " failed: " << cancelled.status().ToString() << "\n";
      }
    }
    return error;
  };

  // 2. The signed deployment to the agent.
  const agent::SignedDeployment signed_deployment = agent::SignDeployment(deployment, NowMs(), key);
  auto posted = agent->PostDeployment(agent::SignedDeploymentToJson(signed_deployment));
  if (!posted.ok()) return fail(posted.status().WithContext("the agent at " + agent->endpoint() + " refused it"));

  // 3. Until it runs.
  AgentDeploymentStatus last;
  Status waited = WaitUntilRunning(*agent, id, command, global, context, &last);
  if (!waited.ok()) return fail(waited);
  if (global.json) {
    PrintJson(context.out, {{"contract_id", id},
                            {"node_id", node.node_id},
                            {"deployment_hash", hash.Hex()},
                            {"agent_endpoint", agent->endpoint()},
                            {"workloads", last.raw.value("workloads", json::array())}});
  } else {
    PrintFields(context.out, {{"Contract", std::to_string(id)},
                              {"Node", std::to_string(node.node_id)},
                              {"Deployment hash", hash.Hex()},
                              {"Workloads", ProgressText(last)}});
  }
  return Status::Ok();
}

Status RunDeploymentStatus(const DeploymentStatusCommand& command, const GlobalOptions& global,
                           CommandContext& context) {
  TF_ASSIGN_OR_RETURN(std::unique_ptr<RpcClient> rpc, ConnectNode(global, context));
  ContractClient contracts(*rpc);
  GridClient grid(*rpc);
  TF_ASSIGN_OR_RETURN(MarketContract contract, contracts.GetContract(command.contract_id));
  TF_ASSIGN_OR_RETURN(std::unique_ptr<AgentClient> agent, AgentOfContract(contract, grid));
  TF_ASSIGN_OR_RETURN(AgentDeploymentStatus status, agent->GetDeployment(command.contract_id));
  if (global.json) {
    PrintJson(context.out, status.raw);
    return Status::Ok();
  }
  PrintFields(context.out, {{"Contract", std::to_string(command.contract_id)},
                            {"Node", std::to_string(*contract.node_id)},
                            {"Agent", agent->endpoint()}});
  context.out << "\n";
  PrintTable(context.out, {"NAME", "TYPE", "STATE", "MESSAGE"}, WorkloadRows(status));
  return Status::Ok();
}

Status RunDeploymentList(const DeploymentListCommand& command, const GlobalOptions& global, CommandContext& context) {
  TF_ASSIGN_OR_RETURN(std::unique_ptr<RpcClient> rpc, ConnectNode(global, context));
  TF_ASSIGN_OR_RETURN(chain::TwinId twin, ResolveTwin(command.twin, global, *rpc));
  ContractClient contracts(*rpc);
  GridClient grid(*rpc);
  std::vector<MarketContract> live;
  ContractListCommand query;
  query.page = {0, kMaxPageLimit};
  for (;;) {
    TF_ASSIGN_OR_RETURN(MarketContractPage page, contracts.ListContracts(query, twin));
    for (MarketContract& c : page.contracts) {
      if (c.kind == "node" && c.state != "deleted") live.push_back(std::move(c));
    }
    query.page.offset += page.contracts.size();
    if (page.contracts.empty() || query.page.offset >= page.total) break;
  }
  json docs = json::array();
  std::vector<std::vector<std::string>> rows;
  for (const MarketContract& c : live) {
    std::string state;
    json workloads = nullptr;
    auto agent = AgentOfContract(c, grid);
    auto status = agent.ok() ? (*agent)->GetDeployment(c.contract_id) : Result<AgentDeploymentStatus>(agent.status());
    if (status.ok()) {
      state = status->workloads.empty() ? "empty" : ProgressText(*status);
      workloads = status->raw.value("workloads", json::array());
    } else if (status.status().reason() == "deployment-not-found") {
      state = "none";
    } else {
      state = "unreachable (" + status.status().ToString() + ")";
    }
    docs.push_back({{"contract_id", c.contract_id},
                    {"node_id", *c.node_id},
                    {"contract_state", c.state},
                    {"deployment", state},
                    {"workloads", workloads}});
    rows.push_back({std::to_string(c.contract_id), std::to_string(*c.node_id), c.state, state});
  }
  if (global.json) {
    PrintJson(context.out, {{"twin_id", twin}, {"deployments", docs}});
  } else if (rows.empty()) {
    context.out << "No live node contracts for twin " << twin << "\n";
  } else {
    PrintTable(context.out, {"CONTRACT", "NODE", "STATE", "DEPLOYMENT"}, rows);
  }
  return Status::Ok();
}

}  // namespace tfchain::wallet
