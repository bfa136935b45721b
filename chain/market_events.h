#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "chain/account_id.h"
#include "chain/codec.h"
#include "chain/grid_types.h"
#include "chain/market_types.h"

namespace tfchain::chain {

// The events of the marketplace module (5). They are alternatives of chain::Event
// (event.h), which is what code normally uses. EncodeFields/DecodeFields are the
// per-event field codecs that event.cpp's Event codec uses (grammar in
// market_events.cpp).

// contract.ContractCreated: twin `twin_id` created a contract. `node_id` is 0 for a
// name contract; `ips` are the farm IPs ("a.b.c.d/nn") a node contract holds.
struct ContractCreatedEvent {
  static constexpr uint8_t kModule = kModuleContracts;
  static constexpr uint8_t kIndex = 0;
  static constexpr std::string_view kName = "contract.ContractCreated";
  ContractId contract_id = 0;
  TwinId twin_id = 0;
  ContractKind kind = ContractKind::kNode;
  NodeId node_id = 0;
  std::vector<std::string> ips;
  bool operator==(const ContractCreatedEvent&) const = default;
};

// contract.ContractUpdated: a node contract's reservation or deployment changed.
struct ContractUpdatedEvent {
  static constexpr uint8_t kModule = kModuleContracts;
  static constexpr uint8_t kIndex = 1;
  static constexpr std::string_view kName = "contract.ContractUpdated";
  ContractId contract_id = 0;
  bool operator==(const ContractUpdatedEvent&) const = default;
};

// contract.ContractAcknowledged: the node reported the deployment's outcome.
struct ContractAcknowledgedEvent {
  static constexpr uint8_t kModule = kModuleContracts;
  static constexpr uint8_t kIndex = 2;
  static constexpr std::string_view kName = "contract.ContractAcknowledged";
  ContractId contract_id = 0;
  bool ok = false;
  std::string message;
  bool operator==(const ContractAcknowledgedEvent&) const = default;
};

// contract.ContractGraceStarted: the owner could not pay a bill at `since_ms`.
struct ContractGraceStartedEvent {
  static constexpr uint8_t kModule = kModuleContracts;
  static constexpr uint8_t kIndex = 3;
  static constexpr std::string_view kName = "contract.ContractGraceStarted";
  ContractId contract_id = 0;
  uint64_t since_ms = 0;
  bool operator==(const ContractGraceStartedEvent&) const = default;
};

// contract.ContractGraceEnded: the overdue amount was paid; the contract is back to
// "created".
struct ContractGraceEndedEvent {
  static constexpr uint8_t kModule = kModuleContracts;
  static constexpr uint8_t kIndex = 4;
  static constexpr std::string_view kName = "contract.ContractGraceEnded";
  ContractId contract_id = 0;
  bool operator==(const ContractGraceEndedEvent&) const = default;
};

// contract.ContractDeleted: the contract ended; its capacity, IPs or name are free.
struct ContractDeletedEvent {
  static constexpr uint8_t kModule = kModuleContracts;
  static constexpr uint8_t kIndex = 5;
  static constexpr std::string_view kName = "contract.ContractDeleted";
  ContractId contract_id = 0;
  DeleteReason reason = DeleteReason::kNone;
  bool operator==(const ContractDeletedEvent&) const = default;
};

// contract.ContractBilled: one bill with its full computation and split.
struct ContractBilledEvent {
  static constexpr uint8_t kModule = kModuleContracts;
  static constexpr uint8_t kIndex = 6;
  static constexpr std::string_view kName = "contract.ContractBilled";
  ContractBill bill;
  bool operator==(const ContractBilledEvent&) const = default;
};

// contract.ResourcesReported: the node reported a contract's used resources.
struct ResourcesReportedEvent {
  static constexpr uint8_t kModule = kModuleContracts;
  static constexpr uint8_t kIndex = 7;
  static constexpr std::string_view kName = "contract.ResourcesReported";
  ContractId contract_id = 0;
  Resources used;
  bool operator==(const ResourcesReportedEvent&) const = default;
};

// contract.NetworkReported: the node reported a contract's public traffic.
struct NetworkReportedEvent {
  static constexpr uint8_t kModule = kModuleContracts;
  static constexpr uint8_t kIndex = 8;
  static constexpr std::string_view kName = "contract.NetworkReported";
  ContractId contract_id = 0;
  uint64_t bytes = 0;
  uint64_t window_s = 0;
  bool operator==(const NetworkReportedEvent&) const = default;
};

// contract.NodeExtraFeeSet: a dedicated node's extra monthly fee (mUSD) changed.
struct NodeExtraFeeSetEvent {
  static constexpr uint8_t kModule = kModuleContracts;
  static constexpr uint8_t kIndex = 9;
  static constexpr std::string_view kName = "contract.NodeExtraFeeSet";
  NodeId node_id = 0;
  uint64_t fee_musd_per_month = 0;
  bool operator==(const NodeExtraFeeSetEvent&) const = default;
};

// contract.ServiceContractCreated: a service contract between two twins was opened.
struct ServiceContractCreatedEvent {
  static constexpr uint8_t kModule = kModuleContracts;
  static constexpr uint8_t kIndex = 10;
  static constexpr std::string_view kName = "contract.ServiceContractCreated";
  ServiceContractId id = 0;
  TwinId service_twin_id = 0;
  TwinId consumer_twin_id = 0;
  bool operator==(const ServiceContractCreatedEvent&) const = default;
};

// contract.ServiceContractUpdated: metadata, fees or an approval changed.
struct ServiceContractUpdatedEvent {
  static constexpr uint8_t kModule = kModuleContracts;
  static constexpr uint8_t kIndex = 11;
  static constexpr std::string_view kName = "contract.ServiceContractUpdated";
  ServiceContractId id = 0;
  bool operator==(const ServiceContractUpdatedEvent&) const = default;
};

// contract.ServiceContractApproved: both parties approved; billing starts.
struct ServiceContractApprovedEvent {
  static constexpr uint8_t kModule = kModuleContracts;
  static constexpr uint8_t kIndex = 12;
  static constexpr std::string_view kName = "contract.ServiceContractApproved";
  ServiceContractId id = 0;
  bool operator==(const ServiceContractApprovedEvent&) const = default;
};

// contract.ServiceContractDeleted: the service contract ended.
struct ServiceContractDeletedEvent {
  static constexpr uint8_t kModule = kModuleContracts;
  static constexpr uint8_t kIndex = 13;
  static constexpr std::string_view kName = "contract.ServiceContractDeleted";
  ServiceContractId id = 0;
  DeleteReason reason = DeleteReason::kNone;
  bool operator==(const ServiceContractDeletedEvent&) const = default;
};

// contract.ServiceContractBilled: `amount` TFT base units moved from the consumer's
// account `from` to the service's account `to` for `window_ms` of service
// (`base_musd` + `variable_musd` milli-USD).
struct ServiceContractBilledEvent {
  static constexpr uint8_t kModule = kModuleContracts;
  static constexpr uint8_t kIndex = 14;
  static constexpr std::string_view kName = "contract.ServiceContractBilled";
  ServiceContractId id = 0;
  uint64_t window_ms = 0;
  uint64_t base_musd = 0;
  uint64_t variable_musd = 0;
  uint64_t amount = 0;
  AccountId from;
  AccountId to;
  bool operator==(const ServiceContractBilledEvent&) const = default;
};

// Field codecs (no module/index tag). Errors: the fields' decode errors.
void EncodeFields(Encoder& e, const ContractCreatedEvent& v);
Status DecodeFields(Decoder& d, ContractCreatedEvent* v);
void EncodeFields(Encoder& e, const ContractUpdatedEvent& v);
Status DecodeFields(Decoder& d, ContractUpdatedEvent* v);
void EncodeFields(Encoder& e, const ContractAcknowledgedEvent& v);
Status DecodeFields(Decoder& d, ContractAcknowledgedEvent* v);
void EncodeFields(Encoder& e, const ContractGraceStartedEvent& v);
Status DecodeFields(Decoder& d, ContractGraceStartedEvent* v);
void EncodeFields(Encoder& e, const ContractGraceEndedEvent& v);
Status DecodeFields(Decoder& d, ContractGraceEndedEvent* v);
void EncodeFields(Encoder& e, const ContractDeletedEvent& v);
Status DecodeFields(Decoder& d, ContractDeletedEvent* v);
void EncodeFields(Encoder& e, const ContractBilledEvent& v);
Status DecodeFields(Decoder& d, ContractBilledEvent* v);
void EncodeFields(Encoder& e, const ResourcesReportedEvent& v);
Status DecodeFields(Decoder& d, ResourcesReportedEvent* v);
void EncodeFields(Encoder& e, const NetworkReportedEvent& v);
Status DecodeFields(Decoder& d, NetworkReportedEvent* v);
void EncodeFields(Encoder& e, const NodeExtraFeeSetEvent& v);
Status DecodeFields(Decoder& d, NodeExtraFeeSetEvent* v);
void EncodeFields(Encoder& e, const ServiceContractCreatedEvent& v);
Status DecodeFields(Decoder& d, ServiceContractCreatedEvent* v);
void EncodeFields(Encoder& e, const ServiceContractUpdatedEvent& v);
Status DecodeFields(Decoder& d, ServiceContractUpdatedEvent* v);
void EncodeFields(Encoder& e, const ServiceContractApprovedEvent& v);
Status DecodeFields(Decoder& d, ServiceContractApprovedEvent* v);
void EncodeFields(Encoder& e, const ServiceContractDeletedEvent& v);
Status DecodeFields(Decoder& d, ServiceContractDeletedEvent* v);
void EncodeFields(Encoder& e, const ServiceContractBilledEvent& v);
Status DecodeFields(Decoder& d, ServiceContractBilledEvent* v);

}  // namespace tfchain::chain
