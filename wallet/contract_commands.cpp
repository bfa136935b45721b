// contract create-node | update | create-name | rent | cancel | ack, node set-extra-fee:
// the marketplace commands that send a transaction (docs/wallet.md "Contracts").
#include <fstream>
#include <ostream>
#include <sstream>

#include "chain/call.h"
#include "chain/grid_json.h"
#include "chain/hash.h"
#include "chain/market_calls.h"
#include "wallet/command_helpers.h"
#include "wallet/contract_client.h"
#include "wallet/contract_output.h"
#include "wallet/tx_sender.h"

namespace tfchain::wallet {

using chain::Result;
using chain::Status;
using nlohmann::json;

namespace {

// BLAKE2b-256 of the file's bytes. Error: "bad-deployment-file" when it cannot be read.
Result<chain::Hash256> HashFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status::InvalidArgument("bad-deployment-file", "'" + path + "' cannot be read");
  std::ostringstream buffer;
  buffer << in.rdbuf();
  if (in.bad()) return Status::InvalidArgument("bad-deployment-file", "'" + path + "' cannot be read");
  const std::string bytes = buffer.str();
  return chain::Blake2b256(chain::AsBytes(bytes));
}

// The deployment hash the options name, or nullopt when they name none.
Result<std::optional<chain::Hash256>> GivenHash(const DeploymentOptions& deployment) {
  if (deployment.hash) return std::optional<chain::Hash256>(*deployment.hash);
  if (deployment.file) {
    TF_ASSIGN_OR_RETURN(chain::Hash256 hash, HashFile(*deployment.file));
    return std::optional<chain::Hash256>(hash);
  }
  return std::optional<chain::Hash256>();
}

chain::Bytes DataBytes(const std::string& text) { return chain::Bytes(text.begin(), text.end()); }

// Lines and JSON members shared by create-node and update.
void DescribeDeployment(const chain::Resources& resources, const chain::Hash256& hash, const chain::Bytes& data,
                        OutgoingCall* out) {
  out->summary["resources"] = chain::ToJson(resources);
  out->summary["deployment_hash"] = hash.Hex();
  out->summary["deployment_data"] = chain::ToHex(data);
  out->fields.emplace_back("Resources", ResourcesText(resources));
  out->fields.emplace_back("Deployment hash", hash.Hex());
  out->fields.emplace_back("Deployment data", DeploymentDataText(data));
}

OutgoingCall ContractCall(const ContractCommand& command) {
  using Action = ContractCommand::Action;
  OutgoingCall out;
  switch (command.action) {
    case Action::kCreateName: {
      chain::ContractCreateNameCall call;
      call.name = command.name;
      out.call = call;
      out.summary = {{"name", command.name}};
      out.fields = {{"Name", command.name}};
      out.on_included = ReportCreatedId("contract.ContractCreated", "contract_id", "contract_id", "Contract");
      break;
    }
    case Action::kRent: {
      chain::ContractCreateRentCall call;
      call.node_id = command.node_id;
      call.solution_provider_id = command.solution_provider_id;
      out.call = call;
      out.summary = {{"node_id", command.node_id}};
      out.fields = {{"Node", std::to_string(command.node_id)}};
      if (command.solution_provider_id) {
        out.summary["solution_provider_id"] = *command.solution_provider_id;
        out.fields.emplace_back("Solution provider", std::to_string(*command.solution_provider_id));
      }
      out.on_included = ReportCreatedId("contract.ContractCreated", "contract_id", "contract_id", "Contract");
      break;
    }
    case Action::kCancel: {
      chain::ContractCancelCall call;
      call.contract_id = command.contract_id;
      out.call = call;
      out.summary = {{"contract_id", command.contract_id}};
      out.fields = {{"Contract", std::to_string(command.contract_id)}};
      break;
    }
    case Action::kAck: {
      chain::ContractAckCall call;
      call.contract_id = command.contract_id;
      call.ok = command.ok;
      call.message = command.message;
      out.call = call;
      const std::string result = command.ok ? "ok" : "failed";
      out.summary = {{"contract_id", command.contract_id}, {"result", result}, {"message", command.message}};
      out.fields = {{"Contract", std::to_string(command.contract_id)}, {"Deployment", result}};
      if (!command.message.empty()) out.fields.emplace_back("Message", command.message);
      break;
    }
  }
  return out;
}

}  // namespace

Status RunContractCreateNode(const ContractCreateNodeCommand& command, const GlobalOptions& global,
                             CommandContext& context) {
  TF_ASSIGN_OR_RETURN(std::optional<chain::Hash256> given, GivenHash(command.deployment));
  chain::Hash256 hash;
  if (given) {
    hash = *given;
  } else {
    context.random(hash.bytes);  // a fresh deployment: unique per (node, hash) as the chain wants
  }
  TF_ASSIGN_OR_RETURN(chain::SecretKey key, ResolveSigner(command.tx.from, command.tx.scheme, global, context));
  chain::ContractCreateNodeCall call;
  call.node_id = command.node_id;
  call.resources = command.resources;
  call.public_ips = command.public_ips;
  call.deployment_hash = hash;
  call.deployment_data = DataBytes(command.deployment.data.value_or(""));
  call.solution_provider_id = command.solution_provider_id;

  OutgoingCall out;
  out.call = call;
  out.summary = {{"node_id", command.node_id}, {"public_ips", command.public_ips}};
  out.fields = {{"Node", std::to_string(command.node_id)}};
  DescribeDeployment(call.resources, hash, call.deployment_data, &out);
  out.fields.emplace_back("Public IPs", std::to_string(command.public_ips));
  if (command.solution_provider_id) {
    out.summary["solution_provider_id"] = *command.solution_provider_id;
    out.fields.emplace_back("Solution provider", std::to_string(*command.solution_provider_id));
  }
  out.on_included = ReportCreatedId("contract.ContractCreated", "contract_id", "contract_id", "Contract");
  return SignAndSend(command.tx, key, out, global, context);
}

Status RunContractUpdate(const ContractUpdateCommand& command, const GlobalOptions& global, CommandContext& context) {
  TF_ASSIGN_OR_RETURN(std::optional<chain::Hash256> given, GivenHash(command.deployment));
  // What is not given keeps its current value.
  TF_ASSIGN_OR_RETURN(std::unique_ptr<RpcClient> rpc, ConnectNode(global, context));
  ContractClient contracts(*rpc);
  TF_ASSIGN_OR_RETURN(MarketContract current, contracts.GetContract(command.contract_id));
  const std::string id = std::to_string(command.contract_id);
  if (current.kind != "node") {
    return Status::InvalidArgument("not-node-contract", "contract " + id + " is a " + current.kind +
                                                            " contract; only node contracts can be updated");
  }
  if (current.state == "deleted") return Status::InvalidArgument("contract-deleted", "contract " + id + " is deleted");

  const ResourceOptions& r = command.resources;
  chain::ContractUpdateNodeCall call;
  call.contract_id = command.contract_id;
  call.resources = {r.cru.value_or(current.resources.cru), r.mru.value_or(current.resources.mru),
                    r.sru.value_or(current.resources.sru), r.hru.value_or(current.resources.hru)};
  call.deployment_hash = given.value_or(current.deployment_hash);
  call.deployment_data = command.deployment.data ? DataBytes(*command.deployment.data) : current.deployment_data;

  TF_ASSIGN_OR_RETURN(chain::SecretKey key, ResolveSigner(command.tx.from, command.tx.scheme, global, context));
  OutgoingCall out;
  out.call = call;
  out.summary = {{"contract_id", command.contract_id}};
  out.fields = {{"Contract", id}};
  DescribeDeployment(call.resources, call.deployment_hash, call.deployment_data, &out);
  return SignAndSend(command.tx, key, out, global, context);
}

Status RunContract(const ContractCommand& command, const GlobalOptions& global, CommandContext& context) {
  TF_ASSIGN_OR_RETURN(chain::SecretKey key, ResolveSigner(command.tx.from, command.tx.scheme, global, context));
  return SignAndSend(command.tx, key, ContractCall(command), global, context);
}

Status RunNodeSetExtraFee(const NodeSetExtraFeeCommand& command, const GlobalOptions& global, CommandContext& context) {
  TF_ASSIGN_OR_RETURN(chain::SecretKey key, ResolveSigner(command.tx.from, command.tx.scheme, global, context));
  chain::NodeSetExtraFeeCall call;
  call.node_id = command.node_id;
  call.fee_musd_per_month = command.fee_musd_per_month;
  OutgoingCall out;
  out.call = call;
  out.summary = {{"node_id", command.node_id}, {"fee_musd_per_month", command.fee_musd_per_month}};
  out.fields = {{"Node", std::to_string(command.node_id)},
                {"Extra fee", MusdText(command.fee_musd_per_month) + " per month"}};
  return SignAndSend(command.tx, key, out, global, context);
}

}  // namespace tfchain::wallet
