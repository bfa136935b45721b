// P2P handshake wire formats (docs/p2p.md has the whole protocol):
//
//   plain_hello := "TFP2" version:u16 ephemeral:fixed[32]              (38 bytes, plaintext)
//   frame       := length:u32 ciphertext[length]
//                  ciphertext = XChaCha20-Poly1305-IETF(key of the direction,
//                               nonce = counter:u64 LE || 16 zero bytes, no AD, plaintext)
//   auth_hello  := node_key:fixed[32] signature:fixed[64] chain_id:string(<= 64)
//                  genesis_hash:fixed[32] listen_port:u16 node_version:string(<= 64)
//                                                                     (frame 0 of a direction)
//   verdict     := accepted:u8(0|1) reason:string(<= 64)   reason empty iff accepted
//                                                                     (frame 1 of a direction)
//   transcript  := TaggedHash(0x04, dialer_ephemeral listener_ephemeral role:u8)
//                  role: 0 = dialer, 1 = listener (the signer's)
#include "node/p2p_handshake.h"

#include <sodium.h>

#include <cstring>

#include "chain/transaction.h"

namespace tfchain::node {

using chain::Bytes;
using chain::ByteSpan;
using chain::Result;
using chain::Status;

static_assert(crypto_kx_PUBLICKEYBYTES == 32 && crypto_kx_SECRETKEYBYTES == 32 && crypto_kx_SESSIONKEYBYTES == 32);
static_assert(crypto_aead_xchacha20poly1305_ietf_KEYBYTES == 32);
static_assert(crypto_aead_xchacha20poly1305_ietf_NPUBBYTES == 24);
static_assert(crypto_aead_xchacha20poly1305_ietf_ABYTES == kFrameTagSize);

namespace {

std::array<uint8_t, 24> Nonce(uint64_t counter) {
  std::array<uint8_t, 24> nonce{};
  for (int i = 0; i < 8; ++i) nonce[i] = static_cast<uint8_t>(counter >> (8 * i));
  return nonce;
}

}  // namespace

// ---- EphemeralKey

EphemeralKey EphemeralKey::Generate() {
  EphemeralKey key;
  crypto_kx_keypair(key.public_key_.data(), key.secret_.data());
  key.wiped_ = false;
  return key;
}

EphemeralKey::EphemeralKey(EphemeralKey&& other) noexcept { *this = std::move(other); }

EphemeralKey& EphemeralKey::operator=(EphemeralKey&& other) noexcept {
  if (this != &other) {
    public_key_ = other.public_key_;
    secret_ = other.secret_;
    wiped_ = other.wiped_;
    other.Wipe();
  }
  return *this;
}

EphemeralKey::~EphemeralKey() { Wipe(); }

void EphemeralKey::Wipe() {
  sodium_memzero(secret_.data(), secret_.size());
  wiped_ = true;
}

// ---- PlainHello

Bytes EncodePlainHello(const PlainHello& hello) {
  chain::Encoder e;
  e.Raw(kP2pMagic);
  e.U16(hello.version);
  e.Fixed(hello.ephemeral);
  return std::move(e).Take();
}

Result<PlainHello> DecodePlainHello(ByteSpan data) {
  chain::Decoder d(data);
  std::array<uint8_t, 4> magic;
  TF_RETURN_IF_ERROR(d.Raw(magic));
  if (magic != kP2pMagic) return Status::InvalidArgument("bad-magic", "the connection does not start with \"TFP2\"");
  PlainHello hello;
  TF_RETURN_IF_ERROR(d.U16(&hello.version));
  if (hello.version != kP2pProtocolVersion) {
    return Status::InvalidArgument("unsupported-version", "peer speaks protocol version " +
                                                              std::to_string(hello.version) + ", we speak " +
                                                              std::to_string(kP2pProtocolVersion));
  }
  TF_RETURN_IF_ERROR(d.Fixed(&hello.ephemeral));
  TF_RETURN_IF_ERROR(d.Finish());
  return hello;
}

// ---- SessionCipher

Result<SessionCipher> SessionCipher::Derive(HandshakeRole role, EphemeralKey& own,
                                            const X25519PublicKey& peer_ephemeral) {
  if (own.wiped_) return Status::Internal("handshake-key-wiped", "the ephemeral key was already used");
  SessionCipher cipher;
  int rc;
  if (role == HandshakeRole::kDialer) {
    rc = crypto_kx_client_session_keys(cipher.receive_key_.data(), cipher.send_key_.data(), own.public_key_.data(),
                                       own.secret_.data(), peer_ephemeral.data());
  } else {
    rc = crypto_kx_server_session_keys(cipher.receive_key_.data(), cipher.send_key_.data(), own.public_key_.data(),
                                       own.secret_.data(), peer_ephemeral.data());
  }
  own.Wipe();
  if (rc != 0) return Status::InvalidArgument("bad-handshake-key", "the peer's ephemeral key is unacceptable");
  cipher.wiped_ = false;
  return cipher;
}

SessionCipher::SessionCipher(SessionCipher&& other) noexcept { *this = std::move(other); }

SessionCipher& SessionCipher::operator=(SessionCipher&& other) noexcept {
  if (this != &other) {
    send_key_ = other.send_key_;
    receive_key_ = other.receive_key_;
    send_counter_ = other.send_counter_;
    receive_counter_ = other.receive_counter_;
    wiped_ = other.wiped_;
    other.Wipe();
  }
  return *this;
}

SessionCipher::~SessionCipher() { Wipe(); }

void SessionCipher::Wipe() {
  sodium_memzero(send_key_.data(), send_key_.size());
  sodium_memzero(receive_key_.data(), receive_key_.size());
  wiped_ = true;
}

Bytes SessionCipher::SealFrame(ByteSpan plaintext) {
  CHECK(!wiped_);
  CHECK(send_counter_ != UINT64_MAX);
  CHECK(plaintext.size() <= UINT32_MAX - kFrameTagSize);
  const size_t ct_size = plaintext.size() + kFrameTagSize;
  Bytes frame(kFrameLengthSize + ct_size);
  for (size_t i = 0; i < kFrameLengthSize; ++i) frame[i] = static_cast<uint8_t>(ct_size >> (8 * i));
  const std::array<uint8_t, 24> nonce = Nonce(send_counter_++);
  unsigned long long written = 0;
  crypto_aead_xchacha20poly1305_ietf_encrypt(frame.data() + kFrameLengthSize, &written, plaintext.data(),
                                             plaintext.size(), nullptr, 0, nullptr, nonce.data(), send_key_.data());
  CHECK(written == ct_size);
  return frame;
}

Result<Bytes> SessionCipher::Open(ByteSpan ciphertext) {
  CHECK(!wiped_);
  if (ciphertext.size() < kFrameTagSize) {
    return Status::InvalidArgument(
        "bad-frame", "a frame of " + std::to_string(ciphertext.size()) + " bytes is shorter than its tag");
  }
  if (receive_counter_ == UINT64_MAX) return Status::InvalidArgument("bad-frame", "nonce counter exhausted");
  Bytes plaintext(ciphertext.size() - kFrameTagSize);
  const std::array<uint8_t, 24> nonce = Nonce(receive_counter_);
  unsigned long long written = 0;
  if (crypto_aead_xchacha20poly1305_ietf_decrypt(plaintext.data(), &written, nullptr, ciphertext.data(),
                                                 ciphertext.size(), nullptr, 0, nonce.data(),
                                                 receive_key_.data()) != 0) {
    return Status::InvalidArgument("bad-frame", "frame " + std::to_string(receive_counter_) +
                                                    " failed authentication (tampered, replayed or reordered)");
  }
  ++receive_counter_;
  return plaintext;
}

// ---- AuthHello

void EncodeTo(chain::Encoder& e, const AuthHello& hello) {
  e.Fixed(hello.node_key);
  e.Raw(hello.signature);
  e.Str(hello.chain_id);
  e.Fixed(hello.genesis_hash);
  e.U16(hello.listen_port);
  e.Str(hello.node_version);
}

Status DecodeFrom(chain::Decoder& d, AuthHello* out) {
  TF_RETURN_IF_ERROR(d.Fixed(&out->node_key));
  TF_RETURN_IF_ERROR(d.Raw(out->signature));
  TF_RETURN_IF_ERROR(d.Str(&out->chain_id, chain::kMaxChainIdLength));
  TF_RETURN_IF_ERROR(d.Fixed(&out->genesis_hash));
  TF_RETURN_IF_ERROR(d.U16(&out->listen_port));
  return d.Str(&out->node_version, kMaxNodeVersionLength);
}

chain::Hash256 HandshakeTranscript(const X25519PublicKey& dialer_ephemeral, const X25519PublicKey& listener_ephemeral,
                                   HandshakeRole signer) {
  const uint8_t role = static_cast<uint8_t>(signer);
  return chain::Blake2bHasher(chain::HashDomain::kP2pHandshake)
      .Update(dialer_ephemeral.span())
      .Update(listener_ephemeral.span())
      .Update(ByteSpan(&role, 1))
      .Final();
}

AuthHello MakeAuthHello(const chain::SecretKey& node_key, HandshakeRole role, const X25519PublicKey& dialer_ephemeral,
                        const X25519PublicKey& listener_ephemeral, std::string chain_id,
                        const chain::Hash256& genesis_hash, uint16_t listen_port, std::string node_version) {
  CHECK(node_key.scheme() == chain::KeyScheme::kEd25519);
  AuthHello hello;
  hello.node_key = PeerId::FromSpan(node_key.public_key().bytes());
  const chain::Signature sig = node_key.Sign(HandshakeTranscript(dialer_ephemeral, listener_ephemeral, role).span());
  std::memcpy(hello.signature.data(), sig.bytes().data(), hello.signature.size());
  hello.chain_id = std::move(chain_id);
  hello.genesis_hash = genesis_hash;
  hello.listen_port = listen_port;
  hello.node_version = std::move(node_version);
  if (hello.node_version.size() > kMaxNodeVersionLength) hello.node_version.resize(kMaxNodeVersionLength);
  return hello;
}

Status VerifyAuthHello(const AuthHello& hello, HandshakeRole signer, const X25519PublicKey& dialer_ephemeral,
                       const X25519PublicKey& listener_ephemeral, std::string_view chain_id,
                       const chain::Hash256& genesis_hash) {
  Result<chain::PublicKey> key = chain::PublicKey::Parse(chain::KeyScheme::kEd25519, hello.node_key.span());
  if (!key.ok()) {
    return Status::InvalidArgument("bad-handshake-key", "node key " + PeerIdString(hello.node_key) + " is invalid");
  }
  const chain::Signature sig = chain::Signature::Parse(chain::KeyScheme::kEd25519, hello.signature).value();
  if (!chain::Verify(*key, HandshakeTranscript(dialer_ephemeral, listener_ephemeral, signer).span(), sig)) {
    return Status::InvalidArgument("bad-handshake-signature",
                                   "node key " + ShortPeerId(hello.node_key) + " did not sign this session");
  }
  if (hello.chain_id != chain_id) {
    return Status::InvalidArgument(
        "wrong-chain", "peer is on chain '" + hello.chain_id + "', we are on '" + std::string(chain_id) + "'");
  }
  if (hello.genesis_hash != genesis_hash) {
    return Status::InvalidArgument("wrong-genesis",
                                   "peer's genesis is " + hello.genesis_hash.Hex() + ", ours is " + genesis_hash.Hex());
  }
  return Status::Ok();
}

// ---- Verdict

void EncodeTo(chain::Encoder& e, const Verdict& verdict) {
  e.U8(verdict.accepted ? 1 : 0);
  e.Str(verdict.reason);
}

Status DecodeFrom(chain::Decoder& d, Verdict* out) {
  TF_RETURN_IF_ERROR(d.Bool(&out->accepted));
  TF_RETURN_IF_ERROR(d.Str(&out->reason, kMaxVerdictReasonLength));
  if (out->accepted && !out->reason.empty()) {
    return Status::InvalidArgument("decode-bad-value", "an accepting verdict carries no reason");
  }
  return Status::Ok();
}

}  // namespace tfchain::node
