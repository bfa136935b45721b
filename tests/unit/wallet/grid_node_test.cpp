// node list|find|show|power-target against a fake node with a fake directory.
#include <gtest/gtest.h>

#include <sstream>

#include "tests/unit/wallet/grid_test_util.h"

namespace tfchain::wallet {
namespace {

using nlohmann::json;
using testing::Dev;
using testing::FakeGrid;

constexpr uint64_t kGiB = 1ull << 30;
constexpr uint64_t kTiB = 1ull << 40;

class GridNodeTest : public testing::GridTest {
 protected:
  GridNodeTest() {
    // Three nodes: a big one in Ghent, a small one in Antwerp, a standby one in Cairo.
    grid_.nodes.push_back(FakeGrid::Node(1, 1, Dev("//Charlie").account_id(), {16, 64 * kGiB, 2 * kTiB, 0}, "Ghent",
                                         "Belgium"));
    grid_.nodes.push_back(FakeGrid::Node(2, 1, Dev("//Dave").account_id(), {4, 8 * kGiB, 500 * kGiB, 4 * kTiB},
                                         "Antwerp", "Belgium"));
    grid_.nodes.push_back(FakeGrid::Node(3, 2, Dev("//Eve").account_id(), {8, 32 * kGiB, kTiB + kTiB / 2, 0}, "Cairo",
                                         "Egypt", "standby"));
    grid_.nodes[2]["certification"] = "certified";
    grid_.nodes[2]["free_public_ips"] = 2;
  }

  // The whitespace-separated cells of the first line of `out` that starts with `prefix`.
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

  // The data rows of a table printed by the last run (without the header).
  std::vector<std::string> Rows() {
    std::istringstream lines(w_.out());
    std::vector<std::string> rows;
    std::string line;
    std::getline(lines, line);
    while (std::getline(lines, line)) rows.push_back(line);
    return rows;
  }
};

TEST_F(GridNodeTest, ListShowsFreeCapacityInGbAndTb) {
  ASSERT_EQ(w_.Run(Args({"node", "list"})), 0) << w_.err();
  EXPECT_EQ(node_.LastParams("grid_listNodes"), json({{"sort", "node_id"}, {"offset", 0}, {"limit", 50}}));
  const std::string header = w_.out().substr(0, w_.out().find('\n'));
  for (const char* column : {"NODE", "FARM", "STATUS", "LOCATION", "FREE CRU", "FREE MRU", "FREE SRU", "FREE HRU",
                             "CERTIFICATION", "FREE IPS"}) {
    EXPECT_NE(header.find(column), std::string::npos) << header;
  }
  const std::vector<std::string> rows = Rows();
  ASSERT_EQ(rows.size(), 3u) << w_.out();
  EXPECT_EQ(rows[0].rfind("1 ", 0), 0u) << w_.out();
  EXPECT_NE(rows[0].find("Ghent, Belgium"), std::string::npos) << w_.out();
  EXPECT_NE(rows[0].find("64 GB"), std::string::npos) << w_.out();
  EXPECT_NE(rows[0].find("2 TB"), std::string::npos) << w_.out();
  EXPECT_NE(rows[1].find("500 GB"), std::string::npos) << w_.out();
  EXPECT_NE(rows[1].find("4 TB"), std::string::npos) << w_.out();
  EXPECT_NE(rows[2].find("standby"), std::string::npos) << w_.out();
  EXPECT_NE(rows[2].find("1.5 TB"), std::string::npos) << w_.out();
  EXPECT_NE(rows[2].find("certified"), std::string::npos) << w_.out();
}

TEST_F(GridNodeTest, ListPagesAndSorts) {
  ASSERT_EQ(w_.Run(Args({"node", "list", "--sort", "free_mru", "--limit", "2"})), 0) << w_.err();
  EXPECT_EQ(node_.LastParams("grid_listNodes"), json({{"sort", "free_mru"}, {"offset", 0}, {"limit", 2}}));
  std::vector<std::string> rows = Rows();
  ASSERT_EQ(rows.size(), 3u) << w_.out();  // two nodes and the footer
  EXPECT_EQ(rows[0].rfind("1 ", 0), 0u) << w_.out();
  EXPECT_EQ(rows[1].rfind("3 ", 0), 0u) << w_.out();
  EXPECT_EQ(rows[2], "Nodes 1-2 of 3 (--offset 2 for more).");

  ASSERT_EQ(w_.Run(Args({"node", "list", "--offset", "2"})), 0) << w_.err();
  EXPECT_NE(w_.out().find("Nodes 3-3 of 3."), std::string::npos) << w_.out();
  ASSERT_EQ(w_.Run(Args({"node", "list", "--offset", "5"})), 0) << w_.err();
  EXPECT_EQ(w_.out(), "No nodes from offset 5 (3 in all).\n");
  grid_.nodes = json::array();
  ASSERT_EQ(w_.Run(Args({"node", "list"})), 0) << w_.err();
  EXPECT_EQ(w_.out(), "No nodes.\n");
}

TEST_F(GridNodeTest, FindSendsTheFilterAndShowsTheMatches) {
  ASSERT_EQ(w_.Run(Args({"node", "find", "--free-mru", "8GB", "--free-sru", "0.5TB", "--country", "belgium"})), 0)
      << w_.err();
  EXPECT_EQ(node_.LastParams("grid_findNodes"),
            json({{"filter", {{"free_mru", 8 * kGiB}, {"free_sru", kTiB / 2}, {"country", "belgium"}}},
                  {"sort", "node_id"},
                  {"offset", 0},
                  {"limit", 50}}));
  std::vector<std::string> rows = Rows();
  ASSERT_EQ(rows.size(), 1u) << w_.out();  // node 2 has only 500 GB of SSD
  EXPECT_EQ(rows[0].rfind("1 ", 0), 0u) << w_.out();

  ASSERT_EQ(w_.Run(Args({"node", "find", "--free-cru", "4", "--farm", "2", "--certified", "--has-free-ip",
                         "--dedicated", "--status", "standby", "--city", "Cairo", "--free-hru", "1KB", "--sort",
                         "free_hru", "--offset", "1", "--limit", "9"})),
            0)
      << w_.err();
  EXPECT_EQ(node_.LastParams("grid_findNodes"), json({{"filter",
                                                       {{"free_cru", 4},
                                                        {"farm_id", 2},
                                                        {"certified", true},
                                                        {"has_free_ip", true},
                                                        {"dedicated", true},
                                                        {"status", "standby"},
                                                        {"city", "Cairo"},
                                                        {"free_hru", 1024}}},
                                                      {"sort", "free_hru"},
                                                      {"offset", 1},
                                                      {"limit", 9}}));
  EXPECT_EQ(w_.out(), "No nodes match.\n");

  ASSERT_EQ(w_.Run(Args({"--json", "node", "find", "--certified"})), 0) << w_.err();
  EXPECT_EQ(w_.OutJson(), json({{"total", 1}, {"nodes", json::array({grid_.nodes[2]})}}));
}

TEST_F(GridNodeTest, FindRefusesBadValuesLocally) {
  EXPECT_EQ(w_.Run(Args({"node", "find", "--free-mru", "8"})), 2);
  EXPECT_EQ(w_.err(), "error: bad-size: --free-mru: '8' needs a unit: B, KB, MB, GB or TB (1 KB = 1024 B)\n");
  EXPECT_EQ(w_.Run(Args({"node", "find", "--free-sru", "1,5TB"})), 2);
  EXPECT_EQ(w_.err().rfind("error: bad-size: --free-sru: '1,5TB'", 0), 0u) << w_.err();
  EXPECT_EQ(w_.Run(Args({"node", "find", "--status", "asleep"})), 2);
  EXPECT_EQ(w_.err(), "error: --status must be up, standby or down, not 'asleep'\n");
  EXPECT_EQ(w_.Run(Args({"node", "find", "--limit", "501"})), 2);
  EXPECT_EQ(w_.Run(Args({"node", "find", "--free-cru", "many"})), 2);
  EXPECT_TRUE(node_.calls().empty());
}

TEST_F(GridNodeTest, ShowEverything) {
  json& n = grid_.nodes[0];
  n["reserved"] = chain::ToJson(chain::Resources{2, 4 * kGiB, 100 * kGiB, 0});
  n["free"] = chain::ToJson(chain::Resources{14, 60 * kGiB, 2 * kTiB - 100 * kGiB, 0});
  n["public_config"] = chain::ToJson(chain::PublicConfig{{"185.69.166.20/24", "185.69.166.1"}, std::nullopt,
                                                         std::string("gw.example.org")});
  n["serial"] = "SN-123";
  ASSERT_EQ(w_.Run(Args({"node", "show", "1"})), 0) << w_.err();
  EXPECT_EQ(node_.LastParams("grid_getNode"), json({{"node_id", 1}}));
  const std::string out = w_.out();
  for (const std::string& expected :
       {std::string("Node:"), std::string("1 (farm1, not-certified, 0 free public IPs)"),
        chain::ToSs58(Dev("//Charlie").account_id()), std::string("target up, state up"),
        std::string("Ghent, Belgium (51.219400, 4.402500)"), std::string("http://10.0.0.5:8080"),
        std::string("ip4 185.69.166.20/24 gw 185.69.166.1; domain gw.example.org"), std::string("SN-123"),
        std::string("80 mUSD per TFT (0.08 USD)"), std::string("Last uptime report:")}) {
    EXPECT_NE(out.find(expected), std::string::npos) << expected << "\n" << out;
  }
  // The capacity and interface tables, compared cell by cell.
  EXPECT_EQ(LineCells(out, "CAPACITY"), (std::vector<std::string>{"CAPACITY", "TOTAL", "RESERVED", "FREE"}));
  EXPECT_EQ(LineCells(out, "cores"), (std::vector<std::string>{"cores", "(cru)", "16", "2", "14"}));
  EXPECT_EQ(LineCells(out, "memory"), (std::vector<std::string>{"memory", "(mru)", "64", "GB", "4", "GB", "60", "GB"}));
  EXPECT_EQ(LineCells(out, "ssd"), (std::vector<std::string>{"ssd", "(sru)", "2", "TB", "100", "GB", "1.9", "TB"}));
  EXPECT_EQ(LineCells(out, "hdd"), (std::vector<std::string>{"hdd", "(hru)", "0", "B", "0", "B", "0", "B"}));
  EXPECT_EQ(LineCells(out, "zos"), (std::vector<std::string>{"zos", "52:54:00:12:34:56", "10.0.0.5"}));
  ASSERT_EQ(w_.Run(Args({"--json", "node", "show", "1"})), 0) << w_.err();
  EXPECT_EQ(w_.OutJson(), grid_.nodes[0]);
}

TEST_F(GridNodeTest, ShowErrors) {
  EXPECT_EQ(w_.Run(Args({"node", "show", "9"})), 1);
  EXPECT_EQ(w_.err(), "error: node-not-found: no node 9\n");
  node_.Result("grid_getNode", grid_.nodes[1]);
  EXPECT_EQ(w_.Run(Args({"node", "show", "1"})), 1);
  EXPECT_EQ(w_.err(), "error: bad-rpc-response: grid_getNode: answered for another node\n");
  json broken = grid_.nodes[0];
  broken["free"] = {{"cru", 1}};
  node_.Result("grid_getNode", broken);
  EXPECT_EQ(w_.Run(Args({"node", "show", "1"})), 1);
  EXPECT_EQ(w_.err().rfind("error: bad-rpc-response: grid_getNode: field 'free': bad-resources", 0), 0u) << w_.err();
}

TEST_F(GridNodeTest, PowerTarget) {
  json doc;
  chain::Call call = DryRun({"node", "power-target", "2", "down"}, &doc);
  EXPECT_EQ(std::get<chain::NodeSetPowerTargetCall>(call), (chain::NodeSetPowerTargetCall{2, chain::PowerState::kDown}));
  EXPECT_EQ(doc["target"], "down");
  call = DryRun({"node", "power-target", "2", "up"});
  EXPECT_EQ(std::get<chain::NodeSetPowerTargetCall>(call).target, chain::PowerState::kUp);
  EXPECT_EQ(w_.Run(Args({"node", "power-target", "2", "sleep", "--from", "//Alice"})), 2);
  EXPECT_EQ(w_.err(), "error: the power target must be up or down, not 'sleep'\n");
}

}  // namespace
}  // namespace tfchain::wallet
