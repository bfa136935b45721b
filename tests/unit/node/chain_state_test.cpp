#include "node/chain_state.h"
#include "node/mempool.h"

#include <gtest/gtest.h>

#include "tests/support/test_keys.h"

#include <filesystem>
#include <fstream>

#include "chain/keys.h"
#include "chain/merkle.h"
#include "contracts/balances.h"

namespace tfchain::node {
namespace {

chain::SecretKey Key(uint8_t n) { return testing::TestKey(n, 0x42); }

class ChainStateTest : public ::testing::Test {
 protected:
  ChainStateTest() : a_(Key(1)), b_(Key(2)) {
    genesis_.chain_id = "state-test";
    genesis_.genesis_time_ms = 1000;
    genesis_.balances = {{a_.account_id(), 10'000'000}, {b_.account_id(), 10'000'000}};
    genesis_.validators = {{"a", {a_.account_id(), 1}}};
    dir_ = std::filesystem::temp_directory_path() /
           ("chain-state-test-" + std::to_string(getpid()) + "-" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::remove_all(dir_);
  }
  ~ChainStateTest() override { std::filesystem::remove_all(dir_); }

  std::unique_ptr<KvStore> OpenDb() { return std::move(OpenLevelDb(dir_.string())).value(); }

  PoolTx Transfer(const chain::SecretKey& from, uint64_t nonce, uint64_t amount) {
    chain::TransactionBody body;
    body.chain_id = genesis_.chain_id;
    body.nonce = nonce;
    body.valid_until = 100;
    body.call = chain::TransferCall{b_.account_id(), amount};
    return MakePoolTx(chain::SignTransaction(std::move(body), from));
  }

  // Builds and commits one block with `txs` on `chain`.
  BuiltBlock Produce(ChainState& chain, const std::vector<PoolTx>& txs) {
    std::vector<Candidate> candidates;
    for (const PoolTx& p : txs) candidates.push_back({&p.tx, p.hash, p.encoded.size()});
    auto built = chain.Build(chain.NextTemplate(chain.head().time_ms + 1000, a_.account_id()), candidates);
    EXPECT_TRUE(built.ok()) << built.status().ToString();
    BuiltBlock copy = *built;
    chain::Commit commit{built->block.header.height, 0, built->hash, {}};
    EXPECT_TRUE(chain.Commit(std::move(built).value(), commit).ok());
    return copy;
  }

  chain::SecretKey a_, b_;
  chain::Genesis genesis_;
  std::filesystem::path dir_;
};

TEST_F(ChainStateTest, GenesisIsDeterministicAndCommitted) {
  auto kv1 = NewMemKvStore();
  auto kv2 = NewMemKvStore();
  auto c1 = ChainState::Open(*kv1, genesis_);
  auto c2 = ChainState::Open(*kv2, genesis_);
  ASSERT_TRUE(c1.ok() && c2.ok());
  EXPECT_EQ((*c1)->genesis_hash(), (*c2)->genesis_hash());
  EXPECT_EQ((*c1)->head().height, 0u);
  EXPECT_EQ((*c1)->head_hash(), (*c1)->genesis_hash());
  EXPECT_FALSE((*c1)->head().state_root.IsZero());
  auto block = (*c1)->store().GetBlock(0);
  ASSERT_TRUE(block.ok());
  EXPECT_EQ(chain::BlockHash(block->header), (*c1)->genesis_hash());
}

TEST_F(ChainStateTest, BlocksCommitReceiptsStateAndSurviveReopen) {
  chain::Hash256 head_hash, state_root;
  PoolTx tx = Transfer(a_, 0, 12345);
  {
    auto kv = OpenDb();
    auto chain = std::move(ChainState::Open(*kv, genesis_)).value();
    Produce(*chain, {});
    BuiltBlock b2 = Produce(*chain, {tx});
    EXPECT_EQ(b2.block.txs.size(), 1u);
    EXPECT_EQ(b2.block.header.txs_root, chain::MerkleRoot(b2.tx_hashes));
    EXPECT_EQ(b2.block.header.last_commit_hash, chain::CommitHash(b2.block.last_commit));
    head_hash = chain->head_hash();
    state_root = chain->head().state_root;
    EXPECT_EQ(chain->txs_committed(), 1u);
  }
  auto kv = OpenDb();
  auto chain = std::move(ChainState::Open(*kv, genesis_)).value();
  EXPECT_EQ(chain->head().height, 2u);
  EXPECT_EQ(chain->head_hash(), head_hash);
  EXPECT_EQ(chain->head().state_root, state_root);
  EXPECT_EQ(chain->txs_committed(), 1u);
  EXPECT_EQ(chain->head_commit().height, 2u);
  auto rec = chain->store().GetTx(tx.hash);
  ASSERT_TRUE(rec.ok());
  EXPECT_EQ(rec->height, 2u);
  EXPECT_TRUE(rec->receipt.success);
  auto account = contracts::Balances::GetAccount(chain->head_state(), b_.account_id());
  EXPECT_EQ(account->free, 10'012'345u);
  // The flat head state and the tree agree.
  auto value = chain::SmtGet(chain->tree(), state_root, chain::Blake2b256(chain::AccountStateKey(b_.account_id())));
  ASSERT_TRUE(value.ok() && value->has_value());
  EXPECT_EQ(**value, chain::Encode(*account));
  auto results = chain->store().GetResults(2);
  ASSERT_TRUE(results.ok());
  EXPECT_EQ(chain::EventsRoot(*results), chain->head().events_root);
}

TEST_F(ChainStateTest, RejectsADataDirOfAnotherChain) {
  auto kv = NewMemKvStore();
  ASSERT_TRUE(ChainState::Open(*kv, genesis_).ok());
  chain::Genesis other = genesis_;
  other.chain_id = "another-chain";
  auto reopened = ChainState::Open(*kv, other);
  ASSERT_FALSE(reopened.ok());
  EXPECT_EQ(reopened.status().reason(), "genesis-mismatch");
}

TEST_F(ChainStateTest, InvalidCandidatesAreLeftOutWithTheirReason) {
  auto kv = NewMemKvStore();
  auto chain = std::move(ChainState::Open(*kv, genesis_)).value();
  PoolTx good = Transfer(a_, 0, 1);
  PoolTx stale_after = Transfer(a_, 0, 2);  // same nonce: not includable after `good`
  PoolTx gap = Transfer(b_, 3, 1);
  BuiltBlock b = Produce(*chain, {good, stale_after, gap});
  EXPECT_EQ(b.block.txs.size(), 1u);
  ASSERT_EQ(b.rejected.size(), 2u);
  EXPECT_EQ(b.rejected[0].second.reason(), "bad-nonce");
  EXPECT_EQ(b.rejected[1].second.reason(), "future-nonce");
}

TEST_F(ChainStateTest, BlockTimesStrictlyIncrease) {
  auto kv = NewMemKvStore();
  auto chain = std::move(ChainState::Open(*kv, genesis_)).value();
  BlockTemplate t = chain->NextTemplate(/*time_ms=*/0, a_.account_id());
  EXPECT_EQ(t.time_ms, genesis_.genesis_time_ms + 1);
  EXPECT_EQ(t.height, 1u);
}

TEST(KvStoreTest, LevelDbOpenFailsCleanlyOnAFileInTheWay) {
  const std::string path = std::filesystem::temp_directory_path() / ("kv-not-a-dir-" + std::to_string(getpid()));
  { std::ofstream(path) << "x"; }
  auto kv = OpenLevelDb(path);
  EXPECT_FALSE(kv.ok());
  EXPECT_EQ(kv.status().reason(), "db-open-failed");
  std::filesystem::remove(path);
}

TEST(KvStoreTest, LevelDbIsLockedAgainstASecondOpener) {
  const std::string path = std::filesystem::temp_directory_path() / ("kv-lock-" + std::to_string(getpid()));
  std::filesystem::remove_all(path);
  auto first = OpenLevelDb(path);
  ASSERT_TRUE(first.ok());
  auto second = OpenLevelDb(path);
  EXPECT_FALSE(second.ok());
  EXPECT_EQ(second.status().reason(), "db-open-failed");
  first->reset();
  std::filesystem::remove_all(path);
}

}  // namespace
}  // namespace tfchain::node
