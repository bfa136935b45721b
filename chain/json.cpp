#include "chain/json.h"

#include <limits>
#include <nlohmann/json.hpp>
#include <string>
#include <utility>
#include <variant>

#include "chain/grid_args_json.h"
#include "chain/market_args_json.h"

namespace tfchain::chain {

using nlohmann::json;

namespace {

// A tree is at most 256 levels deep (one per key bit).
constexpr size_t kMaxProofSiblings = 256;
// Digits of 2^64-1.
constexpr size_t kMaxAmountDigits = 20;

json HashJson(const Hash256& h) { return h.Hex(); }

// Per-alternative "args" of calls and events: one function per type, so that adding
// an alternative to Call or Event without its JSON view does not compile. The grid
// modules' are in grid_args_json.cpp.
json ArgsJson(const TransferCall& c) { return {{"dest", AccountToJson(c.dest)}, {"amount", AmountToJson(c.amount)}}; }
json ArgsJson(const RegisterValidatorCall& c) {
  return {{"consensus_key", AccountToJson(c.consensus_key)}, {"commission_permill", c.commission_permill}};
}
json ArgsJson(const SetCommissionCall& c) { return {{"commission_permill", c.commission_permill}}; }
json ArgsJson(const BondCall& c) {
  return {{"validator", AccountToJson(c.validator)}, {"amount", AmountToJson(c.amount)}};
}
json ArgsJson(const UnbondCall& c) {
  return {{"validator", AccountToJson(c.validator)}, {"amount", AmountToJson(c.amount)}};
}
json ArgsJson(const WithdrawUnbondedCall&) { return json::object(); }
json ArgsJson(const UnjailCall&) { return json::object(); }

json ArgsJson(const TransferEvent& e) {
  return {{"from", AccountToJson(e.from)}, {"to", AccountToJson(e.to)}, {"amount", AmountToJson(e.amount)}};
}
json ArgsJson(const FeePaidEvent& e) {
  return {{"payer", AccountToJson(e.payer)},
          {"fee", AmountToJson(e.fee)},
          {"proposer", AccountToJson(e.proposer)},
          {"to_proposer", AmountToJson(e.to_proposer)},
          {"to_pool", AmountToJson(e.to_pool)},
          {"burned", AmountToJson(e.burned)}};
}
json ArgsJson(const EndowedEvent& e) {
  return {{"account", AccountToJson(e.account)}, {"amount", AmountToJson(e.amount)}};
}
json ArgsJson(const ValidatorRegisteredEvent& e) {
  return {{"validator", AccountToJson(e.validator)},
          {"consensus_key", AccountToJson(e.consensus_key)},
          {"commission_permill", e.commission_permill}};
}
json ArgsJson(const BondedEvent& e) {
  return {{"validator", AccountToJson(e.validator)},
          {"account", AccountToJson(e.account)},
          {"amount", AmountToJson(e.amount)}};
}
json ArgsJson(const UnbondedEvent& e) {
  return {{"validator", AccountToJson(e.validator)},
          {"account", AccountToJson(e.account)},
          {"amount", AmountToJson(e.amount)},
          {"release_height", e.release_height}};
}
json ArgsJson(const WithdrawnEvent& e) {
  return {{"account", AccountToJson(e.account)}, {"amount", AmountToJson(e.amount)}};
}
json ArgsJson(const CommissionChangedEvent& e) {
  return {{"validator", AccountToJson(e.validator)}, {"commission_permill", e.commission_permill}};
}
json ArgsJson(const ActiveSetChangedEvent& e) {
  json members = json::array();
  for (const AccountId& m : e.members) members.push_back(AccountToJson(m));
  return {{"epoch", e.epoch}, {"effective_height", e.effective_height}, {"members", std::move(members)}};
}
json ArgsJson(const RewardPaidEvent& e) {
  return {{"validator", AccountToJson(e.validator)},
          {"account", AccountToJson(e.account)},
          {"amount", AmountToJson(e.amount)}};
}
json ArgsJson(const SlashedEvent& e) {
  return {{"validator", AccountToJson(e.validator)},
          {"amount", AmountToJson(e.amount)},
          {"reason", std::string(SlashReasonName(e.reason))}};
}
json ArgsJson(const JailedEvent& e) {
  return {{"validator", AccountToJson(e.validator)}, {"until_height", e.until_height}};
}
json ArgsJson(const UnjailedEvent& e) { return {{"validator", AccountToJson(e.validator)}}; }
json ArgsJson(const TombstonedEvent& e) { return {{"validator", AccountToJson(e.validator)}}; }

// {"name": T::kName, "args": ArgsJson(x)} for any tagged variant (calls, events).
template <typename Variant>
json TaggedJson(const Variant& v) {
  return std::visit(
      [](const auto& x) {
        using T = std::decay_t<decltype(x)>;
        return json{{"name", std::string(T::kName)}, {"args", ArgsJson(x)}};
      },
      v);
}

Status BadProof(std::string detail) { return Status::InvalidArgument("bad-proof-json", std::move(detail)); }

Result<Hash256> ProofHash(const json& value, const std::string& what) {
  auto h = HashFromJson(value);
  if (!h.ok()) return BadProof(what + ": " + h.status().ToString());
  return h;
}

}  // namespace

json AmountToJson(uint64_t amount) { return std::to_string(amount); }

Result<uint64_t> ParseAmount(std::string_view text) {
  if (text.empty() || text.size() > kMaxAmountDigits) {
    return Status::InvalidArgument("bad-amount", "expected 1 to 20 decimal digits");
  }
  if (text.size() > 1 && text[0] == '0') return Status::InvalidArgument("bad-amount", "leading zero");
  uint64_t out = 0;
  for (char c : text) {
    if (c < '0' || c > '9')
      return Status::InvalidArgument("bad-amount", "not a decimal digit: '" + std::string(1, c) + "'");
    const uint64_t digit = static_cast<uint64_t>(c - '0');
    if (out > (std::numeric_limits<uint64_t>::max() - digit) / 10) {
      return Status::InvalidArgument("bad-amount", "exceeds 18446744073709551615");
    }
    out = out * 10 + digit;
  }
  return out;
}

Result<uint64_t> AmountFromJson(const json& value) {
  if (value.is_number_unsigned()) return value.get<uint64_t>();
  if (value.is_number_integer()) {  // signed storage, e.g. a json built from an int
    if (value.get<int64_t>() < 0) return Status::InvalidArgument("bad-amount", "negative amount");
    return static_cast<uint64_t>(value.get<int64_t>());
  }
  if (value.is_string()) return ParseAmount(value.get_ref<const std::string&>());
  return Status::InvalidArgument(
      "bad-amount", "expected a decimal string or a non-negative integer, got " + std::string(value.type_name()));
}

json AccountToJson(const AccountId& account) { return ToSs58(account); }

Result<AccountId> AccountFromJson(const json& value) {
  if (!value.is_string()) {
    return Status::InvalidArgument(
        "bad-account", "expected an SS58 address or 0x-hex account id, got " + std::string(value.type_name()));
  }
  return ParseAccount(value.get_ref<const std::string&>());
}

Result<Hash256> HashFromJson(const json& value) {
  if (!value.is_string()) {
    return Status::InvalidArgument("bad-hash", "expected a 0x-hex hash, got " + std::string(value.type_name()));
  }
  const auto& text = value.get_ref<const std::string&>();
  if (!text.starts_with("0x")) return Status::InvalidArgument("bad-hex", "missing 0x prefix");
  return Hash256::FromHex(text);
}

json ToJson(const Signature& signature) {
  return {{"scheme", std::string(SchemeName(signature.scheme()))}, {"hex", ToHex(signature.bytes())}};
}

json ToJson(const Call& call) { return TaggedJson(call); }
json ToJson(const Event& event) { return TaggedJson(event); }

json ToJson(const TransactionBody& body) {
  return {{"chain_id", body.chain_id},     {"signer", AccountToJson(body.signer)}, {"nonce", body.nonce},
          {"tip", AmountToJson(body.tip)}, {"valid_until", body.valid_until},      {"call", ToJson(body.call)}};
}

json ToJson(const Transaction& tx) {
  json out = ToJson(tx.body);
  out["signature"] = ToJson(tx.signature);
  out["hash"] = HashJson(TxHash(tx));
  return out;
}

json ToJson(const Receipt& receipt) {
  json events = json::array();
  for (const Event& e : receipt.events) events.push_back(ToJson(e));
  json out = {{"tx_hash", HashJson(receipt.tx_hash)},
              {"success", receipt.success},
              {"fee", AmountToJson(receipt.fee)},
              {"events", std::move(events)}};
  if (!receipt.success) {
    out["error"] = receipt.error;
    out["message"] = receipt.message;
  }
  return out;
}

json ToJson(const BlockHeader& h) {
  return {{"chain_id", h.chain_id},
          {"height", h.height},
          {"time_ms", h.time_ms},
          {"prev_hash", HashJson(h.prev_hash)},
          {"txs_root", HashJson(h.txs_root)},
          {"state_root", HashJson(h.state_root)},
          {"events_root", HashJson(h.events_root)},
          {"validators_hash", HashJson(h.validators_hash)},
          {"next_validators_hash", HashJson(h.next_validators_hash)},
          {"proposer", AccountToJson(h.proposer)},
          {"last_commit_hash", HashJson(h.last_commit_hash)},
          {"evidence_hash", HashJson(h.evidence_hash)}};
}

json ToJson(const Block& block) {
  json txs = json::array();
  for (const Transaction& tx : block.txs) txs.push_back(ToJson(tx));
  json evidence = json::array();
  for (const Evidence& ev : block.evidence) evidence.push_back(ToJson(ev));
  return {{"hash", HashJson(BlockHash(block.header))},
          {"header", ToJson(block.header)},
          {"transactions", std::move(txs)},
          {"last_commit", ToJson(block.last_commit)},
          {"evidence", std::move(evidence)}};
}

json ToJson(const Vote& vote) {
  return {{"type", vote.type == VoteType::kPrevote ? "prevote" : "precommit"},
          {"height", vote.height},
          {"round", vote.round},
          {"block_hash", vote.block_hash.IsZero() ? json(nullptr) : HashJson(vote.block_hash)},
          {"validator", AccountToJson(vote.validator)},
          {"signature", ToJson(vote.signature)}};
}

json ToJson(const Commit& commit) {
  json sigs = json::array();
  for (const CommitSig& s : commit.signatures) {
    sigs.push_back({{"validator", AccountToJson(s.validator)}, {"signature", ToJson(s.signature)}});
  }
  return {{"height", commit.height},
          {"round", commit.round},
          {"block_hash", HashJson(commit.block_hash)},
          {"signatures", std::move(sigs)}};
}

json ToJson(const Evidence& evidence) {
  return {{"first", ToJson(evidence.first)}, {"second", ToJson(evidence.second)}};
}

json ToJson(const AccountData& account) {
  return {{"free", AmountToJson(account.free)}, {"reserved", AmountToJson(account.reserved)}, {"nonce", account.nonce}};
}

json ToJson(const SmtProof& proof) {
  json siblings = json::array();
  for (const Hash256& s : proof.siblings) siblings.push_back(HashJson(s));
  json leaf = nullptr;
  if (proof.leaf) leaf = {{"key_hash", HashJson(proof.leaf->first)}, {"value_hash", HashJson(proof.leaf->second)}};
  return {{"siblings", std::move(siblings)}, {"leaf", std::move(leaf)}};
}

Result<SmtProof> SmtProofFromJson(const json& value) {
  if (!value.is_object()) return BadProof("expected an object, got " + std::string(value.type_name()));
  for (const auto& [key, member] : value.items()) {
    if (key != "siblings" && key != "leaf") return BadProof("unknown member '" + key + "'");
  }
  if (!value.contains("siblings") || !value.contains("leaf")) return BadProof("needs members 'siblings' and 'leaf'");
  const json& siblings = value.at("siblings");
  if (!siblings.is_array()) return BadProof("'siblings' must be an array");
  if (siblings.size() > kMaxProofSiblings) {
    return BadProof(std::to_string(siblings.size()) + " siblings exceed the tree depth of 256");
  }
  SmtProof proof;
  proof.siblings.reserve(siblings.size());
  for (size_t i = 0; i < siblings.size(); ++i) {
    TF_ASSIGN_OR_RETURN(Hash256 h, ProofHash(siblings[i], "siblings[" + std::to_string(i) + "]"));
    proof.siblings.push_back(h);
  }
  const json& leaf = value.at("leaf");
  if (leaf.is_null()) return proof;
  if (!leaf.is_object() || leaf.size() != 2 || !leaf.contains("key_hash") || !leaf.contains("value_hash")) {
    return BadProof("'leaf' must be null or {\"key_hash\", \"value_hash\"}");
  }
  TF_ASSIGN_OR_RETURN(Hash256 key_hash, ProofHash(leaf.at("key_hash"), "leaf.key_hash"));
  TF_ASSIGN_OR_RETURN(Hash256 value_hash, ProofHash(leaf.at("value_hash"), "leaf.value_hash"));
  proof.leaf = std::make_pair(key_hash, value_hash);
  return proof;
}

Status RpcErrorStatus(const nlohmann::json& error) {
  int64_t code = 0;
  std::string message = "error without a message";
  std::string reason = "rpc-error";
  std::string detail;
  if (error.is_object()) {
    if (auto it = error.find("code"); it != error.end() && it->is_number_integer()) code = it->get<int64_t>();
    if (auto it = error.find("message"); it != error.end() && it->is_string()) message = it->get<std::string>();
    if (auto data = error.find("data"); data != error.end() && data->is_object()) {
      if (auto it = data->find("reason"); it != data->end() && it->is_string() && !it->get<std::string>().empty()) {
        reason = it->get<std::string>();
      }
      if (auto it = data->find("detail"); it != data->end() && it->is_string()) detail = it->get<std::string>();
    }
  }
  if (detail.empty()) detail = message;
  switch (code) {
    case -32001:
      return Status::NotFound(reason, detail);
    case -32002:
      return Status::Unavailable(reason, detail);
    case -32000:
    case -32600:
    case -32601:
    case -32602:
      return Status::InvalidArgument(reason, detail);
    default:
      return Status::Internal(reason, detail + " (JSON-RPC error " + std::to_string(code) + ")");
  }
}

}  // namespace tfchain::chain
