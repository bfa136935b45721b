// Grid event fields (the part after u8 module u8 index; types in grid_types.cpp):
//   directory.TwinCreated             (2, 0)  := twin_id:u32 account:fixed[32]
//   directory.TwinUpdated             (2, 1)  := twin_id:u32
//   directory.FarmCreated             (2, 2)  := farm_id:u32 twin_id:u32 name:string
//   directory.FarmUpdated             (2, 3)  := farm_id:u32
//   directory.FarmIpAdded             (2, 4)  := farm_id:u32 ip:string gateway:string
//   directory.FarmIpRemoved           (2, 5)  := farm_id:u32 ip:string
//   directory.FarmDedicatedSet        (2, 6)  := farm_id:u32 dedicated:bool
//   directory.FarmCertificationSet    (2, 7)  := farm_id:u32 certification:FarmCertification
//   directory.NodeCreated             (2, 8)  := node_id:u32 farm_id:u32 twin_id:u32
//                                                resources:Resources
//   directory.NodeUpdated             (2, 9)  := node_id:u32
//   directory.NodeDeleted             (2, 10) := node_id:u32
//   directory.NodePowerTargetSet      (2, 11) := node_id:u32 target:PowerState
//   directory.NodePowerStateReported  (2, 12) := node_id:u32 state:PowerState
//   directory.NodeCertificationSet    (2, 13) := node_id:u32 certification:NodeCertification
//   directory.SolutionProviderCreated (2, 14) := provider_id:u32 creator:fixed[32]
//   directory.SolutionProviderApproved (2, 15) := provider_id:u32 approved:bool
//   farming.UptimeReported            (3, 0)  := node_id:u32 uptime_s:u64 credited_ms:u64
//   farming.RewardMinted              (3, 1)  := receipt:FarmingReceipt
//   farming.PeriodSettled             (3, 2)  := period:u64 nodes:u64 minted:u64
//   governance.Proposed               (4, 0)  := id:u32 proposer:fixed[32] action:string
//   governance.Voted                  (4, 1)  := id:u32 voter:fixed[32] approve:bool power:u64
//   governance.Enacted                (4, 2)  := id:u32
//   governance.Rejected               (4, 3)  := id:u32 reason:string
#include "chain/grid_events.h"

namespace tfchain::chain {

void EncodeFields(Encoder& e, const TwinCreatedEvent& v) {
  e.U32(v.twin_id);
  e.Fixed(v.account);
}
Status DecodeFields(Decoder& d, TwinCreatedEvent* v) {
  TF_RETURN_IF_ERROR(d.U32(&v->twin_id));
  return d.Fixed(&v->account);
}
void EncodeFields(Encoder& e, const TwinUpdatedEvent& v) { e.U32(v.twin_id); }
Status DecodeFields(Decoder& d, TwinUpdatedEvent* v) { return d.U32(&v->twin_id); }

void EncodeFields(Encoder& e, const FarmCreatedEvent& v) {
  e.U32(v.farm_id);
  e.U32(v.twin_id);
  e.Str(v.name);
}
Status DecodeFields(Decoder& d, FarmCreatedEvent* v) {
  TF_RETURN_IF_ERROR(d.U32(&v->farm_id));
  TF_RETURN_IF_ERROR(d.U32(&v->twin_id));
  return d.Str(&v->name, kCodecMaxString);
}
void EncodeFields(Encoder& e, const FarmUpdatedEvent& v) { e.U32(v.farm_id); }
Status DecodeFields(Decoder& d, FarmUpdatedEvent* v) { return d.U32(&v->farm_id); }
void EncodeFields(Encoder& e, const FarmIpAddedEvent& v) {
  e.U32(v.farm_id);
  e.Str(v.ip);
  e.Str(v.gateway);
}
Status DecodeFields(Decoder& d, FarmIpAddedEvent* v) {
  TF_RETURN_IF_ERROR(d.U32(&v->farm_id));
  TF_RETURN_IF_ERROR(d.Str(&v->ip, kCodecMaxString));
  return d.Str(&v->gateway, kCodecMaxString);
}
void EncodeFields(Encoder& e, const FarmIpRemovedEvent& v) {
  e.U32(v.farm_id);
  e.Str(v.ip);
}
Status DecodeFields(Decoder& d, FarmIpRemovedEvent* v) {
  TF_RETURN_IF_ERROR(d.U32(&v->farm_id));
  return d.Str(&v->ip, kCodecMaxString);
}
void EncodeFields(Encoder& e, const FarmDedicatedSetEvent& v) {
  e.U32(v.farm_id);
  e.Bool(v.dedicated);
}
Status DecodeFields(Decoder& d, FarmDedicatedSetEvent* v) {
  TF_RETURN_IF_ERROR(d.U32(&v->farm_id));
  return d.Bool(&v->dedicated);
}
void EncodeFields(Encoder& e, const FarmCertificationSetEvent& v) {
  e.U32(v.farm_id);
  EncodeTo(e, v.certification);
}
Status DecodeFields(Decoder& d, FarmCertificationSetEvent* v) {
  TF_RETURN_IF_ERROR(d.U32(&v->farm_id));
  return DecodeFrom(d, &v->certification);
}

void EncodeFields(Encoder& e, const NodeCreatedEvent& v) {
  e.U32(v.node_id);
  e.U32(v.farm_id);
  e.U32(v.twin_id);
  EncodeTo(e, v.resources);
}
Status DecodeFields(Decoder& d, NodeCreatedEvent* v) {
  TF_RETURN_IF_ERROR(d.U32(&v->node_id));
  TF_RETURN_IF_ERROR(d.U32(&v->farm_id));
  TF_RETURN_IF_ERROR(d.U32(&v->twin_id));
  return DecodeFrom(d, &v->resources);
}
void EncodeFields(Encoder& e, const NodeUpdatedEvent& v) { e.U32(v.node_id); }
Status DecodeFields(Decoder& d, NodeUpdatedEvent* v) { return d.U32(&v->node_id); }
void EncodeFields(Encoder& e, const NodeDeletedEvent& v) { e.U32(v.node_id); }
Status DecodeFields(Decoder& d, NodeDeletedEvent* v) { return d.U32(&v->node_id); }
void EncodeFields(Encoder& e, const NodePowerTargetSetEvent& v) {
  e.U32(v.node_id);
  EncodeTo(e, v.target);
}
Status DecodeFields(Decoder& d, NodePowerTargetSetEvent* v) {
  TF_RETURN_IF_ERROR(d.U32(&v->node_id));
  return DecodeFrom(d, &v->target);
}
void EncodeFields(Encoder& e, const NodePowerStateReportedEvent& v) {
  e.U32(v.node_id);
  EncodeTo(e, v.state);
}
Status DecodeFields(Decoder& d, NodePowerStateReportedEvent* v) {
  TF_RETURN_IF_ERROR(d.U32(&v->node_id));
  return DecodeFrom(d, &v->state);
}
void EncodeFields(Encoder& e, const NodeCertificationSetEvent& v) {
  e.U32(v.node_id);
  EncodeTo(e, v.certification);
}
Status DecodeFields(Decoder& d, NodeCertificationSetEvent* v) {
  TF_RETURN_IF_ERROR(d.U32(&v->node_id));
  return DecodeFrom(d, &v->certification);
}

void EncodeFields(Encoder& e, const SolutionProviderCreatedEvent& v) {
  e.U32(v.provider_id);
  e.Fixed(v.creator);
}
Status DecodeFields(Decoder& d, SolutionProviderCreatedEvent* v) {
  TF_RETURN_IF_ERROR(d.U32(&v->provider_id));
  return d.Fixed(&v->creator);
}
void EncodeFields(Encoder& e, const SolutionProviderApprovedEvent& v) {
  e.U32(v.provider_id);
  e.Bool(v.approved);
}
Status DecodeFields(Decoder& d, SolutionProviderApprovedEvent* v) {
  TF_RETURN_IF_ERROR(d.U32(&v->provider_id));
  return d.Bool(&v->approved);
}

void EncodeFields(Encoder& e, const UptimeReportedEvent& v) {
  e.U32(v.node_id);
  e.U64(v.uptime_s);
  e.U64(v.credited_ms);
}
Status DecodeFields(Decoder& d, UptimeReportedEvent* v) {
  TF_RETURN_IF_ERROR(d.U32(&v->node_id));
  TF_RETURN_IF_ERROR(d.U64(&v->uptime_s));
  return d.U64(&v->credited_ms);
}
void EncodeFields(Encoder& e, const RewardMintedEvent& v) { EncodeTo(e, v.receipt); }
Status DecodeFields(Decoder& d, RewardMintedEvent* v) { return DecodeFrom(d, &v->receipt); }
void EncodeFields(Encoder& e, const PeriodSettledEvent& v) {
  e.U64(v.period);
  e.U64(v.nodes);
  e.U64(v.minted);
}
Status DecodeFields(Decoder& d, PeriodSettledEvent* v) {
  TF_RETURN_IF_ERROR(d.U64(&v->period));
  TF_RETURN_IF_ERROR(d.U64(&v->nodes));
  return d.U64(&v->minted);
}

void EncodeFields(Encoder& e, const ProposedEvent& v) {
  e.U32(v.id);
  e.Fixed(v.proposer);
  e.Str(v.action);
}
Status DecodeFields(Decoder& d, ProposedEvent* v) {
  TF_RETURN_IF_ERROR(d.U32(&v->id));
  TF_RETURN_IF_ERROR(d.Fixed(&v->proposer));
  return d.Str(&v->action, kCodecMaxString);
}
void EncodeFields(Encoder& e, const VotedEvent& v) {
  e.U32(v.id);
  e.Fixed(v.voter);
  e.Bool(v.approve);
  e.U64(v.power);
}
Status DecodeFields(Decoder& d, VotedEvent* v) {
  TF_RETURN_IF_ERROR(d.U32(&v->id));
  TF_RETURN_IF_ERROR(d.Fixed(&v->voter));
  TF_RETURN_IF_ERROR(d.Bool(&v->approve));
  return d.U64(&v->power);
}
void EncodeFields(Encoder& e, const EnactedEvent& v) { e.U32(v.id); }
Status DecodeFields(Decoder& d, EnactedEvent* v) { return d.U32(&v->id); }
void EncodeFields(Encoder& e, const RejectedEvent& v) {
  e.U32(v.id);
  e.Str(v.reason);
}
Status DecodeFields(Decoder& d, RejectedEvent* v) {
  TF_RETURN_IF_ERROR(d.U32(&v->id));
  return d.Str(&v->reason, kCodecMaxString);
}

}  // namespace tfchain::chain
