// One P2P connection: the handshake state machine and the framed, encrypted stream.
// The byte formats are in p2p_handshake.cpp (handshake, frames) and p2p_message.cpp
// (what established frames carry); docs/p2p.md describes the whole protocol.
//
//   kConnecting --connected--> kPlainHello: send PlainHello, read the peer's (38 bytes)
//   kPlainHello --> kAuthHello: derive the session, send frame 0 (AuthHello), read frame 0
//   kAuthHello  --verified and accepted--> kVerdict: send frame 1 (accept), read frame 1
//              --refused--> kRefusing: send frame 1 (refuse, reason), close when flushed
//   kVerdict    --peer accepts--> kEstablished: frames 2.. carry messages
//   any         --error, timeout, Close()--> kClosed
#include "node/p2p_connection.h"

#include <boost/asio/connect.hpp>
#include <boost/asio/read.hpp>
#include <boost/asio/write.hpp>

namespace tfchain::node {

namespace asio = boost::asio;
using tcp = asio::ip::tcp;
using chain::Bytes;
using chain::Result;
using chain::Status;

namespace {

// Handshake frames (AuthHello, Verdict) are small; anything larger is an attack.
constexpr size_t kMaxHandshakeFrameBytes = 1024;
// One write gathers at most this many queued frames / bytes (a single larger frame is
// written alone).
constexpr size_t kMaxWriteBatchFrames = 64;
constexpr size_t kMaxWriteBatchBytes = 1024 * 1024;

bool IsPeerClose(const boost::system::error_code& ec) {
  return ec == asio::error::eof || ec == asio::error::connection_reset || ec == asio::error::broken_pipe;
}

}  // namespace

std::shared_ptr<P2pConnection> P2pConnection::Inbound(tcp::socket socket, const P2pConnectionConfig& config,
                                                      Delegate& delegate, uint64_t serial) {
  return std::shared_ptr<P2pConnection>(
      new P2pConnection(std::move(socket), Direction::kInbound, std::nullopt, config, delegate, serial));
}

std::shared_ptr<P2pConnection> P2pConnection::Outbound(asio::io_context& io, PeerAddress address,
                                                       const P2pConnectionConfig& config, Delegate& delegate,
                                                       uint64_t serial) {
  return std::shared_ptr<P2pConnection>(
      new P2pConnection(tcp::socket(io), Direction::kOutbound, std::move(address), config, delegate, serial));
}

P2pConnection::P2pConnection(tcp::socket socket, Direction direction, std::optional<PeerAddress> dialed,
                             const P2pConnectionConfig& config, Delegate& delegate, uint64_t serial)
    : socket_(std::move(socket)),
      resolver_(socket_.get_executor()),
      handshake_timer_(socket_.get_executor()),
      direction_(direction),
      dialed_(std::move(dialed)),
      config_(config),
      delegate_(&delegate),
      serial_(serial),
      ephemeral_(EphemeralKey::Generate()),
      last_receive_(std::chrono::steady_clock::now()) {
  CHECK(config_.node_key != nullptr);
}

P2pConnection::~P2pConnection() = default;  // EphemeralKey and SessionCipher wipe themselves

void P2pConnection::Start() {
  CHECK(!started_);
  started_ = true;
  handshake_timer_.expires_after(config_.handshake_timeout);
  handshake_timer_.async_wait([self = shared_from_this()](const boost::system::error_code& ec) {
    if (ec || self->state_ == State::kClosed || self->state_ == State::kEstablished) return;
    if (self->state_ == State::kRefusing) return self->Close(*self->refusal_);
    self->Close(Status::Unavailable(
        "handshake-timeout", "no handshake within " + std::to_string(self->config_.handshake_timeout.count()) + " ms"));
  });
  if (direction_ == Direction::kOutbound) {
    Connect();
  } else {
    BeginHandshake();
  }
}

void P2pConnection::Connect() {
  resolver_.async_resolve(
      dialed_->host, std::to_string(dialed_->port),
      [self = shared_from_this()](const boost::system::error_code& ec, tcp::resolver::results_type results) {
        if (self->state_ == State::kClosed) return;
        if (ec) {
          return self->Close(
              Status::Unavailable("dial-failed", "resolving " + self->dialed_->host + ": " + ec.message()));
        }
        asio::async_connect(self->socket_, results, [self](const boost::system::error_code& ec, const tcp::endpoint&) {
          if (self->state_ == State::kClosed) return;
          if (ec) {
            return self->Close(Status::Unavailable("dial-failed", "connecting to " + self->dialed_->host + ":" +
                                                                      std::to_string(self->dialed_->port) + ": " +
                                                                      ec.message()));
          }
          self->BeginHandshake();
        });
      });
}

void P2pConnection::BeginHandshake() {
  boost::system::error_code ec;
  const tcp::endpoint remote = socket_.remote_endpoint(ec);
  if (ec) return Close(Status::Unavailable("connection-closed", "no remote endpoint: " + ec.message()));
  remote_ip_ = remote.address().to_string();
  remote_address_ =
      (remote.address().is_v6() ? "[" + remote_ip_ + "]" : remote_ip_) + ":" + std::to_string(remote.port());
  remote_is_loopback_ = remote.address().is_loopback();
  socket_.set_option(tcp::no_delay(true), ec);  // latency matters more than packet count; failure is harmless
  state_ = State::kPlainHello;
  Enqueue(EncodePlainHello(PlainHello{kP2pProtocolVersion, ephemeral_.public_key()}));
  ReadPlainHello();
}

void P2pConnection::ReadPlainHello() {
  read_buffer_.resize(kPlainHelloSize);
  asio::async_read(socket_, asio::buffer(read_buffer_),
                   [self = shared_from_this()](const boost::system::error_code& ec, size_t n) {
                     if (self->state_ == State::kClosed) return;
                     self->bytes_in_ += n;
                     if (ec) return self->OnReadError(ec);
                     self->OnPlainHello();
                   });
}

void P2pConnection::OnPlainHello() {
  last_receive_ = std::chrono::steady_clock::now();
  Result<PlainHello> hello = DecodePlainHello(read_buffer_);
  if (!hello.ok()) {
    // A peer of another protocol version is honest; anything else is not our protocol.
    return Close(hello.status(), hello.status().reason() != "unsupported-version");
  }
  peer_ephemeral_ = hello->ephemeral;
  const HandshakeRole role = direction_ == Direction::kOutbound ? HandshakeRole::kDialer : HandshakeRole::kListener;
  Result<SessionCipher> cipher = SessionCipher::Derive(role, ephemeral_, peer_ephemeral_);
  if (!cipher.ok()) return Close(cipher.status(), true);
  cipher_.emplace(std::move(cipher).value());

  const bool dialer = direction_ == Direction::kOutbound;
  const X25519PublicKey& dialer_key = dialer ? ephemeral_.public_key() : peer_ephemeral_;
  const X25519PublicKey& listener_key = dialer ? peer_ephemeral_ : ephemeral_.public_key();
  const AuthHello own = MakeAuthHello(*config_.node_key, role, dialer_key, listener_key, config_.chain_id,
                                      config_.genesis_hash, config_.listen_port, config_.node_version);
  Enqueue(cipher_->SealFrame(chain::Encode(own)));
  state_ = State::kAuthHello;
  ReadFrame();
}

size_t P2pConnection::FrameLimit() const {
  return state_ == State::kEstablished ? config_.max_frame_bytes : kMaxHandshakeFrameBytes;
}

void P2pConnection::ReadFrame() {
  read_buffer_.resize(kFrameLengthSize);
  asio::async_read(socket_, asio::buffer(read_buffer_),
                   [self = shared_from_this()](const boost::system::error_code& ec, size_t n) {
                     if (self->state_ == State::kClosed) return;
                     self->bytes_in_ += n;
                     if (ec) return self->OnReadError(ec);
                     self->OnFrameLength();
                   });
}

void P2pConnection::OnFrameLength() {
  uint32_t length = 0;
  for (size_t i = 0; i < kFrameLengthSize; ++i) length |= static_cast<uint32_t>(read_buffer_[i]) << (8 * i);
  if (length > FrameLimit()) {
    return Close(
        Status::InvalidArgument("frame-too-large", "a frame of " + std::to_string(length) +
                                                       " bytes exceeds the limit of " + std::to_string(FrameLimit())),
        true);
  }
  if (length < kFrameTagSize) {
    return Close(
        Status::InvalidArgument("bad-frame", "a frame of " + std::to_string(length) + " bytes is shorter than its tag"),
        true);
  }
  read_buffer_.resize(length);
  asio::async_read(socket_, asio::buffer(read_buffer_),
                   [self = shared_from_this()](const boost::system::error_code& ec, size_t n) {
                     if (self->state_ == State::kClosed) return;
                     self->bytes_in_ += n;
                     if (ec) return self->OnReadError(ec);
                     self->OnFrameBody();
                   });
}

void P2pConnection::OnFrameBody() {
  last_receive_ = std::chrono::steady_clock::now();
  Result<Bytes> plaintext = cipher_->Open(read_buffer_);
  if (!plaintext.ok()) return Close(plaintext.status(), true);
  switch (state_) {
    case State::kAuthHello:
      return OnAuthHello(std::move(plaintext).value());
    case State::kVerdict:
      return OnVerdict(std::move(plaintext).value());
    case State::kEstablished:
      delegate_->OnFrame(*this, std::move(plaintext).value());
      if (state_ == State::kEstablished) ReadFrame();
      return;
    default:
      return;  // not reading in other states
  }
}

void P2pConnection::OnAuthHello(Bytes plaintext) {
  Result<AuthHello> hello = chain::DecodeExact<AuthHello>(plaintext, kMaxHandshakeFrameBytes);
  if (!hello.ok()) {
    return Close(Status::InvalidArgument("bad-handshake", "auth hello: " + hello.status().ToString()), true);
  }
  peer_hello_ = std::move(hello).value();
  const bool dialer = direction_ == Direction::kOutbound;
  const HandshakeRole peer_role = dialer ? HandshakeRole::kListener : HandshakeRole::kDialer;
  const X25519PublicKey& dialer_key = dialer ? ephemeral_.public_key() : peer_ephemeral_;
  const X25519PublicKey& listener_key = dialer ? peer_ephemeral_ : ephemeral_.public_key();
  const Status verified =
      VerifyAuthHello(peer_hello_, peer_role, dialer_key, listener_key, config_.chain_id, config_.genesis_hash);
  if (verified.reason() == "bad-handshake-key" || verified.reason() == "bad-handshake-signature") {
    return Close(verified, true);
  }
  authenticated_ = true;  // the peer proved its node key; the rest is policy
  if (!verified.ok()) return Refuse(verified);
  if (peer_hello_.node_key == PeerId::FromSpan(config_.node_key->public_key().bytes())) {
    return Refuse(Status::InvalidArgument("self-connection", "connected to ourselves at " + remote_address_));
  }
  if (dialed_ && dialed_->id != peer_hello_.node_key) {
    return Refuse(Status::InvalidArgument("unexpected-peer-id", "dialed " + dialed_->ToString() + " but the peer is " +
                                                                    PeerIdString(peer_hello_.node_key)));
  }
  const Status decision = delegate_->OnAuthenticated(*this);
  if (state_ == State::kClosed) return;
  if (!decision.ok()) return Refuse(decision);
  Enqueue(cipher_->SealFrame(chain::Encode(Verdict{true, ""})));
  state_ = State::kVerdict;
  ReadFrame();
}

void P2pConnection::Refuse(const Status& why) {
  state_ = State::kRefusing;
  refusal_ = why;
  std::string reason(why.reason().substr(0, kMaxVerdictReasonLength));
  Enqueue(cipher_->SealFrame(chain::Encode(Verdict{false, std::move(reason)})));
  // WriteNext closes once the verdict is out (or the handshake timer does).
}

void P2pConnection::OnVerdict(Bytes plaintext) {
  Result<Verdict> verdict = chain::DecodeExact<Verdict>(plaintext, kMaxHandshakeFrameBytes);
  if (!verdict.ok()) {
    return Close(Status::InvalidArgument("bad-handshake", "verdict: " + verdict.status().ToString()), true);
  }
  if (!verdict->accepted) {
    return Close(Status::Unavailable(
        "refused-by-peer", "the peer refused us: " + (verdict->reason.empty() ? "no reason" : verdict->reason)));
  }
  state_ = State::kEstablished;
  handshake_timer_.cancel();
  delegate_->OnEstablished(*this);
  if (state_ == State::kEstablished) ReadFrame();
}

bool P2pConnection::Send(chain::ByteSpan plaintext) {
  if (state_ != State::kEstablished) return false;
  Enqueue(cipher_->SealFrame(plaintext));
  if (queued_bytes_ > config_.max_send_queue_bytes) {
    Close(Status::Unavailable("slow-peer", std::to_string(queued_bytes_) + " bytes queued exceed the limit of " +
                                               std::to_string(config_.max_send_queue_bytes)));
    return false;
  }
  return true;
}

void P2pConnection::Enqueue(Bytes bytes) {
  queued_bytes_ += bytes.size();
  write_queue_.push_back(std::move(bytes));
  if (!writing_) WriteNext();
}

void P2pConnection::WriteNext() {
  if (write_queue_.empty()) {
    if (state_ == State::kRefusing) Close(*refusal_);
    return;
  }
  // Gather the queued frames into one write: fewer system calls and packets when gossip
  // is busy.
  std::vector<asio::const_buffer> buffers;
  size_t batch_bytes = 0;
  for (const Bytes& frame : write_queue_) {
    if (buffers.size() == kMaxWriteBatchFrames ||
        (batch_bytes > 0 && batch_bytes + frame.size() > kMaxWriteBatchBytes)) {
      break;
    }
    buffers.push_back(asio::buffer(frame));
    batch_bytes += frame.size();
  }
  writing_ = true;
  in_flight_ = buffers.size();
  asio::async_write(
      socket_, buffers, [self = shared_from_this(), batch_bytes](const boost::system::error_code& ec, size_t n) {
        self->writing_ = false;
        if (self->state_ == State::kClosed) return;
        self->bytes_out_ += n;
        if (ec) {
          if (self->state_ == State::kRefusing) return self->Close(*self->refusal_);
          if (IsPeerClose(ec)) {
            return self->Close(Status::Unavailable("connection-closed", "the peer closed the connection"));
          }
          return self->Close(Status::Unavailable("write-failed", ec.message()));
        }
        self->queued_bytes_ -= batch_bytes;
        for (size_t i = 0; i < self->in_flight_; ++i) self->write_queue_.pop_front();
        self->in_flight_ = 0;
        self->WriteNext();
      });
}

void P2pConnection::OnReadError(const boost::system::error_code& ec) {
  if (IsPeerClose(ec)) return Close(Status::Unavailable("connection-closed", "the peer closed the connection"));
  Close(Status::Unavailable("read-failed", ec.message()));
}

void P2pConnection::Close(const Status& why, bool misbehaved) {
  if (state_ == State::kClosed) return;
  const std::shared_ptr<P2pConnection> keep_alive = shared_from_this();
  state_ = State::kClosed;
  boost::system::error_code ignored;
  handshake_timer_.cancel();
  resolver_.cancel();
  socket_.shutdown(tcp::socket::shutdown_both, ignored);
  socket_.close(ignored);
  if (cipher_) cipher_->Wipe();
  ephemeral_.Wipe();
  // An in-flight write may still reference the front buffers until its handler runs.
  while (write_queue_.size() > (writing_ ? in_flight_ : 0u)) write_queue_.pop_back();
  queued_bytes_ = 0;
  Delegate* delegate = delegate_;
  delegate_ = nullptr;
  if (delegate != nullptr && started_) delegate->OnClosed(*this, why, misbehaved);
}

}  // namespace tfchain::node
