#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "chain/account_id.h"
#include "chain/block.h"
#include "chain/bytes.h"
#include "chain/genesis.h"
#include "chain/receipt.h"
#include "chain/sparse_merkle_tree.h"
#include "chain/status.h"
#include "chain/transaction.h"
#include "rpc/contract_views.h"
#include "rpc/grid_views.h"

namespace tfchain::rpc {

using chain::AccountId;
using chain::Hash256;
using chain::Result;
using chain::Status;

struct ChainInfo {
  std::string chain_id;
  Hash256 genesis_hash;
  std::string node_version;  // e.g. "tfchaind 0.1.0"
  std::string node_name;
};

struct HeadInfo {
  uint64_t height = 0;
  Hash256 hash;
  uint64_t time_ms = 0;
};

struct HealthInfo {
  uint64_t peers = 0;
  bool is_syncing = false;
  bool should_have_peers = false;  // false for a --dev node
  uint64_t head_height = 0;
  uint64_t head_age_ms = 0;        // how long ago the head was committed
};

struct Metrics {
  uint64_t height = 0;
  uint64_t mempool_size = 0;
  uint64_t mempool_bytes = 0;
  uint64_t txs_committed = 0;      // since genesis
  uint64_t peers = 0;
  uint64_t txs_rejected = 0;       // submissions refused since start
  uint64_t last_block_commit_ms = 0;  // wall time to execute and commit the last block
};

// A block with its hash and execution results.
struct BlockView {
  Hash256 hash;
  chain::Block block;
  std::vector<Hash256> tx_hashes;  // in block order
};

// Where a transaction is.
struct TxLookup {
  enum class State { kPending, kIncluded, kDropped };
  State state = State::kPending;
  Hash256 hash;
  std::optional<chain::Transaction> tx;  // pending or included
  // kIncluded:
  uint64_t height = 0;
  uint32_t index = 0;
  Hash256 block_hash;
  std::optional<chain::Receipt> receipt;
  // kDropped: why the mempool let it go ("bad-nonce", "expired", "evicted", ...).
  std::string drop_reason;
};

struct AccountInfo {
  AccountId account;
  uint64_t free = 0;
  uint64_t reserved = 0;
  uint64_t nonce = 0;          // next nonce by committed state
  uint64_t pending_nonce = 0;  // next nonce counting this node's mempool
  uint64_t height = 0;         // the state's block height
};

// A connected peer.
struct PeerView {
  std::string id;        // 64-hex ed25519 node key
  std::string address;   // host:port
  bool inbound = false;
  uint64_t height = 0;   // its last announced head height
};

// Whether the node is catching up with its peers.
struct SyncState {
  uint64_t starting_block = 0;  // head height when the current sync began
  uint64_t current_block = 0;   // head height now
  uint64_t highest_block = 0;   // highest head height announced by a peer (or ours)
  bool syncing = false;
};

// A registered validator, as the staking module records it at the head.
struct ValidatorView {
  AccountId operator_account;
  AccountId consensus_key;
  uint32_t commission_permill = 0;
  std::optional<uint32_t> pending_commission;  // applied at the next epoch end
  uint64_t self_bond = 0;
  uint64_t total_bonded = 0;  // self-bond plus delegations
  bool jailed = false;
  uint64_t jailed_until = 0;  // may unjail from this height on
  bool tombstoned = false;
  uint64_t power_current = 0;  // voting power in the set signing the next block (0: not in it)
  uint64_t power_next = 0;     // ... in the set after that
  uint64_t missed_blocks = 0;  // in the downtime window
  uint64_t window_blocks = 0;  // blocks recorded in the window
};

// Double-sign evidence: waiting in this node's pool, or committed in a block.
struct EvidenceView {
  chain::Evidence evidence;
  bool committed = false;
  uint64_t height = 0;  // the block that included it (committed only)
};

// An account's state-tree entry at some block, with a proof against that block's
// state_root (chain::SmtVerify checks it). `value` is the encoded chain::AccountData.
struct AccountProof {
  AccountId account;
  uint64_t height = 0;
  Hash256 block_hash;
  Hash256 state_root;
  chain::Bytes state_key;              // chain::AccountStateKey(account)
  Hash256 key_hash;                    // BLAKE2b-256(state_key): the tree key
  std::optional<chain::Bytes> value;   // nullopt: the account does not exist
  chain::SmtProof proof;
};

// The node as the RPC layer sees it. Every method is thread-safe: RPC worker threads
// call them concurrently and they block until the node answers. Implemented by node/
// (hopping onto the node's event loop); faked in rpc tests.
class NodeApi {
 public:
  virtual ~NodeApi() = default;

  virtual ChainInfo GetChainInfo() = 0;
  virtual chain::Genesis GetGenesis() = 0;  // parameters: fees, consensus limits, ...
  virtual HeadInfo GetHead() = 0;
  virtual HealthInfo GetHealth() = 0;
  virtual Metrics GetMetrics() = 0;

  // NotFound "block-not-found".
  virtual Result<BlockView> GetBlockByHeight(uint64_t height) = 0;
  virtual Result<BlockView> GetBlockByHash(const Hash256& hash) = 0;

  // Decodes, checks and adds a transaction to the mempool; returns its hash.
  // InvalidArgument with a reason such as "decode-truncated", "tx-too-large",
  // "wrong-chain", "bad-signature", "bad-nonce" (already used), "nonce-too-far",
  // "expired", "insufficient-balance" (cannot pay the fee), "already-known",
  // "tip-too-low" (pool full); Unavailable "mempool-full".
  virtual Result<Hash256> SubmitTransaction(chain::ByteSpan encoded_tx) = 0;

  // NotFound "tx-not-found" if neither pending, included nor recently dropped. An
  // included transaction's `tx` is filled only `with_tx` (it is read from its block;
  // a receipt lookup does without).
  virtual Result<TxLookup> GetTransaction(const Hash256& hash, bool with_tx) = 0;

  // At the head. An account that does not exist has zero balances and nonce.
  virtual Result<AccountInfo> GetAccount(const AccountId& account) = 0;
  virtual Result<uint64_t> GetTotalIssuance() = 0;

  // The precommits that committed block `height` (carried by block height+1, or kept
  // by the node for its head). NotFound "commit-not-found" (genesis has none, or the
  // height is beyond the head).
  virtual Result<chain::Commit> GetCommit(uint64_t height) = 0;

  virtual std::vector<PeerView> GetPeers() = 0;

  // Every registered validator that is not tombstoned (GetValidator still finds
  // tombstoned ones), by operator account.
  virtual Result<std::vector<ValidatorView>> GetValidators() = 0;
  // By operator account or consensus key. NotFound "validator-not-found".
  virtual Result<ValidatorView> GetValidator(const AccountId& operator_or_consensus_key) = 0;
  // Pending evidence, then the most recently committed (at most `limit` of those).
  virtual Result<std::vector<EvidenceView>> GetEvidence(size_t limit) = 0;
  virtual SyncState GetSyncState() = 0;

  // At `height` (the head when nullopt). NotFound "block-not-found".
  virtual Result<AccountProof> GetAccountProof(const AccountId& account, std::optional<uint64_t> height) = 0;

  // --- TF Directory (rpc/grid_views.h), at the head. The node answers these from an
  // in-memory index of the directory, without waiting for its event loop.

  // NotFound "twin-not-found".
  virtual Result<TwinView> GetTwin(chain::TwinId id) = 0;
  virtual Result<TwinView> GetTwinByAccount(const AccountId& account) = 0;
  // NotFound "farm-not-found" (the name matches case-insensitively).
  virtual Result<FarmView> GetFarm(chain::FarmId id) = 0;
  virtual Result<FarmView> GetFarmByName(const std::string& name) = 0;
  // Farms in id order: `limit` of them from the `offset`-th.
  virtual Result<FarmPage> ListFarms(uint64_t offset, uint64_t limit) = 0;
  // NotFound "node-not-found" (by id, or by the node's own account).
  virtual Result<NodeView> GetNode(chain::NodeId id) = 0;
  virtual Result<NodeView> GetNodeByAccount(const AccountId& account) = 0;
  // The nodes matching query.filter, sorted and paged as asked (NodeQuery).
  virtual Result<NodePage> FindNodes(const NodeQuery& query) = 0;
  // NotFound "node-not-found".
  virtual Result<UptimeView> GetNodeUptime(chain::NodeId id) = 0;
  virtual Result<GridStats> GetGridStats() = 0;
  // Every policy, by id.
  virtual Result<std::vector<chain::PricingPolicy>> GetPricingPolicies() = 0;
  virtual Result<std::vector<chain::FarmingPolicy>> GetFarmingPolicies() = 0;

  // --- Farming: the receipts of settled periods matching `query`.
  virtual Result<RewardsPage> GetFarmingRewards(const RewardsQuery& query) = 0;

  // --- Governance. Proposals with `status` (any when nullopt), newest first, at most
  // `limit`.
  virtual Result<std::vector<ProposalView>> ListProposals(std::optional<ProposalStatus> status, size_t limit) = 0;
  // NotFound "proposal-not-found".
  virtual Result<ProposalView> GetProposal(chain::ProposalId id) = 0;
  // A solution provider, at the head. NotFound "solution-provider-not-found".
  virtual Result<SolutionProviderView> GetSolutionProvider(uint32_t id) = 0;

  // --- Capacity marketplace (rpc/contract_views.h), at the head. Lists come from an
  // in-memory index of contract ids, records and bills from the store, without waiting
  // for the node's event loop; cost queries run the runtime's rules on the head state.

  // NotFound "no-contract".
  virtual Result<ContractView> GetContract(chain::ContractId id) = 0;
  // The contracts of twin `twin` (as owner) / on node `node` (node and rent contracts),
  // ascending by id, `limit` of them from the `offset`-th; deleted ones only with
  // `include_deleted`. An unknown twin or node has none.
  virtual Result<ContractPage> ListContractsByTwin(chain::TwinId twin, bool include_deleted, uint64_t offset,
                                                   uint64_t limit) = 0;
  virtual Result<ContractPage> ListContractsByNode(chain::NodeId node, bool include_deleted, uint64_t offset,
                                                   uint64_t limit) = 0;
  // The bills of a contract, oldest first. NotFound "no-contract".
  virtual Result<BillPage> GetContractBills(chain::ContractId id, uint64_t offset, uint64_t limit) = 0;
  // The cost of the contract `query` describes, at the head block time. NotFound
  // "no-node" / "no-twin"; InvalidArgument with the marketplace's reason otherwise.
  virtual Result<CostView> EstimateContractCost(const CostQuery& query) = 0;
  // NotFound "no-twin".
  virtual Result<FundedUntilView> GetFundedUntil(chain::TwinId twin) = 0;
  // NotFound "no-service-contract" (never created, or deleted).
  virtual Result<ServiceContractView> GetServiceContract(chain::ServiceContractId id) = 0;
};

}  // namespace tfchain::rpc
