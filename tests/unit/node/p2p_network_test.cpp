// P2pNetwork between real networks on 127.0.0.1 (port 0), one io_context run from the
// test thread: connecting, Status/Send/Broadcast, gossip de-duplication along a line,
// refused handshakes, duplicate connections, limits, redial, bans, keepalive and slow
// peers.
#include "node/p2p_network.h"

#include <gtest/gtest.h>

#include "tests/unit/node/p2p_test_util.h"

namespace tfchain::node {
namespace {

using namespace p2ptest;

class P2pNetworkTest : public ::testing::Test {
 protected:
  std::unique_ptr<TestNode> Node(P2pNetwork::Options options) {
    return std::make_unique<TestNode>(io_, std::move(options));
  }
  bool Until(const std::function<bool()>& done, std::chrono::milliseconds timeout = 5000ms) {
    return RunUntil(io_, done, timeout);
  }
  asio::io_context io_;
};

TxsMsg Tx(uint32_t n, size_t size = 16) {
  chain::Bytes tx(size, 0x5a);
  for (size_t i = 0; i < 4 && i < size; ++i) tx[i] = static_cast<uint8_t>(n >> (8 * i));
  return TxsMsg{{std::move(tx)}};
}

TEST_F(P2pNetworkTest, TwoNetworksConnectExchangeStatusAndDeliver) {
  auto a = Node(TestOptions(1));
  P2pNetwork::Options ob = TestOptions(2);
  ob.persistent_peers = {a->Address()};
  auto b = Node(std::move(ob));
  ASSERT_NE(a->net->listen_port(), 0);
  EXPECT_EQ(a->net->self_id(), IdOf(NodeKey(1)));

  ASSERT_TRUE(Until([&] { return a->net->peer_count() == 1 && b->net->peer_count() == 1; }));
  ASSERT_EQ(a->handler.connected.size(), 1u);
  ASSERT_EQ(b->handler.connected.size(), 1u);
  EXPECT_EQ(a->handler.connected[0].id, b->id);
  EXPECT_TRUE(a->handler.connected[0].inbound);
  EXPECT_EQ(a->handler.connected[0].listen_port, b->net->listen_port());
  EXPECT_EQ(a->handler.connected[0].node_version, "p2p-test/2");
  EXPECT_EQ(b->handler.connected[0].id, a->id);
  EXPECT_FALSE(b->handler.connected[0].inbound);
  EXPECT_EQ(b->handler.connected[0].address, "127.0.0.1:" + std::to_string(a->net->listen_port()));

  // Status both ways; the network remembers the last one.
  const StatusMsg sa{10, chain::Blake2b256(chain::AsBytes("a")), 0};
  const StatusMsg sb{7, chain::Blake2b256(chain::AsBytes("b")), 1};
  EXPECT_TRUE(a->net->Send(b->id, sa));
  EXPECT_TRUE(b->net->Send(a->id, sb));
  ASSERT_TRUE(Until([&] { return a->handler.Count<StatusMsg>() == 1 && b->handler.Count<StatusMsg>() == 1; }));
  EXPECT_EQ(std::get<StatusMsg>(b->handler.messages[0].second), sa);
  EXPECT_EQ(b->handler.messages[0].first, a->id);
  ASSERT_EQ(a->net->Peers().size(), 1u);
  EXPECT_EQ(a->net->Peers()[0].last_status, sb);
  EXPECT_GT(a->net->Peers()[0].bytes_in, 0u);
  EXPECT_GT(a->net->Peers()[0].bytes_out, 0u);

  // Send and Broadcast deliver every kind.
  EXPECT_TRUE(a->net->Send(b->id, Tx(1)));
  EXPECT_TRUE(a->net->Send(b->id, BlockRequest{5, 10}));
  EXPECT_EQ(b->net->Broadcast(BlockResponse{}), 1u);
  ASSERT_TRUE(Until([&] { return b->handler.messages.size() == 3 && a->handler.messages.size() == 2; }));
  EXPECT_EQ(std::get<TxsMsg>(b->handler.messages[1].second), Tx(1));
  EXPECT_EQ(std::get<BlockRequest>(b->handler.messages[2].second), (BlockRequest{5, 10}));
  EXPECT_TRUE(std::holds_alternative<BlockResponse>(a->handler.messages[1].second));

  // Unknown peers get nothing.
  EXPECT_FALSE(a->net->Send(IdOf(NodeKey(9)), Tx(2)));
  EXPECT_TRUE(a->net->IsConnected(b->id));
  EXPECT_FALSE(a->net->IsConnected(IdOf(NodeKey(9))));
}

TEST_F(P2pNetworkTest, MessagesLargerThanAFrameAreNotSent) {
  P2pNetwork::Options oa = TestOptions(1);
  oa.max_frame_bytes = 4096 + kFrameTagSize;
  auto a = Node(std::move(oa));
  P2pNetwork::Options ob = TestOptions(2);
  ob.persistent_peers = {a->Address()};
  auto b = Node(std::move(ob));
  ASSERT_TRUE(Until([&] { return a->net->peer_count() == 1; }));
  EXPECT_FALSE(a->net->Send(b->id, Tx(1, 5000)));
  EXPECT_EQ(a->net->Broadcast(Tx(2, 5000)), 0u);
  EXPECT_TRUE(a->net->Send(b->id, Tx(3, 4000)));
  ASSERT_TRUE(Until([&] { return b->handler.Count<TxsMsg>() == 1; }));
  EXPECT_EQ(std::get<TxsMsg>(b->handler.messages[0].second), Tx(3, 4000));
  EXPECT_TRUE(a->net->IsConnected(b->id));
}

TEST_F(P2pNetworkTest, GossipAlongALineIsDeliveredOnce) {
  auto a = Node(TestOptions(1));
  auto c = Node(TestOptions(3));
  P2pNetwork::Options ob = TestOptions(2);
  ob.persistent_peers = {a->Address(), c->Address()};
  auto b = Node(std::move(ob));
  // B relays what it receives, as the node will.
  b->handler.on_message = [&](const PeerId& from, const Message& msg) { b->net->Broadcast(msg, &from); };
  ASSERT_TRUE(
      Until([&] { return b->net->peer_count() == 2 && a->net->peer_count() == 1 && c->net->peer_count() == 1; }));

  const VoteMsg vote{chain::Vote{chain::VoteType::kPrevote, 1, 0, chain::Blake2b256(chain::AsBytes("v")), {}, {}}};
  EXPECT_EQ(a->net->Broadcast(vote), 1u);
  ASSERT_TRUE(Until([&] { return c->handler.Count<VoteMsg>() == 1; }));
  EXPECT_EQ(b->handler.Count<VoteMsg>(), 1u);
  EXPECT_EQ(c->handler.messages[0].first, b->id);

  // The same vote again from A, and echoed back by C: nobody gets it twice, and A never
  // gets its own broadcast back.
  a->net->Broadcast(vote);
  c->net->Broadcast(vote);
  a->net->Send(b->id, vote);
  RunFor(io_, 200ms);
  EXPECT_EQ(b->handler.Count<VoteMsg>(), 1u);
  EXPECT_EQ(c->handler.Count<VoteMsg>(), 1u);
  EXPECT_EQ(a->handler.Count<VoteMsg>(), 0u);

  // Non-gossip messages are not de-duplicated.
  a->net->Send(b->id, BlockRequest{1, 1});
  a->net->Send(b->id, BlockRequest{1, 1});
  ASSERT_TRUE(Until([&] { return b->handler.Count<BlockRequest>() == 2; }));
  // A different transaction travels the whole line.
  a->net->Broadcast(Tx(77));
  ASSERT_TRUE(Until([&] { return c->handler.Count<TxsMsg>() == 1; }));
  EXPECT_EQ(b->handler.Count<TxsMsg>(), 1u);
}

// Nothing connects for `d`: no callbacks, no peers, on either side.
void ExpectNeverConnected(asio::io_context& io, TestNode& x, TestNode& y, std::chrono::milliseconds d = 400ms) {
  RunFor(io, d);
  EXPECT_EQ(x.net->peer_count(), 0u);
  EXPECT_EQ(y.net->peer_count(), 0u);
  EXPECT_TRUE(x.handler.connected.empty());
  EXPECT_TRUE(y.handler.connected.empty());
  EXPECT_TRUE(x.handler.messages.empty());
  EXPECT_TRUE(y.handler.messages.empty());
}

TEST_F(P2pNetworkTest, WrongChainIsRefusedOnBothSides) {
  auto a = Node(TestOptions(1));
  P2pNetwork::Options ob = TestOptions(2);
  ob.chain_id = "another-chain";
  ob.persistent_peers = {a->Address()};
  auto b = Node(std::move(ob));
  ExpectNeverConnected(io_, *a, *b);
  EXPECT_FALSE(a->net->IsBanned(b->id));  // a configuration mistake, not an attack
}

TEST_F(P2pNetworkTest, WrongGenesisIsRefusedOnBothSides) {
  auto a = Node(TestOptions(1));
  P2pNetwork::Options ob = TestOptions(2);
  ob.genesis_hash = chain::Blake2b256(chain::AsBytes("another genesis"));
  ob.persistent_peers = {a->Address()};
  auto b = Node(std::move(ob));
  ExpectNeverConnected(io_, *a, *b);
}

TEST_F(P2pNetworkTest, DialAnsweredByAnotherIdIsRefusedOnBothSides) {
  auto a = Node(TestOptions(1));
  P2pNetwork::Options ob = TestOptions(2);
  PeerAddress wrong = a->Address();
  wrong.id = IdOf(NodeKey(7));
  ob.persistent_peers = {wrong};
  auto b = Node(std::move(ob));
  ExpectNeverConnected(io_, *a, *b);
}

TEST_F(P2pNetworkTest, SelfConnectionIsRefused) {
  auto a = Node(TestOptions(1));
  // Another process with the same node key dialing A is A talking to itself. (The
  // address names another id: an entry with our own id is skipped, see below.)
  P2pNetwork::Options twin = TestOptions(1);
  twin.persistent_peers = {PeerAddress{IdOf(NodeKey(9)), "127.0.0.1", a->net->listen_port()}};
  auto a2 = Node(std::move(twin));
  ExpectNeverConnected(io_, *a, *a2);
  // A persistent peer entry naming ourselves is skipped.
  P2pNetwork::Options self = TestOptions(4);
  self.persistent_peers = {PeerAddress{IdOf(NodeKey(4)), "127.0.0.1", 1}};
  auto d = Node(std::move(self));
  RunFor(io_, 100ms);
  EXPECT_EQ(d->net->peer_count(), 0u);
}

TEST_F(P2pNetworkTest, SimultaneousDialsResolveToOneConnection) {
  // Both list each other, and both start before the io_context runs, so each dials the
  // other at the same time. Ports are fixed in advance for that.
  uint16_t ports[2];
  {
    tcp::acceptor probe0(io_, tcp::endpoint(asio::ip::make_address("127.0.0.1"), 0));
    tcp::acceptor probe1(io_, tcp::endpoint(asio::ip::make_address("127.0.0.1"), 0));
    ports[0] = probe0.local_endpoint().port();
    ports[1] = probe1.local_endpoint().port();
  }
  P2pNetwork::Options oa = TestOptions(1);
  P2pNetwork::Options ob = TestOptions(2);
  oa.listen_port = ports[0];
  ob.listen_port = ports[1];
  oa.persistent_peers = {PeerAddress{IdOf(NodeKey(2)), "127.0.0.1", ports[1]}};
  ob.persistent_peers = {PeerAddress{IdOf(NodeKey(1)), "127.0.0.1", ports[0]}};
  auto a2 = Node(std::move(oa));
  auto b = Node(std::move(ob));

  ASSERT_TRUE(Until([&] { return a2->net->peer_count() == 1 && b->net->peer_count() == 1; }));
  RunFor(io_, 500ms);  // let any second connection finish resolving
  ASSERT_EQ(a2->net->peer_count(), 1u);
  ASSERT_EQ(b->net->peer_count(), 1u);
  const PeerInfo pa = a2->net->Peers()[0];
  const PeerInfo pb = b->net->Peers()[0];
  EXPECT_NE(pa.inbound, pb.inbound) << "both ends must keep the same TCP connection";
  // The survivor is the connection dialed by the smaller id.
  EXPECT_EQ(!pa.inbound, a2->id < b->id);
  // Each handler saw at most as many disconnects as connects, and ends connected.
  EXPECT_EQ(a2->handler.connected.size(), a2->handler.disconnected.size() + 1);
  EXPECT_EQ(b->handler.connected.size(), b->handler.disconnected.size() + 1);
}

TEST_F(P2pNetworkTest, MaxInboundIsEnforced) {
  P2pNetwork::Options oa = TestOptions(1);
  oa.max_inbound = 1;
  auto a = Node(std::move(oa));
  P2pNetwork::Options ob = TestOptions(2);
  ob.persistent_peers = {a->Address()};
  auto b = Node(std::move(ob));
  ASSERT_TRUE(Until([&] { return a->net->peer_count() == 1; }));
  P2pNetwork::Options oc = TestOptions(3);
  oc.persistent_peers = {a->Address()};
  auto c = Node(std::move(oc));
  RunFor(io_, 400ms);
  EXPECT_EQ(a->net->peer_count(), 1u);
  EXPECT_TRUE(a->net->IsConnected(b->id));
  EXPECT_EQ(c->net->peer_count(), 0u);
  // When B leaves, C (redialing) gets the slot.
  b.reset();
  ASSERT_TRUE(Until([&] { return a->net->IsConnected(c->id); }));
}

TEST_F(P2pNetworkTest, MaxOutboundIsEnforced) {
  auto a = Node(TestOptions(1));
  auto b = Node(TestOptions(2));
  P2pNetwork::Options oc = TestOptions(3);
  oc.max_outbound = 1;
  oc.persistent_peers = {a->Address(), b->Address()};
  auto c = Node(std::move(oc));
  ASSERT_TRUE(Until([&] { return c->net->peer_count() == 1; }));
  RunFor(io_, 300ms);
  EXPECT_EQ(c->net->peer_count(), 1u);
  EXPECT_EQ(a->net->peer_count() + b->net->peer_count(), 1u);
}

TEST_F(P2pNetworkTest, PersistentPeerIsRedialedAfterItRestarts) {
  auto b = Node(TestOptions(2));
  const uint16_t b_port = b->net->listen_port();
  P2pNetwork::Options oa = TestOptions(1);
  oa.persistent_peers = {b->Address()};
  auto a = Node(std::move(oa));
  ASSERT_TRUE(Until([&] { return a->net->peer_count() == 1; }));

  b.reset();  // B goes away
  ASSERT_TRUE(Until([&] { return a->handler.disconnected.size() == 1; }));
  EXPECT_EQ(a->handler.disconnected[0].first, IdOf(NodeKey(2)));
  EXPECT_EQ(a->handler.disconnected[0].second, "connection-closed");
  RunFor(io_, 300ms);  // a few failed redials

  P2pNetwork::Options ob = TestOptions(2);
  ob.listen_port = b_port;
  auto b2 = Node(std::move(ob));
  ASSERT_TRUE(Until([&] { return a->net->peer_count() == 1 && b2->net->peer_count() == 1; }));
  EXPECT_EQ(a->handler.ConnectsOf(b2->id), 2u);
}

TEST_F(P2pNetworkTest, DisconnectReportsTheReasonAndPersistentPeersComeBack) {
  auto a = Node(TestOptions(1));
  P2pNetwork::Options ob = TestOptions(2);
  ob.persistent_peers = {a->Address()};
  auto b = Node(std::move(ob));
  ASSERT_TRUE(Until([&] { return a->net->peer_count() == 1; }));

  a->net->Disconnect(b->id, "test-disconnect");
  EXPECT_EQ(a->net->peer_count(), 0u);
  EXPECT_TRUE(a->handler.disconnected.empty()) << "callbacks never run inside a network call";
  ASSERT_TRUE(Until([&] { return a->handler.disconnected.size() == 1 && b->handler.disconnected.size() == 1; }));
  EXPECT_EQ(a->handler.LastDisconnectReason(b->id), "test-disconnect");
  EXPECT_EQ(b->handler.LastDisconnectReason(a->id), "connection-closed");
  ASSERT_TRUE(Until([&] { return a->handler.ConnectsOf(b->id) == 2 && b->handler.ConnectsOf(a->id) == 2; }));
}

TEST_F(P2pNetworkTest, BanRefusesThePeerUntilItExpires) {
  P2pNetwork::Options oa = TestOptions(1);
  oa.ban_duration = 600ms;
  auto a = Node(std::move(oa));
  P2pNetwork::Options ob = TestOptions(2);
  ob.persistent_peers = {a->Address()};
  auto b = Node(std::move(ob));
  ASSERT_TRUE(Until([&] { return a->net->peer_count() == 1; }));

  const auto banned_at = std::chrono::steady_clock::now();
  a->net->Ban(b->id, "test-ban");
  EXPECT_TRUE(a->net->IsBanned(b->id));
  ASSERT_TRUE(Until([&] { return a->handler.LastDisconnectReason(b->id) == "test-ban"; }));
  // B keeps redialing (every 20..100 ms) and is refused while banned; others are not
  // affected (the ban of a loopback peer does not ban 127.0.0.1).
  P2pNetwork::Options od = TestOptions(4);
  od.persistent_peers = {a->Address()};
  auto d = Node(std::move(od));
  ASSERT_TRUE(Until([&] { return a->net->IsConnected(d->id); }));
  ASSERT_TRUE(Until([&] { return a->net->IsConnected(b->id); }, 5000ms));
  EXPECT_GE(std::chrono::steady_clock::now() - banned_at, 600ms);
  EXPECT_FALSE(a->net->IsBanned(b->id));
  EXPECT_EQ(a->handler.ConnectsOf(b->id), 2u);
}

TEST_F(P2pNetworkTest, KeepalivePingsHoldIdleConnectionsOpen) {
  P2pNetwork::Options oa = TestOptions(1);
  oa.ping_interval = 50ms;
  oa.idle_timeout = 300ms;
  auto a = Node(std::move(oa));
  P2pNetwork::Options ob = TestOptions(2);
  ob.ping_interval = 50ms;
  ob.idle_timeout = 300ms;
  ob.persistent_peers = {a->Address()};
  auto b = Node(std::move(ob));
  ASSERT_TRUE(Until([&] { return a->net->peer_count() == 1; }));
  RunFor(io_, 1000ms);  // more than three idle timeouts without any message from the node
  EXPECT_EQ(a->handler.connected.size(), 1u);
  EXPECT_TRUE(a->handler.disconnected.empty());
  EXPECT_TRUE(a->handler.messages.empty()) << "Ping and Pong are not delivered";
  ASSERT_EQ(a->net->Peers().size(), 1u);
  EXPECT_TRUE(a->net->Peers()[0].ping_rtt.has_value());
}

TEST_F(P2pNetworkTest, SlowPeerIsDisconnectedWhileOthersKeepUp) {
  P2pNetwork::Options oa = TestOptions(1);
  oa.max_send_queue_bytes = 1 << 20;
  auto a = Node(std::move(oa));
  P2pNetwork::Options ob = TestOptions(2);
  ob.persistent_peers = {a->Address()};
  auto b = Node(std::move(ob));
  ASSERT_TRUE(Until([&] { return a->net->peer_count() == 1; }));

  // A raw peer that completes the handshake and then never reads.
  RawPeer slow(io_, "127.0.0.5");
  ASSERT_TRUE(slow.Connect(a->net->listen_port()));
  const chain::SecretKey slow_key = NodeKey(5);
  auto verdict = slow.Handshake(slow_key, HandshakeRole::kDialer);
  ASSERT_TRUE(verdict.ok() && verdict->accepted) << verdict.status().ToString();
  ASSERT_TRUE(Until([&] { return a->net->peer_count() == 2; }));

  uint32_t sent = 0;
  for (; sent < 2000 && a->net->IsConnected(IdOf(slow_key)); ++sent) {
    a->net->Send(IdOf(slow_key), Tx(sent, 60'000));
    ASSERT_TRUE(a->net->Send(b->id, Tx(sent, 60'000)));
    io_.restart();
    io_.run_for(2ms);
  }
  EXPECT_FALSE(a->net->IsConnected(IdOf(slow_key))) << "never disconnected after " << sent << " messages";
  ASSERT_TRUE(Until([&] { return a->handler.LastDisconnectReason(IdOf(slow_key)).has_value(); }));
  EXPECT_EQ(a->handler.LastDisconnectReason(IdOf(slow_key)), "slow-peer");
  EXPECT_FALSE(a->net->IsBanned(IdOf(slow_key)));
  // B read everything and is still connected.
  ASSERT_TRUE(Until([&] { return b->handler.Count<TxsMsg>() == sent; }, 10'000ms));
  EXPECT_TRUE(a->net->IsConnected(b->id));
}

TEST_F(P2pNetworkTest, StartRejectsBadOptionsAndBusyPorts) {
  SystemClock clock;
  RecordingHandler handler;
  P2pNetwork::Options no_key = TestOptions(1);
  no_key.node_key.reset();
  EXPECT_EQ(P2pNetwork(io_, std::move(no_key), handler, clock).Start().reason(), "bad-node-key");

  std::array<uint8_t, 32> seed{};
  seed[0] = 1;
  P2pNetwork::Options ecdsa = TestOptions(1);
  ecdsa.node_key = chain::SecretKey::FromSeed(chain::KeyScheme::kSecp256k1, seed).value();
  EXPECT_EQ(P2pNetwork(io_, std::move(ecdsa), handler, clock).Start().reason(), "bad-node-key");

  P2pNetwork::Options backoff = TestOptions(1);
  backoff.redial_min = 200ms;
  backoff.redial_max = 100ms;
  EXPECT_EQ(P2pNetwork(io_, std::move(backoff), handler, clock).Start().reason(), "bad-p2p-options");
  P2pNetwork::Options frame = TestOptions(1);
  frame.max_frame_bytes = 16;
  EXPECT_EQ(P2pNetwork(io_, std::move(frame), handler, clock).Start().reason(), "bad-p2p-options");

  auto a = Node(TestOptions(1));
  P2pNetwork::Options busy = TestOptions(2);
  busy.listen_port = a->net->listen_port();
  P2pNetwork clash(io_, std::move(busy), handler, clock);
  const chain::Status s = clash.Start();
  EXPECT_EQ(s.reason(), "p2p-bind-failed") << s.ToString();
  P2pNetwork::Options bad_host = TestOptions(3);
  bad_host.listen_host = "192.0.2.1";  // TEST-NET: not an address of this machine
  EXPECT_EQ(P2pNetwork(io_, std::move(bad_host), handler, clock).Start().reason(), "p2p-bind-failed");
}

TEST_F(P2pNetworkTest, StopIsIdempotentAndSilent) {
  auto a = Node(TestOptions(1));
  P2pNetwork::Options ob = TestOptions(2);
  ob.persistent_peers = {a->Address()};
  auto b = Node(std::move(ob));
  ASSERT_TRUE(Until([&] { return a->net->peer_count() == 1; }));
  a->net->Stop();
  a->net->Stop();
  EXPECT_EQ(a->net->peer_count(), 0u);
  EXPECT_FALSE(a->net->Send(b->id, Tx(1)));
  ASSERT_TRUE(Until([&] { return b->handler.disconnected.size() == 1; }));
  RunFor(io_, 100ms);
  EXPECT_TRUE(a->handler.disconnected.empty()) << "no callbacks after Stop";
  EXPECT_EQ(b->net->peer_count(), 0u);  // A's listener is closed: B's redials fail
}

}  // namespace
}  // namespace tfchain::node
