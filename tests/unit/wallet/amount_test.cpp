#include "wallet/amount.h"

#include <gtest/gtest.h>

#include <limits>

namespace tfchain::wallet {
namespace {

TEST(ParseTft, AcceptsWholeAndFractionalAmounts) {
  EXPECT_EQ(*ParseTft("1.5"), 15'000'000u);
  EXPECT_EQ(*ParseTft("1"), 10'000'000u);
  EXPECT_EQ(*ParseTft("0"), 0u);
  EXPECT_EQ(*ParseTft("0.0000001"), 1u);
  EXPECT_EQ(*ParseTft("42.1234567"), 421'234'567u);
  EXPECT_EQ(*ParseTft("007.10"), 71'000'000u);
  EXPECT_EQ(*ParseTft("1844674407370.9551615"), std::numeric_limits<uint64_t>::max());
}

TEST(ParseTft, RejectsEveryMalformedAmount) {
  for (const char* bad :
       {"", ".", "1.", ".5", "-1", "+1", "1e3", "1.12345678", " 1", "1 ", "1,5", "1.5.0", "0x10", "abc",
        "1844674407370.9551616", "99999999999999999999", "184467440737095516160", "1.000000000000000000001"}) {
    auto parsed = ParseTft(bad);
    ASSERT_FALSE(parsed.ok()) << "accepted '" << bad << "'";
    EXPECT_EQ(parsed.status().reason(), "bad-amount") << bad;
  }
}

TEST(ParseTft, NamesTheProblem) {
  EXPECT_NE(ParseTft("1.12345678").status().detail().find("more than 7 decimals"), std::string_view::npos);
  EXPECT_NE(ParseTft("99999999999999999999").status().detail().find("too large"), std::string_view::npos);
  EXPECT_NE(ParseTft("-1").status().detail().find("'-1'"), std::string_view::npos);
}

TEST(FormatTft, AlwaysSevenDecimals) {
  EXPECT_EQ(FormatTft(15'000'000), "1.5000000");
  EXPECT_EQ(FormatTft(0), "0.0000000");
  EXPECT_EQ(FormatTft(1), "0.0000001");
  EXPECT_EQ(FormatTft(std::numeric_limits<uint64_t>::max()), "1844674407370.9551615");
  EXPECT_EQ(FormatTftWithSymbol(15'000'000), "1.5000000 TFT");
}

TEST(FormatTft, RoundTripsThroughParse) {
  for (uint64_t units : {0ull, 1ull, 9'999'999ull, 10'000'000ull, 123'456'789'012ull, ~0ull}) {
    EXPECT_EQ(*ParseTft(FormatTft(units)), units);
  }
}

TEST(ParseBaseUnits, StrictDecimal) {
  EXPECT_EQ(*ParseBaseUnits("0"), 0u);
  EXPECT_EQ(*ParseBaseUnits("12500000"), 12'500'000u);
  EXPECT_EQ(*ParseBaseUnits("18446744073709551615"), std::numeric_limits<uint64_t>::max());
  for (const char* bad : {"", "01", "-1", "1.5", "18446744073709551616", " 1", "1a"}) {
    auto parsed = ParseBaseUnits(bad);
    ASSERT_FALSE(parsed.ok()) << bad;
    EXPECT_EQ(parsed.status().reason(), "bad-amount");
  }
}

TEST(ParseDecimalU64, AcceptsDigitsOnly) {
  EXPECT_EQ(*ParseDecimalU64("100"), 100u);
  EXPECT_EQ(*ParseDecimalU64("0100"), 100u);
  EXPECT_EQ(ParseDecimalU64("").status().reason(), "bad-number");
  EXPECT_EQ(ParseDecimalU64("-5").status().reason(), "bad-number");
  EXPECT_EQ(ParseDecimalU64("18446744073709551616").status().reason(), "bad-number");
}

TEST(ParseCommissionPercent, PercentWithUpToFourDecimalsToPermill) {
  EXPECT_EQ(*ParseCommissionPercent("10"), 100'000u);
  EXPECT_EQ(*ParseCommissionPercent("2.5"), 25'000u);
  EXPECT_EQ(*ParseCommissionPercent("0"), 0u);
  EXPECT_EQ(*ParseCommissionPercent("0.0001"), 1u);
  EXPECT_EQ(*ParseCommissionPercent("33.3333"), 333'333u);
  EXPECT_EQ(*ParseCommissionPercent("100"), 1'000'000u);
  EXPECT_EQ(*ParseCommissionPercent("100.0000"), 1'000'000u);
  EXPECT_EQ(*ParseCommissionPercent("007.5"), 75'000u);
}

TEST(ParseCommissionPercent, RejectsEveryMalformedOrOutOfRangePercent) {
  for (const char* bad : {"", ".", "1.", ".5", "-1", "+1", "1e1", "2.12345", "100.0001", "101", "10%", " 1", "1,5",
                          "0x10", "abc", "99999999999999999999", "184467440737095516160"}) {
    auto parsed = ParseCommissionPercent(bad);
    ASSERT_FALSE(parsed.ok()) << "accepted '" << bad << "'";
    EXPECT_EQ(parsed.status().reason(), "bad-commission") << bad;
  }
  EXPECT_NE(ParseCommissionPercent("101").status().detail().find("above 100%"), std::string_view::npos);
  EXPECT_NE(ParseCommissionPercent("2.12345").status().detail().find("more than 4 decimals"), std::string_view::npos);
  EXPECT_NE(ParseCommissionPercent("x").status().detail().find("'x'"), std::string_view::npos);
}

TEST(FormatPermillPercent, TrimsTrailingZeros) {
  EXPECT_EQ(FormatPermillPercent(100'000), "10%");
  EXPECT_EQ(FormatPermillPercent(25'000), "2.5%");
  EXPECT_EQ(FormatPermillPercent(1), "0.0001%");
  EXPECT_EQ(FormatPermillPercent(0), "0%");
  EXPECT_EQ(FormatPermillPercent(1'000'000), "100%");
  EXPECT_EQ(FormatPermillPercent(333'330), "33.333%");
  for (uint32_t permill : {0u, 1u, 10u, 25'000u, 333'333u, 999'999u, 1'000'000u}) {
    std::string text = FormatPermillPercent(permill);
    text.pop_back();  // "%"
    EXPECT_EQ(*ParseCommissionPercent(text), permill);
  }
}

}  // namespace
}  // namespace tfchain::wallet
