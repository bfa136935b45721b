#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "chain/bytes.h"
#include "chain/codec.h"
#include "chain/grid_types.h"
#include "chain/market_types.h"

namespace tfchain::chain {

// The calls of the marketplace module (5). They are alternatives of chain::Call
// (call.h), which is what code normally uses. Limits (kMax*) are enforced by the
// runtime, not the codec. EncodeFields/DecodeFields are the per-call field codecs
// that call.cpp's Call codec uses (grammar in market_calls.cpp). The signer's twin is
// the contract owner (the payer) unless said otherwise.

// contract.create_node: reserves `resources` and `public_ips` farm IPs on a node for
// a deployment identified by `deployment_hash` (unique per node among live
// contracts). The node must acknowledge it (contract.ack) before it is billed.
struct ContractCreateNodeCall {
  static constexpr uint8_t kModule = kModuleContracts;
  static constexpr uint8_t kIndex = 0;
  static constexpr std::string_view kName = "contract.create_node";
  NodeId node_id = 0;
  Resources resources;
  uint32_t public_ips = 0;  // <= kMaxContractPublicIps
  Hash256 deployment_hash;
  Bytes deployment_data;  // <= kMaxDeploymentData
  std::optional<uint32_t> solution_provider_id;
  bool operator==(const ContractCreateNodeCall&) const = default;
};

// contract.update_node: the owner changes a node contract's reservation and
// deployment (billed up to now at the old resources first).
struct ContractUpdateNodeCall {
  static constexpr uint8_t kModule = kModuleContracts;
  static constexpr uint8_t kIndex = 1;
  static constexpr std::string_view kName = "contract.update_node";
  ContractId contract_id = 0;
  Resources resources;
  Hash256 deployment_hash;
  Bytes deployment_data;  // <= kMaxDeploymentData
  bool operator==(const ContractUpdateNodeCall&) const = default;
};

// contract.cancel: the owner ends a node, name or rent contract (final bill, then
// deletion). Free of fees for a contract in grace.
struct ContractCancelCall {
  static constexpr uint8_t kModule = kModuleContracts;
  static constexpr uint8_t kIndex = 2;
  static constexpr std::string_view kName = "contract.cancel";
  ContractId contract_id = 0;
  bool operator==(const ContractCancelCall&) const = default;
};

// contract.create_name: reserves a unique name (kMinContractNameLength..
// kMaxContractNameLength of [a-z0-9-_]).
struct ContractCreateNameCall {
  static constexpr uint8_t kModule = kModuleContracts;
  static constexpr uint8_t kIndex = 3;
  static constexpr std::string_view kName = "contract.create_name";
  std::string name;
  bool operator==(const ContractCreateNameCall&) const = default;
};

// contract.create_rent: rents a whole node (dedicated use).
struct ContractCreateRentCall {
  static constexpr uint8_t kModule = kModuleContracts;
  static constexpr uint8_t kIndex = 4;
  static constexpr std::string_view kName = "contract.create_rent";
  NodeId node_id = 0;
  std::optional<uint32_t> solution_provider_id;
  bool operator==(const ContractCreateRentCall&) const = default;
};

// contract.ack: the contract's node (its own account) reports whether the deployment
// succeeded. Free of fees.
struct ContractAckCall {
  static constexpr uint8_t kModule = kModuleContracts;
  static constexpr uint8_t kIndex = 5;
  static constexpr std::string_view kName = "contract.ack";
  ContractId contract_id = 0;
  bool ok = false;
  std::string message;  // <= kMaxAckMessage
  bool operator==(const ContractAckCall&) const = default;
};

// contract.report_resources: the contract's node reports the resources the
// deployment uses (<= reserved). Free of fees; at most once per uptime interval.
struct ContractReportResourcesCall {
  static constexpr uint8_t kModule = kModuleContracts;
  static constexpr uint8_t kIndex = 6;
  static constexpr std::string_view kName = "contract.report_resources";
  ContractId contract_id = 0;
  Resources used;
  bool operator==(const ContractReportResourcesCall&) const = default;
};

// contract.report_network: the contract's node reports `bytes` of public traffic over
// the last `window_s` seconds (1..86400), billed as NU. Free of fees; at most once per
// uptime interval.
struct ContractReportNetworkCall {
  static constexpr uint8_t kModule = kModuleContracts;
  static constexpr uint8_t kIndex = 7;
  static constexpr std::string_view kName = "contract.report_network";
  ContractId contract_id = 0;
  uint64_t bytes = 0;
  uint64_t window_s = 0;
  bool operator==(const ContractReportNetworkCall&) const = default;
};

// contract.set_node_extra_fee: the farm owner of a dedicated farm sets a node's extra
// monthly fee in mUSD (<= 10^9), paid by its renter, 100% to the farmer.
struct NodeSetExtraFeeCall {
  static constexpr uint8_t kModule = kModuleContracts;
  static constexpr uint8_t kIndex = 8;
  static constexpr std::string_view kName = "contract.set_node_extra_fee";
  NodeId node_id = 0;
  uint64_t fee_musd_per_month = 0;
  bool operator==(const NodeSetExtraFeeCall&) const = default;
};

// contract.service_create: the signer's twin (one of the two) opens a service
// contract between a service twin and a consumer twin.
struct ServiceCreateCall {
  static constexpr uint8_t kModule = kModuleContracts;
  static constexpr uint8_t kIndex = 9;
  static constexpr std::string_view kName = "contract.service_create";
  TwinId service_twin_id = 0;
  TwinId consumer_twin_id = 0;
  bool operator==(const ServiceCreateCall&) const = default;
};

// contract.service_set_metadata: the service sets the contract's metadata
// (<= kMaxServiceMetadata bytes); resets both approvals.
struct ServiceSetMetadataCall {
  static constexpr uint8_t kModule = kModuleContracts;
  static constexpr uint8_t kIndex = 10;
  static constexpr std::string_view kName = "contract.service_set_metadata";
  ServiceContractId id = 0;
  std::string metadata;
  bool operator==(const ServiceSetMetadataCall&) const = default;
};

// contract.service_set_fees: the service sets its fees in mUSD per hour; resets both
// approvals.
struct ServiceSetFeesCall {
  static constexpr uint8_t kModule = kModuleContracts;
  static constexpr uint8_t kIndex = 11;
  static constexpr std::string_view kName = "contract.service_set_fees";
  ServiceContractId id = 0;
  uint64_t base_fee_musd = 0;
  uint64_t variable_fee_musd = 0;
  bool operator==(const ServiceSetFeesCall&) const = default;
};

// contract.service_approve: either party approves; billing starts once both have.
struct ServiceApproveCall {
  static constexpr uint8_t kModule = kModuleContracts;
  static constexpr uint8_t kIndex = 12;
  static constexpr std::string_view kName = "contract.service_approve";
  ServiceContractId id = 0;
  bool operator==(const ServiceApproveCall&) const = default;
};

// contract.service_reject: either party rejects (deletes) a contract not yet approved
// by both.
struct ServiceRejectCall {
  static constexpr uint8_t kModule = kModuleContracts;
  static constexpr uint8_t kIndex = 13;
  static constexpr std::string_view kName = "contract.service_reject";
  ServiceContractId id = 0;
  bool operator==(const ServiceRejectCall&) const = default;
};

// contract.service_cancel: either party deletes the contract.
struct ServiceCancelCall {
  static constexpr uint8_t kModule = kModuleContracts;
  static constexpr uint8_t kIndex = 14;
  static constexpr std::string_view kName = "contract.service_cancel";
  ServiceContractId id = 0;
  bool operator==(const ServiceCancelCall&) const = default;
};

// contract.service_bill: the service bills the consumer for the time since the last
// bill (at most one hour) plus a variable amount in mUSD.
struct ServiceBillCall {
  static constexpr uint8_t kModule = kModuleContracts;
  static constexpr uint8_t kIndex = 15;
  static constexpr std::string_view kName = "contract.service_bill";
  ServiceContractId id = 0;
  uint64_t variable_amount_musd = 0;
  std::string metadata;  // <= kMaxServiceMetadata
  bool operator==(const ServiceBillCall&) const = default;
};

// Field codecs (no module/index tag). Errors: the fields' decode errors.
void EncodeFields(Encoder& e, const ContractCreateNodeCall& c);
Status DecodeFields(Decoder& d, ContractCreateNodeCall* c);
void EncodeFields(Encoder& e, const ContractUpdateNodeCall& c);
Status DecodeFields(Decoder& d, ContractUpdateNodeCall* c);
void EncodeFields(Encoder& e, const ContractCancelCall& c);
Status DecodeFields(Decoder& d, ContractCancelCall* c);
void EncodeFields(Encoder& e, const ContractCreateNameCall& c);
Status DecodeFields(Decoder& d, ContractCreateNameCall* c);
void EncodeFields(Encoder& e, const ContractCreateRentCall& c);
Status DecodeFields(Decoder& d, ContractCreateRentCall* c);
void EncodeFields(Encoder& e, const ContractAckCall& c);
Status DecodeFields(Decoder& d, ContractAckCall* c);
void EncodeFields(Encoder& e, const ContractReportResourcesCall& c);
Status DecodeFields(Decoder& d, ContractReportResourcesCall* c);
void EncodeFields(Encoder& e, const ContractReportNetworkCall& c);
Status DecodeFields(Decoder& d, ContractReportNetworkCall* c);
void EncodeFields(Encoder& e, const NodeSetExtraFeeCall& c);
Status DecodeFields(Decoder& d, NodeSetExtraFeeCall* c);
void EncodeFields(Encoder& e, const ServiceCreateCall& c);
Status DecodeFields(Decoder& d, ServiceCreateCall* c);
void EncodeFields(Encoder& e, const ServiceSetMetadataCall& c);
Status DecodeFields(Decoder& d, ServiceSetMetadataCall* c);
void EncodeFields(Encoder& e, const ServiceSetFeesCall& c);
Status DecodeFields(Decoder& d, ServiceSetFeesCall* c);
void EncodeFields(Encoder& e, const ServiceApproveCall& c);
Status DecodeFields(Decoder& d, ServiceApproveCall* c);
void EncodeFields(Encoder& e, const ServiceRejectCall& c);
Status DecodeFields(Decoder& d, ServiceRejectCall* c);
void EncodeFields(Encoder& e, const ServiceCancelCall& c);
Status DecodeFields(Decoder& d, ServiceCancelCall* c);
void EncodeFields(Encoder& e, const ServiceBillCall& c);
Status DecodeFields(Decoder& d, ServiceBillCall* c);

}  // namespace tfchain::chain
