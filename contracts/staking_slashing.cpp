// Staking slashing: double-sign evidence (slash + tombstone) and downtime windows
// (slash + jail). Rules in staking.h and docs/staking.md.
#include <algorithm>
#include <unordered_set>

#include "contracts/staking.h"

namespace tfchain::contracts {
namespace {

Status Invalid(std::string reason, std::string detail) {
  return Status::InvalidArgument(std::move(reason), std::move(detail));
}

// floor(amount * permill / 1,000,000), exact in 128 bits.
uint64_t Fraction(uint64_t amount, uint32_t permill) {
  return static_cast<uint64_t>(static_cast<unsigned __int128>(amount) * permill / chain::kPermillDenominator);
}

bool Bit(const chain::Bytes& bitmap, uint64_t i) { return (bitmap[i / 8] >> (i % 8)) & 1; }
void SetBit(chain::Bytes& bitmap, uint64_t i, bool value) {
  const uint8_t mask = static_cast<uint8_t>(1u << (i % 8));
  bitmap[i / 8] = value ? (bitmap[i / 8] | mask) : (bitmap[i / 8] & ~mask);
}

}  // namespace

Status Staking::Slash(StateOverlay& state, const AccountId& op, ValidatorRecord& record, uint32_t permill,
                      chain::SlashReason reason, std::vector<chain::Event>* events) const {
  TF_ASSIGN_OR_RETURN(std::vector<AccountId> bonders, StakingState::GetBonders(state, op));
  uint64_t total = 0;
  for (const AccountId& bonder : bonders) {
    uint64_t burned = 0;
    TF_ASSIGN_OR_RETURN(uint64_t bond, StakingState::GetBond(state, op, bonder));
    const uint64_t bond_cut = Fraction(bond, permill);
    if (bond_cut > 0) {
      StakingState::PutBond(state, op, bonder, bond - bond_cut);
      record.total_bonded -= bond_cut;
      if (bonder == op) record.self_bond -= bond_cut;
      burned += bond_cut;
    }
    TF_ASSIGN_OR_RETURN(std::vector<UnbondingEntry> entries, StakingState::GetUnbonding(state, bonder));
    bool entries_changed = false;
    for (UnbondingEntry& e : entries) {
      if (e.validator != op) continue;
      const uint64_t cut = Fraction(e.amount, permill);
      e.amount -= cut;
      burned += cut;
      entries_changed |= cut > 0;
    }
    if (entries_changed) {
      std::erase_if(entries, [](const UnbondingEntry& e) { return e.amount == 0; });
      StakingState::PutUnbonding(state, bonder, entries);
    }
    if (burned > 0) TF_RETURN_IF_ERROR(BurnReserved(state, bonder, burned));
    total += burned;
  }
  // After the loop: pruning rewrites the list being iterated.
  for (const AccountId& bonder : bonders) TF_RETURN_IF_ERROR(StakingState::PruneBonder(state, op, bonder));
  events->push_back(chain::SlashedEvent{op, total, reason});
  return Status::Ok();
}

Status Staking::CheckEvidence(const StateReader& state, const chain::Evidence& evidence, uint64_t height) const {
  const chain::Vote& a = evidence.first;
  const chain::Vote& b = evidence.second;
  if (a.validator != b.validator) return Invalid("evidence-validator-mismatch", "the votes are by two validators");
  if (a.height != b.height || a.round != b.round || a.type != b.type) {
    return Invalid("evidence-not-conflicting", "the votes are for different heights, rounds or steps");
  }
  if (a.block_hash == b.block_hash) return Invalid("evidence-same-block", "the votes are for the same block");
  if (a.height > height) {
    return Invalid("evidence-from-future",
                   "votes at height " + std::to_string(a.height) + " in block " + std::to_string(height));
  }
  if (height - a.height > params_.evidence_max_age) {
    return Invalid("evidence-too-old", "votes at height " + std::to_string(a.height) + " are more than " +
                                           std::to_string(params_.evidence_max_age) + " blocks before " +
                                           std::to_string(height));
  }
  if (!chain::VerifyVote(chain_id_, a) || !chain::VerifyVote(chain_id_, b)) {
    return Invalid("evidence-bad-signature", "a vote's signature does not verify");
  }
  TF_ASSIGN_OR_RETURN(std::optional<AccountId> op, StakingState::GetOperatorOf(state, a.validator));
  if (!op) return Invalid("evidence-unknown-validator", chain::ToSs58(a.validator) + " is no validator's key");
  TF_ASSIGN_OR_RETURN(ValidatorRecord record, StakingState::GetExistingValidator(state, *op));
  if (record.tombstoned) {
    return Invalid("evidence-validator-tombstoned", chain::ToSs58(*op) + " is tombstoned already");
  }
  return Status::Ok();
}

Status Staking::ApplyEvidence(StateOverlay& state, uint64_t height, const chain::Evidence& evidence,
                              std::vector<chain::Event>* events) const {
  TF_RETURN_IF_ERROR(CheckEvidence(state, evidence, height));
  TF_ASSIGN_OR_RETURN(std::optional<AccountId> op, StakingState::GetOperatorOf(state, evidence.first.validator));
  TF_ASSIGN_OR_RETURN(ValidatorRecord record, StakingState::GetExistingValidator(state, *op));
  TF_RETURN_IF_ERROR(
      Slash(state, *op, record, params_.double_sign_slash_permill, chain::SlashReason::kDoubleSign, events));
  record.tombstoned = true;
  record.jailed = false;
  record.jailed_until = 0;
  record.pending_commission.reset();
  StakingState::PutValidator(state, *op, record);
  TF_ASSIGN_OR_RETURN(std::vector<AccountId> list, StakingState::GetValidatorList(state));
  std::erase(list, *op);
  StakingState::PutValidatorList(state, list);
  StakingState::DeleteSigningWindow(state, record.consensus_key);
  StakingState::PutRecomputeHeight(state, height);
  events->push_back(chain::TombstonedEvent{*op});
  return Status::Ok();
}

Status Staking::RecordSignatures(StateOverlay& state, uint64_t height, const chain::Commit& commit,
                                 std::vector<chain::Event>* events) const {
  if (commit.height + 1 != height) {
    return Invalid("bad-last-commit", "block " + std::to_string(height) + " carries the commit of height " +
                                          std::to_string(commit.height));
  }
  std::unordered_set<AccountId, chain::FixedBytesHasher> signers;
  for (const chain::CommitSig& sig : commit.signatures) signers.insert(sig.validator);
  const uint64_t window = params_.downtime_window;
  const uint64_t max_missed = window - params_.min_signed_per_window;
  TF_ASSIGN_OR_RETURN(std::vector<chain::Validator> last, StakingState::GetSet(state, SetSlot::kLast));
  for (const chain::Validator& v : last) {
    TF_ASSIGN_OR_RETURN(std::optional<AccountId> op, StakingState::GetOperatorOf(state, v.id));
    if (!op) return Status::Corruption("state-corrupt", "set member " + chain::ToSs58(v.id) + " has no operator");
    TF_ASSIGN_OR_RETURN(ValidatorRecord record, StakingState::GetExistingValidator(state, *op));
    if (record.jailed || record.tombstoned) continue;  // out already; its window restarts on return

    TF_ASSIGN_OR_RETURN(std::optional<SigningWindow> stored, StakingState::GetSigningWindow(state, v.id));
    SigningWindow w = stored.value_or(SigningWindow{0, 0, chain::Bytes((window + 7) / 8, 0)});
    if (w.bitmap.size() != (window + 7) / 8) {
      return Status::Corruption("state-corrupt", "signing window of " + chain::ToSs58(v.id) + " has the wrong size");
    }
    const uint64_t slot = w.recorded % window;
    const bool missed_before = Bit(w.bitmap, slot);
    const bool missed_now = !signers.contains(v.id);
    if (missed_before != missed_now) {
      w.missed = missed_now ? w.missed + 1 : w.missed - 1;
      SetBit(w.bitmap, slot, missed_now);
    }
    w.recorded += 1;
    if (w.missed <= max_missed) {
      StakingState::PutSigningWindow(state, v.id, w);
      continue;
    }
    TF_RETURN_IF_ERROR(
        Slash(state, *op, record, params_.downtime_slash_permill, chain::SlashReason::kDowntime, events));
    record.jailed = true;
    record.jailed_until = height + params_.jail_duration;
    StakingState::PutValidator(state, *op, record);
    StakingState::DeleteSigningWindow(state, v.id);
    StakingState::PutRecomputeHeight(state, height);
    events->push_back(chain::JailedEvent{*op, record.jailed_until});
  }
  return Status::Ok();
}

Status Staking::BeginBlock(StateOverlay& state, uint64_t height, const chain::Commit* last_commit,
                           std::span<const chain::Evidence> evidence, std::vector<chain::Event>* events) const {
  for (size_t i = 0; i < evidence.size(); ++i) {
    Status applied = ApplyEvidence(state, height, evidence[i], events);
    if (!applied.ok()) return applied.WithContext("evidence " + std::to_string(i));
  }
  if (height > 1 && last_commit != nullptr && !last_commit->signatures.empty()) {
    TF_RETURN_IF_ERROR(RecordSignatures(state, height, *last_commit, events));
  }
  return Status::Ok();
}

}  // namespace tfchain::contracts
