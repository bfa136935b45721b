#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <vector>

#include "chain/account_id.h"
#include "chain/codec.h"
#include "chain/grid_types.h"
#include "contracts/directory_state.h"
#include "contracts/state.h"

namespace tfchain::contracts {

// Policies and grid parameters in the state: pricing and farming policies, the grid
// and governance parameters (genesis values, replaced by governance) and the
// certifier set. Layout in policy_state.cpp and docs/directory.md. Readers fail only
// with the StateReader's errors or "state-corrupt". Thread-compatible.

// Module prefix of policy keys.
inline constexpr uint8_t kStatePrefixPolicy = 0x04;

// Key prefixes for prefix scans: the prefix followed by a big-endian u32 policy id.
inline constexpr std::array<uint8_t, 2> kPricingPolicyPrefix = {kStatePrefixPolicy, 0x01};
inline constexpr std::array<uint8_t, 2> kFarmingPolicyPrefix = {kStatePrefixPolicy, 0x02};

// Bound of the certifier set (one state value).
inline constexpr size_t kMaxCertifiers = 256;

// How many policies of each kind exist: their ids are 1..count.
struct PolicyCounts {
  uint32_t pricing = 0;
  uint32_t farming = 0;
  bool operator==(const PolicyCounts&) const = default;
};
void EncodeTo(chain::Encoder& e, const PolicyCounts& v);
Status DecodeFrom(chain::Decoder& d, PolicyCounts* out);

class PolicyState {
 public:
  // 0x04 0x01 || id -> PricingPolicy.
  static Result<std::optional<chain::PricingPolicy>> GetPricingPolicy(const StateReader& state, PolicyId id);
  // Writes `policy` under policy.id, which must be 1..count+1 (a programming error
  // otherwise: callers assign ids); count+1 adds a policy and bumps the count.
  static Status PutPricingPolicy(StateOverlay& state, const chain::PricingPolicy& policy);
  static Result<uint32_t> GetPricingPolicyCount(const StateReader& state);

  // 0x04 0x02 || id -> FarmingPolicy. Same id rule as PutPricingPolicy.
  static Result<std::optional<chain::FarmingPolicy>> GetFarmingPolicy(const StateReader& state, PolicyId id);
  static Status PutFarmingPolicy(StateOverlay& state, const chain::FarmingPolicy& policy);
  static Result<uint32_t> GetFarmingPolicyCount(const StateReader& state);

  // 0x04 0x06 -> PolicyCounts (absent = none).
  static Result<PolicyCounts> GetCounts(const StateReader& state);

  // 0x04 0x03 -> GridParams; absent (a state that never ran InitGenesis) = the
  // struct defaults.
  static Result<chain::GridParams> GetGridParams(const StateReader& state);
  static void PutGridParams(StateOverlay& state, const chain::GridParams& params);

  // 0x04 0x04 -> GovernanceParams; absent = the struct defaults.
  static Result<chain::GovernanceParams> GetGovernanceParams(const StateReader& state);
  static void PutGovernanceParams(StateOverlay& state, const chain::GovernanceParams& params);

  // 0x04 0x05 -> the certifier accounts, sorted ascending, no duplicates (absent =
  // none). PutCertifiers sorts and de-duplicates; at most kMaxCertifiers (a
  // programming error otherwise: governance checks the bound).
  static Result<std::vector<AccountId>> GetCertifiers(const StateReader& state);
  static void PutCertifiers(StateOverlay& state, std::vector<AccountId> certifiers);
  static Result<bool> IsCertifier(const StateReader& state, const AccountId& account);

  // Policy record keys, for proofs.
  static chain::Bytes PricingPolicyKey(PolicyId id);
  static chain::Bytes FarmingPolicyKey(PolicyId id);
};

// The farming policy that applies to `node` in `farm`: among the default farming
// policies, the one with the highest id whose node_certification <= the node's and
// farm_certification <= the farm's (enum order: kDiy < kCertified, kNotCertified <
// kGold). Fails with NotFound "no-farming-policy" when none qualifies (genesis and
// governance keep a default diy / not-certified policy, so this is not expected),
// or with a state read error.
Result<chain::FarmingPolicy> FarmingPolicyFor(const StateReader& state, const NodeRecord& node, const FarmRecord& farm);
// Whether `policy` is a default policy a node with these certifications qualifies for
// (the test FarmingPolicyFor applies to each policy, highest id first). Pure.
bool QualifiesFor(const chain::FarmingPolicy& policy, chain::NodeCertification node,
                  chain::FarmCertification farm);

}  // namespace tfchain::contracts
