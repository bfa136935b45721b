#pragma once

#include <iosfwd>
#include <string>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "wallet/node_client.h"

namespace tfchain::wallet {

// Presentation helpers shared by the commands. None of them fails.

// The document, pretty-printed, followed by a newline. Invalid UTF-8 is replaced.
void PrintJson(std::ostream& out, const nlohmann::json& doc);

// "Label:  value" lines with the values aligned.
using Fields = std::vector<std::pair<std::string, std::string>>;
void PrintFields(std::ostream& out, const Fields& fields);

// A table with a header row; columns padded to their widest cell.
void PrintTable(std::ostream& out, const std::vector<std::string>& header,
                const std::vector<std::vector<std::string>>& rows);

// A call's or event's arguments as "key=value ..." (strings unquoted; the base-unit
// amounts amount, fee, tip, to_proposer, to_pool, burned, minted and power shown in
// TFT — among them the amount of every transfer and staking event: Bonded, Unbonded,
// Withdrawn, RewardPaid, Slashed, and farming.PeriodSettled's minted and
// governance.Voted's power; "*_permill" rates also as a percent: "100000 (10%)").
std::string FormatArgs(const nlohmann::json& args);

// "name key=value ..." for a {name, args} object (a call or an event).
std::string FormatNamedArgs(const nlohmann::json& named);

// The receipt as text fields plus one line per event.
void PrintReceipt(std::ostream& out, const NodeReceipt& receipt);

}  // namespace tfchain::wallet
