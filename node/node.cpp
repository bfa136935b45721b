#include "node/node.h"

#include <boost/asio/post.hpp>

#include <filesystem>
#include <future>

#include "chain/hash.h"
#include "chain/vote.h"
#include "contracts/balances.h"
#include "node/log.h"

namespace tfchain::node {

namespace asio = boost::asio;

Node::Node(NodeOptions options, std::optional<chain::SecretKey> validator_key, const Clock& clock)
    : options_(std::move(options)),
      validator_key_(std::move(validator_key)),
      clock_(clock),
      verifier_(options_.verify_threads),
      block_timer_(io_) {}

Node::~Node() { Stop(); }

Result<std::unique_ptr<Node>> Node::Open(NodeOptions options, std::optional<chain::SecretKey> validator_key,
                                         const Clock& clock) {
  if (validator_key) {
    bool member = false;
    for (const chain::GenesisValidator& v : options.genesis.validators) {
      member |= v.validator.id == validator_key->account_id();
    }
    if (!member) {
      return Status::InvalidArgument("not-a-validator", "key " + chain::ToSs58(validator_key->account_id()) +
                                                            " is not in the genesis validator set");
    }
  }
  std::error_code ec;
  const std::string db_path = options.data_dir + "/db";
  std::filesystem::create_directories(db_path, ec);
  if (ec) return Status::IoError("data-dir-unusable", db_path + ": " + ec.message());

  std::unique_ptr<Node> node(new Node(std::move(options), std::move(validator_key), clock));
  TF_ASSIGN_OR_RETURN(node->kv_, OpenLevelDb(db_path));
  TF_ASSIGN_OR_RETURN(node->chain_, ChainState::Open(*node->kv_, node->options_.genesis));
  node->mempool_ = std::make_unique<Mempool>(node->chain_->runtime(), node->options_.mempool);
  node->head_committed_at_ms_ = clock.NowMs();
  return node;
}

template <typename Fn>
auto Node::OnLoop(Fn&& fn) -> decltype(fn()) {
  if (std::this_thread::get_id() == loop_thread_id_) return fn();
  using R = decltype(fn());
  std::promise<R> promise;
  std::future<R> future = promise.get_future();
  asio::post(io_, [&] { promise.set_value(fn()); });
  return future.get();
}

Status Node::Start() {
  CHECK(!running_);
  running_ = true;
  std::promise<void> started;
  loop_thread_ = std::thread([this, &started] {
    loop_thread_id_ = std::this_thread::get_id();
    auto guard = asio::make_work_guard(io_);
    started.set_value();
    io_.run();
  });
  started.get_future().wait();
  if (validator_key_) {
    asio::post(io_, [this] {
      next_block_at_ = std::chrono::steady_clock::now() + std::chrono::milliseconds(options_.block_time_ms);
      ScheduleBlock();
    });
  }
  rpc_ = std::make_unique<rpc::RpcServer>(*this, options_.rpc);
  Status s = rpc_->Start();
  if (!s.ok()) {
    Stop();
    return s;
  }
  const chain::BlockHeader head = OnLoop([this] { return chain_->head(); });
  LogInfo("chain " + options_.genesis.chain_id + ", genesis " + chain_->genesis_hash().Hex() + ", head #" +
          std::to_string(head.height));
  return Status::Ok();
}

void Node::Stop() {
  if (rpc_) rpc_->Stop();  // first: in-flight RPC calls still need the event loop
  if (loop_thread_.joinable()) {
    asio::post(io_, [this] { block_timer_.cancel(); });
    io_.stop();
    loop_thread_.join();
  }
  running_ = false;
  std::lock_guard<std::mutex> lock(fatal_mu_);
  if (!stopped_) stopped_ = Status::Ok();
  fatal_cv_.notify_all();
}

Status Node::Wait() {
  std::unique_lock<std::mutex> lock(fatal_mu_);
  fatal_cv_.wait(lock, [this] { return stopped_.has_value(); });
  return *stopped_;
}

void Node::Fail(Status status) {
  LogError("fatal: " + status.ToString());
  block_timer_.cancel();
  std::lock_guard<std::mutex> lock(fatal_mu_);
  if (!stopped_) stopped_ = status;
  fatal_cv_.notify_all();
}

void Node::ScheduleBlock() {
  block_timer_.expires_at(next_block_at_);
  block_timer_.async_wait([this](const boost::system::error_code& ec) {
    if (ec) return;  // cancelled
    ProduceBlock();
    {
      std::lock_guard<std::mutex> lock(fatal_mu_);
      if (stopped_) return;
    }
    // Keep the cadence; if a block took longer than the interval, go again at once.
    next_block_at_ += std::chrono::milliseconds(options_.block_time_ms);
    const auto now = std::chrono::steady_clock::now();
    if (next_block_at_ < now) next_block_at_ = now;
    ScheduleBlock();
  });
}

void Node::ProduceBlock() {
  const auto started = std::chrono::steady_clock::now();
  const std::vector<PoolTxPtr> ready = mempool_->ReadyForBlock(options_.genesis.consensus.max_block_txs);
  std::vector<Candidate> candidates;
  candidates.reserve(ready.size());
  for (const PoolTxPtr& p : ready) candidates.push_back(Candidate{&p->tx, p->hash, p->encoded.size()});

  const BlockTemplate tmpl = chain_->NextTemplate(clock_.NowMs(), validator_key_->account_id());
  Result<BuiltBlock> built = chain_->Build(tmpl, candidates);
  if (!built.ok()) return Fail(built.status().WithContext("building block " + std::to_string(tmpl.height)));

  // The sole validator's precommit commits the block (BFT consensus replaces this
  // with a >2/3 vote of the validator set).
  chain::Vote precommit;
  precommit.type = chain::VoteType::kPrecommit;
  precommit.height = tmpl.height;
  precommit.round = 0;
  precommit.block_hash = built->hash;
  chain::SignVote(options_.genesis.chain_id, *validator_key_, &precommit);
  chain::Commit commit{tmpl.height, 0, built->hash, {chain::CommitSig{precommit.validator, precommit.signature}}};

  const uint64_t height = tmpl.height;
  const size_t tx_count = built->block.txs.size();
  const chain::Hash256 hash = built->hash;
  std::vector<chain::Hash256> included = built->tx_hashes;
  std::vector<chain::AccountId> changed = built->changed_accounts;
  Status committed = chain_->Commit(std::move(built).value(), std::move(commit));
  if (!committed.ok()) return Fail(committed.WithContext("committing block " + std::to_string(height)));
  head_committed_at_ms_ = clock_.NowMs();

  std::vector<DroppedTx> dropped;
  Status rechecked = mempool_->OnBlockCommitted(chain_->head_state(), height + 1, included, changed, &dropped);
  if (!rechecked.ok()) return Fail(rechecked.WithContext("re-checking the mempool"));
  RememberDropped(dropped);

  const auto elapsed =
      std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - started).count();
  last_commit_ms_ = static_cast<uint64_t>(elapsed);
  LogInfo("block #" + std::to_string(height) + " " + hash.Hex().substr(0, 18) + " txs=" + std::to_string(tx_count) +
          " dropped=" + std::to_string(dropped.size()) + " pool=" + std::to_string(mempool_->size()) + " in " +
          std::to_string(elapsed) + " ms");
}

void Node::RememberDropped(const std::vector<DroppedTx>& dropped) {
  for (const DroppedTx& d : dropped) {
    if (dropped_.insert_or_assign(d.hash, d.reason).second) dropped_order_.push_back(d.hash);
    while (dropped_order_.size() > options_.dropped_memory) {
      dropped_.erase(dropped_order_.front());
      dropped_order_.pop_front();
    }
  }
}

rpc::ChainInfo Node::GetChainInfo() {
  return rpc::ChainInfo{options_.genesis.chain_id, chain_->genesis_hash(), std::string(kNodeVersion),
                        options_.node_name};
}

chain::Genesis Node::GetGenesis() { return options_.genesis; }

rpc::HeadInfo Node::GetHead() {
  return OnLoop([this] { return rpc::HeadInfo{chain_->head().height, chain_->head_hash(), chain_->head().time_ms}; });
}

rpc::HealthInfo Node::GetHealth() {
  return OnLoop([this] {
    rpc::HealthInfo h;
    h.head_height = chain_->head().height;
    const uint64_t now = clock_.NowMs();
    h.head_age_ms = now > head_committed_at_ms_ ? now - head_committed_at_ms_ : 0;
    return h;
  });
}

rpc::Metrics Node::GetMetrics() {
  return OnLoop([this] {
    rpc::Metrics m;
    m.height = chain_->head().height;
    m.mempool_size = mempool_->size();
    m.mempool_bytes = mempool_->bytes();
    m.txs_committed = chain_->txs_committed();
    m.txs_rejected = txs_rejected_.load();
    m.last_block_commit_ms = last_commit_ms_.load();
    return m;
  });
}

Result<rpc::BlockView> Node::BlockView(uint64_t height) {
  // The store is thread-safe for reads: no need for the event loop.
  TF_ASSIGN_OR_RETURN(chain::Block block, chain_->store().GetBlock(height));
  rpc::BlockView view;
  view.hash = chain::BlockHash(block.header);
  view.tx_hashes.reserve(block.txs.size());
  for (const chain::Transaction& tx : block.txs) view.tx_hashes.push_back(chain::TxHash(tx));
  view.block = std::move(block);
  return view;
}

Result<rpc::BlockView> Node::GetBlockByHeight(uint64_t height) { return BlockView(height); }

Result<rpc::BlockView> Node::GetBlockByHash(const chain::Hash256& hash) {
  TF_ASSIGN_OR_RETURN(uint64_t height, chain_->store().GetHeight(hash));
  return BlockView(height);
}

Result<chain::Hash256> Node::SubmitTransaction(chain::ByteSpan encoded_tx) {
  auto reject = [this](Status s) -> Result<chain::Hash256> {
    ++txs_rejected_;
    return s;
  };
  const chain::Genesis& g = options_.genesis;
  if (encoded_tx.size() > g.consensus.max_tx_bytes) {
    return reject(Status::InvalidArgument("tx-too-large", std::to_string(encoded_tx.size()) +
                                                              " bytes exceed the limit of " +
                                                              std::to_string(g.consensus.max_tx_bytes)));
  }
  Result<chain::Transaction> tx = chain::DecodeExact<chain::Transaction>(encoded_tx, g.consensus.max_tx_bytes);
  if (!tx.ok()) return reject(tx.status());
  if (tx->body.chain_id != g.chain_id) {
    return reject(Status::InvalidArgument(
        "wrong-chain", "signed for chain '" + tx->body.chain_id + "', this is '" + g.chain_id + "'"));
  }
  // Signature checks run here, on the RPC worker thread, in parallel with other calls.
  if (!chain::VerifyTransactionSignature(*tx)) {
    return reject(Status::InvalidArgument("bad-signature", "the signature does not match the signer and contents"));
  }
  PoolTx pool_tx;
  pool_tx.hash = chain::TxHash(encoded_tx);
  pool_tx.encoded.assign(encoded_tx.begin(), encoded_tx.end());
  pool_tx.tx = std::move(tx).value();
  const chain::Hash256 hash = pool_tx.hash;
  Status added = OnLoop([this, &pool_tx] {
    // A transaction already committed is not "pending" again.
    if (chain_->store().GetTx(pool_tx.hash).ok()) {
      return Status::InvalidArgument("already-known", "the transaction is already in a block");
    }
    std::vector<DroppedTx> evicted;
    Status s = mempool_->Add(std::move(pool_tx), chain_->head_state(), chain_->head().height + 1, &evicted);
    RememberDropped(evicted);
    return s;
  });
  if (!added.ok()) return reject(added);
  return hash;
}

Result<rpc::TxLookup> Node::GetTransaction(const chain::Hash256& hash) {
  return OnLoop([this, &hash]() -> Result<rpc::TxLookup> {
    rpc::TxLookup out;
    out.hash = hash;
    if (PoolTxPtr pending = mempool_->Find(hash)) {
      out.state = rpc::TxLookup::State::kPending;
      out.tx = pending->tx;
      return out;
    }
    Result<TxRecord> rec = chain_->store().GetTx(hash);
    if (rec.ok()) {
      TF_ASSIGN_OR_RETURN(chain::Block block, chain_->store().GetBlock(rec->height));
      if (rec->index >= block.txs.size()) return Status::Corruption("db-corrupt", "tx index beyond its block");
      out.state = rpc::TxLookup::State::kIncluded;
      out.height = rec->height;
      out.index = rec->index;
      out.block_hash = chain::BlockHash(block.header);
      out.tx = std::move(block.txs[rec->index]);
      out.receipt = std::move(rec->receipt);
      return out;
    }
    if (rec.status().code() != Status::Code::kNotFound) return rec.status();
    if (auto it = dropped_.find(hash); it != dropped_.end()) {
      out.state = rpc::TxLookup::State::kDropped;
      out.drop_reason = it->second;
      return out;
    }
    return Status::NotFound("tx-not-found", "unknown transaction " + hash.Hex());
  });
}

Result<rpc::AccountInfo> Node::GetAccount(const chain::AccountId& account) {
  return OnLoop([this, &account]() -> Result<rpc::AccountInfo> {
    TF_ASSIGN_OR_RETURN(chain::AccountData data, contracts::Balances::GetAccount(chain_->head_state(), account));
    rpc::AccountInfo info;
    info.account = account;
    info.free = data.free;
    info.reserved = data.reserved;
    info.nonce = data.nonce;
    info.pending_nonce = mempool_->PendingNonce(account, data.nonce);
    info.height = chain_->head().height;
    return info;
  });
}

Result<uint64_t> Node::GetTotalIssuance() {
  return OnLoop([this] { return contracts::Balances::TotalIssuance(chain_->head_state()); });
}

Result<rpc::AccountProof> Node::GetAccountProof(const chain::AccountId& account, std::optional<uint64_t> height) {
  return OnLoop([this, &account, height]() -> Result<rpc::AccountProof> {
    rpc::AccountProof out;
    out.account = account;
    out.height = height.value_or(chain_->head().height);
    TF_ASSIGN_OR_RETURN(chain::Block block, chain_->store().GetBlock(out.height));
    out.block_hash = chain::BlockHash(block.header);
    out.state_root = block.header.state_root;
    out.state_key = chain::AccountStateKey(account);
    out.key_hash = chain::Blake2b256(out.state_key);
    TF_ASSIGN_OR_RETURN(out.value, chain::SmtGet(chain_->tree(), out.state_root, out.key_hash));
    TF_ASSIGN_OR_RETURN(out.proof, chain::SmtProve(chain_->tree(), out.state_root, out.key_hash));
    return out;
  });
}

Result<chain::Commit> Node::GetCommit(uint64_t height) {
  return OnLoop([this, height]() -> Result<chain::Commit> {
    const uint64_t head = chain_->head().height;
    if (height == 0 || height > head) {
      return Status::NotFound("commit-not-found", "no commit for height " + std::to_string(height) +
                                                      " (head is " + std::to_string(head) + ")");
    }
    if (height == head) return chain_->head_commit();
    TF_ASSIGN_OR_RETURN(chain::Block next, chain_->store().GetBlock(height + 1));
    return std::move(next.last_commit);
  });
}

std::vector<rpc::PeerView> Node::GetPeers() { return {}; }

rpc::SyncState Node::GetSyncState() {
  const uint64_t head = GetHead().height;
  return rpc::SyncState{head, head, head, false};
}

}  // namespace tfchain::node
