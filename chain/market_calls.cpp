// Marketplace call fields (the part after u8 module u8 index; types in grid_types.cpp
// and market_types.cpp):
//   contract.create_node          (5, 0)  := node_id:u32 resources:Resources public_ips:u32
//                                            deployment_hash:fixed[32] deployment_data:bytes
//                                            solution_provider_id:option<u32>
//   contract.update_node          (5, 1)  := contract_id:u64 resources:Resources
//                                            deployment_hash:fixed[32] deployment_data:bytes
//   contract.cancel               (5, 2)  := contract_id:u64
//   contract.create_name          (5, 3)  := name:string
//   contract.create_rent          (5, 4)  := node_id:u32 solution_provider_id:option<u32>
//   contract.ack                  (5, 5)  := contract_id:u64 ok:bool message:string
//   contract.report_resources     (5, 6)  := contract_id:u64 used:Resources
//   contract.report_network       (5, 7)  := contract_id:u64 bytes:u64 window_s:u64
//   contract.set_node_extra_fee   (5, 8)  := node_id:u32 fee_musd_per_month:u64
//   contract.service_create       (5, 9)  := service_twin_id:u32 consumer_twin_id:u32
//   contract.service_set_metadata (5, 10) := id:u64 metadata:string
//   contract.service_set_fees     (5, 11) := id:u64 base_fee_musd:u64 variable_fee_musd:u64
//   contract.service_approve      (5, 12) := id:u64
//   contract.service_reject       (5, 13) := id:u64
//   contract.service_cancel       (5, 14) := id:u64
//   contract.service_bill         (5, 15) := id:u64 variable_amount_musd:u64 metadata:string
// bytes := compact length (<= 4096), raw bytes; string := compact length (<= 4096) UTF-8
// without NUL; option<u32> := 0x00 | 0x01 u32. Limits beyond the codec caps
// (kMaxDeploymentData, name syntax, ...) are the runtime's.
#include "chain/market_calls.h"

namespace tfchain::chain {
namespace {

void EncodeOptionalU32(Encoder& e, const std::optional<uint32_t>& v) {
  e.U8(v ? 1 : 0);
  if (v) e.U32(*v);
}
Status DecodeOptionalU32(Decoder& d, std::optional<uint32_t>* out) {
  uint8_t tag;
  TF_RETURN_IF_ERROR(d.U8(&tag));
  if (tag == 0) {
    out->reset();
    return Status::Ok();
  }
  if (tag != 1) return Status::InvalidArgument("decode-bad-tag", "option tag " + std::to_string(tag));
  uint32_t v;
  TF_RETURN_IF_ERROR(d.U32(&v));
  *out = v;
  return Status::Ok();
}

// The calls whose only field is a u64 id share their layout.
template <typename T>
void EncodeId(Encoder& e, const T& c) {
  e.U64(c.id);
}
template <typename T>
Status DecodeId(Decoder& d, T* c) {
  return d.U64(&c->id);
}

}  // namespace

void EncodeFields(Encoder& e, const ContractCreateNodeCall& c) {
  e.U32(c.node_id);
  EncodeTo(e, c.resources);
  e.U32(c.public_ips);
  e.Fixed(c.deployment_hash);
  e.Blob(c.deployment_data);
  EncodeOptionalU32(e, c.solution_provider_id);
}
Status DecodeFields(Decoder& d, ContractCreateNodeCall* c) {
  TF_RETURN_IF_ERROR(d.U32(&c->node_id));
  TF_RETURN_IF_ERROR(DecodeFrom(d, &c->resources));
  TF_RETURN_IF_ERROR(d.U32(&c->public_ips));
  TF_RETURN_IF_ERROR(d.Fixed(&c->deployment_hash));
  TF_RETURN_IF_ERROR(d.Blob(&c->deployment_data, kCodecMaxString));
  return DecodeOptionalU32(d, &c->solution_provider_id);
}

void EncodeFields(Encoder& e, const ContractUpdateNodeCall& c) {
  e.U64(c.contract_id);
  EncodeTo(e, c.resources);
  e.Fixed(c.deployment_hash);
  e.Blob(c.deployment_data);
}
Status DecodeFields(Decoder& d, ContractUpdateNodeCall* c) {
  TF_RETURN_IF_ERROR(d.U64(&c->contract_id));
  TF_RETURN_IF_ERROR(DecodeFrom(d, &c->resources));
  TF_RETURN_IF_ERROR(d.Fixed(&c->deployment_hash));
  return d.Blob(&c->deployment_data, kCodecMaxString);
}

void EncodeFields(Encoder& e, const ContractCancelCall& c) { e.U64(c.contract_id); }
Status DecodeFields(Decoder& d, ContractCancelCall* c) { return d.U64(&c->contract_id); }

void EncodeFields(Encoder& e, const ContractCreateNameCall& c) { e.Str(c.name); }
Status DecodeFields(Decoder& d, ContractCreateNameCall* c) { return d.Str(&c->name, kCodecMaxString); }

void EncodeFields(Encoder& e, const ContractCreateRentCall& c) {
  e.U32(c.node_id);
  EncodeOptionalU32(e, c.solution_provider_id);
}
Status DecodeFields(Decoder& d, ContractCreateRentCall* c) {
  TF_RETURN_IF_ERROR(d.U32(&c->node_id));
  return DecodeOptionalU32(d, &c->solution_provider_id);
}

void EncodeFields(Encoder& e, const ContractAckCall& c) {
  e.U64(c.contract_id);
  e.Bool(c.ok);
  e.Str(c.message);
}
Status DecodeFields(Decoder& d, ContractAckCall* c) {
  TF_RETURN_IF_ERROR(d.U64(&c->contract_id));
  TF_RETURN_IF_ERROR(d.Bool(&c->ok));
  return d.Str(&c->message, kCodecMaxString);
}

void EncodeFields(Encoder& e, const ContractReportResourcesCall& c) {
  e.U64(c.contract_id);
  EncodeTo(e, c.used);
}
Status DecodeFields(Decoder& d, ContractReportResourcesCall* c) {
  TF_RETURN_IF_ERROR(d.U64(&c->contract_id));
  return DecodeFrom(d, &c->used);
}

void EncodeFields(Encoder& e, const ContractReportNetworkCall& c) {
  e.U64(c.contract_id);
  e.U64(c.bytes);
  e.U64(c.window_s);
}
Status DecodeFields(Decoder& d, ContractReportNetworkCall* c) {
  TF_RETURN_IF_ERROR(d.U64(&c->contract_id));
  TF_RETURN_IF_ERROR(d.U64(&c->bytes));
  return d.U64(&c->window_s);
}

void EncodeFields(Encoder& e, const NodeSetExtraFeeCall& c) {
  e.U32(c.node_id);
  e.U64(c.fee_musd_per_month);
}
Status DecodeFields(Decoder& d, NodeSetExtraFeeCall* c) {
  TF_RETURN_IF_ERROR(d.U32(&c->node_id));
  return d.U64(&c->fee_musd_per_month);
}

void EncodeFields(Encoder& e, const ServiceCreateCall& c) {
  e.U32(c.service_twin_id);
  e.U32(c.consumer_twin_id);
}
Status DecodeFields(Decoder& d, ServiceCreateCall* c) {
  TF_RETURN_IF_ERROR(d.U32(&c->service_twin_id));
  return d.U32(&c->consumer_twin_id);
}

void EncodeFields(Encoder& e, const ServiceSetMetadataCall& c) {
  e.U64(c.id);
  e.Str(c.metadata);
}
Status DecodeFields(Decoder& d, ServiceSetMetadataCall* c) {
  TF_RETURN_IF_ERROR(d.U64(&c->id));
  return d.Str(&c->metadata, kCodecMaxString);
}

void EncodeFields(Encoder& e, const ServiceSetFeesCall& c) {
  e.U64(c.id);
  e.U64(c.base_fee_musd);
  e.U64(c.variable_fee_musd);
}
Status DecodeFields(Decoder& d, ServiceSetFeesCall* c) {
  TF_RETURN_IF_ERROR(d.U64(&c->id));
  TF_RETURN_IF_ERROR(d.U64(&c->base_fee_musd));
  return d.U64(&c->variable_fee_musd);
}

void EncodeFields(Encoder& e, const ServiceApproveCall& c) { EncodeId(e, c); }
Status DecodeFields(Decoder& d, ServiceApproveCall* c) { return DecodeId(d, c); }
void EncodeFields(Encoder& e, const ServiceRejectCall& c) { EncodeId(e, c); }
Status DecodeFields(Decoder& d, ServiceRejectCall* c) { return DecodeId(d, c); }
void EncodeFields(Encoder& e, const ServiceCancelCall& c) { EncodeId(e, c); }
Status DecodeFields(Decoder& d, ServiceCancelCall* c) { return DecodeId(d, c); }

void EncodeFields(Encoder& e, const ServiceBillCall& c) {
  e.U64(c.id);
  e.U64(c.variable_amount_musd);
  e.Str(c.metadata);
}
Status DecodeFields(Decoder& d, ServiceBillCall* c) {
  TF_RETURN_IF_ERROR(d.U64(&c->id));
  TF_RETURN_IF_ERROR(d.U64(&c->variable_amount_musd));
  return d.Str(&c->metadata, kCodecMaxString);
}

}  // namespace tfchain::chain
