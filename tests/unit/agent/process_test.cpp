#include "farmer-agent/process.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <thread>
#include <vector>

namespace tfchain::agent {
namespace {

using namespace std::chrono_literals;

TEST(RunProcess, CapturesStdoutStderrAndExitCode) {
  auto r = RunProcess({"sh", "-c", "echo out; echo err >&2; exit 3"});
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->exit_code, 3);
  EXPECT_EQ(r->out, "out\n");
  EXPECT_EQ(r->err, "err\n");
}

TEST(RunProcess, ZeroExitAndArgumentsAreNotShellInterpreted) {
  auto r = RunProcess({"echo", "a b", "$HOME", ";", "|"});
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->exit_code, 0);
  EXPECT_EQ(r->out, "a b $HOME ; |\n");
  EXPECT_EQ(r->err, "");
}

TEST(RunProcess, FeedsStdin) {
  auto r = RunProcess({"cat"}, "hello\nworld");
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->exit_code, 0);
  EXPECT_EQ(r->out, "hello\nworld");
}

TEST(RunProcess, LargeStdinAndStdoutDoNotDeadlock) {
  const std::string big(1 << 20, 'x');  // far more than a pipe buffer each way
  auto r = RunProcess({"cat"}, big);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->out.size(), big.size());
  EXPECT_EQ(r->out, big);
}

TEST(RunProcess, ChildIgnoringStdinDoesNotKillUs) {
  const std::string big(1 << 20, 'y');
  auto r = RunProcess({"true"}, big);  // exits without reading: EPIPE, not SIGPIPE
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->exit_code, 0);
}

TEST(RunProcess, EmptyStdinIsClosed) {
  auto r = RunProcess({"cat"});
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->exit_code, 0);
  EXPECT_EQ(r->out, "");
}

TEST(RunProcess, TimeoutKillsTheProcessGroup) {
  const auto start = std::chrono::steady_clock::now();
  // The grandchild `sleep` must die too (it holds stdout open).
  auto r = RunProcess({"sh", "-c", "sleep 30 & sleep 30"}, {}, 300ms);
  const auto elapsed = std::chrono::steady_clock::now() - start;
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().reason(), "process-timeout");
  EXPECT_LT(elapsed, 5s);
}

TEST(RunProcess, DaemonizedDescendantDoesNotBlockReturn) {
  const auto start = std::chrono::steady_clock::now();
  // The shell exits at once but leaves a background child holding stdout/stderr.
  auto r = RunProcess({"sh", "-c", "echo started; sleep 3 & exit 0"}, {}, 10s);
  const auto elapsed = std::chrono::steady_clock::now() - start;
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->exit_code, 0);
  EXPECT_EQ(r->out, "started\n");
  EXPECT_LT(elapsed, 2s);
}

TEST(RunProcess, KilledBySignalReports128PlusSignal) {
  auto r = RunProcess({"sh", "-c", "kill -9 $$"});
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->exit_code, 128 + 9);
}

TEST(RunProcess, MissingProgramIsSpawnFailed) {
  auto r = RunProcess({"tfchain-no-such-program-xyz"});
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().reason(), "spawn-failed");
  EXPECT_NE(r.status().detail().find("tfchain-no-such-program-xyz"), std::string_view::npos);
}

TEST(RunProcess, EmptyArgvIsSpawnFailed) {
  auto r = RunProcess({});
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().reason(), "spawn-failed");
}

TEST(RunProcess, ConcurrentCallsAreIndependent) {
  constexpr int kThreads = 8;
  std::vector<std::string> outs(kThreads);
  std::vector<int> codes(kThreads, -2);
  std::vector<std::thread> threads;
  for (int i = 0; i < kThreads; ++i) {
    threads.emplace_back([i, &outs, &codes] {
      auto r = RunProcess({"sh", "-c", "read x; echo \"got $x\"; exit " + std::to_string(i)},
                          "line" + std::to_string(i) + "\n");
      if (r.ok()) {
        outs[i] = r->out;
        codes[i] = r->exit_code;
      }
    });
  }
  for (auto& t : threads) t.join();
  for (int i = 0; i < kThreads; ++i) {
    EXPECT_EQ(outs[i], "got line" + std::to_string(i) + "\n");
    EXPECT_EQ(codes[i], i);
  }
}

TEST(RunProcessToFile, AppendsStdoutAndStderrToTheFile) {
  const std::string path = "/tmp/tft" + std::to_string(::getpid()) + "-process-out.log";
  std::filesystem::remove(path);
  auto r = RunProcessToFile({"sh", "-c", "echo one; echo two >&2; exit 4"}, path);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->exit_code, 4);
  EXPECT_EQ(r->out, "");
  auto again = RunProcessToFile({"echo", "three"}, path);
  ASSERT_TRUE(again.ok()) << again.status().ToString();
  std::ifstream in(path);
  std::string content((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  EXPECT_EQ(content, "one\ntwo\nthree\n");
  EXPECT_EQ(std::filesystem::status(path).permissions() & std::filesystem::perms::all,
            std::filesystem::perms::owner_read | std::filesystem::perms::owner_write);
  std::filesystem::remove(path);
}

TEST(RunProcessToFile, UnopenableFileIsSpawnFailed) {
  auto r = RunProcessToFile({"true"}, "/nonexistent-dir-tfchain/x.log");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().reason(), "spawn-failed");
}

TEST(RunChecked, OkOnZeroExit) { EXPECT_TRUE(RunChecked({"true"}, "test-failed").ok()); }

TEST(RunChecked, NonZeroExitCarriesReasonAndStderr) {
  Status s = RunChecked({"sh", "-c", "echo boom >&2; exit 2"}, "test-failed");
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.reason(), "test-failed");
  EXPECT_NE(s.detail().find("sh -c"), std::string_view::npos);
  EXPECT_NE(s.detail().find("exited 2"), std::string_view::npos);
  EXPECT_NE(s.detail().find("boom"), std::string_view::npos);
}

TEST(RunChecked, SpawnFailureKeepsItsOwnReason) {
  Status s = RunChecked({"tfchain-no-such-program-xyz"}, "test-failed");
  EXPECT_EQ(s.reason(), "spawn-failed");
}

}  // namespace
}  // namespace tfchain::agent
