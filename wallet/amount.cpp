// TFT amount grammar (user input):
//   amount := digit+ [ "." digit{1,7} ]        value = int * 10^7 + frac * 10^(7 - len)
// Commission grammar (user input, a percent):
//   percent := digit+ [ "." digit{1,4} ]       permill = int * 10^4 + frac * 10^(4 - len), <= 10^6
// Base units (node output):
//   units  := "0" | nonzero-digit digit*       value < 2^64
#include "wallet/amount.h"

#include <limits>

#include "chain/call.h"
#include "chain/genesis.h"

namespace tfchain::wallet {
namespace {

using chain::Result;
using chain::Status;

bool IsDigit(char c) { return c >= '0' && c <= '9'; }

// Accumulates decimal digits into *value; false on a non-digit or on overflow.
bool AccumulateDigits(std::string_view digits, uint64_t* value) {
  for (char c : digits) {
    if (!IsDigit(c)) return false;
    uint64_t d = static_cast<uint64_t>(c - '0');
    if (*value > (std::numeric_limits<uint64_t>::max() - d) / 10) return false;
    *value = *value * 10 + d;
  }
  return true;
}

// Why a fixed-point decimal did not parse.
enum class DecimalError { kNone, kMalformed, kTooManyDecimals, kTooLarge };

// Parses digit+ [ "." digit+ ] with at most `decimals` fractional digits into
// value * 10^decimals.
DecimalError ParseFixedPoint(std::string_view text, int decimals, uint64_t* out) {
  size_t dot = text.find('.');
  std::string_view int_part = text.substr(0, dot);
  std::string_view frac_part = dot == std::string_view::npos ? std::string_view() : text.substr(dot + 1);
  if (int_part.empty()) return DecimalError::kMalformed;
  if (dot != std::string_view::npos && frac_part.empty()) return DecimalError::kMalformed;
  for (std::string_view part : {int_part, frac_part}) {
    for (char c : part) {
      if (!IsDigit(c)) return DecimalError::kMalformed;
    }
  }
  if (frac_part.size() > static_cast<size_t>(decimals)) return DecimalError::kTooManyDecimals;

  uint64_t whole = 0;
  if (!AccumulateDigits(int_part, &whole)) return DecimalError::kTooLarge;
  uint64_t frac = 0;
  if (!AccumulateDigits(frac_part, &frac)) return DecimalError::kMalformed;
  uint64_t scale = 1;
  for (int i = 0; i < decimals; ++i) scale *= 10;
  for (size_t i = frac_part.size(); i < static_cast<size_t>(decimals); ++i) frac *= 10;

  unsigned __int128 value = static_cast<unsigned __int128>(whole) * scale + frac;
  if (value > std::numeric_limits<uint64_t>::max()) return DecimalError::kTooLarge;
  *out = static_cast<uint64_t>(value);
  return DecimalError::kNone;
}

Status BadAmount(std::string_view text, std::string_view why) {
  return Status::InvalidArgument("bad-amount", "'" + std::string(text) + "' " + std::string(why));
}

Status BadCommission(std::string_view text, std::string_view why) {
  return Status::InvalidArgument("bad-commission", "'" + std::string(text) + "' " + std::string(why));
}

}  // namespace

Result<uint64_t> ParseTft(std::string_view text) {
  constexpr std::string_view kExpect = "is not a TFT amount (expected e.g. 1.5, at most 7 decimals)";
  if (text.empty()) return Status::InvalidArgument("bad-amount", "empty amount");
  uint64_t units = 0;
  switch (ParseFixedPoint(text, kTftDecimals, &units)) {
    case DecimalError::kNone:
      return units;
    case DecimalError::kMalformed:
      return BadAmount(text, kExpect);
    case DecimalError::kTooManyDecimals:
      return BadAmount(text, "has more than 7 decimals (the smallest unit is 0.0000001 TFT)");
    case DecimalError::kTooLarge:
      return BadAmount(text, "is too large");
  }
  return BadAmount(text, kExpect);
}

Result<uint32_t> ParseCommissionPercent(std::string_view text) {
  constexpr std::string_view kExpect = "is not a percentage (expected e.g. 10 or 2.5, at most 4 decimals)";
  if (text.empty()) return Status::InvalidArgument("bad-commission", "empty commission");
  uint64_t permill = 0;
  switch (ParseFixedPoint(text, kPercentDecimals, &permill)) {
    case DecimalError::kNone:
      break;
    case DecimalError::kMalformed:
      return BadCommission(text, kExpect);
    case DecimalError::kTooManyDecimals:
      return BadCommission(text, "has more than 4 decimals (the smallest step is 0.0001%)");
    case DecimalError::kTooLarge:
      return BadCommission(text, "is above 100%");
  }
  if (permill > chain::kPermillDenominator) return BadCommission(text, "is above 100%");
  return static_cast<uint32_t>(permill);
}

std::string FormatPermillPercent(uint64_t permill) {
  constexpr uint64_t kScale = 10'000;  // permill per percent
  std::string out = std::to_string(permill / kScale);
  if (uint64_t frac = permill % kScale; frac != 0) {
    std::string digits = std::to_string(frac);
    digits.insert(0, static_cast<size_t>(kPercentDecimals) - digits.size(), '0');
    while (digits.back() == '0') digits.pop_back();
    out += "." + digits;
  }
  return out + "%";
}

std::string FormatTft(uint64_t units) {
  std::string frac = std::to_string(units % chain::kUnitsPerTft);
  frac.insert(0, static_cast<size_t>(kTftDecimals) - frac.size(), '0');
  return std::to_string(units / chain::kUnitsPerTft) + "." + frac;
}

std::string FormatTftWithSymbol(uint64_t units) { return FormatTft(units) + " TFT"; }

Result<uint64_t> ParseBaseUnits(std::string_view text) {
  if (text.empty() || (text.size() > 1 && text[0] == '0')) {
    return Status::InvalidArgument("bad-amount", "'" + std::string(text) + "' is not a base-unit amount");
  }
  uint64_t value = 0;
  if (!AccumulateDigits(text, &value)) {
    return Status::InvalidArgument("bad-amount", "'" + std::string(text) + "' is not a base-unit amount");
  }
  return value;
}

Result<uint64_t> ParseDecimalU64(std::string_view text) {
  uint64_t value = 0;
  if (text.empty() || !AccumulateDigits(text, &value)) {
    return Status::InvalidArgument("bad-number", "'" + std::string(text) + "' is not a non-negative integer");
  }
  return value;
}

}  // namespace tfchain::wallet
