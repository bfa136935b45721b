// tx_*: submit transactions, follow them, read their receipts.
#include <nlohmann/json.hpp>

#include "chain/json.h"
#include "rpc/json_schema.h"
#include "rpc/methods.h"

namespace tfchain::rpc {

using nlohmann::json;

namespace {

ParamSpec TxHashParam() {
  return ParamSpec{.name = "hash", .type = ParamType::kHash, .description = "0x-hex transaction hash"};
}

// A refused submission: -32000 with the node's reason, unless the node is merely
// busy (-32002) or broken (-32603).
RpcStatus SubmitError(const chain::Status& status) {
  if (status.code() != chain::Status::Code::kInvalidArgument) return status;
  RpcError e;
  e.code = kTxRejected;
  e.message = "transaction rejected: " + status.ToString();
  e.reason = std::string(status.reason());
  e.detail = std::string(status.detail());
  return e;
}

std::string_view StateName(TxLookup::State state) {
  switch (state) {
    case TxLookup::State::kPending:
      return "pending";
    case TxLookup::State::kIncluded:
      return "included";
    case TxLookup::State::kDropped:
      return "dropped";
  }
  return "unknown";
}

json TxGetSchema() {
  return ObjectSchema({{"hash", HashSchema()},
                       {"state", {{"type", "string"}, {"enum", {"pending", "included", "dropped"}}}},
                       {"tx", NullableSchema(TransactionSchema())},
                       {"height", NullableSchema(UintSchema())},
                       {"index", NullableSchema(UintSchema())},
                       {"block_hash", NullableSchema(HashSchema())},
                       {"drop_reason", NullableSchema(StringSchema())}});
}

json Const(std::string_view value) { return {{"const", value}}; }

json ReceiptSchema() {
  json included = ObjectSchema({{"hash", HashSchema()},
                                {"status", Const("included")},
                                {"height", UintSchema()},
                                {"index", UintSchema()},
                                {"block_hash", HashSchema()},
                                {"success", {{"const", true}}},
                                {"fee", AmountSchema()},
                                {"events", ArraySchema(EventSchema())}});
  json failed = ObjectSchema({{"hash", HashSchema()},
                              {"status", Const("failed")},
                              {"height", UintSchema()},
                              {"index", UintSchema()},
                              {"block_hash", HashSchema()},
                              {"success", {{"const", false}}},
                              {"error", StringSchema()},
                              {"message", StringSchema()},
                              {"fee", AmountSchema()},
                              {"events", ArraySchema(EventSchema())}});
  return {
      {"oneOf",
       {ObjectSchema({{"hash", HashSchema()}, {"status", Const("pending")}}), std::move(included), std::move(failed),
        ObjectSchema({{"hash", HashSchema()}, {"status", Const("dropped")}, {"reason", StringSchema()}})}}};
}

RpcStatus ReceiptJson(const TxLookup& tx, json* result) {
  const std::string hash = tx.hash.Hex();
  switch (tx.state) {
    case TxLookup::State::kPending:
      *result = {{"hash", hash}, {"status", "pending"}};
      return RpcStatus::Ok();
    case TxLookup::State::kDropped:
      *result = {{"hash", hash}, {"status", "dropped"}, {"reason", tx.drop_reason}};
      return RpcStatus::Ok();
    case TxLookup::State::kIncluded:
      break;
  }
  if (!tx.receipt)
    return chain::Status::Internal("receipt-missing", "included transaction " + hash + " has no receipt");
  const chain::Receipt& r = *tx.receipt;
  json events = json::array();
  for (const chain::Event& e : r.events) events.push_back(chain::ToJson(e));
  *result = {{"hash", hash},
             {"status", r.success ? "included" : "failed"},
             {"height", tx.height},
             {"index", tx.index},
             {"block_hash", tx.block_hash.Hex()},
             {"success", r.success},
             {"fee", chain::AmountToJson(r.fee)},
             {"events", std::move(events)}};
  if (!r.success) {
    (*result)["error"] = r.error;
    (*result)["message"] = r.message;
  }
  return RpcStatus::Ok();
}

}  // namespace

std::vector<MethodSpec> TxMethods(NodeApi& node) {
  std::vector<MethodSpec> out;

  out.push_back(MethodSpec{
      .name = "tx_submit",
      .summary = "Checks a signed, encoded transaction and adds it to the mempool; returns its hash.",
      .params = {{.name = "tx_hex", .type = ParamType::kHexBytes, .description = "0x-hex of the encoded transaction"}},
      .result = {"hash", Share(HashSchema())},
      .handler = [&node](const Params& params, json* result) -> RpcStatus {
        auto hash = node.SubmitTransaction(params.Get<chain::Bytes>("tx_hex"));
        if (!hash.ok()) return SubmitError(hash.status());
        *result = hash->Hex();
        return RpcStatus::Ok();
      }});

  out.push_back(
      MethodSpec{.name = "tx_get",
                 .summary = "Where a transaction is (pending, included or dropped), with the decoded transaction.",
                 .params = {TxHashParam()},
                 .result = {"transaction", Share(TxGetSchema())},
                 .handler = [&node](const Params& params, json* result) -> RpcStatus {
                   auto tx = node.GetTransaction(params.Get<chain::Hash256>("hash"), /*with_tx=*/true);
                   if (!tx.ok()) return tx.status();
                   const bool included = tx->state == TxLookup::State::kIncluded;
                   const bool dropped = tx->state == TxLookup::State::kDropped;
                   *result = {{"hash", tx->hash.Hex()},
                              {"state", StateName(tx->state)},
                              {"tx", tx->tx ? chain::ToJson(*tx->tx) : json(nullptr)},
                              {"height", included ? json(tx->height) : json(nullptr)},
                              {"index", included ? json(tx->index) : json(nullptr)},
                              {"block_hash", included ? json(tx->block_hash.Hex()) : json(nullptr)},
                              {"drop_reason", dropped ? json(tx->drop_reason) : json(nullptr)}};
                   return RpcStatus::Ok();
                 }});

  out.push_back(
      MethodSpec{.name = "tx_getReceipt",
                 .summary = "The outcome of a transaction: pending, included (success), failed (included, call failed) "
                            "or dropped.",
                 .params = {TxHashParam()},
                 .result = {"receipt", Share(ReceiptSchema())},
                 .handler = [&node](const Params& params, json* result) -> RpcStatus {
                   auto tx = node.GetTransaction(params.Get<chain::Hash256>("hash"), /*with_tx=*/false);
                   if (!tx.ok()) return tx.status();
                   return ReceiptJson(*tx, result);
                 }});

  return out;
}

}  // namespace tfchain::rpc
