// consensus::ValidatorSet: construction errors, lookups, thresholds, and the
// proposer schedule (against a step-by-step accumulator, and its fairness).
#include "consensus/validator_set.h"

#include <gtest/gtest.h>
#include <rapidcheck/gtest.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <vector>

namespace tfchain::consensus {
namespace {

chain::AccountId IdOf(uint8_t b) {
  chain::AccountId id;
  id.bytes.fill(b);
  return id;
}

std::vector<chain::Validator> Make(const std::vector<uint64_t>& powers) {
  std::vector<chain::Validator> out;
  for (size_t i = 0; i < powers.size(); ++i) out.push_back({IdOf(static_cast<uint8_t>(i + 1)), powers[i]});
  return out;
}

// The schedule run step by step: each validator's priority accumulator ("pass")
// starts at half a stride and advances by its stride T / w_i when it proposes; the
// lowest pass proposes, ties by id. Passes are kept exactly as (2k + 1) / (2 w_i).
class StepwiseSchedule {
 public:
  explicit StepwiseSchedule(const std::vector<chain::Validator>& validators) : validators_(validators) {
    turns_.assign(validators.size(), 0);
  }
  size_t Next() {
    size_t best = 0;
    for (size_t i = 1; i < validators_.size(); ++i) {
      const unsigned __int128 lhs = (2 * (unsigned __int128)turns_[i] + 1) * validators_[best].power;
      const unsigned __int128 rhs = (2 * (unsigned __int128)turns_[best] + 1) * validators_[i].power;
      if (lhs < rhs || (lhs == rhs && validators_[i].id < validators_[best].id)) best = i;
    }
    ++turns_[best];
    return best;
  }

 private:
  std::vector<chain::Validator> validators_;
  std::vector<uint64_t> turns_;
};

TEST(ValidatorSet, RejectsEmpty) {
  auto r = ValidatorSet::Create({});
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().reason(), "validator-set-empty");
}

TEST(ValidatorSet, RejectsZeroPower) {
  auto r = ValidatorSet::Create(Make({5, 0, 3}));
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().reason(), "validator-zero-power");
}

TEST(ValidatorSet, RejectsDuplicates) {
  std::vector<chain::Validator> v = Make({1, 2, 3});
  v[2].id = v[0].id;
  auto r = ValidatorSet::Create(v);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().reason(), "validator-duplicate");
}

TEST(ValidatorSet, RejectsTotalPowerOverflow) {
  auto r = ValidatorSet::Create(Make({ValidatorSet::kMaxTotalPower, 1}));
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().reason(), "validator-power-overflow");
  auto wrap = ValidatorSet::Create(Make({UINT64_MAX, UINT64_MAX}));
  ASSERT_FALSE(wrap.ok());
  EXPECT_EQ(wrap.status().reason(), "validator-power-overflow");
  EXPECT_TRUE(ValidatorSet::Create(Make({ValidatorSet::kMaxTotalPower - 1, 1})).ok());
}

TEST(ValidatorSet, RejectsTooMany) {
  std::vector<chain::Validator> v(chain::kMaxValidators + 1);
  for (size_t i = 0; i < v.size(); ++i) {
    v[i].id.bytes[0] = static_cast<uint8_t>(i);
    v[i].id.bytes[1] = static_cast<uint8_t>(i >> 8);
    v[i].power = 1;
  }
  auto r = ValidatorSet::Create(v);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().reason(), "validator-set-too-large");
}

TEST(ValidatorSet, LookupsAndTotals) {
  std::vector<chain::Validator> v = Make({10, 20, 30});
  std::swap(v[0], v[2]);  // order as given, not by id
  ValidatorSet set = ValidatorSet::Create(v).value();
  EXPECT_EQ(set.size(), 3u);
  EXPECT_EQ(set.TotalPower(), 60u);
  EXPECT_EQ(set.IndexOf(IdOf(3)), 0u);
  EXPECT_EQ(set.IndexOf(IdOf(1)), 2u);
  EXPECT_EQ(set.IndexOf(IdOf(9)), std::nullopt);
  EXPECT_EQ(set.PowerOf(IdOf(2)), 20u);
  EXPECT_EQ(set.PowerOf(IdOf(9)), 0u);
  EXPECT_EQ(set.Hash(), chain::ValidatorSetHash(v));
}

TEST(ValidatorSet, QuorumThresholdsAreStrict) {
  ValidatorSet set = ValidatorSet::Create(Make({1, 1, 1, 1, 1, 1})).value();  // total 6
  EXPECT_FALSE(set.IsQuorum(4));  // exactly 2/3 is not more than 2/3
  EXPECT_TRUE(set.IsQuorum(5));
  EXPECT_FALSE(set.ExceedsOneThird(2));  // exactly 1/3
  EXPECT_TRUE(set.ExceedsOneThird(3));
  ValidatorSet four = ValidatorSet::Create(Make({1, 1, 1, 1})).value();
  EXPECT_TRUE(four.IsQuorum(3));
  EXPECT_FALSE(four.IsQuorum(2));
  EXPECT_TRUE(four.ExceedsOneThird(2));
  EXPECT_FALSE(four.ExceedsOneThird(1));
}

TEST(ValidatorSet, ProposerMatchesTheStepwiseAccumulator) {
  for (const std::vector<uint64_t>& powers : std::vector<std::vector<uint64_t>>{
           {1}, {1, 1, 1, 1}, {1, 2}, {5, 1, 1}, {3, 2}, {7, 13, 1, 100, 42}, {10, 10, 20, 30, 1, 1, 9}}) {
    std::vector<chain::Validator> v = Make(powers);
    std::reverse(v.begin(), v.end());  // the given order must not matter
    ValidatorSet set = ValidatorSet::Create(v).value();
    StepwiseSchedule stepwise(v);
    for (uint64_t step = 0; step < 3 * set.TotalPower() + 7; ++step) {
      ASSERT_EQ(set.ProposerIndex(step, 0), stepwise.Next()) << "step " << step << " powers " << powers.size();
    }
  }
}

TEST(ValidatorSet, ProposerDependsOnHeightPlusRound) {
  ValidatorSet set = ValidatorSet::Create(Make({3, 5, 7, 11})).value();
  for (uint64_t h = 0; h < 50; ++h) {
    for (uint32_t r = 0; r < 5; ++r) EXPECT_EQ(set.ProposerIndex(h, r), set.ProposerIndex(h + r, 0));
  }
  // Equal powers: plain round robin in id order.
  ValidatorSet equal = ValidatorSet::Create(Make({1, 1, 1, 1})).value();
  for (uint64_t h = 0; h < 8; ++h) EXPECT_EQ(equal.Proposer(h, 0).id, IdOf(static_cast<uint8_t>(h % 4 + 1)));
}

TEST(ValidatorSet, EachPeriodGivesEveryValidatorExactlyItsPower) {
  ValidatorSet set = ValidatorSet::Create(Make({1, 4, 9, 16, 25, 2})).value();
  const uint64_t start = 1'000'003;
  std::map<size_t, uint64_t> count;
  for (uint64_t s = start; s < start + set.TotalPower(); ++s) ++count[set.ProposerIndex(s, 0)];
  for (size_t i = 0; i < set.size(); ++i) EXPECT_EQ(count[i], set.at(i).power) << "validator " << i;
}

TEST(ValidatorSet, HugeHeightsAndPowersAreFast) {
  ValidatorSet set =
      ValidatorSet::Create(Make({ValidatorSet::kMaxTotalPower / 3, ValidatorSet::kMaxTotalPower / 3 - 17, 12345}))
          .value();
  std::map<size_t, int> count;
  for (uint64_t h = UINT64_MAX - 3000; h < UINT64_MAX - 1000; ++h) ++count[set.ProposerIndex(h, UINT32_MAX)];
  // The tiny validator proposes about never; the two big ones alternate.
  EXPECT_LE(count[2], 1);
  EXPECT_NEAR(count[0], 1000, 2);
  EXPECT_NEAR(count[1], 1000, 2);
}

// Over any window of W consecutive steps, validator i proposes W * w_i / T times up
// to a small constant: the schedule's error before step s is at most
// 1/2 + n w_i / (2T) (docs/consensus.md), so a window's is at most 1 + n w_i / T.
RC_GTEST_PROP(ValidatorSetProperty, ProposerCountsAreProportionalToPower, ()) {
  const size_t n = *rc::gen::inRange<size_t>(1, 12);
  const auto powers = *rc::gen::container<std::vector<uint64_t>>(n, rc::gen::inRange<uint64_t>(1, 1000));
  const uint64_t start = *rc::gen::inRange<uint64_t>(0, uint64_t{1} << 40);
  const uint64_t window = *rc::gen::inRange<uint64_t>(1, 3000);
  ValidatorSet set = ValidatorSet::Create(Make(powers)).value();
  std::vector<uint64_t> count(n, 0);
  for (uint64_t s = start; s < start + window; ++s) ++count[set.ProposerIndex(s, 0)];
  const double total = static_cast<double>(set.TotalPower());
  for (size_t i = 0; i < n; ++i) {
    const double share = static_cast<double>(window) * static_cast<double>(powers[i]) / total;
    const double bound = 1.0 + static_cast<double>(n) * static_cast<double>(powers[i]) / total + 1e-9;
    RC_ASSERT(std::abs(static_cast<double>(count[i]) - share) <= bound);
  }
}

}  // namespace
}  // namespace tfchain::consensus
