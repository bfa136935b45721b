// Model-based properties of the sparse Merkle tree: random sequences of batches of
// inserts, updates and deletes against a std::map.
#include <gtest/gtest.h>
#include <rapidcheck.h>
#include <rapidcheck/gtest.h>

#include <algorithm>
#include <map>
#include <optional>
#include <random>
#include <vector>

#include "chain/hash.h"
#include "chain/sparse_merkle_tree.h"
#include "tests/unit/chain/smt_test_util.h"

namespace tfchain::chain {
namespace {

using testing::InsertsOf;
using testing::MemorySmtStore;
using testing::ReferenceRoot;

// A small universe of keys, so that batches update and delete keys that exist. Keys
// come in groups of eight that share long prefixes: a random base and copies with
// one bit flipped at depth 255, 254, 200, 128, 64, 8 or 1.
constexpr int kKeyGroups = 6;
constexpr int kUniverse = kKeyGroups * 8;

Hash256 UniverseKey(int index) {
  static constexpr int kFlipAt[8] = {-1, 255, 254, 200, 128, 64, 8, 1};
  const uint8_t group = static_cast<uint8_t>(index / 8);
  Hash256 key = Blake2b256(ByteSpan(&group, 1));
  const int bit = kFlipAt[index % 8];
  if (bit >= 0) key.bytes[bit / 8] ^= static_cast<uint8_t>(0x80 >> (bit % 8));
  return key;
}

struct Op {
  int key = 0;
  std::optional<Bytes> value;  // nullopt: delete
};

rc::Gen<Op> GenOp() {
  return rc::gen::build<Op>(
      rc::gen::set(&Op::key, rc::gen::inRange(0, kUniverse)),
      rc::gen::set(&Op::value, rc::gen::map(rc::gen::maybe(rc::gen::container<Bytes>(rc::gen::arbitrary<uint8_t>())),
                                            [](const rc::Maybe<Bytes>& m) {
                                              return m ? std::optional<Bytes>(*m) : std::nullopt;
                                            })));
}

// Up to 20 batches of up to 40 operations.
rc::Gen<std::vector<Op>> GenBatch() {
  return rc::gen::mapcat(rc::gen::inRange<size_t>(0, 41),
                         [](size_t n) { return rc::gen::container<std::vector<Op>>(n, GenOp()); });
}
rc::Gen<std::vector<std::vector<Op>>> GenBatches() {
  return rc::gen::mapcat(rc::gen::inRange<size_t>(0, 21),
                         [](size_t n) { return rc::gen::container<std::vector<std::vector<Op>>>(n, GenBatch()); });
}

// Applies the ops (the last op on a key wins) to the model and returns them as one
// batch of changes, each key once.
std::vector<SmtChange> ToChanges(const std::vector<Op>& ops, std::map<Hash256, Bytes>* model) {
  std::map<Hash256, std::optional<Bytes>> last;
  for (const Op& op : ops) last[UniverseKey(op.key)] = op.value;
  std::vector<SmtChange> changes;
  for (const auto& [key, value] : last) {
    changes.push_back(SmtChange{key, value});
    if (value) {
      (*model)[key] = *value;
    } else {
      model->erase(key);
    }
  }
  return changes;
}

// Puts the changes in a random order (rapidcheck has no shuffle generator).
void Shuffle(std::vector<SmtChange>* changes) {
  std::mt19937_64 rng(*rc::gen::arbitrary<uint64_t>());
  std::shuffle(changes->begin(), changes->end(), rng);
}

RC_GTEST_PROP(SmtProperty, MatchesAMapModel, ()) {
  const auto batches = *GenBatches();
  MemorySmtStore store;
  std::map<Hash256, Bytes> model;
  Hash256 root;
  std::vector<std::pair<Hash256, std::map<Hash256, Bytes>>> history;
  for (const std::vector<Op>& ops : batches) {
    std::vector<SmtChange> changes = ToChanges(ops, &model);
    // Batches arrive in any order.
    Shuffle(&changes);
    Result<SmtUpdate> update = SmtApply(store, root, changes);
    RC_ASSERT(update.ok());
    root = store.Store(*update);
    RC_ASSERT(root == ReferenceRoot(model));
    history.emplace_back(root, model);
  }

  // Order independence: one batch building the final map from scratch gives the same root.
  MemorySmtStore fresh;
  RC_ASSERT(fresh.ApplyOrDie(Hash256{}, InsertsOf(model)) == root);

  // Reads and proofs, at the final root and at a random historical one.
  std::vector<std::pair<Hash256, std::map<Hash256, Bytes>>> checked{{root, model}};
  if (!history.empty()) checked.push_back(*rc::gen::elementOf(history));
  for (const auto& [at, state] : checked) {
    for (int i = 0; i < kUniverse; ++i) {
      const Hash256 key = UniverseKey(i);
      auto it = state.find(key);
      const std::optional<Bytes> expected = it == state.end() ? std::nullopt : std::optional<Bytes>(it->second);

      Result<std::optional<Bytes>> got = SmtGet(store, at, key);
      RC_ASSERT(got.ok());
      RC_ASSERT(*got == expected);

      Result<SmtProof> proof = SmtProve(store, at, key);
      RC_ASSERT(proof.ok());
      RC_ASSERT(SmtVerify(at, key, expected, *proof).ok());
      // Encoded and decoded, the proof still verifies.
      Result<SmtProof> carried = DecodeExact<SmtProof>(Encode(*proof), 1 << 16);
      RC_ASSERT(carried.ok());
      RC_ASSERT(SmtVerify(at, key, expected, *carried).ok());

      // Wrong claims fail: another value, absence of a present key, presence of an
      // absent one.
      Bytes wrong = expected.value_or(Bytes{});
      wrong.push_back(0x5A);
      RC_ASSERT(SmtVerify(at, key, wrong, *proof).reason() == "bad-proof");
      if (expected) RC_ASSERT(SmtVerify(at, key, std::nullopt, *proof).reason() == "bad-proof");
      // An exclusion proof that ends at another key's leaf does not prove that this
      // key holds the other key's value.
      if (!expected && proof->leaf) {
        RC_ASSERT(SmtVerify(at, key, state.at(proof->leaf->first), *proof).reason() == "bad-proof");
      }
    }
  }
}

RC_GTEST_PROP(SmtProperty, ADuplicateKeyRejectsTheWholeBatch, ()) {
  const auto ops = *rc::gen::nonEmpty(GenBatch());
  std::map<Hash256, Bytes> model;
  std::vector<SmtChange> changes = ToChanges(ops, &model);
  changes.push_back(changes[*rc::gen::inRange<size_t>(0, changes.size())]);
  Shuffle(&changes);
  MemorySmtStore store;
  Result<SmtUpdate> update = SmtApply(store, Hash256{}, changes);
  RC_ASSERT(!update.ok());
  RC_ASSERT(update.status().reason() == "duplicate-key");
}

}  // namespace
}  // namespace tfchain::chain
