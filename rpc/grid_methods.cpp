// grid_*: the TF Directory — twins, farms, nodes and node search, uptime, policies and
// totals (docs/rpc.md "TF Directory").
#include <limits>
#include <nlohmann/json.hpp>

#include "chain/grid_json.h"
#include "chain/json.h"
#include "rpc/grid_json.h"
#include "rpc/json_schema.h"
#include "rpc/methods.h"
#include "rpc/param_checks.h"

namespace tfchain::rpc {

using nlohmann::json;

namespace {

constexpr uint64_t kDefaultFarmPageSize = 50;
constexpr uint64_t kMaxFarmPageSize = 500;

// Exactly one of two alternative parameters must be given.
RpcStatus ExactlyOne(const Params& params, const std::string& a, const std::string& b) {
  if (params.Has(a) && params.Has(b)) {
    return InvalidParam(b, "conflicting-params", "give either '" + a + "' or '" + b + "', not both");
  }
  if (!params.Has(a) && !params.Has(b)) {
    return InvalidParam(a, "missing-param", "give '" + a + "' or '" + b + "'");
  }
  return RpcStatus::Ok();
}

RpcError BadFilter(const std::string& member, const std::string& expected) {
  return InvalidParam("filter", "bad-filter", member + ": expected " + expected);
}

// The "filter" object of grid_findNodes (rpc::NodeFilter). A null member is absent.
RpcStatus ParseFilter(const json& j, NodeFilter* out) {
  if (j.is_null()) return RpcStatus::Ok();
  if (!j.is_object())
    return InvalidParam("filter", "bad-filter", "expected an object, got " + std::string(j.type_name()));
  auto uint_member = [](const json& v) {
    return v.is_number_unsigned() || (v.is_number_integer() && v.get<int64_t>() >= 0);
  };
  for (const auto& [key, v] : j.items()) {
    if (v.is_null()) continue;
    if (key == "free_cru" || key == "free_mru" || key == "free_sru" || key == "free_hru") {
      if (!uint_member(v)) return BadFilter(key, "an integer >= 0");
      const uint64_t value = v.get<uint64_t>();
      if (key == "free_cru") out->free_cru = value;
      if (key == "free_mru") out->free_mru = value;
      if (key == "free_sru") out->free_sru = value;
      if (key == "free_hru") out->free_hru = value;
    } else if (key == "country" || key == "city") {
      if (!v.is_string()) return BadFilter(key, "a string");
      (key == "country" ? out->country : out->city) = v.get<std::string>();
    } else if (key == "farm_id") {
      if (!uint_member(v) || v.get<uint64_t>() > std::numeric_limits<uint32_t>::max()) {
        return BadFilter(key, "a farm id (integer 0..4294967295)");
      }
      out->farm_id = v.get<uint32_t>();
    } else if (key == "certified" || key == "has_free_ip" || key == "dedicated") {
      if (!v.is_boolean()) return BadFilter(key, "a boolean");
      if (key == "certified") out->certified = v.get<bool>();
      if (key == "has_free_ip") out->has_free_ip = v.get<bool>();
      if (key == "dedicated") out->dedicated = v.get<bool>();
    } else if (key == "status") {
      std::optional<NodeStatus> status = v.is_string() ? ParseNodeStatus(v.get<std::string>()) : std::nullopt;
      if (!status) return BadFilter(key, "\"up\", \"standby\" or \"down\"");
      out->status = status;
    } else {
      return InvalidParam("filter", "unknown-filter",
                          "unknown member '" + key +
                              "' (known: free_cru, free_mru, free_sru, free_hru, country, city, farm_id, certified, "
                              "has_free_ip, dedicated, status)");
    }
  }
  return RpcStatus::Ok();
}

RpcStatus FindNodesHandler(NodeApi& node, const Params& params, json* result) {
  NodeQuery query;
  if (const JsonParam* filter = params.Find<JsonParam>("filter")) {
    RpcStatus s = ParseFilter(**filter, &query.filter);
    if (!s.ok()) return s;
  }
  const std::string& sort = params.Get<std::string>("sort");
  std::optional<NodeSort> parsed = ParseNodeSort(sort);
  if (!parsed) {
    return InvalidParam("sort", "bad-sort",
                        "expected node_id, free_cru, free_mru, free_sru or free_hru, got '" + sort + "'");
  }
  query.sort = *parsed;
  query.offset = params.Get<uint64_t>("offset");
  query.limit = params.Get<uint64_t>("limit");
  RpcStatus limit = CheckLimit("limit", query.limit, kMaxNodePageSize);
  if (!limit.ok()) return limit;
  auto page = node.FindNodes(query);
  if (!page.ok()) return page.status();
  json nodes = json::array();
  for (const NodeView& n : page->nodes) nodes.push_back(NodeJson(n));
  *result = {{"total", page->total}, {"nodes", std::move(nodes)}};
  return RpcStatus::Ok();
}

std::vector<ParamSpec> FindNodesParams() {
  return {{.name = "filter",
           .type = ParamType::kJson,
           .required = false,
           .description = "object of optional members: free_cru, free_mru, free_sru, free_hru (free capacity >=, cores "
                          "or bytes), country, city (case-insensitive), farm_id, certified, has_free_ip, dedicated "
                          "(booleans), status (\"up\"|\"standby\"|\"down\")"},
          {.name = "sort",
           .type = ParamType::kString,
           .required = false,
           .description = "node_id (ascending) or free_cru | free_mru | free_sru | free_hru (descending)",
           .default_value = Share(json("node_id"))},
          {.name = "offset",
           .type = ParamType::kUint,
           .required = false,
           .description = "skip this many matching nodes",
           .default_value = Share(json(0))},
          {.name = "limit",
           .type = ParamType::kUint,
           .required = false,
           .description = "at most this many nodes (0.." + std::to_string(kMaxNodePageSize) + ")",
           .default_value = Share(json(kDefaultNodePageSize))}};
}

json NodePageSchema() { return ObjectSchema({{"total", UintSchema()}, {"nodes", ArraySchema(NodeSchema())}}); }

// grid_getPricingPolicy / grid_getFarmingPolicy: one policy by id, or all of them.
template <typename Fetch>
RpcStatus PolicyResult(const Params& params, Fetch fetch, json* result) {
  std::optional<uint32_t> id;
  RpcStatus s = IdParam(params, "id", &id);
  if (!s.ok()) return s;
  auto policies = fetch();
  if (!policies.ok()) return policies.status();
  using Policy = typename std::decay_t<decltype(*policies)>::value_type;
  if (!id) {
    *result = json::array();
    for (const Policy& p : *policies) result->push_back(chain::ToJson(p));
    return RpcStatus::Ok();
  }
  for (const Policy& p : *policies) {
    if (p.id == *id) {
      *result = chain::ToJson(p);
      return RpcStatus::Ok();
    }
  }
  return chain::Status::NotFound("policy-not-found", "no policy " + std::to_string(*id));
}

ParamSpec PolicyIdParam() {
  return {.name = "id", .type = ParamType::kUint, .required = false, .description = "policy id; null or missing: all"};
}

}  // namespace

std::vector<MethodSpec> GridMethods(NodeApi& node) {
  std::vector<MethodSpec> out;

  out.push_back(MethodSpec{.name = "grid_getTwin",
                           .summary = "A twin by id: its account, relay and public key.",
                           .params = {{.name = "twin_id", .type = ParamType::kUint, .description = "the twin id"}},
                           .result = {"twin", Share(TwinSchema())},
                           .handler = [&node](const Params& params, json* result) -> RpcStatus {
                             std::optional<uint32_t> id;
                             RpcStatus s = IdParam(params, "twin_id", &id);
                             if (!s.ok()) return s;
                             auto twin = node.GetTwin(*id);
                             if (!twin.ok()) return twin.status();
                             *result = TwinJson(*twin);
                             return RpcStatus::Ok();
                           }});

  out.push_back(MethodSpec{
      .name = "grid_getTwinByAccount",
      .summary = "The twin of an account.",
      .params = {{.name = "account", .type = ParamType::kAccount, .description = "SS58 address or 0x-hex account id"}},
      .result = {"twin", Share(TwinSchema())},
      .handler = [&node](const Params& params, json* result) -> RpcStatus {
        auto twin = node.GetTwinByAccount(params.Get<chain::AccountId>("account"));
        if (!twin.ok()) return twin.status();
        *result = TwinJson(*twin);
        return RpcStatus::Ok();
      }});

  out.push_back(MethodSpec{
      .name = "grid_getFarm",
      .summary = "A farm by id or by name (case-insensitive): owner, pricing policy, public IPs and nodes.",
      .params = {{.name = "farm_id", .type = ParamType::kUint, .required = false, .description = "the farm id"},
                 {.name = "name", .type = ParamType::kString, .required = false, .description = "or the farm name"}},
      .result = {"farm", Share(FarmSchema())},
      .handler = [&node](const Params& params, json* result) -> RpcStatus {
        RpcStatus s = ExactlyOne(params, "farm_id", "name");
        if (!s.ok()) return s;
        std::optional<uint32_t> id;
        s = IdParam(params, "farm_id", &id);
        if (!s.ok()) return s;
        auto farm = id ? node.GetFarm(*id) : node.GetFarmByName(params.Get<std::string>("name"));
        if (!farm.ok()) return farm.status();
        *result = FarmJson(*farm);
        return RpcStatus::Ok();
      }});

  out.push_back(MethodSpec{
      .name = "grid_listFarms",
      .summary = "Farms in id order, a page at a time.",
      .params = {{.name = "offset",
                  .type = ParamType::kUint,
                  .required = false,
                  .description = "skip this many farms",
                  .default_value = Share(json(0))},
                 {.name = "limit",
                  .type = ParamType::kUint,
                  .required = false,
                  .description = "at most this many farms (0.." + std::to_string(kMaxFarmPageSize) + ")",
                  .default_value = Share(json(kDefaultFarmPageSize))}},
      .result = {"farms", Share(ObjectSchema({{"total", UintSchema()}, {"farms", ArraySchema(FarmSchema())}}))},
      .handler = [&node](const Params& params, json* result) -> RpcStatus {
        const uint64_t limit = params.Get<uint64_t>("limit");
        RpcStatus s = CheckLimit("limit", limit, kMaxFarmPageSize);
        if (!s.ok()) return s;
        auto page = node.ListFarms(params.Get<uint64_t>("offset"), limit);
        if (!page.ok()) return page.status();
        json farms = json::array();
        for (const FarmView& f : page->farms) farms.push_back(FarmJson(f));
        *result = {{"total", page->total}, {"farms", std::move(farms)}};
        return RpcStatus::Ok();
      }});

  out.push_back(MethodSpec{
      .name = "grid_getNode",
      .summary = "A node by id or by its own account: capacity (total, reserved, free), location, status, farm.",
      .params = {{.name = "node_id", .type = ParamType::kUint, .required = false, .description = "the node id"},
                 {.name = "account",
                  .type = ParamType::kAccount,
                  .required = false,
                  .description = "or the node's account (SS58 or 0x-hex)"}},
      .result = {"node", Share(NodeSchema())},
      .handler = [&node](const Params& params, json* result) -> RpcStatus {
        RpcStatus s = ExactlyOne(params, "node_id", "account");
        if (!s.ok()) return s;
        std::optional<uint32_t> id;
        s = IdParam(params, "node_id", &id);
        if (!s.ok()) return s;
        auto view = id ? node.GetNode(*id) : node.GetNodeByAccount(params.Get<chain::AccountId>("account"));
        if (!view.ok()) return view.status();
        *result = NodeJson(*view);
        return RpcStatus::Ok();
      }});

  for (const char* name : {"grid_findNodes", "grid_listNodes"}) {
    out.push_back(MethodSpec{
        .name = name,
        .summary = std::string(name) == "grid_findNodes"
                       ? "Nodes matching a filter (free capacity, location, farm, certification, free public IPs, "
                         "dedicated, status), sorted and paged, with the number of matches."
                       : "Nodes, a page at a time (same parameters and result as grid_findNodes).",
        .params = FindNodesParams(),
        .result = {"nodes", Share(NodePageSchema())},
        .handler = [&node](const Params& params, json* result) { return FindNodesHandler(node, params, result); }});
  }

  out.push_back(MethodSpec{.name = "grid_getNodeUptime",
                           .summary = "A node's uptime record: status, last report, uptime credited per unsettled "
                                      "farming period.",
                           .params = {{.name = "node_id", .type = ParamType::kUint, .description = "the node id"}},
                           .result = {"uptime", Share(UptimeSchema())},
                           .handler = [&node](const Params& params, json* result) -> RpcStatus {
                             std::optional<uint32_t> id;
                             RpcStatus s = IdParam(params, "node_id", &id);
                             if (!s.ok()) return s;
                             auto uptime = node.GetNodeUptime(*id);
                             if (!uptime.ok()) return uptime.status();
                             *result = UptimeJson(*uptime);
                             return RpcStatus::Ok();
                           }});

  out.push_back(
      MethodSpec{.name = "grid_getPricingPolicy",
                 .summary = "A pricing policy by id, or every pricing policy when no id is given.",
                 .params = {PolicyIdParam()},
                 .result = {"policy", Share({{"oneOf", {PricingPolicySchema(), ArraySchema(PricingPolicySchema())}}})},
                 .handler = [&node](const Params& params, json* result) {
                   return PolicyResult(
                       params, [&node] { return node.GetPricingPolicies(); }, result);
                 }});

  out.push_back(
      MethodSpec{.name = "grid_getFarmingPolicy",
                 .summary = "A farming policy by id, or every farming policy when no id is given.",
                 .params = {PolicyIdParam()},
                 .result = {"policy", Share({{"oneOf", {FarmingPolicySchema(), ArraySchema(FarmingPolicySchema())}}})},
                 .handler = [&node](const Params& params, json* result) {
                   return PolicyResult(
                       params, [&node] { return node.GetFarmingPolicies(); }, result);
                 }});

  out.push_back(MethodSpec{.name = "grid_getStats",
                           .summary = "Directory totals: nodes (up, standby), farms, twins, total and free capacity, "
                                      "public IPs.",
                           .result = {"stats", Share(GridStatsSchema())},
                           .handler = [&node](const Params&, json* result) -> RpcStatus {
                             auto stats = node.GetGridStats();
                             if (!stats.ok()) return stats.status();
                             *result = GridStatsJson(*stats);
                             return RpcStatus::Ok();
                           }});

  return out;
}

}  // namespace tfchain::rpc
