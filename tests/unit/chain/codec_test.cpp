#include "chain/codec.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace tfchain::chain {
namespace {

Bytes CompactBytes(uint64_t v) {
  Encoder e;
  e.Compact(v);
  return std::move(e).Take();
}

// Decodes one compact integer that must span all of `bytes`.
Result<uint64_t> DecodeCompact(const Bytes& bytes) {
  Decoder d(bytes);
  uint64_t v = 0;
  TF_RETURN_IF_ERROR(d.Compact(&v));
  TF_RETURN_IF_ERROR(d.Finish());
  return v;
}

struct CompactCase {
  uint64_t value;
  Bytes bytes;
};

// The SCALE spec's examples (docs.substrate.io "SCALE codec": compact 0 = 0x00,
// 1 = 0x04, 42 = 0xa8, 69 = 0x1501, 65535 = 0xfeff0300, 100000000000000 =
// 0x0b00407a10f35a) and every mode boundary.
const std::vector<CompactCase>& CompactCases() {
  static const std::vector<CompactCase> cases = {
      {0, {0x00}},
      {1, {0x04}},
      {42, {0xa8}},
      {63, {0xfc}},
      {64, {0x01, 0x01}},
      {69, {0x15, 0x01}},
      {16383, {0xfd, 0xff}},
      {16384, {0x02, 0x00, 0x01, 0x00}},
      {65535, {0xfe, 0xff, 0x03, 0x00}},
      {(1u << 30) - 1, {0xfe, 0xff, 0xff, 0xff}},
      {1u << 30, {0x03, 0x00, 0x00, 0x00, 0x40}},
      {UINT32_MAX, {0x03, 0xff, 0xff, 0xff, 0xff}},
      {uint64_t{1} << 32, {0x07, 0x00, 0x00, 0x00, 0x00, 0x01}},
      {100000000000000, {0x0b, 0x00, 0x40, 0x7a, 0x10, 0xf3, 0x5a}},
      {(uint64_t{1} << 56) - 1, {0x0f, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff}},
      {uint64_t{1} << 56, {0x13, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x01}},
      {UINT64_MAX, {0x13, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff}},
  };
  return cases;
}

TEST(CompactTest, EncodesTheSpecExamplesAndEveryBoundary) {
  for (const CompactCase& c : CompactCases()) {
    EXPECT_EQ(CompactBytes(c.value), c.bytes) << c.value;
    Result<uint64_t> back = DecodeCompact(c.bytes);
    ASSERT_TRUE(back.ok()) << c.value << ": " << back.status().ToString();
    EXPECT_EQ(*back, c.value);
  }
}

TEST(CompactTest, RejectsNonCanonicalEncodings) {
  const std::vector<Bytes> non_canonical = {
      {0x01, 0x00},                                            // 0 in two bytes
      {0xfd, 0x00},                                            // 63 in two bytes
      {0x02, 0x00, 0x00, 0x00},                                // 0 in four bytes
      {0xfe, 0xff, 0x00, 0x00},                                // 16383 in four bytes
      {0x03, 0x00, 0x00, 0x00, 0x00},                          // 0 in the big-integer mode
      {0x03, 0xff, 0xff, 0xff, 0x3f},                          // 2^30 - 1 in the big-integer mode
      {0x07, 0x00, 0x00, 0x00, 0x40, 0x00},                    // 2^30 in 5 bytes instead of 4
      {0x13, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x00},  // 2^56 - 1 in 8 bytes
  };
  for (const Bytes& b : non_canonical) {
    Result<uint64_t> v = DecodeCompact(b);
    ASSERT_FALSE(v.ok()) << ToHex(b);
    EXPECT_EQ(v.status().code(), Status::Code::kInvalidArgument);
    EXPECT_EQ(v.status().reason(), "decode-noncanonical") << ToHex(b);
  }
}

TEST(CompactTest, RejectsTruncatedAndTooWideInput) {
  for (const Bytes& b : std::vector<Bytes>{{}, {0x01}, {0x02, 0x00, 0x01}, {0x03, 0x00, 0x00, 0x00}, {0x13, 0xff}}) {
    EXPECT_EQ(DecodeCompact(b).status().reason(), "decode-truncated") << ToHex(b);
  }
  // Big-integer mode announcing 9 bytes: more than 64 bits.
  Bytes nine(10, 0xff);
  nine[0] = 0x17;
  EXPECT_EQ(DecodeCompact(nine).status().reason(), "decode-oversize");
}

TEST(CodecTest, FixedWidthIntegersAreLittleEndian) {
  Encoder e;
  e.U8(0xAB);
  e.U16(0x0102);
  e.U32(0x01020304);
  e.U64(0x0102030405060708);
  EXPECT_EQ(e.bytes(),
            (Bytes{0xAB, 0x02, 0x01, 0x04, 0x03, 0x02, 0x01, 0x08, 0x07, 0x06, 0x05, 0x04, 0x03, 0x02, 0x01}));
  Decoder d(e.bytes());
  uint8_t a;
  uint16_t b;
  uint32_t c;
  uint64_t x;
  ASSERT_TRUE(d.U8(&a).ok());
  ASSERT_TRUE(d.U16(&b).ok());
  ASSERT_TRUE(d.U32(&c).ok());
  ASSERT_TRUE(d.U64(&x).ok());
  EXPECT_EQ(a, 0xAB);
  EXPECT_EQ(b, 0x0102);
  EXPECT_EQ(c, 0x01020304u);
  EXPECT_EQ(x, 0x0102030405060708u);
  EXPECT_TRUE(d.Finish().ok());
  EXPECT_EQ(d.U8(&a).reason(), "decode-truncated");
}

TEST(CodecTest, TruncatedFixedWidthValuesFail) {
  const Bytes seven(7, 0);
  Decoder d(seven);
  uint64_t v = 42;
  Status s = d.U64(&v);
  EXPECT_EQ(s.code(), Status::Code::kInvalidArgument);
  EXPECT_EQ(s.reason(), "decode-truncated");
  EXPECT_EQ(v, 42u);  // untouched
  EXPECT_EQ(d.position(), 0u);
  uint32_t w;
  EXPECT_TRUE(d.U32(&w).ok());
  EXPECT_EQ(d.U32(&w).reason(), "decode-truncated");

  Hash256 h;
  const Bytes thirty_one(31, 1);
  Decoder short_hash(thirty_one);
  EXPECT_EQ(short_hash.Fixed(&h).reason(), "decode-truncated");
}

TEST(CodecTest, BoolIsZeroOrOne) {
  for (uint8_t byte : {0, 1}) {
    const Bytes in{byte};
    Decoder d(in);
    bool v = byte == 0;
    ASSERT_TRUE(d.Bool(&v).ok());
    EXPECT_EQ(v, byte == 1);
  }
  for (uint8_t byte : {2, 0x80, 0xff}) {
    const Bytes in{byte};
    Decoder d(in);
    bool v = true;
    Status s = d.Bool(&v);
    EXPECT_EQ(s.reason(), "decode-bad-value") << int{byte};
    EXPECT_TRUE(v);
  }
  Encoder e;
  e.Bool(true);
  e.Bool(false);
  EXPECT_EQ(e.bytes(), (Bytes{1, 0}));
}

TEST(CodecTest, BlobsHaveACompactLengthAndALimit) {
  Encoder e;
  e.Blob(Bytes{1, 2, 3});
  EXPECT_EQ(e.bytes(), (Bytes{0x0c, 1, 2, 3}));
  Bytes out;
  {
    Decoder d(e.bytes());
    ASSERT_TRUE(d.Blob(&out, 3).ok());
    EXPECT_EQ(out, (Bytes{1, 2, 3}));
  }
  {
    Decoder d(e.bytes());
    EXPECT_EQ(d.Blob(&out, 2).reason(), "decode-oversize");
  }
  {
    const Bytes short_blob{0x10, 1, 2, 3};  // claims 4 bytes, has 3
    Decoder d(short_blob);
    EXPECT_EQ(d.Blob(&out, 100).reason(), "decode-truncated");
  }
  {
    // A length far beyond the input is rejected before anything is allocated.
    Encoder huge;
    huge.Compact(uint64_t{1} << 40);
    Decoder d(huge.bytes());
    EXPECT_EQ(d.Blob(&out, SIZE_MAX).reason(), "decode-truncated");
  }
  Encoder long_blob;
  long_blob.Blob(Bytes(300, 7));
  EXPECT_EQ(Bytes(long_blob.bytes().begin(), long_blob.bytes().begin() + 2), (Bytes{0xb1, 0x04}));  // 300 << 2 | 1
}

TEST(CodecTest, StringsMustBeUtf8WithoutNul) {
  const std::vector<std::string> good = {"",     "tfchain",      "caf\xc3\xa9",     "\xe2\x82\xac", "\xf0\x9f\x98\x80",
                                         "\x7f", "\xef\xbf\xbf", "\xf4\x8f\xbf\xbf"};
  for (const std::string& s : good) {
    Encoder e;
    e.Str(s);
    Decoder d(e.bytes());
    std::string out;
    ASSERT_TRUE(d.Str(&out, 64).ok()) << ToHex(AsBytes(s));
    EXPECT_EQ(out, s);
  }
  const std::vector<std::string> bad = {
      std::string("a\0b", 3),  // NUL
      "\x80",                  // lone continuation byte
      "\xc3",                  // truncated 2-byte sequence
      "\xe2\x82",              // truncated 3-byte sequence
      "\xc0\x80",              // overlong NUL
      "\xe0\x80\xaf",          // overlong '/'
      "\xf0\x80\x80\xaf",      // overlong '/' in 4 bytes
      "\xed\xa0\x80",          // UTF-16 surrogate
      "\xf4\x90\x80\x80",      // above U+10FFFF
      "\xf8\x88\x80\x80\x80",  // 5-byte form
      "\xff",                  // never valid
      "ok\xc3\x28",            // bad continuation
  };
  for (const std::string& s : bad) {
    Encoder e;
    e.Str(s);
    Decoder d(e.bytes());
    std::string out = "unchanged";
    Status st = d.Str(&out, 64);
    EXPECT_EQ(st.reason(), "decode-bad-value") << ToHex(AsBytes(s));
    EXPECT_EQ(out, "unchanged");
  }
  Encoder e;
  e.Str("toolong");
  Decoder d(e.bytes());
  std::string out;
  EXPECT_EQ(d.Str(&out, 6).reason(), "decode-oversize");
}

TEST(CodecTest, LengthRejectsCountsThatCannotFit) {
  Encoder e;
  e.Compact(10);
  e.Raw(Bytes(40, 0));
  size_t n = 0;
  {
    Decoder d(e.bytes());
    ASSERT_TRUE(d.Length(&n, 10, 4).ok());  // 10 elements of 4 bytes: exactly fits
    EXPECT_EQ(n, 10u);
  }
  {
    Decoder d(e.bytes());
    EXPECT_EQ(d.Length(&n, 10, 5).reason(), "decode-truncated");  // 50 bytes needed
  }
  {
    Decoder d(e.bytes());
    EXPECT_EQ(d.Length(&n, 9, 1).reason(), "decode-oversize");
  }
  {
    // min_element_size 0: only the limit applies (elements may be empty).
    Encoder many;
    many.Compact(1000);
    Decoder d(many.bytes());
    ASSERT_TRUE(d.Length(&n, 1000, 0).ok());
    EXPECT_EQ(n, 1000u);
  }
  {
    Encoder huge;
    huge.Compact(UINT64_MAX);
    Decoder d(huge.bytes());
    EXPECT_EQ(d.Length(&n, SIZE_MAX, 1).reason(), "decode-truncated");
  }
}

TEST(CodecTest, FinishRejectsTrailingBytes) {
  const Bytes in{1, 2};
  Decoder d(in);
  uint8_t v;
  ASSERT_TRUE(d.U8(&v).ok());
  EXPECT_EQ(d.remaining(), 1u);
  Status s = d.Finish();
  EXPECT_EQ(s.reason(), "decode-trailing-bytes");
  EXPECT_EQ(s.code(), Status::Code::kInvalidArgument);
  ASSERT_TRUE(d.U8(&v).ok());
  EXPECT_TRUE(d.Finish().ok());
}

// A small codec type for the generic helpers.
struct Pair {
  uint8_t a = 0;
  uint16_t b = 0;
  bool operator==(const Pair&) const = default;
};
void EncodeTo(Encoder& e, const Pair& p) {
  e.U8(p.a);
  e.U16(p.b);
}
Status DecodeFrom(Decoder& d, Pair* out) {
  TF_RETURN_IF_ERROR(d.U8(&out->a));
  return d.U16(&out->b);
}

TEST(CodecTest, OptionsAndVectors) {
  Encoder e;
  EncodeOptional(e, std::optional<Pair>());
  EncodeOptional(e, std::optional<Pair>(Pair{1, 0x0203}));
  EncodeVector(e, std::vector<Pair>{{4, 5}, {6, 7}});
  EXPECT_EQ(e.bytes(), (Bytes{0x00, 0x01, 1, 0x03, 0x02, 0x08, 4, 5, 0, 6, 7, 0}));

  Decoder d(e.bytes());
  std::optional<Pair> none = Pair{9, 9}, some;
  std::vector<Pair> list;
  ASSERT_TRUE(DecodeOptional(d, &none).ok());
  ASSERT_TRUE(DecodeOptional(d, &some).ok());
  ASSERT_TRUE(DecodeVector(d, &list, 2).ok());
  EXPECT_TRUE(d.Finish().ok());
  EXPECT_FALSE(none.has_value());
  EXPECT_EQ(some, (Pair{1, 0x0203}));
  EXPECT_EQ(list, (std::vector<Pair>{{4, 5}, {6, 7}}));

  const Bytes bad_tag{0x02, 1, 2, 3};
  Decoder bad(bad_tag);
  EXPECT_EQ(DecodeOptional(bad, &some).reason(), "decode-bad-tag");

  const Bytes vector_part(e.bytes().begin() + 5, e.bytes().end());
  Decoder over(vector_part);
  EXPECT_EQ(DecodeVector(over, &list, 1).reason(), "decode-oversize");
  Bytes cut(e.bytes().begin() + 5, e.bytes().end() - 1);
  Decoder truncated(cut);
  EXPECT_EQ(DecodeVector(truncated, &list, 2).reason(), "decode-truncated");
}

TEST(CodecTest, DecodeExactEnforcesSizeAndTrailingBytes) {
  const Bytes good = Encode(Pair{1, 2});
  ASSERT_EQ(good.size(), 3u);
  Result<Pair> ok = DecodeExact<Pair>(good, 3);
  ASSERT_TRUE(ok.ok());
  EXPECT_EQ(*ok, (Pair{1, 2}));
  EXPECT_EQ(DecodeExact<Pair>(good, 2).status().reason(), "decode-oversize");
  Bytes longer = good;
  longer.push_back(0);
  EXPECT_EQ(DecodeExact<Pair>(longer, 100).status().reason(), "decode-trailing-bytes");
  EXPECT_EQ(DecodeExact<Pair>(Bytes{1, 2}, 100).status().reason(), "decode-truncated");
}

TEST(HexTest, RoundTripsAndRejectsBadInput) {
  EXPECT_EQ(ToHex(Bytes{0x00, 0xab, 0xff}), "0x00abff");
  EXPECT_EQ(*FromHex("0x00abFF"), (Bytes{0x00, 0xab, 0xff}));
  EXPECT_EQ(*FromHex("00abff"), (Bytes{0x00, 0xab, 0xff}));
  EXPECT_EQ(FromHex("0xabc").status().reason(), "bad-hex");
  EXPECT_EQ(FromHex("0xzz").status().reason(), "bad-hex");
  EXPECT_EQ(Hash256::FromHex("0x00").status().reason(), "bad-length");
  const Hash256 h = Hash256::FromHex(std::string(64, 'a')).value();
  EXPECT_EQ(h.Hex(), "0x" + std::string(64, 'a'));
}

}  // namespace
}  // namespace tfchain::chain
