#pragma once

#include <cstdint>
#include <iosfwd>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "chain/bytes.h"
#include "chain/grid_types.h"
#include "wallet/contract_client.h"
#include "wallet/output.h"
#include "wallet/tx_sender.h"

namespace tfchain::wallet {

// Internal to the wallet library: how the marketplace commands show contracts, bills
// and costs (docs/wallet.md "Contracts"). Pure formatting; none of them fails.

// Micro price units (10^-13 USD) as exact USD without trailing zeros plus " USD":
// 227'000'000'000 -> "0.0227 USD".
std::string MicroUsdText(uint64_t micro);

// "2 cores, 4 GB memory, 50 GB SSD, 1 TB HDD" (sizes as FormatByteSize; zero disks
// left out).
std::string ResourcesText(const chain::Resources& r);

// A span of milliseconds as "1d 2h 3m 4s", leading zero units left out, whole
// seconds floored ("0s" below one second).
std::string DurationText(uint64_t ms);

// "<n> mUSD (<n/1000> USD)".
std::string MusdText(uint64_t musd);

// Deployment data as text when it is printable ASCII, else 0x-hex; "none" when empty.
std::string DeploymentDataText(const chain::Bytes& data);

// `contract show`: every field of the contract, labelled.
void PrintContract(std::ostream& out, const MarketContract& contract);

// `contract list`: one row per contract.
void PrintContractTable(std::ostream& out, const std::vector<MarketContract>& contracts);

// `contract bills`: one row per bill, amounts in TFT.
void PrintBillTable(std::ostream& out, const std::vector<MarketBill>& bills);

// An OutgoingCall::on_included that reads the new record's id from the first
// `event_name` event's args[`key`], adds it to the JSON document as `json_key`
// (null when the receipt has no such event) and shows it as `label` (with the IPs a
// node contract got, from the event's "ips").
std::function<Fields(const NodeReceipt&, nlohmann::json*)> ReportCreatedId(std::string event_name, std::string key,
                                                                           std::string json_key, std::string label);

}  // namespace tfchain::wallet
