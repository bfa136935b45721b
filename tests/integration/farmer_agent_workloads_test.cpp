// Farmer-agent workload scenarios end to end, as root (issue 6 "Tests"): `tfchaind --dev`
// (fast grid) + `farmer-agent --disk-type ssd`; //Charlie deploys onto the agent's node:
//  - a private network, a 16 MiB volume and two busybox containers: limits read back from
//    the kernel, container-to-container ping, the volume's size enforced, and cancel
//    leaves no container, mount, loop device, netns or bridge;
//  - SIGKILL of the agent right after a POST is accepted: after a restart exactly one
//    container runs for the contract;
//  - bad input over HTTP is refused with its reason and creates nothing.
// Every name carries "tft<pid>"; AgentLeftovers removes what the agent left even on failure.
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

TEST_F(FarmerAgentWorkloadsTest, NetworkVolumeTwoContainersLimitsPingAndCleanCancel) {
  const std::string missing = MissingWorkloadCapability();
  if (!missing.empty()) GTEST_SKIP() << missing;
  ASSERT_NO_FATAL_FAILURE(StartAgent());
  ASSERT_NO_FATAL_FAILURE(BuildImage());
  const chain::Resources resources{1, 128 * kMiB, kGiB, 0};
  agent::Deployment d;
  d.version = 1;
  d.workloads.push_back(agent::NetworkWorkload{tag_ + "n", "10.231.7.0/24"});
  d.workloads.push_back(agent::VolumeWorkload{tag_ + "v", 16 * kMiB});
  agent::ContainerWorkload c1 = Container(tag_ + "a");
  c1.network = tag_ + "n";
  c1.ip = "10.231.7.2";
  c1.mounts = {{tag_ + "v", "/data"}};
  agent::ContainerWorkload c2 = Container(tag_ + "b");
  c2.network = tag_ + "n";
  c2.ip = "10.231.7.3";
  d.workloads.push_back(c1);
  d.workloads.push_back(c2);
  const uint64_t contract_id = CreateContract(resources, d);
  ASSERT_GT(contract_id, 0u);
  d.contract_id = contract_id;
  auto posted = Post(agent::SignDeployment(d, NowMs(), user_));
  ASSERT_TRUE(posted) << agent_->Log();
  ASSERT_EQ(posted->status, 200) << posted->body << "\n" << agent_->Log();
  json status = WaitForStates(contract_id, "ok", std::chrono::seconds(30));
  ASSERT_TRUE(status.is_object()) << agent_->Log();
  ASSERT_TRUE(WaitFor([&] { return Contract(contract_id)["ack"] == "ok"; }, std::chrono::seconds(20)))
      << Contract(contract_id).dump() << "\n" << agent_->Log();

  const std::string prefix = "c" + std::to_string(contract_id) + "-";
  const std::string id1 = prefix + tag_ + "a";
  const std::string id2 = prefix + tag_ + "b";
  EXPECT_EQ(RuncStatus(id1), "running");
  EXPECT_EQ(RuncStatus(id2), "running");
  agent::ContainerProvisioner containers(data_dir_ + "/containers");
  for (const std::string& id : {id1, id2}) {
    auto mem = containers.MemoryLimit(id);
    ASSERT_TRUE(mem.ok()) << id << ": " << mem.status().ToString();
    EXPECT_EQ(*mem, 64 * kMiB) << id;
    auto cpu = containers.CpuQuota(id);
    ASSERT_TRUE(cpu.ok()) << id << ": " << cpu.status().ToString();
    EXPECT_EQ(cpu->first, 50000) << id;
    EXPECT_EQ(cpu->second, 100000u) << id;
  }
  // Container 1 reaches container 2 over the private network, and nothing else: its only
  // route is the subnet's (no default route, no address of the host on the bridge).
  auto ping = agent::RunProcess({"runc", "--root", RuncRoot(), "exec", id1, "/bin/ping", "-c1", "-W1", c2.ip});
  ASSERT_TRUE(ping.ok());
  EXPECT_EQ(ping->exit_code, 0) << ping->out << ping->err;
  auto routes = agent::RunProcess({"runc", "--root", RuncRoot(), "exec", id1, "/bin/ip", "-4", "route", "show"});
  ASSERT_TRUE(routes.ok());
  EXPECT_EQ(routes->out.find("default"), std::string::npos) << routes->out;
  EXPECT_NE(routes->out.find("10.231.7.0/24"), std::string::npos) << routes->out;
  for (const char* outside : {"10.231.7.1", "10.231.8.2"}) {  // the bridge's reserved address; another subnet
    auto away = agent::RunProcess({"runc", "--root", RuncRoot(), "exec", id1, "/bin/ping", "-c1", "-W1", outside});
    ASSERT_TRUE(away.ok());
    EXPECT_NE(away->exit_code, 0) << outside << ": " << away->out;
  }
  // The volume holds 16 MiB at most (ext4 overhead included): writing 20 MiB fails.
  auto fill = agent::RunProcess(
      {"runc", "--root", RuncRoot(), "exec", id1, "/bin/dd", "if=/dev/zero", "of=/data/fill", "bs=1M", "count=20"});
  ASSERT_TRUE(fill.ok());
  EXPECT_NE(fill->exit_code, 0) << fill->out << fill->err;
  EXPECT_NE(fill->err.find("No space left"), std::string::npos) << fill->err;

  const std::string image_path = data_dir_ + "/volumes/images/" + prefix + tag_ + "v.img";
  EXPECT_TRUE(fs::exists(image_path));
  agent::NetworkProvisioner names(data_dir_ + "/networks", "tf");
  const std::string bridge = names.BridgeName(prefix + tag_ + "n");
  EXPECT_TRUE(fs::exists("/sys/class/net/" + bridge)) << bridge;

  ASSERT_TRUE(Send(user_, chain::ContractCancelCall{contract_id}).value("success", false));
  EXPECT_TRUE(WaitFor([&] { return RuncIds(prefix).empty(); }, std::chrono::seconds(20))) << agent_->Log();
  EXPECT_TRUE(WaitFor(
      [&] { return !fs::exists(data_dir_ + "/deployments/" + std::to_string(contract_id) + ".json"); },
      std::chrono::seconds(10)))
      << agent_->Log();
  EXPECT_FALSE(fs::exists(image_path));
  auto loops = agent::RunProcess({"losetup", "-j", image_path});
  ASSERT_TRUE(loops.ok());
  EXPECT_EQ(loops->out, "");
  EXPECT_EQ(ReadText("/proc/self/mounts").find(prefix + tag_), std::string::npos) << ReadText("/proc/self/mounts");
  for (const std::string& w : {tag_ + "a", tag_ + "b"}) {
    EXPECT_FALSE(fs::exists(names.NetnsPath(prefix + w))) << names.NetnsPath(prefix + w);
    EXPECT_FALSE(fs::exists("/sys/class/net/" + names.HostVethName(prefix + w)));
  }
  EXPECT_FALSE(fs::exists("/sys/class/net/" + bridge)) << bridge;
  EXPECT_EQ(agent_->Terminate(), 0) << agent_->Log();
}

TEST_F(FarmerAgentWorkloadsTest, KilledRightAfterAcceptRestartsWithExactlyOneContainer) {
  const std::string missing = MissingWorkloadCapability();
  if (!missing.empty()) GTEST_SKIP() << missing;
  ASSERT_NO_FATAL_FAILURE(StartAgent());
  ASSERT_NO_FATAL_FAILURE(BuildImage());
  const chain::Resources resources{1, 128 * kMiB, kGiB, 0};
  agent::Deployment d;
  d.version = 1;
  d.workloads.push_back(Container(tag_ + "k"));
  const uint64_t contract_id = CreateContract(resources, d);
  ASSERT_GT(contract_id, 0u);
  d.contract_id = contract_id;
  auto posted = Post(agent::SignDeployment(d, NowMs(), user_));
  ASSERT_TRUE(posted) << agent_->Log();
  ASSERT_EQ(posted->status, 200) << posted->body << "\n" << agent_->Log();
  agent_->Kill();

  agent_ = StartAgentProcess();
  json status = WaitForStates(contract_id, "ok", std::chrono::seconds(40));
  ASSERT_TRUE(status.is_object()) << agent_->Log();
  const std::string prefix = "c" + std::to_string(contract_id) + "-";
  EXPECT_EQ(RuncIds(prefix), std::vector<std::string>{prefix + tag_ + "k"});
  EXPECT_EQ(RuncStatus(prefix + tag_ + "k"), "running");
  // Still exactly one a few reconcile rounds later.
  std::this_thread::sleep_for(std::chrono::seconds(3));
  EXPECT_EQ(RuncIds(prefix).size(), 1u);
  EXPECT_TRUE(WaitFor([&] { return Contract(contract_id)["ack"] == "ok"; }, std::chrono::seconds(20)))
      << agent_->Log();
  EXPECT_EQ(agent_->Terminate(), 0) << agent_->Log();
}

TEST_F(FarmerAgentWorkloadsTest, BadRequestsAreRefusedWithTheirReasonAndCreateNothing) {
  const std::string missing = MissingWorkloadCapability();
  if (!missing.empty()) GTEST_SKIP() << missing;
  ASSERT_NO_FATAL_FAILURE(StartAgent());
  ASSERT_NO_FATAL_FAILURE(BuildImage());
  const chain::Resources resources{1, 128 * kMiB, kGiB, 0};
  agent::Deployment ok;
  ok.version = 1;
  ok.workloads.push_back(Container(tag_ + "x"));
  // Workloads larger than the contract (256 MiB of memory for 128 MiB reserved).
  agent::Deployment big = ok;
  std::get<agent::ContainerWorkload>(big.workloads[0]).memory = 256 * kMiB;
  const uint64_t contract_id = CreateContract(resources, big);
  ASSERT_GT(contract_id, 0u);
  ok.contract_id = contract_id;
  big.contract_id = contract_id;
  const std::string prefix = "c" + std::to_string(contract_id) + "-";
  const std::string stored = data_dir_ + "/deployments/" + std::to_string(contract_id) + ".json";
  auto expect_refused = [&](const agent::SignedDeployment& s, const std::string& reason) {
    auto r = Post(s);
    ASSERT_TRUE(r) << agent_->Log();
    EXPECT_GE(r->status, 400) << reason << ": " << r->body;
    json body = json::parse(r->body, nullptr, false);
    EXPECT_TRUE(body.is_object() && body.value("error", "") == reason) << reason << ": " << r->body;
    EXPECT_TRUE(RuncIds(prefix).empty()) << reason;
    EXPECT_FALSE(fs::exists(stored)) << reason;
  };

  expect_refused(agent::SignDeployment(big, NowMs(), user_), "exceeds-contract");
  // Wrong hash: the chain holds big's hash.
  expect_refused(agent::SignDeployment(ok, NowMs(), user_), "hash-mismatch");
  // Foreign signature: signed by //Alice, claimed by //Charlie.
  auto alice = chain::KeyFromUri("//Alice", chain::KeyScheme::kEd25519);
  ASSERT_TRUE(alice.ok());
  agent::SignedDeployment forged = agent::SignDeployment(big, NowMs(), *alice);
  forged.signer = user_.account_id();
  expect_refused(forged, "bad-signature");

  // Bad image hash: accepted (the hash is checked when the image is fetched), the
  // container is never created and its workload reports the error.
  agent::Deployment bad_image = ok;
  std::get<agent::ContainerWorkload>(bad_image.workloads[0]).image_hash.bytes.fill(9);
  ASSERT_TRUE(SetHash(contract_id, resources, bad_image));
  const agent::SignedDeployment signed_bad_image = agent::SignDeployment(bad_image, NowMs(), user_);
  auto posted = Post(signed_bad_image);
  ASSERT_TRUE(posted);
  ASSERT_EQ(posted->status, 200) << posted->body;
  json status = WaitForStates(contract_id, "error", std::chrono::seconds(20));
  ASSERT_TRUE(status.is_object()) << agent_->Log();
  EXPECT_NE(status["workloads"][0].value("message", "").find("hash"), std::string::npos) << status.dump();
  EXPECT_TRUE(RuncIds(prefix).empty());
  EXPECT_FALSE(fs::exists(data_dir_ + "/containers/" + prefix + tag_ + "x"));
  // Replayed request: the very same signed body again.
  auto replayed = Post(signed_bad_image);
  ASSERT_TRUE(replayed);
  EXPECT_EQ(replayed->status, 409) << replayed->body;
  json replay_body = json::parse(replayed->body, nullptr, false);
  EXPECT_TRUE(replay_body.is_object() && replay_body.value("error", "") == "replayed-request") << replayed->body;
  EXPECT_TRUE(RuncIds(prefix).empty());
  EXPECT_EQ(agent_->Terminate(), 0) << agent_->Log();
}
}  // namespace
}  // namespace tfchain::testing::agent_e2e
