#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <iosfwd>
#include <span>
#include <string>

#include "chain/status.h"
#include "wallet/cli.h"
#include "wallet/password.h"
#include "wallet/rpc_client.h"

namespace tfchain::wallet {

// Fills `out` with cryptographically secure random bytes.
using RandomSource = std::function<void(std::span<uint8_t> out)>;
// libsodium's randombytes_buf.
void SystemRandom(std::span<uint8_t> out);

// Everything a command touches besides its arguments, injected so that tests can
// capture output, script passwords and shorten waits. The streams and the password
// source are borrowed and must outlive the call.
struct CommandContext {
  CommandContext(std::ostream& out_stream, std::ostream& err_stream, std::istream& in_stream,
                 PasswordSource& password_source)
      : out(out_stream), err(err_stream), in(in_stream), passwords(password_source) {}

  std::ostream& out;  // results: text, or one JSON document with --json
  std::ostream& err;  // warnings and the error line (progress goes to `out`, in text mode)
  std::istream& in;   // secret URIs given as "-"
  PasswordSource& passwords;
  RandomSource random = SystemRandom;
  RpcClient::Options rpc;
  std::chrono::milliseconds poll_interval{200};         // tx_getReceipt polling
  std::chrono::milliseconds inclusion_timeout{60'000};  // give up waiting after this
  std::chrono::milliseconds deploy_poll_interval{500};  // `deploy container` agent polling
};

// Runs one parsed command. Returns its failure as a Status (the caller prints it and
// exits with status 1); on success the result has been written to context.out.
// Not thread-safe (one command per process).
chain::Status RunCommand(const Invocation& invocation, CommandContext& context);

// The whole program after crypto initialisation: parses `args` (without argv[0]), runs
// the command and returns the exit status: 0 success, 1 failure, 2 usage error.
// Failures are printed to context.err as one line: "error: <reason>: <detail>" (for
// usage errors "error: <detail>").
int RunTfwallet(std::span<const std::string> args, const EnvLookup& env, CommandContext& context);

}  // namespace tfchain::wallet
