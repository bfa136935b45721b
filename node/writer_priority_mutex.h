#pragma once

#include <condition_variable>
#include <cstddef>
#include <mutex>

namespace tfchain::node {

// A reader/writer mutex that lets a waiting writer in before new readers (a
// SharedMutex: use it with std::unique_lock and std::shared_lock).
//
// std::shared_mutex on glibc prefers readers: RPC workers querying back to back can
// keep the event loop's writer out for seconds, stalling block commits. Here a reader
// that arrives while a writer waits queues behind it; readers already inside finish
// first. Writers must hold it briefly (readers cannot starve then).
//
// Thread-safe; not recursive.
class WriterPriorityMutex {
 public:
  WriterPriorityMutex() = default;
  WriterPriorityMutex(const WriterPriorityMutex&) = delete;
  WriterPriorityMutex& operator=(const WriterPriorityMutex&) = delete;

  void lock() {
    std::unique_lock<std::mutex> l(mu_);
    ++writers_waiting_;
    cv_.wait(l, [this] { return !writer_ && readers_ == 0; });
    --writers_waiting_;
    writer_ = true;
  }
  bool try_lock() {
    std::lock_guard<std::mutex> l(mu_);
    if (writer_ || readers_ > 0) return false;
    writer_ = true;
    return true;
  }
  void unlock() {
    {
      std::lock_guard<std::mutex> l(mu_);
      writer_ = false;
    }
    cv_.notify_all();
  }

  void lock_shared() {
    std::unique_lock<std::mutex> l(mu_);
    cv_.wait(l, [this] { return !writer_ && writers_waiting_ == 0; });
    ++readers_;
  }
  bool try_lock_shared() {
    std::lock_guard<std::mutex> l(mu_);
    if (writer_ || writers_waiting_ > 0) return false;
    ++readers_;
    return true;
  }
  void unlock_shared() {
    bool wake;
    {
      std::lock_guard<std::mutex> l(mu_);
      --readers_;
      wake = readers_ == 0 && writers_waiting_ > 0;
    }
    if (wake) cv_.notify_all();
  }

  // Writers blocked in lock(), for tests.
  size_t writers_waiting() const {
    std::lock_guard<std::mutex> l(mu_);
    return writers_waiting_;
  }

 private:
  mutable std::mutex mu_;
  std::condition_variable cv_;
  size_t readers_ = 0;          // GUARDED_BY(mu_)
  size_t writers_waiting_ = 0;  // GUARDED_BY(mu_)
  bool writer_ = false;         // GUARDED_BY(mu_)
};

}  // namespace tfchain::node
