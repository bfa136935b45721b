#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <tuple>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "chain/transaction.h"
#include "contracts/runtime.h"
#include "contracts/state.h"

namespace tfchain::node {

using chain::Hash256;
using chain::Result;
using chain::Status;

// A transaction waiting in the pool. Its signature has been verified.
struct PoolTx {
  chain::Transaction tx;
  chain::Bytes encoded;
  Hash256 hash;
  uint64_t fee = 0;
  uint64_t spend = 0;  // fee + what the call takes from the free balance
  uint64_t seq = 0;    // arrival order, set by the pool
};
using PoolTxPtr = std::shared_ptr<const PoolTx>;

// A PoolTx for `tx`, with its encoding and hash filled in.
inline PoolTx MakePoolTx(chain::Transaction tx) {
  PoolTx p;
  p.encoded = chain::Encode(tx);
  p.hash = chain::TxHash(p.encoded);
  p.tx = std::move(tx);
  return p;
}

struct MempoolOptions {
  size_t max_txs = 100'000;
  size_t max_bytes = 64 << 20;
  uint64_t max_nonce_gap = 64;   // how far ahead of the account's next nonce a tx may be
  size_t max_per_account = 1024;
};

struct DroppedTx {
  Hash256 hash;
  std::string reason;  // "expired", "bad-nonce", "insufficient-balance", "evicted", ...
};

// The pool of pending transactions.
//  - Entry: stateless checks (chain, size, expiry, fee), nonce not yet used and not
//    too far ahead, and the signer's free balance covers this and its earlier pending
//    transactions (fee + amount).
//  - Each account's transactions are ordered by nonce; one with the same nonce as a
//    pending one replaces it only with a higher tip.
//  - Bounded by count and bytes: when full, the lowest-tip transaction (the newest
//    among equal tips) is evicted with the signer's later nonces, if the newcomer
//    tips more; otherwise the newcomer is refused.
//  - After each block, included transactions leave and all others are re-checked.
// NOT thread-safe: owned by the node's event-loop thread.
class Mempool {
 public:
  Mempool(const contracts::Runtime& runtime, MempoolOptions options);

  // Adds `tx` (signature verified by the caller). `state` is the head state and
  // `next_height` the height of the next block. Transactions evicted to make room
  // are appended to `evicted`. Errors (pool unchanged): "already-known", the
  // runtime's check errors ("wrong-chain", "tx-too-large", "expired", "bad-nonce",
  // "insufficient-balance", ...), "nonce-too-far", "replacement-tip-too-low",
  // "account-pool-full", and Unavailable "mempool-full".
  Status Add(PoolTx tx, const contracts::StateReader& state, uint64_t next_height, std::vector<DroppedTx>* evicted);

  // Up to max_txs transactions that can go into the next block, in order: each
  // account's run of consecutive nonces from its next nonce; across accounts the
  // highest tip first, then the earliest arrival.
  std::vector<PoolTxPtr> ReadyForBlock(size_t max_txs) const;

  // After a block: forgets `included`, drops every transaction that expired, and
  // re-checks nonces and funds against the new head state for the accounts whose
  // state the block changed (`changed`) or whose pending set changed since the last
  // block; other accounts' checks still hold. Dropped transactions are reported in
  // `dropped`. Errors: state read failures.
  Status OnBlockCommitted(const contracts::StateReader& state, uint64_t next_height,
                          const std::vector<Hash256>& included, const std::vector<chain::AccountId>& changed,
                          std::vector<DroppedTx>* dropped);

  // nullptr if not pending.
  PoolTxPtr Find(const Hash256& hash) const;
  // The account's next nonce counting its pending transactions that follow
  // `state_nonce` without a gap.
  uint64_t PendingNonce(const chain::AccountId& who, uint64_t state_nonce) const;

  size_t size() const { return by_hash_.size(); }
  size_t bytes() const { return bytes_; }

 private:
  struct AccountQueue {
    std::map<uint64_t, PoolTxPtr> by_nonce;
    uint64_t state_nonce = 0;
  };
  // Eviction order: lowest tip first; among equal tips the newest first.
  using PriorityKey = std::tuple<uint64_t, uint64_t, Hash256>;
  static PriorityKey KeyOf(const PoolTx& tx) { return {tx.tx.body.tip, ~tx.seq, tx.hash}; }

  void Insert(PoolTxPtr tx);
  void Remove(const PoolTxPtr& tx);
  // Removes `tx` and the signer's later nonces; appends them to `out` with `reason`.
  void RemoveWithLater(const PoolTxPtr& tx, const std::string& reason, std::vector<DroppedTx>* out);

  const contracts::Runtime& runtime_;
  const MempoolOptions options_;
  std::unordered_map<chain::AccountId, AccountQueue, chain::FixedBytesHasher> accounts_;
  std::unordered_map<Hash256, PoolTxPtr, chain::FixedBytesHasher> by_hash_;
  std::set<PriorityKey> by_priority_;
  // Accounts with transactions added since the last block: a replacement may have
  // left later nonces unfunded.
  std::unordered_set<chain::AccountId, chain::FixedBytesHasher> touched_;
  size_t bytes_ = 0;
  uint64_t next_seq_ = 0;
};

}  // namespace tfchain::node
