#pragma once

#include <vector>

#include "chain/status.h"
#include "rpc/method_table.h"
#include "rpc/node_api.h"
#include "rpc/params.h"

namespace tfchain::rpc {

// The node's JSON-RPC methods, one declarative MethodSpec each (docs/rpc.md lists
// them). Handlers capture `node` by reference: it must outlive the table.
std::vector<MethodSpec> SystemMethods(NodeApi& node);   // system_*
std::vector<MethodSpec> ChainMethods(NodeApi& node);    // chain_*
std::vector<MethodSpec> TxMethods(NodeApi& node);       // tx_*
std::vector<MethodSpec> StateMethods(NodeApi& node);    // state_*
std::vector<MethodSpec> StakingMethods(NodeApi& node);  // staking_*
std::vector<MethodSpec> GridMethods(NodeApi& node);     // grid_*
std::vector<MethodSpec> FarmingMethods(NodeApi& node);  // farming_*
std::vector<MethodSpec> GovMethods(NodeApi& node);      // gov_*
std::vector<MethodSpec> ContractMethods(NodeApi& node);  // contract_*

// Registers all of the above. Errors as MethodTable::Register (a clash with a
// method registered earlier).
chain::Status RegisterNodeMethods(MethodTable& table, NodeApi& node);

// The block `ref` names, or the head block when `ref` is nullptr.
// Errors: NotFound "block-not-found" (from the node).
chain::Result<BlockView> FetchBlock(NodeApi& node, const BlockRef* ref);

}  // namespace tfchain::rpc
