#pragma once

// Helpers for the P2P tests: one io_context driven from the test thread, a Handler that
// records what it is told, networks with short timeouts, and RawPeer, a hand-driven
// endpoint that speaks (or breaks) the protocol byte by byte.

#include <gtest/gtest.h>

#include <boost/asio/connect.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/read.hpp>
#include <boost/asio/write.hpp>

#include <chrono>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "chain/hash.h"
#include "chain/keys.h"
#include "node/clock.h"
#include "node/p2p_handshake.h"
#include "node/p2p_message.h"
#include "node/p2p_network.h"
#include "tests/support/test_keys.h"

namespace tfchain::node::p2ptest {

namespace asio = boost::asio;
using tcp = asio::ip::tcp;
using namespace std::chrono_literals;

inline constexpr std::string_view kChainId = "p2p-test";
inline chain::Hash256 TestGenesis() { return chain::Blake2b256(chain::AsBytes("p2p-test genesis")); }
inline chain::SecretKey NodeKey(uint8_t n) { return testing::TestKey(n, 0x50); }
inline PeerId IdOf(const chain::SecretKey& key) { return PeerId::FromSpan(key.public_key().bytes()); }

// Runs `io` from this thread until `done()` holds or `timeout` passes; true if it held.
inline bool RunUntil(asio::io_context& io, const std::function<bool()>& done,
                     std::chrono::milliseconds timeout = 5000ms) {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  while (!done()) {
    if (std::chrono::steady_clock::now() >= deadline) return false;
    io.restart();
    if (io.run_for(5ms) == 0) std::this_thread::sleep_for(1ms);
  }
  return true;
}

// Runs `io` for `d` whatever happens.
inline void RunFor(asio::io_context& io, std::chrono::milliseconds d) {
  RunUntil(
      io, [] { return false; }, d);
}

// Records every callback.
class RecordingHandler : public P2pNetwork::Handler {
 public:
  void OnPeerConnected(const PeerInfo& peer) override { connected.push_back(peer); }
  void OnPeerDisconnected(const PeerId& id, std::string_view reason) override {
    disconnected.emplace_back(id, std::string(reason));
  }
  void OnMessage(const PeerId& from, Message msg) override {
    messages.emplace_back(from, std::move(msg));
    if (on_message) on_message(from, messages.back().second);
  }

  template <typename T>
  size_t Count() const {
    size_t n = 0;
    for (const auto& [from, msg] : messages) n += std::holds_alternative<T>(msg) ? 1 : 0;
    return n;
  }
  size_t ConnectsOf(const PeerId& id) const {
    size_t n = 0;
    for (const PeerInfo& p : connected) n += p.id == id ? 1 : 0;
    return n;
  }
  std::optional<std::string> LastDisconnectReason(const PeerId& id) const {
    for (auto it = disconnected.rbegin(); it != disconnected.rend(); ++it) {
      if (it->first == id) return it->second;
    }
    return std::nullopt;
  }

  std::vector<PeerInfo> connected;
  std::vector<std::pair<PeerId, std::string>> disconnected;
  std::vector<std::pair<PeerId, Message>> messages;
  std::function<void(const PeerId&, const Message&)> on_message;
};

// Options with short timeouts for tests.
inline P2pNetwork::Options TestOptions(uint8_t key) {
  P2pNetwork::Options o;
  o.node_key = NodeKey(key);
  o.chain_id = std::string(kChainId);
  o.genesis_hash = TestGenesis();
  o.node_version = "p2p-test/" + std::to_string(key);
  o.handshake_timeout = 1000ms;
  o.ping_interval = 200ms;
  o.idle_timeout = 2000ms;
  o.ban_duration = 60'000ms;
  o.redial_min = 20ms;
  o.redial_max = 100ms;
  return o;
}

// A started network and its recording handler.
struct TestNode {
  TestNode(asio::io_context& io, P2pNetwork::Options options)
      : id(IdOf(*options.node_key)), net(std::make_unique<P2pNetwork>(io, std::move(options), handler, clock)) {
    const chain::Status s = net->Start();
    EXPECT_TRUE(s.ok()) << s.ToString();
  }
  PeerAddress Address() const { return PeerAddress{id, "127.0.0.1", net->listen_port()}; }

  SystemClock clock;
  RecordingHandler handler;
  PeerId id;
  std::unique_ptr<P2pNetwork> net;
};

// One hand-driven TCP endpoint on the test's io_context. Every call runs the io_context
// (so the networks under test make progress) until the operation completes or times out.
class RawPeer {
 public:
  // Binds the local end to `local_ip` (127.0.0.x: bans of that IP do not hit the
  // networks under test, which use 127.0.0.1).
  RawPeer(asio::io_context& io, std::string local_ip) : io_(io), socket_(io), local_ip_(std::move(local_ip)) {}

  bool Connect(uint16_t port) {
    boost::system::error_code ec;
    socket_.open(tcp::v4(), ec);
    socket_.bind(tcp::endpoint(asio::ip::make_address(local_ip_), 0), ec);
    if (ec) return false;
    auto done = std::make_shared<std::optional<boost::system::error_code>>();
    socket_.async_connect(tcp::endpoint(asio::ip::make_address("127.0.0.1"), port),
                          [done](const boost::system::error_code& e) { *done = e; });
    RunUntil(
        io_, [&] { return done->has_value(); }, 2000ms);
    return done->has_value() && !**done;
  }

  // Accepts one connection on `acceptor` (listener role).
  bool Accept(tcp::acceptor& acceptor) {
    auto done = std::make_shared<std::optional<boost::system::error_code>>();
    acceptor.async_accept(socket_, [done](const boost::system::error_code& e) { *done = e; });
    RunUntil(
        io_, [&] { return done->has_value(); }, 3000ms);
    return done->has_value() && !**done;
  }

  bool Write(chain::ByteSpan data) {
    auto buf = std::make_shared<chain::Bytes>(data.begin(), data.end());
    auto done = std::make_shared<std::optional<boost::system::error_code>>();
    asio::async_write(socket_, asio::buffer(*buf),
                      [done, buf](const boost::system::error_code& e, size_t) { *done = e; });
    RunUntil(
        io_, [&] { return done->has_value(); }, 3000ms);
    return done->has_value() && !**done;
  }

  // Exactly n bytes, or nullopt on EOF, error or timeout.
  std::optional<chain::Bytes> Read(size_t n, std::chrono::milliseconds timeout = 3000ms) {
    auto buf = std::make_shared<chain::Bytes>(n);
    auto done = std::make_shared<std::optional<boost::system::error_code>>();
    asio::async_read(socket_, asio::buffer(*buf),
                     [done, buf](const boost::system::error_code& e, size_t) { *done = e; });
    if (!RunUntil(
            io_, [&] { return done->has_value(); }, timeout)) {
      boost::system::error_code ignored;
      socket_.cancel(ignored);
      RunUntil(
          io_, [&] { return done->has_value(); }, 1000ms);
      return std::nullopt;
    }
    if (**done) return std::nullopt;
    return *buf;
  }

  // True once the other side closed the connection (reads hit EOF or an error);
  // whatever arrives before is discarded.
  bool WaitClosed(std::chrono::milliseconds timeout = 3000ms) {
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    while (std::chrono::steady_clock::now() < deadline) {
      auto buf = std::make_shared<chain::Bytes>(4096);
      auto done = std::make_shared<std::optional<boost::system::error_code>>();
      socket_.async_read_some(asio::buffer(*buf),
                              [done, buf](const boost::system::error_code& e, size_t) { *done = e; });
      const auto left =
          std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
      if (!RunUntil(
              io_, [&] { return done->has_value(); }, std::max(left, 1ms))) {
        boost::system::error_code ignored;
        socket_.cancel(ignored);
        RunUntil(
            io_, [&] { return done->has_value(); }, 1000ms);
        return false;
      }
      if (**done) return true;
    }
    return false;
  }

  // The handshake in steps. Begin: exchange PlainHellos and derive the session.
  chain::Status Begin(HandshakeRole role) {
    role_ = role;
    EphemeralKey eph = EphemeralKey::Generate();
    const X25519PublicKey own = eph.public_key();
    if (!Write(EncodePlainHello(PlainHello{kP2pProtocolVersion, own}))) return Fail("write hello");
    auto plain = Read(kPlainHelloSize);
    if (!plain) return Fail("no plain hello");
    TF_ASSIGN_OR_RETURN(PlainHello theirs, DecodePlainHello(*plain));
    TF_ASSIGN_OR_RETURN(SessionCipher cipher, SessionCipher::Derive(role, eph, theirs.ephemeral));
    cipher_.emplace(std::move(cipher));
    dialer_eph_ = role == HandshakeRole::kDialer ? own : theirs.ephemeral;
    listener_eph_ = role == HandshakeRole::kDialer ? theirs.ephemeral : own;
    return chain::Status::Ok();
  }
  // Sends our AuthHello (frame 0); `forge` breaks its signature.
  chain::Status SendAuth(const chain::SecretKey& key, std::string chain_id = std::string(kChainId),
                         chain::Hash256 genesis = TestGenesis(), bool forge = false) {
    AuthHello hello =
        MakeAuthHello(key, role_, dialer_eph_, listener_eph_, std::move(chain_id), genesis, 0, "raw-peer");
    if (forge) hello.signature[0] ^= 1;
    if (!SendFrame(chain::Encode(hello))) return Fail("write auth hello");
    return chain::Status::Ok();
  }
  // Reads the peer's AuthHello, accepts it, and returns the peer's verdict.
  chain::Result<Verdict> Finish() {
    TF_ASSIGN_OR_RETURN(chain::Bytes their_hello, ReadFrame());
    TF_ASSIGN_OR_RETURN(peer_hello_, chain::DecodeExact<AuthHello>(their_hello, 1024));
    if (!SendFrame(chain::Encode(Verdict{true, ""}))) return Fail("write verdict");
    TF_ASSIGN_OR_RETURN(chain::Bytes verdict, ReadFrame());
    return chain::DecodeExact<Verdict>(verdict, 1024);
  }
  // The whole handshake; returns the peer's verdict (the peer's AuthHello is not checked).
  chain::Result<Verdict> Handshake(const chain::SecretKey& key, HandshakeRole role,
                                   std::string chain_id = std::string(kChainId),
                                   chain::Hash256 genesis = TestGenesis()) {
    TF_RETURN_IF_ERROR(Begin(role));
    TF_RETURN_IF_ERROR(SendAuth(key, std::move(chain_id), genesis));
    return Finish();
  }

  // Seals the next frame without sending it.
  chain::Bytes Seal(chain::ByteSpan plaintext) { return cipher_->SealFrame(plaintext); }
  // Seals and writes one frame; remembers it for replay.
  bool SendFrame(chain::ByteSpan plaintext) {
    last_frame_ = Seal(plaintext);
    return Write(last_frame_);
  }
  bool SendMessage(const Message& msg) { return SendFrame(EncodeMessage(msg)); }

  chain::Result<chain::Bytes> ReadFrame(std::chrono::milliseconds timeout = 3000ms) {
    auto len = Read(kFrameLengthSize, timeout);
    if (!len) return Fail("no frame");
    uint32_t n = 0;
    for (size_t i = 0; i < 4; ++i) n |= static_cast<uint32_t>((*len)[i]) << (8 * i);
    auto body = Read(n, timeout);
    if (!body) return Fail("truncated frame");
    return cipher_->Open(*body);
  }
  chain::Result<Message> ReadMessage(std::chrono::milliseconds timeout = 3000ms) {
    TF_ASSIGN_OR_RETURN(chain::Bytes plain, ReadFrame(timeout));
    return DecodeMessage(plain);
  }

  const chain::Bytes& last_frame() const { return last_frame_; }
  const AuthHello& peer_hello() const { return peer_hello_; }
  tcp::socket& socket() { return socket_; }

 private:
  static chain::Status Fail(std::string what) { return chain::Status::Unavailable("raw-peer", std::move(what)); }

  asio::io_context& io_;
  tcp::socket socket_;
  std::string local_ip_;
  HandshakeRole role_ = HandshakeRole::kDialer;
  X25519PublicKey dialer_eph_;
  X25519PublicKey listener_eph_;
  std::optional<SessionCipher> cipher_;
  AuthHello peer_hello_;
  chain::Bytes last_frame_;
};

}  // namespace tfchain::node::p2ptest
