#include "node/config.h"

#include <charconv>

namespace tfchain::node {
namespace {
using chain::Result;
using chain::Status;

Status Bad(const std::string& what) { return Status::InvalidArgument("bad-argument", what); }

Result<uint64_t> ParseNumber(std::string_view flag, std::string_view text, uint64_t min, uint64_t max) {
  uint64_t value = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (text.empty() || ec != std::errc() || end != text.data() + text.size()) {
    return Bad(std::string(flag) + " expects a number, got '" + std::string(text) + "'");
  }
  if (value < min || value > max) {
    return Bad(std::string(flag) + " must be in [" + std::to_string(min) + ", " + std::to_string(max) + "], got " +
               std::string(text));
  }
  return value;
}
}  // namespace

std::string DaemonUsage() {
  return R"(tfchaind — a tfchain node

Usage:
  tfchaind --dev [options]     a single-validator development chain (//Alice validates;
                               //Alice //Bob //Charlie //Dave //Eve //Ferdie are funded)

Options:
  --data-dir DIR         where the chain lives (default with --dev: a temporary
                         directory removed on exit)
  --genesis FILE         genesis JSON (default with --dev: the built-in devnet genesis)
  --rpc-host HOST        JSON-RPC bind address (default 127.0.0.1)
  --rpc-port PORT        JSON-RPC port (default 9933; 0 picks a free port)
  --rpc-admin-token TOK  required for admin methods when bound beyond loopback
  --block-time-ms MS     block interval (default: the genesis value, 1000 on devnet)
  --name NAME            node name reported by system_chain
  --log-level LEVEL      debug | info | warn | error (default info)
  --help                 this text
  --version              print the version

Once the RPC server listens, the node prints "rpc: http://HOST:PORT" on stdout and
writes the same URL to DIR/rpc.addr.
)";
}

Result<DaemonConfig> ParseDaemonArgs(std::span<const std::string_view> args) {
  DaemonConfig c;
  for (size_t i = 0; i < args.size(); ++i) {
    const std::string_view arg = args[i];
    auto value = [&]() -> Result<std::string_view> {
      if (i + 1 >= args.size()) return Bad(std::string(arg) + " needs a value");
      return args[++i];
    };
    if (arg == "--help" || arg == "-h") {
      c.help = true;
    } else if (arg == "--version") {
      c.version = true;
    } else if (arg == "--dev") {
      c.dev = true;
    } else if (arg == "--data-dir") {
      TF_ASSIGN_OR_RETURN(std::string_view v, value());
      if (v.empty()) return Bad("--data-dir must not be empty");
      c.data_dir = std::string(v);
    } else if (arg == "--genesis") {
      TF_ASSIGN_OR_RETURN(std::string_view v, value());
      c.genesis_file = std::string(v);
    } else if (arg == "--rpc-host") {
      TF_ASSIGN_OR_RETURN(std::string_view v, value());
      if (v.empty()) return Bad("--rpc-host must not be empty");
      c.rpc_host = std::string(v);
    } else if (arg == "--rpc-port") {
      TF_ASSIGN_OR_RETURN(std::string_view v, value());
      TF_ASSIGN_OR_RETURN(uint64_t port, ParseNumber(arg, v, 0, 65535));
      c.rpc_port = static_cast<uint16_t>(port);
    } else if (arg == "--rpc-admin-token") {
      TF_ASSIGN_OR_RETURN(std::string_view v, value());
      c.rpc_admin_token = std::string(v);
    } else if (arg == "--block-time-ms") {
      TF_ASSIGN_OR_RETURN(std::string_view v, value());
      TF_ASSIGN_OR_RETURN(c.block_time_ms, ParseNumber(arg, v, 10, 3'600'000));
    } else if (arg == "--name") {
      TF_ASSIGN_OR_RETURN(std::string_view v, value());
      if (v.empty() || v.size() > 64) return Bad("--name must be 1..64 characters");
      c.node_name = std::string(v);
    } else if (arg == "--log-level") {
      TF_ASSIGN_OR_RETURN(std::string_view v, value());
      if (!ParseLogLevel(v, &c.log_level)) return Bad("--log-level must be debug, info, warn or error");
    } else {
      return Bad("unknown argument '" + std::string(arg) + "' (see --help)");
    }
  }
  if (!c.help && !c.version && !c.dev) return Bad("choose a mode: --dev (see --help)");
  return c;
}

}  // namespace tfchain::node
