#pragma once

#include <cstdint>
#include <optional>
#include <string_view>
#include <variant>
#include <vector>

#include "chain/block.h"
#include "chain/bytes.h"
#include "chain/codec.h"
#include "chain/hash.h"
#include "chain/proposal.h"
#include "chain/status.h"
#include "chain/vote.h"

namespace tfchain::node {

// The messages that travel inside the encrypted frames of an established P2P connection
// (grammar in p2p_message.cpp, protocol in docs/p2p.md). Each alternative has a one-byte
// wire tag kTag and a name kName for logs. Value types; thread-compatible.
//
// Names end in "Msg" where the plain name would clash with a chain type (Status is the
// error type, Proposal/Vote/Evidence the consensus types they carry).

// The largest message the protocol allows; a frame carries exactly one message.
inline constexpr size_t kMaxMessageBytes = 16 * 1024 * 1024;
// At most this many blocks are asked for or returned at once.
inline constexpr uint32_t kMaxBlocksPerRequest = 128;

// The sender's chain: sent after the handshake and on each new head.
struct StatusMsg {
  static constexpr uint8_t kTag = 0x01;
  static constexpr std::string_view kName = "status";
  uint64_t height = 0;       // the sender's head height
  chain::Hash256 head_hash;  // BlockHash of the head
  uint64_t base_height = 0;  // the lowest height whose block the sender can serve
  bool operator==(const StatusMsg&) const = default;
};

// Transactions, each as its signer encoded it (gossip, batched: a node collects what it
// relays for a few milliseconds and sends one message per peer). The node, not the
// network, de-duplicates them, by transaction hash.
inline constexpr uint32_t kMaxTxsPerMessage = 8192;
struct TxsMsg {
  static constexpr uint8_t kTag = 0x02;
  static constexpr std::string_view kName = "txs";
  std::vector<chain::Bytes> encoded_txs;  // 1..kMaxTxsPerMessage, each at most chain::kMaxTransactionSize bytes
  bool operator==(const TxsMsg&) const = default;
};

// A consensus proposal with the block it proposes (gossip).
struct ProposalMsg {
  static constexpr uint8_t kTag = 0x03;
  static constexpr std::string_view kName = "proposal";
  chain::Proposal proposal;
  chain::Block block;
  bool operator==(const ProposalMsg&) const = default;
};

// A prevote or precommit (gossip).
struct VoteMsg {
  static constexpr uint8_t kTag = 0x04;
  static constexpr std::string_view kName = "vote";
  chain::Vote vote;
  bool operator==(const VoteMsg&) const = default;
};

// Two conflicting votes of one validator (gossip).
struct EvidenceMsg {
  static constexpr uint8_t kTag = 0x05;
  static constexpr std::string_view kName = "evidence";
  chain::Evidence evidence;
  bool operator==(const EvidenceMsg&) const = default;
};

// Block sync: asks for blocks from_height, from_height + 1, ... (count of them).
struct BlockRequest {
  static constexpr uint8_t kTag = 0x06;
  static constexpr std::string_view kName = "block-request";
  uint64_t from_height = 0;
  uint32_t count = 0;  // 1..kMaxBlocksPerRequest
  bool operator==(const BlockRequest&) const = default;
};

// Block sync: consecutive blocks (possibly fewer than asked for, possibly none).
struct BlockResponse {
  static constexpr uint8_t kTag = 0x07;
  static constexpr std::string_view kName = "block-response";
  std::vector<chain::Block> blocks;  // at most kMaxBlocksPerRequest
  // The commit of the last block, when the sender has no later block that would carry it.
  std::optional<chain::Commit> tip_commit;
  bool operator==(const BlockResponse&) const = default;
};

// Keepalive: the receiver answers with a Pong carrying the same nonce.
struct Ping {
  static constexpr uint8_t kTag = 0x08;
  static constexpr std::string_view kName = "ping";
  uint64_t nonce = 0;
  bool operator==(const Ping&) const = default;
};

struct Pong {
  static constexpr uint8_t kTag = 0x09;
  static constexpr std::string_view kName = "pong";
  uint64_t nonce = 0;
  bool operator==(const Pong&) const = default;
};

using Message =
    std::variant<StatusMsg, TxsMsg, ProposalMsg, VoteMsg, EvidenceMsg, BlockRequest, BlockResponse, Ping, Pong>;

// The canonical encoding: the tag, then the fields.
void EncodeTo(chain::Encoder& e, const Message& m);
chain::Bytes EncodeMessage(const Message& m);

// Decodes exactly one message. Strict: fails on an unknown tag ("decode-bad-tag"), a
// truncated body ("decode-truncated"), trailing bytes ("decode-trailing-bytes"), an
// input longer than max_size or a collection over its limit ("decode-oversize"), a
// BlockRequest count of 0 or above kMaxBlocksPerRequest or a TxsMsg without transactions
// ("decode-bad-value"), and every error of the chain types inside. Accepted inputs
// re-encode to themselves.
chain::Result<Message> DecodeMessage(chain::ByteSpan data, size_t max_size = kMaxMessageBytes);

// "status", "txs", ... (the alternative's kName).
std::string_view MessageName(const Message& m);

// True for the kinds the network de-duplicates by MessageId (ProposalMsg, VoteMsg,
// EvidenceMsg). TxsMsg batches differ per peer; the node de-duplicates their transactions.
bool IsGossip(const Message& m);

// BLAKE2b-256 of EncodeMessage(m): the identity of a message for gossip de-duplication.
// Because the encoding is canonical, hashing received bytes gives the same id.
chain::Hash256 MessageId(const Message& m);

}  // namespace tfchain::node
