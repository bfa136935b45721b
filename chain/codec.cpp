// Canonical binary encoding, SCALE-like.
//
//   u8 u16 u32 u64  := little-endian, fixed width
//   bool            := 0x00 | 0x01
//   compact(n)      := n <= 63:        1 byte,  n << 2
//                    | n <= 2^14 - 1:  2 bytes, (n << 2) | 0b01, little-endian
//                    | n <= 2^30 - 1:  4 bytes, (n << 2) | 0b10, little-endian
//                    | otherwise:      1 byte ((k - 4) << 2) | 0b11, then n in k bytes
//                                      little-endian, k minimal (4 <= k <= 8)
//   blob            := compact(len) byte{len}
//   string          := blob holding UTF-8 without NUL
//   option<T>       := 0x00 | 0x01 T
//   vec<T>          := compact(count) T{count}
//   fixed[N]        := byte{N}
//
// Canonical means the smallest compact mode and width; every other form is rejected
// ("decode-noncanonical"), so every accepted input re-encodes to itself.
#include "chain/codec.h"

#include <algorithm>

namespace tfchain::chain {
namespace {
Status Truncated(size_t need, size_t have) {
  return Status::InvalidArgument("decode-truncated",
                                 "need " + std::to_string(need) + " bytes, " + std::to_string(have) + " left");
}

bool ValidUtf8NoNul(ByteSpan s) {
  size_t i = 0;
  while (i < s.size()) {
    uint8_t c = s[i];
    if (c == 0) return false;
    if (c < 0x80) {
      ++i;
      continue;
    }
    size_t n;
    uint32_t cp;
    if ((c & 0xE0) == 0xC0) {
      n = 1;
      cp = c & 0x1F;
    } else if ((c & 0xF0) == 0xE0) {
      n = 2;
      cp = c & 0x0F;
    } else if ((c & 0xF8) == 0xF0) {
      n = 3;
      cp = c & 0x07;
    } else {
      return false;
    }
    if (s.size() - i <= n) return false;  // fewer than n continuation bytes
    for (size_t k = 1; k <= n; ++k) {
      if ((s[i + k] & 0xC0) != 0x80) return false;
      cp = (cp << 6) | (s[i + k] & 0x3F);
    }
    // Overlong forms, surrogates and out-of-range code points.
    if ((n == 1 && cp < 0x80) || (n == 2 && cp < 0x800) || (n == 3 && cp < 0x10000)) return false;
    if (cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return false;
    i += n + 1;
  }
  return true;
}
}  // namespace

void Encoder::Compact(uint64_t v) {
  if (v < (1u << 6)) {
    U8(static_cast<uint8_t>(v << 2));
  } else if (v < (1u << 14)) {
    U16(static_cast<uint16_t>(v << 2 | 0b01));
  } else if (v < (1u << 30)) {
    U32(static_cast<uint32_t>(v << 2 | 0b10));
  } else {
    int k = 4;
    while (k < 8 && (v >> (8 * k)) != 0) ++k;
    U8(static_cast<uint8_t>((k - 4) << 2 | 0b11));
    Le(v, k);
  }
}

Status Decoder::Need(size_t n) const {
  if (remaining() < n) return Truncated(n, remaining());
  return Status::Ok();
}

Status Decoder::Le(uint64_t* out, int n) {
  TF_RETURN_IF_ERROR(Need(n));
  uint64_t v = 0;
  for (int i = 0; i < n; ++i) v |= static_cast<uint64_t>(data_[pos_ + i]) << (8 * i);
  pos_ += n;
  *out = v;
  return Status::Ok();
}

Status Decoder::U8(uint8_t* out) {
  uint64_t v;
  TF_RETURN_IF_ERROR(Le(&v, 1));
  *out = static_cast<uint8_t>(v);
  return Status::Ok();
}
Status Decoder::U16(uint16_t* out) {
  uint64_t v;
  TF_RETURN_IF_ERROR(Le(&v, 2));
  *out = static_cast<uint16_t>(v);
  return Status::Ok();
}
Status Decoder::U32(uint32_t* out) {
  uint64_t v;
  TF_RETURN_IF_ERROR(Le(&v, 4));
  *out = static_cast<uint32_t>(v);
  return Status::Ok();
}
Status Decoder::U64(uint64_t* out) { return Le(out, 8); }

Status Decoder::Bool(bool* out) {
  uint8_t v;
  TF_RETURN_IF_ERROR(U8(&v));
  if (v > 1) return Status::InvalidArgument("decode-bad-value", "bool byte " + std::to_string(v));
  *out = v == 1;
  return Status::Ok();
}

Status Decoder::Compact(uint64_t* out) {
  TF_RETURN_IF_ERROR(Need(1));
  const uint8_t mode = data_[pos_] & 0b11;
  uint64_t v;
  switch (mode) {
    case 0b00:
      TF_RETURN_IF_ERROR(Le(&v, 1));
      *out = v >> 2;
      return Status::Ok();
    case 0b01:
      TF_RETURN_IF_ERROR(Le(&v, 2));
      v >>= 2;
      if (v < (1u << 6)) return Status::InvalidArgument("decode-noncanonical", "compact in 2 bytes below 64");
      *out = v;
      return Status::Ok();
    case 0b10:
      TF_RETURN_IF_ERROR(Le(&v, 4));
      v >>= 2;
      if (v < (1u << 14)) return Status::InvalidArgument("decode-noncanonical", "compact in 4 bytes below 2^14");
      *out = v;
      return Status::Ok();
    default: {
      const int k = (data_[pos_] >> 2) + 4;
      if (k > 8) return Status::InvalidArgument("decode-oversize", "compact integer wider than 64 bits");
      ++pos_;
      TF_RETURN_IF_ERROR(Le(&v, k));
      if (v < (1u << 30) || (k > 4 && (v >> (8 * (k - 1))) == 0)) {
        return Status::InvalidArgument("decode-noncanonical", "compact big-integer mode not minimal");
      }
      *out = v;
      return Status::Ok();
    }
  }
}

Status Decoder::Raw(std::span<uint8_t> out) {
  TF_RETURN_IF_ERROR(Need(out.size()));
  std::copy_n(data_.begin() + pos_, out.size(), out.begin());
  pos_ += out.size();
  return Status::Ok();
}

Status Decoder::Length(size_t* out, size_t max_count, size_t min_element_size) {
  uint64_t n;
  TF_RETURN_IF_ERROR(Compact(&n));
  if (n > max_count) {
    return Status::InvalidArgument("decode-oversize",
                                   "length " + std::to_string(n) + " exceeds the limit of " + std::to_string(max_count));
  }
  if (min_element_size > 0 && n > remaining() / min_element_size) return Truncated(n * min_element_size, remaining());
  *out = static_cast<size_t>(n);
  return Status::Ok();
}

Status Decoder::Blob(Bytes* out, size_t max_len) {
  size_t n;
  TF_RETURN_IF_ERROR(Length(&n, max_len));
  out->assign(data_.begin() + pos_, data_.begin() + pos_ + n);
  pos_ += n;
  return Status::Ok();
}

Status Decoder::Str(std::string* out, size_t max_len) {
  size_t n;
  TF_RETURN_IF_ERROR(Length(&n, max_len));
  ByteSpan s = data_.subspan(pos_, n);
  if (!ValidUtf8NoNul(s)) return Status::InvalidArgument("decode-bad-value", "string is not UTF-8 without NUL");
  out->assign(reinterpret_cast<const char*>(s.data()), n);
  pos_ += n;
  return Status::Ok();
}

Status Decoder::Finish() const {
  if (remaining() != 0) {
    return Status::InvalidArgument("decode-trailing-bytes", std::to_string(remaining()) + " bytes after the value");
  }
  return Status::Ok();
}

}  // namespace tfchain::chain
