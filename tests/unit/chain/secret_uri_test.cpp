// Substrate secret URIs: the well-known development keys (as printed by subkey and
// listed in sp-keyring), sp-core's derivation vectors, and malformed URIs.
#include "chain/secret_uri.h"

#include <gtest/gtest.h>

#include <string>

#include "chain/account_id.h"

namespace tfchain::chain {
namespace {

Bytes Hex(std::string_view hex) { return FromHex(hex).value(); }

std::string PublicHex(std::string_view uri, KeyScheme scheme) {
  auto key = KeyFromUri(uri, scheme);
  if (!key.ok()) return "error: " + key.status().ToString();
  return ToHex(key->public_key().bytes());
}

std::string SeedHex(std::string_view uri, KeyScheme scheme) {
  auto key = KeyFromUri(uri, scheme);
  if (!key.ok()) return "error: " + key.status().ToString();
  return ToHex(key->seed());
}

std::string Reason(std::string_view uri, KeyScheme scheme = KeyScheme::kEd25519) {
  auto key = KeyFromUri(uri, scheme);
  return key.ok() ? "ok" : std::string(key.status().reason());
}

TEST(SecretUriTest, Ed25519DevelopmentAccounts) {
  // sp-keyring's ed25519 Keyring (the GRANDPA keys of dev chains).
  const std::pair<const char*, const char*> accounts[] = {
      {"//Alice", "0x88dc3417d5058ec4b4503e0c12ea1a0a89be200fe98922423d4334014fa6b0ee"},
      {"//Bob", "0xd17c2d7823ebf260fd138f2d7e27d114c0145d968b5ff5006125f2414fadae69"},
      {"//Charlie", "0x439660b36c6c03afafca027b910b4fecf99801834c62a5e6006f27d978de234f"},
      {"//Dave", "0x5e639b43e0052c47447dac87d6fd2b6ec50bdd4d0f614e4299c665249bbd09d9"},
      {"//Eve", "0x1dfe3e22cc0d45c70779c1095f7489a8ef3cf52d62fbd8c2fa38c9f1723502b5"},
      {"//Ferdie", "0x568cb4a574c6d178feb39c27dfc8b3f789e5f5423e19c71633c748b9acf086b5"},
      {"//Alice//stash", "0x451781cd0c5504504f69ceec484cc66e4c22a2b6a9d20fb1a426d91ad074a2a8"},
      {"//Bob//stash", "0x292684abbb28def63807c5f6e84e9e8689769eb37b1ab130d79dbfbf1b9a0d44"},
      {"//Charlie//stash", "0xdd6a6118b6c11c9c9e5a4f34ed3d545e2c74190f90365c60c230fa82e9423bb9"},
      {"//Dave//stash", "0x1d0432d75331ab299065bee79cdb1bdc2497c597a3087b4d955c67e3c000c1e2"},
  };
  for (const auto& [uri, public_key] : accounts) {
    EXPECT_EQ(PublicHex(uri, KeyScheme::kEd25519), public_key) << uri;
  }
}

TEST(SecretUriTest, AliceEd25519MatchesSubkeyInspect) {
  // subkey inspect --scheme ed25519 //Alice
  auto alice = KeyFromUri("//Alice", KeyScheme::kEd25519);
  ASSERT_TRUE(alice.ok());
  EXPECT_EQ(ToHex(alice->seed()), "0xabf8e5bdbe30c65656c0a3cbd181ff8a56294a69dfedd27982aace4a76909115");
  EXPECT_EQ(ToSs58(alice->account_id()), "5FA9nQDVg267DEd8m1ZypXLBnvN7SFxYwV7ndqSYGiN9TTpu");
  // The explicit dev phrase is the same key.
  EXPECT_EQ(PublicHex(std::string(kDevPhrase) + "//Alice", KeyScheme::kEd25519),
            "0x88dc3417d5058ec4b4503e0c12ea1a0a89be200fe98922423d4334014fa6b0ee");
}

TEST(SecretUriTest, EcdsaDevelopmentAccounts) {
  // subkey inspect --scheme ecdsa //Alice
  auto alice = KeyFromUri("//Alice", KeyScheme::kSecp256k1);
  ASSERT_TRUE(alice.ok());
  EXPECT_EQ(ToHex(alice->seed()), "0xcb6df9de1efca7a3998a8ead4e02159d5fa99c3e0d4fd6432667390bb4726854");
  EXPECT_EQ(ToHex(alice->public_key().bytes()),
            "0x020a1091341fe5664bfa1782d5e04779689068c916b04cb365ec3153755684d9a1");
  EXPECT_EQ(alice->account_id().Hex(), "0x01e552298e47454041ea31273b4b630c64c104e4514aa3643490b8aaca9cf8ed");
  EXPECT_EQ(ToSs58(alice->account_id()), "5C7C2Z5sWbytvHpuLTvzKunnnRwQxft1jiqrLD5rhucQ5S9X");
  EXPECT_EQ(PublicHex("//Bob", KeyScheme::kSecp256k1),
            "0x0390084fdbf27d2b79d26a4f13f0ccd982cb755a661969143c37cbc49ef5b91f27");
}

TEST(SecretUriTest, DevPhraseWithoutJunctionsIsTheDevSeed) {
  EXPECT_EQ(SeedHex(kDevPhrase, KeyScheme::kEd25519),
            "0xfac7959dbfe72f052e5a0c3c8d6530f202b02fd8f9f5ca3580ec8deb7797479e");
  // A phrase may carry extra spaces.
  EXPECT_EQ(SeedHex("  bottom drive obey lake curtain smoke basket hold race lonely fit  walk ", KeyScheme::kEd25519),
            "0xfac7959dbfe72f052e5a0c3c8d6530f202b02fd8f9f5ca3580ec8deb7797479e");
}

TEST(SecretUriTest, RawSeedAndNumericJunction) {
  // sp-core seed_and_derive_should_work: the seed 9d61..7f60 derived by the hard
  // junction whose chain code is 32 zero bytes, which is what "//0" encodes to (u64 0).
  const std::string seed = "0x9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60";
  EXPECT_EQ(SeedHex(seed, KeyScheme::kEd25519), seed);
  EXPECT_EQ(PublicHex(seed, KeyScheme::kEd25519), "0xd75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a");
  EXPECT_EQ(PublicHex(seed, KeyScheme::kSecp256k1),
            "0x028db55b05db86c0b1786ca49f095d76344c9e6056b2f02701a7e7f3c20aabfd91");
  EXPECT_EQ(SeedHex(seed + "//0", KeyScheme::kEd25519),
            "0xede3354e133f9c8e337ddd6ee5415ed4b4ffe5fc7d21e933f4930a3730e5b21c");
  EXPECT_EQ(SeedHex(seed + "//0", KeyScheme::kSecp256k1),
            "0xb8eefc4937200a8382d00050e050ced2d4ab72cc2ef1b061477afb51564fdd61");
  // Rust's u64 parsing: "+0" and "000" are the number 0 as well.
  EXPECT_EQ(SeedHex(seed + "//+0", KeyScheme::kEd25519), SeedHex(seed + "//0", KeyScheme::kEd25519));
  EXPECT_EQ(SeedHex(seed + "//000", KeyScheme::kEd25519), SeedHex(seed + "//0", KeyScheme::kEd25519));
  // The password is ignored for a raw seed, as in Substrate.
  EXPECT_EQ(SeedHex(seed + "///secret", KeyScheme::kEd25519), seed);
  // Upper-case hex digits are fine.
  EXPECT_EQ(PublicHex("0x9D61B19DEFFD5A60BA844AF492EC2CC44449C5697B326919703BAC031CAE7F60", KeyScheme::kEd25519),
            "0xd75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a");
}

TEST(SecretUriTest, JunctionEncodings) {
  const std::string seed = "0x9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60";
  const auto derive = [&](std::string_view path) { return SeedHex(seed + std::string(path), KeyScheme::kEd25519); };
  // A number and a string spelling differ ("1" the u64 vs "-1"/"1a" strings).
  EXPECT_NE(derive("//1"), derive("//-1"));
  EXPECT_NE(derive("//1"), derive("//1a"));
  EXPECT_EQ(derive("//18446744073709551615"), derive("//+18446744073709551615"));
  // One past u64::MAX is a string, not a wrapped number.
  EXPECT_NE(derive("//18446744073709551616"), derive("//0"));
  // Junctions apply in order.
  EXPECT_NE(derive("//a//b"), derive("//b//a"));
  // Strings whose encoding exceeds 32 bytes are hashed, not truncated: two codes that
  // share their first 40 bytes still differ.
  const std::string long_a = std::string(40, 'x') + "a";
  const std::string long_b = std::string(40, 'x') + "b";
  EXPECT_NE(derive("//" + long_a), derive("//" + long_b));
  // Up to 31 characters (32 encoded bytes) are padded, so 31 and 32 characters take
  // different paths; both work.
  EXPECT_NE(derive("//" + std::string(31, 'y')), derive("//" + std::string(32, 'y')));
  // Any character but '/' may appear in a junction.
  EXPECT_EQ(Reason(seed + "//hello world!@#$%^&*()", KeyScheme::kEd25519), "ok");
}

TEST(SecretUriTest, PasswordChangesThePhraseSeed) {
  const std::string with_password = PublicHex("//Alice///password", KeyScheme::kEd25519);
  EXPECT_NE(with_password, PublicHex("//Alice", KeyScheme::kEd25519));
  EXPECT_EQ(with_password, PublicHex(std::string(kDevPhrase) + "//Alice///password", KeyScheme::kEd25519));
  // An empty password is no password.
  EXPECT_EQ(PublicHex("//Alice///", KeyScheme::kEd25519), PublicHex("//Alice", KeyScheme::kEd25519));
  // The password is everything after "///", slashes included.
  EXPECT_NE(PublicHex("//Alice///a/b", KeyScheme::kEd25519), PublicHex("//Alice///a", KeyScheme::kEd25519));
  EXPECT_EQ(Reason("///password"), "ok");
}

TEST(SecretUriTest, PasswordVectorEcdsa) {
  // ecdsa::Pair::from_string("//Alice///password").sign(b"Hello, World!") in a
  // published Substrate-based test; RFC 6979 makes the signature a known answer.
  auto key = KeyFromUri("//Alice///password", KeyScheme::kSecp256k1);
  ASSERT_TRUE(key.ok());
  EXPECT_EQ(ToHex(key->Sign(AsBytes("Hello, World!")).bytes()),
            "0x1165d9a3bd097685d04fb54b9c0e312aba2617ebeee84664055b789e454b29826acf86d7d71592f28bf6de1b94bb20f1458eb3"
            "a385b621d4ee9c0130415a92fd00");
}

TEST(SecretUriTest, DerivedKeysSignAndVerify) {
  for (KeyScheme scheme : {KeyScheme::kEd25519, KeyScheme::kSecp256k1}) {
    auto key = KeyFromUri("//Charlie//1//stash", scheme);
    ASSERT_TRUE(key.ok());
    const Bytes message = Hex("deadbeef");
    const Signature sig = key->Sign(message);
    EXPECT_TRUE(Verify(key->public_key(), message, sig));
    EXPECT_TRUE(VerifyForAccount(key->account_id(), message, sig));
    auto other = KeyFromUri("//Charlie//1//stash2", scheme);
    ASSERT_TRUE(other.ok());
    EXPECT_FALSE(VerifyForAccount(other->account_id(), message, sig));
  }
}

TEST(SecretUriTest, MalformedUrisAreRejected) {
  const char* malformed[] = {
      "",              // empty (Substrate would give the bare dev key)
      "//",            // empty hard junction
      "//Alice//",     // trailing empty junction
      "//Alice/",      // trailing empty soft junction
      "phrase!",       // '!' is no phrase character
      "bottom-drive",  // nor '-'
      "//Alice///pass\nword",
      "\t//Alice",
  };
  for (const char* uri : malformed) {
    EXPECT_EQ(Reason(uri), "bad-secret-uri") << uri;
    EXPECT_EQ(Reason(uri, KeyScheme::kSecp256k1), "bad-secret-uri") << uri;
  }
}

TEST(SecretUriTest, SoftJunctionsAreUnsupported) {
  for (const char* uri : {"/Alice", "//Alice/soft", "/0//Alice", "//Alice/1///password"}) {
    EXPECT_EQ(Reason(uri), "soft-junction-unsupported") << uri;
    EXPECT_EQ(Reason(uri, KeyScheme::kSecp256k1), "soft-junction-unsupported") << uri;
  }
}

TEST(SecretUriTest, BadSeedsAndPhrasesAreRejected) {
  EXPECT_EQ(Reason("0x1234"), "bad-seed");
  EXPECT_EQ(Reason("0x" + std::string(62, 'a')), "bad-seed");
  EXPECT_EQ(Reason("0x" + std::string(66, 'a')), "bad-seed");
  EXPECT_EQ(Reason("0x" + std::string(64, 'g')), "bad-seed");
  EXPECT_EQ(Reason("0x" + std::string(32, 'a') + " " + std::string(32, 'a')), "bad-seed");
  // Zero is an ed25519 seed but no secp256k1 secret.
  EXPECT_EQ(Reason("0x" + std::string(64, '0'), KeyScheme::kEd25519), "ok");
  EXPECT_EQ(Reason("0x" + std::string(64, '0'), KeyScheme::kSecp256k1), "bad-seed");
  EXPECT_EQ(Reason("0x" + std::string(64, '0') + "//Alice", KeyScheme::kSecp256k1), "bad-seed");

  EXPECT_EQ(Reason("bottom drive obey"), "bad-mnemonic-length");
  EXPECT_EQ(Reason("bottom drive obey lake curtain smoke basket hold race lonely fit walkx//Alice"),
            "bad-mnemonic-word");
  EXPECT_EQ(Reason("bottom drive obey lake curtain smoke basket hold race lonely walk fit//Alice"),
            "bad-mnemonic-checksum");
}

}  // namespace
}  // namespace tfchain::chain
