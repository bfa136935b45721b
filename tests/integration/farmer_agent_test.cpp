// The farmer agent against a real `tfchaind --dev` with a fast grid (1 s uptime
// interval): farmer //Bob creates a twin and a farm, `farmer-agent` starts with a fresh
// data dir, waits for its account to be funded, registers its twin and node in the farm
// with this machine's cores and memory, and reports uptime until the node is "up". A
// restart with the same data dir finds the same node (no duplicate). Bad command lines
// exit 2 with a precise message.
#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <fstream>
#include <sstream>
#include <thread>

#include <gtest/gtest.h>

#include "chain/account_id.h"
#include "chain/bytes.h"
#include "chain/genesis.h"
#include "chain/grid_calls.h"
#include "chain/keys.h"
#include "chain/secret_uri.h"
#include "chain/transaction.h"
#include "node/config.h"
#include "tests/integration/farmer_agent_util.h"
#include "tests/integration/node_process_util.h"

namespace tfchain::testing {
namespace {
using nlohmann::json;

class FarmerAgentTest : public ::testing::Test {
 protected:
  FarmerAgentTest()
      : dir_("agent"),
        node_(dir_.path() + "/chain", 100, {"--genesis", AgentTestGenesis(dir_.path())}),
        farmer_(DevKey("//Bob")) {}

  // Signs, submits and waits; expects success.
  void Send(const chain::SecretKey& key, chain::Call call) {
    json receipt = node_.SendTx(key, std::move(call));
    ASSERT_TRUE(receipt.is_object());
    ASSERT_EQ(receipt["status"], "included") << receipt.dump();
  }

  std::vector<std::string> AgentArgs(chain::FarmId farm, const std::string& location = "Ghent,BE") {
    return {"--rpc",      node_.url(),           "--farm-id",  std::to_string(farm),
            "--data-dir", dir_.path() + "/agent", "--api",      "127.0.0.1:" + std::to_string(FreePortRange(1)),
            "--location", location};
  }

  TempDir dir_;
  DevNode node_;
  chain::SecretKey farmer_;
};

uint64_t MemTotalBytes() {
  std::istringstream in(ReadText("/proc/meminfo"));
  std::string line;
  while (std::getline(in, line)) {
    if (line.rfind("MemTotal:", 0) == 0) return std::stoull(line.substr(9)) * 1024;
  }
  return 0;
}

TEST_F(FarmerAgentTest, RegistersReportsUptimeAndKeepsItsNodeAcrossRestarts) {
  ASSERT_TRUE(node_.started());
  ASSERT_NO_FATAL_FAILURE(Send(farmer_, chain::TwinCreateCall{"relay.grid.tf", chain::Bytes(32, 7)}));
  ASSERT_NO_FATAL_FAILURE(Send(farmer_, chain::FarmCreateCall{"agent-farm", 1}));
  const chain::FarmId farm = node_.Result("grid_getFarm", json{{"name", "agent-farm"}})["farm_id"];

  const std::string log_path = dir_.path() + "/agent.log";
  auto agent = std::make_unique<AgentProcess>(AgentArgs(farm), log_path);

  // The agent creates its key and asks to be funded.
  const std::string key_path = dir_.path() + "/agent/node_key";
  ASSERT_TRUE(WaitFor([&] { return agent->Log().find("fund account") != std::string::npos; },
                      std::chrono::seconds(15)))
      << agent->Log();
  auto seed = chain::FromHex(ReadText(key_path).substr(0, 64));
  ASSERT_TRUE(seed.ok());
  auto node_key = chain::SecretKey::FromSeed(chain::KeyScheme::kEd25519, *seed);
  ASSERT_TRUE(node_key.ok());
  const std::string account = chain::ToSs58(node_key->account_id());
  EXPECT_NE(agent->Log().find("fund account " + account), std::string::npos) << agent->Log();
  // Not registered while unfunded.
  EXPECT_EQ(node_.Call("grid_getNode", json{{"account", account}})["error"]["data"]["reason"], "node-not-found");

  ASSERT_NO_FATAL_FAILURE(Send(farmer_, chain::TransferCall{node_key->account_id(), 10 * chain::kUnitsPerTft}));

  json node;
  ASSERT_TRUE(WaitFor(
      [&] {
        json answer = node_.Call("grid_getNode", json{{"account", account}});
        if (!answer.contains("result")) return false;
        node = answer["result"];
        return node["status"] == "up";
      },
      std::chrono::seconds(20)))
      << "node: " << node.dump() << "\nagent log:\n"
      << agent->Log();
  EXPECT_EQ(node["farm_id"], farm);
  EXPECT_EQ(node["resources"]["cru"].get<uint64_t>(), static_cast<uint64_t>(sysconf(_SC_NPROCESSORS_ONLN)));
  EXPECT_EQ(node["resources"]["mru"].get<uint64_t>(), MemTotalBytes());
  EXPECT_GT(node["resources"]["sru"].get<uint64_t>() + node["resources"]["hru"].get<uint64_t>(), 0u);
  EXPECT_EQ(node["location"]["city"], "Ghent");
  EXPECT_EQ(node["agent_endpoint"].get<std::string>().rfind("http://127.0.0.1:", 0), 0u);
  EXPECT_NE(node["twin_id"], 0);
  const chain::NodeId node_id = node["node_id"];
  const uint64_t first_report = node["last_uptime_report_ms"];
  EXPECT_GT(first_report, 0u);

  EXPECT_EQ(agent->Terminate(), 0) << agent->Log();

  // Restart in another city: same key, the same node updated (no second node), uptime
  // reports continue.
  auto again = std::make_unique<AgentProcess>(AgentArgs(farm, "Antwerp,BE"), dir_.path() + "/agent2.log");
  ASSERT_TRUE(WaitFor(
      [&] {
        json n = node_.Result("grid_getNode", json{{"node_id", node_id}});
        return n["last_uptime_report_ms"].get<uint64_t>() > first_report + 1500;
      },
      std::chrono::seconds(20)))
      << again->Log();
  EXPECT_NE(again->Log().find("updating node " + std::to_string(node_id)), std::string::npos) << again->Log();
  EXPECT_EQ(node_.Result("grid_getNode", json{{"node_id", node_id}})["location"]["city"], "Antwerp");
  json farm_after = node_.Result("grid_getFarm", json{{"farm_id", farm}});
  EXPECT_EQ(farm_after["node_ids"], json::array({node_id}));
  EXPECT_EQ(node_.Result("grid_listNodes")["total"], 1);
  EXPECT_EQ(again->Terminate(), 0);
}

TEST(FarmerAgentCli, BadArgumentsExitTwoWithAMessage) {
  CommandResult missing = RunCommand("farmer-agent", {"--farm-id", "1", "--data-dir", "/nonexistent"});
  EXPECT_EQ(missing.exit_code, 2);
  EXPECT_NE(missing.err.find("missing required flag --rpc"), std::string::npos) << missing.err;
  EXPECT_NE(missing.err.find("usage: farmer-agent"), std::string::npos) << missing.err;

  CommandResult bad_farm =
      RunCommand("farmer-agent", {"--rpc", "http://127.0.0.1:1", "--farm-id", "zero", "--data-dir", "/nonexistent"});
  EXPECT_EQ(bad_farm.exit_code, 2);
  EXPECT_NE(bad_farm.err.find("--farm-id"), std::string::npos) << bad_farm.err;

  CommandResult bad_api = RunCommand("farmer-agent", {"--rpc", "http://127.0.0.1:1", "--farm-id", "1", "--data-dir",
                                                      "/nonexistent", "--api", "nowhere"});
  EXPECT_EQ(bad_api.exit_code, 2);
  EXPECT_NE(bad_api.err.find("--api: expected HOST:PORT"), std::string::npos) << bad_api.err;

  CommandResult bad_disk = RunCommand("farmer-agent", {"--rpc", "http://127.0.0.1:1", "--farm-id", "1", "--data-dir",
                                                       "/nonexistent", "--disk-type", "nvme"});
  EXPECT_EQ(bad_disk.exit_code, 2);
  EXPECT_NE(bad_disk.err.find("--disk-type: expected ssd or hdd, got \"nvme\""), std::string::npos) << bad_disk.err;

  CommandResult help = RunCommand("farmer-agent", {"--help"});
  EXPECT_EQ(help.exit_code, 0);
  EXPECT_NE(help.out.find("--storage-pool"), std::string::npos);
  EXPECT_NE(help.out.find("--disk-type"), std::string::npos);
}

}  // namespace
}  // namespace tfchain::testing
