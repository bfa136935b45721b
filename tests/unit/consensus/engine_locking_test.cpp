// Engine: locks (lines 23, 29, 36-43), unlocking through a proposal's valid round,
// re-proposing the valid value, and a lock restored after a restart.
#include <gtest/gtest.h>

#include "consensus/engine.h"
#include "tests/unit/consensus/engine_test_fixture.h"

namespace tfchain::consensus::testing {
namespace {

const chain::Hash256 kA = BlockHashOf(0xa1);
const chain::Hash256 kB = BlockHashOf(0xb2);

class LockingTest : public EngineTest {
 protected:
  // Round 0: A is proposed, everyone prevotes A, this node locks on A and
  // precommits it; the others precommit nil, and the precommit timeout moves
  // everyone to round 1.
  void LockOnAInRoundZero() {
    Start();
    ProposalFor(0, kA);
    Prevotes(0, kA, Others());
    ASSERT_EQ(engine_.locked_value(), kA);
    ASSERT_EQ(engine_.locked_round(), 0);
    AdvanceRoundWithNil(0);
  }

  // The prevote the engine asks for when `outputs` hold exactly one.
  chain::Hash256 PrevoteIn(const std::vector<Output>& outputs) {
    std::vector<chain::Vote> votes = VotesToSign(outputs);
    EXPECT_EQ(votes.size(), 1u);
    if (votes.size() != 1) return BlockHashOf(0xee);
    EXPECT_EQ(votes[0].type, chain::VoteType::kPrevote);
    return votes[0].block_hash;
  }
};

TEST_F(LockingTest, LockedValidatorPrevotesNilForAnotherValue) {
  LockOnAInRoundZero();
  EXPECT_EQ(PrevoteIn(ProposalFor(1, kB)), kNil);  // line 23: locked on A
  EXPECT_EQ(engine_.locked_value(), kA);
}

TEST_F(LockingTest, LockedValidatorPrevotesItsLockedValue) {
  LockOnAInRoundZero();
  EXPECT_EQ(PrevoteIn(ProposalFor(1, kA)), kA);  // line 23: lockedValue = v
}

TEST_F(LockingTest, UnlocksThroughANewerValidRound) {
  LockOnAInRoundZero();
  // Round 1: no proposal reaches this node; the others form a polka for B.
  engine_.OnTimeout(Timeout{kH, 1, Step::kPropose});  // prevote nil
  Prevotes(1, kB, Others());
  EXPECT_EQ(engine_.locked_value(), kA) << "no proposal for B in round 1: no relock";
  engine_.OnTimeout(Timeout{kH, 1, Step::kPrevote});
  AdvanceRoundWithNil(1);
  // Round 2: B is proposed with pol_round 1 >= lockedRound 0 and the polka is
  // known: prevote B (line 29).
  EXPECT_EQ(PrevoteIn(ProposalFor(2, kB, /*pol_round=*/1)), kB);
}

TEST_F(LockingTest, WaitsForThePolkaOfTheValidRound) {
  LockOnAInRoundZero();
  engine_.OnTimeout(Timeout{kH, 1, Step::kPropose});
  std::vector<size_t> others = Others();
  Prevotes(1, kB, {others[0], others[1]});  // no quorum for B in round 1 yet
  engine_.OnTimeout(Timeout{kH, 1, Step::kPrevote});
  AdvanceRoundWithNil(1);
  // pol_round 1 is claimed but not justified: no prevote yet (line 28 waits).
  EXPECT_TRUE(VotesToSign(ProposalFor(2, kB, 1)).empty());
  EXPECT_EQ(engine_.step(), Step::kPropose);
  // The missing prevote arrives: now the rule fires.
  EXPECT_EQ(PrevoteIn(Prevotes(1, kB, {others[2]})), kB);
}

TEST_F(LockingTest, UnjustifiedValidRoundEndsInNilOnTimeout) {
  LockOnAInRoundZero();
  EXPECT_TRUE(VotesToSign(ProposalFor(1, kB, 0)).empty()) << "no polka for B in round 0";
  EXPECT_EQ(PrevoteIn(engine_.OnTimeout(Timeout{kH, 1, Step::kPropose})), kNil);
}

TEST_F(LockingTest, OlderValidRoundThanTheLockPrevotesNil) {
  // Round 0: a polka for B that this node does not act on (no proposal).
  Start();
  engine_.OnTimeout(Timeout{kH, 0, Step::kPropose});
  Prevotes(0, kB, Others());
  engine_.OnTimeout(Timeout{kH, 0, Step::kPrevote});
  AdvanceRoundWithNil(0);
  // Round 1: lock on A.
  ProposalFor(1, kA);
  Prevotes(1, kA, Others());
  ASSERT_EQ(engine_.locked_round(), 1);
  AdvanceRoundWithNil(1);
  // Round 2: B with pol_round 0 < lockedRound 1: prevote nil (line 32).
  EXPECT_EQ(PrevoteIn(ProposalFor(2, kB, 0)), kNil);
  EXPECT_EQ(engine_.locked_value(), kA);
}

TEST_F(LockingTest, RelocksOnANewerPolkaWithTheProposal) {
  LockOnAInRoundZero();
  EXPECT_EQ(PrevoteIn(ProposalFor(1, kB)), kNil);
  std::vector<Output> out = Prevotes(1, kB, Others());  // line 36 in round 1
  std::vector<chain::Vote> votes = VotesToSign(out);
  ASSERT_EQ(votes.size(), 1u);
  EXPECT_EQ(votes[0].type, chain::VoteType::kPrecommit);
  EXPECT_EQ(votes[0].block_hash, kB);
  EXPECT_EQ(engine_.locked_value(), kB);
  EXPECT_EQ(engine_.locked_round(), 1);
  EXPECT_EQ(engine_.valid_value(), kB);
  EXPECT_EQ(engine_.valid_round(), 1);
}

// me_ proposes in round 1 here.
class ValidValueProposerTest : public LockingTest {
 protected:
  ValidValueProposerTest() { RebuildFor(1); }
  void RebuildFor(uint32_t proposer_round) {
    me_ = v_.ProposerOf(kH, proposer_round);
    engine_ = Engine(OptionsFor(v_, me_));
  }
};

TEST_F(ValidValueProposerTest, ReproposesTheValidValueWithItsRound) {
  Start();
  ProposalFor(0, kA);
  Prevotes(0, kA, Others());
  Precommits(0, kNil, Others());
  std::vector<Output> out = engine_.OnTimeout(Timeout{kH, 0, Step::kPrecommit});
  EXPECT_TRUE(All<ProposeRequest>(out).empty()) << "a valid value is re-proposed, not rebuilt";
  auto sign = Only<SignProposal>(out);
  ASSERT_TRUE(sign);
  EXPECT_EQ(sign->proposal.round, 1u);
  EXPECT_EQ(sign->proposal.block_hash, kA);
  EXPECT_EQ(sign->proposal.pol_round, 0);
  // Its own proposal comes back; it is locked on A and the polka of round 0 is
  // known, so it prevotes A.
  EXPECT_EQ(PrevoteIn(SignAndFeedBack(out)), kA);
}

TEST_F(LockingTest, RestoredLockSurvivesARestart) {
  // A restarted engine gets its lock back from the signer state.
  Engine restarted(OptionsFor(v_, me_));
  restarted.StartHeight(kH, v_.set(), Lock{4, kA});
  EXPECT_EQ(restarted.locked_value(), kA);
  EXPECT_EQ(restarted.locked_round(), 4);
  EXPECT_EQ(restarted.valid_value(), kA);
  EXPECT_EQ(restarted.valid_round(), 4);
  chain::Status status;
  std::vector<Output> out =
      restarted.OnProposal(v_.Proposal(v_.ProposerOf(kH, 0), kH, 0, kB), /*block_valid=*/true, &status);
  ASSERT_TRUE(status.ok());
  std::vector<chain::Vote> votes = VotesToSign(out);
  ASSERT_EQ(votes.size(), 1u);
  EXPECT_EQ(votes[0].block_hash, kNil) << "locked on A: no prevote for B";
}

}  // namespace
}  // namespace tfchain::consensus::testing
