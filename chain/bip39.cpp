// BIP39 mnemonics (English word list) and the seeds derived from them.
//
//   bits     := entropy (ENT bits, ENT in {128,160,192,224,256})
//               || SHA-256(entropy)[first ENT/32 bits]
//   mnemonic := one word per 11 bits of `bits`, big-endian, joined by " "
//   BIP39 seed      := PBKDF2-HMAC-SHA512(mnemonic, "mnemonic" || passphrase, 2048, 64)
//   Substrate seed  := PBKDF2-HMAC-SHA512(entropy, "mnemonic" || password, 2048, 64)[0..32]
//
// Secret intermediates (entropy bits, PBKDF2 blocks, HMAC states) are wiped before
// returning.
#include "chain/bip39.h"

#include <sodium.h>

#include <algorithm>
#include <cstring>

namespace tfchain::chain {

// Generated from chain/bip39_english.txt by chain/CMakeLists.txt; sorted.
extern const std::array<std::string_view, 2048> kBip39EnglishWords;

namespace {
constexpr uint32_t kPbkdf2Rounds = 2048;
constexpr std::string_view kSaltPrefix = "mnemonic";

bool IsSpace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f'; }

std::vector<std::string_view> SplitWords(std::string_view phrase) {
  std::vector<std::string_view> words;
  size_t i = 0;
  while (i < phrase.size()) {
    while (i < phrase.size() && IsSpace(phrase[i])) ++i;
    const size_t start = i;
    while (i < phrase.size() && !IsSpace(phrase[i])) ++i;
    if (i > start) words.push_back(phrase.substr(start, i - start));
  }
  return words;
}

// The word's index in the list, or -1.
int WordIndex(std::string_view word) {
  const auto it = std::lower_bound(kBip39EnglishWords.begin(), kBip39EnglishWords.end(), word);
  if (it == kBip39EnglishWords.end() || *it != word) return -1;
  return static_cast<int>(it - kBip39EnglishWords.begin());
}

bool GetBit(const uint8_t* data, size_t bit) { return (data[bit / 8] >> (7 - bit % 8)) & 1; }

void SetBit(uint8_t* data, size_t bit) { data[bit / 8] |= static_cast<uint8_t>(0x80 >> (bit % 8)); }

// "mnemonic" || passphrase.
Bytes Salt(std::string_view passphrase) {
  Bytes salt(kSaltPrefix.size() + passphrase.size());
  std::memcpy(salt.data(), kSaltPrefix.data(), kSaltPrefix.size());
  if (!passphrase.empty()) std::memcpy(salt.data() + kSaltPrefix.size(), passphrase.data(), passphrase.size());
  return salt;
}
}  // namespace

Result<Bytes> MnemonicToEntropy(std::string_view phrase) {
  const std::vector<std::string_view> words = SplitWords(phrase);
  const size_t count = words.size();
  if (count < 12 || count > 24 || count % 3 != 0) {
    return Status::InvalidArgument("bad-mnemonic-length",
                                   "a mnemonic has 12, 15, 18, 21 or 24 words, got " + std::to_string(count));
  }
  // 11 bits per word: entropy (32 bits per 3 words) followed by the checksum.
  const size_t total_bits = count * 11;
  const size_t checksum_bits = total_bits / 33;
  const size_t entropy_bytes = (total_bits - checksum_bits) / 8;
  std::array<uint8_t, 33> bits{};  // at most 24 * 11 = 264 bits
  for (size_t w = 0; w < count; ++w) {
    const int index = WordIndex(words[w]);
    if (index < 0) {
      sodium_memzero(bits.data(), bits.size());
      return Status::InvalidArgument("bad-mnemonic-word", "word " + std::to_string(w + 1) + " ('" +
                                                              std::string(words[w]) + "') is not in the list");
    }
    for (size_t b = 0; b < 11; ++b) {
      if ((index >> (10 - b)) & 1) SetBit(bits.data(), w * 11 + b);
    }
  }
  std::array<uint8_t, crypto_hash_sha256_BYTES> hash;
  crypto_hash_sha256(hash.data(), bits.data(), entropy_bytes);
  bool checksum_ok = true;
  for (size_t b = 0; b < checksum_bits; ++b) {
    if (GetBit(hash.data(), b) != GetBit(bits.data(), entropy_bytes * 8 + b)) checksum_ok = false;
  }
  Bytes entropy;
  if (checksum_ok) entropy.assign(bits.begin(), bits.begin() + entropy_bytes);
  sodium_memzero(bits.data(), bits.size());
  sodium_memzero(hash.data(), hash.size());
  if (!checksum_ok) return Status::InvalidArgument("bad-mnemonic-checksum", "the checksum bits do not match");
  return entropy;
}

Result<std::string> EntropyToMnemonic(ByteSpan entropy) {
  const size_t size = entropy.size();
  if (size < 16 || size > 32 || size % 4 != 0) {
    return Status::InvalidArgument("bad-entropy-length",
                                   "entropy is 16, 20, 24, 28 or 32 bytes, got " + std::to_string(size));
  }
  std::array<uint8_t, 33> bits{};
  std::memcpy(bits.data(), entropy.data(), size);
  std::array<uint8_t, crypto_hash_sha256_BYTES> hash;
  crypto_hash_sha256(hash.data(), entropy.data(), size);
  bits[size] = hash[0];  // ENT/32 <= 8 checksum bits, all in the first hash byte
  const size_t count = (size * 8 + size / 4) / 11;
  std::string phrase;
  for (size_t w = 0; w < count; ++w) {
    int index = 0;
    for (size_t b = 0; b < 11; ++b) index = (index << 1) | (GetBit(bits.data(), w * 11 + b) ? 1 : 0);
    if (w > 0) phrase += ' ';
    phrase += kBip39EnglishWords[index];
  }
  sodium_memzero(bits.data(), bits.size());
  sodium_memzero(hash.data(), hash.size());
  return phrase;
}

void Pbkdf2HmacSha512(ByteSpan password, ByteSpan salt, uint32_t iterations, std::span<uint8_t> out) {
  CHECK(iterations >= 1);
  constexpr size_t kBlock = crypto_auth_hmacsha512_BYTES;
  // HMAC keyed once; every HMAC below starts from a copy of this state.
  crypto_auth_hmacsha512_state keyed;
  crypto_auth_hmacsha512_init(&keyed, password.data(), password.size());
  crypto_auth_hmacsha512_state state;
  std::array<uint8_t, kBlock> u;
  std::array<uint8_t, kBlock> t;
  for (uint32_t block = 1; (block - 1) * kBlock < out.size(); ++block) {
    const uint8_t index[4] = {static_cast<uint8_t>(block >> 24), static_cast<uint8_t>(block >> 16),
                              static_cast<uint8_t>(block >> 8), static_cast<uint8_t>(block)};
    state = keyed;
    crypto_auth_hmacsha512_update(&state, salt.data(), salt.size());
    crypto_auth_hmacsha512_update(&state, index, sizeof(index));
    crypto_auth_hmacsha512_final(&state, u.data());
    t = u;
    for (uint32_t i = 1; i < iterations; ++i) {
      state = keyed;
      crypto_auth_hmacsha512_update(&state, u.data(), u.size());
      crypto_auth_hmacsha512_final(&state, u.data());
      for (size_t k = 0; k < kBlock; ++k) t[k] ^= u[k];
    }
    const size_t offset = (block - 1) * kBlock;
    std::memcpy(out.data() + offset, t.data(), std::min(kBlock, out.size() - offset));
  }
  sodium_memzero(&keyed, sizeof(keyed));
  sodium_memzero(&state, sizeof(state));
  sodium_memzero(u.data(), u.size());
  sodium_memzero(t.data(), t.size());
}

std::array<uint8_t, 64> Bip39Seed(std::string_view phrase, std::string_view passphrase) {
  std::array<uint8_t, 64> seed;
  Bytes salt = Salt(passphrase);
  Pbkdf2HmacSha512(AsBytes(phrase), salt, kPbkdf2Rounds, seed);
  sodium_memzero(salt.data(), salt.size());
  return seed;
}

Result<std::array<uint8_t, 32>> SubstrateSeedFromPhrase(std::string_view phrase, std::string_view password) {
  auto entropy = MnemonicToEntropy(phrase);
  if (!entropy.ok()) return entropy.status();
  std::array<uint8_t, 64> big_seed;
  Bytes salt = Salt(password);
  Pbkdf2HmacSha512(*entropy, salt, kPbkdf2Rounds, big_seed);
  sodium_memzero(salt.data(), salt.size());
  sodium_memzero(entropy->data(), entropy->size());
  std::array<uint8_t, 32> seed;
  std::memcpy(seed.data(), big_seed.data(), seed.size());
  sodium_memzero(big_seed.data(), big_seed.size());
  return seed;
}

}  // namespace tfchain::chain
