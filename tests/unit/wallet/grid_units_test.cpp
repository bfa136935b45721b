// Byte sizes, fixed-point numbers and block times as the grid commands read and show them.
#include "wallet/grid_units.h"

#include <gtest/gtest.h>

#include <limits>

namespace tfchain::wallet {
namespace {

constexpr uint64_t kKiB = 1024;
constexpr uint64_t kMiB = kKiB * 1024;
constexpr uint64_t kGiB = kMiB * 1024;
constexpr uint64_t kTiB = kGiB * 1024;

TEST(ParseByteSize, UnitsAre1024Multiples) {
  EXPECT_EQ(*ParseByteSize("100B"), 100u);
  EXPECT_EQ(*ParseByteSize("1KB"), kKiB);
  EXPECT_EQ(*ParseByteSize("512MB"), 512 * kMiB);
  EXPECT_EQ(*ParseByteSize("8GB"), 8 * kGiB);
  EXPECT_EQ(*ParseByteSize("1TB"), kTiB);
  EXPECT_EQ(*ParseByteSize("0GB"), 0u);
  // Any letter case, and the binary spellings.
  EXPECT_EQ(*ParseByteSize("8gb"), 8 * kGiB);
  EXPECT_EQ(*ParseByteSize("8Gb"), 8 * kGiB);
  EXPECT_EQ(*ParseByteSize("8GiB"), 8 * kGiB);
  EXPECT_EQ(*ParseByteSize("2tib"), 2 * kTiB);
  EXPECT_EQ(*ParseByteSize("3b"), 3u);
}

TEST(ParseByteSize, DecimalsAreExactAndRoundUp) {
  EXPECT_EQ(*ParseByteSize("1.5TB"), kTiB + kTiB / 2);
  EXPECT_EQ(*ParseByteSize("0.5GB"), kGiB / 2);
  EXPECT_EQ(*ParseByteSize("2.25GB"), 2 * kGiB + kGiB / 4);
  // 0.1 KB = 102.4 bytes: rounded up, so that "free >= size" asks for at least that.
  EXPECT_EQ(*ParseByteSize("0.1KB"), 103u);
  EXPECT_EQ(*ParseByteSize("0.000000001TB"), 1100u);  // 1099.511627776 -> 1100
  EXPECT_EQ(*ParseByteSize("007.50MB"), 7 * kMiB + kMiB / 2);
  // The largest size that fits: 16 EiB - 1 is 16777216 TB - 1 byte.
  EXPECT_EQ(*ParseByteSize("18446744073709551615B"), std::numeric_limits<uint64_t>::max());
}

TEST(ParseByteSize, RejectsMalformedSizes) {
  for (const char* bad : {"", "8", "GB", "8 GB", " 8GB", "8GB ", "-8GB", "+8GB", "8XB", "8G", "8PB", "1.GB", ".5GB",
                          "1.5.1GB", "1e3GB", "0x10GB", "1,5GB", "1.0000000001GB", "16777216TB",
                          "18446744073709551616B", "99999999999999999999999TB"}) {
    auto parsed = ParseByteSize(bad);
    ASSERT_FALSE(parsed.ok()) << "accepted '" << bad << "'";
    EXPECT_EQ(parsed.status().reason(), "bad-size") << bad;
  }
  EXPECT_NE(ParseByteSize("8").status().detail().find("needs a unit"), std::string_view::npos);
  EXPECT_NE(ParseByteSize("8PB").status().detail().find("unknown unit"), std::string_view::npos);
  EXPECT_NE(ParseByteSize("16777216TB").status().detail().find("too large"), std::string_view::npos);
  EXPECT_NE(ParseByteSize("1.0000000001GB").status().detail().find("more than 9 decimals"), std::string_view::npos);
  EXPECT_NE(ParseByteSize("x").status().detail().find("'x'"), std::string_view::npos);
}

TEST(FormatByteSize, LargestUnitFlooredToTwoDecimals) {
  EXPECT_EQ(FormatByteSize(0), "0 B");
  EXPECT_EQ(FormatByteSize(1000), "1000 B");
  EXPECT_EQ(FormatByteSize(kKiB), "1 KB");
  EXPECT_EQ(FormatByteSize(8 * kGiB), "8 GB");
  EXPECT_EQ(FormatByteSize(kTiB + kTiB / 2), "1.5 TB");
  EXPECT_EQ(FormatByteSize(1'000'000'000'000), "931.32 GB");  // a "1 TB" disk: never rounded up
  EXPECT_EQ(FormatByteSize(kGiB - 1), "1023.99 MB");
  EXPECT_EQ(FormatByteSize(2048 * kTiB), "2048 TB");
  EXPECT_EQ(FormatByteSize(std::numeric_limits<uint64_t>::max()), "16777215.99 TB");
  // What ParseByteSize reads back is never more than what was shown.
  for (uint64_t bytes : {kGiB + 1, 3 * kTiB + 12345, 999 * kMiB + 7}) {
    std::string shown = FormatByteSize(bytes);
    shown.erase(shown.find(' '), 1);
    EXPECT_LE(*ParseByteSize(shown), bytes) << shown;
  }
}

TEST(FormatScaled, ExactWithoutTrailingZeros) {
  EXPECT_EQ(FormatScaled(12'500'000, 6), "12.5");
  EXPECT_EQ(FormatScaled(3, 0), "3");
  EXPECT_EQ(FormatScaled(0, 6), "0");
  EXPECT_EQ(FormatScaled(5, 9), "0.000000005");
  EXPECT_EQ(FormatScaled(80, 3), "0.08");
  EXPECT_EQ(FormatScaled(1'000'000, 6), "1");
  EXPECT_EQ(FormatScaled(std::numeric_limits<uint64_t>::max(), 18), "18.446744073709551615");
}

TEST(FormatTimeMs, UtcSeconds) {
  EXPECT_EQ(FormatTimeMs(0), "1970-01-01 00:00:00 UTC");
  EXPECT_EQ(FormatTimeMs(1'700'000'000'999), "2023-11-14 22:13:20 UTC");
}

}  // namespace
}  // namespace tfchain::wallet
