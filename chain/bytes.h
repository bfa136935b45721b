#pragma once

#include <array>
#include <compare>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "chain/status.h"

namespace tfchain::chain {

using Bytes = std::vector<uint8_t>;
using ByteSpan = std::span<const uint8_t>;

inline ByteSpan AsBytes(std::string_view s) {
  return ByteSpan(reinterpret_cast<const uint8_t*>(s.data()), s.size());
}

// Lower-case hex with a "0x" prefix.
std::string ToHex(ByteSpan data);
// Parses hex with or without "0x". Fails with "bad-hex" on odd length or a non-hex digit.
Result<Bytes> FromHex(std::string_view text);

// A fixed-size byte string with a distinct type per Tag, so that a hash cannot be
// passed where an account is expected. Value type; thread-compatible.
template <size_t N, typename Tag>
struct FixedBytes {
  static constexpr size_t kSize = N;
  std::array<uint8_t, N> bytes{};

  // `data` must be exactly N bytes (a programming error otherwise).
  static FixedBytes FromSpan(ByteSpan data) {
    CHECK(data.size() == N);
    FixedBytes out;
    std::memcpy(out.bytes.data(), data.data(), N);
    return out;
  }
  // Parses exactly N bytes of hex ("0x" optional). Fails with "bad-hex" or "bad-length".
  static Result<FixedBytes> FromHex(std::string_view text) {
    auto raw = chain::FromHex(text);
    if (!raw.ok()) return raw.status();
    if (raw->size() != N) {
      return Status::InvalidArgument("bad-length", "expected " + std::to_string(N) +
                                                       " bytes, got " + std::to_string(raw->size()));
    }
    return FromSpan(*raw);
  }

  std::string Hex() const { return ToHex(bytes); }
  ByteSpan span() const { return ByteSpan(bytes); }
  const uint8_t* data() const { return bytes.data(); }
  uint8_t* data() { return bytes.data(); }
  static constexpr size_t size() { return N; }
  bool IsZero() const {
    for (uint8_t b : bytes)
      if (b != 0) return false;
    return true;
  }
  auto operator<=>(const FixedBytes&) const = default;
  bool operator==(const FixedBytes&) const = default;
};

// For unordered containers keyed by hashes and accounts (already uniformly distributed).
struct FixedBytesHasher {
  template <size_t N, typename Tag>
  size_t operator()(const FixedBytes<N, Tag>& v) const {
    static_assert(N >= sizeof(size_t));
    size_t out;
    std::memcpy(&out, v.bytes.data(), sizeof(out));
    return out;
  }
};

struct Hash256Tag {};
// A BLAKE2b-256 digest.
using Hash256 = FixedBytes<32, Hash256Tag>;

}  // namespace tfchain::chain
