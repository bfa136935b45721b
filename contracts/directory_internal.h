#pragma once

// Helpers shared by the directory's call files (directory_*.cpp); not part of the
// module's API. Every lookup fails with the call error named in its comment.

#include <string>

#include "contracts/directory_state.h"
#include "contracts/state.h"

namespace tfchain::contracts::directory_internal {

inline Status Invalid(std::string reason, std::string detail) {
  return Status::InvalidArgument(std::move(reason), std::move(detail));
}

// The signer's twin: "no-twin".
Result<TwinRecord> RequireTwin(const StateReader& state, const AccountId& signer);
// An existing farm: "unknown-farm".
Result<FarmRecord> RequireFarm(const StateReader& state, FarmId id);
// An existing farm whose owner twin belongs to `signer`: "unknown-farm", "not-farm-owner".
Result<FarmRecord> RequireOwnedFarm(const StateReader& state, const AccountId& signer, FarmId id);
// Whether `signer` owns `farm` (its twin is the farm's twin).
Result<bool> IsFarmOwner(const StateReader& state, const AccountId& signer, const FarmRecord& farm);
// An existing node: "unknown-node".
Result<NodeRecord> RequireNode(const StateReader& state, NodeId id);
// The farm of an existing node (its absence is "state-corrupt").
Result<FarmRecord> FarmOfNode(const StateReader& state, const NodeRecord& node);
// `signer` is in the certifier set: "not-certifier".
Status RequireCertifier(const StateReader& state, const AccountId& signer);
// Takes the next id from `counter` (advancing it): "id-space-exhausted" when the u32
// ids are used up.
Result<uint32_t> TakeId(uint32_t* counter, std::string_view what);

}  // namespace tfchain::contracts::directory_internal
