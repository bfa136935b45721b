#pragma once

#include <string_view>

#include "chain/keys.h"

namespace tfchain::chain {

// The Substrate development phrase; a URI that starts with "/" uses it ("//Alice").
inline constexpr std::string_view kDevPhrase =
    "bottom drive obey lake curtain smoke basket hold race lonely fit walk";

// Derives a key from a Substrate secret URI, exactly as subkey and polkadot.js do:
//
//   URI      := [PHRASE | 0xSEED] JUNCTION* ["///" PASSWORD]
//   JUNCTION := "//" hard-code | "/" soft-code
//
// PHRASE is a BIP39 mnemonic (seed per SubstrateSeedFromPhrase with PASSWORD), or
// missing, meaning kDevPhrase. 0xSEED is 32 bytes of hex used as the seed directly
// (PASSWORD is ignored then, as in Substrate). Each hard junction derives
//   seed' = BLAKE2b-256(SCALE(("Ed25519HDKD" | "Secp256k1HDKD", seed, chain_code)))
// where chain_code is the SCALE encoding of the junction (a u64 if it parses as one,
// else a string), zero-padded to 32 bytes or hashed with BLAKE2b-256 if longer.
//
// One deliberate difference: the empty URI is rejected ("bad-secret-uri"), where
// Substrate would return the bare development key.
//
// Errors: "bad-secret-uri" (malformed), "soft-junction-unsupported" (neither scheme
// here supports soft derivation), "bad-seed" (a 0x seed that is not 32 bytes of hex,
// or a seed that is no valid secp256k1 scalar), or the BIP39 errors of the phrase.
// Pure and thread-safe; costs one PBKDF2 of 2048 rounds for a phrase.
Result<SecretKey> KeyFromUri(std::string_view uri, KeyScheme scheme);

}  // namespace tfchain::chain
