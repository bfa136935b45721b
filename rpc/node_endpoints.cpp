#include "rpc/node_endpoints.h"

#include <nlohmann/json.hpp>
#include <string_view>

namespace tfchain::rpc {
namespace {

constexpr std::string_view kJsonType = "application/json";
constexpr std::string_view kPrometheusType = "text/plain; version=0.0.4; charset=utf-8";

void AppendHeader(std::string* out, std::string_view name, std::string_view type, std::string_view help) {
  *out += "# HELP ";
  *out += name;
  *out += ' ';
  *out += help;
  *out += "\n# TYPE ";
  *out += name;
  *out += ' ';
  *out += type;
  *out += '\n';
}

void AppendMetric(std::string* out, std::string_view name, std::string_view type, std::string_view help,
                  uint64_t value) {
  AppendHeader(out, name, type, help);
  *out += name;
  *out += ' ';
  *out += std::to_string(value);
  *out += '\n';
}

// A label value with \, " and newline escaped, as the exposition format requires.
std::string EscapeLabel(std::string_view value) {
  std::string out;
  for (char c : value) {
    if (c == '\\') {
      out += "\\\\";
    } else if (c == '"') {
      out += "\\\"";
    } else if (c == '\n') {
      out += "\\n";
    } else {
      out += c;
    }
  }
  return out;
}

}  // namespace

HttpReply HealthReply(const HealthInfo& health) {
  const bool stale = health.head_age_ms > kStaleHeadMs && !health.is_syncing;
  nlohmann::json body = {{"status", stale ? "stale" : "ok"},
                         {"peers", health.peers},
                         {"is_syncing", health.is_syncing},
                         {"head_height", health.head_height},
                         {"head_age_ms", health.head_age_ms}};
  return HttpReply{stale ? 503 : 200, std::string(kJsonType), body.dump()};
}

HttpReply MetricsReply(const Metrics& m, const std::map<std::string, uint64_t>& rpc_requests) {
  std::string out;
  AppendMetric(&out, "tfchain_block_height", "gauge", "Height of the last committed block.", m.height);
  AppendMetric(&out, "tfchain_mempool_size", "gauge", "Transactions waiting in the mempool.", m.mempool_size);
  AppendMetric(&out, "tfchain_mempool_bytes", "gauge", "Encoded bytes of the transactions in the mempool.",
               m.mempool_bytes);
  AppendMetric(&out, "tfchain_txs_committed_total", "counter", "Transactions committed since genesis.",
               m.txs_committed);
  AppendMetric(&out, "tfchain_txs_rejected_total", "counter", "Transaction submissions refused since start.",
               m.txs_rejected);
  AppendMetric(&out, "tfchain_peers", "gauge", "Connected peers.", m.peers);
  AppendMetric(&out, "tfchain_last_block_commit_milliseconds", "gauge",
               "Wall time taken to execute and commit the last block.", m.last_block_commit_ms);
  AppendHeader(&out, "tfchain_rpc_requests_total", "counter", "JSON-RPC calls received, by method.");
  for (const auto& [method, count] : rpc_requests) {
    out += "tfchain_rpc_requests_total{method=\"" + EscapeLabel(method) + "\"} " + std::to_string(count) + "\n";
  }
  return HttpReply{200, std::string(kPrometheusType), std::move(out)};
}

}  // namespace tfchain::rpc
