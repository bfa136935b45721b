#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "chain/account_id.h"
#include "chain/bytes.h"
#include "chain/grid_types.h"
#include "chain/keys.h"
#include "chain/status.h"
#include "wallet/cli_options.h"
#include "wallet/contract_cli.h"
#include "wallet/deploy_cli.h"

namespace tfchain::wallet {

// The tfwallet command line, parsed into a value (no I/O here, so it is unit-testable):
//
//   tfwallet [--rpc URL] [--json] [--keystore DIR] [--kdf LEVEL] <command> [args] [options]
//
// Global options may appear anywhere; command options after the command words.
// "--name=value" and "--name value" are both accepted; "--" ends option parsing.

// How expensive the keystore's Argon2id key derivation is for newly stored keys
// (libsodium's OPSLIMIT/MEMLIMIT_INTERACTIVE, _MODERATE, _SENSITIVE).
enum class KdfStrength { kInteractive, kModerate, kSensitive };

// Reads an environment variable; nullopt when unset. Injected so tests control it.
using EnvLookup = std::function<std::optional<std::string>(std::string_view name)>;

inline constexpr std::string_view kDefaultRpcUrl = "http://127.0.0.1:9933";

struct GlobalOptions {
  // --rpc, else $TFWALLET_RPC, else kDefaultRpcUrl. Validated when first used.
  std::string rpc_url;
  bool json = false;  // one JSON document on stdout instead of text
  // --keystore, else $TFWALLET_KEYSTORE, else $HOME/.tfwallet/keystore; empty when
  // none of them is available (commands that need the keystore then fail).
  std::string keystore_dir;
  KdfStrength kdf = KdfStrength::kModerate;
};

// `help [TOPIC...]`, `--help`, `-h`: prints help. Topic "" is the overview, else a
// command path such as "key generate" or "transfer".
struct HelpCommand {
  std::string topic;
};
// `key generate [--scheme S] [--words 12|24] [--name NAME]`
struct KeyGenerateCommand {
  chain::KeyScheme scheme = chain::KeyScheme::kEd25519;
  int words = 12;
  std::optional<std::string> name;  // also store it under this name
};
// `key inspect URI|ADDRESS|0xPUBLIC [--scheme S] [--public]`
struct KeyInspectCommand {
  std::string input;  // "-" reads it from stdin
  chain::KeyScheme scheme = chain::KeyScheme::kEd25519;
  bool public_only = false;  // --public: a 32-byte 0x value is a public key, not a seed
};
// `key import NAME URI [--scheme S]`
struct KeyImportCommand {
  std::string name;
  std::string uri;  // "-" reads it from stdin
  chain::KeyScheme scheme = chain::KeyScheme::kEd25519;
};
// `key list`
struct KeyListCommand {};
// `balance ADDRESS|NAME [--prove]`
struct BalanceCommand {
  std::string target;
  bool prove = false;
};
// `transfer --to ADDRESS|NAME --amount TFT` + TxOptions
struct TransferCommand {
  TxOptions tx;
  std::string to;
  uint64_t amount = 0;  // base units, > 0
};
// `stake register|commission|bond|unbond|withdraw|unjail` + TxOptions: one
// staking.* call signed by --from (docs/staking.md).
struct StakeCommand {
  enum class Action {
    kRegister,    // --consensus-key SS58|0xHEX --commission PERCENT: register_validator
    kCommission,  // --commission PERCENT: set_commission
    kBond,        // [--validator ADDRESS|NAME] --amount TFT: bond
    kUnbond,      // [--validator ADDRESS|NAME] --amount TFT: unbond
    kWithdraw,    // withdraw_unbonded
    kUnjail,      // unjail
  };
  Action action = Action::kWithdraw;
  TxOptions tx;
  chain::AccountId consensus_key;   // kRegister: a valid ed25519 public key
  uint32_t commission_permill = 0;  // kRegister, kCommission: 0..1'000'000
  // kBond, kUnbond: the validator's operator account as typed (an address, a key name
  // or a //Dev URI); empty means the signer itself (a self-bond).
  std::string validator;
  uint64_t amount = 0;  // kBond, kUnbond: base units, > 0
};
// `validators`: the registered validators as a table.
struct ValidatorsCommand {};
// `validators show ADDRESS|NAME`: one validator, by operator account or consensus key.
struct ValidatorShowCommand {
  std::string target;
};
// `tx show HASH`
struct TxShowCommand {
  chain::Hash256 hash;
};

// --- The TF Directory, farming rewards and governance (docs/wallet.md "The grid").

// The relay a new twin names when --relay is not given: a placeholder for "no relay
// service; reach this twin through the chain".
inline constexpr std::string_view kDefaultRelay = "relay.local";

// `twin create|update [--relay R] [--public-key HEX]` + TxOptions.
struct TwinCommand {
  bool update = false;
  TxOptions tx;
  // create: default kDefaultRelay and the signer's public key; update: what is not
  // given keeps its current value (read from the node). At least one for update.
  std::optional<std::string> relay;
  std::optional<chain::Bytes> public_key;
};
// `twin show [ADDRESS|NAME|TWIN_ID]`: a twin by id (all digits) or by account; with
// no argument, the twins of the keystore's keys.
struct TwinShowCommand {
  std::optional<chain::TwinId> twin_id;
  std::optional<std::string> account;  // as typed; resolved when run
};
// `farm create NAME [--pricing-policy ID]`, `farm add-ip FARM_ID IP/CIDR GATEWAY`,
// `farm remove-ip FARM_ID IP`, `farm set-dedicated FARM_ID true|false` + TxOptions.
// IPs and names are passed to the chain as typed (it validates them).
struct FarmCommand {
  enum class Action { kCreate, kAddIp, kRemoveIp, kSetDedicated };
  Action action = Action::kCreate;
  TxOptions tx;
  std::string name;                    // kCreate
  chain::PolicyId pricing_policy_id = 1;  // kCreate
  chain::FarmId farm_id = 0;           // the others
  std::string ip;                      // kAddIp, kRemoveIp
  std::string gateway;                 // kAddIp
  bool dedicated = false;              // kSetDedicated
};
// `farm show ID|NAME`: by id when all digits, else by name (case-insensitive).
struct FarmShowCommand {
  std::optional<chain::FarmId> farm_id;
  std::string name;  // when farm_id is not set
};
// `farm list [--offset N] [--limit N]`.
struct FarmListCommand {
  PageOptions page;
};
// What `node find` asks for (grid_findNodes' "filter"); unset members match all.
struct NodeFilterOptions {
  std::optional<uint64_t> free_cru;  // cores
  std::optional<uint64_t> free_mru;  // bytes (typed as "8GB", 1024 multiples)
  std::optional<uint64_t> free_sru;
  std::optional<uint64_t> free_hru;
  std::optional<std::string> country;
  std::optional<std::string> city;
  std::optional<chain::FarmId> farm_id;
  bool certified = false;    // --certified: certified nodes only
  bool has_free_ip = false;  // --has-free-ip: farms with a free public IP only
  bool dedicated = false;    // --dedicated: dedicated farms only
  std::optional<std::string> status;  // "up", "standby" or "down"
};
// `node list [--sort S] [--offset N] [--limit N]` (grid_listNodes) and `node find
// [filters...]` (grid_findNodes).
struct NodeListCommand {
  bool find = false;
  NodeFilterOptions filter;  // find only
  std::string sort = "node_id";  // node_id | free_cru | free_mru | free_sru | free_hru
  PageOptions page;
};
// `node show ID`.
struct NodeShowCommand {
  chain::NodeId node_id = 0;
};
// `node power-target NODE_ID up|down` + TxOptions (the farm owner signs).
struct NodePowerTargetCommand {
  TxOptions tx;
  chain::NodeId node_id = 0;
  chain::PowerState target = chain::PowerState::kUp;
};
// `farming rewards [--node ID] [--farm ID] [--period P] [--offset N] [--limit N]`.
struct FarmingRewardsCommand {
  std::optional<chain::NodeId> node_id;
  std::optional<chain::FarmId> farm_id;
  std::optional<uint64_t> period;
  PageOptions page{0, 100};
};
// `gov propose KIND ARG... [--description TEXT]` + TxOptions, KIND one of
//   set-tft-price MUSD | set-certifier ADDRESS|NAME add|remove
//   | set-pricing-policy FILE | set-farming-policy FILE | set-grid-params FILE
//   | set-governance-params FILE   (FILE: the JSON object of chain/grid_json.h)
//   | approve-solution-provider ID yes|no
struct GovProposeCommand {
  TxOptions tx;
  std::string kind;             // chain::GovActionName of the action
  uint64_t tft_price_musd = 0;  // set-tft-price, >= 1
  std::string certifier;        // set-certifier, as typed (resolved when run)
  bool member = false;          // set-certifier: add (true) / remove
  uint32_t provider_id = 0;     // approve-solution-provider, >= 1
  bool approved = false;        // approve-solution-provider: yes (true) / no (revoke)
  std::string file;             // the FILE kinds ("-" reads stdin)
  std::string description;
};
// `gov vote ID yes|no` + TxOptions.
struct GovVoteCommand {
  TxOptions tx;
  chain::ProposalId proposal_id = 0;
  bool approve = false;
};
// `gov list [--status open|enacted|rejected]`.
struct GovListCommand {
  std::optional<std::string> status;
};
// `gov show ID`.
struct GovShowCommand {
  chain::ProposalId id = 0;
};

using Command =
    std::variant<HelpCommand, KeyGenerateCommand, KeyInspectCommand, KeyImportCommand, KeyListCommand, BalanceCommand,
                 TransferCommand, TxShowCommand, StakeCommand, ValidatorsCommand, ValidatorShowCommand, TwinCommand,
                 TwinShowCommand, FarmCommand, FarmShowCommand, FarmListCommand, NodeListCommand, NodeShowCommand,
                 NodePowerTargetCommand, FarmingRewardsCommand, GovProposeCommand, GovVoteCommand, GovListCommand,
                 GovShowCommand, ContractCreateNodeCommand, ContractUpdateCommand, ContractCommand,
                 ContractListCommand, ContractShowCommand, ContractBillsCommand, CostEstimateCommand,
                 FundedUntilCommand, NodeSetExtraFeeCommand, ServiceCommand, ServiceShowCommand,
                 DeployContainerCommand, DeploymentStatusCommand, DeploymentListCommand>;

struct Invocation {
  GlobalOptions global;
  Command command;
};

// Parses the arguments after the program name. Every failure is a usage error (the
// caller exits with status 2) whose detail is one line for the user:
//   "usage"        unknown command/option, missing or extra argument, missing value,
//                  an option given twice, a bad option value (--words 13, --kdf x)
//   "bad-amount"   --amount/--tip is not a TFT amount (see ParseTft) or is zero
//   "bad-commission"  --commission is not a percent 0..100 with <= 4 decimals
//   "bad-consensus-key", "bad-ss58", "bad-ss58-checksum", ...  --consensus-key is
//                  not an SS58 address or 0x account id of a valid ed25519 public key
//   "bad-scheme"   --scheme is neither ed25519 nor secp256k1
//   "bad-hex", "bad-length"  the HASH of `tx show`, --public-key of `twin`
//   "bad-size"     a --free-* size of `node find`, a --memory/--ssd/--hdd size of the
//                  contract commands (see ParseByteSize)
//   "bad-contract-name", "deployment-data-too-large", "ack-message-too-long",
//   "metadata-too-long"  the marketplace commands' local checks (contract_cli.cpp)
// Thread-safe (pure).
chain::Result<Invocation> ParseCommandLine(std::span<const std::string> args, const EnvLookup& env);

// The help text for a topic (see HelpCommand); nullopt for an unknown topic.
std::optional<std::string> HelpText(std::string_view topic);

// One-line usage of a command path ("key import" -> "tfwallet key import NAME URI ...").
std::string UsageLine(std::string_view command_path);

}  // namespace tfchain::wallet
