#include "node/mempool.h"

#include <queue>

#include "contracts/balances.h"

namespace tfchain::node {

Mempool::Mempool(const contracts::Runtime& runtime, MempoolOptions options)
    : runtime_(runtime), options_(options) {}

void Mempool::Insert(PoolTxPtr tx) {
  bytes_ += tx->encoded.size();
  by_priority_.insert(KeyOf(*tx));
  accounts_[tx->tx.body.signer].by_nonce[tx->tx.body.nonce] = tx;
  by_hash_.emplace(tx->hash, std::move(tx));
}

void Mempool::Remove(const PoolTxPtr& tx) {
  PoolTxPtr keep = tx;  // `tx` may refer to an entry erased below
  bytes_ -= keep->encoded.size();
  by_priority_.erase(KeyOf(*keep));
  by_hash_.erase(keep->hash);
  auto it = accounts_.find(keep->tx.body.signer);
  CHECK(it != accounts_.end());
  it->second.by_nonce.erase(keep->tx.body.nonce);
  if (it->second.by_nonce.empty()) accounts_.erase(it);
}

void Mempool::RemoveWithLater(const PoolTxPtr& tx, const std::string& reason, std::vector<DroppedTx>* out) {
  PoolTxPtr keep = tx;
  auto it = accounts_.find(keep->tx.body.signer);
  CHECK(it != accounts_.end());
  std::vector<PoolTxPtr> doomed;
  for (auto n = it->second.by_nonce.find(keep->tx.body.nonce); n != it->second.by_nonce.end(); ++n) {
    doomed.push_back(n->second);
  }
  for (const PoolTxPtr& d : doomed) {
    Remove(d);
    if (out != nullptr) out->push_back(DroppedTx{d->hash, reason});
  }
}

Status Mempool::Add(PoolTx tx, const contracts::StateReader& state, uint64_t next_height,
                    std::vector<DroppedTx>* evicted) {
  if (by_hash_.contains(tx.hash)) return Status::InvalidArgument("already-known", "the transaction is already pending");
  TF_RETURN_IF_ERROR(runtime_.CheckStateless(tx.tx, tx.encoded.size(), next_height));
  TF_ASSIGN_OR_RETURN(contracts::TxCheck check, runtime_.CheckAgainstState(state, tx.tx, tx.encoded.size()));
  const chain::TransactionBody& body = tx.tx.body;
  if (body.nonce > check.state_nonce + options_.max_nonce_gap) {
    return Status::InvalidArgument("nonce-too-far", "nonce " + std::to_string(body.nonce) + " is more than " +
                                                        std::to_string(options_.max_nonce_gap) +
                                                        " ahead of the next nonce " + std::to_string(check.state_nonce));
  }
  tx.fee = check.fee;
  tx.spend = check.spend;

  // Replacement and per-account limits; the funds check covers earlier pending nonces.
  PoolTxPtr replaced;
  unsigned __int128 committed = tx.spend;
  if (auto acc = accounts_.find(body.signer); acc != accounts_.end()) {
    const AccountQueue& q = acc->second;
    if (auto same = q.by_nonce.find(body.nonce); same != q.by_nonce.end()) {
      replaced = same->second;
      if (body.tip <= replaced->tx.body.tip) {
        return Status::InvalidArgument("replacement-tip-too-low",
                                       "a transaction with nonce " + std::to_string(body.nonce) +
                                           " is pending with tip " + std::to_string(replaced->tx.body.tip) +
                                           "; a replacement must tip more");
      }
    } else if (q.by_nonce.size() >= options_.max_per_account) {
      return Status::InvalidArgument("account-pool-full", std::to_string(q.by_nonce.size()) +
                                                              " transactions of this account are already pending");
    }
    for (const auto& [nonce, pending] : q.by_nonce) {
      if (nonce >= body.nonce) break;
      if (nonce >= check.state_nonce) committed += pending->spend;
    }
  }
  if (committed > check.free) {
    return Status::InvalidArgument("insufficient-balance",
                                   "free balance " + std::to_string(check.free) +
                                       " cannot cover this transaction after the account's pending ones");
  }

  // Room: see whether evicting lower-tip transactions can make enough, before changing anything.
  const size_t freed_by_replace = replaced ? replaced->encoded.size() : 0;
  size_t need_count = size() + 1 - (replaced ? 1 : 0);
  size_t need_bytes = bytes_ + tx.encoded.size() - freed_by_replace;
  std::vector<Hash256> to_evict;
  for (auto it = by_priority_.begin();
       (need_count > options_.max_txs || need_bytes > options_.max_bytes) && it != by_priority_.end(); ++it) {
    const auto& [tip, inv_seq, hash] = *it;
    if (tip >= body.tip) {
      return Status::Unavailable("mempool-full", "the pool is full and this transaction's tip " +
                                                     std::to_string(body.tip) + " is not above the lowest pending tip " +
                                                     std::to_string(tip));
    }
    if (replaced && hash == replaced->hash) continue;
    const PoolTxPtr& victim = by_hash_.at(hash);
    if (victim->tx.body.signer == body.signer) continue;  // never evict the newcomer's own predecessors
    to_evict.push_back(hash);
    need_count -= 1;
    need_bytes -= victim->encoded.size();
  }
  if (need_count > options_.max_txs || need_bytes > options_.max_bytes) {
    return Status::Unavailable("mempool-full", "the pool is full");
  }

  for (const Hash256& hash : to_evict) {
    auto it = by_hash_.find(hash);
    if (it != by_hash_.end()) RemoveWithLater(it->second, "evicted", evicted);
  }
  if (replaced) {
    Remove(replaced);
    if (evicted != nullptr) evicted->push_back(DroppedTx{replaced->hash, "replaced"});
  }
  tx.seq = next_seq_++;
  accounts_[body.signer].state_nonce = check.state_nonce;
  touched_.insert(body.signer);
  Insert(std::make_shared<const PoolTx>(std::move(tx)));
  return Status::Ok();
}

std::vector<PoolTxPtr> Mempool::ReadyForBlock(size_t max_txs) const {
  struct Cursor {
    const AccountQueue* queue;
    std::map<uint64_t, PoolTxPtr>::const_iterator it;
  };
  // Highest tip first, then earliest arrival.
  auto worse = [](const Cursor& a, const Cursor& b) {
    const PoolTx& x = *a.it->second;
    const PoolTx& y = *b.it->second;
    if (x.tx.body.tip != y.tx.body.tip) return x.tx.body.tip < y.tx.body.tip;
    return x.seq > y.seq;
  };
  std::priority_queue<Cursor, std::vector<Cursor>, decltype(worse)> heads(worse);
  for (const auto& [account, q] : accounts_) {
    auto first = q.by_nonce.begin();
    if (first != q.by_nonce.end() && first->first == q.state_nonce) heads.push(Cursor{&q, first});
  }
  std::vector<PoolTxPtr> out;
  while (!heads.empty() && out.size() < max_txs) {
    Cursor c = heads.top();
    heads.pop();
    out.push_back(c.it->second);
    const uint64_t nonce = c.it->first;
    ++c.it;
    if (c.it != c.queue->by_nonce.end() && c.it->first == nonce + 1) heads.push(c);
  }
  return out;
}

Status Mempool::OnBlockCommitted(const contracts::StateReader& state, uint64_t next_height,
                                 const std::vector<Hash256>& included, const std::vector<chain::AccountId>& changed,
                                 std::vector<DroppedTx>* dropped) {
  for (const Hash256& hash : included) {
    auto it = by_hash_.find(hash);
    if (it != by_hash_.end()) Remove(it->second);
  }
  std::unordered_set<chain::AccountId, chain::FixedBytesHasher> recheck = std::move(touched_);
  touched_.clear();
  recheck.insert(changed.begin(), changed.end());

  std::vector<std::pair<PoolTxPtr, std::string>> doomed;
  for (auto& [account, q] : accounts_) {
    if (!recheck.contains(account)) {
      // Same state as when these were checked: only time can have made them invalid.
      for (const auto& [nonce, tx] : q.by_nonce) {
        if (tx->tx.body.valid_until < next_height) doomed.emplace_back(tx, "expired");
      }
      continue;
    }
    TF_ASSIGN_OR_RETURN(chain::AccountData data, contracts::Balances::GetAccount(state, account));
    q.state_nonce = data.nonce;
    unsigned __int128 committed = 0;
    bool broke = false;
    for (const auto& [nonce, tx] : q.by_nonce) {
      if (broke) {
        doomed.emplace_back(tx, "insufficient-balance");
      } else if (nonce < data.nonce) {
        doomed.emplace_back(tx, "bad-nonce");
      } else if (tx->tx.body.valid_until < next_height) {
        doomed.emplace_back(tx, "expired");
      } else {
        committed += tx->spend;
        if (committed > data.free) {
          broke = true;
          doomed.emplace_back(tx, "insufficient-balance");
        }
      }
    }
  }
  for (const auto& [tx, reason] : doomed) {
    Remove(tx);
    if (dropped != nullptr) dropped->push_back(DroppedTx{tx->hash, reason});
  }
  return Status::Ok();
}

PoolTxPtr Mempool::Find(const Hash256& hash) const {
  auto it = by_hash_.find(hash);
  return it == by_hash_.end() ? nullptr : it->second;
}

uint64_t Mempool::PendingNonce(const chain::AccountId& who, uint64_t state_nonce) const {
  auto it = accounts_.find(who);
  if (it == accounts_.end()) return state_nonce;
  uint64_t next = state_nonce;
  for (auto n = it->second.by_nonce.find(state_nonce); n != it->second.by_nonce.end() && n->first == next; ++n) {
    ++next;
  }
  return next;
}

}  // namespace tfchain::node
