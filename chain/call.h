#pragma once

#include <cstdint>
#include <string_view>
#include <variant>

#include "chain/account_id.h"
#include "chain/codec.h"

namespace tfchain::chain {

// The calls a transaction can make: the vocabulary shared by the runtime
// (contracts/, which gives them meaning), wallets and RPC. Each call is identified on
// the wire by (module index, call index); both are part of the protocol.
//
// Wire format: u8 module, u8 call, then the call's fields in declaration order.

// Module 0: balances.
inline constexpr uint8_t kModuleBalances = 0;

// balances.transfer: move `amount` base units from the signer to `dest`.
struct TransferCall {
  static constexpr uint8_t kModule = kModuleBalances;
  static constexpr uint8_t kIndex = 0;
  static constexpr std::string_view kName = "balances.transfer";
  AccountId dest;
  uint64_t amount = 0;
  bool operator==(const TransferCall&) const = default;
};

using Call = std::variant<TransferCall>;

// "module.call", e.g. "balances.transfer".
std::string_view CallName(const Call& call);

void EncodeTo(Encoder& e, const Call& call);
// Errors: "decode-bad-tag" for an unknown (module, call), or a field's decode error.
Status DecodeFrom(Decoder& d, Call* out);

}  // namespace tfchain::chain
