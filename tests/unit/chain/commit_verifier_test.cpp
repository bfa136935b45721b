#include "chain/commit_verifier.h"

#include <gtest/gtest.h>

#include "tests/support/test_keys.h"

namespace tfchain::chain {
namespace {

class CommitVerifierTest : public ::testing::Test {
 protected:
  CommitVerifierTest() {
    for (uint8_t i = 1; i <= 4; ++i) keys_.push_back(testing::TestKey(i, 0xc0));
    for (size_t i = 0; i < keys_.size(); ++i) set_.push_back({keys_[i].account_id(), i == 0 ? 40u : 20u});
    block_.bytes.fill(7);
  }
  CommitSig Sign(size_t i, uint64_t height = 5, uint32_t round = 1) {
    Vote v;
    v.type = VoteType::kPrecommit;
    v.height = height;
    v.round = round;
    v.block_hash = block_;
    SignVote("c", keys_[i], &v);
    return CommitSig{v.validator, v.signature};
  }
  Status Verify(const Commit& c) { return VerifyCommit("c", set_, 5, block_, c); }

  std::vector<SecretKey> keys_;
  std::vector<Validator> set_;  // powers 40, 20, 20, 20 (total 100)
  Hash256 block_;
};

TEST_F(CommitVerifierTest, AcceptsMoreThanTwoThirds) {
  EXPECT_TRUE(Verify(Commit{5, 1, block_, {Sign(0), Sign(1), Sign(2)}}).ok());  // 80
  EXPECT_TRUE(Verify(Commit{5, 1, block_, {Sign(0), Sign(1), Sign(2), Sign(3)}}).ok());
}

TEST_F(CommitVerifierTest, RejectsExactlyTwoThirdsOrLess) {
  set_[0].power = 20;  // 20 * 4 = 80 total; three signers = 60 = 3/4: ok; two = 1/2
  EXPECT_TRUE(Verify(Commit{5, 1, block_, {Sign(0), Sign(1), Sign(2)}}).ok());
  EXPECT_EQ(Verify(Commit{5, 1, block_, {Sign(0), Sign(1)}}).reason(), "commit-insufficient-power");
  set_ = {{keys_[0].account_id(), 1}, {keys_[1].account_id(), 1}, {keys_[2].account_id(), 1}};
  EXPECT_EQ(Verify(Commit{5, 1, block_, {Sign(0), Sign(1)}}).reason(), "commit-insufficient-power");  // exactly 2/3
}

TEST_F(CommitVerifierTest, RejectsEveryKindOfBadCommit) {
  EXPECT_EQ(Verify(Commit{6, 1, block_, {Sign(0), Sign(1), Sign(2)}}).reason(), "commit-wrong-block");
  Hash256 other;
  EXPECT_EQ(VerifyCommit("c", set_, 5, other, Commit{5, 1, block_, {Sign(0)}}).reason(), "commit-wrong-block");
  EXPECT_EQ(Verify(Commit{5, 1, block_, {Sign(0), Sign(0), Sign(1)}}).reason(), "commit-duplicate-signer");
  // Signed for another round than the commit claims.
  EXPECT_EQ(Verify(Commit{5, 1, block_, {Sign(0), Sign(1, 5, 2), Sign(2)}}).reason(), "commit-bad-signature");
  // Signed on another chain.
  CommitSig foreign = Sign(1);
  Vote v{VoteType::kPrecommit, 5, 1, block_, {}, {}};
  SignVote("other-chain", keys_[1], &v);
  foreign.signature = v.signature;
  EXPECT_EQ(Verify(Commit{5, 1, block_, {Sign(0), foreign, Sign(2)}}).reason(), "commit-bad-signature");
  const SecretKey outsider = testing::TestKey(9, 0xc0);
  Vote o{VoteType::kPrecommit, 5, 1, block_, {}, {}};
  SignVote("c", outsider, &o);
  EXPECT_EQ(Verify(Commit{5, 1, block_, {Sign(0), {o.validator, o.signature}}}).reason(), "commit-unknown-validator");
  EXPECT_EQ(Verify(Commit{5, 1, block_, {}}).reason(), "commit-insufficient-power");
}

}  // namespace
}  // namespace tfchain::chain
