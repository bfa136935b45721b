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

  // What the server asked.
  std::vector<chain::Bytes> Submitted() const {
    std::lock_guard<std::mutex> lock(mu_);
    return submitted_;
  }
  std::vector<std::optional<uint64_t>> ProofHeights() const {
    std::lock_guard<std::mutex> lock(mu_);
    return proof_heights_;
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

  chain::Result<TxLookup> GetTransaction(const chain::Hash256& hash) override {
    auto it = txs.find(hash);
    if (it == txs.end()) return chain::Status::NotFound("tx-not-found", "unknown transaction " + hash.Hex());
    return it->second;
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

 private:
  mutable std::mutex mu_;
  std::vector<chain::Bytes> submitted_;                 // GUARDED_BY(mu_)
  std::vector<std::optional<uint64_t>> proof_heights_;  // GUARDED_BY(mu_)
};

}  // namespace tfchain::rpc::testing
