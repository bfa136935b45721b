#pragma once

#include <chrono>
#include <string>
#include <string_view>
#include <vector>

#include "chain/status.h"

namespace tfchain::agent {

using chain::Result;
using chain::Status;

// What a finished child process did.
struct ProcessResult {
  int exit_code = -1;  // the exit status; 128 + signal number when killed by a signal
  std::string out;     // everything it wrote to stdout
  std::string err;     // everything it wrote to stderr
};

// The one way the agent runs external programs (ip, losetup, mount, runc, ...): no shell.
// Runs argv[0] (looked up in PATH) with `argv`, feeds it `input` on stdin (then closes
// stdin), captures stdout and stderr, and kills it (SIGKILL to its process group) when it
// has not exited after `timeout`. The child gets its own process group, the default signal
// mask and dispositions, and no other descriptor of ours.
// Once the child itself has exited, output still held open by descendants it left running
// (a daemon such as `runc run -d`) is read as far as already written and no further.
// Errors: "spawn-failed" (empty argv, pipes, fork/exec; e.g. program not found),
// "process-timeout" (killed after `timeout`). A non-zero exit is NOT an error: the
// exit_code tells. Thread-safe (may be called from several threads at once).
Result<ProcessResult> RunProcess(const std::vector<std::string>& argv, std::string_view input = {},
                                 std::chrono::milliseconds timeout = std::chrono::seconds(30));

// Like RunProcess without input, but the child's stdout and stderr are appended to the file
// `output_path` (created with mode 0600) instead of being captured, so the result's out and
// err stay empty. For daemons such as `runc run -d`, whose descendants (the container) keep
// and write to those descriptors long after the child has exited: with a pipe they would
// block or die of SIGPIPE once nobody reads it. Errors: as RunProcess ("spawn-failed" also
// when the file cannot be opened). Thread-safe.
Result<ProcessResult> RunProcessToFile(const std::vector<std::string>& argv,
                                       const std::string& output_path,
                                       std::chrono::milliseconds timeout = std::chrono::seconds(30));

// RunProcess and require exit 0. Errors: RunProcess's, or `reason` (an IoError) with the
// detail "<argv[0]> <argv[1]> ... exited <code>: <stderr>" when it exits non-zero.
// Thread-safe.
Status RunChecked(const std::vector<std::string>& argv, std::string_view reason,
                  std::chrono::milliseconds timeout = std::chrono::seconds(30));

// The argv joined by spaces, for error details and logs (not quoted: never run it).
std::string JoinArgv(const std::vector<std::string>& argv);

}  // namespace tfchain::agent
