// Marketplace event fields (the part after u8 module u8 index; types in
// grid_types.cpp and market_types.cpp):
//   contract.ContractCreated        (5, 0)  := contract_id:u64 twin_id:u32 kind:ContractKind
//                                              node_id:u32 ips:vec<string>(<=64)
//   contract.ContractUpdated        (5, 1)  := contract_id:u64
//   contract.ContractAcknowledged   (5, 2)  := contract_id:u64 ok:bool message:string
//   contract.ContractGraceStarted   (5, 3)  := contract_id:u64 since_ms:u64
//   contract.ContractGraceEnded     (5, 4)  := contract_id:u64
//   contract.ContractDeleted        (5, 5)  := contract_id:u64 reason:DeleteReason
//   contract.ContractBilled         (5, 6)  := bill:ContractBill
//   contract.ResourcesReported      (5, 7)  := contract_id:u64 used:Resources
//   contract.NetworkReported        (5, 8)  := contract_id:u64 bytes:u64 window_s:u64
//   contract.NodeExtraFeeSet        (5, 9)  := node_id:u32 fee_musd_per_month:u64
//   contract.ServiceContractCreated (5, 10) := id:u64 service_twin_id:u32 consumer_twin_id:u32
//   contract.ServiceContractUpdated (5, 11) := id:u64
//   contract.ServiceContractApproved (5, 12) := id:u64
//   contract.ServiceContractDeleted (5, 13) := id:u64 reason:DeleteReason
//   contract.ServiceContractBilled  (5, 14) := id:u64 window_ms:u64 base_musd:u64
//                                              variable_musd:u64 amount:u64 from:fixed[32]
//                                              to:fixed[32]
#include "chain/market_events.h"

namespace tfchain::chain {
namespace {

// The events whose only field is a u64 id share their layout.
template <typename T>
void EncodeContractId(Encoder& e, const T& v) {
  e.U64(v.contract_id);
}
template <typename T>
Status DecodeContractId(Decoder& d, T* v) {
  return d.U64(&v->contract_id);
}
template <typename T>
void EncodeServiceId(Encoder& e, const T& v) {
  e.U64(v.id);
}
template <typename T>
Status DecodeServiceId(Decoder& d, T* v) {
  return d.U64(&v->id);
}

}  // namespace

void EncodeFields(Encoder& e, const ContractCreatedEvent& v) {
  e.U64(v.contract_id);
  e.U32(v.twin_id);
  EncodeTo(e, v.kind);
  e.U32(v.node_id);
  EncodeVector(e, v.ips);
}
Status DecodeFields(Decoder& d, ContractCreatedEvent* v) {
  TF_RETURN_IF_ERROR(d.U64(&v->contract_id));
  TF_RETURN_IF_ERROR(d.U32(&v->twin_id));
  TF_RETURN_IF_ERROR(DecodeFrom(d, &v->kind));
  TF_RETURN_IF_ERROR(d.U32(&v->node_id));
  return DecodeVector(d, &v->ips, kCodecMaxList);
}

void EncodeFields(Encoder& e, const ContractUpdatedEvent& v) { EncodeContractId(e, v); }
Status DecodeFields(Decoder& d, ContractUpdatedEvent* v) { return DecodeContractId(d, v); }

void EncodeFields(Encoder& e, const ContractAcknowledgedEvent& v) {
  e.U64(v.contract_id);
  e.Bool(v.ok);
  e.Str(v.message);
}
Status DecodeFields(Decoder& d, ContractAcknowledgedEvent* v) {
  TF_RETURN_IF_ERROR(d.U64(&v->contract_id));
  TF_RETURN_IF_ERROR(d.Bool(&v->ok));
  return d.Str(&v->message, kCodecMaxString);
}

void EncodeFields(Encoder& e, const ContractGraceStartedEvent& v) {
  e.U64(v.contract_id);
  e.U64(v.since_ms);
}
Status DecodeFields(Decoder& d, ContractGraceStartedEvent* v) {
  TF_RETURN_IF_ERROR(d.U64(&v->contract_id));
  return d.U64(&v->since_ms);
}

void EncodeFields(Encoder& e, const ContractGraceEndedEvent& v) { EncodeContractId(e, v); }
Status DecodeFields(Decoder& d, ContractGraceEndedEvent* v) { return DecodeContractId(d, v); }

void EncodeFields(Encoder& e, const ContractDeletedEvent& v) {
  e.U64(v.contract_id);
  EncodeTo(e, v.reason);
}
Status DecodeFields(Decoder& d, ContractDeletedEvent* v) {
  TF_RETURN_IF_ERROR(d.U64(&v->contract_id));
  return DecodeFrom(d, &v->reason);
}

void EncodeFields(Encoder& e, const ContractBilledEvent& v) { EncodeTo(e, v.bill); }
Status DecodeFields(Decoder& d, ContractBilledEvent* v) { return DecodeFrom(d, &v->bill); }

void EncodeFields(Encoder& e, const ResourcesReportedEvent& v) {
  e.U64(v.contract_id);
  EncodeTo(e, v.used);
}
Status DecodeFields(Decoder& d, ResourcesReportedEvent* v) {
  TF_RETURN_IF_ERROR(d.U64(&v->contract_id));
  return DecodeFrom(d, &v->used);
}

void EncodeFields(Encoder& e, const NetworkReportedEvent& v) {
  e.U64(v.contract_id);
  e.U64(v.bytes);
  e.U64(v.window_s);
}
Status DecodeFields(Decoder& d, NetworkReportedEvent* v) {
  TF_RETURN_IF_ERROR(d.U64(&v->contract_id));
  TF_RETURN_IF_ERROR(d.U64(&v->bytes));
  return d.U64(&v->window_s);
}

void EncodeFields(Encoder& e, const NodeExtraFeeSetEvent& v) {
  e.U32(v.node_id);
  e.U64(v.fee_musd_per_month);
}
Status DecodeFields(Decoder& d, NodeExtraFeeSetEvent* v) {
  TF_RETURN_IF_ERROR(d.U32(&v->node_id));
  return d.U64(&v->fee_musd_per_month);
}

void EncodeFields(Encoder& e, const ServiceContractCreatedEvent& v) {
  e.U64(v.id);
  e.U32(v.service_twin_id);
  e.U32(v.consumer_twin_id);
}
Status DecodeFields(Decoder& d, ServiceContractCreatedEvent* v) {
  TF_RETURN_IF_ERROR(d.U64(&v->id));
  TF_RETURN_IF_ERROR(d.U32(&v->service_twin_id));
  return d.U32(&v->consumer_twin_id);
}

void EncodeFields(Encoder& e, const ServiceContractUpdatedEvent& v) { EncodeServiceId(e, v); }
Status DecodeFields(Decoder& d, ServiceContractUpdatedEvent* v) { return DecodeServiceId(d, v); }
void EncodeFields(Encoder& e, const ServiceContractApprovedEvent& v) { EncodeServiceId(e, v); }
Status DecodeFields(Decoder& d, ServiceContractApprovedEvent* v) { return DecodeServiceId(d, v); }

void EncodeFields(Encoder& e, const ServiceContractDeletedEvent& v) {
  e.U64(v.id);
  EncodeTo(e, v.reason);
}
Status DecodeFields(Decoder& d, ServiceContractDeletedEvent* v) {
  TF_RETURN_IF_ERROR(d.U64(&v->id));
  return DecodeFrom(d, &v->reason);
}

void EncodeFields(Encoder& e, const ServiceContractBilledEvent& v) {
  e.U64(v.id);
  e.U64(v.window_ms);
  e.U64(v.base_musd);
  e.U64(v.variable_musd);
  e.U64(v.amount);
  e.Fixed(v.from);
  e.Fixed(v.to);
}
Status DecodeFields(Decoder& d, ServiceContractBilledEvent* v) {
  TF_RETURN_IF_ERROR(d.U64(&v->id));
  TF_RETURN_IF_ERROR(d.U64(&v->window_ms));
  TF_RETURN_IF_ERROR(d.U64(&v->base_musd));
  TF_RETURN_IF_ERROR(d.U64(&v->variable_musd));
  TF_RETURN_IF_ERROR(d.U64(&v->amount));
  TF_RETURN_IF_ERROR(d.Fixed(&v->from));
  return d.Fixed(&v->to);
}

}  // namespace tfchain::chain
