// Command-line grammar:
//   invocation := token*
//   token      := global-option | command-word | argument | command-option | "--"
//   global     := --rpc URL | --keystore DIR | --kdf interactive|moderate|sensitive
//               | --json | --help | -h
// The first non-option tokens name the command ("key generate", "balance", ...); the
// remaining ones are its positional arguments (trailing ones may be optional, named
// "[X]" in the spec). Options take their value from the next token or after "=". A
// value may not start with "--" (so a forgotten value is caught). The grid commands'
// specs and parsers are in grid_cli.cpp, the marketplace commands' in contract_cli.cpp
// (table types in cli_spec.h).
#include "wallet/cli.h"

#include <algorithm>
#include <map>

#include "wallet/amount.h"
#include "wallet/cli_spec.h"

namespace tfchain::wallet {
namespace {

using chain::Result;
using chain::Status;

const std::vector<CommandSpec>& BaseCommands() {
  static const std::vector<CommandSpec> kCommands = {
      {"key generate",
       {},
       {{"--scheme", true}, {"--words", true}, {"--name", true}},
       "tfwallet key generate [--scheme ed25519|secp256k1] [--words 12|24] [--name NAME]"},
      {"key inspect",
       {"URI"},
       {{"--scheme", true}, {"--public", false}},
       "tfwallet key inspect URI|ADDRESS|0xPUBLIC_KEY [--scheme ed25519|secp256k1] [--public]"},
      {"key import",
       {"NAME", "URI"},
       {{"--scheme", true}},
       "tfwallet key import NAME URI [--scheme ed25519|secp256k1]"},
      {"key list", {}, {}, "tfwallet key list"},
      {"balance", {"ADDRESS|NAME"}, {{"--prove", false}}, "tfwallet balance ADDRESS|NAME [--prove]"},
      {"transfer",
       {},
       WithTxOptions({{"--to", true}, {"--amount", true}}),
       TxUsage("tfwallet transfer --from NAME|URI --to ADDRESS|NAME --amount TFT")},
      {"tx show", {"HASH"}, {}, "tfwallet tx show HASH"},
      {"stake register",
       {},
       WithTxOptions({{"--consensus-key", true}, {"--commission", true}}),
       TxUsage("tfwallet stake register --from NAME|URI --consensus-key SS58|0xHEX --commission PERCENT")},
      {"stake commission",
       {},
       WithTxOptions({{"--commission", true}}),
       TxUsage("tfwallet stake commission --from NAME|URI --commission PERCENT")},
      {"stake bond",
       {},
       WithTxOptions({{"--validator", true}, {"--amount", true}}),
       TxUsage("tfwallet stake bond --from NAME|URI [--validator ADDRESS|NAME] --amount TFT")},
      {"stake unbond",
       {},
       WithTxOptions({{"--validator", true}, {"--amount", true}}),
       TxUsage("tfwallet stake unbond --from NAME|URI [--validator ADDRESS|NAME] --amount TFT")},
      {"stake withdraw", {}, WithTxOptions({}), TxUsage("tfwallet stake withdraw --from NAME|URI")},
      {"stake unjail", {}, WithTxOptions({}), TxUsage("tfwallet stake unjail --from NAME|URI")},
      {"validators", {}, {}, "tfwallet validators"},
      {"validators show", {"ADDRESS|NAME"}, {}, "tfwallet validators show ADDRESS|NAME"},
  };
  return kCommands;
}

// Command words that only group subcommands.
const std::map<std::string_view, std::string_view>& Groups() {
  static const std::map<std::string_view, std::string_view> kGroups = [] {
    std::map<std::string_view, std::string_view> groups = {
        {"key", "generate, inspect, import, list"},
        {"tx", "show"},
        {"stake", "register, commission, bond, unbond, withdraw, unjail"},
    };
    groups.insert(GridGroups().begin(), GridGroups().end());
    groups.insert(MarketGroups().begin(), MarketGroups().end());
    groups.insert(DeployGroups().begin(), DeployGroups().end());
    return groups;
  }();
  return kGroups;
}


constexpr std::string_view kSeeHelp = " (see 'tfwallet --help')";

bool IsGlobalValueOption(std::string_view name) { return name == "--rpc" || name == "--keystore" || name == "--kdf"; }

// The tokens of one invocation, sorted into their roles.
struct Tokens {
  std::map<std::string, std::string> global_values;
  bool json = false;
  std::vector<std::string> words;  // command words, then positionals
  // Command options in order: (name, value); flags have no value.
  std::vector<std::pair<std::string, std::optional<std::string>>> options;
};

// Resolves the command path from the leading words. *consumed is how many words
// name the command. Fails for an unknown command or a group without a subcommand.
Result<const CommandSpec*> ResolveCommand(const std::vector<std::string>& words, size_t* consumed) {
  if (words.empty()) return Usage(std::string("missing command") + std::string(kSeeHelp));
  // A command may also have subcommands ("validators", "validators show").
  if (words.size() >= 2) {
    if (const CommandSpec* spec = FindCommandSpec(words[0] + " " + words[1])) {
      *consumed = 2;
      return spec;
    }
  }
  auto group = Groups().find(words[0]);
  if (group != Groups().end()) {
    if (words.size() < 2) {
      return Usage("missing subcommand for '" + words[0] + "' (one of: " + std::string(group->second) + ")");
    }
    const CommandSpec* spec = FindCommandSpec(words[0] + " " + words[1]);
    if (spec == nullptr) {
      return Usage("unknown command '" + words[0] + " " + words[1] + "' (one of: " + std::string(group->second) + ")");
    }
    *consumed = 2;
    return spec;
  }
  const CommandSpec* spec = FindCommandSpec(words[0]);
  if (spec == nullptr) return Usage("unknown command '" + words[0] + "'" + std::string(kSeeHelp));
  *consumed = 1;
  return spec;
}

// The longest valid help topic made of the leading words ("" if none).
std::string HelpTopicOf(const std::vector<std::string>& words) {
  if (words.empty()) return "";
  if (words.size() >= 2 && FindCommandSpec(words[0] + " " + words[1]) != nullptr) return words[0] + " " + words[1];
  if (FindCommandSpec(words[0]) != nullptr || Groups().count(words[0]) != 0) return words[0];
  return words[0];  // unknown: reported by the caller
}

Result<chain::KeyScheme> SchemeOption(const std::optional<std::string>& value) {
  if (!value) return chain::KeyScheme::kEd25519;
  auto scheme = chain::ParseScheme(*value);
  if (!scheme.ok()) {
    return Status::InvalidArgument("bad-scheme", "--scheme must be ed25519 or secp256k1, not '" + *value + "'");
  }
  return *scheme;
}

Result<uint64_t> TftOption(std::string_view name, const std::string& value) {
  auto units = ParseTft(value);
  if (!units.ok()) return units.status().WithContext(name);
  return *units;
}

Result<CommandOptions> CheckOptions(const Tokens& tokens, const CommandSpec& spec) {
  CommandOptions out;
  for (const auto& [name, value] : tokens.options) {
    auto it =
        std::find_if(spec.options.begin(), spec.options.end(), [&](const OptionSpec& o) { return o.name == name; });
    if (it == spec.options.end()) {
      return Usage("unknown option '" + name + "' for '" + std::string(spec.path) +
                   "'; usage: " + std::string(spec.usage));
    }
    if (!it->takes_value && value) return Usage("option " + name + " takes no value");
    if (it->takes_value && !value) return Usage("missing value for " + name);
    if (!out.values_.emplace(name, value.value_or("")).second) {
      return Usage("option " + name + " given more than once");
    }
  }
  return out;
}

// A required TFT amount option that must not be zero.
Result<uint64_t> PositiveTftOption(std::string_view name, const CommandOptions& opts, const CommandSpec& spec) {
  TF_ASSIGN_OR_RETURN(std::string text, opts.Required(name, spec));
  TF_ASSIGN_OR_RETURN(uint64_t units, TftOption(name, text));
  if (units == 0) return Status::InvalidArgument("bad-amount", std::string(name) + " must be greater than zero");
  return units;
}

Result<uint32_t> CommissionOption(const CommandOptions& opts, const CommandSpec& spec) {
  TF_ASSIGN_OR_RETURN(std::string text, opts.Required("--commission", spec));
  auto permill = ParseCommissionPercent(text);
  if (!permill.ok()) return permill.status().WithContext("--commission");
  return *permill;
}

// An ed25519 public key as an SS58 address or 0x-hex: what a validator signs with.
Result<chain::AccountId> ConsensusKeyOption(const CommandOptions& opts, const CommandSpec& spec) {
  TF_ASSIGN_OR_RETURN(std::string text, opts.Required("--consensus-key", spec));
  auto key = chain::ParseAccount(text);
  if (!key.ok()) return key.status().WithContext("--consensus-key '" + text + "'");
  if (!chain::PublicKey::Parse(chain::KeyScheme::kEd25519, key->span()).ok()) {
    return Status::InvalidArgument("bad-consensus-key",
                                   "--consensus-key '" + text + "' is not a valid ed25519 public key");
  }
  return *key;
}

Result<Command> BuildStakeCommand(const CommandSpec& spec, const CommandOptions& opts) {
  using Action = StakeCommand::Action;
  static const std::map<std::string_view, Action> kActions = {
      {"stake register", Action::kRegister}, {"stake commission", Action::kCommission},
      {"stake bond", Action::kBond},         {"stake unbond", Action::kUnbond},
      {"stake withdraw", Action::kWithdraw}, {"stake unjail", Action::kUnjail},
  };
  StakeCommand c;
  c.action = kActions.at(spec.path);
  TF_ASSIGN_OR_RETURN(c.tx, BuildTxOptions(spec, opts));
  switch (c.action) {
    case Action::kRegister: {
      TF_ASSIGN_OR_RETURN(c.consensus_key, ConsensusKeyOption(opts, spec));
      TF_ASSIGN_OR_RETURN(c.commission_permill, CommissionOption(opts, spec));
      break;
    }
    case Action::kCommission: {
      TF_ASSIGN_OR_RETURN(c.commission_permill, CommissionOption(opts, spec));
      break;
    }
    case Action::kBond:
    case Action::kUnbond: {
      c.validator = opts.Value("--validator").value_or("");
      if (opts.Flag("--validator") && c.validator.empty()) return Usage("--validator needs an address or key name");
      TF_ASSIGN_OR_RETURN(c.amount, PositiveTftOption("--amount", opts, spec));
      break;
    }
    case Action::kWithdraw:
    case Action::kUnjail:
      break;
  }
  return Command(std::move(c));
}

Result<Command> BuildCommand(const CommandSpec& spec, const std::vector<std::string>& args,
                             const CommandOptions& opts) {
  // Optional positionals ("[ADDRESS]") come last.
  const size_t required = static_cast<size_t>(std::count_if(spec.positionals.begin(), spec.positionals.end(),
                                                             [](std::string_view p) { return !p.starts_with("["); }));
  if (args.size() < required) {
    return Usage("missing argument " + std::string(spec.positionals[args.size()]) +
                 "; usage: " + std::string(spec.usage));
  }
  if (args.size() > spec.positionals.size()) {
    return Usage("unexpected argument '" + args[spec.positionals.size()] + "'; usage: " + std::string(spec.usage));
  }
  const std::string_view path = spec.path;
  if (path == "key generate") {
    KeyGenerateCommand c;
    TF_ASSIGN_OR_RETURN(c.scheme, SchemeOption(opts.Value("--scheme")));
    if (auto words = opts.Value("--words")) {
      if (*words != "12" && *words != "24") return Usage("--words must be 12 or 24, not '" + *words + "'");
      c.words = *words == "12" ? 12 : 24;
    }
    c.name = opts.Value("--name");
    return Command(std::move(c));
  }
  if (path == "key inspect") {
    KeyInspectCommand c;
    c.input = args[0];
    TF_ASSIGN_OR_RETURN(c.scheme, SchemeOption(opts.Value("--scheme")));
    c.public_only = opts.Flag("--public");
    return Command(std::move(c));
  }
  if (path == "key import") {
    KeyImportCommand c;
    c.name = args[0];
    c.uri = args[1];
    TF_ASSIGN_OR_RETURN(c.scheme, SchemeOption(opts.Value("--scheme")));
    return Command(std::move(c));
  }
  if (path == "key list") return Command(KeyListCommand{});
  if (path == "balance") return Command(BalanceCommand{args[0], opts.Flag("--prove")});
  if (path == "transfer") {
    TransferCommand c;
    TF_ASSIGN_OR_RETURN(c.tx, BuildTxOptions(spec, opts));
    TF_ASSIGN_OR_RETURN(c.to, opts.Required("--to", spec));
    TF_ASSIGN_OR_RETURN(c.amount, PositiveTftOption("--amount", opts, spec));
    return Command(std::move(c));
  }
  if (path.starts_with("stake ")) return BuildStakeCommand(spec, opts);
  if (path == "validators") return Command(ValidatorsCommand{});
  if (path == "validators show") return Command(ValidatorShowCommand{args[0]});
  if (IsMarketCommand(path)) return BuildMarketCommand(spec, args, opts);
  if (IsDeployCommand(path)) return BuildDeployCommand(spec, args, opts);
  if (path.starts_with("twin ") || path.starts_with("farm ") || path.starts_with("node ") ||
      path.starts_with("farming ") || path.starts_with("gov ")) {
    return BuildGridCommand(spec, args, opts);
  }
  if (path == "tx show") {
    auto hash = chain::Hash256::FromHex(args[0]);
    if (!hash.ok()) return hash.status().WithContext("HASH '" + args[0] + "' is not a 32-byte 0x-hex hash");
    return Command(TxShowCommand{*hash});
  }
  return Status::Internal("unhandled-command", std::string(path));  // a spec without a case above
}

Result<GlobalOptions> BuildGlobals(const Tokens& tokens, const EnvLookup& env) {
  GlobalOptions g;
  g.json = tokens.json;
  auto flag = [&](std::string_view name) -> std::optional<std::string> {
    auto it = tokens.global_values.find(std::string(name));
    if (it == tokens.global_values.end()) return std::nullopt;
    return it->second;
  };
  if (auto rpc = flag("--rpc")) {
    g.rpc_url = *rpc;
  } else if (auto env_rpc = env("TFWALLET_RPC"); env_rpc && !env_rpc->empty()) {
    g.rpc_url = *env_rpc;
  } else {
    g.rpc_url = std::string(kDefaultRpcUrl);
  }
  if (auto dir = flag("--keystore")) {
    if (dir->empty()) return Usage("--keystore needs a directory");
    g.keystore_dir = *dir;
  } else if (auto env_dir = env("TFWALLET_KEYSTORE"); env_dir && !env_dir->empty()) {
    g.keystore_dir = *env_dir;
  } else if (auto home = env("HOME"); home && !home->empty()) {
    g.keystore_dir = *home + "/.tfwallet/keystore";
  }
  if (auto kdf = flag("--kdf")) {
    if (*kdf == "interactive") {
      g.kdf = KdfStrength::kInteractive;
    } else if (*kdf == "moderate") {
      g.kdf = KdfStrength::kModerate;
    } else if (*kdf == "sensitive") {
      g.kdf = KdfStrength::kSensitive;
    } else {
      return Usage("--kdf must be interactive, moderate or sensitive, not '" + *kdf + "'");
    }
  }
  return g;
}

// Sorts the raw arguments into global options, words and command options.
Result<Tokens> Tokenize(std::span<const std::string> args, bool* wants_help) {
  Tokens t;
  bool options_ended = false;
  for (size_t i = 0; i < args.size(); ++i) {
    const std::string& arg = args[i];
    if (options_ended || arg.size() < 2 || arg[0] != '-') {
      t.words.push_back(arg);
      continue;
    }
    if (arg == "--") {
      options_ended = true;
      continue;
    }
    if (arg == "-h" || arg == "--help") {
      *wants_help = true;
      continue;
    }
    if (!arg.starts_with("--")) return Usage("unknown option '" + arg + "'" + std::string(kSeeHelp));
    std::string name = arg;
    std::optional<std::string> value;
    if (size_t eq = arg.find('='); eq != std::string::npos) {
      name = arg.substr(0, eq);
      value = arg.substr(eq + 1);
    }
    if (name == "--json") {
      if (value) return Usage("option --json takes no value");
      t.json = true;
      continue;
    }
    // Every command option that takes a value is known by name here, so that its
    // value is not mistaken for a positional argument.
    bool takes_value = IsGlobalValueOption(name);
    for (const CommandSpec& spec : AllCommandSpecs()) {
      for (const OptionSpec& o : spec.options) {
        if (o.name == name) takes_value = o.takes_value;
      }
    }
    if (takes_value && !value) {
      if (i + 1 >= args.size() || args[i + 1].starts_with("--")) return Usage("missing value for " + name);
      value = args[++i];
    }
    if (IsGlobalValueOption(name)) {
      if (!t.global_values.emplace(name, *value).second) return Usage("option " + name + " given more than once");
      continue;
    }
    t.options.emplace_back(name, value);
  }
  return t;
}

}  // namespace

std::vector<OptionSpec> WithTxOptions(std::vector<OptionSpec> extra) {
  extra.insert(extra.begin(), OptionSpec{"--from", true});
  for (OptionSpec o : {OptionSpec{"--tip", true}, OptionSpec{"--valid-for", true}, OptionSpec{"--scheme", true},
                       OptionSpec{"--dry-run", false}, OptionSpec{"--no-wait", false}}) {
    extra.push_back(o);
  }
  return extra;
}

std::string TxUsage(std::string_view head) {
  return std::string(head) + " [--tip TFT] [--valid-for BLOCKS] [--scheme ed25519|secp256k1] [--dry-run] [--no-wait]";
}

Result<TxOptions> BuildTxOptions(const CommandSpec& spec, const CommandOptions& opts) {
  TxOptions tx;
  TF_ASSIGN_OR_RETURN(tx.from, opts.Required("--from", spec));
  if (auto tip = opts.Value("--tip")) {
    TF_ASSIGN_OR_RETURN(tx.tip, TftOption("--tip", *tip));
  }
  if (auto valid_for = opts.Value("--valid-for")) {
    auto blocks = ParseDecimalU64(*valid_for);
    if (!blocks.ok() || *blocks == 0) {
      return Usage("--valid-for must be a positive number of blocks, not '" + *valid_for + "'");
    }
    tx.valid_for = *blocks;
  }
  TF_ASSIGN_OR_RETURN(tx.scheme, SchemeOption(opts.Value("--scheme")));
  tx.dry_run = opts.Flag("--dry-run");
  tx.no_wait = opts.Flag("--no-wait");
  return tx;
}

const std::vector<CommandSpec>& AllCommandSpecs() {
  static const std::vector<CommandSpec> kAll = [] {
    std::vector<CommandSpec> all = BaseCommands();
    all.insert(all.end(), GridCommandSpecs().begin(), GridCommandSpecs().end());
    all.insert(all.end(), MarketCommandSpecs().begin(), MarketCommandSpecs().end());
    all.insert(all.end(), DeployCommandSpecs().begin(), DeployCommandSpecs().end());
    return all;
  }();
  return kAll;
}

const CommandSpec* FindCommandSpec(std::string_view path) {
  for (const CommandSpec& spec : AllCommandSpecs()) {
    if (spec.path == path) return &spec;
  }
  return nullptr;
}

bool IsCommandGroup(std::string_view word) { return Groups().count(word) != 0; }

bool SendsTransaction(std::string_view path) {
  const CommandSpec* spec = FindCommandSpec(path);
  if (spec == nullptr) return false;
  return std::any_of(spec->options.begin(), spec->options.end(),
                     [](const OptionSpec& o) { return o.name == "--dry-run"; });
}

Result<Invocation> ParseCommandLine(std::span<const std::string> args, const EnvLookup& env) {
  bool wants_help = false;
  TF_ASSIGN_OR_RETURN(Tokens tokens, Tokenize(args, &wants_help));
  TF_ASSIGN_OR_RETURN(GlobalOptions global, BuildGlobals(tokens, env));

  if (!tokens.words.empty() && tokens.words[0] == "help") {
    std::vector<std::string> rest(tokens.words.begin() + 1, tokens.words.end());
    std::string topic;
    for (const std::string& w : rest) topic += (topic.empty() ? "" : " ") + w;
    if (!HelpText(topic)) return Usage("no help for '" + topic + "'" + std::string(kSeeHelp));
    return Invocation{global, HelpCommand{topic}};
  }
  if (wants_help) {
    std::string topic = HelpTopicOf(tokens.words);
    if (!HelpText(topic)) return Usage("unknown command '" + topic + "'" + std::string(kSeeHelp));
    return Invocation{global, HelpCommand{topic}};
  }

  size_t consumed = 0;
  TF_ASSIGN_OR_RETURN(const CommandSpec* spec, ResolveCommand(tokens.words, &consumed));
  TF_ASSIGN_OR_RETURN(CommandOptions opts, CheckOptions(tokens, *spec));
  std::vector<std::string> positionals(tokens.words.begin() + static_cast<std::ptrdiff_t>(consumed),
                                       tokens.words.end());
  TF_ASSIGN_OR_RETURN(Command command, BuildCommand(*spec, positionals, opts));
  return Invocation{std::move(global), std::move(command)};
}

std::string UsageLine(std::string_view command_path) {
  const CommandSpec* spec = FindCommandSpec(command_path);
  return spec != nullptr ? std::string(spec->usage) : std::string();
}

}  // namespace tfchain::wallet
