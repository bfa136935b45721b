// The command line of the capacity marketplace commands (the grammar of the whole
// command line is in cli.cpp; the parsed values in contract_cli.h):
//   contract create-node --node ID --cpu N --memory SIZE [--ssd SIZE] [--hdd SIZE]
//            [--public-ips N] [--deployment-hash 0xHEX | --deployment-file PATH]
//            [--data TEXT] [--solution-provider ID]                   + tx options
//   contract update ID [--cpu N] [--memory SIZE] [--ssd SIZE] [--hdd SIZE]
//            [--deployment-hash 0xHEX | --deployment-file PATH] [--data TEXT]  + tx options
//   contract create-name NAME | rent NODE [--solution-provider ID] | cancel ID
//            | ack ID ok|failed [--message M]                          + tx options
//   contract list [--twin ID | --node ID | --from NAME|ADDRESS] [--all] [--offset N] [--limit N]
//   contract show ID | contract bills ID [--offset N] [--limit N]
//   cost estimate [--kind node|rent|name] [--node ID] [resources] [--public-ips N]
//            [--twin ID | --from NAME|ADDRESS]
//   funded-until [--twin ID | --from NAME|ADDRESS]
//   node set-extra-fee NODE MUSD                                      + tx options
//   service create SERVICE_TWIN CONSUMER_TWIN | set-metadata ID METADATA
//            | set-fees ID --base-fee MUSD --variable-fee MUSD | approve|reject|cancel ID
//            | bill ID [--variable-amount MUSD] [--metadata TEXT]     + tx options
//   service show ID
// Contract and service contract ids are 1..2^64-1; node and twin ids 1..2^32-1.
#include <algorithm>
#include <limits>

#include "chain/market_types.h"
#include "wallet/amount.h"
#include "wallet/cli_spec.h"
#include "wallet/grid_units.h"

namespace tfchain::wallet {
namespace {

using chain::Result;
using chain::Status;

constexpr uint64_t kMaxU64 = std::numeric_limits<uint64_t>::max();
constexpr uint64_t kMaxExtraFeeMusd = 1'000'000'000;  // the chain's limit (fee-too-high)

constexpr std::string_view kResourceUsage = "[--cpu N] [--memory SIZE] [--ssd SIZE] [--hdd SIZE]";
constexpr std::string_view kDeploymentUsage = "[--deployment-hash 0xHEX | --deployment-file PATH] [--data TEXT]";
constexpr std::string_view kTwinUsage = "[--twin ID | --from NAME|ADDRESS]";

std::vector<OptionSpec> ResourceOptionSpecs(std::vector<OptionSpec> extra) {
  for (std::string_view name : {"--cpu", "--memory", "--ssd", "--hdd"}) extra.push_back({name, true});
  return extra;
}

std::vector<OptionSpec> DeploymentOptionSpecs(std::vector<OptionSpec> extra) {
  for (std::string_view name : {"--deployment-hash", "--deployment-file", "--data"}) extra.push_back({name, true});
  return extra;
}

// A contract or service contract id: 1..2^64-1.
Result<uint64_t> ContractIdArg(std::string_view what, std::string_view text) {
  auto value = ParseDecimalU64(text);
  if (!value.ok() || *value == 0) {
    return Usage(std::string(what) + " must be a contract id 1.." + std::to_string(kMaxU64) + ", not '" +
                 std::string(text) + "'");
  }
  return *value;
}

// An amount of mUSD (1 USD = 1000 mUSD): a whole number.
Result<uint64_t> MusdArg(std::string_view what, std::string_view text, uint64_t max = kMaxU64) {
  auto value = ParseDecimalU64(text);
  if (!value.ok() || *value > max) {
    return Usage(std::string(what) + " must be a whole number of mUSD 0.." + std::to_string(max) +
                 " (1 USD = 1000), not '" + std::string(text) + "'");
  }
  return *value;
}

Result<ResourceOptions> Resources(const CommandOptions& opts) {
  ResourceOptions out;
  if (auto cpu = opts.Value("--cpu")) {
    auto cores = ParseDecimalU64(*cpu);
    if (!cores.ok() || *cores == 0 || *cores > std::numeric_limits<uint32_t>::max()) {
      return Usage("--cpu must be a whole number of cores 1.." + std::to_string(std::numeric_limits<uint32_t>::max()) +
                   ", not '" + *cpu + "'");
    }
    out.cru = *cores;
  }
  TF_ASSIGN_OR_RETURN(out.mru, SizeOption(opts, "--memory"));
  if (out.mru && *out.mru == 0) return Usage("--memory must be more than 0 B");
  TF_ASSIGN_OR_RETURN(out.sru, SizeOption(opts, "--ssd"));
  TF_ASSIGN_OR_RETURN(out.hru, SizeOption(opts, "--hdd"));
  return out;
}

Result<uint32_t> PublicIps(const CommandOptions& opts) {
  auto text = opts.Value("--public-ips");
  if (!text) return 0u;
  TF_ASSIGN_OR_RETURN(uint64_t n, NumberArg("--public-ips", *text, chain::kMaxContractPublicIps));
  return static_cast<uint32_t>(n);
}

Result<DeploymentOptions> Deployment(const CommandOptions& opts) {
  DeploymentOptions out;
  if (auto hash = opts.Value("--deployment-hash")) {
    if (opts.Value("--deployment-file")) return Usage("give --deployment-hash or --deployment-file, not both");
    auto parsed = chain::Hash256::FromHex(*hash);
    if (!parsed.ok()) {
      return parsed.status().WithContext("--deployment-hash '" + *hash + "' is not a 32-byte 0x-hex hash");
    }
    out.hash = *parsed;
  }
  TF_ASSIGN_OR_RETURN(out.file, NonEmptyOption(opts, "--deployment-file"));
  out.data = opts.Value("--data");
  if (out.data && out.data->size() > chain::kMaxDeploymentData) {
    return Status::InvalidArgument("deployment-data-too-large", "--data has " + std::to_string(out.data->size()) +
                                                                    " bytes; the chain allows " +
                                                                    std::to_string(chain::kMaxDeploymentData));
  }
  return out;
}

Result<TwinSelector> Twin(const CommandOptions& opts, std::string_view command) {
  TwinSelector out;
  TF_ASSIGN_OR_RETURN(out.twin_id, OptionalIdOption(opts, "--twin"));
  TF_ASSIGN_OR_RETURN(out.account, NonEmptyOption(opts, "--from"));
  if (out.twin_id && out.account) return Usage(std::string(command) + ": give --twin or --from, not both");
  return out;
}

// 3..64 characters of [a-z0-9-_], as the chain requires.
Status CheckContractName(const std::string& name) {
  const bool good_chars = std::all_of(name.begin(), name.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
  });
  if (good_chars && name.size() >= chain::kMinContractNameLength && name.size() <= chain::kMaxContractNameLength) {
    return Status::Ok();
  }
  return Status::InvalidArgument(
      "bad-contract-name", "'" + name + "' is not a contract name: " + std::to_string(chain::kMinContractNameLength) +
                               ".." + std::to_string(chain::kMaxContractNameLength) + " characters of a-z 0-9 - _");
}

Status CheckLength(std::string_view reason, std::string_view what, const std::string& text, size_t max) {
  if (text.size() <= max) return Status::Ok();
  return Status::InvalidArgument(std::string(reason), std::string(what) + " has " + std::to_string(text.size()) +
                                                          " bytes; the chain allows " + std::to_string(max));
}

Result<Command> BuildCreateNode(const CommandSpec& spec, const CommandOptions& opts) {
  ContractCreateNodeCommand c;
  TF_ASSIGN_OR_RETURN(c.tx, BuildTxOptions(spec, opts));
  TF_ASSIGN_OR_RETURN(std::string node, opts.Required("--node", spec));
  TF_ASSIGN_OR_RETURN(c.node_id, IdArg("--node", node));
  TF_ASSIGN_OR_RETURN(ResourceOptions r, Resources(opts));
  if (!r.cru) return Usage("missing --cpu; usage: " + spec.usage);
  if (!r.mru) return Usage("missing --memory; usage: " + spec.usage);
  c.resources = {*r.cru, *r.mru, r.sru.value_or(0), r.hru.value_or(0)};
  TF_ASSIGN_OR_RETURN(c.public_ips, PublicIps(opts));
  TF_ASSIGN_OR_RETURN(c.deployment, Deployment(opts));
  TF_ASSIGN_OR_RETURN(c.solution_provider_id, OptionalIdOption(opts, "--solution-provider"));
  return Command(std::move(c));
}

Result<Command> BuildUpdate(const CommandSpec& spec, const std::vector<std::string>& args, const CommandOptions& opts) {
  ContractUpdateCommand c;
  TF_ASSIGN_OR_RETURN(c.tx, BuildTxOptions(spec, opts));
  TF_ASSIGN_OR_RETURN(c.contract_id, ContractIdArg("ID", args[0]));
  TF_ASSIGN_OR_RETURN(c.resources, Resources(opts));
  TF_ASSIGN_OR_RETURN(c.deployment, Deployment(opts));
  if (!c.resources.any() && !c.deployment.hash && !c.deployment.file && !c.deployment.data) {
    return Usage("contract update needs a resource, --deployment-hash, --deployment-file or --data; usage: " +
                 spec.usage);
  }
  return Command(std::move(c));
}

Result<Command> BuildContractTx(const CommandSpec& spec, const std::vector<std::string>& args,
                                const CommandOptions& opts) {
  using Action = ContractCommand::Action;
  ContractCommand c;
  TF_ASSIGN_OR_RETURN(c.tx, BuildTxOptions(spec, opts));
  const std::string_view path = spec.path;
  if (path == "contract create-name") {
    c.action = Action::kCreateName;
    c.name = args[0];
    TF_RETURN_IF_ERROR(CheckContractName(c.name));
  } else if (path == "contract rent") {
    c.action = Action::kRent;
    TF_ASSIGN_OR_RETURN(c.node_id, IdArg("NODE", args[0]));
    TF_ASSIGN_OR_RETURN(c.solution_provider_id, OptionalIdOption(opts, "--solution-provider"));
  } else if (path == "contract cancel") {
    c.action = Action::kCancel;
    TF_ASSIGN_OR_RETURN(c.contract_id, ContractIdArg("ID", args[0]));
  } else {
    c.action = Action::kAck;
    TF_ASSIGN_OR_RETURN(c.contract_id, ContractIdArg("ID", args[0]));
    TF_ASSIGN_OR_RETURN(c.ok, ChoiceArg("the deployment result", args[1], "ok", "failed"));
    c.message = opts.Value("--message").value_or("");
    TF_RETURN_IF_ERROR(CheckLength("ack-message-too-long", "--message", c.message, chain::kMaxAckMessage));
  }
  return Command(std::move(c));
}

Result<Command> BuildContractList(const CommandSpec& spec, const CommandOptions& opts) {
  ContractListCommand c;
  TF_ASSIGN_OR_RETURN(c.twin, Twin(opts, "contract list"));
  TF_ASSIGN_OR_RETURN(c.node_id, OptionalIdOption(opts, "--node"));
  const int given = (c.twin.twin_id ? 1 : 0) + (c.twin.account ? 1 : 0) + (c.node_id ? 1 : 0);
  if (given == 0) return Usage("contract list needs --twin ID, --node ID or --from NAME|ADDRESS; usage: " + spec.usage);
  if (given > 1) return Usage("contract list: give only one of --twin, --node and --from");
  c.include_deleted = opts.Flag("--all");
  TF_ASSIGN_OR_RETURN(PageOptions page, PageOption(opts));
  c.page.offset = page.offset;
  if (opts.Value("--limit")) c.page.limit = page.limit;  // else the command's default
  return Command(std::move(c));
}

Result<Command> BuildContract(const CommandSpec& spec, const std::vector<std::string>& args,
                              const CommandOptions& opts) {
  const std::string_view path = spec.path;
  if (path == "contract create-node") return BuildCreateNode(spec, opts);
  if (path == "contract update") return BuildUpdate(spec, args, opts);
  if (path == "contract list") return BuildContractList(spec, opts);
  if (path == "contract show") {
    TF_ASSIGN_OR_RETURN(chain::ContractId id, ContractIdArg("ID", args[0]));
    return Command(ContractShowCommand{id});
  }
  if (path == "contract bills") {
    ContractBillsCommand c;
    TF_ASSIGN_OR_RETURN(c.contract_id, ContractIdArg("ID", args[0]));
    TF_ASSIGN_OR_RETURN(PageOptions page, PageOption(opts));
    c.page.offset = page.offset;
    if (opts.Value("--limit")) c.page.limit = page.limit;
    return Command(c);
  }
  return BuildContractTx(spec, args, opts);
}

Result<Command> BuildCostEstimate(const CommandOptions& opts) {
  CostEstimateCommand c;
  const std::string kind = opts.Value("--kind").value_or("node");
  auto parsed = chain::ParseContractKind(kind);
  if (!parsed) return Usage("--kind must be node, rent or name, not '" + kind + "'");
  c.kind = *parsed;
  TF_ASSIGN_OR_RETURN(c.node_id, OptionalIdOption(opts, "--node"));
  TF_ASSIGN_OR_RETURN(ResourceOptions r, Resources(opts));
  c.resources = {r.cru.value_or(0), r.mru.value_or(0), r.sru.value_or(0), r.hru.value_or(0)};
  TF_ASSIGN_OR_RETURN(c.public_ips, PublicIps(opts));
  TF_ASSIGN_OR_RETURN(c.twin, Twin(opts, "cost estimate"));
  if (c.kind != chain::ContractKind::kName && !c.node_id) {
    return Usage("cost estimate --kind " + kind + " needs --node ID");
  }
  if (c.kind != chain::ContractKind::kNode) {
    for (std::string_view name : {"--cpu", "--memory", "--ssd", "--hdd", "--public-ips"}) {
      if (opts.Value(name)) {
        return Usage(std::string(name) + " does not apply to --kind " + kind +
                     (c.kind == chain::ContractKind::kRent ? " (a rent contract pays for the whole node)"
                                                           : " (a name contract has a fixed price)"));
      }
    }
  }
  if (c.kind == chain::ContractKind::kName && c.node_id) return Usage("--node does not apply to --kind name");
  return Command(std::move(c));
}

Result<Command> BuildService(const CommandSpec& spec, const std::vector<std::string>& args,
                             const CommandOptions& opts) {
  using Action = ServiceCommand::Action;
  const std::string_view path = spec.path;
  if (path == "service show") {
    TF_ASSIGN_OR_RETURN(chain::ServiceContractId id, ContractIdArg("ID", args[0]));
    return Command(ServiceShowCommand{id});
  }
  ServiceCommand c;
  TF_ASSIGN_OR_RETURN(c.tx, BuildTxOptions(spec, opts));
  if (path == "service create") {
    c.action = Action::kCreate;
    TF_ASSIGN_OR_RETURN(c.service_twin_id, IdArg("SERVICE_TWIN", args[0]));
    TF_ASSIGN_OR_RETURN(c.consumer_twin_id, IdArg("CONSUMER_TWIN", args[1]));
    if (c.service_twin_id == c.consumer_twin_id) {
      return Usage("the service and the consumer must be different twins");
    }
    return Command(std::move(c));
  }
  TF_ASSIGN_OR_RETURN(c.id, ContractIdArg("ID", args[0]));
  if (path == "service set-metadata") {
    c.action = Action::kSetMetadata;
    c.metadata = args[1];
    TF_RETURN_IF_ERROR(CheckLength("metadata-too-long", "METADATA", c.metadata, chain::kMaxServiceMetadata));
  } else if (path == "service set-fees") {
    c.action = Action::kSetFees;
    TF_ASSIGN_OR_RETURN(std::string base, opts.Required("--base-fee", spec));
    TF_ASSIGN_OR_RETURN(c.base_fee_musd, MusdArg("--base-fee", base));
    TF_ASSIGN_OR_RETURN(std::string variable, opts.Required("--variable-fee", spec));
    TF_ASSIGN_OR_RETURN(c.variable_fee_musd, MusdArg("--variable-fee", variable));
  } else if (path == "service bill") {
    c.action = Action::kBill;
    if (auto amount = opts.Value("--variable-amount")) {
      TF_ASSIGN_OR_RETURN(c.variable_amount_musd, MusdArg("--variable-amount", *amount));
    }
    c.metadata = opts.Value("--metadata").value_or("");
    TF_RETURN_IF_ERROR(CheckLength("metadata-too-long", "--metadata", c.metadata, chain::kMaxServiceMetadata));
  } else if (path == "service approve") {
    c.action = Action::kApprove;
  } else if (path == "service reject") {
    c.action = Action::kReject;
  } else {
    c.action = Action::kCancel;
  }
  return Command(std::move(c));
}

}  // namespace

const std::vector<CommandSpec>& MarketCommandSpecs() {
  static const std::vector<CommandSpec> kSpecs = {
      {"contract create-node",
       {},
       WithTxOptions(DeploymentOptionSpecs(
           ResourceOptionSpecs({{"--node", true}, {"--public-ips", true}, {"--solution-provider", true}}))),
       TxUsage("tfwallet contract create-node --from NAME|URI --node ID --cpu N --memory SIZE [--ssd SIZE] "
               "[--hdd SIZE] [--public-ips N] " +
               std::string(kDeploymentUsage) + " [--solution-provider ID]")},
      {"contract update",
       {"ID"},
       WithTxOptions(DeploymentOptionSpecs(ResourceOptionSpecs({}))),
       TxUsage("tfwallet contract update ID --from NAME|URI " + std::string(kResourceUsage) + " " +
               std::string(kDeploymentUsage))},
      {"contract create-name",
       {"NAME"},
       WithTxOptions({}),
       TxUsage("tfwallet contract create-name NAME --from NAME|URI")},
      {"contract rent",
       {"NODE"},
       WithTxOptions({{"--solution-provider", true}}),
       TxUsage("tfwallet contract rent NODE --from NAME|URI [--solution-provider ID]")},
      {"contract cancel", {"ID"}, WithTxOptions({}), TxUsage("tfwallet contract cancel ID --from NAME|URI")},
      {"contract ack",
       {"ID", "ok|failed"},
       WithTxOptions({{"--message", true}}),
       TxUsage("tfwallet contract ack ID ok|failed --from NODE_KEY [--message M]")},
      {"contract list",
       {},
       PageOptionSpecs({{"--twin", true}, {"--node", true}, {"--from", true}, {"--all", false}}),
       "tfwallet contract list [--twin ID | --node ID | --from NAME|ADDRESS] [--all] [--offset N] [--limit N]"},
      {"contract show", {"ID"}, {}, "tfwallet contract show ID"},
      {"contract bills", {"ID"}, PageOptionSpecs({}), "tfwallet contract bills ID [--offset N] [--limit N]"},
      {"cost estimate",
       {},
       ResourceOptionSpecs(
           {{"--kind", true}, {"--node", true}, {"--public-ips", true}, {"--twin", true}, {"--from", true}}),
       "tfwallet cost estimate [--kind node|rent|name] [--node ID] " + std::string(kResourceUsage) +
           " [--public-ips N] " + std::string(kTwinUsage)},
      {"funded-until", {}, {{"--twin", true}, {"--from", true}}, "tfwallet funded-until " + std::string(kTwinUsage)},
      {"node set-extra-fee",
       {"NODE", "MUSD"},
       WithTxOptions({}),
       TxUsage("tfwallet node set-extra-fee NODE MUSD --from NAME|URI")},
      {"service create",
       {"SERVICE_TWIN", "CONSUMER_TWIN"},
       WithTxOptions({}),
       TxUsage("tfwallet service create SERVICE_TWIN CONSUMER_TWIN --from NAME|URI")},
      {"service set-metadata",
       {"ID", "METADATA"},
       WithTxOptions({}),
       TxUsage("tfwallet service set-metadata ID METADATA --from NAME|URI")},
      {"service set-fees",
       {"ID"},
       WithTxOptions({{"--base-fee", true}, {"--variable-fee", true}}),
       TxUsage("tfwallet service set-fees ID --from NAME|URI --base-fee MUSD --variable-fee MUSD")},
      {"service approve", {"ID"}, WithTxOptions({}), TxUsage("tfwallet service approve ID --from NAME|URI")},
      {"service reject", {"ID"}, WithTxOptions({}), TxUsage("tfwallet service reject ID --from NAME|URI")},
      {"service cancel", {"ID"}, WithTxOptions({}), TxUsage("tfwallet service cancel ID --from NAME|URI")},
      {"service bill",
       {"ID"},
       WithTxOptions({{"--variable-amount", true}, {"--metadata", true}}),
       TxUsage("tfwallet service bill ID --from NAME|URI [--variable-amount MUSD] [--metadata TEXT]")},
      {"service show", {"ID"}, {}, "tfwallet service show ID"},
  };
  return kSpecs;
}

const std::map<std::string_view, std::string_view>& MarketGroups() {
  static const std::map<std::string_view, std::string_view> kGroups = {
      {"contract", "create-node, create-name, rent, update, cancel, ack, list, show, bills"},
      {"cost", "estimate"},
      {"service", "create, set-metadata, set-fees, approve, reject, cancel, bill, show"},
  };
  return kGroups;
}

bool IsMarketCommand(std::string_view path) {
  return path.starts_with("contract ") || path.starts_with("service ") || path == "cost estimate" ||
         path == "funded-until" || path == "node set-extra-fee";
}

Result<Command> BuildMarketCommand(const CommandSpec& spec, const std::vector<std::string>& args,
                                   const CommandOptions& opts) {
  const std::string_view path = spec.path;
  if (path.starts_with("contract ")) return BuildContract(spec, args, opts);
  if (path.starts_with("service ")) return BuildService(spec, args, opts);
  if (path == "cost estimate") return BuildCostEstimate(opts);
  if (path == "funded-until") {
    FundedUntilCommand c;
    TF_ASSIGN_OR_RETURN(c.twin, Twin(opts, "funded-until"));
    if (!c.twin.twin_id && !c.twin.account) return Usage("funded-until needs --twin ID or --from NAME|ADDRESS");
    return Command(std::move(c));
  }
  if (path == "node set-extra-fee") {
    NodeSetExtraFeeCommand c;
    TF_ASSIGN_OR_RETURN(c.tx, BuildTxOptions(spec, opts));
    TF_ASSIGN_OR_RETURN(c.node_id, IdArg("NODE", args[0]));
    TF_ASSIGN_OR_RETURN(c.fee_musd_per_month, MusdArg("MUSD", args[1], kMaxExtraFeeMusd));
    return Command(std::move(c));
  }
  return Status::Internal("unhandled-command", std::string(path));
}

}  // namespace tfchain::wallet
