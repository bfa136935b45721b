// stake register|commission|bond|unbond|withdraw|unjail --from NAME|URI ... [tx options]
#include "chain/call.h"
#include "wallet/amount.h"
#include "wallet/command_helpers.h"
#include "wallet/tx_sender.h"

namespace tfchain::wallet {

using chain::Result;
using chain::Status;

namespace {

// The staking call of `command`; `validator` is the resolved bond target (the signer
// when --validator was not given).
OutgoingCall StakeCall(const StakeCommand& command, const chain::AccountId& validator) {
  using Action = StakeCommand::Action;
  OutgoingCall out;
  switch (command.action) {
    case Action::kRegister:
      out.call = chain::RegisterValidatorCall{command.consensus_key, command.commission_permill};
      out.summary = {{"consensus_key", chain::ToSs58(command.consensus_key)},
                     {"commission_permill", command.commission_permill}};
      out.fields = {{"Consensus key", chain::ToSs58(command.consensus_key)},
                    {"Commission", FormatPermillPercent(command.commission_permill)}};
      break;
    case Action::kCommission:
      out.call = chain::SetCommissionCall{command.commission_permill};
      out.summary = {{"commission_permill", command.commission_permill}};
      out.fields = {{"Commission", FormatPermillPercent(command.commission_permill) + " (from the next epoch end)"}};
      break;
    case Action::kBond:
    case Action::kUnbond:
      if (command.action == Action::kBond) {
        out.call = chain::BondCall{validator, command.amount};
        out.spend = command.amount;  // leaves the free balance now
      } else {
        out.call = chain::UnbondCall{validator, command.amount};
      }
      out.summary = {{"validator", chain::ToSs58(validator)}, {"amount", std::to_string(command.amount)}};
      out.fields = {{"Validator", chain::ToSs58(validator)}, {"Amount", FormatTftWithSymbol(command.amount)}};
      break;
    case Action::kWithdraw:
      out.call = chain::WithdrawUnbondedCall{};
      break;
    case Action::kUnjail:
      out.call = chain::UnjailCall{};
      break;
  }
  return out;
}

}  // namespace

Status RunStake(const StakeCommand& command, const GlobalOptions& global, CommandContext& context) {
  // The target first, so that a bad address fails before any password prompt.
  std::optional<chain::AccountId> validator;
  if (!command.validator.empty()) {
    TF_ASSIGN_OR_RETURN(validator, ResolveAccount(command.validator, global));
  }
  TF_ASSIGN_OR_RETURN(chain::SecretKey key, ResolveSigner(command.tx.from, command.tx.scheme, global, context));
  return SignAndSend(command.tx, key, StakeCall(command, validator.value_or(key.account_id())), global, context);
}

}  // namespace tfchain::wallet
