// Directory state layout (all keys start with 0x03, the directory module prefix;
// ids are big-endian u32 so that a prefix scan returns records in id order):
//   0x03 0x00                        := counters
//   0x03 0x01 || twin_id:u32be       := twin_record
//   0x03 0x02 || account:fixed[32]   := twin_id:u32
//   0x03 0x03 || farm_id:u32be       := farm_record
//   0x03 0x04 || lower(name):bytes   := farm_id:u32
//   0x03 0x05 || address:bytes       := farm_id:u32     (canonical address, no /prefix)
//   0x03 0x06 || node_id:u32be       := node_record
//   0x03 0x07 || account:fixed[32]   := node_id:u32
// with (str = chain string codec, <= kCodecMaxString bytes; grid types as in
// chain/grid_types.cpp):
//   counters     := next_twin_id:u32 next_farm_id:u32 next_node_id:u32
//   twin_record  := id:u32 account:fixed[32] relay:str public_key:blob(<=4096)
//                   created_ms:u64
//   farm_ip      := ip:str gateway:str contract_id:u64
//   farm_record  := id:u32 name:str twin_id:u32 pricing_policy_id:u32
//                   certification:u8 dedicated:bool public_ips:vec<farm_ip>(<=512)
//                   created_ms:u64
//   node_record  := id:u32 farm_id:u32 twin_id:u32 account:fixed[32]
//                   resources reserved:resources location
//                   interfaces:vec<node_interface>(<=64) public_config:option<public_config>
//                   agent_endpoint:str virtualized:bool serial:option<str>
//                   certification:u8 power_target:u8 power_state:u8
//                   connection_price_musd:u64 created_ms:u64 updated_ms:u64
//   twin_id, farm_id, node_id (values) := u32 (little-endian, the codec's)
#include "contracts/directory_state.h"

namespace tfchain::contracts {
namespace {

using chain::Decoder;
using chain::Encoder;

enum Item : uint8_t {
  kCounters = 0x00,
  kTwin = 0x01,
  kTwinByAccount = 0x02,
  kFarm = 0x03,
  kFarmByName = 0x04,
  kFarmByIp = 0x05,
  kNode = 0x06,
  kNodeByAccount = 0x07,
};

chain::Bytes Key(Item item) { return chain::Bytes{kStatePrefixDirectory, item}; }

chain::Bytes IdKey(Item item, uint32_t id) {
  chain::Bytes key = Key(item);
  for (int shift = 24; shift >= 0; shift -= 8) key.push_back(static_cast<uint8_t>(id >> shift));
  return key;
}

chain::Bytes AccountKey(Item item, const AccountId& account) {
  chain::Bytes key = Key(item);
  key.insert(key.end(), account.bytes.begin(), account.bytes.end());
  return key;
}

chain::Bytes TextKey(Item item, std::string_view text) {
  chain::Bytes key = Key(item);
  key.insert(key.end(), text.begin(), text.end());
  return key;
}

// An id as a state value.
struct IdValue {
  uint32_t id = 0;
};
void EncodeTo(Encoder& e, const IdValue& v) { e.U32(v.id); }
Status DecodeFrom(Decoder& d, IdValue* out) { return d.U32(&out->id); }

Result<std::optional<uint32_t>> GetId(const StateReader& state, const chain::Bytes& key) {
  TF_ASSIGN_OR_RETURN(std::optional<IdValue> v, GetDecoded<IdValue>(state, key));
  if (!v) return std::optional<uint32_t>();
  return std::optional<uint32_t>(v->id);
}

// optional<std::string> through the chain string codec.
void EncodeOptionalString(Encoder& e, const std::optional<std::string>& v) { chain::EncodeOptional(e, v); }
Status DecodeOptionalString(Decoder& d, std::optional<std::string>* out) { return chain::DecodeOptional(d, out); }

}  // namespace

void EncodeTo(Encoder& e, const TwinRecord& v) {
  e.U32(v.id);
  e.Fixed(v.account);
  e.Str(v.relay);
  e.Blob(v.public_key);
  e.U64(v.created_ms);
}
Status DecodeFrom(Decoder& d, TwinRecord* out) {
  TF_RETURN_IF_ERROR(d.U32(&out->id));
  TF_RETURN_IF_ERROR(d.Fixed(&out->account));
  TF_RETURN_IF_ERROR(d.Str(&out->relay, chain::kCodecMaxString));
  TF_RETURN_IF_ERROR(d.Blob(&out->public_key, chain::kCodecMaxString));
  return d.U64(&out->created_ms);
}

void EncodeTo(Encoder& e, const FarmIp& v) {
  e.Str(v.ip);
  e.Str(v.gateway);
  e.U64(v.contract_id);
}
Status DecodeFrom(Decoder& d, FarmIp* out) {
  TF_RETURN_IF_ERROR(d.Str(&out->ip, chain::kCodecMaxString));
  TF_RETURN_IF_ERROR(d.Str(&out->gateway, chain::kCodecMaxString));
  return d.U64(&out->contract_id);
}

void EncodeTo(Encoder& e, const FarmRecord& v) {
  e.U32(v.id);
  e.Str(v.name);
  e.U32(v.twin_id);
  e.U32(v.pricing_policy_id);
  chain::EncodeTo(e, v.certification);
  e.Bool(v.dedicated);
  chain::EncodeVector(e, v.public_ips);
  e.U64(v.created_ms);
}
Status DecodeFrom(Decoder& d, FarmRecord* out) {
  TF_RETURN_IF_ERROR(d.U32(&out->id));
  TF_RETURN_IF_ERROR(d.Str(&out->name, chain::kCodecMaxString));
  TF_RETURN_IF_ERROR(d.U32(&out->twin_id));
  TF_RETURN_IF_ERROR(d.U32(&out->pricing_policy_id));
  TF_RETURN_IF_ERROR(chain::DecodeFrom(d, &out->certification));
  TF_RETURN_IF_ERROR(d.Bool(&out->dedicated));
  TF_RETURN_IF_ERROR(chain::DecodeVector(d, &out->public_ips, chain::kMaxFarmIps));
  return d.U64(&out->created_ms);
}

void EncodeTo(Encoder& e, const NodeRecord& v) {
  e.U32(v.id);
  e.U32(v.farm_id);
  e.U32(v.twin_id);
  e.Fixed(v.account);
  chain::EncodeTo(e, v.resources);
  chain::EncodeTo(e, v.reserved);
  chain::EncodeTo(e, v.location);
  chain::EncodeVector(e, v.interfaces);
  chain::EncodeOptional(e, v.public_config);
  e.Str(v.agent_endpoint);
  e.Bool(v.virtualized);
  EncodeOptionalString(e, v.serial);
  chain::EncodeTo(e, v.certification);
  chain::EncodeTo(e, v.power_target);
  chain::EncodeTo(e, v.power_state);
  e.U64(v.connection_price_musd);
  e.U64(v.created_ms);
  e.U64(v.updated_ms);
}
Status DecodeFrom(Decoder& d, NodeRecord* out) {
  TF_RETURN_IF_ERROR(d.U32(&out->id));
  TF_RETURN_IF_ERROR(d.U32(&out->farm_id));
  TF_RETURN_IF_ERROR(d.U32(&out->twin_id));
  TF_RETURN_IF_ERROR(d.Fixed(&out->account));
  TF_RETURN_IF_ERROR(chain::DecodeFrom(d, &out->resources));
  TF_RETURN_IF_ERROR(chain::DecodeFrom(d, &out->reserved));
  TF_RETURN_IF_ERROR(chain::DecodeFrom(d, &out->location));
  TF_RETURN_IF_ERROR(chain::DecodeVector(d, &out->interfaces, chain::kCodecMaxList));
  TF_RETURN_IF_ERROR(chain::DecodeOptional(d, &out->public_config));
  TF_RETURN_IF_ERROR(d.Str(&out->agent_endpoint, chain::kCodecMaxString));
  TF_RETURN_IF_ERROR(d.Bool(&out->virtualized));
  TF_RETURN_IF_ERROR(DecodeOptionalString(d, &out->serial));
  TF_RETURN_IF_ERROR(chain::DecodeFrom(d, &out->certification));
  TF_RETURN_IF_ERROR(chain::DecodeFrom(d, &out->power_target));
  TF_RETURN_IF_ERROR(chain::DecodeFrom(d, &out->power_state));
  TF_RETURN_IF_ERROR(d.U64(&out->connection_price_musd));
  TF_RETURN_IF_ERROR(d.U64(&out->created_ms));
  return d.U64(&out->updated_ms);
}

void EncodeTo(Encoder& e, const DirectoryCounters& v) {
  e.U32(v.next_twin_id);
  e.U32(v.next_farm_id);
  e.U32(v.next_node_id);
}
Status DecodeFrom(Decoder& d, DirectoryCounters* out) {
  TF_RETURN_IF_ERROR(d.U32(&out->next_twin_id));
  TF_RETURN_IF_ERROR(d.U32(&out->next_farm_id));
  return d.U32(&out->next_node_id);
}

std::string FarmNameKey(std::string_view name) {
  std::string out(name);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

Result<DirectoryCounters> DirectoryState::GetCounters(const StateReader& state) {
  TF_ASSIGN_OR_RETURN(std::optional<DirectoryCounters> v, GetDecoded<DirectoryCounters>(state, Key(kCounters)));
  return v ? *v : DirectoryCounters{};
}

void DirectoryState::PutCounters(StateOverlay& state, const DirectoryCounters& counters) {
  PutEncoded(state, Key(kCounters), counters);
}

Result<std::optional<TwinRecord>> DirectoryState::GetTwin(const StateReader& state, TwinId id) {
  return GetDecoded<TwinRecord>(state, IdKey(kTwin, id));
}

void DirectoryState::PutTwin(StateOverlay& state, const TwinRecord& twin) {
  PutEncoded(state, IdKey(kTwin, twin.id), twin);
}

Result<std::optional<TwinId>> DirectoryState::GetTwinIdByAccount(const StateReader& state, const AccountId& account) {
  return GetId(state, AccountKey(kTwinByAccount, account));
}

void DirectoryState::PutTwinIdByAccount(StateOverlay& state, const AccountId& account, TwinId id) {
  PutEncoded(state, AccountKey(kTwinByAccount, account), IdValue{id});
}

Result<std::optional<TwinRecord>> DirectoryState::GetTwinByAccount(const StateReader& state, const AccountId& account) {
  TF_ASSIGN_OR_RETURN(std::optional<TwinId> id, GetTwinIdByAccount(state, account));
  if (!id) return std::optional<TwinRecord>();
  TF_ASSIGN_OR_RETURN(std::optional<TwinRecord> twin, GetTwin(state, *id));
  if (!twin) return Status::Corruption("state-corrupt", "twin index names missing twin " + std::to_string(*id));
  return twin;
}

Result<std::optional<FarmRecord>> DirectoryState::GetFarm(const StateReader& state, FarmId id) {
  return GetDecoded<FarmRecord>(state, IdKey(kFarm, id));
}

void DirectoryState::PutFarm(StateOverlay& state, const FarmRecord& farm) {
  PutEncoded(state, IdKey(kFarm, farm.id), farm);
}

Result<std::optional<FarmId>> DirectoryState::GetFarmIdByName(const StateReader& state, std::string_view name) {
  return GetId(state, TextKey(kFarmByName, FarmNameKey(name)));
}

void DirectoryState::PutFarmIdByName(StateOverlay& state, std::string_view name, FarmId id) {
  PutEncoded(state, TextKey(kFarmByName, FarmNameKey(name)), IdValue{id});
}

void DirectoryState::DeleteFarmName(StateOverlay& state, std::string_view name) {
  state.Delete(TextKey(kFarmByName, FarmNameKey(name)));
}

Result<std::optional<FarmId>> DirectoryState::GetFarmIdByIp(const StateReader& state, std::string_view address) {
  return GetId(state, TextKey(kFarmByIp, address));
}

void DirectoryState::PutFarmIdByIp(StateOverlay& state, std::string_view address, FarmId id) {
  PutEncoded(state, TextKey(kFarmByIp, address), IdValue{id});
}

void DirectoryState::DeleteFarmIp(StateOverlay& state, std::string_view address) {
  state.Delete(TextKey(kFarmByIp, address));
}

Result<std::optional<NodeRecord>> DirectoryState::GetNode(const StateReader& state, NodeId id) {
  return GetDecoded<NodeRecord>(state, IdKey(kNode, id));
}

void DirectoryState::PutNode(StateOverlay& state, const NodeRecord& node) {
  PutEncoded(state, IdKey(kNode, node.id), node);
}

void DirectoryState::DeleteNode(StateOverlay& state, NodeId id) { state.Delete(IdKey(kNode, id)); }

Result<std::optional<NodeId>> DirectoryState::GetNodeIdByAccount(const StateReader& state, const AccountId& account) {
  return GetId(state, AccountKey(kNodeByAccount, account));
}

void DirectoryState::PutNodeIdByAccount(StateOverlay& state, const AccountId& account, NodeId id) {
  PutEncoded(state, AccountKey(kNodeByAccount, account), IdValue{id});
}

void DirectoryState::DeleteNodeIdByAccount(StateOverlay& state, const AccountId& account) {
  state.Delete(AccountKey(kNodeByAccount, account));
}

Result<std::optional<NodeRecord>> DirectoryState::GetNodeByAccount(const StateReader& state, const AccountId& account) {
  TF_ASSIGN_OR_RETURN(std::optional<NodeId> id, GetNodeIdByAccount(state, account));
  if (!id) return std::optional<NodeRecord>();
  TF_ASSIGN_OR_RETURN(std::optional<NodeRecord> node, GetNode(state, *id));
  if (!node) return Status::Corruption("state-corrupt", "node index names missing node " + std::to_string(*id));
  return node;
}

chain::Bytes DirectoryState::TwinKey(TwinId id) { return IdKey(kTwin, id); }
chain::Bytes DirectoryState::FarmKey(FarmId id) { return IdKey(kFarm, id); }
chain::Bytes DirectoryState::NodeKey(NodeId id) { return IdKey(kNode, id); }

}  // namespace tfchain::contracts
