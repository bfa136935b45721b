#pragma once

#include <array>
#include <cstdint>
#include <string_view>

#include "chain/account_id.h"
#include "chain/bytes.h"
#include "chain/codec.h"

namespace tfchain::chain {

// Must be called once before any other crypto in a process (it runs sodium_init and
// sets up the secp256k1 context). Idempotent and thread-safe. Returns false if
// libsodium cannot be initialised.
[[nodiscard]] bool InitCrypto();

// Signature schemes of accounts. The numeric values are the wire tags.
enum class KeyScheme : uint8_t {
  kEd25519 = 0,
  kSecp256k1 = 1,  // ECDSA, recoverable signatures over BLAKE2b-256 of the message
};

// "ed25519" / "secp256k1".
std::string_view SchemeName(KeyScheme scheme);
// Accepts "ed25519", "secp256k1" and "ecdsa", in any letter case. Error: "bad-scheme".
Result<KeyScheme> ParseScheme(std::string_view name);

// A public key that is known to be well-formed for its scheme: 32 bytes for ed25519,
// 33 bytes (compressed, on the curve) for secp256k1. Value type; thread-compatible.
class PublicKey {
 public:
  // Errors: "bad-public-key" (wrong length, not a valid point). ed25519 keys must be
  // canonical, of prime order and not of small order (crypto_core_ed25519_is_valid_point);
  // secp256k1 keys must be 0x02|0x03 || x with x on the curve.
  static Result<PublicKey> Parse(KeyScheme scheme, ByteSpan bytes);

  KeyScheme scheme() const { return scheme_; }
  ByteSpan bytes() const { return ByteSpan(bytes_.data(), size_); }
  // ed25519: the key itself; secp256k1: BLAKE2b-256 of the compressed key.
  AccountId ToAccountId() const;

  bool operator==(const PublicKey& o) const {
    return scheme_ == o.scheme_ && size_ == o.size_ && bytes_ == o.bytes_;
  }

 private:
  PublicKey() = default;
  KeyScheme scheme_ = KeyScheme::kEd25519;
  uint8_t size_ = 0;
  std::array<uint8_t, 33> bytes_{};
};

// A signature tagged with its scheme (Substrate's MultiSignature): 64 bytes for
// ed25519, 65 bytes (r || s || recovery id) for secp256k1. Only the length is known
// to be right; Verify* decide validity. Value type.
//
// Wire format: u8 scheme tag, then the 64 or 65 signature bytes.
class Signature {
 public:
  static constexpr size_t kEd25519Size = 64;
  static constexpr size_t kSecp256k1Size = 65;

  Signature() = default;  // an all-zero ed25519 signature (never valid)
  // Errors: "bad-signature" (wrong length for the scheme).
  static Result<Signature> Parse(KeyScheme scheme, ByteSpan bytes);

  KeyScheme scheme() const { return scheme_; }
  ByteSpan bytes() const { return ByteSpan(bytes_.data(), size_); }
  bool operator==(const Signature& o) const {
    return scheme_ == o.scheme_ && size_ == o.size_ && bytes_ == o.bytes_;
  }

 private:
  KeyScheme scheme_ = KeyScheme::kEd25519;
  uint8_t size_ = kEd25519Size;
  std::array<uint8_t, 65> bytes_{};
};
void EncodeTo(Encoder& e, const Signature& sig);
Status DecodeFrom(Decoder& d, Signature* out);

// True iff `sig` is a valid signature of `message` by `key` (false on a scheme
// mismatch). secp256k1: the key recovered from the signature over
// BLAKE2b-256(message) must be `key`, so the recovery id v (0..3; Substrate's 27/28
// are not accepted) must be right too, and s must be in low-S form (Substrate accepts
// high-S; rejecting it makes signatures non-malleable). Thread-safe.
[[nodiscard]] bool Verify(const PublicKey& key, ByteSpan message, const Signature& sig);

// True iff `sig` is a valid signature of `message` by the key behind `account`:
// ed25519 verifies against the account bytes as the key; secp256k1 recovers the key
// from the signature (rules as Verify) and compares BLAKE2b-256 of it with the
// account. For ed25519 this is the hot path: libsodium checks the key while
// verifying (non-canonical and small-order keys fail) but, unlike PublicKey::Parse,
// does not require it to lie in the prime-order subgroup. Thread-safe.
[[nodiscard]] bool VerifyForAccount(const AccountId& account, ByteSpan message, const Signature& sig);

// A secret key. Move-only; wipes its secret bytes when destroyed and when moved from
// (a moved-from key may only be destroyed or assigned to). Thread-compatible.
class SecretKey {
 public:
  // From a 32-byte seed: the RFC 8032 seed for ed25519, the secret scalar for
  // secp256k1. Errors: "bad-seed" (wrong length, or not a valid secp256k1 scalar).
  static Result<SecretKey> FromSeed(KeyScheme scheme, ByteSpan seed);

  SecretKey(SecretKey&& other) noexcept;
  SecretKey& operator=(SecretKey&& other) noexcept;
  SecretKey(const SecretKey&) = delete;
  SecretKey& operator=(const SecretKey&) = delete;
  ~SecretKey();

  KeyScheme scheme() const { return scheme_; }
  const PublicKey& public_key() const { return public_key_; }
  AccountId account_id() const { return public_key_.ToAccountId(); }
  // The 32-byte seed this key was made from (for the keystore).
  ByteSpan seed() const { return ByteSpan(seed_.data(), seed_.size()); }

  // ed25519: RFC 8032 signature of `message`. secp256k1: recoverable ECDSA signature
  // (RFC 6979 nonce, low-S) of BLAKE2b-256(message), as Substrate's ecdsa::Pair::sign.
  // Deterministic: the same key and message always give the same signature.
  Signature Sign(ByteSpan message) const;

 private:
  SecretKey(KeyScheme scheme, const PublicKey& public_key);
  void Wipe();
  KeyScheme scheme_;
  PublicKey public_key_;
  std::array<uint8_t, 32> seed_{};
  std::array<uint8_t, 64> expanded_{};  // libsodium's ed25519 secret key (seed || public)
};

}  // namespace tfchain::chain
