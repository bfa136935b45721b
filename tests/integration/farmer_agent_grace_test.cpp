// Grace end to end, as root: `tfchaind --dev` with fast billing + `farmer-agent
// --disk-type ssd`; a user with little money runs a busybox container; once a bill cannot
// be paid the contract enters grace and the agent pauses the container (runc "paused"); a
// top-up restores the contract and the container runs again. Names carry "tft<pid>".
#include <sys/types.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <string>
#include <thread>
#include <vector>

#include <gtest/gtest.h>

#include "tests/integration/farmer_agent_workloads_util.h"

namespace tfchain::testing::agent_e2e {
namespace {

// A user with little money: once a bill cannot be paid the contract enters grace and the
// agent pauses its container; a top-up restores the contract and the container runs again.
TEST_F(FarmerAgentGraceTest, OutOfFundsPausesTheContainerAndATopUpResumesIt) {
  const std::string missing = MissingWorkloadCapability();
  if (!missing.empty()) GTEST_SKIP() << missing;
  ASSERT_NO_FATAL_FAILURE(StartAgent());
  ASSERT_NO_FATAL_FAILURE(BuildImage());
  auto poor = chain::KeyFromUri("//" + tag_ + "poor", chain::KeyScheme::kEd25519);
  ASSERT_TRUE(poor.ok());
  ASSERT_TRUE(Send(user_, chain::TransferCall{poor->account_id(), chain::kUnitsPerTft}).value("success", false));
  ASSERT_TRUE(Send(*poor, chain::TwinCreateCall{"relay.grid.tf", chain::Bytes(32, 5)}).value("success", false));
  const chain::Resources resources{1, 128 * kMiB, kGiB, 0};
  agent::Deployment d;
  d.version = 1;
  d.workloads.push_back(Container(tag_ + "g"));
  const uint64_t contract_id = CreateContract(resources, d, &*poor);
  ASSERT_GT(contract_id, 0u);
  d.contract_id = contract_id;
  auto posted = Post(agent::SignDeployment(d, NowMs(), *poor));
  ASSERT_TRUE(posted) << agent_->Log();
  ASSERT_EQ(posted->status, 200) << posted->body << "\n" << agent_->Log();
  ASSERT_TRUE(WaitForStates(contract_id, "ok", std::chrono::seconds(30)).is_object()) << agent_->Log();
  ASSERT_TRUE(WaitFor([&] { return Contract(contract_id)["ack"] == "ok"; }, std::chrono::seconds(20)))
      << agent_->Log();
  const std::string id = "c" + std::to_string(contract_id) + "-" + tag_ + "g";
  EXPECT_EQ(RuncStatus(id), "running");

  // Spend all but (nearly) nothing: the fee is learnt from a 1-unit transfer, then the
  // rest goes back to //Charlie (retried when a bill lands in between).
  json probe = Send(*poor, chain::TransferCall{user_.account_id(), 1});
  ASSERT_TRUE(probe.value("success", false)) << probe.dump();
  const uint64_t fee = Amount(probe["fee"]);
  bool drained = false;
  for (int i = 0; i < 10 && !drained; ++i) {
    const uint64_t free = Free(poor->account_id());
    if (free <= fee) break;
    drained = Send(*poor, chain::TransferCall{user_.account_id(), free - fee}, false).value("success", false);
  }
  ASSERT_TRUE(WaitFor([&] { return Contract(contract_id)["state"] == "grace"; }, std::chrono::seconds(30)))
      << Contract(contract_id).dump();
  EXPECT_TRUE(WaitFor([&] { return RuncStatus(id) == "paused"; }, std::chrono::seconds(20))) << agent_->Log();
  EXPECT_TRUE(WaitForStates(contract_id, "paused", std::chrono::seconds(5)).is_object());

  // Top up: the next bill restores the contract, the agent resumes the container.
  ASSERT_TRUE(Send(user_, chain::TransferCall{poor->account_id(), chain::kUnitsPerTft}).value("success", false));
  ASSERT_TRUE(WaitFor([&] { return Contract(contract_id)["state"] == "created"; }, std::chrono::seconds(30)))
      << Contract(contract_id).dump();
  EXPECT_TRUE(WaitFor([&] { return RuncStatus(id) == "running"; }, std::chrono::seconds(20))) << agent_->Log();
  EXPECT_TRUE(WaitForStates(contract_id, "ok", std::chrono::seconds(10)).is_object()) << agent_->Log();
  ASSERT_TRUE(Send(*poor, chain::ContractCancelCall{contract_id}).value("success", false));
  EXPECT_TRUE(WaitFor([&] { return RuncIds("c" + std::to_string(contract_id) + "-").empty(); },
                      std::chrono::seconds(20)))
      << agent_->Log();
  EXPECT_EQ(agent_->Terminate(), 0) << agent_->Log();
}

}  // namespace
}  // namespace tfchain::testing::agent_e2e
