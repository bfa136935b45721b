// Directory: twins (twin_create, twin_update); rules in directory.h and
// docs/directory.md.
#include "contracts/directory.h"
#include "contracts/directory_internal.h"
#include "contracts/directory_validation.h"

namespace tfchain::contracts {

using directory_internal::Invalid;

Status Directory::TwinCreate(StateOverlay& state, uint64_t /*height*/, uint64_t time_ms, const AccountId& signer,
                             const chain::TwinCreateCall& call, std::vector<chain::Event>* events) const {
  TF_ASSIGN_OR_RETURN(std::optional<TwinId> existing, DirectoryState::GetTwinIdByAccount(state, signer));
  if (existing) return Invalid("twin-exists", chain::ToSs58(signer) + " already has twin " + std::to_string(*existing));
  TF_RETURN_IF_ERROR(CheckRelay(call.relay));
  TF_RETURN_IF_ERROR(CheckTwinKey(call.public_key));
  TF_ASSIGN_OR_RETURN(DirectoryCounters counters, DirectoryState::GetCounters(state));
  TF_ASSIGN_OR_RETURN(TwinId id, directory_internal::TakeId(&counters.next_twin_id, "twin"));
  DirectoryState::PutTwin(state, TwinRecord{id, signer, call.relay, call.public_key, time_ms});
  DirectoryState::PutTwinIdByAccount(state, signer, id);
  DirectoryState::PutCounters(state, counters);
  events->push_back(chain::TwinCreatedEvent{id, signer});
  return Status::Ok();
}

Status Directory::TwinUpdate(StateOverlay& state, uint64_t /*height*/, uint64_t /*time_ms*/, const AccountId& signer,
                             const chain::TwinUpdateCall& call, std::vector<chain::Event>* events) const {
  TF_ASSIGN_OR_RETURN(TwinRecord twin, directory_internal::RequireTwin(state, signer));
  TF_RETURN_IF_ERROR(CheckRelay(call.relay));
  TF_RETURN_IF_ERROR(CheckTwinKey(call.public_key));
  twin.relay = call.relay;
  twin.public_key = call.public_key;
  DirectoryState::PutTwin(state, twin);
  events->push_back(chain::TwinUpdatedEvent{twin.id});
  return Status::Ok();
}

}  // namespace tfchain::contracts
