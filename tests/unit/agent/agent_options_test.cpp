#include "farmer-agent/agent_options.h"

#include <gtest/gtest.h>

namespace tfchain::agent {
namespace {

using Args = std::vector<std::string>;

Args Base() { return {"--rpc", "http://127.0.0.1:9933", "--farm-id", "3", "--data-dir", "/tmp/d"}; }

void ExpectUsage(const Args& args, std::string_view needle) {
  auto r = ParseAgentOptions(args);
  ASSERT_FALSE(r.ok()) << needle;
  EXPECT_EQ(r.status().reason(), "usage");
  EXPECT_NE(r.status().detail().find(needle), std::string_view::npos) << r.status().detail();
}

TEST(AgentOptions, RequiredFlagsAndDefaults) {
  auto r = ParseAgentOptions(Base());
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->rpc_url, "http://127.0.0.1:9933");
  EXPECT_EQ(r->farm_id, 3u);
  EXPECT_EQ(r->data_dir, "/tmp/d");
  EXPECT_EQ(r->AgentEndpoint(), "http://127.0.0.1:2021");
  EXPECT_EQ(r->StoragePoolDir(), "/tmp/d");
  EXPECT_EQ(r->uptime_interval_s, 0u);
  EXPECT_EQ(r->usage_interval_s, 0u);
  EXPECT_TRUE(r->city.empty());
}

TEST(AgentOptions, AllFlagsBothForms) {
  Args args = Base();
  for (const char* a : {"--api=127.0.0.1:8080", "--storage-pool", "/pool", "--location", "Ghent,BE",
                        "--uptime-interval-s=5", "--usage-interval-s", "7"}) {
    args.push_back(a);
  }
  auto r = ParseAgentOptions(args);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->api_port, 8080);
  EXPECT_EQ(r->AgentEndpoint(), "http://127.0.0.1:8080");
  EXPECT_EQ(r->StoragePoolDir(), "/pool");
  EXPECT_EQ(r->city, "Ghent");
  EXPECT_EQ(r->country, "BE");
  EXPECT_EQ(r->uptime_interval_s, 5u);
  EXPECT_EQ(r->usage_interval_s, 7u);
}

TEST(AgentOptions, DiskType) {
  auto automatic = ParseAgentOptions(Base());
  ASSERT_TRUE(automatic.ok());
  EXPECT_EQ(automatic->disk_type, DiskKind::kAuto);
  Args ssd = Base();
  ssd.push_back("--disk-type");
  ssd.push_back("ssd");
  auto s = ParseAgentOptions(ssd);
  ASSERT_TRUE(s.ok()) << s.status().ToString();
  EXPECT_EQ(s->disk_type, DiskKind::kSsd);
  Args hdd = Base();
  hdd.push_back("--disk-type=hdd");
  auto h = ParseAgentOptions(hdd);
  ASSERT_TRUE(h.ok()) << h.status().ToString();
  EXPECT_EQ(h->disk_type, DiskKind::kHdd);
  EXPECT_NE(std::string(AgentUsage()).find("--disk-type ssd|hdd"), std::string::npos);
}

TEST(AgentOptions, Help) {
  auto r = ParseAgentOptions({"--help"});
  ASSERT_TRUE(r.ok());
  EXPECT_TRUE(r->help);
}

TEST(AgentOptions, BadInputs) {
  ExpectUsage({"--farm-id", "1", "--data-dir", "d"}, "missing required flag --rpc");
  ExpectUsage({"--rpc", "http://x:1", "--data-dir", "d"}, "missing required flag --farm-id");
  ExpectUsage({"--rpc", "http://x:1", "--farm-id", "1"}, "missing required flag --data-dir");
  auto with = [](std::initializer_list<const char*> extra) {
    Args a = Base();
    for (const char* e : extra) a.push_back(e);
    return a;
  };
  ExpectUsage(with({"--bogus", "1"}), "unknown flag --bogus");
  ExpectUsage(with({"stray"}), "unexpected argument");
  ExpectUsage(with({"--api"}), "--api: missing value");
  ExpectUsage(with({"--farm-id", "4"}), "--farm-id given more than once");
  ExpectUsage(with({"--api", "127.0.0.1"}), "--api: expected HOST:PORT");
  ExpectUsage(with({"--api", "127.0.0.1:0"}), "--api port");
  ExpectUsage(with({"--api", "127.0.0.1:70000"}), "--api port");
  ExpectUsage(with({"--location", "Ghent"}), "--location: expected CITY,COUNTRY");
  ExpectUsage(with({"--location", ",BE"}), "--location");
  ExpectUsage(with({"--uptime-interval-s", "0"}), "--uptime-interval-s");
  ExpectUsage(with({"--uptime-interval-s", "x"}), "--uptime-interval-s");
  ExpectUsage(with({"--usage-interval-s", "0"}), "--usage-interval-s: expected an integer in 1..86400");
  ExpectUsage(with({"--usage-interval-s", "86401"}), "--usage-interval-s");
  ExpectUsage(with({"--usage-interval-s", "-5"}), "--usage-interval-s");
  ExpectUsage(with({"--usage-interval-s", "2s"}), "--usage-interval-s");
  ExpectUsage(with({"--usage-interval-s"}), "--usage-interval-s: missing value");
  ExpectUsage(with({"--usage-interval-s", "1", "--usage-interval-s", "2"}), "--usage-interval-s given more than once");
  ExpectUsage(with({"--disk-type", "nvme"}), "--disk-type: expected ssd or hdd, got \"nvme\"");
  ExpectUsage(with({"--disk-type", "SSD"}), "--disk-type: expected ssd or hdd");
  ExpectUsage(with({"--disk-type", "ssd", "--disk-type", "hdd"}), "--disk-type given more than once");
  ExpectUsage({"--rpc", "https://x:1", "--farm-id", "1", "--data-dir", "d"}, "--rpc: expected http://");
  ExpectUsage({"--rpc", "http://x:1", "--farm-id", "0", "--data-dir", "d"}, "--farm-id");
  ExpectUsage({"--rpc", "http://x:1", "--farm-id", "-1", "--data-dir", "d"}, "--farm-id");
  ExpectUsage({"--rpc", "http://x:1", "--farm-id", "4294967296", "--data-dir", "d"}, "--farm-id");
  ExpectUsage({"--rpc", "http://x:1", "--farm-id", "1", "--data-dir="}, "--data-dir: empty value");
}

TEST(AgentOptions, PublicUplink) {
  auto none = ParseAgentOptions(Base());
  ASSERT_TRUE(none.ok());
  EXPECT_EQ(none->public_uplink, "");
  for (const char* name : {"eth0", "br-pub", "tft123up", "a", "enp3s0f1.100", "abcdefghijklmno"}) {
    Args args = Base();
    args.push_back(std::string("--public-uplink=") + name);
    auto r = ParseAgentOptions(args);
    ASSERT_TRUE(r.ok()) << name << ": " << r.status().ToString();
    EXPECT_EQ(r->public_uplink, name);
  }
  auto with = [](std::string value) {
    Args args = Base();
    args.push_back("--public-uplink");
    args.push_back(std::move(value));
    return args;
  };
  ExpectUsage(with("abcdefghijklmnop"), "--public-uplink: expected an interface name (at most 15 characters)");
  ExpectUsage(with("a/b"), "no '/' or ':'");
  ExpectUsage(with("eth0:1"), "no '/' or ':'");
  ExpectUsage(with("a b"), "printable ASCII without spaces");
  ExpectUsage(with("\xc3\xa9th0"), "printable ASCII without spaces");
  ExpectUsage(with("."), "got \".\"");
  ExpectUsage(with(".."), "--public-uplink: expected an interface name");
  ExpectUsage(with(""), "--public-uplink: empty value");
  Args twice = with("eth0");
  twice.push_back("--public-uplink=eth1");
  ExpectUsage(twice, "--public-uplink given more than once");
  ExpectUsage({"--rpc", "http://x:1", "--farm-id", "1", "--data-dir", "/d", "--public-uplink"},
              "--public-uplink: missing value");
}

}  // namespace
}  // namespace tfchain::agent
