// contract list|show|bills, cost estimate and funded-until against a fake node that
// answers the contract_* methods in the node's JSON shapes.
#include <gtest/gtest.h>

#include <sstream>

#include "tests/unit/wallet/fake_market.h"
#include "tests/unit/wallet/grid_test_util.h"

namespace tfchain::wallet {
namespace {

using nlohmann::json;
using testing::Dev;
using testing::FakeGrid;
using testing::FakeMarket;

constexpr uint64_t kGiB = 1ull << 30;

class ContractQueryTest : public testing::GridTest {
 protected:
  ContractQueryTest() : market_(node_) {
    grid_.twins.push_back(FakeGrid::Twin(1, alice_));
    market_.contracts.push_back(FakeMarket::NodeContract(12, 1, 7, {2, 4 * kGiB, 50 * kGiB, 0}, {"185.69.166.10/24"}));
    market_.contracts.push_back(FakeMarket::NameContract(13, 1, "my-site"));
    json deleted = FakeMarket::NodeContract(14, 1, 7, {1, kGiB, 0, 0});
    deleted["state"] = "deleted";
    deleted["deleted_reason"] = "out-of-funds";
    market_.contracts.push_back(deleted);
    market_.contracts.push_back(FakeMarket::NodeContract(15, 2, 8, {1, kGiB, 0, 0}));
  }

  // The whitespace-separated cells of the first line of `out` starting with `prefix`.
  static std::vector<std::string> LineCells(const std::string& out, const std::string& prefix) {
    std::istringstream lines(out);
    std::string line;
    while (std::getline(lines, line)) {
      if (!line.starts_with(prefix)) continue;
      std::istringstream words(line);
      std::vector<std::string> cells;
      for (std::string word; words >> word;) cells.push_back(word);
      return cells;
    }
    return {};
  }

  // A paid bill of contract 12: one 10-minute period, 20% discount, split 50/10/40.
  static chain::ContractBill PaidBill(uint64_t from_ms) {
    chain::ContractBill b;
    b.contract_id = 12;
    b.twin_id = 1;
    b.kind = chain::ContractKind::kNode;
    b.from_ms = from_ms;
    b.to_ms = from_ms + 600'000;
    b.up_ms = 540'000;
    b.public_ips = 1;
    b.cusu_micro = 30'000'000'000;
    b.ip_micro = 8'000'000'000;
    b.discount_percent = 20;
    b.tft_price_musd = 80;
    b.amount = 3800;
    b.paid = 3800;
    b.farmer = Dev("//Charlie").account_id();
    b.to_farmer = 1900;
    b.to_staking_pool = 380;
    b.to_foundation = 1520;
    return b;
  }

  FakeMarket market_;
};

TEST_F(ContractQueryTest, ListByTwinByNodeAndByAccount) {
  ASSERT_EQ(w_.Run(Args({"contract", "list", "--twin", "1"})), 0) << w_.err();
  EXPECT_EQ(node_.LastParams("contract_listByTwin"),
            json({{"twin_id", 1}, {"include_deleted", false}, {"offset", 0}, {"limit", 100}}));
  const std::string out = w_.out();
  EXPECT_EQ(LineCells(out, "ID"), (std::vector<std::string>{"ID", "KIND", "STATE", "TWIN", "NODE/NAME", "CRU", "MRU",
                                                            "SRU", "HRU", "IPS", "USD/HOUR", "OVERDUE", "(TFT)"}));
  EXPECT_EQ(LineCells(out, "12 "), (std::vector<std::string>{"12", "node", "created", "1", "7", "2", "4", "GB", "50",
                                                             "GB", "0", "B", "1", "0.0227", "0.0000000"}));
  EXPECT_EQ(LineCells(out, "13 "), (std::vector<std::string>{"13", "name", "created", "1", "my-site", "-", "-", "-",
                                                             "-", "0", "0.0025", "0.0000000"}));
  EXPECT_TRUE(LineCells(out, "14 ").empty()) << out;  // deleted: only with --all

  ASSERT_EQ(w_.Run(Args({"contract", "list", "--twin", "1", "--all"})), 0) << w_.err();
  EXPECT_EQ(LineCells(w_.out(), "14 ")[2], "deleted");
  EXPECT_EQ(LineCells(w_.out(), "14 ")[3], "(out-of-funds)");

  // --from resolves the account's twin first.
  ASSERT_EQ(w_.Run(Args({"contract", "list", "--from", "//Alice", "--limit", "1"})), 0) << w_.err();
  EXPECT_EQ(node_.LastParams("grid_getTwinByAccount"), json({{"account", chain::ToSs58(alice_)}}));
  EXPECT_EQ(node_.LastParams("contract_listByTwin")["limit"], 1);
  EXPECT_NE(w_.out().find("Contracts 1-1 of 2 (--offset 1 for more)."), std::string::npos) << w_.out();

  ASSERT_EQ(w_.Run(Args({"--json", "contract", "list", "--node", "7", "--all"})), 0) << w_.err();
  EXPECT_EQ(node_.LastParams("contract_listByNode"),
            json({{"node_id", 7}, {"include_deleted", true}, {"offset", 0}, {"limit", 100}}));
  EXPECT_EQ(w_.OutJson(), json({{"total", 2}, {"contracts", {market_.contracts[0], market_.contracts[2]}}}));
}

TEST_F(ContractQueryTest, ListEmptyAndErrors) {
  ASSERT_EQ(w_.Run(Args({"contract", "list", "--twin", "9"})), 0) << w_.err();
  EXPECT_EQ(w_.out(), "No live contracts of twin 9 (--all shows deleted ones too).\n");
  ASSERT_EQ(w_.Run(Args({"contract", "list", "--node", "7", "--offset", "5"})), 0) << w_.err();
  EXPECT_EQ(w_.out(), "No contracts from offset 5 (1 in all).\n");
  EXPECT_EQ(w_.Run(Args({"contract", "list", "--from", "//Bob"})), 1);
  EXPECT_EQ(w_.err(),
            "error: no-twin: " + chain::ToSs58(bob_) + " has no twin: create it first with 'tfwallet twin create'\n");
  // A node that lists someone else's contract is not believed.
  node_.Result("contract_listByTwin", {{"total", 1}, {"contracts", {market_.contracts[3]}}});
  EXPECT_EQ(w_.Run(Args({"contract", "list", "--twin", "1"})), 1);
  EXPECT_EQ(w_.err(), "error: bad-rpc-response: contract_listByTwin: listed contract 15 of another owner\n");
}

TEST_F(ContractQueryTest, ShowEveryField) {
  market_.contracts[0]["deployment_data"] = "0x776562";
  market_.contracts[0]["used"] = chain::ToJson(chain::Resources{1, 2 * kGiB, 10 * kGiB, 0});
  market_.contracts[0]["state"] = "grace";
  market_.contracts[0]["grace_since_ms"] = 1'700'000'300'000ull;
  market_.contracts[0]["overdue"] = "12345";
  ASSERT_EQ(w_.Run(Args({"contract", "show", "12"})), 0) << w_.err();
  EXPECT_EQ(node_.LastParams("contract_get"), json({{"contract_id", 12}}));
  const std::string out = w_.out();
  for (const std::string& expected :
       {std::string("Contract:           12\n"), std::string("Kind:               node\n"),
        std::string("State:              grace since 2023-11-14 22:18:20 UTC\n"),
        std::string("Node:               7\n"), std::string("Resources:          2 cores, 4 GB memory, 50 GB SSD\n"),
        std::string("Public IPs:         185.69.166.10/24\n"),
        std::string("Deployment hash:    0x" + std::string(64, 'a') + "\n"), std::string("Deployment data:    web\n"),
        std::string("Acknowledged:       ok\n"), std::string("Used:               1 core, 2 GB memory, 10 GB SSD\n"),
        std::string("Solution provider:  none\n"),
        std::string("Created:            block 12, 2023-11-14 22:13:20 UTC\n"),
        std::string("Cost per hour:      0.0227 USD before discount\n"),
        std::string("Overdue:            0.0012345 TFT\n"), std::string("Total paid:         1.5000000 TFT\n")}) {
    EXPECT_NE(out.find(expected), std::string::npos) << expected << "\n" << out;
  }
  ASSERT_EQ(w_.Run(Args({"contract", "show", "13"})), 0) << w_.err();
  EXPECT_NE(w_.out().find("Name:           my-site\n"), std::string::npos) << w_.out();
  EXPECT_EQ(w_.out().find("Deployment"), std::string::npos) << w_.out();

  ASSERT_EQ(w_.Run(Args({"--json", "contract", "show", "12"})), 0) << w_.err();
  EXPECT_EQ(w_.OutJson(), market_.contracts[0]);
}

TEST_F(ContractQueryTest, ShowErrors) {
  EXPECT_EQ(w_.Run(Args({"contract", "show", "99"})), 1);
  EXPECT_EQ(w_.err(), "error: no-contract: no contract 99\n");
  node_.Result("contract_get", market_.contracts[1]);
  EXPECT_EQ(w_.Run(Args({"contract", "show", "12"})), 1);
  EXPECT_EQ(w_.err(), "error: bad-rpc-response: contract_get: answered for another contract\n");
  json broken = market_.contracts[0];
  broken["state"] = "paused";
  node_.Result("contract_get", broken);
  EXPECT_EQ(w_.Run(Args({"contract", "show", "12"})), 1);
  EXPECT_EQ(w_.err(), "error: bad-rpc-response: contract_get: field 'state' has an unknown value 'paused'\n");
  broken = market_.contracts[0];
  broken.erase("overdue");
  node_.Result("contract_get", broken);
  EXPECT_EQ(w_.Run(Args({"contract", "show", "12"})), 1);
  EXPECT_NE(w_.err().find("overdue"), std::string::npos) << w_.err();
}

TEST_F(ContractQueryTest, BillsShowTheSplit) {
  market_.bills.push_back(FakeMarket::Bill(PaidBill(1'700'000'000'000), 20));
  chain::ContractBill unpaid = PaidBill(1'700'000'600'000);
  unpaid.paid = 0;
  unpaid.overdue = 3800;
  unpaid.to_farmer = unpaid.to_staking_pool = unpaid.to_foundation = 0;
  unpaid.state_after = chain::ContractState::kGrace;
  market_.bills.push_back(FakeMarket::Bill(unpaid, 30));
  ASSERT_EQ(w_.Run(Args({"contract", "bills", "12"})), 0) << w_.err();
  EXPECT_EQ(node_.LastParams("contract_getBills"), json({{"contract_id", 12}, {"offset", 0}, {"limit", 100}}));
  const std::string out = w_.out();
  EXPECT_EQ(LineCells(out, "BILLED"),
            (std::vector<std::string>{"BILLED", "TO", "SPAN", "UP", "DISCOUNT", "AMOUNT", "PAID", "OVERDUE", "FARMER",
                                      "POOL", "FOUNDATION", "PROVIDERS", "BURNED", "STATE"}));
  EXPECT_EQ(LineCells(out, "2023-11-14 22:23:20"),
            (std::vector<std::string>{"2023-11-14", "22:23:20", "UTC", "10m", "0s", "9m", "0s", "20%", "0.0003800",
                                      "0.0003800", "0.0000000", "0.0001900", "0.0000380", "0.0001520", "0.0000000",
                                      "0.0000000", "created"}));
  EXPECT_EQ(LineCells(out, "2023-11-14 22:33:20"),
            (std::vector<std::string>{"2023-11-14", "22:33:20", "UTC", "10m", "0s", "9m", "0s", "20%", "0.0003800",
                                      "0.0000000", "0.0003800", "0.0000000", "0.0000000", "0.0000000", "0.0000000",
                                      "0.0000000", "grace"}));

  ASSERT_EQ(w_.Run(Args({"--json", "contract", "bills", "12", "--offset", "1", "--limit", "1"})), 0) << w_.err();
  EXPECT_EQ(w_.OutJson(), json({{"total", 2}, {"bills", {market_.bills[1]}}}));
  ASSERT_EQ(w_.Run(Args({"contract", "bills", "12", "--limit", "1"})), 0) << w_.err();
  EXPECT_NE(w_.out().find("Bills 1-1 of 2 (--offset 1 for more)."), std::string::npos) << w_.out();
  ASSERT_EQ(w_.Run(Args({"contract", "bills", "13"})), 0) << w_.err();
  EXPECT_EQ(w_.out(), "No bills for contract 13 yet.\n");

  // A bill of another contract in the answer is refused.
  node_.Result("contract_getBills", {{"total", 1}, {"bills", {market_.bills[0]}}});
  EXPECT_EQ(w_.Run(Args({"contract", "bills", "13"})), 1);
  EXPECT_EQ(w_.err(), "error: bad-rpc-response: contract_getBills: listed a bill of another contract\n");
}

TEST_F(ContractQueryTest, CostEstimate) {
  ASSERT_EQ(w_.Run(Args({"cost", "estimate", "--node", "7", "--cpu", "2", "--memory", "4GB", "--public-ips", "1",
                         "--from", "//Alice"})),
            0)
      << w_.err();
  EXPECT_EQ(node_.LastParams("contract_estimateCost"),
            json({{"kind", "node"},
                  {"node_id", 7},
                  {"resources", chain::ToJson(chain::Resources{2, 4 * kGiB, 0, 0})},
                  {"public_ips", 1},
                  {"twin_id", 1}}));
  const std::string out = w_.out();
  for (const std::string& expected :
       {std::string("Kind:           node\n"), std::string("Resources:      2 cores, 4 GB memory\n"),
        std::string("Cost per hour:  0.0227 USD before discount\n"), std::string("Discount:       20%\n"),
        std::string("Per hour:       0.2837500 TFT\n"), std::string("Per month:      204.3000000 TFT (720 hours)\n"),
        std::string("TFT price:      80 mUSD per TFT (0.08 USD)\n")}) {
    EXPECT_NE(out.find(expected), std::string::npos) << expected << "\n" << out;
  }

  ASSERT_EQ(w_.Run(Args({"cost", "estimate", "--kind", "rent", "--node", "7"})), 0) << w_.err();
  EXPECT_EQ(node_.LastParams("contract_estimateCost"), json({{"kind", "rent"}, {"node_id", 7}}));
  EXPECT_NE(w_.out().find("(give --twin or --from for the twin's discount)"), std::string::npos) << w_.out();
  ASSERT_EQ(w_.Run(Args({"--json", "cost", "estimate", "--kind", "name", "--twin", "1"})), 0) << w_.err();
  EXPECT_EQ(node_.LastParams("contract_estimateCost"), json({{"kind", "name"}, {"twin_id", 1}}));
  EXPECT_EQ(w_.OutJson(), market_.cost);
}

TEST_F(ContractQueryTest, FundedUntil) {
  market_.funded = {{"balance", "1000000000"},
                    {"hourly_micro_usd", "227000000000"},
                    {"per_hour", "2837500"},
                    {"funded_until_ms", 1'700'352'000'000ull}};
  ASSERT_EQ(w_.Run(Args({"funded-until", "--from", "//Alice"})), 0) << w_.err();
  EXPECT_EQ(node_.LastParams("contract_fundedUntil"), json({{"twin_id", 1}}));
  EXPECT_EQ(w_.out(),
            "Twin:           1\n"
            "Balance:        100.0000000 TFT\n"
            "Cost per hour:  0.2837500 TFT without discount\n"
            "Funded until:   2023-11-19 00:00:00 UTC\n");
  market_.funded["funded_until_ms"] = nullptr;
  market_.funded["per_hour"] = "0";
  ASSERT_EQ(w_.Run(Args({"funded-until", "--twin", "4"})), 0) << w_.err();
  EXPECT_NE(w_.out().find("Funded until:   no cost (no live contracts to pay)"), std::string::npos) << w_.out();
  ASSERT_EQ(w_.Run(Args({"--json", "funded-until", "--twin", "4"})), 0) << w_.err();
  EXPECT_EQ(w_.OutJson()["twin_id"], 4);
  EXPECT_TRUE(w_.OutJson()["funded_until_ms"].is_null());

  node_.Result("contract_fundedUntil",
               {{"twin_id", 5}, {"balance", "1"}, {"per_hour", "0"}, {"funded_until_ms", nullptr}});
  EXPECT_EQ(w_.Run(Args({"funded-until", "--twin", "4"})), 1);
  EXPECT_EQ(w_.err(), "error: bad-rpc-response: contract_fundedUntil: answered for another twin\n");
}

}  // namespace
}  // namespace tfchain::wallet
