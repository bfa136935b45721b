// JSON views of the grid types: exact shapes, FromJson(ToJson(x)) == x, and strict
// rejection of bad input with the "bad-<type>" reason and the member in the detail.
#include "chain/grid_json.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <string>

#include "chain/genesis.h"
#include "chain/json.h"

namespace tfchain::chain {
namespace {

using nlohmann::json;

AccountId AccountOf(uint8_t b) {
  AccountId out;
  out.bytes.fill(b);
  return out;
}

// FromJson(ToJson(value)) == value.
template <typename T, typename FromJson>
void ExpectJsonRoundTrip(const T& value, FromJson from_json) {
  const json j = ToJson(value);
  Result<T> back = from_json(j);
  ASSERT_TRUE(back.ok()) << back.status().ToString() << " for " << j.dump();
  EXPECT_TRUE(*back == value) << j.dump();
  // Also through text.
  Result<T> reparsed = from_json(json::parse(j.dump()));
  ASSERT_TRUE(reparsed.ok());
  EXPECT_TRUE(*reparsed == value);
}

template <typename T>
void ExpectBad(const Result<T>& result, std::string_view reason, std::string_view detail_part) {
  ASSERT_FALSE(result.ok()) << "expected " << reason;
  EXPECT_EQ(result.status().reason(), reason);
  EXPECT_NE(result.status().detail().find(detail_part), std::string_view::npos) << result.status().ToString();
}

FarmingReceipt SampleReceipt() {
  FarmingReceipt r;
  r.period = 12;
  r.node_id = 7;
  r.farm_id = 3;
  r.account = AccountOf(0x42);
  r.policy_id = 1;
  r.cu_rate = 2400;
  r.su_rate = 1000;
  r.ipv4_rate = 5;
  r.minimal_uptime_permill = 950'000;
  r.period_ms = 300'000;
  r.uptime_ms = 290'000;
  r.cu_micro = 7'750'000;
  r.su_micro = 7'333'333;
  r.connection_price_musd = 10;
  r.reward_nusd = UINT64_MAX;
  r.amount = 123'456'789;
  return r;
}

TEST(GridJsonTest, ResourcesAndInterfaces) {
  const Resources r{8, 34'359'738'368, 1'073'741'824'000, 0};
  EXPECT_EQ(ToJson(r), json::parse(R"({"cru":8,"mru":34359738368,"sru":1073741824000,"hru":0})"));
  ExpectJsonRoundTrip(r, ResourcesFromJson);
  ExpectJsonRoundTrip(Resources{UINT64_MAX, 0, 1, 2}, ResourcesFromJson);
  EXPECT_EQ(*ResourcesFromJson(json::parse(R"({"cru":"8","mru":1,"sru":2,"hru":3})")), (Resources{8, 1, 2, 3}));
  ExpectBad(ResourcesFromJson(json::parse(R"({"cru":-1,"mru":1,"sru":2,"hru":3})")), "bad-resources", "cru");
  ExpectBad(ResourcesFromJson(json::parse(R"({"cru":1.5,"mru":1,"sru":2,"hru":3})")), "bad-resources", "cru");
  ExpectBad(ResourcesFromJson(json::parse(R"({"cru":1,"mru":1,"sru":2})")), "bad-resources", "hru: missing");
  ExpectBad(ResourcesFromJson(json::parse(R"({"cru":1,"mru":1,"sru":2,"hru":3,"gpu":1})")), "bad-resources",
            "gpu: unknown member");
  ExpectBad(ResourcesFromJson(json::array()), "bad-resources", "expected an object");

  const NodeInterface i{"zos", "aa:bb", {"10.0.0.1", "fe80::1"}};
  EXPECT_EQ(ToJson(i), json::parse(R"({"name":"zos","mac":"aa:bb","ips":["10.0.0.1","fe80::1"]})"));
  ExpectJsonRoundTrip(i, NodeInterfaceFromJson);
  ExpectBad(NodeInterfaceFromJson(json::parse(R"({"name":"zos","mac":"aa","ips":"10.0.0.1"})")), "bad-node-interface",
            "ips");
  ExpectBad(NodeInterfaceFromJson(json::parse(R"({"name":"zos","mac":"aa","ips":[1]})")), "bad-node-interface", "ips");
  ExpectBad(NodeInterfaceFromJson(json::parse(R"({"name":5,"mac":"aa","ips":[]})")), "bad-node-interface",
            "name: must be a string");
}

TEST(GridJsonTest, LocationUsesSixDecimalDegrees) {
  const Location antwerp{"Antwerp", "Belgium", 51'219'400, -4'402'500};
  EXPECT_EQ(ToJson(antwerp),
            json::parse(R"({"city":"Antwerp","country":"Belgium","latitude":"51.219400","longitude":"-4.402500"})"));
  ExpectJsonRoundTrip(antwerp, LocationFromJson);
  EXPECT_EQ(MicroDegreesToString(0), "0.000000");
  EXPECT_EQ(MicroDegreesToString(-1), "-0.000001");
  EXPECT_EQ(MicroDegreesToString(-180'000'000), "-180.000000");
  EXPECT_EQ(MicroDegreesToString(INT32_MIN), "-2147.483648");
  ExpectJsonRoundTrip(Location{"", "", -1, 180'000'000}, LocationFromJson);

  // Whole degrees as integers.
  auto whole = LocationFromJson(json::parse(R"({"city":"a","country":"b","latitude":-33,"longitude":151})"));
  ASSERT_TRUE(whole.ok());
  EXPECT_EQ(whole->latitude_micro, -33'000'000);
  EXPECT_EQ(whole->longitude_micro, 151'000'000);

  for (const char* bad : {R"("51.2194")", R"("51.2194000")", R"("51")", R"("1234.000000")", R"("+1.000000")",
                          R"(".000000")", R"("1.00000a")", R"("--1.000000")", R"("")", "51.2194", "true", "null",
                          "3000", "-3000", "99999999999999999999"}) {
    SCOPED_TRACE(bad);
    json j = json::parse(R"({"city":"a","country":"b","latitude":0,"longitude":0})");
    j["latitude"] = json::parse(bad);
    ExpectBad(LocationFromJson(j), "bad-location", "latitude");
  }
  ExpectBad(LocationFromJson(json::parse(R"({"city":"a","country":"b","latitude":0})")), "bad-location",
            "longitude: missing");
}

TEST(GridJsonTest, PublicConfig) {
  const PublicConfig full{{"185.69.166.10/24", "185.69.166.1"}, IpConfig{"2a02::10/64", "2a02::1"}, "node.grid.tf"};
  EXPECT_EQ(ToJson(full), json::parse(R"({"ip4":{"ip":"185.69.166.10/24","gw":"185.69.166.1"},
      "ip6":{"ip":"2a02::10/64","gw":"2a02::1"},"domain":"node.grid.tf"})"));
  ExpectJsonRoundTrip(full, PublicConfigFromJson);
  const PublicConfig minimal{{"1.2.3.4/24", "1.2.3.1"}, std::nullopt, std::nullopt};
  EXPECT_EQ(ToJson(minimal), json::parse(R"({"ip4":{"ip":"1.2.3.4/24","gw":"1.2.3.1"},"ip6":null,"domain":null})"));
  ExpectJsonRoundTrip(minimal, PublicConfigFromJson);
  ExpectBad(PublicConfigFromJson(json::parse(R"({"ip4":null,"ip6":null,"domain":null})")), "bad-public-config", "ip4");
  ExpectBad(PublicConfigFromJson(json::parse(R"({"ip4":{"ip":"a","gw":"b"},"ip6":{"ip":"a"},"domain":null})")),
            "bad-public-config", "ip6: bad-ip-config: gw: missing");
  ExpectBad(PublicConfigFromJson(json::parse(R"({"ip4":{"ip":"a","gw":"b"},"ip6":null,"domain":7})")),
            "bad-public-config", "domain");
  ExpectBad(PublicConfigFromJson(json::parse(R"({"ip4":{"ip":"a","gw":"b"},"ip6":null})")), "bad-public-config",
            "domain: missing");
}

TEST(GridJsonTest, Policies) {
  const PricingPolicy pricing = DefaultPricingPolicies()[0];
  const json pj = ToJson(pricing);
  EXPECT_EQ(pj["name"], "threefold_default_pricing_policy");
  EXPECT_EQ(pj["cu"], 100000);
  EXPECT_EQ(pj["foundation_account"], ToSs58(FoundationAccount()));
  EXPECT_EQ(pj["dedicated_discount_percent"], 50);
  EXPECT_EQ(pj.size(), 11u);
  ExpectJsonRoundTrip(pricing, PricingPolicyFromJson);
  json string_amounts = pj;
  string_amounts["su"] = "50000";
  EXPECT_EQ(*PricingPolicyFromJson(string_amounts), pricing);
  json bad = pj;
  bad["dedicated_discount_percent"] = 256;
  ExpectBad(PricingPolicyFromJson(bad), "bad-pricing-policy", "dedicated_discount_percent");
  bad = pj;
  bad["foundation_account"] = "5Foo";
  ExpectBad(PricingPolicyFromJson(bad), "bad-pricing-policy", "foundation_account");
  bad = pj;
  bad["id"] = uint64_t{1} << 32;
  ExpectBad(PricingPolicyFromJson(bad), "bad-pricing-policy", "id");
  bad = pj;
  bad["cu"] = "01";
  ExpectBad(PricingPolicyFromJson(bad), "bad-pricing-policy", "cu");
  bad = pj;
  bad.erase("nu");
  ExpectBad(PricingPolicyFromJson(bad), "bad-pricing-policy", "nu: missing");

  for (const FarmingPolicy& farming : DefaultFarmingPolicies()) ExpectJsonRoundTrip(farming, FarmingPolicyFromJson);
  FarmingPolicy gold = DefaultFarmingPolicies()[1];
  gold.farm_certification = FarmCertification::kGold;
  gold.immutable = true;
  const json fj = ToJson(gold);
  EXPECT_EQ(fj["node_certification"], "certified");
  EXPECT_EQ(fj["farm_certification"], "gold");
  EXPECT_EQ(fj["is_default"], true);
  EXPECT_EQ(fj["immutable"], true);
  ExpectJsonRoundTrip(gold, FarmingPolicyFromJson);
  json fbad = fj;
  fbad["node_certification"] = "Certified";
  ExpectBad(FarmingPolicyFromJson(fbad), "bad-farming-policy", "node_certification: must be one of");
  fbad = fj;
  fbad["farm_certification"] = 1;
  ExpectBad(FarmingPolicyFromJson(fbad), "bad-farming-policy", "farm_certification");
  fbad = fj;
  fbad["immutable"] = 1;
  ExpectBad(FarmingPolicyFromJson(fbad), "bad-farming-policy", "immutable: must be true or false");
}

TEST(GridJsonTest, Params) {
  ExpectJsonRoundTrip(GridParams{}, GridParamsFromJson);
  EXPECT_EQ(ToJson(GridParams{}), json::parse(R"({"uptime_interval_ms":2400000,"farming_period_ms":2592000000,
      "standby_window_ms":86400000,"tft_price_musd":80,"max_payouts_per_block":2000})"));
  ExpectJsonRoundTrip(GovernanceParams{}, GovernanceParamsFromJson);
  EXPECT_EQ(ToJson(GovernanceParams{}), json::parse(R"({"voting_period_blocks":7200,"quorum_permill":500000,
      "threshold_permill":500001,"max_open_proposals":32})"));
  json bad = ToJson(GovernanceParams{});
  bad["quorum_permill"] = uint64_t{1} << 32;
  ExpectBad(GovernanceParamsFromJson(bad), "bad-governance-params", "quorum_permill");
  bad = ToJson(GridParams{});
  bad["tft_price_musd"] = "ten";
  ExpectBad(GridParamsFromJson(bad), "bad-grid-params", "tft_price_musd");
  // FromJson checks types only; ValidateGridParams checks the rules.
  bad = ToJson(GridParams{});
  bad["tft_price_musd"] = 0;
  EXPECT_TRUE(GridParamsFromJson(bad).ok());
}

TEST(GridJsonTest, GovActions) {
  EXPECT_EQ(ToJson(GovAction{SetTftPriceAction{80}}), json::parse(R"({"kind":"set-tft-price","tft_price_musd":80})"));
  EXPECT_EQ(ToJson(GovAction{SetCertifierAction{AccountOf(1), true}}),
            (json{{"kind", "set-certifier"}, {"account", ToSs58(AccountOf(1))}, {"member", true}}));
  EXPECT_EQ(ToJson(GovAction{SetGridParamsAction{}})["params"], ToJson(GridParams{}));
  EXPECT_EQ(ToJson(GovAction{SetPricingPolicyAction{DefaultPricingPolicies()[0]}})["policy"],
            ToJson(DefaultPricingPolicies()[0]));
  for (const GovAction& a :
       {GovAction{SetTftPriceAction{80}}, GovAction{SetPricingPolicyAction{DefaultPricingPolicies()[0]}},
        GovAction{SetFarmingPolicyAction{DefaultFarmingPolicies()[0]}},
        GovAction{SetCertifierAction{AccountOf(3), false}}, GovAction{SetGridParamsAction{}},
        GovAction{SetGovernanceParamsAction{}}, GovAction{ApproveSolutionProviderAction{1, true}}}) {
    SCOPED_TRACE(std::string(GovActionName(a)));
    EXPECT_EQ(ToJson(a)["kind"], GovActionName(a));
    ExpectJsonRoundTrip(a, GovActionFromJson);
  }
  ExpectBad(GovActionFromJson(json::parse(R"({"tft_price_musd":80})")), "bad-gov-action", "kind");
  ExpectBad(GovActionFromJson(json::parse(R"({"kind":"set-price","tft_price_musd":80})")), "bad-gov-action",
            "unknown action \"set-price\"");
  ExpectBad(GovActionFromJson(json::parse(R"({"kind":"set-tft-price","tft_price_musd":80,"x":1})")), "bad-gov-action",
            "x: unknown member");
  ExpectBad(GovActionFromJson(json::parse(R"({"kind":"set-tft-price"})")), "bad-gov-action", "tft_price_musd: missing");
  ExpectBad(GovActionFromJson(json::parse(R"({"kind":"set-certifier","account":"nope","member":true})")),
            "bad-gov-action", "account");
  json nested = ToJson(GovAction{SetFarmingPolicyAction{DefaultFarmingPolicies()[0]}});
  nested["policy"]["cu"] = -5;
  ExpectBad(GovActionFromJson(nested), "bad-gov-action", "policy: bad-farming-policy: cu");
  ExpectBad(GovActionFromJson(json::parse(R"({"kind":"set-grid-params","params":[]})")), "bad-gov-action", "params");
  EXPECT_EQ(ToJson(GovAction{ApproveSolutionProviderAction{1, true}}),
            json::parse(R"({"kind":"approve-solution-provider","provider_id":1,"approved":true})"));
  ExpectBad(GovActionFromJson(json::parse(R"({"kind":"approve-solution-provider","provider_id":-1,"approved":true})")),
            "bad-gov-action", "provider_id");
  ExpectBad(GovActionFromJson(json::parse(R"({"kind":"approve-solution-provider","provider_id":1,"approved":"y"})")),
            "bad-gov-action", "approved");
  ExpectBad(GovActionFromJson(json::parse(R"({"kind":"approve-solution-provider","provider_id":1})")),
            "bad-gov-action", "approved: missing");
}

TEST(GridJsonTest, FarmingReceiptAmountsAreStrings) {
  const FarmingReceipt r = SampleReceipt();
  const json j = ToJson(r);
  EXPECT_EQ(j.size(), 18u);
  EXPECT_EQ(j["reward_nusd"], "18446744073709551615");
  EXPECT_EQ(j["amount"], "123456789");
  EXPECT_EQ(j["account"], ToSs58(r.account));
  EXPECT_EQ(j["uptime_ms"], 290000);
  EXPECT_EQ(j["virtualized"], false);
  ExpectJsonRoundTrip(r, FarmingReceiptFromJson);
  json bad = j;
  bad["amount"] = "-1";
  ExpectBad(FarmingReceiptFromJson(bad), "bad-farming-receipt", "amount");
  bad = j;
  bad.erase("period");
  ExpectBad(FarmingReceiptFromJson(bad), "bad-farming-receipt", "period: missing");
}

TEST(GridJsonTest, CallAndEventArgs) {
  NodeCreateCall node;
  node.farm_id = 3;
  node.resources = {2, 4, 6, 8};
  node.location = {"Ghent", "Belgium", 51'054'300, 3'717'400};
  node.interfaces = {{"zos", "aa", {"10.0.0.1"}}};
  node.agent_endpoint = "http://x";
  const json call = ToJson(Call{node});
  EXPECT_EQ(call["name"], "directory.node_create");
  EXPECT_EQ(call["args"]["farm_id"], 3);
  EXPECT_EQ(call["args"]["resources"], ToJson(node.resources));
  EXPECT_EQ(call["args"]["location"]["latitude"], "51.054300");
  EXPECT_TRUE(call["args"]["public_config"].is_null());
  EXPECT_TRUE(call["args"]["serial"].is_null());
  EXPECT_EQ(call["args"]["interfaces"][0]["name"], "zos");

  EXPECT_EQ(ToJson(Call{TwinCreateCall{"relay", Bytes{0xab, 0xcd}}})["args"],
            json::parse(R"({"relay":"relay","public_key":"0xabcd"})"));
  EXPECT_EQ(ToJson(Call{NodeSetPowerTargetCall{4, PowerState::kDown}})["args"],
            json::parse(R"({"node_id":4,"target":"down"})"));
  const json propose = ToJson(Call{GovProposeCall{SetTftPriceAction{90}, "why"}});
  EXPECT_EQ(propose["name"], "governance.propose");
  EXPECT_EQ(propose["args"]["action"]["kind"], "set-tft-price");
  EXPECT_EQ(propose["args"]["description"], "why");

  const json minted = ToJson(Event{RewardMintedEvent{SampleReceipt()}});
  EXPECT_EQ(minted["name"], "farming.RewardMinted");
  EXPECT_EQ(minted["args"]["receipt"], ToJson(SampleReceipt()));
  EXPECT_EQ(ToJson(Event{FarmCertificationSetEvent{2, FarmCertification::kGold}})["args"],
            json::parse(R"({"farm_id":2,"certification":"gold"})"));
  EXPECT_EQ(ToJson(Event{VotedEvent{1, AccountOf(2), true, 500}})["args"]["power"], "500");
  EXPECT_EQ(ToJson(Event{PeriodSettledEvent{3, 10, 77}})["args"],
            json::parse(R"({"period":3,"nodes":10,"minted":"77"})"));
  EXPECT_EQ(ToJson(Event{RejectedEvent{4, "no-quorum"}})["args"], json::parse(R"({"id":4,"reason":"no-quorum"})"));

  const json sp = ToJson(Call{SolutionProviderCreateCall{"dapp", "", {{AccountOf(1), 10}}}});
  EXPECT_EQ(sp["name"], "directory.solution_provider_create");
  const json share = {{"account", ToSs58(AccountOf(1))}, {"take_percent", 10}};
  EXPECT_EQ(sp["args"], (json{{"description", "dapp"}, {"link", ""}, {"providers", json::array({share})}}));
  EXPECT_EQ(ToJson(Event{SolutionProviderCreatedEvent{3, AccountOf(2)}})["args"],
            (json{{"provider_id", 3}, {"creator", ToSs58(AccountOf(2))}}));
  EXPECT_EQ(ToJson(Event{SolutionProviderApprovedEvent{3, false}})["args"],
            json::parse(R"({"provider_id":3,"approved":false})"));
}

}  // namespace
}  // namespace tfchain::chain
