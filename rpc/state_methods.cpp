// state_*: accounts, total issuance and state proofs.
#include <nlohmann/json.hpp>

#include "chain/account_data.h"
#include "chain/codec.h"
#include "chain/json.h"
#include "rpc/json_schema.h"
#include "rpc/methods.h"

namespace tfchain::rpc {

using nlohmann::json;

namespace {

ParamSpec AddressParam() {
  return ParamSpec{.name = "address",
                   .type = ParamType::kAccount,
                   .description = "SS58 address (prefix 42) or 0x-hex 32-byte account id"};
}

json ProofSchema() {
  return ObjectSchema({{"address", AccountSchema()},
                       {"height", UintSchema()},
                       {"block_hash", HashSchema()},
                       {"state_root", HashSchema()},
                       {"state_key", HexSchema()},
                       {"key_hash", HashSchema()},
                       {"value", NullableSchema(HexSchema())},
                       {"account", NullableSchema(AccountDataSchema())},
                       {"proof", SmtProofSchema()}});
}

RpcStatus ProofJson(const AccountProof& p, json* result) {
  json account = nullptr;
  if (p.value) {
    auto data = chain::DecodeExact<chain::AccountData>(*p.value, p.value->size());
    if (!data.ok()) return chain::Status::Internal("corrupt-account-data", data.status().ToString());
    account = chain::ToJson(*data);
  }
  *result = {{"address", chain::AccountToJson(p.account)},
             {"height", p.height},
             {"block_hash", p.block_hash.Hex()},
             {"state_root", p.state_root.Hex()},
             {"state_key", chain::ToHex(p.state_key)},
             {"key_hash", p.key_hash.Hex()},
             {"value", p.value ? json(chain::ToHex(*p.value)) : json(nullptr)},
             {"account", std::move(account)},
             {"proof", chain::ToJson(p.proof)}};
  return RpcStatus::Ok();
}

}  // namespace

std::vector<MethodSpec> StateMethods(NodeApi& node) {
  std::vector<MethodSpec> out;

  out.push_back(MethodSpec{.name = "state_getAccount",
                           .summary = "Balances and nonces of an account at the head (zero for an unknown account).",
                           .params = {AddressParam()},
                           .result = {"account", Share(ObjectSchema({{"address", AccountSchema()},
                                                                     {"free", AmountSchema()},
                                                                     {"reserved", AmountSchema()},
                                                                     {"nonce", UintSchema()},
                                                                     {"pending_nonce", UintSchema()},
                                                                     {"height", UintSchema()}}))},
                           .handler = [&node](const Params& params, json* result) -> RpcStatus {
                             auto info = node.GetAccount(params.Get<chain::AccountId>("address"));
                             if (!info.ok()) return info.status();
                             *result = {{"address", chain::AccountToJson(info->account)},
                                        {"free", chain::AmountToJson(info->free)},
                                        {"reserved", chain::AmountToJson(info->reserved)},
                                        {"nonce", info->nonce},
                                        {"pending_nonce", info->pending_nonce},
                                        {"height", info->height}};
                             return RpcStatus::Ok();
                           }});

  out.push_back(MethodSpec{.name = "state_getTotalIssuance",
                           .summary = "All TFT in existence at the head, in base units.",
                           .result = {"issuance", Share(AmountSchema())},
                           .handler = [&node](const Params&, json* result) -> RpcStatus {
                             auto issuance = node.GetTotalIssuance();
                             if (!issuance.ok()) return issuance.status();
                             *result = chain::AmountToJson(*issuance);
                             return RpcStatus::Ok();
                           }});

  out.push_back(
      MethodSpec{.name = "state_getProof",
                 .summary = "An account's state-tree entry with a sparse Merkle proof against a block's state_root "
                            "(inclusion, or exclusion when the account does not exist).",
                 .params = {AddressParam(),
                            {.name = "block",
                             .type = ParamType::kBlockRef,
                             .required = false,
                             .description = "block height (integer) or 0x-hex block hash; null or missing: the head"}},
                 .result = {"proof", Share(ProofSchema())},
                 .handler = [&node](const Params& params, json* result) -> RpcStatus {
                   std::optional<uint64_t> height;
                   if (const BlockRef* ref = params.Find<BlockRef>("block")) {
                     if (const auto* h = std::get_if<uint64_t>(ref)) {
                       height = *h;
                     } else {
                       auto view = node.GetBlockByHash(std::get<chain::Hash256>(*ref));
                       if (!view.ok()) return view.status();
                       height = view->block.header.height;
                     }
                   }
                   auto proof = node.GetAccountProof(params.Get<chain::AccountId>("address"), height);
                   if (!proof.ok()) return proof.status();
                   return ProofJson(*proof, result);
                 }});

  return out;
}

}  // namespace tfchain::rpc
