#pragma once

#include <cstdint>

#include "chain/account_id.h"
#include "chain/codec.h"

namespace tfchain::chain {

// The part of the state layout light clients need: an account's balances and nonce,
// stored under AccountStateKey(account) and proven with SmtProve/SmtVerify against a
// header's state_root (tree key = BLAKE2b-256 of the state key).
struct AccountData {
  uint64_t free = 0;      // spendable
  uint64_t reserved = 0;  // held by the runtime (deposits, contract reservations)
  uint64_t nonce = 0;     // the next transaction nonce
  bool operator==(const AccountData&) const = default;
};

// Wire format: account_data := free:u64 reserved:u64 nonce:u64
void EncodeTo(Encoder& e, const AccountData& a);
Status DecodeFrom(Decoder& d, AccountData* out);

// State keys: a one-byte module prefix, a one-byte item tag, then the item key.
inline constexpr uint8_t kStatePrefixSystem = 0x00;
inline constexpr uint8_t kStatePrefixBalances = 0x01;

// 0x01 0x00 || account.
Bytes AccountStateKey(const AccountId& account);

}  // namespace tfchain::chain
