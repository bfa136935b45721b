// Staking calls through the runtime: every call's success and every error, with a
// failed call changing nothing but the signer's nonce.
#include <gtest/gtest.h>

#include "tests/unit/contracts/staking_test_util.h"

namespace tfchain::contracts::testing {
namespace {

using chain::BondCall;
using chain::RegisterValidatorCall;
using chain::SetCommissionCall;
using chain::UnbondCall;
using chain::UnjailCall;
using chain::WithdrawUnbondedCall;

class StakingCallsTest : public StakingTest {};

TEST_F(StakingCallsTest, GenesisValidatorIsRegisteredAndBonded) {
  const ValidatorRecord r = Record(v1_);
  EXPECT_EQ(r.consensus_key, v1_.key_id());
  EXPECT_EQ(r.self_bond, 10'000u);
  EXPECT_EQ(r.total_bonded, 10'000u);
  EXPECT_EQ(Account(v1_.id()).free, 990'000u);
  EXPECT_EQ(Account(v1_.id()).reserved, 10'000u);
  EXPECT_EQ(*runtime_.OperatorOf(state_, v1_.key_id()).value(), v1_.id());
  EXPECT_FALSE(runtime_.OperatorOf(state_, v2_.key_id()).value().has_value());
}

TEST_F(StakingCallsTest, RegisterValidator) {
  const chain::Receipt r = Submit(v2_.op, RegisterValidatorCall{v2_.key_id(), 150'000});
  ASSERT_TRUE(r.success) << r.error;
  const auto registered = EventsOf<chain::ValidatorRegisteredEvent>(r.events);
  ASSERT_EQ(registered.size(), 1u);
  EXPECT_EQ(registered[0], (chain::ValidatorRegisteredEvent{v2_.id(), v2_.key_id(), 150'000}));
  const ValidatorRecord rec = Record(v2_);
  EXPECT_EQ(rec.consensus_key, v2_.key_id());
  EXPECT_EQ(rec.commission_permill, 150'000u);
  EXPECT_EQ(rec.total_bonded, 0u);
  EXPECT_EQ(*runtime_.OperatorOf(state_, v2_.key_id()).value(), v2_.id());
  EXPECT_EQ(StakingState::GetValidatorList(state_).value(), (std::vector<AccountId>{v1_.id(), v2_.id()}));
  // A commission of exactly 100% is allowed.
  Ok(v3_.op, RegisterValidatorCall{v3_.key_id(), 1'000'000});
}

TEST_F(StakingCallsTest, RegisterValidatorErrors) {
  Fails(v1_.op, RegisterValidatorCall{v2_.key_id(), 0}, "already-validator");
  Fails(v2_.op, RegisterValidatorCall{v2_.key_id(), 1'000'001}, "bad-commission");
  AccountId identity;  // the curve's identity point: a small-order key
  identity.bytes[0] = 1;
  ASSERT_FALSE(chain::PublicKey::Parse(chain::KeyScheme::kEd25519, identity.span()).ok());
  Fails(v2_.op, RegisterValidatorCall{identity, 0}, "bad-consensus-key");
  AccountId not_a_point;
  not_a_point.bytes.fill(0xFF);
  Fails(v2_.op, RegisterValidatorCall{not_a_point, 0}, "bad-consensus-key");
  Fails(v2_.op, RegisterValidatorCall{v1_.key_id(), 0}, "consensus-key-in-use");
}

TEST_F(StakingCallsTest, TombstonedKeyCanNeverBeRegisteredAgain) {
  ASSERT_TRUE(RunBlock(std::nullopt, {DoubleSign(v1_.key, 1)}).ok());
  ASSERT_TRUE(Record(v1_).tombstoned);
  Fails(v2_.op, RegisterValidatorCall{v1_.key_id(), 0}, "consensus-key-tombstoned");
  // Its operator cannot register another validator either.
  Fails(v1_.op, RegisterValidatorCall{v2_.key_id(), 0}, "already-validator");
}

TEST_F(StakingCallsTest, SetCommissionAppliesAtTheNextEpoch) {
  const chain::Receipt r = Submit(v1_.op, SetCommissionCall{200'000});
  ASSERT_TRUE(r.success);
  EXPECT_EQ(EventsOf<chain::CommissionChangedEvent>(r.events),
            (std::vector<chain::CommissionChangedEvent>{{v1_.id(), 200'000}}));
  EXPECT_EQ(Record(v1_).commission_permill, 0u);
  EXPECT_EQ(Record(v1_).pending_commission, 200'000u);
  RunTo(9);
  EXPECT_EQ(Record(v1_).commission_permill, 0u);
  RunTo(10);  // epoch end
  EXPECT_EQ(Record(v1_).commission_permill, 200'000u);
  EXPECT_FALSE(Record(v1_).pending_commission.has_value());
}

TEST_F(StakingCallsTest, SetCommissionErrors) {
  Fails(v2_.op, SetCommissionCall{1}, "unknown-validator");
  Fails(v1_.op, SetCommissionCall{1'000'001}, "bad-commission");
  ASSERT_TRUE(RunBlock(std::nullopt, {DoubleSign(v1_.key, 1)}).ok());
  Fails(v1_.op, SetCommissionCall{1}, "validator-tombstoned");
}

TEST_F(StakingCallsTest, SelfBondAndDelegationReserveFunds) {
  const uint64_t issuance = Issuance();
  Ok(v2_.op, RegisterValidatorCall{v2_.key_id(), 0});
  const chain::Receipt self = Submit(v2_.op, BondCall{v2_.id(), 4'000});
  ASSERT_TRUE(self.success);
  EXPECT_EQ(EventsOf<chain::BondedEvent>(self.events), (std::vector<chain::BondedEvent>{{v2_.id(), v2_.id(), 4'000}}));
  const chain::Receipt delegated = Submit(d1_, BondCall{v2_.id(), 6'000});
  ASSERT_TRUE(delegated.success);
  EXPECT_EQ(EventsOf<chain::BondedEvent>(delegated.events),
            (std::vector<chain::BondedEvent>{{v2_.id(), d1_.account_id(), 6'000}}));
  Ok(d1_, BondCall{v2_.id(), 500});  // adds to the same bond

  EXPECT_EQ(Record(v2_).self_bond, 4'000u);
  EXPECT_EQ(Record(v2_).total_bonded, 10'500u);
  EXPECT_EQ(Bond(v2_, v2_.id()), 4'000u);
  EXPECT_EQ(Bond(v2_, d1_.account_id()), 6'500u);
  EXPECT_EQ(Bonders(v2_), (std::vector<AccountId>{v2_.id(), d1_.account_id()}));
  EXPECT_EQ(Account(d1_.account_id()).free, 993'500u);
  EXPECT_EQ(Account(d1_.account_id()).reserved, 6'500u);
  EXPECT_EQ(Issuance(), issuance);
  // A delegator may bond with several validators.
  Ok(d1_, BondCall{v1_.id(), 1'000});
  EXPECT_EQ(Record(v1_).total_bonded, 11'000u);
  EXPECT_EQ(Record(v1_).self_bond, 10'000u);
}

TEST_F(StakingCallsTest, BondErrors) {
  Fails(d1_, BondCall{v1_.id(), 0}, "zero-amount");
  Fails(d1_, BondCall{v2_.id(), 10}, "unknown-validator");
  Fails(d1_, BondCall{v1_.id(), 1'000'001}, "insufficient-balance");
  ASSERT_TRUE(RunBlock(std::nullopt, {DoubleSign(v1_.key, 1)}).ok());
  Fails(d1_, BondCall{v1_.id(), 10}, "validator-tombstoned");
}

TEST_F(StakingCallsTest, UnbondStartsAnEntryThatStaysReserved) {
  Ok(d1_, BondCall{v1_.id(), 3'000});
  RunTo(4);
  const chain::Receipt r = Submit(d1_, UnbondCall{v1_.id(), 1'000});  // at height 5
  ASSERT_TRUE(r.success) << r.error;
  EXPECT_EQ(EventsOf<chain::UnbondedEvent>(r.events),
            (std::vector<chain::UnbondedEvent>{{v1_.id(), d1_.account_id(), 1'000, 25}}));
  EXPECT_EQ(Bond(v1_, d1_.account_id()), 2'000u);
  EXPECT_EQ(Record(v1_).total_bonded, 12'000u);
  EXPECT_EQ(Unbonding(d1_.account_id()), (std::vector<UnbondingEntry>{{v1_.id(), 1'000, 25}}));
  EXPECT_EQ(Account(d1_.account_id()).reserved, 3'000u);
  // Two unbonds in one block merge into one entry.
  Ok(d1_, UnbondCall{v1_.id(), 500});
  EXPECT_EQ(Unbonding(d1_.account_id()), (std::vector<UnbondingEntry>{{v1_.id(), 1'500, 25}}));
  // The operator's self-unbond lowers its self-bond.
  Ok(v1_.op, UnbondCall{v1_.id(), 2'000});
  EXPECT_EQ(Record(v1_).self_bond, 8'000u);
  EXPECT_EQ(Record(v1_).total_bonded, 9'500u);
}

TEST_F(StakingCallsTest, UnbondErrors) {
  Fails(d1_, UnbondCall{v1_.id(), 0}, "zero-amount");
  Fails(d1_, UnbondCall{v1_.id(), 1}, "not-bonded");
  Fails(d1_, UnbondCall{v2_.id(), 1}, "not-bonded");
  Ok(d1_, BondCall{v1_.id(), 100});
  Fails(d1_, UnbondCall{v1_.id(), 101}, "insufficient-bond");
  Ok(d1_, BondCall{v1_.id(), 1'000});
  // One entry per release height (unbonds in one block merge); the failing call
  // below runs at height 1, whose release height is still free.
  for (uint64_t h = 2; h < 2 + kMaxUnbondingEntries; ++h) {
    const chain::Receipt r = Submit(d1_, UnbondCall{v1_.id(), 1}, /*height=*/h);
    ASSERT_TRUE(r.success) << r.error;
  }
  EXPECT_EQ(Unbonding(d1_.account_id()).size(), kMaxUnbondingEntries);
  Fails(d1_, UnbondCall{v1_.id(), 1}, "too-many-unbonding-entries");
}

TEST_F(StakingCallsTest, WithdrawReleasesMaturedEntriesOnly) {
  Ok(d1_, BondCall{v1_.id(), 3'000});
  Submit(d1_, UnbondCall{v1_.id(), 1'000}, /*height=*/1);  // released at 21
  Submit(d1_, UnbondCall{v1_.id(), 2'000}, /*height=*/5);  // released at 25
  RunTo(19);
  Fails(d1_, WithdrawUnbondedCall{}, "nothing-to-withdraw");  // at 20
  RunTo(20);
  const chain::Receipt r = Submit(d1_, WithdrawUnbondedCall{});  // at 21
  ASSERT_TRUE(r.success) << r.error;
  EXPECT_EQ(EventsOf<chain::WithdrawnEvent>(r.events), (std::vector<chain::WithdrawnEvent>{{d1_.account_id(), 1'000}}));
  EXPECT_EQ(Account(d1_.account_id()).free, 998'000u);
  EXPECT_EQ(Account(d1_.account_id()).reserved, 2'000u);
  EXPECT_EQ(Unbonding(d1_.account_id()), (std::vector<UnbondingEntry>{{v1_.id(), 2'000, 25}}));
  EXPECT_EQ(Bonders(v1_), (std::vector<AccountId>{v1_.id(), d1_.account_id()}));  // still has an entry
  RunTo(24);
  Ok(d1_, WithdrawUnbondedCall{});
  EXPECT_EQ(Account(d1_.account_id()).free, 1'000'000u);
  EXPECT_EQ(Account(d1_.account_id()).reserved, 0u);
  EXPECT_TRUE(Unbonding(d1_.account_id()).empty());
  EXPECT_EQ(Bonders(v1_), (std::vector<AccountId>{v1_.id()}));  // gone for good
  Fails(d1_, WithdrawUnbondedCall{}, "nothing-to-withdraw");
}

TEST_F(StakingCallsTest, UnjailErrorsAndSuccess) {
  Fails(v2_.op, UnjailCall{}, "unknown-validator");
  Fails(v1_.op, UnjailCall{}, "not-jailed");
  // Two validators, so that jailing v2 leaves a set.
  Join(v2_, 5'000);
  RunTo(10);
  RunTo(12);
  ASSERT_EQ(Sets().last.size(), 2u);
  // v2 stops signing: more than 5 of its 10-block window missed -> jailed.
  uint64_t jailed_at = 0;
  for (int i = 0; i < 6 && jailed_at == 0; ++i) {
    auto b = RunBlock(std::vector<AccountId>{v1_.key_id()});
    ASSERT_TRUE(b.ok());
    if (!EventsOf<chain::JailedEvent>(b->begin).empty()) jailed_at = head_;
  }
  ASSERT_NE(jailed_at, 0u);
  ASSERT_TRUE(Record(v2_).jailed);
  EXPECT_EQ(Record(v2_).jailed_until, jailed_at + 5);
  RunTo(jailed_at + 3);
  Fails(v2_.op, UnjailCall{}, "still-jailed");  // at jailed_at + 4
  RunTo(jailed_at + 4);
  const chain::Receipt r = Submit(v2_.op, UnjailCall{});  // at jailed_at + 5
  ASSERT_TRUE(r.success) << r.error;
  EXPECT_EQ(EventsOf<chain::UnjailedEvent>(r.events), (std::vector<chain::UnjailedEvent>{{v2_.id()}}));
  EXPECT_FALSE(Record(v2_).jailed);
  Fails(v2_.op, UnjailCall{}, "not-jailed");
}

TEST_F(StakingCallsTest, UnjailNeedsTheMinimumSelfBond) {
  Join(v2_, 1'000);
  RunTo(12);
  for (int i = 0; i < 6; ++i) ASSERT_TRUE(RunBlock(std::vector<AccountId>{v1_.key_id()}).ok());
  ASSERT_TRUE(Record(v2_).jailed);
  EXPECT_EQ(Record(v2_).self_bond, 990u);  // the 1% downtime slash took it below 1,000
  RunTo(head_ + 10);
  Fails(v2_.op, UnjailCall{}, "bond-below-minimum");
  Ok(v2_.op, BondCall{v2_.id(), 10});
  Ok(v2_.op, UnjailCall{});
}

TEST_F(StakingCallsTest, TombstonedValidatorCannotUnjail) {
  Join(v2_, 5'000);
  RunTo(12);
  ASSERT_TRUE(RunBlock(std::nullopt, {DoubleSign(v2_.key, 12)}).ok());
  Fails(v2_.op, UnjailCall{}, "tombstoned");
}

TEST_F(StakingCallsTest, BondCountsInTheMempoolSpend) {
  EXPECT_EQ(CallSpend(BondCall{v1_.id(), 77}), 77u);
  EXPECT_EQ(CallSpend(UnbondCall{v1_.id(), 77}), 0u);
  EXPECT_EQ(CallSpend(RegisterValidatorCall{v1_.key_id(), 5}), 0u);
}

// Fees: the proposer's share goes to the proposer's operator account, the pool share
// to the staking pool, the rest is burned.
class StakingFeesTest : public StakingTest {
 protected:
  StakingFeesTest() : StakingTest(TestParams(), chain::FeeParams{1'000, 0, 20, 30}) {}
};

TEST_F(StakingFeesTest, FeeIsSplitBetweenOperatorPoolAndBurn) {
  const uint64_t issuance = Issuance();
  const uint64_t pool = Account(chain::StakingPoolAccount()).free;
  const uint64_t v1_free = Account(v1_.id()).free;
  const chain::Receipt r = Submit(d1_, chain::TransferCall{d2_.account_id(), 5});
  ASSERT_TRUE(r.success);
  const auto paid = EventsOf<chain::FeePaidEvent>(r.events);
  ASSERT_EQ(paid.size(), 1u);
  EXPECT_EQ(paid[0], (chain::FeePaidEvent{d1_.account_id(), 1'000, v1_.id(), 200, 300, 500}));
  EXPECT_EQ(Account(v1_.id()).free, v1_free + 200);  // the operator, not the consensus key
  EXPECT_EQ(Account(v1_.key_id()).free, 0u);
  EXPECT_EQ(Account(chain::StakingPoolAccount()).free, pool + 300);
  EXPECT_EQ(Issuance(), issuance - 500);
}

TEST_F(StakingFeesTest, UnknownProposerShareIsBurned) {
  chain::TransactionBody body;
  body.chain_id = std::string(kChainId);
  body.valid_until = 10;
  body.call = chain::TransferCall{d2_.account_id(), 5};
  const chain::Transaction tx = chain::SignTransaction(std::move(body), d1_);
  const chain::Bytes encoded = chain::Encode(tx);
  StateOverlay overlay(state_);
  const AccountId stranger = tfchain::testing::TestKey(99).account_id();
  auto r = runtime_.ApplyTransaction(overlay, BlockEnv{1, 0, stranger}, tx, chain::TxHash(encoded), encoded.size());
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(std::get<chain::FeePaidEvent>(r->events[0]),
            (chain::FeePaidEvent{d1_.account_id(), 1'000, stranger, 0, 300, 700}));
  EXPECT_EQ(Balances::GetAccount(overlay, stranger)->free, 0u);
}

}  // namespace
}  // namespace tfchain::contracts::testing

namespace tfchain::contracts::testing {
namespace {

// The bounds that keep state values small, hit directly through Staking (a thousand
// signed transactions would only slow the test down).
class StakingBoundsTest : public StakingTest {
 protected:
  // A fresh funded account for index i.
  AccountId Funded(StateOverlay& overlay, uint32_t i) {
    AccountId id;
    id.bytes[0] = 0xEE;
    for (int b = 0; b < 4; ++b) id.bytes[1 + b] = static_cast<uint8_t>(i >> (8 * b));
    EXPECT_TRUE(Balances::Mint(overlay, id, 10).ok());
    return id;
  }
};

TEST_F(StakingBoundsTest, TooManyDelegators) {
  StateOverlay overlay(state_);
  std::vector<chain::Event> events;
  const Staking& staking = runtime_.staking();
  // v1 already has itself as a bonder.
  for (uint32_t i = 1; i < kMaxBondersPerValidator; ++i) {
    ASSERT_TRUE(staking.Bond(overlay, Funded(overlay, i), chain::BondCall{v1_.id(), 1}, &events).ok());
  }
  const Status full = staking.Bond(overlay, Funded(overlay, 0), chain::BondCall{v1_.id(), 1}, &events);
  EXPECT_EQ(full.reason(), "too-many-delegators");
  // Existing bonders may add to their bonds, and the operator is always admitted.
  EXPECT_TRUE(staking.Bond(overlay, v1_.id(), chain::BondCall{v1_.id(), 1}, &events).ok());
  EXPECT_EQ(StakingState::GetBonders(overlay, v1_.id())->size(), kMaxBondersPerValidator);
}

TEST_F(StakingBoundsTest, TooManyValidators) {
  StateOverlay overlay(state_);
  std::vector<chain::Event> events;
  const Staking& staking = runtime_.staking();
  // v1 is registered already.
  for (uint32_t i = 1; i < kMaxRegisteredValidators; ++i) {
    const chain::SecretKey key =
        tfchain::testing::TestKey(static_cast<uint8_t>(i), static_cast<uint8_t>(0x80 + (i >> 8)));
    ASSERT_TRUE(staking.RegisterValidator(overlay, Funded(overlay, i), {key.account_id(), 0}, &events).ok()) << i;
  }
  const Status full = staking.RegisterValidator(overlay, Funded(overlay, 0), {v2_.key_id(), 0}, &events);
  EXPECT_EQ(full.reason(), "too-many-validators");
}

}  // namespace
}  // namespace tfchain::contracts::testing
