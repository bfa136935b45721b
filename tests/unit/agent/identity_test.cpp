#include "farmer-agent/identity.h"

#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include <gtest/gtest.h>

#include "chain/account_id.h"

namespace tfchain::agent {
namespace {

// A fresh directory under the system temp dir, removed at the end.
class TempDir {
 public:
  TempDir() {
    path_ = (std::filesystem::temp_directory_path() / ("tft-identity-" + std::to_string(::getpid()) + "-" +
                                                       std::to_string(counter_++)))
                .string();
    std::filesystem::remove_all(path_);
  }
  ~TempDir() { std::filesystem::remove_all(path_); }
  const std::string& path() const { return path_; }

 private:
  static inline int counter_ = 0;
  std::string path_;
};

void WriteFile(const std::string& path, const std::string& text, mode_t mode) {
  std::ofstream(path) << text;
  ASSERT_EQ(::chmod(path.c_str(), mode), 0);
}

TEST(Identity, CreatesThenLoadsSameKeyWithMode0600) {
  TempDir dir;
  std::string data = dir.path() + "/nested/data";
  auto first = LoadOrCreateNodeKey(data);
  ASSERT_TRUE(first.ok()) << first.status().ToString();
  struct stat st {};
  ASSERT_EQ(::stat(NodeKeyPath(data).c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0600u);
  auto second = LoadOrCreateNodeKey(data);
  ASSERT_TRUE(second.ok()) << second.status().ToString();
  EXPECT_EQ(first->account_id(), second->account_id());
  EXPECT_EQ(first->scheme(), chain::KeyScheme::kEd25519);
  EXPECT_EQ(chain::ToSs58(first->account_id())[0], '5');
}

TEST(Identity, TwoDirectoriesGetDifferentKeys) {
  TempDir a, b;
  auto ka = LoadOrCreateNodeKey(a.path());
  auto kb = LoadOrCreateNodeKey(b.path());
  ASSERT_TRUE(ka.ok() && kb.ok());
  EXPECT_NE(ka->account_id(), kb->account_id());
}

TEST(Identity, LoadsAKnownSeed) {
  TempDir dir;
  std::filesystem::create_directories(dir.path());
  std::string seed(64, 'a');
  WriteFile(NodeKeyPath(dir.path()), seed + "\n", 0600);
  auto key = LoadOrCreateNodeKey(dir.path());
  ASSERT_TRUE(key.ok()) << key.status().ToString();
  auto bytes = chain::FromHex(seed);
  auto expected = chain::SecretKey::FromSeed(chain::KeyScheme::kEd25519, *bytes);
  EXPECT_EQ(key->account_id(), expected->account_id());
}

TEST(Identity, RejectsBadAndInsecureFiles) {
  TempDir dir;
  std::filesystem::create_directories(dir.path());
  std::string path = NodeKeyPath(dir.path());
  WriteFile(path, "not hex\n", 0600);
  auto bad = LoadOrCreateNodeKey(dir.path());
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.status().reason(), "bad-key-file");
  WriteFile(path, std::string(62, 'a') + "\n", 0600);
  EXPECT_EQ(LoadOrCreateNodeKey(dir.path()).status().reason(), "bad-key-file");
  WriteFile(path, std::string(64, 'a') + "\n", 0644);
  auto insecure = LoadOrCreateNodeKey(dir.path());
  ASSERT_FALSE(insecure.ok());
  EXPECT_EQ(insecure.status().reason(), "insecure-key-file");
  // Nothing was overwritten.
  std::ifstream in(path);
  std::string text;
  std::getline(in, text);
  EXPECT_EQ(text, std::string(64, 'a'));
}

TEST(Identity, UncreatableDirectoryIsIoError) {
  TempDir dir;
  std::filesystem::create_directories(dir.path());
  WriteFile(dir.path() + "/file", "x", 0600);
  auto r = LoadOrCreateNodeKey(dir.path() + "/file/sub");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().reason(), "key-file-io");
}

}  // namespace
}  // namespace tfchain::agent
