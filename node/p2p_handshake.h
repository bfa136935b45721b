#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>

#include "chain/bytes.h"
#include "chain/codec.h"
#include "chain/hash.h"
#include "chain/keys.h"
#include "chain/status.h"
#include "node/p2p_peer_address.h"

namespace tfchain::node {

// The pieces of the P2P handshake that involve no I/O (docs/p2p.md, grammar in
// p2p_handshake.cpp), shared by P2pConnection and by tests that speak the protocol by
// hand. The sequence on a fresh TCP connection, both sides at once:
//   1. PlainHello (plaintext): magic, version, a fresh X25519 key (EphemeralKey);
//   2. SessionCipher::Derive: one XChaCha20-Poly1305 key per direction (crypto_kx);
//   3. frame 0, encrypted: AuthHello, the node key's signature over HandshakeTranscript;
//   4. frame 1, encrypted: Verdict, accept or refuse with a reason; the connection is
//      established once a side has sent and received an accepting Verdict.

inline constexpr std::array<uint8_t, 4> kP2pMagic = {'T', 'F', 'P', '2'};
// 2: transactions travel in `txs` batches (message 0x02 was one `tx`). Nodes speaking
// another version close the connection as an honest mismatch.
inline constexpr uint16_t kP2pProtocolVersion = 2;
inline constexpr size_t kPlainHelloSize = 4 + 2 + 32;
inline constexpr size_t kMaxNodeVersionLength = 64;
inline constexpr size_t kMaxVerdictReasonLength = 64;
// Bytes a sealed frame adds: the u32 length prefix and the Poly1305 tag.
inline constexpr size_t kFrameLengthSize = 4;
inline constexpr size_t kFrameTagSize = 16;

// Which end of the TCP connection a side is. The wire value is the role byte of the
// transcript.
enum class HandshakeRole : uint8_t { kDialer = 0, kListener = 1 };

struct X25519Tag {};
using X25519PublicKey = chain::FixedBytes<32, X25519Tag>;

// A fresh X25519 key pair for one connection (crypto_kx_keypair). Move-only; the
// secret is wiped on destruction, when moved from, and by Wipe(). Thread-compatible.
class EphemeralKey {
 public:
  static EphemeralKey Generate();
  EphemeralKey(EphemeralKey&& other) noexcept;
  EphemeralKey& operator=(EphemeralKey&& other) noexcept;
  EphemeralKey(const EphemeralKey&) = delete;
  EphemeralKey& operator=(const EphemeralKey&) = delete;
  ~EphemeralKey();

  const X25519PublicKey& public_key() const { return public_key_; }
  // Zeroes the secret; the key can no longer derive session keys.
  void Wipe();

 private:
  friend class SessionCipher;
  EphemeralKey() = default;
  X25519PublicKey public_key_;
  std::array<uint8_t, 32> secret_{};
  bool wiped_ = true;
};

// Step 1, 38 bytes: "TFP2" version:u16 ephemeral:fixed[32].
struct PlainHello {
  uint16_t version = kP2pProtocolVersion;
  X25519PublicKey ephemeral;
};
chain::Bytes EncodePlainHello(const PlainHello& hello);
// Errors: "bad-magic" (not "TFP2"), "unsupported-version" (not kP2pProtocolVersion),
// "decode-truncated" / "decode-trailing-bytes" (not exactly kPlainHelloSize bytes).
chain::Result<PlainHello> DecodePlainHello(chain::ByteSpan data);

// The two directions of one session: seals outgoing frames with the send key and opens
// incoming ones with the receive key, each with its own nonce counter (24-byte nonce =
// the counter little-endian, zero-padded; from 0; no additional data). Move-only; the
// keys are wiped on destruction and by Wipe(). Thread-compatible.
class SessionCipher {
 public:
  // crypto_kx_client_session_keys (dialer) or crypto_kx_server_session_keys (listener)
  // from `own` and the peer's ephemeral key; wipes `own`'s secret. Errors:
  // "bad-handshake-key" (libsodium refuses the peer's key), "handshake-key-wiped".
  static chain::Result<SessionCipher> Derive(HandshakeRole role, EphemeralKey& own,
                                             const X25519PublicKey& peer_ephemeral);
  SessionCipher(SessionCipher&& other) noexcept;
  SessionCipher& operator=(SessionCipher&& other) noexcept;
  SessionCipher(const SessionCipher&) = delete;
  SessionCipher& operator=(const SessionCipher&) = delete;
  ~SessionCipher();

  // The whole frame for `plaintext`: u32 LE length of the ciphertext, then the
  // ciphertext (plaintext.size() + kFrameTagSize bytes) under the next send nonce.
  chain::Bytes SealFrame(chain::ByteSpan plaintext);
  // Opens one ciphertext (the frame without its length prefix) under the next receive
  // nonce. Errors: "bad-frame" (shorter than a tag, or authentication failed: a
  // tampered, replayed, reordered or foreign frame). The counter only advances on success.
  chain::Result<chain::Bytes> Open(chain::ByteSpan ciphertext);
  // Zeroes both keys; Seal/Open must not be called afterwards.
  void Wipe();

  uint64_t frames_sealed() const { return send_counter_; }
  uint64_t frames_opened() const { return receive_counter_; }

 private:
  SessionCipher() = default;
  std::array<uint8_t, 32> send_key_{};
  std::array<uint8_t, 32> receive_key_{};
  uint64_t send_counter_ = 0;
  uint64_t receive_counter_ = 0;
  bool wiped_ = true;
};

// Frame 0: who the sender is and which chain it serves.
struct AuthHello {
  PeerId node_key;                      // the sender's ed25519 node public key
  std::array<uint8_t, 64> signature{};  // ed25519 by node_key over HandshakeTranscript
  std::string chain_id;
  chain::Hash256 genesis_hash;
  uint16_t listen_port = 0;  // where the sender accepts connections (0 = none)
  std::string node_version;  // at most kMaxNodeVersionLength bytes
  bool operator==(const AuthHello&) const = default;
};
void EncodeTo(chain::Encoder& e, const AuthHello& hello);
chain::Status DecodeFrom(chain::Decoder& d, AuthHello* out);

// TaggedHash(kP2pHandshake, dialer_ephemeral || listener_ephemeral || role byte of the
// signer): binds the signature to this session, so it cannot be replayed elsewhere.
chain::Hash256 HandshakeTranscript(const X25519PublicKey& dialer_ephemeral, const X25519PublicKey& listener_ephemeral,
                                   HandshakeRole signer);

// The AuthHello that `node_key` (ed25519) sends in the role `role`.
AuthHello MakeAuthHello(const chain::SecretKey& node_key, HandshakeRole role, const X25519PublicKey& dialer_ephemeral,
                        const X25519PublicKey& listener_ephemeral, std::string chain_id,
                        const chain::Hash256& genesis_hash, uint16_t listen_port, std::string node_version);

// Checks a received AuthHello sent by the side in role `signer`. Errors (InvalidArgument):
//   "bad-handshake-key"        node_key is not a valid ed25519 public key
//   "bad-handshake-signature"  the signature does not verify over the transcript
//   "wrong-chain"              chain_id differs from ours
//   "wrong-genesis"            genesis_hash differs from ours
// Thread-safe.
chain::Status VerifyAuthHello(const AuthHello& hello, HandshakeRole signer, const X25519PublicKey& dialer_ephemeral,
                              const X25519PublicKey& listener_ephemeral, std::string_view chain_id,
                              const chain::Hash256& genesis_hash);

// Frame 1: the receiver's decision about the sender's AuthHello.
struct Verdict {
  bool accepted = false;
  std::string reason;  // why it was refused ("duplicate-peer"); empty when accepted
  bool operator==(const Verdict&) const = default;
};
// Errors of decoding include "decode-bad-value" for an accepting verdict with a reason.
void EncodeTo(chain::Encoder& e, const Verdict& verdict);
chain::Status DecodeFrom(chain::Decoder& d, Verdict* out);

}  // namespace tfchain::node
