#include "node/chain_state.h"
#include "node/mempool.h"

#include <gtest/gtest.h>

#include "tests/support/test_keys.h"

#include <filesystem>
#include <fstream>

#include "chain/keys.h"
#include "chain/merkle.h"
#include "chain/vote.h"
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
    genesis_.validators = {{"a", a_.account_id(), {a_.account_id(), 1'000}, 0}};
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

TEST_F(ChainStateTest, ACommittedTxIsReadAloneFromItsBlock) {
  auto kv = NewMemKvStore();
  auto chain = std::move(ChainState::Open(*kv, genesis_)).value();
  std::vector<PoolTx> txs;
  for (uint64_t n = 0; n < 5; ++n) txs.push_back(Transfer(a_, n, 100 + n));
  BuiltBlock b1 = Produce(*chain, txs);
  ASSERT_EQ(b1.block.txs.size(), 5u);
  for (size_t i = 0; i < txs.size(); ++i) {
    auto rec = chain->store().GetTx(txs[i].hash);
    ASSERT_TRUE(rec.ok()) << rec.status().ToString();
    EXPECT_EQ(rec->index, i);
    auto tx = chain->store().GetCommittedTx(*rec);
    ASSERT_TRUE(tx.ok()) << tx.status().ToString();
    EXPECT_EQ(*tx, txs[i].tx);
  }
  auto hash = chain->store().GetBlockHash(1);
  ASSERT_TRUE(hash.ok());
  EXPECT_EQ(*hash, b1.hash);
  EXPECT_EQ(*chain->store().GetBlockHash(0), chain->genesis_hash());
  EXPECT_EQ(chain->store().GetBlockHash(2).status().reason(), "block-not-found");

  // A record pointing past its block is corruption, not a crash or a wrong answer.
  auto rec = std::move(chain->store().GetTx(txs[4].hash)).value();
  rec.span.offset += 1'000'000;
  EXPECT_EQ(chain->store().GetCommittedTx(rec).status().reason(), "db-corrupt");
}

TEST_F(ChainStateTest, RefusesAStoreOfAnotherLayout) {
  auto kv = NewMemKvStore();
  ASSERT_TRUE(ChainState::Open(*kv, genesis_).ok());
  // A store written before the layout was recorded (layout 1) has no "format" key.
  WriteBatch batch;
  batch.Delete(chain::Bytes{'M', 'f', 'o', 'r', 'm', 'a', 't'});
  ASSERT_TRUE(kv->Write(batch, true).ok());
  auto reopened = ChainState::Open(*kv, genesis_);
  ASSERT_FALSE(reopened.ok());
  EXPECT_EQ(reopened.status().reason(), "db-format");
  EXPECT_NE(reopened.status().detail().find("layout 1"), std::string::npos) << reopened.status().ToString();
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

// The H+2 rule in headers: block H+1 carries hash(current) and hash(next) of the
// state after H, and the sets survive a reopen.
TEST_F(ChainStateTest, HeadersCarryTheCurrentAndNextSets) {
  genesis_.staking.epoch_length = 2;
  const auto hash = [](const std::vector<chain::Validator>& set) { return chain::ValidatorSetHash(set); };
  const std::vector<chain::Validator> genesis_set{{a_.account_id(), 1'000}};
  const chain::SecretKey c = Key(3);  // b's consensus key
  const std::vector<chain::Validator> new_set{{c.account_id(), 5'000}, {a_.account_id(), 1'000}};
  {
    auto kv = OpenDb();
    auto chain = std::move(ChainState::Open(*kv, genesis_)).value();
    EXPECT_EQ(chain->head().validators_hash, hash(genesis_set));
    EXPECT_EQ(chain->head().next_validators_hash, hash(genesis_set));
    EXPECT_EQ(chain->validator_sets(), (contracts::ValidatorSets{genesis_set, genesis_set, genesis_set}));

    const auto call = [&](uint64_t nonce, chain::Call c) {
      chain::TransactionBody body;
      body.chain_id = genesis_.chain_id;
      body.nonce = nonce;
      body.valid_until = 100;
      body.call = std::move(c);
      return MakePoolTx(chain::SignTransaction(std::move(body), b_));
    };
    BuiltBlock b1 = Produce(*chain, {call(0, chain::RegisterValidatorCall{c.account_id(), 0}),
                                     call(1, chain::BondCall{b_.account_id(), 5'000})});
    ASSERT_EQ(b1.results.receipts.size(), 2u);
    EXPECT_TRUE(b1.results.receipts[1].success) << b1.results.receipts[1].error;
    Produce(*chain, {});  // block 2 ends the epoch: next <- {c, a}
    EXPECT_EQ(chain->validator_sets(), (contracts::ValidatorSets{genesis_set, genesis_set, new_set}));
    BuiltBlock b3 = Produce(*chain, {});
    EXPECT_EQ(b3.block.header.validators_hash, hash(genesis_set));
    EXPECT_EQ(b3.block.header.next_validators_hash, hash(new_set));
  }
  auto kv = OpenDb();
  auto chain = std::move(ChainState::Open(*kv, genesis_)).value();
  EXPECT_EQ(chain->validator_sets(), (contracts::ValidatorSets{genesis_set, new_set, new_set}));
  BuiltBlock b4 = Produce(*chain, {});
  EXPECT_EQ(b4.block.header.validators_hash, hash(new_set));
  EXPECT_EQ(b4.block.header.next_validators_hash, hash(new_set));
}

TEST_F(ChainStateTest, TemplateEvidenceIsCheckedAndIncluded) {
  auto kv = NewMemKvStore();
  auto chain = std::move(ChainState::Open(*kv, genesis_)).value();
  Produce(*chain, {});
  chain::Evidence ev;
  ev.first.height = ev.second.height = 1;
  ev.second.block_hash.bytes.fill(7);
  chain::SignVote(genesis_.chain_id, a_, &ev.first);
  chain::SignVote(genesis_.chain_id, a_, &ev.second);

  BlockTemplate bad = chain->NextTemplate(chain->head().time_ms + 1000, a_.account_id());
  bad.evidence = {ev, ev};  // the second finds the validator tombstoned
  auto refused = chain->Build(bad, {});
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.status().reason(), "evidence-validator-tombstoned");

  BlockTemplate good = chain->NextTemplate(chain->head().time_ms + 1000, a_.account_id());
  good.evidence = {ev};
  auto built = chain->Build(good, {});
  ASSERT_TRUE(built.ok()) << built.status().ToString();
  EXPECT_EQ(built->block.evidence, std::vector<chain::Evidence>{ev});
  EXPECT_EQ(built->block.header.evidence_hash, chain::EvidenceHash({ev}));
  ASSERT_FALSE(built->results.begin_events.empty());
  EXPECT_TRUE(std::holds_alternative<chain::SlashedEvent>(built->results.begin_events[0]));
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
