// The command line of the deployment commands (the grammar of the whole command line
// is in cli.cpp; the parsed values in deploy_cli.h):
//   deploy container --image PATH|URL --image-hash 0xHEX --cpu N --memory SIZE
//            --disk SIZE [--volume SIZE:MOUNT] [--public-ip] [--node ID | --country C]
//            --name NAME [--entrypoint "ARG ..."] [--timeout S]   + tx options
//   deployment status CONTRACT_ID
//   deployment list [--from NAME|ADDRESS | --twin ID]
// The deployment the options describe is checked here with the agent's own rules
// (agent::Validate), so a bad name or mount fails before anything is sent.
#include <limits>
#include <sstream>

#include "farmer-agent/deployment.h"
#include "wallet/amount.h"
#include "wallet/cli_spec.h"
#include "wallet/deploy_commands.h"
#include "wallet/grid_units.h"

namespace tfchain::wallet {
namespace {

using chain::Result;
using chain::Status;

constexpr uint64_t kMaxTimeoutSeconds = 86'400;
constexpr uint64_t kMaxCpuMillis = std::numeric_limits<uint32_t>::max();

// A size as ParseByteSize takes it, also with a one-letter unit ("256M" = "256MB").
Result<uint64_t> SizeArg(std::string_view what, std::string text) {
  if (!text.empty()) {
    const char last = text.back();
    if (last == 'K' || last == 'M' || last == 'G' || last == 'T' || last == 'k' || last == 'm' || last == 'g' ||
        last == 't') {
      text += "B";
    }
  }
  auto size = ParseByteSize(text);
  if (!size.ok() || *size == 0) {
    return Usage(std::string(what) + " must be a size such as 256M or 1G (K, M, G, T; 1K = 1024 B), not '" + text +
                 "'");
  }
  return *size;
}

// Cores with at most 3 decimals, more than 0: "0.5" -> 500 millicores.
Result<uint32_t> CpuArg(const std::string& text) {
  auto bad = [&] { return Usage("--cpu must be a number of cores > 0 with at most 3 decimals (0.5, 2), not '" + text + "'"); };
  const size_t dot = text.find('.');
  const std::string whole = text.substr(0, dot);
  const std::string fraction = dot == std::string::npos ? "" : text.substr(dot + 1);
  if (whole.empty() || !AllDigits(whole) || whole.size() > 7) return bad();
  if (dot != std::string::npos && (fraction.empty() || fraction.size() > 3 || !AllDigits(fraction))) return bad();
  uint64_t millis = std::stoull(whole) * 1000;
  if (!fraction.empty()) millis += std::stoull(fraction + std::string(3 - fraction.size(), '0'));
  if (millis == 0 || millis > kMaxCpuMillis) return bad();
  return static_cast<uint32_t>(millis);
}

// "ARG ARG ...": split at spaces; at least one argument.
Result<std::vector<std::string>> EntrypointArg(const std::string& text) {
  std::vector<std::string> argv;
  std::istringstream in(text);
  for (std::string word; in >> word;) argv.push_back(word);
  if (argv.empty()) return Usage("--entrypoint must name a program");
  return argv;
}

Result<Command> BuildDeployContainer(const CommandSpec& spec, const CommandOptions& opts) {
  DeployContainerCommand c;
  TF_ASSIGN_OR_RETURN(c.tx, BuildTxOptions(spec, opts));
  TF_ASSIGN_OR_RETURN(c.image, opts.Required("--image", spec));
  if (c.image.empty()) return Usage("--image must not be empty");
  TF_ASSIGN_OR_RETURN(std::string hash, opts.Required("--image-hash", spec));
  auto parsed = chain::Hash256::FromHex(hash);
  if (!parsed.ok()) return Usage("--image-hash '" + hash + "' is not a 32-byte 0x-hex hash");
  c.image_hash = *parsed;
  TF_ASSIGN_OR_RETURN(std::string cpu, opts.Required("--cpu", spec));
  TF_ASSIGN_OR_RETURN(c.cpu_millis, CpuArg(cpu));
  TF_ASSIGN_OR_RETURN(std::string memory, opts.Required("--memory", spec));
  TF_ASSIGN_OR_RETURN(c.memory, SizeArg("--memory", memory));
  TF_ASSIGN_OR_RETURN(std::string disk, opts.Required("--disk", spec));
  TF_ASSIGN_OR_RETURN(c.disk, SizeArg("--disk", disk));
  if (auto volume = opts.Value("--volume")) {
    const size_t colon = volume->find(':');
    if (colon == std::string::npos) return Usage("--volume must be SIZE:MOUNT (1G:/data), not '" + *volume + "'");
    TF_ASSIGN_OR_RETURN(c.volume_size, SizeArg("--volume's SIZE", volume->substr(0, colon)));
    c.volume_mount = volume->substr(colon + 1);
  }
  c.public_ip = opts.Flag("--public-ip");
  TF_ASSIGN_OR_RETURN(c.node_id, OptionalIdOption(opts, "--node"));
  TF_ASSIGN_OR_RETURN(c.country, NonEmptyOption(opts, "--country"));
  if (c.node_id && c.country) return Usage("deploy container: give --node or --country, not both");
  TF_ASSIGN_OR_RETURN(c.name, opts.Required("--name", spec));
  c.entrypoint = DefaultEntrypoint();
  if (auto entrypoint = opts.Value("--entrypoint")) {
    TF_ASSIGN_OR_RETURN(c.entrypoint, EntrypointArg(*entrypoint));
  }
  if (auto timeout = opts.Value("--timeout")) {
    TF_ASSIGN_OR_RETURN(c.timeout_s, NumberArg("--timeout", *timeout, kMaxTimeoutSeconds));
    if (c.timeout_s == 0) return Usage("--timeout must be 1.." + std::to_string(kMaxTimeoutSeconds) + " seconds");
  }
  // The agent's own rules (names, sizes, mount path): any contract id will do here.
  TF_RETURN_IF_ERROR(agent::Validate(BuildContainerDeployment(c, 1)));
  return Command(std::move(c));
}

}  // namespace

const std::vector<CommandSpec>& DeployCommandSpecs() {
  static const std::vector<CommandSpec> kSpecs = {
      {"deploy container",
       {},
       {{"--from", true},
        {"--tip", true},
        {"--valid-for", true},
        {"--scheme", true},
        {"--image", true},
        {"--image-hash", true},
        {"--cpu", true},
        {"--memory", true},
        {"--disk", true},
        {"--volume", true},
        {"--public-ip", false},
        {"--node", true},
        {"--country", true},
        {"--name", true},
        {"--entrypoint", true},
        {"--timeout", true}},
       "tfwallet deploy container --from NAME|URI --image PATH|URL --image-hash 0xHEX --cpu N --memory SIZE "
       "--disk SIZE [--volume SIZE:MOUNT] [--public-ip] [--node ID | --country C] --name NAME "
       "[--entrypoint \"ARG ...\"] [--timeout S]"},
      {"deployment status", {"CONTRACT_ID"}, {}, "tfwallet deployment status CONTRACT_ID"},
      {"deployment list",
       {},
       {{"--twin", true}, {"--from", true}},
       "tfwallet deployment list [--twin ID | --from NAME|ADDRESS]"},
  };
  return kSpecs;
}

const std::map<std::string_view, std::string_view>& DeployGroups() {
  static const std::map<std::string_view, std::string_view> kGroups = {
      {"deploy", "container"},
      {"deployment", "status, list"},
  };
  return kGroups;
}

bool IsDeployCommand(std::string_view path) { return path.starts_with("deploy ") || path.starts_with("deployment "); }

Result<Command> BuildDeployCommand(const CommandSpec& spec, const std::vector<std::string>& args,
                                   const CommandOptions& opts) {
  const std::string_view path = spec.path;
  if (path == "deploy container") return BuildDeployContainer(spec, opts);
  if (path == "deployment status") {
    auto id = ParseDecimalU64(args[0]);
    if (!id.ok() || *id == 0) return Usage("CONTRACT_ID must be a contract id 1..2^64-1, not '" + args[0] + "'");
    return Command(DeploymentStatusCommand{*id});
  }
  if (path == "deployment list") {
    DeploymentListCommand c;
    TF_ASSIGN_OR_RETURN(c.twin.twin_id, OptionalIdOption(opts, "--twin"));
    TF_ASSIGN_OR_RETURN(c.twin.account, NonEmptyOption(opts, "--from"));
    if (c.twin.twin_id && c.twin.account) return Usage("deployment list: give --twin or --from, not both");
    if (!c.twin.twin_id && !c.twin.account) return Usage("deployment list needs --twin ID or --from NAME|ADDRESS");
    return Command(std::move(c));
  }
  return Status::Internal("unhandled-command", std::string(path));
}

std::optional<std::string_view> DeployHelpBody(std::string_view topic) {
  static constexpr std::string_view kContainer = R"(
Deploys one container on a node's farmer agent and waits until it runs:
  1. picks the node: --node, or the first 'up' node with the free capacity (in
     --country C when given) whose agent endpoint is known;
  2. creates a node contract reserving cru = ceil(--cpu), mru = --memory,
     sru = --disk + the volume size, 1 public IP with --public-ip;
  3. sets the contract's deployment hash to the deployment's (its encoding contains
     the contract id, so this is a second transaction, contract.update_node);
  4. posts the deployment, signed with the --from key, to <agent>/deployments;
  5. polls the agent every 500 ms, showing a progress line, until every workload is
     ok (prints the contract and node), one is error (prints it, cancels the contract,
     fails) or --timeout passes (cancels the contract, fails).

Options:
  --image PATH|URL          the rootfs tarball, a path on the node or an http(s) URL
  --image-hash 0xHEX        its BLAKE2b-256
  --cpu N                   cores, up to 3 decimals (0.5)
  --memory SIZE, --disk SIZE   e.g. 256M, 1G (K, M, G, T; 1K = 1024 B)
  --volume SIZE:MOUNT       an ext4 volume of SIZE mounted at MOUNT (absolute)
  --public-ip               a public IPv4 from the farm on the container
  --node ID | --country C   where to deploy (default: any node that fits)
  --name NAME               the container's name: 1-48 of a-z 0-9 -
  --entrypoint "ARG ..."    the program and its arguments, split at spaces
                            (default: /bin/sh -c "exec sleep 2147483647")
  --timeout S               seconds to wait for ok (default 120)
)";
  static constexpr std::string_view kStatus = R"(
Shows the state of each workload of a node contract's deployment, as the node's
farmer agent reports it (init, ok, error with its message, paused, deleted); --json:
the agent's document.
)";
  static constexpr std::string_view kList = R"(
Lists the twin's live node contracts with their node and, for each, the state of its
deployment from the node's agent ("unreachable" when the agent does not answer,
"none" when it has no deployment for the contract).
)";
  if (topic == "deploy container") return kContainer;
  if (topic == "deployment status") return kStatus;
  if (topic == "deployment list") return kList;
  return std::nullopt;
}

}  // namespace tfchain::wallet
