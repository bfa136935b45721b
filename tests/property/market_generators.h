#pragma once

// RapidCheck generators for the marketplace types, calls and events
// (chain/market_types.h, market_calls.h, market_events.h). Included by
// chain_generators.h after grid_generators.h (whose GenOptional, GenTexts and GenBytes
// it uses) and before its Call and Event generators; include chain_generators.h rather
// than this file. Strings are short valid UTF-8 without NUL, lists small: everything
// stays within the codec caps.

#include <rapidcheck.h>

#include <cstdint>

#include "chain/market_calls.h"
#include "chain/market_events.h"
#include "chain/market_types.h"

namespace rc {

template <>
struct Arbitrary<tfchain::chain::ContractKind> {
  static Gen<tfchain::chain::ContractKind> arbitrary() {
    using E = tfchain::chain::ContractKind;
    return gen::element(E::kNode, E::kName, E::kRent);
  }
};
template <>
struct Arbitrary<tfchain::chain::ContractState> {
  static Gen<tfchain::chain::ContractState> arbitrary() {
    using E = tfchain::chain::ContractState;
    return gen::element(E::kCreated, E::kGrace, E::kDeleted);
  }
};
template <>
struct Arbitrary<tfchain::chain::DeleteReason> {
  static Gen<tfchain::chain::DeleteReason> arbitrary() {
    using E = tfchain::chain::DeleteReason;
    return gen::element(E::kNone, E::kCanceled, E::kOutOfFunds, E::kNotAcknowledged, E::kDeploymentFailed);
  }
};
template <>
struct Arbitrary<tfchain::chain::AckState> {
  static Gen<tfchain::chain::AckState> arbitrary() {
    using E = tfchain::chain::AckState;
    return gen::element(E::kPending, E::kOk, E::kFailed);
  }
};
template <>
struct Arbitrary<tfchain::chain::BillingParams> {
  static Gen<tfchain::chain::BillingParams> arbitrary() {
    using T = tfchain::chain::BillingParams;
    using namespace tfchain::chain::testing;
    return gen::build<T>(gen::set(&T::billing_period_blocks, GenU64()),
                         gen::set(&T::grace_period_ms, GenU64()),
                         gen::set(&T::ack_deadline_blocks, GenU64()),
                         gen::set(&T::farmer_percent),
                         gen::set(&T::staking_pool_percent),
                         gen::set(&T::foundation_percent),
                         gen::set(&T::burn_percent),
                         gen::set(&T::max_contracts_per_node));
  }
};
template <>
struct Arbitrary<tfchain::chain::ProviderPayment> {
  static Gen<tfchain::chain::ProviderPayment> arbitrary() {
    using T = tfchain::chain::ProviderPayment;
    using namespace tfchain::chain::testing;
    return gen::build<T>(gen::set(&T::account),
                         gen::set(&T::amount, GenU64()));
  }
};
template <>
struct Arbitrary<tfchain::chain::ContractBill> {
  static Gen<tfchain::chain::ContractBill> arbitrary() {
    using T = tfchain::chain::ContractBill;
    using namespace tfchain::chain::testing;
    return gen::build<T>(gen::set(&T::contract_id, GenU64()),
                         gen::set(&T::twin_id),
                         gen::set(&T::kind),
                         gen::set(&T::from_ms, GenU64()),
                         gen::set(&T::to_ms, GenU64()),
                         gen::set(&T::up_ms, GenU64()),
                         gen::set(&T::public_ips, GenU64()),
                         gen::set(&T::nu_bytes, GenU64()),
                         gen::set(&T::cusu_micro, GenU64()),
                         gen::set(&T::ip_micro, GenU64()),
                         gen::set(&T::nu_micro, GenU64()),
                         gen::set(&T::name_micro, GenU64()),
                         gen::set(&T::extra_micro, GenU64()),
                         gen::set(&T::discount_percent),
                         gen::set(&T::tft_price_musd, GenU64()),
                         gen::set(&T::amount, GenU64()),
                         gen::set(&T::paid, GenU64()),
                         gen::set(&T::overdue, GenU64()),
                         gen::set(&T::farmer),
                         gen::set(&T::to_farmer, GenU64()),
                         gen::set(&T::to_staking_pool, GenU64()),
                         gen::set(&T::to_foundation, GenU64()),
                         gen::set(&T::burned, GenU64()),
                         gen::set(&T::to_providers, GenSmallVector<tfchain::chain::ProviderPayment>(5)),
                         gen::set(&T::state_after),
                         gen::set(&T::final));
  }
};
// Marketplace calls.
template <>
struct Arbitrary<tfchain::chain::ContractCreateNodeCall> {
  static Gen<tfchain::chain::ContractCreateNodeCall> arbitrary() {
    using T = tfchain::chain::ContractCreateNodeCall;
    using namespace tfchain::chain::testing;
    return gen::build<T>(gen::set(&T::node_id),
                         gen::set(&T::resources),
                         gen::set(&T::public_ips),
                         gen::set(&T::deployment_hash),
                         gen::set(&T::deployment_data, GenBytes(40)),
                         gen::set(&T::solution_provider_id, GenOptional(gen::arbitrary<uint32_t>())));
  }
};
template <>
struct Arbitrary<tfchain::chain::ContractUpdateNodeCall> {
  static Gen<tfchain::chain::ContractUpdateNodeCall> arbitrary() {
    using T = tfchain::chain::ContractUpdateNodeCall;
    using namespace tfchain::chain::testing;
    return gen::build<T>(gen::set(&T::contract_id),
                         gen::set(&T::resources),
                         gen::set(&T::deployment_hash),
                         gen::set(&T::deployment_data, GenBytes(40)));
  }
};
template <>
struct Arbitrary<tfchain::chain::ContractCancelCall> {
  static Gen<tfchain::chain::ContractCancelCall> arbitrary() {
    using T = tfchain::chain::ContractCancelCall;
    using namespace tfchain::chain::testing;
    return gen::build<T>(gen::set(&T::contract_id, GenU64()));
  }
};
template <>
struct Arbitrary<tfchain::chain::ContractCreateNameCall> {
  static Gen<tfchain::chain::ContractCreateNameCall> arbitrary() {
    using T = tfchain::chain::ContractCreateNameCall;
    using namespace tfchain::chain::testing;
    return gen::build<T>(gen::set(&T::name, GenText(16)));
  }
};
template <>
struct Arbitrary<tfchain::chain::ContractCreateRentCall> {
  static Gen<tfchain::chain::ContractCreateRentCall> arbitrary() {
    using T = tfchain::chain::ContractCreateRentCall;
    using namespace tfchain::chain::testing;
    return gen::build<T>(gen::set(&T::node_id),
                         gen::set(&T::solution_provider_id, GenOptional(gen::arbitrary<uint32_t>())));
  }
};
template <>
struct Arbitrary<tfchain::chain::ContractAckCall> {
  static Gen<tfchain::chain::ContractAckCall> arbitrary() {
    using T = tfchain::chain::ContractAckCall;
    using namespace tfchain::chain::testing;
    return gen::build<T>(gen::set(&T::contract_id, GenU64()),
                         gen::set(&T::ok),
                         gen::set(&T::message, GenText(20)));
  }
};
template <>
struct Arbitrary<tfchain::chain::ContractReportResourcesCall> {
  static Gen<tfchain::chain::ContractReportResourcesCall> arbitrary() {
    using T = tfchain::chain::ContractReportResourcesCall;
    using namespace tfchain::chain::testing;
    return gen::build<T>(gen::set(&T::contract_id, GenU64()),
                         gen::set(&T::used));
  }
};
template <>
struct Arbitrary<tfchain::chain::ContractReportNetworkCall> {
  static Gen<tfchain::chain::ContractReportNetworkCall> arbitrary() {
    using T = tfchain::chain::ContractReportNetworkCall;
    using namespace tfchain::chain::testing;
    return gen::build<T>(gen::set(&T::contract_id, GenU64()),
                         gen::set(&T::bytes, GenU64()),
                         gen::set(&T::window_s, GenU64()));
  }
};
template <>
struct Arbitrary<tfchain::chain::NodeSetExtraFeeCall> {
  static Gen<tfchain::chain::NodeSetExtraFeeCall> arbitrary() {
    using T = tfchain::chain::NodeSetExtraFeeCall;
    using namespace tfchain::chain::testing;
    return gen::build<T>(gen::set(&T::node_id),
                         gen::set(&T::fee_musd_per_month, GenU64()));
  }
};
template <>
struct Arbitrary<tfchain::chain::ServiceCreateCall> {
  static Gen<tfchain::chain::ServiceCreateCall> arbitrary() {
    using T = tfchain::chain::ServiceCreateCall;
    using namespace tfchain::chain::testing;
    return gen::build<T>(gen::set(&T::service_twin_id),
                         gen::set(&T::consumer_twin_id));
  }
};
template <>
struct Arbitrary<tfchain::chain::ServiceSetMetadataCall> {
  static Gen<tfchain::chain::ServiceSetMetadataCall> arbitrary() {
    using T = tfchain::chain::ServiceSetMetadataCall;
    using namespace tfchain::chain::testing;
    return gen::build<T>(gen::set(&T::id, GenU64()),
                         gen::set(&T::metadata, GenText(16)));
  }
};
template <>
struct Arbitrary<tfchain::chain::ServiceSetFeesCall> {
  static Gen<tfchain::chain::ServiceSetFeesCall> arbitrary() {
    using T = tfchain::chain::ServiceSetFeesCall;
    using namespace tfchain::chain::testing;
    return gen::build<T>(gen::set(&T::id, GenU64()),
                         gen::set(&T::base_fee_musd, GenU64()),
                         gen::set(&T::variable_fee_musd, GenU64()));
  }
};
template <>
struct Arbitrary<tfchain::chain::ServiceApproveCall> {
  static Gen<tfchain::chain::ServiceApproveCall> arbitrary() {
    using T = tfchain::chain::ServiceApproveCall;
    using namespace tfchain::chain::testing;
    return gen::build<T>(gen::set(&T::id, GenU64()));
  }
};
template <>
struct Arbitrary<tfchain::chain::ServiceRejectCall> {
  static Gen<tfchain::chain::ServiceRejectCall> arbitrary() {
    using T = tfchain::chain::ServiceRejectCall;
    using namespace tfchain::chain::testing;
    return gen::build<T>(gen::set(&T::id, GenU64()));
  }
};
template <>
struct Arbitrary<tfchain::chain::ServiceCancelCall> {
  static Gen<tfchain::chain::ServiceCancelCall> arbitrary() {
    using T = tfchain::chain::ServiceCancelCall;
    using namespace tfchain::chain::testing;
    return gen::build<T>(gen::set(&T::id, GenU64()));
  }
};
template <>
struct Arbitrary<tfchain::chain::ServiceBillCall> {
  static Gen<tfchain::chain::ServiceBillCall> arbitrary() {
    using T = tfchain::chain::ServiceBillCall;
    using namespace tfchain::chain::testing;
    return gen::build<T>(gen::set(&T::id, GenU64()),
                         gen::set(&T::variable_amount_musd, GenU64()),
                         gen::set(&T::metadata, GenText(16)));
  }
};
// Marketplace events.
template <>
struct Arbitrary<tfchain::chain::ContractCreatedEvent> {
  static Gen<tfchain::chain::ContractCreatedEvent> arbitrary() {
    using T = tfchain::chain::ContractCreatedEvent;
    using namespace tfchain::chain::testing;
    return gen::build<T>(gen::set(&T::contract_id, GenU64()),
                         gen::set(&T::twin_id),
                         gen::set(&T::kind),
                         gen::set(&T::node_id),
                         gen::set(&T::ips, GenTexts(3)));
  }
};
template <>
struct Arbitrary<tfchain::chain::ContractUpdatedEvent> {
  static Gen<tfchain::chain::ContractUpdatedEvent> arbitrary() {
    using T = tfchain::chain::ContractUpdatedEvent;
    using namespace tfchain::chain::testing;
    return gen::build<T>(gen::set(&T::contract_id, GenU64()));
  }
};
template <>
struct Arbitrary<tfchain::chain::ContractAcknowledgedEvent> {
  static Gen<tfchain::chain::ContractAcknowledgedEvent> arbitrary() {
    using T = tfchain::chain::ContractAcknowledgedEvent;
    using namespace tfchain::chain::testing;
    return gen::build<T>(gen::set(&T::contract_id, GenU64()),
                         gen::set(&T::ok),
                         gen::set(&T::message, GenText(20)));
  }
};
template <>
struct Arbitrary<tfchain::chain::ContractGraceStartedEvent> {
  static Gen<tfchain::chain::ContractGraceStartedEvent> arbitrary() {
    using T = tfchain::chain::ContractGraceStartedEvent;
    using namespace tfchain::chain::testing;
    return gen::build<T>(gen::set(&T::contract_id, GenU64()),
                         gen::set(&T::since_ms, GenU64()));
  }
};
template <>
struct Arbitrary<tfchain::chain::ContractGraceEndedEvent> {
  static Gen<tfchain::chain::ContractGraceEndedEvent> arbitrary() {
    using T = tfchain::chain::ContractGraceEndedEvent;
    using namespace tfchain::chain::testing;
    return gen::build<T>(gen::set(&T::contract_id, GenU64()));
  }
};
template <>
struct Arbitrary<tfchain::chain::ContractDeletedEvent> {
  static Gen<tfchain::chain::ContractDeletedEvent> arbitrary() {
    using T = tfchain::chain::ContractDeletedEvent;
    using namespace tfchain::chain::testing;
    return gen::build<T>(gen::set(&T::contract_id, GenU64()),
                         gen::set(&T::reason));
  }
};
template <>
struct Arbitrary<tfchain::chain::ContractBilledEvent> {
  static Gen<tfchain::chain::ContractBilledEvent> arbitrary() {
    using T = tfchain::chain::ContractBilledEvent;
    using namespace tfchain::chain::testing;
    return gen::build<T>(gen::set(&T::bill));
  }
};
template <>
struct Arbitrary<tfchain::chain::ResourcesReportedEvent> {
  static Gen<tfchain::chain::ResourcesReportedEvent> arbitrary() {
    using T = tfchain::chain::ResourcesReportedEvent;
    using namespace tfchain::chain::testing;
    return gen::build<T>(gen::set(&T::contract_id, GenU64()),
                         gen::set(&T::used));
  }
};
template <>
struct Arbitrary<tfchain::chain::NetworkReportedEvent> {
  static Gen<tfchain::chain::NetworkReportedEvent> arbitrary() {
    using T = tfchain::chain::NetworkReportedEvent;
    using namespace tfchain::chain::testing;
    return gen::build<T>(gen::set(&T::contract_id, GenU64()),
                         gen::set(&T::bytes, GenU64()),
                         gen::set(&T::window_s, GenU64()));
  }
};
template <>
struct Arbitrary<tfchain::chain::NodeExtraFeeSetEvent> {
  static Gen<tfchain::chain::NodeExtraFeeSetEvent> arbitrary() {
    using T = tfchain::chain::NodeExtraFeeSetEvent;
    using namespace tfchain::chain::testing;
    return gen::build<T>(gen::set(&T::node_id),
                         gen::set(&T::fee_musd_per_month, GenU64()));
  }
};
template <>
struct Arbitrary<tfchain::chain::ServiceContractCreatedEvent> {
  static Gen<tfchain::chain::ServiceContractCreatedEvent> arbitrary() {
    using T = tfchain::chain::ServiceContractCreatedEvent;
    using namespace tfchain::chain::testing;
    return gen::build<T>(gen::set(&T::id, GenU64()),
                         gen::set(&T::service_twin_id),
                         gen::set(&T::consumer_twin_id));
  }
};
template <>
struct Arbitrary<tfchain::chain::ServiceContractUpdatedEvent> {
  static Gen<tfchain::chain::ServiceContractUpdatedEvent> arbitrary() {
    using T = tfchain::chain::ServiceContractUpdatedEvent;
    using namespace tfchain::chain::testing;
    return gen::build<T>(gen::set(&T::id, GenU64()));
  }
};
template <>
struct Arbitrary<tfchain::chain::ServiceContractApprovedEvent> {
  static Gen<tfchain::chain::ServiceContractApprovedEvent> arbitrary() {
    using T = tfchain::chain::ServiceContractApprovedEvent;
    using namespace tfchain::chain::testing;
    return gen::build<T>(gen::set(&T::id, GenU64()));
  }
};
template <>
struct Arbitrary<tfchain::chain::ServiceContractDeletedEvent> {
  static Gen<tfchain::chain::ServiceContractDeletedEvent> arbitrary() {
    using T = tfchain::chain::ServiceContractDeletedEvent;
    using namespace tfchain::chain::testing;
    return gen::build<T>(gen::set(&T::id, GenU64()),
                         gen::set(&T::reason));
  }
};
template <>
struct Arbitrary<tfchain::chain::ServiceContractBilledEvent> {
  static Gen<tfchain::chain::ServiceContractBilledEvent> arbitrary() {
    using T = tfchain::chain::ServiceContractBilledEvent;
    using namespace tfchain::chain::testing;
    return gen::build<T>(gen::set(&T::id, GenU64()),
                         gen::set(&T::window_ms, GenU64()),
                         gen::set(&T::base_musd, GenU64()),
                         gen::set(&T::variable_musd, GenU64()),
                         gen::set(&T::amount, GenU64()),
                         gen::set(&T::from),
                         gen::set(&T::to));
  }
};
}  // namespace rc
