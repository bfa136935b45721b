// Farmer-agent usage reports end to end, as root: `tfchaind --dev` (1 s uptime interval)
// + `farmer-agent`; //Charlie deploys a busybox container that fills 20 MiB of page cache
// and a 16 MiB volume. The agent's usage reporter must then put the container's real
// memory, at least one core and the volume's size into the contract's "used" (never above
// the reservation) through contract.report_resources (a ResourcesReported event); after
// a cancel it reports nothing more for that contract.
// Every name carries "tft<pid>"; AgentLeftovers removes what the agent left even on failure.
#include <unistd.h>

#include <chrono>
#include <string>
#include <thread>

#include <gtest/gtest.h>

#include "tests/integration/farmer_agent_workloads_util.h"

namespace tfchain::testing::agent_e2e {
namespace {

using FarmerAgentUsageTest = FarmerAgentWorkloadsTest;

// The report_resources transactions for `contract_id` in blocks [from, head], and
// whether each one's receipt has the contract.ResourcesReported event.
struct Reports {
  int transactions = 0;
  int events = 0;
};

Reports FindResourceReports(const DevNode& node, uint64_t from, uint64_t contract_id) {
  Reports out;
  const uint64_t head = node.Result("chain_getHead")["height"];
  for (uint64_t h = from; h <= head; ++h) {
    json block = node.Result("chain_getBlock", {h});
    for (const json& tx : block.value("transactions", json::array())) {
      if (tx["call"]["name"] != "contract.report_resources" || tx["call"]["args"]["contract_id"] != contract_id) {
        continue;
      }
      ++out.transactions;
      json receipt = node.Result("tx_getReceipt", {tx["hash"]});
      for (const json& e : receipt.value("events", json::array())) {
        if (e["name"] == "contract.ResourcesReported" && e["args"]["contract_id"] == contract_id) ++out.events;
      }
    }
  }
  return out;
}

TEST_F(FarmerAgentUsageTest, RunningContainerIsReportedWithinItsReservationUntilCancelled) {
  const std::string missing = MissingWorkloadCapability();
  if (!missing.empty()) GTEST_SKIP() << missing;
  ASSERT_NO_FATAL_FAILURE(StartAgent());
  ASSERT_NO_FATAL_FAILURE(BuildImage());
  const chain::Resources resources{1, 128 * kMiB, kGiB, 0};
  agent::Deployment d;
  d.version = 1;
  d.workloads.push_back(agent::VolumeWorkload{tag_ + "v", 16 * kMiB});
  agent::ContainerWorkload c = Container(tag_ + "u");
  c.entrypoint = {"/bin/sh", "-c", "dd if=/dev/zero of=/tmp/fill bs=1M count=20; sleep 1000"};
  c.mounts = {{tag_ + "v", "/data"}};
  d.workloads.push_back(c);
  const uint64_t start_height = node_.Result("chain_getHead")["height"];
  const uint64_t contract_id = CreateContract(resources, d);
  ASSERT_GT(contract_id, 0u);
  d.contract_id = contract_id;
  auto posted = Post(agent::SignDeployment(d, NowMs(), user_));
  ASSERT_TRUE(posted) << agent_->Log();
  ASSERT_EQ(posted->status, 200) << posted->body << "\n" << agent_->Log();
  ASSERT_TRUE(WaitForStates(contract_id, "ok", std::chrono::seconds(30)).is_object()) << agent_->Log();

  // The page cache the container filled is charged to its cgroup: "used" shows it.
  json used;
  ASSERT_TRUE(WaitFor(
      [&] {
        used = Contract(contract_id)["used"];
        return used.is_object() && used["mru"].get<uint64_t>() >= 8 * kMiB;
      },
      std::chrono::seconds(20)))
      << used.dump() << "\n" << agent_->Log();
  EXPECT_LE(used["mru"].get<uint64_t>(), 64 * kMiB) << used.dump();  // the container's memory limit
  EXPECT_EQ(used["cru"], 1) << used.dump();                         // >= 1, <= the 1 reserved
  EXPECT_EQ(used["sru"], 16 * kMiB) << used.dump();                 // the provisioned volume
  EXPECT_EQ(used["hru"], 0) << used.dump();
  // Reported every period (1 s here), each with its event.
  Reports reports;
  EXPECT_TRUE(WaitFor(
      [&] {
        reports = FindResourceReports(node_, start_height, contract_id);
        return reports.transactions >= 3;
      },
      std::chrono::seconds(15)))
      << reports.transactions << "\n" << agent_->Log();
  EXPECT_EQ(reports.events, reports.transactions);

  // Cancelled: once the reconciler removed the container, no report names the contract.
  ASSERT_TRUE(Send(user_, chain::ContractCancelCall{contract_id}).value("success", false));
  const std::string prefix = "c" + std::to_string(contract_id) + "-";
  ASSERT_TRUE(WaitFor([&] { return RuncIds(prefix).empty(); }, std::chrono::seconds(20))) << agent_->Log();
  std::this_thread::sleep_for(std::chrono::seconds(2));  // a report already submitted lands
  const uint64_t after_teardown = node_.Result("chain_getHead")["height"];
  const size_t log_before = agent_->Log().size();
  std::this_thread::sleep_for(std::chrono::seconds(3));  // three uptime intervals
  EXPECT_EQ(FindResourceReports(node_, after_teardown + 1, contract_id).transactions, 0);
  const std::string later = agent_->Log().substr(log_before);
  EXPECT_EQ(later.find("contract " + std::to_string(contract_id)), std::string::npos) << later;
  EXPECT_EQ(agent_->Terminate(), 0) << agent_->Log();
}

}  // namespace
}  // namespace tfchain::testing::agent_e2e
