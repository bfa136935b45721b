// VoteSet: tallies and thresholds, duplicates, equivocation evidence, and the
// rejection of votes that do not belong (nothing changes).
#include "consensus/vote_set.h"

#include <gtest/gtest.h>

#include <memory>

#include "tests/unit/consensus/consensus_test_util.h"

namespace tfchain::consensus {
namespace {

using testing::BlockHashOf;
using testing::kChainId;
using testing::kNil;
using testing::Validators;

class VoteSetTest : public ::testing::Test {
 protected:
  // Powers 1, 2, 3, 4: total 10, quorum needs > 6.67, one third is 3.33.
  Validators v_{{1, 2, 3, 4}};
  std::shared_ptr<const ValidatorSet> set_ = std::make_shared<const ValidatorSet>(v_.set());
  VoteSet votes_{kChainId, set_, 5, 1, chain::VoteType::kPrevote};

  void Add(size_t i, const chain::Hash256& value) {
    auto r = votes_.Add(v_.Prevote(i, 5, 1, value));
    ASSERT_TRUE(r.ok()) << r.status().ToString();
    ASSERT_FALSE(r->evidence.has_value());
  }
};

TEST_F(VoteSetTest, TalliesPowerPerValue) {
  EXPECT_EQ(votes_.TotalPower(), 0u);
  EXPECT_FALSE(votes_.QuorumValue().has_value());
  Add(3, BlockHashOf(1));  // 4
  Add(1, BlockHashOf(1));  // 2
  Add(0, kNil);            // 1
  EXPECT_EQ(votes_.PowerFor(BlockHashOf(1)), 6u);
  EXPECT_EQ(votes_.PowerFor(kNil), 1u);
  EXPECT_EQ(votes_.PowerFor(BlockHashOf(2)), 0u);
  EXPECT_EQ(votes_.TotalPower(), 7u);
  EXPECT_FALSE(votes_.HasQuorumFor(BlockHashOf(1)));  // 6 of 10 is not > 2/3
  EXPECT_TRUE(votes_.HasQuorumAny());                 // 7 of 10 is
  EXPECT_FALSE(votes_.QuorumValue().has_value());
  Add(2, BlockHashOf(1));
  EXPECT_TRUE(votes_.HasQuorumFor(BlockHashOf(1)));
  EXPECT_EQ(votes_.QuorumValue(), BlockHashOf(1));
  EXPECT_TRUE(votes_.HasVoted(2));
  EXPECT_EQ(votes_.VoteOf(0)->block_hash, kNil);
  auto sigs = votes_.SignaturesFor(BlockHashOf(1));
  ASSERT_EQ(sigs.size(), 3u);  // in validator order
  EXPECT_EQ(sigs[0].validator, v_.id(1));
  EXPECT_EQ(sigs[1].validator, v_.id(2));
  EXPECT_EQ(sigs[2].validator, v_.id(3));
  for (const chain::CommitSig& s : sigs) {
    chain::Vote rebuilt{chain::VoteType::kPrevote, 5, 1, BlockHashOf(1), s.validator, s.signature};
    EXPECT_TRUE(chain::VerifyVote(kChainId, rebuilt));
  }
}

TEST_F(VoteSetTest, NilQuorum) {
  Add(3, kNil);
  Add(2, kNil);
  EXPECT_TRUE(votes_.HasQuorumFor(kNil));
  EXPECT_EQ(votes_.QuorumValue(), kNil);
}

TEST_F(VoteSetTest, DuplicateIsRejectedAndNotCountedTwice) {
  Add(3, BlockHashOf(1));
  auto r = votes_.Add(v_.Prevote(3, 5, 1, BlockHashOf(1)));
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().reason(), "vote-duplicate");
  EXPECT_EQ(votes_.TotalPower(), 4u);
}

TEST_F(VoteSetTest, ConflictingVoteIsEvidenceAndCountsForItsValue) {
  const chain::Vote first = v_.Prevote(2, 5, 1, BlockHashOf(1));
  const chain::Vote second = v_.Prevote(2, 5, 1, kNil);
  ASSERT_TRUE(votes_.Add(first).ok());
  auto r = votes_.Add(second);
  ASSERT_TRUE(r.ok());
  ASSERT_TRUE(r->evidence.has_value());
  EXPECT_EQ(r->evidence->first, first);
  EXPECT_EQ(r->evidence->second, second);
  // The equivocator counts for both values it signed, but once for "any".
  EXPECT_EQ(votes_.PowerFor(kNil), 3u);
  EXPECT_EQ(votes_.PowerFor(BlockHashOf(1)), 3u);
  EXPECT_EQ(votes_.TotalPower(), 3u);
  EXPECT_EQ(votes_.VoteOf(2)->block_hash, BlockHashOf(1)) << "the first vote";
  // The same conflicting vote again is a plain duplicate; a third value is ignored.
  EXPECT_EQ(votes_.Add(second).status().reason(), "vote-duplicate");
  EXPECT_EQ(votes_.Add(v_.Prevote(2, 5, 1, BlockHashOf(9))).status().reason(), "vote-equivocator-ignored");
  EXPECT_EQ(votes_.PowerFor(BlockHashOf(9)), 0u);
}

// Two nodes that got an equivocator's votes in opposite orders end up with the same
// tallies: whichever order, the quorum for A is seen.
TEST_F(VoteSetTest, EquivocatorCountsTheSameInAnyOrder) {
  const chain::Vote for_a = v_.Prevote(2, 5, 1, BlockHashOf(1));
  const chain::Vote for_nil = v_.Prevote(2, 5, 1, kNil);
  VoteSet other(kChainId, set_, 5, 1, chain::VoteType::kPrevote);
  for (VoteSet* set : {&votes_, &other}) {
    ASSERT_TRUE(set->Add(v_.Prevote(3, 5, 1, BlockHashOf(1))).ok());  // 4
  }
  ASSERT_TRUE(votes_.Add(for_a).ok());
  ASSERT_TRUE(votes_.Add(for_nil).ok());
  ASSERT_TRUE(other.Add(for_nil).ok());
  ASSERT_TRUE(other.Add(for_a).ok());
  for (VoteSet* set : {&votes_, &other}) {
    EXPECT_TRUE(set->HasQuorumFor(BlockHashOf(1)));  // 4 + 3 = 7 > 6.67
    EXPECT_EQ(set->QuorumValue(), BlockHashOf(1));
    EXPECT_EQ(set->SignaturesFor(BlockHashOf(1)).size(), 2u);
  }
}

// Regression (LivenessAfterHeal, RC_PARAMS="seed=2079493462511370137"): an
// equivocator that sent two other values first must still count for the value a
// proposal needs, or honest nodes tally it differently and a lock never resolves.
TEST_F(VoteSetTest, WantedValueCountsBeyondTheEquivocatorCap) {
  ASSERT_TRUE(votes_.Add(v_.Prevote(2, 5, 1, BlockHashOf(7))).ok());
  ASSERT_TRUE(votes_.Add(v_.Prevote(2, 5, 1, BlockHashOf(8))).ok());
  const chain::Vote for_a = v_.Prevote(2, 5, 1, BlockHashOf(1));
  EXPECT_EQ(votes_.Add(for_a).status().reason(), "vote-equivocator-ignored");
  votes_.Want(BlockHashOf(1));
  auto added = votes_.Add(for_a);
  ASSERT_TRUE(added.ok()) << added.status().ToString();
  EXPECT_FALSE(added->evidence.has_value()) << "evidence is reported once";
  EXPECT_EQ(votes_.PowerFor(BlockHashOf(1)), 3u);
  EXPECT_EQ(votes_.TotalPower(), 3u) << "still counted once for any value";
  // Nil is always wanted; values not wanted stay capped; wanted values are bounded.
  EXPECT_TRUE(votes_.Add(v_.Prevote(2, 5, 1, kNil)).ok());
  EXPECT_EQ(votes_.Add(v_.Prevote(2, 5, 1, BlockHashOf(9))).status().reason(), "vote-equivocator-ignored");
  for (uint8_t i = 10; i < 10 + VoteSet::kMaxWantedValues + 2; ++i) votes_.Want(BlockHashOf(i));
  EXPECT_TRUE(votes_.Add(v_.Prevote(2, 5, 1, BlockHashOf(10))).ok());
  EXPECT_EQ(votes_.Add(v_.Prevote(2, 5, 1, BlockHashOf(10 + VoteSet::kMaxWantedValues))).status().reason(),
            "vote-equivocator-ignored");
}

TEST_F(VoteSetTest, RejectsVotesThatDoNotBelong) {
  EXPECT_EQ(votes_.Add(v_.Prevote(0, 6, 1, kNil)).status().reason(), "vote-wrong-height");
  EXPECT_EQ(votes_.Add(v_.Prevote(0, 5, 2, kNil)).status().reason(), "vote-wrong-round");
  EXPECT_EQ(votes_.Add(v_.Precommit(0, 5, 1, kNil)).status().reason(), "vote-wrong-type");
  chain::Vote stranger;
  stranger.type = chain::VoteType::kPrevote;
  stranger.height = 5;
  stranger.round = 1;
  chain::SignVote(kChainId, tfchain::testing::TestKey(99), &stranger);
  EXPECT_EQ(votes_.Add(stranger).status().reason(), "vote-unknown-validator");
  chain::Vote forged = v_.Prevote(1, 5, 1, BlockHashOf(1));
  forged.block_hash = BlockHashOf(2);
  EXPECT_EQ(votes_.Add(forged).status().reason(), "vote-bad-signature");
  chain::Vote other_chain = v_.Prevote(1, 5, 1, BlockHashOf(1));
  chain::SignVote("another-chain", v_.key(1), &other_chain);
  EXPECT_EQ(votes_.Add(other_chain).status().reason(), "vote-bad-signature");
  EXPECT_EQ(votes_.TotalPower(), 0u);
  for (size_t i = 0; i < v_.size(); ++i) EXPECT_FALSE(votes_.HasVoted(i));
  // A bad signature is no evidence either: the real vote still counts.
  Add(1, BlockHashOf(1));
}

TEST_F(VoteSetTest, TrustsSignaturesWhenTold) {
  VoteSet trusting(kChainId, set_, 5, 1, chain::VoteType::kPrevote, /*verify_signatures=*/false);
  chain::Vote unsigned_vote = v_.Prevote(1, 5, 1, BlockHashOf(1));
  unsigned_vote.signature = chain::Signature();
  EXPECT_TRUE(trusting.Add(unsigned_vote).ok());
}

}  // namespace
}  // namespace tfchain::consensus
