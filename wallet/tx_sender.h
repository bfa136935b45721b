#pragma once

#include <cstdint>
#include <functional>
#include <nlohmann/json.hpp>

#include "chain/call.h"
#include "chain/keys.h"
#include "chain/status.h"
#include "wallet/cli.h"
#include "wallet/commands.h"
#include "wallet/output.h"

namespace tfchain::wallet {

// Internal to the wallet library: the "sign, check, submit, wait" flow that every
// transaction-sending command (transfer, stake ...) shares.

// One call to send, with what the command wants shown about it.
struct OutgoingCall {
  chain::Call call;
  // Base units the call moves out of the signer's free balance besides the fee (a
  // transfer's or a bond's amount): the affordability check adds it to the fee.
  uint64_t spend = 0;
  // Call-specific members of the JSON summary ({"to", "amount"} for a transfer).
  nlohmann::json summary = nlohmann::json::object();
  // Call-specific lines of the text summary, shown after "From".
  Fields fields;
  // Optional: called with the receipt of an included (successful) transaction. It may
  // add members to the JSON document printed with --json (the receipt's raw answer),
  // and returns lines printed after the receipt in text mode (e.g. a new contract's id).
  std::function<Fields(const NodeReceipt& receipt, nlohmann::json* doc)> on_included;
};

// Signs `outgoing.call` with `key` and sends it as `options` say:
//  1. asks the node for the chain id (system_chain), the fee parameters
//     (system_properties; the token must have 7 decimals), the signer's pending nonce
//     (state_getAccount) and the head height (chain_getHead);
//  2. signs {chain id, nonce, tip, valid_until = head + valid_for, call} and checks
//     the size (max_tx_bytes) and that free >= base_fee + fee_per_byte * size + tip +
//     spend;
//  3. --dry-run: prints the summary and the hex, and stops; otherwise tx_submit, then
//     (unless --no-wait) polls tx_getReceipt until the transaction is included,
//     failed or dropped, and prints the receipt (with what on_included adds).
// Output goes to context.out, text or one JSON document (global.json). Errors: the
// node client's, "unsupported-chain", "usage" (--valid-for overflows the height),
// "tx-too-large", "insufficient-balance" (nothing is submitted), the node's rejection
// reason with the context "rejected by node", "inclusion-timeout", and after a
// printed receipt the chain's reason of a failed call or "tx-dropped".
// Not thread-safe.
chain::Status SignAndSend(const TxOptions& options, const chain::SecretKey& key, const OutgoingCall& outgoing,
                          const GlobalOptions& global, CommandContext& context);

}  // namespace tfchain::wallet
