#include "wallet/contract_client.h"

#include <limits>

#include "chain/grid_json.h"
#include "wallet/amount.h"
#include "wallet/json_reader.h"

namespace tfchain::wallet {
namespace {

using chain::Result;
using chain::Status;
using nlohmann::json;

JsonReader Reader(const json& value, std::string_view method) {
  return JsonReader(value, "bad-rpc-response", std::string(method));
}

Result<uint32_t> U32(const JsonReader& r, std::string_view key) {
  TF_ASSIGN_OR_RETURN(uint64_t value, r.U64(key));
  if (value > std::numeric_limits<uint32_t>::max()) return r.Error("field '" + std::string(key) + "' is too large");
  return static_cast<uint32_t>(value);
}

Result<uint8_t> Percent(const JsonReader& r, std::string_view key) {
  TF_ASSIGN_OR_RETURN(uint64_t value, r.U64(key));
  if (value > 100) return r.Error("field '" + std::string(key) + "' is not a percent");
  return static_cast<uint8_t>(value);
}

Result<chain::Resources> ResourcesField(const JsonReader& r, std::string_view key) {
  TF_ASSIGN_OR_RETURN(const json* field, r.Field(key));
  auto parsed = chain::ResourcesFromJson(*field);
  if (!parsed.ok()) return r.Error("field '" + std::string(key) + "': " + parsed.status().ToString());
  return *parsed;
}

Result<const json*> Array(const JsonReader& r, std::string_view key) {
  TF_ASSIGN_OR_RETURN(const json* field, r.Field(key));
  if (!field->is_array()) return r.Error("field '" + std::string(key) + "' must be an array");
  return field;
}

// An enum member: one of the names `parse` knows.
template <typename Parse>
Result<std::string> EnumName(const JsonReader& r, std::string_view key, Parse parse) {
  TF_ASSIGN_OR_RETURN(std::string name, r.String(key));
  if (!parse(name)) return r.Error("field '" + std::string(key) + "' has an unknown value '" + name + "'");
  return name;
}

Result<MarketContract> ParseContract(const json& value, std::string_view method) {
  JsonReader r = Reader(value, method);
  TF_RETURN_IF_ERROR(r.ExpectObject());
  MarketContract out;
  TF_ASSIGN_OR_RETURN(out.contract_id, r.U64("contract_id"));
  TF_ASSIGN_OR_RETURN(out.twin_id, U32(r, "twin_id"));
  TF_ASSIGN_OR_RETURN(out.kind, EnumName(r, "kind", chain::ParseContractKind));
  TF_ASSIGN_OR_RETURN(out.state, EnumName(r, "state", chain::ParseContractState));
  if (!r.IsNull("grace_since_ms")) {
    TF_ASSIGN_OR_RETURN(out.grace_since_ms, r.U64("grace_since_ms"));
  }
  if (!r.IsNull("deleted_reason")) {
    TF_ASSIGN_OR_RETURN(out.deleted_reason, EnumName(r, "deleted_reason", chain::ParseDeleteReason));
  }
  if (!r.IsNull("node_id")) {
    TF_ASSIGN_OR_RETURN(out.node_id, U32(r, "node_id"));
  }
  TF_ASSIGN_OR_RETURN(out.resources, ResourcesField(r, "resources"));
  TF_ASSIGN_OR_RETURN(const json* ips, Array(r, "ips"));
  for (const json& ip : *ips) {
    if (!ip.is_string()) return r.Error("field 'ips' must hold strings");
    out.ips.push_back(ip.get<std::string>());
  }
  TF_ASSIGN_OR_RETURN(out.deployment_hash, r.Hash("deployment_hash"));
  TF_ASSIGN_OR_RETURN(out.deployment_data, r.Hex("deployment_data"));
  if (!r.IsNull("solution_provider_id")) {
    TF_ASSIGN_OR_RETURN(out.solution_provider_id, U32(r, "solution_provider_id"));
  }
  if (!r.IsNull("name")) {
    TF_ASSIGN_OR_RETURN(out.name, r.String("name"));
  }
  TF_ASSIGN_OR_RETURN(out.ack, EnumName(r, "ack", chain::ParseAckState));
  TF_ASSIGN_OR_RETURN(out.ack_message, r.String("ack_message"));
  TF_ASSIGN_OR_RETURN(out.created_height, r.U64("created_height"));
  TF_ASSIGN_OR_RETURN(out.created_ms, r.U64("created_ms"));
  TF_ASSIGN_OR_RETURN(out.billed_until_ms, r.U64("billed_until_ms"));
  TF_ASSIGN_OR_RETURN(out.overdue, r.Amount("overdue"));
  TF_ASSIGN_OR_RETURN(out.total_paid, r.Amount("total_paid"));
  TF_ASSIGN_OR_RETURN(out.hourly_micro_usd, r.Amount("hourly_micro_usd"));
  TF_ASSIGN_OR_RETURN(out.used, ResourcesField(r, "used"));
  out.raw = value;
  return out;
}

Result<chain::ContractBill> ParseBill(const json& value, std::string_view method) {
  JsonReader r = Reader(value, method);
  TF_RETURN_IF_ERROR(r.ExpectObject());
  chain::ContractBill b;
  TF_ASSIGN_OR_RETURN(b.contract_id, r.U64("contract_id"));
  TF_ASSIGN_OR_RETURN(b.twin_id, U32(r, "twin_id"));
  TF_ASSIGN_OR_RETURN(std::string kind, EnumName(r, "kind", chain::ParseContractKind));
  b.kind = *chain::ParseContractKind(kind);
  TF_ASSIGN_OR_RETURN(b.from_ms, r.U64("from_ms"));
  TF_ASSIGN_OR_RETURN(b.to_ms, r.U64("to_ms"));
  TF_ASSIGN_OR_RETURN(b.up_ms, r.U64("up_ms"));
  TF_ASSIGN_OR_RETURN(b.public_ips, r.U64("public_ips"));
  TF_ASSIGN_OR_RETURN(b.nu_bytes, r.U64("nu_bytes"));
  TF_ASSIGN_OR_RETURN(b.cusu_micro, r.Amount("cusu_micro"));
  TF_ASSIGN_OR_RETURN(b.ip_micro, r.Amount("ip_micro"));
  TF_ASSIGN_OR_RETURN(b.nu_micro, r.Amount("nu_micro"));
  TF_ASSIGN_OR_RETURN(b.name_micro, r.Amount("name_micro"));
  TF_ASSIGN_OR_RETURN(b.extra_micro, r.Amount("extra_micro"));
  TF_ASSIGN_OR_RETURN(b.discount_percent, Percent(r, "discount_percent"));
  TF_ASSIGN_OR_RETURN(b.tft_price_musd, r.Amount("tft_price_musd"));
  TF_ASSIGN_OR_RETURN(b.amount, r.Amount("amount"));
  TF_ASSIGN_OR_RETURN(b.paid, r.Amount("paid"));
  TF_ASSIGN_OR_RETURN(b.overdue, r.Amount("overdue"));
  TF_ASSIGN_OR_RETURN(b.farmer, r.Account("farmer"));
  TF_ASSIGN_OR_RETURN(b.to_farmer, r.Amount("to_farmer"));
  TF_ASSIGN_OR_RETURN(b.to_staking_pool, r.Amount("to_staking_pool"));
  TF_ASSIGN_OR_RETURN(b.to_foundation, r.Amount("to_foundation"));
  TF_ASSIGN_OR_RETURN(b.burned, r.Amount("burned"));
  TF_ASSIGN_OR_RETURN(const json* providers, Array(r, "to_providers"));
  for (const json& item : *providers) {
    JsonReader p = r.Nested(item, "to_providers");
    TF_RETURN_IF_ERROR(p.ExpectObject());
    chain::ProviderPayment payment;
    TF_ASSIGN_OR_RETURN(payment.account, p.Account("account"));
    TF_ASSIGN_OR_RETURN(payment.amount, p.Amount("amount"));
    b.to_providers.push_back(payment);
  }
  TF_ASSIGN_OR_RETURN(std::string state, EnumName(r, "state_after", chain::ParseContractState));
  b.state_after = *chain::ParseContractState(state);
  TF_ASSIGN_OR_RETURN(b.final, r.Bool("final"));
  return b;
}

json PageParams(const PageOptions& page) { return {{"offset", page.offset}, {"limit", page.limit}}; }

}  // namespace

Result<MarketContract> ContractClient::GetContract(chain::ContractId id) {
  TF_ASSIGN_OR_RETURN(json result, rpc_.Call("contract_get", json{{"contract_id", id}}));
  TF_ASSIGN_OR_RETURN(MarketContract contract, ParseContract(result, "contract_get"));
  if (contract.contract_id != id) return Reader(result, "contract_get").Error("answered for another contract");
  return contract;
}

Result<MarketContractPage> ContractClient::ListContracts(const ContractListCommand& command, chain::TwinId twin) {
  json params = PageParams(command.page);
  params["include_deleted"] = command.include_deleted;
  std::string_view method = "contract_listByTwin";
  if (command.node_id) {
    method = "contract_listByNode";
    params["node_id"] = *command.node_id;
  } else {
    params["twin_id"] = twin;
  }
  TF_ASSIGN_OR_RETURN(json result, rpc_.Call(method, params));
  JsonReader r = Reader(result, method);
  TF_RETURN_IF_ERROR(r.ExpectObject());
  MarketContractPage out;
  TF_ASSIGN_OR_RETURN(out.total, r.U64("total"));
  TF_ASSIGN_OR_RETURN(const json* contracts, Array(r, "contracts"));
  for (const json& item : *contracts) {
    TF_ASSIGN_OR_RETURN(MarketContract contract, ParseContract(item, method));
    const bool mine = command.node_id ? contract.node_id == command.node_id : contract.twin_id == twin;
    if (!mine) return r.Error("listed contract " + std::to_string(contract.contract_id) + " of another owner");
    out.contracts.push_back(std::move(contract));
  }
  out.raw = std::move(result);
  return out;
}

Result<MarketBillPage> ContractClient::GetBills(const ContractBillsCommand& command) {
  json params = PageParams(command.page);
  params["contract_id"] = command.contract_id;
  TF_ASSIGN_OR_RETURN(json result, rpc_.Call("contract_getBills", params));
  JsonReader r = Reader(result, "contract_getBills");
  TF_RETURN_IF_ERROR(r.ExpectObject());
  MarketBillPage out;
  TF_ASSIGN_OR_RETURN(out.total, r.U64("total"));
  TF_ASSIGN_OR_RETURN(const json* bills, Array(r, "bills"));
  for (const json& item : *bills) {
    TF_ASSIGN_OR_RETURN(chain::ContractBill bill, ParseBill(item, "contract_getBills"));
    if (bill.contract_id != command.contract_id) return r.Error("listed a bill of another contract");
    out.bills.push_back({std::move(bill), item});
  }
  out.raw = std::move(result);
  return out;
}

Result<MarketCostEstimate> ContractClient::EstimateCost(const CostEstimateCommand& command,
                                                        std::optional<chain::TwinId> twin) {
  json params = {{"kind", std::string(chain::ContractKindName(command.kind))}};
  if (command.node_id) params["node_id"] = *command.node_id;
  if (command.kind == chain::ContractKind::kNode) {
    params["resources"] = chain::ToJson(command.resources);
    params["public_ips"] = command.public_ips;
  }
  if (twin) params["twin_id"] = *twin;
  TF_ASSIGN_OR_RETURN(json result, rpc_.Call("contract_estimateCost", params));
  JsonReader r = Reader(result, "contract_estimateCost");
  TF_RETURN_IF_ERROR(r.ExpectObject());
  MarketCostEstimate out;
  TF_ASSIGN_OR_RETURN(out.hourly_micro_usd, r.Amount("hourly_micro_usd"));
  TF_ASSIGN_OR_RETURN(out.per_hour, r.Amount("per_hour"));
  TF_ASSIGN_OR_RETURN(out.per_month, r.Amount("per_month"));
  TF_ASSIGN_OR_RETURN(out.discount_percent, Percent(r, "discount_percent"));
  TF_ASSIGN_OR_RETURN(out.tft_price_musd, r.Amount("tft_price_musd"));
  out.raw = std::move(result);
  return out;
}

Result<MarketFundedUntil> ContractClient::FundedUntil(chain::TwinId twin) {
  TF_ASSIGN_OR_RETURN(json result, rpc_.Call("contract_fundedUntil", json{{"twin_id", twin}}));
  JsonReader r = Reader(result, "contract_fundedUntil");
  TF_RETURN_IF_ERROR(r.ExpectObject());
  MarketFundedUntil out;
  TF_ASSIGN_OR_RETURN(out.twin_id, U32(r, "twin_id"));
  if (out.twin_id != twin) return r.Error("answered for another twin");
  TF_ASSIGN_OR_RETURN(out.balance, r.Amount("balance"));
  TF_ASSIGN_OR_RETURN(out.per_hour, r.Amount("per_hour"));
  if (!r.IsNull("funded_until_ms")) {
    TF_ASSIGN_OR_RETURN(out.funded_until_ms, r.U64("funded_until_ms"));
  }
  out.raw = std::move(result);
  return out;
}

Result<MarketServiceContract> ContractClient::GetServiceContract(chain::ServiceContractId id) {
  TF_ASSIGN_OR_RETURN(json result, rpc_.Call("contract_getServiceContract", json{{"id", id}}));
  JsonReader r = Reader(result, "contract_getServiceContract");
  TF_RETURN_IF_ERROR(r.ExpectObject());
  MarketServiceContract out;
  TF_ASSIGN_OR_RETURN(out.service_contract_id, r.U64("service_contract_id"));
  if (out.service_contract_id != id) return r.Error("answered for another service contract");
  TF_ASSIGN_OR_RETURN(out.service_twin_id, U32(r, "service_twin_id"));
  TF_ASSIGN_OR_RETURN(out.consumer_twin_id, U32(r, "consumer_twin_id"));
  TF_ASSIGN_OR_RETURN(out.metadata, r.String("metadata"));
  TF_ASSIGN_OR_RETURN(out.base_fee_musd, r.U64("base_fee_musd"));
  TF_ASSIGN_OR_RETURN(out.variable_fee_musd, r.U64("variable_fee_musd"));
  TF_ASSIGN_OR_RETURN(out.accepted_by_service, r.Bool("accepted_by_service"));
  TF_ASSIGN_OR_RETURN(out.accepted_by_consumer, r.Bool("accepted_by_consumer"));
  TF_ASSIGN_OR_RETURN(out.last_bill_ms, r.U64("last_bill_ms"));
  TF_ASSIGN_OR_RETURN(out.created_ms, r.U64("created_ms"));
  out.raw = std::move(result);
  return out;
}

std::optional<uint64_t> CreatedIdFromEvents(const json& events, std::string_view event_name, std::string_view key) {
  if (!events.is_array()) return std::nullopt;
  for (const json& event : events) {
    if (!event.is_object() || event.value("name", "") != event_name) continue;
    auto args = event.find("args");
    if (args == event.end() || !args->is_object()) continue;
    auto id = args->find(key);
    if (id == args->end()) continue;
    if (id->is_number_unsigned()) return id->get<uint64_t>();
    if (id->is_string()) {
      auto parsed = ParseDecimalU64(id->get<std::string>());
      if (parsed.ok()) return *parsed;
    }
  }
  return std::nullopt;
}

}  // namespace tfchain::wallet
