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

}  // namespace
}  // namespace tfchain::wallet
