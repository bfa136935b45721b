#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "chain/account_id.h"
#include "chain/block.h"
#include "chain/status.h"
#include "chain/validator_set.h"

namespace tfchain::chain {

// TFT has 7 decimals: 1 TFT = 10,000,000 base units.
inline constexpr uint64_t kUnitsPerTft = 10'000'000;

// Hard upper bounds a genesis file may set (the codec's own limits).
inline constexpr uint64_t kMaxBlockSizeLimit = kMaxBlockSize;
inline constexpr uint64_t kMaxBlockTxsLimit = kMaxBlockTransactions;
inline constexpr uint64_t kMaxTxBytesLimit = kMaxTransactionSize;

struct ConsensusParams {
  uint64_t block_time_ms = 1000;        // target time between blocks
  uint64_t max_block_bytes = 4 << 20;   // encoded block size limit
  uint64_t max_block_txs = 20'000;
  uint64_t max_tx_bytes = 16 * 1024;    // encoded transaction size limit
  bool operator==(const ConsensusParams&) const = default;
};

// fee = base_fee + fee_per_byte * encoded_size + tip. Of the fee,
// proposer_share_percent goes to the block proposer and the rest is burned.
struct FeeParams {
  uint64_t base_fee = 10'000;  // 0.001 TFT
  uint64_t fee_per_byte = 10;
  uint32_t proposer_share_percent = 20;
  bool operator==(const FeeParams&) const = default;
};

struct GenesisBalance {
  AccountId account;
  uint64_t amount = 0;
  bool operator==(const GenesisBalance&) const = default;
};

struct GenesisValidator {
  std::string name;
  Validator validator;
  bool operator==(const GenesisValidator&) const = default;
};

// The parsed genesis file (genesis/*.json; schema in docs/genesis.md).
struct Genesis {
  std::string chain_id;
  uint64_t genesis_time_ms = 0;
  ConsensusParams consensus;
  FeeParams fees;
  std::vector<GenesisBalance> balances;
  std::vector<GenesisValidator> validators;
  bool operator==(const Genesis&) const = default;

  std::vector<Validator> ValidatorSet() const;
};

// Parses and validates a genesis JSON document. Errors (InvalidArgument,
// "bad-genesis") name the offending field: unknown or missing fields, wrong types,
// amounts that are not non-negative integers, bad SS58 addresses, duplicate accounts,
// total supply overflow, no validators, a proposer share above 100, ...
Result<Genesis> ParseGenesisJson(std::string_view json_text);

}  // namespace tfchain::chain
