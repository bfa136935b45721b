#include "wallet/contract_output.h"

#include <algorithm>
#include <ostream>

#include "chain/account_id.h"
#include "wallet/amount.h"
#include "wallet/grid_units.h"

namespace tfchain::wallet {
namespace {

constexpr int kMicroUsdDecimals = 13;  // micro price units: 10^-13 USD

std::string Plural(uint64_t n, std::string_view one, std::string_view many) {
  return std::to_string(n) + " " + std::string(n == 1 ? one : many);
}

std::string StateText(const MarketContract& c) {
  if (c.state == "grace" && c.grace_since_ms) return "grace since " + FormatTimeMs(*c.grace_since_ms);
  if (c.state == "deleted" && c.deleted_reason) return "deleted (" + *c.deleted_reason + ")";
  return c.state;
}

std::string ListText(const std::vector<std::string>& items) {
  if (items.empty()) return "none";
  std::string out;
  for (const std::string& item : items) out += (out.empty() ? "" : ", ") + item;
  return out;
}

// The node id, or the name of a name contract.
std::string TargetText(const MarketContract& c) {
  if (c.name) return *c.name;
  return c.node_id ? std::to_string(*c.node_id) : "-";
}

}  // namespace

std::string MicroUsdText(uint64_t micro) { return FormatScaled(micro, kMicroUsdDecimals) + " USD"; }

std::string ResourcesText(const chain::Resources& r) {
  std::string out = Plural(r.cru, "core", "cores") + ", " + FormatByteSize(r.mru) + " memory";
  if (r.sru != 0) out += ", " + FormatByteSize(r.sru) + " SSD";
  if (r.hru != 0) out += ", " + FormatByteSize(r.hru) + " HDD";
  return out;
}

std::string DurationText(uint64_t ms) {
  uint64_t s = ms / 1000;
  const uint64_t days = s / 86'400;
  const uint64_t hours = s / 3600 % 24;
  const uint64_t minutes = s / 60 % 60;
  const uint64_t seconds = s % 60;
  std::string out;
  if (days != 0) out += std::to_string(days) + "d ";
  if (!out.empty() || hours != 0) out += std::to_string(hours) + "h ";
  if (!out.empty() || minutes != 0) out += std::to_string(minutes) + "m ";
  return out + std::to_string(seconds) + "s";
}

std::string MusdText(uint64_t musd) { return std::to_string(musd) + " mUSD (" + FormatScaled(musd, 3) + " USD)"; }

std::string DeploymentDataText(const chain::Bytes& data) {
  if (data.empty()) return "none";
  const bool printable = std::all_of(data.begin(), data.end(), [](uint8_t b) { return b >= 0x20 && b < 0x7f; });
  if (printable) return std::string(data.begin(), data.end());
  return chain::ToHex(data);
}

void PrintContract(std::ostream& out, const MarketContract& c) {
  Fields fields = {{"Contract", std::to_string(c.contract_id)},
                   {"Kind", c.kind},
                   {"State", StateText(c)},
                   {"Twin", std::to_string(c.twin_id)}};
  if (c.name) fields.emplace_back("Name", *c.name);
  if (c.node_id) fields.emplace_back("Node", std::to_string(*c.node_id));
  if (c.kind == "node") {
    fields.emplace_back("Resources", ResourcesText(c.resources));
    fields.emplace_back("Public IPs", ListText(c.ips));
    fields.emplace_back("Deployment hash", c.deployment_hash.Hex());
    fields.emplace_back("Deployment data", DeploymentDataText(c.deployment_data));
    fields.emplace_back("Acknowledged", c.ack + (c.ack_message.empty() ? "" : ": " + c.ack_message));
    fields.emplace_back("Used", ResourcesText(c.used));
  }
  if (c.kind != "name") {
    fields.emplace_back("Solution provider", c.solution_provider_id ? std::to_string(*c.solution_provider_id) : "none");
  }
  fields.emplace_back("Created", "block " + std::to_string(c.created_height) + ", " + FormatTimeMs(c.created_ms));
  fields.emplace_back("Billed until", FormatTimeMs(c.billed_until_ms));
  fields.emplace_back("Cost per hour", MicroUsdText(c.hourly_micro_usd) + " before discount");
  fields.emplace_back("Overdue", FormatTftWithSymbol(c.overdue));
  fields.emplace_back("Total paid", FormatTftWithSymbol(c.total_paid));
  PrintFields(out, fields);
}

void PrintContractTable(std::ostream& out, const std::vector<MarketContract>& contracts) {
  std::vector<std::vector<std::string>> rows;
  for (const MarketContract& c : contracts) {
    const bool node = c.kind == "node";
    rows.push_back({std::to_string(c.contract_id), c.kind,
                    c.state + (c.deleted_reason ? " (" + *c.deleted_reason + ")" : ""), std::to_string(c.twin_id),
                    TargetText(c), node ? std::to_string(c.resources.cru) : "-",
                    node ? FormatByteSize(c.resources.mru) : "-", node ? FormatByteSize(c.resources.sru) : "-",
                    node ? FormatByteSize(c.resources.hru) : "-", std::to_string(c.ips.size()),
                    FormatScaled(c.hourly_micro_usd, kMicroUsdDecimals), FormatTft(c.overdue)});
  }
  PrintTable(
      out, {"ID", "KIND", "STATE", "TWIN", "NODE/NAME", "CRU", "MRU", "SRU", "HRU", "IPS", "USD/HOUR", "OVERDUE (TFT)"},
      rows);
}

void PrintBillTable(std::ostream& out, const std::vector<MarketBill>& bills) {
  std::vector<std::vector<std::string>> rows;
  for (const MarketBill& item : bills) {
    const chain::ContractBill& b = item.bill;
    uint64_t providers = 0;
    for (const chain::ProviderPayment& p : b.to_providers) providers += p.amount;
    rows.push_back({FormatTimeMs(b.to_ms), DurationText(b.to_ms - std::min(b.from_ms, b.to_ms)), DurationText(b.up_ms),
                    std::to_string(b.discount_percent) + "%", FormatTft(b.amount), FormatTft(b.paid),
                    FormatTft(b.overdue), FormatTft(b.to_farmer), FormatTft(b.to_staking_pool),
                    FormatTft(b.to_foundation), FormatTft(providers), FormatTft(b.burned),
                    std::string(chain::ContractStateName(b.state_after)) + (b.final ? " final" : "")});
  }
  PrintTable(out,
             {"BILLED TO", "SPAN", "UP", "DISCOUNT", "AMOUNT", "PAID", "OVERDUE", "FARMER", "POOL", "FOUNDATION",
              "PROVIDERS", "BURNED", "STATE"},
             rows);
}

std::function<Fields(const NodeReceipt&, nlohmann::json*)> ReportCreatedId(std::string event_name, std::string key,
                                                                           std::string json_key, std::string label) {
  return [=](const NodeReceipt& receipt, nlohmann::json* doc) {
    std::optional<uint64_t> id = CreatedIdFromEvents(receipt.events, event_name, key);
    (*doc)[json_key] = id ? nlohmann::json(*id) : nlohmann::json(nullptr);
    if (!id) return Fields{{label, "unknown (no " + event_name + " event in the receipt)"}};
    Fields fields = {{label, std::to_string(*id)}};
    for (const nlohmann::json& event : receipt.events) {
      if (!event.is_object() || event.value("name", "") != event_name) continue;
      const nlohmann::json& args = event.value("args", nlohmann::json::object());
      auto ips = args.find("ips");
      if (ips == args.end() || !ips->is_array() || ips->empty()) break;
      std::vector<std::string> list;
      for (const nlohmann::json& ip : *ips) list.push_back(ip.is_string() ? ip.get<std::string>() : ip.dump());
      fields.emplace_back("Public IPs", ListText(list));
      break;
    }
    return fields;
  };
}

}  // namespace tfchain::wallet
