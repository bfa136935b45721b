#pragma once

#include <array>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>

#include "chain/bytes.h"

namespace tfchain::chain {

// BIP39 with the English word list (compiled in from chain/bip39_english.txt).
// Every function here is pure and thread-safe; words are matched exactly (lower case,
// no NFKD step). Secret intermediates are wiped before returning; returned secrets
// are the caller's to wipe.

// Parses a phrase of 12, 15, 18, 21 or 24 words separated by whitespace. Errors:
//   "bad-mnemonic-length"    another number of words
//   "bad-mnemonic-word"      a word not in the list (the detail names it and its position)
//   "bad-mnemonic-checksum"  the checksum bits do not match
// Returns the entropy (16..32 bytes).
Result<Bytes> MnemonicToEntropy(std::string_view phrase);

// The phrase for 16, 20, 24, 28 or 32 bytes of entropy. Error: "bad-entropy-length".
Result<std::string> EntropyToMnemonic(ByteSpan entropy);

// The standard BIP39 seed: PBKDF2-HMAC-SHA512(phrase, "mnemonic" || passphrase, 2048).
// The phrase is used as given (ASCII English words; no NFKD step is needed for them).
std::array<uint8_t, 64> Bip39Seed(std::string_view phrase, std::string_view passphrase);

// Substrate's seed (substrate-bip39 `mini_secret_from_entropy`):
// PBKDF2-HMAC-SHA512(entropy, "mnemonic" || password, 2048)[0..32]. Note the
// entropy, not the phrase, is the PBKDF2 password. Errors as MnemonicToEntropy.
Result<std::array<uint8_t, 32>> SubstrateSeedFromPhrase(std::string_view phrase, std::string_view password);

// PBKDF2 with HMAC-SHA512 (RFC 8018), output of out.size() bytes (any length).
// `iterations` must be >= 1 (CHECKed: a programming error otherwise).
void Pbkdf2HmacSha512(ByteSpan password, ByteSpan salt, uint32_t iterations, std::span<uint8_t> out);

}  // namespace tfchain::chain
