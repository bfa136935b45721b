// P2P message wire format (the plaintext of one frame after the handshake):
//
//   message        := tag:u8 body
//   status         := 0x01 height:u64 head_hash:fixed[32] base_height:u64
//   txs            := 0x02 vec<encoded_tx:blob(<= 65536)>(1..8192)
//   proposal       := 0x03 proposal block
//   vote           := 0x04 vote
//   evidence       := 0x05 evidence
//   block_request  := 0x06 from_height:u64 count:u32          (1 <= count <= 128)
//   block_response := 0x07 vec<block>(<= 128) option<commit>
//   ping           := 0x08 nonce:u64
//   pong           := 0x09 nonce:u64
//
// proposal is chain/proposal.cpp's, block chain/block.cpp's, vote, evidence and commit
// chain/vote.cpp's. Any other tag is rejected; so are trailing bytes.
#include "node/p2p_message.h"

#include <type_traits>

#include "chain/transaction.h"

namespace tfchain::node {

using chain::Decoder;
using chain::Encoder;
using chain::Result;
using chain::Status;

namespace {

void EncodeBody(Encoder& e, const StatusMsg& m) {
  e.U64(m.height);
  e.Fixed(m.head_hash);
  e.U64(m.base_height);
}
Status DecodeBody(Decoder& d, StatusMsg* m) {
  TF_RETURN_IF_ERROR(d.U64(&m->height));
  TF_RETURN_IF_ERROR(d.Fixed(&m->head_hash));
  return d.U64(&m->base_height);
}

void EncodeBody(Encoder& e, const TxsMsg& m) {
  e.Compact(m.encoded_txs.size());
  for (const chain::Bytes& tx : m.encoded_txs) e.Blob(tx);
}
Status DecodeBody(Decoder& d, TxsMsg* m) {
  size_t n = 0;
  TF_RETURN_IF_ERROR(d.Length(&n, kMaxTxsPerMessage));
  if (n == 0) return Status::InvalidArgument("decode-bad-value", "a txs message without transactions");
  m->encoded_txs.resize(n);
  for (chain::Bytes& tx : m->encoded_txs) TF_RETURN_IF_ERROR(d.Blob(&tx, chain::kMaxTransactionSize));
  return Status::Ok();
}

void EncodeBody(Encoder& e, const ProposalMsg& m) {
  EncodeTo(e, m.proposal);
  EncodeTo(e, m.block);
}
Status DecodeBody(Decoder& d, ProposalMsg* m) {
  TF_RETURN_IF_ERROR(DecodeFrom(d, &m->proposal));
  return DecodeFrom(d, &m->block);
}

void EncodeBody(Encoder& e, const VoteMsg& m) { EncodeTo(e, m.vote); }
Status DecodeBody(Decoder& d, VoteMsg* m) { return DecodeFrom(d, &m->vote); }

void EncodeBody(Encoder& e, const EvidenceMsg& m) { EncodeTo(e, m.evidence); }
Status DecodeBody(Decoder& d, EvidenceMsg* m) { return DecodeFrom(d, &m->evidence); }

void EncodeBody(Encoder& e, const BlockRequest& m) {
  e.U64(m.from_height);
  e.U32(m.count);
}
Status DecodeBody(Decoder& d, BlockRequest* m) {
  TF_RETURN_IF_ERROR(d.U64(&m->from_height));
  TF_RETURN_IF_ERROR(d.U32(&m->count));
  if (m->count == 0 || m->count > kMaxBlocksPerRequest) {
    return Status::InvalidArgument("decode-bad-value", "block request count " + std::to_string(m->count) +
                                                           " is not in 1.." + std::to_string(kMaxBlocksPerRequest));
  }
  return Status::Ok();
}

void EncodeBody(Encoder& e, const BlockResponse& m) {
  chain::EncodeVector(e, m.blocks);
  chain::EncodeOptional(e, m.tip_commit);
}
Status DecodeBody(Decoder& d, BlockResponse* m) {
  TF_RETURN_IF_ERROR(chain::DecodeVector(d, &m->blocks, kMaxBlocksPerRequest));
  return chain::DecodeOptional(d, &m->tip_commit);
}

void EncodeBody(Encoder& e, const Ping& m) { e.U64(m.nonce); }
Status DecodeBody(Decoder& d, Ping* m) { return d.U64(&m->nonce); }
void EncodeBody(Encoder& e, const Pong& m) { e.U64(m.nonce); }
Status DecodeBody(Decoder& d, Pong* m) { return d.U64(&m->nonce); }

template <size_t I = 0>
Status DecodeAlternative(Decoder& d, uint8_t tag, Message* out) {
  if constexpr (I == std::variant_size_v<Message>) {
    return Status::InvalidArgument("decode-bad-tag", "unknown message tag " + std::to_string(tag));
  } else {
    using T = std::variant_alternative_t<I, Message>;
    if (T::kTag != tag) return DecodeAlternative<I + 1>(d, tag, out);
    T body{};
    TF_RETURN_IF_ERROR(DecodeBody(d, &body));
    *out = std::move(body);
    return Status::Ok();
  }
}

}  // namespace

void EncodeTo(Encoder& e, const Message& m) {
  std::visit(
      [&e](const auto& body) {
        e.U8(std::decay_t<decltype(body)>::kTag);
        EncodeBody(e, body);
      },
      m);
}

chain::Bytes EncodeMessage(const Message& m) {
  Encoder e;
  EncodeTo(e, m);
  return std::move(e).Take();
}

Result<Message> DecodeMessage(chain::ByteSpan data, size_t max_size) {
  if (data.size() > max_size) {
    return Status::InvalidArgument(
        "decode-oversize",
        std::to_string(data.size()) + " bytes exceed the message limit of " + std::to_string(max_size));
  }
  Decoder d(data);
  uint8_t tag;
  TF_RETURN_IF_ERROR(d.U8(&tag));
  Message out;
  TF_RETURN_IF_ERROR(DecodeAlternative(d, tag, &out));
  TF_RETURN_IF_ERROR(d.Finish());
  return out;
}

std::string_view MessageName(const Message& m) {
  return std::visit([](const auto& body) { return std::decay_t<decltype(body)>::kName; }, m);
}

bool IsGossip(const Message& m) {
  return std::holds_alternative<ProposalMsg>(m) || std::holds_alternative<VoteMsg>(m) ||
         std::holds_alternative<EvidenceMsg>(m);
}

chain::Hash256 MessageId(const Message& m) { return chain::Blake2b256(EncodeMessage(m)); }

}  // namespace tfchain::node
