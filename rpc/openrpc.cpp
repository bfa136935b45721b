#include "rpc/openrpc.h"

#include <nlohmann/json.hpp>

#include "rpc/json_schema.h"

namespace tfchain::rpc {

using nlohmann::json;

namespace {

json ParamJson(const ParamSpec& p) {
  json schema = ParamTypeSchema(p.type);
  if (p.default_value != nullptr) schema["default"] = *p.default_value;
  json out = {{"name", p.name}, {"required", p.required}, {"schema", std::move(schema)}};
  if (!p.description.empty()) out["summary"] = p.description;
  return out;
}

json MethodJson(const MethodSpec& m) {
  json params = json::array();
  for (const ParamSpec& p : m.params) params.push_back(ParamJson(p));
  json out = {{"name", m.name},
              {"summary", m.summary},
              {"params", std::move(params)},
              {"result", {{"name", m.result.name}, {"schema", *m.result.schema}}}};
  out["paramStructure"] = "either";  // by position or by name
  if (m.admin) out["x-admin"] = true;
  return out;
}

}  // namespace

json OpenRpcDocument(const MethodTable& table) {
  json methods = json::array();
  for (const auto& m : table.methods()) methods.push_back(MethodJson(*m));
  return {{"openrpc", kOpenRpcVersion},
          {"info", {{"title", kRpcApiTitle}, {"version", kRpcApiVersion}}},
          {"methods", std::move(methods)}};
}

chain::Status RegisterDiscover(MethodTable& table) {
  return table.Register(MethodSpec{.name = "rpc.discover",
                                   .summary = "The OpenRPC 1.2.6 document describing every method of this server.",
                                   .result = {"openrpc_document", Share({{"type", "object"},
                                                                         {"required", {"openrpc", "info", "methods"}},
                                                                         {"properties",
                                                                          {{"openrpc", {{"const", kOpenRpcVersion}}},
                                                                           {"info", {{"type", "object"}}},
                                                                           {"methods", {{"type", "array"}}}}}})},
                                   .handler = [&table](const Params&, json* result) -> RpcStatus {
                                     *result = OpenRpcDocument(table);
                                     return RpcStatus::Ok();
                                   }});
}

}  // namespace tfchain::rpc
