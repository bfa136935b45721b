// Node's NodeApi methods for the TF Directory, farming and governance. Directory
// queries are answered by the DirectoryIndex on the calling RPC worker thread (it is
// thread-safe and current as of the head); policies and proposals are read from the
// head state on the event loop, like the other state reads.
#include "contracts/governance_state.h"
#include "contracts/policy_state.h"
#include "contracts/solution_provider_state.h"
#include "node/node.h"

namespace tfchain::node {
namespace {

Status NotFound(std::string_view reason, const std::string& what) {
  return Status::NotFound(std::string(reason), "no " + what);
}

rpc::ProposalStatus ViewStatus(contracts::ProposalStatus status) {
  switch (status) {
    case contracts::ProposalStatus::kOpen:
      return rpc::ProposalStatus::kOpen;
    case contracts::ProposalStatus::kEnacted:
      return rpc::ProposalStatus::kEnacted;
    case contracts::ProposalStatus::kRejected:
      return rpc::ProposalStatus::kRejected;
  }
  return rpc::ProposalStatus::kOpen;
}

rpc::ProposalView ProposalViewOf(contracts::Proposal p) {
  rpc::ProposalView v;
  v.id = p.id;
  v.proposer = p.proposer;
  v.action = std::move(p.action);
  v.description = std::move(p.description);
  v.created_height = p.created_height;
  v.end_height = p.end_height;
  v.status = ViewStatus(p.status);
  v.yes_power = p.yes_power;
  v.no_power = p.no_power;
  v.total_power = p.total_power;
  v.result_reason = std::move(p.result_reason);
  v.closed_height = p.closed_height;
  v.quorum_permill = p.quorum_permill;
  v.threshold_permill = p.threshold_permill;
  return v;
}

}  // namespace

Result<rpc::TwinView> Node::GetTwin(chain::TwinId id) {
  auto twin = directory_->GetTwin(id);
  if (!twin) return NotFound("twin-not-found", "twin " + std::to_string(id));
  return *twin;
}

Result<rpc::TwinView> Node::GetTwinByAccount(const chain::AccountId& account) {
  auto twin = directory_->GetTwinByAccount(account);
  if (!twin) return NotFound("twin-not-found", "twin of account " + chain::ToSs58(account));
  return *twin;
}

Result<rpc::FarmView> Node::GetFarm(chain::FarmId id) {
  auto farm = directory_->GetFarm(id);
  if (!farm) return NotFound("farm-not-found", "farm " + std::to_string(id));
  return *farm;
}

Result<rpc::FarmView> Node::GetFarmByName(const std::string& name) {
  auto farm = directory_->GetFarmByName(name);
  if (!farm) return NotFound("farm-not-found", "farm named '" + name + "'");
  return *farm;
}

Result<rpc::FarmPage> Node::ListFarms(uint64_t offset, uint64_t limit) { return directory_->ListFarms(offset, limit); }

Result<rpc::NodeView> Node::GetNode(chain::NodeId id) {
  auto node = directory_->GetNode(id);
  if (!node) return NotFound("node-not-found", "node " + std::to_string(id));
  return *node;
}

Result<rpc::NodeView> Node::GetNodeByAccount(const chain::AccountId& account) {
  auto node = directory_->GetNodeByAccount(account);
  if (!node) return NotFound("node-not-found", "node with account " + chain::ToSs58(account));
  return *node;
}

Result<rpc::NodePage> Node::FindNodes(const rpc::NodeQuery& query) { return directory_->FindNodes(query); }

Result<rpc::UptimeView> Node::GetNodeUptime(chain::NodeId id) {
  auto uptime = directory_->GetNodeUptime(id);
  if (!uptime) return NotFound("node-not-found", "node " + std::to_string(id));
  return *uptime;
}

Result<rpc::GridStats> Node::GetGridStats() { return directory_->Stats(); }

Result<std::vector<chain::PricingPolicy>> Node::GetPricingPolicies() {
  return OnLoop([this]() -> Result<std::vector<chain::PricingPolicy>> {
    const contracts::StateReader& state = chain_->head_state();
    TF_ASSIGN_OR_RETURN(uint32_t count, contracts::PolicyState::GetPricingPolicyCount(state));
    std::vector<chain::PricingPolicy> out;
    for (chain::PolicyId id = 1; id <= count; ++id) {
      TF_ASSIGN_OR_RETURN(std::optional<chain::PricingPolicy> policy,
                          contracts::PolicyState::GetPricingPolicy(state, id));
      if (policy) out.push_back(std::move(*policy));
    }
    return out;
  });
}

Result<std::vector<chain::FarmingPolicy>> Node::GetFarmingPolicies() { return directory_->FarmingPolicies(); }

Result<rpc::RewardsPage> Node::GetFarmingRewards(const rpc::RewardsQuery& query) {
  const DirectoryIndex::ReceiptMatches matches = directory_->MatchReceipts(query);
  rpc::RewardsPage page;
  page.count = matches.count;
  page.total = matches.total;
  // Receipts are never rewritten once settled, so the store (thread-safe for reads)
  // is read directly.
  const HeadStateReader state(chain_->store());
  for (const DirectoryIndex::ReceiptRef& ref : matches.page) {
    TF_ASSIGN_OR_RETURN(std::optional<chain::FarmingReceipt> receipt,
                        contracts::FarmingState::GetReceipt(state, ref.period, ref.node_id));
    if (!receipt) {
      return Status::Internal("receipt-missing", "the index lists the receipt of node " + std::to_string(ref.node_id) +
                                                     " for period " + std::to_string(ref.period));
    }
    page.receipts.push_back(std::move(*receipt));
  }
  return page;
}

Result<std::vector<rpc::ProposalView>> Node::ListProposals(std::optional<rpc::ProposalStatus> status, size_t limit) {
  return OnLoop([this, status, limit]() -> Result<std::vector<rpc::ProposalView>> {
    const contracts::StateReader& state = chain_->head_state();
    TF_ASSIGN_OR_RETURN(contracts::ProposalIndex index, contracts::GovernanceState::GetIndex(state));
    std::vector<rpc::ProposalView> out;
    for (chain::ProposalId id = index.next_id; id > 1 && out.size() < limit; --id) {
      TF_ASSIGN_OR_RETURN(std::optional<contracts::Proposal> p, contracts::GovernanceState::GetProposal(state, id - 1));
      if (!p || (status && ViewStatus(p->status) != *status)) continue;
      out.push_back(ProposalViewOf(std::move(*p)));
    }
    return out;
  });
}

Result<rpc::ProposalView> Node::GetProposal(chain::ProposalId id) {
  return OnLoop([this, id]() -> Result<rpc::ProposalView> {
    TF_ASSIGN_OR_RETURN(std::optional<contracts::Proposal> p,
                        contracts::GovernanceState::GetProposal(chain_->head_state(), id));
    if (!p) return NotFound("proposal-not-found", "proposal " + std::to_string(id));
    return ProposalViewOf(std::move(*p));
  });
}

Result<rpc::SolutionProviderView> Node::GetSolutionProvider(uint32_t id) {
  return OnLoop([this, id]() -> Result<rpc::SolutionProviderView> {
    TF_ASSIGN_OR_RETURN(std::optional<contracts::SolutionProvider> p,
                        contracts::SolutionProviderState::Get(chain_->head_state(), id));
    if (!p) return NotFound("solution-provider-not-found", "solution provider " + std::to_string(id));
    return rpc::SolutionProviderView{p->id,        p->creator,  std::move(p->description), std::move(p->link),
                                     std::move(p->providers), p->approved, p->created_ms};
  });
}

}  // namespace tfchain::node
