#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "chain/status.h"
#include "wallet/cli.h"

namespace tfchain::wallet {

// Internal to the wallet library: the declarative command table ParseCommandLine
// (cli.cpp) works from, shared with the parsers of the grid commands (grid_cli.cpp)
// and the help texts (help_text.cpp, grid_help_text.cpp). Thread-safe (immutable
// tables built on first use).

struct OptionSpec {
  std::string_view name;
  bool takes_value;
};

// One command: its path ("farm add-ip"), positional argument names (a name in
// brackets, "[ADDRESS]", is optional; only trailing ones may be), options and usage.
struct CommandSpec {
  std::string_view path;
  std::vector<std::string_view> positionals;
  std::vector<OptionSpec> options;
  std::string usage;
};

// A usage error (exit status 2) with this one-line detail.
inline chain::Status Usage(std::string detail) { return chain::Status::InvalidArgument("usage", std::move(detail)); }

// The command options of an invocation after validation against the command's spec.
class CommandOptions {
 public:
  std::optional<std::string> Value(std::string_view name) const {
    auto it = values_.find(std::string(name));
    if (it == values_.end()) return std::nullopt;
    return it->second;
  }
  bool Flag(std::string_view name) const { return values_.count(std::string(name)) != 0; }
  // The option's value. Error "usage" when it was not given.
  chain::Result<std::string> Required(std::string_view name, const CommandSpec& spec) const {
    auto v = Value(name);
    if (!v) return Usage("missing " + std::string(name) + "; usage: " + std::string(spec.usage));
    return *v;
  }

  std::map<std::string, std::string> values_;  // option name -> value ("" for a flag)
};

// The options of every transaction-sending command (TxOptions), after `extra`.
std::vector<OptionSpec> WithTxOptions(std::vector<OptionSpec> extra);
// "<head> [--tip TFT] [--valid-for BLOCKS] ...".
std::string TxUsage(std::string_view head);
// The TxOptions of a transaction-sending command: --from is required; --tip,
// --valid-for and --scheme are checked ("bad-amount", "usage", "bad-scheme").
chain::Result<TxOptions> BuildTxOptions(const CommandSpec& spec, const CommandOptions& opts);

// The specs of the TF Directory, farming and governance commands (grid_cli.cpp), and
// the command words that group them ("twin" -> "create, update, show").
const std::vector<CommandSpec>& GridCommandSpecs();
const std::map<std::string_view, std::string_view>& GridGroups();
// Builds the command of a grid spec from its positionals (their count already
// checked against the spec) and options. Errors: "usage" for a bad number, flag or
// choice; "bad-size" for a bad --free-* size.
chain::Result<Command> BuildGridCommand(const CommandSpec& spec, const std::vector<std::string>& args,
                                        const CommandOptions& opts);

// Argument parsers shared by the grid and marketplace command parsers (grid_cli.cpp).
// Each error is a "usage" error naming `what` (an argument or option name) and the text.
// A whole number 0..max.
chain::Result<uint64_t> NumberArg(std::string_view what, std::string_view text, uint64_t max);
// Digits only (an id rather than a name).
bool AllDigits(std::string_view text);
// A directory, farm, twin, node or proposal id: 1..2^32-1.
chain::Result<uint32_t> IdArg(std::string_view what, std::string_view text);
// The option `name` as an IdArg, nullopt when not given.
chain::Result<std::optional<uint32_t>> OptionalIdOption(const CommandOptions& opts, std::string_view name);
// `yes` (true) or `no` (false), e.g. true|false, add|remove.
chain::Result<bool> ChoiceArg(std::string_view what, std::string_view text, std::string_view yes,
                              std::string_view no);
// A string option that, when given, is not empty.
chain::Result<std::optional<std::string>> NonEmptyOption(const CommandOptions& opts, std::string_view name);
// --offset N (any) and --limit N (1..kMaxPageLimit); PageOptions' defaults otherwise.
chain::Result<PageOptions> PageOption(const CommandOptions& opts);
// A byte size option (ParseByteSize: "bad-size" naming the option), nullopt when not given.
chain::Result<std::optional<uint64_t>> SizeOption(const CommandOptions& opts, std::string_view name);
// `extra` followed by --offset and --limit.
std::vector<OptionSpec> PageOptionSpecs(std::vector<OptionSpec> extra);

// The specs of the marketplace commands (contract_cli.cpp: contract, cost, funded-until,
// node set-extra-fee, service), the group words they add ("contract", "cost",
// "service"), and their builder (same contract as BuildGridCommand; local checks'
// reasons in cli.h).
const std::vector<CommandSpec>& MarketCommandSpecs();
const std::map<std::string_view, std::string_view>& MarketGroups();
chain::Result<Command> BuildMarketCommand(const CommandSpec& spec, const std::vector<std::string>& args,
                                          const CommandOptions& opts);
// True for the paths BuildMarketCommand handles.
bool IsMarketCommand(std::string_view path);

// The same for the deployment commands (deploy_cli.cpp: deploy container, deployment
// status|list): specs, group words ("deploy", "deployment"), builder (errors: "usage",
// and "bad-deployment" when the agent's rules refuse the described deployment), the
// paths it handles and their help bodies.
const std::vector<CommandSpec>& DeployCommandSpecs();
const std::map<std::string_view, std::string_view>& DeployGroups();
chain::Result<Command> BuildDeployCommand(const CommandSpec& spec, const std::vector<std::string>& args,
                                          const CommandOptions& opts);
bool IsDeployCommand(std::string_view path);
std::optional<std::string_view> DeployHelpBody(std::string_view topic);

// Every command spec, base, grid and marketplace (cli.cpp), and the spec of a path (nullptr when
// none).
const std::vector<CommandSpec>& AllCommandSpecs();
const CommandSpec* FindCommandSpec(std::string_view path);
// True for a group word ("key", "farm") whose help lists its subcommands.
bool IsCommandGroup(std::string_view word);
// True if the command signs and sends a transaction (it takes --dry-run; some
// read-only commands take --from to name an account).
bool SendsTransaction(std::string_view path);

// The help text of a grid command path or group (grid_help_text.cpp), without the
// usage line; nullopt when `topic` is not one.
std::optional<std::string_view> GridHelpBody(std::string_view topic);
// The same for the marketplace commands (contract_help_text.cpp).
std::optional<std::string_view> MarketHelpBody(std::string_view topic);

}  // namespace tfchain::wallet
