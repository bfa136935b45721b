#include "node/state_db.h"

#include <gtest/gtest.h>

namespace tfchain::node {
namespace {

class CachedStateReaderTest : public ::testing::Test {
 protected:
  // What ChainState does at a commit: the store's batch, then the cache.
  void Commit(const contracts::StateWrites& writes) {
    WriteBatch batch;
    for (const auto& [key, value] : writes) {
      Bytes k{'S'};
      k.insert(k.end(), key.begin(), key.end());
      if (value) {
        batch.Put(k, *value);
      } else {
        batch.Delete(k);
      }
    }
    ASSERT_TRUE(kv_->Write(batch, true).ok());
    reader_.Update(writes);
  }
  std::optional<Bytes> Read(std::string_view key) {
    auto value = reader_.Get(chain::AsBytes(key));
    EXPECT_TRUE(value.ok()) << value.status().ToString();
    return value.ok() ? *value : std::nullopt;
  }

  std::unique_ptr<KvStore> kv_ = NewMemKvStore();
  ChainStore store_{*kv_};
  CachedStateReader reader_{store_, 8};  // tiny: the generations turn over within the test
};

TEST_F(CachedStateReaderTest, ReadsTheLatestCommittedValueWhateverWasCachedBefore) {
  Commit({{"alice", Bytes{1}}});
  EXPECT_EQ(Read("alice"), Bytes{1});
  EXPECT_EQ(Read("bob"), std::nullopt);  // absent: cached as absent
  Commit({{"alice", Bytes{2}}, {"bob", Bytes{3}}});
  EXPECT_EQ(Read("alice"), Bytes{2});
  EXPECT_EQ(Read("bob"), Bytes{3});
  Commit({{"alice", std::nullopt}});
  EXPECT_EQ(Read("alice"), std::nullopt);
  EXPECT_EQ(Read("bob"), Bytes{3});
}

TEST_F(CachedStateReaderTest, StaysRightAcrossEvictions) {
  contracts::StateWrites model;
  for (uint8_t round = 0; round < 20; ++round) {
    contracts::StateWrites writes;
    for (int k = 0; k < 5; ++k) {
      const std::string key = "key" + std::to_string((round * 3 + k) % 13);
      writes[key] = (round + k) % 4 == 0 ? std::nullopt : std::optional<Bytes>(Bytes{round, uint8_t(k)});
    }
    Commit(writes);
    for (const auto& [key, value] : writes) model[key] = value;
    // Read every key (hits, misses, old-generation promotions) and compare with the model.
    for (int k = 0; k < 13; ++k) {
      const std::string key = "key" + std::to_string(k);
      const auto it = model.find(key);
      EXPECT_EQ(Read(key), it == model.end() ? std::nullopt : it->second) << key << " after round " << int(round);
    }
  }
}

}  // namespace
}  // namespace tfchain::node
