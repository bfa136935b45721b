// JSON-RPC 2.0 (https://www.jsonrpc.org/specification) as tfchain serves it:
//   body     := request | "[" request ("," request)* "]"     (at most max_batch)
//   request  := {"jsonrpc": "2.0", "method": string, "params"?: array | object,
//                "id"?: string | number | null}
//   response := {"jsonrpc": "2.0", "result": any, "id": id}
//             | {"jsonrpc": "2.0", "error": {"code", "message", "data"?}, "id": id | null}
// A request without "id" is a notification: it runs, and gets no response even when
// it fails, unless the request itself is malformed (then id is null).
#include "rpc/dispatcher.h"

#include <exception>
#include <nlohmann/json.hpp>
#include <utility>

namespace tfchain::rpc {

using nlohmann::json;

namespace {

json ErrorJson(const RpcError& e) {
  json out = {{"code", e.code}, {"message", e.message}};
  if (!e.reason.empty()) {
    json data = {{"reason", e.reason}};
    if (!e.detail.empty()) data["detail"] = e.detail;
    if (!e.param.empty()) data["param"] = e.param;
    out["data"] = std::move(data);
  }
  return out;
}

json ErrorResponse(const RpcError& e, json id) {
  return {{"jsonrpc", "2.0"}, {"error", ErrorJson(e)}, {"id", std::move(id)}};
}

RpcError Error(int code, std::string reason, std::string message) {
  RpcError e;
  e.code = code;
  e.reason = std::move(reason);
  e.message = std::move(message);
  return e;
}

RpcError ParamError(std::string reason, const std::string& param, std::string message, std::string detail = {}) {
  RpcError e = Error(kInvalidParams, std::move(reason), std::move(message));
  e.param = param;
  e.detail = std::move(detail);
  return e;
}

std::string Dump(const json& value) { return value.dump(-1, ' ', false, json::error_handler_t::replace); }

// The deepest nesting of arrays and objects in `text`, not counting brackets inside
// strings. Stops counting past `limit`.
size_t NestingDepth(std::string_view text, size_t limit) {
  size_t depth = 0, max_depth = 0;
  bool in_string = false, escaped = false;
  for (char c : text) {
    if (in_string) {
      if (escaped) {
        escaped = false;
      } else if (c == '\\') {
        escaped = true;
      } else if (c == '"') {
        in_string = false;
      }
      continue;
    }
    if (c == '"') {
      in_string = true;
    } else if (c == '[' || c == '{') {
      if (++depth > max_depth) max_depth = depth;
      if (max_depth > limit) return max_depth;
    } else if ((c == ']' || c == '}') && depth > 0) {
      --depth;
    }
  }
  return max_depth;
}

// Converts `raw` (the "params" member, nullptr when absent) into `out` following the
// method's parameter list. Positional and named forms are accepted; null == missing.
RpcStatus BindParams(const MethodSpec& spec, const json* raw, Params* out) {
  const size_t n = spec.params.size();
  std::vector<const json*> args(n, nullptr);
  if (raw != nullptr && raw->is_array()) {
    if (raw->size() > n) {
      return ParamError("too-many-params", "",
                        "method '" + spec.name + "' takes at most " + std::to_string(n) + " params, got " +
                            std::to_string(raw->size()));
    }
    for (size_t i = 0; i < raw->size(); ++i) args[i] = &(*raw)[i];
  } else if (raw != nullptr) {  // an object
    for (const auto& [key, value] : raw->items()) {
      size_t i = 0;
      while (i < n && spec.params[i].name != key) ++i;
      if (i == n) return ParamError("unknown-param", key, "method '" + spec.name + "' has no param '" + key + "'");
      args[i] = &value;
    }
  }
  for (size_t i = 0; i < n; ++i) {
    const ParamSpec& p = spec.params[i];
    const json* arg = args[i];
    if (arg == nullptr || arg->is_null()) {
      if (p.default_value != nullptr) {
        arg = p.default_value.get();
      } else if (p.required) {
        return ParamError("missing-param", p.name, "missing required param '" + p.name + "'");
      } else {
        continue;
      }
    }
    auto value = ParseParamValue(p.type, *arg);
    if (!value.ok()) {
      const chain::Status& s = value.status();
      return ParamError(std::string(s.reason()), p.name, "invalid param '" + p.name + "': " + s.ToString(),
                        std::string(s.detail()));
    }
    out->Set(p.name, std::move(value).value());
  }
  return RpcStatus::Ok();
}

// The members of one request, checked.
struct Envelope {
  bool notification = false;
  json id = nullptr;  // null until known to be valid
  const std::string* method = nullptr;
  const json* params = nullptr;  // nullptr when absent
};

// Checks the request object's members (not the method or its params). Fills `out`
// as far as it gets, so that an error can still carry the id.
RpcStatus ReadEnvelope(const json& request, Envelope* out) {
  if (!request.is_object()) {
    return Error(kInvalidRequest, "not-an-object",
                 "invalid request: expected a JSON object, got " + std::string(request.type_name()));
  }
  auto id = request.find("id");
  out->notification = id == request.end();
  if (!out->notification) {
    if (!id->is_string() && !id->is_number() && !id->is_null()) {
      return Error(kInvalidRequest, "bad-id",
                   "invalid request: id must be a string, a number or null, got " + std::string(id->type_name()));
    }
    out->id = *id;
  }
  auto version = request.find("jsonrpc");
  if (version == request.end() || *version != "2.0") {
    return Error(kInvalidRequest, "bad-jsonrpc-version", "invalid request: \"jsonrpc\" must be \"2.0\"");
  }
  auto method = request.find("method");
  if (method == request.end() || !method->is_string()) {
    return Error(kInvalidRequest, "bad-method", "invalid request: \"method\" must be a string");
  }
  out->method = &method->get_ref<const std::string&>();
  auto params = request.find("params");
  if (params != request.end()) {
    if (!params->is_array() && !params->is_object()) {
      return Error(kInvalidRequest, "bad-params", "invalid request: \"params\" must be an array or an object");
    }
    out->params = &*params;
  }
  return RpcStatus::Ok();
}

}  // namespace

std::string ErrorResponseBody(const RpcError& error) { return Dump(ErrorResponse(error, nullptr)); }

Dispatcher::Dispatcher(const MethodTable& table, size_t max_batch) : table_(table), max_batch_(max_batch) {
  for (const auto& m : table_.methods()) counts_[m->name] = 0;
}

void Dispatcher::BeginShutdown() {
  std::lock_guard<std::mutex> lock(mu_);
  shutting_down_ = true;
}

std::map<std::string, uint64_t> Dispatcher::RequestCounts() const {
  std::lock_guard<std::mutex> lock(mu_);
  return counts_;
}

void Dispatcher::Count(const std::string& method) {
  std::lock_guard<std::mutex> lock(mu_);
  ++counts_[method];
}

std::optional<std::string> Dispatcher::Handle(std::string_view body, bool admin_allowed) {
  try {
    if (NestingDepth(body, kMaxJsonDepth) > kMaxJsonDepth) {
      return ErrorResponseBody(Error(kInvalidRequest, "too-deep",
                                     "request nests arrays/objects deeper than " + std::to_string(kMaxJsonDepth)));
    }
    json parsed;
    try {
      parsed = json::parse(body);
    } catch (const json::exception& e) {  // parse_error, or out_of_range for "1e999"
      RpcError err = Error(kParseError, "parse-error", "parse error: the body is not valid JSON");
      err.detail = e.what();
      return ErrorResponseBody(err);
    }
    if (!parsed.is_array()) {
      json response;
      if (!HandleOne(parsed, admin_allowed, &response)) return std::nullopt;
      return Dump(response);
    }
    if (parsed.empty()) return ErrorResponseBody(Error(kInvalidRequest, "empty-batch", "invalid request: empty batch"));
    if (parsed.size() > max_batch_) {
      return ErrorResponseBody(Error(kInvalidRequest, "batch-too-large",
                                     "invalid request: batch of " + std::to_string(parsed.size()) +
                                         " requests exceeds the limit of " + std::to_string(max_batch_)));
    }
    json responses = json::array();
    for (const json& request : parsed) {
      json response;
      if (HandleOne(request, admin_allowed, &response)) responses.push_back(std::move(response));
    }
    if (responses.empty()) return std::nullopt;
    return Dump(responses);
  } catch (...) {  // only allocation failures can get here
    return ErrorResponseBody(Error(kInternalError, "internal-error", "internal error"));
  }
}

bool Dispatcher::HandleOne(const json& request, bool admin_allowed, json* response) {
  Envelope envelope;
  RpcStatus status = ReadEnvelope(request, &envelope);
  if (!status.ok()) {  // malformed requests are answered, notification or not
    *response = ErrorResponse(status.error(), std::move(envelope.id));
    return true;
  }
  json result = nullptr;
  status = Execute(*envelope.method, envelope.params, admin_allowed, &result);
  if (envelope.notification) return false;
  if (status.ok()) {
    *response = {{"jsonrpc", "2.0"}, {"result", std::move(result)}, {"id", std::move(envelope.id)}};
  } else {
    *response = ErrorResponse(status.error(), std::move(envelope.id));
  }
  return true;
}

RpcStatus Dispatcher::Execute(const std::string& name, const json* params, bool admin_allowed, json* result) {
  {
    std::lock_guard<std::mutex> lock(mu_);
    if (shutting_down_) return Error(kUnavailable, "shutting-down", "unavailable: the node is shutting down");
  }
  const MethodSpec* method = table_.Find(name);
  if (method == nullptr) return Error(kMethodNotFound, "method-not-found", "method '" + name + "' not found");
  Count(method->name);
  if (method->admin && !admin_allowed) {
    return Error(kUnauthorized, "unauthorized",
                 "method '" + name + "' is an admin method: send Authorization: Bearer <admin token>");
  }
  Params bound;
  RpcStatus status = BindParams(*method, params, &bound);
  if (!status.ok()) return status;
  try {
    return method->handler(bound, result);
  } catch (...) {
    return Error(kInternalError, "internal-error", "internal error in method '" + name + "'");
  }
}

}  // namespace tfchain::rpc
