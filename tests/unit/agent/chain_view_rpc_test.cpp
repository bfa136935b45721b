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

}  // namespace
}  // namespace tfchain::agent
