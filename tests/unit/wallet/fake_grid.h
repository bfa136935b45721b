#pragma once

// A FakeNode scripted with a small TF Directory: twins, farms, nodes, farming receipts
// and governance proposals in the node's JSON shapes (rpc/grid_json.cpp), served by
// grid_getTwin, grid_getTwinByAccount, grid_getFarm, grid_listFarms, grid_getNode,
// grid_listNodes, grid_findNodes, farming_getRewards, gov_listProposals and
// gov_getProposal. Parameters are taken by name and checked strictly like the real
// dispatcher (an unknown name is -32602 "unknown-param"), so a test fails when the
// wallet sends what the node would refuse. grid_findNodes filters by brute force.

#include <algorithm>
#include <cctype>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "chain/account_id.h"
#include "chain/grid_json.h"
#include "chain/json.h"
#include "tests/unit/wallet/fake_node.h"

namespace tfchain::wallet::testing {

class FakeGrid {
 public:
  explicit FakeGrid(FakeNode& node) { Install(node); }

  // The directory, in the node's JSON; tests edit these freely between runs.
  json twins = json::array();
  json farms = json::array();
  json nodes = json::array();
  json receipts = json::array();
  json proposals = json::array();  // newest first, as gov_listProposals answers

  static json Twin(uint32_t id, const chain::AccountId& account, const std::string& relay = "relay.local") {
    return {{"twin_id", id},
            {"account", chain::ToSs58(account)},
            {"relay", relay},
            {"public_key", chain::ToHex(account.span())},
            {"created_ms", 1'700'000'000'000ull}};
  }

  // A farm with `ips` as {ip, gateway, contract_id} triples.
  static json Farm(uint32_t id, const std::string& name, uint32_t twin_id, const chain::AccountId& owner,
                   const std::vector<std::tuple<std::string, std::string, uint64_t>>& ips = {},
                   std::vector<uint32_t> node_ids = {}) {
    json public_ips = json::array();
    uint64_t free = 0;
    for (const auto& [ip, gateway, contract] : ips) {
      public_ips.push_back({{"ip", ip}, {"gateway", gateway}, {"contract_id", contract}});
      free += contract == 0 ? 1 : 0;
    }
    return {{"farm_id", id},
            {"name", name},
            {"twin_id", twin_id},
            {"owner_account", chain::ToSs58(owner)},
            {"pricing_policy_id", 1},
            {"certification", "not-certified"},
            {"dedicated", false},
            {"public_ips", public_ips},
            {"free_public_ips", free},
            {"node_ids", node_ids},
            {"created_ms", 1'700'000'000'000ull}};
  }

  // A node with `free` capacity (nothing reserved) in city/country.
  static json Node(uint32_t id, uint32_t farm_id, const chain::AccountId& account, chain::Resources free,
                   const std::string& city, const std::string& country, const std::string& status = "up") {
    chain::Location location{city, country, 51'219'400, 4'402'500};
    return {{"node_id", id},
            {"farm_id", farm_id},
            {"twin_id", id + 100},
            {"account", chain::ToSs58(account)},
            {"resources", chain::ToJson(free)},
            {"reserved", chain::ToJson(chain::Resources{})},
            {"free", chain::ToJson(free)},
            {"location", chain::ToJson(location)},
            {"interfaces", json::array({chain::ToJson(chain::NodeInterface{"zos", "52:54:00:12:34:56", {"10.0.0.5"}})})},
            {"public_config", nullptr},
            {"agent_endpoint", "http://10.0.0.5:8080"},
            {"virtualized", false},
            {"serial", nullptr},
            {"certification", "diy"},
            {"power_target", "up"},
            {"power_state", "up"},
            {"status", status},
            {"last_uptime_report_ms", 1'700'000'100'000ull},
            {"connection_price_musd", 80},
            {"farming_policy_id", 1},
            {"created_ms", 1'700'000'000'000ull},
            {"updated_ms", 1'700'000'000'000ull},
            {"farm_name", "farm" + std::to_string(farm_id)},
            {"farm_certification", "not-certified"},
            {"dedicated", false},
            {"free_public_ips", 0}};
  }

  static json Proposal(uint32_t id, const chain::AccountId& proposer, const chain::GovAction& action,
                       const std::string& status) {
    return {{"id", id},
            {"proposer", chain::ToSs58(proposer)},
            {"action", chain::ToJson(action)},
            {"description", "proposal " + std::to_string(id)},
            {"created_height", 10},
            {"end_height", 30},
            {"status", status},
            {"yes_power", "600000000"},
            {"no_power", "100000000"},
            {"total_power", "1000000000"},
            {"result_reason", status == "rejected" ? "no-quorum" : ""},
            {"closed_height", status == "open" ? 0 : 25},
            {"quorum_permill", 500'000},
            {"threshold_permill", 500'001}};
  }

 private:
  static json NotFound(const std::string& reason, const std::string& detail) {
    return {{"error", {{"code", -32001}, {"message", detail}, {"data", {{"reason", reason}, {"detail", detail}}}}}};
  }
  static json BadParams(const std::string& reason, const std::string& detail) {
    return {{"error", {{"code", -32602}, {"message", detail}, {"data", {{"reason", reason}, {"detail", detail}}}}}};
  }
  static json Ok(json result) { return {{"result", std::move(result)}}; }

  // Params must be a by-name object with only `known` members; else an error reply.
  static std::optional<json> CheckParams(const json& params, std::vector<std::string> known) {
    if (params.is_null()) return std::nullopt;
    if (!params.is_object()) return BadParams("bad-params", "the wallet sends parameters by name");
    for (const auto& [key, value] : params.items()) {
      if (std::find(known.begin(), known.end(), key) == known.end()) {
        return BadParams("unknown-param", "unknown parameter '" + key + "'");
      }
    }
    return std::nullopt;
  }

  static std::string Lower(std::string s) {
    for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return s;
  }

  static json Find(const json& list, const std::string& key, const json& value) {
    for (const json& item : list) {
      if (item.at(key) == value) return item;
    }
    return nullptr;
  }

  static bool Matches(const json& node, const json& filter) {
    for (const auto& [key, want] : filter.items()) {
      if (key.starts_with("free_")) {
        if (node["free"][key.substr(5)].get<uint64_t>() < want.get<uint64_t>()) return false;
      } else if (key == "country" || key == "city") {
        if (Lower(node["location"][key].get<std::string>()) != Lower(want.get<std::string>())) return false;
      } else if (key == "farm_id") {
        if (node["farm_id"] != want) return false;
      } else if (key == "certified") {
        if ((node["certification"] == "certified") != want.get<bool>()) return false;
      } else if (key == "has_free_ip") {
        if ((node["free_public_ips"].get<uint64_t>() > 0) != want.get<bool>()) return false;
      } else if (key == "dedicated") {
        if (node["dedicated"] != want) return false;
      } else if (key == "status") {
        if (node["status"] != want) return false;
      }
    }
    return true;
  }

  json FindNodes(const json& params) const {
    if (auto error = CheckParams(params, {"filter", "sort", "offset", "limit"})) return *error;
    const json filter = params.value("filter", json::object());
    for (const auto& [key, value] : filter.items()) {
      static const std::vector<std::string> kKnown = {"free_cru", "free_mru",  "free_sru",    "free_hru",
                                                      "country",  "city",      "farm_id",     "certified",
                                                      "has_free_ip", "dedicated", "status"};
      if (std::find(kKnown.begin(), kKnown.end(), key) == kKnown.end()) {
        return BadParams("unknown-filter", "unknown member '" + key + "'");
      }
    }
    std::vector<json> matched;
    for (const json& n : nodes) {
      if (Matches(n, filter)) matched.push_back(n);
    }
    const std::string sort = params.value("sort", "node_id");
    if (sort != "node_id") {
      const std::string field = sort.substr(5);
      std::stable_sort(matched.begin(), matched.end(), [&](const json& a, const json& b) {
        return a["free"][field].get<uint64_t>() > b["free"][field].get<uint64_t>();
      });
    }
    const uint64_t offset = params.value("offset", uint64_t{0});
    const uint64_t limit = params.value("limit", uint64_t{50});
    if (limit > 500) return BadParams("limit-too-large", "limit above 500");
    json page = json::array();
    for (uint64_t i = offset; i < matched.size() && page.size() < limit; ++i) page.push_back(matched[i]);
    return Ok({{"total", matched.size()}, {"nodes", page}});
  }

  json Rewards(const json& params) const {
    if (auto error = CheckParams(params, {"node_id", "farm_id", "period", "offset", "limit"})) return *error;
    std::vector<json> matched;
    uint64_t total = 0;
    for (const json& r : receipts) {
      bool ok = true;
      for (const char* key : {"node_id", "farm_id", "period"}) {
        if (params.contains(key) && r[key] != params[key]) ok = false;
      }
      if (!ok) continue;
      matched.push_back(r);
      total += std::stoull(r["amount"].get<std::string>());
    }
    const uint64_t offset = params.value("offset", uint64_t{0});
    const uint64_t limit = params.value("limit", uint64_t{100});
    json page = json::array();
    for (uint64_t i = offset; i < matched.size() && page.size() < limit; ++i) page.push_back(matched[i]);
    return Ok({{"receipts", page}, {"count", matched.size()}, {"total", std::to_string(total)}});
  }

  void Install(FakeNode& node) {
    node.On("grid_getTwin", [this](const json& p) -> json {
      if (auto error = CheckParams(p, {"twin_id"})) return *error;
      json twin = Find(twins, "twin_id", p.at("twin_id"));
      return twin.is_null() ? NotFound("twin-not-found", "no twin " + p.at("twin_id").dump()) : Ok(twin);
    });
    node.On("grid_getTwinByAccount", [this](const json& p) -> json {
      if (auto error = CheckParams(p, {"account"})) return *error;
      json twin = Find(twins, "account", p.at("account"));
      return twin.is_null() ? NotFound("twin-not-found", "no twin for " + p.at("account").get<std::string>())
                            : Ok(twin);
    });
    node.On("grid_getFarm", [this](const json& p) -> json {
      if (auto error = CheckParams(p, {"farm_id", "name"})) return *error;
      if (p.contains("name")) {
        for (const json& farm : farms) {
          if (Lower(farm["name"].get<std::string>()) == Lower(p["name"].get<std::string>())) return Ok(farm);
        }
        return NotFound("farm-not-found", "no farm named " + p["name"].get<std::string>());
      }
      json farm = Find(farms, "farm_id", p.at("farm_id"));
      return farm.is_null() ? NotFound("farm-not-found", "no farm " + p.at("farm_id").dump()) : Ok(farm);
    });
    node.On("grid_listFarms", [this](const json& p) -> json {
      if (auto error = CheckParams(p, {"offset", "limit"})) return *error;
      const uint64_t offset = p.value("offset", uint64_t{0});
      const uint64_t limit = p.value("limit", uint64_t{50});
      json page = json::array();
      for (uint64_t i = offset; i < farms.size() && page.size() < limit; ++i) page.push_back(farms[i]);
      return Ok({{"total", farms.size()}, {"farms", page}});
    });
    node.On("grid_getNode", [this](const json& p) -> json {
      if (auto error = CheckParams(p, {"node_id", "account"})) return *error;
      json n = Find(nodes, "node_id", p.at("node_id"));
      return n.is_null() ? NotFound("node-not-found", "no node " + p.at("node_id").dump()) : Ok(n);
    });
    node.On("grid_listNodes", [this](const json& p) { return FindNodes(p); });
    node.On("grid_findNodes", [this](const json& p) { return FindNodes(p); });
    node.On("farming_getRewards", [this](const json& p) { return Rewards(p); });
    node.On("gov_listProposals", [this](const json& p) -> json {
      if (auto error = CheckParams(p, {"status", "limit"})) return *error;
      json list = json::array();
      for (const json& proposal : proposals) {
        if (!p.contains("status") || proposal["status"] == p["status"]) list.push_back(proposal);
      }
      return Ok({{"proposals", list}});
    });
    node.On("gov_getProposal", [this](const json& p) -> json {
      if (auto error = CheckParams(p, {"id"})) return *error;
      json proposal = Find(proposals, "id", p.at("id"));
      return proposal.is_null() ? NotFound("proposal-not-found", "no proposal " + p.at("id").dump()) : Ok(proposal);
    });
  }
};

}  // namespace tfchain::wallet::testing
