#include "farmer-agent/provision/network.h"

#include <gtest/gtest.h>
#include <stdlib.h>
#include <unistd.h>

#include <filesystem>
#include <string>
#include <vector>

#include "farmer-agent/process.h"

namespace tfchain::agent {
namespace {

namespace fs = std::filesystem;

// `ping`, or busybox's when there is no ping binary; empty when neither exists.
std::vector<std::string> PingCommand() {
  for (const std::vector<std::string>& candidate :
       std::vector<std::vector<std::string>>{{"ping"}, {"busybox", "ping"}}) {
    auto r = RunProcess({"sh", "-c", "command -v " + candidate[0]});
    if (r.ok() && r->exit_code == 0) return candidate;
  }
  return {};
}

// Why network namespaces cannot be tested here, or "" when they can.
std::string MissingCapability() {
  if (::geteuid() != 0) return "needs root (ip netns, bridges)";
  auto ip = RunProcess({"ip", "-V"});
  if (!ip.ok() || ip->exit_code != 0) return "missing iproute2 `ip`";
  if (PingCommand().empty()) return "missing ping (and busybox)";
  return "";
}

bool LinkExists(const std::string& name) { return fs::exists("/sys/class/net/" + name); }
bool NetnsExists(const std::string& name) { return fs::exists("/var/run/netns/" + name); }

// Unique per test run; interface-name parts stay short (15 chars max in the kernel).
std::string TestPrefix() { return "tft" + std::to_string(::getpid()); }

// Everything a test creates, removed at the end even when the test fails: the
// provisioner's networks/endpoints (by their derived names) and the test's own links and
// namespaces, then the state directory.
class NetworkSandbox {
 public:
  NetworkSandbox() {
    std::string tmpl = "/tmp/" + TestPrefix() + "-net-XXXXXX";
    char* made = ::mkdtemp(tmpl.data());
    if (made != nullptr) root_ = made;
  }
  ~NetworkSandbox() {
    NetworkProvisioner p(root_, TestPrefix());
    for (const std::string& id : endpoints_) {
      (void)p.RemoveEndpoint(id);
      if (NetnsExists(p.NetnsName(id))) (void)RunProcess({"ip", "netns", "del", p.NetnsName(id)});
      for (const std::string& link : {p.HostVethName(id), p.PublicLinkName(id)}) {
        if (LinkExists(link)) (void)RunProcess({"ip", "link", "del", link});
      }
    }
    for (const std::string& id : networks_) {
      (void)p.RemoveNetwork(id);
      if (LinkExists(p.BridgeName(id))) (void)RunProcess({"ip", "link", "del", p.BridgeName(id)});
    }
    for (const std::string& ns : own_netns_) {
      if (NetnsExists(ns)) (void)RunProcess({"ip", "netns", "del", ns});
    }
    for (const std::string& link : own_links_) {
      if (LinkExists(link)) (void)RunProcess({"ip", "link", "del", link});
    }
    std::error_code ec;
    if (!root_.empty()) fs::remove_all(root_, ec);
  }
  const std::string& root() const { return root_; }
  void TrackEndpoint(const std::string& id) { endpoints_.push_back(id); }
  void TrackNetwork(const std::string& id) { networks_.push_back(id); }
  void TrackNetns(const std::string& ns) { own_netns_.push_back(ns); }
  void TrackLink(const std::string& link) { own_links_.push_back(link); }

 private:
  std::string root_;
  std::vector<std::string> endpoints_, networks_, own_netns_, own_links_;
};

bool Ping(const std::string& ns, const std::string& ip) {
  std::vector<std::string> argv = {"ip", "netns", "exec", ns};
  for (const std::string& part : PingCommand()) argv.push_back(part);
  for (const std::string& arg : {std::string("-c1"), std::string("-W1"), ip}) argv.push_back(arg);
  auto r = RunProcess(argv, {}, std::chrono::seconds(5));
  return r.ok() && r->exit_code == 0;
}

std::string Capture(const std::vector<std::string>& argv) {
  auto r = RunProcess(argv);
  return r.ok() ? r->out : std::string();
}

class NetworkTest : public ::testing::Test {
 protected:
  void SetUp() override {
    const std::string missing = MissingCapability();
    if (!missing.empty()) GTEST_SKIP() << "network tests skipped: " << missing;
    ASSERT_FALSE(box_.root().empty());
  }
  NetworkSandbox box_;
};

TEST_F(NetworkTest, EndpointsOnOneBridgeTalkAndNetworksAreIsolated) {
  NetworkProvisioner p(box_.root(), TestPrefix());
  for (const char* n : {"net-a", "net-b"}) box_.TrackNetwork(n);
  for (const char* e : {"a1", "a2", "b1"}) box_.TrackEndpoint(e);

  // The same subnet on both: only the bridges can keep them apart.
  ASSERT_TRUE(p.CreateNetwork({"net-a", "10.77.1.0/24"}).ok());
  ASSERT_TRUE(p.CreateNetwork({"net-b", "10.77.1.0/24"}).ok());
  EXPECT_TRUE(p.CreateNetwork({"net-a", "10.77.1.0/24"}).ok());  // idempotent
  EXPECT_EQ(p.CreateNetwork({"net-a", "10.77.2.0/24"}).reason(), "network-conflict");
  EXPECT_TRUE(LinkExists(p.BridgeName("net-a")));
  EXPECT_LE(p.BridgeName("net-a").size(), 15u);

  auto a1 = p.CreateEndpoint({"net-a", "a1", "10.77.1.2"});
  ASSERT_TRUE(a1.ok()) << a1.status().ToString();
  EXPECT_EQ(*a1, "/var/run/netns/" + p.NetnsName("a1"));
  EXPECT_TRUE(fs::exists(*a1));
  auto a2 = p.CreateEndpoint({"net-a", "a2", "10.77.1.3"});
  ASSERT_TRUE(a2.ok()) << a2.status().ToString();
  auto b1 = p.CreateEndpoint({"net-b", "b1", "10.77.1.4"});
  ASSERT_TRUE(b1.ok()) << b1.status().ToString();

  auto again = p.CreateEndpoint({"net-a", "a1", "10.77.1.2"});  // idempotent
  ASSERT_TRUE(again.ok()) << again.status().ToString();
  EXPECT_EQ(*again, *a1);
  EXPECT_EQ(p.CreateEndpoint({"net-a", "a1", "10.77.1.9"}).status().reason(), "endpoint-conflict");
  EXPECT_EQ(p.CreateEndpoint({"net-a", "a3", "10.77.1.3"}).status().reason(), "ip-in-use");

  EXPECT_NE(Capture({"ip", "-n", p.NetnsName("a1"), "-4", "addr", "show", "dev", "eth0"}).find("10.77.1.2/24"),
            std::string::npos);
  EXPECT_TRUE(Ping(p.NetnsName("a1"), "10.77.1.3"));
  EXPECT_TRUE(Ping(p.NetnsName("a2"), "10.77.1.2"));
  EXPECT_TRUE(Ping(p.NetnsName("a1"), "127.0.0.1"));  // lo is up
  EXPECT_FALSE(Ping(p.NetnsName("b1"), "10.77.1.2"));
  EXPECT_FALSE(Ping(p.NetnsName("a1"), "10.77.1.4"));

  ASSERT_TRUE(p.RemoveEndpoint("a2").ok());
  EXPECT_FALSE(NetnsExists(p.NetnsName("a2")));
  EXPECT_FALSE(LinkExists(p.HostVethName("a2")));
  EXPECT_FALSE(Ping(p.NetnsName("a1"), "10.77.1.3"));
  EXPECT_TRUE(p.RemoveEndpoint("a2").ok());  // absent: Ok

  ASSERT_TRUE(p.RemoveNetwork("net-a").ok());  // takes a1 with it
  ASSERT_TRUE(p.RemoveNetwork("net-b").ok());
  for (const char* e : {"a1", "a2", "b1"}) {
    EXPECT_FALSE(NetnsExists(p.NetnsName(e))) << e;
    EXPECT_FALSE(LinkExists(p.HostVethName(e))) << e;
  }
  EXPECT_FALSE(LinkExists(p.BridgeName("net-a")));
  EXPECT_FALSE(LinkExists(p.BridgeName("net-b")));
  EXPECT_TRUE(p.RemoveNetwork("net-a").ok());  // absent: Ok
  EXPECT_FALSE(fs::exists(box_.root() + "/networks/net-a.json"));
  EXPECT_FALSE(fs::exists(box_.root() + "/endpoints/a1.json"));
}

TEST_F(NetworkTest, BadSpecsAreRefusedAndCreateNothing) {
  NetworkProvisioner p(box_.root(), TestPrefix());
  box_.TrackNetwork("n");
  for (const char* e : {"e", "f"}) box_.TrackEndpoint(e);

  for (const char* subnet :
       {"10.88.3.1/24", "10.88.3.0/31", "10.88.3.0", "fd00::/64", "300.1.1.0/24", "10.0.0.0/7", "", "10.88.3.0/24 "}) {
    EXPECT_EQ(p.CreateNetwork({"n", subnet}).reason(), "bad-subnet") << subnet;
  }
  EXPECT_EQ(p.CreateNetwork({"N", "10.88.3.0/24"}).reason(), "bad-network-id");
  EXPECT_EQ(p.CreateNetwork({std::string(49, 'n'), "10.88.3.0/24"}).reason(), "bad-network-id");
  EXPECT_FALSE(LinkExists(p.BridgeName("n")));
  EXPECT_EQ(p.CreateEndpoint({"n", "e", "10.88.3.2"}).status().reason(), "network-not-found");

  ASSERT_TRUE(p.CreateNetwork({"n", "10.88.3.0/24"}).ok());
  for (const char* ip : {"10.88.4.2", "10.88.3.0", "10.88.3.1", "10.88.3.255", "abc", "10.88.3.2/24", ""}) {
    EXPECT_EQ(p.CreateEndpoint({"n", "e", ip}).status().reason(), "bad-ip") << ip;
  }
  EXPECT_EQ(p.CreateEndpoint({"n", "E_1", "10.88.3.2"}).status().reason(), "bad-endpoint-id");
  EXPECT_EQ(p.CreateEndpoint({"x/y", "e", "10.88.3.2"}).status().reason(), "bad-network-id");
  EXPECT_EQ(p.RemoveEndpoint("../e").reason(), "bad-endpoint-id");
  EXPECT_FALSE(NetnsExists(p.NetnsName("e")));
  EXPECT_FALSE(LinkExists(p.HostVethName("e")));
  EXPECT_FALSE(fs::exists(box_.root() + "/endpoints/e.json"));

  // The last host address is fine.
  auto f = p.CreateEndpoint({"n", "f", "10.88.3.254"});
  ASSERT_TRUE(f.ok()) << f.status().ToString();
  ASSERT_TRUE(p.RemoveNetwork("n").ok());
  EXPECT_FALSE(NetnsExists(p.NetnsName("f")));
}

TEST_F(NetworkTest, PublicIpGetsAddressAndDefaultRouteViaGateway) {
  NetworkProvisioner p(box_.root(), TestPrefix());
  box_.TrackNetwork("pn");
  box_.TrackEndpoint("web");
  // The test's own uplink bridge, and a "gateway" namespace on it that answers for
  // 203.0.113.1 (on-link) and 198.51.100.7 (reachable only through the default route).
  const std::string uplink = TestPrefix() + "u";
  const std::string gw_ns = TestPrefix() + "-gw";
  const std::string gw_veth = TestPrefix() + "g";
  box_.TrackLink(uplink);
  box_.TrackLink(gw_veth);
  box_.TrackNetns(gw_ns);
  ASSERT_LE(gw_veth.size(), 15u);
  for (const std::vector<std::string>& step : std::vector<std::vector<std::string>>{
           {"ip", "link", "add", "name", uplink, "type", "bridge"},
           {"ip", "link", "set", uplink, "up"},
           {"ip", "netns", "add", gw_ns},
           {"ip", "link", "add", gw_veth, "type", "veth", "peer", "name", "eth0", "netns", gw_ns},
           {"ip", "link", "set", gw_veth, "master", uplink},
           {"ip", "link", "set", gw_veth, "up"},
           {"ip", "-n", gw_ns, "addr", "add", "203.0.113.1/24", "dev", "eth0"},
           {"ip", "-n", gw_ns, "link", "set", "eth0", "up"},
           {"ip", "-n", gw_ns, "link", "set", "lo", "up"},
           {"ip", "-n", gw_ns, "addr", "add", "198.51.100.7/32", "dev", "lo"}}) {
    ASSERT_TRUE(RunChecked(step, "test-setup").ok()) << JoinArgv(step);
  }

  ASSERT_TRUE(p.CreateNetwork({"pn", "10.66.0.0/16"}).ok());
  auto ep = p.CreateEndpoint({"pn", "web", "10.66.0.2"});
  ASSERT_TRUE(ep.ok()) << ep.status().ToString();
  const std::string ns = p.NetnsName("web");
  EXPECT_FALSE(Ping(ns, "198.51.100.7"));

  // Bad inputs change nothing.
  EXPECT_EQ(p.AddPublicIp("web", "203.0.113.10", "203.0.113.1", uplink).reason(), "bad-public-ip");
  EXPECT_EQ(p.AddPublicIp("web", "203.0.113.0/24", "203.0.113.1", uplink).reason(), "bad-public-ip");
  EXPECT_EQ(p.AddPublicIp("web", "203.0.113.10/24", "198.51.100.1", uplink).reason(), "bad-gateway");
  EXPECT_EQ(p.AddPublicIp("web", "203.0.113.10/24", "203.0.113.10", uplink).reason(), "bad-gateway");
  EXPECT_EQ(p.AddPublicIp("web", "203.0.113.10/24", "203.0.113.1", TestPrefix() + "none").reason(), "uplink-not-found");
  EXPECT_EQ(p.AddPublicIp("nope", "203.0.113.10/24", "203.0.113.1", uplink).reason(), "endpoint-not-found");
  EXPECT_EQ(p.AddPublicIp("BAD", "203.0.113.10/24", "203.0.113.1", uplink).reason(), "bad-endpoint-id");
  EXPECT_FALSE(LinkExists(p.PublicLinkName("web")));

  ASSERT_TRUE(p.AddPublicIp("web", "203.0.113.10/24", "203.0.113.1", uplink).ok());
  EXPECT_TRUE(p.AddPublicIp("web", "203.0.113.10/24", "203.0.113.1", uplink).ok());  // idempotent
  EXPECT_NE(Capture({"ip", "-n", ns, "-4", "addr", "show", "dev", "eth1"}).find("203.0.113.10/24"), std::string::npos);
  EXPECT_NE(Capture({"ip", "-n", ns, "route", "show", "default"}).find("via 203.0.113.1 dev eth1"), std::string::npos);
  EXPECT_TRUE(fs::exists("/sys/class/net/" + p.PublicLinkName("web") + "/brport"));
  EXPECT_TRUE(Ping(ns, "203.0.113.1"));
  EXPECT_TRUE(Ping(ns, "198.51.100.7"));  // off-link: only through the default route
  EXPECT_TRUE(Ping(ns, "10.66.0.2"));

  // A different public IP replaces the first.
  ASSERT_TRUE(p.AddPublicIp("web", "203.0.113.11/24", "203.0.113.1", uplink).ok());
  const std::string addrs = Capture({"ip", "-n", ns, "-4", "addr", "show", "dev", "eth1"});
  EXPECT_NE(addrs.find("203.0.113.11/24"), std::string::npos);
  EXPECT_EQ(addrs.find("203.0.113.10/24"), std::string::npos);
  EXPECT_TRUE(Ping(ns, "198.51.100.7"));

  ASSERT_TRUE(p.RemoveEndpoint("web").ok());
  EXPECT_FALSE(NetnsExists(ns));
  EXPECT_FALSE(LinkExists(p.PublicLinkName("web")));
  EXPECT_FALSE(LinkExists(p.HostVethName("web")));
  EXPECT_TRUE(LinkExists(uplink));  // not ours to remove
  ASSERT_TRUE(p.RemoveNetwork("pn").ok());
  EXPECT_FALSE(LinkExists(p.BridgeName("pn")));
}

}  // namespace
}  // namespace tfchain::agent

namespace tfchain::agent {
namespace {

TEST_F(NetworkTest, PublicIpOnAPlainInterfaceUsesAMacvlan) {
  NetworkProvisioner p(box_.root(), TestPrefix());
  box_.TrackNetwork("mn");
  box_.TrackEndpoint("mweb");
  // The uplink is a plain interface (not a bridge): a veth whose peer is in the test's
  // gateway namespace.
  const std::string uplink = TestPrefix() + "m";
  const std::string gw_ns = TestPrefix() + "-mgw";
  box_.TrackLink(uplink);
  box_.TrackNetns(gw_ns);
  for (const std::vector<std::string>& step : std::vector<std::vector<std::string>>{
           {"ip", "netns", "add", gw_ns},
           {"ip", "link", "add", uplink, "type", "veth", "peer", "name", "eth0", "netns", gw_ns},
           {"ip", "link", "set", uplink, "up"},
           {"ip", "-n", gw_ns, "addr", "add", "203.0.113.1/24", "dev", "eth0"},
           {"ip", "-n", gw_ns, "link", "set", "eth0", "up"},
           {"ip", "-n", gw_ns, "link", "set", "lo", "up"},
           {"ip", "-n", gw_ns, "addr", "add", "198.51.100.7/32", "dev", "lo"}}) {
    ASSERT_TRUE(RunChecked(step, "test-setup").ok()) << JoinArgv(step);
  }
  ASSERT_TRUE(p.CreateNetwork({"mn", "10.67.0.0/24"}).ok());
  auto ep = p.CreateEndpoint({"mn", "mweb", "10.67.0.2"});
  ASSERT_TRUE(ep.ok()) << ep.status().ToString();
  const std::string ns = p.NetnsName("mweb");

  Status s = p.AddPublicIp("mweb", "203.0.113.20/24", "203.0.113.1", uplink);
  ASSERT_TRUE(s.ok()) << s.ToString();
  EXPECT_NE(Capture({"ip", "-n", ns, "-d", "link", "show", "eth1"}).find("macvlan"), std::string::npos);
  EXPECT_NE(Capture({"ip", "-n", ns, "route", "show", "default"}).find("via 203.0.113.1 dev eth1"), std::string::npos);
  EXPECT_TRUE(Ping(ns, "198.51.100.7"));

  ASSERT_TRUE(p.RemoveNetwork("mn").ok());
  EXPECT_FALSE(NetnsExists(ns));
  EXPECT_FALSE(LinkExists(p.PublicLinkName("mweb")));
  EXPECT_TRUE(LinkExists(uplink));
}

}  // namespace
}  // namespace tfchain::agent

namespace tfchain::agent {
namespace {

TEST_F(NetworkTest, RecreatesWhatARestartOrCrashLostOrLeftBehind) {
  NetworkProvisioner p(box_.root(), TestPrefix());
  box_.TrackNetwork("rn");
  for (const char* e : {"r1", "r2"}) box_.TrackEndpoint(e);
  ASSERT_TRUE(p.CreateNetwork({"rn", "10.68.0.0/24"}).ok());
  ASSERT_TRUE(p.CreateEndpoint({"rn", "r1", "10.68.0.2"}).ok());

  // A crash left a bare namespace with r2's name and no record: it is replaced.
  ASSERT_TRUE(RunChecked({"ip", "netns", "add", p.NetnsName("r2")}, "test-setup").ok());
  auto r2 = p.CreateEndpoint({"rn", "r2", "10.68.0.3"});
  ASSERT_TRUE(r2.ok()) << r2.status().ToString();
  EXPECT_TRUE(Ping(p.NetnsName("r2"), "10.68.0.2"));

  // A reboot loses the kernel objects but keeps the records: creating again rebuilds them.
  ASSERT_TRUE(RunChecked({"ip", "netns", "del", p.NetnsName("r1")}, "test-setup").ok());
  ASSERT_TRUE(RunChecked({"ip", "netns", "del", p.NetnsName("r2")}, "test-setup").ok());
  ASSERT_TRUE(RunChecked({"ip", "link", "del", p.BridgeName("rn")}, "test-setup").ok());
  EXPECT_EQ(p.CreateEndpoint({"rn", "r1", "10.68.0.2"}).status().reason(), "network-not-found");
  ASSERT_TRUE(p.CreateNetwork({"rn", "10.68.0.0/24"}).ok());
  ASSERT_TRUE(p.CreateEndpoint({"rn", "r1", "10.68.0.2"}).ok());
  ASSERT_TRUE(p.CreateEndpoint({"rn", "r2", "10.68.0.3"}).ok());
  EXPECT_TRUE(Ping(p.NetnsName("r1"), "10.68.0.3"));

  ASSERT_TRUE(p.RemoveNetwork("rn").ok());
  EXPECT_FALSE(NetnsExists(p.NetnsName("r1")));
  EXPECT_FALSE(NetnsExists(p.NetnsName("r2")));
  EXPECT_FALSE(LinkExists(p.BridgeName("rn")));
}

}  // namespace
}  // namespace tfchain::agent

namespace tfchain::agent {
namespace {

TEST_F(NetworkTest, StandaloneEndpointHasOnlyItsPublicIp) {
  NetworkProvisioner p(box_.root(), TestPrefix());
  box_.TrackEndpoint("solo");
  box_.TrackNetwork("sn");
  box_.TrackEndpoint("onnet");
  const std::string uplink = TestPrefix() + "s";
  const std::string gw_ns = TestPrefix() + "-sgw";
  const std::string gw_veth = TestPrefix() + "h";
  box_.TrackLink(uplink);
  box_.TrackLink(gw_veth);
  box_.TrackNetns(gw_ns);
  for (const std::vector<std::string>& step : std::vector<std::vector<std::string>>{
           {"ip", "link", "add", "name", uplink, "type", "bridge"},
           {"ip", "link", "set", uplink, "up"},
           {"ip", "netns", "add", gw_ns},
           {"ip", "link", "add", gw_veth, "type", "veth", "peer", "name", "eth0", "netns", gw_ns},
           {"ip", "link", "set", gw_veth, "master", uplink},
           {"ip", "link", "set", gw_veth, "up"},
           {"ip", "-n", gw_ns, "addr", "add", "203.0.113.1/24", "dev", "eth0"},
           {"ip", "-n", gw_ns, "link", "set", "eth0", "up"}}) {
    ASSERT_TRUE(RunChecked(step, "test-setup").ok()) << JoinArgv(step);
  }
  // Bad input: a standalone endpoint has no private ip.
  EXPECT_EQ(p.CreateEndpoint({"", "solo", "10.1.1.2"}).status().reason(), "bad-ip");
  EXPECT_FALSE(NetnsExists(p.NetnsName("solo")));

  auto ep = p.CreateEndpoint({"", "solo", ""});
  ASSERT_TRUE(ep.ok()) << ep.status().ToString();
  EXPECT_EQ(*ep, p.NetnsPath("solo"));
  EXPECT_EQ(*p.CreateEndpoint({"", "solo", ""}), *ep);  // idempotent
  const std::string ns = p.NetnsName("solo");
  EXPECT_EQ(Capture({"ip", "-n", ns, "link", "show", "eth0"}), "");
  EXPECT_FALSE(LinkExists(p.HostVethName("solo")));
  // The same id on a network conflicts, and a network endpoint cannot become standalone.
  ASSERT_TRUE(p.CreateNetwork({"sn", "10.69.0.0/24"}).ok());
  EXPECT_EQ(p.CreateEndpoint({"sn", "solo", "10.69.0.2"}).status().reason(), "endpoint-conflict");
  ASSERT_TRUE(p.CreateEndpoint({"sn", "onnet", "10.69.0.2"}).ok());
  EXPECT_EQ(p.CreateEndpoint({"", "onnet", ""}).status().reason(), "endpoint-conflict");

  ASSERT_TRUE(p.AddPublicIp("solo", "203.0.113.30/24", "203.0.113.1", uplink).ok());
  EXPECT_NE(Capture({"ip", "-n", ns, "-4", "addr", "show", "dev", "eth1"}).find("203.0.113.30/24"), std::string::npos);
  EXPECT_TRUE(Ping(ns, "203.0.113.1"));
  EXPECT_TRUE(Ping(gw_ns, "203.0.113.30"));

  // A crash that lost the namespace but kept the record: created again, without eth1.
  ASSERT_TRUE(RunChecked({"ip", "netns", "del", ns}, "test-setup").ok());
  auto again = p.CreateEndpoint({"", "solo", ""});
  ASSERT_TRUE(again.ok()) << again.status().ToString();
  EXPECT_TRUE(NetnsExists(ns));
  EXPECT_FALSE(LinkExists(p.PublicLinkName("solo")));
  ASSERT_TRUE(p.AddPublicIp("solo", "203.0.113.30/24", "203.0.113.1", uplink).ok());
  // The new eth1 has another MAC: the gateway re-resolves it once its entry expires
  // (flushed here rather than waited for).
  ASSERT_TRUE(RunChecked({"ip", "-n", gw_ns, "neigh", "flush", "all"}, "test-setup").ok());
  EXPECT_TRUE(Ping(gw_ns, "203.0.113.30"));

  ASSERT_TRUE(p.RemoveEndpoint("solo").ok());
  EXPECT_FALSE(NetnsExists(ns));
  EXPECT_FALSE(LinkExists(p.PublicLinkName("solo")));
  EXPECT_FALSE(fs::exists(box_.root() + "/endpoints/solo.json"));
  EXPECT_TRUE(LinkExists(uplink));
  ASSERT_TRUE(p.RemoveNetwork("sn").ok());
}

}  // namespace
}  // namespace tfchain::agent
