#include "rpc/methods.h"

namespace tfchain::rpc {

chain::Status RegisterNodeMethods(MethodTable& table, NodeApi& node) {
  for (auto family : {SystemMethods, ChainMethods, TxMethods, StateMethods, StakingMethods, GridMethods, FarmingMethods,
                      GovMethods, ContractMethods}) {
    for (MethodSpec& spec : family(node)) TF_RETURN_IF_ERROR(table.Register(std::move(spec)));
  }
  return chain::Status::Ok();
}

chain::Result<BlockView> FetchBlock(NodeApi& node, const BlockRef* ref) {
  if (ref == nullptr) return node.GetBlockByHeight(node.GetHead().height);
  if (const auto* height = std::get_if<uint64_t>(ref)) return node.GetBlockByHeight(*height);
  return node.GetBlockByHash(std::get<chain::Hash256>(*ref));
}

}  // namespace tfchain::rpc
