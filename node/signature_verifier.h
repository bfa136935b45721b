#pragma once

#include <condition_variable>
#include <cstddef>
#include <deque>
#include <functional>
#include <mutex>
#include <span>
#include <thread>
#include <unordered_set>
#include <vector>

#include "chain/transaction.h"

namespace tfchain::node {

// Verifies transaction signatures on a pool of worker threads (ed25519 verification
// is the most expensive step of admitting a transaction), and remembers the hashes of
// transactions found valid (bounded; the oldest are forgotten) so that a transaction
// met again — gossiped after it came in a proposal, proposed after it was gossiped —
// is not verified twice. A transaction hash covers its signature and every signed
// byte, so a remembered hash stands for exactly that valid transaction.
// Thread-safe: any thread may call; calls share the workers.
class SignatureVerifier {
 public:
  // threads == 0 verifies on the calling thread. Remembers up to `memory` hashes.
  explicit SignatureVerifier(size_t threads, size_t memory = size_t{1} << 18);
  ~SignatureVerifier();  // joins the workers
  SignatureVerifier(const SignatureVerifier&) = delete;
  SignatureVerifier& operator=(const SignatureVerifier&) = delete;

  // ok[i] = whether txs[i]'s signature is valid. Blocks until all are checked; the
  // calling thread helps.
  std::vector<bool> VerifyAll(std::span<const chain::Transaction* const> txs);
  // The same, for transactions with known hashes: those remembered as valid are not
  // verified again, and the valid ones are remembered.
  std::vector<bool> VerifyAll(std::span<const chain::Transaction* const> txs,
                              std::span<const chain::Hash256> hashes);

  // Verifies one transaction on the calling thread (consulting and feeding the memory).
  bool Verify(const chain::Transaction& tx, const chain::Hash256& hash);

 private:
  void WorkerLoop();

  std::mutex mu_;
  std::condition_variable cv_;
  std::deque<std::function<void()>> jobs_;  // GUARDED_BY(mu_)
  bool stopping_ = false;                   // GUARDED_BY(mu_)
  std::vector<std::thread> workers_;

  void Remember(const chain::Hash256& hash);
  bool Known(const chain::Hash256& hash);
  const size_t memory_;
  std::mutex known_mu_;
  std::unordered_set<chain::Hash256, chain::FixedBytesHasher> known_;  // GUARDED_BY(known_mu_)
  std::deque<chain::Hash256> known_order_;                             // GUARDED_BY(known_mu_)
};

}  // namespace tfchain::node
