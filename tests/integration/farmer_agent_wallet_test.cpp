// `tfwallet deploy container` end to end, as root (issue 6 "Wallet"): `tfchaind --dev`
// + `farmer-agent --disk-type ssd`; //Charlie deploys a busybox container with a 16 MiB
// volume through the real tfwallet binary:
//  - one contract.create_node carrying the deployment's hash, the signed deployment
//    posted to the agent found on chain, exit 0 once every workload is `ok`; the
//    container runs with the asked limits and the contract is acknowledged;
//  - `deployment status` and `deployment list` show it; `contract cancel` removes it;
//  - a bad image hash: the wallet prints the agent's error, cancels the contract and
//    nothing is left on the host; bad arguments send nothing.
// Every name carries "tft<pid>"; AgentLeftovers removes what the agent left even on failure.
#include <sys/types.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <regex>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "tests/integration/farmer_agent_workloads_util.h"

namespace tfchain::testing::agent_e2e {
namespace {

class FarmerAgentWalletTest : public FarmerAgentWorkloadsTest {
 protected:
  CommandResult Wallet(std::vector<std::string> args) {
    std::vector<std::string> all = {"--rpc", node_.url(), "--keystore", dir_.path() + "/keys"};
    all.insert(all.end(), args.begin(), args.end());
    return RunCommand("tfwallet", all, {{"TFWALLET_PASSWORD", "pw"}});
  }

  std::vector<std::string> DeployArgs(const std::string& name, const std::string& image_hash) {
    return {"deploy",      "container", "--image",  image_,    "--image-hash", image_hash, "--cpu",
            "0.5",         "--memory",  "64M",      "--disk",  "100M",         "--volume", "16M:/data",
            "--node",      std::to_string(node_id_), "--name", name,           "--from",   "//Charlie",
            "--timeout",   "40"};
  }

  // How many transactions //Charlie has sent.
  uint64_t Nonce() { return node_.Result("state_getAccount", {chain::ToSs58(user_.account_id())})["nonce"]; }

  bool MountedUnder(const std::string& prefix) {
    return ReadText("/proc/self/mounts").find(prefix) != std::string::npos;
  }
};

TEST_F(FarmerAgentWalletTest, DeploysWithOneContractShowsListsCancelsAndCleansUpAFailure) {
  const std::string missing = MissingWorkloadCapability();
  if (!missing.empty()) GTEST_SKIP() << missing;
  ASSERT_NO_FATAL_FAILURE(StartAgent());
  ASSERT_NO_FATAL_FAILURE(BuildImage());
  const std::string name = tag_ + "w";

  // Bad arguments: a usage error, nothing sent.
  const uint64_t before = Nonce();
  std::vector<std::string> bad = DeployArgs(name, image_hash_.Hex());
  bad[8] = "lots";  // --memory
  CommandResult refused = Wallet(bad);
  EXPECT_EQ(refused.exit_code, 2) << refused.err;
  EXPECT_NE(refused.err.find("--memory"), std::string::npos) << refused.err;
  EXPECT_EQ(Nonce(), before);

  // The deployment: exit 0 only once every workload is ok.
  std::vector<std::string> args = DeployArgs(name, image_hash_.Hex());
  args.insert(args.begin(), "--json");
  CommandResult deployed = Wallet(args);
  ASSERT_EQ(deployed.exit_code, 0) << deployed.err << deployed.out << agent_->Log();
  json result = json::parse(deployed.out, nullptr, false);
  ASSERT_TRUE(result.is_object()) << deployed.out;
  const uint64_t id = result["contract_id"];
  EXPECT_EQ(result["node_id"], node_id_);
  ASSERT_EQ(result["workloads"].size(), 2u) << result.dump();
  for (const json& w : result["workloads"]) EXPECT_EQ(w["state"], "ok") << result.dump();
  EXPECT_EQ(Nonce(), before + 1);  // one transaction made the contract
  json contract = Contract(id);
  EXPECT_EQ(contract["deployment_hash"], result["deployment_hash"]);
  EXPECT_EQ(contract["resources"]["mru"], 64 * kMiB);
  EXPECT_EQ(contract["resources"]["sru"], 116 * kMiB);

  const std::string prefix = "c" + std::to_string(id) + "-";
  EXPECT_EQ(RuncIds(prefix), std::vector<std::string>{prefix + name});
  EXPECT_EQ(RuncStatus(prefix + name), "running");
  agent::ContainerProvisioner containers(data_dir_ + "/containers");
  auto mem = containers.MemoryLimit(prefix + name);
  ASSERT_TRUE(mem.ok()) << mem.status().ToString();
  EXPECT_EQ(*mem, 64 * kMiB);
  EXPECT_TRUE(MountedUnder(prefix + name + "-vol"));
  EXPECT_TRUE(WaitFor([&] { return Contract(id)["ack"] == "ok"; }, std::chrono::seconds(20))) << agent_->Log();

  // status and list.
  CommandResult status = Wallet({"deployment", "status", std::to_string(id)});
  ASSERT_EQ(status.exit_code, 0) << status.err;
  EXPECT_NE(status.out.find(name), std::string::npos) << status.out;
  EXPECT_NE(status.out.find("ok"), std::string::npos) << status.out;
  CommandResult list = Wallet({"--json", "deployment", "list", "--from", "//Charlie"});
  ASSERT_EQ(list.exit_code, 0) << list.err;
  json listed = json::parse(list.out, nullptr, false);
  ASSERT_TRUE(listed.is_object()) << list.out;
  bool found = false;
  for (const json& d : listed["deployments"]) {
    if (d["contract_id"] == id) {
      found = true;
      EXPECT_EQ(d["deployment"], name + "-vol ok, " + name + " ok") << d.dump();
    }
  }
  EXPECT_TRUE(found) << list.out;
  CommandResult unknown = Wallet({"deployment", "status", "999999"});
  EXPECT_EQ(unknown.exit_code, 1);
  EXPECT_NE(unknown.err.find("error: "), std::string::npos) << unknown.err;

  // A bad image hash: the agent's error; the node's failed ack deleted the contract
  // (nothing charged), so the wallet has nothing to cancel; nothing on the host.
  const uint64_t with_one = Nonce();
  chain::Hash256 wrong;
  wrong.bytes.fill(9);
  CommandResult failed = Wallet(DeployArgs(tag_ + "bad", wrong.Hex()));
  EXPECT_EQ(failed.exit_code, 1) << failed.out;
  EXPECT_NE(failed.err.find("workload-error"), std::string::npos) << failed.err;
  EXPECT_NE(failed.err.find("hash"), std::string::npos) << failed.err;
  std::smatch m;
  ASSERT_TRUE(std::regex_search(failed.out, m, std::regex("Contract ([0-9]+) created"))) << failed.out;
  const uint64_t bad_id = std::stoull(m[1]);
  EXPECT_NE(failed.out.find("Contract " + m[1].str() + " was deleted"), std::string::npos) << failed.out;
  EXPECT_EQ(Nonce(), with_one + 1);  // the create only: nothing left to cancel
  EXPECT_EQ(Contract(bad_id)["state"], "deleted") << Contract(bad_id).dump();
  const std::string bad_prefix = "c" + std::to_string(bad_id) + "-";
  EXPECT_TRUE(WaitFor([&] { return RuncIds(bad_prefix).empty() && !MountedUnder(bad_prefix); },
                      std::chrono::seconds(20)))
      << agent_->Log();
  EXPECT_FALSE(fs::exists(data_dir_ + "/volumes/images/" + bad_prefix + tag_ + "bad-vol.img"));

  // contract cancel through the wallet: the agent removes the container and its volume.
  CommandResult cancelled = Wallet({"contract", "cancel", std::to_string(id), "--from", "//Charlie"});
  ASSERT_EQ(cancelled.exit_code, 0) << cancelled.err;
  EXPECT_TRUE(WaitFor([&] { return RuncIds(prefix).empty() && !MountedUnder(prefix); }, std::chrono::seconds(20)))
      << agent_->Log();
  EXPECT_EQ(agent_->Terminate(), 0) << agent_->Log();
}

}  // namespace
}  // namespace tfchain::testing::agent_e2e
