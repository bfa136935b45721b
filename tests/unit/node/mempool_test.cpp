#include "node/mempool.h"

#include <gtest/gtest.h>

#include "tests/support/test_keys.h"

#include "chain/keys.h"
#include "contracts/balances.h"
#include "tests/support/map_state.h"

namespace tfchain::node {
namespace {

chain::SecretKey Key(uint8_t n) { return testing::TestKey(n, 0x77); }

class MempoolTest : public ::testing::Test {
 protected:
  MempoolTest() : a_(Key(1)), b_(Key(2)), c_(Key(3)), runtime_(MakeGenesis()) {
    contracts::StateOverlay overlay(state_);
    std::vector<chain::Event> events;
    EXPECT_TRUE(runtime_.InitGenesis(overlay, &events).ok());
    state_.Apply(overlay);
  }
  chain::Genesis MakeGenesis() {
    chain::Genesis g;
    g.chain_id = "pool-test";
    g.fees = chain::FeeParams{100, 1, 50};
    g.balances = {{a_.account_id(), 1'000'000}, {b_.account_id(), 1'000'000}, {c_.account_id(), 1'000}};
    g.validators = {{"v", a_.account_id(), {a_.account_id(), 1}, 0}};
    return g;
  }
  PoolTx Make(const chain::SecretKey& from, uint64_t nonce, uint64_t tip = 0, uint64_t amount = 10,
              uint64_t valid_until = 1000) {
    chain::TransactionBody body;
    body.chain_id = "pool-test";
    body.nonce = nonce;
    body.tip = tip;
    body.valid_until = valid_until;
    body.call = chain::TransferCall{b_.account_id(), amount};
    return MakePoolTx(chain::SignTransaction(std::move(body), from));
  }
  Status Add(Mempool& pool, PoolTx p, std::vector<DroppedTx>* evicted = nullptr) {
    return pool.Add(std::move(p), state_, 1, evicted);
  }

  chain::SecretKey a_, b_, c_;
  contracts::Runtime runtime_;
  testing::MapState state_;
};

TEST_F(MempoolTest, OrdersEachAccountByNonceAndAccountsByTip) {
  Mempool pool(runtime_, {});
  ASSERT_TRUE(Add(pool, Make(a_, 1, 5)).ok());  // future until nonce 0 arrives
  ASSERT_TRUE(Add(pool, Make(b_, 0, 1)).ok());
  EXPECT_EQ(pool.ReadyForBlock(10).size(), 1u);
  ASSERT_TRUE(Add(pool, Make(a_, 0, 9)).ok());
  const auto ready = pool.ReadyForBlock(10);
  ASSERT_EQ(ready.size(), 3u);
  EXPECT_EQ(ready[0]->tx.body.signer, a_.account_id());
  EXPECT_EQ(ready[0]->tx.body.nonce, 0u);
  // a's nonce 1 (tip 5) outranks b's nonce 0 (tip 1).
  EXPECT_EQ(ready[1]->tx.body.nonce, 1u);
  EXPECT_EQ(ready[1]->tx.body.signer, a_.account_id());
  EXPECT_EQ(ready[2]->tx.body.signer, b_.account_id());
  EXPECT_EQ(pool.PendingNonce(a_.account_id(), 0), 2u);
  EXPECT_EQ(pool.ReadyForBlock(2).size(), 2u);
}

TEST_F(MempoolTest, RejectsDuplicatesStaleAndFarNonces) {
  Mempool pool(runtime_, MempoolOptions{.max_nonce_gap = 4});
  PoolTx tx = Make(a_, 0);
  ASSERT_TRUE(Add(pool, tx).ok());
  EXPECT_EQ(Add(pool, tx).reason(), "already-known");
  EXPECT_EQ(Add(pool, Make(a_, 5)).reason(), "nonce-too-far");
  EXPECT_TRUE(Add(pool, Make(a_, 4)).ok());
  EXPECT_EQ(pool.size(), 2u);
}

TEST_F(MempoolTest, ReplacementNeedsAHigherTip) {
  Mempool pool(runtime_, {});
  PoolTx first = Make(a_, 0, 5);
  ASSERT_TRUE(Add(pool, first).ok());
  EXPECT_EQ(Add(pool, Make(a_, 0, 5, 11)).reason(), "replacement-tip-too-low");
  std::vector<DroppedTx> evicted;
  ASSERT_TRUE(Add(pool, Make(a_, 0, 6), &evicted).ok());
  ASSERT_EQ(evicted.size(), 1u);
  EXPECT_EQ(evicted[0].hash, first.hash);
  EXPECT_EQ(evicted[0].reason, "replaced");
  EXPECT_EQ(pool.size(), 1u);
  EXPECT_EQ(pool.Find(first.hash), nullptr);
}

TEST_F(MempoolTest, FundsMustCoverEarlierPendingTransactions) {
  Mempool pool(runtime_, {});
  // c has 1000 units; each transfer costs fee (100 + size + tip) + amount.
  PoolTx one = Make(c_, 0, 0, 600);
  const uint64_t cost = 100 + one.encoded.size() + 600;
  ASSERT_LT(cost, 1000u);
  ASSERT_TRUE(Add(pool, one).ok());
  EXPECT_EQ(Add(pool, Make(c_, 1, 0, 600)).reason(), "insufficient-balance");
  EXPECT_EQ(pool.size(), 1u);
  // Alone it would be fine: the single-transaction check passes.
  EXPECT_EQ(Add(pool, Make(c_, 0, 0, 5000)).reason(), "insufficient-balance");
}

TEST_F(MempoolTest, RejectsWhatTheRuntimeRejects) {
  Mempool pool(runtime_, {});
  PoolTx wrong = Make(a_, 0);
  wrong.tx.body.chain_id = "other";
  EXPECT_EQ(Add(pool, wrong).reason(), "wrong-chain");
  EXPECT_EQ(pool.Add(Make(a_, 0, 0, 10, /*valid_until=*/0), state_, 1, nullptr).reason(), "expired");
  EXPECT_EQ(pool.size(), 0u);
  EXPECT_EQ(pool.bytes(), 0u);
}

TEST_F(MempoolTest, FullPoolEvictsLowestTipOrRefuses) {
  Mempool pool(runtime_, MempoolOptions{.max_txs = 2});
  PoolTx low = Make(a_, 0, 1);
  ASSERT_TRUE(Add(pool, low).ok());
  ASSERT_TRUE(Add(pool, Make(a_, 1, 1)).ok());
  Status refused = Add(pool, Make(b_, 0, 1));
  EXPECT_EQ(refused.reason(), "mempool-full");
  EXPECT_EQ(refused.code(), Status::Code::kUnavailable);
  std::vector<DroppedTx> evicted;
  // b tips more: a's newest lowest-tip transaction goes.
  ASSERT_TRUE(Add(pool, Make(b_, 0, 7), &evicted).ok());
  ASSERT_EQ(evicted.size(), 1u);
  EXPECT_EQ(evicted[0].reason, "evicted");
  EXPECT_EQ(pool.size(), 2u);
  EXPECT_NE(pool.Find(low.hash), nullptr);
}

TEST_F(MempoolTest, EvictingATransactionTakesTheSignersLaterNonces) {
  Mempool pool(runtime_, MempoolOptions{.max_txs = 3});
  ASSERT_TRUE(Add(pool, Make(a_, 0, 5)).ok());
  ASSERT_TRUE(Add(pool, Make(a_, 1, 0)).ok());
  ASSERT_TRUE(Add(pool, Make(a_, 2, 9)).ok());
  std::vector<DroppedTx> evicted;
  ASSERT_TRUE(Add(pool, Make(b_, 0, 3), &evicted).ok());
  EXPECT_EQ(evicted.size(), 2u);  // nonce 1 (lowest tip) and nonce 2 behind it
  EXPECT_EQ(pool.size(), 2u);
  EXPECT_EQ(pool.PendingNonce(a_.account_id(), 0), 1u);
}

TEST_F(MempoolTest, RecheckAfterBlockDropsStaleExpiredAndUnfunded) {
  Mempool pool(runtime_, {});
  PoolTx included = Make(a_, 0);
  ASSERT_TRUE(Add(pool, included).ok());
  PoolTx expiring = Make(b_, 0, 0, 10, /*valid_until=*/1);
  ASSERT_TRUE(Add(pool, expiring).ok());
  PoolTx stays = Make(a_, 1);
  ASSERT_TRUE(Add(pool, stays).ok());

  // Simulate a block at height 1 that included a's nonce 0.
  contracts::StateOverlay overlay(state_);
  contracts::BlockEnv env{1, 0, a_.account_id()};
  ASSERT_TRUE(runtime_.ApplyTransaction(overlay, env, included.tx, included.hash, included.encoded.size()).ok());
  state_.Apply(overlay);

  std::vector<DroppedTx> dropped;
  ASSERT_TRUE(pool.OnBlockCommitted(state_, 2, {included.hash}, {a_.account_id(), b_.account_id()}, &dropped).ok());
  ASSERT_EQ(dropped.size(), 1u);
  EXPECT_EQ(dropped[0].hash, expiring.hash);
  EXPECT_EQ(dropped[0].reason, "expired");
  EXPECT_EQ(pool.size(), 1u);
  EXPECT_NE(pool.Find(stays.hash), nullptr);
  EXPECT_EQ(pool.ReadyForBlock(10).size(), 1u);
}

TEST_F(MempoolTest, RecheckDropsNonceUsedByAnotherTransaction) {
  Mempool pool(runtime_, {});
  PoolTx pending = Make(a_, 0, 1);
  ASSERT_TRUE(Add(pool, pending).ok());
  // Another transaction with nonce 0 got into a block (e.g. via another node).
  PoolTx other = Make(a_, 0, 2, 99);
  contracts::StateOverlay overlay(state_);
  ASSERT_TRUE(runtime_.ApplyTransaction(overlay, {1, 0, a_.account_id()}, other.tx, other.hash, other.encoded.size()).ok());
  state_.Apply(overlay);
  std::vector<DroppedTx> dropped;
  ASSERT_TRUE(pool.OnBlockCommitted(state_, 2, {other.hash}, {a_.account_id(), b_.account_id()}, &dropped).ok());
  ASSERT_EQ(dropped.size(), 1u);
  EXPECT_EQ(dropped[0].reason, "bad-nonce");
  EXPECT_EQ(pool.size(), 0u);
}

// Counts the state reads that go through it.
class CountingReader : public contracts::StateReader {
 public:
  explicit CountingReader(const contracts::StateReader& base) : base_(base) {}
  Result<std::optional<chain::Bytes>> Get(chain::ByteSpan key) const override {
    ++reads;
    return base_.Get(key);
  }
  mutable int reads = 0;

 private:
  const contracts::StateReader& base_;
};

TEST_F(MempoolTest, RecheckReadsOnlyChangedOrNewlyTouchedAccounts) {
  Mempool pool(runtime_, {});
  ASSERT_TRUE(Add(pool, Make(a_, 0)).ok());
  ASSERT_TRUE(Add(pool, Make(b_, 0)).ok());
  CountingReader counting(state_);
  // First block after the adds: both accounts were touched by Add.
  ASSERT_TRUE(pool.OnBlockCommitted(counting, 2, {}, {}, nullptr).ok());
  EXPECT_EQ(counting.reads, 2);
  counting.reads = 0;
  // Next block changed only a's state: only a is read again.
  ASSERT_TRUE(pool.OnBlockCommitted(counting, 3, {}, {a_.account_id()}, nullptr).ok());
  EXPECT_EQ(counting.reads, 1);
  counting.reads = 0;
  // Expiry is still noticed for accounts that are not read.
  std::vector<DroppedTx> dropped;
  ASSERT_TRUE(pool.OnBlockCommitted(counting, 1001, {}, {}, &dropped).ok());
  EXPECT_EQ(counting.reads, 0);
  EXPECT_EQ(dropped.size(), 2u);
}

TEST_F(MempoolTest, ReplacementThatLeavesLaterNoncesUnfundedIsCaughtAtTheNextBlock) {
  Mempool pool(runtime_, {});
  // c has 1000 units: two cheap transfers fit.
  ASSERT_TRUE(Add(pool, Make(c_, 0, 0, 10)).ok());
  PoolTx second = Make(c_, 1, 0, 10);
  ASSERT_TRUE(Add(pool, second).ok());
  // Replacing nonce 0 with a costlier one (more tip, bigger amount) still passes its own check...
  ASSERT_TRUE(Add(pool, Make(c_, 0, 1, 700)).ok());
  std::vector<DroppedTx> dropped;
  // ...and the re-check after the next block, with c's state unchanged, drops nonce 1.
  ASSERT_TRUE(pool.OnBlockCommitted(state_, 2, {}, {}, &dropped).ok());
  ASSERT_EQ(dropped.size(), 1u);
  EXPECT_EQ(dropped[0].hash, second.hash);
  EXPECT_EQ(dropped[0].reason, "insufficient-balance");
}

}  // namespace
}  // namespace tfchain::node
