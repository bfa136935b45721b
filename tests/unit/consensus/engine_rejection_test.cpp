// Engine: messages that do not belong are ignored with a reason and change nothing;
// a follower decides without signing anything.
#include <gtest/gtest.h>

#include "consensus/engine.h"
#include "tests/unit/consensus/engine_test_fixture.h"

namespace tfchain::consensus::testing {
namespace {

const chain::Hash256 kA = BlockHashOf(0xa1);

class RejectionTest : public EngineTest {
 protected:
  // Delivers a vote that must be rejected with `reason`, without outputs.
  void ExpectVoteRejected(const chain::Vote& vote, std::string_view reason) {
    chain::Status status;
    EXPECT_TRUE(engine_.OnVote(vote, &status).empty());
    EXPECT_EQ(status.reason(), reason);
  }
  void ExpectProposalRejected(const chain::Proposal& p, std::string_view reason) {
    chain::Status status;
    EXPECT_TRUE(engine_.OnProposal(p, true, &status).empty());
    EXPECT_EQ(status.reason(), reason);
  }
  // The state that must not move when something is rejected.
  void ExpectUntouched() {
    EXPECT_EQ(engine_.round(), 0u);
    EXPECT_EQ(engine_.step(), Step::kPropose);
    EXPECT_EQ(engine_.locked_round(), -1);
    EXPECT_FALSE(engine_.valid_value().has_value());
    EXPECT_FALSE(engine_.decided());
  }
};

TEST_F(RejectionTest, NothingBeforeTheFirstHeight) {
  ExpectVoteRejected(v_.Prevote(0, kH, 0, kA), "engine-not-started");
  ExpectProposalRejected(v_.Proposal(v_.ProposerOf(kH, 0), kH, 0, kA), "engine-not-started");
  EXPECT_TRUE(engine_.OnTimeout(Timeout{kH, 0, Step::kPropose}).empty());
  EXPECT_TRUE(engine_.OnOwnProposalValue(kH, 0, kA).empty());
  EXPECT_FALSE(engine_.started());
}

TEST_F(RejectionTest, VotesWithBadSignaturesOrFromStrangersAreIgnored) {
  Start();
  std::vector<size_t> others = Others();
  // Forged: the signature is for another value. Three of them would be a quorum.
  for (size_t i : others) {
    chain::Vote forged = v_.Prevote(i, kH, 0, kNil);
    forged.block_hash = kA;
    ExpectVoteRejected(forged, "vote-bad-signature");
    chain::Vote other_chain = v_.Prevote(i, kH, 0, kA);
    chain::SignVote("another-chain", v_.key(i), &other_chain);
    ExpectVoteRejected(other_chain, "vote-bad-signature");
  }
  // Not a validator: even f+1 of them in a future round skip nothing.
  for (uint8_t k = 50; k < 53; ++k) {
    chain::Vote stranger{chain::VoteType::kPrevote, kH, 3, kA, {}, {}};
    chain::SignVote(kChainId, tfchain::testing::TestKey(k), &stranger);
    ExpectVoteRejected(stranger, "vote-unknown-validator");
  }
  ExpectUntouched();
  // The genuine votes still count afterwards.
  ProposalFor(0, kA);
  Prevotes(0, kA, others);
  EXPECT_EQ(engine_.locked_value(), kA);
}

TEST_F(RejectionTest, VotesForOtherHeightsAndFarRounds) {
  Start();
  ExpectVoteRejected(v_.Prevote(0, kH - 1, 0, kA), "vote-past-height");
  ExpectVoteRejected(v_.Prevote(0, kH + 1, 0, kA), "vote-future-height");
  const uint32_t far = Engine::kDefaultMaxFutureRounds + 1;
  ExpectVoteRejected(v_.Prevote(0, kH, far, kA), "vote-round-too-far");
  ExpectVoteRejected(v_.Prevote(1, kH, far, kA), "vote-round-too-far");
  ExpectUntouched();
  // The last round inside the window is kept (and f+1 of it skips there).
  Deliver(v_.Prevote(0, kH, far - 1, kNil));
  Deliver(v_.Prevote(1, kH, far - 1, kNil));
  EXPECT_EQ(engine_.round(), far - 1);
  // Duplicates are reported but harmless.
  ExpectVoteRejected(v_.Prevote(1, kH, far - 1, kNil), "vote-duplicate");
}

TEST_F(RejectionTest, ProposalsThatDoNotBelong) {
  Start();
  const size_t proposer = v_.ProposerOf(kH, 0);
  const size_t not_proposer = (proposer + 1) % v_.size();
  ExpectProposalRejected(v_.Proposal(not_proposer, kH, 0, kA), "proposal-wrong-proposer");
  chain::Proposal forged = v_.Proposal(proposer, kH, 0, kNil);
  forged.block_hash = kA;
  ExpectProposalRejected(forged, "proposal-bad-signature");
  ExpectProposalRejected(v_.Proposal(proposer, kH, 0, kA, /*pol_round=*/0), "proposal-bad-pol-round");
  ExpectProposalRejected(v_.Proposal(proposer, kH, 0, kA, /*pol_round=*/-2), "proposal-bad-pol-round");
  ExpectProposalRejected(v_.Proposal(v_.ProposerOf(kH - 1, 0), kH - 1, 0, kA), "proposal-past-height");
  ExpectProposalRejected(v_.Proposal(v_.ProposerOf(kH + 1, 0), kH + 1, 0, kA), "proposal-future-height");
  const uint32_t far = Engine::kDefaultMaxFutureRounds + 1;
  ExpectProposalRejected(v_.Proposal(v_.ProposerOf(kH, far), kH, far, kA), "proposal-round-too-far");
  ExpectUntouched();

  ProposalFor(0, kA);
  EXPECT_EQ(engine_.step(), Step::kPrevote);
  ExpectProposalRejected(v_.Proposal(proposer, kH, 0, kA), "proposal-duplicate");
  ProposalFor(0, BlockHashOf(2));  // an equivocating proposer: kept, one more
  ExpectProposalRejected(v_.Proposal(proposer, kH, 0, BlockHashOf(3)), "proposal-too-many");
}

TEST_F(RejectionTest, FollowerDecidesWithoutSigning) {
  Engine follower(OptionsFor(v_, std::nullopt));
  std::vector<Output> out = follower.StartHeight(kH, v_.set());
  EXPECT_TRUE(VotesToSign(out).empty());
  chain::Status status;
  // It never proposes and never votes, but follows the steps.
  EXPECT_TRUE(All<ProposeRequest>(out).empty());
  EXPECT_TRUE(VotesToSign(follower.OnTimeout(Timeout{kH, 0, Step::kPropose})).empty());
  EXPECT_EQ(follower.step(), Step::kPrevote);
  follower.StartHeight(kH, v_.set());
  out = follower.OnProposal(v_.Proposal(v_.ProposerOf(kH, 0), kH, 0, kA), true, &status);
  ASSERT_TRUE(status.ok());
  EXPECT_TRUE(VotesToSign(out).empty());
  EXPECT_EQ(follower.step(), Step::kPrevote);
  for (size_t i = 0; i < 3; ++i) out = follower.OnVote(v_.Prevote(i, kH, 0, kA));
  EXPECT_TRUE(VotesToSign(out).empty());
  EXPECT_EQ(follower.locked_value(), kA);
  for (size_t i = 0; i < 3; ++i) out = follower.OnVote(v_.Precommit(i, kH, 0, kA));
  auto decide = Only<Decide>(out);
  ASSERT_TRUE(decide);
  EXPECT_EQ(decide->block_hash, kA);

  // A key that is not in the set behaves the same.
  Engine outsider([&] {
    Engine::Options o = OptionsFor(v_, std::nullopt);
    o.my_id = tfchain::testing::TestKey(77).account_id();
    return o;
  }());
  EXPECT_TRUE(VotesToSign(outsider.StartHeight(kH, v_.set())).empty());
  EXPECT_TRUE(VotesToSign(outsider.OnTimeout(Timeout{kH, 0, Step::kPropose})).empty());
  EXPECT_EQ(outsider.step(), Step::kPrevote);
}

TEST_F(RejectionTest, TrustsPreverifiedSignaturesWhenTold) {
  Engine::Options options = OptionsFor(v_, me_);
  options.verify_signatures = false;
  Engine trusting(options);
  trusting.StartHeight(kH, v_.set());
  chain::Proposal p = v_.Proposal(v_.ProposerOf(kH, 0), kH, 0, kA);
  p.signature = chain::Signature();
  chain::Status status;
  trusting.OnProposal(p, true, &status);
  EXPECT_TRUE(status.ok());
  EXPECT_EQ(trusting.step(), Step::kPrevote);
}

}  // namespace
}  // namespace tfchain::consensus::testing
