#include "rpc/contract_json.h"

#include <nlohmann/json.hpp>

#include "chain/grid_json.h"
#include "chain/json.h"
#include "rpc/grid_json.h"
#include "rpc/json_schema.h"

namespace tfchain::rpc {

using nlohmann::json;

namespace {

json ContractKindSchema() { return EnumSchema({"node", "name", "rent"}); }
json ContractStateSchema() { return EnumSchema({"created", "grace", "deleted"}); }
json DeleteReasonSchema() {
  return EnumSchema({"none", "canceled", "out-of-funds", "not-acknowledged", "deployment-failed"});
}
json AckStateSchema() { return EnumSchema({"pending", "ok", "failed"}); }

}  // namespace

json ContractJson(const ContractView& c) {
  const bool in_grace = c.state == chain::ContractState::kGrace;
  const bool deleted = c.state == chain::ContractState::kDeleted;
  const bool is_name = c.kind == chain::ContractKind::kName;
  return {{"contract_id", c.contract_id},
          {"twin_id", c.twin_id},
          {"kind", chain::ContractKindName(c.kind)},
          {"state", chain::ContractStateName(c.state)},
          {"grace_since_ms", in_grace ? json(c.grace_since_ms) : json(nullptr)},
          {"deleted_reason", deleted ? json(chain::DeleteReasonName(c.deleted_reason)) : json(nullptr)},
          {"node_id", is_name ? json(nullptr) : json(c.node_id)},
          {"resources", chain::ToJson(c.resources)},
          {"ips", c.ips},
          {"deployment_hash", c.deployment_hash.Hex()},
          {"deployment_data", chain::ToHex(c.deployment_data)},
          {"solution_provider_id", c.solution_provider_id ? json(*c.solution_provider_id) : json(nullptr)},
          {"name", is_name ? json(c.name) : json(nullptr)},
          {"ack", chain::AckStateName(c.ack)},
          {"ack_message", c.ack_message},
          {"created_height", c.created_height},
          {"created_ms", c.created_ms},
          {"billed_until_ms", c.billed_until_ms},
          {"overdue", chain::AmountToJson(c.overdue)},
          {"total_paid", chain::AmountToJson(c.total_paid)},
          {"hourly_micro_usd", chain::AmountToJson(c.hourly_micro)},
          {"used", chain::ToJson(c.used)}};
}

json ContractSchema() {
  return ObjectSchema({{"contract_id", UintSchema()},
                       {"twin_id", UintSchema()},
                       {"kind", ContractKindSchema()},
                       {"state", ContractStateSchema()},
                       {"grace_since_ms", NullableSchema(UintSchema())},
                       {"deleted_reason", NullableSchema(DeleteReasonSchema())},
                       {"node_id", NullableSchema(UintSchema())},
                       {"resources", ResourcesSchema()},
                       {"ips", ArraySchema(StringSchema())},
                       {"deployment_hash", HashSchema()},
                       {"deployment_data", HexSchema()},
                       {"solution_provider_id", NullableSchema(UintSchema())},
                       {"name", NullableSchema(StringSchema())},
                       {"ack", AckStateSchema()},
                       {"ack_message", StringSchema()},
                       {"created_height", UintSchema()},
                       {"created_ms", UintSchema()},
                       {"billed_until_ms", UintSchema()},
                       {"overdue", AmountSchema()},
                       {"total_paid", AmountSchema()},
                       {"hourly_micro_usd", AmountSchema()},
                       {"used", ResourcesSchema()}});
}

json ContractPageJson(const ContractPage& page) {
  json contracts = json::array();
  for (const ContractView& c : page.contracts) contracts.push_back(ContractJson(c));
  return {{"total", page.total}, {"contracts", std::move(contracts)}};
}

json ContractPageSchema() {
  return ObjectSchema({{"total", UintSchema()}, {"contracts", ArraySchema(ContractSchema())}});
}

json BillJson(const BillView& view) {
  const chain::ContractBill& b = view.bill;
  json providers = json::array();
  for (const chain::ProviderPayment& p : b.to_providers) {
    providers.push_back({{"account", chain::AccountToJson(p.account)}, {"amount", chain::AmountToJson(p.amount)}});
  }
  return {{"height", view.height},
          {"contract_id", b.contract_id},
          {"twin_id", b.twin_id},
          {"kind", chain::ContractKindName(b.kind)},
          {"from_ms", b.from_ms},
          {"to_ms", b.to_ms},
          {"up_ms", b.up_ms},
          {"public_ips", b.public_ips},
          {"nu_bytes", b.nu_bytes},
          {"cusu_micro", chain::AmountToJson(b.cusu_micro)},
          {"ip_micro", chain::AmountToJson(b.ip_micro)},
          {"nu_micro", chain::AmountToJson(b.nu_micro)},
          {"name_micro", chain::AmountToJson(b.name_micro)},
          {"extra_micro", chain::AmountToJson(b.extra_micro)},
          {"discount_percent", b.discount_percent},
          {"tft_price_musd", b.tft_price_musd},
          {"amount", chain::AmountToJson(b.amount)},
          {"paid", chain::AmountToJson(b.paid)},
          {"overdue", chain::AmountToJson(b.overdue)},
          {"farmer", chain::AccountToJson(b.farmer)},
          {"to_farmer", chain::AmountToJson(b.to_farmer)},
          {"to_staking_pool", chain::AmountToJson(b.to_staking_pool)},
          {"to_foundation", chain::AmountToJson(b.to_foundation)},
          {"burned", chain::AmountToJson(b.burned)},
          {"to_providers", std::move(providers)},
          {"state_after", chain::ContractStateName(b.state_after)},
          {"final", b.final}};
}

json BillSchema() {
  return ObjectSchema(
      {{"height", UintSchema()},
       {"contract_id", UintSchema()},
       {"twin_id", UintSchema()},
       {"kind", ContractKindSchema()},
       {"from_ms", UintSchema()},
       {"to_ms", UintSchema()},
       {"up_ms", UintSchema()},
       {"public_ips", UintSchema()},
       {"nu_bytes", UintSchema()},
       {"cusu_micro", AmountSchema()},
       {"ip_micro", AmountSchema()},
       {"nu_micro", AmountSchema()},
       {"name_micro", AmountSchema()},
       {"extra_micro", AmountSchema()},
       {"discount_percent", UintSchema()},
       {"tft_price_musd", UintSchema()},
       {"amount", AmountSchema()},
       {"paid", AmountSchema()},
       {"overdue", AmountSchema()},
       {"farmer", AccountSchema()},
       {"to_farmer", AmountSchema()},
       {"to_staking_pool", AmountSchema()},
       {"to_foundation", AmountSchema()},
       {"burned", AmountSchema()},
       {"to_providers", ArraySchema(ObjectSchema({{"account", AccountSchema()}, {"amount", AmountSchema()}}))},
       {"state_after", ContractStateSchema()},
       {"final", BoolSchema()}});
}

json BillPageJson(const BillPage& page) {
  json bills = json::array();
  for (const BillView& b : page.bills) bills.push_back(BillJson(b));
  return {{"total", page.total}, {"bills", std::move(bills)}};
}

json BillPageSchema() { return ObjectSchema({{"total", UintSchema()}, {"bills", ArraySchema(BillSchema())}}); }

json CostJson(const CostView& c) {
  return {{"hourly_micro_usd", chain::AmountToJson(c.hourly_micro)},
          {"per_hour", chain::AmountToJson(c.per_hour)},
          {"per_month", chain::AmountToJson(c.per_month)},
          {"discount_percent", c.discount_percent},
          {"tft_price_musd", c.tft_price_musd}};
}

json CostSchema() {
  return ObjectSchema({{"hourly_micro_usd", AmountSchema()},
                       {"per_hour", AmountSchema()},
                       {"per_month", AmountSchema()},
                       {"discount_percent", UintSchema()},
                       {"tft_price_musd", UintSchema()}});
}

json FundedUntilJson(const FundedUntilView& f) {
  return {{"twin_id", f.twin_id},
          {"balance", chain::AmountToJson(f.balance)},
          {"hourly_micro_usd", chain::AmountToJson(f.hourly_micro)},
          {"per_hour", chain::AmountToJson(f.per_hour)},
          {"funded_until_ms", f.funded_until_ms ? json(*f.funded_until_ms) : json(nullptr)}};
}

json FundedUntilSchema() {
  return ObjectSchema({{"twin_id", UintSchema()},
                       {"balance", AmountSchema()},
                       {"hourly_micro_usd", AmountSchema()},
                       {"per_hour", AmountSchema()},
                       {"funded_until_ms", NullableSchema(UintSchema())}});
}

json ServiceContractJson(const ServiceContractView& s) {
  return {{"service_contract_id", s.service_contract_id},
          {"service_twin_id", s.service_twin_id},
          {"consumer_twin_id", s.consumer_twin_id},
          {"metadata", s.metadata},
          {"base_fee_musd", s.base_fee_musd},
          {"variable_fee_musd", s.variable_fee_musd},
          {"accepted_by_service", s.accepted_by_service},
          {"accepted_by_consumer", s.accepted_by_consumer},
          {"approved", s.accepted_by_service && s.accepted_by_consumer},
          {"last_bill_ms", s.last_bill_ms},
          {"created_ms", s.created_ms}};
}

json ServiceContractSchema() {
  return ObjectSchema({{"service_contract_id", UintSchema()},
                       {"service_twin_id", UintSchema()},
                       {"consumer_twin_id", UintSchema()},
                       {"metadata", StringSchema()},
                       {"base_fee_musd", UintSchema()},
                       {"variable_fee_musd", UintSchema()},
                       {"accepted_by_service", BoolSchema()},
                       {"accepted_by_consumer", BoolSchema()},
                       {"approved", BoolSchema()},
                       {"last_bill_ms", UintSchema()},
                       {"created_ms", UintSchema()}});
}

}  // namespace tfchain::rpc
