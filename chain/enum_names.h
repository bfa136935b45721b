#pragma once
// Name tables and the u8 codec of the protocol's small enums (values 0..N-1): shared by
// the codecs in grid_types.cpp and market_types.cpp. Internal to chain/.
#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "chain/check.h"
#include "chain/codec.h"
#include "chain/status.h"

namespace tfchain::chain::enum_names {

// The name of `v` in `names` (a value outside the table is a bug).
template <typename Enum, size_t N>
std::string_view EnumName(Enum v, const std::array<std::string_view, N>& names) {
  const size_t i = static_cast<size_t>(v);
  CHECK(i < N);
  return names[i];
}

// The value named `name`, or nullopt.
template <typename Enum, size_t N>
std::optional<Enum> ParseEnum(std::string_view name, const std::array<std::string_view, N>& names) {
  for (size_t i = 0; i < N; ++i) {
    if (names[i] == name) return static_cast<Enum>(i);
  }
  return std::nullopt;
}

// Decodes a u8 enum with values 0..count-1. Error "decode-bad-tag" naming `what`.
template <typename Enum>
Status DecodeEnum(Decoder& d, size_t count, std::string_view what, Enum* out) {
  uint8_t v;
  TF_RETURN_IF_ERROR(d.U8(&v));
  if (v >= count) return Status::InvalidArgument("decode-bad-tag", std::string(what) + " " + std::to_string(v));
  *out = static_cast<Enum>(v);
  return Status::Ok();
}

}  // namespace tfchain::chain::enum_names
