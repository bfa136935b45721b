// A real validator (its own process) against peers that misbehave on the wire:
// garbage bytes, the wrong chain, blocks with forged commits during sync, and gossiped
// transactions that do not decode or carry a forged signature. Each is dropped (and the
// sender banned) while the validator keeps committing; valid gossip is admitted.
#include <gtest/gtest.h>

#include <boost/asio/connect.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/read.hpp>
#include <boost/asio/write.hpp>

#include <fstream>
#include <thread>

#include "chain/transaction.h"
#include "node/clock.h"
#include "node/p2p_network.h"
#include "tests/integration/localnet_util.h"
#include "tests/support/test_keys.h"

namespace tfchain::testing {
namespace {
using nlohmann::json;
namespace asio = boost::asio;
using namespace std::chrono_literals;

bool RunUntil(asio::io_context& io, const std::function<bool()>& done, std::chrono::milliseconds timeout) {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  while (!done()) {
    if (std::chrono::steady_clock::now() >= deadline) return false;
    io.restart();
    if (io.run_for(5ms) == 0) std::this_thread::sleep_for(1ms);
  }
  return true;
}

// A peer that does whatever the test tells it to when it connects and receives.
class ScriptedPeer : public node::P2pNetwork::Handler {
 public:
  void OnPeerConnected(const node::PeerInfo& info) override {
    ++connects;
    if (on_connect) on_connect(info.id);
  }
  void OnPeerDisconnected(const node::PeerId&, std::string_view reason) override {
    ++disconnects;
    last_reason = std::string(reason);
  }
  void OnMessage(const node::PeerId& from, node::Message msg) override {
    if (on_message) on_message(from, msg);
  }
  std::function<void(const node::PeerId&)> on_connect;
  std::function<void(const node::PeerId&, const node::Message&)> on_message;
  int connects = 0;
  int disconnects = 0;
  std::string last_reason;
};

class P2pAbuseTest : public ::testing::Test {
 protected:
  P2pAbuseTest() : net_("abuse", 1, 100) {
    net_.StartAll();
    EXPECT_TRUE(net_.WaitAll(3));
    std::ifstream in(net_.node_dir(0) + "/node_key.json");
    node_id_ = json::parse(in)["public_key"].get<std::string>().substr(2);
    const std::string peers = net_.PeerList();
    port_ = static_cast<uint16_t>(std::stoi(peers.substr(peers.rfind(':') + 1)));
  }

  // `key` picks the peer's node key (a banned one cannot come back as itself).
  std::unique_ptr<node::P2pNetwork> Dial(ScriptedPeer& handler, const std::string& chain_id,
                                          const chain::Hash256& genesis_hash, uint8_t key = 7) {
    node::P2pNetwork::Options o;
    o.listen_port = 0;
    o.node_key = TestKey(key, 0xab);
    o.chain_id = chain_id;
    o.genesis_hash = genesis_hash;
    o.node_version = "scripted-peer";
    o.persistent_peers = {std::move(node::ParsePeerAddress(node_id_ + "@127.0.0.1:" + std::to_string(port_))).value()};
    o.redial_min = 200ms;
    o.redial_max = 500ms;
    auto network = std::make_unique<node::P2pNetwork>(io_, std::move(o), handler, clock_);
    EXPECT_TRUE(network->Start().ok());
    return network;
  }

  chain::Hash256 GenesisHash() {
    return *chain::Hash256::FromHex(net_.node(0).Result("system_chain")["genesis_hash"].get<std::string>());
  }

  bool StillCommitting() {
    const uint64_t h = net_.Height(0);
    return net_.node(0).WaitForHeight(h + 3, 20s);
  }

  Localnet net_;
  std::string node_id_;
  uint16_t port_ = 0;
  asio::io_context io_;
  node::SystemClock clock_;
};

TEST_F(P2pAbuseTest, GarbageBytesAreDroppedAndTheNodeGoesOn) {
  for (const std::string& junk : {std::string("GET / HTTP/1.1\r\nHost: x\r\n") + std::string(40, ' '), std::string(64, '\xff'),
                                  std::string("TFP2\x02\x00", 6) + std::string(32, 'x') +  // a hello, then a 2 GiB frame
                                      std::string("\xff\xff\xff\x7f", 4)}) {
    // From 127.0.0.2, so that the IP ban the node may impose hits nobody else.
    asio::ip::tcp::socket socket(io_);
    boost::system::error_code ec;
    socket.open(asio::ip::tcp::v4(), ec);
    socket.bind({asio::ip::make_address("127.0.0.2"), 0}, ec);
    ASSERT_FALSE(ec) << ec.message();
    socket.connect({asio::ip::make_address("127.0.0.1"), port_}, ec);
    ASSERT_FALSE(ec) << ec.message();
    asio::write(socket, asio::buffer(junk), ec);
    // The node closes the connection: a read ends with EOF or a reset, not a hang.
    std::array<char, 256> buf;
    size_t total = 0;
    const auto deadline = std::chrono::steady_clock::now() + 15s;
    while (std::chrono::steady_clock::now() < deadline) {
      size_t n = socket.read_some(asio::buffer(buf), ec);
      total += n;
      if (ec) break;
    }
    EXPECT_TRUE(ec) << "the node kept a garbage connection open";
  }
  EXPECT_TRUE(StillCommitting());
}

TEST_F(P2pAbuseTest, APeerOfAnotherChainIsRefused) {
  ScriptedPeer handler;
  auto network = Dial(handler, "another-chain", GenesisHash());
  RunUntil(io_, [] { return false; }, 1500ms);
  EXPECT_EQ(handler.connects, 0);
  EXPECT_TRUE(net_.node(0).Result("system_peers").empty());
  auto other_genesis = Dial(handler, "tfchain-localnet", chain::Blake2b256(chain::AsBytes("not this genesis")));
  RunUntil(io_, [] { return false; }, 1500ms);
  EXPECT_EQ(handler.connects, 0);
  network->Stop();
  other_genesis->Stop();
  EXPECT_TRUE(StillCommitting());
}

TEST_F(P2pAbuseTest, APeerSendingBlocksWithForgedCommitsIsBanned) {
  ScriptedPeer handler;
  node::P2pNetwork* self = nullptr;
  int requests = 0;
  const uint64_t start = net_.Height(0);
  const json head = net_.node(0).Result("chain_getHeader", {start});
  handler.on_connect = [&](const node::PeerId& id) {
    // Claim to be far ahead: the validator asks us for blocks.
    self->Send(id, node::StatusMsg{start + 50, chain::Hash256{}, 0});
  };
  handler.on_message = [&](const node::PeerId& id, const node::Message& msg) {
    const auto* request = std::get_if<node::BlockRequest>(&msg);
    if (request == nullptr) return;
    ++requests;
    // Blocks that follow on from the validator's chain but carry a forged commit.
    node::BlockResponse response;
    for (uint64_t h = request->from_height; h < request->from_height + std::min<uint32_t>(request->count, 3); ++h) {
      chain::Block b;
      b.header.chain_id = "tfchain-localnet";
      b.header.height = h;
      b.header.time_ms = head["time_ms"].get<uint64_t>() + 1000 * (h - start);
      chain::CommitSig forged;
      forged.validator = TestKey(9, 0xab).account_id();
      b.last_commit = chain::Commit{h - 1, 0, chain::Hash256{}, {forged}};
      response.blocks.push_back(b);
    }
    response.tip_commit = chain::Commit{request->from_height + 2, 0, chain::Hash256{}, {}};
    self->Send(id, response);
  };
  auto network = Dial(handler, "tfchain-localnet", GenesisHash());
  self = network.get();
  ASSERT_TRUE(RunUntil(io_, [&] { return handler.connects >= 1 && requests >= 1; }, 20s))
      << "connects " << handler.connects << ", requests " << requests;
  ASSERT_TRUE(RunUntil(io_, [&] { return handler.disconnects >= 1; }, 20s)) << "the forger was not dropped";
  // Banned: redials are refused for the ban's duration.
  const int connects = handler.connects;
  RunUntil(io_, [] { return false; }, 1500ms);
  EXPECT_EQ(handler.connects, connects);
  network->Stop();
  // Nothing of the forgery was taken, and the chain goes on.
  EXPECT_EQ(net_.node(0).Result("chain_getHeader", {start})["hash"], head["hash"]);
  EXPECT_TRUE(StillCommitting());
}

// A transfer of `amount` from //Alice, signed for the localnet.
chain::Bytes AliceTransfer(uint64_t nonce, uint64_t amount) {
  chain::TransactionBody body;
  body.chain_id = "tfchain-localnet";
  body.nonce = nonce;
  body.valid_until = 1'000'000;
  body.call = chain::TransferCall{DevKey("//Bob").account_id(), amount};
  return chain::Encode(chain::SignTransaction(std::move(body), DevKey("//Alice")));
}

TEST_F(P2pAbuseTest, GossipedTransactionsAreAdmittedAndForgedOnesGetTheSenderBanned) {
  const chain::Bytes good = AliceTransfer(0, 1234);
  const std::string good_hash = chain::TxHash(good).Hex();
  // The same transfer with one signature byte flipped: decodes, fails verification.
  chain::Bytes forged = AliceTransfer(1, 99);
  forged.back() ^= 0x01;
  const std::string forged_hash = chain::TxHash(forged).Hex();

  for (const bool bad_bytes : {false, true}) {
    SCOPED_TRACE(bad_bytes ? "undecodable transaction" : "forged signature");
    ScriptedPeer handler;
    node::P2pNetwork* self = nullptr;
    handler.on_connect = [&](const node::PeerId& id) {
      // A batch with the valid transfer first, then (a moment later) the bad one.
      if (handler.connects == 1) {
        self->Send(id, node::TxsMsg{{good}});
        self->Send(id, node::TxsMsg{{bad_bytes ? chain::Bytes{0xde, 0xad, 0xbe, 0xef} : forged}});
      }
    };
    auto network = Dial(handler, "tfchain-localnet", GenesisHash(), bad_bytes ? 11 : 10);
    self = network.get();
    ASSERT_TRUE(RunUntil(io_, [&] { return handler.connects >= 1; }, 20s));
    ASSERT_TRUE(RunUntil(io_, [&] { return handler.disconnects >= 1; }, 20s)) << "the sender was not dropped";
    // Banned: its redials are refused.
    const int connects = handler.connects;
    RunUntil(io_, [] { return false; }, 1500ms);
    EXPECT_EQ(handler.connects, connects);
    network->Stop();
  }
  // The valid transfer went into a block; the forged one is unknown to the node.
  json receipt;
  for (int i = 0; i < 100; ++i) {
    receipt = net_.node(0).Result("tx_getReceipt", {good_hash});
    if (receipt.is_object() && receipt["status"] == "included") break;
    std::this_thread::sleep_for(100ms);
  }
  EXPECT_EQ(receipt["status"], "included") << receipt.dump();
  const json unknown = net_.node(0).Call("tx_getReceipt", {forged_hash});
  EXPECT_TRUE(unknown.contains("error")) << unknown.dump();
  EXPECT_EQ(net_.node(0).Result("state_getAccount", {chain::ToSs58(DevKey("//Alice").account_id())})["nonce"], 1);
  EXPECT_TRUE(StillCommitting());
}

}  // namespace
}  // namespace tfchain::testing
