// Genesis "grid" and "governance" sections: main-net defaults when absent, the devnet
// file's values, and every validation error (bad-genesis naming the field).
#include <gtest/gtest.h>

#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>

#include "chain/genesis.h"
#include "chain/grid_json.h"

namespace tfchain::chain {
namespace {

using nlohmann::json;

constexpr const char* kAlice = "5FA9nQDVg267DEd8m1ZypXLBnvN7SFxYwV7ndqSYGiN9TTpu";

json DevnetJson() {
  std::ifstream in(std::string(TFCHAIN_SOURCE_DIR) + "/genesis/devnet.json");
  std::stringstream text;
  text << in.rdbuf();
  return json::parse(text.str());
}

Result<Genesis> Parse(const json& j) { return ParseGenesisJson(j.dump()); }

// The devnet file with `mutate` applied must fail with bad-genesis and a detail
// containing `detail_part`.
template <typename Mutate>
void ExpectBadGenesis(Mutate mutate, std::string_view detail_part) {
  json j = DevnetJson();
  mutate(j);
  Result<Genesis> g = Parse(j);
  ASSERT_FALSE(g.ok()) << "expected an error containing: " << detail_part;
  EXPECT_EQ(g.status().reason(), "bad-genesis");
  EXPECT_NE(g.status().detail().find(detail_part), std::string_view::npos) << g.status().ToString();
}

TEST(GenesisGridTest, DevnetFileHasTheDevnetGridValues) {
  Result<Genesis> g = Parse(DevnetJson());
  ASSERT_TRUE(g.ok()) << g.status().ToString();
  EXPECT_EQ(g->grid.uptime_interval_ms, 10'000u);
  EXPECT_EQ(g->grid.farming_period_ms, 300'000u);
  EXPECT_EQ(g->grid.standby_window_ms, 86'400'000u);
  EXPECT_EQ(g->grid.tft_price_musd, 10u);
  EXPECT_EQ(g->grid.max_payouts_per_block, 2'000u);
  ASSERT_EQ(g->certifiers.size(), 1u);
  EXPECT_EQ(ToSs58(g->certifiers[0]), kAlice);
  EXPECT_EQ(g->pricing_policies, DefaultPricingPolicies());
  EXPECT_EQ(g->farming_policies, DefaultFarmingPolicies());
  EXPECT_EQ(g->governance.voting_period_blocks, 20u);
  EXPECT_EQ(g->governance.quorum_permill, 500'000u);
  EXPECT_EQ(g->governance.threshold_permill, 500'001u);
  EXPECT_EQ(g->governance.max_open_proposals, 32u);
}

TEST(GenesisGridTest, AbsentSectionsMeanMainNetDefaults) {
  json j = DevnetJson();
  j.erase("grid");
  j.erase("governance");
  Result<Genesis> g = Parse(j);
  ASSERT_TRUE(g.ok()) << g.status().ToString();
  EXPECT_EQ(g->grid, GridParams{});
  EXPECT_EQ(g->grid.uptime_interval_ms, 2'400'000u);
  EXPECT_EQ(g->grid.tft_price_musd, 80u);
  EXPECT_EQ(g->governance, GovernanceParams{});
  EXPECT_EQ(g->governance.voting_period_blocks, 7200u);
  EXPECT_TRUE(g->certifiers.empty());
  ASSERT_EQ(g->pricing_policies.size(), 1u);
  EXPECT_EQ(g->pricing_policies[0].id, 1u);
  EXPECT_EQ(g->pricing_policies[0].name, "threefold_default_pricing_policy");
  EXPECT_EQ(g->pricing_policies[0].su, 50'000u);
  EXPECT_EQ(g->pricing_policies[0].nu, 15'000u);
  EXPECT_EQ(g->pricing_policies[0].ipu, 40'000u);
  EXPECT_EQ(g->pricing_policies[0].unique_name, 2'500u);
  EXPECT_EQ(g->pricing_policies[0].domain_name, 5'000u);
  EXPECT_EQ(g->pricing_policies[0].certified_sales_account, FoundationAccount());
  ASSERT_EQ(g->farming_policies.size(), 2u);
  EXPECT_EQ(g->farming_policies[0].name, "diy");
  EXPECT_EQ(g->farming_policies[0].nu, 30u);
  EXPECT_EQ(g->farming_policies[0].ipv4, 5u);
  EXPECT_EQ(g->farming_policies[0].minimal_uptime_permill, 950'000u);
  EXPECT_TRUE(g->farming_policies[0].is_default);
  EXPECT_FALSE(g->farming_policies[0].immutable);
  EXPECT_EQ(g->farming_policies[1].name, "certified");
  EXPECT_EQ(g->farming_policies[1].cu, 3'000u);
  EXPECT_EQ(g->farming_policies[1].nu, 38u);
  EXPECT_EQ(g->farming_policies[1].ipv4, 6u);
  // A Genesis built in code has the same defaults.
  EXPECT_EQ(Genesis{}.pricing_policies, g->pricing_policies);
  EXPECT_EQ(Genesis{}.farming_policies, g->farming_policies);

  // Each section on its own.
  json only_governance = DevnetJson();
  only_governance.erase("grid");
  Result<Genesis> og = Parse(only_governance);
  ASSERT_TRUE(og.ok());
  EXPECT_EQ(og->grid, GridParams{});
  EXPECT_EQ(og->governance.voting_period_blocks, 20u);
}

TEST(GenesisGridTest, AcceptsDecimalStringsAndMorePolicies) {
  json j = DevnetJson();
  j["grid"]["tft_price_musd"] = "25";
  j["grid"]["pricing_policies"][0]["cu"] = "123";
  json extra = j["grid"]["farming_policies"][1];
  extra["id"] = 3;
  extra["name"] = "gold";
  extra["farm_certification"] = "gold";
  extra["immutable"] = true;
  j["grid"]["farming_policies"].push_back(extra);
  j["grid"]["certifiers"] = {kAlice, "5GoNkf6WdbxCFnPdAnYYQyCjAKPJgLNxXwPjwTh6DGg6gN3E"};
  Result<Genesis> g = Parse(j);
  ASSERT_TRUE(g.ok()) << g.status().ToString();
  EXPECT_EQ(g->grid.tft_price_musd, 25u);
  EXPECT_EQ(g->pricing_policies[0].cu, 123u);
  ASSERT_EQ(g->farming_policies.size(), 3u);
  EXPECT_EQ(g->farming_policies[2].farm_certification, FarmCertification::kGold);
  EXPECT_TRUE(g->farming_policies[2].immutable);
  ASSERT_EQ(g->certifiers.size(), 2u);
  EXPECT_LT(g->certifiers[0], g->certifiers[1]);  // sorted
}

TEST(GenesisGridTest, RejectsBadGridSections) {
  ExpectBadGenesis([](json& j) { j["grid"] = json::array(); }, "grid: must be an object");
  ExpectBadGenesis([](json& j) { j["grid"]["extra"] = 1; }, "grid.extra: unknown field");
  ExpectBadGenesis([](json& j) { j["grid"].erase("standby_window_ms"); }, "grid.standby_window_ms: missing");
  ExpectBadGenesis([](json& j) { j["grid"].erase("certifiers"); }, "grid.certifiers: missing");
  ExpectBadGenesis([](json& j) { j["grid"].erase("pricing_policies"); }, "grid.pricing_policies: missing");
  ExpectBadGenesis([](json& j) { j["grid"].erase("farming_policies"); }, "grid.farming_policies: missing");
  ExpectBadGenesis([](json& j) { j["grid"]["uptime_interval_ms"] = -1; }, "grid.uptime_interval_ms");
  ExpectBadGenesis([](json& j) { j["grid"]["uptime_interval_ms"] = 0; }, "grid.uptime_interval_ms");
  ExpectBadGenesis([](json& j) { j["grid"]["farming_period_ms"] = 20'000; },
                   "grid.farming_period_ms: must exceed 2 x uptime_interval_ms");
  ExpectBadGenesis([](json& j) { j["grid"]["standby_window_ms"] = 0; }, "grid.standby_window_ms");
  ExpectBadGenesis([](json& j) { j["grid"]["tft_price_musd"] = 0; }, "grid.tft_price_musd: must be at least 1");
  ExpectBadGenesis([](json& j) { j["grid"]["tft_price_musd"] = 1.5; }, "grid.tft_price_musd");
  ExpectBadGenesis([](json& j) { j["grid"]["max_payouts_per_block"] = 0; }, "grid.max_payouts_per_block");
}

TEST(GenesisGridTest, RejectsBadCertifiers) {
  ExpectBadGenesis([](json& j) { j["grid"]["certifiers"] = kAlice; }, "grid.certifiers: must be an array");
  ExpectBadGenesis(
      [](json& j) {
        j["grid"]["certifiers"] = {kAlice, kAlice};
      },
      "grid.certifiers[1]: duplicate certifier");
  ExpectBadGenesis([](json& j) { j["grid"]["certifiers"] = {"5Bad"}; }, "grid.certifiers[0]: bad-ss58");
  ExpectBadGenesis([](json& j) { j["grid"]["certifiers"] = {1}; }, "grid.certifiers[0]: must be an SS58 address");
}

TEST(GenesisGridTest, RejectsBadPolicies) {
  ExpectBadGenesis([](json& j) { j["grid"]["pricing_policies"] = json::array(); },
                   "grid.pricing_policies: must be a non-empty array");
  ExpectBadGenesis([](json& j) { j["grid"]["farming_policies"] = json::object(); },
                   "grid.farming_policies: must be a non-empty array");
  ExpectBadGenesis([](json& j) { j["grid"]["pricing_policies"][0] = 1; },
                   "grid.pricing_policies[0]: must be an object");
  ExpectBadGenesis([](json& j) { j["grid"]["pricing_policies"][0]["id"] = 2; },
                   "grid.pricing_policies[0].id: policy ids must be 1..n in order");
  ExpectBadGenesis([](json& j) { j["grid"]["farming_policies"][1]["id"] = 1; },
                   "grid.farming_policies[1].id: policy ids must be 1..n in order");
  ExpectBadGenesis([](json& j) { j["grid"]["pricing_policies"][0]["extra"] = 1; },
                   "grid.pricing_policies[0].extra: unknown member");
  ExpectBadGenesis([](json& j) { j["grid"]["pricing_policies"][0].erase("su"); },
                   "grid.pricing_policies[0].su: missing");
  ExpectBadGenesis([](json& j) { j["grid"]["pricing_policies"][0]["dedicated_discount_percent"] = 101; },
                   "grid.pricing_policies[0].dedicated_discount_percent: must be at most 100");
  ExpectBadGenesis([](json& j) { j["grid"]["pricing_policies"][0]["name"] = ""; }, "grid.pricing_policies[0].name");
  ExpectBadGenesis([](json& j) { j["grid"]["pricing_policies"][0]["foundation_account"] = "x"; },
                   "grid.pricing_policies[0].foundation_account");
  ExpectBadGenesis([](json& j) { j["grid"]["farming_policies"][0]["minimal_uptime_permill"] = 1'000'001; },
                   "grid.farming_policies[0].minimal_uptime_permill");
  ExpectBadGenesis([](json& j) { j["grid"]["farming_policies"][0]["node_certification"] = "gold"; },
                   "grid.farming_policies[0].node_certification");
  ExpectBadGenesis([](json& j) { j["grid"]["farming_policies"][0]["is_default"] = false; },
                   "grid.farming_policies: needs a default policy with node_certification diy");
  ExpectBadGenesis(
      [](json& j) {
        j["grid"]["farming_policies"][0]["farm_certification"] = "gold";  // no longer a fallback policy
      },
      "grid.farming_policies: needs a default policy");
}

TEST(GenesisGridTest, RejectsBadGovernanceSections) {
  ExpectBadGenesis([](json& j) { j["governance"] = 5; }, "governance: must be an object");
  ExpectBadGenesis([](json& j) { j["governance"]["extra"] = 1; }, "governance.extra: unknown member");
  ExpectBadGenesis([](json& j) { j["governance"].erase("quorum_permill"); }, "governance.quorum_permill: missing");
  ExpectBadGenesis([](json& j) { j["governance"]["voting_period_blocks"] = 0; }, "governance.voting_period_blocks");
  ExpectBadGenesis([](json& j) { j["governance"]["quorum_permill"] = 0; }, "governance.quorum_permill");
  ExpectBadGenesis([](json& j) { j["governance"]["threshold_permill"] = 1'000'001; }, "governance.threshold_permill");
  ExpectBadGenesis([](json& j) { j["governance"]["max_open_proposals"] = 0; }, "governance.max_open_proposals");
  ExpectBadGenesis([](json& j) { j["governance"]["max_open_proposals"] = -3; }, "governance.max_open_proposals");
}

}  // namespace
}  // namespace tfchain::chain
