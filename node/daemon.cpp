#include "node/daemon.h"

#include <filesystem>
#include <nlohmann/json.hpp>

#include "chain/genesis.h"
#include "chain/secret_uri.h"
#include "node/config.h"
#include "node/data_dir.h"

namespace tfchain::node {
namespace {
using chain::Result;
using chain::Status;
using nlohmann::json;
namespace fs = std::filesystem;

constexpr uint64_t kOperatorFunds = 1'000'000 * chain::kUnitsPerTft;
constexpr uint64_t kValidatorStake = 100'000 * chain::kUnitsPerTft;

std::string PeerId(const chain::SecretKey& node_key) {
  return chain::ToHex(node_key.public_key().bytes()).substr(2);
}
}  // namespace

Result<std::string> MakeGenesisJson(const std::string& chain_id, const std::vector<GenesisValidatorSpec>& validators,
                                    const std::vector<std::pair<chain::AccountId, uint64_t>>& balances,
                                    std::optional<uint64_t> block_time_ms) {
  json g = json::parse(kDevnetGenesisJson);
  g["chain_id"] = chain_id;
  if (block_time_ms) {
    // Round timeouts scale with the block time (devnet: 3000/1000/1000 ms at 1 s blocks).
    const uint64_t bt = *block_time_ms;
    json& c = g["consensus"];
    c["block_time_ms"] = bt;
    c["timeout_propose_ms"] = std::max<uint64_t>(3 * bt, 100);
    c["timeout_propose_delta_ms"] = bt / 2;
    c["timeout_prevote_ms"] = std::max<uint64_t>(bt, 50);
    c["timeout_prevote_delta_ms"] = bt / 2;
    c["timeout_precommit_ms"] = std::max<uint64_t>(bt, 50);
    c["timeout_precommit_delta_ms"] = bt / 2;
  }
  json out_balances = json::array();
  for (const auto& [account, amount] : balances) {
    out_balances.push_back({{"account", chain::ToSs58(account)}, {"amount", std::to_string(amount)}});
  }
  g["balances"] = out_balances;
  json out_validators = json::array();
  for (const GenesisValidatorSpec& v : validators) {
    out_validators.push_back({{"name", v.name},
                              {"account", chain::ToSs58(v.operator_account)},
                              {"consensus_key", chain::ToSs58(v.consensus_key)},
                              {"stake", std::to_string(v.stake)},
                              {"commission_permill", 100'000}});
  }
  g["validators"] = out_validators;
  std::string text = g.dump(2) + "\n";
  TF_RETURN_IF_ERROR(chain::ParseGenesisJson(text).status());
  return text;
}

Status InitDataDir(const InitOptions& o) {
  const std::string config_path = o.data_dir + "/config.json";
  if (fs::exists(config_path)) return Status::InvalidArgument("already-initialized", config_path + " exists");
  const chain::SecretKey node_key = GenerateKey();
  const chain::SecretKey validator_key = GenerateKey();
  std::string genesis_text;
  if (o.genesis_file) {
    TF_ASSIGN_OR_RETURN(genesis_text, ReadTextFile(*o.genesis_file));
    TF_RETURN_IF_ERROR(chain::ParseGenesisJson(genesis_text).status().WithContext(*o.genesis_file));
  } else {
    TF_ASSIGN_OR_RETURN(genesis_text,
                        MakeGenesisJson(o.chain_id,
                                        {{o.node_name, validator_key.account_id(), validator_key.account_id(),
                                          kValidatorStake}},
                                        {{validator_key.account_id(), kOperatorFunds}}, std::nullopt));
  }
  std::error_code ec;
  fs::create_directories(o.data_dir, ec);
  if (ec) return Status::IoError("cannot-write", o.data_dir + ": " + ec.message());
  TF_RETURN_IF_ERROR(WriteKeyFile(o.data_dir + "/node_key.json", node_key));
  TF_RETURN_IF_ERROR(WriteKeyFile(o.data_dir + "/validator_key.json", validator_key));
  TF_RETURN_IF_ERROR(WriteFileDurably(o.data_dir + "/genesis.json", genesis_text));
  NodeFileConfig config;
  config.node_name = o.node_name;
  // config.json last: its presence marks a complete data dir.
  return WriteNodeConfig(config_path, config);
}

Status WriteLocalnet(const LocalnetOptions& o) {
  std::vector<std::string> dirs;
  for (uint32_t i = 0; i < o.validators; ++i) {
    dirs.push_back(o.out_dir + "/node" + std::to_string(i));
    if (fs::exists(dirs.back())) return Status::InvalidArgument("already-initialized", dirs.back() + " exists");
  }
  std::vector<chain::SecretKey> node_keys, validator_keys;
  std::vector<GenesisValidatorSpec> specs;
  std::vector<std::pair<chain::AccountId, uint64_t>> balances;
  for (uint32_t i = 0; i < o.validators; ++i) {
    node_keys.push_back(GenerateKey());
    validator_keys.push_back(GenerateKey());
    const chain::AccountId id = validator_keys.back().account_id();
    specs.push_back({"node" + std::to_string(i), id, id, kValidatorStake});
    balances.push_back({id, kOperatorFunds});
  }
  for (const char* dev : {"//Alice", "//Bob", "//Charlie", "//Dave", "//Eve", "//Ferdie"}) {
    auto key = chain::KeyFromUri(dev, chain::KeyScheme::kEd25519);
    CHECK(key.ok());
    balances.push_back({key->account_id(), kOperatorFunds});
  }
  balances.insert(balances.end(), o.extra_balances.begin(), o.extra_balances.end());
  TF_ASSIGN_OR_RETURN(std::string genesis_text, MakeGenesisJson(o.chain_id, specs, balances, o.block_time_ms));

  for (uint32_t i = 0; i < o.validators; ++i) {
    std::error_code ec;
    fs::create_directories(dirs[i], ec);
    if (ec) return Status::IoError("cannot-write", dirs[i] + ": " + ec.message());
    NodeFileConfig config;
    config.node_name = "node" + std::to_string(i);
    config.p2p.listen_port = static_cast<uint16_t>(o.base_p2p_port + i);
    config.rpc.port = static_cast<uint16_t>(o.base_rpc_port + i);
    for (uint32_t j = 0; j < o.validators; ++j) {
      if (j == i) continue;
      config.p2p.persistent_peers.push_back(PeerId(node_keys[j]) + "@127.0.0.1:" +
                                            std::to_string(o.base_p2p_port + j));
    }
    TF_RETURN_IF_ERROR(WriteKeyFile(dirs[i] + "/node_key.json", node_keys[i]));
    TF_RETURN_IF_ERROR(WriteKeyFile(dirs[i] + "/validator_key.json", validator_keys[i]));
    TF_RETURN_IF_ERROR(WriteFileDurably(dirs[i] + "/genesis.json", genesis_text));
    TF_RETURN_IF_ERROR(WriteNodeConfig(dirs[i] + "/config.json", config));
  }
  return Status::Ok();
}

}  // namespace tfchain::node
