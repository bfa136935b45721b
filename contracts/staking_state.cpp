// Staking state layout (all keys start with 0x02, the staking module prefix):
//   0x02 0x00 || operator:fixed[32]                  := validator_record
//   0x02 0x01 || consensus_key:fixed[32]             := operator:fixed[32]
//   0x02 0x02 || operator:fixed[32] || bonder:fixed[32] := bonded:u64 (absent = 0)
//   0x02 0x03 || operator:fixed[32]                  := vec<fixed[32]>(<=1024) bonders
//   0x02 0x04 || account:fixed[32]                   := vec<unbonding_entry>(<=32)
//   0x02 0x05 || consensus_key:fixed[32]             := signing_window
//   0x02 0x10                                        := vec<fixed[32]>(<=1024) operators
//   0x02 0x11 | 0x12 | 0x13                          := vec<validator>(<=1024) last | current | next
//   0x02 0x14                                        := recompute_height:u64
// with
//   validator_record := consensus_key:fixed[32] commission_permill:u32
//                       pending_commission:option<u32> self_bond:u64 total_bonded:u64
//                       jailed:bool jailed_until:u64 tombstoned:bool
//   unbonding_entry  := validator:fixed[32] amount:u64 release_height:u64
//   signing_window   := recorded:u64 missed:u64 bitmap:blob(<=8192)
//   validator        := id:fixed[32] power:u64            (chain/validator_set.h)
// Empty lists and zero bonds are stored as absent keys.
#include "contracts/staking_state.h"

#include <algorithm>

#include "chain/genesis.h"

namespace tfchain::contracts {
namespace {

using chain::Decoder;
using chain::Encoder;

enum Item : uint8_t {
  kValidator = 0x00,
  kOperatorOf = 0x01,
  kBond = 0x02,
  kBonders = 0x03,
  kUnbonding = 0x04,
  kSigningWindow = 0x05,
  kValidatorList = 0x10,
  kSetBase = 0x11,  // + SetSlot
  kRecomputeHeight = 0x14,
};

Bytes Key(Item item, std::initializer_list<const AccountId*> parts = {}) {
  Bytes key{kStatePrefixStaking, item};
  for (const AccountId* p : parts) key.insert(key.end(), p->bytes.begin(), p->bytes.end());
  return key;
}

// Wrappers so that lists and scalars have codecs found by ADL.
struct AccountList {
  std::vector<AccountId> ids;
};
void EncodeTo(Encoder& e, const AccountList& v) { chain::EncodeVector(e, v.ids); }
Status DecodeFrom(Decoder& d, AccountList* out) {
  return chain::DecodeVector(d, &out->ids, std::max(kMaxRegisteredValidators, kMaxBondersPerValidator));
}

struct ValidatorList {
  std::vector<chain::Validator> set;
};
void EncodeTo(Encoder& e, const ValidatorList& v) { chain::EncodeVector(e, v.set); }
Status DecodeFrom(Decoder& d, ValidatorList* out) { return chain::DecodeVector(d, &out->set, chain::kMaxValidators); }

struct U64Value {
  uint64_t value = 0;
};
void EncodeTo(Encoder& e, const U64Value& v) { e.U64(v.value); }
Status DecodeFrom(Decoder& d, U64Value* out) { return d.U64(&out->value); }

struct U32Value {
  uint32_t value = 0;
};
void EncodeTo(Encoder& e, const U32Value& v) { e.U32(v.value); }
Status DecodeFrom(Decoder& d, U32Value* out) { return d.U32(&out->value); }

}  // namespace

void EncodeTo(Encoder& e, const ValidatorRecord& v) {
  e.Fixed(v.consensus_key);
  e.U32(v.commission_permill);
  chain::EncodeOptional(
      e, v.pending_commission ? std::optional<U32Value>(U32Value{*v.pending_commission}) : std::optional<U32Value>());
  e.U64(v.self_bond);
  e.U64(v.total_bonded);
  e.Bool(v.jailed);
  e.U64(v.jailed_until);
  e.Bool(v.tombstoned);
}
Status DecodeFrom(Decoder& d, ValidatorRecord* out) {
  TF_RETURN_IF_ERROR(d.Fixed(&out->consensus_key));
  TF_RETURN_IF_ERROR(d.U32(&out->commission_permill));
  std::optional<U32Value> pending;
  TF_RETURN_IF_ERROR(chain::DecodeOptional(d, &pending));
  out->pending_commission = pending ? std::optional<uint32_t>(pending->value) : std::nullopt;
  TF_RETURN_IF_ERROR(d.U64(&out->self_bond));
  TF_RETURN_IF_ERROR(d.U64(&out->total_bonded));
  TF_RETURN_IF_ERROR(d.Bool(&out->jailed));
  TF_RETURN_IF_ERROR(d.U64(&out->jailed_until));
  return d.Bool(&out->tombstoned);
}

void EncodeTo(Encoder& e, const UnbondingEntry& v) {
  e.Fixed(v.validator);
  e.U64(v.amount);
  e.U64(v.release_height);
}
Status DecodeFrom(Decoder& d, UnbondingEntry* out) {
  TF_RETURN_IF_ERROR(d.Fixed(&out->validator));
  TF_RETURN_IF_ERROR(d.U64(&out->amount));
  return d.U64(&out->release_height);
}

namespace {
struct UnbondingList {
  std::vector<UnbondingEntry> entries;
};
void EncodeTo(Encoder& e, const UnbondingList& v) { chain::EncodeVector(e, v.entries); }
Status DecodeFrom(Decoder& d, UnbondingList* out) {
  return chain::DecodeVector(d, &out->entries, kMaxUnbondingEntries);
}
}  // namespace

void EncodeTo(Encoder& e, const SigningWindow& v) {
  e.U64(v.recorded);
  e.U64(v.missed);
  e.Blob(v.bitmap);
}
Status DecodeFrom(Decoder& d, SigningWindow* out) {
  TF_RETURN_IF_ERROR(d.U64(&out->recorded));
  TF_RETURN_IF_ERROR(d.U64(&out->missed));
  return d.Blob(&out->bitmap, (chain::kMaxDowntimeWindow + 7) / 8);
}

Result<std::optional<ValidatorRecord>> StakingState::GetValidator(const StateReader& state, const AccountId& op) {
  return GetDecoded<ValidatorRecord>(state, Key(kValidator, {&op}));
}

void StakingState::PutValidator(StateOverlay& state, const AccountId& op, const ValidatorRecord& record) {
  PutEncoded(state, Key(kValidator, {&op}), record);
}

Result<ValidatorRecord> StakingState::GetExistingValidator(const StateReader& state, const AccountId& op) {
  TF_ASSIGN_OR_RETURN(std::optional<ValidatorRecord> record, GetValidator(state, op));
  if (!record) return Status::Corruption("state-corrupt", "no validator record for " + chain::ToSs58(op));
  return *record;
}

Result<std::optional<AccountId>> StakingState::GetOperatorOf(const StateReader& state, const AccountId& consensus_key) {
  return GetDecoded<AccountId>(state, Key(kOperatorOf, {&consensus_key}));
}

void StakingState::PutOperatorOf(StateOverlay& state, const AccountId& consensus_key, const AccountId& op) {
  PutEncoded(state, Key(kOperatorOf, {&consensus_key}), op);
}

Result<uint64_t> StakingState::GetBond(const StateReader& state, const AccountId& op, const AccountId& bonder) {
  TF_ASSIGN_OR_RETURN(std::optional<U64Value> v, GetDecoded<U64Value>(state, Key(kBond, {&op, &bonder})));
  return v ? v->value : 0;
}

void StakingState::PutBond(StateOverlay& state, const AccountId& op, const AccountId& bonder, uint64_t amount) {
  const Bytes key = Key(kBond, {&op, &bonder});
  if (amount == 0) {
    state.Delete(key);
  } else {
    PutEncoded(state, key, U64Value{amount});
  }
}

namespace {
Result<std::vector<AccountId>> GetList(const StateReader& state, const Bytes& key) {
  TF_ASSIGN_OR_RETURN(std::optional<AccountList> v, GetDecoded<AccountList>(state, key));
  return v ? std::move(v->ids) : std::vector<AccountId>();
}
void PutList(StateOverlay& state, const Bytes& key, const std::vector<AccountId>& ids) {
  if (ids.empty()) {
    state.Delete(key);
  } else {
    PutEncoded(state, key, AccountList{ids});
  }
}
}  // namespace

Result<std::vector<AccountId>> StakingState::GetBonders(const StateReader& state, const AccountId& op) {
  return GetList(state, Key(kBonders, {&op}));
}

void StakingState::PutBonders(StateOverlay& state, const AccountId& op, const std::vector<AccountId>& bonders) {
  PutList(state, Key(kBonders, {&op}), bonders);
}

Status StakingState::PruneBonder(StateOverlay& state, const AccountId& op, const AccountId& bonder) {
  TF_ASSIGN_OR_RETURN(uint64_t bond, GetBond(state, op, bonder));
  if (bond > 0) return Status::Ok();
  TF_ASSIGN_OR_RETURN(std::vector<UnbondingEntry> entries, GetUnbonding(state, bonder));
  for (const UnbondingEntry& e : entries) {
    if (e.validator == op) return Status::Ok();
  }
  TF_ASSIGN_OR_RETURN(std::vector<AccountId> bonders, GetBonders(state, op));
  if (std::erase(bonders, bonder) > 0) PutBonders(state, op, bonders);
  return Status::Ok();
}

Result<std::vector<UnbondingEntry>> StakingState::GetUnbonding(const StateReader& state, const AccountId& account) {
  TF_ASSIGN_OR_RETURN(std::optional<UnbondingList> v, GetDecoded<UnbondingList>(state, Key(kUnbonding, {&account})));
  return v ? std::move(v->entries) : std::vector<UnbondingEntry>();
}

void StakingState::PutUnbonding(StateOverlay& state, const AccountId& account,
                                const std::vector<UnbondingEntry>& entries) {
  const Bytes key = Key(kUnbonding, {&account});
  if (entries.empty()) {
    state.Delete(key);
  } else {
    PutEncoded(state, key, UnbondingList{entries});
  }
}

Result<std::optional<SigningWindow>> StakingState::GetSigningWindow(const StateReader& state,
                                                                    const AccountId& consensus_key) {
  return GetDecoded<SigningWindow>(state, Key(kSigningWindow, {&consensus_key}));
}

void StakingState::PutSigningWindow(StateOverlay& state, const AccountId& consensus_key, const SigningWindow& window) {
  PutEncoded(state, Key(kSigningWindow, {&consensus_key}), window);
}

void StakingState::DeleteSigningWindow(StateOverlay& state, const AccountId& consensus_key) {
  state.Delete(Key(kSigningWindow, {&consensus_key}));
}

Result<std::vector<AccountId>> StakingState::GetValidatorList(const StateReader& state) {
  return GetList(state, Key(kValidatorList));
}

void StakingState::PutValidatorList(StateOverlay& state, const std::vector<AccountId>& operators) {
  PutList(state, Key(kValidatorList), operators);
}

Result<std::vector<chain::Validator>> StakingState::GetSet(const StateReader& state, SetSlot slot) {
  const Bytes key{kStatePrefixStaking, static_cast<uint8_t>(kSetBase + static_cast<uint8_t>(slot))};
  TF_ASSIGN_OR_RETURN(std::optional<ValidatorList> v, GetDecoded<ValidatorList>(state, key));
  return v ? std::move(v->set) : std::vector<chain::Validator>();
}

void StakingState::PutSet(StateOverlay& state, SetSlot slot, const std::vector<chain::Validator>& set) {
  const Bytes key{kStatePrefixStaking, static_cast<uint8_t>(kSetBase + static_cast<uint8_t>(slot))};
  PutEncoded(state, key, ValidatorList{set});
}

Result<uint64_t> StakingState::GetRecomputeHeight(const StateReader& state) {
  TF_ASSIGN_OR_RETURN(std::optional<U64Value> v, GetDecoded<U64Value>(state, Key(kRecomputeHeight)));
  return v ? v->value : 0;
}

void StakingState::PutRecomputeHeight(StateOverlay& state, uint64_t height) {
  PutEncoded(state, Key(kRecomputeHeight), U64Value{height});
}

}  // namespace tfchain::contracts
