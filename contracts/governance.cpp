// Governance: proposals, votes and the tally. Rules in governance.h and
// docs/governance.md; action validation and enactment in governance_actions.cpp.
#include "contracts/governance.h"

#include <algorithm>

#include "contracts/policy_state.h"
#include "contracts/staking_state.h"

namespace tfchain::contracts {
namespace {

using u128 = unsigned __int128;

constexpr u128 kPermill = chain::kPermillDenominator;

uint64_t SaturatingAdd(uint64_t a, uint64_t b) { return a > UINT64_MAX - b ? UINT64_MAX : a + b; }

Status NotAValidator(const AccountId& who) {
  return Status::InvalidArgument("not-a-validator",
                                 chain::ToSs58(who) + " operates no validator in the current active set");
}

// How an open proposal stands after the votes so far.
enum class Outcome { kOpen, kPass, kNoQuorum, kBelowThreshold };

Outcome Tally(const Proposal& p, uint64_t height) {
  const u128 yes = p.yes_power, no = p.no_power, total = p.total_power;
  const u128 voted = yes + no;
  const bool quorum = voted * kPermill >= p.quorum_permill * total;
  if (total > 0 && yes * kPermill >= p.threshold_permill * total && quorum) return Outcome::kPass;
  const u128 max_yes = total > no ? total - no : 0;  // if every other validator voted yes
  if (total > 0 && max_yes * kPermill < p.threshold_permill * total) return Outcome::kBelowThreshold;
  if (height < p.end_height) return Outcome::kOpen;
  if (voted == 0 || !quorum) return Outcome::kNoQuorum;
  if (yes * kPermill < p.threshold_permill * voted) return Outcome::kBelowThreshold;
  return Outcome::kPass;
}

}  // namespace

Result<std::optional<uint64_t>> Governance::VotingPower(const StateReader& state, const AccountId& account) {
  TF_ASSIGN_OR_RETURN(std::optional<ValidatorRecord> record, StakingState::GetValidator(state, account));
  if (!record) return std::optional<uint64_t>();
  TF_ASSIGN_OR_RETURN(std::vector<chain::Validator> set, StakingState::GetSet(state, SetSlot::kCurrent));
  for (const chain::Validator& v : set) {
    if (v.id == record->consensus_key) return std::optional<uint64_t>(v.power);
  }
  return std::optional<uint64_t>();
}

Status Governance::Propose(StateOverlay& state, uint64_t height, const AccountId& signer,
                           const chain::GovProposeCall& call, std::vector<chain::Event>* events) const {
  TF_ASSIGN_OR_RETURN(std::optional<uint64_t> power, VotingPower(state, signer));
  if (!power) return NotAValidator(signer);
  if (call.description.size() > chain::kMaxProposalDescription) {
    return Status::InvalidArgument("description-too-long", std::to_string(call.description.size()) +
                                                               " bytes exceed the limit of " +
                                                               std::to_string(chain::kMaxProposalDescription));
  }
  TF_ASSIGN_OR_RETURN(chain::GovernanceParams params, PolicyState::GetGovernanceParams(state));
  TF_ASSIGN_OR_RETURN(ProposalIndex index, GovernanceState::GetIndex(state));
  if (index.open.size() >= params.max_open_proposals) {
    return Status::InvalidArgument("too-many-proposals", std::to_string(index.open.size()) +
                                                             " proposals are open, the limit is " +
                                                             std::to_string(params.max_open_proposals));
  }
  if (index.next_id == UINT32_MAX) return Status::InvalidArgument("too-many-proposals", "proposal ids exhausted");
  TF_RETURN_IF_ERROR(ValidateAction(state, call.action));

  TF_ASSIGN_OR_RETURN(std::vector<chain::Validator> set, StakingState::GetSet(state, SetSlot::kCurrent));
  Proposal p;
  p.id = index.next_id;
  p.proposer = signer;
  p.action = call.action;
  p.description = call.description;
  p.created_height = height;
  p.end_height = SaturatingAdd(height, params.voting_period_blocks);
  for (const chain::Validator& v : set) p.total_power = SaturatingAdd(p.total_power, v.power);
  p.quorum_permill = params.quorum_permill;
  p.threshold_permill = params.threshold_permill;
  GovernanceState::PutProposal(state, p);
  index.next_id += 1;
  index.open.push_back(p.id);  // ids grow, so the list stays ascending
  GovernanceState::PutIndex(state, index);
  events->push_back(chain::ProposedEvent{p.id, signer, std::string(chain::GovActionName(p.action))});
  return Status::Ok();
}

Status Governance::Vote(StateOverlay& state, [[maybe_unused]] uint64_t height, const AccountId& signer,
                        const chain::GovVoteCall& call, std::vector<chain::Event>* events) const {
  TF_ASSIGN_OR_RETURN(std::optional<Proposal> p, GovernanceState::GetProposal(state, call.proposal_id));
  if (!p) return Status::InvalidArgument("unknown-proposal", "no proposal " + std::to_string(call.proposal_id));
  if (p->status != ProposalStatus::kOpen) {
    return Status::InvalidArgument(
        "proposal-closed", "proposal " + std::to_string(p->id) + " is " + std::string(ProposalStatusName(p->status)));
  }
  TF_ASSIGN_OR_RETURN(std::optional<uint64_t> power, VotingPower(state, signer));
  if (!power) return NotAValidator(signer);
  TF_ASSIGN_OR_RETURN(std::optional<ProposalVote> previous, GovernanceState::GetVote(state, p->id, signer));
  if (previous) {
    if (previous->approve == call.approve) {
      return Status::InvalidArgument("already-voted", std::string("already voted ") + (call.approve ? "yes" : "no") +
                                                          " on proposal " + std::to_string(p->id));
    }
    uint64_t& side = previous->approve ? p->yes_power : p->no_power;
    side -= std::min(side, previous->power);
  }
  uint64_t& side = call.approve ? p->yes_power : p->no_power;
  side = SaturatingAdd(side, *power);
  GovernanceState::PutProposal(state, *p);
  GovernanceState::PutVote(state, p->id, signer, ProposalVote{call.approve, *power});
  events->push_back(chain::VotedEvent{p->id, signer, call.approve, *power});
  return Status::Ok();
}

Status Governance::EndBlock(StateOverlay& state, uint64_t height, uint64_t time_ms,
                            std::vector<chain::Event>* events) const {
  TF_ASSIGN_OR_RETURN(ProposalIndex index, GovernanceState::GetIndex(state));
  if (index.open.empty()) return Status::Ok();
  std::vector<ProposalId> still_open;
  for (ProposalId id : index.open) {
    TF_ASSIGN_OR_RETURN(std::optional<Proposal> p, GovernanceState::GetProposal(state, id));
    if (!p) return Status::Corruption("state-corrupt", "open proposal " + std::to_string(id) + " is missing");
    const Outcome outcome = Tally(*p, height);
    if (outcome == Outcome::kOpen) {
      still_open.push_back(id);
      continue;
    }
    p->closed_height = height;
    std::vector<chain::Event> action_events;  // kept only when the action is enacted
    if (outcome == Outcome::kPass) {
      const size_t checkpoint = state.Checkpoint();
      Status enacted = Enact(state, time_ms, p->action, &action_events);
      if (enacted.ok()) {
        p->status = ProposalStatus::kEnacted;
      } else {
        if (enacted.code() != Status::Code::kInvalidArgument) return enacted;
        state.RollbackTo(checkpoint);
        p->status = ProposalStatus::kRejected;
        p->result_reason = std::string(enacted.reason());
      }
    } else {
      p->status = ProposalStatus::kRejected;
      p->result_reason = outcome == Outcome::kNoQuorum ? "no-quorum" : "below-threshold";
    }
    GovernanceState::PutProposal(state, *p);
    if (p->status == ProposalStatus::kEnacted) {
      events->push_back(chain::EnactedEvent{id});
      events->insert(events->end(), action_events.begin(), action_events.end());
    } else {
      events->push_back(chain::RejectedEvent{id, p->result_reason});
    }
  }
  if (still_open.size() != index.open.size()) {
    index.open = std::move(still_open);
    GovernanceState::PutIndex(state, index);
  }
  return Status::Ok();
}

}  // namespace tfchain::contracts
