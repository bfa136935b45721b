#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "chain/account_id.h"
#include "chain/status.h"

namespace tfchain::node {

// Node set-up commands of tfchaind (init, localnet), usable in-process by tests.

struct GenesisValidatorSpec {
  std::string name;
  chain::AccountId operator_account;  // pays the stake from its genesis balance
  chain::AccountId consensus_key;
  uint64_t stake = 0;
};

// A genesis JSON document derived from the built-in devnet genesis (its fee, consensus
// and staking parameters), with another chain id, validator set and balances.
// `block_time_ms` overrides the consensus block time when set. Errors: "bad-genesis"
// if the result does not parse (e.g. a validator's balance does not cover its stake).
chain::Result<std::string> MakeGenesisJson(const std::string& chain_id,
                                           const std::vector<GenesisValidatorSpec>& validators,
                                           const std::vector<std::pair<chain::AccountId, uint64_t>>& balances,
                                           std::optional<uint64_t> block_time_ms);

struct InitOptions {
  std::string data_dir;
  std::optional<std::string> genesis_file;  // copied (after validation); else a new one
  std::string chain_id = "tfchain-local";
  std::string node_name = "tfchaind";
};

// Creates DIR/node_key.json, DIR/validator_key.json, DIR/config.json and
// DIR/genesis.json. Without a genesis file, the genesis makes this node the only
// validator, with its validator key as operator account funded with 1,000,000 TFT.
// Errors: "already-initialized" (DIR/config.json exists), "bad-genesis", I/O errors.
// Nothing is left half-written on failure: files are written only after all checks.
chain::Status InitDataDir(const InitOptions& options);

struct LocalnetOptions {
  uint32_t validators = 4;
  std::string out_dir;
  std::string chain_id = "tfchain-localnet";
  uint16_t base_p2p_port = 26656;
  uint16_t base_rpc_port = 9944;
  std::optional<uint64_t> block_time_ms;
  // More funded accounts (benchmarks fund their senders this way).
  std::vector<std::pair<chain::AccountId, uint64_t>> extra_balances;
};

// Writes out_dir/node0 ... node{N-1}: each a ready data dir of one network on
// 127.0.0.1 (node i: P2P base_p2p_port + i, RPC base_rpc_port + i, every other node a
// persistent peer), sharing one genesis in which every node is a validator with equal
// stake, and the dev accounts //Alice ... //Ferdie are funded. Errors:
// "already-initialized" if any node dir exists, I/O errors.
chain::Status WriteLocalnet(const LocalnetOptions& options);

}  // namespace tfchain::node
