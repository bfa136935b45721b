#pragma once

#include <cstdint>
#include <vector>

#include "chain/account_id.h"
#include "chain/codec.h"

namespace tfchain::chain {

// A validator: its consensus (ed25519) key as an AccountId, and its voting power.
struct Validator {
  AccountId id;
  uint64_t power = 0;
  bool operator==(const Validator&) const = default;
};

inline constexpr size_t kMaxValidators = 1024;

// Wire format: validator := id:fixed[32] power:u64
void EncodeTo(Encoder& e, const Validator& v);
Status DecodeFrom(Decoder& d, Validator* out);

// TaggedHash(kValidatorSet, encode(vec<validator>)), in the given order.
Hash256 ValidatorSetHash(const std::vector<Validator>& validators);

}  // namespace tfchain::chain
