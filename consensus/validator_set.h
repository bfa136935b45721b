#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <vector>

#include "chain/account_id.h"
#include "chain/hash.h"
#include "chain/status.h"
#include "chain/validator_set.h"

namespace tfchain::consensus {

// The validators of one height: their consensus keys (ed25519, as AccountIds) and
// voting powers, with the quorum arithmetic and the proposer schedule.
// Immutable once built; thread-safe for concurrent reads.
class ValidatorSet {
 public:
  // The total power is capped like CometBFT's MaxTotalVotingPower (about 2^60), so
  // that power sums, the thresholds (3 * power) and the proposer schedule's
  // arithmetic never overflow.
  static constexpr uint64_t kMaxTotalPower = (uint64_t{1} << 60) - 1;

  // Builds a set from validators in the given order (the order of
  // chain::ValidatorSetHash and of the signatures in a commit). Errors
  // (InvalidArgument):
  //   "validator-set-empty"       no validators
  //   "validator-set-too-large"   more than chain::kMaxValidators
  //   "validator-zero-power"      a validator with power 0
  //   "validator-duplicate"       the same id twice
  //   "validator-power-overflow"  total power above kMaxTotalPower
  static chain::Result<ValidatorSet> Create(std::vector<chain::Validator> validators);

  const std::vector<chain::Validator>& validators() const { return validators_; }
  size_t size() const { return validators_.size(); }
  const chain::Validator& at(size_t index) const { return validators_.at(index); }
  uint64_t TotalPower() const { return total_power_; }

  // The position of `id` in validators(), or nullopt when it is not a member. O(log n).
  std::optional<size_t> IndexOf(const chain::AccountId& id) const;
  bool Contains(const chain::AccountId& id) const { return IndexOf(id).has_value(); }
  // The power of `id`; 0 when it is not a member.
  uint64_t PowerOf(const chain::AccountId& id) const;

  // True iff `power` is more than 2/3 of the total (a quorum, "2f+1").
  bool IsQuorum(uint64_t power) const { return power * 3 > total_power_ * 2; }
  // True iff `power` is more than 1/3 of the total ("f+1": at least one honest).
  bool ExceedsOneThird(uint64_t power) const { return power * 3 > total_power_; }

  // The proposer of (height, round): a weighted round robin that is a pure function
  // of (set, height, round). Step s = (height + round) mod TotalPower() of an
  // endless schedule in which validator i with power w_i holds its k-th turn
  // (k = 0, 1, ...) at virtual time (k + 1/2) / w_i; turns run in order of time,
  // ties by ascending id. This is a priority accumulator evaluated in closed form
  // (every validator's priority advances at rate w_i, the highest-priority turn goes
  // first and costs the total), so that each window of TotalPower() steps gives
  // validator i exactly w_i turns, and any window of W steps gives it
  // W * w_i / TotalPower() turns up to a small constant. O(n log n) per call, no
  // state. See docs/consensus.md.
  size_t ProposerIndex(uint64_t height, uint32_t round) const;
  const chain::Validator& Proposer(uint64_t height, uint32_t round) const {
    return validators_[ProposerIndex(height, round)];
  }

  // chain::ValidatorSetHash of the validators in their order.
  chain::Hash256 Hash() const { return chain::ValidatorSetHash(validators_); }

 private:
  ValidatorSet() = default;

  std::vector<chain::Validator> validators_;
  std::vector<size_t> by_id_;  // indices into validators_, sorted by id
  uint64_t total_power_ = 0;
};

}  // namespace tfchain::consensus
