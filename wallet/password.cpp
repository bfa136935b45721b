#include "wallet/password.h"

#include <fcntl.h>
#include <signal.h>
#include <sodium.h>
#include <termios.h>
#include <unistd.h>

#include <array>
#include <cerrno>
#include <cstring>

namespace tfchain::wallet {
namespace {

using chain::Result;
using chain::Status;

constexpr size_t kMaxPasswordLength = 1024;

// The terminal state to restore if a signal arrives while echo is off. Only touched
// by the one thread that reads a password (see TerminalPasswordSource).
int g_tty_fd = -1;
struct termios g_saved_termios;

void RestoreTtyAndReraise(int sig) {
  if (g_tty_fd >= 0) {
    tcsetattr(g_tty_fd, TCSAFLUSH, &g_saved_termios);
    (void)!write(g_tty_fd, "\n", 1);
  }
  signal(sig, SIG_DFL);
  raise(sig);
}

// Turns echo off on `fd` for its lifetime; restores it (also on SIGINT/SIGTERM).
class EchoOff {
 public:
  explicit EchoOff(int fd) : fd_(fd) {
    if (tcgetattr(fd, &saved_) != 0) return;
    struct termios quiet = saved_;
    quiet.c_lflag &= static_cast<tcflag_t>(~(ECHO | ECHOE | ECHOK | ECHONL));
    g_saved_termios = saved_;
    g_tty_fd = fd;
    struct sigaction action {};
    action.sa_handler = RestoreTtyAndReraise;
    sigemptyset(&action.sa_mask);
    sigaction(SIGINT, &action, &old_int_);
    sigaction(SIGTERM, &action, &old_term_);
    active_ = tcsetattr(fd, TCSAFLUSH, &quiet) == 0;
  }
  ~EchoOff() {
    if (active_) tcsetattr(fd_, TCSAFLUSH, &saved_);
    if (g_tty_fd == fd_) {
      sigaction(SIGINT, &old_int_, nullptr);
      sigaction(SIGTERM, &old_term_, nullptr);
      g_tty_fd = -1;
    }
  }
  EchoOff(const EchoOff&) = delete;
  EchoOff& operator=(const EchoOff&) = delete;

 private:
  int fd_;
  bool active_ = false;
  struct termios saved_ {};
  struct sigaction old_int_ {};
  struct sigaction old_term_ {};
};

void WriteAll(int fd, std::string_view text) {
  while (!text.empty()) {
    ssize_t n = write(fd, text.data(), text.size());
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return;
    text.remove_prefix(static_cast<size_t>(n));
  }
}

}  // namespace

SecretString::SecretString(std::string&& value) : bytes_(value.begin(), value.end()) {
  sodium_memzero(value.data(), value.size());
  value.clear();
}

SecretString SecretString::Copy(std::string_view value) {
  SecretString out;
  out.bytes_.assign(value.begin(), value.end());
  return out;
}

SecretString& SecretString::operator=(SecretString&& other) noexcept {
  if (this != &other) {
    Wipe();
    bytes_ = std::move(other.bytes_);
    other.bytes_.clear();
  }
  return *this;
}

SecretString::~SecretString() { Wipe(); }

void SecretString::Wipe() {
  if (!bytes_.empty()) sodium_memzero(bytes_.data(), bytes_.size());
  bytes_.clear();
}

TerminalPasswordSource::TerminalPasswordSource(EnvLookup env, Options options)
    : env_(std::move(env)), options_(std::move(options)) {}

Result<SecretString> TerminalPasswordSource::Get(std::string_view prompt, bool confirm) {
  if (std::optional<std::string> from_env = env_("TFWALLET_PASSWORD")) {
    return SecretString(std::move(*from_env));
  }
  int fd = open(options_.tty_path.c_str(), O_RDWR | O_NOCTTY | O_CLOEXEC);
  if (fd < 0) {
    return Status::InvalidArgument("no-password", "no password: set TFWALLET_PASSWORD or run in a terminal");
  }
  auto first = ReadFromTty(fd, prompt);
  if (!first.ok() || !confirm) {
    close(fd);
    return first;
  }
  auto second = ReadFromTty(fd, "Repeat the password: ");
  close(fd);
  if (!second.ok()) return second;
  if (first->view() != second->view()) {
    return Status::InvalidArgument("password-mismatch", "the two passwords differ");
  }
  return first;
}

Result<SecretString> TerminalPasswordSource::ReadFromTty(int fd, std::string_view prompt) {
  WriteAll(fd, prompt);
  std::array<char, kMaxPasswordLength> buffer;
  size_t length = 0;
  bool got_newline = false;
  {
    EchoOff echo_off(fd);
    while (length < buffer.size()) {
      char c;
      ssize_t n = read(fd, &c, 1);
      if (n < 0 && errno == EINTR) continue;
      if (n <= 0) break;
      if (c == '\n' || c == '\r') {
        got_newline = true;
        break;
      }
      buffer[length++] = c;
    }
  }
  WriteAll(fd, "\n");
  SecretString out = SecretString::Copy(std::string_view(buffer.data(), length));
  sodium_memzero(buffer.data(), buffer.size());
  if (!got_newline && length == 0) {
    return Status::InvalidArgument("no-password", "no password entered (end of input)");
  }
  if (!got_newline && length == buffer.size()) {
    return Status::InvalidArgument("no-password", "password longer than 1024 bytes");
  }
  return out;
}

}  // namespace tfchain::wallet
