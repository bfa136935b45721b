#pragma once

#include <chrono>
#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "chain/account_id.h"
#include "chain/call.h"
#include "chain/grid_types.h"
#include "chain/hash.h"
#include "chain/keys.h"
#include "chain/status.h"

namespace httplib {
class Client;
}

namespace tfchain::agent {

// An account's balances and nonces at the head (state_getAccount).
struct AccountState {
  uint64_t free = 0;
  uint64_t reserved = 0;
  uint64_t pending_nonce = 0;  // the nonce to sign the next transaction with
};

// The fields of a directory node record the agent cares about (grid_getNode).
struct NodeView {
  chain::NodeId node_id = 0;
  chain::FarmId farm_id = 0;
  chain::TwinId twin_id = 0;
  chain::Resources resources;
  chain::Location location;
  std::string agent_endpoint;
  std::string status;  // "up" | "standby" | "down"
  uint64_t last_uptime_report_ms = 0;
};

// The outcome of an included transaction (tx_getReceipt).
struct TxOutcome {
  chain::Hash256 hash;
  uint64_t height = 0;
  nlohmann::json receipt;  // the node's answer, events included
};

// A JSON-RPC 2.0 client of one tfchaind node (docs/rpc.md) over HTTP (cpp-httplib),
// with the calls the farmer agent makes. Not thread-safe: one caller at a time (the
// registrar's thread); give each thread its own client.
class ChainClient {
 public:
  struct Options {
    std::chrono::milliseconds timeout{10'000};       // per HTTP request
    std::chrono::milliseconds receipt_timeout{30'000};  // SubmitAndWait's wait for inclusion
    std::chrono::milliseconds poll_interval{200};
    uint64_t valid_for_blocks = 100;                 // valid_until = head + this
    // Held by SubmitAndWait from reading the signer's pending nonce until tx_submit
    // answered, so that clients on several threads signing with one key (the agent's
    // uptime loop, reconciler and usage reporter) never sign two transactions with the
    // same nonce. Share one mutex between those clients; null: no lock.
    std::shared_ptr<std::mutex> submit_lock;
  };

  // `url` must be "http://host[:port]" (anything else: "bad-rpc-url"). Does not connect.
  static chain::Result<std::unique_ptr<ChainClient>> Create(std::string_view url, Options options);
  ~ChainClient();
  ChainClient(const ChainClient&) = delete;
  ChainClient& operator=(const ChainClient&) = delete;

  // Calls `method` and returns its "result". Errors: "node-unreachable" (Unavailable),
  // "bad-rpc-response" (Internal), else the node's error.data.reason (or "rpc-error")
  // with its detail; NotFound for JSON-RPC code -32001, InvalidArgument for -32000 and
  // -32602, Unavailable for -32002, Internal otherwise.
  chain::Result<nlohmann::json> Call(std::string_view method, const nlohmann::json& params);

  // system_chain's chain_id (cached after the first success).
  chain::Result<std::string> ChainId();
  // chain_getHead's height.
  chain::Result<uint64_t> HeadHeight();
  chain::Result<AccountState> GetAccount(const chain::AccountId& account);
  // grid_getTwinByAccount: the twin id, or nullopt when the account has none.
  chain::Result<std::optional<chain::TwinId>> TwinOf(const chain::AccountId& account);
  // grid_getNode by the node's own account, or nullopt when it registered none.
  chain::Result<std::optional<NodeView>> NodeOf(const chain::AccountId& account);
  chain::Result<NodeView> GetNode(chain::NodeId node_id);
  // grid_getNodeUptime's interval_ms: the chain's uptime report interval.
  chain::Result<uint64_t> UptimeIntervalMs(chain::NodeId node_id);

  // Signs `call` with `key` (nonce = pending_nonce, tip 0, valid_until = head +
  // valid_for_blocks), submits it and waits until it is included. Errors: the node's
  // rejection reason from tx_submit (e.g. "insufficient-balance",
  // "uptime-report-too-early") with context "rejected by node"; the chain's reason of a
  // failed call (InvalidArgument, e.g. "twin-exists"); "tx-dropped" (Unavailable, the
  // drop reason in the detail); "inclusion-timeout" (Unavailable); Call's errors.
  chain::Result<TxOutcome> SubmitAndWait(const chain::SecretKey& key, const chain::Call& call);

  // Signs and submits `call` like SubmitAndWait but returns the transaction hash as soon
  // as the node admitted it to its mempool (for fee-free node calls the node admits only
  // what would succeed). Errors: SubmitAndWait's up to and including tx_submit's.
  chain::Result<chain::Hash256> Submit(const chain::SecretKey& key, const chain::Call& call);

 private:
  ChainClient(std::string host, uint16_t port, Options options);
  Options options_;
  std::string url_;  // "http://host:port", for messages
  std::unique_ptr<httplib::Client> http_;
  std::optional<std::string> chain_id_;
  uint64_t next_id_ = 1;
};

}  // namespace tfchain::agent
