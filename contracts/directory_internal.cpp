// Lookups shared by the directory's calls (directory_internal.h).
#include "contracts/directory_internal.h"

#include <limits>

#include "contracts/policy_state.h"

namespace tfchain::contracts::directory_internal {

Result<TwinRecord> RequireTwin(const StateReader& state, const AccountId& signer) {
  TF_ASSIGN_OR_RETURN(std::optional<TwinRecord> twin, DirectoryState::GetTwinByAccount(state, signer));
  if (!twin) return Invalid("no-twin", chain::ToSs58(signer) + " has no twin");
  return *std::move(twin);
}

Result<FarmRecord> RequireFarm(const StateReader& state, FarmId id) {
  TF_ASSIGN_OR_RETURN(std::optional<FarmRecord> farm, DirectoryState::GetFarm(state, id));
  if (!farm) return Invalid("unknown-farm", "no farm " + std::to_string(id));
  return *std::move(farm);
}

Result<bool> IsFarmOwner(const StateReader& state, const AccountId& signer, const FarmRecord& farm) {
  TF_ASSIGN_OR_RETURN(std::optional<TwinId> twin_id, DirectoryState::GetTwinIdByAccount(state, signer));
  return twin_id.has_value() && *twin_id == farm.twin_id;
}

Result<FarmRecord> RequireOwnedFarm(const StateReader& state, const AccountId& signer, FarmId id) {
  TF_ASSIGN_OR_RETURN(FarmRecord farm, RequireFarm(state, id));
  TF_ASSIGN_OR_RETURN(bool owner, IsFarmOwner(state, signer, farm));
  if (!owner) {
    return Invalid("not-farm-owner", chain::ToSs58(signer) + " does not own farm " + std::to_string(id) +
                                         " (owner twin " + std::to_string(farm.twin_id) + ")");
  }
  return farm;
}

Result<NodeRecord> RequireNode(const StateReader& state, NodeId id) {
  TF_ASSIGN_OR_RETURN(std::optional<NodeRecord> node, DirectoryState::GetNode(state, id));
  if (!node) return Invalid("unknown-node", "no node " + std::to_string(id));
  return *std::move(node);
}

Result<FarmRecord> FarmOfNode(const StateReader& state, const NodeRecord& node) {
  TF_ASSIGN_OR_RETURN(std::optional<FarmRecord> farm, DirectoryState::GetFarm(state, node.farm_id));
  if (!farm) {
    return Status::Corruption(
        "state-corrupt", "node " + std::to_string(node.id) + " names missing farm " + std::to_string(node.farm_id));
  }
  return *std::move(farm);
}

Status RequireCertifier(const StateReader& state, const AccountId& signer) {
  TF_ASSIGN_OR_RETURN(bool certifier, PolicyState::IsCertifier(state, signer));
  if (!certifier) return Invalid("not-certifier", chain::ToSs58(signer) + " is not in the certifier set");
  return Status::Ok();
}

Result<uint32_t> TakeId(uint32_t* counter, std::string_view what) {
  if (*counter == 0 || *counter == std::numeric_limits<uint32_t>::max()) {
    return Invalid("id-space-exhausted", "no " + std::string(what) + " ids left");
  }
  return (*counter)++;
}

}  // namespace tfchain::contracts::directory_internal
