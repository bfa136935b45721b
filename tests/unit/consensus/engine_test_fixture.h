#pragma once

// A fixture for the engine's rule tests: four validators of power 1 (a quorum is 3,
// "f+1" is 2) at height kH, and an engine for one of them.

#include <gtest/gtest.h>

#include <vector>

#include "consensus/engine.h"
#include "tests/unit/consensus/consensus_test_util.h"

namespace tfchain::consensus::testing {

class EngineTest : public ::testing::Test {
 protected:
  static constexpr uint64_t kH = 10;

  // By default "me" proposes in round 3 only, so rounds 0-2 have other proposers.
  explicit EngineTest(uint32_t my_proposer_round = 3)
      : me_(v_.ProposerOf(kH, my_proposer_round)), engine_(OptionsFor(v_, me_)) {}

  std::vector<Output> Start() { return engine_.StartHeight(kH, v_.set()); }

  // Delivers a vote that must be accepted.
  std::vector<Output> Deliver(const chain::Vote& vote) {
    chain::Status status;
    std::vector<Output> out = engine_.OnVote(vote, &status);
    EXPECT_TRUE(status.ok()) << status.ToString();
    return out;
  }
  // Delivers votes of `type` for `value` at `round` from the validators `who`.
  std::vector<Output> Votes(chain::VoteType type, uint32_t round, const chain::Hash256& value,
                            const std::vector<size_t>& who) {
    std::vector<Output> out;
    for (size_t i : who) {
      std::vector<Output> more = Deliver(v_.Vote(i, type, kH, round, value));
      out.insert(out.end(), more.begin(), more.end());
    }
    return out;
  }
  std::vector<Output> Prevotes(uint32_t round, const chain::Hash256& value, const std::vector<size_t>& who) {
    return Votes(chain::VoteType::kPrevote, round, value, who);
  }
  std::vector<Output> Precommits(uint32_t round, const chain::Hash256& value, const std::vector<size_t>& who) {
    return Votes(chain::VoteType::kPrecommit, round, value, who);
  }

  // The round's proposer proposes `value`; must be accepted.
  std::vector<Output> ProposalFor(uint32_t round, const chain::Hash256& value, int32_t pol_round = -1,
                                  bool valid = true) {
    chain::Status status;
    std::vector<Output> out =
        engine_.OnProposal(v_.Proposal(v_.ProposerOf(kH, round), kH, round, value, pol_round), valid, &status);
    EXPECT_TRUE(status.ok()) << status.ToString();
    return out;
  }

  // Signs what the engine asked to sign with my key and feeds it back, as the node
  // does; returns the outputs of feeding it back.
  std::vector<Output> SignAndFeedBack(const std::vector<Output>& outputs) {
    std::vector<Output> out;
    for (const Output& o : outputs) {
      std::vector<Output> more;
      if (const SignVote* s = std::get_if<SignVote>(&o)) {
        chain::Vote vote = s->vote;
        chain::SignVote(kChainId, v_.key(me_), &vote);
        more = Deliver(vote);
      } else if (const SignProposal* s = std::get_if<SignProposal>(&o)) {
        chain::Proposal p = s->proposal;
        chain::SignProposal(kChainId, v_.key(me_), &p);
        chain::Status status;
        more = engine_.OnProposal(p, true, &status);
        EXPECT_TRUE(status.ok()) << status.ToString();
      }
      out.insert(out.end(), more.begin(), more.end());
    }
    return out;
  }

  std::vector<size_t> Others() const {
    std::vector<size_t> out;
    for (size_t i = 0; i < v_.size(); ++i) {
      if (i != me_) out.push_back(i);
    }
    return out;
  }

  // From round `round` (no quorum for a value anywhere) to round + 1: everyone
  // precommits nil and the precommit timeout fires.
  void AdvanceRoundWithNil(uint32_t round) {
    ASSERT_EQ(engine_.round(), round);
    Precommits(round, kNil, Others());
    engine_.OnTimeout(Timeout{kH, round, Step::kPrecommit});
    ASSERT_EQ(engine_.round(), round + 1);
  }

  Validators v_{{1, 1, 1, 1}};
  size_t me_;
  Engine engine_;
};

}  // namespace tfchain::consensus::testing
