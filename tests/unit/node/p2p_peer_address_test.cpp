// Peer addresses "id@host:port" and lists of them: accepted forms and each error.
#include "node/p2p_peer_address.h"

#include <gtest/gtest.h>

namespace tfchain::node {
namespace {

const std::string kId1(64, 'a');
const std::string kId2 = "0123456789ABCDEF0123456789abcdef0123456789abcdef0123456789abcdef";

std::string Reason(std::string_view text) { return std::string(ParsePeerAddress(text).status().reason()); }
std::string ListReason(std::string_view text) { return std::string(ParsePeerAddressList(text).status().reason()); }

TEST(P2pPeerAddressTest, ParsesHostsOfEveryKind) {
  auto a = ParsePeerAddress(kId1 + "@127.0.0.1:30333");
  ASSERT_TRUE(a.ok()) << a.status().ToString();
  EXPECT_EQ(PeerIdString(a->id), kId1);
  EXPECT_EQ(a->host, "127.0.0.1");
  EXPECT_EQ(a->port, 30333);
  EXPECT_EQ(a->ToString(), kId1 + "@127.0.0.1:30333");

  auto name = ParsePeerAddress(kId2 + "@node-1.example.org:1");
  ASSERT_TRUE(name.ok());
  EXPECT_EQ(name->host, "node-1.example.org");
  EXPECT_EQ(name->port, 1);
  // Upper-case hex is accepted and printed lower-case.
  EXPECT_EQ(PeerIdString(name->id), "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef");
  EXPECT_EQ(ShortPeerId(name->id), "0123456789ab");

  auto v6 = ParsePeerAddress(kId1 + "@[::1]:65535");
  ASSERT_TRUE(v6.ok());
  EXPECT_EQ(v6->host, "::1");
  EXPECT_EQ(v6->port, 65535);
  EXPECT_EQ(v6->ToString(), kId1 + "@[::1]:65535");
  EXPECT_EQ(*ParsePeerAddress(v6->ToString()), *v6);
}

TEST(P2pPeerAddressTest, RejectsEachBrokenPart) {
  EXPECT_EQ(Reason("127.0.0.1:30333"), "bad-peer-address");
  EXPECT_EQ(Reason(kId1 + "@127.0.0.1"), "bad-peer-address");
  EXPECT_EQ(Reason(kId1 + "@[::1]"), "bad-peer-address");
  EXPECT_EQ(Reason(kId1.substr(1) + "@127.0.0.1:1"), "bad-peer-id");         // 63 digits
  EXPECT_EQ(Reason(kId1 + "a@127.0.0.1:1"), "bad-peer-id");                  // 65 digits
  EXPECT_EQ(Reason("0x" + kId1.substr(2) + "@127.0.0.1:1"), "bad-peer-id");  // no 0x
  EXPECT_EQ(Reason(std::string(63, 'a') + "g@127.0.0.1:1"), "bad-peer-id");
  EXPECT_EQ(Reason(kId1 + "@:30333"), "bad-peer-host");
  EXPECT_EQ(Reason(kId1 + "@bad host:30333"), "bad-peer-host");
  EXPECT_EQ(Reason(kId1 + "@::1:30333"), "bad-peer-host");  // IPv6 needs brackets
  EXPECT_EQ(Reason(kId1 + "@[::1:30333"), "bad-peer-host");
  EXPECT_EQ(Reason(kId1 + "@[]:30333"), "bad-peer-host");
  EXPECT_EQ(Reason(kId1 + "@" + std::string(254, 'h') + ":1"), "bad-peer-host");
  EXPECT_EQ(Reason(kId1 + "@127.0.0.1:0"), "bad-peer-port");
  EXPECT_EQ(Reason(kId1 + "@127.0.0.1:65536"), "bad-peer-port");
  EXPECT_EQ(Reason(kId1 + "@127.0.0.1:"), "bad-peer-port");
  EXPECT_EQ(Reason(kId1 + "@127.0.0.1:-1"), "bad-peer-port");
  EXPECT_EQ(Reason(kId1 + "@127.0.0.1:30333x"), "bad-peer-port");
  EXPECT_EQ(Reason(kId1 + "@127.0.0.1:123456"), "bad-peer-port");
}

TEST(P2pPeerAddressTest, ParsesLists) {
  auto empty = ParsePeerAddressList("  ");
  ASSERT_TRUE(empty.ok());
  EXPECT_TRUE(empty->empty());
  auto two = ParsePeerAddressList(" " + kId1 + "@127.0.0.1:1 , " + kId2 + "@localhost:2 ");
  ASSERT_TRUE(two.ok()) << two.status().ToString();
  ASSERT_EQ(two->size(), 2u);
  EXPECT_EQ((*two)[0].port, 1);
  EXPECT_EQ((*two)[1].host, "localhost");
}

TEST(P2pPeerAddressTest, ListErrorsNameTheEntry) {
  auto bad = ParsePeerAddressList(kId1 + "@127.0.0.1:1," + kId2 + "@127.0.0.1:0");
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.status().reason(), "bad-peer-port");
  EXPECT_NE(bad.status().detail().find("entry 2"), std::string_view::npos) << bad.status().ToString();
  EXPECT_EQ(ListReason(kId1 + "@127.0.0.1:1,," + kId2 + "@127.0.0.1:2"), "bad-peer-address");
  EXPECT_EQ(ListReason(kId1 + "@127.0.0.1:1,"), "bad-peer-address");
  EXPECT_EQ(ListReason(kId1 + "@127.0.0.1:1," + kId1 + "@127.0.0.2:1"), "duplicate-peer-id");
}

}  // namespace
}  // namespace tfchain::node
