#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "chain/codec.h"
#include "chain/event.h"
#include "chain/hash.h"

namespace tfchain::chain {

inline constexpr size_t kMaxEventsPerReceipt = 4096;
inline constexpr size_t kMaxErrorLength = 256;

// The outcome of one included transaction. A failed call still pays its fee and
// uses its nonce; `error` is then the stable reason ("insufficient-balance") and
// `message` the human detail.
struct Receipt {
  Hash256 tx_hash;
  bool success = true;
  std::string error;
  std::string message;
  uint64_t fee = 0;
  std::vector<Event> events;
  bool operator==(const Receipt&) const = default;
};

// Everything a block's execution produced besides state: one receipt per
// transaction, in block order, and the events of the begin/end block hooks.
struct BlockResults {
  std::vector<Event> begin_events;
  std::vector<Receipt> receipts;
  std::vector<Event> end_events;
  bool operator==(const BlockResults&) const = default;
};

// Wire format:
//   receipt       := tx_hash:fixed[32] success:bool error:string(<=256)
//                    message:string(<=256) fee:u64 vec<event>
//   block_results := vec<event> vec<receipt> vec<event>
void EncodeTo(Encoder& e, const Receipt& r);
Status DecodeFrom(Decoder& d, Receipt* out);
void EncodeTo(Encoder& e, const BlockResults& r);
Status DecodeFrom(Decoder& d, BlockResults* out);

// TaggedHash(kReceipt, encode(receipt)).
Hash256 ReceiptHash(const Receipt& r);
// The header's events_root: MerkleRoot of [hash(begin_events), receipt hashes...,
// hash(end_events)], where hash(events) = TaggedHash(kReceipt, encode(vec<event>)).
Hash256 EventsRoot(const BlockResults& results);

}  // namespace tfchain::chain
