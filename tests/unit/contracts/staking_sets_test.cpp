// The active set (top N by stake, minimum self-bond) and its rotation under the H+2
// rule: which set is where after each EndBlock.
#include <gtest/gtest.h>

#include "tests/unit/contracts/staking_test_util.h"

namespace tfchain::contracts::testing {
namespace {

using chain::BondCall;
using chain::RegisterValidatorCall;
using chain::Validator;

class StakingSetsTest : public StakingTest {};

TEST_F(StakingSetsTest, GenesisPutsTheGenesisSetInAllThreeSlots) {
  const std::vector<Validator> genesis_set{{v1_.key_id(), 10'000}};
  EXPECT_EQ(Sets(), (ValidatorSets{genesis_set, genesis_set, genesis_set}));
  const auto changed = EventsOf<chain::ActiveSetChangedEvent>(genesis_events_);
  ASSERT_EQ(changed.size(), 1u);
  EXPECT_EQ(changed[0], (chain::ActiveSetChangedEvent{0, 1, {v1_.key_id()}}));
}

TEST_F(StakingSetsTest, NewValidatorSignsTwoBlocksAfterTheEpochEnd) {
  Join(v2_, 20'000);
  const std::vector<Validator> old_set{{v1_.key_id(), 10'000}};
  const std::vector<Validator> new_set{{v2_.key_id(), 20'000}, {v1_.key_id(), 10'000}};  // power descending
  RunTo(9);
  EXPECT_EQ(Sets(), (ValidatorSets{old_set, old_set, old_set})) << "bonding alone changes no set";

  auto b10 = RunBlock();  // epoch end: next <- recomputed
  ASSERT_TRUE(b10.ok());
  EXPECT_EQ(Sets(), (ValidatorSets{old_set, old_set, new_set}));
  EXPECT_EQ(EventsOf<chain::ActiveSetChangedEvent>(b10->end),
            (std::vector<chain::ActiveSetChangedEvent>{{1, 12, {v2_.key_id(), v1_.key_id()}}}));

  auto b11 = RunBlock();
  ASSERT_TRUE(b11.ok());
  EXPECT_EQ(Sets(), (ValidatorSets{old_set, new_set, new_set}));
  EXPECT_TRUE(EventsOf<chain::ActiveSetChangedEvent>(b11->end).empty());

  ASSERT_TRUE(RunBlock().ok());  // block 12 is the first one new_set signs
  EXPECT_EQ(Sets(), (ValidatorSets{new_set, new_set, new_set}));
}

TEST_F(StakingSetsTest, PowerChangesWaitForTheEpochEnd) {
  Ok(d1_, BondCall{v1_.id(), 5'000});
  RunTo(9);
  EXPECT_EQ(Sets().next, (std::vector<Validator>{{v1_.key_id(), 10'000}}));
  RunTo(10);
  EXPECT_EQ(Sets().next, (std::vector<Validator>{{v1_.key_id(), 15'000}}));
  EXPECT_EQ(Sets().current, (std::vector<Validator>{{v1_.key_id(), 10'000}}));
}

TEST_F(StakingSetsTest, ActiveSetIsTopNByStakeWithMinimumSelfBond) {
  // max_validators = 3, min_validator_bond = 1,000.
  Join(v2_, 30'000);
  Join(v3_, 10'000);  // ties with v1: the smaller consensus key goes first
  Ok(v4_.op, RegisterValidatorCall{v4_.key_id(), 0});
  Ok(v4_.op, BondCall{v4_.id(), 999});   // self-bond below the minimum...
  Ok(d1_, BondCall{v4_.id(), 100'000});  // ...whatever its delegations
  auto active = runtime_.staking().ComputeActiveSet(state_);
  ASSERT_TRUE(active.ok());
  std::vector<Validator> tied{{v1_.key_id(), 10'000}, {v3_.key_id(), 10'000}};
  std::sort(tied.begin(), tied.end(), [](const Validator& a, const Validator& b) { return a.id < b.id; });
  EXPECT_EQ(*active, (std::vector<Validator>{{v2_.key_id(), 30'000}, tied[0], tied[1]}));

  // v4 reaches the minimum: it has the most stake and pushes out the last of the tie.
  Ok(v4_.op, BondCall{v4_.id(), 1});
  active = runtime_.staking().ComputeActiveSet(state_);
  EXPECT_EQ(*active, (std::vector<Validator>{{v4_.key_id(), 101'000}, {v2_.key_id(), 30'000}, tied[0]}));
  RunTo(10);
  EXPECT_EQ(Sets().next, *active);
  EXPECT_EQ(Sets().next.size(), 3u);
}

TEST_F(StakingSetsTest, DroppingBelowTheMinimumLeavesTheSetAtTheEpochEnd) {
  Join(v2_, 5'000);
  RunTo(12);
  ASSERT_EQ(Sets().last.size(), 2u);
  Ok(v2_.op, chain::UnbondCall{v2_.id(), 4'500});
  RunTo(19);
  EXPECT_EQ(Sets().next.size(), 2u);
  RunTo(20);
  EXPECT_EQ(Sets().next, (std::vector<Validator>{{v1_.key_id(), 10'000}}));
}

TEST_F(StakingSetsTest, EmptySetGuardKeepsThePreviousSet) {
  // The only validator unbonds everything: recomputation gives an empty set.
  Ok(v1_.op, chain::UnbondCall{v1_.id(), 10'000});
  auto active = runtime_.staking().ComputeActiveSet(state_);
  ASSERT_TRUE(active.ok());
  EXPECT_TRUE(active->empty());
  const ValidatorSets before = Sets();
  RunTo(9);
  auto b10 = RunBlock();
  ASSERT_TRUE(b10.ok());
  EXPECT_EQ(Sets(), before);
  EXPECT_TRUE(EventsOf<chain::ActiveSetChangedEvent>(b10->end).empty());
}

TEST_F(StakingSetsTest, NoWritesWhenNothingRotates) {
  StateOverlay overlay(state_);
  std::vector<chain::Event> events;
  const chain::Commit commit = CommitBy(LastSigners());
  ASSERT_TRUE(runtime_.EndBlock(overlay, BlockEnv{3, 0, v1_.key_id(), &commit}, &events).ok());
  EXPECT_TRUE(overlay.writes().empty());
  EXPECT_TRUE(events.empty());
}

}  // namespace
}  // namespace tfchain::contracts::testing
