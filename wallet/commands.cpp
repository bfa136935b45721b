#include "wallet/commands.h"

#include <sodium.h>

#include <ostream>

#include "wallet/command_helpers.h"
#include "wallet/deploy_commands.h"

namespace tfchain::wallet {

using chain::Status;

void SystemRandom(std::span<uint8_t> out) { randombytes_buf(out.data(), out.size()); }

Status RunCommand(const Invocation& invocation, CommandContext& context) {
  const GlobalOptions& global = invocation.global;
  struct Dispatch {
    const GlobalOptions& global;
    CommandContext& context;
    Status operator()(const HelpCommand& c) {
      context.out << HelpText(c.topic).value_or("no help for '" + c.topic + "'\n");
      return Status::Ok();
    }
    Status operator()(const KeyGenerateCommand& c) { return RunKeyGenerate(c, global, context); }
    Status operator()(const KeyInspectCommand& c) { return RunKeyInspect(c, global, context); }
    Status operator()(const KeyImportCommand& c) { return RunKeyImport(c, global, context); }
    Status operator()(const KeyListCommand& c) { return RunKeyList(c, global, context); }
    Status operator()(const BalanceCommand& c) { return RunBalance(c, global, context); }
    Status operator()(const TransferCommand& c) { return RunTransfer(c, global, context); }
    Status operator()(const TxShowCommand& c) { return RunTxShow(c, global, context); }
    Status operator()(const StakeCommand& c) { return RunStake(c, global, context); }
    Status operator()(const ValidatorsCommand& c) { return RunValidators(c, global, context); }
    Status operator()(const ValidatorShowCommand& c) { return RunValidatorShow(c, global, context); }
    Status operator()(const TwinCommand& c) { return RunTwin(c, global, context); }
    Status operator()(const TwinShowCommand& c) { return RunTwinShow(c, global, context); }
    Status operator()(const FarmCommand& c) { return RunFarm(c, global, context); }
    Status operator()(const FarmShowCommand& c) { return RunFarmShow(c, global, context); }
    Status operator()(const FarmListCommand& c) { return RunFarmList(c, global, context); }
    Status operator()(const NodeListCommand& c) { return RunNodeList(c, global, context); }
    Status operator()(const NodeShowCommand& c) { return RunNodeShow(c, global, context); }
    Status operator()(const NodePowerTargetCommand& c) { return RunNodePowerTarget(c, global, context); }
    Status operator()(const FarmingRewardsCommand& c) { return RunFarmingRewards(c, global, context); }
    Status operator()(const GovProposeCommand& c) { return RunGovPropose(c, global, context); }
    Status operator()(const GovVoteCommand& c) { return RunGovVote(c, global, context); }
    Status operator()(const GovListCommand& c) { return RunGovList(c, global, context); }
    Status operator()(const GovShowCommand& c) { return RunGovShow(c, global, context); }
    Status operator()(const ContractCreateNodeCommand& c) { return RunContractCreateNode(c, global, context); }
    Status operator()(const ContractUpdateCommand& c) { return RunContractUpdate(c, global, context); }
    Status operator()(const ContractCommand& c) { return RunContract(c, global, context); }
    Status operator()(const ContractListCommand& c) { return RunContractList(c, global, context); }
    Status operator()(const ContractShowCommand& c) { return RunContractShow(c, global, context); }
    Status operator()(const ContractBillsCommand& c) { return RunContractBills(c, global, context); }
    Status operator()(const CostEstimateCommand& c) { return RunCostEstimate(c, global, context); }
    Status operator()(const FundedUntilCommand& c) { return RunFundedUntil(c, global, context); }
    Status operator()(const NodeSetExtraFeeCommand& c) { return RunNodeSetExtraFee(c, global, context); }
    Status operator()(const ServiceCommand& c) { return RunService(c, global, context); }
    Status operator()(const ServiceShowCommand& c) { return RunServiceShow(c, global, context); }
    Status operator()(const DeployContainerCommand& c) { return RunDeployContainer(c, global, context); }
    Status operator()(const DeploymentStatusCommand& c) { return RunDeploymentStatus(c, global, context); }
    Status operator()(const DeploymentListCommand& c) { return RunDeploymentList(c, global, context); }
  };
  return std::visit(Dispatch{global, context}, invocation.command);
}

int RunTfwallet(std::span<const std::string> args, const EnvLookup& env, CommandContext& context) {
  auto invocation = ParseCommandLine(args, env);
  if (!invocation.ok()) {
    const Status& error = invocation.status();
    context.err << "error: " << (error.reason() == "usage" ? std::string(error.detail()) : error.ToString()) << "\n";
    return 2;
  }
  Status status = RunCommand(*invocation, context);
  context.out.flush();
  if (!status.ok()) {
    context.err << "error: " << status.ToString() << "\n";
    return 1;
  }
  return 0;
}

}  // namespace tfchain::wallet
