// TxRelay between real networks on 127.0.0.1: batching, never back to the sender,
// the size trigger and Stop.
#include "node/tx_relay.h"

#include <gtest/gtest.h>

#include "tests/unit/node/p2p_test_util.h"

namespace tfchain::node {
namespace {

using namespace p2ptest;
using namespace std::chrono_literals;

chain::Bytes Tx(uint8_t n, size_t size = 40) { return chain::Bytes(size, n); }

// The transactions `node` received, in order, and in how many messages.
std::vector<chain::Bytes> Received(const TestNode& node, size_t* messages) {
  std::vector<chain::Bytes> out;
  *messages = 0;
  for (const auto& [from, msg] : node.handler.messages) {
    if (const TxsMsg* txs = std::get_if<TxsMsg>(&msg)) {
      ++*messages;
      out.insert(out.end(), txs->encoded_txs.begin(), txs->encoded_txs.end());
    }
  }
  return out;
}

class TxRelayTest : public ::testing::Test {
 protected:
  // A hub connected to two peers.
  void SetUp() override {
    hub_ = std::make_unique<TestNode>(io_, TestOptions(1));
    P2pNetwork::Options ob = TestOptions(2), oc = TestOptions(3);
    ob.persistent_peers = {hub_->Address()};
    oc.persistent_peers = {hub_->Address()};
    b_ = std::make_unique<TestNode>(io_, std::move(ob));
    c_ = std::make_unique<TestNode>(io_, std::move(oc));
    ASSERT_TRUE(RunUntil(io_, [&] { return hub_->net->peer_count() == 2; }));
  }

  asio::io_context io_;
  std::unique_ptr<TestNode> hub_, b_, c_;
};

TEST_F(TxRelayTest, BatchesABurstIntoOneMessagePerPeerAndNeverReturnsATxToItsSender) {
  TxRelay relay(io_, *hub_->net, TxRelay::Options{.delay = 20ms, .max_bytes = 1 << 20});
  relay.Relay(Tx(1), std::nullopt);  // submitted here: to everyone
  relay.Relay(Tx(2), b_->id);        // came from B: only to C
  for (uint8_t n = 3; n < 103; ++n) relay.Relay(Tx(n), std::nullopt);
  ASSERT_TRUE(RunUntil(io_, [&] {
    size_t m = 0;
    return Received(*c_, &m).size() == 102;
  }));
  RunFor(io_, 100ms);
  size_t b_messages = 0, c_messages = 0;
  const std::vector<chain::Bytes> at_b = Received(*b_, &b_messages);
  const std::vector<chain::Bytes> at_c = Received(*c_, &c_messages);
  EXPECT_EQ(b_messages, 1u);
  EXPECT_EQ(c_messages, 1u);
  ASSERT_EQ(at_b.size(), 101u);
  EXPECT_EQ(at_b[0], Tx(1));
  EXPECT_EQ(at_b[1], Tx(3));  // not Tx(2): B sent it to us
  ASSERT_EQ(at_c.size(), 102u);
  EXPECT_EQ(at_c[1], Tx(2));
  EXPECT_EQ(at_c[101], Tx(102));
}

TEST_F(TxRelayTest, FlushesAtOnceWhenTheSizeLimitIsReached) {
  // A long delay: only the size trigger can send within the test.
  TxRelay relay(io_, *hub_->net, TxRelay::Options{.delay = 1h, .max_bytes = 1000});
  for (uint8_t n = 0; n < 30; ++n) relay.Relay(Tx(n, 100), std::nullopt);  // a flush every 10
  ASSERT_TRUE(RunUntil(io_, [&] {
    size_t m = 0;
    return Received(*b_, &m).size() == 30;
  }));
  size_t messages = 0;
  EXPECT_EQ(Received(*b_, &messages).size(), 30u);
  EXPECT_EQ(messages, 3u);
  relay.Stop();
}

TEST_F(TxRelayTest, StopDropsWhatIsQueuedAndIgnoresMore) {
  TxRelay relay(io_, *hub_->net, TxRelay::Options{.delay = 20ms, .max_bytes = 1 << 20});
  relay.Relay(Tx(1), std::nullopt);
  relay.Stop();
  relay.Relay(Tx(2), std::nullopt);
  relay.Flush();
  RunFor(io_, 200ms);
  size_t messages = 0;
  EXPECT_TRUE(Received(*b_, &messages).empty());
  EXPECT_EQ(messages, 0u);
}

}  // namespace
}  // namespace tfchain::node
