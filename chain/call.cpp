// Call wire format:
//   call := u8 module  u8 index  fields
//   balances.transfer (0, 0) := dest:fixed[32] amount:u64
#include "chain/call.h"

#include "chain/tagged_variant.h"

namespace tfchain::chain {

std::string_view CallName(const Call& v) { return TaggedName(v); }

namespace {
void EncodeFields(Encoder& e, const TransferCall& c) {
  e.Fixed(c.dest);
  e.U64(c.amount);
}
Status DecodeFields(Decoder& d, TransferCall* c) {
  TF_RETURN_IF_ERROR(d.Fixed(&c->dest));
  return d.U64(&c->amount);
}
}  // namespace

void EncodeTo(Encoder& e, const Call& v) {
  EncodeTagged(e, v, [](Encoder& enc, const auto& x) { EncodeFields(enc, x); });
}

Status DecodeFrom(Decoder& d, Call* out) {
  return DecodeTagged(d, "call", [](Decoder& dec, auto* x) { return DecodeFields(dec, x); }, out);
}

}  // namespace tfchain::chain
