#pragma once

#include <condition_variable>
#include <cstddef>
#include <deque>
#include <functional>
#include <mutex>
#include <span>
#include <thread>
#include <vector>

#include "chain/transaction.h"

namespace tfchain::node {

// Verifies transaction signatures on a pool of worker threads (ed25519 verification
// is the most expensive step of admitting a transaction). Thread-safe: any thread may
// call VerifyAll; calls share the workers.
class SignatureVerifier {
 public:
  // threads == 0 verifies on the calling thread.
  explicit SignatureVerifier(size_t threads);
  ~SignatureVerifier();  // joins the workers
  SignatureVerifier(const SignatureVerifier&) = delete;
  SignatureVerifier& operator=(const SignatureVerifier&) = delete;

  // ok[i] = whether txs[i]'s signature is valid. Blocks until all are checked; the
  // calling thread helps.
  std::vector<bool> VerifyAll(std::span<const chain::Transaction* const> txs);

 private:
  void WorkerLoop();

  std::mutex mu_;
  std::condition_variable cv_;
  std::deque<std::function<void()>> jobs_;  // GUARDED_BY(mu_)
  bool stopping_ = false;                   // GUARDED_BY(mu_)
  std::vector<std::thread> workers_;
};

}  // namespace tfchain::node
