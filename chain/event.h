#pragma once

#include <cstdint>
#include <string_view>
#include <variant>

#include "chain/account_id.h"
#include "chain/codec.h"

namespace tfchain::chain {

// Events that transactions and block hooks emit, recorded in receipts. Like calls,
// each has a (module, index) wire tag and a stable name.
//
// Wire format: u8 module, u8 index, then the fields in declaration order.

// balances.Transfer: `amount` moved from `from` to `to`.
struct TransferEvent {
  static constexpr uint8_t kModule = 0;
  static constexpr uint8_t kIndex = 0;
  static constexpr std::string_view kName = "balances.Transfer";
  AccountId from;
  AccountId to;
  uint64_t amount = 0;
  bool operator==(const TransferEvent&) const = default;
};

// balances.FeePaid: `payer` paid `fee` = to_proposer + burned.
struct FeePaidEvent {
  static constexpr uint8_t kModule = 0;
  static constexpr uint8_t kIndex = 1;
  static constexpr std::string_view kName = "balances.FeePaid";
  AccountId payer;
  uint64_t fee = 0;
  AccountId proposer;
  uint64_t to_proposer = 0;
  uint64_t burned = 0;
  bool operator==(const FeePaidEvent&) const = default;
};

// balances.Endowed: genesis credited `amount` to a new account.
struct EndowedEvent {
  static constexpr uint8_t kModule = 0;
  static constexpr uint8_t kIndex = 2;
  static constexpr std::string_view kName = "balances.Endowed";
  AccountId account;
  uint64_t amount = 0;
  bool operator==(const EndowedEvent&) const = default;
};

using Event = std::variant<TransferEvent, FeePaidEvent, EndowedEvent>;

std::string_view EventName(const Event& event);
void EncodeTo(Encoder& e, const Event& event);
Status DecodeFrom(Decoder& d, Event* out);

}  // namespace tfchain::chain
