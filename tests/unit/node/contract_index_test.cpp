// ContractIndex (ids by twin and by node, from a state scan and from committed
// blocks' writes) and BillIndex (bills of committed blocks, paged, written in the
// block's own batch).
#include "node/contract_index.h"

#include <gtest/gtest.h>

#include <atomic>
#include <thread>

#include "chain/codec.h"
#include "chain/transaction.h"
#include "contracts/market_state.h"
#include "node/bill_index.h"
#include "node/chain_state.h"
#include "node/chain_store.h"
#include "node/state_db.h"
#include "tests/support/map_state.h"
#include "tests/support/test_keys.h"

namespace tfchain::node::testing {
namespace {

using chain::ContractId;
using chain::ContractKind;
using chain::ContractState;
using contracts::ContractRecord;
using contracts::MarketState;

constexpr uint64_t kT0 = 1'700'000'000'000;

ContractRecord Record(ContractId id, chain::TwinId twin, ContractKind kind, chain::NodeId node,
                      ContractState state = ContractState::kCreated) {
  ContractRecord r;
  r.id = id;
  r.twin_id = twin;
  r.kind = kind;
  r.state = state;
  r.node_id = kind == ContractKind::kName ? 0 : node;
  if (kind == ContractKind::kName) r.name = "name" + std::to_string(id);
  if (state == ContractState::kDeleted) r.reason = chain::DeleteReason::kCanceled;
  r.created_ms = kT0 + id;
  return r;
}

std::vector<ContractId> Ids(const ContractIndex::Page& page) { return page.ids; }

// A state and the contract index that follows it, block by block.
class IndexedMarket {
 public:
  Status Commit(const std::function<void(contracts::StateOverlay&)>& write) {
    contracts::StateOverlay overlay(state_);
    write(overlay);
    Status s = index_.Apply(overlay.writes());
    state_.Apply(overlay);
    return s;
  }
  // The state as the chain store keeps it: 'S' || state key -> value.
  std::unique_ptr<KvStore> ToKvStore() const {
    std::unique_ptr<KvStore> kv = NewMemKvStore();
    WriteBatch batch;
    for (const auto& [key, value] : state_.data()) {
      chain::Bytes k{'S'};
      k.insert(k.end(), key.begin(), key.end());
      batch.Put(k, value);
    }
    CHECK(kv->Write(batch, false).ok());
    return kv;
  }
  ContractIndex& index() { return index_; }

 private:
  tfchain::testing::MapState state_;
  ContractIndex index_;
};

class ContractIndexTest : public ::testing::Test {
 protected:
  // Twin 3: node contracts 1 (node 10), 2 (node 11), name contract 4, rent 6 (node 12).
  // Twin 5: node contract 3 (node 10), deleted node contract 5 (node 10).
  void SetUp() override {
    ASSERT_TRUE(m_.Commit([](contracts::StateOverlay& o) {
                    MarketState::PutContract(o, Record(1, 3, ContractKind::kNode, 10));
                    MarketState::PutContract(o, Record(2, 3, ContractKind::kNode, 11));
                    MarketState::PutContract(o, Record(3, 5, ContractKind::kNode, 10));
                    MarketState::PutContract(o, Record(4, 3, ContractKind::kName, 0));
                    MarketState::PutContract(o, Record(5, 5, ContractKind::kNode, 10, ContractState::kDeleted));
                    MarketState::PutContract(o, Record(6, 3, ContractKind::kRent, 12));
                  }).ok());
  }

  // The same queries against the incremental index and one loaded from the state.
  void ExpectBoth(const std::function<void(const ContractIndex&)>& check) {
    SCOPED_TRACE("incremental");
    check(m_.index());
    ContractIndex loaded;
    ASSERT_TRUE(loaded.Load(*m_.ToKvStore()).ok());
    SCOPED_TRACE("loaded");
    check(loaded);
  }

  IndexedMarket m_;
};

TEST_F(ContractIndexTest, ListsByTwinAndNodeAscending) {
  ExpectBoth([](const ContractIndex& index) {
    EXPECT_EQ(index.size(), 6u);
    EXPECT_EQ(Ids(index.ByTwin(3, false, 0, 100)), (std::vector<ContractId>{1, 2, 4, 6}));
    EXPECT_EQ(index.ByTwin(3, false, 0, 100).total, 4u);
    EXPECT_EQ(Ids(index.ByTwin(5, false, 0, 100)), (std::vector<ContractId>{3}));
    EXPECT_EQ(Ids(index.ByTwin(5, true, 0, 100)), (std::vector<ContractId>{3, 5}));
    EXPECT_EQ(index.ByTwin(5, true, 0, 100).total, 2u);
    EXPECT_EQ(Ids(index.ByNode(10, false, 0, 100)), (std::vector<ContractId>{1, 3}));
    EXPECT_EQ(Ids(index.ByNode(10, true, 0, 100)), (std::vector<ContractId>{1, 3, 5}));
    EXPECT_EQ(Ids(index.ByNode(12, false, 0, 100)), (std::vector<ContractId>{6}));  // rent contracts too
    // Name contracts are not on a node; unknown twins and nodes have nothing.
    EXPECT_EQ(index.ByNode(0, true, 0, 100).total, 0u);
    EXPECT_EQ(index.ByTwin(99, true, 0, 100).total, 0u);
    EXPECT_EQ(index.ByNode(99, true, 0, 100).total, 0u);
    EXPECT_TRUE(index.Contains(5));
    EXPECT_FALSE(index.Contains(7));
  });
}

TEST_F(ContractIndexTest, PagesMergeLiveAndDeleted) {
  ASSERT_TRUE(m_.Commit([](contracts::StateOverlay& o) {
                  for (ContractId id = 7; id <= 12; ++id) {
                    MarketState::PutContract(o, Record(id, 5, ContractKind::kNode, 10,
                                                       id % 2 == 0 ? ContractState::kDeleted : ContractState::kGrace));
                  }
                }).ok());
  ExpectBoth([](const ContractIndex& index) {
    // Twin 5: live 3, 7, 9, 11; deleted 5, 8, 10, 12.
    EXPECT_EQ(Ids(index.ByTwin(5, false, 0, 100)), (std::vector<ContractId>{3, 7, 9, 11}));
    EXPECT_EQ(Ids(index.ByTwin(5, true, 0, 100)), (std::vector<ContractId>{3, 5, 7, 8, 9, 10, 11, 12}));
    ContractIndex::Page page = index.ByTwin(5, true, 2, 3);
    EXPECT_EQ(page.total, 8u);
    EXPECT_EQ(page.ids, (std::vector<ContractId>{7, 8, 9}));
    page = index.ByTwin(5, false, 3, 3);
    EXPECT_EQ(page.total, 4u);
    EXPECT_EQ(page.ids, (std::vector<ContractId>{11}));
    EXPECT_TRUE(index.ByTwin(5, true, 8, 10).ids.empty());
    EXPECT_TRUE(index.ByTwin(5, true, UINT64_MAX, 10).ids.empty());
    EXPECT_TRUE(index.ByTwin(5, true, 0, 0).ids.empty());
    EXPECT_EQ(index.ByTwin(5, true, 0, 0).total, 8u);
  });
}

TEST_F(ContractIndexTest, StateChangesMoveContracts) {
  ASSERT_TRUE(m_.Commit([](contracts::StateOverlay& o) {
                  ContractRecord billed = Record(2, 3, ContractKind::kNode, 11);
                  billed.billed_until_ms = kT0 + 600'000;  // a bill: the index keeps the same entry
                  MarketState::PutContract(o, billed);
                  MarketState::PutContract(o, Record(1, 3, ContractKind::kNode, 10, ContractState::kDeleted));
                  MarketState::PutContract(o, Record(3, 5, ContractKind::kNode, 10, ContractState::kGrace));
                  MarketState::PutContract(o, Record(13, 5, ContractKind::kNode, 11));
                }).ok());
  ExpectBoth([](const ContractIndex& index) {
    EXPECT_EQ(Ids(index.ByTwin(3, false, 0, 100)), (std::vector<ContractId>{2, 4, 6}));
    EXPECT_EQ(Ids(index.ByTwin(3, true, 0, 100)), (std::vector<ContractId>{1, 2, 4, 6}));
    EXPECT_EQ(Ids(index.ByNode(10, false, 0, 100)), (std::vector<ContractId>{3}));  // grace is live
    EXPECT_EQ(Ids(index.ByNode(10, true, 0, 100)), (std::vector<ContractId>{1, 3, 5}));
    EXPECT_EQ(Ids(index.ByNode(11, false, 0, 100)), (std::vector<ContractId>{2, 13}));
  });
  // A record removed from the state leaves the index (the runtime keeps them, but the
  // index follows whatever the state says).
  ASSERT_TRUE(m_.Commit([](contracts::StateOverlay& o) { o.Delete(MarketState::ContractKey(13)); }).ok());
  EXPECT_FALSE(m_.index().Contains(13));
  EXPECT_EQ(Ids(m_.index().ByNode(11, true, 0, 100)), (std::vector<ContractId>{2}));
  EXPECT_EQ(m_.index().ByTwin(5, true, 0, 100).total, 2u);
}

TEST_F(ContractIndexTest, UndecodableRecordIsReportedAndSkipped) {
  Status s = m_.Commit([](contracts::StateOverlay& o) {
    o.Put(MarketState::ContractKey(20), chain::Bytes{0xff, 0x01});
    MarketState::PutContract(o, Record(21, 7, ContractKind::kNode, 10));
  });
  EXPECT_EQ(s.code(), Status::Code::kCorruption);
  EXPECT_EQ(s.reason(), "state-corrupt");
  EXPECT_FALSE(m_.index().Contains(20));
  EXPECT_TRUE(m_.index().Contains(21));  // the rest of the block applied
  ContractIndex loaded;
  EXPECT_EQ(loaded.Load(*m_.ToKvStore()).reason(), "state-corrupt");
  EXPECT_TRUE(loaded.Contains(21));
  EXPECT_EQ(loaded.size(), 7u);
}

TEST_F(ContractIndexTest, OtherKeysAreIgnored) {
  ASSERT_TRUE(m_.Commit([](contracts::StateOverlay& o) {
                  o.Put(chain::Bytes{0x07, 0x01, 0x00}, chain::Bytes{0xff});  // short key under the prefix
                  o.Put(MarketState::ServiceKey(1), chain::Bytes{0xff});
                  MarketState::PutTwinBilling(o, 3, contracts::TwinBilling{100, 1});
                  o.Put(chain::Bytes{0x07, 0x02, 0, 0, 0, 10}, chain::Bytes{0xff});
                  o.Put(chain::Bytes{}, chain::Bytes{0xff});
                }).ok());
  ExpectBoth([](const ContractIndex& index) { EXPECT_EQ(index.size(), 6u); });
}

// Readers page while a writer applies blocks (a smoke test for the lock; run under
// TSAN for the full check).
TEST_F(ContractIndexTest, QueriesRunWhileBlocksApply) {
  std::atomic<bool> done{false};
  std::atomic<uint64_t> queries{0};
  std::vector<std::thread> readers;
  for (int t = 0; t < 2; ++t) {
    readers.emplace_back([&] {
      while (!done) {
        const ContractIndex::Page page = m_.index().ByNode(10, true, 0, 1000);
        EXPECT_TRUE(std::is_sorted(page.ids.begin(), page.ids.end()));
        EXPECT_EQ(page.ids.size(), page.total);
        ++queries;
      }
    });
  }
  while (queries < 2) std::this_thread::yield();
  for (ContractId id = 100; id < 300; ++id) {
    ASSERT_TRUE(m_.Commit([id](contracts::StateOverlay& o) {
                    MarketState::PutContract(o, Record(id, 9, ContractKind::kNode, 10));
                    if (id % 3 == 0) {
                      MarketState::PutContract(o, Record(id - 1, 9, ContractKind::kNode, 10, ContractState::kDeleted));
                    }
                  }).ok());
  }
  done = true;
  for (std::thread& t : readers) t.join();
  EXPECT_EQ(m_.index().ByNode(10, true, 0, 1000).total, 203u);
}

// --- BillIndex ---

chain::ContractBill Bill(ContractId id, uint64_t to_ms, uint64_t paid = 100) {
  chain::ContractBill b;
  b.contract_id = id;
  b.twin_id = 3;
  b.from_ms = to_ms - 60'000;
  b.to_ms = to_ms;
  b.amount = paid;
  b.paid = paid;
  b.to_farmer = paid;
  return b;
}

chain::Event Billed(const chain::ContractBill& bill) { return chain::ContractBilledEvent{bill}; }

chain::Receipt ReceiptWith(std::vector<chain::Event> events, bool success = true) {
  chain::Receipt r;
  r.success = success;
  if (!success) r.error = "insufficient-funds";
  r.events = std::move(events);
  return r;
}

std::vector<uint64_t> ToMs(const BillIndex::Page& page) {
  std::vector<uint64_t> out;
  for (const BillIndex::Entry& e : page.entries) out.push_back(e.bill.to_ms);
  return out;
}

TEST(BillIndexTest, IndexesEveryBillOfABlockInExecutionOrder) {
  std::unique_ptr<KvStore> kv = NewMemKvStore();
  chain::BlockResults results;
  results.begin_events = {Billed(Bill(1, 1000)), chain::TransferEvent{}};
  results.receipts = {ReceiptWith({Billed(Bill(1, 2000)), Billed(Bill(256, 2000))}),
                      ReceiptWith({Billed(Bill(1, 2500))}, /*success=*/false),  // rolled back: not a bill
                      ReceiptWith({})};
  results.end_events = {Billed(Bill(2, 3000)), Billed(Bill(1, 3000))};
  WriteBatch batch;
  BillIndex::AddBlock(7, results, &batch);
  EXPECT_EQ(batch.ops().size(), 5u);
  ASSERT_TRUE(kv->Write(batch, false).ok());

  auto page = BillIndex::Read(*kv, 1, 0, 100);
  ASSERT_TRUE(page.ok()) << page.status().ToString();
  EXPECT_EQ(page->total, 3u);
  EXPECT_EQ(ToMs(*page), (std::vector<uint64_t>{1000, 2000, 3000}));
  EXPECT_EQ(page->entries[0].height, 7u);
  EXPECT_EQ(page->entries[0].index, 0u);
  EXPECT_EQ(page->entries[1].index, 1u);
  EXPECT_EQ(page->entries[2].index, 4u);
  EXPECT_EQ(page->entries[1].bill, Bill(1, 2000));
  EXPECT_EQ(BillIndex::Read(*kv, 256, 0, 100)->total, 1u);  // big-endian ids: 256 is not under 1
  EXPECT_EQ(BillIndex::Read(*kv, 2, 0, 100)->total, 1u);
  EXPECT_EQ(BillIndex::Read(*kv, 3, 0, 100)->total, 0u);
}

TEST(BillIndexTest, PagesOldestFirstAcrossBlocks) {
  std::unique_ptr<KvStore> kv = NewMemKvStore();
  // Heights out of key order as bytes would be if they were little-endian: 255 < 256.
  for (uint64_t height : {300u, 5u, 256u, 255u}) {
    chain::BlockResults results;
    results.end_events = {Billed(Bill(9, height * 1000)), Billed(Bill(9, height * 1000 + 1))};
    WriteBatch batch;
    BillIndex::AddBlock(height, results, &batch);
    ASSERT_TRUE(kv->Write(batch, false).ok());
  }
  auto all = BillIndex::Read(*kv, 9, 0, 100);
  ASSERT_TRUE(all.ok());
  EXPECT_EQ(all->total, 8u);
  EXPECT_EQ(ToMs(*all), (std::vector<uint64_t>{5000, 5001, 255000, 255001, 256000, 256001, 300000, 300001}));
  auto page = BillIndex::Read(*kv, 9, 3, 2);
  ASSERT_TRUE(page.ok());
  EXPECT_EQ(page->total, 8u);
  EXPECT_EQ(ToMs(*page), (std::vector<uint64_t>{255001, 256000}));
  EXPECT_EQ(page->entries[0].height, 255u);
  EXPECT_TRUE(BillIndex::Read(*kv, 9, 8, 2)->entries.empty());
  EXPECT_TRUE(BillIndex::Read(*kv, 9, 0, 0)->entries.empty());
  EXPECT_EQ(BillIndex::Read(*kv, 9, 0, 0)->total, 8u);
}

TEST(BillIndexTest, CorruptEntryIsAnError) {
  std::unique_ptr<KvStore> kv = NewMemKvStore();
  chain::Bytes key{'C', 0, 0, 0, 0, 0, 0, 0, 4};
  chain::Bytes good_key = key;
  for (int i = 0; i < 12; ++i) key.push_back(0);
  WriteBatch batch;
  batch.Put(key, chain::Bytes{0xff});
  ASSERT_TRUE(kv->Write(batch, false).ok());
  EXPECT_EQ(BillIndex::Read(*kv, 4, 0, 10).status().reason(), "db-corrupt");
  EXPECT_EQ(BillIndex::Read(*kv, 4, 1, 10)->total, 1u);  // skipped entries are not decoded
  WriteBatch short_key;
  good_key.push_back(1);
  short_key.Put(good_key, chain::Encode(Bill(4, 1000)));
  ASSERT_TRUE(kv->Write(short_key, false).ok());
  EXPECT_EQ(BillIndex::Read(*kv, 4, 1, 10).status().reason(), "db-corrupt");
}

// A KvStore whose writes can be made to fail, to show that a block and its bills
// are one batch.
class FailingKvStore : public KvStore {
 public:
  explicit FailingKvStore(std::unique_ptr<KvStore> inner) : inner_(std::move(inner)) {}
  Result<std::optional<Bytes>> Get(ByteSpan key) const override { return inner_->Get(key); }
  Status Write(const WriteBatch& batch, bool sync) override {
    if (fail) return Status::IoError("disk-full", "scripted");
    return inner_->Write(batch, sync);
  }
  std::unique_ptr<KvIterator> NewIterator() const override { return inner_->NewIterator(); }
  bool fail = false;

 private:
  std::unique_ptr<KvStore> inner_;
};

class BillIndexChainTest : public ::testing::Test {
 protected:
  void SetUp() override {
    key_ = std::make_unique<chain::SecretKey>(tfchain::testing::TestKey(1, 0x71));
    genesis_.chain_id = "bill-test";
    genesis_.genesis_time_ms = kT0;
    genesis_.balances = {{key_->account_id(), 1'000 * chain::kUnitsPerTft}};
    genesis_.validators = {{"v", key_->account_id(), {key_->account_id(), 1'000}, 0}};
    kv_ = std::make_unique<FailingKvStore>(NewMemKvStore());
    chain_ = std::move(ChainState::Open(*kv_, genesis_)).value();
  }

  // An empty block on the head whose end-block events carry `bills` (the store
  // indexes whatever the results say; billing itself is the marketplace's).
  Status CommitWithBills(std::vector<chain::ContractBill> bills) {
    const uint64_t time = chain_->head().time_ms + 1000;
    auto built = chain_->Build(chain_->NextTemplate(time, key_->account_id()), {});
    if (!built.ok()) return built.status();
    for (chain::ContractBill& b : bills) built->results.end_events.push_back(Billed(b));
    chain::Commit commit{built->block.header.height, 0, built->hash, {}};
    return chain_->Commit(std::move(built).value(), commit);
  }

  chain::Genesis genesis_;
  std::unique_ptr<chain::SecretKey> key_;
  std::unique_ptr<FailingKvStore> kv_;
  std::unique_ptr<ChainState> chain_;
};

TEST_F(BillIndexChainTest, BillsAreCommittedWithTheirBlockOrNotAtAll) {
  std::vector<std::string> seen;
  chain_->AddCommitObserver(
      [&](const chain::BlockHeader& h, const auto&) { seen.push_back("a" + std::to_string(h.height)); });
  chain_->AddCommitObserver(
      [&](const chain::BlockHeader& h, const auto&) { seen.push_back("b" + std::to_string(h.height)); });

  ASSERT_TRUE(CommitWithBills({Bill(1, kT0 + 1000), Bill(2, kT0 + 1000)}).ok());
  EXPECT_EQ(seen, (std::vector<std::string>{"a1", "b1"}));  // every observer, in order
  auto bills = BillIndex::Read(chain_->store().kv(), 1, 0, 10);
  ASSERT_TRUE(bills.ok());
  ASSERT_EQ(bills->total, 1u);
  EXPECT_EQ(bills->entries[0].height, 1u);

  kv_->fail = true;
  EXPECT_EQ(CommitWithBills({Bill(1, kT0 + 2000)}).reason(), "disk-full");
  EXPECT_EQ(chain_->head().height, 1u);
  EXPECT_EQ(seen.size(), 2u);  // observers only see committed blocks
  EXPECT_EQ(chain_->store().GetBlock(2).status().reason(), "block-not-found");
  EXPECT_EQ(BillIndex::Read(chain_->store().kv(), 1, 0, 10)->total, 1u);

  kv_->fail = false;
  ASSERT_TRUE(CommitWithBills({Bill(1, kT0 + 3000)}).ok());
  bills = BillIndex::Read(chain_->store().kv(), 1, 0, 10);
  ASSERT_TRUE(bills.ok());
  EXPECT_EQ(ToMs(*bills), (std::vector<uint64_t>{kT0 + 1000, kT0 + 3000}));
  EXPECT_EQ(bills->entries[1].height, 2u);
}

// Real signed transactions through the runtime: a twin rents a name, the billing hook
// bills it every period, the owner cancels it (a final bill in the receipt). The
// index fed by the commit observer, one loaded from the store afterwards, and the bill
// index all follow.
TEST(ContractIndexChainTest, CommittedBlocksFeedBothIndexes) {
  const chain::SecretKey owner = tfchain::testing::TestKey(3, 0x72);
  chain::Genesis genesis;
  genesis.chain_id = "contract-index-test";
  genesis.genesis_time_ms = kT0;
  genesis.balances = {{owner.account_id(), 1'000 * chain::kUnitsPerTft}};
  genesis.validators = {{"v", owner.account_id(), {owner.account_id(), 1'000}, 0}};
  genesis.billing.billing_period_blocks = 2;
  std::unique_ptr<KvStore> kv = NewMemKvStore();
  auto chain = std::move(ChainState::Open(*kv, genesis)).value();
  ContractIndex index;
  ASSERT_TRUE(index.Load(*kv).ok());
  EXPECT_EQ(index.size(), 0u);
  chain->AddCommitObserver(
      [&index](const chain::BlockHeader&, const auto& writes) { EXPECT_TRUE(index.Apply(writes).ok()); });

  uint64_t nonce = 0;
  auto commit = [&](std::vector<chain::Call> calls) -> chain::BlockResults {
    std::vector<chain::Transaction> txs;
    for (chain::Call& call : calls) {
      chain::TransactionBody body;
      body.chain_id = genesis.chain_id;
      body.nonce = nonce++;
      body.valid_until = 1000;
      body.call = std::move(call);
      txs.push_back(chain::SignTransaction(std::move(body), owner));
    }
    std::vector<chain::Bytes> encoded;
    std::vector<Candidate> candidates;
    for (const chain::Transaction& tx : txs) encoded.push_back(chain::Encode(tx));
    for (size_t i = 0; i < txs.size(); ++i)
      candidates.push_back({&txs[i], chain::TxHash(encoded[i]), encoded[i].size()});
    auto built = chain->Build(chain->NextTemplate(chain->head().time_ms + 60'000, owner.account_id()), candidates);
    EXPECT_TRUE(built.ok()) << built.status().ToString();
    EXPECT_EQ(built->block.txs.size(), txs.size());
    for (const chain::Receipt& r : built->results.receipts) EXPECT_TRUE(r.success) << r.error << ": " << r.message;
    chain::BlockResults results = built->results;
    chain::Commit c{built->block.header.height, 0, built->hash, {}};
    EXPECT_TRUE(chain->Commit(std::move(built).value(), c).ok());
    return results;
  };

  commit({chain::TwinCreateCall{"relay.example", chain::Bytes(32, 7)}, chain::ContractCreateNameCall{"my-gateway"}});
  ASSERT_EQ(index.size(), 1u);
  const chain::ContractId id = index.ByTwin(1, false, 0, 10).ids.at(0);
  for (int i = 0; i < 4; ++i) commit({});  // heights 2..5: billed at two of them
  const HeadStateReader state(chain->store());
  auto record = MarketState::GetContract(state, id);
  ASSERT_TRUE(record.ok() && *record);
  EXPECT_EQ((*record)->name, "my-gateway");
  auto bills = BillIndex::Read(chain->store().kv(), id, 0, 100);
  ASSERT_TRUE(bills.ok());
  ASSERT_EQ(bills->total, 2u);
  for (const BillIndex::Entry& e : bills->entries) {
    EXPECT_EQ(e.bill.contract_id, id);
    EXPECT_EQ(e.bill.kind, ContractKind::kName);
    EXPECT_GT(e.bill.amount, 0u);
    EXPECT_FALSE(e.bill.final);
  }
  EXPECT_LT(bills->entries[0].height, bills->entries[1].height);
  EXPECT_EQ(bills->entries[1].bill.from_ms, bills->entries[0].bill.to_ms);  // no gap, no double billing

  const chain::BlockResults cancel = commit({chain::ContractCancelCall{id}});
  ASSERT_EQ(cancel.receipts.size(), 1u);
  bills = BillIndex::Read(chain->store().kv(), id, 0, 100);
  ASSERT_TRUE(bills.ok());
  ASSERT_EQ(bills->total, 3u);  // the final bill came with the cancel's receipt
  EXPECT_TRUE(bills->entries[2].bill.final);
  EXPECT_EQ(bills->entries[2].height, chain->head().height);
  EXPECT_EQ(Ids(index.ByTwin(1, false, 0, 10)), std::vector<ContractId>{});
  EXPECT_EQ(Ids(index.ByTwin(1, true, 0, 10)), std::vector<ContractId>{id});

  ContractIndex loaded;
  ASSERT_TRUE(loaded.Load(*kv).ok());
  EXPECT_EQ(Ids(loaded.ByTwin(1, true, 0, 10)), std::vector<ContractId>{id});
  EXPECT_EQ(loaded.ByTwin(1, false, 0, 10).total, 0u);
}

}  // namespace
}  // namespace tfchain::node::testing
