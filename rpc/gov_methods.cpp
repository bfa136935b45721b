// gov_*: governance proposals (docs/governance.md), and grid_getSolutionProvider
// (solution providers are approved by governance; docs/directory.md).
#include <nlohmann/json.hpp>

#include "rpc/grid_json.h"
#include "rpc/json_schema.h"
#include "rpc/methods.h"
#include "rpc/param_checks.h"

namespace tfchain::rpc {

using nlohmann::json;

namespace {

constexpr uint64_t kDefaultProposalsLimit = 100;
constexpr uint64_t kMaxProposalsLimit = 1000;

}  // namespace

std::vector<MethodSpec> GovMethods(NodeApi& node) {
  std::vector<MethodSpec> out;

  out.push_back(MethodSpec{
      .name = "gov_listProposals",
      .summary = "Governance proposals, newest first, optionally only those with a status.",
      .params = {{.name = "status",
                  .type = ParamType::kString,
                  .required = false,
                  .description = "\"open\", \"enacted\" or \"rejected\"; null or missing: any"},
                 {.name = "limit",
                  .type = ParamType::kUint,
                  .required = false,
                  .description = "at most this many proposals (0.." + std::to_string(kMaxProposalsLimit) + ")",
                  .default_value = Share(json(kDefaultProposalsLimit))}},
      .result = {"proposals", Share(ObjectSchema({{"proposals", ArraySchema(ProposalSchema())}}))},
      .handler = [&node](const Params& params, json* result) -> RpcStatus {
        std::optional<ProposalStatus> status;
        if (const std::string* name = params.Find<std::string>("status")) {
          status = ParseProposalStatus(*name);
          if (!status) {
            return InvalidParam("status", "bad-status", "expected open, enacted or rejected, got '" + *name + "'");
          }
        }
        const uint64_t limit = params.Get<uint64_t>("limit");
        RpcStatus s = CheckLimit("limit", limit, kMaxProposalsLimit);
        if (!s.ok()) return s;
        auto proposals = node.ListProposals(status, static_cast<size_t>(limit));
        if (!proposals.ok()) return proposals.status();
        json list = json::array();
        for (const ProposalView& p : *proposals) list.push_back(ProposalJson(p));
        *result = {{"proposals", std::move(list)}};
        return RpcStatus::Ok();
      }});

  out.push_back(MethodSpec{.name = "gov_getProposal",
                           .summary = "One governance proposal: its action, votes so far and outcome.",
                           .params = {{.name = "id", .type = ParamType::kUint, .description = "the proposal id"}},
                           .result = {"proposal", Share(ProposalSchema())},
                           .handler = [&node](const Params& params, json* result) -> RpcStatus {
                             std::optional<uint32_t> id;
                             RpcStatus s = IdParam(params, "id", &id);
                             if (!s.ok()) return s;
                             auto proposal = node.GetProposal(*id);
                             if (!proposal.ok()) return proposal.status();
                             *result = ProposalJson(*proposal);
                             return RpcStatus::Ok();
                           }});

  out.push_back(MethodSpec{.name = "grid_getSolutionProvider",
                           .summary = "One solution provider: its shares and whether governance approved it.",
                           .params = {{.name = "id", .type = ParamType::kUint, .description = "the provider id"}},
                           .result = {"provider", Share(SolutionProviderSchema())},
                           .handler = [&node](const Params& params, json* result) -> RpcStatus {
                             std::optional<uint32_t> id;
                             RpcStatus s = IdParam(params, "id", &id);
                             if (!s.ok()) return s;
                             auto provider = node.GetSolutionProvider(*id);
                             if (!provider.ok()) return provider.status();
                             *result = SolutionProviderJson(*provider);
                             return RpcStatus::Ok();
                           }});

  return out;
}

}  // namespace tfchain::rpc
