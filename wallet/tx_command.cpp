// tx show HASH
#include <ostream>

#include <nlohmann/json.hpp>

#include "wallet/amount.h"
#include "wallet/command_helpers.h"
#include "wallet/output.h"

namespace tfchain::wallet {

using chain::Result;
using chain::Status;

namespace {

// A field of the node's JSON as text ("" if absent).
std::string Text(const nlohmann::json& object, std::string_view key) {
  if (!object.is_object()) return "";
  auto it = object.find(key);
  if (it == object.end() || it->is_null()) return "";
  if (it->is_string()) return it->get<std::string>();
  return it->dump();
}

// The transaction's signed fields: at the top level of "tx" or under "tx.body".
const nlohmann::json& BodyOf(const nlohmann::json& tx) {
  if (tx.is_object()) {
    if (auto body = tx.find("body"); body != tx.end() && body->is_object()) return *body;
  }
  return tx;
}

}  // namespace

Status RunTxShow(const TxShowCommand& command, const GlobalOptions& global, CommandContext& context) {
  TF_ASSIGN_OR_RETURN(std::unique_ptr<RpcClient> rpc, ConnectNode(global, context));
  NodeClient node(*rpc);
  TF_ASSIGN_OR_RETURN(nlohmann::json lookup, node.GetTransaction(command.hash));
  std::optional<NodeReceipt> receipt;
  auto fetched = node.GetReceipt(command.hash);
  if (fetched.ok()) {
    receipt = std::move(fetched).value();
  } else if (fetched.status().code() != Status::Code::kNotFound) {
    return fetched.status();
  }

  if (global.json) {
    PrintJson(context.out, {{"transaction", lookup}, {"receipt", receipt ? receipt->raw : nlohmann::json()}});
    return Status::Ok();
  }
  const std::string state = Text(lookup, "state");
  Fields fields = {{"Hash", command.hash.Hex()}, {"State", state}};
  if (state == "included") {
    fields.emplace_back(
        "Block", Text(lookup, "height") + " (" + Text(lookup, "block_hash") + "), index " + Text(lookup, "index"));
  }
  if (state == "dropped") fields.emplace_back("Drop reason", Text(lookup, "drop_reason"));
  if (auto tx = lookup.find("tx"); tx != lookup.end() && tx->is_object()) {
    const nlohmann::json& body = BodyOf(*tx);
    if (auto call = body.find("call"); call != body.end()) fields.emplace_back("Call", FormatNamedArgs(*call));
    fields.emplace_back("Signer", Text(body, "signer"));
    fields.emplace_back("Nonce", Text(body, "nonce"));
    auto tip = ParseBaseUnits(Text(body, "tip"));
    if (tip.ok()) fields.emplace_back("Tip", FormatTftWithSymbol(*tip));
    fields.emplace_back("Valid until", Text(body, "valid_until"));
    fields.emplace_back("Chain", Text(body, "chain_id"));
  }
  PrintFields(context.out, fields);
  if (receipt) {
    context.out << "\nReceipt\n";
    PrintReceipt(context.out, *receipt);
  }
  return Status::Ok();
}

}  // namespace tfchain::wallet
