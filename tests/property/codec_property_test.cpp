// Codec properties over random protocol values: decoding inverts encoding, the
// encoding is self-delimiting (no strict prefix decodes, nothing may follow it), and it
// is canonical (whatever a corrupted input decodes to re-encodes to that same input).
#include <gtest/gtest.h>
#include <rapidcheck.h>
#include <rapidcheck/gtest.h>

#include <cstdint>
#include <limits>

#include "chain/codec.h"
#include "tests/property/chain_generators.h"

namespace tfchain::chain {
namespace {

constexpr size_t kNoLimit = std::numeric_limits<size_t>::max();

template <typename T>
void CheckCodec(const T& value) {
  const Bytes bytes = Encode(value);
  RC_LOG() << "encoded: " << ToHex(bytes) << "\n";

  // decode(encode(x)) == x.
  Result<T> back = DecodeExact<T>(bytes, kNoLimit);
  RC_ASSERT(back.ok());
  RC_ASSERT(*back == value);

  // Every strict prefix is truncated input.
  for (size_t len = 0; len < bytes.size(); ++len) {
    Result<T> part = DecodeExact<T>(ByteSpan(bytes.data(), len), kNoLimit);
    RC_ASSERT(!part.ok());
    RC_ASSERT(part.status().reason() == "decode-truncated");
  }

  // Nothing may follow a value.
  Bytes longer = bytes;
  longer.push_back(*rc::gen::arbitrary<uint8_t>());
  RC_ASSERT(DecodeExact<T>(longer, kNoLimit).status().reason() == "decode-trailing-bytes");

  // A size limit below the encoding rejects it as oversize.
  RC_ASSERT(DecodeExact<T>(bytes, bytes.size() - 1).status().reason() == "decode-oversize");

  // Canonicality: corrupt one to three bytes; the result either fails to decode or
  // decodes to a value whose encoding is exactly the corrupted input.
  Bytes flipped = bytes;
  const int flips = *rc::gen::inRange(1, 4);
  for (int i = 0; i < flips; ++i) {
    const size_t pos = *rc::gen::inRange<size_t>(0, flipped.size());
    flipped[pos] ^= *rc::gen::inRange<int>(1, 256);
  }
  Result<T> mutated = DecodeExact<T>(flipped, kNoLimit);
  if (mutated.ok()) {
    RC_ASSERT(Encode(*mutated) == flipped);
  } else {
    RC_ASSERT(mutated.status().code() == Status::Code::kInvalidArgument);
  }
}

RC_GTEST_PROP(CodecProperty, Transaction, (const Transaction& tx)) { CheckCodec(tx); }
RC_GTEST_PROP(CodecProperty, TransactionBody, (const TransactionBody& body)) { CheckCodec(body); }
RC_GTEST_PROP(CodecProperty, Call, (const Call& call)) { CheckCodec(call); }
RC_GTEST_PROP(CodecProperty, BlockHeader, (const BlockHeader& header)) { CheckCodec(header); }
RC_GTEST_PROP(CodecProperty, Block, (const Block& block)) { CheckCodec(block); }
RC_GTEST_PROP(CodecProperty, Receipt, (const Receipt& receipt)) { CheckCodec(receipt); }
RC_GTEST_PROP(CodecProperty, BlockResults, (const BlockResults& results)) { CheckCodec(results); }
RC_GTEST_PROP(CodecProperty, Event, (const Event& event)) { CheckCodec(event); }
RC_GTEST_PROP(CodecProperty, Vote, (const Vote& vote)) { CheckCodec(vote); }
RC_GTEST_PROP(CodecProperty, Commit, (const Commit& commit)) { CheckCodec(commit); }
RC_GTEST_PROP(CodecProperty, Evidence, (const Evidence& evidence)) { CheckCodec(evidence); }
RC_GTEST_PROP(CodecProperty, AccountData, (const AccountData& account)) { CheckCodec(account); }
RC_GTEST_PROP(CodecProperty, Validator, (const Validator& validator)) { CheckCodec(validator); }
RC_GTEST_PROP(CodecProperty, SmtNode, (const SmtNode& node)) { CheckCodec(node); }
RC_GTEST_PROP(CodecProperty, SmtProof, (const SmtProof& proof)) { CheckCodec(proof); }
RC_GTEST_PROP(CodecProperty, GovAction, (const GovAction& action)) { CheckCodec(action); }
RC_GTEST_PROP(CodecProperty, PublicConfig, (const PublicConfig& config)) { CheckCodec(config); }
RC_GTEST_PROP(CodecProperty, PricingPolicy, (const PricingPolicy& policy)) { CheckCodec(policy); }
RC_GTEST_PROP(CodecProperty, FarmingPolicy, (const FarmingPolicy& policy)) { CheckCodec(policy); }
RC_GTEST_PROP(CodecProperty, FarmingReceipt, (const FarmingReceipt& receipt)) { CheckCodec(receipt); }

// compact(n) for an arbitrary u64, and how many bytes the canonical mode takes.
size_t CompactSize(uint64_t v) {
  if (v < (1u << 6)) return 1;
  if (v < (1u << 14)) return 2;
  if (v < (1u << 30)) return 4;
  size_t k = 4;
  while (k < 8 && (v >> (8 * k)) != 0) ++k;
  return 1 + k;
}

Result<uint64_t> DecodeCompact(ByteSpan bytes) {
  Decoder d(bytes);
  uint64_t v;
  TF_RETURN_IF_ERROR(d.Compact(&v));
  TF_RETURN_IF_ERROR(d.Finish());
  return v;
}

Bytes Le(uint64_t v, size_t n) {
  Bytes out;
  for (size_t i = 0; i < n; ++i) out.push_back(static_cast<uint8_t>(i < 8 ? v >> (8 * i) : 0));
  return out;
}

// Every encoding of v the compact grammar allows other than the canonical one.
std::vector<Bytes> NonCanonicalCompacts(uint64_t v) {
  std::vector<Bytes> out;
  const size_t canonical = CompactSize(v);
  if (canonical < 2) out.push_back(Le(v << 2 | 0b01, 2));
  if (canonical < 4) out.push_back(Le(v << 2 | 0b10, 4));
  for (size_t k = 4; k <= 8; ++k) {
    if (1 + k == canonical) continue;
    if (k < 8 && (v >> (8 * k)) != 0) continue;  // does not fit in k bytes
    Bytes b{static_cast<uint8_t>((k - 4) << 2 | 0b11)};
    const Bytes body = Le(v, k);
    b.insert(b.end(), body.begin(), body.end());
    out.push_back(b);
  }
  return out;
}

rc::Gen<uint64_t> GenAnyMagnitude() {
  // Uniform over the bit length first, so every compact mode and width gets exercised.
  return rc::gen::mapcat(rc::gen::inRange(0, 65), [](int bits) {
    return rc::gen::map(rc::gen::arbitrary<uint64_t>(), [bits](uint64_t r) {
      if (bits == 0) return uint64_t{0};
      const uint64_t top = uint64_t{1} << (bits - 1);
      return bits == 64 ? (r | top) : ((r & (top - 1)) | top);
    });
  });
}

RC_GTEST_PROP(CompactProperty, RoundTripsEveryU64, ()) {
  const uint64_t v = *GenAnyMagnitude();
  Encoder e;
  e.Compact(v);
  RC_ASSERT(e.size() == CompactSize(v));
  Result<uint64_t> back = DecodeCompact(e.bytes());
  RC_ASSERT(back.ok());
  RC_ASSERT(*back == v);
}

RC_GTEST_PROP(CompactProperty, RejectsEveryNonMinimalEncoding, ()) {
  const uint64_t v = *GenAnyMagnitude();
  for (const Bytes& b : NonCanonicalCompacts(v)) {
    RC_LOG() << "non-canonical compact(" << v << "): " << ToHex(b) << "\n";
    RC_ASSERT(DecodeCompact(b).status().reason() == "decode-noncanonical");
  }
}

TEST(CompactPropertyHelpers, NonCanonicalFormsAreGenerated) {
  EXPECT_EQ(NonCanonicalCompacts(0).size(), 2u + 5u);
  EXPECT_EQ(NonCanonicalCompacts(1u << 14).size(), 5u);
  EXPECT_EQ(NonCanonicalCompacts(1u << 30).size(), 4u);
  EXPECT_TRUE(NonCanonicalCompacts(UINT64_MAX).empty());
}

}  // namespace
}  // namespace tfchain::chain
