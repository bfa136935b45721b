#pragma once

#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <future>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <unordered_map>
#include <unordered_set>

#include <boost/asio/io_context.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/thread_pool.hpp>

#include "chain/genesis.h"
#include "chain/keys.h"
#include "consensus/engine.h"
#include "node/block_sync.h"
#include "node/chain_state.h"
#include "node/clock.h"
#include "node/consensus_driver.h"
#include "node/contract_index.h"
#include "node/directory_index.h"
#include "node/kv_store.h"
#include "node/mempool.h"
#include "node/p2p_network.h"
#include "node/p2p_seen_cache.h"
#include "node/private_validator.h"
#include "node/signature_verifier.h"
#include "node/tx_relay.h"
#include "rpc/node_api.h"
#include "rpc/rpc_server.h"

namespace tfchain::node {

inline constexpr std::string_view kNodeVersion = "tfchaind 0.1.0";

struct NodeOptions {
  std::string data_dir;                // LevelDB in data_dir/db, signer state in data_dir/signer_state.bin
  chain::Genesis genesis;
  std::string node_name = "tfchaind";
  uint64_t block_time_ms = 1000;       // target block interval
  consensus::TimeoutParams timeouts;
  rpc::RpcServerOptions rpc;
  // The P2P network; nullopt for a node without peers (--dev).
  std::optional<P2pNetwork::Options> p2p;
  MempoolOptions mempool;
  size_t verify_threads = 2;           // signature verification pool
  size_t dropped_memory = 10'000;      // how many dropped tx hashes tx_get remembers
  BlockSync::Options sync;
};

// tfchaind: wires the chain, the mempool, consensus, the P2P network, block sync and
// the RPC server.
//
// One thread runs the node's io_context and owns all mutable node state (chain head,
// mempool, consensus engine, peers): no locks there. RPC worker threads reach it
// through the NodeApi methods, which do the stateless work (decoding, signature
// checks) on the calling thread and post the rest to the event loop; gossiped
// transactions are verified on a separate thread and handed back to the loop.
class Node final : public rpc::NodeApi, private P2pNetwork::Handler {
 public:
  // Opens (creating) data_dir/db and the chain in it. With `validator_key` the node
  // signs consensus messages when the key is in a height's validator set (a --dev
  // node must be: "not-a-validator"). `clock` must outlive the node.
  // Errors: store open errors, "genesis-mismatch", "not-a-validator", signer state
  // errors.
  static Result<std::unique_ptr<Node>> Open(NodeOptions options, std::optional<chain::SecretKey> validator_key,
                                            const Clock& clock);
  ~Node() override;

  // Starts the event loop, the network, consensus (or sync) and the RPC server.
  // Errors: "rpc-bind-failed", "p2p-bind-failed", bad P2P options.
  Status Start();
  // Stops RPC, the network, consensus and the event loop. Idempotent.
  void Stop();
  // Blocks until the node stops on its own (a fatal error) or Stop is called.
  Status Wait();

  uint16_t rpc_port() const { return rpc_ ? rpc_->port() : 0; }
  uint16_t p2p_port() const { return p2p_ ? p2p_->listen_port() : 0; }
  const chain::Hash256& genesis_hash() const { return chain_->genesis_hash(); }

  // rpc::NodeApi
  rpc::ChainInfo GetChainInfo() override;
  chain::Genesis GetGenesis() override;
  rpc::HeadInfo GetHead() override;
  rpc::HealthInfo GetHealth() override;
  rpc::Metrics GetMetrics() override;
  Result<rpc::BlockView> GetBlockByHeight(uint64_t height) override;
  Result<rpc::BlockView> GetBlockByHash(const chain::Hash256& hash) override;
  Result<chain::Hash256> SubmitTransaction(chain::ByteSpan encoded_tx) override;
  Result<rpc::TxLookup> GetTransaction(const chain::Hash256& hash, bool with_tx) override;
  Result<rpc::AccountInfo> GetAccount(const chain::AccountId& account) override;
  Result<uint64_t> GetTotalIssuance() override;
  Result<rpc::AccountProof> GetAccountProof(const chain::AccountId& account, std::optional<uint64_t> height) override;
  Result<chain::Commit> GetCommit(uint64_t height) override;
  std::vector<rpc::PeerView> GetPeers() override;
  Result<std::vector<rpc::ValidatorView>> GetValidators() override;
  Result<rpc::ValidatorView> GetValidator(const chain::AccountId& operator_or_consensus_key) override;
  Result<std::vector<rpc::EvidenceView>> GetEvidence(size_t limit) override;
  rpc::SyncState GetSyncState() override;
  // The TF Directory, farming and governance (node/grid_api.cpp).
  Result<rpc::TwinView> GetTwin(chain::TwinId id) override;
  Result<rpc::TwinView> GetTwinByAccount(const chain::AccountId& account) override;
  Result<rpc::FarmView> GetFarm(chain::FarmId id) override;
  Result<rpc::FarmView> GetFarmByName(const std::string& name) override;
  Result<rpc::FarmPage> ListFarms(uint64_t offset, uint64_t limit) override;
  Result<rpc::NodeView> GetNode(chain::NodeId id) override;
  Result<rpc::NodeView> GetNodeByAccount(const chain::AccountId& account) override;
  Result<rpc::NodePage> FindNodes(const rpc::NodeQuery& query) override;
  Result<rpc::UptimeView> GetNodeUptime(chain::NodeId id) override;
  Result<rpc::GridStats> GetGridStats() override;
  Result<std::vector<chain::PricingPolicy>> GetPricingPolicies() override;
  Result<std::vector<chain::FarmingPolicy>> GetFarmingPolicies() override;
  Result<rpc::RewardsPage> GetFarmingRewards(const rpc::RewardsQuery& query) override;
  Result<std::vector<rpc::ProposalView>> ListProposals(std::optional<rpc::ProposalStatus> status,
                                                       size_t limit) override;
  Result<rpc::ProposalView> GetProposal(chain::ProposalId id) override;
  Result<rpc::SolutionProviderView> GetSolutionProvider(uint32_t id) override;
  // The capacity marketplace (node/contract_api.cpp).
  Result<rpc::ContractView> GetContract(chain::ContractId id) override;
  Result<rpc::ContractPage> ListContractsByTwin(chain::TwinId twin, bool include_deleted, uint64_t offset,
                                                uint64_t limit) override;
  Result<rpc::ContractPage> ListContractsByNode(chain::NodeId node, bool include_deleted, uint64_t offset,
                                                uint64_t limit) override;
  Result<rpc::BillPage> GetContractBills(chain::ContractId id, uint64_t offset, uint64_t limit) override;
  Result<rpc::CostView> EstimateContractCost(const rpc::CostQuery& query) override;
  Result<rpc::FundedUntilView> GetFundedUntil(chain::TwinId twin) override;
  Result<rpc::ServiceContractView> GetServiceContract(chain::ServiceContractId id) override;

 private:
  Node(NodeOptions options, const Clock& clock);

  // Runs `fn` on the event loop and returns its result; directly when already there.
  template <typename Fn>
  auto OnLoop(Fn&& fn) -> decltype(fn());

  // P2pNetwork::Handler
  void OnPeerConnected(const PeerInfo& info) override;
  void OnPeerDisconnected(const PeerId& id, std::string_view reason) override;
  void OnMessage(const PeerId& from, Message msg) override;

  void OnCommitted(const ConsensusDriver::Committed& c);
  void Broadcast(const Message& msg, const PeerId* except);
  void Misbehaved(const PeerId& peer, std::string_view reason);
  void ServeBlocks(const PeerId& peer, const BlockRequest& request);
  void QueueGossipTx(const PeerId& from, chain::Bytes encoded);
  void FlushGossipTxs();
  Status AddToMempool(PoolTx tx);
  StatusMsg OurStatus() const;
  void Tick();
  void Fail(Status status);
  void RememberDropped(const std::vector<DroppedTx>& dropped);
  Result<rpc::BlockView> BlockView(uint64_t height);
  Result<rpc::ValidatorView> ValidatorViewOf(const chain::AccountId& operator_account);
  Result<rpc::ContractPage> ContractPageOf(const ContractIndex::Page& ids);

  NodeOptions options_;
  const Clock& clock_;
  std::unique_ptr<KvStore> kv_;
  std::unique_ptr<ChainState> chain_;             // event loop only
  // The directory at the head: updated by the loop at every commit, read by RPC
  // workers (thread-safe).
  std::unique_ptr<DirectoryIndex> directory_;
  // Contract ids by twin and by node at the head: same regime as directory_.
  std::unique_ptr<ContractIndex> contracts_;
  std::unique_ptr<Mempool> mempool_;              // event loop only
  std::unique_ptr<PrivateValidator> validator_;   // event loop only; null on a follower
  SignatureVerifier verifier_;
  std::unordered_map<chain::Hash256, std::string, chain::FixedBytesHasher> dropped_;  // event loop only
  std::deque<chain::Hash256> dropped_order_;                                            // event loop only

  boost::asio::io_context io_;
  std::unique_ptr<ConsensusDriver> driver_;  // event loop only
  std::unique_ptr<P2pNetwork> p2p_;          // event loop only; null without a network
  std::unique_ptr<BlockSync> sync_;          // event loop only
  std::unique_ptr<TxRelay> relay_;           // event loop only; null without a network
  boost::asio::steady_timer tick_timer_;
  boost::asio::thread_pool gossip_verify_pool_{1};
  std::vector<std::pair<PeerId, chain::Bytes>> gossip_txs_;  // event loop only
  // Hashes of gossiped transactions on the verification pool: a copy relayed by a
  // second peer meanwhile is not verified again. Event loop only.
  std::unordered_set<chain::Hash256, chain::FixedBytesHasher> gossip_verifying_;
  // Hashes of the transactions of recent blocks: a just-committed transaction that peers
  // still relay is dropped without a store lookup. (An older one fails the mempool's
  // nonce check.) Event loop only.
  SeenCache recently_committed_{size_t{1} << 18};
  bool gossip_flush_posted_ = false;                         // event loop only
  std::thread loop_thread_;
  std::thread::id loop_thread_id_;
  std::unique_ptr<rpc::RpcServer> rpc_;

  std::atomic<bool> running_{false};
  std::atomic<uint64_t> txs_rejected_{0};
  std::atomic<uint64_t> last_commit_ms_{0};
  uint64_t head_committed_at_ms_ = 0;  // event loop only
  std::mutex fatal_mu_;
  std::condition_variable fatal_cv_;
  std::optional<Status> stopped_;  // GUARDED_BY(fatal_mu_): set when the node stops
};

template <typename Fn>
auto Node::OnLoop(Fn&& fn) -> decltype(fn()) {
  if (std::this_thread::get_id() == loop_thread_id_) return fn();
  using R = decltype(fn());
  std::promise<R> promise;
  std::future<R> future = promise.get_future();
  boost::asio::post(io_, [&] { promise.set_value(fn()); });
  return future.get();
}

}  // namespace tfchain::node
