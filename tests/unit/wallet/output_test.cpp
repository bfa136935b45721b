// How calls and events read in human output: every amount in TFT.
#include "wallet/output.h"

#include <gtest/gtest.h>

#include "chain/json.h"

namespace tfchain::wallet {
namespace {

chain::AccountId Filled(uint8_t fill) {
  chain::AccountId a;
  a.bytes.fill(fill);
  return a;
}

std::string EventText(const chain::Event& event) { return FormatNamedArgs(chain::ToJson(event)); }

TEST(FormatNamedArgs, FeePaidShowsEverySplitInTft) {
  const std::string text = EventText(chain::FeePaidEvent{Filled(1), 12'000, Filled(2), 2'400, 1'200, 8'400});
  EXPECT_NE(text.find("balances.FeePaid "), std::string::npos) << text;
  EXPECT_NE(text.find("fee=0.0012000 TFT"), std::string::npos) << text;
  EXPECT_NE(text.find("to_proposer=0.0002400 TFT"), std::string::npos) << text;
  EXPECT_NE(text.find("to_pool=0.0001200 TFT"), std::string::npos) << text;
  EXPECT_NE(text.find("burned=0.0008400 TFT"), std::string::npos) << text;
  EXPECT_NE(text.find("payer=" + chain::ToSs58(Filled(1))), std::string::npos) << text;
}

TEST(FormatNamedArgs, StakingEventAmountsInTft) {
  const std::vector<std::pair<chain::Event, std::string>> cases = {
      {chain::BondedEvent{Filled(1), Filled(2), 15'000'000}, "staking.Bonded"},
      {chain::UnbondedEvent{Filled(1), Filled(2), 15'000'000, 77}, "staking.Unbonded"},
      {chain::WithdrawnEvent{Filled(2), 15'000'000}, "staking.Withdrawn"},
      {chain::RewardPaidEvent{Filled(1), Filled(2), 15'000'000}, "staking.RewardPaid"},
      {chain::SlashedEvent{Filled(1), 15'000'000, chain::SlashReason::kDowntime}, "staking.Slashed"},
  };
  for (const auto& [event, name] : cases) {
    const std::string text = EventText(event);
    EXPECT_EQ(text.rfind(name + " ", 0), 0u) << text;
    EXPECT_NE(text.find("amount=1.5000000 TFT"), std::string::npos) << text;
    EXPECT_EQ(text.find("15000000"), std::string::npos) << "raw base units in: " << text;
  }
  EXPECT_NE(EventText(chain::UnbondedEvent{Filled(1), Filled(2), 1, 77}).find("release_height=77"), std::string::npos);
  EXPECT_NE(EventText(chain::SlashedEvent{Filled(1), 1, chain::SlashReason::kDowntime}).find("reason=downtime"),
            std::string::npos);
}

TEST(FormatNamedArgs, CommissionRatesAlsoAsPercent) {
  EXPECT_NE(EventText(chain::CommissionChangedEvent{Filled(1), 25'000}).find("commission_permill=25000 (2.5%)"),
            std::string::npos);
  const std::string call =
      FormatNamedArgs(chain::ToJson(chain::Call(chain::RegisterValidatorCall{Filled(3), 100'000})));
  EXPECT_NE(call.find("staking.register_validator "), std::string::npos) << call;
  EXPECT_NE(call.find("commission_permill=100000 (10%)"), std::string::npos) << call;
  EXPECT_NE(call.find("consensus_key=" + chain::ToSs58(Filled(3))), std::string::npos) << call;
}

}  // namespace
}  // namespace tfchain::wallet
