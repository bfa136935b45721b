// Genesis JSON (schema in docs/genesis.md):
//   { "chain_id": string(1..64, [a-z0-9-]),
//     "genesis_time_ms": integer,
//     "consensus": { "block_time_ms", "max_block_bytes", "max_block_txs", "max_tx_bytes" },
//     "fees": { "base_fee": amount, "fee_per_byte": amount, "proposer_share_percent": 0..100 },
//     "balances": [ { "account": ss58, "amount": amount } ... ],
//     "validators": [ { "name": string, "account": ss58, "power": integer >= 1 } ... ] }
// amount := non-negative integer, or a string of decimal digits (base units).
#include "chain/genesis.h"

#include <nlohmann/json.hpp>

#include <set>

namespace tfchain::chain {
namespace {
using nlohmann::json;

Status Bad(const std::string& field, const std::string& what) {
  return Status::InvalidArgument("bad-genesis", field + ": " + what);
}

Status CheckKeys(const json& obj, const std::string& where, std::initializer_list<std::string_view> allowed) {
  if (!obj.is_object()) return Bad(where, "must be an object");
  for (const auto& [key, _] : obj.items()) {
    bool known = false;
    for (std::string_view a : allowed) known |= key == a;
    if (!known) return Bad(where.empty() ? key : where + "." + key, "unknown field");
  }
  return Status::Ok();
}

const json* Field(const json& obj, std::string_view key) {
  auto it = obj.find(key);
  return it == obj.end() ? nullptr : &*it;
}

// An integer (or, if allow_string, a decimal string) in [min, max].
Status ReadU64(const json& obj, const std::string& where, std::string_view key, bool allow_string, uint64_t min,
               uint64_t max, uint64_t* out) {
  const std::string field = where.empty() ? std::string(key) : where + "." + std::string(key);
  const json* v = Field(obj, key);
  if (v == nullptr) return Bad(field, "missing");
  uint64_t value = 0;
  if (v->is_number_unsigned()) {
    value = v->get<uint64_t>();
  } else if (allow_string && v->is_string()) {
    const std::string& s = v->get_ref<const std::string&>();
    if (s.empty() || s.size() > 20) return Bad(field, "not a base-unit amount");
    unsigned __int128 acc = 0;
    for (char c : s) {
      if (c < '0' || c > '9') return Bad(field, "not a base-unit amount");
      acc = acc * 10 + static_cast<unsigned>(c - '0');
    }
    if (acc > UINT64_MAX) return Bad(field, "exceeds 2^64-1");
    value = static_cast<uint64_t>(acc);
  } else {
    return Bad(field, allow_string ? "must be a non-negative integer or a decimal string" : "must be a non-negative integer");
  }
  if (value < min || value > max) {
    return Bad(field, "must be in [" + std::to_string(min) + ", " + std::to_string(max) + "]");
  }
  *out = value;
  return Status::Ok();
}

Status ReadString(const json& obj, const std::string& where, std::string_view key, std::string* out) {
  const std::string field = where.empty() ? std::string(key) : where + "." + std::string(key);
  const json* v = Field(obj, key);
  if (v == nullptr) return Bad(field, "missing");
  if (!v->is_string()) return Bad(field, "must be a string");
  *out = v->get<std::string>();
  return Status::Ok();
}

Status ReadAccount(const json& obj, const std::string& where, AccountId* out) {
  std::string text;
  TF_RETURN_IF_ERROR(ReadString(obj, where, "account", &text));
  auto account = ParseAccount(text);
  if (!account.ok()) return Bad(where + ".account", account.status().ToString());
  *out = *account;
  return Status::Ok();
}

bool ValidChainId(const std::string& id) {
  if (id.empty() || id.size() > kMaxChainIdLength) return false;
  for (char c : id) {
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-')) return false;
  }
  return true;
}

Status ParseConsensus(const json& j, ConsensusParams* out) {
  TF_RETURN_IF_ERROR(CheckKeys(j, "consensus", {"block_time_ms", "max_block_bytes", "max_block_txs", "max_tx_bytes"}));
  TF_RETURN_IF_ERROR(ReadU64(j, "consensus", "block_time_ms", false, 10, 3'600'000, &out->block_time_ms));
  TF_RETURN_IF_ERROR(ReadU64(j, "consensus", "max_block_bytes", false, 4096, kMaxBlockSizeLimit, &out->max_block_bytes));
  TF_RETURN_IF_ERROR(ReadU64(j, "consensus", "max_block_txs", false, 1, kMaxBlockTxsLimit, &out->max_block_txs));
  TF_RETURN_IF_ERROR(ReadU64(j, "consensus", "max_tx_bytes", false, 256, kMaxTxBytesLimit, &out->max_tx_bytes));
  if (out->max_tx_bytes > out->max_block_bytes) return Bad("consensus.max_tx_bytes", "exceeds max_block_bytes");
  return Status::Ok();
}

Status ParseFees(const json& j, FeeParams* out) {
  TF_RETURN_IF_ERROR(CheckKeys(j, "fees", {"base_fee", "fee_per_byte", "proposer_share_percent"}));
  TF_RETURN_IF_ERROR(ReadU64(j, "fees", "base_fee", true, 0, UINT64_MAX / 4, &out->base_fee));
  TF_RETURN_IF_ERROR(ReadU64(j, "fees", "fee_per_byte", true, 0, UINT32_MAX, &out->fee_per_byte));
  uint64_t share;
  TF_RETURN_IF_ERROR(ReadU64(j, "fees", "proposer_share_percent", false, 0, 100, &share));
  out->proposer_share_percent = static_cast<uint32_t>(share);
  return Status::Ok();
}

Status ParseBalances(const json& j, std::vector<GenesisBalance>* out) {
  if (!j.is_array()) return Bad("balances", "must be an array");
  std::set<AccountId> seen;
  unsigned __int128 total = 0;
  for (size_t i = 0; i < j.size(); ++i) {
    const std::string where = "balances[" + std::to_string(i) + "]";
    TF_RETURN_IF_ERROR(CheckKeys(j[i], where, {"account", "amount"}));
    GenesisBalance b;
    TF_RETURN_IF_ERROR(ReadAccount(j[i], where, &b.account));
    TF_RETURN_IF_ERROR(ReadU64(j[i], where, "amount", true, 1, UINT64_MAX, &b.amount));
    if (!seen.insert(b.account).second) return Bad(where + ".account", "duplicate account");
    total += b.amount;
    if (total > UINT64_MAX) return Bad("balances", "total supply exceeds 2^64-1 base units");
    out->push_back(b);
  }
  return Status::Ok();
}

Status ParseValidators(const json& j, std::vector<GenesisValidator>* out) {
  if (!j.is_array()) return Bad("validators", "must be an array");
  if (j.empty()) return Bad("validators", "at least one validator is required");
  if (j.size() > kMaxValidators) return Bad("validators", "more than " + std::to_string(kMaxValidators));
  std::set<AccountId> seen;
  unsigned __int128 total_power = 0;
  for (size_t i = 0; i < j.size(); ++i) {
    const std::string where = "validators[" + std::to_string(i) + "]";
    TF_RETURN_IF_ERROR(CheckKeys(j[i], where, {"name", "account", "power"}));
    GenesisValidator v;
    TF_RETURN_IF_ERROR(ReadString(j[i], where, "name", &v.name));
    if (v.name.empty() || v.name.size() > 64) return Bad(where + ".name", "must be 1..64 characters");
    TF_RETURN_IF_ERROR(ReadAccount(j[i], where, &v.validator.id));
    TF_RETURN_IF_ERROR(ReadU64(j[i], where, "power", true, 1, UINT64_MAX, &v.validator.power));
    if (!seen.insert(v.validator.id).second) return Bad(where + ".account", "duplicate validator");
    total_power += v.validator.power;
    if (total_power > UINT64_MAX / 4) return Bad("validators", "total power too large");
    out->push_back(v);
  }
  return Status::Ok();
}
}  // namespace

std::vector<Validator> Genesis::ValidatorSet() const {
  std::vector<Validator> out;
  out.reserve(validators.size());
  for (const GenesisValidator& v : validators) out.push_back(v.validator);
  return out;
}

Result<Genesis> ParseGenesisJson(std::string_view json_text) {
  json j = json::parse(json_text, nullptr, /*allow_exceptions=*/false);
  if (j.is_discarded()) return Status::InvalidArgument("bad-genesis", "not valid JSON");
  TF_RETURN_IF_ERROR(
      CheckKeys(j, "", {"chain_id", "genesis_time_ms", "consensus", "fees", "balances", "validators"}));
  Genesis g;
  TF_RETURN_IF_ERROR(ReadString(j, "", "chain_id", &g.chain_id));
  if (!ValidChainId(g.chain_id)) return Bad("chain_id", "must be 1..64 characters of [a-z0-9-]");
  TF_RETURN_IF_ERROR(ReadU64(j, "", "genesis_time_ms", false, 0, UINT64_MAX / 2, &g.genesis_time_ms));
  for (const char* key : {"consensus", "fees", "balances", "validators"}) {
    if (Field(j, key) == nullptr) return Bad(key, "missing");
  }
  TF_RETURN_IF_ERROR(ParseConsensus(j["consensus"], &g.consensus));
  TF_RETURN_IF_ERROR(ParseFees(j["fees"], &g.fees));
  TF_RETURN_IF_ERROR(ParseBalances(j["balances"], &g.balances));
  TF_RETURN_IF_ERROR(ParseValidators(j["validators"], &g.validators));
  return g;
}

}  // namespace tfchain::chain
