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

// tfchaind's command line: a mode and its options. Options that a mode does not take
// are refused.
struct DaemonConfig {
  enum class Mode { kHelp, kVersion, kDev, kInit, kStart, kLocalnet };
  Mode mode = Mode::kHelp;

  std::optional<std::string> data_dir;       // --data-dir (dev: a temp dir when absent)
  std::optional<std::string> genesis_file;   // --genesis (dev, init)
  std::optional<std::string> chain_id;       // --chain-id (init, localnet)
  std::optional<std::string> rpc_host;       // --rpc-host
  std::optional<uint16_t> rpc_port;          // --rpc-port (0 picks a free port)
  std::optional<std::string> p2p_host;       // --p2p-host (start)
  std::optional<uint16_t> p2p_port;          // --p2p-port (start; 0 picks a free port)
  std::optional<std::string> peers;          // --peers id@host:port,... (start)
  std::optional<uint64_t> block_time_ms;     // --block-time-ms (dev, localnet)
  std::optional<std::string> node_name;      // --name
  std::optional<std::string> rpc_admin_token;
  LogLevel log_level = LogLevel::kInfo;
  // localnet
  uint32_t validators = 0;                   // --validators N (1..64)
  std::optional<std::string> out_dir;        // --out DIR
  uint16_t base_p2p_port = 26656;            // --base-p2p-port
  uint16_t base_rpc_port = 9944;             // --base-rpc-port
};

// Parses the arguments after the program name. Errors (InvalidArgument,
// "bad-argument") name the offending argument: unknown modes or options, options the
// mode does not take, missing or malformed values, out-of-range numbers, missing
// required options (init/start need --data-dir, localnet --validators and --out).
chain::Result<DaemonConfig> ParseDaemonArgs(std::span<const std::string_view> args);

std::string DaemonUsage();

}  // namespace tfchain::node
