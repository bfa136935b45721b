#include "chain/validator_set.h"

#include "chain/hash.h"

namespace tfchain::chain {

void EncodeTo(Encoder& e, const Validator& v) {
  e.Fixed(v.id);
  e.U64(v.power);
}

Status DecodeFrom(Decoder& d, Validator* out) {
  TF_RETURN_IF_ERROR(d.Fixed(&out->id));
  return d.U64(&out->power);
}

Hash256 ValidatorSetHash(const std::vector<Validator>& validators) {
  Encoder e;
  EncodeVector(e, validators);
  return TaggedHash(HashDomain::kValidatorSet, e.bytes());
}

}  // namespace tfchain::chain
