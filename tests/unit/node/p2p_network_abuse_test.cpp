// P2pNetwork against hand-driven raw TCP peers that break the protocol: garbage, a bad
// magic, oversized length prefixes, forged handshakes, tampered, replayed and
// undecodable frames, silence. Each is disconnected (and banned where it is an attack),
// refused while banned, and the network keeps serving an honest peer throughout.
// Raw peers connect from 127.0.0.2.. so that IP bans do not hit the honest 127.0.0.1.
#include "node/p2p_network.h"

#include <gtest/gtest.h>

#include "tests/unit/node/p2p_test_util.h"

namespace tfchain::node {
namespace {

using namespace p2ptest;

class P2pAbuseTest : public ::testing::Test {
 protected:
  void SetUp() override {
    P2pNetwork::Options oa = TestOptions(1);
    oa.handshake_timeout = 300ms;
    oa.max_frame_bytes = 64 * 1024 + kFrameTagSize;
    a_ = std::make_unique<TestNode>(io_, std::move(oa));
    P2pNetwork::Options ob = TestOptions(2);
    ob.persistent_peers = {a_->Address()};
    b_ = std::make_unique<TestNode>(io_, std::move(ob));
    ASSERT_TRUE(RunUntil(io_, [&] { return a_->net->IsConnected(b_->id) && b_->net->IsConnected(a_->id); }));
  }

  // A still serves B: a message gets through and B stayed connected all along.
  void ExpectStillServing() {
    const size_t before = b_->handler.Count<TxsMsg>();
    TxsMsg tx{{chain::Bytes{1, 2, 3, static_cast<uint8_t>(++probe_)}}};
    ASSERT_TRUE(a_->net->Send(b_->id, tx));
    ASSERT_TRUE(RunUntil(io_, [&] { return b_->handler.Count<TxsMsg>() == before + 1; }));
    EXPECT_EQ(a_->handler.ConnectsOf(b_->id), 1u);
    EXPECT_FALSE(a_->handler.LastDisconnectReason(b_->id).has_value());
  }

  // True if a connection from `ip` gets as far as A's PlainHello.
  bool Welcome(const std::string& ip) {
    RawPeer probe(io_, ip);
    if (!probe.Connect(a_->net->listen_port())) return false;
    auto hello = probe.Read(kPlainHelloSize, 1000ms);
    return hello && DecodePlainHello(*hello).ok();
  }

  // A raw peer from `ip` that completed the handshake with `key` and is connected at A.
  std::unique_ptr<RawPeer> Connected(const std::string& ip, const chain::SecretKey& key) {
    auto raw = std::make_unique<RawPeer>(io_, ip);
    EXPECT_TRUE(raw->Connect(a_->net->listen_port()));
    auto verdict = raw->Handshake(key, HandshakeRole::kDialer);
    EXPECT_TRUE(verdict.ok() && verdict->accepted) << verdict.status().ToString();
    EXPECT_TRUE(RunUntil(io_, [&] { return a_->net->IsConnected(IdOf(key)); }));
    return raw;
  }

  std::optional<std::string> ReasonFor(const chain::SecretKey& key) {
    RunUntil(
        io_, [&] { return a_->handler.LastDisconnectReason(IdOf(key)).has_value(); }, 2000ms);
    return a_->handler.LastDisconnectReason(IdOf(key));
  }

  asio::io_context io_;
  std::unique_ptr<TestNode> a_;
  std::unique_ptr<TestNode> b_;
  int probe_ = 0;
};

TEST_F(P2pAbuseTest, GarbageGetsTheIpBanned) {
  RawPeer raw(io_, "127.0.0.2");
  ASSERT_TRUE(raw.Connect(a_->net->listen_port()));
  ASSERT_TRUE(raw.Read(kPlainHelloSize).has_value());
  chain::Bytes garbage(100);
  for (size_t i = 0; i < garbage.size(); ++i) garbage[i] = static_cast<uint8_t>(i * 37 + 11);
  ASSERT_TRUE(raw.Write(garbage));
  EXPECT_TRUE(raw.WaitClosed());
  EXPECT_FALSE(Welcome("127.0.0.2")) << "a reconnect from a banned IP is refused";
  EXPECT_TRUE(Welcome("127.0.0.3"));
  ExpectStillServing();
}

TEST_F(P2pAbuseTest, BadMagicGetsTheIpBannedButAnotherVersionDoesNot) {
  RawPeer raw(io_, "127.0.0.2");
  ASSERT_TRUE(raw.Connect(a_->net->listen_port()));
  chain::Bytes hello = EncodePlainHello(PlainHello{kP2pProtocolVersion, EphemeralKey::Generate().public_key()});
  hello[3] = '1';  // "TFP1"
  ASSERT_TRUE(raw.Write(hello));
  EXPECT_TRUE(raw.WaitClosed());
  EXPECT_FALSE(Welcome("127.0.0.2"));

  RawPeer other(io_, "127.0.0.3");
  ASSERT_TRUE(other.Connect(a_->net->listen_port()));
  ASSERT_TRUE(other.Write(EncodePlainHello(PlainHello{7, EphemeralKey::Generate().public_key()})));
  EXPECT_TRUE(other.WaitClosed());
  EXPECT_TRUE(Welcome("127.0.0.3")) << "an honest peer of another version is not banned";
  ExpectStillServing();
}

TEST_F(P2pAbuseTest, OversizedLengthPrefixInTheHandshakeIsCutBeforeReading) {
  RawPeer raw(io_, "127.0.0.2");
  ASSERT_TRUE(raw.Connect(a_->net->listen_port()));
  ASSERT_TRUE(raw.Begin(HandshakeRole::kDialer).ok());
  ASSERT_TRUE(raw.Write(chain::Bytes{0xff, 0xff, 0xff, 0xff}));  // 4 GiB announced, nothing sent
  EXPECT_TRUE(raw.WaitClosed(1000ms)) << "must not wait for the body (or the handshake timeout)";
  EXPECT_FALSE(Welcome("127.0.0.2"));
  ExpectStillServing();
}

TEST_F(P2pAbuseTest, ForgedHandshakeSignatureGetsTheIpBanned) {
  RawPeer raw(io_, "127.0.0.2");
  ASSERT_TRUE(raw.Connect(a_->net->listen_port()));
  ASSERT_TRUE(raw.Begin(HandshakeRole::kDialer).ok());
  ASSERT_TRUE(raw.SendAuth(NodeKey(5), std::string(kChainId), TestGenesis(), /*forge=*/true).ok());
  EXPECT_TRUE(raw.WaitClosed());
  EXPECT_FALSE(Welcome("127.0.0.2"));
  EXPECT_EQ(a_->handler.connected.size(), 1u) << "only B ever connected";
  ExpectStillServing();
}

TEST_F(P2pAbuseTest, OversizedFrameAfterTheHandshakeBansThePeer) {
  const chain::SecretKey key = NodeKey(5);
  auto raw = Connected("127.0.0.2", key);
  const uint32_t too_big = 64 * 1024 + kFrameTagSize + 1;
  ASSERT_TRUE(raw->Write(chain::Bytes{static_cast<uint8_t>(too_big), static_cast<uint8_t>(too_big >> 8),
                                      static_cast<uint8_t>(too_big >> 16), 0}));
  EXPECT_TRUE(raw->WaitClosed(1000ms));
  EXPECT_EQ(ReasonFor(key), "frame-too-large");
  EXPECT_TRUE(a_->net->IsBanned(IdOf(key)));

  // The id is refused while banned, from any address; a loopback IP is not banned as a
  // whole, so another key from the same address is served.
  RawPeer again(io_, "127.0.0.2");
  ASSERT_TRUE(again.Connect(a_->net->listen_port()));
  auto verdict = again.Handshake(key, HandshakeRole::kDialer);
  ASSERT_TRUE(verdict.ok()) << verdict.status().ToString();
  EXPECT_FALSE(verdict->accepted);
  EXPECT_EQ(verdict->reason, "banned");
  auto other = Connected("127.0.0.2", NodeKey(6));
  EXPECT_TRUE(a_->net->IsConnected(IdOf(NodeKey(6))));
  ExpectStillServing();
}

TEST_F(P2pAbuseTest, TamperedFrameBansThePeer) {
  const chain::SecretKey key = NodeKey(5);
  auto raw = Connected("127.0.0.2", key);
  ASSERT_TRUE(raw->SendMessage(TxsMsg{{{1}}}));
  ASSERT_TRUE(RunUntil(io_, [&] { return a_->handler.Count<TxsMsg>() == 1; }));
  // The next frame, sealed properly, with one ciphertext bit flipped on the way.
  RawPeer& r = *raw;
  chain::Bytes tampered = r.Seal(EncodeMessage(TxsMsg{{{2}}}));
  tampered[kFrameLengthSize + 1] ^= 0x01;
  ASSERT_TRUE(r.Write(tampered));
  EXPECT_TRUE(r.WaitClosed());
  EXPECT_EQ(ReasonFor(key), "bad-frame");
  EXPECT_TRUE(a_->net->IsBanned(IdOf(key)));
  EXPECT_EQ(a_->handler.Count<TxsMsg>(), 1u);
  ExpectStillServing();
}

TEST_F(P2pAbuseTest, ReplayedFrameBansThePeerAndIsNotDeliveredTwice) {
  const chain::SecretKey key = NodeKey(5);
  auto raw = Connected("127.0.0.2", key);
  ASSERT_TRUE(raw->SendMessage(StatusMsg{5, {}, 0}));
  ASSERT_TRUE(RunUntil(io_, [&] { return a_->handler.Count<StatusMsg>() == 1; }));
  const chain::Bytes frame = raw->last_frame();
  ASSERT_TRUE(raw->Write(frame));  // the same bytes again
  EXPECT_TRUE(raw->WaitClosed());
  EXPECT_EQ(ReasonFor(key), "bad-frame");
  EXPECT_TRUE(a_->net->IsBanned(IdOf(key)));
  EXPECT_EQ(a_->handler.Count<StatusMsg>(), 1u);
  ExpectStillServing();
}

TEST_F(P2pAbuseTest, UndecodableMessagesBanThePeer) {
  const chain::SecretKey k5 = NodeKey(5), k6 = NodeKey(6);
  auto raw = Connected("127.0.0.2", k5);
  ASSERT_TRUE(raw->SendFrame(chain::Bytes{0xee, 1, 2, 3}));
  EXPECT_TRUE(raw->WaitClosed());
  EXPECT_EQ(ReasonFor(k5), "bad-message: decode-bad-tag");
  EXPECT_TRUE(a_->net->IsBanned(IdOf(k5)));

  auto raw2 = Connected("127.0.0.3", k6);
  chain::Bytes truncated = EncodeMessage(StatusMsg{1, {}, 2});
  truncated.pop_back();
  ASSERT_TRUE(raw2->SendFrame(truncated));
  EXPECT_TRUE(raw2->WaitClosed());
  EXPECT_EQ(ReasonFor(k6), "bad-message: decode-truncated");
  EXPECT_EQ(a_->handler.Count<StatusMsg>(), 0u);
  ExpectStillServing();
}

TEST_F(P2pAbuseTest, SilentClientIsDroppedAtTheHandshakeTimeoutWithoutBan) {
  RawPeer raw(io_, "127.0.0.2");
  ASSERT_TRUE(raw.Connect(a_->net->listen_port()));
  const auto started = std::chrono::steady_clock::now();
  EXPECT_TRUE(raw.WaitClosed(3000ms));
  EXPECT_GE(std::chrono::steady_clock::now() - started, 250ms);
  EXPECT_TRUE(Welcome("127.0.0.2")) << "a timeout is not an attack";
  ExpectStillServing();
}

TEST_F(P2pAbuseTest, ListenerRefusalsCarryTheirReason) {
  struct Case {
    chain::SecretKey key;
    std::string chain_id;
    chain::Hash256 genesis;
    std::string reason;
  };
  std::vector<Case> cases;
  cases.push_back({NodeKey(5), "another-chain", TestGenesis(), "wrong-chain"});
  cases.push_back({NodeKey(5), std::string(kChainId), chain::Hash256{}, "wrong-genesis"});
  cases.push_back({NodeKey(1), std::string(kChainId), TestGenesis(), "self-connection"});  // A's own key
  cases.push_back({NodeKey(2), std::string(kChainId), TestGenesis(), "duplicate-peer"});   // B's key, B is connected
  for (Case& c : cases) {
    RawPeer raw(io_, "127.0.0.2");
    ASSERT_TRUE(raw.Connect(a_->net->listen_port()));
    auto verdict = raw.Handshake(c.key, HandshakeRole::kDialer, c.chain_id, c.genesis);
    ASSERT_TRUE(verdict.ok()) << c.reason << ": " << verdict.status().ToString();
    EXPECT_FALSE(verdict->accepted) << c.reason;
    EXPECT_EQ(verdict->reason, c.reason);
    EXPECT_TRUE(raw.WaitClosed()) << c.reason;
  }
  EXPECT_FALSE(a_->net->IsBanned(IdOf(NodeKey(5))));
  EXPECT_TRUE(Welcome("127.0.0.2")) << "refusals are not bans";
  ExpectStillServing();
}

TEST_F(P2pAbuseTest, DialerRefusesAListenerWithAnotherId) {
  tcp::acceptor acceptor(io_, tcp::endpoint(asio::ip::make_address("127.0.0.1"), 0));
  P2pNetwork::Options oc = TestOptions(3);
  oc.persistent_peers = {PeerAddress{IdOf(NodeKey(7)), "127.0.0.1", acceptor.local_endpoint().port()}};
  TestNode c(io_, std::move(oc));
  RawPeer raw(io_, "127.0.0.1");
  ASSERT_TRUE(raw.Accept(acceptor));
  auto verdict = raw.Handshake(NodeKey(8), HandshakeRole::kListener);  // not the 7 it dialed
  ASSERT_TRUE(verdict.ok()) << verdict.status().ToString();
  EXPECT_FALSE(verdict->accepted);
  EXPECT_EQ(verdict->reason, "unexpected-peer-id");
  EXPECT_EQ(raw.peer_hello().node_key, c.id);
  EXPECT_TRUE(c.handler.connected.empty());

  // The right id is accepted.
  RawPeer raw2(io_, "127.0.0.1");
  ASSERT_TRUE(raw2.Accept(acceptor));  // C redials
  auto ok = raw2.Handshake(NodeKey(7), HandshakeRole::kListener);
  ASSERT_TRUE(ok.ok()) << ok.status().ToString();
  EXPECT_TRUE(ok->accepted);
  ASSERT_TRUE(RunUntil(io_, [&] { return c.net->IsConnected(IdOf(NodeKey(7))); }));
}

TEST_F(P2pAbuseTest, IdlePeerIsDisconnected) {
  P2pNetwork::Options oi = TestOptions(3);
  oi.ping_interval = 50ms;
  oi.idle_timeout = 300ms;
  TestNode idle_node(io_, std::move(oi));
  const chain::SecretKey key = NodeKey(5);
  RawPeer raw(io_, "127.0.0.2");
  ASSERT_TRUE(raw.Connect(idle_node.net->listen_port()));
  auto verdict = raw.Handshake(key, HandshakeRole::kDialer);
  ASSERT_TRUE(verdict.ok() && verdict->accepted);
  ASSERT_TRUE(RunUntil(
      io_, [&] { return idle_node.handler.LastDisconnectReason(IdOf(key)).has_value(); }, 3000ms));
  EXPECT_EQ(idle_node.handler.LastDisconnectReason(IdOf(key)), "idle-timeout");
  EXPECT_FALSE(idle_node.net->IsBanned(IdOf(key)));
}

TEST_F(P2pAbuseTest, IpBanExpires) {
  P2pNetwork::Options os = TestOptions(3);
  os.ban_duration = 300ms;
  TestNode s(io_, std::move(os));
  RawPeer raw(io_, "127.0.0.6");
  ASSERT_TRUE(raw.Connect(s.net->listen_port()));
  ASSERT_TRUE(raw.Write(chain::Bytes(38, 'x')));
  EXPECT_TRUE(raw.WaitClosed());
  auto welcome = [&] {
    RawPeer probe(io_, "127.0.0.6");
    if (!probe.Connect(s.net->listen_port())) return false;
    auto hello = probe.Read(kPlainHelloSize, 1000ms);
    return hello.has_value();
  };
  EXPECT_FALSE(welcome());
  RunFor(io_, 350ms);
  EXPECT_TRUE(welcome());
}

}  // namespace
}  // namespace tfchain::node
