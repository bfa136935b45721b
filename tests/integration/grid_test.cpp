// The TF Directory on a real `tfchaind --dev` with a fast grid (1 s uptime interval,
// 6 s farming periods): a farmer's twin and farm with public IPs, a 3Node that
// registers itself with its own key and reports uptime for free, the shop window
// (grid_findNodes, grid_getStats), the farming reward minted for the period with a
// receipt that recomputes, governance changing the TFT price, and bad directory
// input refused with the documented reasons while nothing changes.
#include <gtest/gtest.h>

#include <chrono>
#include <fstream>
#include <thread>

#include "chain/genesis.h"
#include "chain/grid_json.h"
#include "chain/json.h"
#include "chain/secret_uri.h"
#include "chain/transaction.h"
#include "contracts/farming.h"
#include "node/config.h"
#include "tests/integration/node_process_util.h"

namespace tfchain::testing {
namespace {
using nlohmann::json;

constexpr uint64_t kIntervalMs = 1000;
constexpr uint64_t kPeriodMs = 6000;
constexpr uint64_t kGiB = 1ull << 30;

// The devnet genesis with a fast grid, starting now (period 0 begins at genesis).
std::string FastGridGenesis(const std::string& dir) {
  return WriteDevGenesis(dir, [](json& g) {
    g["grid"]["uptime_interval_ms"] = kIntervalMs;
    g["grid"]["farming_period_ms"] = kPeriodMs;
    g["governance"]["voting_period_blocks"] = 50;
  });
}

class GridTest : public ::testing::Test {
 protected:
  GridTest()
      : dir_("grid"),
        node_(dir_.path() + "/data", 100, {"--genesis", FastGridGenesis(dir_.path())}),
        farmer_(DevKey("//Bob")),
        node_key_(DevKey("//GridNode1")) {}

  uint64_t Height() { return node_.Result("chain_getHead")["height"].get<uint64_t>(); }
  json Submit(const chain::SecretKey& key, chain::Call call) { return node_.SubmitTx(key, std::move(call)); }
  json Send(const chain::SecretKey& key, chain::Call call) { return node_.SendTx(key, std::move(call)); }
  void ExpectOk(const chain::SecretKey& key, chain::Call call) { node_.ExpectTxOk(key, std::move(call)); }
  std::string ErrorOf(const chain::SecretKey& key, chain::Call call) { return node_.TxError(key, std::move(call)); }

  chain::NodeCreateCall NodeCall(chain::FarmId farm) {
    chain::NodeCreateCall c;
    c.farm_id = farm;
    c.resources = {8, 32 * kGiB, 1024 * kGiB, 4096 * kGiB};
    c.location = {"Ghent", "Belgium", 51'054'300, 3'717'400};
    c.interfaces = {{"eth0", "52:54:00:12:34:56", {"185.69.166.20/24"}}};
    c.agent_endpoint = "http://185.69.166.20:8080";
    c.virtualized = false;
    c.serial = "SN-0001";
    return c;
  }

  // Reports uptime until the report is taken (a report earlier than one interval
  // after the previous one is refused by the mempool).
  void ReportUptime(uint64_t uptime_s) {
    for (int attempt = 0; attempt < 50; ++attempt) {
      json submitted = Submit(node_key_, chain::NodeReportUptimeCall{uptime_s});
      if (submitted.contains("result")) {
        json receipt = node_.WaitForReceipt(submitted["result"]);
        if (receipt["status"] == "included") {
          EXPECT_TRUE(receipt["success"].get<bool>()) << receipt.dump();
          EXPECT_EQ(receipt["fee"], "0");
          return;
        }
      } else {
        ASSERT_EQ(submitted["error"]["data"]["reason"], "uptime-report-too-early") << submitted.dump();
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(200));
    }
    ADD_FAILURE() << "no uptime report was accepted";
  }

  TempDir dir_;
  DevNode node_;
  chain::SecretKey farmer_;
  chain::SecretKey node_key_;
};

TEST_F(GridTest, FarmerRegistersNodeThatReportsUptimeAndEarnsRewards) {
  ASSERT_TRUE(node_.started());
  // The farmer's twin and farm with one public IP.
  ExpectOk(farmer_, chain::TwinCreateCall{"relay.grid.tf", chain::Bytes(32, 7)});
  ExpectOk(farmer_, chain::FarmCreateCall{"ghent-farm", 1});
  json farms = node_.Result("grid_listFarms", json::object());
  ASSERT_EQ(farms["total"], 1) << farms.dump();
  const chain::FarmId farm = farms["farms"][0]["farm_id"];
  ExpectOk(farmer_, chain::FarmAddIpCall{farm, "185.69.166.10/24", "185.69.166.1"});

  // The 3Node registers itself with its own (funded) key and twin.
  ExpectOk(farmer_, chain::TransferCall{node_key_.account_id(), 10 * chain::kUnitsPerTft});
  ExpectOk(node_key_, chain::TwinCreateCall{"relay.grid.tf", chain::Bytes(node_key_.public_key().bytes().begin(),
                                                                            node_key_.public_key().bytes().end())});
  ExpectOk(node_key_, NodeCall(farm));
  json node = node_.Result("grid_getNode", {{"node_id", 1}});
  EXPECT_EQ(node["farm_id"], farm);
  EXPECT_EQ(node["account"], chain::ToSs58(node_key_.account_id()));
  EXPECT_EQ(node["location"]["country"], "Belgium");
  EXPECT_EQ(node["status"], "down");  // registered, never reported
  EXPECT_EQ(node["free_public_ips"], 1);

  // Uptime reports are free: the node's balance does not move.
  const uint64_t node_balance =
      Amount(node_.Result("state_getAccount", {chain::ToSs58(node_key_.account_id())})["free"]);
  ReportUptime(100);
  EXPECT_EQ(node_.Result("grid_getNode", {{"node_id", 1}})["status"], "up");
  EXPECT_EQ(Amount(node_.Result("state_getAccount", {chain::ToSs58(node_key_.account_id())})["free"]),
            node_balance);

  // The shop window: three filters, and one that excludes the node.
  json found = node_.Result("grid_findNodes", {{"filter", {{"free_mru", 16 * kGiB}, {"country", "Belgium"},
                                                           {"has_free_ip", true}}}});
  ASSERT_EQ(found["total"], 1) << found.dump();
  EXPECT_EQ(found["nodes"][0]["node_id"], 1);
  json none = node_.Result("grid_findNodes", {{"filter", {{"free_cru", 9}}}});
  EXPECT_EQ(none["total"], 0);
  json stats = node_.Result("grid_getStats", json::object());
  EXPECT_EQ(stats["nodes_total"], 1);
  EXPECT_EQ(stats["nodes_up"], 1);
  EXPECT_EQ(stats["farms"], 1);
  EXPECT_EQ(stats["twins"], 2);

  // Report through the end of a farming period and until it is settled.
  const uint64_t farmer_before = Amount(node_.Result("state_getAccount", {chain::ToSs58(farmer_.account_id())})["free"]);
  // The node registered during period 0, so its first full period (at least 95%
  // uptime, the diy policy's minimum) is paid a positive amount.
  json rewards;
  const json* paid = nullptr;
  for (int i = 0; i < 40 && paid == nullptr; ++i) {
    ReportUptime(1000 + i);
    rewards = node_.Result("farming_getRewards", {{"node_id", 1}});
    for (const json& each : rewards["receipts"]) {
      if (Amount(each["amount"]) > 0) paid = &each;
    }
  }
  ASSERT_NE(paid, nullptr) << "no period was paid: " << rewards.dump();
  const json& r = *paid;
  EXPECT_EQ(r["uptime_ms"], kPeriodMs);  // continuous reports cover the whole period
  EXPECT_EQ(r["node_id"], 1);
  EXPECT_EQ(r["account"], chain::ToSs58(farmer_.account_id()));
  // The receipt recomputes from its own inputs.
  auto receipt = chain::FarmingReceiptFromJson(r);
  ASSERT_TRUE(receipt.ok()) << receipt.status().ToString();
  EXPECT_EQ(contracts::ComputeReward(*receipt), *receipt);
  // The farmer received exactly the minted amounts (nothing else moved its balance).
  uint64_t minted = 0;
  for (const json& each : rewards["receipts"]) minted += Amount(each["amount"]);
  EXPECT_EQ(Amount(rewards["total"]), minted);
  EXPECT_EQ(Amount(node_.Result("state_getAccount", {chain::ToSs58(farmer_.account_id())})["free"]),
            farmer_before + minted);
}

TEST_F(GridTest, BadDirectoryInputIsRefusedAndChangesNothing) {
  ASSERT_TRUE(node_.started());
  EXPECT_EQ(ErrorOf(farmer_, chain::FarmCreateCall{"no-twin-yet", 1}), "no-twin");
  ExpectOk(farmer_, chain::TwinCreateCall{"relay.grid.tf", chain::Bytes(32, 7)});
  EXPECT_EQ(ErrorOf(farmer_, chain::TwinCreateCall{"relay.grid.tf", chain::Bytes(32, 7)}), "twin-exists");
  EXPECT_EQ(ErrorOf(farmer_, chain::FarmCreateCall{"bad name!", 1}), "bad-farm-name");
  EXPECT_EQ(ErrorOf(farmer_, chain::FarmCreateCall{"farm", 99}), "unknown-pricing-policy");
  ExpectOk(farmer_, chain::FarmCreateCall{"farm", 1});
  EXPECT_EQ(ErrorOf(farmer_, chain::FarmCreateCall{"FARM", 1}), "farm-name-taken");
  EXPECT_EQ(ErrorOf(farmer_, chain::FarmAddIpCall{1, "10.0.0.5/24", "10.0.0.1"}), "ip-not-public");
  EXPECT_EQ(ErrorOf(farmer_, chain::FarmAddIpCall{1, "185.69.166.10/24", "185.70.0.1"}), "gateway-outside-subnet");
  EXPECT_EQ(ErrorOf(farmer_, chain::FarmAddIpCall{1, "not-an-ip", "185.69.166.1"}), "bad-ip");
  // A node below the minimum resources, registered from a key without a twin.
  chain::NodeCreateCall small = NodeCall(1);
  small.resources.mru = kGiB;
  EXPECT_EQ(ErrorOf(farmer_, small), "resources-below-minimum");
  ExpectOk(farmer_, chain::TransferCall{node_key_.account_id(), 10 * chain::kUnitsPerTft});
  EXPECT_EQ(ErrorOf(node_key_, NodeCall(1)), "no-twin");
  // Nothing of the refused calls is in the directory.
  json farm = node_.Result("grid_getFarm", {{"farm_id", 1}});
  EXPECT_EQ(farm["public_ips"].size(), 0u);
  EXPECT_EQ(node_.Result("grid_listFarms", json::object())["total"], 1);
  EXPECT_EQ(node_.Result("grid_listNodes", json::object())["total"], 0);
  // A fee-free uptime report from an account without a node never enters the pool.
  json refused = Submit(node_key_, chain::NodeReportUptimeCall{10});
  ASSERT_TRUE(refused.contains("error")) << refused.dump();
  EXPECT_EQ(refused["error"]["data"]["reason"], "no-node");
  // Malformed RPC parameters are refused precisely.
  json bad = node_.Call("grid_findNodes", {{"filter", {{"free_mru", "lots"}}}});
  ASSERT_TRUE(bad.contains("error")) << bad.dump();
  EXPECT_EQ(bad["error"]["code"], -32602);
  EXPECT_EQ(node_.Call("grid_getNode", {{"node_id", 42}})["error"]["data"]["reason"], "node-not-found");
}

TEST_F(GridTest, GovernanceChangesTheTftPrice) {
  ASSERT_TRUE(node_.started());
  const chain::SecretKey alice = DevKey("//Alice");  // the only validator
  // A non-validator cannot propose.
  EXPECT_EQ(ErrorOf(farmer_, chain::GovProposeCall{chain::SetTftPriceAction{25}, "cheaper"}), "not-a-validator");
  EXPECT_EQ(ErrorOf(alice, chain::GovProposeCall{chain::SetTftPriceAction{0}, "free TFT"}), "bad-tft-price");
  ExpectOk(alice, chain::GovProposeCall{chain::SetTftPriceAction{25}, "TFT at 0.025 USD"});
  json proposals = node_.Result("gov_listProposals", json::object());
  ASSERT_EQ(proposals["proposals"].size(), 1u) << proposals.dump();
  const uint64_t id = proposals["proposals"][0]["id"];
  ExpectOk(alice, chain::GovVoteCall{static_cast<chain::ProposalId>(id), true});
  // Alice holds all the power: enacted at the end of the block.
  ASSERT_TRUE(node_.WaitForHeight(Height() + 2));
  json proposal = node_.Result("gov_getProposal", {{"id", id}});
  EXPECT_EQ(proposal["status"], "enacted") << proposal.dump();
  // A node registered now records the new price as its connection price.
  ExpectOk(farmer_, chain::TwinCreateCall{"relay.grid.tf", chain::Bytes(32, 7)});
  ExpectOk(farmer_, chain::FarmCreateCall{"farm", 1});
  ExpectOk(farmer_, chain::TransferCall{node_key_.account_id(), 10 * chain::kUnitsPerTft});
  ExpectOk(node_key_, chain::TwinCreateCall{"relay.grid.tf", chain::Bytes(32, 1)});
  ExpectOk(node_key_, NodeCall(1));
  EXPECT_EQ(node_.Result("grid_getNode", {{"node_id", 1}})["connection_price_musd"], 25);
  EXPECT_EQ(ErrorOf(alice, chain::GovVoteCall{static_cast<chain::ProposalId>(id), true}), "proposal-closed");
}

TEST_F(GridTest, GovernanceApprovesASolutionProvider) {
  ASSERT_TRUE(node_.started());
  const chain::SecretKey alice = DevKey("//Alice");
  const chain::SecretKey dave = DevKey("//Dave");
  // Takes above 50% in total are refused; a valid provider starts unapproved.
  EXPECT_EQ(ErrorOf(farmer_, chain::SolutionProviderCreateCall{"greedy", "", {{farmer_.account_id(), 51}}}),
            "solution-provider-take-too-high");
  ExpectOk(farmer_, chain::SolutionProviderCreateCall{"one-click k8s", "https://example.org/k8s",
                                                      {{farmer_.account_id(), 10}, {dave.account_id(), 5}}});
  json provider = node_.Result("grid_getSolutionProvider", {{"id", 1}});
  EXPECT_EQ(provider["approved"], false) << provider.dump();
  EXPECT_EQ(provider["providers"].size(), 2u);
  EXPECT_EQ(ErrorOf(alice, chain::GovProposeCall{chain::ApproveSolutionProviderAction{7, true}, "no such provider"}),
            "unknown-solution-provider");
  ExpectOk(alice, chain::GovProposeCall{chain::ApproveSolutionProviderAction{1, true}, "approve k8s"});
  const uint64_t id = node_.Result("gov_listProposals", json::object())["proposals"][0]["id"];
  ExpectOk(alice, chain::GovVoteCall{static_cast<chain::ProposalId>(id), true});
  ASSERT_TRUE(node_.WaitForHeight(Height() + 2));
  EXPECT_EQ(node_.Result("gov_getProposal", {{"id", id}})["status"], "enacted");
  EXPECT_EQ(node_.Result("grid_getSolutionProvider", {{"id", 1}})["approved"], true);
}

TEST_F(GridTest, WalletCreatesTwinAndFarmAndSearchesNodes) {
  ASSERT_TRUE(node_.started());
  const auto wallet = [&](std::vector<std::string> args) {
    std::vector<std::string> all = {"--rpc", node_.url(), "--keystore", dir_.path() + "/keys", "--json"};
    all.insert(all.end(), args.begin(), args.end());
    return RunCommand("tfwallet", all, {{"TFWALLET_PASSWORD", "pw"}});
  };
  CommandResult twin = wallet({"twin", "create", "--from", "//Charlie"});
  ASSERT_EQ(twin.exit_code, 0) << twin.err;
  CommandResult farm = wallet({"farm", "create", "charlie-farm", "--from", "//Charlie"});
  ASSERT_EQ(farm.exit_code, 0) << farm.err;
  CommandResult ip = wallet({"farm", "add-ip", "1", "185.69.166.30/24", "185.69.166.1", "--from", "//Charlie"});
  ASSERT_EQ(ip.exit_code, 0) << ip.err;
  // The chain's refusal comes back as one error line, and nothing changes.
  CommandResult private_ip = wallet({"farm", "add-ip", "1", "192.168.1.5/24", "192.168.1.1", "--from", "//Charlie"});
  EXPECT_NE(private_ip.exit_code, 0);
  EXPECT_NE(private_ip.err.find("ip-not-public"), std::string::npos) << private_ip.err;
  CommandResult shown = wallet({"farm", "show", "charlie-farm"});
  ASSERT_EQ(shown.exit_code, 0) << shown.err;
  json shown_json = json::parse(shown.out, nullptr, false);
  ASSERT_FALSE(shown_json.is_discarded()) << shown.out;
  EXPECT_EQ(shown_json["owner_account"], chain::ToSs58(DevKey("//Charlie").account_id()));
  ASSERT_EQ(shown_json["public_ips"].size(), 1u);
  EXPECT_EQ(shown_json["free_public_ips"], 1);
  // Bad arguments are refused locally.
  CommandResult bad_size = wallet({"node", "find", "--free-mru", "lots"});
  EXPECT_EQ(bad_size.exit_code, 2) << bad_size.out;
  CommandResult found = wallet({"node", "find", "--free-mru", "8GB", "--country", "Belgium"});
  ASSERT_EQ(found.exit_code, 0) << found.err;
  EXPECT_EQ(json::parse(found.out)["total"], 0);
}

}  // namespace
}  // namespace tfchain::testing
