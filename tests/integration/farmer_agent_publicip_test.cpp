// Farmer-agent public IPs end to end, as root (issue 6 "public-ip"): `tfchaind --dev` +
// `farmer-agent --public-uplink tft<pid>up`. The test's own uplink is a bridge with NO
// physical port; a "gateway" namespace on it (by a veth) holds the farm's gateway address,
// so all traffic stays inside the test's objects. The farm gets one IP (farm.add_ip), the
// contract reserves it, and a busybox container with public_ip:
//  - has that address on its eth1 and answers a ping from the gateway namespace, and the
//    farm pool shows the IP taken by the contract; the ping's bytes come back from the
//    chain as contract.report_network (NetworkReported);
//  - cancel removes the container, its namespace and eth1's host link; the IP is free.
// Without --public-uplink the same deployment fails with "public-ip-unsupported" and
// creates nothing. Every name carries "tft<pid>"; guards remove it even on failure.
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

// A public IP that farm.add_ip accepts (the chain refuses documentation ranges such as
// 198.51.100.0/24 as "ip-not-public"). It only ever exists inside the test's namespaces
// and on its port-less bridge: nothing is routed to or from the host's networks.
constexpr const char* kPublicIp = "185.69.166.10/24";
constexpr const char* kPublicAddress = "185.69.166.10";
constexpr const char* kGateway = "185.69.166.1";

// The test's uplink bridge and gateway namespace; removed on destruction even when the
// test fails (by their names only).
class UplinkGuard {
 public:
  explicit UplinkGuard(const std::string& tag)
      : bridge_(tag + "up"), gateway_ns_(tag + "-gw"), gateway_veth_(tag + "gv") {}
  ~UplinkGuard() {
    if (fs::exists("/sys/class/net/" + gateway_veth_)) (void)agent::RunProcess({"ip", "link", "del", gateway_veth_});
    if (fs::exists("/var/run/netns/" + gateway_ns_)) (void)agent::RunProcess({"ip", "netns", "del", gateway_ns_});
    if (fs::exists("/sys/class/net/" + bridge_)) (void)agent::RunProcess({"ip", "link", "del", bridge_});
  }
  UplinkGuard(const UplinkGuard&) = delete;
  UplinkGuard& operator=(const UplinkGuard&) = delete;

  // The bridge (no port but the gateway's veth, not handed to iptables) and the gateway
  // namespace answering for kGateway. Fatal failures.
  void Create() {
    ASSERT_LE(bridge_.size(), 15u);
    ASSERT_LE(gateway_veth_.size(), 15u);
    for (const std::vector<std::string>& step : std::vector<std::vector<std::string>>{
             {"ip", "link", "add", "name", bridge_, "type", "bridge"},
             {"ip", "link", "set", bridge_, "type", "bridge", "nf_call_iptables", "0", "nf_call_ip6tables", "0",
              "nf_call_arptables", "0"},
             {"ip", "link", "set", bridge_, "up"},
             {"ip", "netns", "add", gateway_ns_},
             {"ip", "link", "add", gateway_veth_, "type", "veth", "peer", "name", "eth0", "netns", gateway_ns_},
             {"ip", "link", "set", gateway_veth_, "master", bridge_},
             {"ip", "link", "set", gateway_veth_, "up"},
             {"ip", "-n", gateway_ns_, "addr", "add", std::string(kGateway) + "/24", "dev", "eth0"},
             {"ip", "-n", gateway_ns_, "link", "set", "eth0", "up"},
             {"ip", "-n", gateway_ns_, "link", "set", "lo", "up"}}) {
      ASSERT_TRUE(agent::RunChecked(step, "test-setup").ok()) << agent::JoinArgv(step);
    }
  }

  const std::string& bridge() const { return bridge_; }
  const std::string& gateway_ns() const { return gateway_ns_; }

 private:
  std::string bridge_;
  std::string gateway_ns_;
  std::string gateway_veth_;
};

class FarmerAgentPublicIpTest : public FarmerAgentWorkloadsTest {
 protected:
  // The farm's IP (after StartAgent): {"ip", "gateway", "contract_id"}, or null.
  json FarmIp() {
    const json farm = node_.Result("grid_getFarm", json{{"farm_id", farm_}});
    if (!farm.is_object() || !farm.contains("public_ips")) return json();
    for (const json& ip : farm["public_ips"]) {
      if (ip.value("ip", "") == kPublicIp) return ip;
    }
    return json();
  }

  uint64_t ReportedNetworkBytes(uint64_t from, uint64_t contract_id);

  // A deployment of one busybox container with public_ip and no private network.
  agent::Deployment PublicDeployment() {
    agent::Deployment d;
    d.version = 1;
    agent::ContainerWorkload c = Container(tag_ + "p");
    c.public_ip = true;
    d.workloads.push_back(c);
    return d;
  }

  bool PingFromGateway(const std::string& gateway_ns) {
    auto ping = agent::RunProcess({"ip", "netns", "exec", gateway_ns, "busybox", "ping", "-c2", "-W2", kPublicAddress},
                                  {}, std::chrono::seconds(5));
    return ping.ok() && ping->exit_code == 0;
  }
};

// The bytes of the contract.NetworkReported events of `contract_id` in blocks
// [from, head].
uint64_t FarmerAgentPublicIpTest::ReportedNetworkBytes(uint64_t from, uint64_t contract_id) {
  uint64_t bytes = 0;
  const uint64_t head = node_.Result("chain_getHead")["height"];
  for (uint64_t h = from; h <= head; ++h) {
    json block = node_.Result("chain_getBlock", {h});
    for (const json& tx : block.value("transactions", json::array())) {
      if (tx["call"]["name"] != "contract.report_network") continue;
      json receipt = node_.Result("tx_getReceipt", {tx["hash"]});
      for (const json& e : receipt.value("events", json::array())) {
        if (e["name"] == "contract.NetworkReported" && e["args"]["contract_id"] == contract_id) {
          bytes += e["args"]["bytes"].get<uint64_t>();
        }
      }
    }
  }
  return bytes;
}

TEST_F(FarmerAgentPublicIpTest, ContainerGetsTheFarmIpAndCancelFreesIt) {
  const std::string missing = MissingWorkloadCapability();
  if (!missing.empty()) GTEST_SKIP() << missing;
  UplinkGuard uplink(tag_);
  ASSERT_NO_FATAL_FAILURE(uplink.Create());
  extra_agent_args_ = {"--public-uplink", uplink.bridge()};
  ASSERT_NO_FATAL_FAILURE(StartAgent());
  ASSERT_NO_FATAL_FAILURE(BuildImage());
  ASSERT_TRUE(Send(farmer_, chain::FarmAddIpCall{farm_, kPublicIp, kGateway}).value("success", false));
  EXPECT_FALSE(PingFromGateway(uplink.gateway_ns()));  // nobody has the IP yet

  // The contract must be acknowledged soon after it is made: post right away.
  const chain::Resources resources{1, 128 * kMiB, kGiB, 0};
  agent::Deployment d = PublicDeployment();
  const uint64_t contract_id = CreateContract(resources, d, nullptr, 1);
  ASSERT_GT(contract_id, 0u);
  EXPECT_EQ(Contract(contract_id)["ips"], json::array({kPublicIp}));
  json farm_ip = FarmIp();
  ASSERT_TRUE(farm_ip.is_object());
  EXPECT_EQ(farm_ip["contract_id"], contract_id) << farm_ip.dump();
  d.contract_id = contract_id;

  auto posted = Post(agent::SignDeployment(d, NowMs(), user_));
  ASSERT_TRUE(posted) << agent_->Log();
  ASSERT_EQ(posted->status, 200) << posted->body << "\n" << Contract(contract_id).dump() << "\n" << agent_->Log();
  json status = WaitForStates(contract_id, "ok", std::chrono::seconds(30));
  ASSERT_TRUE(status.is_object()) << agent_->Log();
  ASSERT_TRUE(WaitFor([&] { return Contract(contract_id)["ack"] == "ok"; }, std::chrono::seconds(20)))
      << Contract(contract_id).dump() << "\n" << agent_->Log();

  const std::string id = "c" + std::to_string(contract_id) + "-" + tag_ + "p";
  EXPECT_EQ(RuncStatus(id), "running");
  agent::NetworkProvisioner names(data_dir_ + "/networks", "tf");
  // Inside the container: eth1 holds the farm IP, the default route goes via the gateway.
  auto addr = agent::RunProcess({"runc", "--root", RuncRoot(), "exec", id, "/bin/ip", "-4", "addr", "show", "eth1"});
  ASSERT_TRUE(addr.ok());
  EXPECT_NE(addr->out.find(kPublicIp), std::string::npos) << addr->out << addr->err;
  auto route = agent::RunProcess({"ip", "-n", names.NetnsName(id), "route", "show", "default"});
  ASSERT_TRUE(route.ok());
  EXPECT_NE(route->out.find(std::string("via ") + kGateway + " dev eth1"), std::string::npos) << route->out;
  // Both directions over the uplink.
  EXPECT_TRUE(PingFromGateway(uplink.gateway_ns()));
  auto out = agent::RunProcess({"runc", "--root", RuncRoot(), "exec", id, "/bin/ping", "-c1", "-W1", kGateway});
  ASSERT_TRUE(out.ok());
  EXPECT_EQ(out->exit_code, 0) << out->out << out->err;
  const std::string public_link = names.PublicLinkName(id);
  EXPECT_TRUE(fs::exists("/sys/class/net/" + public_link + "/brport")) << public_link;

  // The public traffic is reported and billed: once the usage reporter took its baseline
  // (its first 1 s period), pings over eth1 show up as contract.report_network bytes.
  const uint64_t from_height = node_.Result("chain_getHead")["height"];
  std::this_thread::sleep_for(std::chrono::seconds(2));
  EXPECT_TRUE(PingFromGateway(uplink.gateway_ns()));
  uint64_t reported = 0;
  EXPECT_TRUE(WaitFor(
      [&] {
        reported = ReportedNetworkBytes(from_height, contract_id);
        return reported >= 4 * 84;  // two echo requests and replies of >= 84 bytes (IPv4 + ICMP)
      },
      std::chrono::seconds(15)))
      << reported << "\n" << agent_->Log();

  ASSERT_TRUE(Send(user_, chain::ContractCancelCall{contract_id}).value("success", false));
  EXPECT_TRUE(WaitFor([&] { return RuncIds("c" + std::to_string(contract_id) + "-").empty(); },
                      std::chrono::seconds(20)))
      << agent_->Log();
  EXPECT_TRUE(WaitFor([&] { return !fs::exists(names.NetnsPath(id)); }, std::chrono::seconds(10))) << agent_->Log();
  EXPECT_FALSE(fs::exists("/sys/class/net/" + public_link)) << public_link;
  EXPECT_FALSE(fs::exists(data_dir_ + "/networks/endpoints/" + id + ".json"));
  EXPECT_FALSE(PingFromGateway(uplink.gateway_ns()));
  EXPECT_TRUE(fs::exists("/sys/class/net/" + uplink.bridge()));  // the farmer's: never removed
  json ip = FarmIp();
  ASSERT_TRUE(ip.is_object());
  EXPECT_EQ(ip["contract_id"], 0) << ip.dump();
  EXPECT_EQ(agent_->Terminate(), 0) << agent_->Log();
}

TEST_F(FarmerAgentPublicIpTest, WithoutAnUplinkThePublicIpIsUnsupported) {
  const std::string missing = MissingWorkloadCapability();
  if (!missing.empty()) GTEST_SKIP() << missing;
  ASSERT_NO_FATAL_FAILURE(StartAgent());  // no --public-uplink
  ASSERT_NO_FATAL_FAILURE(BuildImage());
  ASSERT_TRUE(Send(farmer_, chain::FarmAddIpCall{farm_, kPublicIp, kGateway}).value("success", false));
  const chain::Resources resources{1, 128 * kMiB, kGiB, 0};
  agent::Deployment d = PublicDeployment();
  const uint64_t contract_id = CreateContract(resources, d, nullptr, 1);
  ASSERT_GT(contract_id, 0u);
  d.contract_id = contract_id;
  auto posted = Post(agent::SignDeployment(d, NowMs(), user_));
  ASSERT_TRUE(posted) << agent_->Log();
  ASSERT_EQ(posted->status, 200) << posted->body << "\n" << agent_->Log();
  json status = WaitForStates(contract_id, "error", std::chrono::seconds(30));
  ASSERT_TRUE(status.is_object()) << agent_->Log();
  const std::string message = status["workloads"][0]["message"];
  EXPECT_NE(message.find("public-ip-unsupported"), std::string::npos) << message;
  EXPECT_NE(message.find("--public-uplink"), std::string::npos) << message;
  ASSERT_TRUE(WaitFor([&] { return Contract(contract_id)["ack"] == "failed"; }, std::chrono::seconds(20)))
      << Contract(contract_id).dump() << "\n" << agent_->Log();
  const std::string id = "c" + std::to_string(contract_id) + "-" + tag_ + "p";
  agent::NetworkProvisioner names(data_dir_ + "/networks", "tf");
  EXPECT_TRUE(RuncIds("c" + std::to_string(contract_id) + "-").empty());
  EXPECT_FALSE(fs::exists(names.NetnsPath(id)));
  EXPECT_FALSE(fs::exists("/sys/class/net/" + names.PublicLinkName(id)));
  EXPECT_EQ(agent_->Terminate(), 0) << agent_->Log();
}

}  // namespace
}  // namespace tfchain::testing::agent_e2e
