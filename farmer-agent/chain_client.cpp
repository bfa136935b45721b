#include "farmer-agent/chain_client.h"

#include <httplib.h>

#include <charconv>
#include <thread>

#include "chain/bytes.h"
#include "chain/grid_json.h"
#include "chain/json.h"
#include "chain/transaction.h"

namespace tfchain::agent {
namespace {

using chain::Result;
using chain::Status;
using nlohmann::json;

Status BadResponse(std::string_view method, std::string_view why) {
  return Status::Internal("bad-rpc-response", std::string(method) + ": " + std::string(why));
}

// Reads field `name` of `object` as T; nlohmann type errors become "bad-rpc-response".
template <typename T>
Result<T> Field(std::string_view method, const json& object, const char* name) {
  if (!object.is_object() || !object.contains(name)) return BadResponse(method, std::string("missing ") + name);
  try {
    return object.at(name).get<T>();
  } catch (const json::exception& e) {
    return BadResponse(method, std::string(name) + ": " + e.what());
  }
}

Result<NodeView> ParseNode(const json& node) {
  constexpr std::string_view kMethod = "grid_getNode";
  NodeView out;
  TF_ASSIGN_OR_RETURN(out.node_id, Field<chain::NodeId>(kMethod, node, "node_id"));
  TF_ASSIGN_OR_RETURN(out.farm_id, Field<chain::FarmId>(kMethod, node, "farm_id"));
  TF_ASSIGN_OR_RETURN(out.twin_id, Field<chain::TwinId>(kMethod, node, "twin_id"));
  TF_ASSIGN_OR_RETURN(out.agent_endpoint, Field<std::string>(kMethod, node, "agent_endpoint"));
  TF_ASSIGN_OR_RETURN(out.status, Field<std::string>(kMethod, node, "status"));
  TF_ASSIGN_OR_RETURN(out.last_uptime_report_ms, Field<uint64_t>(kMethod, node, "last_uptime_report_ms"));
  if (!node.contains("resources") || !node.contains("location")) return BadResponse(kMethod, "missing resources");
  auto resources = chain::ResourcesFromJson(node["resources"]);
  if (!resources.ok()) return BadResponse(kMethod, resources.status().ToString());
  out.resources = *resources;
  auto location = chain::LocationFromJson(node["location"]);
  if (!location.ok()) return BadResponse(kMethod, location.status().ToString());
  out.location = *location;
  return out;
}

}  // namespace

ChainClient::ChainClient(std::string host, uint16_t port, Options options)
    : options_(options),
      url_("http://" + host + ":" + std::to_string(port)),
      http_(std::make_unique<httplib::Client>(host, port)) {
  auto seconds = std::chrono::duration_cast<std::chrono::seconds>(options_.timeout);
  auto micros = std::chrono::duration_cast<std::chrono::microseconds>(options_.timeout - seconds);
  http_->set_connection_timeout(seconds.count(), micros.count());
  http_->set_read_timeout(seconds.count(), micros.count());
  http_->set_write_timeout(seconds.count(), micros.count());
}

ChainClient::~ChainClient() = default;

Result<std::unique_ptr<ChainClient>> ChainClient::Create(std::string_view url, Options options) {
  auto bad = [&](std::string_view why) {
    return Status::InvalidArgument("bad-rpc-url", "\"" + std::string(url) + "\": " + std::string(why));
  };
  constexpr std::string_view kScheme = "http://";
  if (!url.starts_with(kScheme)) return bad("expected http://host:port");
  std::string_view rest = url.substr(kScheme.size());
  if (rest.ends_with("/")) rest.remove_suffix(1);
  if (rest.find_first_of("/?#@[]") != std::string_view::npos) return bad("no path, query, user or IPv6 literal");
  size_t colon = rest.find(':');
  std::string host(rest.substr(0, colon));
  if (host.empty()) return bad("missing host");
  uint16_t port = 80;
  if (colon != std::string_view::npos) {
    std::string_view text = rest.substr(colon + 1);
    unsigned value = 0;
    auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (text.empty() || ec != std::errc() || ptr != text.data() + text.size() || value == 0 || value > 65535) {
      return bad("bad port");
    }
    port = static_cast<uint16_t>(value);
  }
  return std::unique_ptr<ChainClient>(new ChainClient(std::move(host), port, options));
}

Result<json> ChainClient::Call(std::string_view method, const json& params) {
  json request = {{"jsonrpc", "2.0"}, {"id", next_id_++}, {"method", std::string(method)}, {"params", params}};
  httplib::Result response = http_->Post("/", request.dump(), "application/json");
  if (!response) {
    return Status::Unavailable("node-unreachable", std::string(method) + ": cannot reach " + url_ + ": " +
                                                       httplib::to_string(response.error()));
  }
  json answer = json::parse(response->body, nullptr, /*allow_exceptions=*/false);
  if (answer.is_discarded() || !answer.is_object()) {
    return BadResponse(method, "HTTP " + std::to_string(response->status) + ", not a JSON object");
  }
  if (auto error = answer.find("error"); error != answer.end() && error->is_object()) return chain::RpcErrorStatus(*error);
  if (!answer.contains("result")) return BadResponse(method, "no result");
  return answer["result"];
}

Result<std::string> ChainClient::ChainId() {
  if (chain_id_) return *chain_id_;
  TF_ASSIGN_OR_RETURN(json result, Call("system_chain", json::array()));
  TF_ASSIGN_OR_RETURN(std::string id, Field<std::string>("system_chain", result, "chain_id"));
  chain_id_ = id;
  return id;
}

Result<uint64_t> ChainClient::HeadHeight() {
  TF_ASSIGN_OR_RETURN(json result, Call("chain_getHead", json::array()));
  return Field<uint64_t>("chain_getHead", result, "height");
}

Result<AccountState> ChainClient::GetAccount(const chain::AccountId& account) {
  TF_ASSIGN_OR_RETURN(json result, Call("state_getAccount", json::array({chain::ToSs58(account)})));
  AccountState out;
  for (auto [name, target] : {std::pair{"free", &out.free}, std::pair{"reserved", &out.reserved}}) {
    if (!result.is_object() || !result.contains(name)) return BadResponse("state_getAccount", "missing amount");
    auto amount = chain::AmountFromJson(result[name]);
    if (!amount.ok()) return BadResponse("state_getAccount", amount.status().ToString());
    *target = *amount;
  }
  TF_ASSIGN_OR_RETURN(out.pending_nonce, Field<uint64_t>("state_getAccount", result, "pending_nonce"));
  return out;
}

Result<std::optional<chain::TwinId>> ChainClient::TwinOf(const chain::AccountId& account) {
  auto result = Call("grid_getTwinByAccount", json::array({chain::ToSs58(account)}));
  if (!result.ok()) {
    if (result.status().reason() == "twin-not-found") return std::optional<chain::TwinId>();
    return result.status();
  }
  TF_ASSIGN_OR_RETURN(chain::TwinId id, Field<chain::TwinId>("grid_getTwinByAccount", *result, "twin_id"));
  return std::optional<chain::TwinId>(id);
}

Result<std::optional<NodeView>> ChainClient::NodeOf(const chain::AccountId& account) {
  auto result = Call("grid_getNode", json{{"account", chain::ToSs58(account)}});
  if (!result.ok()) {
    if (result.status().reason() == "node-not-found") return std::optional<NodeView>();
    return result.status();
  }
  TF_ASSIGN_OR_RETURN(NodeView node, ParseNode(*result));
  return std::optional<NodeView>(std::move(node));
}

Result<NodeView> ChainClient::GetNode(chain::NodeId node_id) {
  TF_ASSIGN_OR_RETURN(json result, Call("grid_getNode", json{{"node_id", node_id}}));
  return ParseNode(result);
}

Result<uint64_t> ChainClient::UptimeIntervalMs(chain::NodeId node_id) {
  TF_ASSIGN_OR_RETURN(json result, Call("grid_getNodeUptime", json{{"node_id", node_id}}));
  return Field<uint64_t>("grid_getNodeUptime", result, "interval_ms");
}

Result<chain::Hash256> ChainClient::Submit(const chain::SecretKey& key, const chain::Call& call) {
  TF_ASSIGN_OR_RETURN(std::string chain_id, ChainId());
  std::unique_lock<std::mutex> nonce_lock;
  if (options_.submit_lock) nonce_lock = std::unique_lock<std::mutex>(*options_.submit_lock);
  TF_ASSIGN_OR_RETURN(AccountState account, GetAccount(key.account_id()));
  TF_ASSIGN_OR_RETURN(uint64_t head, HeadHeight());
  chain::TransactionBody body;
  body.chain_id = chain_id;
  body.nonce = account.pending_nonce;
  body.valid_until = head + options_.valid_for_blocks;
  body.call = call;
  chain::Transaction tx = chain::SignTransaction(std::move(body), key);
  chain::Bytes encoded = chain::Encode(tx);
  auto submitted = Call("tx_submit", json::array({chain::ToHex(encoded)}));
  if (!submitted.ok()) return submitted.status().WithContext("rejected by node");
  return chain::TxHash(encoded);
}

Result<TxOutcome> ChainClient::SubmitAndWait(const chain::SecretKey& key, const chain::Call& call) {
  TxOutcome out;
  TF_ASSIGN_OR_RETURN(out.hash, Submit(key, call));
  const auto deadline = std::chrono::steady_clock::now() + options_.receipt_timeout;
  const json params = json::array({out.hash.Hex()});
  while (true) {
    auto receipt = Call("tx_getReceipt", params);
    if (receipt.ok()) {
      std::string status = receipt->value("status", std::string());
      if (status == "included") {
        out.height = receipt->value("height", uint64_t{0});
        out.receipt = std::move(*receipt);
        return out;
      }
      if (status == "failed") {
        return Status::InvalidArgument(receipt->value("error", std::string("tx-failed")),
                                       receipt->value("message", std::string()));
      }
      if (status == "dropped") return Status::Unavailable("tx-dropped", receipt->value("reason", std::string()));
    } else if (receipt.status().reason() != "tx-not-found" && receipt.status().code() != Status::Code::kUnavailable) {
      return receipt.status();
    }
    if (std::chrono::steady_clock::now() >= deadline) {
      return Status::Unavailable("inclusion-timeout", "transaction " + out.hash.Hex() + " not included in time");
    }
    std::this_thread::sleep_for(options_.poll_interval);
  }
}

}  // namespace tfchain::agent
