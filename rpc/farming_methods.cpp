// farming_*: the receipts of on-chain farming rewards (docs/farming.md).
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

constexpr uint64_t kDefaultRewardsLimit = 100;
constexpr uint64_t kMaxRewardsLimit = 1000;

}  // namespace

std::vector<MethodSpec> FarmingMethods(NodeApi& node) {
  std::vector<MethodSpec> out;

  out.push_back(MethodSpec{
      .name = "farming_getRewards",
      .summary = "Farming receipts of settled periods (by node, farm and/or period), with every input of the reward "
                 "computation, and the sum minted.",
      .params = {{.name = "node_id", .type = ParamType::kUint, .required = false, .description = "only this node"},
                 {.name = "farm_id", .type = ParamType::kUint, .required = false, .description = "only this farm"},
                 {.name = "period", .type = ParamType::kUint, .required = false, .description = "only this period"},
                 {.name = "offset",
                  .type = ParamType::kUint,
                  .required = false,
                  .description = "skip this many matching receipts",
                  .default_value = Share(json(0))},
                 {.name = "limit",
                  .type = ParamType::kUint,
                  .required = false,
                  .description = "at most this many receipts (0.." + std::to_string(kMaxRewardsLimit) + ")",
                  .default_value = Share(json(kDefaultRewardsLimit))}},
      .result = {"rewards", Share(ObjectSchema({{"receipts", ArraySchema(FarmingReceiptSchema())},
                                                {"count", UintSchema()},
                                                {"total", AmountSchema()}}))},
      .handler = [&node](const Params& params, json* result) -> RpcStatus {
        RewardsQuery query;
        RpcStatus s = IdParam(params, "node_id", &query.node_id);
        if (s.ok()) s = IdParam(params, "farm_id", &query.farm_id);
        if (s.ok()) s = CheckLimit("limit", params.Get<uint64_t>("limit"), kMaxRewardsLimit);
        if (!s.ok()) return s;
        if (const uint64_t* period = params.Find<uint64_t>("period")) query.period = *period;
        query.offset = params.Get<uint64_t>("offset");
        query.limit = params.Get<uint64_t>("limit");
        auto page = node.GetFarmingRewards(query);
        if (!page.ok()) return page.status();
        json receipts = json::array();
        for (const chain::FarmingReceipt& r : page->receipts) receipts.push_back(chain::ToJson(r));
        *result = {
            {"receipts", std::move(receipts)}, {"count", page->count}, {"total", chain::AmountToJson(page->total)}};
        return RpcStatus::Ok();
      }});

  return out;
}

}  // namespace tfchain::rpc
