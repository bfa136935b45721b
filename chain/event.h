#pragma once

#include <cstdint>
#include <string_view>
#include <variant>
#include <vector>

#include "chain/account_id.h"
#include "chain/codec.h"
#include "chain/grid_events.h"
#include "chain/market_events.h"

namespace tfchain::chain {

// Events that transactions and block hooks emit, recorded in receipts. Like calls,
// each has a (module, index) wire tag and a stable name.
//
// Wire format: u8 module, u8 index, then the fields in declaration order (grammar in
// event.cpp).

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

// balances.FeePaid: `payer` paid `fee` = to_proposer + to_pool + burned. `proposer`
// is the account credited with to_proposer (the block proposer's operator account);
// to_pool went to the staking pool (StakingPoolAccount()).
struct FeePaidEvent {
  static constexpr uint8_t kModule = 0;
  static constexpr uint8_t kIndex = 1;
  static constexpr std::string_view kName = "balances.FeePaid";
  AccountId payer;
  uint64_t fee = 0;
  AccountId proposer;
  uint64_t to_proposer = 0;
  uint64_t to_pool = 0;
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

// Staking events (module 1). Throughout, `validator` is the validator's operator
// account (what bonders name in staking.bond), not its consensus key.

// staking.ValidatorRegistered: `validator` registered with `consensus_key`.
struct ValidatorRegisteredEvent {
  static constexpr uint8_t kModule = 1;
  static constexpr uint8_t kIndex = 0;
  static constexpr std::string_view kName = "staking.ValidatorRegistered";
  AccountId validator;
  AccountId consensus_key;
  uint32_t commission_permill = 0;
  bool operator==(const ValidatorRegisteredEvent&) const = default;
};

// staking.Bonded: `account` bonded `amount` to `validator` (free -> reserved).
struct BondedEvent {
  static constexpr uint8_t kModule = 1;
  static constexpr uint8_t kIndex = 1;
  static constexpr std::string_view kName = "staking.Bonded";
  AccountId validator;
  AccountId account;
  uint64_t amount = 0;
  bool operator==(const BondedEvent&) const = default;
};

// staking.Unbonded: `account` started unbonding `amount` from `validator`; it can be
// withdrawn from block `release_height` on.
struct UnbondedEvent {
  static constexpr uint8_t kModule = 1;
  static constexpr uint8_t kIndex = 2;
  static constexpr std::string_view kName = "staking.Unbonded";
  AccountId validator;
  AccountId account;
  uint64_t amount = 0;
  uint64_t release_height = 0;
  bool operator==(const UnbondedEvent&) const = default;
};

// staking.Withdrawn: `amount` of released unbonding entries went back to `account`'s
// free balance.
struct WithdrawnEvent {
  static constexpr uint8_t kModule = 1;
  static constexpr uint8_t kIndex = 3;
  static constexpr std::string_view kName = "staking.Withdrawn";
  AccountId account;
  uint64_t amount = 0;
  bool operator==(const WithdrawnEvent&) const = default;
};

// staking.CommissionChanged: `validator` set its commission; it applies from the
// next epoch on.
struct CommissionChangedEvent {
  static constexpr uint8_t kModule = 1;
  static constexpr uint8_t kIndex = 4;
  static constexpr std::string_view kName = "staking.CommissionChanged";
  AccountId validator;
  uint32_t commission_permill = 0;
  bool operator==(const CommissionChangedEvent&) const = default;
};

// staking.ActiveSetChanged: the validator set that signs from `effective_height` on
// (CometBFT's H+2) differs from the one before it. `epoch` is the epoch of the block
// after the one that emitted it; `members` are consensus keys in set order (power
// descending, then key ascending), at most kMaxValidators of them.
struct ActiveSetChangedEvent {
  static constexpr uint8_t kModule = 1;
  static constexpr uint8_t kIndex = 5;
  static constexpr std::string_view kName = "staking.ActiveSetChanged";
  uint64_t epoch = 0;
  uint64_t effective_height = 0;
  std::vector<AccountId> members;
  bool operator==(const ActiveSetChangedEvent&) const = default;
};

// staking.RewardPaid: `account` received `amount` from the staking pool for bonding
// with (or operating) `validator`.
struct RewardPaidEvent {
  static constexpr uint8_t kModule = 1;
  static constexpr uint8_t kIndex = 6;
  static constexpr std::string_view kName = "staking.RewardPaid";
  AccountId validator;
  AccountId account;
  uint64_t amount = 0;
  bool operator==(const RewardPaidEvent&) const = default;
};

// Why a validator was slashed. The numeric values are the wire encoding.
enum class SlashReason : uint8_t { kDoubleSign = 0, kDowntime = 1 };
// "double-sign" / "downtime".
std::string_view SlashReasonName(SlashReason reason);

// staking.Slashed: `amount` of the stake bonded with `validator` (its bonders'
// bonds and unbonding entries) was burned.
struct SlashedEvent {
  static constexpr uint8_t kModule = 1;
  static constexpr uint8_t kIndex = 7;
  static constexpr std::string_view kName = "staking.Slashed";
  AccountId validator;
  uint64_t amount = 0;
  SlashReason reason = SlashReason::kDoubleSign;
  bool operator==(const SlashedEvent&) const = default;
};

// staking.Jailed: `validator` left the active set for downtime; its operator may
// unjail it from block `until_height` on.
struct JailedEvent {
  static constexpr uint8_t kModule = 1;
  static constexpr uint8_t kIndex = 8;
  static constexpr std::string_view kName = "staking.Jailed";
  AccountId validator;
  uint64_t until_height = 0;
  bool operator==(const JailedEvent&) const = default;
};

// staking.Unjailed: `validator` may join the active set again (next epoch).
struct UnjailedEvent {
  static constexpr uint8_t kModule = 1;
  static constexpr uint8_t kIndex = 9;
  static constexpr std::string_view kName = "staking.Unjailed";
  AccountId validator;
  bool operator==(const UnjailedEvent&) const = default;
};

// staking.Tombstoned: `validator` double-signed and is never a validator again.
struct TombstonedEvent {
  static constexpr uint8_t kModule = 1;
  static constexpr uint8_t kIndex = 10;
  static constexpr std::string_view kName = "staking.Tombstoned";
  AccountId validator;
  bool operator==(const TombstonedEvent&) const = default;
};

// Modules 2 (directory), 3 (farming) and 4 (governance): their events are declared in
// chain/grid_events.h; module 5 (marketplace contracts) in chain/market_events.h.
using Event = std::variant<TransferEvent, FeePaidEvent, EndowedEvent, ValidatorRegisteredEvent, BondedEvent,
                           UnbondedEvent, WithdrawnEvent, CommissionChangedEvent, ActiveSetChangedEvent,
                           RewardPaidEvent, SlashedEvent, JailedEvent, UnjailedEvent, TombstonedEvent,
                           // directory (grid_events.h)
                           TwinCreatedEvent, TwinUpdatedEvent, FarmCreatedEvent, FarmUpdatedEvent,
                           FarmIpAddedEvent, FarmIpRemovedEvent, FarmDedicatedSetEvent, FarmCertificationSetEvent,
                           NodeCreatedEvent, NodeUpdatedEvent, NodeDeletedEvent, NodePowerTargetSetEvent,
                           NodePowerStateReportedEvent, NodeCertificationSetEvent, SolutionProviderCreatedEvent,
                           SolutionProviderApprovedEvent,
                           // farming (grid_events.h)
                           UptimeReportedEvent, RewardMintedEvent, PeriodSettledEvent,
                           // governance (grid_events.h)
                           ProposedEvent, VotedEvent, EnactedEvent, RejectedEvent,
                           // marketplace (market_events.h)
                           ContractCreatedEvent, ContractUpdatedEvent, ContractAcknowledgedEvent,
                           ContractGraceStartedEvent, ContractGraceEndedEvent, ContractDeletedEvent,
                           ContractBilledEvent, ResourcesReportedEvent, NetworkReportedEvent, NodeExtraFeeSetEvent,
                           ServiceContractCreatedEvent, ServiceContractUpdatedEvent, ServiceContractApprovedEvent,
                           ServiceContractDeletedEvent, ServiceContractBilledEvent>;

std::string_view EventName(const Event& event);
void EncodeTo(Encoder& e, const Event& event);
Status DecodeFrom(Decoder& d, Event* out);

}  // namespace tfchain::chain
