// Marketplace pricing (contracts/market_pricing.h, docs/billing.md): worked examples
// written out by hand, step by step (resources -> CU/SU -> micro USD -> TFT units ->
// discount -> split), each discount tier boundary, and the rounding/saturation edges.
//
// Units: micro = 10^-13 USD (price units are 10^-7 USD); GB = 2^30 bytes; P = mUSD per
// TFT; 1 TFT = 10^7 units; units = floor(micro / (1000·P)).
#include "contracts/market_pricing.h"

#include <gtest/gtest.h>

#include <vector>

namespace tfchain::contracts {
namespace {

using chain::BillingParams;
using chain::PricingPolicy;
using chain::ProviderPayment;
using chain::Resources;
using chain::SolutionProviderShare;

constexpr uint64_t kGiB = uint64_t{1} << 30;
constexpr uint64_t kHourMs = 3'600'000;
constexpr uint64_t kPrice = 80;  // 0.080 USD per TFT

chain::AccountId Account(uint8_t tag) {
  chain::AccountId a;
  a.bytes[0] = tag;
  return a;
}

// cu 0.01 USD/h, su 0.005 USD/h, ipu 0.004 USD/h, nu 0.0015 USD/GB, unique_name
// 0.00025 USD/h (all in price units of 10^-7 USD).
PricingPolicy ExamplePolicy() {
  PricingPolicy p;
  p.id = 1;
  p.name = "example";
  p.cu = 100'000;
  p.su = 50'000;
  p.nu = 15'000;
  p.ipu = 40'000;
  p.unique_name = 2'500;
  p.dedicated_discount_percent = 50;
  return p;
}

// 4 cores, 8 GB memory, 100 GB SSD.
Resources SmallVm() { return {4, 8 * kGiB, 100 * kGiB, 0}; }

uint64_t SumOf(const Split& s) {
  uint64_t sum = s.farmer + s.staking_pool + s.foundation + s.burned;
  for (const ProviderPayment& p : s.providers) sum += p.amount;
  return sum;
}

// ---------------------------------------------------------------------------------
// Units: CU = min(max(cru/2, mru/4), max(cru, mru/8), max(cru/4, mru/2)),
//        SU = hru/1200 + sru/200 (GB), × 10^6, floored.

TEST(MarketPricingUnitsTest, WorkedExamples) {
  // 4 cores, 8 GB, 100 GB SSD: CU = min(max(2, 2), max(4, 1), max(1, 4)) = min(2, 4, 4) = 2;
  // SU = 100/200 = 0.5.
  EXPECT_EQ(UnitsOf(SmallVm()), (ComputeUnits{2'000'000, 500'000}));
  // Memory-bound: 1 core, 2 GB: min(max(0.5, 0.5), max(1, 0.25), max(0.25, 1)) = 0.5.
  EXPECT_EQ(UnitsOf({1, 2 * kGiB, 0, 0}).cu_micro, 500'000u);
  // Core-heavy: 8 cores, 2 GB: min(max(4, 0.5), max(8, 0.25), max(2, 1)) = 2.
  EXPECT_EQ(UnitsOf({8, 2 * kGiB, 0, 0}).cu_micro, 2'000'000u);
  // Memory-heavy: 2 cores, 32 GB: min(max(1, 8), max(2, 4), max(0.5, 16)) = 4.
  EXPECT_EQ(UnitsOf({2, 32 * kGiB, 0, 0}).cu_micro, 4'000'000u);
  // Whole node: 32 cores, 128 GB, 1 TB SSD, 4 TB HDD: CU = min(max(16, 32), max(32, 16),
  // max(8, 64)) = 32; SU = 4096/1200 + 1024/200 = 3.41333… + 5.12 = 8.533333… -> 8.533333.
  EXPECT_EQ(UnitsOf({32, 128 * kGiB, 1024 * kGiB, 4096 * kGiB}), (ComputeUnits{32'000'000, 8'533'333}));
  // 1200 GB HDD is one SU; one byte of HDD is below 10^-6 SU and floors to 0.
  EXPECT_EQ(UnitsOf({0, 0, 0, 1200 * kGiB}), (ComputeUnits{0, 1'000'000}));
  EXPECT_EQ(UnitsOf({0, 0, 0, 1}), (ComputeUnits{0, 0}));
  // 1 core, no memory: min(max(0.5, 0), max(1, 0), max(0.25, 0)) = 0.25.
  EXPECT_EQ(UnitsOf({1, 0, 0, 0}).cu_micro, 250'000u);
  EXPECT_EQ(UnitsOf({}), (ComputeUnits{0, 0}));
}

TEST(MarketPricingUnitsTest, LargestInputsSaturateOrStayExact) {
  // CU of 2^64−1 cores is ~4.6·10^24 micro: saturates. SU = 7·(2^64−1)·10^6 / (1200·2^30)
  // = 100,215,903,573,333.3… fits and is exact.
  EXPECT_EQ(UnitsOf({UINT64_MAX, UINT64_MAX, UINT64_MAX, UINT64_MAX}),
            (ComputeUnits{UINT64_MAX, 100'215'903'573'333}));
}

// ---------------------------------------------------------------------------------
// Hourly cost.

TEST(MarketPricingHourlyTest, NodeContractWorkedExample) {
  // CU 2 × 100,000 price units = 200,000 pu = 2·10^11 micro; SU 0.5 × 50,000 = 25,000 pu =
  // 2.5·10^10 micro: cusu = 225,000,000,000 micro/h (0.0225 USD/h). One IP: 40,000 pu =
  // 40,000,000,000 micro/h (0.004 USD/h). Total 265,000,000,000 micro/h = 0.0265 USD/h,
  // which at 0.08 USD/TFT is 0.33125 TFT = 3,312,500 units per hour.
  CostInputs in;
  in.resources = SmallVm();
  in.public_ips = 1;
  const HourlyCost h = HourlyCostOf(in, ExamplePolicy());
  EXPECT_EQ(h, (HourlyCost{225'000'000'000, 40'000'000'000, 0, 0}));
  EXPECT_EQ(TotalMicro(h), 265'000'000'000u);
  EXPECT_EQ(MicroToUnits(TotalMicro(h), kPrice), 3'312'500u);
  // A month (720 h): 1.908·10^14 micro = 19.08 USD = 238.5 TFT.
  EXPECT_EQ(MicroToUnits(static_cast<unsigned __int128>(TotalMicro(h)) * 720, kPrice), 2'385'000'000u);
}

TEST(MarketPricingHourlyTest, CertifiedNodeCostsAQuarterMoreForCuSuOnly) {
  // 225,000,000,000 × 5/4 = 281,250,000,000; the IP price is not scaled.
  CostInputs in;
  in.resources = SmallVm();
  in.public_ips = 1;
  in.certified = true;
  EXPECT_EQ(HourlyCostOf(in, ExamplePolicy()), (HourlyCost{281'250'000'000, 40'000'000'000, 0, 0}));
  // The ×5/4 floors: 1 GB of HDD is 1/1200 SU -> 833 su_micro; at su = 1 pu that is
  // 833 micro, certified 833 × 5/4 = 1,041.25 -> 1,041.
  in = CostInputs{};
  in.resources = {0, 0, 0, kGiB};
  in.certified = true;
  PricingPolicy tiny = ExamplePolicy();
  tiny.su = 1;
  EXPECT_EQ(HourlyCostOf(in, tiny).cusu_micro, 1'041u);
  in.certified = false;
  EXPECT_EQ(HourlyCostOf(in, tiny).cusu_micro, 833u);
}

TEST(MarketPricingHourlyTest, RentAtFiftyPercentDedicatedDiscountPlusExtraFee) {
  // Whole node: CU 32, SU 8.533333 (above). cusu = 32·10^6·100,000 + 8,533,333·50,000 =
  // 3,200,000,000,000 + 426,666,650,000 = 3,626,666,650,000; at the policy's 50% dedicated
  // discount: 1,813,333,325,000 micro/h. Extra fee 20,000 mUSD (20 USD) per month =
  // 2·10^14 micro / 720 h = 277,777,777,777.7… -> 277,777,777,777 micro/h.
  CostInputs in;
  in.resources = {32, 128 * kGiB, 1024 * kGiB, 4096 * kGiB};
  in.dedicated_discount_percent = ExamplePolicy().dedicated_discount_percent;
  in.extra_fee_musd_per_month = 20'000;
  const HourlyCost h = HourlyCostOf(in, ExamplePolicy());
  EXPECT_EQ(h, (HourlyCost{1'813'333'325'000, 0, 0, 277'777'777'777}));

  // One hour of it with a 20% balance discount: the discount applies to cusu only, not to
  // the extra fee: floor(1,813,333,325,000 × 0.8) = 1,450,666,660,000; + 277,777,777,777 =
  // 1,728,444,437,777 micro -> / 80,000 = 21,605,555.4… -> 21,605,555 units, of which the
  // extra fee is floor(277,777,777,777 / 80,000) = 3,472,222.
  const IntervalCost c = CostOver(h, ExamplePolicy(), kHourMs, kHourMs, 0, false);
  EXPECT_EQ(c, (IntervalCost{1'813'333'325'000, 0, 0, 0, 277'777'777'777}));
  const Charge charge = ChargeOf(c, 20, kPrice);
  EXPECT_EQ(charge, (Charge{21'605'555, 3'472'222}));

  // Split: base = 21,605,555 − 3,472,222 = 18,133,333; farmer floor(9,066,666.5) =
  // 9,066,666 + extra 3,472,222 = 12,538,888; pool floor(1,813,333.3) = 1,813,333;
  // foundation 18,133,333 − 9,066,666 − 1,813,333 = 7,253,334.
  const Split s = SplitPayment(charge.amount, charge.extra_amount, BillingParams{}, {}, true);
  EXPECT_EQ(s.farmer, 12'538'888u);
  EXPECT_EQ(s.staking_pool, 1'813'333u);
  EXPECT_EQ(s.foundation, 7'253'334u);
  EXPECT_EQ(s.burned, 0u);
  EXPECT_EQ(SumOf(s), charge.amount);
}

TEST(MarketPricingHourlyTest, NameContractAndNodeContractOnARentedNode) {
  // A name contract pays unique_name only: 2,500 pu = 2,500,000,000 micro/h.
  CostInputs name;
  name.name_contract = true;
  EXPECT_EQ(HourlyCostOf(name, ExamplePolicy()), (HourlyCost{0, 0, 2'500'000'000, 0}));
  // A node contract on a rented node: zero resources, so only its 2 IPs = 80,000,000,000.
  CostInputs on_rented;
  on_rented.public_ips = 2;
  EXPECT_EQ(HourlyCostOf(on_rented, ExamplePolicy()), (HourlyCost{0, 80'000'000'000, 0, 0}));
  // A discount above 100% is capped: nothing negative.
  CostInputs all_off;
  all_off.resources = SmallVm();
  all_off.dedicated_discount_percent = 250;
  EXPECT_EQ(HourlyCostOf(all_off, ExamplePolicy()).cusu_micro, 0u);
}

TEST(MarketPricingHourlyTest, SaturatesInsteadOfOverflowing) {
  PricingPolicy huge = ExamplePolicy();
  huge.cu = huge.su = huge.ipu = huge.unique_name = UINT64_MAX;
  CostInputs in;
  in.resources = {UINT64_MAX, UINT64_MAX, UINT64_MAX, UINT64_MAX};
  in.public_ips = UINT64_MAX;
  in.name_contract = true;
  in.certified = true;
  in.extra_fee_musd_per_month = UINT64_MAX;
  const HourlyCost h = HourlyCostOf(in, huge);
  EXPECT_EQ(h.cusu_micro, UINT64_MAX);
  EXPECT_EQ(h.ip_micro, UINT64_MAX);
  EXPECT_EQ(h.name_micro, UINT64_MAX);
  EXPECT_EQ(h.extra_micro, UINT64_MAX);
  EXPECT_EQ(TotalMicro(h), UINT64_MAX);
  EXPECT_EQ(TotalMicro(HourlyCost{UINT64_MAX, 1, 0, 0}), UINT64_MAX);
  EXPECT_EQ(TotalMicro(HourlyCost{1, 2, 3, 4}), 10u);
}

// ---------------------------------------------------------------------------------
// Interval cost, downtime, grace, NU.

TEST(MarketPricingIntervalTest, TenMinutesOfTheWorkedExample) {
  // 600,000 ms (600 blocks of 1 s), node up throughout: cusu = 225·10^9 / 6 = 37,500,000,000;
  // ip = 40·10^9 / 6 = 6,666,666,666.6… -> 6,666,666,666. Total 44,166,666,666 micro.
  CostInputs in;
  in.resources = SmallVm();
  in.public_ips = 1;
  const HourlyCost h = HourlyCostOf(in, ExamplePolicy());
  const IntervalCost c = CostOver(h, ExamplePolicy(), 600'000, 600'000, 0, false);
  EXPECT_EQ(c, (IntervalCost{37'500'000'000, 6'666'666'666, 0, 0, 0}));
  // No discount: 44,166,666,666 / 80,000 = 552,083.3… -> 552,083 units.
  EXPECT_EQ(ChargeOf(c, 0, kPrice), (Charge{552'083, 0}));
  // 20%: floor(44,166,666,666 × 0.8) = 35,333,333,332 -> 441,666.6… -> 441,666 units.
  EXPECT_EQ(ChargeOf(c, 20, kPrice), (Charge{441'666, 0}));
  // 60%: floor(44,166,666,666 × 0.4) = 17,666,666,666 -> 220,833 units.
  EXPECT_EQ(ChargeOf(c, 60, kPrice), (Charge{220'833, 0}));
  // The split of 552,083 (50/10/40): farmer floor(276,041.5) = 276,041, pool
  // floor(55,208.3) = 55,208, foundation 552,083 − 276,041 − 55,208 = 220,834.
  const Split s = SplitPayment(552'083, 0, BillingParams{}, {}, true);
  EXPECT_EQ(s.farmer, 276'041u);
  EXPECT_EQ(s.staking_pool, 55'208u);
  EXPECT_EQ(s.foundation, 220'834u);
  EXPECT_EQ(s.burned, 0u);
}

TEST(MarketPricingIntervalTest, NotChargedForCuSuWhileTheNodeWasDown) {
  // Up 5 of the 10 minutes: cusu over 300,000 ms = 18,750,000,000; the IP is held all the
  // time and charged over the elapsed 600,000 ms.
  CostInputs in;
  in.resources = SmallVm();
  in.public_ips = 1;
  const HourlyCost h = HourlyCostOf(in, ExamplePolicy());
  EXPECT_EQ(CostOver(h, ExamplePolicy(), 600'000, 300'000, 0, false),
            (IntervalCost{18'750'000'000, 6'666'666'666, 0, 0, 0}));
  // Down throughout: no CU/SU at all.
  EXPECT_EQ(CostOver(h, ExamplePolicy(), 600'000, 0, 0, false).cusu_micro, 0u);
}

TEST(MarketPricingIntervalTest, GraceChargesOnlyIpsAndNetwork) {
  CostInputs in;
  in.resources = SmallVm();
  in.public_ips = 1;
  in.name_contract = true;
  in.extra_fee_musd_per_month = 20'000;
  const HourlyCost h = HourlyCostOf(in, ExamplePolicy());
  ASSERT_GT(h.cusu_micro, 0u);
  ASSERT_GT(h.name_micro, 0u);
  ASSERT_GT(h.extra_micro, 0u);
  // 3 GiB of traffic at 15,000 pu/GB = 45,000 pu = 45,000,000,000 micro.
  EXPECT_EQ(CostOver(h, ExamplePolicy(), 600'000, 600'000, 3 * kGiB, true),
            (IntervalCost{0, 6'666'666'666, 45'000'000'000, 0, 0}));
}

TEST(MarketPricingIntervalTest, NetworkUnitsOfThreeGiB) {
  const HourlyCost none;
  // 3 GiB at 15,000 pu/GB = 45,000,000,000 micro = 0.0045 USD = 0.05625 TFT -> 562,500 units at P = 80.
  const IntervalCost c = CostOver(none, ExamplePolicy(), 0, 0, 3 * kGiB, false);
  EXPECT_EQ(c, (IntervalCost{0, 0, 45'000'000'000, 0, 0}));
  EXPECT_EQ(ChargeOf(c, 0, kPrice).amount, 562'500u);
  // One byte less: 45·10^9 − 15·10^9/2^30 = 44,999,999,986.03… -> 44,999,999,986.
  EXPECT_EQ(CostOver(none, ExamplePolicy(), 0, 0, 3 * kGiB - 1, false).nu_micro, 44'999'999'986u);
  // Saturates for absurd counts.
  PricingPolicy huge = ExamplePolicy();
  huge.nu = UINT64_MAX;
  EXPECT_EQ(CostOver(none, huge, 0, 0, UINT64_MAX, false).nu_micro, UINT64_MAX);
}

TEST(MarketPricingIntervalTest, NameContractForTenMinutes) {
  // 2,500,000,000 micro/h × 600,000/3,600,000 = 416,666,666.6… -> 416,666,666 micro
  // -> 5,208.3… -> 5,208 units at P = 80.
  CostInputs name;
  name.name_contract = true;
  const IntervalCost c = CostOver(HourlyCostOf(name, ExamplePolicy()), ExamplePolicy(), 600'000, 0, 0, false);
  EXPECT_EQ(c, (IntervalCost{0, 0, 0, 416'666'666, 0}));
  EXPECT_EQ(ChargeOf(c, 0, kPrice).amount, 5'208u);
  // No farmer: farmer share (floor(2,604)) goes to the foundation: pool 520, foundation 4,688.
  const Split s = SplitPayment(5'208, 0, BillingParams{}, {}, false);
  EXPECT_EQ(s.farmer, 0u);
  EXPECT_EQ(s.staking_pool, 520u);
  EXPECT_EQ(s.foundation, 4'688u);
}

TEST(MarketPricingIntervalTest, EndToEndWorkedExampleOfDocsBilling) {
  // docs/billing.md's example: a twin with 1,000 TFT (10^10 units) and only this
  // contract (265,000,000,000 micro/h = 238.5 TFT/month) has 1000 / 238.5 = 4.19 months
  // of cover -> 30%. Ten minutes, node up: 44,166,666,666 micro × 0.7 = 30,916,666,666.2
  // -> 30,916,666,666 micro -> / 80,000 = 386,458.3 -> 386,458 units (0.0386458 TFT).
  // Split: farmer floor(193,229) = 193,229; pool floor(38,645.8) = 38,645; foundation
  // 386,458 − 193,229 − 38,645 = 154,584.
  CostInputs in;
  in.resources = SmallVm();
  in.public_ips = 1;
  const HourlyCost h = HourlyCostOf(in, ExamplePolicy());
  const uint8_t discount = DiscountPercent(10'000'000'000, TotalMicro(h), kPrice);
  EXPECT_EQ(discount, 30);
  const Charge charge = ChargeOf(CostOver(h, ExamplePolicy(), 600'000, 600'000, 0, false), discount, kPrice);
  EXPECT_EQ(charge, (Charge{386'458, 0}));
  const Split s = SplitPayment(charge.amount, charge.extra_amount, BillingParams{}, {}, true);
  EXPECT_EQ(s.farmer, 193'229u);
  EXPECT_EQ(s.staking_pool, 38'645u);
  EXPECT_EQ(s.foundation, 154'584u);
  EXPECT_EQ(s.burned, 0u);
}

// ---------------------------------------------------------------------------------
// Discount tiers. The worked twin costs 265,000,000,000 micro/h = 238.5 TFT a month at
// P = 80, so 1.5 / 3 / 6 / 18 months of cover are exactly 357.75 / 715.5 / 1431 /
// 4293 TFT = 3,577,500,000 / 7,155,000,000 / 14,310,000,000 / 42,930,000,000 units.

TEST(MarketPricingDiscountTest, EachTierExactlyAtAndOneUnitBelowItsBoundary) {
  constexpr uint64_t kHourly = 265'000'000'000;
  struct Boundary {
    uint64_t balance;
    uint8_t at;
    uint8_t below;
  };
  const Boundary boundaries[] = {
      {3'577'500'000, 20, 0},    // 1.5 months
      {7'155'000'000, 30, 20},   // 3 months
      {14'310'000'000, 40, 30},  // 6 months
      {42'930'000'000, 60, 40},  // 18 months
  };
  for (const Boundary& b : boundaries) {
    SCOPED_TRACE(b.balance);
    EXPECT_EQ(DiscountPercent(b.balance, kHourly, kPrice), b.at);
    EXPECT_EQ(DiscountPercent(b.balance - 1, kHourly, kPrice), b.below);
  }
  EXPECT_EQ(DiscountPercent(0, kHourly, kPrice), 0);
  EXPECT_EQ(DiscountPercent(UINT64_MAX, kHourly, kPrice), 60);
}

TEST(MarketPricingDiscountTest, BoundaryWhenTheThresholdIsNotAWholeUnit) {
  // Hourly 1 micro at P = 80: 1.5 months = 3·720 / (2·80,000) = 0.0135 units: any positive
  // balance covers it, and 1 unit is 1/0.009 = 111.1 months -> 60%.
  EXPECT_EQ(DiscountPercent(1, 1, kPrice), 60);
  EXPECT_EQ(DiscountPercent(0, 1, kPrice), 0);
  // Hourly 10^9 micro, P = 7: 1.5 months = 3·720·10^9 / (2·7,000) = 154,285,714.28… units:
  // 154,285,715 is enough (ceiling), 154,285,714 is not.
  EXPECT_EQ(DiscountPercent(154'285'715, 1'000'000'000, 7), 20);
  EXPECT_EQ(DiscountPercent(154'285'714, 1'000'000'000, 7), 0);
}

TEST(MarketPricingDiscountTest, NoCostMeansTheTopTierAndHugeCostsDoNotOverflow) {
  EXPECT_EQ(DiscountPercent(0, 0, kPrice), 60);
  EXPECT_EQ(DiscountPercent(UINT64_MAX, UINT64_MAX, UINT64_MAX), 60);  // ~2.6·10^19 months
  EXPECT_EQ(DiscountPercent(1, UINT64_MAX, 1), 0);
  EXPECT_EQ(DiscountPercent(1'000, 1, 0), 0);  // P == 0: TFT is worth nothing
}

// ---------------------------------------------------------------------------------
// Conversions.

TEST(MarketPricingConversionTest, MicroAndMusdToUnits) {
  EXPECT_EQ(MicroToUnits(79'999, kPrice), 0u);
  EXPECT_EQ(MicroToUnits(80'000, kPrice), 1u);
  EXPECT_EQ(MicroToUnits(~static_cast<unsigned __int128>(0), 1), UINT64_MAX);
  EXPECT_EQ(MicroToUnits(1'000'000, 0), 0u);
  // 1 USD = 1,000 mUSD at 0.08 USD/TFT = 12.5 TFT.
  EXPECT_EQ(MusdToUnits(1'000, kPrice), 125'000'000u);
  EXPECT_EQ(MusdToUnits(1, 3), 3'333'333u);  // 10^7 / 3, floored
  EXPECT_EQ(MusdToUnits(UINT64_MAX, 1), UINT64_MAX);
  EXPECT_EQ(MusdToUnits(5, 0), 0u);
}

TEST(MarketPricingConversionTest, ChargeRoundsDownOnceAtTheEnd) {
  // 79,999 micro of CU/SU + 1 micro of extra = 80,000 -> exactly one unit; extra alone
  // is 0 units.
  EXPECT_EQ(ChargeOf(IntervalCost{79'999, 0, 0, 0, 1}, 0, kPrice), (Charge{1, 0}));
  // The discount floors before the sum: floor(99,999 × 0.8) = 79,999 -> 0 units.
  EXPECT_EQ(ChargeOf(IntervalCost{99'999, 0, 0, 0, 0}, 20, kPrice), (Charge{0, 0}));
  // Every discountable part is discounted; the 100% cap leaves only the extra fee.
  EXPECT_EQ(ChargeOf(IntervalCost{80'000, 80'000, 80'000, 80'000, 160'000}, 200, kPrice), (Charge{2, 2}));
  EXPECT_EQ(ChargeOf(IntervalCost{80'000, 80'000, 80'000, 80'000, 160'000}, 0, kPrice), (Charge{6, 2}));
  // Largest inputs: (4·(2^64−1)·0.4 + 2^64−1) / 1000 fits.
  const Charge big = ChargeOf(IntervalCost{UINT64_MAX, UINT64_MAX, UINT64_MAX, UINT64_MAX, UINT64_MAX}, 60, 1);
  EXPECT_EQ(big.extra_amount, UINT64_MAX / 1000);
  EXPECT_GE(big.amount, big.extra_amount);
  EXPECT_EQ(ChargeOf(IntervalCost{UINT64_MAX, 0, 0, 0, 0}, 0, 0), (Charge{0, 0}));
}

// ---------------------------------------------------------------------------------
// Split.

TEST(MarketPricingSplitTest, OneMillionAndThreeUnits) {
  // 50/10/40: farmer floor(500,001.5) = 500,001; pool floor(100,000.3) = 100,000;
  // foundation = 1,000,003 − 500,001 − 100,000 = 400,002 (it takes the rounding dust).
  const Split s = SplitPayment(1'000'003, 0, BillingParams{}, {}, true);
  EXPECT_EQ(s.farmer, 500'001u);
  EXPECT_EQ(s.staking_pool, 100'000u);
  EXPECT_EQ(s.foundation, 400'002u);
  EXPECT_EQ(s.burned, 0u);
  EXPECT_TRUE(s.providers.empty());
  EXPECT_EQ(SumOf(s), 1'000'003u);
}

TEST(MarketPricingSplitTest, SolutionProvidersComeOutOfTheFoundationShare) {
  // Takes 10% and 5%: floor(100,000.3) = 100,000 and floor(50,000.15) = 50,000, out of
  // F = 400,002: foundation 250,002.
  const std::vector<SolutionProviderShare> shares = {{Account(1), 10}, {Account(2), 5}};
  const Split s = SplitPayment(1'000'003, 0, BillingParams{}, shares, true);
  EXPECT_EQ(s.farmer, 500'001u);
  EXPECT_EQ(s.staking_pool, 100'000u);
  EXPECT_EQ(s.providers, (std::vector<ProviderPayment>{{Account(1), 100'000}, {Account(2), 50'000}}));
  EXPECT_EQ(s.foundation, 250'002u);
  EXPECT_EQ(SumOf(s), 1'000'003u);
}

TEST(MarketPricingSplitTest, ProvidersAreCappedByTheFoundationShare) {
  // Takes 30% and 20% (the 50% maximum) against F = 400,002: the first gets
  // floor(300,000.9) = 300,000, the second min(200,000, 100,002) = 100,002, the
  // foundation nothing.
  const std::vector<SolutionProviderShare> shares = {{Account(1), 30}, {Account(2), 20}};
  const Split s = SplitPayment(1'000'003, 0, BillingParams{}, shares, true);
  EXPECT_EQ(s.providers, (std::vector<ProviderPayment>{{Account(1), 300'000}, {Account(2), 100'002}}));
  EXPECT_EQ(s.foundation, 0u);
  EXPECT_EQ(SumOf(s), 1'000'003u);
  // With a 20% foundation (farmer 70): F = 1,000,003 − 700,002 − 100,000 = 200,001; the
  // 30% provider gets only 200,001 and the 20% one nothing.
  BillingParams params;
  params.farmer_percent = 70;
  params.foundation_percent = 20;
  const Split t = SplitPayment(1'000'003, 0, params, shares, true);
  EXPECT_EQ(t.farmer, 700'002u);
  EXPECT_EQ(t.providers, (std::vector<ProviderPayment>{{Account(1), 200'001}, {Account(2), 0}}));
  EXPECT_EQ(t.foundation, 0u);
  EXPECT_EQ(SumOf(t), 1'000'003u);
}

TEST(MarketPricingSplitTest, NameContractWithoutFarmer) {
  // The farmer's 500,001 joins the foundation share: foundation = 1,000,003 − 100,000.
  const Split s = SplitPayment(1'000'003, 0, BillingParams{}, {}, false);
  EXPECT_EQ(s.farmer, 0u);
  EXPECT_EQ(s.staking_pool, 100'000u);
  EXPECT_EQ(s.foundation, 900'003u);
  // A 50% provider then draws on that larger share F = 900,003: floor(500,001.5).
  const Split t = SplitPayment(1'000'003, 0, BillingParams{}, {{Account(1), 50}}, false);
  EXPECT_EQ(t.providers, (std::vector<ProviderPayment>{{Account(1), 500'001}}));
  EXPECT_EQ(t.foundation, 400'002u);
  EXPECT_EQ(SumOf(t), 1'000'003u);
}

TEST(MarketPricingSplitTest, ExtraFeeGoesWhollyToTheFarmerAndBurnIsTaken) {
  // paid 1,000,000 of which extra 300,000: base 700,000 -> farmer 350,000 + 300,000,
  // pool 70,000, foundation 280,000.
  const Split s = SplitPayment(1'000'000, 300'000, BillingParams{}, {}, true);
  EXPECT_EQ(s.farmer, 650'000u);
  EXPECT_EQ(s.staking_pool, 70'000u);
  EXPECT_EQ(s.foundation, 280'000u);
  // An extra above paid is capped at paid: all to the farmer.
  const Split all = SplitPayment(10, 25, BillingParams{}, {}, true);
  EXPECT_EQ(all.farmer, 10u);
  EXPECT_EQ(SumOf(all), 10u);
  // 50/10/30 + 10% burn of 1,000,003: burned floor(100,000.3) = 100,000; foundation 300,002.
  BillingParams burn;
  burn.foundation_percent = 30;
  burn.burn_percent = 10;
  const Split b = SplitPayment(1'000'003, 0, burn, {}, true);
  EXPECT_EQ(b.farmer, 500'001u);
  EXPECT_EQ(b.staking_pool, 100'000u);
  EXPECT_EQ(b.burned, 100'000u);
  EXPECT_EQ(b.foundation, 300'002u);
}

TEST(MarketPricingSplitTest, PartsAlwaysSumToPaid) {
  const std::vector<SolutionProviderShare> shares = {{Account(1), 17}, {Account(2), 13}, {Account(3), 20}};
  BillingParams odd;
  odd.farmer_percent = 33;
  odd.staking_pool_percent = 7;
  odd.foundation_percent = 49;
  odd.burn_percent = 11;
  const uint64_t kPaid[] = {0, 1, 2, 3, 7, 99, 100, 101, 1'000'003, 123'456'789, UINT64_MAX - 1, UINT64_MAX};
  for (const uint64_t paid : kPaid) {
    const uint64_t extras[] = {0, 1, paid / 3, paid};
    for (const uint64_t extra : extras) {
      for (bool has_farmer : {true, false}) {
        for (const BillingParams& params : {BillingParams{}, odd}) {
          SCOPED_TRACE(::testing::Message() << paid << " " << extra << " " << has_farmer);
          EXPECT_EQ(SumOf(SplitPayment(paid, extra, params, shares, has_farmer)), paid);
          EXPECT_EQ(SumOf(SplitPayment(paid, extra, params, {}, has_farmer)), paid);
        }
      }
    }
  }
  // Unvalidated percents above 100 still never create or lose units.
  BillingParams bad;
  bad.farmer_percent = bad.staking_pool_percent = bad.foundation_percent = bad.burn_percent = 90;
  const Split s = SplitPayment(1'000, 0, bad, shares, true);
  EXPECT_EQ(SumOf(s), 1'000u);
  EXPECT_EQ(s.farmer, 900u);
  EXPECT_EQ(s.staking_pool, 100u);
}

}  // namespace
}  // namespace tfchain::contracts
