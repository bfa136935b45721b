// Chain store layout (one KvStore; heights are 8-byte big-endian so they sort):
//   'M' "head"           -> height:u64 hash:fixed[32]
//   'M' "genesis"        -> hash:fixed[32]
//   'M' "head_commit"    -> commit
//   'M' "txs_committed"  -> u64
//   'M' "format"         -> u64 (ChainStore::kFormat; written with genesis)
//   'B' height:be64      -> block
//   'R' height:be64      -> block_hash:fixed[32]
//   'H' block_hash       -> height:u64
//   'E' height:be64      -> block_results with the begin/end events and no receipts
//   'T' tx_hash          -> height:u64 index:u32 offset:u32 size:u32 receipt
//                           (offset/size: where the tx's encoding lies in 'B' height)
//   'S' state_key        -> value (the head state)
//   'N' node_hash        -> smt_node
//   'V' height:be64      -> vec<evidence> of that block (only blocks with evidence)
//   'C' ...              -> the bill index (node/bill_index.cpp), written with its block
// Values use the canonical codec (chain/codec.h).
#include "node/chain_store.h"

#include <algorithm>

#include "node/bill_index.h"

namespace tfchain::node {
namespace {
constexpr uint8_t kMeta = 'M';
constexpr uint8_t kBlock = 'B';
constexpr uint8_t kBlockHash = 'H';
constexpr uint8_t kHeightHash = 'R';
constexpr uint8_t kBlockEvents = 'E';
constexpr uint8_t kTx = 'T';
constexpr uint8_t kState = 'S';
constexpr uint8_t kNode = 'N';
constexpr uint8_t kEvidence = 'V';

Bytes Key(uint8_t prefix, ByteSpan rest) {
  Bytes key;
  key.reserve(1 + rest.size());
  key.push_back(prefix);
  key.insert(key.end(), rest.begin(), rest.end());
  return key;
}
Bytes MetaKey(std::string_view name) { return Key(kMeta, chain::AsBytes(name)); }
Bytes HeightKey(uint8_t prefix, uint64_t height) {
  Bytes key(9);
  key[0] = prefix;
  for (int i = 0; i < 8; ++i) key[1 + i] = static_cast<uint8_t>(height >> (8 * (7 - i)));
  return key;
}


template <typename T>
Result<T> DecodeStored(ByteSpan raw, std::string_view what) {
  auto decoded = chain::DecodeExact<T>(raw, raw.size());
  if (!decoded.ok()) return Status::Corruption("db-corrupt", std::string(what) + ": " + decoded.status().ToString());
  return decoded;
}

template <typename T>
Result<std::optional<T>> GetStored(const KvStore& kv, const Bytes& key, std::string_view what) {
  TF_ASSIGN_OR_RETURN(std::optional<Bytes> raw, kv.Get(key));
  if (!raw) return std::optional<T>();
  TF_ASSIGN_OR_RETURN(T value, DecodeStored<T>(*raw, what));
  return std::optional<T>(std::move(value));
}

struct U64Value {
  uint64_t v = 0;
};
void EncodeTo(chain::Encoder& e, const U64Value& x) { e.U64(x.v); }
Status DecodeFrom(chain::Decoder& d, U64Value* x) { return d.U64(&x->v); }

struct HeadValue {
  uint64_t height = 0;
  Hash256 hash;
};
void EncodeTo(chain::Encoder& e, const HeadValue& x) {
  e.U64(x.height);
  e.Fixed(x.hash);
}
Status DecodeFrom(chain::Decoder& d, HeadValue* x) {
  TF_RETURN_IF_ERROR(d.U64(&x->height));
  return d.Fixed(&x->hash);
}

}  // namespace

// Outside the anonymous namespace so that Encode/Decode find them by ADL.
static void EncodeTo(chain::Encoder& e, const TxRecord& x) {
  e.U64(x.height);
  e.U32(x.index);
  e.U32(x.span.offset);
  e.U32(x.span.size);
  EncodeTo(e, x.receipt);
}
static Status DecodeFrom(chain::Decoder& d, TxRecord* x) {
  TF_RETURN_IF_ERROR(d.U64(&x->height));
  TF_RETURN_IF_ERROR(d.U32(&x->index));
  TF_RETURN_IF_ERROR(d.U32(&x->span.offset));
  TF_RETURN_IF_ERROR(d.U32(&x->span.size));
  return DecodeFrom(d, &x->receipt);
}

Status ChainStore::CommitBlock(const BlockCommit& c, bool sync) {
  CHECK(c.block && c.tx_hashes && c.results && c.state_writes && c.new_nodes);
  CHECK(c.tx_hashes->size() == c.block->txs.size() && c.results->receipts.size() == c.block->txs.size());
  const uint64_t height = c.block->header.height;
  WriteBatch batch;
  std::vector<chain::TxSpan> spans;
  batch.Put(HeightKey(kBlock, height), chain::EncodeBlock(*c.block, &spans));
  batch.Put(HeightKey(kHeightHash, height), c.hash.span());
  batch.Put(Key(kBlockHash, c.hash.span()), chain::Encode(U64Value{height}));
  chain::BlockResults events_only{c.results->begin_events, {}, c.results->end_events};
  batch.Put(HeightKey(kBlockEvents, height), chain::Encode(events_only));
  for (size_t i = 0; i < c.tx_hashes->size(); ++i) {
    TxRecord record{height, static_cast<uint32_t>(i), spans[i], c.results->receipts[i]};
    batch.Put(Key(kTx, (*c.tx_hashes)[i].span()), chain::Encode(record));
  }
  for (const auto& [key, value] : *c.state_writes) {
    const Bytes k = Key(kState, chain::AsBytes(key));
    if (value) {
      batch.Put(k, *value);
    } else {
      batch.Delete(k);
    }
  }
  for (const auto& [hash, node] : *c.new_nodes) batch.Put(Key(kNode, hash.span()), chain::Encode(node));
  BillIndex::AddBlock(height, *c.results, &batch);
  if (!c.block->evidence.empty()) {
    chain::Encoder e;
    chain::EncodeVector(e, c.block->evidence);
    batch.Put(HeightKey(kEvidence, height), e.bytes());
  }
  if (height == 0) {
    batch.Put(MetaKey("genesis"), c.hash.span());
    batch.Put(MetaKey("format"), chain::Encode(U64Value{kFormat}));
  }
  if (c.commit != nullptr) batch.Put(MetaKey("head_commit"), chain::Encode(*c.commit));
  batch.Put(MetaKey("txs_committed"), chain::Encode(U64Value{c.txs_committed_total}));
  batch.Put(MetaKey("head"), chain::Encode(HeadValue{height, c.hash}));
  return kv_.Write(batch, sync);
}

Result<std::optional<StoredHead>> ChainStore::Head() const {
  TF_ASSIGN_OR_RETURN(std::optional<HeadValue> head, GetStored<HeadValue>(kv_, MetaKey("head"), "head"));
  if (!head) return std::optional<StoredHead>();
  return std::optional<StoredHead>(StoredHead{head->height, head->hash});
}

Result<std::optional<Hash256>> ChainStore::GenesisHash() const {
  return GetStored<Hash256>(kv_, MetaKey("genesis"), "genesis hash");
}

Result<std::optional<chain::Commit>> ChainStore::HeadCommit() const {
  return GetStored<chain::Commit>(kv_, MetaKey("head_commit"), "head commit");
}

Result<uint64_t> ChainStore::TxsCommitted() const {
  TF_ASSIGN_OR_RETURN(std::optional<U64Value> n, GetStored<U64Value>(kv_, MetaKey("txs_committed"), "tx count"));
  return n.value_or(U64Value{}).v;
}

Status ChainStore::CheckFormat() const {
  TF_ASSIGN_OR_RETURN(std::optional<StoredHead> head, Head());
  if (!head) return Status::Ok();
  TF_ASSIGN_OR_RETURN(std::optional<U64Value> format, GetStored<U64Value>(kv_, MetaKey("format"), "format"));
  if (!format || format->v != kFormat) {
    return Status::InvalidArgument(
        "db-format", "the data dir's chain store has layout " + (format ? std::to_string(format->v) : "1") +
                         ", this tfchaind reads layout " + std::to_string(kFormat) +
                         ": start from an empty data dir and let the node sync");
  }
  return Status::Ok();
}

Result<chain::Block> ChainStore::GetBlock(uint64_t height) const {
  TF_ASSIGN_OR_RETURN(std::optional<chain::Block> block,
                      GetStored<chain::Block>(kv_, HeightKey(kBlock, height), "block"));
  if (!block) return Status::NotFound("block-not-found", "no block at height " + std::to_string(height));
  return std::move(*block);
}

Result<Hash256> ChainStore::GetBlockHash(uint64_t height) const {
  TF_ASSIGN_OR_RETURN(std::optional<Hash256> hash,
                      GetStored<Hash256>(kv_, HeightKey(kHeightHash, height), "block hash"));
  if (!hash) return Status::NotFound("block-not-found", "no block at height " + std::to_string(height));
  return *hash;
}

Result<uint64_t> ChainStore::GetHeight(const Hash256& block_hash) const {
  TF_ASSIGN_OR_RETURN(std::optional<U64Value> h, GetStored<U64Value>(kv_, Key(kBlockHash, block_hash.span()), "height"));
  if (!h) return Status::NotFound("block-not-found", "no block with hash " + block_hash.Hex());
  return h->v;
}

Result<chain::BlockResults> ChainStore::GetResults(uint64_t height) const {
  TF_ASSIGN_OR_RETURN(std::optional<chain::BlockResults> results,
                      GetStored<chain::BlockResults>(kv_, HeightKey(kBlockEvents, height), "block events"));
  if (!results) return Status::NotFound("block-not-found", "no block at height " + std::to_string(height));
  TF_ASSIGN_OR_RETURN(chain::Block block, GetBlock(height));
  for (const chain::Transaction& tx : block.txs) {
    TF_ASSIGN_OR_RETURN(TxRecord rec, GetTx(chain::TxHash(tx)));
    results->receipts.push_back(std::move(rec.receipt));
  }
  return std::move(*results);
}

Result<TxRecord> ChainStore::GetTx(const Hash256& tx_hash) const {
  TF_ASSIGN_OR_RETURN(std::optional<TxRecord> record,
                      GetStored<TxRecord>(kv_, Key(kTx, tx_hash.span()), "tx record"));
  if (!record) return Status::NotFound("tx-not-found", "no committed transaction " + tx_hash.Hex());
  return std::move(*record);
}

Result<chain::Transaction> ChainStore::GetCommittedTx(const TxRecord& record) const {
  TF_ASSIGN_OR_RETURN(std::optional<Bytes> raw, kv_.Get(HeightKey(kBlock, record.height)));
  if (!raw) return Status::Corruption("db-corrupt", "tx record points at missing block " + std::to_string(record.height));
  const uint64_t end = uint64_t{record.span.offset} + record.span.size;
  if (end > raw->size()) return Status::Corruption("db-corrupt", "tx record points beyond its block");
  return DecodeStored<chain::Transaction>(ByteSpan(*raw).subspan(record.span.offset, record.span.size),
                                          "committed tx");
}

Result<std::vector<std::pair<uint64_t, chain::Evidence>>> ChainStore::CommittedEvidence(size_t limit) const {
  // Collected in height order, then reversed: the index is small (only blocks with evidence).
  std::vector<std::pair<uint64_t, chain::Evidence>> out;
  std::unique_ptr<KvIterator> it = kv_.NewIterator();
  const Bytes prefix{kEvidence};
  for (it->Seek(prefix); it->Valid() && !it->key().empty() && it->key()[0] == kEvidence; it->Next()) {
    const ByteSpan key = it->key();
    if (key.size() != 9) return Status::Corruption("db-corrupt", "evidence index key");
    uint64_t height = 0;
    for (int i = 0; i < 8; ++i) height = height << 8 | key[1 + i];
    chain::Decoder d(it->value());
    std::vector<chain::Evidence> evidence;
    Status s = chain::DecodeVector(d, &evidence, chain::kMaxEvidencePerBlock);
    if (s.ok()) s = d.Finish();
    if (!s.ok()) return Status::Corruption("db-corrupt", "evidence index: " + s.ToString());
    for (chain::Evidence& ev : evidence) out.emplace_back(height, std::move(ev));
  }
  TF_RETURN_IF_ERROR(it->status());
  std::reverse(out.begin(), out.end());
  if (out.size() > limit) out.resize(limit);
  return out;
}

Result<std::optional<Bytes>> ChainStore::GetState(ByteSpan state_key) const { return kv_.Get(Key(kState, state_key)); }

Result<chain::SmtNode> ChainStore::GetNode(const Hash256& node_hash) const {
  TF_ASSIGN_OR_RETURN(std::optional<chain::SmtNode> node,
                      GetStored<chain::SmtNode>(kv_, Key(kNode, node_hash.span()), "tree node"));
  if (!node) return Status::NotFound("smt-missing-node", "no tree node " + node_hash.Hex());
  return std::move(*node);
}

}  // namespace tfchain::node
