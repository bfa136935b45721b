// Slashing: double-sign evidence (slash every bond and unbonding entry, burn,
// tombstone, leave the set) and each kind of invalid evidence; downtime (slash,
// jail, leave the set, unjail and return).
#include <gtest/gtest.h>

#include "tests/unit/contracts/staking_test_util.h"

namespace tfchain::contracts::testing {
namespace {

using chain::BondCall;
using chain::Evidence;

class StakingSlashingTest : public StakingTest {
 protected:
  // v2 (self 20,000; d1 delegates 10,000, of which 4,000 are unbonding) joins and
  // signs from block 12; the head is 12.
  void SetUpTwoValidators() {
    Join(v2_, 20'000);
    Ok(d1_, BondCall{v2_.id(), 10'000});
    Ok(d1_, chain::UnbondCall{v2_.id(), 4'000});
    RunTo(12);
    ASSERT_EQ(Sets().last.size(), 2u);
  }

  // Runs a block with `evidence` and expects it refused with `reason`, state unchanged.
  void Refused(Evidence evidence, std::string_view reason) {
    const auto before = state_.data();
    const uint64_t head = head_;
    auto b = RunBlock(std::nullopt, {std::move(evidence)});
    ASSERT_FALSE(b.ok());
    EXPECT_EQ(b.status().code(), Status::Code::kInvalidArgument);
    EXPECT_EQ(b.status().reason(), reason) << b.status().ToString();
    EXPECT_EQ(state_.data(), before);
    EXPECT_EQ(head_, head);
  }
};

TEST_F(StakingSlashingTest, DoubleSignSlashesEveryStakeTombstonesAndRemoves) {
  SetUpTwoValidators();
  const uint64_t issuance = Issuance();
  const chain::AccountData v2_before = Account(v2_.id());
  const chain::AccountData d1_before = Account(d1_.account_id());

  auto b = RunBlock(std::nullopt, {DoubleSign(v2_.key, 11)});  // block 13
  ASSERT_TRUE(b.ok()) << b.status().ToString();
  // 5% of 20,000 self-bond, 6,000 delegation and 4,000 unbonding: 1,000 + 300 + 200.
  EXPECT_EQ(EventsOf<chain::SlashedEvent>(b->begin),
            (std::vector<chain::SlashedEvent>{{v2_.id(), 1'500, chain::SlashReason::kDoubleSign}}));
  EXPECT_EQ(EventsOf<chain::TombstonedEvent>(b->begin), (std::vector<chain::TombstonedEvent>{{v2_.id()}}));
  EXPECT_EQ(Issuance(), issuance - 1'500);
  EXPECT_EQ(Account(v2_.id()).reserved, v2_before.reserved - 1'000);
  EXPECT_EQ(Account(v2_.id()).free, v2_before.free);
  EXPECT_EQ(Account(d1_.account_id()).reserved, d1_before.reserved - 500);
  EXPECT_EQ(Bond(v2_, v2_.id()), 19'000u);
  EXPECT_EQ(Bond(v2_, d1_.account_id()), 5'700u);
  EXPECT_EQ(Unbonding(d1_.account_id()), (std::vector<UnbondingEntry>{{v2_.id(), 3'800, 21}}));
  const ValidatorRecord rec = Record(v2_);
  EXPECT_TRUE(rec.tombstoned);
  EXPECT_EQ(rec.self_bond, 19'000u);
  EXPECT_EQ(rec.total_bonded, 24'700u);

  // Forced recomputation: out of next at once (H+2), even mid-epoch.
  EXPECT_EQ(Ids(Sets().next), (std::vector<AccountId>{v1_.key_id()}));
  EXPECT_EQ(EventsOf<chain::ActiveSetChangedEvent>(b->end),
            (std::vector<chain::ActiveSetChangedEvent>{{1, 15, {v1_.key_id()}}}));
  // Never again: not at the next epoch, and its bonders can still leave.
  RunTo(20);
  EXPECT_EQ(Ids(Sets().next), (std::vector<AccountId>{v1_.key_id()}));
  Ok(d1_, chain::UnbondCall{v2_.id(), 5'700});
  // More evidence against it is refused: it is tombstoned already.
  Refused(DoubleSign(v2_.key, 18), "evidence-validator-tombstoned");
}

TEST_F(StakingSlashingTest, EvidenceWorksForAValidatorOutsideTheSet) {
  Join(v2_, 20'000);  // registered and bonded, not yet in any set
  auto b = RunBlock(std::nullopt, {DoubleSign(v2_.key, 1)});
  ASSERT_TRUE(b.ok()) << b.status().ToString();
  EXPECT_TRUE(Record(v2_).tombstoned);
  RunTo(10);
  EXPECT_EQ(Ids(Sets().next), (std::vector<AccountId>{v1_.key_id()}));
}

TEST_F(StakingSlashingTest, InvalidEvidenceOfEachKindMakesTheBlockInvalid) {
  SetUpTwoValidators();  // head 12: evidence for heights 0..12 is in range
  const Evidence good = DoubleSign(v2_.key, 10);
  ASSERT_TRUE(runtime_.CheckEvidence(state_, good, 13).ok());

  Evidence other_validator = good;
  other_validator.second = DoubleSign(v1_.key, 10).second;
  Refused(other_validator, "evidence-validator-mismatch");

  Evidence other_height = good;
  other_height.second.height = 9;
  chain::SignVote(kChainId, v2_.key, &other_height.second);
  Refused(other_height, "evidence-not-conflicting");

  Evidence other_round = good;
  other_round.second.round = 1;
  chain::SignVote(kChainId, v2_.key, &other_round.second);
  Refused(other_round, "evidence-not-conflicting");

  Evidence other_type = good;
  other_type.second.type = chain::VoteType::kPrevote;
  chain::SignVote(kChainId, v2_.key, &other_type.second);
  Refused(other_type, "evidence-not-conflicting");

  Evidence same_block = good;
  same_block.second = same_block.first;
  Refused(same_block, "evidence-same-block");

  Evidence forged = good;
  forged.second.signature = forged.first.signature;
  Refused(forged, "evidence-bad-signature");

  Refused(DoubleSign(v2_.key, 10, "another-chain"), "evidence-bad-signature");
  Refused(DoubleSign(v3_.key, 10), "evidence-unknown-validator");
  Refused(DoubleSign(v2_.key, 14), "evidence-from-future");  // the block is 13
  // Two pieces against one validator: the second finds it tombstoned.
  {
    const auto before = state_.data();
    auto b = RunBlock(std::nullopt, {DoubleSign(v2_.key, 10), DoubleSign(v2_.key, 11)});
    ASSERT_FALSE(b.ok());
    EXPECT_EQ(b.status().reason(), "evidence-validator-tombstoned");
    EXPECT_EQ(state_.data(), before);
  }
  EXPECT_TRUE(RunBlock(std::nullopt, {good}).ok());
}

TEST_F(StakingSlashingTest, EvidenceOlderThanTheMaximumAgeIsRefused) {
  SetUpTwoValidators();
  RunTo(24);
  // Block 25: evidence_max_age 15 admits heights 10..25.
  EXPECT_EQ(runtime_.CheckEvidence(state_, DoubleSign(v2_.key, 9), 25).reason(), "evidence-too-old");
  Refused(DoubleSign(v2_.key, 9), "evidence-too-old");
  EXPECT_TRUE(runtime_.CheckEvidence(state_, DoubleSign(v2_.key, 25), 25).ok());
  EXPECT_TRUE(RunBlock(std::nullopt, {DoubleSign(v2_.key, 10)}).ok());
}

TEST_F(StakingSlashingTest, DowntimeSlashesJailsAndRemovesUntilUnjailed) {
  SetUpTwoValidators();
  const uint64_t issuance = Issuance();
  const std::vector<AccountId> only_v1{v1_.key_id()};
  // Window 10, at least 5 signed: the 6th miss jails.
  for (int i = 0; i < 5; ++i) {
    auto b = RunBlock(only_v1);
    ASSERT_TRUE(b.ok());
    EXPECT_TRUE(EventsOf<chain::JailedEvent>(b->begin).empty()) << "miss " << i + 1;
  }
  auto b = RunBlock(only_v1);  // block 18
  ASSERT_TRUE(b.ok());
  // 1% of 20,000, 6,000 and 4,000 unbonding.
  EXPECT_EQ(EventsOf<chain::SlashedEvent>(b->begin),
            (std::vector<chain::SlashedEvent>{{v2_.id(), 300, chain::SlashReason::kDowntime}}));
  EXPECT_EQ(EventsOf<chain::JailedEvent>(b->begin), (std::vector<chain::JailedEvent>{{v2_.id(), 23}}));
  EXPECT_EQ(Issuance(), issuance - 300);
  EXPECT_TRUE(Record(v2_).jailed);
  EXPECT_FALSE(Record(v2_).tombstoned);
  EXPECT_EQ(Ids(Sets().next), (std::vector<AccountId>{v1_.key_id()}));
  EXPECT_FALSE(StakingState::GetSigningWindow(state_, v2_.key_id()).value().has_value()) << "window reset";

  // Still in `last` for two blocks: its misses there are not counted again.
  ASSERT_TRUE(RunBlock(only_v1).ok());
  ASSERT_TRUE(RunBlock(only_v1).ok());
  EXPECT_EQ(Ids(Sets().last), (std::vector<AccountId>{v1_.key_id()}));

  RunTo(21);
  Fails(v2_.op, chain::UnjailCall{}, "still-jailed");  // at 22
  RunTo(22);
  Ok(v2_.op, chain::UnjailCall{});  // at 23
  RunTo(29);
  EXPECT_EQ(Sets().next.size(), 1u) << "unjailed validators return at the next epoch";
  RunTo(30);
  EXPECT_EQ(Sets().next.size(), 2u);
}

TEST_F(StakingSlashingTest, OldMissesLeaveTheWindow) {
  SetUpTwoValidators();
  const std::vector<AccountId> only_v1{v1_.key_id()};
  // 5 misses, 5 signs, 5 misses, ...: never more than 5 in any 10.
  for (int round = 0; round < 4; ++round) {
    for (int i = 0; i < 5; ++i) ASSERT_TRUE(RunBlock(only_v1).ok());
    for (int i = 0; i < 5; ++i) ASSERT_TRUE(RunBlock().ok());
  }
  EXPECT_FALSE(Record(v2_).jailed);
  const auto window = StakingState::GetSigningWindow(state_, v2_.key_id()).value();
  ASSERT_TRUE(window.has_value());
  EXPECT_EQ(window->recorded, 40u);
  EXPECT_EQ(window->missed, 5u);  // the window holds the last 5 misses and 5 signs
}

TEST_F(StakingSlashingTest, CommitForAnotherHeightIsRefused) {
  SetUpTwoValidators();
  chain::Commit commit = CommitBy(LastSigners());
  commit.height = head_ - 1;
  StateOverlay overlay(state_);
  std::vector<chain::Event> events;
  const Status s = runtime_.BeginBlock(overlay, BlockEnv{head_ + 1, 0, v1_.key_id(), &commit}, &events);
  EXPECT_EQ(s.reason(), "bad-last-commit");
}

TEST_F(StakingSlashingTest, EmptyOrMissingCommitRecordsNothing) {
  SetUpTwoValidators();
  const chain::Commit empty{head_, 0, {}, {}};
  for (const chain::Commit* c : {static_cast<const chain::Commit*>(nullptr), &empty}) {
    StateOverlay overlay(state_);
    std::vector<chain::Event> events;
    ASSERT_TRUE(runtime_.BeginBlock(overlay, BlockEnv{head_ + 1, 0, v1_.key_id(), c}, &events).ok());
    // Only the runtime's block info (SystemState) is written; staking records nothing.
    for (const auto& [key, value] : overlay.writes()) {
      EXPECT_EQ(static_cast<uint8_t>(key.at(0)), chain::kStatePrefixSystem) << "unexpected write";
    }
    ASSERT_EQ(overlay.writes().size(), 1u);
  }
}

TEST_F(StakingSlashingTest, JailingTheOnlyValidatorKeepsTheSet) {
  // v1 alone; a commit without it (not possible under consensus, but the rule must
  // not halt the chain) jails it; the empty recomputation keeps the set.
  const ValidatorSets before = Sets();
  for (int i = 0; i < 7; ++i) ASSERT_TRUE(RunBlock(std::vector<AccountId>{v2_.key_id()}).ok());
  EXPECT_TRUE(Record(v1_).jailed);
  EXPECT_EQ(Sets(), before);
}

}  // namespace
}  // namespace tfchain::contracts::testing
