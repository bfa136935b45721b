#include "rpc/grid_json.h"

#include <nlohmann/json.hpp>

#include "chain/grid_json.h"
#include "chain/json.h"
#include "rpc/json_schema.h"

namespace tfchain::rpc {

using nlohmann::json;

namespace {

json NodeStatusSchema() { return EnumSchema({"up", "standby", "down"}); }
json PowerStateSchema() { return EnumSchema({"up", "down"}); }
json NodeCertificationSchema() { return EnumSchema({"diy", "certified"}); }
json FarmCertificationSchema() { return EnumSchema({"not-certified", "gold"}); }

json DegreesSchema() {
  return {
      {"type", "string"}, {"pattern", "^-?[0-9]{1,3}\\.[0-9]{6}$"}, {"description", "degrees with exactly 6 decimals"}};
}

json LocationSchema() {
  return ObjectSchema({{"city", StringSchema()},
                       {"country", StringSchema()},
                       {"latitude", DegreesSchema()},
                       {"longitude", DegreesSchema()}});
}

json InterfaceSchema() {
  return ObjectSchema({{"name", StringSchema()}, {"mac", StringSchema()}, {"ips", ArraySchema(StringSchema())}});
}

json IpConfigSchema() { return ObjectSchema({{"ip", StringSchema()}, {"gw", StringSchema()}}); }

json PublicConfigSchema() {
  return ObjectSchema({{"ip4", IpConfigSchema()},
                       {"ip6", NullableSchema(IpConfigSchema())},
                       {"domain", NullableSchema(StringSchema())}});
}

json GridParamsSchema() {
  return ObjectSchema({{"uptime_interval_ms", UintSchema()},
                       {"farming_period_ms", UintSchema()},
                       {"standby_window_ms", UintSchema()},
                       {"tft_price_musd", UintSchema()},
                       {"max_payouts_per_block", UintSchema()}});
}

json GovernanceParamsSchema() {
  return ObjectSchema({{"voting_period_blocks", UintSchema()},
                       {"quorum_permill", UintSchema()},
                       {"threshold_permill", UintSchema()},
                       {"max_open_proposals", UintSchema()}});
}

json ActionSchema(std::string_view kind, json members) {
  members["kind"] = {{"const", kind}};
  return ObjectSchema(std::move(members));
}

}  // namespace

json TwinJson(const TwinView& t) {
  return {{"twin_id", t.twin_id},
          {"account", chain::AccountToJson(t.account)},
          {"relay", t.relay},
          {"public_key", chain::ToHex(t.public_key)},
          {"created_ms", t.created_ms}};
}

json TwinSchema() {
  return ObjectSchema({{"twin_id", UintSchema()},
                       {"account", AccountSchema()},
                       {"relay", StringSchema()},
                       {"public_key", HexSchema()},
                       {"created_ms", UintSchema()}});
}

json FarmJson(const FarmView& f) {
  json ips = json::array();
  for (const FarmIpView& ip : f.public_ips) {
    ips.push_back({{"ip", ip.ip}, {"gateway", ip.gateway}, {"contract_id", ip.contract_id}});
  }
  return {{"farm_id", f.farm_id},
          {"name", f.name},
          {"twin_id", f.twin_id},
          {"owner_account", chain::AccountToJson(f.owner_account)},
          {"pricing_policy_id", f.pricing_policy_id},
          {"certification", chain::FarmCertificationName(f.certification)},
          {"dedicated", f.dedicated},
          {"public_ips", std::move(ips)},
          {"free_public_ips", f.free_public_ips},
          {"node_ids", f.node_ids},
          {"created_ms", f.created_ms}};
}

json FarmSchema() {
  return ObjectSchema(
      {{"farm_id", UintSchema()},
       {"name", StringSchema()},
       {"twin_id", UintSchema()},
       {"owner_account", AccountSchema()},
       {"pricing_policy_id", UintSchema()},
       {"certification", FarmCertificationSchema()},
       {"dedicated", BoolSchema()},
       {"public_ips", ArraySchema(ObjectSchema(
                          {{"ip", StringSchema()}, {"gateway", StringSchema()}, {"contract_id", UintSchema()}}))},
       {"free_public_ips", UintSchema()},
       {"node_ids", ArraySchema(UintSchema())},
       {"created_ms", UintSchema()}});
}

json NodeJson(const NodeView& n) {
  json interfaces = json::array();
  for (const chain::NodeInterface& i : n.interfaces) interfaces.push_back(chain::ToJson(i));
  return {{"node_id", n.node_id},
          {"farm_id", n.farm_id},
          {"twin_id", n.twin_id},
          {"account", chain::AccountToJson(n.account)},
          {"resources", chain::ToJson(n.resources)},
          {"reserved", chain::ToJson(n.reserved)},
          {"free", chain::ToJson(n.free)},
          {"location", chain::ToJson(n.location)},
          {"interfaces", std::move(interfaces)},
          {"public_config", n.public_config ? chain::ToJson(*n.public_config) : json(nullptr)},
          {"agent_endpoint", n.agent_endpoint},
          {"virtualized", n.virtualized},
          {"serial", n.serial ? json(*n.serial) : json(nullptr)},
          {"certification", chain::NodeCertificationName(n.certification)},
          {"power_target", chain::PowerStateName(n.power_target)},
          {"power_state", chain::PowerStateName(n.power_state)},
          {"status", NodeStatusName(n.status)},
          {"last_uptime_report_ms", n.last_uptime_report_ms},
          {"connection_price_musd", n.connection_price_musd},
          {"farming_policy_id", n.farming_policy_id},
          {"created_ms", n.created_ms},
          {"updated_ms", n.updated_ms},
          {"farm_name", n.farm_name},
          {"farm_certification", chain::FarmCertificationName(n.farm_certification)},
          {"dedicated", n.dedicated},
          {"free_public_ips", n.free_public_ips}};
}

json NodeSchema() {
  return ObjectSchema({{"node_id", UintSchema()},
                       {"farm_id", UintSchema()},
                       {"twin_id", UintSchema()},
                       {"account", AccountSchema()},
                       {"resources", ResourcesSchema()},
                       {"reserved", ResourcesSchema()},
                       {"free", ResourcesSchema()},
                       {"location", LocationSchema()},
                       {"interfaces", ArraySchema(InterfaceSchema())},
                       {"public_config", NullableSchema(PublicConfigSchema())},
                       {"agent_endpoint", StringSchema()},
                       {"virtualized", BoolSchema()},
                       {"serial", NullableSchema(StringSchema())},
                       {"certification", NodeCertificationSchema()},
                       {"power_target", PowerStateSchema()},
                       {"power_state", PowerStateSchema()},
                       {"status", NodeStatusSchema()},
                       {"last_uptime_report_ms", UintSchema()},
                       {"connection_price_musd", UintSchema()},
                       {"farming_policy_id", UintSchema()},
                       {"created_ms", UintSchema()},
                       {"updated_ms", UintSchema()},
                       {"farm_name", StringSchema()},
                       {"farm_certification", FarmCertificationSchema()},
                       {"dedicated", BoolSchema()},
                       {"free_public_ips", UintSchema()}});
}

json UptimeJson(const UptimeView& u) {
  json periods = json::array();
  for (const UptimePeriodView& p : u.periods) {
    periods.push_back({{"period", p.period}, {"uptime_ms", p.uptime_ms}, {"ip_ms", p.ip_ms}});
  }
  return {{"node_id", u.node_id},
          {"status", NodeStatusName(u.status)},
          {"last_report_ms", u.last_report_ms},
          {"first_report_ms", u.first_report_ms},
          {"last_uptime_s", u.last_uptime_s},
          {"periods", std::move(periods)},
          {"interval_ms", u.interval_ms}};
}

json UptimeSchema() {
  return ObjectSchema(
      {{"node_id", UintSchema()},
       {"status", NodeStatusSchema()},
       {"last_report_ms", UintSchema()},
       {"first_report_ms", UintSchema()},
       {"last_uptime_s", UintSchema()},
       {"periods",
        ArraySchema(ObjectSchema({{"period", UintSchema()}, {"uptime_ms", UintSchema()}, {"ip_ms", UintSchema()}}))},
       {"interval_ms", UintSchema()}});
}

json GridStatsJson(const GridStats& s) {
  return {{"nodes_total", s.nodes_total},
          {"nodes_up", s.nodes_up},
          {"nodes_standby", s.nodes_standby},
          {"farms", s.farms},
          {"twins", s.twins},
          {"total", chain::ToJson(s.total)},
          {"free", chain::ToJson(s.free)},
          {"public_ips", s.public_ips},
          {"free_public_ips", s.free_public_ips}};
}

json GridStatsSchema() {
  return ObjectSchema({{"nodes_total", UintSchema()},
                       {"nodes_up", UintSchema()},
                       {"nodes_standby", UintSchema()},
                       {"farms", UintSchema()},
                       {"twins", UintSchema()},
                       {"total", ResourcesSchema()},
                       {"free", ResourcesSchema()},
                       {"public_ips", UintSchema()},
                       {"free_public_ips", UintSchema()}});
}

json ProposalJson(const ProposalView& p) {
  return {{"id", p.id},
          {"proposer", chain::AccountToJson(p.proposer)},
          {"action", chain::ToJson(p.action)},
          {"description", p.description},
          {"created_height", p.created_height},
          {"end_height", p.end_height},
          {"status", ProposalStatusName(p.status)},
          {"yes_power", chain::AmountToJson(p.yes_power)},
          {"no_power", chain::AmountToJson(p.no_power)},
          {"total_power", chain::AmountToJson(p.total_power)},
          {"result_reason", p.result_reason},
          {"closed_height", p.closed_height},
          {"quorum_permill", p.quorum_permill},
          {"threshold_permill", p.threshold_permill}};
}

json ProposalSchema() {
  return ObjectSchema({{"id", UintSchema()},
                       {"proposer", AccountSchema()},
                       {"action", GovActionSchema()},
                       {"description", StringSchema()},
                       {"created_height", UintSchema()},
                       {"end_height", UintSchema()},
                       {"status", EnumSchema({"open", "enacted", "rejected"})},
                       {"yes_power", AmountSchema()},
                       {"no_power", AmountSchema()},
                       {"total_power", AmountSchema()},
                       {"result_reason", StringSchema()},
                       {"closed_height", UintSchema()},
                       {"quorum_permill", UintSchema()},
                       {"threshold_permill", UintSchema()}});
}

json SolutionProviderJson(const SolutionProviderView& p) {
  json providers = json::array();
  for (const chain::SolutionProviderShare& share : p.providers) {
    providers.push_back({{"account", chain::AccountToJson(share.account)}, {"take_percent", share.take_percent}});
  }
  return {{"provider_id", p.id},
          {"creator", chain::AccountToJson(p.creator)},
          {"description", p.description},
          {"link", p.link},
          {"providers", std::move(providers)},
          {"approved", p.approved},
          {"created_ms", p.created_ms}};
}

json SolutionProviderSchema() {
  return ObjectSchema({{"provider_id", UintSchema()},
                       {"creator", AccountSchema()},
                       {"description", StringSchema()},
                       {"link", StringSchema()},
                       {"providers",
                        ArraySchema(ObjectSchema({{"account", AccountSchema()}, {"take_percent", UintSchema()}}))},
                       {"approved", BoolSchema()},
                       {"created_ms", UintSchema()}});
}

json ResourcesSchema() {
  return ObjectSchema({{"cru", UintSchema()}, {"mru", UintSchema()}, {"sru", UintSchema()}, {"hru", UintSchema()}});
}

json PricingPolicySchema() {
  return ObjectSchema({{"id", UintSchema()},
                       {"name", StringSchema()},
                       {"su", UintSchema()},
                       {"cu", UintSchema()},
                       {"nu", UintSchema()},
                       {"ipu", UintSchema()},
                       {"unique_name", UintSchema()},
                       {"domain_name", UintSchema()},
                       {"foundation_account", AccountSchema()},
                       {"certified_sales_account", AccountSchema()},
                       {"dedicated_discount_percent", UintSchema()}});
}

json FarmingPolicySchema() {
  return ObjectSchema({{"id", UintSchema()},
                       {"name", StringSchema()},
                       {"cu", UintSchema()},
                       {"su", UintSchema()},
                       {"nu", UintSchema()},
                       {"ipv4", UintSchema()},
                       {"minimal_uptime_permill", UintSchema()},
                       {"node_certification", NodeCertificationSchema()},
                       {"farm_certification", FarmCertificationSchema()},
                       {"is_default", BoolSchema()},
                       {"immutable", BoolSchema()}});
}

json FarmingReceiptSchema() {
  return ObjectSchema({{"period", UintSchema()},
                       {"node_id", UintSchema()},
                       {"farm_id", UintSchema()},
                       {"account", AccountSchema()},
                       {"policy_id", UintSchema()},
                       {"cu_rate", UintSchema()},
                       {"su_rate", UintSchema()},
                       {"ipv4_rate", UintSchema()},
                       {"minimal_uptime_permill", UintSchema()},
                       {"period_ms", UintSchema()},
                       {"uptime_ms", UintSchema()},
                       {"cu_micro", UintSchema()},
                       {"su_micro", UintSchema()},
                       {"ip_ms", UintSchema()},
                       {"connection_price_musd", UintSchema()},
                       {"reward_nusd", AmountSchema()},
                       {"amount", AmountSchema()},
                       {"virtualized", BoolSchema()}});
}

json GovActionSchema() {
  return {{"oneOf",
           {ActionSchema("set-tft-price", {{"tft_price_musd", UintSchema()}}),
            ActionSchema("set-pricing-policy", {{"policy", PricingPolicySchema()}}),
            ActionSchema("set-farming-policy", {{"policy", FarmingPolicySchema()}}),
            ActionSchema("set-certifier", {{"account", AccountSchema()}, {"member", BoolSchema()}}),
            ActionSchema("set-grid-params", {{"params", GridParamsSchema()}}),
            ActionSchema("set-governance-params", {{"params", GovernanceParamsSchema()}})}}};
}

}  // namespace tfchain::rpc
