#include "farmer-agent/chain_view_rpc.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

namespace tfchain::agent {
namespace {

using nlohmann::json;

json ContractJson() {
  return {{"contract_id", 7},
          {"twin_id", 11},
          {"kind", "node"},
          {"state", "grace"},
          {"node_id", 3},
          {"resources", {{"cru", 1}, {"mru", 67108864}, {"sru", 16777216}, {"hru", 0}}},
          {"ips", {"185.69.166.10/24"}},
          {"deployment_hash", "0x" + std::string(64, 'a')},
          {"ack", "pending"}};
}

TEST(ContractInfoFromJson, ReadsContractGet) {
  auto c = ContractInfoFromJson(ContractJson());
  ASSERT_TRUE(c.ok()) << c.status().ToString();
  EXPECT_EQ(c->contract_id, 7u);
  EXPECT_EQ(c->twin_id, 11u);
  EXPECT_EQ(c->node_id, 3u);
  EXPECT_EQ(c->state, chain::ContractState::kGrace);
  EXPECT_EQ(c->resources.mru, 67108864u);
  EXPECT_EQ(c->resources.sru, 16777216u);
  EXPECT_EQ(c->ips, std::vector<std::string>{"185.69.166.10/24"});
  EXPECT_EQ(c->deployment_hash.Hex(), "0x" + std::string(64, 'a'));
  EXPECT_TRUE(c->ack_pending);
  json acked = ContractJson();
  acked["ack"] = "ok";
  EXPECT_FALSE(ContractInfoFromJson(acked)->ack_pending);
  acked["ack"] = 5;
  EXPECT_EQ(ContractInfoFromJson(acked).status().reason(), "bad-rpc-response");
}

TEST(ContractInfoFromJson, NameContractHasNoNode) {
  json j = ContractJson();
  j["node_id"] = nullptr;
  auto c = ContractInfoFromJson(j);
  ASSERT_TRUE(c.ok());
  EXPECT_EQ(c->node_id, 0u);
}

TEST(ContractInfoFromJson, RefusesMalformedAnswers) {
  for (const char* field : {"contract_id", "twin_id", "state", "deployment_hash", "resources"}) {
    json j = ContractJson();
    j.erase(field);
    auto c = ContractInfoFromJson(j);
    ASSERT_FALSE(c.ok()) << field;
    EXPECT_EQ(c.status().reason(), "bad-rpc-response");
    EXPECT_NE(c.status().detail().find(field), std::string_view::npos) << c.status().ToString();
  }
  json j = ContractJson();
  j["state"] = "alive";
  EXPECT_EQ(ContractInfoFromJson(j).status().reason(), "bad-rpc-response");
  j = ContractJson();
  j["twin_id"] = -1;
  EXPECT_EQ(ContractInfoFromJson(j).status().reason(), "bad-rpc-response");
  j = ContractJson();
  j["ips"] = "x";
  EXPECT_EQ(ContractInfoFromJson(j).status().reason(), "bad-rpc-response");
  EXPECT_EQ(ContractInfoFromJson(json::array()).status().reason(), "bad-rpc-response");
}

TEST(FillGatewaysFromFarm, MapsEachReservedIpToItsGateway) {
  json farm = {{"farm_id", 2},
               {"public_ips",
                {{{"ip", "185.69.166.10/24"}, {"gateway", "185.69.166.1"}, {"contract_id", 7}},
                 {{"ip", "185.69.167.20/24"}, {"gateway", "185.69.167.254"}, {"contract_id", 7}},
                 {{"ip", "185.69.166.11/24"}, {"gateway", "185.69.166.1"}, {"contract_id", 0}}}}};
  std::vector<ContractInfo> contracts(3);
  contracts[0].ips = {"185.69.167.20/24", "185.69.166.10/24"};
  contracts[1].ips = {"1.2.3.4/24"};  // not in the farm: unknown gateway
  ASSERT_TRUE(FillGatewaysFromFarm(farm, &contracts).ok());
  EXPECT_EQ(contracts[0].gateways, (std::vector<std::string>{"185.69.167.254", "185.69.166.1"}));
  EXPECT_EQ(contracts[1].gateways, (std::vector<std::string>{""}));
  EXPECT_TRUE(contracts[2].gateways.empty());
}

TEST(FillGatewaysFromFarm, RefusesMalformedFarmsAndChangesNothing) {
  std::vector<ContractInfo> contracts(1);
  contracts[0].ips = {"185.69.166.10/24"};
  for (const json& farm : {json::array(), json{{"farm_id", 2}}, json{{"public_ips", 3}},
                           json{{"public_ips", {{{"ip", "185.69.166.10/24"}}}}},
                           json{{"public_ips", {{{"ip", 1}, {"gateway", "185.69.166.1"}}}}}}) {
    Status s = FillGatewaysFromFarm(farm, &contracts);
    EXPECT_EQ(s.reason(), "bad-rpc-response") << farm.dump();
    EXPECT_TRUE(contracts[0].gateways.empty()) << farm.dump();
  }
}

}  // namespace
}  // namespace tfchain::agent
