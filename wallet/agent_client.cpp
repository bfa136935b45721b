// The farmer agent's deployment API over cpp-httplib. httplib and nlohmann exceptions
// are caught here; every failure is a Status.
#include "wallet/agent_client.h"

#include <httplib.h>

namespace tfchain::wallet {

using chain::Result;
using chain::Status;
using nlohmann::json;

struct AgentClient::Impl {
  explicit Impl(const std::string& endpoint) : client(endpoint) {}
  httplib::Client client;
};

AgentClient::AgentClient(std::string endpoint, std::unique_ptr<Impl> impl)
    : endpoint_(std::move(endpoint)), impl_(std::move(impl)) {}
AgentClient::~AgentClient() = default;

Result<std::unique_ptr<AgentClient>> AgentClient::Create(const std::string& endpoint,
                                                         std::chrono::milliseconds timeout) {
  if (!endpoint.starts_with("http://") || endpoint.size() <= 7) {
    return Status::InvalidArgument("bad-agent-endpoint",
                                   "'" + endpoint + "' is not an http://host:port agent endpoint");
  }
  std::string base = endpoint;
  while (base.size() > 7 && base.back() == '/') base.pop_back();
  auto impl = std::make_unique<Impl>(base);
  if (!impl->client.is_valid()) {
    return Status::InvalidArgument("bad-agent-endpoint", "'" + endpoint + "' is not an http://host:port agent endpoint");
  }
  impl->client.set_connection_timeout(timeout);
  impl->client.set_read_timeout(timeout);
  impl->client.set_write_timeout(timeout);
  return std::unique_ptr<AgentClient>(new AgentClient(base, std::move(impl)));
}

namespace {

// The agent's answer: a 2xx JSON object, or its {"error", "message"} as a Status.
Result<json> Answer(const httplib::Result& result, const std::string& what) {
  if (!result) {
    return Status::Unavailable("agent-unreachable", what + ": " + httplib::to_string(result.error()));
  }
  json doc = json::parse(result->body, nullptr, /*allow_exceptions=*/false);
  if (result->status < 200 || result->status > 299) {
    std::string reason = "agent-error";
    std::string message = "HTTP " + std::to_string(result->status);
    if (doc.is_object()) {
      if (auto it = doc.find("error"); it != doc.end() && it->is_string()) reason = it->get<std::string>();
      if (auto it = doc.find("message"); it != doc.end() && it->is_string()) message = it->get<std::string>();
    }
    if (result->status == 404) return Status::NotFound(reason, message);
    return Status::InvalidArgument(reason, message);
  }
  if (!doc.is_object()) return Status::Corruption("bad-agent-response", what + ": the answer is not a JSON object");
  return doc;
}

std::string StringMember(const json& object, const char* key) {
  auto it = object.find(key);
  return it != object.end() && it->is_string() ? it->get<std::string>() : std::string();
}

}  // namespace

Result<json> AgentClient::PostDeployment(const json& body) {
  auto result = impl_->client.Post("/deployments", body.dump(), "application/json");
  return Answer(result, "POST " + endpoint_ + "/deployments");
}

Result<AgentDeploymentStatus> AgentClient::GetDeployment(chain::ContractId id) {
  const std::string path = "/deployments/" + std::to_string(id);
  auto result = impl_->client.Get(path);
  TF_ASSIGN_OR_RETURN(json doc, Answer(result, "GET " + endpoint_ + path));
  auto bad = [&](const std::string& detail) {
    return Status::Corruption("bad-agent-response", "GET " + endpoint_ + path + ": " + detail);
  };
  AgentDeploymentStatus out;
  out.contract_id = id;
  auto workloads = doc.find("workloads");
  if (workloads == doc.end() || !workloads->is_array()) return bad("no workloads array");
  for (const json& w : *workloads) {
    if (!w.is_object()) return bad("a workload is not an object");
    AgentWorkloadState state{StringMember(w, "name"), StringMember(w, "type"), StringMember(w, "state"),
                             StringMember(w, "message")};
    if (state.name.empty() || state.state.empty()) return bad("a workload lacks its name or state");
    out.workloads.push_back(std::move(state));
  }
  out.raw = std::move(doc);
  return out;
}

}  // namespace tfchain::wallet
