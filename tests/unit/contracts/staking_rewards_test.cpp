// Epoch rewards: split over the current set pro rata to power, commission to the
// operator, the rest pro rata over the bonders; exact integer amounts computed by
// hand, rounding dust left in the pool.
#include <gtest/gtest.h>

#include "tests/unit/contracts/staking_test_util.h"

namespace tfchain::contracts::testing {
namespace {

using chain::BondCall;
using chain::RewardPaidEvent;

class StakingRewardsTest : public StakingTest {
 protected:
  uint64_t Pool() { return Account(chain::StakingPoolAccount()).free; }
};

TEST_F(StakingRewardsTest, SplitIsExact) {
  // v1: self 10,000, commission 0; d1 delegates 5,000 -> 15,000.
  // v2: self 4,000, commission 10%; d1 3,000 and d2 2,000 -> 9,000.
  Ok(d1_, BondCall{v1_.id(), 5'000});
  Ok(v2_.op, chain::RegisterValidatorCall{v2_.key_id(), 100'000});
  Ok(v2_.op, BondCall{v2_.id(), 4'000});
  Ok(d1_, BondCall{v2_.id(), 3'000});
  Ok(d2_, BondCall{v2_.id(), 2'000});
  const uint64_t issuance = Issuance();
  const uint64_t v1_free = Account(v1_.id()).free;
  const uint64_t v2_free = Account(v2_.id()).free;
  const uint64_t d1_free = Account(d1_.account_id()).free;
  const uint64_t d2_free = Account(d2_.account_id()).free;

  RunTo(9);
  EXPECT_EQ(Pool(), 1'000'000u) << "nothing is paid before the epoch end";
  // Epoch 1 ends at 10; the current set is still the genesis set {v1: 10,000}.
  // R_v1 = 10,000; to v1 10,000 * 10,000 / 15,000 = 6,666, to d1 * 5,000 / 15,000 = 3,333.
  auto b10 = RunBlock();
  ASSERT_TRUE(b10.ok());
  EXPECT_EQ(EventsOf<RewardPaidEvent>(b10->end),
            (std::vector<RewardPaidEvent>{{v1_.id(), v1_.id(), 6'666}, {v1_.id(), d1_.account_id(), 3'333}}));
  EXPECT_EQ(Pool(), 1'000'000u - 9'999);

  // Epoch 2 ends at 20 with current = {v1: 15,000, v2: 9,000}, total 24,000.
  //   R_v1 = 10,000 * 15,000 / 24,000 = 6,250: v1 6,250 * 10/15 = 4,166, d1 * 5/15 = 2,083.
  //   R_v2 = 10,000 * 9,000 / 24,000 = 3,750: commission 375, rest 3,375:
  //     v2 3,375 * 4/9 = 1,500 (+ 375 = 1,875), d1 * 3/9 = 1,125, d2 * 2/9 = 750.
  RunTo(19);
  ASSERT_EQ(Sets().current.size(), 2u);
  auto b20 = RunBlock();
  ASSERT_TRUE(b20.ok());
  EXPECT_EQ(EventsOf<RewardPaidEvent>(b20->end), (std::vector<RewardPaidEvent>{{v1_.id(), v1_.id(), 4'166},
                                                                               {v1_.id(), d1_.account_id(), 2'083},
                                                                               {v2_.id(), v2_.id(), 1'875},
                                                                               {v2_.id(), d1_.account_id(), 1'125},
                                                                               {v2_.id(), d2_.account_id(), 750}}));
  EXPECT_EQ(Pool(), 1'000'000u - 9'999 - 9'999);  // one unit of dust stays each time
  EXPECT_EQ(Account(v1_.id()).free, v1_free + 6'666 + 4'166);
  EXPECT_EQ(Account(d1_.account_id()).free, d1_free + 3'333 + 2'083 + 1'125);
  EXPECT_EQ(Account(v2_.id()).free, v2_free + 1'875);
  EXPECT_EQ(Account(d2_.account_id()).free, d2_free + 750);
  EXPECT_EQ(Issuance(), issuance) << "rewards move pool funds, they mint nothing";
  // Rewards are paid out, not compounded.
  EXPECT_EQ(Record(v1_).total_bonded, 15'000u);
}

class StakingSmallPoolTest : public StakingTest {
 protected:
  static chain::StakingParams Params() {
    chain::StakingParams p = TestParams();
    p.pool_balance = 7;
    return p;
  }
  StakingSmallPoolTest() : StakingTest(Params()) {}
};

TEST_F(StakingSmallPoolTest, RewardIsCappedByThePool) {
  RunTo(9);
  auto b10 = RunBlock();
  ASSERT_TRUE(b10.ok());
  EXPECT_EQ(EventsOf<RewardPaidEvent>(b10->end), (std::vector<RewardPaidEvent>{{v1_.id(), v1_.id(), 7}}));
  EXPECT_EQ(Account(chain::StakingPoolAccount()).free, 0u);
  RunTo(19);
  auto b20 = RunBlock();
  ASSERT_TRUE(b20.ok());
  EXPECT_TRUE(EventsOf<RewardPaidEvent>(b20->end).empty()) << "an empty pool pays nothing";
}

TEST_F(StakingRewardsTest, FullCommissionGoesToTheOperator) {
  Ok(d1_, BondCall{v1_.id(), 10'000});
  Ok(v1_.op, chain::SetCommissionCall{1'000'000});
  RunTo(10);  // the commission applies after this epoch's payout
  RunTo(19);
  auto b20 = RunBlock();
  ASSERT_TRUE(b20.ok());
  EXPECT_EQ(EventsOf<RewardPaidEvent>(b20->end), (std::vector<RewardPaidEvent>{{v1_.id(), v1_.id(), 10'000}}));
}

TEST_F(StakingRewardsTest, JailedMemberOfTheCurrentSetGetsNothing) {
  Join(v2_, 10'000);
  RunTo(14);
  ASSERT_EQ(Sets().current.size(), 2u);
  // v2 misses blocks 14..19 (recorded in blocks 15..20): jailed in block 20's BeginBlock,
  // while still in the current set for that block's EndBlock.
  for (int i = 0; i < 5; ++i) ASSERT_TRUE(RunBlock(std::vector<AccountId>{v1_.key_id()}).ok());
  auto b20 = RunBlock(std::vector<AccountId>{v1_.key_id()});
  ASSERT_TRUE(b20.ok());
  ASSERT_EQ(EventsOf<chain::JailedEvent>(b20->begin).size(), 1u);
  EXPECT_EQ(EventsOf<RewardPaidEvent>(b20->end), (std::vector<RewardPaidEvent>{{v1_.id(), v1_.id(), 10'000}}));
}

}  // namespace
}  // namespace tfchain::contracts::testing
