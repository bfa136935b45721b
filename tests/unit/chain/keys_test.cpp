// Keys, signatures and verification: RFC 8032 ed25519 vectors, Substrate's ecdsa
// vectors, and the rejection of malformed keys and signatures.
#include "chain/keys.h"

#include <gtest/gtest.h>

#include <string>

#include "chain/codec.h"
#include "chain/hash.h"

namespace tfchain::chain {
namespace {

Bytes Hex(std::string_view hex) { return FromHex(hex).value(); }

// The secp256k1 group order n, big-endian.
constexpr std::string_view kSecp256k1Order = "fffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141";

// n - s for a 32-byte big-endian s (0 < s < n): the other, high-S form of a signature.
Bytes NegateModOrder(ByteSpan s) {
  const Bytes n = Hex(kSecp256k1Order);
  Bytes out(32);
  int borrow = 0;
  for (int i = 31; i >= 0; --i) {
    int v = n[i] - s[i] - borrow;
    borrow = v < 0 ? 1 : 0;
    out[i] = static_cast<uint8_t>(v + 256 * borrow);
  }
  return out;
}

Signature MakeSig(KeyScheme scheme, ByteSpan bytes) { return Signature::Parse(scheme, bytes).value(); }

// RFC 8032 section 7.1, TEST 1-3: secret seed, public key, message, signature.
struct Rfc8032Vector {
  const char* seed;
  const char* public_key;
  const char* message;
  const char* signature;
};
constexpr Rfc8032Vector kRfc8032[] = {
    {"9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60",
     "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a", "",
     "e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe"
     "24655141438e7a100b"},
    {"4ccd089b28ff96da9db6c346ec114e0f5b8a319f35aba624da8cf6ed4fb8a6fb",
     "3d4017c3e843895a92b70aa74d1b7ebc9c982ccf2ec4968cc0cd55f12af4660c", "72",
     "92a009a9f0d4cab8720e820b5f642540a2b27b5416503f8fb3762223ebdb69da085ac1e43e15996e458f3613d0f11d8c387b2eaeb4302a"
     "eeb00d291612bb0c00"},
    {"c5aa8df43f9f837bedb7442f31dcb7b166d38535076f094b85ce3a2e0b4458f7",
     "fc51cd8e6218a1a38da47ed00230f0580816ed13ba3303ac5deb911548908025", "af82",
     "6291d657deec24024827e69c3abe01a30ce548a284743a445e3680d7db5ac3ac18ff9b538d16f290ae67f760984dc6594a7c15e9716ed2"
     "8dc027beceea1ec40a"},
};

TEST(KeysTest, InitCryptoIsIdempotent) {
  EXPECT_TRUE(InitCrypto());
  EXPECT_TRUE(InitCrypto());
}

TEST(KeysTest, SchemeNamesRoundTrip) {
  EXPECT_EQ(SchemeName(KeyScheme::kEd25519), "ed25519");
  EXPECT_EQ(SchemeName(KeyScheme::kSecp256k1), "secp256k1");
  EXPECT_EQ(ParseScheme("ed25519").value(), KeyScheme::kEd25519);
  EXPECT_EQ(ParseScheme("secp256k1").value(), KeyScheme::kSecp256k1);
  EXPECT_EQ(ParseScheme("ecdsa").value(), KeyScheme::kSecp256k1);
  EXPECT_EQ(ParseScheme("Ed25519").value(), KeyScheme::kEd25519);
  for (std::string_view bad : {"", "sr25519", "ed", "ed25519 "}) {
    auto parsed = ParseScheme(bad);
    ASSERT_FALSE(parsed.ok()) << bad;
    EXPECT_EQ(parsed.status().reason(), "bad-scheme");
  }
}

TEST(KeysTest, Rfc8032VectorsSignAndVerify) {
  for (const auto& v : kRfc8032) {
    SCOPED_TRACE(v.seed);
    auto key = SecretKey::FromSeed(KeyScheme::kEd25519, Hex(v.seed));
    ASSERT_TRUE(key.ok());
    EXPECT_EQ(ToHex(key->public_key().bytes()), std::string("0x") + v.public_key);
    EXPECT_EQ(ToHex(key->seed()), std::string("0x") + v.seed);
    EXPECT_EQ(key->account_id().Hex(), std::string("0x") + v.public_key);

    const Bytes message = Hex(v.message);
    const Signature sig = key->Sign(message);
    EXPECT_EQ(sig.scheme(), KeyScheme::kEd25519);
    EXPECT_EQ(ToHex(sig.bytes()), std::string("0x") + v.signature);

    const PublicKey pk = PublicKey::Parse(KeyScheme::kEd25519, Hex(v.public_key)).value();
    EXPECT_TRUE(Verify(pk, message, sig));
    EXPECT_TRUE(VerifyForAccount(pk.ToAccountId(), message, sig));

    // Tampered message, tampered signature, another key.
    Bytes other_message = message;
    other_message.push_back(0);
    EXPECT_FALSE(Verify(pk, other_message, sig));
    EXPECT_FALSE(VerifyForAccount(pk.ToAccountId(), other_message, sig));
    Bytes bad = Hex(v.signature);
    bad[10] ^= 1;
    EXPECT_FALSE(Verify(pk, message, MakeSig(KeyScheme::kEd25519, bad)));
    EXPECT_FALSE(VerifyForAccount(pk.ToAccountId(), message, MakeSig(KeyScheme::kEd25519, bad)));
    const PublicKey other = PublicKey::Parse(KeyScheme::kEd25519, Hex(kRfc8032[0].public_key)).value();
    if (!(other == pk)) {
      EXPECT_FALSE(Verify(other, message, sig));
    }
  }
}

TEST(KeysTest, Ed25519PublicKeyRejectsBadEncodings) {
  const char* bad_keys[] = {
      // small order: the identity, and y = 0 (order 4)
      "0100000000000000000000000000000000000000000000000000000000000000",
      "0000000000000000000000000000000000000000000000000000000000000000",
      // y = p: a non-canonical encoding of y = 0
      "edffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f",
      // y = 2 is not on the curve
      "0200000000000000000000000000000000000000000000000000000000000000",
      // //Alice's key plus a point of order 8: on the curve, outside the prime-order subgroup
      "d61bb8a908663562190d34fd0acfc277dd53066f5ae1930eb49c0560daf36e5b",
  };
  for (const char* hex : bad_keys) {
    auto key = PublicKey::Parse(KeyScheme::kEd25519, Hex(hex));
    ASSERT_FALSE(key.ok()) << hex;
    EXPECT_EQ(key.status().reason(), "bad-public-key");
  }
  const Bytes alice = Hex("88dc3417d5058ec4b4503e0c12ea1a0a89be200fe98922423d4334014fa6b0ee");
  EXPECT_TRUE(PublicKey::Parse(KeyScheme::kEd25519, alice).ok());
  for (size_t size : {0u, 31u, 33u}) {
    Bytes wrong(size, 0x11);
    auto key = PublicKey::Parse(KeyScheme::kEd25519, wrong);
    ASSERT_FALSE(key.ok());
    EXPECT_EQ(key.status().reason(), "bad-public-key");
  }
}

TEST(KeysTest, Secp256k1PublicKeyParsing) {
  // subkey inspect --scheme ecdsa //Alice
  const Bytes alice = Hex("020a1091341fe5664bfa1782d5e04779689068c916b04cb365ec3153755684d9a1");
  auto key = PublicKey::Parse(KeyScheme::kSecp256k1, alice);
  ASSERT_TRUE(key.ok());
  EXPECT_EQ(key->scheme(), KeyScheme::kSecp256k1);
  EXPECT_EQ(key->bytes().size(), 33u);
  EXPECT_EQ(key->ToAccountId().Hex(), "0x01e552298e47454041ea31273b4b630c64c104e4514aa3643490b8aaca9cf8ed");

  Bytes wrong_prefix = alice;
  wrong_prefix[0] = 0x04;
  const std::vector<Bytes> bad = {
      wrong_prefix,
      Bytes(alice.begin(), alice.end() - 1),
      Bytes(65, 0x04),
      Hex("020000000000000000000000000000000000000000000000000000000000000005"),  // x = 5: not on the curve
      Hex("02" + std::string(64, 'f')),                                          // x >= p
  };
  for (const Bytes& b : bad) {
    auto parsed = PublicKey::Parse(KeyScheme::kSecp256k1, b);
    ASSERT_FALSE(parsed.ok()) << ToHex(b);
    EXPECT_EQ(parsed.status().reason(), "bad-public-key");
  }
  // An ed25519-sized key is not a secp256k1 key and vice versa.
  EXPECT_FALSE(PublicKey::Parse(KeyScheme::kEd25519, alice).ok());
}

// sp_core::ecdsa's test_vector_should_work: seed, compressed key and the exact
// signature of the empty message (RFC 6979 nonce over BLAKE2b-256).
TEST(KeysTest, Secp256k1SubstrateVector) {
  auto key = SecretKey::FromSeed(KeyScheme::kSecp256k1,
                                 Hex("9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60"));
  ASSERT_TRUE(key.ok());
  EXPECT_EQ(ToHex(key->public_key().bytes()), "0x028db55b05db86c0b1786ca49f095d76344c9e6056b2f02701a7e7f3c20aabfd91");
  const Signature sig = key->Sign({});
  EXPECT_EQ(sig.scheme(), KeyScheme::kSecp256k1);
  EXPECT_EQ(ToHex(sig.bytes()),
            "0x3dde91174bd9359027be59a428b8146513df80a2a3c7eda2194f64de04a69ab97b753169e94db6ffd50921a2668a48b94ca11e3d"
            "32c1ff19cfe88890aa7e8f3c00");
  EXPECT_TRUE(Verify(key->public_key(), {}, sig));
  EXPECT_TRUE(VerifyForAccount(key->account_id(), {}, sig));
  EXPECT_EQ(key->account_id(), AccountId::FromSpan(Blake2b256(key->public_key().bytes()).span()));
}

TEST(KeysTest, Secp256k1AliceSeed) {
  // subkey inspect --scheme ecdsa //Alice: secret seed -> public key -> account.
  auto key = SecretKey::FromSeed(KeyScheme::kSecp256k1,
                                 Hex("cb6df9de1efca7a3998a8ead4e02159d5fa99c3e0d4fd6432667390bb4726854"));
  ASSERT_TRUE(key.ok());
  EXPECT_EQ(ToHex(key->public_key().bytes()), "0x020a1091341fe5664bfa1782d5e04779689068c916b04cb365ec3153755684d9a1");
  EXPECT_EQ(key->account_id().Hex(), "0x01e552298e47454041ea31273b4b630c64c104e4514aa3643490b8aaca9cf8ed");
}

class Secp256k1SignatureTest : public ::testing::Test {
 protected:
  Secp256k1SignatureTest()
      : key_(SecretKey::FromSeed(KeyScheme::kSecp256k1,
                                 Hex("cb6df9de1efca7a3998a8ead4e02159d5fa99c3e0d4fd6432667390bb4726854"))
                 .value()),
        message_(Hex("0102030405")),
        sig_(key_.Sign(message_)),
        raw_(sig_.bytes().begin(), sig_.bytes().end()) {}

  bool Accepted(const Bytes& raw) const {
    const Signature sig = MakeSig(KeyScheme::kSecp256k1, raw);
    const bool by_key = Verify(key_.public_key(), message_, sig);
    const bool by_account = VerifyForAccount(key_.account_id(), message_, sig);
    EXPECT_EQ(by_key, by_account);
    return by_key;
  }

  SecretKey key_;
  Bytes message_;
  Signature sig_;
  Bytes raw_;
};

TEST_F(Secp256k1SignatureTest, ValidSignatureIsDeterministicAndAccepted) {
  EXPECT_TRUE(Accepted(raw_));
  EXPECT_EQ(key_.Sign(message_), sig_);
  EXPECT_LE(raw_[64], 3);
}

TEST_F(Secp256k1SignatureTest, HighSIsRejected) {
  // (r, n - s) with the recovery id's parity flipped is the same signature in
  // high-S form: plain ECDSA (and Substrate) would accept it and recover the same key.
  Bytes high = raw_;
  const Bytes s_high = NegateModOrder(ByteSpan(raw_.data() + 32, 32));
  std::copy(s_high.begin(), s_high.end(), high.begin() + 32);
  high[64] ^= 1;
  EXPECT_FALSE(Accepted(high));
}

TEST_F(Secp256k1SignatureTest, WrongOrOutOfRangeRecoveryIdIsRejected) {
  Bytes wrong = raw_;
  wrong[64] ^= 1;
  EXPECT_FALSE(Accepted(wrong));
  for (uint8_t v : {4, 27, 28, 255}) {
    Bytes out_of_range = raw_;
    out_of_range[64] = v;
    EXPECT_FALSE(Accepted(out_of_range)) << int(v);
  }
}

TEST_F(Secp256k1SignatureTest, TamperedOrMalformedIsRejected) {
  Bytes tampered = raw_;
  tampered[5] ^= 0x40;
  EXPECT_FALSE(Accepted(tampered));

  Bytes zero_r = raw_;
  std::fill(zero_r.begin(), zero_r.begin() + 32, 0);
  EXPECT_FALSE(Accepted(zero_r));
  Bytes zero_s = raw_;
  std::fill(zero_s.begin() + 32, zero_s.begin() + 64, 0);
  EXPECT_FALSE(Accepted(zero_s));
  Bytes r_overflow = raw_;
  std::fill(r_overflow.begin(), r_overflow.begin() + 32, 0xff);
  EXPECT_FALSE(Accepted(r_overflow));

  const Signature sig = MakeSig(KeyScheme::kSecp256k1, raw_);
  EXPECT_FALSE(Verify(key_.public_key(), Hex("0102030406"), sig));
  EXPECT_FALSE(VerifyForAccount(key_.account_id(), Hex("0102030406"), sig));
  AccountId other = key_.account_id();
  other.bytes[0] ^= 1;
  EXPECT_FALSE(VerifyForAccount(other, message_, sig));
  // Another secp256k1 key.
  auto bob = SecretKey::FromSeed(KeyScheme::kSecp256k1, Hex(std::string(64, '7'))).value();
  EXPECT_FALSE(Verify(bob.public_key(), message_, sig));
}

TEST(KeysTest, SchemeMismatchNeverVerifies) {
  auto ed = SecretKey::FromSeed(KeyScheme::kEd25519, Bytes(32, 7)).value();
  auto ec = SecretKey::FromSeed(KeyScheme::kSecp256k1, Bytes(32, 7)).value();
  const Bytes message = Hex("abcd");
  const Signature ed_sig = ed.Sign(message);
  const Signature ec_sig = ec.Sign(message);
  EXPECT_TRUE(Verify(ed.public_key(), message, ed_sig));
  EXPECT_TRUE(Verify(ec.public_key(), message, ec_sig));
  EXPECT_FALSE(Verify(ed.public_key(), message, ec_sig));
  EXPECT_FALSE(Verify(ec.public_key(), message, ed_sig));
  // An ed25519 signature presented as secp256k1 bytes (and vice versa) fails.
  EXPECT_FALSE(VerifyForAccount(ed.account_id(), message, ec_sig));
  EXPECT_FALSE(VerifyForAccount(ec.account_id(), message, ed_sig));
}

TEST(KeysTest, Ed25519VerifyForAccountRejectsUnusableKeys) {
  auto key = SecretKey::FromSeed(KeyScheme::kEd25519, Bytes(32, 1)).value();
  const Signature sig = key.Sign(Hex("00"));
  EXPECT_TRUE(VerifyForAccount(key.account_id(), Hex("00"), sig));
  for (const char* hex : {"0100000000000000000000000000000000000000000000000000000000000000",
                          "0000000000000000000000000000000000000000000000000000000000000000",
                          "0200000000000000000000000000000000000000000000000000000000000000"}) {
    EXPECT_FALSE(VerifyForAccount(AccountId::FromHex(hex).value(), Hex("00"), sig)) << hex;
  }
  // The default (all-zero) signature never verifies.
  EXPECT_FALSE(VerifyForAccount(key.account_id(), Hex("00"), Signature()));
  EXPECT_FALSE(Verify(key.public_key(), Hex("00"), Signature()));
}

TEST(KeysTest, SignatureParseChecksLength) {
  EXPECT_TRUE(Signature::Parse(KeyScheme::kEd25519, Bytes(64)).ok());
  EXPECT_TRUE(Signature::Parse(KeyScheme::kSecp256k1, Bytes(65)).ok());
  for (auto [scheme, size] : {std::pair{KeyScheme::kEd25519, 65}, std::pair{KeyScheme::kEd25519, 63},
                              std::pair{KeyScheme::kEd25519, 0}, std::pair{KeyScheme::kSecp256k1, 64},
                              std::pair{KeyScheme::kSecp256k1, 66}}) {
    auto sig = Signature::Parse(scheme, Bytes(size));
    ASSERT_FALSE(sig.ok());
    EXPECT_EQ(sig.status().reason(), "bad-signature");
  }
  const Signature def;
  EXPECT_EQ(def.scheme(), KeyScheme::kEd25519);
  EXPECT_EQ(def.bytes().size(), 64u);
}

TEST(KeysTest, SignatureCodecRoundTrip) {
  auto ed = SecretKey::FromSeed(KeyScheme::kEd25519, Bytes(32, 3)).value();
  auto ec = SecretKey::FromSeed(KeyScheme::kSecp256k1, Bytes(32, 3)).value();
  for (const Signature& sig : {ed.Sign(Hex("01")), ec.Sign(Hex("01"))}) {
    const Bytes encoded = Encode(sig);
    ASSERT_EQ(encoded.size(), 1 + sig.bytes().size());
    EXPECT_EQ(encoded[0], static_cast<uint8_t>(sig.scheme()));
    EXPECT_TRUE(std::equal(sig.bytes().begin(), sig.bytes().end(), encoded.begin() + 1));
    auto decoded = DecodeExact<Signature>(encoded, 100);
    ASSERT_TRUE(decoded.ok());
    EXPECT_EQ(*decoded, sig);
  }
}

TEST(KeysTest, SignatureDecodeRejectsBadInput) {
  Bytes unknown_tag(66, 0);
  unknown_tag[0] = 2;
  auto bad_tag = DecodeExact<Signature>(unknown_tag, 100);
  ASSERT_FALSE(bad_tag.ok());
  EXPECT_EQ(bad_tag.status().reason(), "decode-bad-tag");

  Bytes truncated(65, 0);
  truncated[0] = 1;  // secp256k1 needs 65 bytes after the tag
  auto short_sig = DecodeExact<Signature>(truncated, 100);
  ASSERT_FALSE(short_sig.ok());
  EXPECT_EQ(short_sig.status().reason(), "decode-truncated");

  Bytes trailing(66, 0);  // ed25519 tag, 64 bytes, one extra
  auto extra = DecodeExact<Signature>(trailing, 100);
  ASSERT_FALSE(extra.ok());
  EXPECT_EQ(extra.status().reason(), "decode-trailing-bytes");

  // A failed decode leaves the output untouched.
  Signature out = MakeSig(KeyScheme::kSecp256k1, Bytes(65, 9));
  const Signature before = out;
  Decoder d(unknown_tag);
  EXPECT_FALSE(DecodeFrom(d, &out).ok());
  EXPECT_EQ(out, before);
}

TEST(KeysTest, FromSeedRejectsBadSeeds) {
  for (size_t size : {0u, 31u, 33u, 64u}) {
    for (KeyScheme scheme : {KeyScheme::kEd25519, KeyScheme::kSecp256k1}) {
      auto key = SecretKey::FromSeed(scheme, Bytes(size, 1));
      ASSERT_FALSE(key.ok());
      EXPECT_EQ(key.status().reason(), "bad-seed");
    }
  }
  // Zero, the group order and anything above it are no secp256k1 secret.
  for (const Bytes& seed : {Bytes(32, 0), Hex(kSecp256k1Order), Bytes(32, 0xff)}) {
    auto key = SecretKey::FromSeed(KeyScheme::kSecp256k1, seed);
    ASSERT_FALSE(key.ok());
    EXPECT_EQ(key.status().reason(), "bad-seed");
  }
  // ... while any 32 bytes are an ed25519 seed.
  EXPECT_TRUE(SecretKey::FromSeed(KeyScheme::kEd25519, Bytes(32, 0)).ok());
}

TEST(KeysTest, MoveTransfersAndWipes) {
  const Bytes seed(32, 0x42);
  auto made = SecretKey::FromSeed(KeyScheme::kEd25519, seed);
  SecretKey a = std::move(made).value();
  const Signature expected = a.Sign(Hex("99"));
  const PublicKey pk = a.public_key();

  SecretKey b(std::move(a));
  EXPECT_TRUE(std::all_of(a.seed().begin(), a.seed().end(), [](uint8_t x) { return x == 0; }));  // NOLINT
  EXPECT_TRUE(std::equal(b.seed().begin(), b.seed().end(), seed.begin()));
  EXPECT_EQ(b.Sign(Hex("99")), expected);
  EXPECT_EQ(b.public_key(), pk);

  SecretKey c = SecretKey::FromSeed(KeyScheme::kSecp256k1, Bytes(32, 5)).value();
  c = std::move(b);
  EXPECT_TRUE(std::all_of(b.seed().begin(), b.seed().end(), [](uint8_t x) { return x == 0; }));  // NOLINT
  EXPECT_EQ(c.scheme(), KeyScheme::kEd25519);
  EXPECT_EQ(c.Sign(Hex("99")), expected);
}

}  // namespace
}  // namespace tfchain::chain
