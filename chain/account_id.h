#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "chain/bytes.h"

namespace tfchain::chain {

struct AccountTag {};
// AccountId32: the ed25519 public key, or BLAKE2b-256 of the 33-byte compressed
// secp256k1 public key (Substrate's rule).
using AccountId = FixedBytes<32, AccountTag>;

// The SS58 address format prefix of tfchain (Substrate's generic 42: addresses start with 5).
inline constexpr uint16_t kSs58Prefix = 42;
// SS58 prefixes are 14 bits: 0..63 take one byte, 64..16383 two.
inline constexpr uint16_t kMaxSs58Prefix = 16383;

// SS58: base58(prefix || account || BLAKE2b-512("SS58PRE" || prefix || account)[0..2]).
// `prefix` must be <= kMaxSs58Prefix (a programming error otherwise: validate user
// input first). Thread-safe.
std::string ToSs58(const AccountId& account, uint16_t prefix = kSs58Prefix);

// Parses an SS58 address. Errors (InvalidArgument):
//   "bad-ss58"           not base58, or a length that is no SS58 account address
//   "bad-ss58-checksum"  the two checksum bytes do not match
//   "wrong-ss58-prefix"  a valid address for another network prefix
// Thread-safe.
Result<AccountId> ParseSs58(std::string_view address, uint16_t expected_prefix = kSs58Prefix);

// Accepts an SS58 address or 32 bytes of 0x-prefixed hex. Errors as ParseSs58, or
// "bad-hex"/"bad-length" for hex. SS58 must use kSs58Prefix. Thread-safe.
Result<AccountId> ParseAccount(std::string_view text);

}  // namespace tfchain::chain
