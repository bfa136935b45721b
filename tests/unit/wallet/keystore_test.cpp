#include "wallet/keystore.h"

#include <gtest/gtest.h>
#include <sys/stat.h>

#include <nlohmann/json.hpp>

#include "chain/secret_uri.h"
#include "tests/unit/wallet/wallet_test_util.h"

namespace tfchain::wallet {
namespace {

using testing::FastKdf;
using testing::ReadFile;
using testing::TempDir;
using testing::WriteFile;

constexpr char kAliceAddress[] = "5FA9nQDVg267DEd8m1ZypXLBnvN7SFxYwV7ndqSYGiN9TTpu";

chain::SecretKey Alice(chain::KeyScheme scheme = chain::KeyScheme::kEd25519) {
  return std::move(chain::KeyFromUri("//Alice", scheme)).value();
}

mode_t ModeOf(const std::string& path) {
  struct stat st;
  EXPECT_EQ(stat(path.c_str(), &st), 0) << path;
  return st.st_mode & 0777;
}

class KeystoreTest : public ::testing::Test {
 protected:
  // The keystore lives in a subdirectory that does not exist yet.
  KeystoreTest() : keystore_(tmp_.path() + "/nested/keystore", Keystore::Options{FastKdf()}) {}

  // Stores alice, then rewrites her file through `edit`.
  void StoreAndEdit(const std::function<void(nlohmann::json&)>& edit) {
    ASSERT_TRUE(keystore_.Store("alice", Alice(), "pw").ok());
    const std::string path = keystore_.PathOf("alice");
    nlohmann::json doc = nlohmann::json::parse(ReadFile(path));
    edit(doc);
    WriteFile(path, doc.dump());
  }

  TempDir tmp_;
  Keystore keystore_;
};

TEST_F(KeystoreTest, RoundTripWithInteractiveKdf) {
  Keystore keystore(tmp_.path() + "/ks", Keystore::Options{LimitsFor(KdfStrength::kInteractive)});
  chain::SecretKey alice = Alice();
  ASSERT_TRUE(keystore.Store("alice", alice, "correct horse").ok());

  auto loaded = keystore.Load("alice", "correct horse");
  ASSERT_TRUE(loaded.ok()) << loaded.status().ToString();
  EXPECT_TRUE(loaded->public_key() == alice.public_key());
  EXPECT_TRUE(std::equal(loaded->seed().begin(), loaded->seed().end(), alice.seed().begin()));

  nlohmann::json doc = nlohmann::json::parse(ReadFile(keystore.PathOf("alice")));
  EXPECT_EQ(doc["version"], 1);
  EXPECT_EQ(doc["name"], "alice");
  EXPECT_EQ(doc["scheme"], "ed25519");
  EXPECT_EQ(doc["address"], kAliceAddress);
  EXPECT_EQ(doc["public_key"], chain::ToHex(alice.public_key().bytes()));
  EXPECT_EQ(doc["kdf"]["name"], "argon2id13");
  EXPECT_EQ(doc["kdf"]["opslimit"], crypto_pwhash_argon2id_OPSLIMIT_INTERACTIVE);
  EXPECT_EQ(doc["kdf"]["memlimit"], crypto_pwhash_argon2id_MEMLIMIT_INTERACTIVE);
  EXPECT_EQ(doc["cipher"]["name"], "xsalsa20poly1305");
  // The seed never appears in clear.
  const std::string seed_hex = chain::ToHex(alice.seed()).substr(2);
  EXPECT_EQ(ReadFile(keystore.PathOf("alice")).find(seed_hex), std::string::npos);
}

TEST_F(KeystoreTest, Secp256k1RoundTrip) {
  chain::SecretKey alice = Alice(chain::KeyScheme::kSecp256k1);
  ASSERT_TRUE(keystore_.Store("ecdsa", alice, "pw").ok());
  auto info = keystore_.Info("ecdsa");
  ASSERT_TRUE(info.ok()) << info.status().ToString();
  EXPECT_EQ(info->public_key.scheme(), chain::KeyScheme::kSecp256k1);
  auto loaded = keystore_.Load("ecdsa", "pw");
  ASSERT_TRUE(loaded.ok()) << loaded.status().ToString();
  EXPECT_TRUE(loaded->public_key() == alice.public_key());
}

TEST_F(KeystoreTest, FileAndDirectoryModes) {
  ASSERT_TRUE(keystore_.Store("alice", Alice(), "pw").ok());
  EXPECT_EQ(ModeOf(keystore_.dir()), 0700u);
  EXPECT_EQ(ModeOf(tmp_.path() + "/nested"), 0700u);
  EXPECT_EQ(ModeOf(keystore_.PathOf("alice")), 0600u);
  // No temporary file is left behind.
  auto listing = keystore_.List();
  ASSERT_TRUE(listing.ok());
  EXPECT_EQ(listing->keys.size(), 1u);
  size_t entries = 0;
  for ([[maybe_unused]] const auto& entry : std::filesystem::directory_iterator(keystore_.dir())) ++entries;
  EXPECT_EQ(entries, 1u);
}

TEST_F(KeystoreTest, WrongPassword) {
  ASSERT_TRUE(keystore_.Store("alice", Alice(), "right").ok());
  auto loaded = keystore_.Load("alice", "wrong");
  ASSERT_FALSE(loaded.ok());
  EXPECT_EQ(loaded.status().reason(), "wrong-password");
  EXPECT_EQ(loaded.status().detail(), "wrong password for key 'alice'");
  EXPECT_EQ(keystore_.Load("alice", "").status().reason(), "wrong-password");
}

TEST_F(KeystoreTest, NeverOverwrites) {
  ASSERT_TRUE(keystore_.Store("alice", Alice(), "one").ok());
  const std::string before = ReadFile(keystore_.PathOf("alice"));
  chain::Status again =
      keystore_.Store("alice", std::move(chain::KeyFromUri("//Bob", chain::KeyScheme::kEd25519)).value(), "two");
  EXPECT_EQ(again.reason(), "key-exists");
  EXPECT_NE(again.detail().find("alice"), std::string_view::npos);
  EXPECT_EQ(ReadFile(keystore_.PathOf("alice")), before);
  EXPECT_TRUE(keystore_.Load("alice", "one").ok());
}

TEST_F(KeystoreTest, RejectsEmptyPassword) {
  EXPECT_EQ(keystore_.Store("alice", Alice(), "").reason(), "empty-password");
  EXPECT_FALSE(keystore_.Exists("alice"));
}

TEST_F(KeystoreTest, NameValidation) {
  for (const char* good : {"a", "alice", "Alice_2", "x-y", "0123456789abcdef0123456789ABCDEF"}) {
    EXPECT_TRUE(Keystore::ValidateName(good).ok()) << good;
  }
  for (const char* bad :
       {"", "a b", "../x", "a/b", "a.json", "ünï", "0123456789abcdef0123456789ABCDEF0", ".hidden", "//Alice"}) {
    EXPECT_EQ(Keystore::ValidateName(bad).reason(), "bad-key-name") << bad;
    EXPECT_EQ(keystore_.Store(bad, Alice(), "pw").reason(), "bad-key-name") << bad;
    EXPECT_EQ(keystore_.Info(bad).status().reason(), "bad-key-name") << bad;
  }
}

TEST_F(KeystoreTest, UnknownKey) {
  auto info = keystore_.Info("nobody");
  EXPECT_EQ(info.status().reason(), "unknown-key");
  EXPECT_EQ(info.status().code(), chain::Status::Code::kNotFound);
  EXPECT_EQ(keystore_.Load("nobody", "pw").status().reason(), "unknown-key");
}

TEST_F(KeystoreTest, ListNeedsNoPassword) {
  ASSERT_TRUE(
      keystore_.Store("bob", std::move(chain::KeyFromUri("//Bob", chain::KeyScheme::kEd25519)).value(), "pw").ok());
  ASSERT_TRUE(keystore_.Store("alice", Alice(), "other").ok());
  WriteFile(keystore_.dir() + "/README.txt", "not a key");
  WriteFile(keystore_.dir() + "/broken.json", "{");

  auto listing = keystore_.List();
  ASSERT_TRUE(listing.ok()) << listing.status().ToString();
  ASSERT_EQ(listing->keys.size(), 2u);
  EXPECT_EQ(listing->keys[0].name, "alice");
  EXPECT_EQ(listing->keys[0].address, kAliceAddress);
  EXPECT_EQ(listing->keys[1].name, "bob");
  ASSERT_EQ(listing->problems.size(), 1u);
  EXPECT_EQ(listing->problems[0].reason(), "corrupt-key-file");
  EXPECT_NE(listing->problems[0].detail().find("broken.json"), std::string_view::npos);
}

TEST_F(KeystoreTest, ListOfMissingDirectoryIsEmpty) {
  auto listing = keystore_.List();
  ASSERT_TRUE(listing.ok());
  EXPECT_TRUE(listing->keys.empty());
}

TEST_F(KeystoreTest, TamperedCiphertextOrSaltOrNonceFailsToDecrypt) {
  for (const auto& [group, field] : std::vector<std::pair<std::string, std::string>>{
           {"cipher", "ciphertext"}, {"kdf", "salt"}, {"cipher", "nonce"}}) {
    TempDir dir;
    Keystore keystore(dir.path(), Keystore::Options{FastKdf()});
    ASSERT_TRUE(keystore.Store("alice", Alice(), "pw").ok());
    nlohmann::json doc = nlohmann::json::parse(ReadFile(keystore.PathOf("alice")));
    std::string hex = doc[group][field];
    hex.back() = hex.back() == '0' ? '1' : '0';  // flip one bit
    doc[group][field] = hex;
    WriteFile(keystore.PathOf("alice"), doc.dump());
    auto loaded = keystore.Load("alice", "pw");
    ASSERT_FALSE(loaded.ok()) << field;
    EXPECT_EQ(loaded.status().reason(), "wrong-password") << field;
  }
}

TEST_F(KeystoreTest, TamperedPublicDataIsCorruption) {
  // A public key that does not match the encrypted seed (address made consistent).
  StoreAndEdit([](nlohmann::json& doc) {
    chain::SecretKey bob = std::move(chain::KeyFromUri("//Bob", chain::KeyScheme::kEd25519)).value();
    doc["public_key"] = chain::ToHex(bob.public_key().bytes());
    doc["address"] = chain::ToSs58(bob.account_id());
  });
  auto loaded = keystore_.Load("alice", "pw");
  ASSERT_FALSE(loaded.ok());
  EXPECT_EQ(loaded.status().reason(), "corrupt-key-file");
  EXPECT_EQ(loaded.status().code(), chain::Status::Code::kCorruption);
  EXPECT_NE(loaded.status().detail().find(keystore_.PathOf("alice")), std::string_view::npos);
}

TEST_F(KeystoreTest, MalformedFilesNameTheFile) {
  const std::vector<std::pair<std::string, std::function<void(nlohmann::json&)>>> edits = {
      {"address", [](nlohmann::json& d) { d["address"] = "5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQY"; }},
      {"name", [](nlohmann::json& d) { d["name"] = "mallory"; }},
      {"version", [](nlohmann::json& d) { d["version"] = 2; }},
      {"scheme", [](nlohmann::json& d) { d["scheme"] = "rsa"; }},
      {"public_key", [](nlohmann::json& d) { d["public_key"] = "0x1234"; }},
      {"kdf", [](nlohmann::json& d) { d["kdf"]["name"] = "scrypt"; }},
      {"opslimit", [](nlohmann::json& d) { d["kdf"]["opslimit"] = 1000; }},
      {"memlimit", [](nlohmann::json& d) { d["kdf"]["memlimit"] = 1ull << 40; }},
      {"salt", [](nlohmann::json& d) { d["kdf"]["salt"] = "0x00"; }},
      {"nonce", [](nlohmann::json& d) { d["cipher"]["nonce"] = "zz"; }},
      {"ciphertext", [](nlohmann::json& d) { d["cipher"]["ciphertext"] = "0x0011"; }},
      {"cipher", [](nlohmann::json& d) { d.erase("cipher"); }},
      {"kdf", [](nlohmann::json& d) { d["kdf"] = 5; }},
  };
  for (const auto& [what, edit] : edits) {
    TempDir dir;
    Keystore keystore(dir.path(), Keystore::Options{FastKdf()});
    ASSERT_TRUE(keystore.Store("alice", Alice(), "pw").ok());
    nlohmann::json doc = nlohmann::json::parse(ReadFile(keystore.PathOf("alice")));
    edit(doc);
    WriteFile(keystore.PathOf("alice"), doc.dump());
    auto loaded = keystore.Load("alice", "pw");
    ASSERT_FALSE(loaded.ok()) << what;
    EXPECT_EQ(loaded.status().reason(), "corrupt-key-file") << what << ": " << loaded.status().ToString();
    EXPECT_NE(loaded.status().detail().find(keystore.PathOf("alice")), std::string_view::npos) << what;
    EXPECT_NE(loaded.status().detail().find(what), std::string_view::npos) << loaded.status().ToString();
  }
}

TEST_F(KeystoreTest, NotJsonIsCorruption) {
  ASSERT_TRUE(keystore_.Store("alice", Alice(), "pw").ok());
  for (const std::string& text : std::vector<std::string>{"", "not json", "[1,2]", std::string(70'000, ' ')}) {
    WriteFile(keystore_.PathOf("alice"), text);
    EXPECT_EQ(keystore_.Info("alice").status().reason(), "corrupt-key-file");
    EXPECT_EQ(keystore_.Load("alice", "pw").status().reason(), "corrupt-key-file");
  }
}

}  // namespace
}  // namespace tfchain::wallet
