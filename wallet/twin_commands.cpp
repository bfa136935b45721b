// twin create|update [--relay R] [--public-key HEX] | twin show [ADDRESS|NAME|TWIN_ID]
#include <ostream>

#include "chain/call.h"
#include "wallet/command_helpers.h"
#include "wallet/grid_client.h"
#include "wallet/grid_units.h"
#include "wallet/output.h"
#include "wallet/tx_sender.h"

namespace tfchain::wallet {

using chain::Result;
using chain::Status;

namespace {

Fields TwinFields(const GridTwin& twin) {
  return {{"Twin", std::to_string(twin.twin_id)},
          {"Account", chain::ToSs58(twin.account)},
          {"Relay", twin.relay},
          {"Public key", chain::ToHex(twin.public_key)},
          {"Created", FormatTimeMs(twin.created_ms)}};
}

// The twin of `account`; the node's "twin-not-found" becomes "no-twin" with advice.
Result<GridTwin> OwnTwin(GridClient& grid, const chain::AccountId& account) {
  auto twin = grid.GetTwinByAccount(account);
  if (!twin.ok() && twin.status().code() == Status::Code::kNotFound) {
    return Status::InvalidArgument("no-twin", chain::ToSs58(account) +
                                                  " has no twin: create it first with 'tfwallet twin create'");
  }
  return twin;
}

// Without an argument: the twins of every keystore key.
Status ShowKeystoreTwins(const GlobalOptions& global, CommandContext& context) {
  TF_ASSIGN_OR_RETURN(Keystore keystore, OpenKeystore(global));
  TF_ASSIGN_OR_RETURN(Keystore::Listing listing, keystore.List());
  for (const Status& problem : listing.problems) context.err << "warning: " << problem.ToString() << "\n";
  TF_ASSIGN_OR_RETURN(std::unique_ptr<RpcClient> rpc, ConnectNode(global, context));
  GridClient grid(*rpc);
  nlohmann::json doc = nlohmann::json::array();
  std::vector<std::vector<std::string>> rows;
  for (const KeyInfo& key : listing.keys) {
    auto twin = grid.GetTwinByAccount(key.public_key.ToAccountId());
    if (!twin.ok() && twin.status().code() != Status::Code::kNotFound) return twin.status();
    doc.push_back({{"key", key.name}, {"address", key.address}, {"twin", twin.ok() ? twin->raw : nullptr}});
    rows.push_back({key.name, key.address, twin.ok() ? std::to_string(twin->twin_id) : "-",
                    twin.ok() ? twin->relay : "(no twin)"});
  }
  if (global.json) {
    PrintJson(context.out, doc);
  } else if (rows.empty()) {
    context.out << "No keys in the keystore; give an address, key name or twin id.\n";
  } else {
    PrintTable(context.out, {"KEY", "ADDRESS", "TWIN", "RELAY"}, rows);
  }
  return Status::Ok();
}

}  // namespace

Status RunTwin(const TwinCommand& command, const GlobalOptions& global, CommandContext& context) {
  TF_ASSIGN_OR_RETURN(chain::SecretKey key, ResolveSigner(command.tx.from, command.tx.scheme, global, context));
  std::string relay = command.relay.value_or(std::string(kDefaultRelay));
  chain::Bytes public_key = command.public_key.value_or(
      chain::Bytes(key.public_key().bytes().begin(), key.public_key().bytes().end()));
  if (command.update && (!command.relay || !command.public_key)) {
    // Keep what is not given.
    TF_ASSIGN_OR_RETURN(std::unique_ptr<RpcClient> rpc, ConnectNode(global, context));
    GridClient grid(*rpc);
    TF_ASSIGN_OR_RETURN(GridTwin current, OwnTwin(grid, key.account_id()));
    if (!command.relay) relay = current.relay;
    if (!command.public_key) public_key = current.public_key;
  }
  OutgoingCall out;
  if (command.update) {
    out.call = chain::TwinUpdateCall{relay, public_key};
  } else {
    out.call = chain::TwinCreateCall{relay, public_key};
  }
  out.summary = {{"relay", relay}, {"public_key", chain::ToHex(public_key)}};
  out.fields = {{"Relay", relay}, {"Public key", chain::ToHex(public_key)}};
  return SignAndSend(command.tx, key, out, global, context);
}

Status RunTwinShow(const TwinShowCommand& command, const GlobalOptions& global, CommandContext& context) {
  if (!command.twin_id && !command.account) return ShowKeystoreTwins(global, context);
  std::optional<chain::AccountId> account;
  if (command.account) {
    TF_ASSIGN_OR_RETURN(account, ResolveAccount(*command.account, global));
  }
  TF_ASSIGN_OR_RETURN(std::unique_ptr<RpcClient> rpc, ConnectNode(global, context));
  GridClient grid(*rpc);
  Result<GridTwin> twin = account ? grid.GetTwinByAccount(*account) : grid.GetTwin(*command.twin_id);
  if (!twin.ok()) return twin.status();
  if (global.json) {
    PrintJson(context.out, twin->raw);
  } else {
    PrintFields(context.out, TwinFields(*twin));
  }
  return Status::Ok();
}

}  // namespace tfchain::wallet
