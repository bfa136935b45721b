// P2P message codec: every kind round-trips byte for byte; unknown tags, truncation,
// trailing bytes and every size limit are rejected; MessageId is the hash of the encoding.
#include "node/p2p_message.h"

#include <gtest/gtest.h>

#include <algorithm>

#include "chain/call.h"
#include "chain/proposal.h"
#include "chain/transaction.h"
#include "chain/vote.h"
#include "tests/support/test_keys.h"

namespace tfchain::node {
namespace {

chain::Hash256 HashOf(uint8_t b) {
  chain::Hash256 h;
  h.bytes.fill(b);
  return h;
}

chain::Vote SignedVote(uint64_t height, uint8_t block) {
  chain::Vote v;
  v.type = chain::VoteType::kPrevote;
  v.height = height;
  v.round = 2;
  v.block_hash = HashOf(block);
  chain::SignVote("p2p-test", testing::TestKey(1), &v);
  return v;
}

chain::Block SampleBlock(uint64_t height) {
  chain::Block b;
  b.header.chain_id = "p2p-test";
  b.header.height = height;
  b.header.time_ms = 1'700'000'000'000 + height;
  b.header.prev_hash = HashOf(7);
  b.header.proposer = testing::TestKey(1).account_id();
  chain::TransactionBody body;
  body.chain_id = "p2p-test";
  body.nonce = height;
  body.valid_until = 100;
  body.call = chain::TransferCall{testing::TestKey(2).account_id(), 5};
  b.txs.push_back(chain::SignTransaction(std::move(body), testing::TestKey(1)));
  b.last_commit = chain::Commit{height - 1, 0, HashOf(7), {chain::CommitSig{testing::TestKey(1).account_id(), {}}}};
  return b;
}

std::vector<Message> AllKinds() {
  chain::Proposal proposal;
  proposal.height = 5;
  proposal.round = 1;
  proposal.pol_round = 0;
  proposal.block_hash = chain::BlockHash(SampleBlock(5).header);
  chain::SignProposal("p2p-test", testing::TestKey(1), &proposal);
  chain::Commit commit{9, 0, HashOf(9), {chain::CommitSig{testing::TestKey(3).account_id(), {}}}};
  return {
      StatusMsg{42, HashOf(1), 3},
      TxsMsg{{chain::Encode(SampleBlock(2).txs[0])}},
      TxsMsg{{chain::Encode(SampleBlock(2).txs[0]), chain::Bytes{1, 2, 3}}},
      ProposalMsg{proposal, SampleBlock(5)},
      VoteMsg{SignedVote(3, 4)},
      EvidenceMsg{chain::Evidence{SignedVote(3, 4), SignedVote(3, 5)}},
      BlockRequest{10, kMaxBlocksPerRequest},
      BlockResponse{{SampleBlock(8), SampleBlock(9)}, commit},
      BlockResponse{{}, std::nullopt},
      Ping{0xdeadbeefcafef00d},
      Pong{1},
  };
}

TEST(P2pMessageTest, EveryKindRoundTripsByteForByte) {
  for (const Message& m : AllKinds()) {
    const chain::Bytes encoded = EncodeMessage(m);
    chain::Result<Message> decoded = DecodeMessage(encoded);
    ASSERT_TRUE(decoded.ok()) << MessageName(m) << ": " << decoded.status().ToString();
    EXPECT_EQ(*decoded, m) << MessageName(m);
    EXPECT_EQ(EncodeMessage(*decoded), encoded) << MessageName(m);
    EXPECT_EQ(encoded[0], std::visit([](const auto& x) { return std::decay_t<decltype(x)>::kTag; }, m));
  }
}

TEST(P2pMessageTest, FixedLayoutOfSmallMessages) {
  // status := 0x01 height:u64 head_hash:fixed[32] base_height:u64
  const chain::Bytes status = EncodeMessage(StatusMsg{0x0102, HashOf(0xaa), 7});
  ASSERT_EQ(status.size(), 1u + 8 + 32 + 8);
  EXPECT_EQ(status[0], 0x01);
  EXPECT_EQ(status[1], 0x02);
  EXPECT_EQ(status[2], 0x01);
  EXPECT_EQ(status[9], 0xaa);
  EXPECT_EQ(status[41], 7);
  EXPECT_EQ(EncodeMessage(Ping{1}), (chain::Bytes{0x08, 1, 0, 0, 0, 0, 0, 0, 0}));
  EXPECT_EQ(EncodeMessage(Pong{2}), (chain::Bytes{0x09, 2, 0, 0, 0, 0, 0, 0, 0}));
  EXPECT_EQ(EncodeMessage(BlockRequest{3, 4}), (chain::Bytes{0x06, 3, 0, 0, 0, 0, 0, 0, 0, 4, 0, 0, 0}));
  EXPECT_EQ(EncodeMessage(TxsMsg{{{9, 8}}}), (chain::Bytes{0x02, 1 << 2, 2 << 2, 9, 8}));
  EXPECT_EQ(EncodeMessage(TxsMsg{{{9}, {}}}), (chain::Bytes{0x02, 2 << 2, 1 << 2, 9, 0}));
}

TEST(P2pMessageTest, RejectsUnknownTags) {
  for (uint8_t tag : {0x00, 0x0a, 0x10, 0xff}) {
    chain::Result<Message> r = DecodeMessage(chain::Bytes{tag, 0, 0, 0, 0, 0, 0, 0, 0});
    ASSERT_FALSE(r.ok()) << int(tag);
    EXPECT_EQ(r.status().reason(), "decode-bad-tag");
  }
  EXPECT_EQ(DecodeMessage(chain::Bytes{}).status().reason(), "decode-truncated");
}

TEST(P2pMessageTest, RejectsEveryTruncationAndTrailingBytes) {
  for (const Message& m : AllKinds()) {
    const chain::Bytes encoded = EncodeMessage(m);
    for (size_t n = 0; n < encoded.size(); ++n) {
      chain::Result<Message> r = DecodeMessage(chain::ByteSpan(encoded.data(), n));
      EXPECT_FALSE(r.ok()) << MessageName(m) << " cut to " << n << " bytes";
    }
    chain::Bytes longer = encoded;
    longer.push_back(0);
    chain::Result<Message> r = DecodeMessage(longer);
    ASSERT_FALSE(r.ok()) << MessageName(m);
    EXPECT_EQ(r.status().reason(), "decode-trailing-bytes") << MessageName(m);
  }
}

TEST(P2pMessageTest, RejectsOversizeInputAndCollections) {
  const chain::Bytes ping = EncodeMessage(Ping{1});
  EXPECT_TRUE(DecodeMessage(ping, ping.size()).ok());
  EXPECT_EQ(DecodeMessage(ping, ping.size() - 1).status().reason(), "decode-oversize");

  // A transaction over kMaxTransactionSize, and more than kMaxTxsPerMessage of them.
  EXPECT_TRUE(DecodeMessage(EncodeMessage(TxsMsg{{chain::Bytes(chain::kMaxTransactionSize, 1)}})).ok());
  EXPECT_EQ(DecodeMessage(EncodeMessage(TxsMsg{{{1}, chain::Bytes(chain::kMaxTransactionSize + 1, 1)}}))
                .status()
                .reason(),
            "decode-oversize");
  EXPECT_TRUE(DecodeMessage(EncodeMessage(TxsMsg{std::vector<chain::Bytes>(kMaxTxsPerMessage, {7})})).ok());
  EXPECT_EQ(DecodeMessage(EncodeMessage(TxsMsg{std::vector<chain::Bytes>(kMaxTxsPerMessage + 1, {7})}))
                .status()
                .reason(),
            "decode-oversize");
  // A batch of no transactions is not a message anyone sends.
  EXPECT_EQ(DecodeMessage(EncodeMessage(TxsMsg{})).status().reason(), "decode-bad-value");

  // Block request counts outside 1..128.
  EXPECT_EQ(DecodeMessage(EncodeMessage(BlockRequest{1, 0})).status().reason(), "decode-bad-value");
  EXPECT_EQ(DecodeMessage(EncodeMessage(BlockRequest{1, kMaxBlocksPerRequest + 1})).status().reason(),
            "decode-bad-value");

  // A response with 129 blocks.
  BlockResponse big;
  big.blocks.assign(kMaxBlocksPerRequest + 1, chain::Block{});
  EXPECT_EQ(DecodeMessage(EncodeMessage(big)).status().reason(), "decode-oversize");
  big.blocks.pop_back();
  EXPECT_TRUE(DecodeMessage(EncodeMessage(big)).ok());
}

TEST(P2pMessageTest, RejectsBadInnerValues) {
  // Option tag 2 for the tip commit.
  chain::Bytes response = EncodeMessage(BlockResponse{{}, std::nullopt});
  response.back() = 2;
  EXPECT_EQ(DecodeMessage(response).status().reason(), "decode-bad-tag");
  // Vote type 3.
  chain::Bytes vote = EncodeMessage(VoteMsg{SignedVote(1, 1)});
  vote[1] = 3;
  EXPECT_EQ(DecodeMessage(vote).status().reason(), "decode-bad-tag");
}

TEST(P2pMessageTest, MessageIdIsTheHashOfTheEncoding) {
  std::vector<chain::Hash256> ids;
  for (const Message& m : AllKinds()) {
    EXPECT_EQ(MessageId(m), chain::Blake2b256(EncodeMessage(m)));
    ids.push_back(MessageId(m));
  }
  std::sort(ids.begin(), ids.end());
  EXPECT_EQ(std::adjacent_find(ids.begin(), ids.end()), ids.end()) << "two kinds share an id";
  // Votes that differ only in the block differ.
  EXPECT_NE(MessageId(VoteMsg{SignedVote(1, 1)}), MessageId(VoteMsg{SignedVote(1, 2)}));
}

TEST(P2pMessageTest, GossipKindsAndNames) {
  EXPECT_FALSE(IsGossip(TxsMsg{}));  // batches differ per peer: the node de-duplicates their transactions
  EXPECT_TRUE(IsGossip(ProposalMsg{}));
  EXPECT_TRUE(IsGossip(VoteMsg{}));
  EXPECT_TRUE(IsGossip(EvidenceMsg{}));
  EXPECT_FALSE(IsGossip(StatusMsg{}));
  EXPECT_FALSE(IsGossip(BlockRequest{}));
  EXPECT_FALSE(IsGossip(BlockResponse{}));
  EXPECT_FALSE(IsGossip(Ping{}));
  EXPECT_FALSE(IsGossip(Pong{}));
  EXPECT_EQ(MessageName(StatusMsg{}), "status");
  EXPECT_EQ(MessageName(BlockResponse{}), "block-response");
}

}  // namespace
}  // namespace tfchain::node
