// Grid call fields (the part after u8 module u8 index; types in grid_types.cpp):
//   directory.twin_create              (2, 0)  := relay:string public_key:bytes(<=4096)
//   directory.twin_update              (2, 1)  := relay:string public_key:bytes(<=4096)
//   directory.farm_create              (2, 2)  := name:string pricing_policy_id:u32
//   directory.farm_update              (2, 3)  := farm_id:u32 name:string pricing_policy_id:u32
//   directory.farm_add_ip              (2, 4)  := farm_id:u32 ip:string gateway:string
//   directory.farm_remove_ip           (2, 5)  := farm_id:u32 ip:string
//   directory.farm_set_dedicated       (2, 6)  := farm_id:u32 dedicated:bool
//   directory.farm_set_certification   (2, 7)  := farm_id:u32 certification:FarmCertification
//   directory.node_create              (2, 8)  := farm_id:u32 node_description
//   directory.node_update              (2, 9)  := node_id:u32 node_description
//     node_description := resources:Resources location:Location
//                         interfaces:vec<NodeInterface> public_config:option<PublicConfig>
//                         agent_endpoint:string virtualized:bool serial:option<string>
//   directory.node_delete              (2, 10) := node_id:u32
//   directory.node_set_power_target    (2, 11) := node_id:u32 target:PowerState
//   directory.node_report_power_state  (2, 12) := state:PowerState
//   directory.node_set_certification   (2, 13) := node_id:u32 certification:NodeCertification
//   directory.solution_provider_create (2, 14) := description:string link:string
//                                                providers:vec<SolutionProviderShare>
//     SolutionProviderShare := account:fixed[32] take_percent:u8
//   farming.node_report_uptime         (3, 0)  := uptime_s:u64
//   governance.propose                 (4, 0)  := action:GovAction description:string
//   governance.vote                    (4, 1)  := proposal_id:u32 approve:bool
// bytes := compact length, raw bytes. Limits beyond the codec caps are the runtime's.
#include "chain/grid_calls.h"

namespace tfchain::chain {
namespace {

// twin_create and twin_update share their layout.
template <typename T>
void EncodeTwin(Encoder& e, const T& c) {
  e.Str(c.relay);
  e.Blob(c.public_key);
}
template <typename T>
Status DecodeTwin(Decoder& d, T* c) {
  TF_RETURN_IF_ERROR(d.Str(&c->relay, kCodecMaxString));
  return d.Blob(&c->public_key, kCodecMaxString);
}

// node_create and node_update share everything after their first field.
template <typename T>
void EncodeNodeDescription(Encoder& e, const T& c) {
  EncodeTo(e, c.resources);
  EncodeTo(e, c.location);
  EncodeVector(e, c.interfaces);
  EncodeOptional(e, c.public_config);
  e.Str(c.agent_endpoint);
  e.Bool(c.virtualized);
  EncodeOptional(e, c.serial);
}
template <typename T>
Status DecodeNodeDescription(Decoder& d, T* c) {
  TF_RETURN_IF_ERROR(DecodeFrom(d, &c->resources));
  TF_RETURN_IF_ERROR(DecodeFrom(d, &c->location));
  TF_RETURN_IF_ERROR(DecodeVector(d, &c->interfaces, kCodecMaxList));
  TF_RETURN_IF_ERROR(DecodeOptional(d, &c->public_config));
  TF_RETURN_IF_ERROR(d.Str(&c->agent_endpoint, kCodecMaxString));
  TF_RETURN_IF_ERROR(d.Bool(&c->virtualized));
  return DecodeOptional(d, &c->serial);
}

}  // namespace

void EncodeFields(Encoder& e, const TwinCreateCall& c) { EncodeTwin(e, c); }
Status DecodeFields(Decoder& d, TwinCreateCall* c) { return DecodeTwin(d, c); }
void EncodeFields(Encoder& e, const TwinUpdateCall& c) { EncodeTwin(e, c); }
Status DecodeFields(Decoder& d, TwinUpdateCall* c) { return DecodeTwin(d, c); }

void EncodeFields(Encoder& e, const FarmCreateCall& c) {
  e.Str(c.name);
  e.U32(c.pricing_policy_id);
}
Status DecodeFields(Decoder& d, FarmCreateCall* c) {
  TF_RETURN_IF_ERROR(d.Str(&c->name, kCodecMaxString));
  return d.U32(&c->pricing_policy_id);
}

void EncodeFields(Encoder& e, const FarmUpdateCall& c) {
  e.U32(c.farm_id);
  e.Str(c.name);
  e.U32(c.pricing_policy_id);
}
Status DecodeFields(Decoder& d, FarmUpdateCall* c) {
  TF_RETURN_IF_ERROR(d.U32(&c->farm_id));
  TF_RETURN_IF_ERROR(d.Str(&c->name, kCodecMaxString));
  return d.U32(&c->pricing_policy_id);
}

void EncodeFields(Encoder& e, const FarmAddIpCall& c) {
  e.U32(c.farm_id);
  e.Str(c.ip);
  e.Str(c.gateway);
}
Status DecodeFields(Decoder& d, FarmAddIpCall* c) {
  TF_RETURN_IF_ERROR(d.U32(&c->farm_id));
  TF_RETURN_IF_ERROR(d.Str(&c->ip, kCodecMaxString));
  return d.Str(&c->gateway, kCodecMaxString);
}

void EncodeFields(Encoder& e, const FarmRemoveIpCall& c) {
  e.U32(c.farm_id);
  e.Str(c.ip);
}
Status DecodeFields(Decoder& d, FarmRemoveIpCall* c) {
  TF_RETURN_IF_ERROR(d.U32(&c->farm_id));
  return d.Str(&c->ip, kCodecMaxString);
}

void EncodeFields(Encoder& e, const FarmSetDedicatedCall& c) {
  e.U32(c.farm_id);
  e.Bool(c.dedicated);
}
Status DecodeFields(Decoder& d, FarmSetDedicatedCall* c) {
  TF_RETURN_IF_ERROR(d.U32(&c->farm_id));
  return d.Bool(&c->dedicated);
}

void EncodeFields(Encoder& e, const FarmSetCertificationCall& c) {
  e.U32(c.farm_id);
  EncodeTo(e, c.certification);
}
Status DecodeFields(Decoder& d, FarmSetCertificationCall* c) {
  TF_RETURN_IF_ERROR(d.U32(&c->farm_id));
  return DecodeFrom(d, &c->certification);
}

void EncodeFields(Encoder& e, const NodeCreateCall& c) {
  e.U32(c.farm_id);
  EncodeNodeDescription(e, c);
}
Status DecodeFields(Decoder& d, NodeCreateCall* c) {
  TF_RETURN_IF_ERROR(d.U32(&c->farm_id));
  return DecodeNodeDescription(d, c);
}

void EncodeFields(Encoder& e, const NodeUpdateCall& c) {
  e.U32(c.node_id);
  EncodeNodeDescription(e, c);
}
Status DecodeFields(Decoder& d, NodeUpdateCall* c) {
  TF_RETURN_IF_ERROR(d.U32(&c->node_id));
  return DecodeNodeDescription(d, c);
}

void EncodeFields(Encoder& e, const NodeDeleteCall& c) { e.U32(c.node_id); }
Status DecodeFields(Decoder& d, NodeDeleteCall* c) { return d.U32(&c->node_id); }

void EncodeFields(Encoder& e, const NodeSetPowerTargetCall& c) {
  e.U32(c.node_id);
  EncodeTo(e, c.target);
}
Status DecodeFields(Decoder& d, NodeSetPowerTargetCall* c) {
  TF_RETURN_IF_ERROR(d.U32(&c->node_id));
  return DecodeFrom(d, &c->target);
}

void EncodeFields(Encoder& e, const NodeReportPowerStateCall& c) { EncodeTo(e, c.state); }
Status DecodeFields(Decoder& d, NodeReportPowerStateCall* c) { return DecodeFrom(d, &c->state); }

void EncodeFields(Encoder& e, const NodeSetCertificationCall& c) {
  e.U32(c.node_id);
  EncodeTo(e, c.certification);
}
Status DecodeFields(Decoder& d, NodeSetCertificationCall* c) {
  TF_RETURN_IF_ERROR(d.U32(&c->node_id));
  return DecodeFrom(d, &c->certification);
}

void EncodeTo(Encoder& e, const SolutionProviderShare& v) {
  e.Fixed(v.account);
  e.U8(v.take_percent);
}
Status DecodeFrom(Decoder& d, SolutionProviderShare* out) {
  TF_RETURN_IF_ERROR(d.Fixed(&out->account));
  return d.U8(&out->take_percent);
}

void EncodeFields(Encoder& e, const SolutionProviderCreateCall& c) {
  e.Str(c.description);
  e.Str(c.link);
  EncodeVector(e, c.providers);
}
Status DecodeFields(Decoder& d, SolutionProviderCreateCall* c) {
  TF_RETURN_IF_ERROR(d.Str(&c->description, kCodecMaxString));
  TF_RETURN_IF_ERROR(d.Str(&c->link, kCodecMaxString));
  return DecodeVector(d, &c->providers, kCodecMaxList);
}

void EncodeFields(Encoder& e, const NodeReportUptimeCall& c) { e.U64(c.uptime_s); }
Status DecodeFields(Decoder& d, NodeReportUptimeCall* c) { return d.U64(&c->uptime_s); }

void EncodeFields(Encoder& e, const GovProposeCall& c) {
  EncodeTo(e, c.action);
  e.Str(c.description);
}
Status DecodeFields(Decoder& d, GovProposeCall* c) {
  TF_RETURN_IF_ERROR(DecodeFrom(d, &c->action));
  return d.Str(&c->description, kCodecMaxString);
}

void EncodeFields(Encoder& e, const GovVoteCall& c) {
  e.U32(c.proposal_id);
  e.Bool(c.approve);
}
Status DecodeFields(Decoder& d, GovVoteCall* c) {
  TF_RETURN_IF_ERROR(d.U32(&c->proposal_id));
  return d.Bool(&c->approve);
}

}  // namespace tfchain::chain
