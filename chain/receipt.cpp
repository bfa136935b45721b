// Receipt wire format:
//   receipt       := tx_hash:fixed[32] success:bool error:string(<=256)
//                    message:string(<=256) fee:u64 vec<event>(<=4096)
//   block_results := vec<event> vec<receipt> vec<event>
#include "chain/receipt.h"

#include "chain/merkle.h"

namespace tfchain::chain {
namespace {
constexpr size_t kMaxReceiptsPerBlock = 1'000'000;

Hash256 EventsHash(const std::vector<Event>& events) {
  Encoder e;
  EncodeVector(e, events);
  return TaggedHash(HashDomain::kReceipt, e.bytes());
}
}  // namespace

void EncodeTo(Encoder& e, const Receipt& r) {
  e.Fixed(r.tx_hash);
  e.Bool(r.success);
  e.Str(r.error);
  e.Str(r.message);
  e.U64(r.fee);
  EncodeVector(e, r.events);
}

Status DecodeFrom(Decoder& d, Receipt* out) {
  TF_RETURN_IF_ERROR(d.Fixed(&out->tx_hash));
  TF_RETURN_IF_ERROR(d.Bool(&out->success));
  TF_RETURN_IF_ERROR(d.Str(&out->error, kMaxErrorLength));
  TF_RETURN_IF_ERROR(d.Str(&out->message, kMaxErrorLength));
  TF_RETURN_IF_ERROR(d.U64(&out->fee));
  return DecodeVector(d, &out->events, kMaxEventsPerReceipt);
}

void EncodeTo(Encoder& e, const BlockResults& r) {
  EncodeVector(e, r.begin_events);
  EncodeVector(e, r.receipts);
  EncodeVector(e, r.end_events);
}

Status DecodeFrom(Decoder& d, BlockResults* out) {
  TF_RETURN_IF_ERROR(DecodeVector(d, &out->begin_events, kMaxEventsPerReceipt));
  TF_RETURN_IF_ERROR(DecodeVector(d, &out->receipts, kMaxReceiptsPerBlock));
  return DecodeVector(d, &out->end_events, kMaxEventsPerReceipt);
}

Hash256 ReceiptHash(const Receipt& r) { return TaggedHash(HashDomain::kReceipt, Encode(r)); }

Hash256 EventsRoot(const BlockResults& results) {
  std::vector<Hash256> leaves;
  leaves.reserve(results.receipts.size() + 2);
  leaves.push_back(EventsHash(results.begin_events));
  for (const Receipt& r : results.receipts) leaves.push_back(ReceiptHash(r));
  leaves.push_back(EventsHash(results.end_events));
  return MerkleRoot(leaves);
}

}  // namespace tfchain::chain
