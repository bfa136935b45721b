// twin create|update|show and farm create|add-ip|remove-ip|set-dedicated|show|list
// against a fake node with a fake directory.
#include <gtest/gtest.h>

#include <sstream>

#include "tests/unit/wallet/grid_test_util.h"

namespace tfchain::wallet {
namespace {

using nlohmann::json;
using testing::Dev;
using testing::FakeGrid;
using testing::kAliceAddress;

class GridTwinFarmTest : public testing::GridTest {};

// --- twins

TEST_F(GridTwinFarmTest, TwinCreateDefaultsToRelayLocalAndTheSignersKey) {
  json doc;
  chain::Call call = DryRun({"twin", "create"}, &doc);
  const chain::Bytes alice_key(alice_.span().begin(), alice_.span().end());
  EXPECT_EQ(std::get<chain::TwinCreateCall>(call), (chain::TwinCreateCall{"relay.local", alice_key}));
  EXPECT_EQ(doc["relay"], "relay.local");
  EXPECT_EQ(doc["public_key"], chain::ToHex(alice_key));
  EXPECT_EQ(node_.CallCount("grid_getTwinByAccount"), 0);
}

TEST_F(GridTwinFarmTest, TwinCreateWithRelayAndKey) {
  chain::Call call = DryRun({"twin", "create", "--relay", "relay.grid.tf", "--public-key", "0xabcdef"});
  EXPECT_EQ(std::get<chain::TwinCreateCall>(call), (chain::TwinCreateCall{"relay.grid.tf", {0xab, 0xcd, 0xef}}));
}

TEST_F(GridTwinFarmTest, TwinCreateSubmitsAndPrintsTheReceipt) {
  IncludedWith(json::array({{{"name", "directory.TwinCreated"}, {"args", {{"twin_id", 7}, {"account", kAliceAddress}}}}}));
  ASSERT_EQ(w_.Run(Args({"twin", "create", "--from", "//Alice"})), 0) << w_.err();
  EXPECT_TRUE(std::holds_alternative<chain::TwinCreateCall>(SubmittedCall()));
  EXPECT_NE(w_.out().find("included, success"), std::string::npos) << w_.out();
  EXPECT_NE(w_.out().find("directory.TwinCreated"), std::string::npos) << w_.out();
  EXPECT_NE(w_.out().find("twin_id=7"), std::string::npos) << w_.out();
}

TEST_F(GridTwinFarmTest, TwinCreateRefusedByTheChain) {
  ScriptReceipt(0, {{"status", "failed"},
                    {"height", 41},
                    {"index", 0},
                    {"block_hash", "0x" + std::string(64, '3')},
                    {"error", "twin-exists"},
                    {"message", "account already has twin 7"},
                    {"fee", "11230"},
                    {"events", json::array()}});
  EXPECT_EQ(w_.Run(Args({"twin", "create", "--from", "//Alice"})), 1);
  EXPECT_EQ(w_.err().rfind("error: twin-exists: transaction 0x", 0), 0u) << w_.err();
}

TEST_F(GridTwinFarmTest, TwinUpdateKeepsWhatIsNotGiven) {
  grid_.twins.push_back(FakeGrid::Twin(7, alice_, "old.relay"));
  grid_.twins[0]["public_key"] = "0x0102";
  chain::Call call = DryRun({"twin", "update", "--relay", "new.relay"});
  EXPECT_EQ(std::get<chain::TwinUpdateCall>(call), (chain::TwinUpdateCall{"new.relay", {0x01, 0x02}}));
  EXPECT_EQ(node_.LastParams("grid_getTwinByAccount"), json({{"account", kAliceAddress}}));

  call = DryRun({"twin", "update", "--public-key", "0x09"});
  EXPECT_EQ(std::get<chain::TwinUpdateCall>(call), (chain::TwinUpdateCall{"old.relay", {0x09}}));

  // Both given: nothing to read.
  const int lookups = node_.CallCount("grid_getTwinByAccount");
  call = DryRun({"twin", "update", "--relay", "r", "--public-key", "0x0a"});
  EXPECT_EQ(std::get<chain::TwinUpdateCall>(call), (chain::TwinUpdateCall{"r", {0x0a}}));
  EXPECT_EQ(node_.CallCount("grid_getTwinByAccount"), lookups);
}

TEST_F(GridTwinFarmTest, TwinUpdateWithoutATwin) {
  EXPECT_EQ(w_.Run(Args({"twin", "update", "--relay", "r", "--from", "//Alice"})), 1);
  EXPECT_EQ(w_.err(), std::string("error: no-twin: ") + kAliceAddress +
                          " has no twin: create it first with 'tfwallet twin create'\n");
  EXPECT_EQ(node_.CallCount("tx_submit"), 0);
}

TEST_F(GridTwinFarmTest, TwinShowByIdAndByAccount) {
  grid_.twins.push_back(FakeGrid::Twin(7, alice_, "relay.grid.tf"));
  grid_.twins.push_back(FakeGrid::Twin(8, bob_));
  ASSERT_EQ(w_.Run(Args({"twin", "show", "7"})), 0) << w_.err();
  EXPECT_EQ(node_.LastParams("grid_getTwin"), json({{"twin_id", 7}}));
  const std::string out = w_.out();
  EXPECT_NE(out.find("Twin:"), std::string::npos) << out;
  EXPECT_NE(out.find(kAliceAddress), std::string::npos) << out;
  EXPECT_NE(out.find("relay.grid.tf"), std::string::npos) << out;
  EXPECT_NE(out.find(chain::ToHex(alice_.span())), std::string::npos) << out;
  EXPECT_NE(out.find("2023-11-14 22:13:20 UTC"), std::string::npos) << out;

  // By //Dev URI, address or keystore name; --json is the node's object.
  ASSERT_EQ(w_.Run(Args({"--json", "twin", "show", "//Bob"})), 0) << w_.err();
  EXPECT_EQ(w_.OutJson(), grid_.twins[1]);
  ASSERT_EQ(w_.Run(Args({"--json", "twin", "show", kAliceAddress})), 0) << w_.err();
  EXPECT_EQ(w_.OutJson(), grid_.twins[0]);
  w_.SetPasswords({"pw", "pw"});
  ASSERT_EQ(w_.Run({"key", "import", "bob", "//Bob"}), 0) << w_.err();
  ASSERT_EQ(w_.Run(Args({"--json", "twin", "show", "bob"})), 0) << w_.err();
  EXPECT_EQ(w_.OutJson()["twin_id"], 8);
}

TEST_F(GridTwinFarmTest, TwinShowWithoutArgumentListsTheKeystoreTwins) {
  grid_.twins.push_back(FakeGrid::Twin(7, alice_, "relay.grid.tf"));
  ASSERT_EQ(w_.Run(Args({"twin", "show"})), 0) << w_.err();
  EXPECT_EQ(w_.out(), "No keys in the keystore; give an address, key name or twin id.\n");

  w_.SetPasswords({"pw", "pw", "pw", "pw"});
  ASSERT_EQ(w_.Run({"key", "import", "alice", "//Alice"}), 0) << w_.err();
  ASSERT_EQ(w_.Run({"key", "import", "bob", "//Bob"}), 0) << w_.err();
  ASSERT_EQ(w_.Run(Args({"twin", "show"})), 0) << w_.err();
  std::istringstream lines(w_.out());
  std::string header, first, second;
  std::getline(lines, header);
  std::getline(lines, first);
  std::getline(lines, second);
  EXPECT_EQ(header.rfind("KEY", 0), 0u) << w_.out();
  EXPECT_EQ(first.rfind("alice", 0), 0u) << w_.out();
  EXPECT_NE(first.find("relay.grid.tf"), std::string::npos) << w_.out();
  EXPECT_EQ(second.rfind("bob", 0), 0u) << w_.out();
  EXPECT_NE(second.find("(no twin)"), std::string::npos) << w_.out();

  ASSERT_EQ(w_.Run(Args({"--json", "twin", "show"})), 0) << w_.err();
  const json doc = w_.OutJson();
  ASSERT_EQ(doc.size(), 2u);
  EXPECT_EQ(doc[0]["key"], "alice");
  EXPECT_EQ(doc[0]["twin"], grid_.twins[0]);
  EXPECT_EQ(doc[1]["address"], chain::ToSs58(bob_));
  EXPECT_TRUE(doc[1]["twin"].is_null());
}

TEST_F(GridTwinFarmTest, TwinShowErrors) {
  EXPECT_EQ(w_.Run(Args({"twin", "show", "9"})), 1);
  EXPECT_EQ(w_.err(), "error: twin-not-found: no twin 9\n");

  // Bad addresses fail before any node call.
  const size_t calls = node_.calls().size();
  EXPECT_EQ(w_.Run(Args({"twin", "show", "5FA9nQDVg267DEd8m1ZypXLBnvN7SFxYwV7ndqSYGiN9TTpv"})), 1);
  EXPECT_EQ(w_.err().rfind("error: bad-ss58-checksum", 0), 0u) << w_.err();
  EXPECT_EQ(node_.calls().size(), calls);

  // A node answering for another twin, or without a field, is not believed.
  grid_.twins.push_back(FakeGrid::Twin(7, alice_));
  node_.Result("grid_getTwin", grid_.twins[0]);
  EXPECT_EQ(w_.Run(Args({"twin", "show", "8"})), 1);
  EXPECT_EQ(w_.err(), "error: bad-rpc-response: grid_getTwin: answered for another twin\n");
  json broken = grid_.twins[0];
  broken.erase("relay");
  node_.Result("grid_getTwin", broken);
  EXPECT_EQ(w_.Run(Args({"twin", "show", "7"})), 1);
  EXPECT_EQ(w_.err(), "error: bad-rpc-response: grid_getTwin: field 'relay' is missing\n");
}

// --- farms

TEST_F(GridTwinFarmTest, FarmTransactions) {
  json doc;
  chain::Call call = DryRun({"farm", "create", "my-farm"}, &doc);
  EXPECT_EQ(std::get<chain::FarmCreateCall>(call), (chain::FarmCreateCall{"my-farm", 1}));
  EXPECT_EQ(doc["name"], "my-farm");
  EXPECT_EQ(doc["pricing_policy_id"], 1);
  call = DryRun({"farm", "create", "other", "--pricing-policy", "2"});
  EXPECT_EQ(std::get<chain::FarmCreateCall>(call), (chain::FarmCreateCall{"other", 2}));

  call = DryRun({"farm", "add-ip", "7", "185.69.166.10/24", "185.69.166.1"}, &doc);
  EXPECT_EQ(std::get<chain::FarmAddIpCall>(call), (chain::FarmAddIpCall{7, "185.69.166.10/24", "185.69.166.1"}));
  EXPECT_EQ(doc["gateway"], "185.69.166.1");
  call = DryRun({"farm", "remove-ip", "7", "185.69.166.10"});
  EXPECT_EQ(std::get<chain::FarmRemoveIpCall>(call), (chain::FarmRemoveIpCall{7, "185.69.166.10"}));
  call = DryRun({"farm", "set-dedicated", "7", "true"}, &doc);
  EXPECT_EQ(std::get<chain::FarmSetDedicatedCall>(call), (chain::FarmSetDedicatedCall{7, true}));
  EXPECT_EQ(doc["dedicated"], true);
  call = DryRun({"farm", "set-dedicated", "7", "false"});
  EXPECT_EQ(std::get<chain::FarmSetDedicatedCall>(call), (chain::FarmSetDedicatedCall{7, false}));
}

TEST_F(GridTwinFarmTest, FarmAddIpPassesABadIpToTheChain) {
  ScriptReceipt(0, {{"status", "failed"},
                    {"height", 41},
                    {"index", 0},
                    {"block_hash", "0x" + std::string(64, '3')},
                    {"error", "ip-not-public"},
                    {"message", "10.0.0.5/24 is not a public unicast IPv4 address"},
                    {"fee", "11230"},
                    {"events", json::array()}});
  EXPECT_EQ(w_.Run(Args({"farm", "add-ip", "7", "10.0.0.5/24", "10.0.0.1", "--from", "//Alice"})), 1);
  EXPECT_EQ(std::get<chain::FarmAddIpCall>(SubmittedCall()), (chain::FarmAddIpCall{7, "10.0.0.5/24", "10.0.0.1"}));
  EXPECT_EQ(w_.err().rfind("error: ip-not-public: transaction 0x", 0), 0u) << w_.err();
  EXPECT_NE(w_.err().find("10.0.0.5/24 is not a public unicast IPv4 address"), std::string::npos) << w_.err();
}

TEST_F(GridTwinFarmTest, FarmTextDryRun) {
  ASSERT_EQ(w_.Run(Args({"farm", "add-ip", "7", "185.69.166.10/24", "185.69.166.1", "--from", "//Alice", "--dry-run"})),
            0)
      << w_.err();
  EXPECT_NE(w_.out().find("directory.farm_add_ip"), std::string::npos) << w_.out();
  EXPECT_NE(w_.out().find("Gateway:"), std::string::npos) << w_.out();
}

TEST_F(GridTwinFarmTest, FarmShowByIdOrName) {
  grid_.farms.push_back(FakeGrid::Farm(3, "Freefarm", 7, alice_,
                                       {{"185.69.166.10/24", "185.69.166.1", 0}, {"185.69.166.11/24", "185.69.166.1", 12}},
                                       {4, 5}));
  ASSERT_EQ(w_.Run(Args({"farm", "show", "3"})), 0) << w_.err();
  EXPECT_EQ(node_.LastParams("grid_getFarm"), json({{"farm_id", 3}}));
  const std::string out = w_.out();
  EXPECT_NE(out.find("Freefarm"), std::string::npos) << out;
  EXPECT_NE(out.find(kAliceAddress), std::string::npos) << out;
  EXPECT_NE(out.find("Public IPs:"), std::string::npos) << out;
  EXPECT_NE(out.find("1 free of 2"), std::string::npos) << out;
  EXPECT_NE(out.find("Nodes:"), std::string::npos) << out;
  EXPECT_NE(out.find("4, 5"), std::string::npos) << out;
  EXPECT_NE(out.find("185.69.166.10/24  185.69.166.1  free"), std::string::npos) << out;
  EXPECT_NE(out.find("185.69.166.11/24  185.69.166.1  contract 12"), std::string::npos) << out;

  ASSERT_EQ(w_.Run(Args({"--json", "farm", "show", "FREEFARM"})), 0) << w_.err();
  EXPECT_EQ(node_.LastParams("grid_getFarm"), json({{"name", "FREEFARM"}}));
  EXPECT_EQ(w_.OutJson(), grid_.farms[0]);

  EXPECT_EQ(w_.Run(Args({"farm", "show", "nofarm"})), 1);
  EXPECT_EQ(w_.err(), "error: farm-not-found: no farm named nofarm\n");
  EXPECT_EQ(w_.Run(Args({"farm", "show", "4"})), 1);
  EXPECT_EQ(w_.err(), "error: farm-not-found: no farm 4\n");
}

TEST_F(GridTwinFarmTest, FarmListPages) {
  for (uint32_t id = 1; id <= 3; ++id) grid_.farms.push_back(FakeGrid::Farm(id, "farm" + std::to_string(id), id, alice_));
  grid_.farms[1]["dedicated"] = true;
  ASSERT_EQ(w_.Run(Args({"farm", "list"})), 0) << w_.err();
  EXPECT_EQ(node_.LastParams("grid_listFarms"), json({{"offset", 0}, {"limit", 50}}));
  std::istringstream lines(w_.out());
  std::string header, row;
  std::getline(lines, header);
  for (const char* column : {"ID", "NAME", "TWIN", "POLICY", "CERTIFICATION", "DEDICATED", "FREE IPS", "NODES"}) {
    EXPECT_NE(header.find(column), std::string::npos) << header;
  }
  std::getline(lines, row);
  EXPECT_EQ(row.rfind("1", 0), 0u) << w_.out();
  std::getline(lines, row);
  EXPECT_NE(row.find("yes"), std::string::npos) << w_.out();
  EXPECT_EQ(w_.out().find("Farms "), std::string::npos) << "all shown: no footer\n" << w_.out();

  ASSERT_EQ(w_.Run(Args({"farm", "list", "--offset", "1", "--limit", "1"})), 0) << w_.err();
  EXPECT_NE(w_.out().find("farm2"), std::string::npos) << w_.out();
  EXPECT_EQ(w_.out().find("farm3"), std::string::npos) << w_.out();
  EXPECT_NE(w_.out().find("Farms 2-2 of 3."), std::string::npos) << w_.out();

  ASSERT_EQ(w_.Run(Args({"farm", "list", "--offset", "10"})), 0) << w_.err();
  EXPECT_EQ(w_.out(), "No farms from offset 10 (3 in all).\n");
  ASSERT_EQ(w_.Run(Args({"--json", "farm", "list", "--limit", "2"})), 0) << w_.err();
  EXPECT_EQ(w_.OutJson()["total"], 3);
  EXPECT_EQ(w_.OutJson()["farms"].size(), 2u);

  grid_.farms = json::array();
  ASSERT_EQ(w_.Run(Args({"farm", "list"})), 0) << w_.err();
  EXPECT_EQ(w_.out(), "No farms.\n");
}

TEST_F(GridTwinFarmTest, BadArgumentsSendNothing) {
  EXPECT_EQ(w_.Run(Args({"farm", "add-ip", "seven", "185.69.166.10/24", "185.69.166.1", "--from", "//Alice"})), 2);
  EXPECT_EQ(w_.err(), "error: FARM_ID must be an id 1..4294967295, not 'seven'\n");
  EXPECT_EQ(w_.Run(Args({"farm", "set-dedicated", "7", "maybe", "--from", "//Alice"})), 2);
  EXPECT_EQ(w_.Run(Args({"twin", "create", "--from", "//Alice", "--public-key", "0xzz"})), 2);
  EXPECT_EQ(w_.err().rfind("error: bad-hex: --public-key '0xzz' is not hex", 0), 0u) << w_.err();
  EXPECT_EQ(w_.Run(Args({"farm", "create", "--from", "//Alice"})), 2);
  EXPECT_EQ(w_.err().rfind("error: missing argument NAME; usage: tfwallet farm create NAME", 0), 0u) << w_.err();
  EXPECT_TRUE(node_.calls().empty());
}

}  // namespace
}  // namespace tfchain::wallet
