#include "rpc/method_table.h"

#include <nlohmann/json.hpp>
#include <set>

namespace tfchain::rpc {

using chain::Status;

namespace {

Status BadSpec(const std::string& method, const std::string& detail) {
  return Status::InvalidArgument("bad-method-spec", "method '" + method + "': " + detail);
}

Status CheckParams(const MethodSpec& spec) {
  std::set<std::string, std::less<>> names;
  bool seen_optional = false;
  for (const ParamSpec& p : spec.params) {
    if (p.name.empty()) return BadSpec(spec.name, "a parameter has no name");
    if (!names.insert(p.name).second) return BadSpec(spec.name, "duplicate parameter '" + p.name + "'");
    if (p.required && seen_optional) {
      return BadSpec(spec.name, "required parameter '" + p.name + "' follows an optional one");
    }
    seen_optional = seen_optional || !p.required;
    if (p.default_value == nullptr) continue;
    if (p.required) return BadSpec(spec.name, "required parameter '" + p.name + "' has a default");
    if (p.default_value->is_null()) return BadSpec(spec.name, "parameter '" + p.name + "' has a null default");
    auto converted = ParseParamValue(p.type, *p.default_value);
    if (!converted.ok()) {
      return BadSpec(spec.name, "default of '" + p.name + "' is not a valid " + std::string(ParamTypeName(p.type)) +
                                    ": " + converted.status().ToString());
    }
  }
  return Status::Ok();
}

}  // namespace

Status MethodTable::Register(MethodSpec spec) {
  if (spec.name.empty()) return BadSpec(spec.name, "empty name");
  if (Find(spec.name) != nullptr) {
    return Status::InvalidArgument("duplicate-method", "method '" + spec.name + "' is already registered");
  }
  if (spec.summary.empty()) return BadSpec(spec.name, "empty summary");
  if (!spec.handler) return BadSpec(spec.name, "no handler");
  if (spec.result.name.empty()) return BadSpec(spec.name, "the result has no name");
  if (spec.result.schema == nullptr || !spec.result.schema->is_object()) {
    return BadSpec(spec.name, "the result schema is not a JSON object");
  }
  TF_RETURN_IF_ERROR(CheckParams(spec));
  methods_.push_back(std::make_unique<const MethodSpec>(std::move(spec)));
  by_name_.emplace(methods_.back()->name, methods_.back().get());
  return Status::Ok();
}

const MethodSpec* MethodTable::Find(std::string_view name) const {
  auto it = by_name_.find(name);
  return it == by_name_.end() ? nullptr : it->second;
}

}  // namespace tfchain::rpc
