#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "chain/bytes.h"

namespace tfchain::chain {

// The canonical binary encoding (SCALE-like). Grammar in codec.cpp.
//
// Every type T that goes on the wire or to disk provides, found by ADL:
//   void EncodeTo(Encoder& e, const T& value);
//   Status DecodeFrom(Decoder& d, T* out);
// Decoding is strict: a value has exactly one encoding, so decode(encode(x)) == x and
// encode(decode(b)) == b for every accepted b.

class Encoder {
 public:
  Encoder() = default;
  void U8(uint8_t v) { out_.push_back(v); }
  void U16(uint16_t v) { Le(v, 2); }
  void U32(uint32_t v) { Le(v, 4); }
  void U64(uint64_t v) { Le(v, 8); }
  void Bool(bool v) { out_.push_back(v ? 1 : 0); }
  // SCALE compact integer: the smallest of the four modes that fits.
  void Compact(uint64_t v);
  // Bytes as they are, no length.
  void Raw(ByteSpan data) { out_.insert(out_.end(), data.begin(), data.end()); }
  // Compact length followed by the bytes.
  void Blob(ByteSpan data) {
    Compact(data.size());
    Raw(data);
  }
  void Str(std::string_view s) { Blob(AsBytes(s)); }
  template <size_t N, typename Tag>
  void Fixed(const FixedBytes<N, Tag>& v) {
    Raw(v.bytes);
  }

  const Bytes& bytes() const { return out_; }
  Bytes Take() && { return std::move(out_); }
  size_t size() const { return out_.size(); }

 private:
  void Le(uint64_t v, int n) {
    for (int i = 0; i < n; ++i) out_.push_back(static_cast<uint8_t>(v >> (8 * i)));
  }
  Bytes out_;
};

// Reads from a borrowed buffer that must outlive the Decoder. Every failed read
// returns InvalidArgument with one of the reasons:
//   "decode-truncated", "decode-noncanonical", "decode-oversize", "decode-bad-tag",
//   "decode-trailing-bytes", "decode-bad-value".
class Decoder {
 public:
  explicit Decoder(ByteSpan data) : data_(data) {}

  Status U8(uint8_t* out);
  Status U16(uint16_t* out);
  Status U32(uint32_t* out);
  Status U64(uint64_t* out);
  Status Bool(bool* out);  // only 0 or 1
  Status Compact(uint64_t* out);
  Status Raw(std::span<uint8_t> out);
  // A compact length (at most max_len) followed by that many bytes.
  Status Blob(Bytes* out, size_t max_len);
  // As Blob, and the bytes must be valid UTF-8 without NUL.
  Status Str(std::string* out, size_t max_len);
  // A compact element count, at most max_count; also rejects counts that could not
  // possibly fit in the remaining input (each element takes >= min_element_size bytes).
  Status Length(size_t* out, size_t max_count, size_t min_element_size = 1);
  template <size_t N, typename Tag>
  Status Fixed(FixedBytes<N, Tag>* out) {
    return Raw(out->bytes);
  }
  // Fails with "decode-trailing-bytes" unless everything was consumed.
  Status Finish() const;

  size_t remaining() const { return data_.size() - pos_; }
  size_t position() const { return pos_; }

 private:
  Status Need(size_t n) const;
  Status Le(uint64_t* out, int n);
  ByteSpan data_;
  size_t pos_ = 0;
};

// Encodes any codec type.
template <typename T>
Bytes Encode(const T& value) {
  Encoder e;
  EncodeTo(e, value);
  return std::move(e).Take();
}

// Decodes exactly one T from `data`, rejecting inputs longer than max_size and
// trailing bytes.
template <typename T>
Result<T> DecodeExact(ByteSpan data, size_t max_size) {
  if (data.size() > max_size) {
    return Status::InvalidArgument("decode-oversize", std::to_string(data.size()) + " bytes exceed the limit of " +
                                                          std::to_string(max_size));
  }
  Decoder d(data);
  T out{};
  TF_RETURN_IF_ERROR(DecodeFrom(d, &out));
  TF_RETURN_IF_ERROR(d.Finish());
  return out;
}

// Option<T>: 0x00 = none, 0x01 followed by T = some.
template <typename T>
void EncodeOptional(Encoder& e, const std::optional<T>& v) {
  e.U8(v ? 1 : 0);
  if (v) EncodeTo(e, *v);
}
template <typename T>
Status DecodeOptional(Decoder& d, std::optional<T>* out) {
  uint8_t tag;
  TF_RETURN_IF_ERROR(d.U8(&tag));
  if (tag == 0) {
    out->reset();
    return Status::Ok();
  }
  if (tag != 1) return Status::InvalidArgument("decode-bad-tag", "option tag " + std::to_string(tag));
  T v{};
  TF_RETURN_IF_ERROR(DecodeFrom(d, &v));
  *out = std::move(v);
  return Status::Ok();
}

// Vec<T>: compact count followed by the elements.
template <typename T>
void EncodeVector(Encoder& e, const std::vector<T>& v) {
  e.Compact(v.size());
  for (const T& x : v) EncodeTo(e, x);
}
template <typename T>
Status DecodeVector(Decoder& d, std::vector<T>* out, size_t max_count) {
  size_t n;
  TF_RETURN_IF_ERROR(d.Length(&n, max_count));
  out->clear();
  out->reserve(n);
  for (size_t i = 0; i < n; ++i) {
    T x{};
    TF_RETURN_IF_ERROR(DecodeFrom(d, &x));
    out->push_back(std::move(x));
  }
  return Status::Ok();
}

// Fixed-size byte strings encode as their raw bytes.
template <size_t N, typename Tag>
void EncodeTo(Encoder& e, const FixedBytes<N, Tag>& v) {
  e.Fixed(v);
}
template <size_t N, typename Tag>
Status DecodeFrom(Decoder& d, FixedBytes<N, Tag>* out) {
  return d.Fixed(out);
}

}  // namespace tfchain::chain
