// Policy state layout (all keys start with 0x04, the policy prefix; policy ids are
// big-endian u32 so that a prefix scan returns policies in id order):
//   0x04 0x01 || id:u32be   := pricing_policy       (chain/grid_types.cpp)
//   0x04 0x02 || id:u32be   := farming_policy       (chain/grid_types.cpp)
//   0x04 0x03               := grid_params          (chain/grid_types.cpp)
//   0x04 0x04               := governance_params    (chain/grid_types.cpp)
//   0x04 0x05               := vec<fixed[32]>(<=256) certifiers, sorted ascending, unique
//   0x04 0x06               := counts
// with
//   counts := pricing:u32 farming:u32     (policy ids are 1..count)
// An empty certifier set is stored as an absent key.
#include "contracts/policy_state.h"

#include <algorithm>

namespace tfchain::contracts {
namespace {

using chain::Decoder;
using chain::Encoder;

enum Item : uint8_t {
  kPricingPolicy = 0x01,
  kFarmingPolicy = 0x02,
  kGridParams = 0x03,
  kGovernanceParams = 0x04,
  kCertifiers = 0x05,
  kCounts = 0x06,
};

chain::Bytes Key(Item item) { return chain::Bytes{kStatePrefixPolicy, item}; }

chain::Bytes IdKey(Item item, PolicyId id) {
  chain::Bytes key = Key(item);
  for (int shift = 24; shift >= 0; shift -= 8) key.push_back(static_cast<uint8_t>(id >> shift));
  return key;
}

struct AccountList {
  std::vector<AccountId> ids;
};
void EncodeTo(Encoder& e, const AccountList& v) { chain::EncodeVector(e, v.ids); }
Status DecodeFrom(Decoder& d, AccountList* out) { return chain::DecodeVector(d, &out->ids, kMaxCertifiers); }

void PutCounts(StateOverlay& state, const PolicyCounts& counts) { PutEncoded(state, Key(kCounts), counts); }

}  // namespace

void EncodeTo(Encoder& e, const PolicyCounts& v) {
  e.U32(v.pricing);
  e.U32(v.farming);
}
Status DecodeFrom(Decoder& d, PolicyCounts* out) {
  TF_RETURN_IF_ERROR(d.U32(&out->pricing));
  return d.U32(&out->farming);
}

Result<PolicyCounts> PolicyState::GetCounts(const StateReader& state) {
  TF_ASSIGN_OR_RETURN(std::optional<PolicyCounts> v, GetDecoded<PolicyCounts>(state, Key(kCounts)));
  return v ? *v : PolicyCounts{};
}

namespace {
// Writes a policy of either kind: an existing id (replace) or count + 1 (add).
template <typename Policy>
Status PutPolicy(StateOverlay& state, Item item, uint32_t PolicyCounts::*count, const Policy& policy) {
  TF_ASSIGN_OR_RETURN(PolicyCounts counts, PolicyState::GetCounts(state));
  CHECK(policy.id >= 1 && policy.id <= uint64_t{counts.*count} + 1);
  PutEncoded(state, IdKey(item, policy.id), policy);
  if (policy.id > counts.*count) {
    counts.*count = policy.id;
    PutCounts(state, counts);
  }
  return Status::Ok();
}
}  // namespace

Result<std::optional<chain::PricingPolicy>> PolicyState::GetPricingPolicy(const StateReader& state, PolicyId id) {
  return GetDecoded<chain::PricingPolicy>(state, IdKey(kPricingPolicy, id));
}

Status PolicyState::PutPricingPolicy(StateOverlay& state, const chain::PricingPolicy& policy) {
  return PutPolicy(state, kPricingPolicy, &PolicyCounts::pricing, policy);
}

Result<uint32_t> PolicyState::GetPricingPolicyCount(const StateReader& state) {
  TF_ASSIGN_OR_RETURN(PolicyCounts counts, GetCounts(state));
  return counts.pricing;
}

Result<std::optional<chain::FarmingPolicy>> PolicyState::GetFarmingPolicy(const StateReader& state, PolicyId id) {
  return GetDecoded<chain::FarmingPolicy>(state, IdKey(kFarmingPolicy, id));
}

Status PolicyState::PutFarmingPolicy(StateOverlay& state, const chain::FarmingPolicy& policy) {
  return PutPolicy(state, kFarmingPolicy, &PolicyCounts::farming, policy);
}

Result<uint32_t> PolicyState::GetFarmingPolicyCount(const StateReader& state) {
  TF_ASSIGN_OR_RETURN(PolicyCounts counts, GetCounts(state));
  return counts.farming;
}

Result<chain::GridParams> PolicyState::GetGridParams(const StateReader& state) {
  TF_ASSIGN_OR_RETURN(std::optional<chain::GridParams> v, GetDecoded<chain::GridParams>(state, Key(kGridParams)));
  return v ? *v : chain::GridParams{};
}

void PolicyState::PutGridParams(StateOverlay& state, const chain::GridParams& params) {
  PutEncoded(state, Key(kGridParams), params);
}

Result<chain::GovernanceParams> PolicyState::GetGovernanceParams(const StateReader& state) {
  TF_ASSIGN_OR_RETURN(std::optional<chain::GovernanceParams> v,
                      GetDecoded<chain::GovernanceParams>(state, Key(kGovernanceParams)));
  return v ? *v : chain::GovernanceParams{};
}

void PolicyState::PutGovernanceParams(StateOverlay& state, const chain::GovernanceParams& params) {
  PutEncoded(state, Key(kGovernanceParams), params);
}

Result<std::vector<AccountId>> PolicyState::GetCertifiers(const StateReader& state) {
  TF_ASSIGN_OR_RETURN(std::optional<AccountList> v, GetDecoded<AccountList>(state, Key(kCertifiers)));
  return v ? std::move(v->ids) : std::vector<AccountId>();
}

void PolicyState::PutCertifiers(StateOverlay& state, std::vector<AccountId> certifiers) {
  std::sort(certifiers.begin(), certifiers.end());
  certifiers.erase(std::unique(certifiers.begin(), certifiers.end()), certifiers.end());
  CHECK(certifiers.size() <= kMaxCertifiers);
  if (certifiers.empty()) {
    state.Delete(Key(kCertifiers));
  } else {
    PutEncoded(state, Key(kCertifiers), AccountList{std::move(certifiers)});
  }
}

Result<bool> PolicyState::IsCertifier(const StateReader& state, const AccountId& account) {
  TF_ASSIGN_OR_RETURN(std::vector<AccountId> certifiers, GetCertifiers(state));
  return std::binary_search(certifiers.begin(), certifiers.end(), account);
}

chain::Bytes PolicyState::PricingPolicyKey(PolicyId id) { return IdKey(kPricingPolicy, id); }
chain::Bytes PolicyState::FarmingPolicyKey(PolicyId id) { return IdKey(kFarmingPolicy, id); }

Result<chain::FarmingPolicy> FarmingPolicyFor(const StateReader& state, const NodeRecord& node,
                                              const FarmRecord& farm) {
  TF_ASSIGN_OR_RETURN(uint32_t count, PolicyState::GetFarmingPolicyCount(state));
  for (PolicyId id = count; id >= 1; --id) {
    TF_ASSIGN_OR_RETURN(std::optional<chain::FarmingPolicy> policy, PolicyState::GetFarmingPolicy(state, id));
    if (!policy) return Status::Corruption("state-corrupt", "missing farming policy " + std::to_string(id));
    if (QualifiesFor(*policy, node.certification, farm.certification)) return *std::move(policy);
  }
  return Status::NotFound("no-farming-policy", "no default farming policy fits node " + std::to_string(node.id));
}

bool QualifiesFor(const chain::FarmingPolicy& policy, chain::NodeCertification node,
                  chain::FarmCertification farm) {
  return policy.is_default && policy.node_certification <= node && policy.farm_certification <= farm;
}

}  // namespace tfchain::contracts
