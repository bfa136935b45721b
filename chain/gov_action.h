#pragma once

#include <cstdint>
#include <string_view>
#include <variant>

#include "chain/account_id.h"
#include "chain/codec.h"
#include "chain/grid_types.h"

namespace tfchain::chain {

// What a governance proposal changes when it is enacted (docs/governance.md). A tagged
// union: each action has a wire tag kTag (its index in GovAction) and a stable kind
// name kName. Wire format: u8 tag, then the action's fields (grammar in gov_action.cpp).
// The values are validated by the runtime at proposal and enactment time, not here.

// Sets GridParams::tft_price_musd.
struct SetTftPriceAction {
  static constexpr uint8_t kTag = 0;
  static constexpr std::string_view kName = "set-tft-price";
  uint64_t tft_price_musd = 0;
  bool operator==(const SetTftPriceAction&) const = default;
};

// Creates a pricing policy (policy.id == 0: the next id) or replaces policy.id.
struct SetPricingPolicyAction {
  static constexpr uint8_t kTag = 1;
  static constexpr std::string_view kName = "set-pricing-policy";
  PricingPolicy policy;
  bool operator==(const SetPricingPolicyAction&) const = default;
};

// Creates a farming policy (policy.id == 0: the next id) or replaces policy.id, which
// must not be immutable.
struct SetFarmingPolicyAction {
  static constexpr uint8_t kTag = 2;
  static constexpr std::string_view kName = "set-farming-policy";
  FarmingPolicy policy;
  bool operator==(const SetFarmingPolicyAction&) const = default;
};

// Adds `account` to the certifier set (member = true) or removes it.
struct SetCertifierAction {
  static constexpr uint8_t kTag = 3;
  static constexpr std::string_view kName = "set-certifier";
  AccountId account;
  bool member = false;
  bool operator==(const SetCertifierAction&) const = default;
};

// Replaces the grid parameters.
struct SetGridParamsAction {
  static constexpr uint8_t kTag = 4;
  static constexpr std::string_view kName = "set-grid-params";
  GridParams params;
  bool operator==(const SetGridParamsAction&) const = default;
};

// Replaces the governance parameters (from the next proposal on).
struct SetGovernanceParamsAction {
  static constexpr uint8_t kTag = 5;
  static constexpr std::string_view kName = "set-governance-params";
  GovernanceParams params;
  bool operator==(const SetGovernanceParamsAction&) const = default;
};

// Approves (approved = true) or revokes solution provider `provider_id`; contracts may
// only name approved providers.
struct ApproveSolutionProviderAction {
  static constexpr uint8_t kTag = 6;
  static constexpr std::string_view kName = "approve-solution-provider";
  uint32_t provider_id = 0;
  bool approved = false;
  bool operator==(const ApproveSolutionProviderAction&) const = default;
};

// Alternatives in tag order (checked in gov_action.cpp).
using GovAction = std::variant<SetTftPriceAction, SetPricingPolicyAction, SetFarmingPolicyAction, SetCertifierAction,
                               SetGridParamsAction, SetGovernanceParamsAction, ApproveSolutionProviderAction>;

// The action's kind name, e.g. "set-tft-price". Thread-safe.
std::string_view GovActionName(const GovAction& action);

void EncodeTo(Encoder& e, const GovAction& action);
// Errors: "decode-bad-tag" for an unknown tag, or a field's decode error.
Status DecodeFrom(Decoder& d, GovAction* out);

}  // namespace tfchain::chain
