// The help texts of the TF Directory, farming and governance commands (the others are
// in help_text.cpp). HelpText adds the usage line and, for the commands that send a
// transaction, the shared transaction options.
#include <map>

#include "wallet/cli_spec.h"

namespace tfchain::wallet {
namespace {

constexpr std::string_view kTwinCreate = R"(
Creates the twin of the --from account: its identity on the grid (one per account),
needed before it can create a farm, register a node or deploy.

Options:
  --relay RELAY          where other twins reach this one (default "relay.local":
                         no relay service, reach the twin through the chain)
  --public-key HEX       the twin's public key for encrypted messages, 0x-hex
                         (default: the signer's own public key)
)";

constexpr std::string_view kTwinUpdate = R"(
Changes the relay and/or the public key of the --from account's twin. What is not
given keeps its current value (read from the node first).

Options:
  --relay RELAY          new relay
  --public-key HEX       new public key, 0x-hex
)";

constexpr std::string_view kTwinShow = R"(
Shows a twin: by id (an argument of digits only), or by account (an SS58 address, a 0x
account id, a keystore name or a //Dev URI). Without an argument, lists the twins of
every key in the keystore. --json prints the node's grid_getTwin result (a list of
{key, address, twin} without an argument).
)";

constexpr std::string_view kFarmCreate = R"(
Creates a farm owned by the --from account's twin (create the twin first). NAME is 1-40
characters of A-Z a-z 0-9 _ -, unique on the chain ignoring case; the chain checks it.

Options:
  --pricing-policy ID    the pricing policy the farm's capacity is sold under
                         (default 1)
)";

constexpr std::string_view kFarmShow = R"(
Shows a farm by id (digits only) or by name (ignoring case): owner, pricing policy,
certification, dedicated flag, public IPs (free or held by a contract) and nodes.
--json prints the node's grid_getFarm result.
)";

constexpr std::string_view kFarmList = R"(
Lists farms in id order, a page at a time.

Options:
  --offset N   skip the first N farms (default 0)
  --limit N    at most N farms, 1..500 (default 50)
)";

constexpr std::string_view kFarmAddIp = R"(
Adds a public IPv4 address to the farm's pool, with the subnet's prefix length, and the
subnet's gateway: e.g. 'farm add-ip 1 185.69.166.10/24 185.69.166.1'. The chain refuses
private or reserved addresses, a gateway outside the subnet, an address in any farm,
and more than 512 addresses per farm. Only the farm's owner may add.
)";

constexpr std::string_view kFarmRemoveIp = R"(
Removes a public IP from the farm's pool (given with or without its /prefix). An IP a
contract holds cannot be removed. Only the farm's owner may remove.
)";

constexpr std::string_view kFarmSetDedicated = R"(
Marks the farm's nodes dedicated (true: rentable only as whole nodes) or shared (false).
Only the farm's owner may set it.
)";

constexpr std::string_view kNodeList = R"(
Lists nodes a page at a time: id, farm, status, country and city, free capacity
(cores, memory, SSD, HDD in GB/TB), certification and the farm's free public IPs.
"Free" is the node's capacity minus what contracts reserve. --json prints the node's
grid_listNodes result {total, nodes}.

Options:
  --sort S     node_id (default), or free_cru, free_mru, free_sru, free_hru (largest first)
  --offset N   skip the first N nodes (default 0)
  --limit N    at most N nodes, 1..500 (default 50)
)";

constexpr std::string_view kNodeShow = R"(
Shows a node: farm, twin, account, status and power, capacity (total, reserved, free),
location, interfaces, public config, agent endpoint, farming policy and connection
price. --json prints the node's grid_getNode result.
)";

constexpr std::string_view kNodeFind = R"(
Finds nodes matching every filter given, as a table like 'node list' (grid_findNodes).

Options:
  --free-cru N          at least N free cores
  --free-mru SIZE       at least SIZE free memory, e.g. 8GB (B, KB, MB, GB, TB; 1 KB = 1024 B;
                        decimals allowed: 1.5TB)
  --free-sru SIZE       at least SIZE free SSD
  --free-hru SIZE       at least SIZE free HDD
  --country C           in country C (ignoring case)
  --city C              in city C (ignoring case)
  --farm ID             in farm ID
  --certified           certified nodes only
  --has-free-ip         nodes whose farm has a free public IP
  --dedicated           nodes of dedicated farms only
  --status S            up, standby or down
  --sort S              node_id (default), or free_cru, free_mru, free_sru, free_hru
                        (largest first)
  --offset N            skip the first N matches (default 0)
  --limit N             at most N nodes, 1..500 (default 50)
)";

constexpr std::string_view kNodePowerTarget = R"(
Asks a node to power up or down (its farm's owner signs). A node that is down by
request and still reports within the standby window shows as "standby".
)";

constexpr std::string_view kFarmingRewards = R"(
Lists the farming receipts of settled periods matching the filters: one per node and
period, with the measured uptime, the farming units, the reward in USD and the TFT
minted, and the total minted in TFT over every matching receipt. --json prints the node's farming_getRewards result,
which holds every input of each payout (docs/farming.md shows how to recompute it).

Options:
  --node ID     one node's receipts
  --farm ID     one farm's receipts
  --period P    one farming period's receipts
  --offset N    skip the first N receipts (default 0)
  --limit N     at most N receipts, 1..500 (default 100)
)";

constexpr std::string_view kGovPropose = R"(
Proposes a parameter change (only operators of active validators may). KIND and ARG:
  set-tft-price MUSD                    the TFT price in mUSD per TFT (80 = 0.08 USD)
  set-certifier ADDRESS|NAME add|remove  add or remove a certifier
  set-pricing-policy FILE               a pricing policy (JSON; "id": 0 creates a new one)
  set-farming-policy FILE               a farming policy (JSON; "id": 0 creates a new one)
  set-grid-params FILE                  the grid parameters (JSON)
  set-governance-params FILE            the governance parameters (JSON)
  approve-solution-provider ID yes|no   approve (yes) or revoke (no) a solution provider
FILE holds one JSON object with exactly the fields of the policy or parameters, as
grid_getPricingPolicy / grid_getFarmingPolicy print them ("-" reads it from stdin);
it is checked before anything is sent.

Options:
  --description TEXT     what the proposal is about (at most 1024 bytes)
)";

constexpr std::string_view kGovVote = R"(
Votes yes or no on an open proposal with the voting power of the --from account's
validator in the current active set. A vote can be changed while the proposal is open.
)";

constexpr std::string_view kGovList = R"(
Lists proposals, newest first: id, kind, status, yes/no power against the active set's
power and the end height. --json prints the node's gov_listProposals result.

Options:
  --status S   open, enacted or rejected
)";

constexpr std::string_view kGovShow = R"(
Shows a proposal: proposer, action with its values, description, votes, and its
result. --json prints the node's gov_getProposal result.
)";

const std::map<std::string_view, std::string_view>& Bodies() {
  static const std::map<std::string_view, std::string_view> kBodies = {
      {"twin create", kTwinCreate},
      {"twin update", kTwinUpdate},
      {"twin show", kTwinShow},
      {"farm create", kFarmCreate},
      {"farm show", kFarmShow},
      {"farm list", kFarmList},
      {"farm add-ip", kFarmAddIp},
      {"farm remove-ip", kFarmRemoveIp},
      {"farm set-dedicated", kFarmSetDedicated},
      {"node list", kNodeList},
      {"node show", kNodeShow},
      {"node find", kNodeFind},
      {"node power-target", kNodePowerTarget},
      {"farming rewards", kFarmingRewards},
      {"gov propose", kGovPropose},
      {"gov vote", kGovVote},
      {"gov list", kGovList},
      {"gov show", kGovShow},
  };
  return kBodies;
}

}  // namespace

std::optional<std::string_view> GridHelpBody(std::string_view topic) {
  auto it = Bodies().find(topic);
  if (it == Bodies().end()) return std::nullopt;
  return it->second;
}

}  // namespace tfchain::wallet
