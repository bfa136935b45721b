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

// Every command spec, base and grid (cli.cpp), and the spec of a path (nullptr when
// none).
const std::vector<CommandSpec>& AllCommandSpecs();
const CommandSpec* FindCommandSpec(std::string_view path);
// True for a group word ("key", "farm") whose help lists its subcommands.
bool IsCommandGroup(std::string_view word);
// True if the command signs and sends a transaction (it takes --from).
bool SendsTransaction(std::string_view path);

// The help text of a grid command path or group (grid_help_text.cpp), without the
// usage line; nullopt when `topic` is not one.
std::optional<std::string_view> GridHelpBody(std::string_view topic);

}  // namespace tfchain::wallet
