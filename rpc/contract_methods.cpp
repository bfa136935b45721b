// contract_*: the capacity marketplace — node, name and rent contracts, their bills,
// cost estimates, how long a twin's balance lasts, service contracts (docs/rpc.md
// "Contracts").
#include <nlohmann/json.hpp>

#include "chain/grid_json.h"
#include "chain/json.h"
#include "rpc/contract_json.h"
#include "rpc/json_schema.h"
#include "rpc/methods.h"
#include "rpc/param_checks.h"

namespace tfchain::rpc {

using nlohmann::json;

namespace {

ParamSpec ContractIdParam(std::string name = "contract_id") {
  return {.name = std::move(name), .type = ParamType::kUint, .description = "the contract id"};
}

std::vector<ParamSpec> PageParams(const std::string& what) {
  return {{.name = "offset",
           .type = ParamType::kUint,
           .required = false,
           .description = "skip this many " + what,
           .default_value = Share(json(0))},
          {.name = "limit",
           .type = ParamType::kUint,
           .required = false,
           .description = "at most this many " + what + " (0.." + std::to_string(kMaxContractPageSize) + ")",
           .default_value = Share(json(kDefaultContractPageSize))}};
}

// contract_listByTwin / contract_listByNode: `id_param` names the twin or node.
MethodSpec ListMethod(NodeApi& node, std::string name, std::string summary, std::string id_param,
                      std::string id_description, bool by_twin) {
  std::vector<ParamSpec> params = {
      {.name = id_param, .type = ParamType::kUint, .description = std::move(id_description)},
      {.name = "include_deleted",
       .type = ParamType::kBool,
       .required = false,
       .description = "also list deleted contracts",
       .default_value = Share(json(false))}};
  for (ParamSpec& p : PageParams("contracts")) params.push_back(std::move(p));
  return MethodSpec{.name = std::move(name),
                    .summary = std::move(summary),
                    .params = std::move(params),
                    .result = {"contracts", Share(ContractPageSchema())},
                    .handler = [&node, id_param, by_twin](const Params& params, json* result) -> RpcStatus {
                      std::optional<uint32_t> id;
                      RpcStatus s = IdParam(params, id_param, &id);
                      if (!s.ok()) return s;
                      const uint64_t limit = params.Get<uint64_t>("limit");
                      s = CheckLimit("limit", limit, kMaxContractPageSize);
                      if (!s.ok()) return s;
                      const bool include_deleted = params.Get<bool>("include_deleted");
                      const uint64_t offset = params.Get<uint64_t>("offset");
                      auto page = by_twin ? node.ListContractsByTwin(*id, include_deleted, offset, limit)
                                          : node.ListContractsByNode(*id, include_deleted, offset, limit);
                      if (!page.ok()) return page.status();
                      *result = ContractPageJson(*page);
                      return RpcStatus::Ok();
                    }};
}

// The "resources" argument of contract_estimateCost: an object of cru, mru, sru, hru
// (each optional, default 0; integers or decimal strings).
RpcStatus ParseResources(const json& j, chain::Resources* out) {
  if (!j.is_object()) {
    return InvalidParam("resources", "bad-resources", "expected an object, got " + std::string(j.type_name()));
  }
  json full = {{"cru", 0}, {"mru", 0}, {"sru", 0}, {"hru", 0}};
  for (const auto& [key, value] : j.items()) {
    if (!full.contains(key)) {
      return InvalidParam("resources", "bad-resources", "unknown member '" + key + "' (known: cru, mru, sru, hru)");
    }
    if (!value.is_null()) full[key] = value;
  }
  auto parsed = chain::ResourcesFromJson(full);
  if (!parsed.ok()) return InvalidParam("resources", "bad-resources", std::string(parsed.status().detail()));
  *out = *parsed;
  return RpcStatus::Ok();
}

RpcError Unexpected(const std::string& param, std::string_view kind) {
  return InvalidParam(param, "unexpected-param", "not used for " + std::string(kind) + " contracts");
}

RpcStatus EstimateCostHandler(NodeApi& node, const Params& params, json* result) {
  CostQuery query;
  const std::string& kind_name = params.Get<std::string>("kind");
  std::optional<chain::ContractKind> kind = chain::ParseContractKind(kind_name);
  if (!kind) return InvalidParam("kind", "bad-kind", "expected node, rent or name, got '" + kind_name + "'");
  query.kind = *kind;
  std::optional<uint32_t> node_id;
  RpcStatus s = IdParam(params, "node_id", &node_id);
  if (!s.ok()) return s;
  std::optional<uint32_t> twin_id;
  s = IdParam(params, "twin_id", &twin_id);
  if (!s.ok()) return s;
  query.twin = twin_id;
  query.public_ips = params.Get<uint64_t>("public_ips");
  const JsonParam* resources = params.Find<JsonParam>("resources");
  if (query.kind == chain::ContractKind::kName) {
    if (node_id) return Unexpected("node_id", kind_name);
  } else if (!node_id) {
    return InvalidParam("node_id", "missing-param", kind_name + " contracts need a node_id");
  } else {
    query.node_id = *node_id;
  }
  if (query.kind == chain::ContractKind::kNode) {
    if (resources != nullptr) {
      s = ParseResources(**resources, &query.resources);
      if (!s.ok()) return s;
    }
  } else {
    if (resources != nullptr) return Unexpected("resources", kind_name);
    if (query.public_ips != 0) return Unexpected("public_ips", kind_name);
  }
  auto cost = node.EstimateContractCost(query);
  if (!cost.ok()) return cost.status();
  *result = CostJson(*cost);
  return RpcStatus::Ok();
}

}  // namespace

std::vector<MethodSpec> ContractMethods(NodeApi& node) {
  std::vector<MethodSpec> out;

  out.push_back(MethodSpec{.name = "contract_get",
                           .summary = "A node, name or rent contract by id (also when deleted): state, resources, "
                                      "IPs, deployment, acknowledgement, billing.",
                           .params = {ContractIdParam()},
                           .result = {"contract", Share(ContractSchema())},
                           .handler = [&node](const Params& params, json* result) -> RpcStatus {
                             auto contract = node.GetContract(params.Get<uint64_t>("contract_id"));
                             if (!contract.ok()) return contract.status();
                             *result = ContractJson(*contract);
                             return RpcStatus::Ok();
                           }});

  out.push_back(ListMethod(node, "contract_listByTwin",
                           "The contracts a twin owns, ascending by id, a page at a time (live ones unless "
                           "include_deleted).",
                           "twin_id", "the owner's twin id", true));
  out.push_back(ListMethod(node, "contract_listByNode",
                           "The node and rent contracts on a node, ascending by id, a page at a time (live ones "
                           "unless include_deleted).",
                           "node_id", "the node id", false));

  std::vector<ParamSpec> bill_params = {ContractIdParam()};
  for (ParamSpec& p : PageParams("bills")) bill_params.push_back(std::move(p));
  out.push_back(MethodSpec{.name = "contract_getBills",
                           .summary = "A contract's bills, oldest first, a page at a time: interval, uptime, costs, "
                                      "discount, amount paid and its exact split.",
                           .params = std::move(bill_params),
                           .result = {"bills", Share(BillPageSchema())},
                           .handler = [&node](const Params& params, json* result) -> RpcStatus {
                             const uint64_t limit = params.Get<uint64_t>("limit");
                             RpcStatus s = CheckLimit("limit", limit, kMaxContractPageSize);
                             if (!s.ok()) return s;
                             auto page = node.GetContractBills(params.Get<uint64_t>("contract_id"),
                                                               params.Get<uint64_t>("offset"), limit);
                             if (!page.ok()) return page.status();
                             *result = BillPageJson(*page);
                             return RpcStatus::Ok();
                           }});

  out.push_back(MethodSpec{
      .name = "contract_estimateCost",
      .summary = "What a contract would cost at the head: per hour and per 720-hour month in TFT base units, "
                 "with the twin's current discount.",
      .params = {{.name = "kind",
                  .type = ParamType::kString,
                  .required = false,
                  .description = "node, rent or name",
                  .default_value = Share(json("node"))},
                 {.name = "node_id",
                  .type = ParamType::kUint,
                  .required = false,
                  .description = "the node (node and rent contracts)"},
                 {.name = "resources",
                  .type = ParamType::kJson,
                  .required = false,
                  .description = "node contracts: {cru, mru, sru, hru} (cores, bytes; missing members are 0)"},
                 {.name = "public_ips",
                  .type = ParamType::kUint,
                  .required = false,
                  .description = "node contracts: public IPs",
                  .default_value = Share(json(0))},
                 {.name = "twin_id",
                  .type = ParamType::kUint,
                  .required = false,
                  .description = "whose balance sets the discount (none when missing)"}},
      .result = {"cost", Share(CostSchema())},
      .handler = [&node](const Params& params, json* result) { return EstimateCostHandler(node, params, result); }});

  out.push_back(MethodSpec{.name = "contract_fundedUntil",
                           .summary = "When a twin's free balance runs out at the current cost of its live "
                                      "contracts (null: it pays nothing).",
                           .params = {{.name = "twin_id", .type = ParamType::kUint, .description = "the twin id"}},
                           .result = {"funded_until", Share(FundedUntilSchema())},
                           .handler = [&node](const Params& params, json* result) -> RpcStatus {
                             std::optional<uint32_t> id;
                             RpcStatus s = IdParam(params, "twin_id", &id);
                             if (!s.ok()) return s;
                             auto funded = node.GetFundedUntil(*id);
                             if (!funded.ok()) return funded.status();
                             *result = FundedUntilJson(*funded);
                             return RpcStatus::Ok();
                           }});

  out.push_back(
      MethodSpec{.name = "contract_getServiceContract",
                 .summary = "A service contract by id: parties, metadata, fees, approvals.",
                 .params = {{.name = "id", .type = ParamType::kUint, .description = "the service contract id"}},
                 .result = {"service_contract", Share(ServiceContractSchema())},
                 .handler = [&node](const Params& params, json* result) -> RpcStatus {
                   auto contract = node.GetServiceContract(params.Get<uint64_t>("id"));
                   if (!contract.ok()) return contract.status();
                   *result = ServiceContractJson(*contract);
                   return RpcStatus::Ok();
                 }});

  return out;
}

}  // namespace tfchain::rpc
