// Governance action wire format (types in grid_types.cpp):
//   action := u8 tag  fields
//   set-tft-price          0 := tft_price_musd:u64
//   set-pricing-policy     1 := policy:PricingPolicy
//   set-farming-policy     2 := policy:FarmingPolicy
//   set-certifier          3 := account:fixed[32] member:bool
//   set-grid-params        4 := params:GridParams
//   set-governance-params  5 := params:GovernanceParams
//   approve-solution-provider 6 := provider_id:u32 approved:bool
#include "chain/gov_action.h"

#include <type_traits>
#include <utility>

namespace tfchain::chain {
namespace {

template <size_t I = 0>
constexpr bool TagsMatchIndexes() {
  if constexpr (I == std::variant_size_v<GovAction>) {
    return true;
  } else {
    return std::variant_alternative_t<I, GovAction>::kTag == I && TagsMatchIndexes<I + 1>();
  }
}
static_assert(TagsMatchIndexes(), "GovAction alternatives must be in tag order");

void EncodeFields(Encoder& e, const SetTftPriceAction& a) { e.U64(a.tft_price_musd); }
Status DecodeFields(Decoder& d, SetTftPriceAction* a) { return d.U64(&a->tft_price_musd); }
void EncodeFields(Encoder& e, const SetPricingPolicyAction& a) { EncodeTo(e, a.policy); }
Status DecodeFields(Decoder& d, SetPricingPolicyAction* a) { return DecodeFrom(d, &a->policy); }
void EncodeFields(Encoder& e, const SetFarmingPolicyAction& a) { EncodeTo(e, a.policy); }
Status DecodeFields(Decoder& d, SetFarmingPolicyAction* a) { return DecodeFrom(d, &a->policy); }
void EncodeFields(Encoder& e, const SetCertifierAction& a) {
  e.Fixed(a.account);
  e.Bool(a.member);
}
Status DecodeFields(Decoder& d, SetCertifierAction* a) {
  TF_RETURN_IF_ERROR(d.Fixed(&a->account));
  return d.Bool(&a->member);
}
void EncodeFields(Encoder& e, const SetGridParamsAction& a) { EncodeTo(e, a.params); }
Status DecodeFields(Decoder& d, SetGridParamsAction* a) { return DecodeFrom(d, &a->params); }
void EncodeFields(Encoder& e, const SetGovernanceParamsAction& a) { EncodeTo(e, a.params); }
Status DecodeFields(Decoder& d, SetGovernanceParamsAction* a) { return DecodeFrom(d, &a->params); }
void EncodeFields(Encoder& e, const ApproveSolutionProviderAction& a) {
  e.U32(a.provider_id);
  e.Bool(a.approved);
}
Status DecodeFields(Decoder& d, ApproveSolutionProviderAction* a) {
  TF_RETURN_IF_ERROR(d.U32(&a->provider_id));
  return d.Bool(&a->approved);
}

template <size_t I = 0>
Status DecodeAlternative(Decoder& d, uint8_t tag, GovAction* out) {
  if constexpr (I == std::variant_size_v<GovAction>) {
    return Status::InvalidArgument("decode-bad-tag", "unknown governance action " + std::to_string(tag));
  } else {
    if (tag != I) return DecodeAlternative<I + 1>(d, tag, out);
    std::variant_alternative_t<I, GovAction> action{};
    TF_RETURN_IF_ERROR(DecodeFields(d, &action));
    *out = std::move(action);
    return Status::Ok();
  }
}

}  // namespace

std::string_view GovActionName(const GovAction& action) {
  return std::visit([](const auto& a) { return std::decay_t<decltype(a)>::kName; }, action);
}

void EncodeTo(Encoder& e, const GovAction& action) {
  std::visit(
      [&](const auto& a) {
        e.U8(std::decay_t<decltype(a)>::kTag);
        EncodeFields(e, a);
      },
      action);
}

Status DecodeFrom(Decoder& d, GovAction* out) {
  uint8_t tag;
  TF_RETURN_IF_ERROR(d.U8(&tag));
  return DecodeAlternative(d, tag, out);
}

}  // namespace tfchain::chain
