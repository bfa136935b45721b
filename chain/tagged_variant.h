#pragma once

#include <string>
#include <string_view>
#include <type_traits>
#include <variant>

#include "chain/codec.h"

namespace tfchain::chain {

// Codec for the protocol's tagged unions (calls, events): every alternative T has
// static kModule, kIndex and kName, and is encoded as u8 kModule, u8 kIndex, fields.
// The field codecs are passed in as generic callables.

template <typename Variant>
std::string_view TaggedName(const Variant& v) {
  return std::visit([](const auto& x) { return std::decay_t<decltype(x)>::kName; }, v);
}

template <typename Variant, typename EncodeFields>
void EncodeTagged(Encoder& e, const Variant& v, EncodeFields&& encode_fields) {
  std::visit(
      [&](const auto& x) {
        using T = std::decay_t<decltype(x)>;
        e.U8(T::kModule);
        e.U8(T::kIndex);
        encode_fields(e, x);
      },
      v);
}

// `what` names the union in errors ("call", "event").
template <typename Variant, typename DecodeFields, size_t I = 0>
Status DecodeTaggedAlternative(Decoder& d, uint8_t module, uint8_t index, std::string_view what,
                               DecodeFields& decode_fields, Variant* out) {
  if constexpr (I == std::variant_size_v<Variant>) {
    return Status::InvalidArgument("decode-bad-tag", "unknown " + std::string(what) + " " +
                                                         std::to_string(module) + "." + std::to_string(index));
  } else {
    using T = std::variant_alternative_t<I, Variant>;
    if (T::kModule == module && T::kIndex == index) {
      T x{};
      TF_RETURN_IF_ERROR(decode_fields(d, &x));
      *out = std::move(x);
      return Status::Ok();
    }
    return DecodeTaggedAlternative<Variant, DecodeFields, I + 1>(d, module, index, what, decode_fields, out);
  }
}

template <typename Variant, typename DecodeFields>
Status DecodeTagged(Decoder& d, std::string_view what, DecodeFields&& decode_fields, Variant* out) {
  uint8_t module, index;
  TF_RETURN_IF_ERROR(d.U8(&module));
  TF_RETURN_IF_ERROR(d.U8(&index));
  return DecodeTaggedAlternative<Variant>(d, module, index, what, decode_fields, out);
}

}  // namespace tfchain::chain
