#pragma once

#include <chrono>
#include <cstdint>
#include <deque>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/steady_timer.hpp>

#include "chain/bytes.h"
#include "chain/hash.h"
#include "chain/keys.h"
#include "chain/status.h"
#include "node/p2p_handshake.h"
#include "node/p2p_peer_address.h"

namespace tfchain::node {

// What every connection of one network needs to know. Owned by the network; must
// outlive its connections' use of it (the network closes them before it goes).
struct P2pConnectionConfig {
  const chain::SecretKey* node_key = nullptr;  // ed25519, never null
  std::string chain_id;
  chain::Hash256 genesis_hash;
  uint16_t listen_port = 0;  // announced in AuthHello
  std::string node_version;
  size_t max_frame_bytes = 0;  // largest accepted ciphertext length
  std::chrono::milliseconds handshake_timeout{0};
  size_t max_send_queue_bytes = 0;  // queued beyond this: closed as "slow-peer"
};

// One TCP connection speaking the P2P protocol (docs/p2p.md): the handshake (plaintext
// hello, session keys, AuthHello, Verdict), then encrypted frames carrying messages.
// The connection does the protocol and leaves policy (who may connect, what messages
// mean) to its Delegate, normally the P2pNetwork.
//
// Lifetime: held by std::shared_ptr; pending asynchronous operations keep it alive.
// Close() ends it once: the socket and timers are closed, the session secrets wiped,
// and Delegate::OnClosed is called exactly once (for every connection that was
// started), after which the delegate is never used again.
//
// Not thread-safe: every method must be called on the thread that runs the io_context,
// and all delegate calls happen there.
class P2pConnection : public std::enable_shared_from_this<P2pConnection> {
 public:
  enum class Direction : uint8_t { kInbound, kOutbound };
  enum class State : uint8_t {
    kConnecting,   // outbound: resolving and connecting
    kPlainHello,   // waiting for the peer's PlainHello
    kAuthHello,    // waiting for the peer's AuthHello (frame 0)
    kVerdict,      // we accepted the peer; waiting for its Verdict (frame 1)
    kRefusing,     // we refused the peer; flushing our Verdict, then closing
    kEstablished,  // messages flow
    kClosed,
  };

  class Delegate {
   public:
    virtual ~Delegate() = default;
    // The peer's AuthHello verified (signature, chain id, genesis hash): decide whether
    // to accept it. A failed Status refuses the peer with status.reason() in the
    // Verdict and closes. The delegate may close other connections, not this one.
    virtual chain::Status OnAuthenticated(P2pConnection& conn) = 0;
    // Both sides accepted: messages may flow. The delegate may close the connection.
    virtual void OnEstablished(P2pConnection& conn) = 0;
    // One decrypted frame of an established connection (a message to decode). The
    // delegate may close the connection.
    virtual void OnFrame(P2pConnection& conn, chain::Bytes plaintext) = 0;
    // The connection ended. `why` is the stable reason ("connection-closed",
    // "bad-frame", "wrong-chain", ...) with a human detail; `misbehaved` is true when
    // the peer broke the protocol (the network bans it).
    virtual void OnClosed(P2pConnection& conn, const chain::Status& why, bool misbehaved) = 0;
  };

  // An accepted socket. Call Start() to begin the handshake.
  static std::shared_ptr<P2pConnection> Inbound(boost::asio::ip::tcp::socket socket, const P2pConnectionConfig& config,
                                                Delegate& delegate, uint64_t serial);
  // A dial to `address`; the peer must prove the identity address.id ("unexpected-peer-id"
  // otherwise). Call Start() to resolve, connect and begin the handshake.
  static std::shared_ptr<P2pConnection> Outbound(boost::asio::io_context& io, PeerAddress address,
                                                 const P2pConnectionConfig& config, Delegate& delegate,
                                                 uint64_t serial);
  ~P2pConnection();

  // Starts the connection and its handshake timer (covering connect and handshake).
  void Start();

  // Seals `plaintext` as the next frame and queues it. Only for an established
  // connection (ignored otherwise). If the queue then holds more than
  // max_send_queue_bytes, the connection is closed as "slow-peer". Returns whether
  // the frame was queued and the connection is still open.
  bool Send(chain::ByteSpan plaintext);

  // Ends the connection (idempotent). See the class comment.
  void Close(const chain::Status& why, bool misbehaved = false);

  Direction direction() const { return direction_; }
  bool inbound() const { return direction_ == Direction::kInbound; }
  State state() const { return state_; }
  bool established() const { return state_ == State::kEstablished; }
  // A number unique within the network, for bookkeeping.
  uint64_t serial() const { return serial_; }
  // The authenticated peer id; only meaningful from OnAuthenticated on.
  const PeerId& peer_id() const { return peer_hello_.node_key; }
  bool authenticated() const { return authenticated_; }
  // The peer's AuthHello (listen port, version); only meaningful from OnAuthenticated on.
  const AuthHello& peer_hello() const { return peer_hello_; }
  // For outbound connections, the dialed address.
  const std::optional<PeerAddress>& dialed() const { return dialed_; }
  // "ip:port" of the other end ("" until connected), and its IP alone.
  const std::string& remote_address() const { return remote_address_; }
  const std::string& remote_ip() const { return remote_ip_; }
  bool remote_is_loopback() const { return remote_is_loopback_; }
  // Bytes on the wire, including handshake and framing.
  uint64_t bytes_in() const { return bytes_in_; }
  uint64_t bytes_out() const { return bytes_out_; }
  size_t queued_bytes() const { return queued_bytes_; }
  // When the last complete frame (or hello) arrived; the start time before that.
  std::chrono::steady_clock::time_point last_receive() const { return last_receive_; }

 private:
  P2pConnection(boost::asio::ip::tcp::socket socket, Direction direction, std::optional<PeerAddress> dialed,
                const P2pConnectionConfig& config, Delegate& delegate, uint64_t serial);

  void Connect();
  void BeginHandshake();
  void ReadPlainHello();
  void OnPlainHello();
  void ReadFrame();
  void OnFrameLength();
  void OnFrameBody();
  void OnAuthHello(chain::Bytes plaintext);
  void OnVerdict(chain::Bytes plaintext);
  void Refuse(const chain::Status& why);
  void Enqueue(chain::Bytes bytes);
  void WriteNext();
  void OnReadError(const boost::system::error_code& ec);
  size_t FrameLimit() const;

  boost::asio::ip::tcp::socket socket_;
  boost::asio::ip::tcp::resolver resolver_;
  boost::asio::steady_timer handshake_timer_;
  const Direction direction_;
  const std::optional<PeerAddress> dialed_;
  const P2pConnectionConfig& config_;
  Delegate* delegate_;  // null once closed
  const uint64_t serial_;
  State state_ = State::kConnecting;
  bool started_ = false;

  std::string remote_address_;
  std::string remote_ip_;
  bool remote_is_loopback_ = false;

  EphemeralKey ephemeral_;
  X25519PublicKey peer_ephemeral_;
  std::optional<SessionCipher> cipher_;
  AuthHello peer_hello_;
  bool authenticated_ = false;
  std::optional<chain::Status> refusal_;  // kRefusing: why, to report once flushed

  chain::Bytes read_buffer_;
  std::deque<chain::Bytes> write_queue_;
  size_t queued_bytes_ = 0;
  bool writing_ = false;
  size_t in_flight_ = 0;  // frames at the front of write_queue_ that the current write sends

  uint64_t bytes_in_ = 0;
  uint64_t bytes_out_ = 0;
  std::chrono::steady_clock::time_point last_receive_;
};

}  // namespace tfchain::node
