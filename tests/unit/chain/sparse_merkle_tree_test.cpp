#include "chain/sparse_merkle_tree.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <map>
#include <random>
#include <set>
#include <unordered_set>

#include "chain/hash.h"
#include "tests/unit/chain/smt_test_util.h"

namespace tfchain::chain {
namespace {

using testing::InsertsOf;
using testing::MemorySmtStore;
using testing::ReferenceRoot;

Hash256 RandomKey(std::mt19937_64& rng) {
  Hash256 key;
  for (auto& b : key.bytes) b = static_cast<uint8_t>(rng());
  return key;
}

Bytes RandomValue(std::mt19937_64& rng) {
  Bytes value(rng() % 40);
  for (auto& b : value) b = static_cast<uint8_t>(rng());
  return value;
}

Bytes Val(std::string_view s) { return Bytes(s.begin(), s.end()); }

Hash256 Inner(const Hash256& left, const Hash256& right) {
  Bytes both(left.bytes.begin(), left.bytes.end());
  both.insert(both.end(), right.bytes.begin(), right.bytes.end());
  return TaggedHash(HashDomain::kSmtInner, both);
}

Hash256 LeafByHand(const Hash256& key, const Bytes& value) {
  const Hash256 value_hash = Blake2b256(value);
  Bytes both(key.bytes.begin(), key.bytes.end());
  both.insert(both.end(), value_hash.bytes.begin(), value_hash.bytes.end());
  return TaggedHash(HashDomain::kSmtLeaf, both);
}

void FlipBit(Hash256* key, size_t bit) { key->bytes[bit / 8] ^= static_cast<uint8_t>(0x80 >> (bit % 8)); }

std::optional<Bytes> GetOrDie(const MemorySmtStore& store, const Hash256& root, const Hash256& key) {
  Result<std::optional<Bytes>> got = SmtGet(store, root, key);
  EXPECT_TRUE(got.ok()) << got.status().ToString();
  return got.ok() ? *got : std::nullopt;
}

SmtProof ProveOrDie(const MemorySmtStore& store, const Hash256& root, const Hash256& key) {
  Result<SmtProof> proof = SmtProve(store, root, key);
  EXPECT_TRUE(proof.ok()) << proof.status().ToString();
  return proof.ok() ? *proof : SmtProof{};
}

// Every key of `model` proves its value, an absent key proves absence, and the wrong
// claims fail.
void ExpectProofsWork(const MemorySmtStore& store, const Hash256& root, const std::map<Hash256, Bytes>& model,
                      std::mt19937_64& rng) {
  for (const auto& [key, value] : model) {
    ASSERT_EQ(GetOrDie(store, root, key), value);
    const SmtProof proof = ProveOrDie(store, root, key);
    ASSERT_TRUE(proof.leaf.has_value());
    EXPECT_TRUE(SmtVerify(root, key, value, proof).ok());
    Bytes wrong = value;
    wrong.push_back(1);
    EXPECT_EQ(SmtVerify(root, key, wrong, proof).reason(), "bad-proof");
    EXPECT_EQ(SmtVerify(root, key, std::nullopt, proof).reason(), "bad-proof");
  }
  for (int i = 0; i < 50; ++i) {
    Hash256 absent = RandomKey(rng);
    if (!model.empty() && i % 2 == 0) {  // near a present key: a long shared prefix
      auto it = model.begin();
      std::advance(it, rng() % model.size());
      absent = it->first;
      FlipBit(&absent, 200 + rng() % 56);
    }
    if (model.count(absent)) continue;
    ASSERT_EQ(GetOrDie(store, root, absent), std::nullopt);
    const SmtProof proof = ProveOrDie(store, root, absent);
    EXPECT_TRUE(SmtVerify(root, absent, std::nullopt, proof).ok());
    EXPECT_EQ(SmtVerify(root, absent, Val("x"), proof).reason(), "bad-proof");
  }
}

TEST(SmtTest, EmptyTreeHasZeroRoot) {
  MemorySmtStore store;
  Result<SmtUpdate> none = SmtApply(store, Hash256{}, {});
  ASSERT_TRUE(none.ok());
  EXPECT_TRUE(none->root.IsZero());
  EXPECT_TRUE(none->new_nodes.empty());

  const Hash256 key = Blake2b256(Val("absent"));
  Result<SmtUpdate> del = SmtApply(store, Hash256{}, {SmtChange{key, std::nullopt}});
  ASSERT_TRUE(del.ok());
  EXPECT_TRUE(del->root.IsZero());
  EXPECT_TRUE(del->new_nodes.empty());

  EXPECT_EQ(GetOrDie(store, Hash256{}, key), std::nullopt);
  const SmtProof proof = ProveOrDie(store, Hash256{}, key);
  EXPECT_TRUE(proof.siblings.empty());
  EXPECT_FALSE(proof.leaf.has_value());
  EXPECT_TRUE(SmtVerify(Hash256{}, key, std::nullopt, proof).ok());
  EXPECT_EQ(SmtVerify(Hash256{}, key, Val("v"), proof).reason(), "bad-proof");
  EXPECT_EQ(SmtVerify(Blake2b256(Val("other root")), key, std::nullopt, proof).reason(), "bad-proof");
}

TEST(SmtTest, SingleKeyRootIsItsLeafHash) {
  MemorySmtStore store;
  const Hash256 key = Blake2b256(Val("alice"));
  Result<SmtUpdate> update = SmtApply(store, Hash256{}, {SmtChange{key, Val("100")}});
  ASSERT_TRUE(update.ok());
  EXPECT_EQ(update->root, LeafByHand(key, Val("100")));
  EXPECT_EQ(update->root, SmtLeafHash(key, Val("100")));
  ASSERT_EQ(update->new_nodes.size(), 1u);
  EXPECT_EQ(update->new_nodes[0].first, update->root);
  EXPECT_EQ(update->new_nodes[0].second, SmtNode(SmtLeaf{key, Val("100")}));
  const Hash256 root = store.Store(*update);

  const SmtProof proof = ProveOrDie(store, root, key);
  EXPECT_TRUE(proof.siblings.empty());
  EXPECT_TRUE(SmtVerify(root, key, Val("100"), proof).ok());
}

TEST(SmtTest, TwoKeysThatDifferInBitZero) {
  MemorySmtStore store;
  Hash256 left;  // bit 0 clear
  left.bytes[5] = 7;
  Hash256 right = left;
  FlipBit(&right, 0);
  ASSERT_EQ(right.bytes[0], 0x80);
  Result<SmtUpdate> update = SmtApply(store, Hash256{}, {{right, Val("r")}, {left, Val("l")}});
  ASSERT_TRUE(update.ok());
  EXPECT_EQ(update->root, Inner(LeafByHand(left, Val("l")), LeafByHand(right, Val("r"))));
  EXPECT_EQ(update->new_nodes.size(), 3u);
  const Hash256 root = store.Store(*update);

  const SmtProof proof = ProveOrDie(store, root, left);
  ASSERT_EQ(proof.siblings.size(), 1u);
  EXPECT_EQ(proof.siblings[0], LeafByHand(right, Val("r")));
  EXPECT_TRUE(SmtVerify(root, left, Val("l"), proof).ok());
  EXPECT_TRUE(SmtVerify(root, right, Val("r"), ProveOrDie(store, root, right)).ok());
}

TEST(SmtTest, TwoKeysThatDifferInBit200HaveAChainOfInnerNodes) {
  MemorySmtStore store;
  std::mt19937_64 rng(200);
  const Hash256 a = RandomKey(rng);
  Hash256 b = a;
  FlipBit(&b, 200);
  b.bytes[31] ^= 0x5A;  // bits after 200 may differ too
  Result<SmtUpdate> update = SmtApply(store, Hash256{}, {{a, Val("a")}, {b, Val("b")}});
  ASSERT_TRUE(update.ok());

  const Hash256 leaf_a = LeafByHand(a, Val("a"));
  const Hash256 leaf_b = LeafByHand(b, Val("b"));
  Hash256 expected = testing::TestKeyBit(a, 200) == 0 ? Inner(leaf_a, leaf_b) : Inner(leaf_b, leaf_a);
  for (size_t depth = 200; depth-- > 0;) {
    expected = testing::TestKeyBit(a, depth) == 0 ? Inner(expected, Hash256{}) : Inner(Hash256{}, expected);
  }
  EXPECT_EQ(update->root, expected);
  EXPECT_EQ(update->new_nodes.size(), 2u + 201u);  // two leaves, inner nodes at depths 0..200
  const Hash256 root = store.Store(*update);

  const SmtProof proof = ProveOrDie(store, root, a);
  ASSERT_EQ(proof.siblings.size(), 201u);
  EXPECT_EQ(proof.siblings[200], leaf_b);
  for (size_t i = 0; i < 200; ++i) EXPECT_TRUE(proof.siblings[i].IsZero()) << i;
  EXPECT_TRUE(SmtVerify(root, a, Val("a"), proof).ok());

  // A key that leaves the shared path at depth 100 ends in an empty subtree there.
  Hash256 c = a;
  FlipBit(&c, 100);
  const SmtProof absent = ProveOrDie(store, root, c);
  EXPECT_EQ(absent.siblings.size(), 101u);
  EXPECT_FALSE(absent.leaf.has_value());
  EXPECT_TRUE(SmtVerify(root, c, std::nullopt, absent).ok());

  // Deleting one collapses the chain: the other leaf moves back up to the root.
  Result<SmtUpdate> del = SmtApply(store, root, {{a, std::nullopt}});
  ASSERT_TRUE(del.ok());
  EXPECT_EQ(del->root, leaf_b);
  EXPECT_TRUE(del->new_nodes.empty());  // the leaf is reused, not rewritten
}

TEST(SmtTest, RandomTreesMatchTheDefinitionAndProveEveryKey) {
  std::mt19937_64 rng(7);
  for (size_t n : {1u, 2u, 3u, 5u, 17u, 64u, 300u}) {
    MemorySmtStore store;
    std::map<Hash256, Bytes> model;
    for (size_t i = 0; i < n; ++i) model[RandomKey(rng)] = RandomValue(rng);
    const Hash256 root = store.ApplyOrDie(Hash256{}, InsertsOf(model));
    ASSERT_EQ(root, ReferenceRoot(model)) << n;
    ExpectProofsWork(store, root, model, rng);
  }
}

TEST(SmtTest, UpdatesAndDeletesMatchTheDefinitionAfterEveryBatch) {
  std::mt19937_64 rng(11);
  MemorySmtStore store;
  std::map<Hash256, Bytes> model;
  std::vector<Hash256> universe;
  for (int i = 0; i < 120; ++i) universe.push_back(RandomKey(rng));
  for (int i = 0; i < 20; ++i) {  // neighbours with long shared prefixes
    Hash256 k = universe[rng() % universe.size()];
    FlipBit(&k, rng() % 256);
    universe.push_back(k);
  }
  Hash256 root;
  for (int batch = 0; batch < 30; ++batch) {
    std::map<Hash256, std::optional<Bytes>> changes;
    const size_t count = 1 + rng() % 25;
    for (size_t i = 0; i < count; ++i) {
      const Hash256& key = universe[rng() % universe.size()];
      changes[key] = rng() % 3 == 0 ? std::nullopt : std::optional<Bytes>(RandomValue(rng));
    }
    std::vector<SmtChange> list;
    for (const auto& [key, value] : changes) {
      list.push_back(SmtChange{key, value});
      if (value) {
        model[key] = *value;
      } else {
        model.erase(key);
      }
    }
    std::shuffle(list.begin(), list.end(), rng);
    root = store.ApplyOrDie(root, list);
    ASSERT_EQ(root, ReferenceRoot(model)) << "batch " << batch;
  }
  ExpectProofsWork(store, root, model, rng);
}

TEST(SmtTest, DeletingEveryKeyReturnsToTheZeroRoot) {
  std::mt19937_64 rng(3);
  std::map<Hash256, Bytes> model;
  for (int i = 0; i < 100; ++i) model[RandomKey(rng)] = RandomValue(rng);

  MemorySmtStore store;
  const Hash256 full = store.ApplyOrDie(Hash256{}, InsertsOf(model));
  std::vector<SmtChange> deletes;
  for (const auto& [key, value] : model) deletes.push_back(SmtChange{key, std::nullopt});
  Result<SmtUpdate> all_at_once = SmtApply(store, full, deletes);
  ASSERT_TRUE(all_at_once.ok());
  EXPECT_TRUE(all_at_once->root.IsZero());
  EXPECT_TRUE(all_at_once->new_nodes.empty());

  // One key at a time, checking the shape after each removal.
  Hash256 root = full;
  std::shuffle(deletes.begin(), deletes.end(), rng);
  for (const SmtChange& d : deletes) {
    root = store.ApplyOrDie(root, {d});
    model.erase(d.key_hash);
    ASSERT_EQ(root, ReferenceRoot(model));
  }
  EXPECT_TRUE(root.IsZero());
}

TEST(SmtTest, HistoricalRootsStayReadableAndProvable) {
  std::mt19937_64 rng(5);
  MemorySmtStore store;
  std::map<Hash256, Bytes> model;
  std::vector<std::pair<Hash256, std::map<Hash256, Bytes>>> history;
  Hash256 root;
  for (int version = 0; version < 8; ++version) {
    std::map<Hash256, std::optional<Bytes>> batch;
    for (auto& [key, value] : model) {
      if (rng() % 3 == 0) batch[key] = RandomValue(rng);
    }
    for (int i = 0; i < 10; ++i) batch[RandomKey(rng)] = RandomValue(rng);
    if (!model.empty()) batch[model.begin()->first] = std::nullopt;
    std::vector<SmtChange> changes;
    for (const auto& [key, value] : batch) {
      changes.push_back(SmtChange{key, value});
      if (value) {
        model[key] = *value;
      } else {
        model.erase(key);
      }
    }
    root = store.ApplyOrDie(root, changes);
    history.emplace_back(root, model);
  }
  for (const auto& [old_root, old_model] : history) {
    ExpectProofsWork(store, old_root, old_model, rng);
  }
}

TEST(SmtTest, RewritingTheSameValueCreatesNoNode) {
  std::mt19937_64 rng(9);
  std::map<Hash256, Bytes> model;
  for (int i = 0; i < 40; ++i) model[RandomKey(rng)] = RandomValue(rng);
  MemorySmtStore store;
  const Hash256 root = store.ApplyOrDie(Hash256{}, InsertsOf(model));

  std::vector<SmtChange> same = InsertsOf(model);
  same.push_back(SmtChange{RandomKey(rng), std::nullopt});  // deleting an absent key
  Result<SmtUpdate> update = SmtApply(store, root, same);
  ASSERT_TRUE(update.ok());
  EXPECT_EQ(update->root, root);
  EXPECT_TRUE(update->new_nodes.empty());
}

TEST(SmtTest, AnUpdateReadsEachNodeOnceAndCreatesOnlyReachableNodes) {
  std::mt19937_64 rng(13);
  std::map<Hash256, Bytes> model;
  for (int i = 0; i < 2000; ++i) model[RandomKey(rng)] = RandomValue(rng);
  MemorySmtStore store;
  const Hash256 root = store.ApplyOrDie(Hash256{}, InsertsOf(model));

  std::vector<SmtChange> changes;
  size_t i = 0;
  for (const auto& [key, value] : model) {
    if (i++ % 4 == 0) changes.push_back(SmtChange{key, i % 8 == 1 ? std::nullopt : std::optional(RandomValue(rng))});
  }
  for (int k = 0; k < 300; ++k) changes.push_back(SmtChange{RandomKey(rng), RandomValue(rng)});
  store.ResetReads();
  Result<SmtUpdate> update = SmtApply(store, root, changes);
  ASSERT_TRUE(update.ok());
  for (const auto& [hash, count] : store.reads()) EXPECT_EQ(count, 1u) << hash.Hex();

  std::unordered_set<Hash256, FixedBytesHasher> created;
  for (const auto& [hash, node] : update->new_nodes) {
    EXPECT_EQ(SmtNodeHash(node), hash);
    EXPECT_TRUE(created.insert(hash).second) << "created twice: " << hash.Hex();
  }
  // Every created node is reachable from the new root.
  store.Store(*update);
  std::vector<Hash256> stack{update->root};
  size_t reached = 0;
  while (!stack.empty()) {
    const Hash256 h = stack.back();
    stack.pop_back();
    if (h.IsZero()) continue;
    if (created.count(h)) ++reached;
    Result<SmtNode> node = store.Get(h);
    ASSERT_TRUE(node.ok());
    if (const auto* inner = std::get_if<SmtInner>(&*node)) {
      if (created.count(h)) {  // old subtrees hold no new nodes
        stack.push_back(inner->left);
        stack.push_back(inner->right);
      }
    }
  }
  EXPECT_EQ(reached, created.size());
}

TEST(SmtTest, RejectsDuplicateKeysAndOversizedValues) {
  MemorySmtStore store;
  const Hash256 key = Blake2b256(Val("k"));
  Result<SmtUpdate> dup = SmtApply(store, Hash256{}, {{key, Val("a")}, {Blake2b256(Val("j")), Val("b")}, {key, {}}});
  ASSERT_FALSE(dup.ok());
  EXPECT_EQ(dup.status().code(), Status::Code::kInvalidArgument);
  EXPECT_EQ(dup.status().reason(), "duplicate-key");

  Result<SmtUpdate> big = SmtApply(store, Hash256{}, {{key, Bytes(kSmtMaxValueSize + 1)}});
  ASSERT_FALSE(big.ok());
  EXPECT_EQ(big.status().reason(), "smt-value-too-large");

  Result<SmtUpdate> largest = SmtApply(store, Hash256{}, {{key, Bytes(kSmtMaxValueSize, 0xAB)}});
  ASSERT_TRUE(largest.ok());
  EXPECT_EQ(store.size(), 0u);  // nothing is stored by SmtApply itself
}

// A reader that fails every read with an I/O error.
class FailingReader : public SmtNodeReader {
 public:
  Result<SmtNode> Get(const Hash256&) const override { return Status::IoError("disk-read", "sector 7"); }
};

TEST(SmtTest, MissingNodesAreCorruptionAndReaderErrorsPropagate) {
  std::mt19937_64 rng(17);
  std::map<Hash256, Bytes> model;
  for (int i = 0; i < 30; ++i) model[RandomKey(rng)] = RandomValue(rng);
  MemorySmtStore store;
  const Hash256 root = store.ApplyOrDie(Hash256{}, InsertsOf(model));
  const Hash256 key = model.begin()->first;

  // Remove the leaf of `key`.
  MemorySmtStore broken = store;
  broken.Erase(SmtLeafHash(key, model.begin()->second));
  Result<std::optional<Bytes>> got = SmtGet(broken, root, key);
  ASSERT_FALSE(got.ok());
  EXPECT_EQ(got.status().code(), Status::Code::kCorruption);
  EXPECT_EQ(got.status().reason(), "smt-missing-node");
  EXPECT_EQ(SmtProve(broken, root, key).status().reason(), "smt-missing-node");
  EXPECT_EQ(SmtApply(broken, root, {{key, Val("new")}}).status().reason(), "smt-missing-node");
  EXPECT_EQ(SmtApply(broken, root, {{key, std::nullopt}}).status().reason(), "smt-missing-node");

  const Hash256 unknown_root = Blake2b256(Val("never stored"));
  EXPECT_EQ(SmtGet(store, unknown_root, key).status().reason(), "smt-missing-node");

  FailingReader failing;
  Result<SmtUpdate> update = SmtApply(failing, root, {{key, Val("x")}});
  ASSERT_FALSE(update.ok());
  EXPECT_EQ(update.status().code(), Status::Code::kIoError);
  EXPECT_EQ(update.status().reason(), "disk-read");
  EXPECT_NE(update.status().detail().find("reading smt node"), std::string_view::npos);
  EXPECT_NE(update.status().detail().find("sector 7"), std::string_view::npos);
}

TEST(SmtTest, ALeafOffItsPathIsCorruption) {
  MemorySmtStore store;
  Hash256 stray;
  stray.bytes[0] = 0x80;  // belongs to the right half
  const SmtLeaf leaf{stray, Val("v")};
  store.Put(leaf);
  Hash256 other;
  other.bytes[0] = 0x80;
  other.bytes[31] = 1;
  store.Put(SmtLeaf{other, Val("w")});
  // A root whose left child is that leaf and whose right child is another leaf.
  const SmtInner bad_root{SmtLeafHash(stray, leaf.value), SmtLeafHash(other, Val("w"))};
  store.Put(bad_root);
  Hash256 left_key;
  left_key.bytes[31] = 9;
  Result<SmtUpdate> update = SmtApply(store, SmtNodeHash(bad_root), {{left_key, Val("x")}});
  ASSERT_FALSE(update.ok());
  EXPECT_EQ(update.status().code(), Status::Code::kCorruption);
  EXPECT_EQ(update.status().reason(), "smt-bad-node");
}

class SmtProofTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::mt19937_64 rng(23);
    for (int i = 0; i < 50; ++i) model_[RandomKey(rng)] = RandomValue(rng);
    // Two keys sharing 250 bits, so a proof has a long run of empty siblings.
    deep_ = RandomKey(rng);
    Hash256 twin = deep_;
    FlipBit(&twin, 250);
    model_[deep_] = Val("deep");
    model_[twin] = Val("twin");
    root_ = store_.ApplyOrDie(Hash256{}, InsertsOf(model_));
    present_ = model_.begin()->first;
    absent_ = deep_;
    FlipBit(&absent_, 253);  // ends at deep_'s leaf: an exclusion proof with a leaf
  }

  MemorySmtStore store_;
  std::map<Hash256, Bytes> model_;
  Hash256 root_, present_, deep_, absent_;
};

TEST_F(SmtProofTest, TamperedProofsFail) {
  const SmtProof good = ProveOrDie(store_, root_, present_);
  const Bytes& value = model_[present_];
  ASSERT_TRUE(SmtVerify(root_, present_, value, good).ok());

  for (size_t i = 0; i < good.siblings.size(); ++i) {
    SmtProof p = good;
    p.siblings[i].bytes[i % 32] ^= 1;
    EXPECT_EQ(SmtVerify(root_, present_, value, p).reason(), "bad-proof") << i;
  }
  SmtProof shorter = good;
  shorter.siblings.erase(shorter.siblings.begin());
  EXPECT_EQ(SmtVerify(root_, present_, value, shorter).reason(), "bad-proof");
  SmtProof longer = good;
  longer.siblings.push_back(Blake2b256(Val("extra")));
  EXPECT_EQ(SmtVerify(root_, present_, value, longer).reason(), "bad-proof");
  SmtProof other_value = good;
  other_value.leaf->second = Blake2b256(Val("other"));
  EXPECT_EQ(SmtVerify(root_, present_, value, other_value).reason(), "bad-proof");
  SmtProof no_leaf = good;
  no_leaf.leaf.reset();
  EXPECT_EQ(SmtVerify(root_, present_, value, no_leaf).reason(), "bad-proof");
  EXPECT_EQ(SmtVerify(root_, present_, std::nullopt, no_leaf).reason(), "bad-proof");

  // The proof of one key does not prove another, with either claim.
  const Hash256 other = std::next(model_.begin())->first;
  EXPECT_EQ(SmtVerify(root_, other, value, good).reason(), "bad-proof");
  EXPECT_EQ(SmtVerify(root_, other, model_[other], good).reason(), "bad-proof");
  // Another root.
  EXPECT_EQ(SmtVerify(Blake2b256(Val("r")), present_, value, good).reason(), "bad-proof");
}

TEST_F(SmtProofTest, ExclusionProofsEndingInALeaf) {
  const SmtProof proof = ProveOrDie(store_, root_, absent_);
  ASSERT_TRUE(proof.leaf.has_value());
  EXPECT_EQ(proof.leaf->first, deep_);
  EXPECT_EQ(proof.siblings.size(), 251u);
  EXPECT_TRUE(SmtVerify(root_, absent_, std::nullopt, proof).ok());
  EXPECT_EQ(SmtVerify(root_, absent_, Val("deep"), proof).reason(), "bad-proof");

  // "Exclusion" of the leaf's own key.
  EXPECT_EQ(SmtVerify(root_, deep_, std::nullopt, proof).reason(), "bad-proof");
  // A leaf that is not on the claimed key's path: a key that differs from deep_
  // within the first 251 bits cannot be excluded by deep_'s leaf.
  Hash256 off_path = deep_;
  FlipBit(&off_path, 10);
  Status off = SmtVerify(root_, off_path, std::nullopt, proof);
  EXPECT_EQ(off.reason(), "bad-proof");
  EXPECT_NE(off.detail().find("path"), std::string_view::npos) << off.ToString();
}

TEST_F(SmtProofTest, RejectsMoreThan256Siblings) {
  SmtProof proof = ProveOrDie(store_, root_, present_);
  proof.siblings.resize(257, Blake2b256(Val("s")));
  Status s = SmtVerify(root_, present_, model_[present_], proof);
  EXPECT_EQ(s.reason(), "bad-proof");
  EXPECT_NE(s.detail().find("256"), std::string_view::npos);
}

TEST_F(SmtProofTest, InclusionClaimedButEndingInEmptyFails) {
  // Leaves deep_'s path at depth 100, where no other key is: an empty subtree.
  Hash256 absent = deep_;
  FlipBit(&absent, 100);
  const SmtProof proof = ProveOrDie(store_, root_, absent);
  ASSERT_FALSE(proof.leaf.has_value());
  ASSERT_EQ(proof.siblings.size(), 101u);
  EXPECT_TRUE(SmtVerify(root_, absent, std::nullopt, proof).ok());
  Status s = SmtVerify(root_, absent, Val("v"), proof);
  EXPECT_EQ(s.reason(), "bad-proof");
  EXPECT_NE(s.detail().find("empty"), std::string_view::npos);
}

TEST(SmtNonCanonicalTest, RejectsALeafWhoseLastSiblingIsEmpty) {
  // A hand-made, non-canonical tree: root = inner(leaf(k), empty). A canonical tree
  // would hold the leaf at the root, so a proof through the inner node is rejected
  // even though it hashes to this root.
  Hash256 key;
  key.bytes[1] = 0x42;  // bit 0 clear: the left child
  const Hash256 leaf = SmtLeafHash(key, Val("v"));
  const Hash256 root = Inner(leaf, Hash256{});
  SmtProof proof{{Hash256{}}, std::make_pair(key, Blake2b256(Val("v")))};
  Status s = SmtVerify(root, key, Val("v"), proof);
  EXPECT_EQ(s.reason(), "bad-proof");
  EXPECT_NE(s.detail().find("non-canonical"), std::string_view::npos) << s.ToString();

  // The same for an exclusion proof ending in an empty subtree with an empty sibling.
  Hash256 absent;
  absent.bytes[0] = 0x80;
  const Hash256 empty_pair_root = Inner(Hash256{}, Inner(Hash256{}, Hash256{}));
  SmtProof empty_end{{Hash256{}, Hash256{}}, std::nullopt};
  EXPECT_EQ(SmtVerify(empty_pair_root, absent, std::nullopt, empty_end).reason(), "bad-proof");

  // The canonical form of the same content verifies.
  EXPECT_TRUE(SmtVerify(leaf, key, Val("v"), SmtProof{{}, std::make_pair(key, Blake2b256(Val("v")))}).ok());
}

TEST(SmtCodecTest, NodesEncodeAsDocumented) {
  Hash256 key;
  key.bytes[0] = 0xAA;
  const SmtNode leaf = SmtLeaf{key, Val("xyz")};
  Bytes expected{0x00};
  expected.insert(expected.end(), key.bytes.begin(), key.bytes.end());
  expected.insert(expected.end(), {0x0C, 'x', 'y', 'z'});
  EXPECT_EQ(Encode(leaf), expected);
  EXPECT_EQ(SmtNodeHash(leaf), SmtLeafHash(key, Val("xyz")));

  const Hash256 l = Blake2b256(Val("l")), r = Blake2b256(Val("r"));
  const SmtNode inner = SmtInner{l, r};
  Bytes expected_inner{0x01};
  expected_inner.insert(expected_inner.end(), l.bytes.begin(), l.bytes.end());
  expected_inner.insert(expected_inner.end(), r.bytes.begin(), r.bytes.end());
  EXPECT_EQ(Encode(inner), expected_inner);
  EXPECT_EQ(SmtNodeHash(inner), Inner(l, r));

  for (const SmtNode& node : {leaf, inner}) {
    Result<SmtNode> back = DecodeExact<SmtNode>(Encode(node), 1 << 20);
    ASSERT_TRUE(back.ok());
    EXPECT_EQ(*back, node);
  }
}

TEST(SmtCodecTest, RejectsBadNodes) {
  Bytes bad_tag(65, 0);
  bad_tag[0] = 0x02;
  EXPECT_EQ(DecodeExact<SmtNode>(bad_tag, 1 << 20).status().reason(), "decode-bad-tag");

  Bytes inner = Encode(SmtNode(SmtInner{Blake2b256(Val("l")), Hash256{}}));
  inner.pop_back();
  EXPECT_EQ(DecodeExact<SmtNode>(inner, 1 << 20).status().reason(), "decode-truncated");
  inner.push_back(0);
  inner.push_back(0);
  EXPECT_EQ(DecodeExact<SmtNode>(inner, 1 << 20).status().reason(), "decode-trailing-bytes");

  Encoder big;
  big.U8(0x00);
  big.Fixed(Hash256{});
  big.Blob(Bytes(kSmtMaxValueSize + 1));
  EXPECT_EQ(DecodeExact<SmtNode>(big.bytes(), 1 << 20).status().reason(), "decode-oversize");
}

TEST(SmtCodecTest, ProofsRoundTripAndRejectBadInput) {
  SmtProof proof{{Blake2b256(Val("a")), Hash256{}}, std::make_pair(Blake2b256(Val("k")), Blake2b256(Val("v")))};
  const Bytes bytes = Encode(proof);
  EXPECT_EQ(bytes.size(), 1u + 64u + 1u + 64u);
  Result<SmtProof> back = DecodeExact<SmtProof>(bytes, 1 << 20);
  ASSERT_TRUE(back.ok());
  EXPECT_EQ(*back, proof);

  SmtProof empty;
  EXPECT_EQ(Encode(empty), (Bytes{0x00, 0x00}));
  EXPECT_EQ(*DecodeExact<SmtProof>(Bytes{0x00, 0x00}, 16), empty);
  EXPECT_EQ(DecodeExact<SmtProof>(Bytes{0x00, 0x02}, 16).status().reason(), "decode-bad-tag");

  SmtProof too_long;
  too_long.siblings.resize(257);
  EXPECT_EQ(DecodeExact<SmtProof>(Encode(too_long), 1 << 20).status().reason(), "decode-oversize");
  SmtProof longest;
  longest.siblings.resize(256);
  EXPECT_TRUE(DecodeExact<SmtProof>(Encode(longest), 1 << 20).ok());
}

// Not a benchmark assertion: prints how long a block-sized batch takes.
TEST(SmtTest, LargeBatchOnALargeTree) {
  std::mt19937_64 rng(42);
  std::vector<SmtChange> initial;
  for (int i = 0; i < 100'000; ++i) initial.push_back(SmtChange{RandomKey(rng), RandomValue(rng)});
  std::vector<Hash256> keys;
  for (const SmtChange& c : initial) keys.push_back(c.key_hash);
  MemorySmtStore store;
  const auto t0 = std::chrono::steady_clock::now();
  const Hash256 root = store.ApplyOrDie(Hash256{}, initial);
  const auto t1 = std::chrono::steady_clock::now();

  std::vector<SmtChange> changes;
  std::set<Hash256> used;
  while (changes.size() < 30'000) {  // a third each of inserts, updates and deletes
    const int kind = static_cast<int>(rng() % 3);
    const Hash256 key = kind == 0 ? RandomKey(rng) : keys[rng() % keys.size()];
    if (!used.insert(key).second) continue;
    changes.push_back(SmtChange{key, kind == 2 ? std::nullopt : std::optional(RandomValue(rng))});
  }
  const size_t change_count = changes.size();
  const auto t2 = std::chrono::steady_clock::now();
  Result<SmtUpdate> update = SmtApply(store, root, std::move(changes));
  const auto t3 = std::chrono::steady_clock::now();
  ASSERT_TRUE(update.ok());
  EXPECT_NE(update->root, root);
  const auto ms = [](auto d) { return std::chrono::duration_cast<std::chrono::milliseconds>(d).count(); };
  std::printf("[ smt      ] build 100000 keys: %lld ms; apply %zu changes: %lld ms, %zu new nodes\n",
              static_cast<long long>(ms(t1 - t0)), change_count, static_cast<long long>(ms(t3 - t2)),
              update->new_nodes.size());
}

}  // namespace
}  // namespace tfchain::chain
