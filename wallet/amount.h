#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "chain/status.h"

namespace tfchain::wallet {

// TFT amounts as users type and read them. TFT has 7 decimals (chain::kUnitsPerTft
// base units per TFT); every conversion here is exact integer arithmetic.

inline constexpr int kTftDecimals = 7;

// Parses a decimal TFT amount: DIGITS [ "." DIGITS ] with 1..7 fractional digits,
// e.g. "1.5" -> 15'000'000 units, "0.0000001" -> 1, "42" -> 420'000'000.
// No sign, exponent, spaces, separators, leading or trailing ".", and the result must
// fit in uint64_t. Error (InvalidArgument): "bad-amount" with a detail naming the input.
chain::Result<uint64_t> ParseTft(std::string_view text);

// Formats base units as TFT with exactly 7 decimals: 15'000'000 -> "1.5000000".
std::string FormatTft(uint64_t units);

// FormatTft followed by " TFT": 15'000'000 -> "1.5000000 TFT".
std::string FormatTftWithSymbol(uint64_t units);

// Commission rates are typed and shown as a percent with up to 4 decimals, and travel
// on chain as parts per million (chain::kPermillDenominator = 100%).
inline constexpr int kPercentDecimals = 4;

// Parses a commission percent: DIGITS [ "." DIGITS ] with 1..4 fractional digits, at
// most 100: "10" -> 100'000 permill, "2.5" -> 25'000, "0.0001" -> 1, "100" -> 1'000'000.
// Same lexical rules as ParseTft. Error (InvalidArgument): "bad-commission" with a
// detail naming the input.
chain::Result<uint32_t> ParseCommissionPercent(std::string_view text);

// Formats parts per million as a percent without trailing zeros: 100'000 -> "10%",
// 25'000 -> "2.5%", 1 -> "0.0001%", 0 -> "0%".
std::string FormatPermillPercent(uint64_t permill);

// Parses base units as the node sends them: a non-empty string of decimal digits
// without a sign or leading zeros ("0" is fine) that fits in uint64_t.
// Error (InvalidArgument): "bad-amount".
chain::Result<uint64_t> ParseBaseUnits(std::string_view text);

// Parses a plain decimal non-negative integer (counts, heights: "100"). Same rules as
// ParseBaseUnits but leading zeros are accepted. Error: "bad-number".
chain::Result<uint64_t> ParseDecimalU64(std::string_view text);

}  // namespace tfchain::wallet
