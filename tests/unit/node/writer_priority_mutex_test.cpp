// WriterPriorityMutex: shared and exclusive ownership, and a waiting writer going
// before readers that arrive after it.
#include "node/writer_priority_mutex.h"

#include <gtest/gtest.h>

#include <atomic>
#include <shared_mutex>
#include <thread>

namespace tfchain::node {
namespace {

TEST(WriterPriorityMutexTest, ReadersShareWritersExclude) {
  WriterPriorityMutex mu;
  ASSERT_TRUE(mu.try_lock_shared());
  ASSERT_TRUE(mu.try_lock_shared());
  EXPECT_FALSE(mu.try_lock());
  mu.unlock_shared();
  EXPECT_FALSE(mu.try_lock());
  mu.unlock_shared();
  ASSERT_TRUE(mu.try_lock());
  EXPECT_FALSE(mu.try_lock());
  EXPECT_FALSE(mu.try_lock_shared());
  mu.unlock();
  EXPECT_TRUE(mu.try_lock_shared());
  mu.unlock_shared();
}

TEST(WriterPriorityMutexTest, WaitingWriterGoesBeforeNewReaders) {
  WriterPriorityMutex mu;
  mu.lock_shared();  // a reader inside
  std::atomic<bool> writer_in{false};
  std::thread writer([&] {
    std::unique_lock lock(mu);
    writer_in = true;
  });
  while (mu.writers_waiting() == 0) std::this_thread::yield();
  // A new reader may not pass the waiting writer (std::shared_mutex on glibc would let it).
  EXPECT_FALSE(mu.try_lock_shared());
  EXPECT_FALSE(writer_in);
  mu.unlock_shared();  // the last reader leaves: the writer gets in
  writer.join();
  EXPECT_TRUE(writer_in);
  EXPECT_EQ(mu.writers_waiting(), 0u);
  std::shared_lock reader(mu);  // and readers after it
  EXPECT_TRUE(reader.owns_lock());
}

TEST(WriterPriorityMutexTest, ManyThreadsKeepTheInvariant) {
  WriterPriorityMutex mu;
  int value = 0;  // written under the exclusive lock, read under the shared one
  std::atomic<int> readers_inside{0};
  std::atomic<bool> broken{false};
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < 2000; ++i) {
        if ((i + t) % 4 == 0) {
          std::unique_lock lock(mu);
          if (readers_inside != 0) broken = true;
          ++value;
        } else {
          std::shared_lock lock(mu);
          ++readers_inside;
          if (value < 0) broken = true;
          --readers_inside;
        }
      }
    });
  }
  for (std::thread& t : threads) t.join();
  EXPECT_FALSE(broken);
  EXPECT_EQ(value, 2000);
}

}  // namespace
}  // namespace tfchain::node
