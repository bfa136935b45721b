// IP addresses, CIDRs, MACs and host names: strict parsing, canonical text, the
// public-unicast table and subnet membership.
#include "chain/ip_address.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <string>
#include <vector>

namespace tfchain::chain {
namespace {

std::string Canonical(std::string_view text) {
  auto a = ParseIpAddress(text);
  EXPECT_TRUE(a.ok()) << text << ": " << a.status().ToString();
  return a.ok() ? a->ToString() : std::string();
}

void ExpectBadIp(std::string_view text) {
  auto a = ParseIpAddress(text);
  EXPECT_FALSE(a.ok()) << "accepted \"" << text << "\" as " << (a.ok() ? a->ToString() : "");
  if (!a.ok()) {
    EXPECT_EQ(a.status().reason(), "bad-ip") << text;
  }
}

IpAddress V4(std::string_view text) { return ParseIpv4(text).value(); }

TEST(IpAddressTest, Ipv4StrictForm) {
  for (const char* ok : {"0.0.0.0", "255.255.255.255", "185.69.166.7", "1.2.3.4", "10.0.0.1"}) {
    EXPECT_EQ(Canonical(ok), ok);
  }
  const IpAddress a = V4("185.69.166.7");
  EXPECT_EQ(a.family, IpFamily::kV4);
  EXPECT_EQ(a.size(), 4u);
  EXPECT_EQ(a.bytes[0], 185);
  EXPECT_EQ(a.bytes[3], 7);
  EXPECT_EQ(a.bytes[4], 0);
  for (const char* bad :
       {"",         "1.2.3",      "1.2.3.4.5", "01.2.3.4",  "1.2.3.04",         "1.2.3.00", "1.2.3.256",
        "1.2.3.-1", "+1.2.3.4",   " 1.2.3.4",  "1.2.3.4 ",  "1..2.3",           "1.2.3.",   ".1.2.3",
        "a.b.c.d",  "1.2.3.4/24", "0x1.2.3.4", "1.2.3.4\n", "4294967296.1.1.1", "1e1.2.3.4"}) {
    ExpectBadIp(bad);
  }
  EXPECT_FALSE(ParseIpv4("::1").ok());
  EXPECT_FALSE(ParseIpv6("1.2.3.4").ok());
}

TEST(IpAddressTest, Ipv6CanonicalTextFollowsRfc5952) {
  EXPECT_EQ(Canonical("2001:0DB8:0000:0000:0000:0000:0000:0001"), "2001:db8::1");
  EXPECT_EQ(Canonical("::"), "::");
  EXPECT_EQ(Canonical("::1"), "::1");
  EXPECT_EQ(Canonical("1::"), "1::");
  EXPECT_EQ(Canonical("0:0:0:0:0:0:0:0"), "::");
  EXPECT_EQ(Canonical("2001:db8:0:0:1:0:0:1"), "2001:db8::1:0:0:1");     // first of equal runs
  EXPECT_EQ(Canonical("1:0:0:2:0:0:0:3"), "1:0:0:2::3");                 // longest run
  EXPECT_EQ(Canonical("2001:db8:0:1:1:1:1:1"), "2001:db8:0:1:1:1:1:1");  // one zero group stays
  EXPECT_EQ(Canonical("2001:db8::0:1"), "2001:db8::1");
  EXPECT_EQ(Canonical("1:2:3:4:5:6:7::"), "1:2:3:4:5:6:7:0");  // "::" of one group
  EXPECT_EQ(Canonical("::2:3:4:5:6:7:8"), "0:2:3:4:5:6:7:8");
  EXPECT_EQ(Canonical("FE80::ABCD:0Ef"), "fe80::abcd:ef");
  EXPECT_EQ(Canonical("::ffff:192.0.2.1"), "::ffff:192.0.2.1");  // IPv4-mapped
  EXPECT_EQ(Canonical("::ffff:c000:0201"), "::ffff:192.0.2.1");
  EXPECT_EQ(Canonical("64:ff9b::192.0.2.33"), "64:ff9b::c000:221");
  EXPECT_EQ(Canonical("1:2:3:4:5:6:1.2.3.4"), "1:2:3:4:5:6:102:304");
  const IpAddress a = ParseIpv6("2001:db8::1").value();
  EXPECT_EQ(a.family, IpFamily::kV6);
  EXPECT_EQ(a.size(), 16u);
  EXPECT_EQ(a.bytes[0], 0x20);
  EXPECT_EQ(a.bytes[1], 0x01);
  EXPECT_EQ(a.bytes[15], 0x01);
}

TEST(IpAddressTest, Ipv6RejectsOddForms) {
  for (const char* bad : {":",
                          ":::",
                          "1:::2",
                          "1::2::3",
                          "12345::",
                          "g::",
                          "1:2:3:4:5:6:7:8:9",
                          "1:2:3:4:5:6:7",
                          ":1:2:3:4:5:6:7",
                          "1:2:3:4:5:6:7:",
                          "fe80::1%eth0",
                          "[::1]",
                          "::1.2.3",
                          "1.2.3.4::",
                          "::01.2.3.4",
                          "::1.2.3.4:5",
                          "1:2:3:4:5:6:7:8::",
                          "::1:2:3:4:5:6:7:8",
                          "1:2:3:4:5:6:7:1.2.3.4",
                          " ::1",
                          "::1 ",
                          "::-1",
                          "::+1",
                          "1:2:3:4:5:6:7:8/64"}) {
    ExpectBadIp(bad);
  }
}

TEST(IpAddressTest, CanonicalTextParsesBackToTheSameAddress) {
  uint64_t x = 0x9E3779B97F4A7C15ull;
  const auto next = [&] {
    x ^= x << 13;
    x ^= x >> 7;
    x ^= x << 17;
    return x;
  };
  for (int i = 0; i < 2000; ++i) {
    IpAddress a;
    a.family = i % 2 ? IpFamily::kV6 : IpFamily::kV4;
    for (size_t b = 0; b < a.size(); ++b) {
      const uint64_t r = next();
      // Many zero groups, so that "::" and its tie rules get exercised.
      a.bytes[b] = (r % 3 == 0) ? static_cast<uint8_t>(r >> 8) : 0;
    }
    const std::string text = a.ToString();
    auto back = ParseIpAddress(text);
    ASSERT_TRUE(back.ok()) << text;
    EXPECT_EQ(*back, a) << text;
    EXPECT_EQ(back->ToString(), text);
  }
}

TEST(IpAddressTest, CidrParsing) {
  const IpCidr c = ParseCidr("185.69.166.7/24").value();
  EXPECT_EQ(c.address, V4("185.69.166.7"));  // host bits are kept
  EXPECT_EQ(c.prefix_length, 24);
  EXPECT_EQ(c.ToString(), "185.69.166.7/24");
  EXPECT_EQ(ParseCidr("2001:0db8::1/64").value().ToString(), "2001:db8::1/64");
  EXPECT_EQ(ParseCidr("0.0.0.0/0").value().prefix_length, 0);
  EXPECT_EQ(ParseCidr("::/128").value().prefix_length, 128);
  for (const char* bad : {"1.2.3.4", "1.2.3.4/", "1.2.3.4/33", "1.2.3.4/024", "1.2.3.4/-1", "1.2.3.4/24/1",
                          "1.2.3.4/ 24", "::1/129", "::1/0128", "1.2.3.4/a"}) {
    auto r = ParseCidr(bad);
    EXPECT_FALSE(r.ok()) << bad;
    if (!r.ok()) {
      EXPECT_EQ(r.status().reason(), "bad-cidr") << bad;
    }
  }
  for (const char* bad : {"/24", "1.2.3/24", "01.2.3.4/24", "::g/64"}) {
    auto r = ParseCidr(bad);
    EXPECT_FALSE(r.ok()) << bad;
    if (!r.ok()) {
      EXPECT_EQ(r.status().reason(), "bad-ip") << bad;
    }
  }
}

TEST(IpAddressTest, NetworkBroadcastAndSubnetMembership) {
  const IpCidr c = ParseCidr("185.69.166.7/24").value();
  EXPECT_EQ(c.Network(), V4("185.69.166.0"));
  EXPECT_EQ(c.Broadcast(), V4("185.69.166.255"));
  const IpCidr c21 = ParseCidr("185.69.166.7/21").value();
  EXPECT_EQ(c21.Network(), V4("185.69.160.0"));
  EXPECT_EQ(c21.Broadcast(), V4("185.69.167.255"));
  EXPECT_TRUE(InSubnet(c, V4("185.69.166.0")));
  EXPECT_TRUE(InSubnet(c, V4("185.69.166.255")));
  EXPECT_FALSE(InSubnet(c, V4("185.69.167.0")));
  EXPECT_FALSE(InSubnet(c, V4("185.69.165.255")));
  EXPECT_TRUE(InSubnet(c21, V4("185.69.167.1")));
  EXPECT_FALSE(InSubnet(c21, V4("185.69.168.1")));
  const IpCidr c31 = ParseCidr("185.69.166.6/31").value();
  EXPECT_TRUE(InSubnet(c31, V4("185.69.166.7")));
  EXPECT_FALSE(InSubnet(c31, V4("185.69.166.8")));
  const IpCidr c32 = ParseCidr("185.69.166.6/32").value();
  EXPECT_TRUE(InSubnet(c32, V4("185.69.166.6")));
  EXPECT_FALSE(InSubnet(c32, V4("185.69.166.7")));
  EXPECT_TRUE(InSubnet(ParseCidr("0.0.0.0/0").value(), V4("8.8.8.8")));
  // Families never mix.
  EXPECT_FALSE(InSubnet(ParseCidr("::/0").value(), V4("8.8.8.8")));
  EXPECT_FALSE(InSubnet(ParseCidr("0.0.0.0/0").value(), ParseIpv6("::").value()));
  const IpCidr v6 = ParseCidr("2a02:1802:5e::50/64").value();
  EXPECT_TRUE(InSubnet(v6, ParseIpv6("2a02:1802:5e::1").value()));
  EXPECT_TRUE(InSubnet(v6, ParseIpv6("2a02:1802:5e:0:ffff:ffff:ffff:ffff").value()));
  EXPECT_FALSE(InSubnet(v6, ParseIpv6("2a02:1802:5e:1::1").value()));
  EXPECT_EQ(ParseCidr("2a02:1802:5e::50/63").value().Network(), ParseIpv6("2a02:1802:5e::").value());
}

TEST(IpAddressTest, PublicUnicastV4ExcludesEveryReservedBlockAtItsEdges) {
  struct Case {
    const char* ip;
    bool is_public;
  };
  const Case cases[] = {
      {"0.0.0.0", false},        {"0.255.255.255", false},   {"1.0.0.0", true},          {"8.8.8.8", true},
      {"9.255.255.255", true},   {"10.0.0.0", false},        {"10.255.255.255", false},  {"11.0.0.0", true},
      {"100.63.255.255", true},  {"100.64.0.0", false},      {"100.127.255.255", false}, {"100.128.0.0", true},
      {"126.255.255.255", true}, {"127.0.0.1", false},       {"127.255.255.255", false}, {"128.0.0.0", true},
      {"169.253.255.255", true}, {"169.254.0.0", false},     {"169.254.255.255", false}, {"169.255.0.0", true},
      {"172.15.255.255", true},  {"172.16.0.0", false},      {"172.31.255.255", false},  {"172.32.0.0", true},
      {"191.255.255.255", true}, {"192.0.0.0", false},       {"192.0.0.255", false},     {"192.0.1.0", true},
      {"192.0.2.0", false},      {"192.0.2.255", false},     {"192.0.3.0", true},        {"192.167.255.255", true},
      {"192.168.0.0", false},    {"192.168.255.255", false}, {"192.169.0.0", true},      {"198.17.255.255", true},
      {"198.18.0.0", false},     {"198.19.255.255", false},  {"198.20.0.0", true},       {"198.51.99.255", true},
      {"198.51.100.0", false},   {"198.51.100.255", false},  {"198.51.101.0", true},     {"203.0.112.255", true},
      {"203.0.113.0", false},    {"203.0.113.255", false},   {"203.0.114.0", true},      {"223.255.255.255", true},
      {"224.0.0.0", false},      {"239.255.255.255", false}, {"240.0.0.0", false},       {"255.255.255.255", false},
      {"185.69.166.7", true},
  };
  for (const Case& c : cases) EXPECT_EQ(IsPublicUnicastV4(V4(c.ip)), c.is_public) << c.ip;
  EXPECT_FALSE(IsPublicUnicastV4(ParseIpv6("2a02:1802:5e::1").value()));
}

TEST(IpAddressTest, MacAddresses) {
  for (const char* ok : {"0a:1b:2c:3d:4e:5f", "0A:1B:2C:3D:4E:5F", "00:00:00:00:00:00", "ff:ff:ff:ff:ff:ff"}) {
    EXPECT_TRUE(ValidateMac(ok).ok()) << ok;
  }
  for (const char* bad : {"", "0a:1b:2c:3d:4e", "0a:1b:2c:3d:4e:5f:60", "0a-1b-2c-3d-4e-5f", "0a:1b:2c:3d:4e:5g",
                          "a:1b:2c:3d:4e:5f", "0a:1b:2c:3d:4e:5f:", "0a1b.2c3d.4e5f", "0a:1b:2c:3d:4e:5f "}) {
    const Status s = ValidateMac(bad);
    EXPECT_EQ(s.reason(), "bad-mac") << bad;
  }
}

TEST(IpAddressTest, HostNames) {
  const std::string label63(63, 'a');
  for (const std::string& ok : std::vector<std::string>{"localhost", "a", "node-1.farm.example.com",
                                                        "xn--bcher-kva.example", label63 + ".com", "123", "1.2.3"}) {
    EXPECT_TRUE(ValidateHostname(ok).ok()) << ok;
  }
  std::string long_name;
  while (long_name.size() < 254) long_name += "abcdefghi.";
  long_name.resize(254);
  for (const std::string& bad : std::vector<std::string>{"", "-a", "a-", "a..b", "a.", ".a", "a_b", "a b",
                                                         label63 + "a.com", long_name, "ex\xc3\xa4mple.com", "a/b"}) {
    EXPECT_EQ(ValidateHostname(bad).reason(), "bad-hostname") << bad;
  }
}

TEST(IpAddressTest, DomainNames) {
  for (const char* ok : {"example.com", "gw1.farm.grid.tf", "a.b", "x-1.io"}) {
    EXPECT_TRUE(ValidateDomain(ok).ok()) << ok;
  }
  for (const char* bad : {"localhost", "1.2.3.4", "example.123", "bad_host.com", "example.com.", "", "-x.com"}) {
    EXPECT_EQ(ValidateDomain(bad).reason(), "bad-domain") << bad;
  }
}

}  // namespace
}  // namespace tfchain::chain
