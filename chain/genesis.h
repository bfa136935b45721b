#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "chain/account_id.h"
#include "chain/block.h"
#include "chain/grid_types.h"
#include "chain/market_types.h"
#include "chain/status.h"
#include "chain/validator_set.h"

namespace tfchain::chain {

// TFT has 7 decimals: 1 TFT = 10,000,000 base units.
inline constexpr uint64_t kUnitsPerTft = 10'000'000;

// Hard upper bounds a genesis file may set (the codec's own limits).
inline constexpr uint64_t kMaxBlockSizeLimit = kMaxBlockSize;
inline constexpr uint64_t kMaxBlockTxsLimit = kMaxBlockTransactions;
inline constexpr uint64_t kMaxTxBytesLimit = kMaxTransactionSize;

struct ConsensusParams {
  uint64_t block_time_ms = 1000;        // target time between blocks
  uint64_t max_block_bytes = 4 << 20;   // encoded block size limit
  uint64_t max_block_txs = 20'000;
  uint64_t max_tx_bytes = 16 * 1024;    // encoded transaction size limit
  // BFT round timeouts: timeout(round) = init + round * delta, in milliseconds.
  uint64_t timeout_propose_ms = 3000;
  uint64_t timeout_propose_delta_ms = 500;
  uint64_t timeout_prevote_ms = 1000;
  uint64_t timeout_prevote_delta_ms = 500;
  uint64_t timeout_precommit_ms = 1000;
  uint64_t timeout_precommit_delta_ms = 500;
  bool operator==(const ConsensusParams&) const = default;
};

// fee = base_fee + fee_per_byte * encoded_size + tip. Of the fee,
// proposer_share_percent goes to the block proposer's operator account,
// pool_share_percent to the staking pool (StakingPoolAccount()), and the rest is
// burned. proposer_share_percent + pool_share_percent <= 100.
struct FeeParams {
  uint64_t base_fee = 10'000;  // 0.001 TFT
  uint64_t fee_per_byte = 10;
  uint32_t proposer_share_percent = 20;
  uint32_t pool_share_percent = 0;
  bool operator==(const FeeParams&) const = default;
};

// The staking module's parameters (docs/staking.md). Heights and periods are in
// blocks, amounts in base units, slash fractions in parts per million. The defaults
// are for tests that build a Genesis in code; genesis files give every field.
struct StakingParams {
  uint32_t max_validators = 100;              // N: size of the active set, 1..kMaxValidators
  uint64_t epoch_length = 100;                // the set is recomputed after blocks H % epoch_length == 0
  uint64_t unbonding_period = 1000;           // unbonded stake is released at height + this
  uint64_t min_validator_bond = 1;            // self-bond needed to be in the active set, >= 1
  uint32_t double_sign_slash_permill = 50'000;
  uint32_t downtime_slash_permill = 1'000;
  uint64_t downtime_window = 100;             // Y: the sliding window of signed/missed blocks
  uint64_t min_signed_per_window = 50;        // X: fewer signed in the window -> jail
  uint64_t jail_duration = 100;               // blocks before a jailed validator may unjail
  uint64_t evidence_max_age = 500;            // < unbonding_period
  uint64_t epoch_reward = 0;                  // paid from the pool at each epoch end
  uint64_t pool_balance = 0;                  // minted into the staking pool at genesis
  bool operator==(const StakingParams&) const = default;
};

// Upper bound of StakingParams::downtime_window (its bitmap lives in one state value).
inline constexpr uint64_t kMaxDowntimeWindow = 65'536;

struct GenesisBalance {
  AccountId account;
  uint64_t amount = 0;
  bool operator==(const GenesisBalance&) const = default;
};

// A validator registered at genesis. Its stake is bonded (reserved) from the
// operator account's genesis balance as a self-bond.
struct GenesisValidator {
  std::string name;
  AccountId account;    // the operator account
  Validator validator;  // id = the ed25519 consensus key, power = the stake
  uint32_t commission_permill = 0;
  bool operator==(const GenesisValidator&) const = default;
};

// The TF Chain main-net pricing policy: id 1 "threefold_default_pricing_policy" with
// foundation and certified-sales account FoundationAccount(). Thread-safe.
std::vector<PricingPolicy> DefaultPricingPolicies();
// The TF Chain main-net (v3) farming policies: id 1 "diy" and id 2 "certified", both
// default and mutable. Thread-safe.
std::vector<FarmingPolicy> DefaultFarmingPolicies();

// The parsed genesis file (genesis/*.json; schema in docs/genesis.md).
struct Genesis {
  std::string chain_id;
  uint64_t genesis_time_ms = 0;
  ConsensusParams consensus;
  FeeParams fees;
  StakingParams staking;
  std::vector<GenesisBalance> balances;
  std::vector<GenesisValidator> validators;
  // The grid (optional sections "grid" and "governance"; TF Chain main-net defaults
  // when absent, see DefaultPricingPolicies() and DefaultFarmingPolicies()). Policy ids
  // are 1..n in order.
  GridParams grid;
  GovernanceParams governance;
  std::vector<PricingPolicy> pricing_policies = DefaultPricingPolicies();
  std::vector<FarmingPolicy> farming_policies = DefaultFarmingPolicies();
  std::vector<AccountId> certifiers;  // sorted, no duplicates
  // The marketplace (optional section "billing"; TF Chain main-net defaults when
  // absent).
  BillingParams billing;
  bool operator==(const Genesis&) const = default;
};

// The staking pool: the account that collects the pool share of fees and pays epoch
// rewards. A fixed id, BLAKE2b-256("tfchain/staking-pool"), that no key controls.
// Its funds count in issuance like any account's. Thread-safe.
AccountId StakingPoolAccount();

// The ThreeFold foundation account of the default pricing policy: a fixed id,
// BLAKE2b-256("tfchain/foundation"), that no key controls. Thread-safe.
AccountId FoundationAccount();

// Parses and validates a genesis JSON document. Errors (InvalidArgument,
// "bad-genesis") name the offending field: unknown or missing fields, wrong types,
// amounts that are not non-negative integers, bad SS58 addresses, duplicate accounts,
// total supply overflow, no validators, a consensus key that is no ed25519 key, a
// stake below min_validator_bond or above the operator's balance, fee shares above
// 100 together, evidence_max_age >= unbonding_period, grid or governance parameters
// or policies that break ValidateGridParams & co. (grid_types.h), policy ids not 1..n,
// no default diy farming policy, duplicate certifiers, billing parameters that break
// ValidateBillingParams (market_types.h), ...
Result<Genesis> ParseGenesisJson(std::string_view json_text);

}  // namespace tfchain::chain
