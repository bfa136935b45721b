// The shared "sign, check, submit, wait" flow of the transaction-sending commands.
#include "wallet/tx_sender.h"

#include <algorithm>
#include <limits>
#include <ostream>
#include <thread>

#include "chain/codec.h"
#include "chain/json.h"
#include "chain/transaction.h"
#include "wallet/amount.h"
#include "wallet/command_helpers.h"

namespace tfchain::wallet {

using chain::Result;
using chain::Status;

namespace {

constexpr uint64_t kMax = std::numeric_limits<uint64_t>::max();

// A transaction ready to submit, with what the wallet computed about it.
struct PreparedTx {
  chain::Transaction tx;
  chain::Bytes encoded;
  chain::Hash256 hash;
  uint64_t fee = 0;
};

// Builds and signs the transaction with the node's chain id, fee parameters, the
// signer's pending nonce and head height; checks it is affordable.
Result<PreparedTx> Prepare(const TxOptions& options, const chain::SecretKey& key, const OutgoingCall& outgoing,
                           NodeClient& node) {
  TF_ASSIGN_OR_RETURN(NodeChainInfo chain_info, node.GetChain());
  TF_ASSIGN_OR_RETURN(NodeProperties properties, node.GetProperties());
  if (properties.token_decimals != kTftDecimals) {
    return Status::InvalidArgument(
        "unsupported-chain",
        "the node's token has " + std::to_string(properties.token_decimals) + " decimals; this wallet handles 7");
  }
  TF_ASSIGN_OR_RETURN(NodeAccount signer, node.GetAccount(key.account_id()));
  TF_ASSIGN_OR_RETURN(NodeHead head, node.GetHead());
  if (head.height > kMax - options.valid_for) {
    return Status::InvalidArgument("usage", "--valid-for is too large");
  }

  chain::TransactionBody body;
  body.chain_id = chain_info.chain_id;
  body.nonce = signer.pending_nonce;
  body.tip = options.tip;
  body.valid_until = head.height + options.valid_for;
  body.call = outgoing.call;

  PreparedTx out;
  out.tx = chain::SignTransaction(std::move(body), key);
  out.encoded = chain::Encode(out.tx);
  out.hash = chain::TxHash(out.encoded);
  if (properties.max_tx_bytes != 0 && out.encoded.size() > properties.max_tx_bytes) {
    return Status::InvalidArgument("tx-too-large", std::to_string(out.encoded.size()) +
                                                       " bytes exceed the chain's limit of " +
                                                       std::to_string(properties.max_tx_bytes));
  }

  unsigned __int128 fee = static_cast<unsigned __int128>(properties.base_fee) +
                          static_cast<unsigned __int128>(properties.fee_per_byte) * out.encoded.size() + options.tip;
  unsigned __int128 needed = fee + outgoing.spend;
  if (fee > kMax || needed > signer.free) {
    std::string fee_text = fee > kMax ? "an overflowing fee" : "fee " + FormatTftWithSymbol(static_cast<uint64_t>(fee));
    std::string needed_text =
        needed > kMax ? "more than " + FormatTftWithSymbol(kMax) : FormatTftWithSymbol(static_cast<uint64_t>(needed));
    std::string parts =
        outgoing.spend > 0 ? "amount " + FormatTftWithSymbol(outgoing.spend) + " + " + fee_text : fee_text;
    return Status::InvalidArgument("insufficient-balance", "need " + needed_text + " (" + parts + "), but " +
                                                               chain::ToSs58(key.account_id()) + " has " +
                                                               FormatTftWithSymbol(signer.free) + " free");
  }
  out.fee = static_cast<uint64_t>(fee);
  return out;
}

// Polls tx_getReceipt until the transaction leaves the pending state.
Result<NodeReceipt> WaitForReceipt(NodeClient& node, const chain::Hash256& hash, const CommandContext& context) {
  const auto deadline = std::chrono::steady_clock::now() + context.inclusion_timeout;
  while (true) {
    auto receipt = node.GetReceipt(hash);
    if (receipt.ok() && receipt->state != NodeReceipt::State::kPending) return receipt;
    // Right after submission a node may not know the hash yet: keep asking.
    if (!receipt.ok() && receipt.status().code() != Status::Code::kNotFound) return receipt.status();
    auto now = std::chrono::steady_clock::now();
    if (now >= deadline) {
      auto seconds = std::chrono::duration_cast<std::chrono::seconds>(context.inclusion_timeout).count();
      return Status::Unavailable("inclusion-timeout", "timeout waiting for inclusion of " + hash.Hex() + " after " +
                                                          std::to_string(seconds) +
                                                          " s; it may still be included: see 'tfwallet tx show'");
    }
    std::this_thread::sleep_for(std::min<std::chrono::steady_clock::duration>(context.poll_interval, deadline - now));
  }
}

// What a receipt means for the exit status.
Status ReceiptOutcome(const NodeReceipt& receipt) {
  switch (receipt.state) {
    case NodeReceipt::State::kFailed:
      return Status::InvalidArgument(receipt.error.empty() ? "tx-failed" : receipt.error,
                                     "transaction " + receipt.hash.Hex() + " failed in block " +
                                         std::to_string(receipt.height) +
                                         (receipt.message.empty() ? "" : ": " + receipt.message));
    case NodeReceipt::State::kDropped:
      return Status::InvalidArgument("tx-dropped", "transaction " + receipt.hash.Hex() + " was dropped" +
                                                       (receipt.reason.empty() ? "" : ": " + receipt.reason));
    default:
      return Status::Ok();
  }
}

}  // namespace

Status SignAndSend(const TxOptions& options, const chain::SecretKey& key, const OutgoingCall& outgoing,
                   const GlobalOptions& global, CommandContext& context) {
  TF_ASSIGN_OR_RETURN(std::unique_ptr<RpcClient> rpc, ConnectNode(global, context));
  NodeClient node(*rpc);
  TF_ASSIGN_OR_RETURN(PreparedTx prepared, Prepare(options, key, outgoing, node));

  const std::string hash_hex = prepared.hash.Hex();
  const std::string from = chain::ToSs58(key.account_id());
  nlohmann::json summary = {{"hash", hash_hex},
                            {"from", from},
                            {"call", chain::ToJson(outgoing.call)},
                            {"tip", std::to_string(options.tip)},
                            {"fee", std::to_string(prepared.fee)},
                            {"nonce", prepared.tx.body.nonce},
                            {"valid_until", prepared.tx.body.valid_until}};
  summary.update(outgoing.summary);
  auto summary_fields = [&] {
    Fields fields = {{"Hash", hash_hex}, {"Call", std::string(chain::CallName(outgoing.call))}, {"From", from}};
    fields.insert(fields.end(), outgoing.fields.begin(), outgoing.fields.end());
    if (options.tip != 0) fields.emplace_back("Tip", FormatTftWithSymbol(options.tip));
    fields.emplace_back("Fee", FormatTftWithSymbol(prepared.fee));
    fields.emplace_back("Nonce", std::to_string(prepared.tx.body.nonce));
    fields.emplace_back("Valid until", "block " + std::to_string(prepared.tx.body.valid_until));
    return fields;
  };

  if (options.dry_run) {
    if (global.json) {
      nlohmann::json doc = summary;
      doc["tx_hex"] = chain::ToHex(prepared.encoded);
      PrintJson(context.out, doc);
    } else {
      context.out << "Dry run: the transaction was not submitted.\n";
      Fields fields = summary_fields();
      fields.emplace_back("Hex", chain::ToHex(prepared.encoded));
      PrintFields(context.out, fields);
    }
    return Status::Ok();
  }

  auto submitted = node.SubmitTransaction(prepared.encoded);
  if (!submitted.ok()) {
    Status error = submitted.status();
    if (error.reason() == "node-unreachable" || error.reason() == "bad-rpc-response") return error;
    return error.WithContext("rejected by node");
  }
  if (*submitted != prepared.hash) {
    return Status::Internal("bad-rpc-response", "tx_submit answered hash " + submitted->Hex() + " for " + hash_hex);
  }

  if (options.no_wait) {
    if (global.json) {
      nlohmann::json doc = summary;
      doc["status"] = "submitted";
      PrintJson(context.out, doc);
    } else {
      context.out << "Submitted; not waiting for inclusion.\n";
      PrintFields(context.out, summary_fields());
    }
    return Status::Ok();
  }

  // Progress goes to stdout, so that stderr holds nothing but the one error line.
  if (!global.json) context.out << "Submitted " << hash_hex << ", waiting for inclusion..." << std::endl;
  TF_ASSIGN_OR_RETURN(NodeReceipt receipt, WaitForReceipt(node, prepared.hash, context));
  nlohmann::json doc = receipt.raw;
  Fields extra;
  if (outgoing.on_included && receipt.state == NodeReceipt::State::kIncluded) {
    extra = outgoing.on_included(receipt, &doc);
  }
  if (global.json) {
    PrintJson(context.out, doc);
  } else {
    PrintReceipt(context.out, receipt);
    PrintFields(context.out, extra);
  }
  return ReceiptOutcome(receipt);
}

}  // namespace tfchain::wallet
