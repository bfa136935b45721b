#include "farmer-agent/usage_reporter.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <thread>
#include <variant>
#include <vector>

#include "chain/market_calls.h"
#include "chain/market_types.h"
#include "farmer-agent/process.h"
#include "farmer-agent/provision/container.h"

namespace tfchain::agent {
namespace {

constexpr uint64_t kMiB = 1ull << 20;
constexpr uint64_t kSecondNs = 1'000'000'000;

// Counters per container id; a missing id reads as "container-not-found".
class FakeSource : public UsageSource {
 public:
  Result<ContainerStats> StatsOf(std::string_view id) override {
    auto it = stats.find(std::string(id));
    if (it == stats.end()) return Status::NotFound("container-not-found", std::string(id));
    return it->second;
  }
  std::map<std::string, ContainerStats> stats;
};

// Records what the reporter submits and logs; answers with `answers` (by call kind,
// consumed in order; Ok when empty).
struct FakeChain {
  std::vector<Deployment> running;
  std::vector<ContractInfo> contracts;
  Status list_status = Status::Ok();
  std::vector<chain::ContractReportResourcesCall> resources;
  std::vector<chain::ContractReportNetworkCall> network;
  std::vector<Status> resource_answers;
  std::vector<Status> network_answers;
  std::vector<std::string> logs;

  UsageReporterHooks Hooks() {
    UsageReporterHooks h;
    h.running = [this] { return running; };
    h.list_contracts = [this]() -> Result<std::vector<ContractInfo>> {
      if (!list_status.ok()) return list_status;
      return contracts;
    };
    h.submit = [this](const chain::Call& call) {
      auto next = [](std::vector<Status>& answers) {
        if (answers.empty()) return Status::Ok();
        Status s = answers.front();
        answers.erase(answers.begin());
        return s;
      };
      if (const auto* r = std::get_if<chain::ContractReportResourcesCall>(&call)) {
        resources.push_back(*r);
        return next(resource_answers);
      }
      if (const auto* n = std::get_if<chain::ContractReportNetworkCall>(&call)) {
        network.push_back(*n);
        return next(network_answers);
      }
      ADD_FAILURE() << "unexpected call";
      return Status::Ok();
    };
    h.chain_interval_ms = []() -> Result<uint64_t> { return uint64_t{30}; };
    h.log = [this](std::string_view line) { logs.emplace_back(line); };
    return h;
  }

  bool Logged(std::string_view needle) const {
    for (const std::string& l : logs) {
      if (l.find(needle) != std::string::npos) return true;
    }
    return false;
  }
};

ContainerWorkload Container(const std::string& name, bool public_ip = false) {
  ContainerWorkload c;
  c.name = name;
  c.cpu_millis = 500;
  c.memory = 64 * kMiB;
  c.entrypoint = {"/bin/sh"};
  c.public_ip = public_ip;
  return c;
}

// Contract 7: containers "a" and "b" (b public), a 16 MiB volume; reserved 2 cores,
// 128 MiB memory, 1 GiB sru.
struct Fixture {
  Fixture() {
    Deployment d;
    d.contract_id = 7;
    d.version = 1;
    d.workloads = {Container("a"), Container("b", true), VolumeWorkload{"v", 16 * kMiB}};
    chain.running = {d};
    ContractInfo info;
    info.contract_id = 7;
    info.resources = {2, 128 * kMiB, 1024 * kMiB, 0};
    chain.contracts = {info};
    source.stats["c7-a"] = {10 * kMiB, 5 * kSecondNs, std::nullopt};
    source.stats["c7-b"] = {20 * kMiB, 1 * kSecondNs, uint64_t{1000}};
  }
  UsageReporter Reporter() { return UsageReporter(source, chain.Hooks(), std::chrono::milliseconds(0)); }

  FakeSource source;
  FakeChain chain;
};

TEST(UsageHelpers, CoresUsedRoundsUpAndIsAtLeastOne) {
  EXPECT_EQ(CoresUsed(0, kSecondNs), 1u);
  EXPECT_EQ(CoresUsed(1, kSecondNs), 1u);
  EXPECT_EQ(CoresUsed(kSecondNs, kSecondNs), 1u);
  EXPECT_EQ(CoresUsed(kSecondNs + 1, kSecondNs), 2u);
  EXPECT_EQ(CoresUsed(3 * kSecondNs, 2 * kSecondNs), 2u);
  EXPECT_EQ(CoresUsed(8 * kSecondNs, 2 * kSecondNs), 4u);
  EXPECT_EQ(CoresUsed(5 * kSecondNs, 0), 1u);
}

TEST(UsageHelpers, ClampUsageLowersEveryFieldToTheReservation) {
  chain::Resources reserved{2, 100, 50, 0};
  EXPECT_EQ(ClampUsage({3, 200, 60, 5}, reserved), (chain::Resources{2, 100, 50, 0}));
  EXPECT_EQ(ClampUsage({1, 99, 50, 0}, reserved), (chain::Resources{1, 99, 50, 0}));
  EXPECT_EQ(ClampUsage({1, 1, 1, 1}, chain::Resources{}), chain::Resources{});
}

TEST(UsageHelpers, NetworkWindowIsWholeSecondsInRange) {
  EXPECT_EQ(NetworkWindowSeconds(0), 1u);
  EXPECT_EQ(NetworkWindowSeconds(400), 1u);
  EXPECT_EQ(NetworkWindowSeconds(1499), 1u);
  EXPECT_EQ(NetworkWindowSeconds(1500), 2u);
  EXPECT_EQ(NetworkWindowSeconds(60'000), 60u);
  EXPECT_EQ(NetworkWindowSeconds(86'400'000), 86'400u);
  EXPECT_EQ(NetworkWindowSeconds(10 * 86'400'000ull), 86'400u);
}

TEST(UsageHelpers, InterfaceBytesFromNetDev) {
  const std::string text =
      "Inter-|   Receive                                                |  Transmit\n"
      " face |bytes    packets errs drop fifo frame compressed multicast|bytes    packets errs drop fifo colls "
      "carrier compressed\n"
      "    lo:     120       2    0    0    0     0          0         0      120       2    0    0    0     0 "
      "      0          0\n"
      "  eth1:    5000      10    0    0    0     0          0         0     7000      12    0    0    0     0 "
      "      0          0\n";
  auto eth1 = InterfaceBytesFromNetDev(text, "eth1");
  ASSERT_TRUE(eth1.ok()) << eth1.status().ToString();
  EXPECT_EQ(*eth1, std::optional<uint64_t>(12000));
  auto lo = InterfaceBytesFromNetDev(text, "lo");
  ASSERT_TRUE(lo.ok());
  EXPECT_EQ(*lo, std::optional<uint64_t>(240));
  auto eth0 = InterfaceBytesFromNetDev(text, "eth0");
  ASSERT_TRUE(eth0.ok());
  EXPECT_FALSE(eth0->has_value());
  auto bad = InterfaceBytesFromNetDev("  eth1: 12 x\n", "eth1");
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.status().reason(), "cgroup-read-failed");
}

TEST(UsageHelpers, InterfaceBytesFromTheKernelsNetDev) {
  // The kernel's own format: loopback is always listed.
  std::ifstream in("/proc/self/net/dev");
  ASSERT_TRUE(in) << "no /proc/self/net/dev";
  std::stringstream text;
  text << in.rdbuf();
  auto lo = InterfaceBytesFromNetDev(text.str(), "lo");
  ASSERT_TRUE(lo.ok()) << lo.status().ToString() << "\n" << text.str();
  EXPECT_TRUE(lo->has_value()) << text.str();
  auto none = InterfaceBytesFromNetDev(text.str(), "tft-no-such-if");
  ASSERT_TRUE(none.ok());
  EXPECT_FALSE(none->has_value());
}

// Two namespaces of this test joined by a veth pair whose end in `a` is "eth1" (a
// container's public interface); both deleted (with the pair) on destruction.
class VethPair {
 public:
  VethPair() : a_("tft" + std::to_string(getpid()) + "ua"), b_("tft" + std::to_string(getpid()) + "ub") {}
  ~VethPair() {
    for (const std::string& ns : {a_, b_}) {
      if (std::filesystem::exists("/var/run/netns/" + ns)) (void)RunProcess({"ip", "netns", "del", ns});
    }
  }
  Status Create() {
    for (const std::vector<std::string>& argv : std::vector<std::vector<std::string>>{
             {"ip", "netns", "add", a_},
             {"ip", "netns", "add", b_},
             {"ip", "-n", a_, "link", "add", "eth1", "type", "veth", "peer", "name", "eth0", "netns", b_},
             {"ip", "-n", a_, "addr", "add", "10.254.77.1/30", "dev", "eth1"},
             {"ip", "-n", b_, "addr", "add", "10.254.77.2/30", "dev", "eth0"},
             {"ip", "-n", a_, "link", "set", "eth1", "up"},
             {"ip", "-n", b_, "link", "set", "eth0", "up"}}) {
      TF_RETURN_IF_ERROR(RunChecked(argv, "test-setup"));
    }
    return Status::Ok();
  }
  const std::string& a() const { return a_; }

 private:
  std::string a_, b_;
};

// The eth1 counter as seen from inside namespace `ns`.
Result<std::optional<uint64_t>> Eth1Bytes(const std::string& ns) {
  TF_ASSIGN_OR_RETURN(ProcessResult r, RunProcess({"ip", "netns", "exec", ns, "cat", "/proc/net/dev"}));
  if (r.exit_code != 0) return Status::IoError("test-setup", r.err);
  return InterfaceBytesFromNetDev(r.out, kPublicInterface);
}

TEST(UsageHelpers, PublicInterfaceCounterOfARealVethGrowsWithTraffic) {
  if (::geteuid() != 0) GTEST_SKIP() << "needs root (ip netns, veth)";
  if (!std::filesystem::exists("/usr/bin/busybox")) GTEST_SKIP() << "needs busybox (ping)";
  auto ip = RunProcess({"ip", "-V"});
  if (!ip.ok() || ip->exit_code != 0) GTEST_SKIP() << "needs iproute2 `ip`";
  VethPair pair;
  ASSERT_TRUE(pair.Create().ok());
  auto before = Eth1Bytes(pair.a());
  ASSERT_TRUE(before.ok()) << before.status().ToString();
  ASSERT_TRUE(before->has_value());
  auto ping = RunProcess({"ip", "netns", "exec", pair.a(), "/usr/bin/busybox", "ping", "-c2", "-W1", "-s", "1000",
                          "10.254.77.2"},
                         {}, std::chrono::seconds(10));
  ASSERT_TRUE(ping.ok());
  ASSERT_EQ(ping->exit_code, 0) << ping->out << ping->err;
  auto after = Eth1Bytes(pair.a());
  ASSERT_TRUE(after.ok()) << after.status().ToString();
  ASSERT_TRUE(after->has_value());
  // Two 1028-byte requests out and two replies in, plus frame headers.
  EXPECT_GE(**after - **before, 4u * 1000u);
}

TEST(UsageReporter, FirstPeriodReportsMemoryVolumesAndOneCoreButOnlyBaselinesNetwork) {
  Fixture f;
  UsageReporter reporter = f.Reporter();
  reporter.ReportOnce(10'000);
  ASSERT_EQ(f.chain.resources.size(), 1u);
  EXPECT_EQ(f.chain.resources[0].contract_id, 7u);
  EXPECT_EQ(f.chain.resources[0].used, (chain::Resources{1, 30 * kMiB, 16 * kMiB, 0}));
  EXPECT_TRUE(f.chain.network.empty());
  EXPECT_TRUE(f.chain.logs.empty()) << f.chain.logs[0];
}

TEST(UsageReporter, CpuIsCoresUsedOverThePeriodAndNetworkIsBytesSinceTheLastReport) {
  Fixture f;
  UsageReporter reporter = f.Reporter();
  reporter.ReportOnce(10'000);
  // 2 s later: 3 s + 0.5 s of CPU -> 1.75 cores -> 2; eth1 moved 4000 bytes.
  f.source.stats["c7-a"].cpu_ns += 3 * kSecondNs;
  f.source.stats["c7-b"].cpu_ns += kSecondNs / 2;
  f.source.stats["c7-b"].public_bytes = 5000;
  reporter.ReportOnce(12'000);
  ASSERT_EQ(f.chain.resources.size(), 2u);
  EXPECT_EQ(f.chain.resources[1].used.cru, 2u);
  ASSERT_EQ(f.chain.network.size(), 1u);
  EXPECT_EQ(f.chain.network[0].contract_id, 7u);
  EXPECT_EQ(f.chain.network[0].bytes, 4000u);
  EXPECT_EQ(f.chain.network[0].window_s, 2u);
  // An idle period: one core (something runs), no network report (0 bytes).
  reporter.ReportOnce(13'000);
  ASSERT_EQ(f.chain.resources.size(), 3u);
  EXPECT_EQ(f.chain.resources[2].used.cru, 1u);
  EXPECT_EQ(f.chain.network.size(), 1u);
  // The bytes of a later period are counted from the last report (and the idle period
  // is part of its window).
  f.source.stats["c7-b"].public_bytes = 5600;
  reporter.ReportOnce(14'000);
  ASSERT_EQ(f.chain.network.size(), 2u);
  EXPECT_EQ(f.chain.network[1].bytes, 600u);
  EXPECT_EQ(f.chain.network[1].window_s, 2u);
}

TEST(UsageReporter, UsageAboveTheReservationIsClamped) {
  Fixture f;
  UsageReporter reporter = f.Reporter();
  f.chain.contracts[0].resources = {2, 25 * kMiB, 8 * kMiB, 0};
  reporter.ReportOnce(1'000);
  f.source.stats["c7-a"].cpu_ns += 10 * kSecondNs;  // 10 cores over 1 s; 2 reserved
  reporter.ReportOnce(2'000);
  ASSERT_EQ(f.chain.resources.size(), 2u);
  EXPECT_EQ(f.chain.resources[0].used, (chain::Resources{1, 25 * kMiB, 8 * kMiB, 0}));
  EXPECT_EQ(f.chain.resources[1].used, (chain::Resources{2, 25 * kMiB, 8 * kMiB, 0}));
}

TEST(UsageReporter, NoPublicInterfaceMeansNoNetworkReport) {
  Fixture f;
  f.source.stats["c7-b"].public_bytes.reset();
  UsageReporter reporter = f.Reporter();
  for (uint64_t t = 1'000; t <= 4'000; t += 1'000) reporter.ReportOnce(t);
  EXPECT_EQ(f.chain.resources.size(), 4u);
  EXPECT_TRUE(f.chain.network.empty());
}

TEST(UsageReporter, TooEarlyIsLoggedAndRetriedNextPeriodKeepingTheBytes) {
  Fixture f;
  UsageReporter reporter = f.Reporter();
  reporter.ReportOnce(1'000);
  f.source.stats["c7-b"].public_bytes = 3000;
  Status too_early = Status::InvalidArgument("report-too-early", "contract 7 was reported at 5");
  f.chain.resource_answers = {too_early};
  f.chain.network_answers = {too_early};
  reporter.ReportOnce(2'000);
  ASSERT_EQ(f.chain.network.size(), 1u);
  EXPECT_EQ(f.chain.network[0].bytes, 2000u);
  EXPECT_TRUE(f.chain.Logged("resources report of contract 7 too early")) << f.chain.logs.size();
  EXPECT_TRUE(f.chain.Logged("network report of contract 7 too early"));
  EXPECT_FALSE(f.chain.Logged("failed"));
  // Next period: the refused bytes plus the new ones, over both periods.
  f.source.stats["c7-b"].public_bytes = 3500;
  reporter.ReportOnce(3'000);
  ASSERT_EQ(f.chain.network.size(), 2u);
  EXPECT_EQ(f.chain.network[1].bytes, 2500u);
  EXPECT_EQ(f.chain.network[1].window_s, 2u);
  EXPECT_EQ(f.chain.resources.size(), 3u);
}

TEST(UsageReporter, OtherErrorsAreLoggedWithTheirReason) {
  Fixture f;
  UsageReporter reporter = f.Reporter();
  f.chain.resource_answers = {Status::Unavailable("node-unreachable", "connection refused")};
  reporter.ReportOnce(1'000);
  EXPECT_TRUE(f.chain.Logged("resources report of contract 7 failed"));
  EXPECT_TRUE(f.chain.Logged("node-unreachable"));
  // A container whose counters cannot be read counts as using nothing (and is logged).
  f.source.stats.erase("c7-a");
  reporter.ReportOnce(2'000);
  ASSERT_EQ(f.chain.resources.size(), 2u);
  EXPECT_EQ(f.chain.resources[1].used.mru, 20 * kMiB);
  EXPECT_TRUE(f.chain.Logged("container c7-a"));
  EXPECT_TRUE(f.chain.Logged("container-not-found"));
  // The chain cannot be asked: nothing is submitted this period.
  f.chain.list_status = Status::Unavailable("node-unreachable", "down");
  reporter.ReportOnce(3'000);
  EXPECT_EQ(f.chain.resources.size(), 2u);
  EXPECT_TRUE(f.chain.Logged("cannot list contracts"));
}

TEST(UsageReporter, OnlyLiveCreatedContractsAreReportedAndGoneOnesAreForgotten) {
  Fixture f;
  UsageReporter reporter = f.Reporter();
  f.chain.contracts[0].state = chain::ContractState::kGrace;
  reporter.ReportOnce(1'000);
  EXPECT_TRUE(f.chain.resources.empty());
  f.chain.contracts.clear();  // not live (deleted or another node's)
  reporter.ReportOnce(2'000);
  EXPECT_TRUE(f.chain.resources.empty());
  f.chain.contracts.push_back(ContractInfo{});
  f.chain.contracts[0].contract_id = 7;
  f.chain.contracts[0].resources = {4, 128 * kMiB, 1024 * kMiB, 0};
  reporter.ReportOnce(3'000);
  ASSERT_EQ(f.chain.resources.size(), 1u);
  // No longer running: nothing reported, its counters dropped, so when it runs again
  // the first period is a fresh start (one core, network baseline only).
  std::vector<Deployment> running = f.chain.running;
  f.chain.running.clear();
  reporter.ReportOnce(4'000);
  EXPECT_EQ(f.chain.resources.size(), 1u);
  f.chain.running = running;
  f.source.stats["c7-a"].cpu_ns += 30 * kSecondNs;
  f.source.stats["c7-b"].public_bytes = 99'999;
  reporter.ReportOnce(5'000);
  ASSERT_EQ(f.chain.resources.size(), 2u);
  EXPECT_EQ(f.chain.resources[1].used.cru, 1u);
  EXPECT_TRUE(f.chain.network.empty());
}

TEST(UsageReporter, RunReportsEveryChainIntervalUntilStopped) {
  Fixture f;
  UsageReporter reporter = f.Reporter();  // interval 0: the chain's (30 ms here)
  std::atomic<bool> stop{false};
  std::thread t([&] { reporter.Run(stop); });
  std::this_thread::sleep_for(std::chrono::milliseconds(200));
  stop.store(true);
  auto stopping = std::chrono::steady_clock::now();
  t.join();
  EXPECT_LT(std::chrono::steady_clock::now() - stopping, std::chrono::milliseconds(500));
  EXPECT_GE(f.chain.resources.size(), 3u);
  EXPECT_LE(f.chain.resources.size(), 8u);
}

}  // namespace
}  // namespace tfchain::agent
