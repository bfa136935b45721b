// Byte-size grammar (user input):
//   size := digit+ [ "." digit{1,9} ] unit
//   unit := B | KB | MB | GB | TB | KiB | MiB | GiB | TiB     (ASCII case-insensitive)
//   bytes = ceil((int + frac / 10^len) * 1024^k), k = 0..4, must fit uint64
#include "wallet/grid_units.h"

#include <array>
#include <cctype>
#include <ctime>
#include <limits>

namespace tfchain::wallet {
namespace {

using chain::Result;
using chain::Status;

constexpr size_t kMaxSizeDecimals = 9;

Status BadSize(std::string_view text, std::string_view why) {
  return Status::InvalidArgument("bad-size", "'" + std::string(text) + "' " + std::string(why));
}

std::string Lower(std::string_view text) {
  std::string out(text);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

// 1024^k for a unit name, 0 when unknown.
uint64_t UnitMultiple(std::string_view unit) {
  const std::string u = Lower(unit);
  constexpr std::array<std::string_view, 5> kShort = {"b", "kb", "mb", "gb", "tb"};
  constexpr std::array<std::string_view, 5> kBinary = {"", "kib", "mib", "gib", "tib"};
  for (size_t k = 0; k < kShort.size(); ++k) {
    if (u == kShort[k] || (!kBinary[k].empty() && u == kBinary[k])) return uint64_t{1} << (10 * k);
  }
  return 0;
}

bool AllDigits(std::string_view text) {
  for (char c : text) {
    if (c < '0' || c > '9') return false;
  }
  return true;
}

}  // namespace

Result<uint64_t> ParseByteSize(std::string_view text) {
  constexpr std::string_view kExpect = "is not a size (expected e.g. 8GB, 1.5TB or 512MB; 1 KB = 1024 B)";
  size_t unit_start = 0;
  while (unit_start < text.size() && (std::isdigit(static_cast<unsigned char>(text[unit_start])) != 0 ||
                                      text[unit_start] == '.')) {
    ++unit_start;
  }
  const std::string_view number = text.substr(0, unit_start);
  const std::string_view unit = text.substr(unit_start);
  if (number.empty()) return BadSize(text, kExpect);
  if (unit.empty()) return BadSize(text, "needs a unit: B, KB, MB, GB or TB (1 KB = 1024 B)");
  const uint64_t multiple = UnitMultiple(unit);
  if (multiple == 0) return BadSize(text, "has an unknown unit (expected B, KB, MB, GB or TB)");

  const size_t dot = number.find('.');
  const std::string_view whole_part = number.substr(0, dot);
  const std::string_view frac_part = dot == std::string_view::npos ? std::string_view() : number.substr(dot + 1);
  if (whole_part.empty() || !AllDigits(whole_part) || (dot != std::string_view::npos && frac_part.empty()) ||
      !AllDigits(frac_part)) {
    return BadSize(text, kExpect);
  }
  if (frac_part.size() > kMaxSizeDecimals) return BadSize(text, "has more than 9 decimals");

  using u128 = unsigned __int128;
  constexpr u128 kMax = std::numeric_limits<uint64_t>::max();
  u128 whole = 0;
  for (char c : whole_part) {
    whole = whole * 10 + static_cast<u128>(c - '0');
    if (whole > kMax) return BadSize(text, "is too large");
  }
  u128 frac = 0;
  u128 scale = 1;
  for (char c : frac_part) {
    frac = frac * 10 + static_cast<u128>(c - '0');
    scale *= 10;
  }
  // frac < 10^9 and multiple <= 2^40: the product fits easily.
  const u128 frac_bytes = (frac * multiple + scale - 1) / scale;  // rounded up
  const u128 bytes = whole * multiple + frac_bytes;
  if (bytes > kMax) return BadSize(text, "is too large");
  return static_cast<uint64_t>(bytes);
}

std::string FormatByteSize(uint64_t bytes) {
  constexpr std::array<std::string_view, 5> kUnits = {"B", "KB", "MB", "GB", "TB"};
  size_t k = 0;
  while (k + 1 < kUnits.size() && bytes >= (uint64_t{1} << (10 * (k + 1)))) ++k;
  const uint64_t multiple = uint64_t{1} << (10 * k);
  // Hundredths of the unit, floored.
  const auto hundredths = static_cast<uint64_t>(static_cast<unsigned __int128>(bytes) * 100 / multiple);
  return FormatScaled(hundredths, 2) + " " + std::string(kUnits[k]);
}

std::string FormatScaled(uint64_t value, int decimals) {
  uint64_t scale = 1;
  for (int i = 0; i < decimals; ++i) scale *= 10;
  std::string out = std::to_string(value / scale);
  if (uint64_t frac = value % scale; frac != 0) {
    std::string digits = std::to_string(frac);
    digits.insert(0, static_cast<size_t>(decimals) - digits.size(), '0');
    while (digits.back() == '0') digits.pop_back();
    out += "." + digits;
  }
  return out;
}

std::string FormatTimeMs(uint64_t ms) {
  const auto seconds = static_cast<std::time_t>(ms / 1000);
  std::tm utc{};
  if (gmtime_r(&seconds, &utc) == nullptr) return std::to_string(ms) + " ms";
  char text[32];
  if (std::strftime(text, sizeof(text), "%Y-%m-%d %H:%M:%S UTC", &utc) == 0) return std::to_string(ms) + " ms";
  return text;
}

}  // namespace tfchain::wallet
