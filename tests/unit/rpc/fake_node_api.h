#pragma once

// A scripted NodeApi for the rpc tests: tests fill in what the "node" answers and
// read back what the server asked. Not meant for concurrent mutation: tests set the
// script before they send requests; calls are recorded under a mutex.

#include <atomic>
#include <map>
#include <mutex>
#include <optional>
#include <stdexcept>
#include <vector>

#include "chain/account_data.h"
#include "chain/codec.h"
#include "chain/hash.h"
#include "chain/keys.h"
#include "rpc/node_api.h"

namespace tfchain::rpc::testing {

inline chain::Hash256 FilledHash(uint8_t fill) {
  chain::Hash256 h;
  h.bytes.fill(fill);
  return h;
}

inline chain::AccountId FilledAccount(uint8_t fill) {
  chain::AccountId a;
  a.bytes.fill(fill);
  return a;
}

class FakeNodeApi : public NodeApi {
 public:
  ChainInfo chain_info{"tfchain-test", FilledHash(0x99), "tfchaind 0.1.0", "node-a"};
  chain::Genesis genesis;
  HeadInfo head;
  HealthInfo health;
  Metrics metrics;
  std::map<uint64_t, BlockView> blocks;  // by height
  chain::Result<chain::Hash256> submit_result = chain::Hash256();
  std::map<chain::Hash256, TxLookup> txs;
  std::map<chain::AccountId, AccountInfo> accounts;
  chain::Result<uint64_t> issuance = uint64_t{0};
  std::optional<AccountProof> proof;  // answered for any account; nullopt: NotFound
  std::atomic<bool> throw_on_get_head{false};
  std::map<uint64_t, chain::Commit> commits;  // by height
  std::vector<PeerView> peers;
  std::vector<ValidatorView> validators;
  std::vector<EvidenceView> evidence;
  SyncState sync_state;
  // The directory, farming and governance.
  std::map<chain::TwinId, TwinView> twins;
  std::map<chain::FarmId, FarmView> farms;
  std::map<chain::NodeId, NodeView> nodes;  // FindNodes pages through them in id order
  std::map<chain::NodeId, UptimeView> uptimes;
  GridStats grid_stats;
  std::vector<chain::PricingPolicy> pricing_policies;
  std::vector<chain::FarmingPolicy> farming_policies;
  std::vector<chain::FarmingReceipt> receipts;  // in (period, node) order
  std::vector<ProposalView> proposals;          // in id order
  std::map<uint32_t, SolutionProviderView> solution_providers;
  // The marketplace. Lists page through `contracts` in id order, filtered by twin or
  // node and state (the index's own filtering is tested in the node tests).
  std::map<chain::ContractId, ContractView> contracts;
  std::map<chain::ContractId, std::vector<BillView>> bills;  // oldest first
  chain::Result<CostView> cost = CostView{};
  std::map<chain::TwinId, FundedUntilView> funded;
  std::map<chain::ServiceContractId, ServiceContractView> service_contracts;

  // What the server asked.
  std::vector<chain::Bytes> Submitted() const {
    std::lock_guard<std::mutex> lock(mu_);
    return submitted_;
  }
  std::vector<std::optional<uint64_t>> ProofHeights() const {
    std::lock_guard<std::mutex> lock(mu_);
    return proof_heights_;
  }
  std::vector<NodeQuery> NodeQueries() const {
    std::lock_guard<std::mutex> lock(mu_);
    return node_queries_;
  }
  std::vector<RewardsQuery> RewardsQueries() const {
    std::lock_guard<std::mutex> lock(mu_);
    return rewards_queries_;
  }
  std::vector<CostQuery> CostQueries() const {
    std::lock_guard<std::mutex> lock(mu_);
    return cost_queries_;
  }
  // (twin or node id, include_deleted, offset, limit) of each ListContractsBy* call.
  struct ListQuery {
    bool by_twin = true;
    uint32_t id = 0;
    bool include_deleted = false;
    uint64_t offset = 0;
    uint64_t limit = 0;
  };
  std::vector<ListQuery> ListQueries() const {
    std::lock_guard<std::mutex> lock(mu_);
    return list_queries_;
  }
  // (status, limit) of each ListProposals call.
  std::vector<std::pair<std::optional<ProposalStatus>, size_t>> ProposalQueries() const {
    std::lock_guard<std::mutex> lock(mu_);
    return proposal_queries_;
  }

  ChainInfo GetChainInfo() override { return chain_info; }
  chain::Genesis GetGenesis() override { return genesis; }
  HeadInfo GetHead() override {
    if (throw_on_get_head) throw std::runtime_error("scripted failure");
    return head;
  }
  HealthInfo GetHealth() override { return health; }
  Metrics GetMetrics() override { return metrics; }

  chain::Result<BlockView> GetBlockByHeight(uint64_t height) override {
    auto it = blocks.find(height);
    if (it == blocks.end())
      return chain::Status::NotFound("block-not-found", "no block at height " + std::to_string(height));
    return it->second;
  }
  chain::Result<BlockView> GetBlockByHash(const chain::Hash256& hash) override {
    for (const auto& [height, view] : blocks) {
      if (view.hash == hash) return view;
    }
    return chain::Status::NotFound("block-not-found", "no block with hash " + hash.Hex());
  }

  chain::Result<chain::Hash256> SubmitTransaction(chain::ByteSpan encoded_tx) override {
    std::lock_guard<std::mutex> lock(mu_);
    submitted_.emplace_back(encoded_tx.begin(), encoded_tx.end());
    return submit_result;
  }

  chain::Result<TxLookup> GetTransaction(const chain::Hash256& hash, bool with_tx) override {
    auto it = txs.find(hash);
    if (it == txs.end()) return chain::Status::NotFound("tx-not-found", "unknown transaction " + hash.Hex());
    TxLookup out = it->second;
    if (!with_tx && out.state == TxLookup::State::kIncluded) out.tx.reset();
    return out;
  }

  chain::Result<AccountInfo> GetAccount(const chain::AccountId& account) override {
    auto it = accounts.find(account);
    if (it != accounts.end()) return it->second;
    AccountInfo empty;
    empty.account = account;
    empty.height = head.height;
    return empty;
  }
  chain::Result<uint64_t> GetTotalIssuance() override { return issuance; }

  chain::Result<chain::Commit> GetCommit(uint64_t height) override {
    auto it = commits.find(height);
    if (it == commits.end()) return chain::Status::NotFound("commit-not-found", "no commit for that height");
    return it->second;
  }
  std::vector<PeerView> GetPeers() override { return peers; }
  chain::Result<std::vector<ValidatorView>> GetValidators() override { return validators; }
  chain::Result<ValidatorView> GetValidator(const chain::AccountId& id) override {
    for (const ValidatorView& v : validators) {
      if (v.operator_account == id || v.consensus_key == id) return v;
    }
    return chain::Status::NotFound("validator-not-found", "no validator " + chain::ToSs58(id));
  }
  chain::Result<std::vector<EvidenceView>> GetEvidence(size_t limit) override {
    std::vector<EvidenceView> out = evidence;
    if (out.size() > limit) out.resize(limit);
    return out;
  }
  SyncState GetSyncState() override { return sync_state; }

  chain::Result<AccountProof> GetAccountProof(const chain::AccountId& account,
                                              std::optional<uint64_t> height) override {
    {
      std::lock_guard<std::mutex> lock(mu_);
      proof_heights_.push_back(height);
    }
    if (!proof) return chain::Status::NotFound("block-not-found", "no state at that height");
    AccountProof out = *proof;
    out.account = account;
    return out;
  }

  chain::Result<TwinView> GetTwin(chain::TwinId id) override {
    auto it = twins.find(id);
    if (it == twins.end()) return chain::Status::NotFound("twin-not-found", "no twin " + std::to_string(id));
    return it->second;
  }
  chain::Result<TwinView> GetTwinByAccount(const chain::AccountId& account) override {
    for (const auto& [id, twin] : twins) {
      if (twin.account == account) return twin;
    }
    return chain::Status::NotFound("twin-not-found", "no twin of account " + chain::ToSs58(account));
  }
  chain::Result<FarmView> GetFarm(chain::FarmId id) override {
    auto it = farms.find(id);
    if (it == farms.end()) return chain::Status::NotFound("farm-not-found", "no farm " + std::to_string(id));
    return it->second;
  }
  chain::Result<FarmView> GetFarmByName(const std::string& name) override {
    for (const auto& [id, farm] : farms) {
      if (farm.name == name) return farm;
    }
    return chain::Status::NotFound("farm-not-found", "no farm named '" + name + "'");
  }
  chain::Result<FarmPage> ListFarms(uint64_t offset, uint64_t limit) override {
    FarmPage page;
    page.total = farms.size();
    uint64_t i = 0;
    for (const auto& [id, farm] : farms) {
      if (i >= offset && page.farms.size() < limit) page.farms.push_back(farm);
      ++i;
    }
    return page;
  }
  chain::Result<NodeView> GetNode(chain::NodeId id) override {
    auto it = nodes.find(id);
    if (it == nodes.end()) return chain::Status::NotFound("node-not-found", "no node " + std::to_string(id));
    return it->second;
  }
  chain::Result<NodeView> GetNodeByAccount(const chain::AccountId& account) override {
    for (const auto& [id, node] : nodes) {
      if (node.account == account) return node;
    }
    return chain::Status::NotFound("node-not-found", "no node with account " + chain::ToSs58(account));
  }
  // Records the query; answers every node in id order, paged (filtering is the
  // directory index's job, tested in the node tests).
  chain::Result<NodePage> FindNodes(const NodeQuery& query) override {
    {
      std::lock_guard<std::mutex> lock(mu_);
      node_queries_.push_back(query);
    }
    NodePage page;
    page.total = nodes.size();
    uint64_t i = 0;
    for (const auto& [id, node] : nodes) {
      if (i >= query.offset && page.nodes.size() < query.limit) page.nodes.push_back(node);
      ++i;
    }
    return page;
  }
  chain::Result<UptimeView> GetNodeUptime(chain::NodeId id) override {
    auto it = uptimes.find(id);
    if (it == uptimes.end()) return chain::Status::NotFound("node-not-found", "no node " + std::to_string(id));
    return it->second;
  }
  chain::Result<GridStats> GetGridStats() override { return grid_stats; }
  chain::Result<std::vector<chain::PricingPolicy>> GetPricingPolicies() override { return pricing_policies; }
  chain::Result<std::vector<chain::FarmingPolicy>> GetFarmingPolicies() override { return farming_policies; }
  chain::Result<RewardsPage> GetFarmingRewards(const RewardsQuery& query) override {
    {
      std::lock_guard<std::mutex> lock(mu_);
      rewards_queries_.push_back(query);
    }
    RewardsPage page;
    for (const chain::FarmingReceipt& r : receipts) {
      if ((query.node_id && r.node_id != *query.node_id) || (query.farm_id && r.farm_id != *query.farm_id) ||
          (query.period && r.period != *query.period)) {
        continue;
      }
      if (page.count >= query.offset && page.receipts.size() < query.limit) page.receipts.push_back(r);
      ++page.count;
      page.total += r.amount;
    }
    return page;
  }
  chain::Result<std::vector<ProposalView>> ListProposals(std::optional<ProposalStatus> status, size_t limit) override {
    {
      std::lock_guard<std::mutex> lock(mu_);
      proposal_queries_.emplace_back(status, limit);
    }
    std::vector<ProposalView> out;
    for (auto it = proposals.rbegin(); it != proposals.rend() && out.size() < limit; ++it) {
      if (!status || it->status == *status) out.push_back(*it);
    }
    return out;
  }
  chain::Result<ProposalView> GetProposal(chain::ProposalId id) override {
    for (const ProposalView& p : proposals) {
      if (p.id == id) return p;
    }
    return chain::Status::NotFound("proposal-not-found", "no proposal " + std::to_string(id));
  }
  chain::Result<SolutionProviderView> GetSolutionProvider(uint32_t id) override {
    auto it = solution_providers.find(id);
    if (it == solution_providers.end()) {
      return chain::Status::NotFound("solution-provider-not-found", "no solution provider " + std::to_string(id));
    }
    return it->second;
  }

  chain::Result<ContractView> GetContract(chain::ContractId id) override {
    auto it = contracts.find(id);
    if (it == contracts.end()) return chain::Status::NotFound("no-contract", "no contract " + std::to_string(id));
    return it->second;
  }
  chain::Result<ContractPage> ListContractsByTwin(chain::TwinId twin, bool include_deleted, uint64_t offset,
                                                  uint64_t limit) override {
    return ListContracts(ListQuery{true, twin, include_deleted, offset, limit});
  }
  chain::Result<ContractPage> ListContractsByNode(chain::NodeId node, bool include_deleted, uint64_t offset,
                                                  uint64_t limit) override {
    return ListContracts(ListQuery{false, node, include_deleted, offset, limit});
  }
  chain::Result<BillPage> GetContractBills(chain::ContractId id, uint64_t offset, uint64_t limit) override {
    if (!contracts.count(id)) return chain::Status::NotFound("no-contract", "no contract " + std::to_string(id));
    BillPage page;
    auto it = bills.find(id);
    if (it == bills.end()) return page;
    page.total = it->second.size();
    for (uint64_t i = offset; i < it->second.size() && page.bills.size() < limit; ++i) {
      page.bills.push_back(it->second[i]);
    }
    return page;
  }
  chain::Result<CostView> EstimateContractCost(const CostQuery& query) override {
    {
      std::lock_guard<std::mutex> lock(mu_);
      cost_queries_.push_back(query);
    }
    return cost;
  }
  chain::Result<FundedUntilView> GetFundedUntil(chain::TwinId twin) override {
    auto it = funded.find(twin);
    if (it == funded.end()) return chain::Status::NotFound("no-twin", "no twin " + std::to_string(twin));
    return it->second;
  }
  chain::Result<ServiceContractView> GetServiceContract(chain::ServiceContractId id) override {
    auto it = service_contracts.find(id);
    if (it == service_contracts.end()) {
      return chain::Status::NotFound("no-service-contract", "no service contract " + std::to_string(id));
    }
    return it->second;
  }

 private:
  chain::Result<ContractPage> ListContracts(const ListQuery& q) {
    {
      std::lock_guard<std::mutex> lock(mu_);
      list_queries_.push_back(q);
    }
    ContractPage page;
    for (const auto& [id, c] : contracts) {
      if ((q.by_twin ? c.twin_id : c.node_id) != q.id) continue;
      if (!q.include_deleted && c.state == chain::ContractState::kDeleted) continue;
      if (page.total >= q.offset && page.contracts.size() < q.limit) page.contracts.push_back(c);
      ++page.total;
    }
    return page;
  }

  mutable std::mutex mu_;
  std::vector<CostQuery> cost_queries_;    // GUARDED_BY(mu_)
  std::vector<ListQuery> list_queries_;    // GUARDED_BY(mu_)
  std::vector<chain::Bytes> submitted_;                                             // GUARDED_BY(mu_)
  std::vector<std::optional<uint64_t>> proof_heights_;                              // GUARDED_BY(mu_)
  std::vector<NodeQuery> node_queries_;                                             // GUARDED_BY(mu_)
  std::vector<RewardsQuery> rewards_queries_;                                       // GUARDED_BY(mu_)
  std::vector<std::pair<std::optional<ProposalStatus>, size_t>> proposal_queries_;  // GUARDED_BY(mu_)
};

}  // namespace tfchain::rpc::testing
