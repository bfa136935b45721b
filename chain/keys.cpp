// Account keys and signatures: ed25519 (libsodium) and secp256k1 ECDSA
// (libsecp256k1), with Substrate's conventions.
//
// Signature wire format (Substrate's MultiSignature without sr25519):
//   signature := 0x00 byte{64}     ed25519, RFC 8032
//              | 0x01 byte{65}     secp256k1: r:32 s:32 v:1, big-endian r and s,
//                                  v = recovery id in 0..3
//
// secp256k1 rules (as Substrate's ecdsa::Pair, plus malleability protection):
//   - the signed digest is BLAKE2b-256(message);
//   - a signature is valid for a key iff recovering the key from (digest, r, s, v)
//     gives that key, so v must be right too;
//   - s must be in the lower half of the group order (high-S is rejected; Substrate
//     accepts it, but it would let anyone turn one valid signature into a second);
//   - v is 0..3 only: the Ethereum-style 27/28 that Substrate also accepts is not.
#include "chain/keys.h"

#include <secp256k1.h>
#include <secp256k1_recovery.h>
#include <sodium.h>

#include <algorithm>
#include <cctype>
#include <cstring>

#include "chain/hash.h"

namespace tfchain::chain {
namespace {
static_assert(crypto_sign_PUBLICKEYBYTES == 32 && crypto_sign_BYTES == Signature::kEd25519Size &&
              crypto_sign_SEEDBYTES == 32 && crypto_sign_SECRETKEYBYTES == 64);

constexpr size_t kEd25519PublicKeySize = 32;
constexpr size_t kSecp256k1PublicKeySize = 33;

// The process-wide secp256k1 context, created on first use (C++ guarantees the
// initialisation runs once even with concurrent callers). Every function used here
// only reads the context, so sharing it across threads is safe. It is never
// randomised: blinding would need randomness, which chain/ does not have, and
// libsecp256k1's signing is constant-time without it.
const secp256k1_context* Secp256k1Context() {
  static const secp256k1_context* const context = secp256k1_context_create(SECP256K1_CONTEXT_NONE);
  return context;
}

size_t SignatureSize(KeyScheme scheme) {
  return scheme == KeyScheme::kEd25519 ? Signature::kEd25519Size : Signature::kSecp256k1Size;
}

// Recovers the compressed public key that produced the recoverable secp256k1
// signature `sig` (65 bytes) over BLAKE2b-256(message). False if the signature is
// malformed (r or s out of range, v > 3), not low-S, or recovers no key.
bool RecoverSecp256k1(ByteSpan message, ByteSpan sig, std::array<uint8_t, kSecp256k1PublicKeySize>* out) {
  const secp256k1_context* ctx = Secp256k1Context();
  const int recid = sig[64];
  if (recid > 3) return false;
  secp256k1_ecdsa_recoverable_signature recoverable;
  if (!secp256k1_ecdsa_recoverable_signature_parse_compact(ctx, &recoverable, sig.data(), recid)) return false;
  secp256k1_ecdsa_signature plain;
  secp256k1_ecdsa_recoverable_signature_convert(ctx, &plain, &recoverable);
  // normalize returns 1 iff the signature was not already in low-S form.
  if (secp256k1_ecdsa_signature_normalize(ctx, nullptr, &plain)) return false;
  const Hash256 digest = Blake2b256(message);
  secp256k1_pubkey pubkey;
  if (!secp256k1_ecdsa_recover(ctx, &pubkey, &recoverable, digest.data())) return false;
  size_t len = out->size();
  secp256k1_ec_pubkey_serialize(ctx, out->data(), &len, &pubkey, SECP256K1_EC_COMPRESSED);
  return len == out->size();
}
}  // namespace

bool InitCrypto() {
  if (sodium_init() < 0) return false;
  return Secp256k1Context() != nullptr;
}

std::string_view SchemeName(KeyScheme scheme) {
  switch (scheme) {
    case KeyScheme::kEd25519:
      return "ed25519";
    case KeyScheme::kSecp256k1:
      return "secp256k1";
  }
  return "unknown";
}

Result<KeyScheme> ParseScheme(std::string_view name) {
  std::string lower(name);
  std::transform(lower.begin(), lower.end(), lower.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  if (lower == "ed25519") return KeyScheme::kEd25519;
  if (lower == "secp256k1" || lower == "ecdsa") return KeyScheme::kSecp256k1;
  return Status::InvalidArgument("bad-scheme", "unknown key scheme '" + std::string(name) +
                                                   "' (expected ed25519, secp256k1 or ecdsa)");
}

// ---------------------------------------------------------------------------
// PublicKey

Result<PublicKey> PublicKey::Parse(KeyScheme scheme, ByteSpan bytes) {
  PublicKey key;
  key.scheme_ = scheme;
  switch (scheme) {
    case KeyScheme::kEd25519:
      if (bytes.size() != kEd25519PublicKeySize) {
        return Status::InvalidArgument("bad-public-key",
                                       "ed25519 key must be 32 bytes, got " + std::to_string(bytes.size()));
      }
      // Canonical, on the curve, in the prime-order subgroup, not of small order.
      if (!crypto_core_ed25519_is_valid_point(bytes.data())) {
        return Status::InvalidArgument("bad-public-key", "not a valid ed25519 point");
      }
      break;
    case KeyScheme::kSecp256k1: {
      if (bytes.size() != kSecp256k1PublicKeySize) {
        return Status::InvalidArgument(
            "bad-public-key", "secp256k1 key must be 33 bytes (compressed), got " + std::to_string(bytes.size()));
      }
      // Accepts exactly 0x02/0x03 || x with x < p on the curve: one encoding per key.
      secp256k1_pubkey parsed;
      if (!secp256k1_ec_pubkey_parse(Secp256k1Context(), &parsed, bytes.data(), bytes.size())) {
        return Status::InvalidArgument("bad-public-key", "not a valid compressed secp256k1 point");
      }
      break;
    }
    default:
      return Status::InvalidArgument("bad-public-key", "unknown key scheme");
  }
  key.size_ = static_cast<uint8_t>(bytes.size());
  std::memcpy(key.bytes_.data(), bytes.data(), bytes.size());
  return key;
}

AccountId PublicKey::ToAccountId() const {
  if (scheme_ == KeyScheme::kEd25519) return AccountId::FromSpan(bytes());
  return AccountId::FromSpan(Blake2b256(bytes()).span());
}

// ---------------------------------------------------------------------------
// Signature

Result<Signature> Signature::Parse(KeyScheme scheme, ByteSpan bytes) {
  if (scheme != KeyScheme::kEd25519 && scheme != KeyScheme::kSecp256k1) {
    return Status::InvalidArgument("bad-signature", "unknown key scheme");
  }
  const size_t want = SignatureSize(scheme);
  if (bytes.size() != want) {
    return Status::InvalidArgument("bad-signature", std::string(SchemeName(scheme)) + " signature must be " +
                                                        std::to_string(want) + " bytes, got " +
                                                        std::to_string(bytes.size()));
  }
  Signature sig;
  sig.scheme_ = scheme;
  sig.size_ = static_cast<uint8_t>(want);
  std::memcpy(sig.bytes_.data(), bytes.data(), want);
  return sig;
}

void EncodeTo(Encoder& e, const Signature& sig) {
  e.U8(static_cast<uint8_t>(sig.scheme()));
  e.Raw(sig.bytes());
}

Status DecodeFrom(Decoder& d, Signature* out) {
  uint8_t tag;
  TF_RETURN_IF_ERROR(d.U8(&tag));
  if (tag != static_cast<uint8_t>(KeyScheme::kEd25519) && tag != static_cast<uint8_t>(KeyScheme::kSecp256k1)) {
    return Status::InvalidArgument("decode-bad-tag", "signature scheme tag " + std::to_string(tag));
  }
  const auto scheme = static_cast<KeyScheme>(tag);
  std::array<uint8_t, Signature::kSecp256k1Size> raw{};
  const std::span<uint8_t> body(raw.data(), SignatureSize(scheme));
  TF_RETURN_IF_ERROR(d.Raw(body));
  *out = Signature::Parse(scheme, body).value();  // the length is right by construction
  return Status::Ok();
}

// ---------------------------------------------------------------------------
// Verification

bool Verify(const PublicKey& key, ByteSpan message, const Signature& sig) {
  if (key.scheme() != sig.scheme()) return false;
  if (key.scheme() == KeyScheme::kEd25519) {
    return crypto_sign_verify_detached(sig.bytes().data(), message.data(), message.size(), key.bytes().data()) == 0;
  }
  std::array<uint8_t, kSecp256k1PublicKeySize> recovered;
  if (!RecoverSecp256k1(message, sig.bytes(), &recovered)) return false;
  return std::equal(recovered.begin(), recovered.end(), key.bytes().begin(), key.bytes().end());
}

bool VerifyForAccount(const AccountId& account, ByteSpan message, const Signature& sig) {
  if (sig.scheme() == KeyScheme::kEd25519) {
    // The hot path (mempool, blocks): libsodium's verify takes the account bytes as
    // the key directly and itself rejects non-canonical and small-order keys. The
    // prime-order-subgroup check of PublicKey::Parse is skipped here: it costs about
    // as much as the verification, no honestly generated key fails it, and a key
    // crafted to fail it can only ever sign for itself.
    return crypto_sign_verify_detached(sig.bytes().data(), message.data(), message.size(), account.data()) == 0;
  }
  std::array<uint8_t, kSecp256k1PublicKeySize> recovered;
  if (!RecoverSecp256k1(message, sig.bytes(), &recovered)) return false;
  return Blake2b256(recovered) == Hash256::FromSpan(account.span());
}

// ---------------------------------------------------------------------------
// SecretKey

SecretKey::SecretKey(KeyScheme scheme, const PublicKey& public_key) : scheme_(scheme), public_key_(public_key) {}

Result<SecretKey> SecretKey::FromSeed(KeyScheme scheme, ByteSpan seed) {
  if (seed.size() != 32) {
    return Status::InvalidArgument("bad-seed", "a seed is 32 bytes, got " + std::to_string(seed.size()));
  }
  if (scheme == KeyScheme::kEd25519) {
    std::array<uint8_t, crypto_sign_PUBLICKEYBYTES> pk;
    std::array<uint8_t, crypto_sign_SECRETKEYBYTES> sk;
    crypto_sign_seed_keypair(pk.data(), sk.data(), seed.data());
    auto public_key = PublicKey::Parse(scheme, pk);
    CHECK(public_key.ok());  // libsodium derives a prime-order point from any seed
    SecretKey key(scheme, *public_key);
    std::memcpy(key.seed_.data(), seed.data(), seed.size());
    std::memcpy(key.expanded_.data(), sk.data(), sk.size());
    sodium_memzero(sk.data(), sk.size());
    return key;
  }
  if (scheme == KeyScheme::kSecp256k1) {
    const secp256k1_context* ctx = Secp256k1Context();
    // Zero or >= the group order: not a secret key (odds for a hashed seed: ~2^-128).
    if (!secp256k1_ec_seckey_verify(ctx, seed.data())) {
      return Status::InvalidArgument("bad-seed", "not a valid secp256k1 secret scalar");
    }
    secp256k1_pubkey pubkey;
    CHECK(secp256k1_ec_pubkey_create(ctx, &pubkey, seed.data()));
    std::array<uint8_t, kSecp256k1PublicKeySize> compressed;
    size_t len = compressed.size();
    secp256k1_ec_pubkey_serialize(ctx, compressed.data(), &len, &pubkey, SECP256K1_EC_COMPRESSED);
    CHECK(len == compressed.size());
    auto public_key = PublicKey::Parse(scheme, compressed);
    CHECK(public_key.ok());
    SecretKey key(scheme, *public_key);
    std::memcpy(key.seed_.data(), seed.data(), seed.size());
    return key;
  }
  return Status::InvalidArgument("bad-seed", "unknown key scheme");
}

SecretKey::SecretKey(SecretKey&& other) noexcept
    : scheme_(other.scheme_), public_key_(other.public_key_), seed_(other.seed_), expanded_(other.expanded_) {
  other.Wipe();
}

SecretKey& SecretKey::operator=(SecretKey&& other) noexcept {
  if (this != &other) {
    Wipe();
    scheme_ = other.scheme_;
    public_key_ = other.public_key_;
    seed_ = other.seed_;
    expanded_ = other.expanded_;
    other.Wipe();
  }
  return *this;
}

SecretKey::~SecretKey() { Wipe(); }

void SecretKey::Wipe() {
  sodium_memzero(seed_.data(), seed_.size());
  sodium_memzero(expanded_.data(), expanded_.size());
}

Signature SecretKey::Sign(ByteSpan message) const {
  std::array<uint8_t, Signature::kSecp256k1Size> raw{};
  if (scheme_ == KeyScheme::kEd25519) {
    crypto_sign_detached(raw.data(), nullptr, message.data(), message.size(), expanded_.data());
    return Signature::Parse(scheme_, ByteSpan(raw.data(), Signature::kEd25519Size)).value();
  }
  const secp256k1_context* ctx = Secp256k1Context();
  const Hash256 digest = Blake2b256(message);
  secp256k1_ecdsa_recoverable_signature sig;
  // Deterministic RFC 6979 nonce; fails only for an invalid secret, which FromSeed
  // excluded. libsecp256k1 always produces low-S.
  CHECK(secp256k1_ecdsa_sign_recoverable(ctx, &sig, digest.data(), seed_.data(), nullptr, nullptr));
  int recid = 0;
  secp256k1_ecdsa_recoverable_signature_serialize_compact(ctx, raw.data(), &recid, &sig);
  raw[64] = static_cast<uint8_t>(recid);
  return Signature::Parse(scheme_, raw).value();
}

}  // namespace tfchain::chain
