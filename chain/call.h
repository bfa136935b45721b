#pragma once

#include <cstdint>
#include <string_view>
#include <variant>

#include "chain/account_id.h"
#include "chain/codec.h"
#include "chain/grid_calls.h"
#include "chain/market_calls.h"

namespace tfchain::chain {

// The calls a transaction can make: the vocabulary shared by the runtime
// (contracts/, which gives them meaning), wallets and RPC. Each call is identified on
// the wire by (module index, call index); both are part of the protocol.
//
// Wire format: u8 module, u8 call, then the call's fields in declaration order
// (grammar in call.cpp).

// Module 0: balances.
inline constexpr uint8_t kModuleBalances = 0;
// Module 1: staking (validators, bonding, delegation, slashing; docs/staking.md).
inline constexpr uint8_t kModuleStaking = 1;
// Modules 2 (directory), 3 (farming) and 4 (governance): their calls are declared in
// chain/grid_calls.h; module 5 (marketplace contracts) in chain/market_calls.h. All are
// part of Call below.

// Commission rates are parts per million of a validator's reward.
inline constexpr uint32_t kPermillDenominator = 1'000'000;

// balances.transfer: move `amount` base units from the signer to `dest`.
struct TransferCall {
  static constexpr uint8_t kModule = kModuleBalances;
  static constexpr uint8_t kIndex = 0;
  static constexpr std::string_view kName = "balances.transfer";
  AccountId dest;
  uint64_t amount = 0;
  bool operator==(const TransferCall&) const = default;
};

// staking.register_validator: the signer (the operator account) registers a
// validator that signs blocks with the ed25519 key `consensus_key` and keeps
// `commission_permill` (0..1,000,000) of its rewards. It joins the active set once
// its self-bond reaches the minimum, at an epoch boundary.
struct RegisterValidatorCall {
  static constexpr uint8_t kModule = kModuleStaking;
  static constexpr uint8_t kIndex = 0;
  static constexpr std::string_view kName = "staking.register_validator";
  AccountId consensus_key;
  uint32_t commission_permill = 0;
  bool operator==(const RegisterValidatorCall&) const = default;
};

// staking.set_commission: the operator changes its commission from the next epoch on.
struct SetCommissionCall {
  static constexpr uint8_t kModule = kModuleStaking;
  static constexpr uint8_t kIndex = 1;
  static constexpr std::string_view kName = "staking.set_commission";
  uint32_t commission_permill = 0;
  bool operator==(const SetCommissionCall&) const = default;
};

// staking.bond: the signer bonds `amount` of its free balance to `validator` (an
// operator account): a self-bond when validator == signer, else a delegation.
struct BondCall {
  static constexpr uint8_t kModule = kModuleStaking;
  static constexpr uint8_t kIndex = 2;
  static constexpr std::string_view kName = "staking.bond";
  AccountId validator;
  uint64_t amount = 0;
  bool operator==(const BondCall&) const = default;
};

// staking.unbond: starts unbonding `amount` of the signer's bond with `validator`;
// it is released after the unbonding period.
struct UnbondCall {
  static constexpr uint8_t kModule = kModuleStaking;
  static constexpr uint8_t kIndex = 3;
  static constexpr std::string_view kName = "staking.unbond";
  AccountId validator;
  uint64_t amount = 0;
  bool operator==(const UnbondCall&) const = default;
};

// staking.withdraw_unbonded: returns every released unbonding entry of the signer to
// its free balance.
struct WithdrawUnbondedCall {
  static constexpr uint8_t kModule = kModuleStaking;
  static constexpr uint8_t kIndex = 4;
  static constexpr std::string_view kName = "staking.withdraw_unbonded";
  bool operator==(const WithdrawUnbondedCall&) const = default;
};

// staking.unjail: the operator of a jailed validator ends its jail once the jail
// period is over.
struct UnjailCall {
  static constexpr uint8_t kModule = kModuleStaking;
  static constexpr uint8_t kIndex = 5;
  static constexpr std::string_view kName = "staking.unjail";
  bool operator==(const UnjailCall&) const = default;
};

using Call = std::variant<TransferCall, RegisterValidatorCall, SetCommissionCall, BondCall, UnbondCall,
                          WithdrawUnbondedCall, UnjailCall,
                          // directory (grid_calls.h)
                          TwinCreateCall, TwinUpdateCall, FarmCreateCall, FarmUpdateCall, FarmAddIpCall,
                          FarmRemoveIpCall, FarmSetDedicatedCall, FarmSetCertificationCall, NodeCreateCall,
                          NodeUpdateCall, NodeDeleteCall, NodeSetPowerTargetCall, NodeReportPowerStateCall,
                          NodeSetCertificationCall, SolutionProviderCreateCall,
                          // farming and governance (grid_calls.h)
                          NodeReportUptimeCall, GovProposeCall, GovVoteCall,
                          // marketplace (market_calls.h)
                          ContractCreateNodeCall, ContractUpdateNodeCall, ContractCancelCall,
                          ContractCreateNameCall, ContractCreateRentCall, ContractAckCall,
                          ContractReportResourcesCall, ContractReportNetworkCall, NodeSetExtraFeeCall,
                          ServiceCreateCall, ServiceSetMetadataCall, ServiceSetFeesCall, ServiceApproveCall,
                          ServiceRejectCall, ServiceCancelCall, ServiceBillCall>;

// "module.call", e.g. "balances.transfer".
std::string_view CallName(const Call& call);

void EncodeTo(Encoder& e, const Call& call);
// Errors: "decode-bad-tag" for an unknown (module, call), or a field's decode error.
Status DecodeFrom(Decoder& d, Call* out);

}  // namespace tfchain::chain
