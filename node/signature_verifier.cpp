#include "node/signature_verifier.h"

#include <atomic>
#include <latch>

namespace tfchain::node {

SignatureVerifier::SignatureVerifier(size_t threads, size_t memory) : memory_(memory) {
  for (size_t i = 0; i < threads; ++i) workers_.emplace_back([this] { WorkerLoop(); });
}

SignatureVerifier::~SignatureVerifier() {
  {
    std::lock_guard<std::mutex> lock(mu_);
    stopping_ = true;
  }
  cv_.notify_all();
  for (std::thread& t : workers_) t.join();
}

void SignatureVerifier::WorkerLoop() {
  for (;;) {
    std::function<void()> job;
    {
      std::unique_lock<std::mutex> lock(mu_);
      cv_.wait(lock, [this] { return stopping_ || !jobs_.empty(); });
      if (jobs_.empty()) return;  // stopping and drained
      job = std::move(jobs_.front());
      jobs_.pop_front();
    }
    job();
  }
}

std::vector<bool> SignatureVerifier::VerifyAll(std::span<const chain::Transaction* const> txs) {
  std::vector<char> ok(txs.size(), 0);
  constexpr size_t kChunk = 256;
  const size_t chunks = (txs.size() + kChunk - 1) / kChunk;
  if (workers_.empty() || chunks <= 1) {
    for (size_t i = 0; i < txs.size(); ++i) ok[i] = chain::VerifyTransactionSignature(*txs[i]);
    return std::vector<bool>(ok.begin(), ok.end());
  }
  // Chunks are claimed from a shared counter by the helpers and by this thread. The
  // latch counts helpers that have left `work`, so nothing outlives this frame.
  std::atomic<size_t> next{0};
  auto work = [&] {
    for (size_t c; (c = next.fetch_add(1)) < chunks;) {
      const size_t end = std::min(txs.size(), (c + 1) * kChunk);
      for (size_t i = c * kChunk; i < end; ++i) ok[i] = chain::VerifyTransactionSignature(*txs[i]);
    }
  };
  const size_t helpers = std::min(workers_.size(), chunks - 1);
  std::latch finished(static_cast<std::ptrdiff_t>(helpers));
  {
    std::lock_guard<std::mutex> lock(mu_);
    for (size_t i = 0; i < helpers; ++i) {
      jobs_.push_back([&] {
        work();
        finished.count_down();
      });
    }
  }
  cv_.notify_all();
  work();
  finished.wait();
  return std::vector<bool>(ok.begin(), ok.end());
}

void SignatureVerifier::Remember(const chain::Hash256& hash) {
  std::lock_guard<std::mutex> lock(known_mu_);
  if (!known_.insert(hash).second) return;
  known_order_.push_back(hash);
  if (known_order_.size() > memory_) {
    known_.erase(known_order_.front());
    known_order_.pop_front();
  }
}

bool SignatureVerifier::Known(const chain::Hash256& hash) {
  std::lock_guard<std::mutex> lock(known_mu_);
  return known_.contains(hash);
}

bool SignatureVerifier::Verify(const chain::Transaction& tx, const chain::Hash256& hash) {
  if (Known(hash)) return true;
  if (!chain::VerifyTransactionSignature(tx)) return false;
  Remember(hash);
  return true;
}

std::vector<bool> SignatureVerifier::VerifyAll(std::span<const chain::Transaction* const> txs,
                                               std::span<const chain::Hash256> hashes) {
  CHECK(txs.size() == hashes.size());
  std::vector<bool> ok(txs.size(), true);
  std::vector<const chain::Transaction*> todo;
  std::vector<size_t> where;
  for (size_t i = 0; i < txs.size(); ++i) {
    if (Known(hashes[i])) continue;
    todo.push_back(txs[i]);
    where.push_back(i);
  }
  const std::vector<bool> checked = VerifyAll(todo);
  for (size_t k = 0; k < checked.size(); ++k) {
    ok[where[k]] = checked[k];
    if (checked[k]) Remember(hashes[where[k]]);
  }
  return ok;
}

}  // namespace tfchain::node
