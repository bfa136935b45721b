// Directory: the grid section of the genesis (policies, parameters, certifiers).
#include "contracts/directory.h"
#include "contracts/directory_internal.h"

namespace tfchain::contracts {

using directory_internal::Invalid;

Status Directory::InitGenesis(StateOverlay& state, const chain::Genesis& genesis,
                              std::vector<chain::Event>* /*events*/) const {
  for (size_t i = 0; i < genesis.pricing_policies.size(); ++i) {
    if (genesis.pricing_policies[i].id != i + 1) {
      return Invalid("bad-genesis", "pricing policy #" + std::to_string(i + 1) + " has id " +
                                        std::to_string(genesis.pricing_policies[i].id));
    }
  }
  for (size_t i = 0; i < genesis.farming_policies.size(); ++i) {
    if (genesis.farming_policies[i].id != i + 1) {
      return Invalid("bad-genesis", "farming policy #" + std::to_string(i + 1) + " has id " +
                                        std::to_string(genesis.farming_policies[i].id));
    }
  }
  if (genesis.certifiers.size() > kMaxCertifiers) {
    return Invalid("bad-genesis",
                   std::to_string(genesis.certifiers.size()) + " certifiers exceed " + std::to_string(kMaxCertifiers));
  }
  for (const chain::PricingPolicy& p : genesis.pricing_policies) {
    TF_RETURN_IF_ERROR(PolicyState::PutPricingPolicy(state, p));
  }
  for (const chain::FarmingPolicy& p : genesis.farming_policies) {
    TF_RETURN_IF_ERROR(PolicyState::PutFarmingPolicy(state, p));
  }
  PolicyState::PutGridParams(state, genesis.grid);
  PolicyState::PutGovernanceParams(state, genesis.governance);
  PolicyState::PutCertifiers(state, genesis.certifiers);
  DirectoryState::PutCounters(state, DirectoryCounters{});
  return Status::Ok();
}

}  // namespace tfchain::contracts
