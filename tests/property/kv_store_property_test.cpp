// Model-based test of the LevelDB store (LevelDB's own ModelDB idea): random puts,
// deletes, atomic batches, reads, scans and reopens against a std::map.
#include <gtest/gtest.h>
#include <rapidcheck.h>
#include <rapidcheck/gtest.h>

#include <filesystem>
#include <map>
#include <string>

#include "node/kv_store.h"

namespace tfchain::node {
namespace {

struct Op {
  int kind = 0;  // 0 put, 1 delete, 2 batch, 3 get, 4 scan, 5 reopen
  std::string key;
  std::string value;
  std::vector<std::pair<std::string, std::optional<std::string>>> batch;
};

rc::Gen<std::string> GenKey() {
  // A small key space so that overwrites and deletes of existing keys are common.
  return rc::gen::map(rc::gen::inRange(0, 40), [](int k) {
    std::string key = "k" + std::to_string(k);
    if (k % 7 == 0) key += std::string(1, '\0') + "bin";  // embedded NUL
    return key;
  });
}

rc::Gen<Op> GenOp() {
  return rc::gen::mapcat(rc::gen::inRange(0, 6), [](int kind) {
    return rc::gen::map(
        rc::gen::tuple(GenKey(), rc::gen::string<std::string>(),
                       rc::gen::container<std::vector<std::pair<std::string, std::optional<std::string>>>>(
                           rc::gen::map(rc::gen::tuple(GenKey(), rc::gen::arbitrary<bool>(),
                                                       rc::gen::string<std::string>()),
                                        [](const auto& kv) {
                                          auto [k, is_put, v] = kv;
                                          return std::make_pair(k, is_put ? std::optional<std::string>(v)
                                                                          : std::optional<std::string>());
                                        }))),
        [kind](const auto& t) {
          Op op;
          op.kind = kind;
          op.key = std::get<0>(t);
          op.value = std::get<1>(t);
          op.batch = std::get<2>(t);
          return op;
        });
  });
}

ByteSpan S(const std::string& s) { return chain::AsBytes(s); }

RC_GTEST_PROP(KvStoreModel, LevelDbMatchesAMapAcrossReopens, ()) {
  const auto ops = *rc::gen::container<std::vector<Op>>(GenOp());
  static int run = 0;
  const std::string dir = std::filesystem::temp_directory_path() /
                          ("kv-model-" + std::to_string(getpid()) + "-" + std::to_string(run++));
  std::filesystem::remove_all(dir);
  std::map<std::string, std::string> model;
  auto db = std::move(OpenLevelDb(dir)).value();

  auto check_get = [&](const std::string& key) {
    auto got = db->Get(S(key));
    RC_ASSERT(got.ok());
    auto it = model.find(key);
    if (it == model.end()) {
      RC_ASSERT(!got->has_value());
    } else {
      RC_ASSERT(got->has_value());
      RC_ASSERT(std::string((*got)->begin(), (*got)->end()) == it->second);
    }
  };
  auto check_scan = [&] {
    auto it = db->NewIterator();
    it->Seek({});
    auto m = model.begin();
    for (; it->Valid(); it->Next(), ++m) {
      RC_ASSERT(m != model.end());
      RC_ASSERT(std::string(it->key().begin(), it->key().end()) == m->first);
      RC_ASSERT(std::string(it->value().begin(), it->value().end()) == m->second);
    }
    RC_ASSERT(it->status().ok());
    RC_ASSERT(m == model.end());
  };

  for (const Op& op : ops) {
    switch (op.kind) {
      case 0: {
        WriteBatch b;
        b.Put(S(op.key), S(op.value));
        RC_ASSERT(db->Write(b, false).ok());
        model[op.key] = op.value;
        break;
      }
      case 1: {
        WriteBatch b;
        b.Delete(S(op.key));
        RC_ASSERT(db->Write(b, false).ok());
        model.erase(op.key);
        break;
      }
      case 2: {
        WriteBatch b;
        for (const auto& [k, v] : op.batch) {
          if (v) {
            b.Put(S(k), S(*v));
            model[k] = *v;
          } else {
            b.Delete(S(k));
            model.erase(k);
          }
        }
        RC_ASSERT(db->Write(b, true).ok());
        break;
      }
      case 3:
        check_get(op.key);
        break;
      case 4:
        check_scan();
        break;
      case 5:
        db.reset();
        db = std::move(OpenLevelDb(dir)).value();
        break;
    }
  }
  db.reset();
  db = std::move(OpenLevelDb(dir)).value();
  check_scan();
  db.reset();
  std::filesystem::remove_all(dir);
}

TEST(KvStoreModel, MemStoreBatchesAreAtomicAndOrdered) {
  auto db = NewMemKvStore();
  WriteBatch b;
  b.Put(S("a"), S("1"));
  b.Delete(S("a"));
  b.Put(S("b"), S("2"));
  ASSERT_TRUE(db->Write(b, true).ok());
  EXPECT_FALSE(db->Get(S("a"))->has_value());
  EXPECT_EQ(**db->Get(S("b")), chain::Bytes{'2'});
}

}  // namespace
}  // namespace tfchain::node
