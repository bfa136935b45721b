// The command line of the TF Directory, farming and governance commands (the grammar
// of the whole command line is in cli.cpp):
//   twin create|update [--relay R] [--public-key HEX]         + tx options
//   twin show [ADDRESS|NAME|TWIN_ID]
//   farm create NAME [--pricing-policy ID]                     + tx options
//   farm add-ip FARM_ID IP/CIDR GATEWAY | remove-ip FARM_ID IP | set-dedicated FARM_ID true|false
//   farm show ID|NAME | farm list [--offset N] [--limit N]
//   node list [--sort S] [--offset N] [--limit N] | node show ID
//   node find [--free-cru N] [--free-mru SIZE] [--free-sru SIZE] [--free-hru SIZE]
//             [--country C] [--city C] [--farm ID] [--certified] [--has-free-ip]
//             [--dedicated] [--status up|standby|down] [--sort S] [--offset N] [--limit N]
//   node power-target NODE_ID up|down                          + tx options
//   farming rewards [--node ID] [--farm ID] [--period P]
//   gov propose KIND ARG [ARG] [--description TEXT]            + tx options
//   gov vote ID yes|no                                         + tx options
//   gov list [--status open|enacted|rejected] | gov show ID
#include <algorithm>
#include <array>
#include <limits>

#include "chain/bytes.h"
#include "wallet/amount.h"
#include "wallet/cli_spec.h"
#include "wallet/grid_units.h"

namespace tfchain::wallet {
namespace {

using chain::Result;
using chain::Status;

constexpr std::string_view kPageUsage = "[--offset N] [--limit N]";
constexpr std::string_view kFindOptionsUsage =
    "[--free-cru N] [--free-mru SIZE] [--free-sru SIZE] [--free-hru SIZE] [--country C] [--city C] [--farm ID] "
    "[--certified] [--has-free-ip] [--dedicated] [--status up|standby|down] [--sort S] [--offset N] [--limit N]";
constexpr std::array<std::string_view, 5> kSorts = {"node_id", "free_cru", "free_mru", "free_sru", "free_hru"};
constexpr std::array<std::string_view, 7> kProposalKinds = {
    "set-tft-price",   "set-certifier",         "set-pricing-policy",       "set-farming-policy",
    "set-grid-params", "set-governance-params", "approve-solution-provider"};


std::string Joined(std::string_view a, std::string_view b) { return std::string(a) + " " + std::string(b); }

Result<NodeListCommand> BuildNodeList(bool find, const CommandOptions& opts) {
  NodeListCommand c;
  c.find = find;
  TF_ASSIGN_OR_RETURN(c.page, PageOption(opts));
  if (auto sort = opts.Value("--sort")) {
    if (std::find(kSorts.begin(), kSorts.end(), *sort) == kSorts.end()) {
      return Usage("--sort must be node_id, free_cru, free_mru, free_sru or free_hru, not '" + *sort + "'");
    }
    c.sort = *sort;
  }
  if (!find) return c;
  NodeFilterOptions& f = c.filter;
  if (auto cru = opts.Value("--free-cru")) {
    TF_ASSIGN_OR_RETURN(uint64_t cores, NumberArg("--free-cru", *cru, std::numeric_limits<uint64_t>::max()));
    f.free_cru = cores;
  }
  TF_ASSIGN_OR_RETURN(f.free_mru, SizeOption(opts, "--free-mru"));
  TF_ASSIGN_OR_RETURN(f.free_sru, SizeOption(opts, "--free-sru"));
  TF_ASSIGN_OR_RETURN(f.free_hru, SizeOption(opts, "--free-hru"));
  TF_ASSIGN_OR_RETURN(f.country, NonEmptyOption(opts, "--country"));
  TF_ASSIGN_OR_RETURN(f.city, NonEmptyOption(opts, "--city"));
  TF_ASSIGN_OR_RETURN(f.farm_id, OptionalIdOption(opts, "--farm"));
  f.certified = opts.Flag("--certified");
  f.has_free_ip = opts.Flag("--has-free-ip");
  f.dedicated = opts.Flag("--dedicated");
  if (auto status = opts.Value("--status")) {
    if (*status != "up" && *status != "standby" && *status != "down") {
      return Usage("--status must be up, standby or down, not '" + *status + "'");
    }
    f.status = *status;
  }
  return c;
}

Result<Command> BuildTwin(const CommandSpec& spec, const std::vector<std::string>& args, const CommandOptions& opts) {
  if (spec.path == "twin show") {
    TwinShowCommand c;
    if (!args.empty() && AllDigits(args[0])) {
      TF_ASSIGN_OR_RETURN(c.twin_id, IdArg("TWIN_ID", args[0]));
    } else if (!args.empty()) {
      c.account = args[0];
    }
    return Command(std::move(c));
  }
  TwinCommand c;
  c.update = spec.path == "twin update";
  TF_ASSIGN_OR_RETURN(c.tx, BuildTxOptions(spec, opts));
  TF_ASSIGN_OR_RETURN(c.relay, NonEmptyOption(opts, "--relay"));
  if (auto key = opts.Value("--public-key")) {
    auto bytes = chain::FromHex(*key);
    if (!bytes.ok()) return bytes.status().WithContext("--public-key '" + *key + "' is not hex");
    if (bytes->empty()) return Usage("--public-key needs at least one byte of hex");
    c.public_key = std::move(bytes).value();
  }
  if (c.update && !c.relay && !c.public_key) {
    return Usage("twin update needs --relay or --public-key (or both); usage: " + spec.usage);
  }
  return Command(std::move(c));
}

Result<Command> BuildFarm(const CommandSpec& spec, const std::vector<std::string>& args, const CommandOptions& opts) {
  const std::string_view path = spec.path;
  if (path == "farm show") {
    FarmShowCommand c;
    if (AllDigits(args[0])) {
      TF_ASSIGN_OR_RETURN(c.farm_id, IdArg("ID", args[0]));
    } else {
      c.name = args[0];
    }
    return Command(std::move(c));
  }
  if (path == "farm list") {
    FarmListCommand c;
    TF_ASSIGN_OR_RETURN(c.page, PageOption(opts));
    return Command(c);
  }
  FarmCommand c;
  TF_ASSIGN_OR_RETURN(c.tx, BuildTxOptions(spec, opts));
  if (path == "farm create") {
    c.action = FarmCommand::Action::kCreate;
    c.name = args[0];
    if (auto policy = opts.Value("--pricing-policy")) {
      TF_ASSIGN_OR_RETURN(c.pricing_policy_id, IdArg("--pricing-policy", *policy));
    }
    return Command(std::move(c));
  }
  TF_ASSIGN_OR_RETURN(c.farm_id, IdArg("FARM_ID", args[0]));
  if (path == "farm add-ip") {
    c.action = FarmCommand::Action::kAddIp;
    c.ip = args[1];
    c.gateway = args[2];
  } else if (path == "farm remove-ip") {
    c.action = FarmCommand::Action::kRemoveIp;
    c.ip = args[1];
  } else {
    c.action = FarmCommand::Action::kSetDedicated;
    TF_ASSIGN_OR_RETURN(c.dedicated, ChoiceArg("the dedicated flag", args[1], "true", "false"));
  }
  return Command(std::move(c));
}

Result<Command> BuildNode(const CommandSpec& spec, const std::vector<std::string>& args, const CommandOptions& opts) {
  const std::string_view path = spec.path;
  if (path == "node list" || path == "node find") {
    TF_ASSIGN_OR_RETURN(NodeListCommand c, BuildNodeList(path == "node find", opts));
    return Command(std::move(c));
  }
  if (path == "node show") {
    TF_ASSIGN_OR_RETURN(chain::NodeId id, IdArg("ID", args[0]));
    return Command(NodeShowCommand{id});
  }
  NodePowerTargetCommand c;
  TF_ASSIGN_OR_RETURN(c.tx, BuildTxOptions(spec, opts));
  TF_ASSIGN_OR_RETURN(c.node_id, IdArg("NODE_ID", args[0]));
  TF_ASSIGN_OR_RETURN(bool up, ChoiceArg("the power target", args[1], "up", "down"));
  c.target = up ? chain::PowerState::kUp : chain::PowerState::kDown;
  return Command(std::move(c));
}

Result<Command> BuildGovPropose(const CommandSpec& spec, const std::vector<std::string>& args,
                                const CommandOptions& opts) {
  GovProposeCommand c;
  TF_ASSIGN_OR_RETURN(c.tx, BuildTxOptions(spec, opts));
  c.kind = args[0];
  if (std::find(kProposalKinds.begin(), kProposalKinds.end(), c.kind) == kProposalKinds.end()) {
    return Usage("unknown proposal kind '" + c.kind +
                 "' (one of: set-tft-price, set-certifier, set-pricing-policy, set-farming-policy, set-grid-params, "
                 "set-governance-params, approve-solution-provider)");
  }
  const bool certifier = c.kind == "set-certifier";
  const bool provider = c.kind == "approve-solution-provider";
  if (certifier && args.size() < 3) return Usage("missing add|remove; usage: tfwallet gov propose set-certifier ADDRESS add|remove");
  if (provider && args.size() < 3) {
    return Usage("missing yes|no; usage: tfwallet gov propose approve-solution-provider ID yes|no");
  }
  if (!certifier && !provider && args.size() > 2) {
    return Usage("unexpected argument '" + args[2] + "'; usage: " + spec.usage);
  }
  if (c.kind == "set-tft-price") {
    auto musd = ParseDecimalU64(args[1]);
    if (!musd.ok() || *musd == 0) {
      return Usage("the TFT price must be a whole number of mUSD per TFT, at least 1 (e.g. 80 = 0.08 USD), not '" +
                   args[1] + "'");
    }
    c.tft_price_musd = *musd;
  } else if (certifier) {
    c.certifier = args[1];
    TF_ASSIGN_OR_RETURN(c.member, ChoiceArg("the certifier change", args[2], "add", "remove"));
  } else if (provider) {
    TF_ASSIGN_OR_RETURN(c.provider_id, IdArg("the solution provider ID", args[1]));
    TF_ASSIGN_OR_RETURN(c.approved, ChoiceArg("the approval", args[2], "yes", "no"));
  } else {
    c.file = args[1];
  }
  c.description = opts.Value("--description").value_or("");
  if (c.description.size() > chain::kMaxProposalDescription) {
    return Status::InvalidArgument("description-too-long",
                                   "--description has " + std::to_string(c.description.size()) +
                                       " bytes; the chain allows " + std::to_string(chain::kMaxProposalDescription));
  }
  return Command(std::move(c));
}

Result<Command> BuildGov(const CommandSpec& spec, const std::vector<std::string>& args, const CommandOptions& opts) {
  const std::string_view path = spec.path;
  if (path == "gov propose") return BuildGovPropose(spec, args, opts);
  if (path == "gov vote") {
    GovVoteCommand c;
    TF_ASSIGN_OR_RETURN(c.tx, BuildTxOptions(spec, opts));
    TF_ASSIGN_OR_RETURN(c.proposal_id, IdArg("ID", args[0]));
    TF_ASSIGN_OR_RETURN(c.approve, ChoiceArg("the vote", args[1], "yes", "no"));
    return Command(std::move(c));
  }
  if (path == "gov list") {
    GovListCommand c;
    if (auto status = opts.Value("--status")) {
      if (*status != "open" && *status != "enacted" && *status != "rejected") {
        return Usage("--status must be open, enacted or rejected, not '" + *status + "'");
      }
      c.status = *status;
    }
    return Command(std::move(c));
  }
  TF_ASSIGN_OR_RETURN(chain::ProposalId id, IdArg("ID", args[0]));
  return Command(GovShowCommand{id});
}

}  // namespace

std::vector<OptionSpec> PageOptionSpecs(std::vector<OptionSpec> extra) {
  extra.push_back({"--offset", true});
  extra.push_back({"--limit", true});
  return extra;
}

// A non-negative integer argument or option value no larger than `max`.
Result<uint64_t> NumberArg(std::string_view what, std::string_view text, uint64_t max) {
  auto value = ParseDecimalU64(text);
  if (!value.ok() || *value > max) {
    return Usage(std::string(what) + " must be a whole number 0.." + std::to_string(max) + ", not '" +
                 std::string(text) + "'");
  }
  return *value;
}

bool AllDigits(std::string_view text) {
  return !text.empty() && std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// An id of the directory or of a proposal: 1..2^32-1 (ids start at 1).
Result<uint32_t> IdArg(std::string_view what, std::string_view text) {
  auto value = ParseDecimalU64(text);
  if (!value.ok() || *value == 0 || *value > std::numeric_limits<uint32_t>::max()) {
    return Usage(std::string(what) + " must be an id 1.." + std::to_string(std::numeric_limits<uint32_t>::max()) +
                 ", not '" + std::string(text) + "'");
  }
  return static_cast<uint32_t>(*value);
}

Result<std::optional<uint32_t>> OptionalIdOption(const CommandOptions& opts, std::string_view name) {
  auto text = opts.Value(name);
  if (!text) return std::optional<uint32_t>();
  TF_ASSIGN_OR_RETURN(uint32_t id, IdArg(name, *text));
  return std::optional<uint32_t>(id);
}

// One of two words, e.g. true|false, yes|no, add|remove.
Result<bool> ChoiceArg(std::string_view what, std::string_view text, std::string_view yes, std::string_view no) {
  if (text == yes) return true;
  if (text == no) return false;
  return Usage(std::string(what) + " must be " + std::string(yes) + " or " + std::string(no) + ", not '" +
               std::string(text) + "'");
}

// A string option that, when given, must not be empty.
Result<std::optional<std::string>> NonEmptyOption(const CommandOptions& opts, std::string_view name) {
  auto value = opts.Value(name);
  if (value && value->empty()) return Usage(std::string(name) + " needs a value");
  return value;
}

Result<PageOptions> PageOption(const CommandOptions& opts) {
  PageOptions page;
  if (auto offset = opts.Value("--offset")) {
    TF_ASSIGN_OR_RETURN(page.offset, NumberArg("--offset", *offset, std::numeric_limits<uint64_t>::max()));
  }
  if (auto limit = opts.Value("--limit")) {
    auto value = ParseDecimalU64(*limit);
    if (!value.ok() || *value == 0 || *value > kMaxPageLimit) {
      return Usage("--limit must be 1.." + std::to_string(kMaxPageLimit) + ", not '" + *limit + "'");
    }
    page.limit = *value;
  }
  return page;
}

Result<std::optional<uint64_t>> SizeOption(const CommandOptions& opts, std::string_view name) {
  auto text = opts.Value(name);
  if (!text) return std::optional<uint64_t>();
  auto bytes = ParseByteSize(*text);
  if (!bytes.ok()) return bytes.status().WithContext(name);
  return std::optional<uint64_t>(*bytes);
}

const std::vector<CommandSpec>& GridCommandSpecs() {
  static const std::vector<CommandSpec> kSpecs = {
      {"twin create",
       {},
       WithTxOptions({{"--relay", true}, {"--public-key", true}}),
       TxUsage("tfwallet twin create --from NAME|URI [--relay RELAY] [--public-key HEX]")},
      {"twin update",
       {},
       WithTxOptions({{"--relay", true}, {"--public-key", true}}),
       TxUsage("tfwallet twin update --from NAME|URI [--relay RELAY] [--public-key HEX]")},
      {"twin show", {"[ADDRESS|NAME|TWIN_ID]"}, {}, "tfwallet twin show [ADDRESS|NAME|TWIN_ID]"},
      {"farm create",
       {"NAME"},
       WithTxOptions({{"--pricing-policy", true}}),
       TxUsage("tfwallet farm create NAME --from NAME|URI [--pricing-policy ID]")},
      {"farm show", {"ID|NAME"}, {}, "tfwallet farm show ID|NAME"},
      {"farm list", {}, PageOptionSpecs({}), Joined("tfwallet farm list", kPageUsage)},
      {"farm add-ip",
       {"FARM_ID", "IP/CIDR", "GATEWAY"},
       WithTxOptions({}),
       TxUsage("tfwallet farm add-ip FARM_ID IP/CIDR GATEWAY --from NAME|URI")},
      {"farm remove-ip",
       {"FARM_ID", "IP"},
       WithTxOptions({}),
       TxUsage("tfwallet farm remove-ip FARM_ID IP --from NAME|URI")},
      {"farm set-dedicated",
       {"FARM_ID", "true|false"},
       WithTxOptions({}),
       TxUsage("tfwallet farm set-dedicated FARM_ID true|false --from NAME|URI")},
      {"node list",
       {},
       PageOptionSpecs({{"--sort", true}}),
       "tfwallet node list [--sort S] " + std::string(kPageUsage)},
      {"node show", {"ID"}, {}, "tfwallet node show ID"},
      {"node find",
       {},
       PageOptionSpecs({{"--free-cru", true},
                        {"--free-mru", true},
                        {"--free-sru", true},
                        {"--free-hru", true},
                        {"--country", true},
                        {"--city", true},
                        {"--farm", true},
                        {"--certified", false},
                        {"--has-free-ip", false},
                        {"--dedicated", false},
                        {"--status", true},
                        {"--sort", true}}),
       Joined("tfwallet node find", kFindOptionsUsage)},
      {"node power-target",
       {"NODE_ID", "up|down"},
       WithTxOptions({}),
       TxUsage("tfwallet node power-target NODE_ID up|down --from NAME|URI")},
      {"farming rewards",
       {},
       PageOptionSpecs({{"--node", true}, {"--farm", true}, {"--period", true}}),
       "tfwallet farming rewards [--node ID] [--farm ID] [--period P] " + std::string(kPageUsage)},
      {"gov propose",
       {"KIND", "ARG", "[add|remove|yes|no]"},
       WithTxOptions({{"--description", true}}),
       TxUsage("tfwallet gov propose KIND ARG... --from NAME|URI [--description TEXT]")},
      {"gov vote", {"ID", "yes|no"}, WithTxOptions({}), TxUsage("tfwallet gov vote ID yes|no --from NAME|URI")},
      {"gov list", {}, {{"--status", true}}, "tfwallet gov list [--status open|enacted|rejected]"},
      {"gov show", {"ID"}, {}, "tfwallet gov show ID"},
  };
  return kSpecs;
}

const std::map<std::string_view, std::string_view>& GridGroups() {
  static const std::map<std::string_view, std::string_view> kGroups = {
      {"twin", "create, update, show"},
      {"farm", "create, show, list, add-ip, remove-ip, set-dedicated"},
      {"node", "list, show, find, power-target, set-extra-fee"},
      {"farming", "rewards"},
      {"gov", "propose, vote, list, show"},
  };
  return kGroups;
}

Result<Command> BuildGridCommand(const CommandSpec& spec, const std::vector<std::string>& args,
                                 const CommandOptions& opts) {
  const std::string_view path = spec.path;
  if (path.starts_with("twin ")) return BuildTwin(spec, args, opts);
  if (path.starts_with("farm ")) return BuildFarm(spec, args, opts);
  if (path.starts_with("node ")) return BuildNode(spec, args, opts);
  if (path.starts_with("gov ")) return BuildGov(spec, args, opts);
  if (path == "farming rewards") {
    FarmingRewardsCommand c;
    TF_ASSIGN_OR_RETURN(PageOptions page, PageOption(opts));
    c.page.offset = page.offset;
    if (opts.Value("--limit")) c.page.limit = page.limit;  // else the command's default
    TF_ASSIGN_OR_RETURN(c.node_id, OptionalIdOption(opts, "--node"));
    TF_ASSIGN_OR_RETURN(c.farm_id, OptionalIdOption(opts, "--farm"));
    if (auto period = opts.Value("--period")) {
      TF_ASSIGN_OR_RETURN(uint64_t p, NumberArg("--period", *period, std::numeric_limits<uint64_t>::max()));
      c.period = p;
    }
    return Command(c);
  }
  return Status::Internal("unhandled-command", std::string(path));
}

}  // namespace tfchain::wallet
