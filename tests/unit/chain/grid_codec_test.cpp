// Grid vocabulary codecs: every directory, farming and governance call and event
// round-trips with its (module, index) tag and name; governance actions; wire layouts;
// rejection of unknown tags and enum values, trailing bytes and over-cap input; the
// shared validation rules and enum names.
#include <gtest/gtest.h>

#include <string>
#include <tuple>
#include <vector>

#include "chain/call.h"
#include "chain/event.h"
#include "chain/genesis.h"
#include "chain/gov_action.h"
#include "chain/grid_types.h"
#include "chain/hash.h"

namespace tfchain::chain {
namespace {

constexpr size_t kBig = 1 << 24;

AccountId AccountOf(uint8_t b) {
  AccountId out;
  out.bytes.fill(b);
  return out;
}

template <typename T>
void ExpectRoundTrip(const T& value) {
  Result<T> back = DecodeExact<T>(Encode(value), kBig);
  ASSERT_TRUE(back.ok()) << back.status().ToString();
  EXPECT_TRUE(*back == value);
}

void AppendLe(Bytes* out, uint64_t v, int n) {
  for (int i = 0; i < n; ++i) out->push_back(static_cast<uint8_t>(v >> (8 * i)));
}
void AppendStr(Bytes* out, std::string_view s) {
  out->push_back(static_cast<uint8_t>(s.size() << 2));  // compact, single-byte mode
  out->insert(out->end(), s.begin(), s.end());
}

Resources SampleResources() { return {8, 32ull << 30, 1000ull << 30, 4000ull << 30}; }
Location SampleLocation() { return {"Antwerp", "Belgium", 51'219'400, -4'402'500}; }
PublicConfig SamplePublicConfig() {
  return {{"185.69.166.10/24", "185.69.166.1"}, IpConfig{"2a02:1802:5e::10/64", "2a02:1802:5e::1"}, "node.grid.tf"};
}
PricingPolicy SamplePricingPolicy() { return DefaultPricingPolicies()[0]; }
FarmingPolicy SampleFarmingPolicy() { return DefaultFarmingPolicies()[1]; }

NodeCreateCall SampleNodeCreate() {
  NodeCreateCall c;
  c.farm_id = 3;
  c.resources = SampleResources();
  c.location = SampleLocation();
  c.interfaces = {{"zos", "aa:bb:cc:dd:ee:ff", {"10.0.0.5", "fe80::1"}}, {"eth1", "00:11:22:33:44:55", {}}};
  c.public_config = SamplePublicConfig();
  c.agent_endpoint = "http://10.0.0.5:8080";
  c.virtualized = true;
  c.serial = "SN-12345";
  return c;
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
  r.ip_ms = 0;
  r.connection_price_musd = 10;
  r.reward_nusd = 123'456'789;
  r.amount = 123'456'789;
  r.virtualized = false;
  return r;
}

std::vector<GovAction> SampleActions() {
  GridParams grid;
  grid.tft_price_musd = 99;
  GovernanceParams gov;
  gov.voting_period_blocks = 10;
  return {SetTftPriceAction{80},
          SetPricingPolicyAction{SamplePricingPolicy()},
          SetFarmingPolicyAction{SampleFarmingPolicy()},
          SetCertifierAction{AccountOf(9), true},
          SetGridParamsAction{grid},
          SetGovernanceParamsAction{gov},
          ApproveSolutionProviderAction{4, true}};
}

// ----- Calls ----------------------------------------------------------------------

TEST(GridCallTest, EveryCallRoundTripsWithItsTagAndName) {
  NodeUpdateCall update;
  update.node_id = 7;
  update.resources = SampleResources();
  update.location = {"Cairo", "Egypt", 30'044'400, 31'235'700};
  update.agent_endpoint = "x";
  const std::vector<std::tuple<Call, std::string_view, uint8_t, uint8_t>> calls = {
      {TwinCreateCall{"relay.grid.tf", Bytes{1, 2, 3}}, "directory.twin_create", 2, 0},
      {TwinUpdateCall{"relay2.grid.tf", Bytes(32, 7)}, "directory.twin_update", 2, 1},
      {FarmCreateCall{"my_farm-1", 1}, "directory.farm_create", 2, 2},
      {FarmUpdateCall{3, "renamed", 2}, "directory.farm_update", 2, 3},
      {FarmAddIpCall{3, "185.69.166.10/24", "185.69.166.1"}, "directory.farm_add_ip", 2, 4},
      {FarmRemoveIpCall{3, "185.69.166.10/24"}, "directory.farm_remove_ip", 2, 5},
      {FarmSetDedicatedCall{3, true}, "directory.farm_set_dedicated", 2, 6},
      {FarmSetCertificationCall{3, FarmCertification::kGold}, "directory.farm_set_certification", 2, 7},
      {SampleNodeCreate(), "directory.node_create", 2, 8},
      {update, "directory.node_update", 2, 9},
      {NodeDeleteCall{7}, "directory.node_delete", 2, 10},
      {NodeSetPowerTargetCall{7, PowerState::kDown}, "directory.node_set_power_target", 2, 11},
      {NodeReportPowerStateCall{PowerState::kDown}, "directory.node_report_power_state", 2, 12},
      {NodeSetCertificationCall{7, NodeCertification::kCertified}, "directory.node_set_certification", 2, 13},
      {SolutionProviderCreateCall{"a dapp", "https://x.tf", {{AccountOf(1), 10}, {AccountOf(2), 20}}},
       "directory.solution_provider_create", 2, 14},
      {NodeReportUptimeCall{86'400}, "farming.node_report_uptime", 3, 0},
      {GovProposeCall{SetTftPriceAction{90}, "raise the price"}, "governance.propose", 4, 0},
      {GovVoteCall{5, true}, "governance.vote", 4, 1},
  };
  for (const auto& [call, name, module, index] : calls) {
    SCOPED_TRACE(std::string(name));
    EXPECT_EQ(CallName(call), name);
    const Bytes bytes = Encode(call);
    ASSERT_GE(bytes.size(), 2u);
    EXPECT_EQ(bytes[0], module);
    EXPECT_EQ(bytes[1], index);
    ExpectRoundTrip(call);
  }
  for (const GovAction& action : SampleActions()) ExpectRoundTrip(Call{GovProposeCall{action, ""}});
}

TEST(GridCallTest, WireLayouts) {
  Bytes add_ip{2, 4};
  AppendLe(&add_ip, 3, 4);
  AppendStr(&add_ip, "1.2.3.4/24");
  AppendStr(&add_ip, "1.2.3.1");
  EXPECT_EQ(Encode(Call{FarmAddIpCall{3, "1.2.3.4/24", "1.2.3.1"}}), add_ip);

  // Resources, then the location with its int32 as two's complement, empty lists and
  // absent options as 0x00.
  NodeCreateCall node;
  node.farm_id = 1;
  node.resources = {1, 2, 3, 4};
  node.location = {"A", "B", -1, 2};
  Bytes expected{2, 8};
  AppendLe(&expected, 1, 4);
  for (uint64_t r : {1, 2, 3, 4}) AppendLe(&expected, r, 8);
  AppendStr(&expected, "A");
  AppendStr(&expected, "B");
  AppendLe(&expected, 0xffffffff, 4);
  AppendLe(&expected, 2, 4);
  expected.push_back(0);  // interfaces
  expected.push_back(0);  // public_config: none
  AppendStr(&expected, "");
  expected.push_back(0);  // virtualized
  expected.push_back(0);  // serial: none
  EXPECT_EQ(Encode(Call{node}), expected);
  Result<Call> back = DecodeExact<Call>(expected, kBig);
  ASSERT_TRUE(back.ok());
  EXPECT_EQ(std::get<NodeCreateCall>(*back).location.latitude_micro, -1);

  Bytes vote{4, 1};
  AppendLe(&vote, 9, 4);
  vote.push_back(1);
  EXPECT_EQ(Encode(Call{GovVoteCall{9, true}}), vote);
}

TEST(GridCallTest, UnknownCallTagsAreRejected) {
  for (const auto& [module, index] : std::vector<std::pair<uint8_t, uint8_t>>{{2, 15}, {3, 1}, {4, 2}, {5, 16}, {6, 0}}) {
    Bytes bytes{module, index};
    bytes.resize(80, 0);
    EXPECT_EQ(DecodeExact<Call>(bytes, kBig).status().reason(), "decode-bad-tag");
  }
}

TEST(GridCallTest, SolutionProviderCreateWireLayout) {
  // 2 14, description "d", link "", one share: account, take 7 (compact lengths).
  Bytes expected{2, 14, 1 << 2, 'd', 0, 1 << 2};
  expected.insert(expected.end(), 32, 9);
  expected.push_back(7);
  EXPECT_EQ(Encode(Call{SolutionProviderCreateCall{"d", "", {{AccountOf(9), 7}}}}), expected);
  Bytes truncated = expected;
  truncated.pop_back();
  EXPECT_EQ(DecodeExact<Call>(truncated, kBig).status().reason(), "decode-truncated");
}

TEST(GridCallTest, UnknownEnumValuesAreRejected) {
  Bytes power = Encode(Call{NodeReportPowerStateCall{PowerState::kDown}});
  power.back() = 2;
  EXPECT_EQ(DecodeExact<Call>(power, kBig).status().reason(), "decode-bad-tag");

  Bytes farm_cert = Encode(Call{FarmSetCertificationCall{1, FarmCertification::kGold}});
  farm_cert.back() = 2;
  EXPECT_EQ(DecodeExact<Call>(farm_cert, kBig).status().reason(), "decode-bad-tag");

  Bytes node_cert = Encode(Call{NodeSetCertificationCall{1, NodeCertification::kCertified}});
  node_cert.back() = 0xff;
  EXPECT_EQ(DecodeExact<Call>(node_cert, kBig).status().reason(), "decode-bad-tag");

  Bytes target = Encode(Call{NodeSetPowerTargetCall{1, PowerState::kUp}});
  target.back() = 7;
  EXPECT_EQ(DecodeExact<Call>(target, kBig).status().reason(), "decode-bad-tag");

  // Inside a farming policy: node_certification is the fourth byte from the end.
  Bytes policy = Encode(SampleFarmingPolicy());
  policy[policy.size() - 4] = 2;
  EXPECT_EQ(DecodeExact<FarmingPolicy>(policy, kBig).status().reason(), "decode-bad-tag");

  // Bools are 0 or 1.
  Bytes dedicated = Encode(Call{FarmSetDedicatedCall{1, true}});
  dedicated.back() = 2;
  EXPECT_FALSE(DecodeExact<Call>(dedicated, kBig).ok());
}

TEST(GridCallTest, TrailingAndTruncatedInputIsRejected) {
  Bytes bytes = Encode(Call{SampleNodeCreate()});
  bytes.push_back(0);
  EXPECT_EQ(DecodeExact<Call>(bytes, kBig).status().reason(), "decode-trailing-bytes");
  bytes.resize(bytes.size() - 2);
  EXPECT_EQ(DecodeExact<Call>(bytes, kBig).status().reason(), "decode-truncated");
}

TEST(GridCallTest, StringsAndListsBeyondTheCodecCapsAreRejected) {
  // Over the documented limit but within the cap: decodes (the runtime rejects it).
  TwinCreateCall twin{std::string(kMaxRelayBytes + 1, 'r'), Bytes(kMaxTwinKeyBytes + 1, 1)};
  ExpectRoundTrip(Call{twin});
  twin.relay = std::string(kCodecMaxString, 'r');
  twin.public_key = Bytes(kCodecMaxString, 1);
  ExpectRoundTrip(Call{twin});

  twin.relay = std::string(kCodecMaxString + 1, 'r');
  EXPECT_EQ(DecodeExact<Call>(Encode(Call{twin}), kBig).status().reason(), "decode-oversize");
  twin.relay = "r";
  twin.public_key = Bytes(kCodecMaxString + 1, 1);
  EXPECT_EQ(DecodeExact<Call>(Encode(Call{twin}), kBig).status().reason(), "decode-oversize");

  GovProposeCall propose{SetTftPriceAction{1}, std::string(kCodecMaxString + 1, 'd')};
  EXPECT_EQ(DecodeExact<Call>(Encode(Call{propose}), kBig).status().reason(), "decode-oversize");

  NodeCreateCall node = SampleNodeCreate();
  node.interfaces.assign(kCodecMaxList, NodeInterface{"eth", "mac", {}});
  ExpectRoundTrip(Call{node});
  node.interfaces.push_back(NodeInterface{"eth", "mac", {}});
  EXPECT_EQ(DecodeExact<Call>(Encode(Call{node}), kBig).status().reason(), "decode-oversize");

  node = SampleNodeCreate();
  node.interfaces[0].ips.assign(kCodecMaxList + 1, "1.1.1.1");
  EXPECT_EQ(DecodeExact<Call>(Encode(Call{node}), kBig).status().reason(), "decode-oversize");

  node = SampleNodeCreate();
  node.serial = std::string(kCodecMaxString + 1, 's');
  EXPECT_EQ(DecodeExact<Call>(Encode(Call{node}), kBig).status().reason(), "decode-oversize");

  // Strings must be UTF-8 without NUL.
  FarmCreateCall farm{std::string("a\0b", 3), 1};
  EXPECT_EQ(DecodeExact<Call>(Encode(Call{farm}), kBig).status().reason(), "decode-bad-value");
}

// ----- Governance actions -----------------------------------------------------------

TEST(GovActionTest, EveryActionRoundTripsWithItsTagAndName) {
  const std::vector<std::string_view> names = {"set-tft-price", "set-pricing-policy", "set-farming-policy",
                                               "set-certifier", "set-grid-params",    "set-governance-params",
                                               "approve-solution-provider"};
  const std::vector<GovAction> actions = SampleActions();
  ASSERT_EQ(actions.size(), names.size());
  for (size_t i = 0; i < actions.size(); ++i) {
    SCOPED_TRACE(names[i]);
    EXPECT_EQ(GovActionName(actions[i]), names[i]);
    EXPECT_EQ(Encode(actions[i])[0], i);
    ExpectRoundTrip(actions[i]);
  }
  Bytes price{0};
  AppendLe(&price, 80, 8);
  EXPECT_EQ(Encode(GovAction{SetTftPriceAction{80}}), price);
  Bytes certifier{3};
  certifier.insert(certifier.end(), 32, 9);
  certifier.push_back(1);
  EXPECT_EQ(Encode(GovAction{SetCertifierAction{AccountOf(9), true}}), certifier);
  Bytes approve{6};
  AppendLe(&approve, 4, 4);
  approve.push_back(1);
  EXPECT_EQ(Encode(GovAction{ApproveSolutionProviderAction{4, true}}), approve);
}

TEST(GovActionTest, UnknownTagsAndBadFieldsAreRejected) {
  for (uint8_t tag : {7, 255}) {
    Bytes bytes{tag};
    bytes.resize(100, 0);
    Result<GovAction> action = DecodeExact<GovAction>(bytes, kBig);
    EXPECT_EQ(action.status().reason(), "decode-bad-tag");
  }
  // The same inside a proposal.
  Bytes propose = Encode(Call{GovProposeCall{SetTftPriceAction{1}, "x"}});
  propose[2] = 7;
  EXPECT_EQ(DecodeExact<Call>(propose, kBig).status().reason(), "decode-bad-tag");
  EXPECT_EQ(DecodeExact<GovAction>(Bytes{0, 1, 2}, kBig).status().reason(), "decode-truncated");
  Bytes trailing = Encode(GovAction{SetTftPriceAction{1}});
  trailing.push_back(0);
  EXPECT_EQ(DecodeExact<GovAction>(trailing, kBig).status().reason(), "decode-trailing-bytes");
}

// ----- Events -----------------------------------------------------------------------

TEST(GridEventTest, EveryEventRoundTripsWithItsTagAndName) {
  const std::vector<std::tuple<Event, std::string_view, uint8_t, uint8_t>> events = {
      {TwinCreatedEvent{1, AccountOf(1)}, "directory.TwinCreated", 2, 0},
      {TwinUpdatedEvent{1}, "directory.TwinUpdated", 2, 1},
      {FarmCreatedEvent{2, 1, "farm"}, "directory.FarmCreated", 2, 2},
      {FarmUpdatedEvent{2}, "directory.FarmUpdated", 2, 3},
      {FarmIpAddedEvent{2, "1.2.3.4/24", "1.2.3.1"}, "directory.FarmIpAdded", 2, 4},
      {FarmIpRemovedEvent{2, "1.2.3.4/24"}, "directory.FarmIpRemoved", 2, 5},
      {FarmDedicatedSetEvent{2, true}, "directory.FarmDedicatedSet", 2, 6},
      {FarmCertificationSetEvent{2, FarmCertification::kGold}, "directory.FarmCertificationSet", 2, 7},
      {NodeCreatedEvent{3, 2, 1, SampleResources()}, "directory.NodeCreated", 2, 8},
      {NodeUpdatedEvent{3}, "directory.NodeUpdated", 2, 9},
      {NodeDeletedEvent{3}, "directory.NodeDeleted", 2, 10},
      {NodePowerTargetSetEvent{3, PowerState::kDown}, "directory.NodePowerTargetSet", 2, 11},
      {NodePowerStateReportedEvent{3, PowerState::kDown}, "directory.NodePowerStateReported", 2, 12},
      {NodeCertificationSetEvent{3, NodeCertification::kCertified}, "directory.NodeCertificationSet", 2, 13},
      {SolutionProviderCreatedEvent{4, AccountOf(1)}, "directory.SolutionProviderCreated", 2, 14},
      {SolutionProviderApprovedEvent{4, true}, "directory.SolutionProviderApproved", 2, 15},
      {UptimeReportedEvent{3, 3600, 20'000}, "farming.UptimeReported", 3, 0},
      {RewardMintedEvent{SampleReceipt()}, "farming.RewardMinted", 3, 1},
      {PeriodSettledEvent{12, 100, 5'000'000}, "farming.PeriodSettled", 3, 2},
      {ProposedEvent{1, AccountOf(5), "set-tft-price"}, "governance.Proposed", 4, 0},
      {VotedEvent{1, AccountOf(5), true, 1'000'000}, "governance.Voted", 4, 1},
      {EnactedEvent{1}, "governance.Enacted", 4, 2},
      {RejectedEvent{1, "no-quorum"}, "governance.Rejected", 4, 3},
  };
  for (const auto& [event, name, module, index] : events) {
    SCOPED_TRACE(std::string(name));
    EXPECT_EQ(EventName(event), name);
    const Bytes bytes = Encode(event);
    EXPECT_EQ(bytes[0], module);
    EXPECT_EQ(bytes[1], index);
    ExpectRoundTrip(event);
  }
  Bytes voted{4, 1};
  AppendLe(&voted, 1, 4);
  voted.insert(voted.end(), 32, 5);
  voted.push_back(0);
  AppendLe(&voted, 77, 8);
  EXPECT_EQ(Encode(Event{VotedEvent{1, AccountOf(5), false, 77}}), voted);
}

TEST(GridEventTest, UnknownTagsAndEnumValuesAreRejected) {
  for (const auto& [module, index] : std::vector<std::pair<uint8_t, uint8_t>>{{2, 16}, {3, 3}, {4, 4}}) {
    Bytes bytes{module, index};
    bytes.resize(200, 0);
    EXPECT_EQ(DecodeExact<Event>(bytes, kBig).status().reason(), "decode-bad-tag");
  }
  Bytes reported = Encode(Event{NodePowerStateReportedEvent{3, PowerState::kUp}});
  reported.back() = 2;
  EXPECT_EQ(DecodeExact<Event>(reported, kBig).status().reason(), "decode-bad-tag");
  Bytes minted = Encode(Event{RewardMintedEvent{SampleReceipt()}});
  minted.back() = 2;  // virtualized: a bool
  EXPECT_FALSE(DecodeExact<Event>(minted, kBig).ok());
  minted.back() = 0;
  minted.push_back(0);
  EXPECT_EQ(DecodeExact<Event>(minted, kBig).status().reason(), "decode-trailing-bytes");
}

// ----- Types ------------------------------------------------------------------------

TEST(GridTypesTest, RecordsRoundTrip) {
  ExpectRoundTrip(SampleResources());
  ExpectRoundTrip(SampleLocation());
  ExpectRoundTrip(Location{"", "", INT32_MIN, INT32_MAX});
  ExpectRoundTrip(NodeInterface{"zos", "aa", {"a", "b"}});
  ExpectRoundTrip(SamplePublicConfig());
  ExpectRoundTrip(PublicConfig{{"1.2.3.4/24", "1.2.3.1"}, std::nullopt, std::nullopt});
  ExpectRoundTrip(SamplePricingPolicy());
  ExpectRoundTrip(SampleFarmingPolicy());
  ExpectRoundTrip(GridParams{});
  ExpectRoundTrip(GovernanceParams{});
  ExpectRoundTrip(SampleReceipt());
  ExpectRoundTrip(PowerState::kDown);
  // Every receipt field is encoded: 8+4+4+32+4 + 3*8 + 4 + 8*8 + 1 bytes.
  EXPECT_EQ(Encode(SampleReceipt()).size(), 145u);
  EXPECT_EQ(Encode(GridParams{}).size(), 40u);
  EXPECT_EQ(Encode(GovernanceParams{}).size(), 20u);
}

TEST(GridTypesTest, EnumNamesAndParsing) {
  EXPECT_EQ(PowerStateName(PowerState::kUp), "up");
  EXPECT_EQ(PowerStateName(PowerState::kDown), "down");
  EXPECT_EQ(NodeCertificationName(NodeCertification::kDiy), "diy");
  EXPECT_EQ(NodeCertificationName(NodeCertification::kCertified), "certified");
  EXPECT_EQ(FarmCertificationName(FarmCertification::kNotCertified), "not-certified");
  EXPECT_EQ(FarmCertificationName(FarmCertification::kGold), "gold");
  EXPECT_EQ(ParsePowerState("down"), PowerState::kDown);
  EXPECT_EQ(ParseNodeCertification("certified"), NodeCertification::kCertified);
  EXPECT_EQ(ParseFarmCertification("gold"), FarmCertification::kGold);
  EXPECT_EQ(ParseFarmCertification("not-certified"), FarmCertification::kNotCertified);
  for (std::string_view bad : {"", "Up", "UP", "gold ", "certify", "notcertified"}) {
    EXPECT_FALSE(ParsePowerState(bad)) << bad;
    EXPECT_FALSE(ParseNodeCertification(bad)) << bad;
    EXPECT_FALSE(ParseFarmCertification(bad)) << bad;
  }
}

TEST(GridTypesTest, DefaultsAreTfChainMainNet) {
  const GridParams grid;
  EXPECT_EQ(grid.uptime_interval_ms, 2'400'000u);
  EXPECT_EQ(grid.farming_period_ms, 2'592'000'000u);
  EXPECT_TRUE(ValidateGridParams(grid).ok());
  EXPECT_TRUE(ValidateGovernanceParams(GovernanceParams{}).ok());
  const PricingPolicy pricing = SamplePricingPolicy();
  EXPECT_EQ(pricing.name, "threefold_default_pricing_policy");
  EXPECT_EQ(pricing.cu, 100'000u);
  EXPECT_EQ(pricing.su, 50'000u);
  EXPECT_EQ(pricing.foundation_account, FoundationAccount());
  EXPECT_EQ(FoundationAccount(), AccountId::FromSpan(Blake2b256(AsBytes("tfchain/foundation")).span()));
  EXPECT_NE(FoundationAccount(), StakingPoolAccount());
  const std::vector<FarmingPolicy> farming = DefaultFarmingPolicies();
  ASSERT_EQ(farming.size(), 2u);
  EXPECT_EQ(farming[0].id, 1u);
  EXPECT_EQ(farming[0].cu, 2400u);
  EXPECT_EQ(farming[1].id, 2u);
  EXPECT_EQ(farming[1].su, 1250u);
  EXPECT_EQ(farming[1].node_certification, NodeCertification::kCertified);
  for (const FarmingPolicy& p : farming) EXPECT_TRUE(ValidateFarmingPolicy(p).ok());
  EXPECT_TRUE(ValidatePricingPolicy(pricing).ok());
}

TEST(GridTypesTest, ValidationRules) {
  const auto grid_error = [](auto mutate) {
    GridParams p;
    mutate(p);
    Status s = ValidateGridParams(p);
    EXPECT_EQ(s.reason(), s.ok() ? "ok" : "bad-grid-params");
    return std::string(s.detail());
  };
  EXPECT_EQ(grid_error([](GridParams& p) { p.uptime_interval_ms = 0; }), "uptime_interval_ms: must be in [1, 2^48]");
  EXPECT_EQ(grid_error([](GridParams& p) { p.farming_period_ms = 2 * p.uptime_interval_ms; }),
            "farming_period_ms: must exceed 2 x uptime_interval_ms");
  EXPECT_EQ(grid_error([](GridParams& p) { p.farming_period_ms = 2 * p.uptime_interval_ms + 1; }), "");
  EXPECT_EQ(grid_error([](GridParams& p) { p.farming_period_ms = kMaxGridDurationMs + 1; }),
            "farming_period_ms: must be at most 2^48");
  EXPECT_EQ(grid_error([](GridParams& p) { p.standby_window_ms = 0; }), "standby_window_ms: must be in [1, 2^48]");
  EXPECT_EQ(grid_error([](GridParams& p) { p.tft_price_musd = 0; }), "tft_price_musd: must be at least 1");
  EXPECT_EQ(grid_error([](GridParams& p) { p.max_payouts_per_block = 0; }),
            "max_payouts_per_block: must be at least 1");

  const auto gov_error = [](auto mutate) {
    GovernanceParams p;
    mutate(p);
    Status s = ValidateGovernanceParams(p);
    EXPECT_EQ(s.reason(), s.ok() ? "ok" : "bad-governance-params");
    return std::string(s.detail());
  };
  EXPECT_NE(gov_error([](GovernanceParams& p) { p.voting_period_blocks = 0; }), "");
  EXPECT_NE(gov_error([](GovernanceParams& p) { p.quorum_permill = 0; }), "");
  EXPECT_NE(gov_error([](GovernanceParams& p) { p.quorum_permill = 1'000'001; }), "");
  EXPECT_EQ(gov_error([](GovernanceParams& p) { p.quorum_permill = 1'000'000; }), "");
  EXPECT_NE(gov_error([](GovernanceParams& p) { p.threshold_permill = 0; }), "");
  EXPECT_NE(gov_error([](GovernanceParams& p) { p.threshold_permill = 1'000'001; }), "");
  EXPECT_NE(gov_error([](GovernanceParams& p) { p.max_open_proposals = 0; }), "");
  EXPECT_NE(gov_error([](GovernanceParams& p) { p.max_open_proposals = kCodecMaxList + 1; }), "");

  PricingPolicy pricing = SamplePricingPolicy();
  pricing.dedicated_discount_percent = 101;
  EXPECT_EQ(ValidatePricingPolicy(pricing).reason(), "bad-policy");
  pricing = SamplePricingPolicy();
  pricing.name = "";
  EXPECT_EQ(ValidatePricingPolicy(pricing).reason(), "bad-policy");
  pricing.name = std::string(kMaxPolicyName + 1, 'n');
  EXPECT_EQ(ValidatePricingPolicy(pricing).reason(), "bad-policy");
  FarmingPolicy farming = SampleFarmingPolicy();
  farming.minimal_uptime_permill = 1'000'001;
  EXPECT_EQ(ValidateFarmingPolicy(farming).reason(), "bad-policy");
  farming = SampleFarmingPolicy();
  farming.name = std::string(kMaxPolicyName, 'n');
  EXPECT_TRUE(ValidateFarmingPolicy(farming).ok());
}

}  // namespace
}  // namespace tfchain::chain
