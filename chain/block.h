#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "chain/account_id.h"
#include "chain/codec.h"
#include "chain/hash.h"
#include "chain/transaction.h"
#include "chain/vote.h"

namespace tfchain::chain {

// Upper bounds of the codec; the chain's own limits (genesis) may be lower.
inline constexpr size_t kMaxBlockSize = 32 * 1024 * 1024;
inline constexpr size_t kMaxBlockTransactions = 200'000;

struct BlockHeader {
  std::string chain_id;
  uint64_t height = 0;
  uint64_t time_ms = 0;            // Unix time in milliseconds, set by the proposer
  Hash256 prev_hash;               // zero for genesis
  Hash256 txs_root;                // MerkleRoot of the transaction hashes
  Hash256 state_root;              // state tree root after executing this block
  Hash256 events_root;             // EventsRoot of the block's results
  Hash256 validators_hash;         // validators that sign this block
  Hash256 next_validators_hash;    // validators that sign the next block
  AccountId proposer;
  Hash256 last_commit_hash;        // CommitHash of the carried commit (zero at height <= 1)
  Hash256 evidence_hash;           // MerkleRoot of the evidence hashes
  bool operator==(const BlockHeader&) const = default;
};

struct Block {
  BlockHeader header;
  std::vector<Transaction> txs;
  Commit last_commit;              // the commit of block height-1
  std::vector<Evidence> evidence;
  bool operator==(const Block&) const = default;
};

// Wire format:
//   header := chain_id:string(<=64) height:u64 time_ms:u64 prev_hash txs_root
//             state_root events_root validators_hash next_validators_hash
//             proposer last_commit_hash evidence_hash       (all hashes fixed[32])
//   block  := header vec<transaction> commit vec<evidence>
void EncodeTo(Encoder& e, const BlockHeader& h);
Status DecodeFrom(Decoder& d, BlockHeader* out);
void EncodeTo(Encoder& e, const Block& b);
Status DecodeFrom(Decoder& d, Block* out);

// Where one transaction's encoding lies inside its block's encoding.
struct TxSpan {
  uint32_t offset = 0;
  uint32_t size = 0;
};
// Encode(b), and in `spans` (replaced) where each of b.txs lies in it, so that a store
// can later decode one transaction without decoding the whole block.
Bytes EncodeBlock(const Block& b, std::vector<TxSpan>* spans);

// BLAKE2b-256 of the encoded header.
Hash256 BlockHash(const BlockHeader& header);

// The roots a header commits to, computed from the block body.
Hash256 TxsRoot(const std::vector<Transaction>& txs);
Hash256 EvidenceHash(const std::vector<Evidence>& evidence);

}  // namespace tfchain::chain
