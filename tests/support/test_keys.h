#pragma once

#include <array>
#include <cstdint>

#include "chain/keys.h"

namespace tfchain::testing {

// A deterministic ed25519 key for tests: seed = n, salt, zeros.
inline chain::SecretKey TestKey(uint8_t n, uint8_t salt = 0) {
  std::array<uint8_t, 32> seed{};
  seed[0] = n;
  seed[1] = salt;
  return std::move(chain::SecretKey::FromSeed(chain::KeyScheme::kEd25519, seed)).value();
}

}  // namespace tfchain::testing
