// SignerGuard: never sign two different messages at one (height, round, step), never
// go back, keep the lock across restarts; and the persisted state's codec.
#include "consensus/signer_guard.h"

#include <gtest/gtest.h>

#include <vector>

#include "chain/codec.h"

namespace tfchain::consensus {
namespace {

chain::Hash256 H(uint8_t b) {
  chain::Hash256 h;
  h.bytes.fill(b);
  return h;
}

SignRequest Req(uint64_t h, uint32_t r, Step s, uint8_t value) {
  return SignRequest{h, r, s, value == 0 ? chain::Hash256{} : H(value)};
}

// Approves and records; fails the test if refused.
void Sign(SignerGuard& guard, const SignRequest& req) {
  auto next = guard.Approve(req);
  ASSERT_TRUE(next.ok()) << next.status().ToString();
  guard.Record(*next);
}

TEST(SignerGuard, FreshGuardAllowsAnything) {
  SignerGuard guard;
  EXPECT_FALSE(guard.state().has_value());
  auto next = guard.Approve(Req(5, 2, Step::kPrevote, 1));
  ASSERT_TRUE(next.ok());
  EXPECT_EQ(next->last, Req(5, 2, Step::kPrevote, 1));
  EXPECT_FALSE(next->lock.has_value());
  EXPECT_FALSE(guard.state().has_value()) << "Approve must not change the guard";
}

TEST(SignerGuard, AllowsProgressAndIdenticalResigning) {
  SignerGuard guard;
  Sign(guard, Req(1, 0, Step::kPropose, 1));
  Sign(guard, Req(1, 0, Step::kPropose, 1));  // the same message again
  Sign(guard, Req(1, 0, Step::kPrevote, 1));
  Sign(guard, Req(1, 0, Step::kPrecommit, 0));
  Sign(guard, Req(1, 1, Step::kPrevote, 2));  // later round, any value
  Sign(guard, Req(2, 0, Step::kPropose, 3));  // later height
  EXPECT_EQ(guard.state()->last, Req(2, 0, Step::kPropose, 3));
}

TEST(SignerGuard, RefusesConflictAtTheSameStep) {
  SignerGuard guard;
  Sign(guard, Req(3, 1, Step::kPrevote, 1));
  for (uint8_t other : {0, 2}) {
    auto r = guard.Approve(Req(3, 1, Step::kPrevote, other));
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.status().reason(), "sign-conflict");
  }
  Sign(guard, Req(3, 1, Step::kPrecommit, 0));
  auto r = guard.Approve(Req(3, 1, Step::kPrecommit, 1));
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().reason(), "sign-conflict");
}

TEST(SignerGuard, RefusesRegression) {
  SignerGuard guard;
  Sign(guard, Req(3, 2, Step::kPrevote, 1));
  for (const SignRequest& old : {Req(3, 2, Step::kPropose, 1), Req(3, 1, Step::kPrecommit, 1),
                                 Req(2, 9, Step::kPrecommit, 1), Req(0, 0, Step::kPropose, 0)}) {
    auto r = guard.Approve(old);
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.status().reason(), "sign-regression");
  }
  EXPECT_EQ(guard.state()->last, Req(3, 2, Step::kPrevote, 1)) << "refusals change nothing";
}

TEST(SignerGuard, TracksTheLockPerHeight) {
  SignerGuard guard;
  Sign(guard, Req(4, 0, Step::kPrecommit, 7));
  EXPECT_EQ(guard.LockAt(4), (Lock{0, H(7)}));
  Sign(guard, Req(4, 1, Step::kPrevote, 0));
  Sign(guard, Req(4, 1, Step::kPrecommit, 0));  // nil keeps the lock
  EXPECT_EQ(guard.LockAt(4), (Lock{0, H(7)}));
  Sign(guard, Req(4, 2, Step::kPrecommit, 8));  // a newer lock
  EXPECT_EQ(guard.LockAt(4), (Lock{2, H(8)}));
  EXPECT_EQ(guard.LockAt(3), std::nullopt);
  EXPECT_EQ(guard.LockAt(5), std::nullopt);
  Sign(guard, Req(5, 0, Step::kPrevote, 1));  // a new height drops it
  EXPECT_EQ(guard.LockAt(5), std::nullopt);
  EXPECT_FALSE(guard.state()->lock.has_value());
}

TEST(SignerGuard, RestoredGuardKeepsRefusing) {
  SignerGuard before;
  Sign(before, Req(9, 3, Step::kPrecommit, 5));
  const chain::Bytes persisted = chain::Encode(*before.state());
  SignerGuard after(chain::DecodeExact<SignerState>(persisted, 1024).value());
  EXPECT_EQ(after.state(), before.state());
  EXPECT_EQ(after.Approve(Req(9, 3, Step::kPrecommit, 6)).status().reason(), "sign-conflict");
  EXPECT_EQ(after.Approve(Req(9, 0, Step::kPrevote, 6)).status().reason(), "sign-regression");
  EXPECT_TRUE(after.Approve(Req(9, 3, Step::kPrecommit, 5)).ok());
  EXPECT_EQ(after.LockAt(9), (Lock{3, H(5)}));
}

TEST(SignerGuard, RequestsFromMessages) {
  chain::Vote v;
  v.type = chain::VoteType::kPrevote;
  v.height = 7;
  v.round = 2;
  v.block_hash = H(3);
  EXPECT_EQ(SignRequestFor(v), Req(7, 2, Step::kPrevote, 3));
  v.type = chain::VoteType::kPrecommit;
  EXPECT_EQ(SignRequestFor(v), Req(7, 2, Step::kPrecommit, 3));
  chain::Proposal p;
  p.height = 7;
  p.round = 4;
  p.pol_round = 1;
  p.block_hash = H(9);
  EXPECT_EQ(SignRequestFor(p), Req(7, 4, Step::kPropose, 9));
}

TEST(SignerGuard, RemembersTheVotesOfTheHeightToResend) {
  SignerGuard guard;
  Sign(guard, Req(6, 0, Step::kPropose, 1));  // proposals are not re-sent
  Sign(guard, Req(6, 0, Step::kPrevote, 1));
  Sign(guard, Req(6, 0, Step::kPrecommit, 1));
  Sign(guard, Req(6, 0, Step::kPrecommit, 1));  // re-signing adds nothing
  Sign(guard, Req(6, 2, Step::kPrevote, 0));
  std::vector<chain::Vote> votes = guard.VotesAt(6);
  ASSERT_EQ(votes.size(), 3u);
  EXPECT_EQ(SignRequestFor(votes[0]), Req(6, 0, Step::kPrevote, 1));
  EXPECT_EQ(SignRequestFor(votes[1]), Req(6, 0, Step::kPrecommit, 1));
  EXPECT_EQ(SignRequestFor(votes[2]), Req(6, 2, Step::kPrevote, 0));
  EXPECT_TRUE(votes[0].validator.IsZero()) << "unsigned";
  ASSERT_TRUE(guard.LastVoteAt(6).has_value());
  EXPECT_EQ(*guard.LastVoteAt(6), votes[2]);
  EXPECT_TRUE(guard.Approve(SignRequestFor(*guard.LastVoteAt(6))).ok()) << "the last one may be signed again";
  EXPECT_EQ(guard.Approve(SignRequestFor(votes[0])).status().reason(), "sign-regression")
      << "older ones are re-signed without asking";
  EXPECT_FALSE(guard.LastVoteAt(5).has_value());
  EXPECT_TRUE(guard.VotesAt(5).empty());
  EXPECT_TRUE(guard.VotesAt(7).empty());
  Sign(guard, Req(7, 0, Step::kPropose, 2));  // a new height starts a new list
  EXPECT_TRUE(guard.VotesAt(7).empty());
  EXPECT_FALSE(guard.LastVoteAt(7).has_value()) << "the last message is a proposal";
  EXPECT_TRUE(guard.VotesAt(6).empty());
}

TEST(SignerGuard, ForgetsTheOldestVotesButNeverTheLock) {
  SignerGuard guard;
  Sign(guard, Req(8, 0, Step::kPrecommit, 4));
  for (uint32_t r = 1; r <= SignerState::kMaxRememberedVotes; ++r) Sign(guard, Req(8, r, Step::kPrevote, 0));
  std::vector<chain::Vote> votes = guard.VotesAt(8);
  ASSERT_EQ(votes.size(), SignerState::kMaxRememberedVotes);
  EXPECT_EQ(votes.front().round, 1u) << "round 0's precommit was forgotten";
  EXPECT_EQ(guard.LockAt(8), (Lock{0, H(4)}));
}

TEST(SignerState, CodecRoundTripAndRejectsBadInput) {
  SignerState state{Req(1, 2, Step::kPrecommit, 3), Lock{2, H(3)},
                    {SignedVote{chain::VoteType::kPrevote, 2, H(3)}, SignedVote{chain::VoteType::kPrecommit, 2, H(3)}}};
  chain::Bytes bytes = chain::Encode(state);
  EXPECT_EQ(bytes.size(), 8u + 4 + 1 + 32 + (1 + 4 + 32) + 1 + 2 * (1 + 4 + 32));
  EXPECT_EQ(chain::DecodeExact<SignerState>(bytes, 1 << 16).value(), state);
  chain::Bytes bad_step = bytes;
  bad_step[12] = 4;
  EXPECT_EQ(chain::DecodeExact<SignerState>(bad_step, 1 << 16).status().reason(), "decode-bad-tag");
  chain::Bytes bad_option = bytes;
  bad_option[45] = 2;
  EXPECT_EQ(chain::DecodeExact<SignerState>(bad_option, 1 << 16).status().reason(), "decode-bad-tag");
  chain::Bytes bad_vote_type = bytes;
  bad_vote_type[45 + 37 + 1] = 3;
  EXPECT_EQ(chain::DecodeExact<SignerState>(bad_vote_type, 1 << 16).status().reason(), "decode-bad-tag");
  EXPECT_EQ(chain::DecodeExact<SignerState>(chain::ByteSpan(bytes).first(20), 1 << 16).status().reason(),
            "decode-truncated");
  SignerState too_many = state;
  too_many.votes.assign(SignerState::kMaxRememberedVotes + 1, SignedVote{});
  EXPECT_EQ(chain::DecodeExact<SignerState>(chain::Encode(too_many), 1 << 16).status().reason(), "decode-oversize");
}

}  // namespace
}  // namespace tfchain::consensus
