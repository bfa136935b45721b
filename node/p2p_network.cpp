#include "node/p2p_network.h"

#include <boost/asio/post.hpp>

#include <algorithm>
#include <cstring>

#include "node/log.h"

namespace tfchain::node {

namespace asio = boost::asio;
using tcp = asio::ip::tcp;
using chain::Status;
using Direction = P2pConnection::Direction;
using SteadyClock = std::chrono::steady_clock;

namespace {

constexpr std::chrono::milliseconds kAcceptRetryDelay{100};

uint64_t SeedFrom(const PeerId& id) {
  uint64_t seed;
  std::memcpy(&seed, id.data(), sizeof(seed));
  return seed;
}

std::string Ms(std::chrono::milliseconds d) { return std::to_string(d.count()) + " ms"; }

}  // namespace

P2pNetwork::P2pNetwork(asio::io_context& io, Options options, Handler& handler, const Clock& clock)
    : io_(io),
      options_(std::move(options)),
      handler_(handler),
      clock_(clock),
      acceptor_(io),
      accept_retry_timer_(io),
      maintenance_timer_(io),
      seen_(std::max<size_t>(options_.seen_cache_size, 1)) {
  if (options_.node_key && options_.node_key->scheme() == chain::KeyScheme::kEd25519) {
    self_id_ = PeerId::FromSpan(options_.node_key->public_key().bytes());
  }
  rng_.seed(SeedFrom(self_id_));
  config_.node_key = options_.node_key ? &*options_.node_key : nullptr;
  config_.chain_id = options_.chain_id;
  config_.genesis_hash = options_.genesis_hash;
  config_.node_version = options_.node_version;
  config_.max_frame_bytes = options_.max_frame_bytes;
  config_.handshake_timeout = options_.handshake_timeout;
  config_.max_send_queue_bytes = options_.max_send_queue_bytes;
}

P2pNetwork::~P2pNetwork() { Stop(); }

Status P2pNetwork::CheckOptions() const {
  if (!options_.node_key || options_.node_key->scheme() != chain::KeyScheme::kEd25519) {
    return Status::InvalidArgument("bad-node-key", "the P2P node key must be an ed25519 key");
  }
  auto bad = [](std::string what) { return Status::InvalidArgument("bad-p2p-options", std::move(what)); };
  if (options_.max_frame_bytes <= kFrameTagSize || options_.max_frame_bytes > UINT32_MAX) {
    return bad("max_frame_bytes must be in " + std::to_string(kFrameTagSize + 1) + ".." + std::to_string(UINT32_MAX));
  }
  if (options_.seen_cache_size == 0 || options_.max_send_queue_bytes == 0) {
    return bad("seen_cache_size and max_send_queue_bytes must be positive");
  }
  const std::chrono::milliseconds zero{0};
  if (options_.handshake_timeout <= zero || options_.ping_interval <= zero || options_.idle_timeout <= zero ||
      options_.ban_duration <= zero || options_.redial_min <= zero || options_.redial_min > options_.redial_max) {
    return bad("timeouts and intervals must be positive and redial_min <= redial_max");
  }
  return Status::Ok();
}

Status P2pNetwork::Start() {
  CHECK(!started_ && !stopped_);
  TF_RETURN_IF_ERROR(CheckOptions());
  const std::string where = options_.listen_host + ":" + std::to_string(options_.listen_port);
  boost::system::error_code ec;
  tcp::resolver resolver(io_);
  const auto resolved = resolver.resolve(options_.listen_host, std::to_string(options_.listen_port),
                                         tcp::resolver::passive | tcp::resolver::numeric_service, ec);
  if (ec || resolved.empty()) {
    return Status::IoError("p2p-bind-failed", "cannot resolve " + where + ": " + ec.message());
  }
  const tcp::endpoint endpoint = resolved.begin()->endpoint();
  acceptor_.open(endpoint.protocol(), ec);
  if (!ec) acceptor_.set_option(tcp::acceptor::reuse_address(true), ec);
  if (!ec) acceptor_.bind(endpoint, ec);
  if (!ec) acceptor_.listen(asio::socket_base::max_listen_connections, ec);
  if (ec) {
    acceptor_.close(ec);
    return Status::IoError("p2p-bind-failed", "cannot listen on " + where + ": " + ec.message());
  }
  config_.listen_port = acceptor_.local_endpoint(ec).port();
  started_ = true;
  LogInfo("p2p: node " + PeerIdString(self_id_) + " listening on " + endpoint.address().to_string() + ":" +
          std::to_string(config_.listen_port));

  Accept();
  ScheduleMaintenance();
  for (const PeerAddress& address : options_.persistent_peers) {
    if (address.id == self_id_) {
      LogInfo("p2p: skipping persistent peer " + address.ToString() + ": it is this node");
      continue;
    }
    persistent_.push_back(std::make_unique<PersistentPeer>(io_, address));
  }
  for (const auto& peer : persistent_) MaybeDial(*peer);
  return Status::Ok();
}

void P2pNetwork::Stop() {
  if (stopped_) return;
  stopped_ = true;
  boost::system::error_code ignored;
  acceptor_.close(ignored);
  accept_retry_timer_.cancel();
  maintenance_timer_.cancel();
  for (const auto& peer : persistent_) peer->timer.cancel();
  std::vector<std::shared_ptr<P2pConnection>> all;
  for (const auto& [serial, conn] : connections_) all.push_back(conn);
  for (const auto& conn : all) conn->Close(Status::Unavailable("shutdown", "the network is stopping"));
  connections_.clear();
  peers_.clear();
  if (started_) LogInfo("p2p: stopped");
}

// ---- Accepting and dialing

void P2pNetwork::Accept() {
  acceptor_.async_accept(
      [this, alive = std::weak_ptr<char>(alive_)](const boost::system::error_code& ec, tcp::socket socket) {
        if (alive.expired() || stopped_) return;
        if (ec) {
          if (ec == asio::error::operation_aborted) return;
          LogWarn("p2p: accept failed: " + ec.message());
          accept_retry_timer_.expires_after(kAcceptRetryDelay);
          accept_retry_timer_.async_wait([this, alive](const boost::system::error_code& ec) {
            if (!ec && !alive.expired() && !stopped_) Accept();
          });
          return;
        }
        OnAccepted(std::move(socket));
        Accept();
      });
}

void P2pNetwork::OnAccepted(tcp::socket socket) {
  boost::system::error_code ec;
  const tcp::endpoint remote = socket.remote_endpoint(ec);
  if (ec) return;  // already gone
  const std::string ip = remote.address().to_string();
  const std::string from = ip + ":" + std::to_string(remote.port());
  if (bans_.IpBannedUntil(ip, SteadyClock::now())) {
    LogInfo("p2p: refused inbound connection from " + from + ": banned");
    return;  // closing the socket refuses it
  }
  if (CountDirection(Direction::kInbound) >= options_.max_inbound) {
    LogInfo("p2p: refused inbound connection from " + from + ": too-many-inbound (" +
            std::to_string(options_.max_inbound) + ")");
    return;
  }
  auto conn = P2pConnection::Inbound(std::move(socket), config_, *this, ++next_serial_);
  connections_.emplace(conn->serial(), conn);
  conn->Start();
}

P2pNetwork::PersistentPeer* P2pNetwork::FindPersistent(const PeerId& id) {
  for (const auto& peer : persistent_) {
    if (peer->address.id == id) return peer.get();
  }
  return nullptr;
}

void P2pNetwork::MaybeDial(PersistentPeer& peer) {
  if (stopped_ || peer.dialing != 0 || peers_.count(peer.address.id) != 0) return;
  if (bans_.IdBannedUntil(peer.address.id, SteadyClock::now()) ||
      CountDirection(Direction::kOutbound) >= options_.max_outbound) {
    return ScheduleRedial(peer);
  }
  auto conn = P2pConnection::Outbound(io_, peer.address, config_, *this, ++next_serial_);
  peer.dialing = conn->serial();
  connections_.emplace(conn->serial(), conn);
  LogDebug("p2p: dialing " + peer.address.ToString());
  conn->Start();
}

std::chrono::milliseconds P2pNetwork::Backoff(uint32_t failures) {
  // redial_min * 2^failures, capped at redial_max, then a uniform jitter over its upper half.
  int64_t base = options_.redial_min.count();
  for (uint32_t i = 0; i < failures && base < options_.redial_max.count(); ++i) base *= 2;
  base = std::min<int64_t>(base, options_.redial_max.count());
  const int64_t half = base / 2;
  return std::chrono::milliseconds(base - half + static_cast<int64_t>(rng_() % static_cast<uint64_t>(half + 1)));
}

void P2pNetwork::ScheduleRedial(PersistentPeer& peer) {
  if (stopped_) return;
  std::chrono::milliseconds delay = Backoff(peer.failures);
  if (peer.failures < UINT32_MAX) ++peer.failures;
  const auto now = SteadyClock::now();
  if (auto until = bans_.IdBannedUntil(peer.address.id, now)) {
    delay = std::max(delay, std::chrono::ceil<std::chrono::milliseconds>(*until - now));
  }
  LogDebug("p2p: redialing " + peer.address.ToString() + " in " + Ms(delay));
  peer.timer.expires_after(delay);
  peer.timer.async_wait([this, alive = std::weak_ptr<char>(alive_), p = &peer](const boost::system::error_code& ec) {
    if (ec || alive.expired()) return;
    MaybeDial(*p);
  });
}

size_t P2pNetwork::CountDirection(Direction direction) const {
  return static_cast<size_t>(std::count_if(connections_.begin(), connections_.end(), [direction](const auto& entry) {
    return entry.second->direction() == direction;
  }));
}

// ---- Handshake decisions (P2pConnection::Delegate)

Status P2pNetwork::OnAuthenticated(P2pConnection& conn) {
  const PeerId& id = conn.peer_id();
  if (bans_.IdBannedUntil(id, SteadyClock::now())) {
    return Status::Unavailable("banned", "peer " + ShortPeerId(id) + " is banned");
  }
  // One connection per peer. Of two in opposite directions (both nodes dialed at once)
  // both sides keep the one dialed by the smaller id; otherwise the older one stays.
  std::vector<std::shared_ptr<P2pConnection>> replaced;
  for (const auto& [serial, other] : connections_) {
    if (other.get() == &conn || !other->authenticated() || other->peer_id() != id) continue;
    if (other->state() != P2pConnection::State::kVerdict && other->state() != P2pConnection::State::kEstablished) {
      continue;
    }
    const bool prefer_new = conn.direction() != other->direction() && (!conn.inbound()) == (self_id_ < id);
    if (!prefer_new) return Status::Unavailable("duplicate-peer", "already connected to " + ShortPeerId(id));
    replaced.push_back(other);
  }
  for (const auto& other : replaced) {
    other->Close(Status::Unavailable("duplicate-peer", "replaced by the connection dialed by the smaller id"));
  }
  return Status::Ok();
}

void P2pNetwork::OnEstablished(P2pConnection& conn) {
  const PeerId id = conn.peer_id();
  auto it = connections_.find(conn.serial());
  CHECK(it != connections_.end());
  if (peers_.count(id) != 0) {
    return conn.Close(Status::Unavailable("duplicate-peer", "already connected to " + ShortPeerId(id)));
  }
  Peer& peer = peers_[id];
  peer.conn = it->second;
  peer.connected_since_ms = clock_.NowMs();
  peer.last_ping_sent = SteadyClock::now();
  if (PersistentPeer* p = FindPersistent(id)) {
    p->failures = 0;
    if (p->dialing == conn.serial()) p->dialing = 0;
    p->timer.cancel();
  }
  LogInfo("p2p: connected " + Describe(conn) + " version \"" + conn.peer_hello().node_version + "\"");
  handler_.OnPeerConnected(InfoOf(peer));
}

// ---- Messages

void P2pNetwork::OnFrame(P2pConnection& conn, chain::Bytes plaintext) {
  chain::Result<Message> msg = DecodeMessage(plaintext, options_.max_frame_bytes - kFrameTagSize);
  if (!msg.ok()) {
    return conn.Close(Status::InvalidArgument("bad-message: " + std::string(msg.status().reason()),
                                              std::string(msg.status().detail())),
                      true);
  }
  const PeerId id = conn.peer_id();
  auto it = peers_.find(id);
  if (it == peers_.end() || it->second.conn.get() != &conn) return;
  Peer& peer = it->second;
  if (IsGossip(*msg) && !seen_.Insert(chain::Blake2b256(plaintext))) return;
  if (const Ping* ping = std::get_if<Ping>(&*msg)) {
    SendEncoded(peer, EncodeMessage(Pong{ping->nonce}));
    return;
  }
  if (const Pong* pong = std::get_if<Pong>(&*msg)) {
    if (peer.ping_nonce == pong->nonce) {
      peer.ping_rtt = std::chrono::duration_cast<std::chrono::milliseconds>(SteadyClock::now() - peer.last_ping_sent);
      peer.ping_nonce.reset();
    }
    return;
  }
  if (const StatusMsg* status = std::get_if<StatusMsg>(&*msg)) peer.last_status = *status;
  handler_.OnMessage(id, std::move(msg).value());
}

bool P2pNetwork::SendEncoded(Peer& peer, chain::ByteSpan encoded) {
  if (encoded.size() > options_.max_frame_bytes - kFrameTagSize) {
    LogError("p2p: not sending a message of " + std::to_string(encoded.size()) + " bytes: frames hold at most " +
             std::to_string(options_.max_frame_bytes - kFrameTagSize));
    return false;
  }
  // Keep the connection alive: Send may close it, which erases `peer`.
  const std::shared_ptr<P2pConnection> conn = peer.conn;
  return conn->Send(encoded);
}

bool P2pNetwork::Send(const PeerId& to, const Message& msg) {
  auto it = peers_.find(to);
  if (it == peers_.end()) return false;
  return SendEncoded(it->second, EncodeMessage(msg));
}

size_t P2pNetwork::Broadcast(const Message& msg, const PeerId* except) {
  const chain::Bytes encoded = EncodeMessage(msg);
  if (IsGossip(msg)) seen_.Insert(chain::Blake2b256(encoded));
  std::vector<PeerId> targets;
  for (const auto& [id, peer] : peers_) {
    if (except == nullptr || id != *except) targets.push_back(id);
  }
  size_t sent = 0;
  for (const PeerId& id : targets) {
    auto it = peers_.find(id);  // an earlier Send may have closed a connection
    if (it != peers_.end() && SendEncoded(it->second, encoded)) ++sent;
  }
  return sent;
}

// ---- Disconnects and bans

void P2pNetwork::CloseAll(const PeerId& id, const Status& why) {
  std::vector<std::shared_ptr<P2pConnection>> matching;
  for (const auto& [serial, conn] : connections_) {
    if (conn->authenticated() && conn->peer_id() == id) matching.push_back(conn);
  }
  for (const auto& conn : matching) conn->Close(why);
}

void P2pNetwork::Disconnect(const PeerId& id, std::string_view reason) {
  CloseAll(id, Status::Unavailable(std::string(reason), "disconnected by the node"));
}

void P2pNetwork::Ban(const PeerId& id, std::string_view reason) {
  auto it = peers_.find(id);
  if (it != peers_.end()) {
    BanPeer(id, it->second.conn->remote_ip(), it->second.conn->remote_is_loopback(), reason);
  } else {
    BanPeer(id, "", true, reason);
  }
  CloseAll(id, Status::Unavailable(std::string(reason), "banned by the node"));
}

bool P2pNetwork::IsBanned(const PeerId& id) const { return bans_.IdBannedUntil(id, SteadyClock::now()).has_value(); }

void P2pNetwork::BanPeer(const std::optional<PeerId>& id, const std::string& ip, bool loopback,
                         std::string_view reason) {
  const auto until = SteadyClock::now() + options_.ban_duration;
  std::string who;
  if (id) {
    bans_.BanId(*id, until);
    who = "peer " + ShortPeerId(*id);
  }
  if (!ip.empty() && (!id || !loopback)) {
    bans_.BanIp(ip, until);
    who += (who.empty() ? "" : " and ") + std::string("IP ") + ip;
  }
  if (!who.empty()) LogWarn("p2p: banned " + who + " for " + Ms(options_.ban_duration) + ": " + std::string(reason));
}

void P2pNetwork::OnClosed(P2pConnection& conn, const Status& why, bool misbehaved) {
  const std::shared_ptr<P2pConnection> keep_alive = conn.shared_from_this();
  connections_.erase(conn.serial());
  bool was_peer = false;
  if (conn.authenticated()) {
    auto it = peers_.find(conn.peer_id());
    if (it != peers_.end() && it->second.conn.get() == &conn) {
      peers_.erase(it);
      was_peer = true;
    }
  }
  if (stopped_) return;

  if (was_peer) {
    LogInfo("p2p: disconnected " + Describe(conn) + ": " + why.ToString());
  } else if (conn.dialed() && why.reason() == "dial-failed") {
    LogDebug("p2p: " + why.ToString());
  } else {
    LogInfo("p2p: handshake with " + Describe(conn) + " failed: " + why.ToString());
  }
  if (misbehaved) {
    BanPeer(conn.authenticated() ? std::optional<PeerId>(conn.peer_id()) : std::nullopt, conn.remote_ip(),
            conn.remote_is_loopback(), why.reason());
  }
  if (was_peer) {
    // Posted, so that a Handler never sees a callback from inside a network method.
    asio::post(io_,
               [this, alive = std::weak_ptr<char>(alive_), id = conn.peer_id(), reason = std::string(why.reason())] {
                 if (alive.expired() || stopped_) return;
                 handler_.OnPeerDisconnected(id, reason);
               });
  }

  PersistentPeer* persistent = nullptr;
  for (const auto& p : persistent_) {
    if (p->dialing == conn.serial() || (conn.authenticated() && p->address.id == conn.peer_id())) persistent = p.get();
  }
  if (persistent != nullptr) {
    if (persistent->dialing == conn.serial()) persistent->dialing = 0;
    if (persistent->dialing == 0 && peers_.count(persistent->address.id) == 0) ScheduleRedial(*persistent);
  }
}

// ---- Keepalive and housekeeping

void P2pNetwork::ScheduleMaintenance() {
  const auto tick = std::clamp(std::min(options_.ping_interval, options_.idle_timeout) / 4,
                               std::chrono::milliseconds(10), std::chrono::milliseconds(1000));
  maintenance_timer_.expires_after(tick);
  maintenance_timer_.async_wait([this, alive = std::weak_ptr<char>(alive_)](const boost::system::error_code& ec) {
    if (ec || alive.expired() || stopped_) return;
    Maintain();
    ScheduleMaintenance();
  });
}

void P2pNetwork::Maintain() {
  const auto now = SteadyClock::now();
  bans_.Expire(now);
  std::vector<PeerId> idle;
  std::vector<PeerId> to_ping;
  for (const auto& [id, peer] : peers_) {
    if (now - peer.conn->last_receive() >= options_.idle_timeout) {
      idle.push_back(id);
    } else if (now - peer.last_ping_sent >= options_.ping_interval) {
      to_ping.push_back(id);
    }
  }
  for (const PeerId& id : idle) {
    CloseAll(id, Status::Unavailable("idle-timeout", "nothing received for " + Ms(options_.idle_timeout)));
  }
  for (const PeerId& id : to_ping) {
    auto it = peers_.find(id);
    if (it == peers_.end()) continue;
    const uint64_t nonce = rng_();
    it->second.last_ping_sent = now;
    it->second.ping_nonce = nonce;
    SendEncoded(it->second, EncodeMessage(Ping{nonce}));
  }
}

// ---- Introspection

PeerInfo P2pNetwork::InfoOf(const Peer& peer) const {
  PeerInfo info;
  info.id = peer.conn->peer_id();
  info.address = peer.conn->remote_address();
  info.listen_port = peer.conn->peer_hello().listen_port;
  info.inbound = peer.conn->inbound();
  info.node_version = peer.conn->peer_hello().node_version;
  info.connected_since_ms = peer.connected_since_ms;
  info.last_status = peer.last_status;
  info.bytes_in = peer.conn->bytes_in();
  info.bytes_out = peer.conn->bytes_out();
  info.ping_rtt = peer.ping_rtt;
  return info;
}

std::vector<PeerInfo> P2pNetwork::Peers() const {
  std::vector<PeerInfo> out;
  out.reserve(peers_.size());
  for (const auto& [id, peer] : peers_) out.push_back(InfoOf(peer));
  std::sort(out.begin(), out.end(), [](const PeerInfo& a, const PeerInfo& b) { return a.id < b.id; });
  return out;
}

std::string P2pNetwork::Describe(const P2pConnection& conn) const {
  std::string out;
  if (conn.authenticated()) {
    out = "peer " + ShortPeerId(conn.peer_id()) + "@" + conn.remote_address();
  } else if (conn.dialed()) {
    out = conn.dialed()->ToString();
  } else {
    out = conn.remote_address().empty() ? "unknown peer" : conn.remote_address();
  }
  return out + (conn.inbound() ? " (inbound)" : " (outbound)");
}

}  // namespace tfchain::node
