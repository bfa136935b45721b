#include "contracts/runtime.h"

#include <gtest/gtest.h>

#include "tests/support/test_keys.h"

#include "chain/keys.h"
#include "contracts/balances.h"
#include "tests/support/map_state.h"

namespace tfchain::contracts {
namespace {

using chain::AccountId;
using chain::Transaction;

chain::SecretKey Key(uint8_t n) { return testing::TestKey(n, 0); }

class RuntimeTest : public ::testing::Test {
 protected:
  RuntimeTest() : alice_(Key(1)), bob_(Key(2)), proposer_(Key(3)), runtime_(MakeGenesis()) {
    StateOverlay overlay(state_);
    std::vector<chain::Event> events;
    EXPECT_TRUE(runtime_.InitGenesis(overlay, &events).ok());
    // 3 x Endowed, then ValidatorRegistered, Bonded and ActiveSetChanged.
    EXPECT_EQ(events.size(), 6u);
    state_.Apply(overlay);
  }

  chain::Genesis MakeGenesis() {
    chain::Genesis g;
    g.chain_id = "test-chain";
    g.fees = chain::FeeParams{1000, 2, 20};
    g.balances = {{alice_.account_id(), 1'000'000}, {bob_.account_id(), 500}, {proposer_.account_id(), 1'000}};
    // The proposer's operator account is its consensus key's account; all of its
    // balance is bonded, so its free balance is what fees pay it.
    g.validators = {{"p", proposer_.account_id(), {proposer_.account_id(), 1'000}, 0}};
    return g;
  }

  Transaction Transfer(const chain::SecretKey& from, const AccountId& to, uint64_t amount, uint64_t nonce,
                       uint64_t tip = 0, uint64_t valid_until = 100, std::string chain_id = "test-chain") {
    chain::TransactionBody body;
    body.chain_id = std::move(chain_id);
    body.nonce = nonce;
    body.tip = tip;
    body.valid_until = valid_until;
    body.call = chain::TransferCall{to, amount};
    return chain::SignTransaction(std::move(body), from);
  }

  // Applies in a fresh overlay and commits it when the transaction was includable.
  chain::Result<chain::Receipt> Apply(const Transaction& tx, uint64_t height = 1) {
    StateOverlay overlay(state_);
    const chain::Bytes encoded = chain::Encode(tx);
    auto receipt = runtime_.ApplyTransaction(overlay, BlockEnv{height, 0, proposer_.account_id()}, tx,
                                             chain::TxHash(encoded), encoded.size());
    if (receipt.ok()) {
      state_.Apply(overlay);
    } else {
      EXPECT_TRUE(overlay.writes().empty()) << "a rejected transaction must change nothing";
    }
    return receipt;
  }

  chain::AccountData Account(const chain::SecretKey& k) { return Balances::GetAccount(state_, k.account_id()).value(); }
  uint64_t Issuance() { return Balances::TotalIssuance(state_).value(); }
  uint64_t FeeOf(const Transaction& tx) { return runtime_.Fee(chain::Encode(tx).size(), tx.body.tip).value(); }

  chain::SecretKey alice_, bob_, proposer_;
  Runtime runtime_;
  testing::MapState state_;
};

TEST_F(RuntimeTest, GenesisFundsAccountsAndIssuance) {
  EXPECT_EQ(Account(alice_).free, 1'000'000u);
  EXPECT_EQ(Account(bob_).free, 500u);
  EXPECT_EQ(Account(proposer_).free, 0u);
  EXPECT_EQ(Account(proposer_).reserved, 1'000u);
  EXPECT_EQ(Issuance(), 1'001'500u);
}

TEST_F(RuntimeTest, TransferMovesFundsChargesFeeAndSplitsIt) {
  const Transaction tx = Transfer(alice_, bob_.account_id(), 10'000, 0, /*tip=*/100);
  const uint64_t fee = FeeOf(tx);
  EXPECT_EQ(fee, 1000 + 2 * chain::Encode(tx).size() + 100);
  auto receipt = Apply(tx);
  ASSERT_TRUE(receipt.ok()) << receipt.status().ToString();
  EXPECT_TRUE(receipt->success);
  EXPECT_EQ(receipt->fee, fee);
  const uint64_t to_proposer = fee * 20 / 100;
  EXPECT_EQ(Account(alice_).free, 1'000'000 - 10'000 - fee);
  EXPECT_EQ(Account(alice_).nonce, 1u);
  EXPECT_EQ(Account(bob_).free, 10'500u);
  EXPECT_EQ(Account(proposer_).free, to_proposer);
  EXPECT_EQ(Issuance(), 1'001'500 - (fee - to_proposer));
  ASSERT_EQ(receipt->events.size(), 2u);
  const auto& paid = std::get<chain::FeePaidEvent>(receipt->events[0]);
  EXPECT_EQ(paid.fee, fee);
  EXPECT_EQ(paid.proposer, proposer_.account_id());
  EXPECT_EQ(paid.to_pool, 0u);
  EXPECT_EQ(paid.to_proposer + paid.burned, fee);
  const auto& moved = std::get<chain::TransferEvent>(receipt->events[1]);
  EXPECT_EQ(moved.amount, 10'000u);
}

TEST_F(RuntimeTest, FailedCallPaysFeeUsesNonceAndChangesNothingElse) {
  const Transaction tx = Transfer(alice_, bob_.account_id(), 5'000'000, 0);
  auto receipt = Apply(tx);
  ASSERT_TRUE(receipt.ok());
  EXPECT_FALSE(receipt->success);
  EXPECT_EQ(receipt->error, "insufficient-balance");
  EXPECT_EQ(receipt->events.size(), 1u);  // only the fee
  EXPECT_EQ(Account(alice_).free, 1'000'000 - FeeOf(tx));
  EXPECT_EQ(Account(alice_).nonce, 1u);
  EXPECT_EQ(Account(bob_).free, 500u);
}

TEST_F(RuntimeTest, RejectsWrongNonceWithoutChangingState) {
  ASSERT_TRUE(Apply(Transfer(alice_, bob_.account_id(), 1, 0)).ok());
  auto replay = Apply(Transfer(alice_, bob_.account_id(), 1, 0));
  ASSERT_FALSE(replay.ok());
  EXPECT_EQ(replay.status().reason(), "bad-nonce");
  auto future = Apply(Transfer(alice_, bob_.account_id(), 1, 5));
  ASSERT_FALSE(future.ok());
  EXPECT_EQ(future.status().reason(), "future-nonce");
  EXPECT_EQ(Account(alice_).nonce, 1u);
}

TEST_F(RuntimeTest, RejectsWrongChainExpiredAndOversized) {
  auto wrong = Apply(Transfer(alice_, bob_.account_id(), 1, 0, 0, 100, "other-chain"));
  EXPECT_EQ(wrong.status().reason(), "wrong-chain");
  auto expired = Apply(Transfer(alice_, bob_.account_id(), 1, 0, 0, /*valid_until=*/4), /*height=*/5);
  EXPECT_EQ(expired.status().reason(), "expired");
  // Valid through its last height.
  EXPECT_TRUE(Apply(Transfer(alice_, bob_.account_id(), 1, 0, 0, 5), 5).ok());
  const Transaction tx = Transfer(alice_, bob_.account_id(), 1, 1);
  EXPECT_EQ(runtime_.CheckStateless(tx, runtime_.genesis().consensus.max_tx_bytes + 1, 1).reason(), "tx-too-large");
}

TEST_F(RuntimeTest, RejectsWhenTheFeeCannotBePaid) {
  // Bob has 500 units; the fee is more than 1000.
  auto r = Apply(Transfer(bob_, alice_.account_id(), 1, 0));
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().reason(), "insufficient-balance");
  EXPECT_EQ(Account(bob_).free, 500u);
  EXPECT_EQ(Account(bob_).nonce, 0u);
}

TEST_F(RuntimeTest, FeeOverflowIsRejected) {
  const Transaction tx = Transfer(alice_, bob_.account_id(), 1, 0, UINT64_MAX - 10);
  EXPECT_EQ(runtime_.CheckStateless(tx, chain::Encode(tx).size(), 1).reason(), "fee-overflow");
}

TEST_F(RuntimeTest, CheckAgainstStateCountsFeePlusAmount) {
  const Transaction ok_tx = Transfer(alice_, bob_.account_id(), 1000, 0);
  auto check = runtime_.CheckAgainstState(state_, ok_tx, chain::Encode(ok_tx).size());
  ASSERT_TRUE(check.ok());
  EXPECT_TRUE(check->ready);
  EXPECT_EQ(check->spend, check->fee + 1000);
  const Transaction too_much = Transfer(alice_, bob_.account_id(), 1'000'000, 0);
  EXPECT_EQ(runtime_.CheckAgainstState(state_, too_much, chain::Encode(too_much).size()).status().reason(),
            "insufficient-balance");
  const Transaction ahead = Transfer(alice_, bob_.account_id(), 1, 3);
  auto later = runtime_.CheckAgainstState(state_, ahead, chain::Encode(ahead).size());
  ASSERT_TRUE(later.ok());
  EXPECT_FALSE(later->ready);
}

TEST_F(RuntimeTest, TransferToSelfOnlyCostsTheFee) {
  const Transaction tx = Transfer(alice_, alice_.account_id(), 300, 0);
  auto r = Apply(tx);
  ASSERT_TRUE(r.ok());
  EXPECT_TRUE(r->success);
  EXPECT_EQ(Account(alice_).free, 1'000'000 - FeeOf(tx));
}

TEST(StateOverlayTest, RollbackRestoresEarlierWritesAndDeletes) {
  testing::MapState base;
  StateOverlay overlay(base);
  const chain::Bytes k1{1}, k2{2};
  overlay.Put(k1, {10});
  const size_t cp = overlay.Checkpoint();
  overlay.Put(k1, {11});
  overlay.Put(k2, {20});
  overlay.Delete(k1);
  EXPECT_FALSE(overlay.Get(k1)->has_value());
  overlay.RollbackTo(cp);
  EXPECT_EQ(**overlay.Get(k1), chain::Bytes{10});
  EXPECT_FALSE(overlay.Get(k2)->has_value());
  EXPECT_EQ(overlay.writes().size(), 1u);
}

TEST(BalancesTest, CorruptAccountIsAnError) {
  testing::MapState base;
  StateOverlay overlay(base);
  const AccountId who = Key(9).account_id();
  overlay.Put(chain::AccountStateKey(who), {1, 2, 3});
  auto account = Balances::GetAccount(overlay, who);
  ASSERT_FALSE(account.ok());
  EXPECT_EQ(account.status().reason(), "state-corrupt");
}

}  // namespace
}  // namespace tfchain::contracts
