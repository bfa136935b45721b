#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "chain/hash.h"
#include "chain/status.h"
#include "chain/vote.h"
#include "consensus/validator_set.h"

namespace tfchain::consensus {

// What VoteSet::Add did with an acceptable vote.
struct AddedVote {
  // Set when the vote conflicts with an earlier vote of the validator here: both
  // are validly signed, for the same (height, round, type), for different block
  // hashes. Reported once per validator and VoteSet.
  std::optional<chain::Evidence> evidence;
};

// The votes of one (height, round, type) and their tally: the power behind each
// block hash (the zero hash is nil), and the thresholds of Algorithm 1.
//
// As in the paper, "2f+1 ⟨PREVOTE, h, r, id(v)⟩" counts every validator that sent a
// vote for v, so a validator that equivocates counts for each value it signed (up
// to kMaxValuesPerValidator): that is what lets every honest node, once it has
// received the same messages, see the same quorums however an equivocator split
// its votes. Quorums "of any value" count each validator once. At most one value
// can have a quorum while less than 1/3 of the power equivocates.
// Not thread-safe (owned by one Engine).
class VoteSet {
 public:
  // The values kept per validator: its first vote and one conflicting vote; later
  // conflicting votes are dropped (bounded memory against a flooding equivocator)
  // unless they are for a wanted value (Want).
  static constexpr size_t kMaxValuesPerValidator = 2;
  // At most this many wanted values per set; nil is always wanted besides them.
  static constexpr size_t kMaxWantedValues = 4;

  // `validators` must not be null. With verify_signatures false the caller vouches
  // that every vote's signature was verified already (e.g. by a verifier pool).
  VoteSet(std::string chain_id, std::shared_ptr<const ValidatorSet> validators, uint64_t height, uint32_t round,
          chain::VoteType type, bool verify_signatures = true);

  // Adds a vote. Errors (InvalidArgument; nothing changes):
  //   "vote-wrong-height" / "vote-wrong-round" / "vote-wrong-type"
  //                               not for this set's (height, round, type)
  //   "vote-unknown-validator"    the signer is not in the validator set
  //   "vote-duplicate"            this vote, or another signature of the same
  //                               value by the same validator, was added before
  //   "vote-bad-signature"        the signature does not verify
  //   "vote-equivocator-ignored"  a vote for a further value, not wanted (Want),
  //                               of a validator that has kMaxValuesPerValidator
  //                               values here (not verified)
  // On success the vote counts; evidence is returned in AddedVote, not as an error.
  chain::Result<AddedVote> Add(const chain::Vote& vote);

  // Marks `block_hash` as a value this node needs to tally completely (a proposed
  // value, or the value a proposal's POL round refers to): votes of an equivocator
  // for it are kept even when it already has kMaxValuesPerValidator values here.
  // Without this, honest nodes that received an equivocator's votes in different
  // orders would tally different powers for the same value, and a locked honest node
  // could never show the others its polka (a liveness failure the simulation found:
  // RC_PARAMS="seed=2079493462511370137" LivenessAfterHeal). Nil is always wanted.
  // Ignored beyond kMaxWantedValues values.
  void Want(const chain::Hash256& block_hash);

  uint64_t height() const { return height_; }
  uint32_t round() const { return round_; }
  chain::VoteType type() const { return type_; }

  // The power of the validators that voted for `block_hash` (zero = nil).
  uint64_t PowerFor(const chain::Hash256& block_hash) const;
  // The power of the validators that voted, each counted once.
  uint64_t TotalPower() const { return total_power_; }
  // "2f+1 ⟨type, h, r, id(v)⟩": more than 2/3 of the power for `block_hash`.
  bool HasQuorumFor(const chain::Hash256& block_hash) const;
  // "2f+1 ⟨type, h, r, ∗⟩": more than 2/3 of the power in votes of any value.
  bool HasQuorumAny() const;
  // The value (possibly nil = zero) with more than 2/3 of the power, if any (the
  // lowest such hash in the impossible case of several).
  std::optional<chain::Hash256> QuorumValue() const;
  // True iff the validator at `index` voted here.
  bool HasVoted(size_t index) const { return !votes_.at(index).empty(); }
  // The first vote of the validator at `index`, or null.
  const chain::Vote* VoteOf(size_t index) const;
  // The votes for `block_hash`, as commit signatures in validator-set order.
  std::vector<chain::CommitSig> SignaturesFor(const chain::Hash256& block_hash) const;

 private:
  std::string chain_id_;
  std::shared_ptr<const ValidatorSet> validators_;
  uint64_t height_;
  uint32_t round_;
  chain::VoteType type_;
  bool verify_signatures_;

  std::vector<std::vector<chain::Vote>> votes_;  // by validator index, one per value
  std::vector<chain::Hash256> wanted_;           // see Want
  std::map<chain::Hash256, uint64_t> power_by_value_;
  uint64_t total_power_ = 0;
};

}  // namespace tfchain::consensus
