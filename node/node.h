#pragma once

#include <atomic>
#include <cstdint>
#include <deque>
#include <memory>
#include <optional>
#include <string>
#include <thread>
#include <unordered_map>

#include <boost/asio/io_context.hpp>
#include <boost/asio/steady_timer.hpp>

#include "chain/genesis.h"
#include "chain/keys.h"
#include "node/chain_state.h"
#include "node/clock.h"
#include "node/kv_store.h"
#include "node/mempool.h"
#include "node/signature_verifier.h"
#include "rpc/node_api.h"
#include "rpc/rpc_server.h"

namespace tfchain::node {

inline constexpr std::string_view kNodeVersion = "tfchaind 0.1.0";

struct NodeOptions {
  std::string data_dir;                // the LevelDB lives in data_dir/db
  chain::Genesis genesis;
  std::string node_name = "tfchaind";
  uint64_t block_time_ms = 1000;       // block production interval
  rpc::RpcServerOptions rpc;
  MempoolOptions mempool;
  size_t verify_threads = 2;           // signature verification pool
  size_t dropped_memory = 10'000;      // how many dropped tx hashes tx_get remembers
};

// tfchaind: wires the chain, the mempool, block production and the RPC server.
//
// One thread runs the node's io_context and owns all mutable node state (chain head,
// mempool, dropped-tx memory): no locks there. RPC worker threads reach it through
// the NodeApi methods, which do the stateless work (decoding, signature checks) on
// the calling thread and post the rest to the event loop, waiting for the answer.
//
// Block production (issue "chain foundation": one validator, the --dev mode): every
// block_time_ms the node builds a block from the mempool, signs its precommit with
// the validator key and commits it with one synced write.
class Node final : public rpc::NodeApi {
 public:
  // Opens (creating) data_dir/db and the chain in it. `validator_key` must belong to
  // the genesis validator set; the node then produces blocks. `clock` must outlive
  // the node. Errors: store open errors, "genesis-mismatch", "not-a-validator".
  static Result<std::unique_ptr<Node>> Open(NodeOptions options, std::optional<chain::SecretKey> validator_key,
                                            const Clock& clock);
  ~Node() override;

  // Starts the event loop, block production and the RPC server. Errors: those of
  // RpcServer::Start ("rpc-bind-failed").
  Status Start();
  // Stops RPC, then block production and the event loop. Idempotent.
  void Stop();
  // Blocks until the node stops on its own (a fatal error) or Stop is called.
  // Returns the fatal error, if any.
  Status Wait();

  uint16_t rpc_port() const { return rpc_ ? rpc_->port() : 0; }
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
  Result<rpc::TxLookup> GetTransaction(const chain::Hash256& hash) override;
  Result<rpc::AccountInfo> GetAccount(const chain::AccountId& account) override;
  Result<uint64_t> GetTotalIssuance() override;
  Result<rpc::AccountProof> GetAccountProof(const chain::AccountId& account, std::optional<uint64_t> height) override;
  Result<chain::Commit> GetCommit(uint64_t height) override;
  std::vector<rpc::PeerView> GetPeers() override;
  rpc::SyncState GetSyncState() override;

 private:
  Node(NodeOptions options, std::optional<chain::SecretKey> validator_key, const Clock& clock);

  // Runs `fn` on the event loop and returns its result; directly when already there.
  template <typename Fn>
  auto OnLoop(Fn&& fn) -> decltype(fn());

  void ScheduleBlock();
  void ProduceBlock();
  void Fail(Status status);
  void RememberDropped(const std::vector<DroppedTx>& dropped);
  Result<rpc::BlockView> BlockView(uint64_t height);

  NodeOptions options_;
  std::optional<chain::SecretKey> validator_key_;
  const Clock& clock_;
  std::unique_ptr<KvStore> kv_;
  std::unique_ptr<ChainState> chain_;       // event loop only
  std::unique_ptr<Mempool> mempool_;        // event loop only
  SignatureVerifier verifier_;
  std::unordered_map<chain::Hash256, std::string, chain::FixedBytesHasher> dropped_;  // event loop only
  std::deque<chain::Hash256> dropped_order_;                                            // event loop only

  boost::asio::io_context io_;
  boost::asio::steady_timer block_timer_;
  std::chrono::steady_clock::time_point next_block_at_;
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

}  // namespace tfchain::node
