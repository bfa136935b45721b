// TFT amount grammar (user input):
//   amount := digit+ [ "." digit{1,7} ]        value = int * 10^7 + frac * 10^(7 - len)
// Base units (node output):
//   units  := "0" | nonzero-digit digit*       value < 2^64
#include "wallet/amount.h"

#include <limits>

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

Status BadAmount(std::string_view text, std::string_view why) {
  return Status::InvalidArgument("bad-amount", "'" + std::string(text) + "' " + std::string(why));
}

}  // namespace

Result<uint64_t> ParseTft(std::string_view text) {
  constexpr std::string_view kExpect = "is not a TFT amount (expected e.g. 1.5, at most 7 decimals)";
  if (text.empty()) return Status::InvalidArgument("bad-amount", "empty amount");
  size_t dot = text.find('.');
  std::string_view int_part = text.substr(0, dot);
  std::string_view frac_part = dot == std::string_view::npos ? std::string_view() : text.substr(dot + 1);
  if (int_part.empty()) return BadAmount(text, kExpect);
  if (dot != std::string_view::npos && frac_part.empty()) return BadAmount(text, kExpect);
  for (std::string_view part : {int_part, frac_part}) {
    for (char c : part) {
      if (!IsDigit(c)) return BadAmount(text, kExpect);
    }
  }
  if (frac_part.size() > static_cast<size_t>(kTftDecimals)) {
    return BadAmount(text, "has more than 7 decimals (the smallest unit is 0.0000001 TFT)");
  }

  uint64_t whole = 0;
  if (!AccumulateDigits(int_part, &whole)) return BadAmount(text, "is too large");
  uint64_t frac = 0;
  if (!AccumulateDigits(frac_part, &frac)) return BadAmount(text, kExpect);
  for (size_t i = frac_part.size(); i < static_cast<size_t>(kTftDecimals); ++i) frac *= 10;

  unsigned __int128 units = static_cast<unsigned __int128>(whole) * chain::kUnitsPerTft + frac;
  if (units > std::numeric_limits<uint64_t>::max()) return BadAmount(text, "is too large");
  return static_cast<uint64_t>(units);
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
