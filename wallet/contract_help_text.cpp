// The help texts of the capacity marketplace commands (the others are in help_text.cpp
// and grid_help_text.cpp). HelpText adds the usage line and, for the commands that send
// a transaction, the shared transaction options.
#include <map>

#include "wallet/cli_spec.h"

namespace tfchain::wallet {
namespace {

constexpr std::string_view kCreateNode = R"(
Creates a node contract: reserves the resources on the node (refused when they do not
fit: node-capacity-exceeded), takes public IPs from the node's farm (no-free-ip), and
is billed every billing period for the time the node was up. The node acknowledges
the deployment ('contract ack'); until then nothing is charged. Prints the receipt and
the new contract id (from the contract.ContractCreated event; --json: the receipt with
"contract_id").

Options:
  --node ID                  the node (see 'tfwallet node find')
  --cpu N                    cores, at least 1
  --memory SIZE              memory, e.g. 4GB (B, KB, MB, GB, TB; 1 KB = 1024 B)
  --ssd SIZE                 SSD storage (default 0)
  --hdd SIZE                 HDD storage (default 0)
  --public-ips N             public IPv4 addresses from the farm, 0..16 (default 0)
  --deployment-hash 0xHEX    the deployment's 32-byte hash, unique per node
  --deployment-file PATH     hash this file with BLAKE2b-256 instead
                             (neither: 32 random bytes)
  --data TEXT                deployment data, at most 512 bytes
  --solution-provider ID     an approved solution provider that takes a share
)";

constexpr std::string_view kUpdate = R"(
Changes a node contract's resources, deployment hash or data. What is not given keeps
its current value (read first with contract_get). The chain bills the contract up to
now at the old resources and re-checks the node's capacity; refused in grace.

Options:
  --cpu N, --memory SIZE, --ssd SIZE, --hdd SIZE   the new resources
  --deployment-hash 0xHEX | --deployment-file PATH  the new deployment hash
  --data TEXT                                       the new deployment data (<= 512 bytes)
)";

constexpr std::string_view kCreateName = R"(
Creates a name contract: NAME (3-64 characters of a-z 0-9 - _) is reserved for the
signer's twin while the contract lives, billed at the pricing policy's unique-name
price. Prints the new contract id.
)";

constexpr std::string_view kRent = R"(
Rents a whole node (a rent contract): the node's full resources at the farm's
dedicated-node discount, plus the node's extra fee. Only the renter can then deploy
on it, and its node contracts pay only for IPs and network. Prints the new contract id.

Options:
  --solution-provider ID   an approved solution provider that takes a share
)";

constexpr std::string_view kCancel = R"(
Cancels a contract: a final prorated bill, then its resources and IPs are freed.
Always possible; cancelling a contract in grace is free of fees. A rent contract with
live node contracts on its node cannot be cancelled until they are.
)";

constexpr std::string_view kAck = R"(
Acknowledges a node contract's deployment, signed with the NODE's key: ok starts
billing, failed deletes the contract (nothing is charged). An unacknowledged contract
is deleted after the chain's deadline.

Options:
  --message M   a note for the owner, at most 256 bytes
)";

constexpr std::string_view kList = R"(
Lists contracts in id order: of a twin (--twin ID, or the twin of --from NAME|ADDRESS)
or on a node (--node ID). Live contracts only unless --all. Columns: id, kind, state,
owner twin, node or name, resources, IPs, cost per hour in USD (before discount) and
overdue TFT. --json prints the node's contract_listByTwin/ByNode result.

Options:
  --twin ID               the contracts of twin ID
  --node ID               the contracts on node ID
  --from NAME|ADDRESS     the contracts of this account's twin
  --all                   also deleted contracts
  --offset N              skip the first N contracts (default 0)
  --limit N               at most N contracts, 1..500 (default 100)
)";

constexpr std::string_view kShow = R"(
Shows a contract: kind, state (grace since, deletion reason), owner, node or name,
resources, IPs, deployment, acknowledgement, billing (billed until, cost per hour,
overdue, total paid) and the last reported usage. --json prints contract_get's result.
)";

constexpr std::string_view kBills = R"(
Lists a contract's bills, oldest first: the interval billed, the node uptime charged,
the discount, the amount due, what was paid and what is overdue, and the exact split
(farmer, staking pool, foundation, solution providers, burned), in TFT. --json prints
every field of each bill (costs in micro USD units, the TFT price, accounts).

Options:
  --offset N   skip the first N bills (default 0)
  --limit N    at most N bills, 1..500 (default 100)
)";

constexpr std::string_view kCostEstimate = R"(
Estimates what a contract would cost (contract_estimateCost): per hour in USD before
the discount, and per hour and per month (720 hours) in TFT after the discount of the
given twin (none without --twin or --from).

Options:
  --kind node|rent|name    the contract kind (default node)
  --node ID                the node (node and rent contracts)
  --cpu N, --memory SIZE, --ssd SIZE, --hdd SIZE   the resources (node contracts)
  --public-ips N           public IPs, 0..16 (node contracts)
  --twin ID                the discount of twin ID
  --from NAME|ADDRESS      the discount of this account's twin
)";

constexpr std::string_view kFundedUntil = R"(
Shows when a twin's balance runs out at the current cost of its live contracts
(contract_fundedUntil): balance, cost per hour in TFT without discount and the time.

Options:
  --twin ID              twin ID
  --from NAME|ADDRESS    this account's twin
)";

constexpr std::string_view kSetExtraFee = R"(
Sets a dedicated node's extra fee, in mUSD per month (0..1000000000; 1 USD = 1000
mUSD), paid by its renter entirely to the farmer. Signed by the farm's owner.
)";

constexpr std::string_view kServiceCreate = R"(
Opens a service contract between a service twin and a consumer twin (either signs).
The service then sets metadata and fees, and both approve. Prints the new id.
)";

constexpr std::string_view kServiceSetMetadata = R"(
Sets the service contract's metadata (at most 64 bytes; signed by the service). Resets
both approvals.
)";

constexpr std::string_view kServiceSetFees = R"(
Sets the service contract's fees, in mUSD per hour (signed by the service). Resets
both approvals.

Options:
  --base-fee MUSD       the fixed fee per hour
  --variable-fee MUSD   the most the service may bill on top per hour
)";

constexpr std::string_view kServiceApprove = R"(
Approves a service contract (service or consumer) once its metadata and fees are set.
When both approved, billing starts.
)";

constexpr std::string_view kServiceReject = R"(
Rejects (deletes) a service contract not yet approved by both sides.
)";

constexpr std::string_view kServiceCancel = R"(
Cancels (deletes) a service contract (service or consumer).
)";

constexpr std::string_view kServiceBill = R"(
Bills the consumer for the time since the last bill (at most one hour): the base fee
pro rata plus a variable amount (signed by the service).

Options:
  --variable-amount MUSD   the variable part, at most the variable fee pro rata (default 0)
  --metadata TEXT          a note on the bill, at most 64 bytes
)";

constexpr std::string_view kServiceShow = R"(
Shows a service contract (contract_getServiceContract): its twins, metadata, fees,
approvals and last bill. --json prints the node's result.
)";

const std::map<std::string_view, std::string_view>& Bodies() {
  static const std::map<std::string_view, std::string_view> kBodies = {
      {"contract create-node", kCreateNode},
      {"contract update", kUpdate},
      {"contract create-name", kCreateName},
      {"contract rent", kRent},
      {"contract cancel", kCancel},
      {"contract ack", kAck},
      {"contract list", kList},
      {"contract show", kShow},
      {"contract bills", kBills},
      {"cost estimate", kCostEstimate},
      {"funded-until", kFundedUntil},
      {"node set-extra-fee", kSetExtraFee},
      {"service create", kServiceCreate},
      {"service set-metadata", kServiceSetMetadata},
      {"service set-fees", kServiceSetFees},
      {"service approve", kServiceApprove},
      {"service reject", kServiceReject},
      {"service cancel", kServiceCancel},
      {"service bill", kServiceBill},
      {"service show", kServiceShow},
  };
  return kBodies;
}

}  // namespace

std::optional<std::string_view> MarketHelpBody(std::string_view topic) {
  auto it = Bodies().find(topic);
  if (it == Bodies().end()) return std::nullopt;
  return it->second;
}

}  // namespace tfchain::wallet
