#include "node/node.h"

#include <boost/asio/post.hpp>

#include <filesystem>
#include <future>

#include "chain/hash.h"
#include "chain/vote.h"
#include "contracts/balances.h"
#include "contracts/staking_state.h"
#include "node/log.h"

namespace tfchain::node {

namespace asio = boost::asio;

namespace {
// How far behind a peer may be for us to push it our latest blocks.
constexpr uint64_t kCatchUpPush = 4;
}  // namespace

Node::Node(NodeOptions options, const Clock& clock)
    : options_(std::move(options)), clock_(clock), verifier_(options_.verify_threads), tick_timer_(io_) {}

Node::~Node() { Stop(); }

Result<std::unique_ptr<Node>> Node::Open(NodeOptions options, std::optional<chain::SecretKey> validator_key,
                                         const Clock& clock) {
  std::error_code ec;
  const std::string db_path = options.data_dir + "/db";
  std::filesystem::create_directories(db_path, ec);
  if (ec) return Status::IoError("data-dir-unusable", db_path + ": " + ec.message());

  std::unique_ptr<Node> node(new Node(std::move(options), clock));
  const NodeOptions& o = node->options_;
  TF_ASSIGN_OR_RETURN(node->kv_, OpenLevelDb(db_path));
  TF_ASSIGN_OR_RETURN(node->chain_, ChainState::Open(*node->kv_, o.genesis));
  node->directory_ = std::make_unique<DirectoryIndex>(o.genesis.grid);
  Status indexed = node->directory_->Load(*node->kv_, node->chain_->head().time_ms);
  if (indexed.code() == Status::Code::kCorruption) {
    LogError("directory index: " + indexed.ToString());  // the chain itself is unaffected
  } else if (!indexed.ok()) {
    return indexed;
  }
  node->chain_->AddCommitObserver(
      [index = node->directory_.get()](const chain::BlockHeader& header,
                                       const contracts::StateWrites& writes) {
        // The chain is authoritative: a record the index cannot read is logged, not fatal.
        Status s = index->Apply(writes, header.time_ms);
        if (!s.ok()) LogError("directory index at block #" + std::to_string(header.height) + ": " + s.ToString());
      });
  node->contracts_ = std::make_unique<ContractIndex>();
  indexed = node->contracts_->Load(*node->kv_);
  if (indexed.code() == Status::Code::kCorruption) {
    LogError("contract index: " + indexed.ToString());
  } else if (!indexed.ok()) {
    return indexed;
  }
  node->chain_->AddCommitObserver(
      [index = node->contracts_.get()](const chain::BlockHeader& header,
                                       const contracts::StateWrites& writes) {
        Status s = index->Apply(writes);
        if (!s.ok()) LogError("contract index at block #" + std::to_string(header.height) + ": " + s.ToString());
      });
  if (validator_key) {
    if (!o.p2p) {
      bool member = false;
      for (const chain::Validator& v : node->chain_->validator_sets().current) {
        member |= v.id == validator_key->account_id();
      }
      if (!member) {
        return Status::InvalidArgument("not-a-validator", "key " + chain::ToSs58(validator_key->account_id()) +
                                                              " is not in the validator set of a node without peers");
      }
    }
    TF_ASSIGN_OR_RETURN(node->validator_, PrivateValidator::Open(std::move(*validator_key),
                                                                 o.data_dir + "/signer_state.bin", o.genesis.chain_id));
  }
  node->mempool_ = std::make_unique<Mempool>(node->chain_->runtime(), o.mempool);
  node->head_committed_at_ms_ = clock.NowMs();

  Node* self = node.get();
  ConsensusDriver::Options driver_options{.timeouts = o.timeouts, .block_time_ms = o.block_time_ms};
  ConsensusDriver::Hooks driver_hooks{
      .broadcast = [self](const Message& m, const PeerId* except) { self->Broadcast(m, except); },
      .request_block =
          [self](uint64_t height) {
            self->Broadcast(BlockRequest{height, 1}, nullptr);
          },
      .committed = [self](const ConsensusDriver::Committed& c) { self->OnCommitted(c); },
      .fatal = [self](Status s) { self->Fail(std::move(s)); },
      .misbehaved = [self](const PeerId& p, std::string_view why) { self->Misbehaved(p, why); }};
  node->driver_ = std::make_unique<ConsensusDriver>(node->io_, *node->chain_, *node->mempool_, node->verifier_,
                                                    node->validator_.get(), clock, driver_options, driver_hooks);
  if (o.p2p) {
    P2pNetwork::Options p2p_options = std::move(*node->options_.p2p);
    p2p_options.chain_id = o.genesis.chain_id;
    p2p_options.genesis_hash = node->chain_->genesis_hash();
    p2p_options.node_version = std::string(kNodeVersion);
    P2pNetwork::Handler& handler = *self;
    node->p2p_ = std::make_unique<P2pNetwork>(node->io_, std::move(p2p_options), handler, clock);
    node->relay_ = std::make_unique<TxRelay>(node->io_, *node->p2p_, TxRelay::Options{});
    BlockSync::Hooks sync_hooks{
        .send = [self](const PeerId& p, const Message& m) { return self->p2p_->Send(p, m); },
        .misbehaved = [self](const PeerId& p, std::string_view why) { self->Misbehaved(p, why); },
        .committed = [self](const ConsensusDriver::Committed& c) { self->OnCommitted(c); },
        .fatal = [self](Status s) { self->Fail(std::move(s)); },
        .started = [self] { self->driver_->Pause(); },
        .caught_up = [self] { self->driver_->Start(); }};
    node->sync_ = std::make_unique<BlockSync>(*node->chain_, o.sync, sync_hooks);
  }
  return node;
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
  Status network = OnLoop([this]() -> Status {
    if (p2p_) {
      TF_RETURN_IF_ERROR(p2p_->Start());
      // A node with peers first learns where they are; sync decides whether to
      // fetch blocks before consensus starts.
      Tick();
      if (!sync_->syncing()) driver_->Start();
    } else {
      driver_->Start();
    }
    return Status::Ok();
  });
  if (!network.ok()) {
    Stop();
    return network;
  }
  rpc_ = std::make_unique<rpc::RpcServer>(*this, options_.rpc);
  Status s = rpc_->Start();
  if (!s.ok()) {
    Stop();
    return s;
  }
  const chain::BlockHeader head = OnLoop([this] { return chain_->head(); });
  LogInfo("chain " + options_.genesis.chain_id + ", genesis " + chain_->genesis_hash().Hex() + ", head #" +
          std::to_string(head.height) + (p2p_ ? ", p2p port " + std::to_string(p2p_->listen_port()) : ""));
  return Status::Ok();
}

void Node::Stop() {
  if (rpc_) rpc_->Stop();  // first: in-flight RPC calls still need the event loop
  if (loop_thread_.joinable()) {
    OnLoop([this] {
      tick_timer_.cancel();
      driver_->Pause();
      if (relay_) relay_->Stop();
      if (p2p_) p2p_->Stop();
      return 0;
    });
    gossip_verify_pool_.join();  // its last results may still be posted to the loop
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
  driver_->Pause();
  std::lock_guard<std::mutex> lock(fatal_mu_);
  if (!stopped_) stopped_ = status;
  fatal_cv_.notify_all();
}

void Node::Tick() {
  if (sync_) sync_->Tick();
  tick_timer_.expires_after(std::chrono::milliseconds(100));
  tick_timer_.async_wait([this](const boost::system::error_code& ec) {
    if (!ec) Tick();
  });
}

StatusMsg Node::OurStatus() const { return StatusMsg{chain_->head().height, chain_->head_hash(), 0}; }

void Node::OnCommitted(const ConsensusDriver::Committed& c) {
  head_committed_at_ms_ = clock_.NowMs();
  last_commit_ms_ = c.commit_ms;
  for (const chain::Hash256& hash : c.tx_hashes) recently_committed_.Insert(hash);
  std::vector<DroppedTx> dropped;
  Status rechecked = mempool_->OnBlockCommitted(chain_->head_state(), c.height + 1, c.tx_hashes,
                                                c.changed_accounts, &dropped);
  if (!rechecked.ok()) return Fail(rechecked.WithContext("re-checking the mempool"));
  RememberDropped(dropped);
  if (p2p_) p2p_->Broadcast(OurStatus());
  const bool synced = sync_ && sync_->syncing();
  if (!synced || c.height % 100 == 0) {
    LogInfo(std::string(synced ? "synced" : "committed") + " block #" + std::to_string(c.height) + " " +
            c.hash.Hex().substr(0, 18) + " txs=" + std::to_string(c.tx_hashes.size()) +
            " dropped=" + std::to_string(dropped.size()) + " pool=" + std::to_string(mempool_->size()) +
            " write_ms=" + std::to_string(c.commit_ms));
  }
}

void Node::Broadcast(const Message& msg, const PeerId* except) {
  if (p2p_) p2p_->Broadcast(msg, except);
}

void Node::Misbehaved(const PeerId& peer, std::string_view reason) {
  LogWarn("peer " + PeerIdString(peer).substr(0, 16) + " misbehaved: " + std::string(reason));
  if (p2p_) p2p_->Ban(peer, reason);
}

void Node::OnPeerConnected(const PeerInfo& info) { p2p_->Send(info.id, OurStatus()); }

void Node::OnPeerDisconnected(const PeerId& id, std::string_view /*reason*/) { sync_->OnPeerGone(id); }

void Node::OnMessage(const PeerId& from, Message msg) {
  std::visit(
      [&](auto& m) {
        using T = std::decay_t<decltype(m)>;
        if constexpr (std::is_same_v<T, StatusMsg>) {
          sync_->OnStatus(from, m);
          // A peer a few blocks behind gets them pushed, with our head's commit: it
          // then catches up without a block sync (CometBFT gossips the last commit
          // for the same reason).
          const uint64_t head = chain_->head().height;
          if (m.height < head && head - m.height <= kCatchUpPush) {
            ServeBlocks(from, BlockRequest{m.height + 1, static_cast<uint32_t>(head - m.height)});
          }
        } else if constexpr (std::is_same_v<T, TxsMsg>) {
          for (chain::Bytes& tx : m.encoded_txs) QueueGossipTx(from, std::move(tx));
        } else if constexpr (std::is_same_v<T, ProposalMsg>) {
          driver_->OnProposal(&from, std::move(m));
        } else if constexpr (std::is_same_v<T, VoteMsg>) {
          driver_->OnVote(&from, m.vote);
        } else if constexpr (std::is_same_v<T, EvidenceMsg>) {
          driver_->OnEvidence(&from, m.evidence);
        } else if constexpr (std::is_same_v<T, BlockRequest>) {
          ServeBlocks(from, m);
        } else if constexpr (std::is_same_v<T, BlockResponse>) {
          if (!sync_->Claims(from, m)) {
            driver_->OnBlocks(&from, m.blocks, m.tip_commit);
          } else {
            sync_->OnResponse(from, std::move(m));
          }
        }
        // Ping/Pong never reach here (the network answers them).
      },
      msg);
}

void Node::ServeBlocks(const PeerId& peer, const BlockRequest& request) {
  BlockResponse response;
  const uint64_t head = chain_->head().height;
  size_t bytes = 0;
  const size_t budget = kMaxMessageBytes / 2;
  const uint32_t count = std::min<uint32_t>(request.count, kMaxBlocksPerRequest);
  for (uint64_t h = request.from_height; h <= head && h < request.from_height + count; ++h) {
    if (h == 0) continue;
    auto block = chain_->store().GetBlock(h);
    if (!block.ok()) break;
    bytes += chain::Encode(*block).size();
    if (bytes > budget && !response.blocks.empty()) break;
    response.blocks.push_back(std::move(block).value());
  }
  if (!response.blocks.empty() && response.blocks.back().header.height == head) {
    response.tip_commit = chain_->head_commit();
  }
  p2p_->Send(peer, response);
}

void Node::QueueGossipTx(const PeerId& from, chain::Bytes encoded) {
  gossip_txs_.emplace_back(from, std::move(encoded));
  if (gossip_flush_posted_) return;
  gossip_flush_posted_ = true;
  // After the messages already queued on the loop, so that a burst is one batch.
  asio::post(io_, [this] { FlushGossipTxs(); });
}

void Node::FlushGossipTxs() {
  gossip_flush_posted_ = false;
  struct Item {
    PeerId from;
    PoolTx tx;
  };
  auto batch = std::make_shared<std::vector<Item>>();
  const size_t max_tx_bytes = options_.genesis.consensus.max_tx_bytes;
  for (auto& [from, encoded] : gossip_txs_) {
    // The rest of a batch from a peer just banned for an earlier transaction is dropped.
    if (encoded.size() > max_tx_bytes || (p2p_ && p2p_->IsBanned(from))) continue;
    // Hash first: most of what peers relay is known already (pending, being verified,
    // or committed — it came in a proposal first), and needs no decoding.
    PoolTx p;
    p.hash = chain::TxHash(encoded);
    if (gossip_verifying_.contains(p.hash) || mempool_->Find(p.hash) != nullptr ||
        recently_committed_.Contains(p.hash)) {
      continue;
    }
    auto tx = chain::DecodeExact<chain::Transaction>(encoded, max_tx_bytes);
    if (!tx.ok()) {
      Misbehaved(from, "bad-tx: " + tx.status().ToString());
      continue;
    }
    gossip_verifying_.insert(p.hash);
    p.encoded = std::move(encoded);
    p.tx = std::move(tx).value();
    batch->push_back(Item{from, std::move(p)});
  }
  gossip_txs_.clear();
  if (batch->empty()) return;
  asio::post(gossip_verify_pool_, [this, batch] {
    std::vector<const chain::Transaction*> txs;
    std::vector<chain::Hash256> hashes;
    for (const Item& item : *batch) {
      txs.push_back(&item.tx.tx);
      hashes.push_back(item.tx.hash);
    }
    auto ok = std::make_shared<std::vector<bool>>(verifier_.VerifyAll(txs, hashes));
    asio::post(io_, [this, batch, ok] {
      for (size_t i = 0; i < batch->size(); ++i) {
        Item& item = (*batch)[i];
        gossip_verifying_.erase(item.tx.hash);
        if (!(*ok)[i]) {
          if (!p2p_ || !p2p_->IsBanned(item.from)) Misbehaved(item.from, "bad-tx-signature");
          continue;
        }
        chain::Bytes relay = item.tx.encoded;
        if (AddToMempool(std::move(item.tx)).ok() && relay_) relay_->Relay(std::move(relay), item.from);
      }
    });
  });
}

Status Node::AddToMempool(PoolTx tx) {
  // A transaction already committed is not "pending" again. (SubmitTransaction also
  // looks in the store; an older one gossiped again fails the nonce check.)
  if (recently_committed_.Contains(tx.hash)) {
    return Status::InvalidArgument("already-known", "the transaction is already in a block");
  }
  std::vector<DroppedTx> evicted;
  Status s = mempool_->Add(std::move(tx), chain_->head_state(), chain_->head().height + 1, &evicted);
  RememberDropped(evicted);
  return s;
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
    h.peers = p2p_ ? p2p_->peer_count() : 0;
    h.is_syncing = sync_ && sync_->syncing();
    h.should_have_peers = p2p_ != nullptr;
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
    m.peers = p2p_ ? p2p_->peer_count() : 0;
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
  const chain::Hash256 hash = chain::TxHash(encoded_tx);
  // The store and the signature check are thread-safe: here, on the RPC worker thread,
  // in parallel with other calls, not on the loop.
  if (chain_->store().GetTx(hash).ok()) {
    return reject(Status::InvalidArgument("already-known", "the transaction is already in a block"));
  }
  if (!verifier_.Verify(*tx, hash)) {
    return reject(Status::InvalidArgument("bad-signature", "the signature does not match the signer and contents"));
  }
  PoolTx pool_tx;
  pool_tx.hash = hash;
  pool_tx.encoded.assign(encoded_tx.begin(), encoded_tx.end());
  pool_tx.tx = std::move(tx).value();
  Status added = OnLoop([this, &pool_tx] {
    chain::Bytes relay = pool_tx.encoded;
    Status s = AddToMempool(std::move(pool_tx));
    if (s.ok() && relay_) relay_->Relay(std::move(relay), std::nullopt);
    return s;
  });
  if (!added.ok()) return reject(added);
  return hash;
}

Result<rpc::TxLookup> Node::GetTransaction(const chain::Hash256& hash, bool with_tx) {
  rpc::TxLookup out;
  out.hash = hash;
  // The loop's memory first: a block commits (store written) before its transactions
  // leave the mempool, so one not pending here is in the store if it was committed.
  std::optional<std::string> drop_reason;
  const bool pending = OnLoop([this, &hash, &out, &drop_reason] {
    if (PoolTxPtr p = mempool_->Find(hash)) {
      out.tx = p->tx;
      return true;
    }
    if (auto it = dropped_.find(hash); it != dropped_.end()) drop_reason = it->second;
    return false;
  });
  if (pending) {
    out.state = rpc::TxLookup::State::kPending;
    return out;
  }
  // The store is thread-safe for reads: off the loop, which runs consensus.
  Result<TxRecord> rec = chain_->store().GetTx(hash);
  if (rec.ok()) {
    out.state = rpc::TxLookup::State::kIncluded;
    out.height = rec->height;
    out.index = rec->index;
    TF_ASSIGN_OR_RETURN(out.block_hash, chain_->store().GetBlockHash(rec->height));
    if (with_tx) {
      TF_ASSIGN_OR_RETURN(chain::Transaction tx, chain_->store().GetCommittedTx(*rec));
      out.tx = std::move(tx);
    }
    out.receipt = std::move(rec->receipt);
    return out;
  }
  if (rec.status().code() != Status::Code::kNotFound) return rec.status();
  if (drop_reason) {
    out.state = rpc::TxLookup::State::kDropped;
    out.drop_reason = std::move(*drop_reason);
    return out;
  }
  return Status::NotFound("tx-not-found", "unknown transaction " + hash.Hex());
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

std::vector<rpc::PeerView> Node::GetPeers() {
  return OnLoop([this] {
    std::vector<rpc::PeerView> out;
    if (!p2p_) return out;
    for (const PeerInfo& p : p2p_->Peers()) {
      out.push_back(rpc::PeerView{PeerIdString(p.id), p.address, p.inbound, p.last_status ? p.last_status->height : 0});
    }
    return out;
  });
}

rpc::SyncState Node::GetSyncState() {
  return OnLoop([this] {
    if (sync_) return sync_->state();
    const uint64_t head = chain_->head().height;
    return rpc::SyncState{head, head, head, false};
  });
}

Result<rpc::ValidatorView> Node::ValidatorViewOf(const chain::AccountId& op) {
  const contracts::StateReader& state = chain_->head_state();
  TF_ASSIGN_OR_RETURN(std::optional<contracts::ValidatorRecord> record, contracts::StakingState::GetValidator(state, op));
  if (!record) return Status::NotFound("validator-not-found", "no validator with operator " + chain::ToSs58(op));
  rpc::ValidatorView v;
  v.operator_account = op;
  v.consensus_key = record->consensus_key;
  v.commission_permill = record->commission_permill;
  v.pending_commission = record->pending_commission;
  v.self_bond = record->self_bond;
  v.total_bonded = record->total_bonded;
  v.jailed = record->jailed;
  v.jailed_until = record->jailed_until;
  v.tombstoned = record->tombstoned;
  for (const chain::Validator& m : chain_->validator_sets().current) {
    if (m.id == record->consensus_key) v.power_current = m.power;
  }
  for (const chain::Validator& m : chain_->validator_sets().next) {
    if (m.id == record->consensus_key) v.power_next = m.power;
  }
  TF_ASSIGN_OR_RETURN(std::optional<contracts::SigningWindow> window,
                      contracts::StakingState::GetSigningWindow(state, record->consensus_key));
  if (window) {
    v.missed_blocks = window->missed;
    v.window_blocks = window->recorded;
  }
  return v;
}

Result<std::vector<rpc::ValidatorView>> Node::GetValidators() {
  return OnLoop([this]() -> Result<std::vector<rpc::ValidatorView>> {
    TF_ASSIGN_OR_RETURN(std::vector<chain::AccountId> operators,
                        contracts::StakingState::GetValidatorList(chain_->head_state()));
    std::vector<rpc::ValidatorView> out;
    for (const chain::AccountId& op : operators) {
      TF_ASSIGN_OR_RETURN(rpc::ValidatorView v, ValidatorViewOf(op));
      out.push_back(std::move(v));
    }
    return out;
  });
}

Result<rpc::ValidatorView> Node::GetValidator(const chain::AccountId& id) {
  return OnLoop([this, &id]() -> Result<rpc::ValidatorView> {
    TF_ASSIGN_OR_RETURN(std::optional<chain::AccountId> op,
                        contracts::StakingState::GetOperatorOf(chain_->head_state(), id));
    return ValidatorViewOf(op.value_or(id));
  });
}

Result<std::vector<rpc::EvidenceView>> Node::GetEvidence(size_t limit) {
  return OnLoop([this, limit]() -> Result<std::vector<rpc::EvidenceView>> {
    std::vector<rpc::EvidenceView> out;
    for (const chain::Evidence& ev : driver_->pending_evidence()) out.push_back(rpc::EvidenceView{ev, false, 0});
    TF_ASSIGN_OR_RETURN(auto committed, chain_->store().CommittedEvidence(limit));
    for (auto& [height, ev] : committed) out.push_back(rpc::EvidenceView{std::move(ev), true, height});
    return out;
  });
}

}  // namespace tfchain::node
