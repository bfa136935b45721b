// BLAKE2b: known answers (RFC 7693, the BLAKE2 reference KAT), domain tags, and the
// incremental hasher against the one-shot functions.
#include "chain/hash.h"

#include <gtest/gtest.h>

#include <array>
#include <string>

namespace tfchain::chain {
namespace {

std::string HexOf(ByteSpan data) { return ToHex(data).substr(2); }

TEST(HashTest, Blake2b256KnownAnswers) {
  EXPECT_EQ(Blake2b256({}).Hex(), "0x0e5751c026e543b2e8ab2eb06099daa1d1e5df47778f7787faab45cdf12fe3a8");
  EXPECT_EQ(Blake2b256(AsBytes("abc")).Hex(), "0xbddd813c634239723171ef3fee98579b94964e3bb1cb3e427262c8c068d52319");
  EXPECT_EQ(Blake2b256(AsBytes("The quick brown fox jumps over the lazy dog")).Hex(),
            "0x01718cec35cd3d796dd00020e0bfecb473ad23457d063b75eff29c0ffa2e58a9");
}

TEST(HashTest, Blake2b512KnownAnswer) {
  // RFC 7693 Appendix A: BLAKE2b-512("abc").
  std::array<uint8_t, 64> out;
  Blake2b(AsBytes("abc"), out);
  EXPECT_EQ(HexOf(out),
            "ba80a53f981c4d0d6a2797b69f12f6e94c212f14685ac4b74b12bb6fdbffa2d17d87c5392aab792dc252d5de4533cc9518d38aa8"
            "dbf1925ab92386edd4009923");
}

TEST(HashTest, KeyedBlake2bKnownAnswers) {
  // blake2b-kat.txt: key = 00 01 .. 3f, inputs "" and 00.
  std::array<uint8_t, 64> key;
  for (size_t i = 0; i < key.size(); ++i) key[i] = static_cast<uint8_t>(i);
  std::array<uint8_t, 64> out;
  Blake2b({}, out, key);
  EXPECT_EQ(HexOf(out),
            "10ebb67700b1868efb4417987acf4690ae9d972fb7a590c2f02871799aaa4786b5e996e8f0f4eb981fc214b005f42d2ff4233499"
            "391653df7aefcbc13fc51568");
  const uint8_t zero = 0;
  Blake2b(ByteSpan(&zero, 1), out, key);
  EXPECT_EQ(HexOf(out),
            "961f6dd1e4dd30f63901690c512e78e4b45e4742ed197c3c5e45c549fd25f2e4187b0bc9fe30492b16b0d0bc4ef9b0f34c7003fa"
            "c09a5ef1532e69430234cebd");
}

TEST(HashTest, Blake2bOutputLengthIsPartOfTheHash) {
  // BLAKE2b-256 is not a truncated BLAKE2b-512.
  std::array<uint8_t, 64> long_out;
  Blake2b(AsBytes("abc"), long_out);
  std::array<uint8_t, 32> short_out;
  Blake2b(AsBytes("abc"), short_out);
  EXPECT_EQ(Hash256::FromSpan(short_out), Blake2b256(AsBytes("abc")));
  EXPECT_NE(Hash256::FromSpan(ByteSpan(long_out.data(), 32)), Blake2b256(AsBytes("abc")));
}

TEST(HashTest, TaggedHashIsHashOfTagThenData) {
  const Bytes data = {0xde, 0xad, 0xbe, 0xef};
  for (HashDomain domain : {HashDomain::kTxSigningPayload, HashDomain::kMerkleLeaf, HashDomain::kMerkleInner,
                            HashDomain::kSmtLeaf, HashDomain::kReceipt}) {
    Bytes tagged = {static_cast<uint8_t>(domain)};
    tagged.insert(tagged.end(), data.begin(), data.end());
    EXPECT_EQ(TaggedHash(domain, data), Blake2b256(tagged));
    EXPECT_NE(TaggedHash(domain, data), Blake2b256(data));
  }
  // Different domains never agree on the same data.
  EXPECT_NE(TaggedHash(HashDomain::kMerkleLeaf, data), TaggedHash(HashDomain::kMerkleInner, data));
  // The tag is one byte: TaggedHash(0x10, "") == BLAKE2b-256(0x10).
  const uint8_t tag = 0x10;
  EXPECT_EQ(TaggedHash(HashDomain::kMerkleLeaf, {}), Blake2b256(ByteSpan(&tag, 1)));
}

TEST(HashTest, IncrementalEqualsOneShot) {
  Bytes data(300);
  for (size_t i = 0; i < data.size(); ++i) data[i] = static_cast<uint8_t>(i * 31 + 7);
  const Hash256 expected = Blake2b256(data);
  // Every split point, including empty pieces and the 128-byte block boundary.
  for (size_t split : {0u, 1u, 127u, 128u, 129u, 256u, 299u, 300u}) {
    const ByteSpan all(data);
    const Hash256 got = Blake2bHasher().Update(all.first(split)).Update({}).Update(all.subspan(split)).Final();
    EXPECT_EQ(got, expected) << split;
  }
  // Byte by byte.
  Blake2bHasher hasher;
  for (uint8_t b : data) hasher.Update(ByteSpan(&b, 1));
  EXPECT_EQ(hasher.Final(), expected);
  // No input at all.
  EXPECT_EQ(Blake2bHasher().Final(), Blake2b256({}));
  // The domain constructor equals TaggedHash.
  EXPECT_EQ(Blake2bHasher(HashDomain::kCommit).Update(data).Final(), TaggedHash(HashDomain::kCommit, data));
}

}  // namespace
}  // namespace tfchain::chain
