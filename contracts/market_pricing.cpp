// Marketplace pricing formulas (market_pricing.h, docs/billing.md). Integer only: every
// product is formed in unsigned __int128 and every quotient is a floor.
#include "contracts/market_pricing.h"

#include <algorithm>
#include <array>

namespace tfchain::contracts {
namespace {

using u128 = unsigned __int128;

constexpr u128 kU128Max = ~u128{0};

uint64_t Saturate(u128 v) { return v > UINT64_MAX ? UINT64_MAX : static_cast<uint64_t>(v); }

u128 AddSaturating(u128 a, u128 b) { return a > kU128Max - b ? kU128Max : a + b; }

// floor(a · b / c) for c > 0, saturating at UINT64_MAX; never overflows.
uint64_t MulDiv(u128 a, uint64_t b, uint64_t c) {
  if (b == 0) return 0;
  const u128 q = a / c;
  const u128 r = a % c;  // r · b < c · 2^64 <= 2^128
  if (q > UINT64_MAX) return UINT64_MAX;
  const u128 whole = q * b;  // both < 2^64
  if (whole > UINT64_MAX) return UINT64_MAX;
  return Saturate(whole + r * b / c);
}

uint64_t Percent(uint8_t p) { return std::min<uint64_t>(p, 100); }

}  // namespace

ComputeUnits UnitsOf(const chain::Resources& r) {
  const u128 cru = static_cast<u128>(r.cru) * kPricingMicro;
  const u128 mru = static_cast<u128>(r.mru) * kPricingMicro;
  const u128 g = kPricingGiB;
  // floor is monotone, so floor(min(max(..))) == min(max(floor ..)): each term is floored.
  const u128 a = std::max(cru / 2, mru / (4 * g));
  const u128 b = std::max(cru, mru / (8 * g));
  const u128 c = std::max(cru / 4, mru / (2 * g));
  // hru/1200 + sru/200 = (hru + 6·sru) / 1200, in GB.
  const u128 su = (static_cast<u128>(r.hru) + static_cast<u128>(r.sru) * 6) * kPricingMicro / (1200 * g);
  return ComputeUnits{Saturate(std::min({a, b, c})), Saturate(su)};
}

HourlyCost HourlyCostOf(const CostInputs& in, const chain::PricingPolicy& policy) {
  const ComputeUnits units = UnitsOf(in.resources);
  const u128 base = AddSaturating(static_cast<u128>(units.cu_micro) * policy.cu,
                                  static_cast<u128>(units.su_micro) * policy.su);
  const uint64_t certified = MulDiv(base, in.certified ? 5 : 4, 4);
  HourlyCost h;
  h.cusu_micro = MulDiv(certified, 100 - Percent(in.dedicated_discount_percent), 100);
  h.ip_micro = MulDiv(static_cast<u128>(in.public_ips) * policy.ipu, kPricingMicro, 1);
  h.name_micro = in.name_contract ? MulDiv(policy.unique_name, kPricingMicro, 1) : 0;
  // 1 mUSD = 10^10 micro; a month is 720 hours.
  h.extra_micro = MulDiv(in.extra_fee_musd_per_month, 10'000'000'000ull, kPricingHoursPerMonth);
  return h;
}

uint64_t TotalMicro(const HourlyCost& h) {
  u128 sum = static_cast<u128>(h.cusu_micro) + h.ip_micro;
  sum += h.name_micro;
  sum += h.extra_micro;
  return Saturate(sum);
}

IntervalCost CostOver(const HourlyCost& h, const chain::PricingPolicy& policy, uint64_t elapsed_ms,
                      uint64_t up_ms, uint64_t nu_bytes, bool grace) {
  IntervalCost c;
  c.ip_micro = MulDiv(h.ip_micro, elapsed_ms, kPricingHourMs);
  c.nu_micro = MulDiv(static_cast<u128>(nu_bytes) * policy.nu, kPricingMicro, kPricingGiB);
  if (grace) return c;
  c.cusu_micro = MulDiv(h.cusu_micro, up_ms, kPricingHourMs);
  c.name_micro = MulDiv(h.name_micro, elapsed_ms, kPricingHourMs);
  c.extra_micro = MulDiv(h.extra_micro, elapsed_ms, kPricingHourMs);
  return c;
}

uint8_t DiscountPercent(uint64_t balance, uint64_t twin_hourly_micro, uint64_t tft_price_musd) {
  if (twin_hourly_micro == 0) return 60;
  struct Tier {
    uint64_t months_num;  // months of cover = months_num / months_den
    uint64_t months_den;
    uint8_t percent;
  };
  static constexpr std::array<Tier, 4> kTiers = {{{18, 1, 60}, {6, 1, 40}, {3, 1, 30}, {3, 2, 20}}};
  // balance · 1000·P · den >= num · 720 · hourly  <=>  balance·P >= ceil(num·720·hourly / (1000·den)),
  // which keeps every operand below 2^128.
  const u128 cover = static_cast<u128>(balance) * tft_price_musd;
  for (const Tier& t : kTiers) {
    const u128 cost = static_cast<u128>(t.months_num) * kPricingHoursPerMonth * twin_hourly_micro;
    const u128 k = 1000 * static_cast<u128>(t.months_den);
    if (cover >= (cost + k - 1) / k) return t.percent;
  }
  return 0;
}

uint64_t MicroToUnits(unsigned __int128 micro, uint64_t tft_price_musd) {
  if (tft_price_musd == 0) return 0;
  return Saturate(micro / (static_cast<u128>(tft_price_musd) * 1000));
}

Charge ChargeOf(const IntervalCost& c, uint8_t discount_percent, uint64_t tft_price_musd) {
  u128 discountable = static_cast<u128>(c.cusu_micro) + c.ip_micro;
  discountable += c.nu_micro;
  discountable += c.name_micro;  // < 2^66
  const u128 discounted = discountable * (100 - Percent(discount_percent)) / 100;
  Charge charge;
  charge.amount = MicroToUnits(discounted + c.extra_micro, tft_price_musd);
  charge.extra_amount = MicroToUnits(c.extra_micro, tft_price_musd);
  return charge;
}

Split SplitPayment(uint64_t paid, uint64_t extra, const chain::BillingParams& params,
                   const std::vector<chain::SolutionProviderShare>& providers, bool has_farmer) {
  extra = std::min(extra, paid);
  const uint64_t base = paid - extra;
  uint64_t left = base;
  // floor(base · p / 100), capped by what is left of base.
  const auto take = [&](uint64_t percent) {
    const uint64_t part = std::min(Saturate(static_cast<u128>(base) * percent / 100), left);
    left -= part;
    return part;
  };
  Split s;
  const uint64_t farmer_base = take(params.farmer_percent);
  s.staking_pool = take(params.staking_pool_percent);
  s.burned = take(params.burn_percent);
  // `left` is now the foundation share F (plus the farmer's part when there is no farmer).
  if (has_farmer) {
    s.farmer = farmer_base + extra;
  } else {
    left += farmer_base + extra;  // <= paid
  }
  s.providers.reserve(providers.size());
  for (const chain::SolutionProviderShare& share : providers) {
    s.providers.push_back(chain::ProviderPayment{share.account, take(share.take_percent)});
  }
  s.foundation = left;
  return s;
}

uint64_t MusdToUnits(uint64_t musd, uint64_t tft_price_musd) {
  if (tft_price_musd == 0) return 0;
  return Saturate(static_cast<u128>(musd) * chain::kUnitsPerTft / tft_price_musd);
}

}  // namespace tfchain::contracts
