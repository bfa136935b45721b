#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "chain/status.h"
#include "node/log.h"

namespace tfchain::node {

// The devnet genesis (genesis/devnet.json), compiled in.
extern const std::string_view kDevnetGenesisJson;

// tfchaind's command line.
struct DaemonConfig {
  bool help = false;
  bool version = false;
  bool dev = false;
  std::optional<std::string> data_dir;     // --data-dir; --dev without it uses a temp dir
  std::optional<std::string> genesis_file; // --genesis; --dev defaults to the built-in devnet
  std::string rpc_host = "127.0.0.1";
  uint16_t rpc_port = 9933;                // 0 picks a free port
  std::optional<uint64_t> block_time_ms;   // --block-time-ms overrides the genesis value
  std::string node_name = "tfchaind";
  std::string rpc_admin_token;
  LogLevel log_level = LogLevel::kInfo;
};

// Parses the arguments after the program name. Errors (InvalidArgument,
// "bad-argument") name the offending argument: unknown options, missing or malformed
// values, out-of-range numbers, and no mode (--dev) chosen.
chain::Result<DaemonConfig> ParseDaemonArgs(std::span<const std::string_view> args);

std::string DaemonUsage();

}  // namespace tfchain::node
