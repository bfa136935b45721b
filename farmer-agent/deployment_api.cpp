// The deployment API (deployment_api.h): request checks in a fixed order, and
// the thin cpp-httplib adapter.
#include "farmer-agent/deployment_api.h"

#include <httplib.h>

#include <charconv>

namespace tfchain::agent {
namespace {

using nlohmann::json;

uint64_t AbsDiff(uint64_t a, uint64_t b) { return a > b ? a - b : b - a; }

Status Exceeds(std::string_view what, uint64_t used, uint64_t reserved) {
  return Status::InvalidArgument("exceeds-contract", std::string(what) + ": the deployment needs " +
                                                         std::to_string(used) + ", the contract reserved " +
                                                         std::to_string(reserved));
}

Status CheckFits(const Deployment& d, const ContractInfo& c) {
  const DeploymentUsage u = UsageOf(d);
  const uint64_t cpu_millis = c.resources.cru > UINT64_MAX / 1000 ? UINT64_MAX : c.resources.cru * 1000;
  if (u.cpu_millis > cpu_millis) return Exceeds("cpu millicores", u.cpu_millis, cpu_millis);
  if (u.memory > c.resources.mru) return Exceeds("memory bytes", u.memory, c.resources.mru);
  if (u.storage > c.resources.sru) return Exceeds("volume bytes", u.storage, c.resources.sru);
  if (u.public_ips > c.ips.size()) return Exceeds("public ips", u.public_ips, c.ips.size());
  return Status::Ok();
}

void Reply(httplib::Response& res, const Result<json>& result) {
  if (result.ok()) {
    res.status = 200;
    res.set_content(result->dump(), "application/json");
    return;
  }
  const Status s = result.status();
  res.status = HttpStatusFor(s);
  json body = {{"error", std::string(s.reason())}, {"message", std::string(s.detail())}};
  res.set_content(body.dump(), "application/json");
}

}  // namespace

DeploymentApi::DeploymentApi(ChainView& chain, DeploymentSink& sink, DeploymentApiOptions options)
    : chain_(chain), sink_(sink), options_(options) {}

bool DeploymentApi::RememberSignature(const chain::Signature& sig, uint64_t timestamp_ms, uint64_t now_ms) {
  std::lock_guard<std::mutex> lock(mu_);
  // A request older than now - skew is stale anyway: its signature need not be
  // kept.
  while (!seen_by_time_.empty() && seen_by_time_.begin()->first + options_.max_clock_skew_ms < now_ms) {
    seen_.erase(seen_by_time_.begin()->second);
    seen_by_time_.erase(seen_by_time_.begin());
  }
  chain::Bytes key(sig.bytes().begin(), sig.bytes().end());
  if (!seen_.insert(key).second) return false;
  seen_by_time_.emplace(timestamp_ms, std::move(key));
  return true;
}

void DeploymentApi::ForgetSignature(const chain::Signature& sig) {
  std::lock_guard<std::mutex> lock(mu_);
  chain::Bytes key(sig.bytes().begin(), sig.bytes().end());
  if (seen_.erase(key) == 0) return;
  for (auto it = seen_by_time_.begin(); it != seen_by_time_.end(); ++it) {
    if (it->second == key) {
      seen_by_time_.erase(it);
      return;
    }
  }
}

Result<json> DeploymentApi::HandlePost(std::string_view body, uint64_t now_ms) {
  TF_ASSIGN_OR_RETURN(SignedDeployment req, ParseSignedDeployment(body));
  if (AbsDiff(req.timestamp_ms, now_ms) > options_.max_clock_skew_ms) {
    return Status::InvalidArgument("stale-request", "timestamp_ms " + std::to_string(req.timestamp_ms) +
                                                        " is more than " + std::to_string(options_.max_clock_skew_ms) +
                                                        " ms from the agent's clock " + std::to_string(now_ms));
  }
  if (!VerifySignature(req)) {
    return Status::InvalidArgument("bad-signature", "the signature does not verify for " + chain::ToSs58(req.signer));
  }
  if (!RememberSignature(req.signature, req.timestamp_ms, now_ms)) {
    return Status::InvalidArgument("replayed-request", "this signed request was already received");
  }
  // A signature is remembered while its request is checked and after it was
  // accepted; a refused request may be sent again (e.g. after the chain was
  // unavailable).
  Result<json> out = CheckAndAccept(req);
  if (!out.ok()) ForgetSignature(req.signature);
  return out;
}

Result<json> DeploymentApi::CheckAndAccept(const SignedDeployment& req) {
  const chain::ContractId id = req.deployment.contract_id;
  TF_ASSIGN_OR_RETURN(ContractInfo contract, chain_.GetContract(id));
  TF_ASSIGN_OR_RETURN(chain::AccountId owner, chain_.TwinAccount(contract.twin_id));
  if (owner != req.signer) {
    return Status::InvalidArgument("not-contract-owner", "contract " + std::to_string(id) + " belongs to twin " +
                                                             std::to_string(contract.twin_id) + " (" +
                                                             chain::ToSs58(owner) + "), not " +
                                                             chain::ToSs58(req.signer));
  }
  const chain::Hash256 hash = DeploymentHash(req.deployment);
  if (hash != contract.deployment_hash) {
    return Status::InvalidArgument(
        "hash-mismatch", "deployment hash " + hash.Hex() + " != contract's " + contract.deployment_hash.Hex());
  }
  if (contract.state == chain::ContractState::kDeleted) {
    return Status::InvalidArgument("contract-not-live", "contract " + std::to_string(id) + " is deleted");
  }
  if (contract.node_id != chain_.node_id()) {
    return Status::InvalidArgument("wrong-node", "contract " + std::to_string(id) + " is for node " +
                                                     std::to_string(contract.node_id) + ", this is node " +
                                                     std::to_string(chain_.node_id()));
  }
  TF_RETURN_IF_ERROR(CheckFits(req.deployment, contract));
  TF_RETURN_IF_ERROR(sink_.Accept(req));
  return json{{"contract_id", id}, {"deployment_hash", hash.Hex()}, {"status", "accepted"}};
}

Result<json> DeploymentApi::HandleGet(chain::ContractId contract_id) { return sink_.GetStatus(contract_id); }

int HttpStatusFor(const Status& status) {
  const std::string_view r = status.reason();
  if (r == "bad-signature") return 401;
  if (r == "not-contract-owner") return 403;
  if (r == "hash-mismatch" || r == "contract-not-live" || r == "replayed-request") return 409;
  if (r == "wrong-node") return 421;
  if (r == "exceeds-contract") return 422;
  switch (status.code()) {
    case Status::Code::kOk:
      return 200;
    case Status::Code::kInvalidArgument:
      return 400;
    case Status::Code::kNotFound:
      return 404;
    case Status::Code::kUnavailable:
      return 503;
    default:
      return 500;
  }
}

void MountDeploymentApi(httplib::Server& server, DeploymentApi& api, std::function<uint64_t()> now_ms) {
  server.Post("/deployments", [&api, now_ms](const httplib::Request& req, httplib::Response& res) {
    try {
      Reply(res, api.HandlePost(req.body, now_ms()));
    } catch (const std::exception& e) {  // nlohmann/httplib throw; nothing crosses the adapter
      Reply(res, Status::Internal("internal-error", e.what()));
    }
  });
  server.Get(R"(/deployments/(\d{1,20}))", [&api](const httplib::Request& req, httplib::Response& res) {
    try {
      const std::string text = req.matches[1].str();
      chain::ContractId id = 0;
      auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), id);
      if (ec != std::errc() || ptr != text.data() + text.size()) {
        Reply(res, Status::InvalidArgument("bad-contract-id", text));
        return;
      }
      Reply(res, api.HandleGet(id));
    } catch (const std::exception& e) {
      Reply(res, Status::Internal("internal-error", e.what()));
    }
  });
}

}  // namespace tfchain::agent
