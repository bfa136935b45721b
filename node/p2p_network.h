#pragma once

#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>
#include <random>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/steady_timer.hpp>

#include "chain/hash.h"
#include "chain/keys.h"
#include "chain/status.h"
#include "node/clock.h"
#include "node/p2p_ban_list.h"
#include "node/p2p_connection.h"
#include "node/p2p_message.h"
#include "node/p2p_peer_address.h"
#include "node/p2p_seen_cache.h"

namespace tfchain::node {

// What the network knows about one connected peer.
struct PeerInfo {
  PeerId id;
  std::string address;       // "ip:port" of the TCP connection's other end
  uint16_t listen_port = 0;  // where the peer says it accepts connections (0 = nowhere)
  bool inbound = false;      // it dialed us
  std::string node_version;
  uint64_t connected_since_ms = 0;       // Clock time of the handshake's end
  std::optional<StatusMsg> last_status;  // the last Status it sent
  uint64_t bytes_in = 0;                 // on the wire, handshake and framing included
  uint64_t bytes_out = 0;
  std::optional<std::chrono::milliseconds> ping_rtt;  // of the last answered Ping
};

// The P2P network of one node: listens, dials its persistent peers, runs the
// authenticated and encrypted handshake on every connection (docs/p2p.md), and moves
// Messages between the node and its peers.
//
//  - Identity: a peer is its ed25519 node key (PeerId). At most one connection per peer;
//    when two nodes dial each other at once, both keep the connection dialed by the
//    smaller id. Connections to ourselves, to another chain or genesis, and outbound
//    dials answered by another id than the address names are refused.
//  - Gossip: an incoming Tx/Proposal/Vote/Evidence message whose MessageId was seen
//    before (received, or sent with Broadcast) is dropped silently. The network does not
//    re-broadcast: the node decides what to relay.
//  - Keepalive: a Ping every ping_interval, answered with a Pong; Ping and Pong are
//    handled here and not delivered. A peer silent for idle_timeout is disconnected
//    ("idle-timeout").
//  - Misbehaviour (a frame that fails authentication, "bad-frame"; a length prefix over
//    max_frame_bytes, "frame-too-large"; a message that does not decode,
//    "bad-message: <decode reason>"; a broken handshake) disconnects and bans the peer
//    for ban_duration: its id, and its IP unless that is a loopback address (nodes of a
//    localnet share 127.0.0.1). Before the handshake identifies the peer, its IP is
//    banned. Banned ids and IPs are refused and not dialed.
//  - Persistent peers are dialed at Start and redialed after every failure or
//    disconnect with exponential backoff from redial_min to redial_max, jittered by an
//    RNG seeded from the node id (deterministic), and not before a ban ends.
//  - A peer whose send queue grows beyond max_send_queue_bytes is disconnected
//    ("slow-peer"), as is anyone who does not finish the handshake in time.
//
// Thread-safety: not thread-safe. The network runs entirely on the io_context it is
// given (the node's event loop thread): construct it, call every method and destroy it
// on that thread. Handler callbacks run on that thread from the io_context's handlers,
// never from inside a P2pNetwork method, and not after Stop(). A callback may call any
// method (including Stop) but must not destroy the network.
class P2pNetwork final : private P2pConnection::Delegate {
 public:
  struct Options {
    std::string listen_host = "127.0.0.1";     // an IP address or a name that resolves to one
    uint16_t listen_port = 0;                  // 0 picks a free port (see listen_port())
    std::optional<chain::SecretKey> node_key;  // ed25519; required
    std::string chain_id;
    chain::Hash256 genesis_hash;
    std::string node_version;                   // announced in the handshake (<= 64 bytes)
    std::vector<PeerAddress> persistent_peers;  // see ParsePeerAddressList
    size_t max_inbound = 40;                    // connections it dialed us, handshaking ones included
    size_t max_outbound = 10;
    size_t max_frame_bytes = kMaxMessageBytes + kFrameTagSize;  // ciphertext; messages are 16 bytes less
    std::chrono::milliseconds handshake_timeout{10'000};
    std::chrono::milliseconds ping_interval{15'000};
    std::chrono::milliseconds idle_timeout{60'000};
    std::chrono::milliseconds ban_duration{5 * 60'000};
    std::chrono::milliseconds redial_min{500};
    std::chrono::milliseconds redial_max{60'000};
    size_t max_send_queue_bytes = 64 * 1024 * 1024;  // per peer; keep it above max_frame_bytes
    size_t seen_cache_size = 100'000;                // gossip message ids remembered
  };

  // The node's side of the network. Callbacks run on the io_context thread.
  class Handler {
   public:
    virtual ~Handler() = default;
    // A peer finished the handshake; messages may be sent to it now.
    virtual void OnPeerConnected(const PeerInfo& peer) = 0;
    // A connected peer is gone; `reason` is stable kebab-case ("connection-closed",
    // "idle-timeout", "slow-peer", "bad-frame", or what Disconnect/Ban were given).
    virtual void OnPeerDisconnected(const PeerId& id, std::string_view reason) = 0;
    // A message from a connected peer (never Ping or Pong, never a seen gossip message).
    virtual void OnMessage(const PeerId& from, Message msg) = 0;
  };

  // `io`, `handler` and `clock` (for PeerInfo times) must outlive the network.
  P2pNetwork(boost::asio::io_context& io, Options options, Handler& handler, const Clock& clock);
  // Stops the network.
  ~P2pNetwork() override;
  P2pNetwork(const P2pNetwork&) = delete;
  P2pNetwork& operator=(const P2pNetwork&) = delete;

  // Binds and listens on listen_host:listen_port, then dials the persistent peers. Call
  // once. Errors: "bad-node-key" (missing or not ed25519), "bad-p2p-options" (zero
  // sizes or durations, redial_min > redial_max), "p2p-bind-failed" (cannot resolve,
  // bind or listen; the detail says why).
  chain::Status Start();
  // Closes every connection and the listener and cancels all timers. No handler
  // callback runs afterwards. Idempotent; the network cannot be started again.
  void Stop();

  // The bound port (the chosen one when listen_port was 0); 0 before Start.
  uint16_t listen_port() const { return config_.listen_port; }
  // This node's id (the public half of node_key).
  const PeerId& self_id() const { return self_id_; }

  // Queues `msg` for one connected peer. Returns false if the peer is not connected,
  // the message is larger than a frame allows, or the peer got disconnected as slow.
  bool Send(const PeerId& to, const Message& msg);
  // Queues `msg` for every connected peer but `except`, and marks a gossip message's id
  // as seen. Returns how many peers it was queued for.
  size_t Broadcast(const Message& msg, const PeerId* except = nullptr);
  // Closes the connection to `id` (if any); a persistent peer is redialed.
  void Disconnect(const PeerId& id, std::string_view reason);
  // Disconnects `id` and refuses it (and its IP, unless loopback) for ban_duration.
  void Ban(const PeerId& id, std::string_view reason);
  bool IsBanned(const PeerId& id) const;

  bool IsConnected(const PeerId& id) const { return peers_.count(id) != 0; }
  std::vector<PeerInfo> Peers() const;
  size_t peer_count() const { return peers_.size(); }

 private:
  struct Peer {
    std::shared_ptr<P2pConnection> conn;
    uint64_t connected_since_ms = 0;
    std::optional<StatusMsg> last_status;
    std::chrono::steady_clock::time_point last_ping_sent;
    std::optional<uint64_t> ping_nonce;  // outstanding
    std::optional<std::chrono::milliseconds> ping_rtt;
  };
  struct PersistentPeer {
    PersistentPeer(boost::asio::io_context& io, PeerAddress a) : address(std::move(a)), timer(io) {}
    PeerAddress address;
    uint32_t failures = 0;  // since the last established connection
    uint64_t dialing = 0;   // serial of the dial in progress, 0 = none
    boost::asio::steady_timer timer;
  };

  // P2pConnection::Delegate
  chain::Status OnAuthenticated(P2pConnection& conn) override;
  void OnEstablished(P2pConnection& conn) override;
  void OnFrame(P2pConnection& conn, chain::Bytes plaintext) override;
  void OnClosed(P2pConnection& conn, const chain::Status& why, bool misbehaved) override;

  chain::Status CheckOptions() const;
  void Accept();
  void OnAccepted(boost::asio::ip::tcp::socket socket);
  void MaybeDial(PersistentPeer& peer);
  void ScheduleRedial(PersistentPeer& peer);
  std::chrono::milliseconds Backoff(uint32_t failures);
  PersistentPeer* FindPersistent(const PeerId& id);
  void ScheduleMaintenance();
  void Maintain();
  void BanPeer(const std::optional<PeerId>& id, const std::string& ip, bool loopback, std::string_view reason);
  void CloseAll(const PeerId& id, const chain::Status& why);
  bool SendEncoded(Peer& peer, chain::ByteSpan encoded);
  size_t CountDirection(P2pConnection::Direction direction) const;
  PeerInfo InfoOf(const Peer& peer) const;
  std::string Describe(const P2pConnection& conn) const;

  boost::asio::io_context& io_;
  Options options_;
  Handler& handler_;
  const Clock& clock_;
  P2pConnectionConfig config_;
  PeerId self_id_;
  boost::asio::ip::tcp::acceptor acceptor_;
  boost::asio::steady_timer accept_retry_timer_;
  boost::asio::steady_timer maintenance_timer_;
  std::mt19937_64 rng_;

  uint64_t next_serial_ = 0;
  std::unordered_map<uint64_t, std::shared_ptr<P2pConnection>> connections_;  // every live one, by serial
  std::unordered_map<PeerId, Peer, chain::FixedBytesHasher> peers_;           // established, by id
  std::vector<std::unique_ptr<PersistentPeer>> persistent_;
  BanList bans_;
  SeenCache seen_;
  bool started_ = false;
  bool stopped_ = false;
  // Handlers queued on the io_context hold a weak_ptr to this and do nothing once the
  // network is gone.
  std::shared_ptr<char> alive_ = std::make_shared<char>(0);
};

}  // namespace tfchain::node
