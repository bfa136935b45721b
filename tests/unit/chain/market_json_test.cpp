// JSON views of the marketplace vocabulary (chain/market_args_json.h): the exact
// shape of a bill and of BillingParams, and ToJson(Call) / ToJson(Event) of the
// contract calls and events (names, enums by name, hex, SS58, amounts as strings).
#include "chain/market_args_json.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <string>

#include "chain/call.h"
#include "chain/event.h"
#include "chain/json.h"

namespace tfchain::chain {
namespace {

using nlohmann::json;

AccountId AccountOf(uint8_t b) {
  AccountId out;
  out.bytes.fill(b);
  return out;
}

TEST(MarketJsonTest, ContractBillHasEveryFieldByName) {
  ContractBill b;
  b.contract_id = 42;
  b.twin_id = 7;
  b.kind = ContractKind::kName;
  b.from_ms = 1000;
  b.to_ms = 2000;
  b.up_ms = 900;
  b.public_ips = 1;
  b.nu_bytes = 5;
  b.cusu_micro = 11;
  b.ip_micro = 12;
  b.nu_micro = 13;
  b.name_micro = 14;
  b.extra_micro = 15;
  b.discount_percent = 30;
  b.tft_price_musd = 80;
  b.amount = UINT64_MAX;
  b.paid = 100;
  b.overdue = 3;
  b.farmer = AccountOf(0x11);
  b.to_farmer = 50;
  b.to_staking_pool = 10;
  b.to_foundation = 30;
  b.burned = 0;
  b.to_providers = {{AccountOf(0x22), 10}};
  b.state_after = ContractState::kGrace;
  b.final = true;
  const json want = {{"contract_id", 42},
                     {"twin_id", 7},
                     {"kind", "name"},
                     {"from_ms", 1000},
                     {"to_ms", 2000},
                     {"up_ms", 900},
                     {"public_ips", 1},
                     {"nu_bytes", 5},
                     {"cusu_micro", 11},
                     {"ip_micro", 12},
                     {"nu_micro", 13},
                     {"name_micro", 14},
                     {"extra_micro", 15},
                     {"discount_percent", 30},
                     {"tft_price_musd", 80},
                     {"amount", "18446744073709551615"},
                     {"paid", "100"},
                     {"overdue", "3"},
                     {"farmer", ToSs58(AccountOf(0x11))},
                     {"to_farmer", "50"},
                     {"to_staking_pool", "10"},
                     {"to_foundation", "30"},
                     {"burned", "0"},
                     {"to_providers", json::array({{{"account", ToSs58(AccountOf(0x22))}, {"amount", "10"}}})},
                     {"state_after", "grace"},
                     {"final", true}};
  EXPECT_EQ(ContractBillJson(b), want) << ContractBillJson(b).dump();
  EXPECT_EQ(ToJson(Event{ContractBilledEvent{b}}),
            (json{{"name", "contract.ContractBilled"}, {"args", {{"bill", want}}}}));
}

TEST(MarketJsonTest, BillingParamsView) {
  EXPECT_EQ(ToJson(BillingParams{}), (json{{"billing_period_blocks", 600},
                                           {"grace_period_ms", 1'209'600'000},
                                           {"ack_deadline_blocks", 300},
                                           {"farmer_percent", 50},
                                           {"staking_pool_percent", 10},
                                           {"foundation_percent", 40},
                                           {"burn_percent", 0},
                                           {"max_contracts_per_node", 1024}}));
}

TEST(MarketJsonTest, CreateNodeCallHasHexHashAndDataAndNullProvider) {
  ContractCreateNodeCall c;
  c.node_id = 9;
  c.resources = {4, 8, 100, 0};
  c.public_ips = 1;
  c.deployment_hash.bytes.fill(0xab);
  c.deployment_data = {0x01, 0xff};
  const json j = ToJson(Call{c});
  EXPECT_EQ(j["name"], "contract.create_node");
  EXPECT_EQ(j["args"]["node_id"], 9);
  EXPECT_EQ(j["args"]["resources"], (json{{"cru", 4}, {"mru", 8}, {"sru", 100}, {"hru", 0}}));
  EXPECT_EQ(j["args"]["public_ips"], 1);
  std::string hash = "0x";
  for (int i = 0; i < 32; ++i) hash += "ab";
  EXPECT_EQ(j["args"]["deployment_hash"], hash);
  EXPECT_EQ(j["args"]["deployment_data"], "0x01ff");
  EXPECT_TRUE(j["args"]["solution_provider_id"].is_null());
  c.solution_provider_id = 3;
  EXPECT_EQ(ToJson(Call{c})["args"]["solution_provider_id"], 3);
}

TEST(MarketJsonTest, EveryCallAndEventHasNameAndArgs) {
  const Call calls[] = {ContractCreateNodeCall{},      ContractUpdateNodeCall{},      ContractCancelCall{7},
                        ContractCreateNameCall{"abc"}, ContractCreateRentCall{3, 1},  ContractAckCall{7, true, "m"},
                        ContractReportResourcesCall{}, ContractReportNetworkCall{},   NodeSetExtraFeeCall{3, 9},
                        ServiceCreateCall{1, 2},       ServiceSetMetadataCall{1, "x"}, ServiceSetFeesCall{1, 2, 3},
                        ServiceApproveCall{1},         ServiceRejectCall{1},          ServiceCancelCall{1},
                        ServiceBillCall{1, 2, "y"}};
  for (const Call& c : calls) {
    const json j = ToJson(c);
    EXPECT_EQ(j["name"], std::string(CallName(c)));
    EXPECT_TRUE(j["args"].is_object()) << j.dump();
    EXPECT_FALSE(j["args"].empty()) << j.dump();
  }
  const Event events[] = {ContractCreatedEvent{},       ContractUpdatedEvent{},        ContractAcknowledgedEvent{},
                          ContractGraceStartedEvent{},  ContractGraceEndedEvent{},     ContractDeletedEvent{},
                          ContractBilledEvent{},        ResourcesReportedEvent{},      NetworkReportedEvent{},
                          NodeExtraFeeSetEvent{},       ServiceContractCreatedEvent{}, ServiceContractUpdatedEvent{},
                          ServiceContractApprovedEvent{}, ServiceContractDeletedEvent{}, ServiceContractBilledEvent{}};
  for (const Event& e : events) {
    const json j = ToJson(e);
    EXPECT_EQ(j["name"], std::string(EventName(e)));
    EXPECT_TRUE(j["args"].is_object()) << j.dump();
    EXPECT_FALSE(j["args"].empty()) << j.dump();
  }
}

TEST(MarketJsonTest, EventArgsUseNamesSs58AndDecimalAmounts) {
  EXPECT_EQ(ToJson(Event{ContractCreatedEvent{42, 7, ContractKind::kRent, 9, {"1.2.3.4/24"}}})["args"],
            (json{{"contract_id", 42}, {"twin_id", 7}, {"kind", "rent"}, {"node_id", 9}, {"ips", {"1.2.3.4/24"}}}));
  EXPECT_EQ(ToJson(Event{ContractDeletedEvent{42, DeleteReason::kNotAcknowledged}})["args"],
            (json{{"contract_id", 42}, {"reason", "not-acknowledged"}}));
  EXPECT_EQ(ToJson(Event{ServiceContractDeletedEvent{5, DeleteReason::kCanceled}})["args"]["reason"], "canceled");
  EXPECT_EQ(ToJson(Event{ContractAcknowledgedEvent{42, false, "oops"}})["args"],
            (json{{"contract_id", 42}, {"ok", false}, {"message", "oops"}}));
  EXPECT_EQ(ToJson(Event{ServiceContractBilledEvent{5, 3'600'000, 100, 20, 1'500'000, AccountOf(1), AccountOf(2)}})
                ["args"],
            (json{{"id", 5},
                  {"window_ms", 3'600'000},
                  {"base_musd", 100},
                  {"variable_musd", 20},
                  {"amount", "1500000"},
                  {"from", ToSs58(AccountOf(1))},
                  {"to", ToSs58(AccountOf(2))}}));
  EXPECT_EQ(ToJson(Call{ContractReportNetworkCall{7, 1000, 60}})["args"],
            (json{{"contract_id", 7}, {"bytes", 1000}, {"window_s", 60}}));
  EXPECT_EQ(ToJson(Call{ServiceSetFeesCall{1, 2, 3}})["args"],
            (json{{"id", 1}, {"base_fee_musd", 2}, {"variable_fee_musd", 3}}));
}

}  // namespace
}  // namespace tfchain::chain
