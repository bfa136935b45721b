// system_*: who the node is and how it is doing.
#include <nlohmann/json.hpp>

#include "chain/account_id.h"
#include "chain/genesis.h"
#include "chain/json.h"
#include "rpc/json_schema.h"
#include "rpc/methods.h"

namespace tfchain::rpc {

using nlohmann::json;

namespace {
constexpr std::string_view kTokenSymbol = "TFT";
constexpr int kTokenDecimals = 7;  // 1 TFT = chain::kUnitsPerTft base units
}  // namespace

std::vector<MethodSpec> SystemMethods(NodeApi& node) {
  std::vector<MethodSpec> out;

  out.push_back(MethodSpec{
      .name = "system_health",
      .summary = "Peer count and sync state of the node.",
      .result = {"health",
                 Share(ObjectSchema(
                     {{"peers", UintSchema()}, {"is_syncing", BoolSchema()}, {"should_have_peers", BoolSchema()}}))},
      .handler = [&node](const Params&, json* result) -> RpcStatus {
        const HealthInfo h = node.GetHealth();
        *result = {{"peers", h.peers}, {"is_syncing", h.is_syncing}, {"should_have_peers", h.should_have_peers}};
        return RpcStatus::Ok();
      }});

  out.push_back(MethodSpec{.name = "system_version",
                           .summary = "The node software and its version, e.g. \"tfchaind 0.1.0\".",
                           .result = {"version", Share(StringSchema())},
                           .handler = [&node](const Params&, json* result) -> RpcStatus {
                             *result = node.GetChainInfo().node_version;
                             return RpcStatus::Ok();
                           }});

  out.push_back(MethodSpec{
      .name = "system_chain",
      .summary = "The chain this node follows: its id, genesis block hash and the node's name.",
      .result = {"chain",
                 Share(ObjectSchema(
                     {{"chain_id", StringSchema()}, {"genesis_hash", HashSchema()}, {"node_name", StringSchema()}}))},
      .handler = [&node](const Params&, json* result) -> RpcStatus {
        const ChainInfo c = node.GetChainInfo();
        *result = {{"chain_id", c.chain_id}, {"genesis_hash", c.genesis_hash.Hex()}, {"node_name", c.node_name}};
        return RpcStatus::Ok();
      }});

  out.push_back(
      MethodSpec{.name = "system_properties",
                 .summary = "Token, address format, fee and consensus parameters of the chain (from genesis).",
                 .result = {"properties", Share(ObjectSchema({{"token_symbol", StringSchema()},
                                                              {"token_decimals", UintSchema()},
                                                              {"ss58_format", UintSchema()},
                                                              {"base_fee", AmountSchema()},
                                                              {"fee_per_byte", AmountSchema()},
                                                              {"proposer_share_percent", UintSchema()},
                                                              {"pool_share_percent", UintSchema()},
                                                              {"block_time_ms", UintSchema()},
                                                              {"max_tx_bytes", UintSchema()},
                                                              {"max_block_bytes", UintSchema()},
                                                              {"max_block_txs", UintSchema()}}))},
                 .handler = [&node](const Params&, json* result) -> RpcStatus {
                   const chain::Genesis g = node.GetGenesis();
                   *result = {{"token_symbol", kTokenSymbol},
                              {"token_decimals", kTokenDecimals},
                              {"ss58_format", chain::kSs58Prefix},
                              {"base_fee", chain::AmountToJson(g.fees.base_fee)},
                              {"fee_per_byte", chain::AmountToJson(g.fees.fee_per_byte)},
                              {"proposer_share_percent", g.fees.proposer_share_percent},
                              {"pool_share_percent", g.fees.pool_share_percent},
                              {"block_time_ms", g.consensus.block_time_ms},
                              {"max_tx_bytes", g.consensus.max_tx_bytes},
                              {"max_block_bytes", g.consensus.max_block_bytes},
                              {"max_block_txs", g.consensus.max_block_txs}};
                   return RpcStatus::Ok();
                 }});

  out.push_back(MethodSpec{
      .name = "system_peers",
      .summary = "The connected peers: node id, address, direction and last announced height.",
      .result = {"peers", Share(ArraySchema(ObjectSchema({{"id", StringSchema()},
                                                           {"address", StringSchema()},
                                                           {"inbound", BoolSchema()},
                                                           {"height", UintSchema()}})))},
      .handler = [&node](const Params&, json* result) -> RpcStatus {
        *result = json::array();
        for (const PeerView& p : node.GetPeers()) {
          result->push_back({{"id", p.id}, {"address", p.address}, {"inbound", p.inbound}, {"height", p.height}});
        }
        return RpcStatus::Ok();
      }});

  out.push_back(MethodSpec{
      .name = "system_syncState",
      .summary = "Block sync progress: where the sync started, where the node is, the best height seen.",
      .result = {"sync_state", Share(ObjectSchema({{"starting_block", UintSchema()},
                                                   {"current_block", UintSchema()},
                                                   {"highest_block", UintSchema()},
                                                   {"syncing", BoolSchema()}}))},
      .handler = [&node](const Params&, json* result) -> RpcStatus {
        const SyncState s = node.GetSyncState();
        *result = {{"starting_block", s.starting_block},
                   {"current_block", s.current_block},
                   {"highest_block", s.highest_block},
                   {"syncing", s.syncing}};
        return RpcStatus::Ok();
      }});

  return out;
}

}  // namespace tfchain::rpc
