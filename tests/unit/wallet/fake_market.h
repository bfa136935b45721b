#pragma once

// A FakeNode scripted with marketplace contracts, bills, cost estimates and service
// contracts in the node's JSON shapes (rpc/contract_json.cpp), served by contract_get,
// contract_listByTwin, contract_listByNode, contract_getBills, contract_estimateCost,
// contract_fundedUntil and contract_getServiceContract. Parameters are taken by name and
// checked strictly like the real dispatcher (an unknown name is -32602
// "unknown-param"; estimateCost refuses members its kind does not use, as the node
// does), so a test fails when the wallet sends what the node would refuse.

#include <algorithm>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "chain/account_id.h"
#include "chain/grid_json.h"
#include "chain/market_args_json.h"
#include "tests/unit/wallet/fake_node.h"

namespace tfchain::wallet::testing {

class FakeMarket {
 public:
  explicit FakeMarket(FakeNode& node) { Install(node); }

  // The node's state; tests edit these freely between runs.
  json contracts = json::array();
  json bills = json::array();  // every contract's, oldest first
  json services = json::array();
  json cost = {{"hourly_micro_usd", "227000000000"},
               {"per_hour", "2837500"},
               {"per_month", "2043000000"},
               {"discount_percent", 20},
               {"tft_price_musd", 80}};
  json funded = json::object();  // contract_fundedUntil's answer (twin_id replaced by the asked one)

  // A live, acknowledged node contract of `twin` on `node`.
  static json NodeContract(uint64_t id, uint32_t twin, uint32_t node, chain::Resources resources,
                           std::vector<std::string> ips = {}) {
    return {{"contract_id", id},
            {"twin_id", twin},
            {"kind", "node"},
            {"state", "created"},
            {"grace_since_ms", nullptr},
            {"deleted_reason", nullptr},
            {"node_id", node},
            {"resources", chain::ToJson(resources)},
            {"ips", ips},
            {"deployment_hash", "0x" + std::string(64, 'a')},
            {"deployment_data", "0x"},
            {"solution_provider_id", nullptr},
            {"name", nullptr},
            {"ack", "ok"},
            {"ack_message", ""},
            {"created_height", 12},
            {"created_ms", 1'700'000'000'000ull},
            {"billed_until_ms", 1'700'000'600'000ull},
            {"overdue", "0"},
            {"total_paid", "15000000"},
            {"hourly_micro_usd", "227000000000"},
            {"used", chain::ToJson(chain::Resources{})}};
  }

  static json NameContract(uint64_t id, uint32_t twin, const std::string& name) {
    json c = NodeContract(id, twin, 0, {});
    c["kind"] = "name";
    c["node_id"] = nullptr;
    c["name"] = name;
    c["deployment_hash"] = "0x" + std::string(64, '0');
    c["hourly_micro_usd"] = "25000000000";
    return c;
  }

  // A bill of `contract`, as contract_getBills lists it.
  static json Bill(const chain::ContractBill& bill, uint64_t height) {
    json b = chain::ContractBillJson(bill);
    b["height"] = height;
    for (const char* key : {"cusu_micro", "ip_micro", "nu_micro", "name_micro", "extra_micro"}) {
      b[key] = std::to_string(b[key].get<uint64_t>());  // micro costs are amounts on the RPC
    }
    return b;
  }

  static json Service(uint64_t id, uint32_t service_twin, uint32_t consumer_twin) {
    return {{"service_contract_id", id},
            {"service_twin_id", service_twin},
            {"consumer_twin_id", consumer_twin},
            {"metadata", "vpn"},
            {"base_fee_musd", 1000},
            {"variable_fee_musd", 500},
            {"accepted_by_service", true},
            {"accepted_by_consumer", false},
            {"approved", false},
            {"last_bill_ms", 0},
            {"created_ms", 1'700'000'000'000ull}};
  }

 private:
  static json AppError(int code, const std::string& reason, const std::string& detail) {
    return {{"error", {{"code", code}, {"message", detail}, {"data", {{"reason", reason}, {"detail", detail}}}}}};
  }
  static json BadParams(const std::string& reason, const std::string& detail) {
    return AppError(-32602, reason, detail);
  }
  static json Ok(json result) { return {{"result", std::move(result)}}; }

  static std::optional<json> CheckParams(const json& params, std::vector<std::string> known,
                                         std::vector<std::string> required = {}) {
    if (!params.is_object()) return BadParams("bad-params", "the wallet sends parameters by name");
    for (const auto& [key, value] : params.items()) {
      if (std::find(known.begin(), known.end(), key) == known.end()) {
        return BadParams("unknown-param", "unknown parameter '" + key + "'");
      }
    }
    for (const std::string& key : required) {
      if (!params.contains(key)) return BadParams("missing-param", "missing parameter '" + key + "'");
    }
    return std::nullopt;
  }

  static json Page(const std::vector<json>& items, const json& params, const std::string& member) {
    const uint64_t offset = params.value("offset", uint64_t{0});
    const uint64_t limit = params.value("limit", uint64_t{100});
    if (limit == 0 || limit > 1000) return BadParams("bad-limit", "limit must be 1..1000");
    json page = json::array();
    for (uint64_t i = offset; i < items.size() && page.size() < limit; ++i) page.push_back(items[i]);
    return Ok({{"total", items.size()}, {member, page}});
  }

  json List(const json& params, const std::string& by) const {
    if (auto error = CheckParams(params, {by, "include_deleted", "offset", "limit"}, {by})) return *error;
    const bool deleted = params.value("include_deleted", false);
    std::vector<json> matched;
    for (const json& c : contracts) {
      if (c[by] != params[by]) continue;
      if (!deleted && c["state"] == "deleted") continue;
      matched.push_back(c);
    }
    return Page(matched, params, "contracts");
  }

  json Estimate(const json& params) const {
    if (auto error = CheckParams(params, {"kind", "node_id", "resources", "public_ips", "twin_id"}, {"kind"})) {
      return *error;
    }
    const std::string kind = params["kind"];
    if (kind != "node" && kind != "rent" && kind != "name") return BadParams("bad-kind", "bad kind " + kind);
    if (kind == "name" && params.contains("node_id")) return BadParams("unexpected-param", "node_id");
    if (kind != "name" && !params.contains("node_id")) return BadParams("missing-param", "node_id");
    if (kind != "node" && (params.contains("resources") || params.value("public_ips", 0) != 0)) {
      return BadParams("unexpected-param", "resources/public_ips");
    }
    return Ok(cost);
  }

  void Install(FakeNode& node) {
    node.On("contract_get", [this](const json& p) -> json {
      if (auto error = CheckParams(p, {"contract_id"}, {"contract_id"})) return *error;
      for (const json& c : contracts) {
        if (c["contract_id"] == p["contract_id"]) return Ok(c);
      }
      return AppError(-32001, "no-contract", "no contract " + p["contract_id"].dump());
    });
    node.On("contract_listByTwin", [this](const json& p) { return List(p, "twin_id"); });
    node.On("contract_listByNode", [this](const json& p) { return List(p, "node_id"); });
    node.On("contract_getBills", [this](const json& p) -> json {
      if (auto error = CheckParams(p, {"contract_id", "offset", "limit"}, {"contract_id"})) return *error;
      std::vector<json> matched;
      for (const json& b : bills) {
        if (b["contract_id"] == p["contract_id"]) matched.push_back(b);
      }
      return Page(matched, p, "bills");
    });
    node.On("contract_estimateCost", [this](const json& p) { return Estimate(p); });
    node.On("contract_fundedUntil", [this](const json& p) -> json {
      if (auto error = CheckParams(p, {"twin_id"}, {"twin_id"})) return *error;
      json answer = funded;
      answer["twin_id"] = p["twin_id"];
      return Ok(answer);
    });
    node.On("contract_getServiceContract", [this](const json& p) -> json {
      if (auto error = CheckParams(p, {"id"}, {"id"})) return *error;
      for (const json& s : services) {
        if (s["service_contract_id"] == p["id"]) return Ok(s);
      }
      return AppError(-32001, "no-service-contract", "no service contract " + p["id"].dump());
    });
  }
};

}  // namespace tfchain::wallet::testing
