#include "farmer-agent/process.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/syscall.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <algorithm>
#include <cstdint>
#include <cstring>

extern char** environ;

namespace tfchain::agent {
namespace {

// A file descriptor closed on destruction.
class Fd {
 public:
  Fd() = default;
  explicit Fd(int fd) : fd_(fd) {}
  Fd(const Fd&) = delete;
  Fd& operator=(const Fd&) = delete;
  ~Fd() { Close(); }
  int get() const { return fd_; }
  void Reset(int fd) {
    Close();
    fd_ = fd;
  }
  void Close() {
    if (fd_ >= 0) ::close(fd_);
    fd_ = -1;
  }

 private:
  int fd_ = -1;
};

// Creates a close-on-exec pipe into (read_end, write_end).
bool MakePipe(Fd& read_end, Fd& write_end) {
  int fds[2];
  if (::pipe2(fds, O_CLOEXEC) != 0) return false;
  read_end.Reset(fds[0]);
  write_end.Reset(fds[1]);
  return true;
}

// Blocks SIGPIPE in the calling thread for its lifetime, so a child that exits without
// reading its stdin yields EPIPE instead of killing the agent. A SIGPIPE raised meanwhile
// is consumed (unless one was already pending before) so it is never delivered late.
class SigpipeBlock {
 public:
  SigpipeBlock() {
    sigemptyset(&pipe_set_);
    sigaddset(&pipe_set_, SIGPIPE);
    sigset_t pending;
    sigpending(&pending);
    was_pending_ = sigismember(&pending, SIGPIPE) == 1;
    pthread_sigmask(SIG_BLOCK, &pipe_set_, &old_set_);
  }
  SigpipeBlock(const SigpipeBlock&) = delete;
  SigpipeBlock& operator=(const SigpipeBlock&) = delete;
  ~SigpipeBlock() {
    if (!was_pending_) {
      const timespec zero{0, 0};
      while (sigtimedwait(&pipe_set_, nullptr, &zero) == SIGPIPE) {
      }
    }
    pthread_sigmask(SIG_SETMASK, &old_set_, nullptr);
  }

 private:
  sigset_t pipe_set_;
  sigset_t old_set_;
  bool was_pending_ = false;
};

int DecodeWaitStatus(int status) {
  if (WIFEXITED(status)) return WEXITSTATUS(status);
  if (WIFSIGNALED(status)) return 128 + WTERMSIG(status);
  return -1;
}

// Reads what is available on `fd` into `sink`. Returns false on EOF or error.
bool ReadSome(int fd, std::string& sink) {
  char buf[16384];
  for (;;) {
    const ssize_t n = ::read(fd, buf, sizeof(buf));
    if (n > 0) {
      sink.append(buf, static_cast<size_t>(n));
      return true;
    }
    if (n < 0 && errno == EINTR) continue;
    if (n < 0 && errno == EAGAIN) return true;
    return false;
  }
}

}  // namespace

std::string JoinArgv(const std::vector<std::string>& argv) {
  std::string joined;
  for (const std::string& arg : argv) {
    if (!joined.empty()) joined += ' ';
    joined += arg;
  }
  return joined;
}

namespace {

// RunProcess, or with `output_path` set RunProcessToFile.
Result<ProcessResult> RunProcessImpl(const std::vector<std::string>& argv, std::string_view input,
                                     std::chrono::milliseconds timeout,
                                     const std::string* output_path) {
  if (argv.empty() || argv[0].empty()) return Status::InvalidArgument("spawn-failed", "empty argv");
  const std::string what = argv[0];

  Fd in_read, in_write, out_read, out_write, err_read, err_write;
  if (!MakePipe(in_read, in_write) || !MakePipe(out_read, out_write) ||
      !MakePipe(err_read, err_write)) {
    return Status::IoError("spawn-failed", what + ": pipe: " + std::strerror(errno));
  }

  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_adddup2(&actions, in_read.get(), STDIN_FILENO);
  if (output_path != nullptr) {
    posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, output_path->c_str(),
                                     O_WRONLY | O_CREAT | O_APPEND, 0600);
    posix_spawn_file_actions_adddup2(&actions, STDOUT_FILENO, STDERR_FILENO);
  } else {
    posix_spawn_file_actions_adddup2(&actions, out_write.get(), STDOUT_FILENO);
    posix_spawn_file_actions_adddup2(&actions, err_write.get(), STDERR_FILENO);
  }

  posix_spawnattr_t attr;
  posix_spawnattr_init(&attr);
  sigset_t no_signals, default_signals;
  sigemptyset(&no_signals);
  sigfillset(&default_signals);
  posix_spawnattr_setsigmask(&attr, &no_signals);
  posix_spawnattr_setsigdefault(&attr, &default_signals);
  posix_spawnattr_setpgroup(&attr, 0);
  posix_spawnattr_setflags(&attr,
                           POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETPGROUP);

  std::vector<char*> cargv;
  cargv.reserve(argv.size() + 1);
  for (const std::string& arg : argv) cargv.push_back(const_cast<char*>(arg.c_str()));
  cargv.push_back(nullptr);

  pid_t pid = -1;
  const int spawn_error = posix_spawnp(&pid, what.c_str(), &actions, &attr, cargv.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  posix_spawnattr_destroy(&attr);
  if (spawn_error != 0) {
    return Status::IoError("spawn-failed", what + ": " + std::strerror(spawn_error));
  }
  in_read.Close();
  out_write.Close();
  err_write.Close();
  if (output_path != nullptr) {  // nothing to capture
    out_read.Close();
    err_read.Close();
  }
  ::fcntl(in_write.get(), F_SETFL, O_NONBLOCK);
  ::fcntl(out_read.get(), F_SETFL, O_NONBLOCK);
  ::fcntl(err_read.get(), F_SETFL, O_NONBLOCK);
  if (input.empty()) in_write.Close();

  // Readable when the child exits (Linux >= 5.3); without it, a 20 ms tick notices.
  Fd pid_fd(static_cast<int>(::syscall(SYS_pidfd_open, pid, 0)));
  SigpipeBlock sigpipe_block;
  ProcessResult result;
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  size_t written = 0;
  bool exited = false;
  int drain_passes = 0;
  int wait_status = 0;
  for (;;) {
    if (!exited) {
      const pid_t r = ::waitpid(pid, &wait_status, WNOHANG);
      if (r == pid) exited = true;
    }
    const bool pipes_open = out_read.get() >= 0 || err_read.get() >= 0;
    if (exited && !pipes_open) break;

    const auto now = std::chrono::steady_clock::now();
    if (exited && ++drain_passes > 64) break;  // descendants keep writing: enough
    if (now >= deadline) {
      if (exited) break;
      {
        ::kill(-pid, SIGKILL);
        ::kill(pid, SIGKILL);
        while (::waitpid(pid, &wait_status, 0) < 0 && errno == EINTR) {
        }
      }
      return Status::Unavailable("process-timeout",
                                 what + " killed after " + std::to_string(timeout.count()) + " ms");
    }

    pollfd fds[4];
    nfds_t n = 0;
    int out_idx = -1, err_idx = -1, in_idx = -1;
    if (out_read.get() >= 0) {
      out_idx = static_cast<int>(n);
      fds[n++] = pollfd{out_read.get(), POLLIN, 0};
    }
    if (err_read.get() >= 0) {
      err_idx = static_cast<int>(n);
      fds[n++] = pollfd{err_read.get(), POLLIN, 0};
    }
    if (in_write.get() >= 0) {
      in_idx = static_cast<int>(n);
      fds[n++] = pollfd{in_write.get(), POLLOUT, 0};
    }
    if (!exited && pid_fd.get() >= 0) fds[n++] = pollfd{pid_fd.get(), POLLIN, 0};
    // Once the child has exited, only drain what is already written (descendants may keep
    // the pipes open forever); otherwise wake up regularly to notice the child's exit.
    const auto remaining =
        std::chrono::duration_cast<std::chrono::milliseconds>(deadline - now).count();
    const int64_t tick = pid_fd.get() >= 0 ? remaining + 1 : std::min<int64_t>(remaining + 1, 20);
    const int wait_ms = exited ? 0 : static_cast<int>(tick);
    const int ready = ::poll(fds, n, wait_ms);
    if (ready < 0 && errno != EINTR) {
      ::kill(-pid, SIGKILL);
      ::kill(pid, SIGKILL);
      while (!exited && ::waitpid(pid, &wait_status, 0) < 0 && errno == EINTR) {
      }
      return Status::IoError("spawn-failed", what + ": poll: " + std::strerror(errno));
    }
    if (ready <= 0) {
      if (exited) break;  // nothing more is already written
      continue;
    }
    if (out_idx >= 0 && fds[out_idx].revents != 0 && !ReadSome(out_read.get(), result.out)) {
      out_read.Close();
    }
    if (err_idx >= 0 && fds[err_idx].revents != 0 && !ReadSome(err_read.get(), result.err)) {
      err_read.Close();
    }
    if (in_idx >= 0 && fds[in_idx].revents != 0) {
      if ((fds[in_idx].revents & (POLLERR | POLLHUP)) != 0) {
        in_write.Close();
      } else {
        const ssize_t w = ::write(in_write.get(), input.data() + written, input.size() - written);
        if (w > 0) written += static_cast<size_t>(w);
        if ((w < 0 && errno != EAGAIN && errno != EINTR) || written == input.size()) {
          in_write.Close();
        }
      }
    }
  }
  result.exit_code = DecodeWaitStatus(wait_status);
  return result;
}

}  // namespace

Result<ProcessResult> RunProcess(const std::vector<std::string>& argv, std::string_view input,
                                 std::chrono::milliseconds timeout) {
  return RunProcessImpl(argv, input, timeout, nullptr);
}

Result<ProcessResult> RunProcessToFile(const std::vector<std::string>& argv,
                                       const std::string& output_path,
                                       std::chrono::milliseconds timeout) {
  return RunProcessImpl(argv, {}, timeout, &output_path);
}

Status RunChecked(const std::vector<std::string>& argv, std::string_view reason,
                  std::chrono::milliseconds timeout) {
  TF_ASSIGN_OR_RETURN(ProcessResult result, RunProcess(argv, {}, timeout));
  if (result.exit_code != 0) {
    std::string err = result.err;
    while (!err.empty() && (err.back() == '\n' || err.back() == ' ')) err.pop_back();
    return Status::IoError(std::string(reason), JoinArgv(argv) + " exited " +
                                                    std::to_string(result.exit_code) + ": " + err);
  }
  return Status::Ok();
}

}  // namespace tfchain::agent
