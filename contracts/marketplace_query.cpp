// Marketplace read-only queries for RPC: contract_estimateCost and
// contract_fundedUntil. Rules in marketplace.h and docs/marketplace.md.
#include "contracts/balances.h"
#include "contracts/marketplace.h"
#include "contracts/marketplace_internal.h"
#include "contracts/policy_state.h"

namespace tfchain::contracts {
namespace {

using market_internal::Invalid;

Result<TwinRecord> RequireTwinId(const StateReader& state, TwinId id) {
  TF_ASSIGN_OR_RETURN(std::optional<TwinRecord> twin, DirectoryState::GetTwin(state, id));
  if (!twin) return Invalid("no-twin", "twin " + std::to_string(id) + " does not exist");
  return std::move(*twin);
}

}  // namespace

Result<CostEstimate> Marketplace::EstimateCost(const StateReader& state, const CostRequest& request,
                                               uint64_t /*now_ms*/) const {
  market_internal::BillingContext ctx(state, billing_);
  ContractRecord c;
  c.kind = request.kind;
  c.node_id = request.node_id;
  c.resources = request.resources;
  c.ips.resize(request.kind == ContractKind::kNode ? request.public_ips : 0);
  const market_internal::NodeInfo* node = nullptr;
  if (request.kind != ContractKind::kName) {
    TF_ASSIGN_OR_RETURN(node, ctx.Node(request.node_id));
    if (node == nullptr) return Invalid("no-node", "node " + std::to_string(request.node_id) + " does not exist");
  }
  // A node contract on a node the twin rents pays only IPs and network.
  market_internal::NodeInfo own_view;
  if (node != nullptr && node->rent_contract_id != 0 && (!request.twin || *request.twin != node->renter_twin_id)) {
    own_view = *node;
    own_view.rent_contract_id = 0;
    node = &own_view;
  }
  TF_ASSIGN_OR_RETURN(market_internal::Pricing pricing, market_internal::PricingOf(ctx, c, node));
  TF_ASSIGN_OR_RETURN(const chain::GridParams* grid, ctx.Grid());
  CostEstimate out;
  out.hourly_micro = TotalMicro(pricing.hourly);
  out.tft_price_musd = grid->tft_price_musd;
  if (request.twin) {
    TF_ASSIGN_OR_RETURN(TwinRecord twin, RequireTwinId(state, *request.twin));
    TF_ASSIGN_OR_RETURN(AccountData account, Balances::GetAccount(state, twin.account));
    TF_ASSIGN_OR_RETURN(TwinBilling billing, MarketState::GetTwinBilling(state, twin.id));
    out.discount_percent = DiscountPercent(
        account.free, market_internal::SaturatingAdd(billing.hourly_micro, out.hourly_micro), grid->tft_price_musd);
  }
  const uint64_t hour = kPricingHourMs;
  const uint64_t month = kPricingHourMs * kPricingHoursPerMonth;
  out.per_hour = ChargeOf(CostOver(pricing.hourly, *pricing.policy, hour, hour, 0, false), out.discount_percent,
                          grid->tft_price_musd)
                     .amount;
  out.per_month = ChargeOf(CostOver(pricing.hourly, *pricing.policy, month, month, 0, false), out.discount_percent,
                           grid->tft_price_musd)
                      .amount;
  return out;
}

Result<FundedUntil> Marketplace::GetFundedUntil(const StateReader& state, TwinId twin_id, uint64_t now_ms) const {
  TF_ASSIGN_OR_RETURN(TwinRecord twin, RequireTwinId(state, twin_id));
  TF_ASSIGN_OR_RETURN(AccountData account, Balances::GetAccount(state, twin.account));
  TF_ASSIGN_OR_RETURN(TwinBilling billing, MarketState::GetTwinBilling(state, twin.id));
  TF_ASSIGN_OR_RETURN(chain::GridParams grid, PolicyState::GetGridParams(state));
  FundedUntil out;
  out.twin = twin.id;
  out.balance = account.free;
  out.hourly_micro = billing.hourly_micro;
  out.per_hour = MicroToUnits(billing.hourly_micro, grid.tft_price_musd);
  if (billing.hourly_micro == 0) return out;
  // Hours of cover = balance · 1000·P / hourly_micro; in ms, floored, saturating.
  using u128 = unsigned __int128;
  const u128 value_micro_over_1000 = static_cast<u128>(account.free) * grid.tft_price_musd;  // < 2^128
  const u128 kScale = u128{1000} * kPricingHourMs;
  const u128 max_before_scale = ~u128{0} / kScale;
  uint64_t cover_ms = UINT64_MAX;
  if (value_micro_over_1000 <= max_before_scale) {
    const u128 ms = value_micro_over_1000 * kScale / billing.hourly_micro;
    if (ms < UINT64_MAX) cover_ms = static_cast<uint64_t>(ms);
  }
  out.funded_until_ms = market_internal::SaturatingAdd(now_ms, cover_ms);
  return out;
}

}  // namespace tfchain::contracts
