// key generate | inspect | import | list, run through RunTfwallet as the binary would.
#include <gtest/gtest.h>

#include "chain/bip39.h"
#include "chain/secret_uri.h"
#include "tests/unit/wallet/wallet_test_util.h"

namespace tfchain::wallet {
namespace {

using testing::WalletRunner;

constexpr char kAliceAddress[] = "5FA9nQDVg267DEd8m1ZypXLBnvN7SFxYwV7ndqSYGiN9TTpu";
constexpr char kAlicePublic[] = "0x88dc3417d5058ec4b4503e0c12ea1a0a89be200fe98922423d4334014fa6b0ee";
// //Alice as secp256k1 (subkey inspect --scheme ecdsa //Alice).
constexpr char kAliceEcdsaPublic[] = "0x020a1091341fe5664bfa1782d5e04779689068c916b04cb365ec3153755684d9a1";
constexpr char kAliceEcdsaAddress[] = "5C7C2Z5sWbytvHpuLTvzKunnnRwQxft1jiqrLD5rhucQ5S9X";

TEST(KeyInspect, DevAccountAlice) {
  WalletRunner w;
  ASSERT_EQ(w.Run({"key", "inspect", "//Alice"}), 0) << w.err();
  EXPECT_NE(w.out().find(kAliceAddress), std::string::npos) << w.out();

  ASSERT_EQ(w.Run({"--json", "key", "inspect", "//Alice"}), 0) << w.err();
  nlohmann::json doc = w.OutJson();
  EXPECT_EQ(doc["address"], kAliceAddress);
  EXPECT_EQ(doc["public_key"], kAlicePublic);
  EXPECT_EQ(doc["account_id"], kAlicePublic);
  EXPECT_EQ(doc["scheme"], "ed25519");
  EXPECT_FALSE(doc.contains("secret_uri"));
  EXPECT_FALSE(doc.contains("phrase"));
  EXPECT_FALSE(doc.contains("seed"));
}

TEST(KeyInspect, NeverPrintsTheSecret) {
  WalletRunner w;
  const std::string phrase = std::string(chain::kDevPhrase);
  ASSERT_EQ(w.Run({"key", "inspect", phrase + "//Alice"}), 0) << w.err();
  EXPECT_NE(w.out().find(kAliceAddress), std::string::npos);
  EXPECT_EQ(w.out().find("bottom"), std::string::npos);
  EXPECT_EQ(w.err().find("bottom"), std::string::npos);
}

TEST(KeyInspect, Secp256k1) {
  WalletRunner w;
  ASSERT_EQ(w.Run({"--json", "key", "inspect", "//Alice", "--scheme", "secp256k1"}), 0) << w.err();
  EXPECT_EQ(w.OutJson()["public_key"], kAliceEcdsaPublic);
  EXPECT_EQ(w.OutJson()["address"], kAliceEcdsaAddress);
  EXPECT_EQ(w.OutJson()["scheme"], "secp256k1");
}

TEST(KeyInspect, PublicInputs) {
  WalletRunner w;
  ASSERT_EQ(w.Run({"--json", "key", "inspect", kAliceAddress}), 0) << w.err();
  EXPECT_EQ(w.OutJson()["account_id"], kAlicePublic);
  EXPECT_EQ(w.OutJson()["address"], kAliceAddress);

  ASSERT_EQ(w.Run({"--json", "key", "inspect", kAlicePublic, "--public"}), 0) << w.err();
  EXPECT_EQ(w.OutJson()["address"], kAliceAddress);
  EXPECT_EQ(w.OutJson()["scheme"], "ed25519");

  ASSERT_EQ(w.Run({"--json", "key", "inspect", kAliceEcdsaPublic}), 0) << w.err();
  EXPECT_EQ(w.OutJson()["address"], kAliceEcdsaAddress);
  EXPECT_EQ(w.OutJson()["scheme"], "secp256k1");
}

TEST(KeyInspect, SeedHexIsASecret) {
  WalletRunner w;
  // Without --public, 32 bytes of hex are a seed (Substrate semantics), not a key.
  ASSERT_EQ(w.Run({"--json", "key", "inspect", kAlicePublic}), 0) << w.err();
  EXPECT_NE(w.OutJson()["address"], kAliceAddress);
  auto key = chain::KeyFromUri(kAlicePublic, chain::KeyScheme::kEd25519);
  ASSERT_TRUE(key.ok());
  EXPECT_EQ(w.OutJson()["address"], chain::ToSs58(key->account_id()));
}

TEST(KeyInspect, ReadsStdin) {
  WalletRunner w;
  w.SetStdin("//Alice\n");
  ASSERT_EQ(w.Run({"--json", "key", "inspect", "-"}), 0) << w.err();
  EXPECT_EQ(w.OutJson()["address"], kAliceAddress);
  w.SetStdin("");
  EXPECT_EQ(w.Run({"key", "inspect", "-"}), 1);
  EXPECT_NE(w.err().find("stdin is empty"), std::string::npos);
}

TEST(KeyInspect, BadInputsFailWithOneClearLine) {
  WalletRunner w;
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"5FA9nQDVg267DEd8m1ZypXLBnvN7SFxYwV7ndqSYGiN9TTpv", "error: bad-ss58-checksum"},
      {"abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon",
       "error: bad-mnemonic-checksum"},
      {"abandon abandon", "error: bad-mnemonic-length"},
      {"//Alice/soft", "error: soft-junction-unsupported"},
      {"0x1234", "error: bad-key-input"},
      {"0xzz", "error: bad-hex"},
  };
  for (const auto& [input, expected] : cases) {
    EXPECT_EQ(w.Run({"key", "inspect", input}), 1) << input;
    EXPECT_EQ(w.out(), "") << input;
    EXPECT_EQ(w.err().rfind(expected, 0), 0u) << input << " -> " << w.err();
    const std::string err = w.err();
    EXPECT_EQ(std::count(err.begin(), err.end(), '\n'), 1) << err;
  }
  EXPECT_EQ(w.Run({"key", "inspect", "//Alice", "--public"}), 1);
  EXPECT_NE(w.err().find("--public"), std::string::npos);
}

TEST(KeyGenerate, PhraseFromInjectedEntropy) {
  WalletRunner w;
  w.context().random = [](std::span<uint8_t> out) { std::fill(out.begin(), out.end(), 0); };
  ASSERT_EQ(w.Run({"--json", "key", "generate"}), 0) << w.err();
  nlohmann::json doc = w.OutJson();
  const std::string twelve =
      "abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon about";
  EXPECT_EQ(doc["phrase"], twelve);
  EXPECT_EQ(doc["scheme"], "ed25519");
  auto key = chain::KeyFromUri(twelve, chain::KeyScheme::kEd25519);
  ASSERT_TRUE(key.ok());
  EXPECT_EQ(doc["address"], chain::ToSs58(key->account_id()));
  EXPECT_EQ(doc["public_key"], chain::ToHex(key->public_key().bytes()));

  ASSERT_EQ(w.Run({"--json", "key", "generate", "--words", "24", "--scheme", "secp256k1"}), 0) << w.err();
  doc = w.OutJson();
  std::string phrase = doc["phrase"];
  EXPECT_EQ(std::count(phrase.begin(), phrase.end(), ' '), 23);
  EXPECT_TRUE(phrase.ends_with(" art"));
  EXPECT_EQ(doc["scheme"], "secp256k1");
}

TEST(KeyGenerate, FreshPhrasesDiffer) {
  WalletRunner w;
  ASSERT_EQ(w.Run({"--json", "key", "generate"}), 0);
  std::string first = w.OutJson()["phrase"];
  ASSERT_EQ(w.Run({"--json", "key", "generate"}), 0);
  EXPECT_NE(w.OutJson()["phrase"], first);
  EXPECT_TRUE(chain::MnemonicToEntropy(first).ok());
  // Human output warns on stderr to keep the phrase safe.
  ASSERT_EQ(w.Run({"key", "generate"}), 0);
  EXPECT_NE(w.out().find("Secret phrase:"), std::string::npos);
  EXPECT_NE(w.err().find("keep it safe"), std::string::npos);
}

TEST(KeyGenerate, WithNameStoresTheKey) {
  WalletRunner w;
  w.SetPasswords({"pw", "pw"});
  ASSERT_EQ(w.Run({"--json", "key", "generate", "--name", "fresh"}), 0) << w.err();
  nlohmann::json doc = w.OutJson();
  EXPECT_EQ(doc["name"], "fresh");
  ASSERT_EQ(w.passwords().prompts.size(), 1u);
  auto loaded = w.keystore().Load("fresh", "pw");
  ASSERT_TRUE(loaded.ok()) << loaded.status().ToString();
  EXPECT_EQ(chain::ToSs58(loaded->account_id()), doc["address"]);
  // The stored key is the phrase's key.
  auto from_phrase = chain::KeyFromUri(doc["phrase"].get<std::string>(), chain::KeyScheme::kEd25519);
  EXPECT_TRUE(from_phrase->public_key() == loaded->public_key());
}

TEST(KeyGenerate, MismatchedPasswordsStoreNothing) {
  WalletRunner w;
  w.SetPasswords({"one", "two"});
  EXPECT_EQ(w.Run({"key", "generate", "--name", "fresh"}), 1);
  EXPECT_NE(w.err().find("password-mismatch"), std::string::npos);
  EXPECT_EQ(w.out(), "");  // the phrase of an unsaved key is not shown either
  EXPECT_FALSE(w.keystore().Exists("fresh"));
}

TEST(KeyImport, ImportListAndNoOverwrite) {
  WalletRunner w;
  w.SetPasswords({"pw", "pw"});
  ASSERT_EQ(w.Run({"--json", "key", "import", "alice", "//Alice"}), 0) << w.err();
  EXPECT_EQ(w.OutJson()["address"], kAliceAddress);
  EXPECT_EQ(w.OutJson()["name"], "alice");
  EXPECT_EQ(w.passwords().prompts.at(0), "New password for key 'alice': ");

  w.SetStdin("//Bob\n");
  w.SetPasswords({"pw2", "pw2"});
  ASSERT_EQ(w.Run({"key", "import", "bob", "-", "--scheme", "secp256k1"}), 0) << w.err();

  w.SetPasswords({});  // listing needs no password
  ASSERT_EQ(w.Run({"key", "list"}), 0) << w.err();
  EXPECT_NE(w.out().find("NAME"), std::string::npos);
  EXPECT_NE(w.out().find("alice"), std::string::npos);
  EXPECT_NE(w.out().find(kAliceAddress), std::string::npos);
  EXPECT_NE(w.out().find("secp256k1"), std::string::npos);
  ASSERT_EQ(w.Run({"--json", "key", "list"}), 0);
  nlohmann::json doc = w.OutJson();
  ASSERT_EQ(doc["keys"].size(), 2u);
  EXPECT_EQ(doc["keys"][0]["name"], "alice");
  EXPECT_EQ(doc["keys"][1]["name"], "bob");
  EXPECT_EQ(doc["keys"][1]["scheme"], "secp256k1");
  EXPECT_TRUE(w.passwords().prompts.empty());

  // A second import under the same name fails before asking for a password.
  w.SetPasswords({"x", "x"});
  EXPECT_EQ(w.Run({"key", "import", "alice", "//Bob"}), 1);
  EXPECT_NE(w.err().find("error: key-exists: a key named 'alice' already exists"), std::string::npos) << w.err();
  EXPECT_TRUE(w.passwords().prompts.empty());
  EXPECT_TRUE(w.keystore().Load("alice", "pw").ok());
}

TEST(KeyImport, BadInputsStoreNothing) {
  WalletRunner w;
  w.SetPasswords({"pw", "pw"});
  EXPECT_EQ(w.Run({"key", "import", "bad name", "//Alice"}), 1);
  EXPECT_NE(w.err().find("bad-key-name"), std::string::npos);
  EXPECT_EQ(w.Run({"key", "import", "alice", "abandon abandon"}), 1);
  EXPECT_NE(w.err().find("bad-mnemonic-length"), std::string::npos);
  EXPECT_TRUE(w.passwords().prompts.empty());
  w.SetPasswords({"", ""});
  EXPECT_EQ(w.Run({"key", "import", "alice", "//Alice"}), 1);
  EXPECT_NE(w.err().find("empty-password"), std::string::npos);
  EXPECT_FALSE(w.keystore().Exists("alice"));
}

TEST(KeyList, EmptyAndMissingKeystore) {
  WalletRunner w;
  ASSERT_EQ(w.Run({"key", "list"}), 0);
  EXPECT_NE(w.out().find("No keys"), std::string::npos);
  w.env().clear();
  EXPECT_EQ(w.RunRaw({"key", "list"}), 1);
  EXPECT_NE(w.err().find("error: no-keystore"), std::string::npos);
}

TEST(RunTfwallet, ExitCodes) {
  WalletRunner w;
  EXPECT_EQ(w.RunRaw({"--help"}), 0);
  EXPECT_NE(w.out().find("Usage: tfwallet"), std::string::npos);
  EXPECT_EQ(w.RunRaw({"help", "transfer"}), 0);
  EXPECT_NE(w.out().find("--dry-run"), std::string::npos);
  EXPECT_EQ(w.RunRaw({"frobnicate"}), 2);
  EXPECT_EQ(w.err(), "error: unknown command 'frobnicate' (see 'tfwallet --help')\n");
  EXPECT_EQ(w.RunRaw({"transfer", "--from", "a", "--to", "b", "--amount", "1.12345678"}), 2);
  EXPECT_EQ(w.err().rfind("error: bad-amount: ", 0), 0u) << w.err();
  EXPECT_EQ(w.RunRaw({}), 2);
  EXPECT_EQ(w.out(), "");
}

}  // namespace
}  // namespace tfchain::wallet
