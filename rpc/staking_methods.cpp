// staking_*: the registered validators and double-sign evidence.
#include <nlohmann/json.hpp>

#include "chain/json.h"
#include "rpc/json_schema.h"
#include "rpc/methods.h"

namespace tfchain::rpc {

using nlohmann::json;

namespace {

// staking_getEvidence's limit on committed evidence: the default and the most a
// caller may ask for.
constexpr uint64_t kDefaultEvidenceLimit = 100;
constexpr uint64_t kMaxEvidenceLimit = 1000;

json ValidatorSchema() {
  return ObjectSchema({{"operator", AccountSchema()},
                       {"consensus_key", AccountSchema()},
                       {"commission_permill", UintSchema()},
                       {"pending_commission", NullableSchema(UintSchema())},
                       {"self_bond", AmountSchema()},
                       {"total_bonded", AmountSchema()},
                       {"jailed", BoolSchema()},
                       {"jailed_until", UintSchema()},
                       {"tombstoned", BoolSchema()},
                       {"power_current", AmountSchema()},
                       {"power_next", AmountSchema()},
                       {"missed_blocks", UintSchema()},
                       {"window_blocks", UintSchema()},
                       {"status", {{"type", "string"}, {"enum", {"active", "tombstoned", "jailed", "inactive"}}}}});
}

json EvidenceEntrySchema() {
  return ObjectSchema(
      {{"committed", BoolSchema()}, {"height", NullableSchema(UintSchema())}, {"evidence", EvidenceSchema()}});
}

// "active" while the validator is in the set signing the next block, else why not.
std::string_view ValidatorStatus(const ValidatorView& v) {
  if (v.power_current > 0) return "active";
  if (v.tombstoned) return "tombstoned";
  if (v.jailed) return "jailed";
  return "inactive";
}

json ValidatorJson(const ValidatorView& v) {
  return {{"operator", chain::AccountToJson(v.operator_account)},
          {"consensus_key", chain::AccountToJson(v.consensus_key)},
          {"commission_permill", v.commission_permill},
          {"pending_commission", v.pending_commission ? json(*v.pending_commission) : json(nullptr)},
          {"self_bond", chain::AmountToJson(v.self_bond)},
          {"total_bonded", chain::AmountToJson(v.total_bonded)},
          {"jailed", v.jailed},
          {"jailed_until", v.jailed_until},
          {"tombstoned", v.tombstoned},
          {"power_current", chain::AmountToJson(v.power_current)},
          {"power_next", chain::AmountToJson(v.power_next)},
          {"missed_blocks", v.missed_blocks},
          {"window_blocks", v.window_blocks},
          {"status", ValidatorStatus(v)}};
}

}  // namespace

std::vector<MethodSpec> StakingMethods(NodeApi& node) {
  std::vector<MethodSpec> out;

  out.push_back(
      MethodSpec{.name = "staking_getValidators",
                 .summary = "Every registered validator that is not tombstoned: keys, commission, stake, voting power, "
                            "jail and downtime state.",
                 .result = {"validators", Share(ArraySchema(ValidatorSchema()))},
                 .handler = [&node](const Params&, json* result) -> RpcStatus {
                   auto validators = node.GetValidators();
                   if (!validators.ok()) return validators.status();
                   *result = json::array();
                   for (const ValidatorView& v : *validators) result->push_back(ValidatorJson(v));
                   return RpcStatus::Ok();
                 }});

  out.push_back(
      MethodSpec{.name = "staking_getValidator",
                 .summary = "One validator (tombstoned ones too), by operator account or consensus key.",
                 .params = {{.name = "validator",
                             .type = ParamType::kAccount,
                             .description = "the operator account or the consensus key: SS58 address or 0x-hex"}},
                 .result = {"validator", Share(ValidatorSchema())},
                 .handler = [&node](const Params& params, json* result) -> RpcStatus {
                   auto validator = node.GetValidator(params.Get<chain::AccountId>("validator"));
                   if (!validator.ok()) return validator.status();
                   *result = ValidatorJson(*validator);
                   return RpcStatus::Ok();
                 }});

  out.push_back(MethodSpec{
      .name = "staking_getEvidence",
      .summary = "Double-sign evidence: what this node holds pending, then the most recently committed.",
      .params = {{.name = "limit",
                  .type = ParamType::kUint,
                  .required = false,
                  .description = "at most this many committed pieces (0.." + std::to_string(kMaxEvidenceLimit) +
                                 "); pending ones are always listed",
                  .default_value = Share(json(kDefaultEvidenceLimit))}},
      .result = {"evidence", Share(ArraySchema(EvidenceEntrySchema()))},
      .handler = [&node](const Params& params, json* result) -> RpcStatus {
        const uint64_t limit = params.Get<uint64_t>("limit");
        if (limit > kMaxEvidenceLimit) {
          RpcError e;
          e.code = kInvalidParams;
          e.reason = "limit-too-large";
          e.param = "limit";
          e.message =
              "invalid param 'limit': at most " + std::to_string(kMaxEvidenceLimit) + ", got " + std::to_string(limit);
          return e;
        }
        auto evidence = node.GetEvidence(static_cast<size_t>(limit));
        if (!evidence.ok()) return evidence.status();
        *result = json::array();
        for (const EvidenceView& e : *evidence) {
          result->push_back({{"committed", e.committed},
                             {"height", e.committed ? json(e.height) : json(nullptr)},
                             {"evidence", chain::ToJson(e.evidence)}});
        }
        return RpcStatus::Ok();
      }});

  return out;
}

}  // namespace tfchain::rpc
