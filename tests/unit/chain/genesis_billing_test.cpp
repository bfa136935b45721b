// Genesis "billing" section: main-net defaults when absent, the devnet file's values,
// decimal strings for the 64-bit fields, and every refusal (bad-genesis naming the
// field): unknown and missing members, wrong types, out-of-range values, percents not
// summing to 100.
#include <gtest/gtest.h>

#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>

#include "chain/genesis.h"
#include "chain/market_args_json.h"

namespace tfchain::chain {
namespace {

using nlohmann::json;

json DevnetJson() {
  std::ifstream in(std::string(TFCHAIN_SOURCE_DIR) + "/genesis/devnet.json");
  std::stringstream text;
  text << in.rdbuf();
  return json::parse(text.str());
}

Result<Genesis> Parse(const json& j) { return ParseGenesisJson(j.dump()); }

template <typename Mutate>
void ExpectBadGenesis(Mutate mutate, std::string_view detail_part) {
  json j = DevnetJson();
  mutate(j);
  Result<Genesis> g = Parse(j);
  ASSERT_FALSE(g.ok()) << "expected an error containing: " << detail_part;
  EXPECT_EQ(g.status().reason(), "bad-genesis");
  EXPECT_NE(g.status().detail().find(detail_part), std::string_view::npos) << g.status().ToString();
}

TEST(GenesisBillingTest, DevnetFileHasTheDevnetBillingValues) {
  Result<Genesis> g = Parse(DevnetJson());
  ASSERT_TRUE(g.ok()) << g.status().ToString();
  EXPECT_EQ(g->billing, (BillingParams{10, 120'000, 30, 50, 10, 40, 0, 1024}));
}

TEST(GenesisBillingTest, AbsentSectionMeansMainNetDefaults) {
  json j = DevnetJson();
  j.erase("billing");
  Result<Genesis> g = Parse(j);
  ASSERT_TRUE(g.ok()) << g.status().ToString();
  EXPECT_EQ(g->billing, BillingParams{});
  EXPECT_EQ(g->billing.billing_period_blocks, 600u);
}

TEST(GenesisBillingTest, ToJsonIsTheSectionAndSixtyFourBitFieldsMayBeStrings) {
  BillingParams p{7, 60'000, 5, 25, 25, 25, 25, 3};
  json j = DevnetJson();
  j["billing"] = ToJson(p);
  Result<Genesis> g = Parse(j);
  ASSERT_TRUE(g.ok()) << g.status().ToString();
  EXPECT_EQ(g->billing, p);
  j["billing"]["grace_period_ms"] = "60000";
  j["billing"]["billing_period_blocks"] = "7";
  j["billing"]["ack_deadline_blocks"] = "5";
  g = Parse(j);
  ASSERT_TRUE(g.ok()) << g.status().ToString();
  EXPECT_EQ(g->billing, p);
}

TEST(GenesisBillingTest, EveryBadFieldIsRefusedByName) {
  ExpectBadGenesis([](json& j) { j["billing"] = 5; }, "billing: must be an object");
  ExpectBadGenesis([](json& j) { j["billing"]["surprise"] = 1; }, "billing.surprise: unknown field");
  for (const char* key : {"billing_period_blocks", "grace_period_ms", "ack_deadline_blocks", "farmer_percent",
                          "staking_pool_percent", "foundation_percent", "burn_percent", "max_contracts_per_node"}) {
    ExpectBadGenesis([key](json& j) { j["billing"].erase(key); }, std::string("billing.") + key + ": missing");
    ExpectBadGenesis([key](json& j) { j["billing"][key] = -1; }, std::string("billing.") + key);
    ExpectBadGenesis([key](json& j) { j["billing"][key] = 1.5; }, std::string("billing.") + key);
    ExpectBadGenesis([key](json& j) { j["billing"][key] = nullptr; }, std::string("billing.") + key);
  }
  // Percents and the contract limit are integers only.
  ExpectBadGenesis([](json& j) { j["billing"]["farmer_percent"] = "50"; }, "billing.farmer_percent");
  ExpectBadGenesis([](json& j) { j["billing"]["max_contracts_per_node"] = "1024"; }, "billing.max_contracts_per_node");
  ExpectBadGenesis([](json& j) { j["billing"]["burn_percent"] = 101; }, "billing.burn_percent: must be in [0, 100]");
  ExpectBadGenesis([](json& j) { j["billing"]["farmer_percent"] = 256; }, "billing.farmer_percent");
  ExpectBadGenesis([](json& j) { j["billing"]["burn_percent"] = 1; }, "must be 100, not 101");
  ExpectBadGenesis([](json& j) { j["billing"]["staking_pool_percent"] = 0; }, "must be 100, not 90");
  ExpectBadGenesis([](json& j) { j["billing"]["billing_period_blocks"] = 0; }, "billing.billing_period_blocks");
  ExpectBadGenesis([](json& j) { j["billing"]["grace_period_ms"] = 0; }, "billing.grace_period_ms");
  ExpectBadGenesis([](json& j) { j["billing"]["grace_period_ms"] = "281474976710657"; }, "billing.grace_period_ms");
  ExpectBadGenesis([](json& j) { j["billing"]["ack_deadline_blocks"] = 0; }, "billing.ack_deadline_blocks");
  ExpectBadGenesis([](json& j) { j["billing"]["max_contracts_per_node"] = 0; }, "billing.max_contracts_per_node");
  ExpectBadGenesis([](json& j) { j["billing"]["max_contracts_per_node"] = 65'537; },
                   "billing.max_contracts_per_node");
  ExpectBadGenesis([](json& j) { j["billing"]["max_contracts_per_node"] = 4'294'967'296; },
                   "billing.max_contracts_per_node");
}

}  // namespace
}  // namespace tfchain::chain
