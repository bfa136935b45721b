// A deployment end to end, as root: `tfchaind --dev` (fast grid) + `farmer-agent` with
// its disk kind detected from sysfs; //Charlie rents capacity on the agent's node with a
// node contract (placeholder hash, then contract.update_node to the deployment's), POSTs a
// signed deployment of a busybox container (and a volume when the node has SSD capacity)
// to the agent's API; the agent's reconciler runs it with runc and acknowledges the
// contract ("ok"); cancelling the contract removes the container.
#include <sys/types.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <iostream>
#include <string>

#include <gtest/gtest.h>

#include "tests/integration/farmer_agent_workloads_util.h"

namespace tfchain::testing::agent_e2e {
namespace {

class FarmerAgentDeployTest : public FarmerAgentWorkloadsTest {
 protected:
  FarmerAgentDeployTest() {
    disk_type_args_.clear();
    require_ssd_ = false;
    extra_agent_args_ = {"--location", "Ghent,BE"};
  }
};

TEST_F(FarmerAgentDeployTest, DeploysAContainerAcksAndRemovesItOnCancel) {
  const std::string missing = MissingWorkloadCapability();
  if (!missing.empty()) GTEST_SKIP() << missing;
  ASSERT_NO_FATAL_FAILURE(StartAgent());
  ASSERT_NO_FATAL_FAILURE(BuildImage());
  const bool with_volume = node_record_["resources"]["sru"].get<uint64_t>() >= kGiB;
  if (!with_volume) std::cout << "[   NOTE   ] the node has no SSD capacity: deploying without a volume "
                 "(a node needs >= 100 GiB, so only a disk pool can give it sru)\n";

  // A node contract with a placeholder hash, set to the deployment's once the id is known.
  const chain::Resources resources{1, 128 * kMiB, with_volume ? kGiB : 0, 0};
  agent::Deployment placeholder;
  placeholder.version = 0;
  const uint64_t contract_id = CreateContract(resources, placeholder);
  ASSERT_GT(contract_id, 0u);

  agent::Deployment d;
  d.contract_id = contract_id;
  d.version = 1;
  if (with_volume) d.workloads.push_back(agent::VolumeWorkload{tag_ + "v", 16 * kMiB});
  agent::ContainerWorkload c = Container(tag_ + "c");
  c.entrypoint = {"/bin/sh", "-c", "echo started > /tmp/started; sleep 1000"};
  if (with_volume) c.mounts = {{tag_ + "v", "/data"}};
  d.workloads.push_back(c);
  ASSERT_TRUE(SetHash(contract_id, resources, d));

  auto posted = Post(agent::SignDeployment(d, NowMs(), user_));
  ASSERT_TRUE(posted) << "no answer from the agent\n" << agent_->Log();
  ASSERT_EQ(posted->status, 200) << posted->body << "\n" << agent_->Log();
  ASSERT_TRUE(WaitForStates(contract_id, "ok", std::chrono::seconds(20)).is_object()) << agent_->Log();
  ASSERT_TRUE(WaitFor([&] { return Contract(contract_id)["ack"] == "ok"; }, std::chrono::seconds(20)))
      << Contract(contract_id).dump() << "\n" << agent_->Log();
  const std::string container_id = "c" + std::to_string(contract_id) + "-" + tag_ + "c";
  EXPECT_EQ(RuncStatus(container_id), "running");

  ASSERT_TRUE(Send(user_, chain::ContractCancelCall{contract_id}).value("success", false));
  EXPECT_TRUE(WaitFor(
      [&] { return RuncStatus(container_id).empty() && !fs::exists(data_dir_ + "/containers/" + container_id); },
      std::chrono::seconds(20)))
      << agent_->Log();
  EXPECT_TRUE(WaitFor([&] { return !fs::exists(data_dir_ + "/deployments/" + std::to_string(contract_id) + ".json"); },
                      std::chrono::seconds(10)));
  if (with_volume) {
    EXPECT_FALSE(fs::exists(data_dir_ + "/volumes/images/c" + std::to_string(contract_id) + "-" + tag_ + "v.img"));
  }
  EXPECT_EQ(agent_->Terminate(), 0) << agent_->Log();
}

}  // namespace
}  // namespace tfchain::testing::agent_e2e
