// Marketplace state layout (all keys start with 0x07, the marketplace module prefix;
// ids in keys are big-endian so that prefix scans return id order):
//   0x07 0x00                              := market_counters (absent = {1, 1})
//   0x07 0x01 || id:u64be                  := contract_record (kept after deletion)
//   0x07 0x02 || node:u32be                := node_contracts (absent = empty)
//   0x07 0x03 || node:u32be || hash[32]    := id:u64   live node contract with that deployment
//   0x07 0x04 || name bytes                := id:u64   live name contract with that name
//   0x07 0x05 || bucket:u64be              := id_list  live contracts with id % period == bucket
//   0x07 0x06 || twin:u32be                := twin_billing (absent = zeros)
//   0x07 0x07 || height:u64be              := id_list  node contracts whose ack deadline is height
//   0x07 0x08 || node:u32be                := fee_musd_per_month:u64 (absent = 0)
//   0x07 0x09 || id:u64be                  := service_contract_record
// with
//   contract_record := id:u64 twin_id:u32 kind:u8 state:u8 reason:u8 grace_since_ms:u64
//                      node_id:u32 resources ips:vec<str>(<=64) deployment_hash:fixed[32]
//                      deployment_data:bytes(<=4096) solution_provider_id:option<u32>
//                      name:str ack:u8 ack_message:str created_height:u64 created_ms:u64
//                      updated_ms:u64 billed_until_ms:u64 uptime_base_ms:u64
//                      billed_up_ms:u64 unbilled_nu_bytes:u64 overdue:u64
//                      hourly_micro:u64 total_paid:u64 used:resources
//                      last_resources_report_ms:u64 last_network_report_ms:u64
//                      deleted_ms:u64
//   resources       := cru:u64 mru:u64 sru:u64 hru:u64 (chain/grid_types.cpp)
//   node_contracts  := node_contracts:id_list rent_contract_id:u64 renter_twin_id:u32
//   twin_billing    := hourly_micro:u64 live_contracts:u64
//   market_counters := next_contract_id:u64 next_service_id:u64
//   service_contract_record := id:u64 service_twin_id:u32 consumer_twin_id:u32
//                      metadata:str base_fee_musd:u64 variable_fee_musd:u64
//                      accepted_by_service:bool accepted_by_consumer:bool
//                      last_bill_ms:u64 created_ms:u64
//   id_list         := compact count (<= kMaxIdListLength) followed by that many u64,
//                      strictly ascending
// Strings are chain's grid strings (UTF-8, <= kCodecMaxString bytes).
#include "contracts/market_state.h"

#include <algorithm>

namespace tfchain::contracts {
namespace {

using chain::Decoder;
using chain::Encoder;

enum Item : uint8_t {
  kCounters = 0x00,
  kContract = 0x01,
  kNodeContracts = 0x02,
  kDeployment = 0x03,
  kName = 0x04,
  kBucket = 0x05,
  kTwinBilling = 0x06,
  kAckDeadline = 0x07,
  kExtraFee = 0x08,
  kService = 0x09,
};

void AppendBe(Bytes& key, uint64_t v, int bytes) {
  for (int i = bytes - 1; i >= 0; --i) key.push_back(static_cast<uint8_t>(v >> (8 * i)));
}

Bytes Key(Item item) { return Bytes{kStatePrefixMarket, item}; }
Bytes Key(Item item, uint64_t id, int bytes) {
  Bytes key = Key(item);
  AppendBe(key, id, bytes);
  return key;
}

void EncodeIds(Encoder& e, const std::vector<ContractId>& ids) {
  e.Compact(ids.size());
  for (ContractId id : ids) e.U64(id);
}

Status DecodeIds(Decoder& d, std::vector<ContractId>* out) {
  size_t n;
  TF_RETURN_IF_ERROR(d.Length(&n, kMaxIdListLength, 8));
  out->clear();
  out->reserve(n);
  for (size_t i = 0; i < n; ++i) {
    uint64_t id;
    TF_RETURN_IF_ERROR(d.U64(&id));
    if (!out->empty() && id <= out->back()) {
      return Status::InvalidArgument("decode-bad-value", "id list not strictly ascending");
    }
    out->push_back(id);
  }
  return Status::Ok();
}

// An id list read from the state (its own struct so that GetDecoded finds the codec).
struct IdList {
  std::vector<ContractId> ids;
};
Status DecodeFrom(Decoder& d, IdList* out) { return DecodeIds(d, &out->ids); }

struct U64Value {
  uint64_t v = 0;
};
void EncodeTo(Encoder& e, const U64Value& v) { e.U64(v.v); }
Status DecodeFrom(Decoder& d, U64Value* out) { return d.U64(&out->v); }

Result<std::vector<ContractId>> GetIds(const StateReader& state, const Bytes& key) {
  TF_ASSIGN_OR_RETURN(std::optional<IdList> list, GetDecoded<IdList>(state, key));
  if (!list) return std::vector<ContractId>();
  return std::move(list->ids);
}

void PutIds(StateOverlay& state, const Bytes& key, const std::vector<ContractId>& ids) {
  if (ids.empty()) {
    state.Delete(key);
    return;
  }
  Encoder e;
  EncodeIds(e, ids);
  state.Put(key, std::move(e).Take());
}

Result<std::optional<ContractId>> GetId(const StateReader& state, const Bytes& key) {
  TF_ASSIGN_OR_RETURN(std::optional<U64Value> v, GetDecoded<U64Value>(state, key));
  if (!v) return std::optional<ContractId>();
  return std::optional<ContractId>(v->v);
}

Bytes DeploymentKey(NodeId node, const chain::Hash256& hash) {
  Bytes key = Key(kDeployment, node, 4);
  key.insert(key.end(), hash.bytes.begin(), hash.bytes.end());
  return key;
}

Bytes NameKey(std::string_view name) {
  Bytes key = Key(kName);
  key.insert(key.end(), name.begin(), name.end());
  return key;
}

}  // namespace

void EncodeTo(Encoder& e, const ContractRecord& v) {
  e.U64(v.id);
  e.U32(v.twin_id);
  chain::EncodeTo(e, v.kind);
  chain::EncodeTo(e, v.state);
  chain::EncodeTo(e, v.reason);
  e.U64(v.grace_since_ms);
  e.U32(v.node_id);
  chain::EncodeTo(e, v.resources);
  chain::EncodeVector(e, v.ips);
  e.Fixed(v.deployment_hash);
  e.Blob(v.deployment_data);
  e.U8(v.solution_provider_id ? 1 : 0);
  if (v.solution_provider_id) e.U32(*v.solution_provider_id);
  chain::EncodeTo(e, v.name);
  chain::EncodeTo(e, v.ack);
  chain::EncodeTo(e, v.ack_message);
  for (uint64_t x : {v.created_height, v.created_ms, v.updated_ms, v.billed_until_ms, v.uptime_base_ms,
                     v.billed_up_ms, v.unbilled_nu_bytes, v.overdue, v.hourly_micro, v.total_paid}) {
    e.U64(x);
  }
  chain::EncodeTo(e, v.used);
  e.U64(v.last_resources_report_ms);
  e.U64(v.last_network_report_ms);
  e.U64(v.deleted_ms);
}

Status DecodeFrom(Decoder& d, ContractRecord* out) {
  TF_RETURN_IF_ERROR(d.U64(&out->id));
  TF_RETURN_IF_ERROR(d.U32(&out->twin_id));
  TF_RETURN_IF_ERROR(chain::DecodeFrom(d, &out->kind));
  TF_RETURN_IF_ERROR(chain::DecodeFrom(d, &out->state));
  TF_RETURN_IF_ERROR(chain::DecodeFrom(d, &out->reason));
  TF_RETURN_IF_ERROR(d.U64(&out->grace_since_ms));
  TF_RETURN_IF_ERROR(d.U32(&out->node_id));
  TF_RETURN_IF_ERROR(chain::DecodeFrom(d, &out->resources));
  TF_RETURN_IF_ERROR(chain::DecodeVector(d, &out->ips, chain::kCodecMaxList));
  TF_RETURN_IF_ERROR(d.Fixed(&out->deployment_hash));
  TF_RETURN_IF_ERROR(d.Blob(&out->deployment_data, chain::kCodecMaxString));
  uint8_t tag;
  TF_RETURN_IF_ERROR(d.U8(&tag));
  if (tag > 1) return Status::InvalidArgument("decode-bad-tag", "option tag " + std::to_string(tag));
  out->solution_provider_id.reset();
  if (tag == 1) {
    uint32_t sp;
    TF_RETURN_IF_ERROR(d.U32(&sp));
    out->solution_provider_id = sp;
  }
  TF_RETURN_IF_ERROR(chain::DecodeFrom(d, &out->name));
  TF_RETURN_IF_ERROR(chain::DecodeFrom(d, &out->ack));
  TF_RETURN_IF_ERROR(chain::DecodeFrom(d, &out->ack_message));
  for (uint64_t* x : {&out->created_height, &out->created_ms, &out->updated_ms, &out->billed_until_ms,
                      &out->uptime_base_ms, &out->billed_up_ms, &out->unbilled_nu_bytes, &out->overdue,
                      &out->hourly_micro, &out->total_paid}) {
    TF_RETURN_IF_ERROR(d.U64(x));
  }
  TF_RETURN_IF_ERROR(chain::DecodeFrom(d, &out->used));
  TF_RETURN_IF_ERROR(d.U64(&out->last_resources_report_ms));
  TF_RETURN_IF_ERROR(d.U64(&out->last_network_report_ms));
  return d.U64(&out->deleted_ms);
}

void EncodeTo(Encoder& e, const NodeContracts& v) {
  EncodeIds(e, v.node_contracts);
  e.U64(v.rent_contract_id);
  e.U32(v.renter_twin_id);
}
Status DecodeFrom(Decoder& d, NodeContracts* out) {
  TF_RETURN_IF_ERROR(DecodeIds(d, &out->node_contracts));
  TF_RETURN_IF_ERROR(d.U64(&out->rent_contract_id));
  return d.U32(&out->renter_twin_id);
}

void EncodeTo(Encoder& e, const TwinBilling& v) {
  e.U64(v.hourly_micro);
  e.U64(v.live_contracts);
}
Status DecodeFrom(Decoder& d, TwinBilling* out) {
  TF_RETURN_IF_ERROR(d.U64(&out->hourly_micro));
  return d.U64(&out->live_contracts);
}

void EncodeTo(Encoder& e, const MarketCounters& v) {
  e.U64(v.next_contract_id);
  e.U64(v.next_service_id);
}
Status DecodeFrom(Decoder& d, MarketCounters* out) {
  TF_RETURN_IF_ERROR(d.U64(&out->next_contract_id));
  return d.U64(&out->next_service_id);
}

void EncodeTo(Encoder& e, const ServiceContractRecord& v) {
  e.U64(v.id);
  e.U32(v.service_twin_id);
  e.U32(v.consumer_twin_id);
  chain::EncodeTo(e, v.metadata);
  e.U64(v.base_fee_musd);
  e.U64(v.variable_fee_musd);
  e.Bool(v.accepted_by_service);
  e.Bool(v.accepted_by_consumer);
  e.U64(v.last_bill_ms);
  e.U64(v.created_ms);
}
Status DecodeFrom(Decoder& d, ServiceContractRecord* out) {
  TF_RETURN_IF_ERROR(d.U64(&out->id));
  TF_RETURN_IF_ERROR(d.U32(&out->service_twin_id));
  TF_RETURN_IF_ERROR(d.U32(&out->consumer_twin_id));
  TF_RETURN_IF_ERROR(chain::DecodeFrom(d, &out->metadata));
  TF_RETURN_IF_ERROR(d.U64(&out->base_fee_musd));
  TF_RETURN_IF_ERROR(d.U64(&out->variable_fee_musd));
  TF_RETURN_IF_ERROR(d.Bool(&out->accepted_by_service));
  TF_RETURN_IF_ERROR(d.Bool(&out->accepted_by_consumer));
  TF_RETURN_IF_ERROR(d.U64(&out->last_bill_ms));
  return d.U64(&out->created_ms);
}

void InsertSortedId(std::vector<ContractId>* ids, ContractId id) {
  auto it = std::lower_bound(ids->begin(), ids->end(), id);
  if (it == ids->end() || *it != id) ids->insert(it, id);
}

void EraseSortedId(std::vector<ContractId>* ids, ContractId id) {
  auto it = std::lower_bound(ids->begin(), ids->end(), id);
  if (it != ids->end() && *it == id) ids->erase(it);
}

Bytes MarketState::ContractKey(ContractId id) { return Key(kContract, id, 8); }
Bytes MarketState::ServiceKey(ServiceContractId id) { return Key(kService, id, 8); }

Result<MarketCounters> MarketState::GetCounters(const StateReader& state) {
  TF_ASSIGN_OR_RETURN(std::optional<MarketCounters> c, GetDecoded<MarketCounters>(state, Key(kCounters)));
  return c.value_or(MarketCounters{});
}
void MarketState::PutCounters(StateOverlay& state, const MarketCounters& counters) {
  PutEncoded(state, Key(kCounters), counters);
}

Result<std::optional<ContractRecord>> MarketState::GetContract(const StateReader& state, ContractId id) {
  return GetDecoded<ContractRecord>(state, ContractKey(id));
}
void MarketState::PutContract(StateOverlay& state, const ContractRecord& contract) {
  PutEncoded(state, ContractKey(contract.id), contract);
}

Result<NodeContracts> MarketState::GetNodeContracts(const StateReader& state, NodeId node) {
  TF_ASSIGN_OR_RETURN(std::optional<NodeContracts> c, GetDecoded<NodeContracts>(state, Key(kNodeContracts, node, 4)));
  return c.value_or(NodeContracts{});
}
void MarketState::PutNodeContracts(StateOverlay& state, NodeId node, const NodeContracts& contracts) {
  if (contracts.empty()) {
    state.Delete(Key(kNodeContracts, node, 4));
  } else {
    PutEncoded(state, Key(kNodeContracts, node, 4), contracts);
  }
}

Result<std::optional<ContractId>> MarketState::GetDeployment(const StateReader& state, NodeId node,
                                                             const chain::Hash256& hash) {
  return GetId(state, DeploymentKey(node, hash));
}
void MarketState::PutDeployment(StateOverlay& state, NodeId node, const chain::Hash256& hash, ContractId id) {
  PutEncoded(state, DeploymentKey(node, hash), U64Value{id});
}
void MarketState::DeleteDeployment(StateOverlay& state, NodeId node, const chain::Hash256& hash) {
  state.Delete(DeploymentKey(node, hash));
}

Result<std::optional<ContractId>> MarketState::GetNameOwner(const StateReader& state, std::string_view name) {
  return GetId(state, NameKey(name));
}
void MarketState::PutNameOwner(StateOverlay& state, std::string_view name, ContractId id) {
  PutEncoded(state, NameKey(name), U64Value{id});
}
void MarketState::DeleteNameOwner(StateOverlay& state, std::string_view name) { state.Delete(NameKey(name)); }

Result<std::vector<ContractId>> MarketState::GetBucket(const StateReader& state, uint64_t bucket) {
  return GetIds(state, Key(kBucket, bucket, 8));
}
void MarketState::PutBucket(StateOverlay& state, uint64_t bucket, const std::vector<ContractId>& ids) {
  PutIds(state, Key(kBucket, bucket, 8), ids);
}

Result<TwinBilling> MarketState::GetTwinBilling(const StateReader& state, TwinId twin) {
  TF_ASSIGN_OR_RETURN(std::optional<TwinBilling> b, GetDecoded<TwinBilling>(state, Key(kTwinBilling, twin, 4)));
  return b.value_or(TwinBilling{});
}
void MarketState::PutTwinBilling(StateOverlay& state, TwinId twin, const TwinBilling& billing) {
  if (billing == TwinBilling{}) {
    state.Delete(Key(kTwinBilling, twin, 4));
  } else {
    PutEncoded(state, Key(kTwinBilling, twin, 4), billing);
  }
}

Result<std::vector<ContractId>> MarketState::GetAckDeadlines(const StateReader& state, uint64_t height) {
  return GetIds(state, Key(kAckDeadline, height, 8));
}
void MarketState::PutAckDeadlines(StateOverlay& state, uint64_t height, const std::vector<ContractId>& ids) {
  PutIds(state, Key(kAckDeadline, height, 8), ids);
}

Result<uint64_t> MarketState::GetNodeExtraFee(const StateReader& state, NodeId node) {
  TF_ASSIGN_OR_RETURN(std::optional<U64Value> v, GetDecoded<U64Value>(state, Key(kExtraFee, node, 4)));
  return v ? v->v : uint64_t{0};
}
void MarketState::PutNodeExtraFee(StateOverlay& state, NodeId node, uint64_t fee_musd_per_month) {
  if (fee_musd_per_month == 0) {
    state.Delete(Key(kExtraFee, node, 4));
  } else {
    PutEncoded(state, Key(kExtraFee, node, 4), U64Value{fee_musd_per_month});
  }
}

Result<std::optional<ServiceContractRecord>> MarketState::GetServiceContract(const StateReader& state,
                                                                             ServiceContractId id) {
  return GetDecoded<ServiceContractRecord>(state, ServiceKey(id));
}
void MarketState::PutServiceContract(StateOverlay& state, const ServiceContractRecord& contract) {
  PutEncoded(state, ServiceKey(contract.id), contract);
}
void MarketState::DeleteServiceContract(StateOverlay& state, ServiceContractId id) { state.Delete(ServiceKey(id)); }

}  // namespace tfchain::contracts
