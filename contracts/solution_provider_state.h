#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "chain/account_id.h"
#include "chain/bytes.h"
#include "chain/codec.h"
#include "chain/grid_calls.h"
#include "contracts/directory_state.h"
#include "contracts/state.h"

namespace tfchain::contracts {

// A solution provider (docs/directory.md): an entity whose shares take a percentage of
// what users pay for the deployments it created. Contracts may only name approved
// providers; governance approves and revokes (approve-solution-provider).
struct SolutionProvider {
  uint32_t id = 0;
  AccountId creator;  // the signer of solution_provider_create
  std::string description;
  std::string link;
  std::vector<chain::SolutionProviderShare> providers;  // 1..kMaxSolutionProviderShares
  bool approved = false;
  uint64_t created_ms = 0;  // block time of creation
  bool operator==(const SolutionProvider&) const = default;
};

// solution_provider := id:u32 creator:fixed[32] description:str link:str
//                      providers:vec<SolutionProviderShare>(<=kMaxSolutionProviderShares)
//                      approved:bool created_ms:u64
// Errors: the fields' decode errors.
void EncodeTo(chain::Encoder& e, const SolutionProvider& v);
Status DecodeFrom(chain::Decoder& d, SolutionProvider* out);

// Key prefix of the records, for prefix scans (id order).
inline constexpr std::array<uint8_t, 2> kDirectorySolutionProviderPrefix = {kStatePrefixDirectory, 0x08};

// The solution-provider records in the directory's state. Readers fail only with the
// StateReader's errors or "state-corrupt". Thread-compatible (static functions on
// caller-owned state).
class SolutionProviderState {
 public:
  // 0x03 0x08 || id:u32be -> SolutionProvider; nullopt when absent.
  static Result<std::optional<SolutionProvider>> Get(const StateReader& state, uint32_t id);
  static void Put(StateOverlay& state, const SolutionProvider& provider);
  // 0x03 0x09 -> the next id to hand out (u32; absent = 1).
  static Result<uint32_t> NextId(const StateReader& state);
  static void PutNextId(StateOverlay& state, uint32_t next_id);
  // The record key of `id`.
  static chain::Bytes Key(uint32_t id);
};

}  // namespace tfchain::contracts
