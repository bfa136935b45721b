#pragma once

#include <memory>
#include <string>
#include <string_view>

#include "chain/account_id.h"
#include "chain/keys.h"
#include "chain/status.h"
#include "wallet/cli.h"
#include "wallet/commands.h"
#include "wallet/keystore.h"
#include "wallet/node_client.h"
#include "wallet/password.h"
#include "wallet/rpc_client.h"

namespace tfchain::wallet {

// Internal to the wallet library: pieces shared by the command implementations, and
// the commands themselves (dispatched by RunCommand in commands.cpp).

// The keystore of the invocation. Error: "no-keystore" when no directory is known.
chain::Result<Keystore> OpenKeystore(const GlobalOptions& global);

// A client for the invocation's --rpc URL. Errors: as RpcClient::Create.
chain::Result<std::unique_ptr<RpcClient>> ConnectNode(const GlobalOptions& global, const CommandContext& context);

// An account given as a keystore name ([A-Za-z0-9_-]{1,32}; looked up without a
// password), a secret URI starting with "/" (development accounts such as //Bob, as
// ed25519), an SS58 address or 0x account id. Errors: the keystore's, KeyFromUri's, or
// chain::ParseAccount's ("bad-ss58-checksum", ...).
chain::Result<chain::AccountId> ResolveAccount(std::string_view text, const GlobalOptions& global);

// A signing key given as a keystore name (decrypted with a password from
// context.passwords) or a secret URI (chain::KeyFromUri with `scheme`).
chain::Result<chain::SecretKey> ResolveSigner(std::string_view text, chain::KeyScheme scheme,
                                              const GlobalOptions& global, CommandContext& context);

// The argument itself, or for "-" one line read from context.in (without the newline).
// Error: "usage" if stdin is empty.
chain::Result<SecretString> SecretArgument(const std::string& arg, CommandContext& context);

chain::Status RunKeyGenerate(const KeyGenerateCommand& command, const GlobalOptions& global, CommandContext& context);
chain::Status RunKeyInspect(const KeyInspectCommand& command, const GlobalOptions& global, CommandContext& context);
chain::Status RunKeyImport(const KeyImportCommand& command, const GlobalOptions& global, CommandContext& context);
chain::Status RunKeyList(const KeyListCommand& command, const GlobalOptions& global, CommandContext& context);
chain::Status RunBalance(const BalanceCommand& command, const GlobalOptions& global, CommandContext& context);
chain::Status RunTransfer(const TransferCommand& command, const GlobalOptions& global, CommandContext& context);
chain::Status RunTxShow(const TxShowCommand& command, const GlobalOptions& global, CommandContext& context);
chain::Status RunStake(const StakeCommand& command, const GlobalOptions& global, CommandContext& context);
chain::Status RunValidators(const ValidatorsCommand& command, const GlobalOptions& global, CommandContext& context);
chain::Status RunValidatorShow(const ValidatorShowCommand& command, const GlobalOptions& global,
                               CommandContext& context);
// The grid commands (twin_commands.cpp, farm_commands.cpp, node_commands.cpp,
// farming_command.cpp, gov_commands.cpp).
chain::Status RunTwin(const TwinCommand& command, const GlobalOptions& global, CommandContext& context);
chain::Status RunTwinShow(const TwinShowCommand& command, const GlobalOptions& global, CommandContext& context);
chain::Status RunFarm(const FarmCommand& command, const GlobalOptions& global, CommandContext& context);
chain::Status RunFarmShow(const FarmShowCommand& command, const GlobalOptions& global, CommandContext& context);
chain::Status RunFarmList(const FarmListCommand& command, const GlobalOptions& global, CommandContext& context);
chain::Status RunNodeList(const NodeListCommand& command, const GlobalOptions& global, CommandContext& context);
chain::Status RunNodeShow(const NodeShowCommand& command, const GlobalOptions& global, CommandContext& context);
chain::Status RunNodePowerTarget(const NodePowerTargetCommand& command, const GlobalOptions& global,
                                 CommandContext& context);
chain::Status RunFarmingRewards(const FarmingRewardsCommand& command, const GlobalOptions& global,
                                CommandContext& context);
chain::Status RunGovPropose(const GovProposeCommand& command, const GlobalOptions& global, CommandContext& context);
chain::Status RunGovVote(const GovVoteCommand& command, const GlobalOptions& global, CommandContext& context);
chain::Status RunGovList(const GovListCommand& command, const GlobalOptions& global, CommandContext& context);
chain::Status RunGovShow(const GovShowCommand& command, const GlobalOptions& global, CommandContext& context);

// The twin a TwinSelector names: --twin as given, or the twin of the --from account
// (grid_getTwinByAccount through `rpc`). Errors: ResolveAccount's, the node's, and
// "no-twin" when the account has none.
chain::Result<chain::TwinId> ResolveTwin(const TwinSelector& selector, const GlobalOptions& global, RpcClient& rpc);

// The marketplace commands (contract_commands.cpp, contract_query_commands.cpp,
// service_commands.cpp).
chain::Status RunContractCreateNode(const ContractCreateNodeCommand& command, const GlobalOptions& global,
                                    CommandContext& context);
chain::Status RunContractUpdate(const ContractUpdateCommand& command, const GlobalOptions& global,
                                CommandContext& context);
chain::Status RunContract(const ContractCommand& command, const GlobalOptions& global, CommandContext& context);
chain::Status RunNodeSetExtraFee(const NodeSetExtraFeeCommand& command, const GlobalOptions& global,
                                 CommandContext& context);
chain::Status RunContractList(const ContractListCommand& command, const GlobalOptions& global,
                              CommandContext& context);
chain::Status RunContractShow(const ContractShowCommand& command, const GlobalOptions& global,
                              CommandContext& context);
chain::Status RunContractBills(const ContractBillsCommand& command, const GlobalOptions& global,
                               CommandContext& context);
chain::Status RunCostEstimate(const CostEstimateCommand& command, const GlobalOptions& global,
                              CommandContext& context);
chain::Status RunFundedUntil(const FundedUntilCommand& command, const GlobalOptions& global, CommandContext& context);
chain::Status RunService(const ServiceCommand& command, const GlobalOptions& global, CommandContext& context);
chain::Status RunServiceShow(const ServiceShowCommand& command, const GlobalOptions& global, CommandContext& context);

}  // namespace tfchain::wallet
