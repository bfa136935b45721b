#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "chain/status.h"
#include "wallet/cli.h"

namespace tfchain::wallet {

// A secret string (password, secret URI). Move-only; its bytes live in one heap buffer
// that is wiped (sodium_memzero) when destroyed. Thread-compatible.
class SecretString {
 public:
  SecretString() = default;
  // Takes the characters of `value` and wipes `value`.
  explicit SecretString(std::string&& value);
  // Copies `value` (the caller wipes its own copy).
  static SecretString Copy(std::string_view value);
  SecretString(SecretString&& other) noexcept = default;
  SecretString& operator=(SecretString&& other) noexcept;
  SecretString(const SecretString&) = delete;
  SecretString& operator=(const SecretString&) = delete;
  ~SecretString();

  std::string_view view() const { return std::string_view(bytes_.data(), bytes_.size()); }
  bool empty() const { return bytes_.empty(); }

 private:
  void Wipe();
  std::vector<char> bytes_;
};

// Where passwords come from. Injected into the commands so that tests can script it.
class PasswordSource {
 public:
  virtual ~PasswordSource() = default;
  // Returns a password, asking with `prompt` ("Password for key 'alice': ").
  // With `confirm` (a new password) it is asked twice. Errors (InvalidArgument):
  //   "password-mismatch"  the two answers differ
  //   "no-password"        no way to ask (no terminal and no TFWALLET_PASSWORD)
  virtual chain::Result<SecretString> Get(std::string_view prompt, bool confirm) = 0;
};

// The real source: $TFWALLET_PASSWORD if set (also for confirmations), else a prompt
// on the controlling terminal with echo off. Not thread-safe (it changes terminal
// modes and, while reading, the SIGINT/SIGTERM handlers, which restore echo).
class TerminalPasswordSource : public PasswordSource {
 public:
  struct Options {
    std::string tty_path = "/dev/tty";
  };
  TerminalPasswordSource(EnvLookup env, Options options);
  explicit TerminalPasswordSource(EnvLookup env) : TerminalPasswordSource(std::move(env), Options()) {}

  chain::Result<SecretString> Get(std::string_view prompt, bool confirm) override;

 private:
  chain::Result<SecretString> ReadFromTty(int fd, std::string_view prompt);
  EnvLookup env_;
  Options options_;
};

}  // namespace tfchain::wallet
