#include "node/config.h"

#include <charconv>
#include <set>

namespace tfchain::node {
namespace {
using chain::Result;
using chain::Status;
using Mode = DaemonConfig::Mode;

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

// Which options each mode takes.
const std::set<std::string_view>& Allowed(Mode mode) {
  static const std::set<std::string_view> kDev = {"--data-dir",  "--genesis",   "--rpc-host",        "--rpc-port",
                                                  "--block-time-ms", "--name",  "--rpc-admin-token", "--log-level"};
  static const std::set<std::string_view> kInit = {"--data-dir", "--genesis", "--chain-id", "--name", "--log-level"};
  static const std::set<std::string_view> kStart = {"--data-dir", "--peers",    "--p2p-host",        "--p2p-port",
                                                    "--rpc-host", "--rpc-port", "--rpc-admin-token", "--name",
                                                    "--log-level"};
  static const std::set<std::string_view> kLocalnet = {"--validators",    "--out",      "--chain-id",
                                                       "--base-p2p-port", "--base-rpc-port", "--block-time-ms",
                                                       "--log-level"};
  static const std::set<std::string_view> kNone = {};
  switch (mode) {
    case Mode::kDev: return kDev;
    case Mode::kInit: return kInit;
    case Mode::kStart: return kStart;
    case Mode::kLocalnet: return kLocalnet;
    default: return kNone;
  }
}

bool ValidChainId(std::string_view id) {
  if (id.empty() || id.size() > 64) return false;
  for (char c : id) {
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-')) return false;
  }
  return true;
}
}  // namespace

std::string DaemonUsage() {
  return R"(tfchaind — a tfchain node

Usage:
  tfchaind --dev [options]          a single-validator development chain: //Alice
                                    validates; //Alice //Bob //Charlie //Dave //Eve
                                    //Ferdie are funded
  tfchaind init --data-dir DIR      create a node: keys, config.json and a genesis
  tfchaind start --data-dir DIR     run the node kept in DIR
  tfchaind localnet --validators N --out DIR
                                    write N ready data dirs (DIR/node0 ...) of one
                                    network on 127.0.0.1; start each with `start`
  tfchaind --help | --version

Options (the modes above say which they take):
  --data-dir DIR         the node's directory (dev default: a temporary one, removed on exit)
  --genesis FILE         genesis JSON (dev default: built-in devnet; init: copied into DIR)
  --chain-id ID          chain id of a new genesis (init, localnet)
  --rpc-host HOST        JSON-RPC bind address (default 127.0.0.1)
  --rpc-port PORT        JSON-RPC port (default 9933; 0 picks a free port)
  --rpc-admin-token TOK  required for admin methods when bound beyond loopback
  --p2p-host HOST        P2P bind address (start; default from config.json)
  --p2p-port PORT        P2P port (start; 0 picks a free port)
  --peers LIST           id@host:port,... persistent peers (start; adds to config.json)
  --block-time-ms MS     target block interval (dev, localnet)
  --name NAME            node name reported by system_chain
  --validators N         localnet size (1..64)
  --out DIR              localnet output directory
  --base-p2p-port PORT   localnet: node i listens on PORT+i (default 26656)
  --base-rpc-port PORT   localnet: node i serves RPC on PORT+i (default 9944)
  --log-level LEVEL      debug | info | warn | error (default info)

Once the RPC server listens, the node prints "rpc: http://HOST:PORT" on stdout and
writes the same URL to DIR/rpc.addr.
)";
}

Result<DaemonConfig> ParseDaemonArgs(std::span<const std::string_view> args) {
  DaemonConfig c;
  size_t i = 0;
  if (args.empty()) return Bad("choose a mode: --dev, init, start or localnet (see --help)");
  const std::string_view first = args[0];
  if (first == "--help" || first == "-h" || first == "help") return c;
  if (first == "--version") {
    c.mode = Mode::kVersion;
    return c;
  }
  if (first == "--dev") {
    c.mode = Mode::kDev;
  } else if (first == "init") {
    c.mode = Mode::kInit;
  } else if (first == "start") {
    c.mode = Mode::kStart;
  } else if (first == "localnet") {
    c.mode = Mode::kLocalnet;
  } else {
    return Bad("unknown mode '" + std::string(first) + "': use --dev, init, start or localnet (see --help)");
  }
  ++i;
  const auto& allowed = Allowed(c.mode);
  for (; i < args.size(); ++i) {
    const std::string_view arg = args[i];
    if (arg == "--help" || arg == "-h") {
      c.mode = Mode::kHelp;
      return c;
    }
    if (!arg.starts_with("--")) return Bad("unexpected argument '" + std::string(arg) + "' (see --help)");
    if (!allowed.contains(arg)) {
      return Bad(std::string(arg) + (Allowed(Mode::kDev).contains(arg) || Allowed(Mode::kStart).contains(arg) ||
                                             Allowed(Mode::kLocalnet).contains(arg) || Allowed(Mode::kInit).contains(arg)
                                         ? " does not apply to this mode"
                                         : ": unknown option") +
                 " (see --help)");
    }
    if (i + 1 >= args.size()) return Bad(std::string(arg) + " needs a value");
    const std::string_view v = args[++i];
    auto non_empty = [&](std::optional<std::string>* out) -> Status {
      if (v.empty()) return Bad(std::string(arg) + " must not be empty");
      *out = std::string(v);
      return Status::Ok();
    };
    if (arg == "--data-dir") {
      TF_RETURN_IF_ERROR(non_empty(&c.data_dir));
    } else if (arg == "--genesis") {
      TF_RETURN_IF_ERROR(non_empty(&c.genesis_file));
    } else if (arg == "--chain-id") {
      if (!ValidChainId(v)) return Bad("--chain-id must be 1..64 characters of [a-z0-9-]");
      c.chain_id = std::string(v);
    } else if (arg == "--rpc-host") {
      TF_RETURN_IF_ERROR(non_empty(&c.rpc_host));
    } else if (arg == "--rpc-port") {
      TF_ASSIGN_OR_RETURN(uint64_t port, ParseNumber(arg, v, 0, 65535));
      c.rpc_port = static_cast<uint16_t>(port);
    } else if (arg == "--p2p-host") {
      TF_RETURN_IF_ERROR(non_empty(&c.p2p_host));
    } else if (arg == "--p2p-port") {
      TF_ASSIGN_OR_RETURN(uint64_t port, ParseNumber(arg, v, 0, 65535));
      c.p2p_port = static_cast<uint16_t>(port);
    } else if (arg == "--peers") {
      c.peers = std::string(v);  // validated when the network parses it
    } else if (arg == "--rpc-admin-token") {
      c.rpc_admin_token = std::string(v);
    } else if (arg == "--block-time-ms") {
      TF_ASSIGN_OR_RETURN(c.block_time_ms, ParseNumber(arg, v, 10, 3'600'000));
    } else if (arg == "--name") {
      if (v.empty() || v.size() > 64) return Bad("--name must be 1..64 characters");
      c.node_name = std::string(v);
    } else if (arg == "--log-level") {
      if (!ParseLogLevel(v, &c.log_level)) return Bad("--log-level must be debug, info, warn or error");
    } else if (arg == "--validators") {
      TF_ASSIGN_OR_RETURN(uint64_t n, ParseNumber(arg, v, 1, 64));
      c.validators = static_cast<uint32_t>(n);
    } else if (arg == "--out") {
      TF_RETURN_IF_ERROR(non_empty(&c.out_dir));
    } else if (arg == "--base-p2p-port") {
      TF_ASSIGN_OR_RETURN(uint64_t port, ParseNumber(arg, v, 1, 65535 - 64));
      c.base_p2p_port = static_cast<uint16_t>(port);
    } else if (arg == "--base-rpc-port") {
      TF_ASSIGN_OR_RETURN(uint64_t port, ParseNumber(arg, v, 1, 65535 - 64));
      c.base_rpc_port = static_cast<uint16_t>(port);
    }
  }
  if ((c.mode == Mode::kInit || c.mode == Mode::kStart) && !c.data_dir) return Bad("this mode needs --data-dir DIR");
  if (c.mode == Mode::kLocalnet && (c.validators == 0 || !c.out_dir)) {
    return Bad("localnet needs --validators N and --out DIR");
  }
  return c;
}

}  // namespace tfchain::node
