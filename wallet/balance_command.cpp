// balance ADDRESS|NAME [--prove]
#include <ostream>

#include <nlohmann/json.hpp>

#include "wallet/amount.h"
#include "wallet/command_helpers.h"
#include "wallet/output.h"

namespace tfchain::wallet {

using chain::Result;
using chain::Status;

namespace {

struct Balance {
  uint64_t free = 0;
  uint64_t reserved = 0;
  uint64_t nonce = 0;
  std::optional<uint64_t> pending_nonce;  // not part of a proof
  uint64_t height = 0;
};

// Fetches the account's proof at the head and the header of that height, and returns
// the balance the proof establishes. Fails loudly ("proof-mismatch") if anything
// does not check out.
Result<Balance> ProvenBalance(NodeClient& node, const chain::AccountId& account, nlohmann::json* proof_doc) {
  TF_ASSIGN_OR_RETURN(NodeAccountProof proof, node.GetAccountProof(account));
  TF_ASSIGN_OR_RETURN(NodeHeader header, node.GetHeader(proof.height));
  TF_ASSIGN_OR_RETURN(std::optional<chain::AccountData> data, VerifyAccountProof(account, proof, header));
  Balance out;
  if (data) {
    out.free = data->free;
    out.reserved = data->reserved;
    out.nonce = data->nonce;
  }
  out.height = proof.height;
  *proof_doc = {{"verified", true},
                {"state_root", proof.state_root.Hex()},
                {"block_hash", proof.block_hash.Hex()},
                {"height", proof.height},
                {"exists", data.has_value()}};
  return out;
}

}  // namespace

Status RunBalance(const BalanceCommand& command, const GlobalOptions& global, CommandContext& context) {
  TF_ASSIGN_OR_RETURN(chain::AccountId account, ResolveAccount(command.target, global));
  TF_ASSIGN_OR_RETURN(std::unique_ptr<RpcClient> rpc, ConnectNode(global, context));
  NodeClient node(*rpc);

  Balance balance;
  nlohmann::json proof_doc;
  if (command.prove) {
    TF_ASSIGN_OR_RETURN(balance, ProvenBalance(node, account, &proof_doc));
  } else {
    TF_ASSIGN_OR_RETURN(NodeAccount state, node.GetAccount(account));
    balance = {state.free, state.reserved, state.nonce, state.pending_nonce, state.height};
  }

  const std::string address = chain::ToSs58(account);
  if (global.json) {
    nlohmann::json doc = {{"address", address},
                          {"free", std::to_string(balance.free)},
                          {"reserved", std::to_string(balance.reserved)},
                          {"nonce", balance.nonce},
                          {"height", balance.height}};
    if (balance.pending_nonce) doc["pending_nonce"] = *balance.pending_nonce;
    if (command.prove) doc["proof"] = proof_doc;
    PrintJson(context.out, doc);
    return Status::Ok();
  }
  Fields fields = {{"Address", address},
                   {"Free", FormatTftWithSymbol(balance.free)},
                   {"Reserved", FormatTftWithSymbol(balance.reserved)},
                   {"Nonce", std::to_string(balance.nonce)}};
  if (balance.pending_nonce && *balance.pending_nonce != balance.nonce) {
    fields.emplace_back("Pending nonce", std::to_string(*balance.pending_nonce));
  }
  fields.emplace_back("At height", std::to_string(balance.height));
  PrintFields(context.out, fields);
  if (command.prove) {
    context.out << "proof: verified against state_root " << proof_doc["state_root"].get<std::string>() << " at height "
                << balance.height << "\n";
  }
  return Status::Ok();
}

}  // namespace tfchain::wallet
