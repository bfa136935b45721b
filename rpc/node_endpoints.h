#pragma once

#include <cstdint>
#include <map>
#include <string>

#include "rpc/node_api.h"

namespace tfchain::rpc {

// The plain-HTTP endpoints next to JSON-RPC: GET /health and GET /metrics. Pure
// functions of what the node reports; the server only sends them. Thread-safe.

// A head older than this, on a node that is not syncing, makes /health answer 503.
inline constexpr uint64_t kStaleHeadMs = 30'000;

struct HttpReply {
  int status = 200;
  std::string content_type;
  std::string body;
};

// 200 {"status":"ok","peers","is_syncing","head_height","head_age_ms"}, or 503 with
// "status":"stale" when head_age_ms > kStaleHeadMs and the node is not syncing.
HttpReply HealthReply(const HealthInfo& health);

// The Prometheus text exposition format (version 0.0.4): every metric with # HELP
// and # TYPE lines. `rpc_requests` holds tfchain_rpc_requests_total by method name.
HttpReply MetricsReply(const Metrics& metrics, const std::map<std::string, uint64_t>& rpc_requests);

}  // namespace tfchain::rpc
