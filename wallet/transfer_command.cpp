// transfer --from NAME|URI --to ADDRESS|NAME --amount TFT [--tip TFT] [--valid-for N]
//          [--scheme S] [--dry-run] [--no-wait]
#include "chain/call.h"
#include "wallet/amount.h"
#include "wallet/command_helpers.h"
#include "wallet/tx_sender.h"

namespace tfchain::wallet {

using chain::Status;

Status RunTransfer(const TransferCommand& command, const GlobalOptions& global, CommandContext& context) {
  TF_ASSIGN_OR_RETURN(chain::AccountId dest, ResolveAccount(command.to, global));
  TF_ASSIGN_OR_RETURN(chain::SecretKey key, ResolveSigner(command.tx.from, command.tx.scheme, global, context));
  OutgoingCall outgoing;
  outgoing.call = chain::TransferCall{dest, command.amount};
  outgoing.spend = command.amount;
  outgoing.summary = {{"to", chain::ToSs58(dest)}, {"amount", std::to_string(command.amount)}};
  outgoing.fields = {{"To", chain::ToSs58(dest)}, {"Amount", FormatTftWithSymbol(command.amount)}};
  return SignAndSend(command.tx, key, outgoing, global, context);
}

}  // namespace tfchain::wallet
