#include "farmer-agent/capacity.h"

#include <unistd.h>

#include <gtest/gtest.h>

namespace tfchain::agent {
namespace {

TEST(Capacity, ParseMemTotal) {
  auto r = ParseMemTotal("MemFree:  100 kB\nMemTotal:       16307604 kB\nBuffers: 1 kB\n");
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(*r, 16307604ull * 1024);
  EXPECT_EQ(ParseMemTotal("MemTotal: 1 kB").value(), 1024u);
}

TEST(Capacity, ParseMemTotalRejectsBadText) {
  for (const char* text : {"", "MemFree: 1 kB\n", "MemTotal: x kB\n", "MemTotal: 12\n", "MemTotal: 0 kB\n",
                           "MemTotal: -5 kB\n", "MemTotal: 99999999999999999999 kB\n"}) {
    auto r = ParseMemTotal(text);
    ASSERT_FALSE(r.ok()) << text;
    EXPECT_EQ(r.status().reason(), "bad-meminfo");
  }
}

TEST(Capacity, ParseUptime) {
  EXPECT_EQ(ParseUptimeSeconds("12345.67 890.12\n").value(), 12345u);
  EXPECT_EQ(ParseUptimeSeconds("7 1\n").value(), 7u);
  for (const char* text : {"", "abc 1", ".5 1", "-3.0 1"}) {
    auto r = ParseUptimeSeconds(text);
    ASSERT_FALSE(r.ok()) << text;
    EXPECT_EQ(r.status().reason(), "bad-uptime");
  }
}

TEST(Capacity, ParseRotationalAndUevent) {
  EXPECT_FALSE(ParseRotational("0\n").value());
  EXPECT_TRUE(ParseRotational("1\n").value());
  EXPECT_EQ(ParseRotational("2").status().reason(), "bad-rotational");
  EXPECT_EQ(ParseRotational("").status().reason(), "bad-rotational");
  EXPECT_EQ(DevNameFromUevent("MAJOR=8\nMINOR=1\nDEVNAME=sda1\nDEVTYPE=partition\n"), "sda1");
  EXPECT_EQ(DevNameFromUevent("MAJOR=8\n"), "");
}

TEST(Capacity, DetectsThisMachine) {
  auto r = DetectCapacity("/tmp");
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->resources.cru, static_cast<uint64_t>(::sysconf(_SC_NPROCESSORS_ONLN)));
  EXPECT_GT(r->resources.mru, 64ull << 20);
  EXPECT_GT(r->resources.sru + r->resources.hru, 0u);
  EXPECT_TRUE(r->resources.sru == 0 || r->resources.hru == 0);
  EXPECT_TRUE(r->disk_kind_source == "sysfs" || r->disk_kind_source == "unknown-assumed-ssd");
  EXPECT_EQ(r->resources.hru != 0, r->pool_rotational);
  auto uptime = ReadUptimeSeconds();
  ASSERT_TRUE(uptime.ok());
  EXPECT_GT(*uptime, 0u);
}

TEST(Capacity, FarmerStatedDiskKindOverridesSysfs) {
  auto ssd = DetectCapacity("/tmp", DiskKind::kSsd);
  ASSERT_TRUE(ssd.ok()) << ssd.status().ToString();
  EXPECT_FALSE(ssd->pool_rotational);
  EXPECT_GT(ssd->resources.sru, 0u);
  EXPECT_EQ(ssd->resources.hru, 0u);
  EXPECT_EQ(ssd->disk_kind_source, "farmer-stated");
  auto hdd = DetectCapacity("/tmp", DiskKind::kHdd);
  ASSERT_TRUE(hdd.ok()) << hdd.status().ToString();
  EXPECT_TRUE(hdd->pool_rotational);
  EXPECT_EQ(hdd->resources.sru, 0u);
  EXPECT_EQ(hdd->resources.hru, ssd->resources.sru);
  EXPECT_EQ(hdd->disk_kind_source, "farmer-stated");
}

TEST(Capacity, MissingPoolIsAnError) {
  auto r = DetectCapacity("/nonexistent/tft-pool");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().reason(), "capacity-detection-failed");
}

}  // namespace
}  // namespace tfchain::agent
