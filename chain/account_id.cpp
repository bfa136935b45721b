// SS58 addresses (Substrate's address format) for 32-byte accounts.
//
//   address  := base58(prefix account checksum)       Bitcoin's base58 alphabet
//   prefix   := 0b00pppppp                              ident 0..63, one byte
//             | 0b01aaaaaa 0bbbcccccc                  ident 64..16383, two bytes, where
//                                                       ident = 0b00cccccc_aaaaaabb
//   account  := byte{32}
//   checksum := BLAKE2b-512("SS58PRE" prefix account)[0..2]
//
// The two-byte form of an ident below 64 is not canonical and is rejected.
#include "chain/account_id.h"

#include <array>
#include <cstring>

#include "chain/hash.h"

namespace tfchain::chain {
namespace {
constexpr char kBase58Alphabet[] = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";
constexpr size_t kChecksumSize = 2;
// Longest address: 2 prefix + 32 account + 2 checksum bytes = 36 bytes, 50 digits.
constexpr size_t kMaxAddressChars = 64;

int Base58Value(char c) {
  const char* p = std::strchr(kBase58Alphabet, c);
  return (c != '\0' && p != nullptr) ? static_cast<int>(p - kBase58Alphabet) : -1;
}

std::string Base58Encode(ByteSpan data) {
  size_t zeros = 0;
  while (zeros < data.size() && data[zeros] == 0) ++zeros;
  // Base-58 digits, least significant first; log(256)/log(58) < 1.37.
  std::vector<uint8_t> digits;
  digits.reserve(data.size() * 137 / 100 + 1);
  for (size_t i = zeros; i < data.size(); ++i) {
    uint32_t carry = data[i];
    for (uint8_t& d : digits) {
      carry += static_cast<uint32_t>(d) << 8;
      d = static_cast<uint8_t>(carry % 58);
      carry /= 58;
    }
    while (carry > 0) {
      digits.push_back(static_cast<uint8_t>(carry % 58));
      carry /= 58;
    }
  }
  std::string out(zeros, '1');
  for (auto it = digits.rbegin(); it != digits.rend(); ++it) out += kBase58Alphabet[*it];
  return out;
}

// False on a character outside the alphabet.
bool Base58Decode(std::string_view text, Bytes* out) {
  size_t ones = 0;
  while (ones < text.size() && text[ones] == '1') ++ones;
  // Bytes, least significant first.
  std::vector<uint8_t> bytes;
  bytes.reserve(text.size());
  for (size_t i = ones; i < text.size(); ++i) {
    const int value = Base58Value(text[i]);
    if (value < 0) return false;
    uint32_t carry = static_cast<uint32_t>(value);
    for (uint8_t& b : bytes) {
      carry += static_cast<uint32_t>(b) * 58;
      b = static_cast<uint8_t>(carry & 0xff);
      carry >>= 8;
    }
    while (carry > 0) {
      bytes.push_back(static_cast<uint8_t>(carry & 0xff));
      carry >>= 8;
    }
  }
  out->assign(ones, 0);
  out->insert(out->end(), bytes.rbegin(), bytes.rend());
  return true;
}

std::array<uint8_t, kChecksumSize> Checksum(ByteSpan prefix_and_account) {
  static constexpr std::string_view kPreimagePrefix = "SS58PRE";
  Bytes preimage(kPreimagePrefix.begin(), kPreimagePrefix.end());
  preimage.insert(preimage.end(), prefix_and_account.begin(), prefix_and_account.end());
  std::array<uint8_t, 64> hash;
  Blake2b(preimage, hash);
  return {hash[0], hash[1]};
}

Status BadSs58(std::string detail) { return Status::InvalidArgument("bad-ss58", std::move(detail)); }
}  // namespace

std::string ToSs58(const AccountId& account, uint16_t prefix) {
  CHECK(prefix <= kMaxSs58Prefix);
  Bytes payload;
  payload.reserve(2 + AccountId::kSize + kChecksumSize);
  if (prefix < 64) {
    payload.push_back(static_cast<uint8_t>(prefix));
  } else {
    payload.push_back(static_cast<uint8_t>(0x40 | ((prefix & 0xfc) >> 2)));
    payload.push_back(static_cast<uint8_t>((prefix >> 8) | ((prefix & 0x03) << 6)));
  }
  payload.insert(payload.end(), account.bytes.begin(), account.bytes.end());
  const auto checksum = Checksum(payload);
  payload.insert(payload.end(), checksum.begin(), checksum.end());
  return Base58Encode(payload);
}

Result<AccountId> ParseSs58(std::string_view address, uint16_t expected_prefix) {
  if (address.empty()) return BadSs58("empty address");
  if (address.size() > kMaxAddressChars) return BadSs58("too long for an SS58 account address");
  Bytes raw;
  if (!Base58Decode(address, &raw)) return BadSs58("not base58");

  size_t prefix_size;
  uint16_t prefix;
  if (raw.empty()) return BadSs58("no prefix");
  if (raw[0] < 64) {
    prefix_size = 1;
    prefix = raw[0];
  } else if (raw[0] < 128) {
    if (raw.size() < 2) return BadSs58("truncated two-byte prefix");
    prefix_size = 2;
    prefix = static_cast<uint16_t>(((raw[0] & 0x3f) << 2) | (raw[1] >> 6) | ((raw[1] & 0x3f) << 8));
    if (prefix < 64) return BadSs58("non-canonical two-byte prefix " + std::to_string(prefix));
  } else {
    return BadSs58("invalid prefix byte " + std::to_string(raw[0]));
  }
  if (raw.size() != prefix_size + AccountId::kSize + kChecksumSize) {
    return BadSs58("decodes to " + std::to_string(raw.size()) + " bytes, not a 32-byte account address");
  }

  const ByteSpan body(raw.data(), prefix_size + AccountId::kSize);
  const auto checksum = Checksum(body);
  if (std::memcmp(checksum.data(), raw.data() + body.size(), kChecksumSize) != 0) {
    return Status::InvalidArgument("bad-ss58-checksum", "the address checksum does not match");
  }
  if (prefix != expected_prefix) {
    return Status::InvalidArgument("wrong-ss58-prefix", "address is for network prefix " + std::to_string(prefix) +
                                                            ", expected " + std::to_string(expected_prefix));
  }
  return AccountId::FromSpan(body.subspan(prefix_size));
}

Result<AccountId> ParseAccount(std::string_view text) {
  if (text.starts_with("0x") || text.starts_with("0X")) return AccountId::FromHex(text);
  return ParseSs58(text, kSs58Prefix);
}

}  // namespace tfchain::chain
