// A deployment end to end, as root: `tfchaind --dev` (fast grid) + `farmer-agent`; //Charlie
// rents capacity on the agent's node with a node contract, POSTs a signed deployment of a
// busybox container (and a volume when the node has SSD capacity) to the agent's API; the
// agent's reconciler runs it with runc and acknowledges the contract ("ok"); cancelling
// the contract removes the container.
#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>
#include <thread>

#include <gtest/gtest.h>
#include <httplib.h>

#include "chain/account_id.h"
#include "chain/bytes.h"
#include "chain/genesis.h"
#include "chain/grid_calls.h"
#include "chain/hash.h"
#include "chain/keys.h"
#include "chain/market_calls.h"
#include "chain/secret_uri.h"
#include "chain/transaction.h"
#include "farmer-agent/deployment.h"
#include "farmer-agent/process.h"
#include "node/config.h"
#include "tests/integration/farmer_agent_util.h"
#include "tests/integration/node_process_util.h"

namespace tfchain::testing {
namespace {
namespace fs = std::filesystem;
using nlohmann::json;

constexpr uint64_t kMiB = 1ull << 20;
constexpr uint64_t kGiB = 1ull << 30;

class FarmerAgentDeployTest : public ::testing::Test {
 protected:
  FarmerAgentDeployTest()
      : dir_("agentdeploy"),
        node_(dir_.path() + "/chain", 100, {"--genesis", AgentTestGenesis(dir_.path())}),
        farmer_(DevKey("//Bob")),
        user_(DevKey("//Charlie")) {}

  json Send(const chain::SecretKey& key, chain::Call call) { return node_.ExpectTxOk(key, std::move(call)); }

  json Contract(uint64_t id) { return node_.Result("contract_get", {{"contract_id", id}}); }

  TempDir dir_;
  DevNode node_;
  chain::SecretKey farmer_;
  chain::SecretKey user_;
};

TEST_F(FarmerAgentDeployTest, DeploysAContainerAcksAndRemovesItOnCancel) {
  const std::string missing = MissingWorkloadCapability();
  if (!missing.empty()) GTEST_SKIP() << missing;
  ASSERT_TRUE(node_.started());
  ASSERT_TRUE(Send(farmer_, chain::TwinCreateCall{"relay.grid.tf", chain::Bytes(32, 7)}).value("success", false));
  ASSERT_TRUE(Send(farmer_, chain::FarmCreateCall{"deploy-farm", 1}).value("success", false));
  const chain::FarmId farm = node_.Result("grid_getFarm", json{{"name", "deploy-farm"}})["farm_id"];

  const std::string data_dir = dir_.path() + "/agent";
  AgentLeftovers leftovers{data_dir};
  const uint16_t api_port = FreePortRange(1);
  const std::string api = "http://127.0.0.1:" + std::to_string(api_port);
  AgentProcess agent({"--rpc", node_.url(), "--farm-id", std::to_string(farm), "--data-dir", data_dir, "--api",
                      "127.0.0.1:" + std::to_string(api_port), "--location", "Ghent,BE"},
                     dir_.path() + "/agent.log");
  ASSERT_TRUE(WaitFor([&] { return fs::exists(data_dir + "/node_key"); }, std::chrono::seconds(15))) << agent.Log();
  ASSERT_TRUE(WaitFor([&] { return agent.Log().find("fund account") != std::string::npos; },
                      std::chrono::seconds(15)))
      << agent.Log();
  auto seed = chain::FromHex(ReadText(data_dir + "/node_key").substr(0, 64));
  ASSERT_TRUE(seed.ok());
  auto node_key = chain::SecretKey::FromSeed(chain::KeyScheme::kEd25519, *seed);
  ASSERT_TRUE(node_key.ok());
  const std::string node_account = chain::ToSs58(node_key->account_id());
  ASSERT_TRUE(
      Send(farmer_, chain::TransferCall{node_key->account_id(), 10 * chain::kUnitsPerTft}).value("success", false));
  json node;
  ASSERT_TRUE(WaitFor(
      [&] {
        json answer = node_.Call("grid_getNode", json{{"account", node_account}});
        if (!answer.contains("result")) return false;
        node = answer["result"];
        return node["status"] == "up";
      },
      std::chrono::seconds(30)))
      << agent.Log();
  const chain::NodeId node_id = node["node_id"];
  const bool with_volume = node["resources"]["sru"].get<uint64_t>() >= kGiB;
  if (!with_volume) std::cout << "[   NOTE   ] the node has no SSD capacity: deploying without a volume "
                 "(a node needs >= 100 GiB, so only a disk pool can give it sru)\n";

  // //Charlie's twin and a node contract (placeholder hash until the id is known).
  ASSERT_TRUE(Send(user_, chain::TwinCreateCall{"relay.grid.tf", chain::Bytes(32, 3)}).value("success", false));
  const chain::Resources resources{1, 128 * kMiB, with_volume ? kGiB : 0, 0};
  chain::ContractCreateNodeCall create;
  create.node_id = node_id;
  create.resources = resources;
  create.deployment_hash.bytes.fill(1);
  json created = Send(user_, create);
  uint64_t contract_id = 0;
  for (const json& e : created.value("events", json::array())) {
    if (e["name"] == "contract.ContractCreated") contract_id = e["args"]["contract_id"];
  }
  ASSERT_GT(contract_id, 0u) << created.dump();

  // The image: a busybox rootfs tarball.
  const std::string img = dir_.path() + "/img";
  fs::create_directories(img + "/bin");
  fs::copy_file("/usr/bin/busybox", img + "/bin/busybox");
  for (const char* applet : {"sh", "sleep", "cat", "echo", "ls"}) fs::create_symlink("busybox", img + "/bin/" + applet);
  const std::string image = dir_.path() + "/busybox.tar";
  ASSERT_TRUE(agent::RunChecked({"tar", "-cf", image, "-C", img, "."}, "tar-failed").ok());

  // Unique workload names: "c<id>-<name>" become runc ids (and cgroup names).
  const std::string tag = "tft" + std::to_string(getpid());
  agent::Deployment d;
  d.contract_id = contract_id;
  d.version = 1;
  if (with_volume) d.workloads.push_back(agent::VolumeWorkload{tag + "v", 16 * kMiB});
  agent::ContainerWorkload c;
  c.name = tag + "c";
  c.image = image;
  c.image_hash = chain::Blake2b256(chain::AsBytes(ReadText(image)));
  c.cpu_millis = 500;
  c.memory = 64 * kMiB;
  c.entrypoint = {"/bin/sh", "-c", "echo started > /tmp/started; sleep 1000"};
  if (with_volume) c.mounts = {{tag + "v", "/data"}};
  d.workloads.push_back(c);
  chain::ContractUpdateNodeCall update;
  update.contract_id = contract_id;
  update.resources = resources;
  update.deployment_hash = agent::DeploymentHash(d);
  ASSERT_TRUE(Send(user_, update).value("success", false));

  httplib::Client http("127.0.0.1", api_port);
  http.set_read_timeout(10, 0);
  const std::string body = agent::SignedDeploymentToJson(agent::SignDeployment(d, NowMs(), user_)).dump();
  auto posted = http.Post("/deployments", body, "application/json");
  ASSERT_TRUE(posted) << "no answer from " << api << "\n" << agent.Log();
  ASSERT_EQ(posted->status, 200) << posted->body << "\n" << agent.Log();

  json status;
  ASSERT_TRUE(WaitFor(
      [&] {
        auto got = http.Get("/deployments/" + std::to_string(contract_id));
        if (!got || got->status != 200) return false;
        status = json::parse(got->body, nullptr, false);
        if (!status.is_object()) return false;
        for (const json& w : status["workloads"]) {
          if (w["state"] != "ok") return false;
        }
        return true;
      },
      std::chrono::seconds(20)))
      << status.dump() << "\n" << agent.Log();
  ASSERT_TRUE(WaitFor([&] { return Contract(contract_id)["ack"] == "ok"; }, std::chrono::seconds(20)))
      << Contract(contract_id).dump() << "\n" << agent.Log();
  const std::string runc_root = data_dir + "/containers/.runc";
  const std::string container_id = "c" + std::to_string(contract_id) + "-" + tag + "c";
  auto state = agent::RunProcess({"runc", "--root", runc_root, "state", container_id});
  ASSERT_TRUE(state.ok());
  EXPECT_EQ(state->exit_code, 0) << state->err;
  EXPECT_NE(state->out.find("\"running\""), std::string::npos) << state->out;

  ASSERT_TRUE(Send(user_, chain::ContractCancelCall{contract_id}).value("success", false));
  EXPECT_TRUE(WaitFor(
      [&] {
        auto s = agent::RunProcess({"runc", "--root", runc_root, "state", container_id});
        return s.ok() && s->exit_code != 0 && !fs::exists(data_dir + "/containers/" + container_id);
      },
      std::chrono::seconds(20)))
      << agent.Log();
  EXPECT_TRUE(WaitFor([&] { return !fs::exists(data_dir + "/deployments/" + std::to_string(contract_id) + ".json"); },
                      std::chrono::seconds(10)));
  if (with_volume) {
    EXPECT_FALSE(fs::exists(data_dir + "/volumes/images/c" + std::to_string(contract_id) + "-" + tag + "v.img"));
  }
  EXPECT_EQ(agent.Terminate(), 0) << agent.Log();
}

}  // namespace
}  // namespace tfchain::testing
