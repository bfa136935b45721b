// Substrate secret URIs (sp_core's SecretUri and Pair::from_string), hard
// derivation only.
//
// Grammar, equal to Substrate's regular expression
//   ^(?P<phrase>[a-zA-Z0-9 ]+)?(?P<path>(//?[^/]+)*)(///(?P<password>.*))?$
// where `.` excludes "\n":
//
//   uri      := phrase? junction* ("///" password)?
//   phrase   := [a-zA-Z0-9 ]+          a BIP39 phrase, or "0x" + 64 hex digits
//   junction := "//" code              hard
//             | "/" code               soft (rejected: no soft derivation here)
//   code     := [^/]+
//   password := any characters but "\n", "/" included
//
// A missing phrase means kDevPhrase. Unlike Substrate, the empty URI is rejected
// rather than read as the bare development phrase, so that an empty --uri can never
// silently select a publicly known key.
//
// Derivation:
//   seed      := 0xSEED's 32 bytes, or SubstrateSeedFromPhrase(phrase, password)
//   chaincode := SCALE(code as u64) if code is a Rust u64 literal ("+"? digit+, fits),
//                else SCALE(code as string) = compact(len) || bytes;
//                zero-padded to 32 bytes, or BLAKE2b-256 of it when longer than 32
//   hard(seed, chaincode) := BLAKE2b-256(SCALE(("Ed25519HDKD" | "Secp256k1HDKD",
//                                               seed[32], chaincode[32])))
#include "chain/secret_uri.h"

#include <sodium.h>

#include <array>
#include <cstring>
#include <optional>
#include <vector>

#include "chain/bip39.h"
#include "chain/codec.h"
#include "chain/hash.h"

namespace tfchain::chain {
namespace {
using Seed = std::array<uint8_t, 32>;
using ChainCode = std::array<uint8_t, 32>;

struct ParsedUri {
  std::optional<std::string_view> phrase;
  std::vector<std::string_view> hard_junctions;  // the codes, without the "//"
  std::optional<std::string_view> password;
};

bool IsPhraseChar(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == ' ';
}

Status BadUri(std::string detail) { return Status::InvalidArgument("bad-secret-uri", std::move(detail)); }

Result<ParsedUri> ParseUri(std::string_view uri) {
  if (uri.empty()) return BadUri("empty secret URI");
  ParsedUri parsed;
  size_t i = 0;
  while (i < uri.size() && IsPhraseChar(uri[i])) ++i;
  if (i > 0) parsed.phrase = uri.substr(0, i);
  size_t junction = 0;
  while (i < uri.size()) {
    if (uri[i] != '/') {
      return BadUri("unexpected character at offset " + std::to_string(i) +
                    " (a phrase is letters, digits and spaces; junctions start with '/')");
    }
    const std::string_view rest = uri.substr(i);
    if (rest.starts_with("///")) {
      const std::string_view password = rest.substr(3);
      if (password.find('\n') != std::string_view::npos) return BadUri("the password contains a newline");
      parsed.password = password;
      break;
    }
    ++junction;
    const bool hard = rest.starts_with("//");
    const size_t start = i + (hard ? 2 : 1);
    size_t end = start;
    while (end < uri.size() && uri[end] != '/') ++end;
    if (end == start) return BadUri("junction " + std::to_string(junction) + " is empty");
    if (!hard) {
      return Status::InvalidArgument("soft-junction-unsupported",
                                     "junction " + std::to_string(junction) +
                                         " is soft ('/'); only hard junctions ('//') can be derived");
    }
    parsed.hard_junctions.push_back(uri.substr(start, end - start));
    i = end;
  }
  return parsed;
}

// Rust's u64 FromStr: an optional '+', then one or more ASCII digits, no overflow.
std::optional<uint64_t> ParseRustU64(std::string_view text) {
  if (text.starts_with('+')) text.remove_prefix(1);
  if (text.empty()) return std::nullopt;
  uint64_t value = 0;
  for (char c : text) {
    if (c < '0' || c > '9') return std::nullopt;
    const uint64_t digit = static_cast<uint64_t>(c - '0');
    if (value > (UINT64_MAX - digit) / 10) return std::nullopt;
    value = value * 10 + digit;
  }
  return value;
}

ChainCode JunctionChainCode(std::string_view code) {
  Encoder e;
  if (auto number = ParseRustU64(code)) {
    e.U64(*number);
  } else {
    e.Str(code);
  }
  ChainCode chain_code{};
  if (e.size() > chain_code.size()) {
    chain_code = Blake2b256(e.bytes()).bytes;
  } else {
    std::memcpy(chain_code.data(), e.bytes().data(), e.size());
  }
  return chain_code;
}

void HardDerive(KeyScheme scheme, std::string_view code, Seed* seed) {
  const ChainCode chain_code = JunctionChainCode(code);
  Encoder e;
  e.Str(scheme == KeyScheme::kEd25519 ? "Ed25519HDKD" : "Secp256k1HDKD");
  e.Raw(*seed);
  e.Raw(chain_code);
  Bytes preimage = std::move(e).Take();
  *seed = Blake2b256(preimage).bytes;
  sodium_memzero(preimage.data(), preimage.size());
}

// The root seed of the URI: the raw 0x seed or the phrase's Substrate seed.
Result<Seed> RootSeed(const ParsedUri& parsed) {
  const std::string_view phrase = parsed.phrase.value_or(kDevPhrase);
  if (phrase.starts_with("0x")) {
    auto raw = FromHex(phrase.substr(2));
    if (!raw.ok() || raw->size() != Seed().size()) {
      if (raw.ok()) sodium_memzero(raw->data(), raw->size());
      return Status::InvalidArgument("bad-seed", "a 0x seed is 32 bytes of hex");
    }
    Seed seed;
    std::memcpy(seed.data(), raw->data(), seed.size());
    sodium_memzero(raw->data(), raw->size());
    return seed;
  }
  return SubstrateSeedFromPhrase(phrase, parsed.password.value_or(""));
}
}  // namespace

Result<SecretKey> KeyFromUri(std::string_view uri, KeyScheme scheme) {
  auto parsed = ParseUri(uri);
  if (!parsed.ok()) return parsed.status();
  auto root = RootSeed(*parsed);
  if (!root.ok()) return root.status();
  Seed seed = *root;
  sodium_memzero(root->data(), root->size());
  // As Substrate, the root must itself be a valid key before it is derived from.
  auto key = SecretKey::FromSeed(scheme, seed);
  if (key.ok() && !parsed->hard_junctions.empty()) {
    for (std::string_view code : parsed->hard_junctions) HardDerive(scheme, code, &seed);
    key = SecretKey::FromSeed(scheme, seed);
  }
  sodium_memzero(seed.data(), seed.size());
  return key;
}

}  // namespace tfchain::chain
