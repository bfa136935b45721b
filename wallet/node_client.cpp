#include "wallet/node_client.h"

#include "chain/account_data.h"
#include "chain/hash.h"
#include "chain/json.h"
#include "wallet/json_reader.h"

namespace tfchain::wallet {
namespace {

using chain::Result;
using chain::Status;

JsonReader Reader(const nlohmann::json& value, std::string_view method) {
  return JsonReader(value, "bad-rpc-response", std::string(method));
}

Status ProofMismatch(std::string what) { return Status::InvalidArgument("proof-mismatch", std::move(what)); }

// One validator object of staking_getValidators / staking_getValidator.
Result<NodeValidator> ParseValidator(const nlohmann::json& value, std::string_view method) {
  JsonReader r = Reader(value, method);
  TF_RETURN_IF_ERROR(r.ExpectObject());
  NodeValidator out;
  TF_ASSIGN_OR_RETURN(out.operator_account, r.Account("operator"));
  TF_ASSIGN_OR_RETURN(out.consensus_key, r.Account("consensus_key"));
  TF_ASSIGN_OR_RETURN(out.commission_permill, r.U64("commission_permill"));
  if (!r.IsNull("pending_commission")) {
    TF_ASSIGN_OR_RETURN(out.pending_commission, r.U64("pending_commission"));
  }
  TF_ASSIGN_OR_RETURN(out.self_bond, r.Amount("self_bond"));
  TF_ASSIGN_OR_RETURN(out.total_bonded, r.Amount("total_bonded"));
  TF_ASSIGN_OR_RETURN(out.jailed, r.Bool("jailed"));
  TF_ASSIGN_OR_RETURN(out.jailed_until, r.U64("jailed_until"));
  TF_ASSIGN_OR_RETURN(out.tombstoned, r.Bool("tombstoned"));
  TF_ASSIGN_OR_RETURN(out.power_current, r.Amount("power_current"));
  TF_ASSIGN_OR_RETURN(out.power_next, r.Amount("power_next"));
  TF_ASSIGN_OR_RETURN(out.missed_blocks, r.U64("missed_blocks"));
  TF_ASSIGN_OR_RETURN(out.window_blocks, r.U64("window_blocks"));
  TF_ASSIGN_OR_RETURN(out.status, r.String("status"));
  out.raw = value;
  return out;
}

}  // namespace

Result<NodeChainInfo> NodeClient::GetChain() {
  TF_ASSIGN_OR_RETURN(nlohmann::json result, rpc_.Call("system_chain", nlohmann::json::array()));
  JsonReader r = Reader(result, "system_chain");
  NodeChainInfo out;
  TF_ASSIGN_OR_RETURN(out.chain_id, r.String("chain_id"));
  TF_ASSIGN_OR_RETURN(out.genesis_hash, r.Hash("genesis_hash"));
  if (r.Has("node_name")) {
    TF_ASSIGN_OR_RETURN(out.node_name, r.String("node_name"));
  }
  return out;
}

Result<NodeProperties> NodeClient::GetProperties() {
  TF_ASSIGN_OR_RETURN(nlohmann::json result, rpc_.Call("system_properties", nlohmann::json::array()));
  JsonReader r = Reader(result, "system_properties");
  NodeProperties out;
  TF_ASSIGN_OR_RETURN(out.token_symbol, r.String("token_symbol"));
  TF_ASSIGN_OR_RETURN(out.token_decimals, r.U64("token_decimals"));
  TF_ASSIGN_OR_RETURN(out.ss58_format, r.U64("ss58_format"));
  TF_ASSIGN_OR_RETURN(out.base_fee, r.Amount("base_fee"));
  TF_ASSIGN_OR_RETURN(out.fee_per_byte, r.Amount("fee_per_byte"));
  TF_ASSIGN_OR_RETURN(out.max_tx_bytes, r.U64("max_tx_bytes"));
  return out;
}

Result<NodeHead> NodeClient::GetHead() {
  TF_ASSIGN_OR_RETURN(nlohmann::json result, rpc_.Call("chain_getHead", nlohmann::json::array()));
  JsonReader r = Reader(result, "chain_getHead");
  NodeHead out;
  TF_ASSIGN_OR_RETURN(out.height, r.U64("height"));
  TF_ASSIGN_OR_RETURN(out.hash, r.Hash("hash"));
  TF_ASSIGN_OR_RETURN(out.time_ms, r.U64("time_ms"));
  return out;
}

Result<NodeHeader> NodeClient::GetHeader(uint64_t height) {
  TF_ASSIGN_OR_RETURN(nlohmann::json result, rpc_.Call("chain_getHeader", nlohmann::json::array({height})));
  JsonReader r = Reader(result, "chain_getHeader");
  NodeHeader out;
  chain::BlockHeader& h = out.header;
  TF_ASSIGN_OR_RETURN(out.hash, r.Hash("hash"));
  TF_ASSIGN_OR_RETURN(h.chain_id, r.String("chain_id"));
  TF_ASSIGN_OR_RETURN(h.height, r.U64("height"));
  TF_ASSIGN_OR_RETURN(h.time_ms, r.U64("time_ms"));
  TF_ASSIGN_OR_RETURN(h.prev_hash, r.Hash("prev_hash"));
  TF_ASSIGN_OR_RETURN(h.txs_root, r.Hash("txs_root"));
  TF_ASSIGN_OR_RETURN(h.state_root, r.Hash("state_root"));
  TF_ASSIGN_OR_RETURN(h.events_root, r.Hash("events_root"));
  TF_ASSIGN_OR_RETURN(h.validators_hash, r.Hash("validators_hash"));
  TF_ASSIGN_OR_RETURN(h.next_validators_hash, r.Hash("next_validators_hash"));
  TF_ASSIGN_OR_RETURN(h.proposer, r.Account("proposer"));
  TF_ASSIGN_OR_RETURN(h.last_commit_hash, r.Hash("last_commit_hash"));
  TF_ASSIGN_OR_RETURN(h.evidence_hash, r.Hash("evidence_hash"));
  return out;
}

Result<NodeAccount> NodeClient::GetAccount(const chain::AccountId& account) {
  TF_ASSIGN_OR_RETURN(nlohmann::json result,
                      rpc_.Call("state_getAccount", nlohmann::json::array({chain::ToSs58(account)})));
  JsonReader r = Reader(result, "state_getAccount");
  NodeAccount out;
  TF_ASSIGN_OR_RETURN(out.account, r.Account("address"));
  if (out.account != account) return r.Error("answered for another account");
  TF_ASSIGN_OR_RETURN(out.free, r.Amount("free"));
  TF_ASSIGN_OR_RETURN(out.reserved, r.Amount("reserved"));
  TF_ASSIGN_OR_RETURN(out.nonce, r.U64("nonce"));
  TF_ASSIGN_OR_RETURN(out.pending_nonce, r.U64("pending_nonce"));
  TF_ASSIGN_OR_RETURN(out.height, r.U64("height"));
  return out;
}

Result<NodeAccountProof> NodeClient::GetAccountProof(const chain::AccountId& account) {
  TF_ASSIGN_OR_RETURN(nlohmann::json result,
                      rpc_.Call("state_getProof", nlohmann::json::array({chain::ToSs58(account)})));
  JsonReader r = Reader(result, "state_getProof");
  NodeAccountProof out;
  TF_ASSIGN_OR_RETURN(out.account, r.Account("address"));
  TF_ASSIGN_OR_RETURN(out.height, r.U64("height"));
  TF_ASSIGN_OR_RETURN(out.block_hash, r.Hash("block_hash"));
  TF_ASSIGN_OR_RETURN(out.state_root, r.Hash("state_root"));
  TF_ASSIGN_OR_RETURN(out.state_key, r.Hex("state_key"));
  TF_ASSIGN_OR_RETURN(out.key_hash, r.Hash("key_hash"));
  if (!r.IsNull("value")) {
    TF_ASSIGN_OR_RETURN(out.value, r.Hex("value"));
  }
  TF_ASSIGN_OR_RETURN(const nlohmann::json* proof, r.Field("proof"));
  auto parsed = chain::SmtProofFromJson(*proof);
  if (!parsed.ok()) return r.Error("field 'proof': " + parsed.status().ToString());
  out.proof = std::move(parsed).value();
  return out;
}

Result<chain::Hash256> NodeClient::SubmitTransaction(chain::ByteSpan encoded_tx) {
  TF_ASSIGN_OR_RETURN(nlohmann::json result, rpc_.Call("tx_submit", nlohmann::json::array({chain::ToHex(encoded_tx)})));
  auto hash = result.is_string() ? chain::Hash256::FromHex(result.get<std::string>())
                                 : Result<chain::Hash256>(Status::InvalidArgument("bad-hex"));
  if (!hash.ok()) return Status::Internal("bad-rpc-response", "tx_submit: the result is not a transaction hash");
  return *hash;
}

Result<nlohmann::json> NodeClient::GetTransaction(const chain::Hash256& hash) {
  TF_ASSIGN_OR_RETURN(nlohmann::json result, rpc_.Call("tx_get", nlohmann::json::array({hash.Hex()})));
  JsonReader r = Reader(result, "tx_get");
  TF_RETURN_IF_ERROR(r.ExpectObject());
  TF_ASSIGN_OR_RETURN(std::string state, r.String("state"));
  if (state != "pending" && state != "included" && state != "dropped") return r.Error("unknown state '" + state + "'");
  return result;
}

Result<NodeReceipt> NodeClient::GetReceipt(const chain::Hash256& hash) {
  TF_ASSIGN_OR_RETURN(nlohmann::json result, rpc_.Call("tx_getReceipt", nlohmann::json::array({hash.Hex()})));
  JsonReader r = Reader(result, "tx_getReceipt");
  NodeReceipt out;
  TF_ASSIGN_OR_RETURN(out.hash, r.Hash("hash"));
  if (out.hash != hash) return r.Error("answered for another transaction");
  TF_ASSIGN_OR_RETURN(std::string status, r.String("status"));
  if (status == "pending") {
    out.state = NodeReceipt::State::kPending;
  } else if (status == "dropped") {
    out.state = NodeReceipt::State::kDropped;
    if (r.Has("reason")) {
      TF_ASSIGN_OR_RETURN(out.reason, r.String("reason"));
    }
  } else if (status == "included" || status == "failed") {
    out.state = status == "included" ? NodeReceipt::State::kIncluded : NodeReceipt::State::kFailed;
    TF_ASSIGN_OR_RETURN(out.height, r.U64("height"));
    TF_ASSIGN_OR_RETURN(out.index, r.U64("index"));
    TF_ASSIGN_OR_RETURN(out.block_hash, r.Hash("block_hash"));
    TF_ASSIGN_OR_RETURN(out.fee, r.Amount("fee"));
    if (out.state == NodeReceipt::State::kFailed) {
      TF_ASSIGN_OR_RETURN(out.error, r.String("error"));
      if (r.Has("message")) {
        TF_ASSIGN_OR_RETURN(out.message, r.String("message"));
      }
    }
    if (!r.IsNull("events")) {
      TF_ASSIGN_OR_RETURN(const nlohmann::json* events, r.Field("events"));
      if (!events->is_array()) return r.Error("field 'events' must be an array");
      out.events = *events;
    }
  } else {
    return r.Error("unknown status '" + status + "'");
  }
  out.raw = std::move(result);
  return out;
}

Result<std::vector<NodeValidator>> NodeClient::GetValidators() {
  TF_ASSIGN_OR_RETURN(nlohmann::json result, rpc_.Call("staking_getValidators", nlohmann::json::array()));
  if (!result.is_array()) return Reader(result, "staking_getValidators").Error("expected a JSON array");
  std::vector<NodeValidator> out;
  for (const nlohmann::json& item : result) {
    TF_ASSIGN_OR_RETURN(NodeValidator v, ParseValidator(item, "staking_getValidators"));
    out.push_back(std::move(v));
  }
  return out;
}

Result<NodeValidator> NodeClient::GetValidator(const chain::AccountId& operator_or_consensus_key) {
  TF_ASSIGN_OR_RETURN(
      nlohmann::json result,
      rpc_.Call("staking_getValidator", nlohmann::json::array({chain::ToSs58(operator_or_consensus_key)})));
  TF_ASSIGN_OR_RETURN(NodeValidator v, ParseValidator(result, "staking_getValidator"));
  if (v.operator_account != operator_or_consensus_key && v.consensus_key != operator_or_consensus_key) {
    return Reader(result, "staking_getValidator").Error("answered for another validator");
  }
  return v;
}

Result<std::optional<chain::AccountData>> VerifyAccountProof(const chain::AccountId& account,
                                                             const NodeAccountProof& proof, const NodeHeader& header) {
  if (proof.account != account) return ProofMismatch("the proof is for another account");
  if (header.header.height != proof.height) {
    return ProofMismatch("header height " + std::to_string(header.header.height) + " is not the proof's height " +
                         std::to_string(proof.height));
  }
  if (chain::BlockHash(header.header) != header.hash) {
    return ProofMismatch("the header's fields do not hash to its hash " + header.hash.Hex());
  }
  if (header.hash != proof.block_hash) {
    return ProofMismatch("the header at height " + std::to_string(proof.height) + " is " + header.hash.Hex() +
                         ", the proof names block " + proof.block_hash.Hex());
  }
  if (header.header.state_root != proof.state_root) {
    return ProofMismatch("the proof's state_root " + proof.state_root.Hex() + " is not the header's " +
                         header.header.state_root.Hex());
  }
  const chain::Bytes state_key = chain::AccountStateKey(account);
  if (proof.state_key != state_key) return ProofMismatch("state_key is not the account's state key");
  const chain::Hash256 key_hash = chain::Blake2b256(state_key);
  if (proof.key_hash != key_hash) return ProofMismatch("key_hash is not BLAKE2b-256 of the state key");

  std::optional<chain::AccountData> data;
  if (proof.value) {
    auto decoded = chain::DecodeExact<chain::AccountData>(*proof.value, 1024);
    if (!decoded.ok()) return ProofMismatch("the value is not account data: " + decoded.status().ToString());
    data = *decoded;
  }
  Status verified = chain::SmtVerify(proof.state_root, key_hash, proof.value, proof.proof);
  if (!verified.ok()) return ProofMismatch("the Merkle proof does not verify: " + verified.ToString());
  return data;
}

}  // namespace tfchain::wallet
