#include "chain/hash.h"

#include <sodium.h>

namespace tfchain::chain {
namespace {
static_assert(sizeof(crypto_generichash_state) <= 384, "Blake2bHasher state buffer too small");

crypto_generichash_state* State(unsigned char* buf) {
  return reinterpret_cast<crypto_generichash_state*>(buf);
}
}  // namespace

Hash256 Blake2b256(ByteSpan data) {
  Hash256 out;
  crypto_generichash(out.data(), out.size(), data.data(), data.size(), nullptr, 0);
  return out;
}

Hash256 TaggedHash(HashDomain domain, ByteSpan data) {
  return Blake2bHasher(domain).Update(data).Final();
}

void Blake2b(ByteSpan data, std::span<uint8_t> out, ByteSpan key) {
  CHECK(out.size() >= crypto_generichash_BYTES_MIN && out.size() <= crypto_generichash_BYTES_MAX);
  CHECK(key.empty() ||
        (key.size() >= crypto_generichash_KEYBYTES_MIN && key.size() <= crypto_generichash_KEYBYTES_MAX));
  crypto_generichash(out.data(), out.size(), data.data(), data.size(), key.empty() ? nullptr : key.data(),
                     key.size());
}

Blake2bHasher::Blake2bHasher() { crypto_generichash_init(State(state_), nullptr, 0, 32); }

Blake2bHasher::Blake2bHasher(HashDomain domain) : Blake2bHasher() {
  const uint8_t tag = static_cast<uint8_t>(domain);
  crypto_generichash_update(State(state_), &tag, 1);
}

Blake2bHasher& Blake2bHasher::Update(ByteSpan data) {
  crypto_generichash_update(State(state_), data.data(), data.size());
  return *this;
}

Hash256 Blake2bHasher::Final() {
  Hash256 out;
  crypto_generichash_final(State(state_), out.data(), out.size());
  return out;
}

}  // namespace tfchain::chain
