#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>

namespace tfchain::node {

// Wall-clock time for the node (block timestamps, head age). Injected so tests can
// control it. Implementations are thread-safe.
class Clock {
 public:
  virtual ~Clock() = default;
  // Unix time in milliseconds.
  virtual uint64_t NowMs() const = 0;
};

class SystemClock : public Clock {
 public:
  uint64_t NowMs() const override {
    return static_cast<uint64_t>(
        std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch())
            .count());
  }
};

// A clock that moves only when told to.
class ManualClock : public Clock {
 public:
  explicit ManualClock(uint64_t now_ms) : now_ms_(now_ms) {}
  uint64_t NowMs() const override { return now_ms_.load(); }
  void Advance(uint64_t ms) { now_ms_ += ms; }
  void Set(uint64_t now_ms) { now_ms_ = now_ms; }

 private:
  std::atomic<uint64_t> now_ms_;
};

}  // namespace tfchain::node
