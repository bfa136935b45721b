#pragma once

// Helpers for the consensus unit tests: a set of validators with deterministic
// keys, signed messages, and readers for the engine's outputs.

#include <gtest/gtest.h>

#include <cstdint>
#include <optional>
#include <string>
#include <type_traits>
#include <vector>

#include "chain/keys.h"
#include "chain/proposal.h"
#include "chain/vote.h"
#include "consensus/engine.h"
#include "consensus/validator_set.h"
#include "tests/support/test_keys.h"

namespace tfchain::consensus::testing {

inline constexpr char kChainId[] = "tfchain-consensus-test";

inline chain::Hash256 BlockHashOf(uint8_t b) {
  chain::Hash256 h;
  h.bytes.fill(b);
  return h;
}
inline const chain::Hash256 kNil{};

// Validators 0..n-1 with keys TestKey(i + 1) and the given powers.
class Validators {
 public:
  explicit Validators(std::vector<uint64_t> powers) {
    std::vector<chain::Validator> list;
    for (size_t i = 0; i < powers.size(); ++i) {
      keys_.push_back(tfchain::testing::TestKey(static_cast<uint8_t>(i + 1)));
      list.push_back(chain::Validator{keys_.back().account_id(), powers[i]});
    }
    set_.emplace(ValidatorSet::Create(std::move(list)).value());
  }

  const ValidatorSet& set() const { return *set_; }
  size_t size() const { return keys_.size(); }
  const chain::SecretKey& key(size_t i) const { return keys_.at(i); }
  chain::AccountId id(size_t i) const { return keys_.at(i).account_id(); }
  size_t IndexOf(const chain::AccountId& id) const { return set_->IndexOf(id).value(); }
  // The index of the proposer of (height, round).
  size_t ProposerOf(uint64_t height, uint32_t round) const { return set_->ProposerIndex(height, round); }

  chain::Vote Vote(size_t i, chain::VoteType type, uint64_t height, uint32_t round,
                   const chain::Hash256& value) const {
    chain::Vote v;
    v.type = type;
    v.height = height;
    v.round = round;
    v.block_hash = value;
    chain::SignVote(kChainId, keys_.at(i), &v);
    return v;
  }
  chain::Vote Prevote(size_t i, uint64_t height, uint32_t round, const chain::Hash256& value) const {
    return Vote(i, chain::VoteType::kPrevote, height, round, value);
  }
  chain::Vote Precommit(size_t i, uint64_t height, uint32_t round, const chain::Hash256& value) const {
    return Vote(i, chain::VoteType::kPrecommit, height, round, value);
  }
  chain::Proposal Proposal(size_t i, uint64_t height, uint32_t round, const chain::Hash256& value,
                           int32_t pol_round = -1) const {
    chain::Proposal p;
    p.height = height;
    p.round = round;
    p.pol_round = pol_round;
    p.block_hash = value;
    chain::SignProposal(kChainId, keys_.at(i), &p);
    return p;
  }

 private:
  std::vector<chain::SecretKey> keys_;
  std::optional<ValidatorSet> set_;
};

// All outputs of type T, in order.
template <typename T>
std::vector<T> All(const std::vector<Output>& outputs) {
  std::vector<T> out;
  for (const Output& o : outputs) {
    if (const T* t = std::get_if<T>(&o)) out.push_back(*t);
  }
  return out;
}

// The only output of type T (fails the test when there is not exactly one).
template <typename T>
std::optional<T> Only(const std::vector<Output>& outputs) {
  std::vector<T> all = All<T>(outputs);
  EXPECT_EQ(all.size(), 1u) << "expected exactly one output of the type";
  if (all.size() != 1) return std::nullopt;
  return all.front();
}

// The votes the engine asked to sign.
inline std::vector<chain::Vote> VotesToSign(const std::vector<Output>& outputs) {
  std::vector<chain::Vote> votes;
  for (const SignVote& s : All<SignVote>(outputs)) votes.push_back(s.vote);
  return votes;
}

// Engine options for validator `me` (nullopt: a follower) with round-dependent
// timeouts that are easy to recognise.
inline Engine::Options OptionsFor(const Validators& v, std::optional<size_t> me) {
  Engine::Options options;
  options.chain_id = kChainId;
  if (me) options.my_id = v.id(*me);
  options.timeouts = TimeoutParams{3000, 500, 1000, 200, 1000, 300};
  return options;
}

}  // namespace tfchain::consensus::testing
