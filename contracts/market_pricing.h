#pragma once

// The marketplace's pricing: pure integer formulas from resources to micro USD, to TFT
// base units, the balance discount and the split of a payment (docs/billing.md).
//
// Units: "micro" = micro price units = 10^-13 USD (a pricing policy's price unit is
// 10^-7 USD); GB = 2^30 bytes; hour = 3,600,000 ms; month = 720 hours; the TFT price P
// is in mUSD per TFT and 1 TFT = 10^7 base units, so units = floor(micro / (1000·P)).
// Every division rounds down, i.e. in the user's favour. Products go through unsigned
// __int128 (or wider exact reasoning); results saturate at UINT64_MAX, which no real
// input reaches. A TFT price of 0 (refused by ValidateGridParams) converts to 0 units.
//
// Every function here is pure and thread-safe.

#include <cstdint>
#include <vector>

#include "chain/genesis.h"
#include "chain/grid_calls.h"
#include "chain/grid_types.h"
#include "chain/market_types.h"

namespace tfchain::contracts {

inline constexpr uint64_t kPricingGiB = uint64_t{1} << 30;  // bytes per GB
inline constexpr uint64_t kPricingHourMs = 3'600'000;
inline constexpr uint64_t kPricingHoursPerMonth = 720;
inline constexpr uint64_t kPricingMicro = 1'000'000;  // micro price units per price unit

// Compute and storage units × 10^6, each the exact floor of the rational value.
struct ComputeUnits {
  uint64_t cu_micro = 0;
  uint64_t su_micro = 0;
  bool operator==(const ComputeUnits&) const = default;
};

// TF Chain's contract units, memory and disks in GB (2^30 bytes):
//   CU = min(max(cru/2, mru/4), max(cru, mru/8), max(cru/4, mru/2))
//   SU = hru/1200 + sru/200
// Each × 10^6 and floored once (floor commutes with min/max, so this is exact); saturates.
ComputeUnits UnitsOf(const chain::Resources& resources);

// What a contract is charged per hour for.
struct CostInputs {
  chain::Resources resources;  // CU/SU base (zero for name contracts and node contracts on a rented node)
  uint64_t public_ips = 0;
  bool name_contract = false;                // charges policy.unique_name per hour
  bool certified = false;                    // node certified: CU/SU part × 5/4
  uint8_t dedicated_discount_percent = 0;    // rent contracts: CU/SU part × (100 − d)/100 (d capped at 100)
  uint64_t extra_fee_musd_per_month = 0;     // rent contracts on a node with an extra fee
};

// Cost per hour in micro, by part.
struct HourlyCost {
  uint64_t cusu_micro = 0;
  uint64_t ip_micro = 0;
  uint64_t name_micro = 0;
  uint64_t extra_micro = 0;
  bool operator==(const HourlyCost&) const = default;
};

// The hourly cost of `in` under `policy` (prices per hour in price units):
//   cusu  = floor(floor((cu_micro·policy.cu + su_micro·policy.su) · (certified ? 5 : 4) / 4)
//                 · (100 − d) / 100)
//   ip    = public_ips · policy.ipu · 10^6
//   name  = name_contract ? policy.unique_name · 10^6 : 0
//   extra = floor(extra_fee_musd_per_month · 10^10 / 720)
// Each part saturates at UINT64_MAX.
HourlyCost HourlyCostOf(const CostInputs& in, const chain::PricingPolicy& policy);

// cusu + ip + name + extra, saturating.
uint64_t TotalMicro(const HourlyCost& hourly);

// The cost of one billing interval in micro, by part.
struct IntervalCost {
  uint64_t cusu_micro = 0;
  uint64_t ip_micro = 0;
  uint64_t nu_micro = 0;
  uint64_t name_micro = 0;
  uint64_t extra_micro = 0;
  bool operator==(const IntervalCost&) const = default;
};

// The cost of an interval of `elapsed_ms` in which the node was up `up_ms` and the
// contract moved `nu_bytes`:
//   cusu = floor(hourly.cusu · up_ms / 3,600,000)        (not charged for downtime)
//   ip, name, extra = floor(hourly.x · elapsed_ms / 3,600,000)
//   nu   = floor(nu_bytes · policy.nu · 10^6 / 2^30)
// In grace (`grace`) only ip and nu are charged; cusu, name and extra are 0.
// Callers pass up_ms <= elapsed_ms; each part saturates.
IntervalCost CostOver(const HourlyCost& hourly, const chain::PricingPolicy& policy, uint64_t elapsed_ms,
                      uint64_t up_ms, uint64_t nu_bytes, bool grace);

// The balance discount (percent) of a twin with `balance` TFT units whose live contracts
// cost `twin_hourly_micro` per hour at TFT price P. Months of cover =
// balance / (twin_hourly_micro·720 / (1000·P)); >= 18 -> 60, >= 6 -> 40, >= 3 -> 30,
// >= 1.5 -> 20, else 0; twin_hourly_micro == 0 -> 60. Compared exactly in integers
// (e.g. >= 1.5 months iff balance·1000·P·2 >= 3·720·twin_hourly_micro).
uint8_t DiscountPercent(uint64_t balance, uint64_t twin_hourly_micro, uint64_t tft_price_musd);

// floor(micro / (1000·P)) TFT units, saturating; 0 when P == 0.
uint64_t MicroToUnits(unsigned __int128 micro, uint64_t tft_price_musd);

// What one bill charges, in TFT units.
struct Charge {
  uint64_t amount = 0;        // everything due for the interval, after the discount
  uint64_t extra_amount = 0;  // the part of `amount` that is the extra fee; <= amount
  bool operator==(const Charge&) const = default;
};

// amount       = floor((floor((cusu + ip + nu + name) · (100 − discount) / 100) + extra) / (1000·P))
// extra_amount = floor(extra / (1000·P))
// The discount (capped at 100) never applies to the extra fee. 0 when P == 0.
Charge ChargeOf(const IntervalCost& cost, uint8_t discount_percent, uint64_t tft_price_musd);

// Where a payment goes, in TFT units.
struct Split {
  uint64_t farmer = 0;
  uint64_t staking_pool = 0;
  uint64_t foundation = 0;
  uint64_t burned = 0;
  std::vector<chain::ProviderPayment> providers;  // one per share, in order (amounts may be 0)
  bool operator==(const Split&) const = default;
};

// Splits `paid` TFT units of which `extra` (capped at `paid`) goes 100% to the farmer.
// With base = paid − extra and the params' percents fp, sp, bp:
//   farmer = floor(base·fp/100) + extra,  staking_pool = floor(base·sp/100),
//   burned = floor(base·bp/100),  F = base − floor(base·fp/100) − staking_pool − burned,
//   each provider in order gets min(floor(base·take/100), what is left of F),
//   foundation = what is left of F.
// has_farmer == false (name contracts): the farmer's whole part (base share and extra)
// goes to the foundation share F instead. The parts always sum to `paid` exactly (with
// unvalidated percents summing above 100, later parts are capped by what is left).
Split SplitPayment(uint64_t paid, uint64_t extra, const chain::BillingParams& params,
                   const std::vector<chain::SolutionProviderShare>& providers, bool has_farmer);

// Service contracts: TFT units for `musd` milli-USD at P mUSD/TFT = floor(musd·10^7 / P),
// saturating; 0 when P == 0.
uint64_t MusdToUnits(uint64_t musd, uint64_t tft_price_musd);

}  // namespace tfchain::contracts
