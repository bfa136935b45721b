#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "chain/account_data.h"
#include "chain/account_id.h"
#include "chain/block.h"
#include "chain/bytes.h"
#include "chain/sparse_merkle_tree.h"
#include "chain/status.h"
#include "wallet/rpc_client.h"

namespace tfchain::wallet {

// The node's methods the wallet uses, with their answers parsed and checked (the
// contract is docs/rpc.md). Every method returns the RpcClient's errors, or
// "bad-rpc-response" when an answer lacks a field or has one of the wrong type.

struct NodeChainInfo {  // system_chain
  std::string chain_id;
  chain::Hash256 genesis_hash;
  std::string node_name;
};

struct NodeProperties {  // system_properties
  std::string token_symbol;
  uint64_t token_decimals = 0;
  uint64_t ss58_format = 0;
  uint64_t base_fee = 0;      // base units
  uint64_t fee_per_byte = 0;  // base units per encoded byte
  uint64_t max_tx_bytes = 0;
};

struct NodeHead {  // chain_getHead
  uint64_t height = 0;
  chain::Hash256 hash;
  uint64_t time_ms = 0;
};

struct NodeAccount {  // state_getAccount
  chain::AccountId account;
  uint64_t free = 0;
  uint64_t reserved = 0;
  uint64_t nonce = 0;
  uint64_t pending_nonce = 0;
  uint64_t height = 0;
};

struct NodeHeader {     // chain_getHeader
  chain::Hash256 hash;  // as the node claims it; see VerifyAccountProof
  chain::BlockHeader header;
};

struct NodeAccountProof {  // state_getProof
  chain::AccountId account;
  uint64_t height = 0;
  chain::Hash256 block_hash;
  chain::Hash256 state_root;
  chain::Bytes state_key;
  chain::Hash256 key_hash;
  std::optional<chain::Bytes> value;  // encoded chain::AccountData; nullopt: no account
  chain::SmtProof proof;
};

struct NodeReceipt {  // tx_getReceipt
  enum class State { kPending, kIncluded, kFailed, kDropped };
  State state = State::kPending;
  chain::Hash256 hash;
  uint64_t height = 0;  // kIncluded, kFailed
  uint64_t index = 0;
  chain::Hash256 block_hash;
  uint64_t fee = 0;
  std::string error;                                // kFailed: stable reason
  std::string message;                              // kFailed: human detail
  std::string reason;                               // kDropped
  nlohmann::json events = nlohmann::json::array();  // [{name, args}], for display
  nlohmann::json raw;                               // the whole answer, for --json output
};

struct NodeValidator {  // staking_getValidators, staking_getValidator
  chain::AccountId operator_account;
  chain::AccountId consensus_key;
  uint64_t commission_permill = 0;
  std::optional<uint64_t> pending_commission;  // from the next epoch end
  uint64_t self_bond = 0;                      // base units
  uint64_t total_bonded = 0;                   // base units, self-bond included
  bool jailed = false;
  uint64_t jailed_until = 0;
  bool tombstoned = false;
  uint64_t power_current = 0;
  uint64_t power_next = 0;
  uint64_t missed_blocks = 0;
  uint64_t window_blocks = 0;
  std::string status;  // "active", "tombstoned", "jailed", "inactive"
  nlohmann::json raw;  // the node's object, for --json output
};

// Not thread-safe (nor is the RpcClient it borrows, which must outlive it).
class NodeClient {
 public:
  explicit NodeClient(RpcClient& rpc) : rpc_(rpc) {}

  const std::string& url() const { return rpc_.url(); }

  chain::Result<NodeChainInfo> GetChain();
  chain::Result<NodeProperties> GetProperties();
  chain::Result<NodeHead> GetHead();
  chain::Result<NodeHeader> GetHeader(uint64_t height);
  chain::Result<NodeAccount> GetAccount(const chain::AccountId& account);
  // At the head.
  chain::Result<NodeAccountProof> GetAccountProof(const chain::AccountId& account);
  // tx_submit; returns the node's hash of the transaction.
  chain::Result<chain::Hash256> SubmitTransaction(chain::ByteSpan encoded_tx);
  // tx_get, as the node's JSON (for display). NotFound "tx-not-found" when unknown.
  chain::Result<nlohmann::json> GetTransaction(const chain::Hash256& hash);
  // tx_getReceipt. NotFound when the node does not know the hash.
  chain::Result<NodeReceipt> GetReceipt(const chain::Hash256& hash);
  // staking_getValidators, in the node's order.
  chain::Result<std::vector<NodeValidator>> GetValidators();
  // staking_getValidator, by operator account or consensus key. NotFound
  // "validator-not-found" when neither.
  chain::Result<NodeValidator> GetValidator(const chain::AccountId& operator_or_consensus_key);

 private:
  RpcClient& rpc_;
};

// Checks, trusting only the header's fields, that `proof` proves the state of
// `account` in the block `header` describes:
//   - the header hashes (chain::BlockHash) to the hash the node gave for it, which is
//     the proof's block_hash, at the proof's height;
//   - the proof's state_root is the header's state_root;
//   - state_key and key_hash are those of `account` (recomputed here);
//   - the value decodes as chain::AccountData and chain::SmtVerify accepts the proof.
// Returns the proven account data, or nullopt for a proven absent account. Error
// (InvalidArgument): "proof-mismatch" naming the first check that failed.
chain::Result<std::optional<chain::AccountData>> VerifyAccountProof(const chain::AccountId& account,
                                                                    const NodeAccountProof& proof,
                                                                    const NodeHeader& header);

}  // namespace tfchain::wallet
