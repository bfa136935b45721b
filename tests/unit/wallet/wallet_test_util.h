#pragma once

// Helpers shared by the wallet tests: temporary directories, file I/O and a scripted
// password source.

#include <sodium.h>
#include <stdlib.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <map>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "wallet/commands.h"
#include "wallet/keystore.h"
#include "wallet/password.h"

namespace tfchain::wallet::testing {

// A fresh directory under the system temp dir, removed with its contents on scope exit.
class TempDir {
 public:
  TempDir() {
    std::string pattern = (std::filesystem::temp_directory_path() / "tfwallet-test-XXXXXX").string();
    path_ = mkdtemp(pattern.data());
  }
  ~TempDir() {
    std::error_code ignored;
    std::filesystem::remove_all(path_, ignored);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

inline std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

inline void WriteFile(const std::string& path, const std::string& text) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out << text;
}

// The cheapest Argon2id parameters, so that tests run fast.
inline KdfLimits FastKdf() { return {crypto_pwhash_argon2id_OPSLIMIT_MIN, crypto_pwhash_argon2id_MEMLIMIT_MIN}; }

// Returns the scripted answers in order; fails with "no-password" when they run out.
// Records the prompts it was asked.
class ScriptedPasswords : public PasswordSource {
 public:
  explicit ScriptedPasswords(std::vector<std::string> answers = {}) : answers_(std::move(answers)) {}
  chain::Result<SecretString> Get(std::string_view prompt, bool confirm) override {
    prompts.emplace_back(prompt);
    if (answers_.empty()) return chain::Status::InvalidArgument("no-password", "no scripted password left");
    std::string first = answers_.front();
    answers_.erase(answers_.begin());
    if (confirm) {
      if (answers_.empty()) return chain::Status::InvalidArgument("no-password", "no scripted password left");
      std::string second = answers_.front();
      answers_.erase(answers_.begin());
      if (first != second) return chain::Status::InvalidArgument("password-mismatch", "the two passwords differ");
    }
    return SecretString(std::move(first));
  }
  std::vector<std::string> prompts;

 private:
  std::vector<std::string> answers_;
};

// Runs tfwallet in-process with captured output, scripted passwords, a temporary
// keystore (global option --keystore added to every run), the cheapest KDF and
// short waits.
class WalletRunner {
 public:
  WalletRunner() : context_(out_, err_, in_, passwords_) {
    context_.poll_interval = std::chrono::milliseconds(5);
    context_.inclusion_timeout = std::chrono::milliseconds(2000);
    env_["HOME"] = home_.path();
  }

  // Runs `tfwallet --keystore <tmp> --kdf interactive <args...>`; returns the exit status.
  int Run(std::vector<std::string> args) {
    out_.str("");
    err_.str("");
    args.insert(args.begin(), {"--keystore", keystore_dir(), "--kdf", "interactive"});
    return RunTfwallet(args, Env(), context_);
  }
  // Runs without the extra options.
  int RunRaw(const std::vector<std::string>& args) {
    out_.str("");
    err_.str("");
    return RunTfwallet(args, Env(), context_);
  }

  std::string out() const { return out_.str(); }
  std::string err() const { return err_.str(); }
  nlohmann::json OutJson() const { return nlohmann::json::parse(out_.str()); }
  void SetStdin(const std::string& text) {
    in_.clear();
    in_.str(text);
  }
  void SetPasswords(std::vector<std::string> answers) { passwords_ = ScriptedPasswords(std::move(answers)); }
  ScriptedPasswords& passwords() { return passwords_; }
  CommandContext& context() { return context_; }
  std::map<std::string, std::string>& env() { return env_; }
  std::string keystore_dir() const { return home_.path() + "/keystore"; }
  Keystore keystore() const { return Keystore(keystore_dir(), Keystore::Options{FastKdf()}); }

 private:
  EnvLookup Env() {
    return [this](std::string_view name) -> std::optional<std::string> {
      auto it = env_.find(std::string(name));
      if (it == env_.end()) return std::nullopt;
      return it->second;
    };
  }
  TempDir home_;
  std::ostringstream out_;
  std::ostringstream err_;
  std::istringstream in_;
  ScriptedPasswords passwords_;
  CommandContext context_;
  std::map<std::string, std::string> env_;
};

}  // namespace tfchain::wallet::testing
