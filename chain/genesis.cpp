// Genesis JSON (schema in docs/genesis.md):
//   { "chain_id": string(1..64, [a-z0-9-]),
//     "genesis_time_ms": integer,
//     "consensus": { "block_time_ms", "max_block_bytes", "max_block_txs", "max_tx_bytes" },
//     "fees": { "base_fee": amount, "fee_per_byte": amount, "proposer_share_percent": 0..100,
//               "pool_share_percent": 0..100 (sum of the two <= 100) },
//     "staking": { "max_validators", "epoch_length", "unbonding_period", "min_validator_bond": amount,
//                  "double_sign_slash_permill", "downtime_slash_permill", "downtime_window",
//                  "min_signed_per_window", "jail_duration", "evidence_max_age",
//                  "epoch_reward": amount, "pool_balance": amount },
//     "balances": [ { "account": ss58, "amount": amount } ... ],
//     "validators": [ { "name": string, "account": ss58, "consensus_key": ss58 (ed25519),
//                       "stake": amount, "commission_permill": 0..1000000 } ... ],
//     "grid" (optional): { "uptime_interval_ms", "farming_period_ms", "standby_window_ms",
//               "tft_price_musd", "max_payouts_per_block", "certifiers": [ ss58 ... ],
//               "pricing_policies": [ PricingPolicy json ... ] (ids 1..n),
//               "farming_policies": [ FarmingPolicy json ... ] (ids 1..n) },
//     "governance" (optional): { "voting_period_blocks", "quorum_permill",
//                                "threshold_permill", "max_open_proposals" },
//     "billing" (optional): { "billing_period_blocks", "grace_period_ms", "ack_deadline_blocks",
//                             "farmer_percent", "staking_pool_percent", "foundation_percent",
//                             "burn_percent" (integers 0..100 summing to 100),
//                             "max_contracts_per_node" } }
// amount := non-negative integer, or a string of decimal digits (base units).
// Grid and governance values use grid_json.h's views and ValidateGridParams & co.;
// billing values ValidateBillingParams. Every member of a present section is required.
#include "chain/genesis.h"

#include <nlohmann/json.hpp>

#include <map>
#include <set>

#include "chain/call.h"
#include "chain/grid_json.h"
#include "chain/hash.h"
#include "chain/keys.h"

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
  TF_RETURN_IF_ERROR(CheckKeys(j, "consensus",
                               {"block_time_ms", "max_block_bytes", "max_block_txs", "max_tx_bytes",
                                "timeout_propose_ms", "timeout_propose_delta_ms", "timeout_prevote_ms",
                                "timeout_prevote_delta_ms", "timeout_precommit_ms", "timeout_precommit_delta_ms"}));
  TF_RETURN_IF_ERROR(ReadU64(j, "consensus", "block_time_ms", false, 10, 3'600'000, &out->block_time_ms));
  TF_RETURN_IF_ERROR(ReadU64(j, "consensus", "max_block_bytes", false, 4096, kMaxBlockSizeLimit, &out->max_block_bytes));
  TF_RETURN_IF_ERROR(ReadU64(j, "consensus", "max_block_txs", false, 1, kMaxBlockTxsLimit, &out->max_block_txs));
  TF_RETURN_IF_ERROR(ReadU64(j, "consensus", "max_tx_bytes", false, 256, kMaxTxBytesLimit, &out->max_tx_bytes));
  if (out->max_tx_bytes > out->max_block_bytes) return Bad("consensus.max_tx_bytes", "exceeds max_block_bytes");
  struct Timeout {
    const char* name;
    uint64_t* field;
    uint64_t min;
  };
  for (const Timeout& t : {Timeout{"timeout_propose_ms", &out->timeout_propose_ms, 10},
                           Timeout{"timeout_propose_delta_ms", &out->timeout_propose_delta_ms, 0},
                           Timeout{"timeout_prevote_ms", &out->timeout_prevote_ms, 10},
                           Timeout{"timeout_prevote_delta_ms", &out->timeout_prevote_delta_ms, 0},
                           Timeout{"timeout_precommit_ms", &out->timeout_precommit_ms, 10},
                           Timeout{"timeout_precommit_delta_ms", &out->timeout_precommit_delta_ms, 0}}) {
    TF_RETURN_IF_ERROR(ReadU64(j, "consensus", t.name, false, t.min, 600'000, t.field));
  }
  return Status::Ok();
}

Status ParseFees(const json& j, FeeParams* out) {
  TF_RETURN_IF_ERROR(
      CheckKeys(j, "fees", {"base_fee", "fee_per_byte", "proposer_share_percent", "pool_share_percent"}));
  TF_RETURN_IF_ERROR(ReadU64(j, "fees", "base_fee", true, 0, UINT64_MAX / 4, &out->base_fee));
  TF_RETURN_IF_ERROR(ReadU64(j, "fees", "fee_per_byte", true, 0, UINT32_MAX, &out->fee_per_byte));
  uint64_t proposer_share, pool_share;
  TF_RETURN_IF_ERROR(ReadU64(j, "fees", "proposer_share_percent", false, 0, 100, &proposer_share));
  TF_RETURN_IF_ERROR(ReadU64(j, "fees", "pool_share_percent", false, 0, 100, &pool_share));
  if (proposer_share + pool_share > 100) {
    return Bad("fees.pool_share_percent", "proposer_share_percent + pool_share_percent must not exceed 100");
  }
  out->proposer_share_percent = static_cast<uint32_t>(proposer_share);
  out->pool_share_percent = static_cast<uint32_t>(pool_share);
  return Status::Ok();
}

Status ParseStaking(const json& j, StakingParams* out) {
  TF_RETURN_IF_ERROR(CheckKeys(j, "staking",
                               {"max_validators", "epoch_length", "unbonding_period", "min_validator_bond",
                                "double_sign_slash_permill", "downtime_slash_permill", "downtime_window",
                                "min_signed_per_window", "jail_duration", "evidence_max_age", "epoch_reward",
                                "pool_balance"}));
  constexpr uint64_t kMaxPeriod = uint64_t{1} << 40;  // blocks; keeps height + period far from overflow
  uint64_t max_validators, double_sign, downtime;
  TF_RETURN_IF_ERROR(ReadU64(j, "staking", "max_validators", false, 1, kMaxValidators, &max_validators));
  TF_RETURN_IF_ERROR(ReadU64(j, "staking", "epoch_length", false, 1, kMaxPeriod, &out->epoch_length));
  TF_RETURN_IF_ERROR(ReadU64(j, "staking", "unbonding_period", false, 1, kMaxPeriod, &out->unbonding_period));
  TF_RETURN_IF_ERROR(ReadU64(j, "staking", "min_validator_bond", true, 1, UINT64_MAX, &out->min_validator_bond));
  TF_RETURN_IF_ERROR(
      ReadU64(j, "staking", "double_sign_slash_permill", false, 0, kPermillDenominator, &double_sign));
  TF_RETURN_IF_ERROR(ReadU64(j, "staking", "downtime_slash_permill", false, 0, kPermillDenominator, &downtime));
  TF_RETURN_IF_ERROR(ReadU64(j, "staking", "downtime_window", false, 1, kMaxDowntimeWindow, &out->downtime_window));
  TF_RETURN_IF_ERROR(ReadU64(j, "staking", "min_signed_per_window", false, 0, out->downtime_window,
                             &out->min_signed_per_window));
  TF_RETURN_IF_ERROR(ReadU64(j, "staking", "jail_duration", false, 1, kMaxPeriod, &out->jail_duration));
  TF_RETURN_IF_ERROR(ReadU64(j, "staking", "evidence_max_age", false, 1, kMaxPeriod, &out->evidence_max_age));
  if (out->evidence_max_age >= out->unbonding_period) {
    return Bad("staking.evidence_max_age", "must be below unbonding_period");
  }
  TF_RETURN_IF_ERROR(ReadU64(j, "staking", "epoch_reward", true, 0, UINT64_MAX, &out->epoch_reward));
  TF_RETURN_IF_ERROR(ReadU64(j, "staking", "pool_balance", true, 0, UINT64_MAX, &out->pool_balance));
  out->max_validators = static_cast<uint32_t>(max_validators);
  out->double_sign_slash_permill = static_cast<uint32_t>(double_sign);
  out->downtime_slash_permill = static_cast<uint32_t>(downtime);
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

Status ReadKey(const json& obj, const std::string& where, std::string_view key, AccountId* out) {
  std::string text;
  TF_RETURN_IF_ERROR(ReadString(obj, where, key, &text));
  auto account = ParseAccount(text);
  if (!account.ok()) return Bad(where + "." + std::string(key), account.status().ToString());
  *out = *account;
  return Status::Ok();
}

// Validators come after balances and staking: stakes are checked against both.
Status ParseValidators(const json& j, const std::vector<GenesisBalance>& balances, const StakingParams& staking,
                       std::vector<GenesisValidator>* out) {
  if (!j.is_array()) return Bad("validators", "must be an array");
  if (j.empty()) return Bad("validators", "at least one validator is required");
  if (j.size() > kMaxValidators) return Bad("validators", "more than " + std::to_string(kMaxValidators));
  std::map<AccountId, uint64_t> balance_of;
  for (const GenesisBalance& b : balances) balance_of[b.account] = b.amount;
  std::set<AccountId> operators, keys;
  for (size_t i = 0; i < j.size(); ++i) {
    const std::string where = "validators[" + std::to_string(i) + "]";
    TF_RETURN_IF_ERROR(CheckKeys(j[i], where, {"name", "account", "consensus_key", "stake", "commission_permill"}));
    GenesisValidator v;
    TF_RETURN_IF_ERROR(ReadString(j[i], where, "name", &v.name));
    if (v.name.empty() || v.name.size() > 64) return Bad(where + ".name", "must be 1..64 characters");
    TF_RETURN_IF_ERROR(ReadAccount(j[i], where, &v.account));
    TF_RETURN_IF_ERROR(ReadKey(j[i], where, "consensus_key", &v.validator.id));
    if (!PublicKey::Parse(KeyScheme::kEd25519, v.validator.id.span()).ok()) {
      return Bad(where + ".consensus_key", "not a valid ed25519 public key");
    }
    TF_RETURN_IF_ERROR(
        ReadU64(j[i], where, "stake", true, staking.min_validator_bond, UINT64_MAX, &v.validator.power));
    uint64_t commission;
    TF_RETURN_IF_ERROR(ReadU64(j[i], where, "commission_permill", false, 0, kPermillDenominator, &commission));
    v.commission_permill = static_cast<uint32_t>(commission);
    if (!operators.insert(v.account).second) return Bad(where + ".account", "duplicate validator account");
    if (!keys.insert(v.validator.id).second) return Bad(where + ".consensus_key", "duplicate consensus key");
    auto balance = balance_of.find(v.account);
    if (balance == balance_of.end() || balance->second < v.validator.power) {
      return Bad(where + ".stake", "exceeds the account's genesis balance");
    }
    out->push_back(v);
  }
  return Status::Ok();
}
// A grid_json FromJson or Validate* failure, whose detail starts with a member name,
// as bad-genesis at `where` ("grid" + "farming_period_ms: ..." ->
// "grid.farming_period_ms: ...").
Status Nested(const std::string& where, const Status& status) {
  if (status.ok()) return status;
  return Status::InvalidArgument("bad-genesis", where + "." + std::string(status.detail()));
}

// Policies: an array of objects with ids 1..n in order, each valid.
template <typename Policy>
Status ParsePolicies(const json& obj, const std::string& key, Result<Policy> (*from_json)(const json&),
                     Status (*validate)(const Policy&), std::vector<Policy>* out) {
  const std::string where = "grid." + key;
  const json* list = Field(obj, key);
  if (list == nullptr) return Bad(where, "missing");
  if (!list->is_array() || list->empty()) return Bad(where, "must be a non-empty array");
  out->clear();
  for (size_t i = 0; i < list->size(); ++i) {
    const std::string item = where + "[" + std::to_string(i) + "]";
    if (!(*list)[i].is_object()) return Bad(item, "must be an object");
    Result<Policy> policy = from_json((*list)[i]);
    if (!policy.ok()) return Nested(item, policy.status());
    if (policy->id != i + 1) return Bad(item + ".id", "policy ids must be 1..n in order");
    TF_RETURN_IF_ERROR(Nested(item, validate(*policy)));
    out->push_back(*std::move(policy));
  }
  return Status::Ok();
}

Status ParseCertifiers(const json& obj, std::vector<AccountId>* out) {
  const json* list = Field(obj, "certifiers");
  if (list == nullptr) return Bad("grid.certifiers", "missing");
  if (!list->is_array()) return Bad("grid.certifiers", "must be an array");
  if (list->size() > kCodecMaxList) return Bad("grid.certifiers", "more than " + std::to_string(kCodecMaxList));
  std::set<AccountId> seen;
  for (size_t i = 0; i < list->size(); ++i) {
    const std::string item = "grid.certifiers[" + std::to_string(i) + "]";
    if (!(*list)[i].is_string()) return Bad(item, "must be an SS58 address");
    auto account = ParseAccount((*list)[i].get_ref<const std::string&>());
    if (!account.ok()) return Bad(item, account.status().ToString());
    if (!seen.insert(*account).second) return Bad(item, "duplicate certifier");
  }
  out->assign(seen.begin(), seen.end());  // sorted
  return Status::Ok();
}

Status ParseGrid(const json& j, Genesis* g) {
  TF_RETURN_IF_ERROR(CheckKeys(j, "grid",
                               {"uptime_interval_ms", "farming_period_ms", "standby_window_ms", "tft_price_musd",
                                "max_payouts_per_block", "certifiers", "pricing_policies", "farming_policies"}));
  json params = j;
  for (const char* key : {"certifiers", "pricing_policies", "farming_policies"}) params.erase(key);
  Result<GridParams> grid = GridParamsFromJson(params);
  if (!grid.ok()) return Nested("grid", grid.status());
  TF_RETURN_IF_ERROR(Nested("grid", ValidateGridParams(*grid)));
  g->grid = *grid;
  TF_RETURN_IF_ERROR(ParseCertifiers(j, &g->certifiers));
  TF_RETURN_IF_ERROR(
      ParsePolicies(j, "pricing_policies", &PricingPolicyFromJson, &ValidatePricingPolicy, &g->pricing_policies));
  TF_RETURN_IF_ERROR(
      ParsePolicies(j, "farming_policies", &FarmingPolicyFromJson, &ValidateFarmingPolicy, &g->farming_policies));
  for (const FarmingPolicy& p : g->farming_policies) {
    if (p.is_default && p.node_certification == NodeCertification::kDiy &&
        p.farm_certification == FarmCertification::kNotCertified) {
      return Status::Ok();
    }
  }
  return Bad("grid.farming_policies",
             "needs a default policy with node_certification diy and farm_certification not-certified");
}

// Every member required; the 64-bit ones JSON integers or decimal strings, percents and
// max_contracts_per_node JSON integers; then ValidateBillingParams.
Status ParseBilling(const json& j, BillingParams* out) {
  TF_RETURN_IF_ERROR(CheckKeys(j, "billing",
                               {"billing_period_blocks", "grace_period_ms", "ack_deadline_blocks", "farmer_percent",
                                "staking_pool_percent", "foundation_percent", "burn_percent",
                                "max_contracts_per_node"}));
  BillingParams p;
  TF_RETURN_IF_ERROR(ReadU64(j, "billing", "billing_period_blocks", true, 0, UINT64_MAX, &p.billing_period_blocks));
  TF_RETURN_IF_ERROR(ReadU64(j, "billing", "grace_period_ms", true, 0, UINT64_MAX, &p.grace_period_ms));
  TF_RETURN_IF_ERROR(ReadU64(j, "billing", "ack_deadline_blocks", true, 0, UINT64_MAX, &p.ack_deadline_blocks));
  const auto percent = [&](std::string_view key, uint8_t* field) -> Status {
    uint64_t v;
    TF_RETURN_IF_ERROR(ReadU64(j, "billing", key, false, 0, 100, &v));
    *field = static_cast<uint8_t>(v);
    return Status::Ok();
  };
  TF_RETURN_IF_ERROR(percent("farmer_percent", &p.farmer_percent));
  TF_RETURN_IF_ERROR(percent("staking_pool_percent", &p.staking_pool_percent));
  TF_RETURN_IF_ERROR(percent("foundation_percent", &p.foundation_percent));
  TF_RETURN_IF_ERROR(percent("burn_percent", &p.burn_percent));
  uint64_t max_contracts;
  TF_RETURN_IF_ERROR(ReadU64(j, "billing", "max_contracts_per_node", false, 0, UINT32_MAX, &max_contracts));
  p.max_contracts_per_node = static_cast<uint32_t>(max_contracts);
  TF_RETURN_IF_ERROR(Nested("billing", ValidateBillingParams(p)));
  *out = p;
  return Status::Ok();
}

Status ParseGovernance(const json& j, GovernanceParams* out) {
  if (!j.is_object()) return Bad("governance", "must be an object");
  Result<GovernanceParams> params = GovernanceParamsFromJson(j);
  if (!params.ok()) return Nested("governance", params.status());
  TF_RETURN_IF_ERROR(Nested("governance", ValidateGovernanceParams(*params)));
  *out = *params;
  return Status::Ok();
}
}  // namespace

AccountId StakingPoolAccount() {
  static const AccountId pool = AccountId::FromSpan(Blake2b256(AsBytes("tfchain/staking-pool")).span());
  return pool;
}

AccountId FoundationAccount() {
  static const AccountId foundation = AccountId::FromSpan(Blake2b256(AsBytes("tfchain/foundation")).span());
  return foundation;
}

std::vector<PricingPolicy> DefaultPricingPolicies() {
  PricingPolicy p;
  p.id = 1;
  p.name = "threefold_default_pricing_policy";
  p.su = 50'000;
  p.cu = 100'000;
  p.nu = 15'000;
  p.ipu = 40'000;
  p.unique_name = 2'500;
  p.domain_name = 5'000;
  p.foundation_account = FoundationAccount();
  p.certified_sales_account = FoundationAccount();
  p.dedicated_discount_percent = 50;
  return {p};
}

std::vector<FarmingPolicy> DefaultFarmingPolicies() {
  FarmingPolicy diy;
  diy.id = 1;
  diy.name = "diy";
  diy.cu = 2'400;
  diy.su = 1'000;
  diy.nu = 30;
  diy.ipv4 = 5;
  diy.minimal_uptime_permill = 950'000;
  diy.node_certification = NodeCertification::kDiy;
  diy.farm_certification = FarmCertification::kNotCertified;
  diy.is_default = true;
  FarmingPolicy certified = diy;
  certified.id = 2;
  certified.name = "certified";
  certified.cu = 3'000;
  certified.su = 1'250;
  certified.nu = 38;
  certified.ipv4 = 6;
  certified.node_certification = NodeCertification::kCertified;
  return {diy, certified};
}

Result<Genesis> ParseGenesisJson(std::string_view json_text) {
  json j = json::parse(json_text, nullptr, /*allow_exceptions=*/false);
  if (j.is_discarded()) return Status::InvalidArgument("bad-genesis", "not valid JSON");
  TF_RETURN_IF_ERROR(CheckKeys(j, "",
                               {"chain_id", "genesis_time_ms", "consensus", "fees", "staking", "balances", "validators",
                                "grid", "governance", "billing"}));
  Genesis g;
  TF_RETURN_IF_ERROR(ReadString(j, "", "chain_id", &g.chain_id));
  if (!ValidChainId(g.chain_id)) return Bad("chain_id", "must be 1..64 characters of [a-z0-9-]");
  TF_RETURN_IF_ERROR(ReadU64(j, "", "genesis_time_ms", false, 0, UINT64_MAX / 2, &g.genesis_time_ms));
  for (const char* key : {"consensus", "fees", "staking", "balances", "validators"}) {
    if (Field(j, key) == nullptr) return Bad(key, "missing");
  }
  TF_RETURN_IF_ERROR(ParseConsensus(j["consensus"], &g.consensus));
  TF_RETURN_IF_ERROR(ParseFees(j["fees"], &g.fees));
  TF_RETURN_IF_ERROR(ParseStaking(j["staking"], &g.staking));
  TF_RETURN_IF_ERROR(ParseBalances(j["balances"], &g.balances));
  unsigned __int128 supply = g.staking.pool_balance;
  for (const GenesisBalance& b : g.balances) supply += b.amount;
  if (supply > UINT64_MAX) return Bad("staking.pool_balance", "total supply exceeds 2^64-1 base units");
  TF_RETURN_IF_ERROR(ParseValidators(j["validators"], g.balances, g.staking, &g.validators));
  // Optional sections: the Genesis defaults (TF Chain main-net) when absent.
  if (const json* grid = Field(j, "grid")) TF_RETURN_IF_ERROR(ParseGrid(*grid, &g));
  if (const json* governance = Field(j, "governance")) TF_RETURN_IF_ERROR(ParseGovernance(*governance, &g.governance));
  if (const json* billing = Field(j, "billing")) TF_RETURN_IF_ERROR(ParseBilling(*billing, &g.billing));
  return g;
}

}  // namespace tfchain::chain
