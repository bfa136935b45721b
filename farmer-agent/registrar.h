#pragma once

#include <atomic>
#include <chrono>
#include <functional>
#include <string>
#include <string_view>

#include "chain/grid_types.h"
#include "chain/keys.h"
#include "chain/status.h"
#include "farmer-agent/capacity.h"
#include "farmer-agent/chain_client.h"

namespace tfchain::agent {

struct RegistrarOptions {
  chain::FarmId farm_id = 0;
  std::string agent_endpoint;  // "http://host:port" of the deployment API
  chain::Location location;    // city and country must be non-empty (the chain checks)
  std::string relay = "relay.local";  // the twin's relay, created once
  // Uptime report interval; 0 = the chain's (grid_getNodeUptime interval_ms).
  std::chrono::milliseconds uptime_interval{0};
  // How long to wait before retrying a failed step (node unreachable, unfunded account).
  std::chrono::milliseconds retry_interval{2'000};
};

// Makes the node known on chain and keeps it "up":
//  1. waits until the node account has a free balance (logs "fund account <ss58>");
//  2. ensures the account's twin (directory.twin_create with the node's public key);
//  3. ensures the node: directory.node_create in the farm with the capacity, location and
//     agent endpoint, or directory.node_update when the registered node differs (a node
//     of the account in another farm is an error: "node-in-other-farm");
//  4. RunUptimeLoop: farming.node_report_uptime with the seconds since boot every
//     interval, retrying sooner on "uptime-report-too-early".
// Borrows the client and the key, which must outlive it. Not thread-safe: run it on one
// thread; `stop` (set from any thread) makes the waits end within ~100 ms.
class Registrar {
 public:
  using Logger = std::function<void(std::string_view line)>;
  Registrar(ChainClient& client, const chain::SecretKey& key, RegistrarOptions options, Logger log);

  // Steps 1-3, retrying transient failures (node unreachable, unfunded, dropped or timed
  // out transactions) until `stop`. Returns the node id. Errors: "stopped" (Unavailable)
  // when `stop` was set; "node-in-other-farm"; a chain rejection of twin_create,
  // node_create or node_update that retrying cannot fix (e.g. "farm-not-found",
  // "node-capacity-too-small").
  chain::Result<chain::NodeId> EnsureRegistered(const Capacity& capacity, const std::atomic<bool>& stop);

  // Step 4 until `stop`. Logs failures and keeps going. `reports` (optional) counts the
  // included reports.
  void RunUptimeLoop(chain::NodeId node_id, const std::atomic<bool>& stop, std::atomic<uint64_t>* reports = nullptr);

  // One uptime report now (uptime from /proc/uptime). Errors: SubmitAndWait's.
  chain::Status ReportUptimeOnce();

 private:
  // Sleeps `duration` in small steps; false if `stop` was set.
  static bool SleepUnlessStopped(std::chrono::milliseconds duration, const std::atomic<bool>& stop);
  // True for failures worth retrying (transport, mempool, drops, timeouts, no funds).
  static bool IsTransient(const chain::Status& status);
  chain::Status WaitForFunds(const std::atomic<bool>& stop);

  ChainClient& client_;
  const chain::SecretKey& key_;
  RegistrarOptions options_;
  Logger log_;
};

}  // namespace tfchain::agent
