#include "wallet/output.h"

#include <algorithm>
#include <ostream>

#include "wallet/amount.h"

namespace tfchain::wallet {
namespace {

bool IsAmountKey(const std::string& key) {
  return key == "amount" || key == "fee" || key == "tip" || key == "to_proposer" || key == "to_pool" ||
         key == "burned" || key == "minted" || key == "power";
}

std::string ValueText(const std::string& key, const nlohmann::json& value) {
  if (value.is_string()) {
    const std::string& text = value.get_ref<const std::string&>();
    if (IsAmountKey(key)) {
      auto units = ParseBaseUnits(text);
      if (units.ok()) return FormatTftWithSymbol(*units);
    }
    return text;
  }
  if (IsAmountKey(key) && value.is_number_unsigned()) return FormatTftWithSymbol(value.get<uint64_t>());
  if (key.ends_with("_permill") && value.is_number_unsigned()) {
    return std::to_string(value.get<uint64_t>()) + " (" + FormatPermillPercent(value.get<uint64_t>()) + ")";
  }
  return value.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

}  // namespace

void PrintJson(std::ostream& out, const nlohmann::json& doc) {
  out << doc.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) << "\n";
}

void PrintFields(std::ostream& out, const Fields& fields) {
  size_t width = 0;
  for (const auto& [label, value] : fields) width = std::max(width, label.size() + 1);
  for (const auto& [label, value] : fields) {
    out << label << ":" << std::string(width - label.size() - 1 + 2, ' ') << value << "\n";
  }
}

void PrintTable(std::ostream& out, const std::vector<std::string>& header,
                const std::vector<std::vector<std::string>>& rows) {
  std::vector<size_t> widths(header.size(), 0);
  auto measure = [&](const std::vector<std::string>& row) {
    for (size_t i = 0; i < row.size() && i < widths.size(); ++i) widths[i] = std::max(widths[i], row[i].size());
  };
  measure(header);
  for (const auto& row : rows) measure(row);
  auto print = [&](const std::vector<std::string>& row) {
    for (size_t i = 0; i < row.size() && i < widths.size(); ++i) {
      out << row[i];
      if (i + 1 < row.size()) out << std::string(widths[i] - row[i].size() + 2, ' ');
    }
    out << "\n";
  };
  print(header);
  for (const auto& row : rows) print(row);
}

std::string FormatArgs(const nlohmann::json& args) {
  if (!args.is_object()) return args.is_null() ? "" : ValueText("", args);
  std::string out;
  for (auto it = args.begin(); it != args.end(); ++it) {
    if (!out.empty()) out += " ";
    out += it.key() + "=" + ValueText(it.key(), it.value());
  }
  return out;
}

std::string FormatNamedArgs(const nlohmann::json& named) {
  if (!named.is_object()) return ValueText("", named);
  std::string out = "?";
  if (auto name = named.find("name"); name != named.end() && name->is_string()) out = name->get<std::string>();
  if (auto args = named.find("args"); args != named.end()) {
    std::string text = FormatArgs(*args);
    if (!text.empty()) out += " " + text;
  }
  return out;
}

void PrintReceipt(std::ostream& out, const NodeReceipt& receipt) {
  Fields fields = {{"Transaction", receipt.hash.Hex()}};
  switch (receipt.state) {
    case NodeReceipt::State::kPending:
      fields.emplace_back("Status", "pending");
      break;
    case NodeReceipt::State::kDropped:
      fields.emplace_back("Status", "dropped" + (receipt.reason.empty() ? "" : ": " + receipt.reason));
      break;
    case NodeReceipt::State::kIncluded:
    case NodeReceipt::State::kFailed: {
      std::string status = "included, success";
      if (receipt.state == NodeReceipt::State::kFailed) {
        status = "included, FAILED: " + receipt.error + (receipt.message.empty() ? "" : ": " + receipt.message);
      }
      fields.emplace_back("Status", status);
      fields.emplace_back("Block", std::to_string(receipt.height) + " (" + receipt.block_hash.Hex() + "), index " +
                                       std::to_string(receipt.index));
      fields.emplace_back("Fee", FormatTftWithSymbol(receipt.fee));
      break;
    }
  }
  PrintFields(out, fields);
  if (receipt.events.is_array() && !receipt.events.empty()) {
    out << "Events:\n";
    for (const nlohmann::json& event : receipt.events) out << "  " << FormatNamedArgs(event) << "\n";
  }
}

}  // namespace tfchain::wallet
