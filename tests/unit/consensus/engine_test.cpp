// Engine: each rule of Algorithm 1 driven by a hand-built message sequence, plus
// the rejection of messages that do not belong.
#include "consensus/engine.h"

#include <gtest/gtest.h>

#include "tests/unit/consensus/engine_test_fixture.h"

namespace tfchain::consensus::testing {
namespace {

const chain::Hash256 kA = BlockHashOf(0xa1);
const chain::Hash256 kB = BlockHashOf(0xb2);

// --- Start and propose (lines 10-21) ----------------------------------------------

class ProposerTest : public EngineTest {
 protected:
  ProposerTest() : EngineTest(/*my_proposer_round=*/0) {}
};

TEST_F(ProposerTest, ProposesOnStartThroughTheNode) {
  std::vector<Output> out = Start();
  EXPECT_EQ(engine_.height(), kH);
  EXPECT_EQ(engine_.round(), 0u);
  EXPECT_EQ(engine_.step(), Step::kPropose);
  auto request = Only<ProposeRequest>(out);
  ASSERT_TRUE(request);
  EXPECT_EQ(*request, (ProposeRequest{kH, 0}));
  EXPECT_TRUE(All<SignProposal>(out).empty());

  // The node answers with the block it built; the engine asks to sign the proposal.
  out = engine_.OnOwnProposalValue(kH, 0, kA);
  auto sign = Only<SignProposal>(out);
  ASSERT_TRUE(sign);
  EXPECT_EQ(sign->proposal.height, kH);
  EXPECT_EQ(sign->proposal.round, 0u);
  EXPECT_EQ(sign->proposal.pol_round, -1);
  EXPECT_EQ(sign->proposal.block_hash, kA);
  EXPECT_EQ(sign->proposal.proposer, v_.id(me_));
  // A second or stale answer is ignored.
  EXPECT_TRUE(engine_.OnOwnProposalValue(kH, 0, kB).empty());
  EXPECT_TRUE(engine_.OnOwnProposalValue(kH, 1, kB).empty());

  // Its own signed proposal comes back: it prevotes for it (line 24).
  out = SignAndFeedBack(out);
  std::vector<chain::Vote> votes = VotesToSign(out);
  ASSERT_EQ(votes.size(), 1u);
  EXPECT_EQ(votes[0].type, chain::VoteType::kPrevote);
  EXPECT_EQ(votes[0].block_hash, kA);
  EXPECT_EQ(votes[0].validator, v_.id(me_));
  EXPECT_EQ(engine_.step(), Step::kPrevote);
}

TEST_F(ProposerTest, TimesOutItsOwnMissingBlock) {
  std::vector<Output> out = Start();
  auto timeout = Only<ScheduleTimeout>(out);
  ASSERT_TRUE(timeout);
  EXPECT_EQ(timeout->timeout, (Timeout{kH, 0, Step::kPropose}));
  out = engine_.OnTimeout(timeout->timeout);
  ASSERT_EQ(VotesToSign(out).size(), 1u);
  EXPECT_EQ(VotesToSign(out)[0].block_hash, kNil);
  EXPECT_TRUE(engine_.OnOwnProposalValue(kH, 0, kA).empty()) << "too late: already prevoted";
}

TEST_F(EngineTest, NonProposerWaitsForTheProposal) {
  std::vector<Output> out = Start();
  EXPECT_TRUE(All<ProposeRequest>(out).empty());
  EXPECT_TRUE(All<SignProposal>(out).empty());
  auto timeout = Only<ScheduleTimeout>(out);
  ASSERT_TRUE(timeout);
  EXPECT_EQ(timeout->timeout, (Timeout{kH, 0, Step::kPropose}));
  EXPECT_EQ(timeout->duration_ms, 3000u);
  EXPECT_TRUE(engine_.OnOwnProposalValue(kH, 0, kA).empty()) << "not asked";
}

// --- Prevote (lines 22-27, 57-60) --------------------------------------------------

TEST_F(EngineTest, PrevotesForAValidProposal) {
  Start();
  std::vector<chain::Vote> votes = VotesToSign(ProposalFor(0, kA));
  ASSERT_EQ(votes.size(), 1u);
  EXPECT_EQ(votes[0], (chain::Vote{chain::VoteType::kPrevote, kH, 0, kA, v_.id(me_), {}}));
  EXPECT_EQ(engine_.step(), Step::kPrevote);
  // A second (conflicting) proposal of the round changes nothing: already prevoted.
  EXPECT_TRUE(VotesToSign(ProposalFor(0, kB)).empty());
}

TEST_F(EngineTest, PrevotesNilForAnInvalidProposal) {
  Start();
  std::vector<chain::Vote> votes = VotesToSign(ProposalFor(0, kA, -1, /*valid=*/false));
  ASSERT_EQ(votes.size(), 1u);
  EXPECT_EQ(votes[0].block_hash, kNil);
  EXPECT_EQ(engine_.step(), Step::kPrevote);
}

TEST_F(EngineTest, PrevotesNilOnTimeoutPropose) {
  Start();
  std::vector<Output> out = engine_.OnTimeout(Timeout{kH, 0, Step::kPropose});
  std::vector<chain::Vote> votes = VotesToSign(out);
  ASSERT_EQ(votes.size(), 1u);
  EXPECT_EQ(votes[0].type, chain::VoteType::kPrevote);
  EXPECT_EQ(votes[0].block_hash, kNil);
  EXPECT_EQ(engine_.step(), Step::kPrevote);
  // The proposal arriving late does not make it prevote again.
  EXPECT_TRUE(VotesToSign(ProposalFor(0, kA)).empty());
}

TEST_F(EngineTest, IgnoresStaleTimeouts) {
  Start();
  ProposalFor(0, kA);
  EXPECT_TRUE(engine_.OnTimeout(Timeout{kH, 0, Step::kPropose}).empty()) << "step is prevote already";
  EXPECT_TRUE(engine_.OnTimeout(Timeout{kH, 1, Step::kPrevote}).empty()) << "another round";
  EXPECT_TRUE(engine_.OnTimeout(Timeout{kH - 1, 0, Step::kPrecommit}).empty()) << "another height";
  EXPECT_TRUE(engine_.OnTimeout(Timeout{kH, 0, Step::kPrevote}).size() == 1) << "this one is live";
}

// --- Prevote quorums (lines 34-46, 61-64) ------------------------------------------

TEST_F(EngineTest, LocksOnQuorumOfPrevotes) {
  Start();
  ProposalFor(0, kA);
  std::vector<size_t> others = Others();
  EXPECT_TRUE(VotesToSign(Prevotes(0, kA, {others[0], others[1]})).empty()) << "2 of 4 is no quorum";
  std::vector<Output> out = Prevotes(0, kA, {others[2]});
  std::vector<chain::Vote> votes = VotesToSign(out);
  ASSERT_EQ(votes.size(), 1u);
  EXPECT_EQ(votes[0], (chain::Vote{chain::VoteType::kPrecommit, kH, 0, kA, v_.id(me_), {}}));
  EXPECT_EQ(engine_.step(), Step::kPrecommit);
  EXPECT_EQ(engine_.locked_value(), kA);
  EXPECT_EQ(engine_.locked_round(), 0);
  EXPECT_EQ(engine_.valid_value(), kA);
  EXPECT_EQ(engine_.valid_round(), 0);
}

TEST_F(EngineTest, NoLockWithoutTheProposal) {
  Start();
  engine_.OnTimeout(Timeout{kH, 0, Step::kPropose});  // prevote nil
  Prevotes(0, kA, Others());                          // a polka for A, but A is unknown
  EXPECT_EQ(engine_.locked_round(), -1);
  EXPECT_EQ(engine_.step(), Step::kPrevote);
}

TEST_F(EngineTest, NoLockOnAnInvalidValue) {
  Start();
  ProposalFor(0, kA, -1, /*valid=*/false);
  Prevotes(0, kA, Others());
  EXPECT_EQ(engine_.locked_round(), -1);
  EXPECT_FALSE(engine_.valid_value().has_value());
}

TEST_F(EngineTest, PrecommitsNilOnQuorumOfNilPrevotes) {
  Start();
  ProposalFor(0, kA);
  std::vector<Output> out = Prevotes(0, kNil, Others());
  std::vector<chain::Vote> votes = VotesToSign(out);
  ASSERT_EQ(votes.size(), 1u);
  EXPECT_EQ(votes[0].type, chain::VoteType::kPrecommit);
  EXPECT_EQ(votes[0].block_hash, kNil);
  EXPECT_EQ(engine_.locked_round(), -1);
}

TEST_F(EngineTest, SchedulesPrevoteTimeoutOnMixedQuorumThenPrecommitsNil) {
  Start();
  SignAndFeedBack(ProposalFor(0, kA));  // my own prevote for A counts too
  std::vector<size_t> others = Others();
  Prevotes(0, kA, {others[0]});
  std::vector<Output> out = Prevotes(0, kNil, {others[1]});
  auto timeout = Only<ScheduleTimeout>(out);  // 3 prevotes of any kind
  ASSERT_TRUE(timeout);
  EXPECT_EQ(timeout->timeout, (Timeout{kH, 0, Step::kPrevote}));
  EXPECT_EQ(timeout->duration_ms, 1000u);
  EXPECT_TRUE(All<ScheduleTimeout>(Prevotes(0, kB, {others[2]})).empty()) << "only the first time";
  out = engine_.OnTimeout(timeout->timeout);
  ASSERT_EQ(VotesToSign(out).size(), 1u);
  EXPECT_EQ(VotesToSign(out)[0], (chain::Vote{chain::VoteType::kPrecommit, kH, 0, kNil, v_.id(me_), {}}));
  EXPECT_EQ(engine_.step(), Step::kPrecommit);
}

TEST_F(EngineTest, UpdatesValidValueAfterPrecommitting) {
  Start();
  engine_.OnTimeout(Timeout{kH, 0, Step::kPropose});
  std::vector<size_t> others = Others();
  Prevotes(0, kA, {others[0], others[1]});
  Prevotes(0, kNil, {me_});
  engine_.OnTimeout(Timeout{kH, 0, Step::kPrevote});  // precommit nil
  ASSERT_EQ(engine_.step(), Step::kPrecommit);
  Prevotes(0, kA, {others[2]});  // polka for A; the proposal is still missing
  EXPECT_FALSE(engine_.valid_value().has_value());
  std::vector<Output> out = ProposalFor(0, kA);  // line 36 with step = precommit
  EXPECT_TRUE(VotesToSign(out).empty());
  EXPECT_EQ(engine_.valid_value(), kA);
  EXPECT_EQ(engine_.valid_round(), 0);
  EXPECT_EQ(engine_.locked_round(), -1) << "no lock after precommitting nil";
}

// --- Precommit quorums and decisions (lines 47-54, 65-67) --------------------------

TEST_F(EngineTest, DecidesOnQuorumOfPrecommitsWithTheCommit) {
  Start();
  ProposalFor(0, kA);
  std::vector<size_t> others = Others();
  Precommits(0, kA, {others[0], others[1]});
  std::vector<Output> out = Precommits(0, kA, {others[2]});
  auto decide = Only<Decide>(out);
  ASSERT_TRUE(decide);
  EXPECT_EQ(decide->height, kH);
  EXPECT_EQ(decide->round, 0u);
  EXPECT_EQ(decide->block_hash, kA);
  EXPECT_EQ(decide->commit.height, kH);
  EXPECT_EQ(decide->commit.round, 0u);
  EXPECT_EQ(decide->commit.block_hash, kA);
  ASSERT_EQ(decide->commit.signatures.size(), 3u);
  uint64_t power = 0;
  for (const chain::CommitSig& sig : decide->commit.signatures) {
    chain::Vote rebuilt{chain::VoteType::kPrecommit, kH, 0, kA, sig.validator, sig.signature};
    EXPECT_TRUE(chain::VerifyVote(kChainId, rebuilt));
    power += v_.set().PowerOf(sig.validator);
  }
  EXPECT_TRUE(v_.set().IsQuorum(power));
  EXPECT_TRUE(engine_.decided());

  // Nothing moves at the decided height any more: proposals and timeouts are
  // ignored; late votes are still taken, but only to find evidence.
  chain::Status status;
  EXPECT_TRUE(engine_.OnProposal(v_.Proposal(v_.ProposerOf(kH, 1), kH, 1, kB), true, &status).empty());
  EXPECT_EQ(status.reason(), "height-decided");
  EXPECT_TRUE(engine_.OnTimeout(Timeout{kH, 0, Step::kPrecommit}).empty());
  EXPECT_TRUE(engine_.OnTimeout(Timeout{kH, 0, Step::kPrevote}).empty());
  EXPECT_TRUE(Deliver(v_.Prevote(others[0], kH, 1, kB)).empty());
  EXPECT_TRUE(Deliver(v_.Prevote(others[1], kH, 1, kB)).empty()) << "f+1 in round 1 skips nothing";
  EXPECT_EQ(engine_.round(), 0u);
  auto late = Only<EvidenceFound>(Deliver(v_.Precommit(others[0], kH, 0, kB)));
  ASSERT_TRUE(late);
  EXPECT_EQ(late->evidence.second.block_hash, kB);
  EXPECT_EQ(engine_.step(), Step::kPrevote) << "as it was when deciding";
  EXPECT_TRUE(engine_.decided());
  // Until the next height starts.
  std::vector<Output> next = engine_.StartHeight(kH + 1, v_.set());
  EXPECT_EQ(engine_.height(), kH + 1);
  EXPECT_EQ(engine_.round(), 0u);
  EXPECT_FALSE(engine_.decided());
  EXPECT_EQ(engine_.locked_round(), -1);
  EXPECT_FALSE(All<ScheduleTimeout>(next).empty());

  // Late votes of the previous height still reveal equivocation, and nothing else.
  auto later = Only<EvidenceFound>(Deliver(v_.Precommit(others[1], kH, 0, kB)));
  ASSERT_TRUE(later);
  EXPECT_EQ(later->evidence.first.block_hash, kA);
  EXPECT_EQ(later->evidence.second.block_hash, kB);
  EXPECT_TRUE(Deliver(v_.Precommit(others[2], kH, 0, kB)).size() == 1u);
  EXPECT_EQ(engine_.height(), kH + 1);
  EXPECT_EQ(engine_.round(), 0u);
  EXPECT_EQ(engine_.OnVote(v_.Prevote(others[0], kH, 7, kB), &status).size(), 0u);
  EXPECT_EQ(status.reason(), "vote-past-height") << "a round the previous height never saw";
  EXPECT_EQ(engine_.OnVote(v_.Prevote(others[0], kH - 1, 0, kB), &status).size(), 0u);
  EXPECT_EQ(status.reason(), "vote-past-height");
}

TEST_F(EngineTest, DecidesForAnEarlierRound) {
  Start();
  ProposalFor(0, kA);
  std::vector<size_t> others = Others();
  Prevotes(2, kNil, {others[0], others[1]});  // f+1 in round 2: skip there
  ASSERT_EQ(engine_.round(), 2u);
  EXPECT_TRUE(All<Decide>(Precommits(0, kA, {others[0], others[1]})).empty());
  // Late precommits of round 0 for A complete a quorum of round 0: decide.
  auto decide = Only<Decide>(Precommits(0, kA, {others[2]}));
  ASSERT_TRUE(decide);
  EXPECT_EQ(decide->round, 0u);
  EXPECT_EQ(decide->block_hash, kA);
  EXPECT_EQ(decide->commit.round, 0u);
}

TEST_F(EngineTest, DecidesForAnyRoundOnceTheBlockIsKnown) {
  Start();
  engine_.OnTimeout(Timeout{kH, 0, Step::kPropose});
  AdvanceRoundWithNil(0);
  ASSERT_EQ(engine_.round(), 1u);
  // Round 1: a quorum precommits B, but this node has not seen B's proposal yet.
  std::vector<Output> out = Precommits(1, kB, Others());
  EXPECT_TRUE(All<Decide>(out).empty());
  out = ProposalFor(1, kB, -1, /*valid=*/false);
  EXPECT_TRUE(All<Decide>(out).empty()) << "an invalid block is never decided";
  EXPECT_FALSE(engine_.decided());

  // Again: the proposal arrives after the precommits, while in a later round.
  engine_.StartHeight(kH, v_.set());
  AdvanceRoundWithNil(0);
  Precommits(1, kB, Others());
  EXPECT_FALSE(engine_.decided());
  engine_.OnTimeout(Timeout{kH, 1, Step::kPrecommit});
  ASSERT_EQ(engine_.round(), 2u);
  out = ProposalFor(1, kB);
  auto decide = Only<Decide>(out);
  ASSERT_TRUE(decide);
  EXPECT_EQ(decide->round, 1u);
  EXPECT_EQ(decide->block_hash, kB);
}

TEST_F(EngineTest, PrecommitTimeoutStartsTheNextRound) {
  Start();
  std::vector<size_t> others = Others();
  Precommits(0, kNil, {others[0], others[1]});
  std::vector<Output> out = Precommits(0, kA, {others[2]});  // 3 precommits, no quorum for a value
  auto timeout = Only<ScheduleTimeout>(out);
  ASSERT_TRUE(timeout);
  EXPECT_EQ(timeout->timeout, (Timeout{kH, 0, Step::kPrecommit}));
  EXPECT_EQ(timeout->duration_ms, 1000u);
  EXPECT_EQ(engine_.step(), Step::kPropose) << "line 47 does not depend on the step";
  out = engine_.OnTimeout(timeout->timeout);
  EXPECT_EQ(engine_.round(), 1u);
  EXPECT_EQ(engine_.step(), Step::kPropose);
  auto next = Only<ScheduleTimeout>(out);
  ASSERT_TRUE(next);
  EXPECT_EQ(next->timeout, (Timeout{kH, 1, Step::kPropose}));
}

TEST_F(EngineTest, TimeoutsGrowWithTheRound) {
  Start();
  std::vector<size_t> others = Others();
  for (uint32_t r = 0; r < 3; ++r) {
    ASSERT_EQ(engine_.round(), r);
    engine_.OnTimeout(Timeout{kH, r, Step::kPropose});  // prevote nil
    // Prevotes of mixed values: a quorum of any value schedules the prevote timeout.
    Prevotes(r, kA, {others[0]});
    Prevotes(r, kNil, {others[1]});
    auto prevote_timeout = Only<ScheduleTimeout>(Prevotes(r, kNil, {others[2]}));
    ASSERT_TRUE(prevote_timeout);
    EXPECT_EQ(prevote_timeout->timeout, (Timeout{kH, r, Step::kPrevote}));
    EXPECT_EQ(prevote_timeout->duration_ms, 1000u + 200u * r);
    engine_.OnTimeout(prevote_timeout->timeout);  // precommit nil
    auto precommit_timeout = Only<ScheduleTimeout>(Precommits(r, kNil, others));
    ASSERT_TRUE(precommit_timeout);
    EXPECT_EQ(precommit_timeout->duration_ms, 1000u + 300u * r);
    auto propose_timeout = Only<ScheduleTimeout>(engine_.OnTimeout(precommit_timeout->timeout));
    ASSERT_TRUE(propose_timeout);
    EXPECT_EQ(propose_timeout->timeout, (Timeout{kH, r + 1, Step::kPropose}));
    EXPECT_EQ(propose_timeout->duration_ms, 3000u + 500u * (r + 1));
  }
  TimeoutParams params{3000, 500, 1000, 200, 1000, 300};
  EXPECT_EQ(params.DurationMs(Step::kPropose, 10), 8000u);
  EXPECT_EQ(params.DurationMs(Step::kPrevote, 10), 3000u);
  EXPECT_EQ(params.DurationMs(Step::kPrecommit, 10), 4000u);
}

// --- Round skip (lines 55-56) ------------------------------------------------------

TEST_F(EngineTest, SkipsToAHigherRoundOnFPlusOneVotes) {
  Start();
  std::vector<size_t> others = Others();
  Prevotes(3, kA, {others[0]});
  Precommits(3, kNil, {others[0]});  // the same validator twice is still 1 of 4
  EXPECT_EQ(engine_.round(), 0u);
  std::vector<Output> out = Precommits(3, kNil, {others[1]});  // 2 of 4 > 1/3
  EXPECT_EQ(engine_.round(), 3u);
  EXPECT_EQ(engine_.step(), Step::kPropose);
  auto timeout = Only<ScheduleTimeout>(out);
  ASSERT_TRUE(timeout);
  EXPECT_EQ(timeout->timeout, (Timeout{kH, 3, Step::kPropose}));
  EXPECT_EQ(timeout->duration_ms, 3000u + 3 * 500u);
  // me_ proposes in round 3.
  EXPECT_EQ(Only<ProposeRequest>(out), (ProposeRequest{kH, 3}));
}

TEST_F(EngineTest, SkipsToTheHighestQualifyingRound) {
  Start();
  std::vector<size_t> others = Others();
  Prevotes(2, kNil, {others[0]});
  Prevotes(5, kNil, {others[1]});
  Prevotes(5, kNil, {others[2]});  // round 5 has 2; round 2 only 1
  EXPECT_EQ(engine_.round(), 5u);
  Prevotes(2, kNil, {others[1]});  // round 2 now qualifies too, but is lower
  EXPECT_EQ(engine_.round(), 5u);
}

// --- Evidence ----------------------------------------------------------------------

TEST_F(EngineTest, ConflictingVotesBecomeEvidence) {
  Start();
  const size_t bad = Others()[0];
  const chain::Vote first = v_.Prevote(bad, kH, 0, kA);
  const chain::Vote second = v_.Prevote(bad, kH, 0, kB);
  EXPECT_TRUE(All<EvidenceFound>(Deliver(first)).empty());
  std::vector<Output> out = Deliver(second);
  auto evidence = Only<EvidenceFound>(out);
  ASSERT_TRUE(evidence);
  EXPECT_EQ(evidence->evidence.first, first);
  EXPECT_EQ(evidence->evidence.second, second);
  EXPECT_TRUE(chain::VerifyVote(kChainId, evidence->evidence.first));
  EXPECT_TRUE(chain::VerifyVote(kChainId, evidence->evidence.second));
  // Also for precommits, and for a future round.
  Deliver(v_.Precommit(bad, kH, 2, kNil));
  EXPECT_EQ(All<EvidenceFound>(Deliver(v_.Precommit(bad, kH, 2, kA))).size(), 1u);
}

}  // namespace
}  // namespace tfchain::consensus::testing
