#pragma once

#include <cstdint>
#include <optional>
#include <vector>

#include "chain/account_id.h"
#include "chain/codec.h"
#include "chain/validator_set.h"
#include "contracts/state.h"

namespace tfchain::contracts {

using chain::AccountId;

// The staking module's state: records, their keys and typed accessors. The layout
// (keys and encodings) is in staking_state.cpp and docs/staking.md. The accessors
// only read and write; the rules live in Staking (staking.h). Readers fail only
// with the StateReader's errors or "state-corrupt" for a value that does not decode.
// Thread-compatible (static functions on caller-owned state).

// Module prefix of staking keys (balances use 0x01, chain/account_data.h).
inline constexpr uint8_t kStatePrefixStaking = 0x02;

// Bounds that keep every state value small.
inline constexpr size_t kMaxUnbondingEntries = 32;        // per account, all validators together
inline constexpr size_t kMaxBondersPerValidator = 1024;   // the operator itself is always admitted
inline constexpr size_t kMaxRegisteredValidators = 1024;  // not tombstoned

// A registered validator, keyed by its operator account.
struct ValidatorRecord {
  AccountId consensus_key;
  uint32_t commission_permill = 0;
  std::optional<uint32_t> pending_commission;  // applied at the next epoch end
  uint64_t self_bond = 0;                      // bonded by the operator
  uint64_t total_bonded = 0;                   // bonded by everyone, self-bond included
  bool jailed = false;
  uint64_t jailed_until = 0;  // may unjail from this height on (when jailed)
  bool tombstoned = false;
  bool operator==(const ValidatorRecord&) const = default;
};

// Stake on its way out: still reserved and slashable until release_height.
struct UnbondingEntry {
  AccountId validator;
  uint64_t amount = 0;
  uint64_t release_height = 0;
  bool operator==(const UnbondingEntry&) const = default;
};

// A validator's downtime record over the last `downtime_window` blocks it was in the
// signing set: bit (n % window) of `bitmap` is set iff it missed the n-th of them.
struct SigningWindow {
  uint64_t recorded = 0;  // blocks recorded since the window was (re)started
  uint64_t missed = 0;    // set bits in bitmap
  chain::Bytes bitmap;    // ceil(window / 8) bytes
  bool operator==(const SigningWindow&) const = default;
};

// Codecs of the records (layout in staking_state.cpp).
void EncodeTo(chain::Encoder& e, const ValidatorRecord& v);
Status DecodeFrom(chain::Decoder& d, ValidatorRecord* out);
void EncodeTo(chain::Encoder& e, const UnbondingEntry& v);
Status DecodeFrom(chain::Decoder& d, UnbondingEntry* out);
void EncodeTo(chain::Encoder& e, const SigningWindow& v);
Status DecodeFrom(chain::Decoder& d, SigningWindow* out);

// The three validator sets of the H+2 rule (see Staking::EndBlock).
enum class SetSlot : uint8_t {
  kLast = 0,     // signed the head block H
  kCurrent = 1,  // signs H+1
  kNext = 2,     // signs H+2
};

class StakingState {
 public:
  // 0x02 0x00 || operator -> ValidatorRecord.
  static Result<std::optional<ValidatorRecord>> GetValidator(const StateReader& state, const AccountId& op);
  static void PutValidator(StateOverlay& state, const AccountId& op, const ValidatorRecord& record);

  // 0x02 0x01 || consensus_key -> operator. Kept after tombstoning, so that a
  // tombstoned key can never be registered again.
  static Result<std::optional<AccountId>> GetOperatorOf(const StateReader& state, const AccountId& consensus_key);
  static void PutOperatorOf(StateOverlay& state, const AccountId& consensus_key, const AccountId& op);

  // 0x02 0x02 || operator || bonder -> bonded amount (absent = 0).
  static Result<uint64_t> GetBond(const StateReader& state, const AccountId& op, const AccountId& bonder);
  static void PutBond(StateOverlay& state, const AccountId& op, const AccountId& bonder, uint64_t amount);

  // The record of a validator that must exist because a bond, an entry or a set
  // names it; its absence is "state-corrupt".
  static Result<ValidatorRecord> GetExistingValidator(const StateReader& state, const AccountId& op);

  // 0x02 0x03 || operator -> the accounts with a bond or an unbonding entry with it,
  // in the order they first bonded.
  static Result<std::vector<AccountId>> GetBonders(const StateReader& state, const AccountId& op);
  static void PutBonders(StateOverlay& state, const AccountId& op, const std::vector<AccountId>& bonders);

  // Drops `bonder` from op's bonders when it has neither a bond nor an unbonding
  // entry with op any more.
  static Status PruneBonder(StateOverlay& state, const AccountId& op, const AccountId& bonder);

  // 0x02 0x04 || account -> its unbonding entries, oldest first.
  static Result<std::vector<UnbondingEntry>> GetUnbonding(const StateReader& state, const AccountId& account);
  static void PutUnbonding(StateOverlay& state, const AccountId& account, const std::vector<UnbondingEntry>& entries);

  // 0x02 0x05 || consensus_key -> SigningWindow.
  static Result<std::optional<SigningWindow>> GetSigningWindow(const StateReader& state,
                                                               const AccountId& consensus_key);
  static void PutSigningWindow(StateOverlay& state, const AccountId& consensus_key, const SigningWindow& window);
  static void DeleteSigningWindow(StateOverlay& state, const AccountId& consensus_key);

  // 0x02 0x10 -> the operators of all registered, not tombstoned validators, in
  // registration order.
  static Result<std::vector<AccountId>> GetValidatorList(const StateReader& state);
  static void PutValidatorList(StateOverlay& state, const std::vector<AccountId>& operators);

  // 0x02 0x11 / 0x12 / 0x13 -> the last / current / next validator set.
  static Result<std::vector<chain::Validator>> GetSet(const StateReader& state, SetSlot slot);
  static void PutSet(StateOverlay& state, SetSlot slot, const std::vector<chain::Validator>& set);

  // 0x02 0x14 -> the last height whose block forced a set recomputation (a
  // validator was jailed or tombstoned in it); 0 = never.
  static Result<uint64_t> GetRecomputeHeight(const StateReader& state);
  static void PutRecomputeHeight(StateOverlay& state, uint64_t height);
};

}  // namespace tfchain::contracts
