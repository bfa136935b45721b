#pragma once

#include <cstdint>
#include <string>

#include "chain/keys.h"

namespace tfchain::wallet {

// Option groups shared by many tfwallet commands (cli.h, contract_cli.h): the
// transaction options and the page of the list commands. Plain values.

inline constexpr uint64_t kDefaultValidForBlocks = 100;

// The options of every command that signs and sends a transaction:
//   --from NAME|URI [--tip TFT] [--valid-for BLOCKS] [--scheme S] [--dry-run] [--no-wait]
struct TxOptions {
  std::string from;                                      // the signer: keystore name or secret URI
  uint64_t tip = 0;                                      // base units
  uint64_t valid_for = kDefaultValidForBlocks;           // >= 1
  chain::KeyScheme scheme = chain::KeyScheme::kEd25519;  // for a URI in --from
  bool dry_run = false;
  bool no_wait = false;
};

// --offset N --limit N of the list commands.
inline constexpr uint64_t kMaxPageLimit = 500;
struct PageOptions {
  uint64_t offset = 0;
  uint64_t limit = 50;  // 1..kMaxPageLimit
};

}  // namespace tfchain::wallet
