// Solution-provider state layout (directory module prefix 0x03):
//   0x03 0x08 || id:u32be  := solution_provider (grammar in solution_provider_state.h)
//   0x03 0x09              := next_id:u32 (the codec's little-endian; absent = 1)
#include "contracts/solution_provider_state.h"

namespace tfchain::contracts {
namespace {

constexpr uint8_t kNextIdItem = 0x09;

// The next id as a state value.
struct NextIdValue {
  uint32_t id = 1;
};
void EncodeTo(chain::Encoder& e, const NextIdValue& v) { e.U32(v.id); }
Status DecodeFrom(chain::Decoder& d, NextIdValue* out) { return d.U32(&out->id); }

chain::Bytes NextIdKey() { return chain::Bytes{kStatePrefixDirectory, kNextIdItem}; }

}  // namespace

void EncodeTo(chain::Encoder& e, const SolutionProvider& v) {
  e.U32(v.id);
  e.Fixed(v.creator);
  e.Str(v.description);
  e.Str(v.link);
  chain::EncodeVector(e, v.providers);
  e.Bool(v.approved);
  e.U64(v.created_ms);
}

Status DecodeFrom(chain::Decoder& d, SolutionProvider* out) {
  TF_RETURN_IF_ERROR(d.U32(&out->id));
  TF_RETURN_IF_ERROR(d.Fixed(&out->creator));
  TF_RETURN_IF_ERROR(d.Str(&out->description, chain::kCodecMaxString));
  TF_RETURN_IF_ERROR(d.Str(&out->link, chain::kCodecMaxString));
  TF_RETURN_IF_ERROR(chain::DecodeVector(d, &out->providers, chain::kMaxSolutionProviderShares));
  TF_RETURN_IF_ERROR(d.Bool(&out->approved));
  return d.U64(&out->created_ms);
}

chain::Bytes SolutionProviderState::Key(uint32_t id) {
  chain::Bytes key(kDirectorySolutionProviderPrefix.begin(), kDirectorySolutionProviderPrefix.end());
  for (int shift = 24; shift >= 0; shift -= 8) key.push_back(static_cast<uint8_t>(id >> shift));
  return key;
}

Result<std::optional<SolutionProvider>> SolutionProviderState::Get(const StateReader& state, uint32_t id) {
  return GetDecoded<SolutionProvider>(state, Key(id));
}

void SolutionProviderState::Put(StateOverlay& state, const SolutionProvider& provider) {
  PutEncoded(state, Key(provider.id), provider);
}

Result<uint32_t> SolutionProviderState::NextId(const StateReader& state) {
  TF_ASSIGN_OR_RETURN(std::optional<NextIdValue> v, GetDecoded<NextIdValue>(state, NextIdKey()));
  return v ? v->id : 1u;
}

void SolutionProviderState::PutNextId(StateOverlay& state, uint32_t next_id) {
  PutEncoded(state, NextIdKey(), NextIdValue{next_id});
}

}  // namespace tfchain::contracts
