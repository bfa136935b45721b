// Directory: solution providers (solution_provider_create); rules in directory.h and
// docs/directory.md. Governance approves them (governance_actions.cpp).
#include <algorithm>

#include "contracts/directory.h"
#include "contracts/directory_internal.h"
#include "contracts/directory_validation.h"

namespace tfchain::contracts {

using directory_internal::Invalid;

namespace {

Status CheckShares(const std::vector<chain::SolutionProviderShare>& shares) {
  if (shares.empty() || shares.size() > chain::kMaxSolutionProviderShares) {
    return Invalid("bad-solution-provider-shares", "expected 1.." + std::to_string(chain::kMaxSolutionProviderShares) +
                                                       " shares, got " + std::to_string(shares.size()));
  }
  uint32_t total = 0;
  for (size_t i = 0; i < shares.size(); ++i) {
    const chain::SolutionProviderShare& share = shares[i];
    if (share.take_percent < 1 || share.take_percent > 100) {
      return Invalid("bad-solution-provider-shares",
                     "take_percent must be 1..100, got " + std::to_string(share.take_percent));
    }
    const auto same = [&](const chain::SolutionProviderShare& s) { return s.account == share.account; };
    if (std::any_of(shares.begin(), shares.begin() + static_cast<std::ptrdiff_t>(i), same)) {
      return Invalid("bad-solution-provider-shares", chain::ToSs58(share.account) + " appears twice");
    }
    total += share.take_percent;
  }
  if (total > kMaxSolutionProviderTakePercent) {
    return Invalid("solution-provider-take-too-high", "the takes sum to " + std::to_string(total) + "%, above " +
                                                          std::to_string(kMaxSolutionProviderTakePercent) + "%");
  }
  return Status::Ok();
}

}  // namespace

Status Directory::SolutionProviderCreate(StateOverlay& state, uint64_t /*height*/, uint64_t time_ms,
                                         const AccountId& signer, const chain::SolutionProviderCreateCall& call,
                                         std::vector<chain::Event>* events) const {
  if (call.description.empty() || call.description.size() > chain::kMaxSolutionProviderDescription ||
      !IsPrintableText(call.description)) {
    return Invalid("bad-solution-provider-description", "description must be 1.." +
                                                            std::to_string(chain::kMaxSolutionProviderDescription) +
                                                            " bytes of printable text");
  }
  if (call.link.size() > chain::kMaxSolutionProviderLink || !IsPrintableText(call.link)) {
    return Invalid(
        "bad-solution-provider-link",
        "link must be at most " + std::to_string(chain::kMaxSolutionProviderLink) + " bytes of printable text");
  }
  TF_RETURN_IF_ERROR(CheckShares(call.providers));
  TF_ASSIGN_OR_RETURN(uint32_t next_id, SolutionProviderState::NextId(state));
  TF_ASSIGN_OR_RETURN(uint32_t id, directory_internal::TakeId(&next_id, "solution provider"));
  SolutionProvider provider;
  provider.id = id;
  provider.creator = signer;
  provider.description = call.description;
  provider.link = call.link;
  provider.providers = call.providers;
  provider.approved = false;
  provider.created_ms = time_ms;
  SolutionProviderState::Put(state, provider);
  SolutionProviderState::PutNextId(state, next_id);
  events->push_back(chain::SolutionProviderCreatedEvent{id, signer});
  return Status::Ok();
}

}  // namespace tfchain::contracts
