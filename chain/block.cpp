// Block wire format:
//   header := chain_id:string(<=64) height:u64 time_ms:u64 prev_hash:fixed[32]
//             txs_root:fixed[32] state_root:fixed[32] events_root:fixed[32]
//             validators_hash:fixed[32] next_validators_hash:fixed[32]
//             proposer:fixed[32] last_commit_hash:fixed[32] evidence_hash:fixed[32]
//   block  := header vec<transaction>(<=200000) commit vec<evidence>(<=256)
#include "chain/block.h"

#include "chain/check.h"
#include "chain/merkle.h"

namespace tfchain::chain {

void EncodeTo(Encoder& e, const BlockHeader& h) {
  e.Str(h.chain_id);
  e.U64(h.height);
  e.U64(h.time_ms);
  e.Fixed(h.prev_hash);
  e.Fixed(h.txs_root);
  e.Fixed(h.state_root);
  e.Fixed(h.events_root);
  e.Fixed(h.validators_hash);
  e.Fixed(h.next_validators_hash);
  e.Fixed(h.proposer);
  e.Fixed(h.last_commit_hash);
  e.Fixed(h.evidence_hash);
}

Status DecodeFrom(Decoder& d, BlockHeader* out) {
  TF_RETURN_IF_ERROR(d.Str(&out->chain_id, kMaxChainIdLength));
  TF_RETURN_IF_ERROR(d.U64(&out->height));
  TF_RETURN_IF_ERROR(d.U64(&out->time_ms));
  for (Hash256* h : {&out->prev_hash, &out->txs_root, &out->state_root, &out->events_root, &out->validators_hash,
                     &out->next_validators_hash}) {
    TF_RETURN_IF_ERROR(d.Fixed(h));
  }
  TF_RETURN_IF_ERROR(d.Fixed(&out->proposer));
  TF_RETURN_IF_ERROR(d.Fixed(&out->last_commit_hash));
  return d.Fixed(&out->evidence_hash);
}

namespace {
// The block grammar above; with `spans`, also where each transaction lies in `e`.
void EncodeBlockTo(Encoder& e, const Block& b, std::vector<TxSpan>* spans) {
  EncodeTo(e, b.header);
  e.Compact(b.txs.size());
  for (const Transaction& tx : b.txs) {
    const size_t start = e.size();
    EncodeTo(e, tx);
    if (spans == nullptr) continue;
    CHECK(e.size() <= UINT32_MAX);  // blocks are bounded far below 4 GiB (max_block_bytes)
    spans->push_back(TxSpan{static_cast<uint32_t>(start), static_cast<uint32_t>(e.size() - start)});
  }
  EncodeTo(e, b.last_commit);
  EncodeVector(e, b.evidence);
}
}  // namespace

void EncodeTo(Encoder& e, const Block& b) { EncodeBlockTo(e, b, nullptr); }

Bytes EncodeBlock(const Block& b, std::vector<TxSpan>* spans) {
  spans->clear();
  spans->reserve(b.txs.size());
  Encoder e;
  EncodeBlockTo(e, b, spans);
  return std::move(e).Take();
}

Status DecodeFrom(Decoder& d, Block* out) {
  TF_RETURN_IF_ERROR(DecodeFrom(d, &out->header));
  TF_RETURN_IF_ERROR(DecodeVector(d, &out->txs, kMaxBlockTransactions));
  TF_RETURN_IF_ERROR(DecodeFrom(d, &out->last_commit));
  return DecodeVector(d, &out->evidence, kMaxEvidencePerBlock);
}

Hash256 BlockHash(const BlockHeader& header) { return Blake2b256(Encode(header)); }

Hash256 TxsRoot(const std::vector<Transaction>& txs) {
  std::vector<Hash256> leaves;
  leaves.reserve(txs.size());
  for (const Transaction& tx : txs) leaves.push_back(TxHash(tx));
  return MerkleRoot(leaves);
}

Hash256 EvidenceHash(const std::vector<Evidence>& evidence) {
  std::vector<Hash256> leaves;
  leaves.reserve(evidence.size());
  for (const Evidence& ev : evidence) leaves.push_back(TaggedHash(HashDomain::kEvidence, Encode(ev)));
  return MerkleRoot(leaves);
}

}  // namespace tfchain::chain
