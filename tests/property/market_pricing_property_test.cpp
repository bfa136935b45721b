// Marketplace pricing bounds (contracts/market_pricing.h) over random inputs:
//  - a payment's split always sums to what was paid, to the unit, and every provider
//    and the farmer get no more than their formula;
//  - a bill's amount never exceeds the exact rational cost (computed here without any
//    intermediate rounding) and is less than one unit (plus one micro) below it;
//  - the discount tier is monotone in the balance and agrees with the months-of-cover
//    formula written out directly;
//  - an interval's parts never exceed the exact prorated hourly cost.
#include <gtest/gtest.h>
#include <rapidcheck.h>
#include <rapidcheck/gtest.h>

#include <algorithm>
#include <vector>

#include "contracts/market_pricing.h"

namespace tfchain::contracts {
namespace {

using u128 = unsigned __int128;

chain::BillingParams RandomBillingParams() {
  chain::BillingParams p;
  // Four percents summing to 100.
  const uint8_t a = *rc::gen::inRange<uint8_t>(0, 101);
  const uint8_t b = *rc::gen::inRange<uint8_t>(0, static_cast<uint8_t>(101 - a));
  const uint8_t c = *rc::gen::inRange<uint8_t>(0, static_cast<uint8_t>(101 - a - b));
  p.farmer_percent = a;
  p.staking_pool_percent = b;
  p.burn_percent = c;
  p.foundation_percent = static_cast<uint8_t>(100 - a - b - c);
  return p;
}

std::vector<chain::SolutionProviderShare> RandomShares() {
  std::vector<chain::SolutionProviderShare> shares;
  const size_t n = *rc::gen::inRange<size_t>(0, chain::kMaxSolutionProviderShares + 1);
  int left = 50;  // takes sum to at most 50%
  for (size_t i = 0; i < n; ++i) {
    chain::SolutionProviderShare s;
    s.account.bytes[0] = static_cast<uint8_t>(i + 1);
    s.take_percent = static_cast<uint8_t>(*rc::gen::inRange(0, left + 1));
    left -= s.take_percent;
    shares.push_back(s);
  }
  return shares;
}

uint64_t AnyAmount() {
  return *rc::gen::oneOf(rc::gen::inRange<uint64_t>(0, 10'000), rc::gen::arbitrary<uint64_t>(),
                         rc::gen::element<uint64_t>(UINT64_MAX, UINT64_MAX - 1));
}

RC_GTEST_PROP(MarketPricingProperty, SplitSumsToPaid, ()) {
  const uint64_t paid = AnyAmount();
  const uint64_t extra = *rc::gen::inRange<uint64_t>(0, 3) == 0 ? AnyAmount() : paid / 4;
  const chain::BillingParams params = RandomBillingParams();
  const std::vector<chain::SolutionProviderShare> shares = RandomShares();
  const bool has_farmer = *rc::gen::arbitrary<bool>();
  const Split s = SplitPayment(paid, extra, params, shares, has_farmer);

  u128 sum = static_cast<u128>(s.farmer) + s.staking_pool + s.foundation + s.burned;
  RC_ASSERT(s.providers.size() == shares.size());
  const uint64_t base = paid - std::min(extra, paid);
  for (size_t i = 0; i < shares.size(); ++i) {
    RC_ASSERT(s.providers[i].account == shares[i].account);
    RC_ASSERT(static_cast<u128>(s.providers[i].amount) <= static_cast<u128>(base) * shares[i].take_percent / 100);
    sum += s.providers[i].amount;
  }
  RC_ASSERT(sum == static_cast<u128>(paid));
  if (has_farmer) {
    RC_ASSERT(s.farmer == static_cast<uint64_t>(static_cast<u128>(base) * params.farmer_percent / 100) +
                              std::min(extra, paid));
  } else {
    RC_ASSERT(s.farmer == 0u);
  }
  RC_ASSERT(s.staking_pool == static_cast<uint64_t>(static_cast<u128>(base) * params.staking_pool_percent / 100));
  RC_ASSERT(s.burned == static_cast<uint64_t>(static_cast<u128>(base) * params.burn_percent / 100));
}

RC_GTEST_PROP(MarketPricingProperty, ChargeNeverExceedsTheExactCost, ()) {
  IntervalCost c;
  c.cusu_micro = AnyAmount();
  c.ip_micro = AnyAmount();
  c.nu_micro = AnyAmount();
  c.name_micro = AnyAmount();
  c.extra_micro = AnyAmount();
  const uint8_t discount = *rc::gen::element<uint8_t>(0, 20, 30, 40, 60);
  const uint64_t price = *rc::gen::inRange<uint64_t>(1, uint64_t{1} << 32);
  const Charge charge = ChargeOf(c, discount, price);

  // Exact cost in units = N / D with N = (sum·(100 − d) + 100·extra), D = 100·1000·P.
  const u128 sum = static_cast<u128>(c.cusu_micro) + c.ip_micro + c.nu_micro + c.name_micro;  // < 2^66
  const u128 n = sum * (100 - discount) + static_cast<u128>(c.extra_micro) * 100;              // < 2^73
  const u128 d = static_cast<u128>(100'000) * price;                                           // < 2^49
  RC_ASSERT(static_cast<u128>(charge.amount) * d <= n);  // amount < 2^66 / 1000, product < 2^106
  // Two floors (the discount's, worth < 1 micro, and the conversion's): less than one unit
  // plus one micro below the exact cost.
  RC_ASSERT(n < (static_cast<u128>(charge.amount) + 1) * d + 100);
  RC_ASSERT(charge.extra_amount <= charge.amount);
  RC_ASSERT(static_cast<u128>(charge.extra_amount) * 1000 * price <= c.extra_micro);
  RC_ASSERT(c.extra_micro < (static_cast<u128>(charge.extra_amount) + 1) * 1000 * price);
}

RC_GTEST_PROP(MarketPricingProperty, DiscountIsMonotoneAndMatchesMonthsOfCover, ()) {
  const uint64_t hourly = *rc::gen::oneOf(rc::gen::inRange<uint64_t>(0, 1'000'000'000'000),
                                          rc::gen::arbitrary<uint64_t>());
  const uint64_t price = *rc::gen::inRange<uint64_t>(1, uint64_t{1} << 32);
  const uint64_t b1 = AnyAmount();
  const uint64_t b2 = AnyAmount();
  const uint64_t lo = std::min(b1, b2);
  const uint64_t hi = std::max(b1, b2);
  RC_ASSERT(DiscountPercent(lo, hourly, price) <= DiscountPercent(hi, hourly, price));
  // A cheaper twin never gets a smaller discount.
  RC_ASSERT(DiscountPercent(lo, hourly / 2, price) >= DiscountPercent(lo, hourly, price));

  // Months of cover ≥ num/den  ⟺  balance·1000·P·den ≥ num·720·hourly (fits 128 bits here).
  const auto covers = [&](uint64_t num, uint64_t den) {
    return static_cast<u128>(lo) * 1000 * price * den >= static_cast<u128>(num) * 720 * hourly;
  };
  uint8_t expected = 0;
  if (hourly == 0 || covers(18, 1)) {
    expected = 60;
  } else if (covers(6, 1)) {
    expected = 40;
  } else if (covers(3, 1)) {
    expected = 30;
  } else if (covers(3, 2)) {
    expected = 20;
  }
  RC_ASSERT(DiscountPercent(lo, hourly, price) == expected);
}

RC_GTEST_PROP(MarketPricingProperty, IntervalNeverExceedsTheProratedHourlyCost, ()) {
  HourlyCost h;
  h.cusu_micro = AnyAmount();
  h.ip_micro = AnyAmount();
  h.name_micro = AnyAmount();
  h.extra_micro = AnyAmount();
  const uint64_t elapsed = *rc::gen::inRange<uint64_t>(0, 40 * kPricingHourMs);
  const uint64_t up = *rc::gen::inRange<uint64_t>(0, elapsed + 1);
  const bool grace = *rc::gen::arbitrary<bool>();
  chain::PricingPolicy policy;
  policy.nu = *rc::gen::inRange<uint64_t>(0, 1'000'000);
  const uint64_t nu_bytes = *rc::gen::inRange<uint64_t>(0, uint64_t{1} << 50);
  const IntervalCost c = CostOver(h, policy, elapsed, up, nu_bytes, grace);
  // Floors: part·3,600,000 <= hourly·ms < (part + 1)·3,600,000, or UINT64_MAX when the
  // exact value is larger.
  const auto prorated = [](uint64_t part, uint64_t hourly, uint64_t ms) {
    const u128 exact = static_cast<u128>(hourly) * ms;
    if (exact / kPricingHourMs > UINT64_MAX) return part == UINT64_MAX;
    return static_cast<u128>(part) * kPricingHourMs <= exact && exact < (static_cast<u128>(part) + 1) * kPricingHourMs;
  };
  RC_ASSERT(prorated(c.ip_micro, h.ip_micro, elapsed));
  if (grace) {
    RC_ASSERT(c.cusu_micro == 0u);
    RC_ASSERT(c.name_micro == 0u);
    RC_ASSERT(c.extra_micro == 0u);
  } else {
    RC_ASSERT(prorated(c.cusu_micro, h.cusu_micro, up));
    RC_ASSERT(prorated(c.name_micro, h.name_micro, elapsed));
    RC_ASSERT(prorated(c.extra_micro, h.extra_micro, elapsed));
  }
  const u128 nu_exact = static_cast<u128>(nu_bytes) * policy.nu * kPricingMicro;
  RC_ASSERT(static_cast<u128>(c.nu_micro) * kPricingGiB <= nu_exact);
  RC_ASSERT(nu_exact < (static_cast<u128>(c.nu_micro) + 1) * kPricingGiB);
}

}  // namespace
}  // namespace tfchain::contracts
