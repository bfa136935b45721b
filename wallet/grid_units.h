#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "chain/status.h"

namespace tfchain::wallet {

// Numbers of the grid commands as users type and read them: byte sizes of node
// capacity and fixed-point values (farming units, USD). Exact integer arithmetic.
// Pure functions; thread-safe.

// Parses a byte size: DIGITS [ "." DIGITS ] UNIT, the unit one of B, KB, MB, GB, TB
// (also KiB, MiB, GiB, TiB; any letter case), in multiples of 1024: "8GB" =
// 8 * 2^30, "1.5TB" = 1.5 * 2^40, "100B". At most 9 decimals; a fraction of a byte is
// rounded up ("0.1KB" = 103) so that a "free >= size" filter never asks for less than
// typed. No sign, spaces or bare numbers (the unit is required). Error
// (InvalidArgument): "bad-size" with a detail naming the input.
chain::Result<uint64_t> ParseByteSize(std::string_view text);

// Formats bytes in the largest unit (B, KB, MB, GB, TB; 1024 multiples) not above
// the value, floored to 2 decimals without trailing zeros: 8 * 2^30 -> "8 GB",
// 1.5 * 2^40 -> "1.5 TB", 1000 -> "1000 B", 0 -> "0 B". Never overstates capacity.
std::string FormatByteSize(uint64_t bytes);

// value / 10^decimals exactly, without trailing zeros: (12500000, 6) -> "12.5",
// (3, 0) -> "3", (5, 9) -> "0.000000005". decimals in 0..18.
std::string FormatScaled(uint64_t value, int decimals);

// A block time in milliseconds since the Unix epoch as "2024-05-01 12:00:00 UTC".
std::string FormatTimeMs(uint64_t ms);

}  // namespace tfchain::wallet
