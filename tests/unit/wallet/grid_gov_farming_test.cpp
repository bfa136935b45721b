// gov propose|vote|list|show and farming rewards against a fake node.
#include <gtest/gtest.h>

#include <sstream>

#include "chain/genesis.h"
#include "chain/grid_json.h"
#include "tests/unit/wallet/grid_test_util.h"
#include "wallet/output.h"

namespace tfchain::wallet {
namespace {

using nlohmann::json;
using testing::Dev;
using testing::FakeGrid;
using testing::kAliceAddress;
using testing::TempDir;
using testing::WriteFile;

constexpr uint64_t kMonthMs = 30ull * 24 * 3600 * 1000;

class GridGovTest : public testing::GridTest {
 protected:
  // Writes `doc` to a file in a temp dir; returns its path.
  std::string File(const std::string& name, const std::string& text) {
    std::string path = dir_.path() + "/" + name;
    WriteFile(path, text);
    return path;
  }

  static chain::PricingPolicy Pricing() {
    chain::PricingPolicy p;
    p.id = 0;
    p.name = "cheaper";
    p.su = 40'000;
    p.cu = 90'000;
    p.nu = 10'000;
    p.ipu = 30'000;
    p.unique_name = 2'000;
    p.domain_name = 4'000;
    p.foundation_account = Dev("//Alice").account_id();
    p.certified_sales_account = Dev("//Bob").account_id();
    p.dedicated_discount_percent = 40;
    return p;
  }

  TempDir dir_;
};

TEST_F(GridGovTest, ProposeTftPrice) {
  json doc;
  chain::Call call = DryRun({"gov", "propose", "set-tft-price", "95", "--description", "market moved"}, &doc);
  EXPECT_EQ(std::get<chain::GovProposeCall>(call),
            (chain::GovProposeCall{chain::SetTftPriceAction{95}, "market moved"}));
  EXPECT_EQ(doc["action"], json({{"kind", "set-tft-price"}, {"tft_price_musd", 95}}));
  EXPECT_EQ(doc["description"], "market moved");

  std::vector<std::string> args = Args({"gov", "propose", "set-tft-price", "95", "--from", "//Alice", "--dry-run"});
  ASSERT_EQ(w_.Run(args), 0) << w_.err();
  EXPECT_NE(w_.out().find("governance.propose"), std::string::npos) << w_.out();
  EXPECT_NE(w_.out().find("set-tft-price"), std::string::npos) << w_.out();
  EXPECT_NE(w_.out().find("95 mUSD per TFT (0.095 USD)"), std::string::npos) << w_.out();
}

TEST_F(GridGovTest, ProposeCertifier) {
  chain::Call call = DryRun({"gov", "propose", "set-certifier", "//Bob", "add"});
  EXPECT_EQ(std::get<chain::GovProposeCall>(call).action, chain::GovAction(chain::SetCertifierAction{bob_, true}));
  call = DryRun({"gov", "propose", "set-certifier", chain::ToSs58(bob_), "remove"});
  EXPECT_EQ(std::get<chain::GovProposeCall>(call).action, chain::GovAction(chain::SetCertifierAction{bob_, false}));

  const size_t calls = node_.calls().size();
  EXPECT_EQ(w_.Run(Args({"gov", "propose", "set-certifier", "nobody", "add", "--from", "//Alice"})), 1);
  EXPECT_EQ(w_.err().rfind("error: unknown-key: no key named 'nobody'", 0), 0u) << w_.err();
  EXPECT_EQ(node_.calls().size(), calls);
}

TEST_F(GridGovTest, ProposePoliciesAndParamsFromFiles) {
  const chain::PricingPolicy pricing = Pricing();
  chain::Call call =
      DryRun({"gov", "propose", "set-pricing-policy", File("pricing.json", chain::ToJson(pricing).dump())});
  EXPECT_EQ(std::get<chain::GovProposeCall>(call).action, chain::GovAction(chain::SetPricingPolicyAction{pricing}));

  chain::FarmingPolicy farming;
  farming.id = 2;
  farming.name = "certified";
  farming.cu = 3000;
  farming.su = 1250;
  farming.nu = 38;
  farming.ipv4 = 6;
  farming.minimal_uptime_permill = 950'000;
  farming.node_certification = chain::NodeCertification::kCertified;
  farming.is_default = true;
  call = DryRun({"gov", "propose", "set-farming-policy", File("farming.json", chain::ToJson(farming).dump())});
  EXPECT_EQ(std::get<chain::GovProposeCall>(call).action, chain::GovAction(chain::SetFarmingPolicyAction{farming}));

  chain::GridParams grid;
  grid.tft_price_musd = 100;
  grid.uptime_interval_ms = 60'000;
  call = DryRun({"gov", "propose", "set-grid-params", File("grid.json", chain::ToJson(grid).dump())});
  EXPECT_EQ(std::get<chain::GovProposeCall>(call).action, chain::GovAction(chain::SetGridParamsAction{grid}));

  chain::GovernanceParams governance;
  governance.voting_period_blocks = 99;
  // From stdin.
  w_.SetStdin(chain::ToJson(governance).dump());
  call = DryRun({"gov", "propose", "set-governance-params", "-"});
  EXPECT_EQ(std::get<chain::GovProposeCall>(call).action,
            chain::GovAction(chain::SetGovernanceParamsAction{governance}));
}

TEST_F(GridGovTest, BadProposalFilesFailBeforeAnythingIsAsked) {
  w_.SetPasswords({"pw", "pw"});
  ASSERT_EQ(w_.Run({"key", "import", "val", "//Alice"}), 0) << w_.err();
  w_.SetPasswords({});  // forgets the import's prompts
  auto propose = [&](const std::string& kind, const std::string& file) {
    return w_.Run(Args({"gov", "propose", kind, file, "--from", "val"}));
  };
  EXPECT_EQ(propose("set-pricing-policy", dir_.path() + "/missing.json"), 1);
  EXPECT_EQ(w_.err(), "error: bad-proposal-file: '" + dir_.path() + "/missing.json' cannot be read\n");
  EXPECT_EQ(propose("set-grid-params", File("broken.json", "{\"tft_price_musd\": ")), 1);
  EXPECT_EQ(w_.err(), "error: bad-proposal-file: '" + dir_.path() + "/broken.json' is not valid JSON\n");

  json unknown = chain::ToJson(Pricing());
  unknown["colour"] = "blue";
  const std::string path = File("unknown.json", unknown.dump());
  EXPECT_EQ(propose("set-pricing-policy", path), 1);
  EXPECT_EQ(w_.err().rfind("error: bad-pricing-policy: '" + path + "': ", 0), 0u) << w_.err();
  // A pricing policy is not a farming policy.
  EXPECT_EQ(propose("set-farming-policy", File("pricing.json", chain::ToJson(Pricing()).dump())), 1);
  EXPECT_EQ(w_.err().rfind("error: bad-farming-policy: ", 0), 0u) << w_.err();
  w_.SetStdin("");
  EXPECT_EQ(propose("set-governance-params", "-"), 1);
  EXPECT_EQ(w_.err(), "error: bad-proposal-file: stdin is not valid JSON\n");

  EXPECT_TRUE(w_.passwords().prompts.empty());
  EXPECT_TRUE(node_.calls().empty());
}

TEST_F(GridGovTest, Vote) {
  json doc;
  chain::Call call = DryRun({"gov", "vote", "3", "yes"}, &doc);
  EXPECT_EQ(std::get<chain::GovVoteCall>(call), (chain::GovVoteCall{3, true}));
  EXPECT_EQ(doc["approve"], true);
  call = DryRun({"gov", "vote", "3", "no"});
  EXPECT_EQ(std::get<chain::GovVoteCall>(call), (chain::GovVoteCall{3, false}));

  ScriptReceipt(0, {{"status", "failed"},
                    {"height", 41},
                    {"index", 0},
                    {"block_hash", "0x" + std::string(64, '3')},
                    {"error", "not-a-validator"},
                    {"message", "only operators of active validators may vote"},
                    {"fee", "11230"},
                    {"events", json::array()}});
  EXPECT_EQ(w_.Run(Args({"gov", "vote", "3", "yes", "--from", "//Alice"})), 1);
  EXPECT_EQ(w_.err().rfind("error: not-a-validator: transaction 0x", 0), 0u) << w_.err();
}

TEST_F(GridGovTest, ListAndShow) {
  grid_.proposals.push_back(FakeGrid::Proposal(2, alice_, chain::SetTftPriceAction{95}, "open"));
  grid_.proposals.push_back(FakeGrid::Proposal(1, bob_, chain::SetCertifierAction{bob_, true}, "rejected"));
  ASSERT_EQ(w_.Run(Args({"gov", "list"})), 0) << w_.err();
  EXPECT_EQ(node_.LastParams("gov_listProposals"), json::object());
  std::istringstream lines(w_.out());
  std::string header, first, second;
  std::getline(lines, header);
  std::getline(lines, first);
  std::getline(lines, second);
  for (const char* column : {"ID", "ACTION", "STATUS", "YES (TFT)", "NO (TFT)", "POWER (TFT)", "ENDS AT", "RESULT"}) {
    EXPECT_NE(header.find(column), std::string::npos) << header;
  }
  EXPECT_EQ(first.rfind("2 ", 0), 0u) << w_.out();
  EXPECT_NE(first.find("set-tft-price"), std::string::npos) << w_.out();
  EXPECT_NE(first.find("60.0000000"), std::string::npos) << w_.out();
  EXPECT_NE(second.find("no-quorum"), std::string::npos) << w_.out();

  ASSERT_EQ(w_.Run(Args({"--json", "gov", "list", "--status", "rejected"})), 0) << w_.err();
  EXPECT_EQ(node_.LastParams("gov_listProposals"), json({{"status", "rejected"}}));
  EXPECT_EQ(w_.OutJson(), json({{"proposals", json::array({grid_.proposals[1]})}}));
  ASSERT_EQ(w_.Run(Args({"gov", "list", "--status", "enacted"})), 0) << w_.err();
  EXPECT_EQ(w_.out(), "No enacted proposals.\n");

  ASSERT_EQ(w_.Run(Args({"gov", "show", "1"})), 0) << w_.err();
  EXPECT_EQ(node_.LastParams("gov_getProposal"), json({{"id", 1}}));
  const std::string out = w_.out();
  for (const std::string& expected :
       {std::string("Proposal:"), chain::ToSs58(bob_), std::string("set-certifier"),
        "add " + chain::ToSs58(bob_), std::string("rejected (no-quorum)"), std::string("60.0000000 TFT (60%)"),
        std::string("10.0000000 TFT (10%)"), std::string("100.0000000 TFT"), std::string("block 30"),
        std::string("Closed:"), std::string("50% of the power must vote; passes with 50.0001% of the votes yes")}) {
    EXPECT_NE(out.find(expected), std::string::npos) << expected << "\n" << out;
  }
  ASSERT_EQ(w_.Run(Args({"--json", "gov", "show", "2"})), 0) << w_.err();
  EXPECT_EQ(w_.OutJson(), grid_.proposals[0]);

  // A policy proposal shows the policy's values.
  chain::PricingPolicy pricing = Pricing();
  grid_.proposals.push_back(FakeGrid::Proposal(3, alice_, chain::SetPricingPolicyAction{pricing}, "enacted"));
  ASSERT_EQ(w_.Run(Args({"gov", "show", "3"})), 0) << w_.err();
  EXPECT_NE(w_.out().find("name=cheaper"), std::string::npos) << w_.out();
  EXPECT_NE(w_.out().find("cu=90000"), std::string::npos) << w_.out();

  EXPECT_EQ(w_.Run(Args({"gov", "show", "9"})), 1);
  EXPECT_EQ(w_.err(), "error: proposal-not-found: no proposal 9\n");
  grid_.proposals[0]["action"] = {{"kind", "set-moon-phase"}};
  EXPECT_EQ(w_.Run(Args({"gov", "show", "2"})), 1);
  EXPECT_EQ(w_.err().rfind("error: bad-rpc-response: gov_getProposal: field 'action': bad-gov-action", 0), 0u)
      << w_.err();
}

// --- farming rewards

// A receipt of a full 30-day period for a node with 2.5 CU and 1.2 SU at the default
// diy rates (cu 2400, su 1000 mUSD per unit-month), 100% up, TFT at 80 mUSD:
//   reward = 2.5 * 2400 + 1.2 * 1000 = 7200 mUSD = 7.2 USD = 7.2e9 nUSD
//   amount = 7.2 USD / 0.08 USD per TFT = 90 TFT = 900000000 units.
chain::FarmingReceipt FullPeriod(uint32_t node_id, uint64_t uptime_ms) {
  chain::FarmingReceipt r;
  r.period = 4;
  r.node_id = node_id;
  r.farm_id = 1;
  r.account = Dev("//Alice").account_id();
  r.policy_id = 1;
  r.cu_rate = 2400;
  r.su_rate = 1000;
  r.ipv4_rate = 5;
  r.minimal_uptime_permill = 950'000;
  r.period_ms = kMonthMs;
  r.uptime_ms = uptime_ms;
  r.cu_micro = 2'500'000;
  r.su_micro = 1'200'000;
  r.connection_price_musd = 80;
  r.reward_nusd = 7'200'000'000;
  r.amount = 900'000'000;
  return r;
}

TEST_F(GridGovTest, FarmingRewardsTable) {
  chain::FarmingReceipt paid = FullPeriod(5, kMonthMs);
  chain::FarmingReceipt virtualized = FullPeriod(6, kMonthMs);
  virtualized.virtualized = true;
  virtualized.reward_nusd = 0;
  virtualized.amount = 0;
  chain::FarmingReceipt flaky = FullPeriod(7, kMonthMs / 10 * 9);  // 90% < 95%
  flaky.reward_nusd = 0;
  flaky.amount = 0;
  for (const auto& r : {paid, virtualized, flaky}) grid_.receipts.push_back(chain::ToJson(r));

  ASSERT_EQ(w_.Run(Args({"farming", "rewards", "--farm", "1"})), 0) << w_.err();
  EXPECT_EQ(node_.LastParams("farming_getRewards"), json({{"farm_id", 1}, {"offset", 0}, {"limit", 100}}));
  std::istringstream lines(w_.out());
  std::string header, first, second, third, total;
  std::getline(lines, header);
  std::getline(lines, first);
  std::getline(lines, second);
  std::getline(lines, third);
  std::getline(lines, total);
  for (const char* column :
       {"PERIOD", "NODE", "FARM", "POLICY", "UPTIME", "CU", "SU", "REWARD (USD)", "AMOUNT (TFT)", "NOTE"}) {
    EXPECT_NE(header.find(column), std::string::npos) << header;
  }
  std::istringstream cells(first);
  std::vector<std::string> row;
  for (std::string cell; cells >> cell;) row.push_back(cell);
  EXPECT_EQ(row, (std::vector<std::string>{"4", "5", "1", "1", "100%", "2.5", "1.2", "7.2", "90.0000000"})) << first;
  EXPECT_NE(second.find("virtualized"), std::string::npos) << w_.out();
  EXPECT_NE(third.find("90%"), std::string::npos) << w_.out();
  EXPECT_NE(third.find("below minimal uptime 95%"), std::string::npos) << w_.out();
  EXPECT_EQ(total, "Total minted: 90.0000000 TFT in 3 receipts");

  ASSERT_EQ(w_.Run(Args({"farming", "rewards", "--limit", "1", "--offset", "1"})), 0) << w_.err();
  EXPECT_NE(w_.out().find("Receipts 2-2 of 3 (--offset 2 for more)."), std::string::npos) << w_.out();
  EXPECT_NE(w_.out().find("Total minted: 90.0000000 TFT in 3 receipts"), std::string::npos) << w_.out();

  ASSERT_EQ(w_.Run(Args({"--json", "farming", "rewards", "--node", "5", "--period", "4"})), 0) << w_.err();
  EXPECT_EQ(node_.LastParams("farming_getRewards"),
            json({{"node_id", 5}, {"period", 4}, {"offset", 0}, {"limit", 100}}));
  EXPECT_EQ(w_.OutJson(), json({{"receipts", json::array({chain::ToJson(paid)})}, {"count", 1}, {"total", "900000000"}}));
}

TEST_F(GridGovTest, FarmingRewardsNoneAndBadAnswers) {
  ASSERT_EQ(w_.Run(Args({"farming", "rewards"})), 0) << w_.err();
  EXPECT_EQ(w_.out(), "No farming receipts.\n");

  json broken = chain::ToJson(FullPeriod(5, kMonthMs));
  broken["amount"] = -1;
  node_.Result("farming_getRewards", {{"receipts", json::array({broken})}, {"count", 1}, {"total", "0"}});
  EXPECT_EQ(w_.Run(Args({"farming", "rewards"})), 1);
  EXPECT_EQ(w_.err().rfind("error: bad-rpc-response: farming_getRewards: field 'receipts': bad-farming-receipt", 0), 0u)
      << w_.err();
  node_.Result("farming_getRewards", {{"receipts", json::array()}, {"count", 0}});
  EXPECT_EQ(w_.Run(Args({"farming", "rewards"})), 1);
  EXPECT_EQ(w_.err(), "error: bad-rpc-response: farming_getRewards: field 'total' is missing\n");
}

}  // namespace
}  // namespace tfchain::wallet

namespace tfchain::wallet {
namespace {

// Receipts of grid transactions show minted TFT and voting power in TFT.
TEST(GridEventText, AmountsInTft) {
  const std::string settled =
      FormatNamedArgs(chain::ToJson(chain::Event(chain::PeriodSettledEvent{4, 12, 15'000'000})));
  EXPECT_EQ(settled.rfind("farming.PeriodSettled ", 0), 0u) << settled;
  EXPECT_NE(settled.find("minted=1.5000000 TFT"), std::string::npos) << settled;
  const std::string voted =
      FormatNamedArgs(chain::ToJson(chain::Event(chain::VotedEvent{3, Dev("//Bob").account_id(), true, 25'000'000})));
  EXPECT_NE(voted.find("power=2.5000000 TFT"), std::string::npos) << voted;
  EXPECT_NE(voted.find("approve=true"), std::string::npos) << voted;
}

}  // namespace
}  // namespace tfchain::wallet
