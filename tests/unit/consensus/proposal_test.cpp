// chain::Proposal: signing hash, signatures, and the strict codec.
#include "chain/proposal.h"

#include <gtest/gtest.h>

#include "chain/codec.h"
#include "chain/hash.h"
#include "chain/vote.h"
#include "tests/support/test_keys.h"

namespace tfchain::chain {
namespace {

constexpr char kChain[] = "proposal-test";

Proposal Signed(int32_t pol_round = 1) {
  Proposal p;
  p.height = 42;
  p.round = 3;
  p.pol_round = pol_round;
  p.block_hash.bytes.fill(0xab);
  SignProposal(kChain, testing::TestKey(7), &p);
  return p;
}

TEST(Proposal, SignFillsProposerAndVerifies) {
  Proposal p = Signed();
  EXPECT_EQ(p.proposer, testing::TestKey(7).account_id());
  EXPECT_TRUE(VerifyProposal(kChain, p));
}

TEST(Proposal, SignatureCoversEveryField) {
  const Proposal good = Signed();
  EXPECT_FALSE(VerifyProposal("other-chain", good));
  Proposal p = good;
  p.height++;
  EXPECT_FALSE(VerifyProposal(kChain, p));
  p = good;
  p.round++;
  EXPECT_FALSE(VerifyProposal(kChain, p));
  p = good;
  p.pol_round = -1;
  EXPECT_FALSE(VerifyProposal(kChain, p));
  p = good;
  p.block_hash.bytes[0] ^= 1;
  EXPECT_FALSE(VerifyProposal(kChain, p));
  p = good;
  p.proposer = testing::TestKey(8).account_id();
  EXPECT_FALSE(VerifyProposal(kChain, p));
}

TEST(Proposal, SigningHashIsDomainSeparatedFromVotes) {
  const Hash256 block = Signed().block_hash;
  // Same leading fields as a vote's payload must not collide with it.
  EXPECT_NE(ProposalSigningHash(kChain, 1, 0, -1, block), VoteSigningHash(kChain, VoteType::kPrevote, 1, 0, block));
  Encoder e;
  e.Str(kChain);
  e.U64(1);
  e.U32(0);
  e.U32(0xffffffffu);  // pol_round -1, two's complement little-endian
  e.Fixed(block);
  EXPECT_EQ(ProposalSigningHash(kChain, 1, 0, -1, block), TaggedHash(HashDomain::kProposalSigningPayload, e.bytes()));
  EXPECT_EQ(static_cast<uint8_t>(HashDomain::kProposalSigningPayload), 0x03);
}

TEST(Proposal, RejectsNonEd25519Signature) {
  Proposal p = Signed();
  Bytes raw(65, 1);
  p.signature = Signature::Parse(KeyScheme::kSecp256k1, raw).value();
  EXPECT_FALSE(VerifyProposal(kChain, p));
}

TEST(Proposal, CodecRoundTripAndLayout) {
  for (int32_t pol : {-1, 0, 2}) {
    const Proposal p = Signed(pol);
    const Bytes bytes = Encode(p);
    // 8 + 4 + 4 + 32 + 32 + (1 + 64) bytes.
    EXPECT_EQ(bytes.size(), 145u);
    auto back = DecodeExact<Proposal>(bytes, 1024);
    ASSERT_TRUE(back.ok()) << back.status().ToString();
    EXPECT_EQ(*back, p);
    EXPECT_TRUE(VerifyProposal(kChain, *back));
  }
  const Bytes minus_one = Encode(Signed(-1));
  EXPECT_EQ(minus_one[12], 0xff);
  EXPECT_EQ(minus_one[15], 0xff);
}

TEST(Proposal, DecodeRejectsBadInput) {
  const Bytes good = Encode(Signed());
  // pol_round below -1.
  Bytes bad_pol = good;
  bad_pol[12] = 0xfe;  // -2 = fe ff ff ff
  bad_pol[13] = bad_pol[14] = bad_pol[15] = 0xff;
  auto r = DecodeExact<Proposal>(bad_pol, 1024);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().reason(), "decode-bad-value");
  // Truncated, trailing bytes, unknown signature scheme, over the size limit.
  EXPECT_EQ(DecodeExact<Proposal>(ByteSpan(good).first(good.size() - 1), 1024).status().reason(),
            "decode-truncated");
  Bytes trailing = good;
  trailing.push_back(0);
  EXPECT_EQ(DecodeExact<Proposal>(trailing, 1024).status().reason(), "decode-trailing-bytes");
  Bytes bad_scheme = good;
  bad_scheme[80] = 9;
  EXPECT_FALSE(DecodeExact<Proposal>(bad_scheme, 1024).ok());
  EXPECT_EQ(DecodeExact<Proposal>(good, 100).status().reason(), "decode-oversize");
}

}  // namespace
}  // namespace tfchain::chain
