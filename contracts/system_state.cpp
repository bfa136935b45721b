// State value layout:
//   block_info := height:u64 time_ms:u64     under key 0x00 0x01
#include "contracts/system_state.h"

#include "chain/account_data.h"

namespace tfchain::contracts {
namespace {

Bytes BlockInfoKey() { return Bytes{chain::kStatePrefixSystem, 0x01}; }

}  // namespace

void EncodeTo(chain::Encoder& e, const BlockInfo& v) {
  e.U64(v.height);
  e.U64(v.time_ms);
}

Status DecodeFrom(chain::Decoder& d, BlockInfo* out) {
  TF_RETURN_IF_ERROR(d.U64(&out->height));
  return d.U64(&out->time_ms);
}

Result<BlockInfo> SystemState::GetBlockInfo(const StateReader& state) {
  TF_ASSIGN_OR_RETURN(std::optional<BlockInfo> info, GetDecoded<BlockInfo>(state, BlockInfoKey()));
  return info.value_or(BlockInfo{});
}

void SystemState::PutBlockInfo(StateOverlay& state, const BlockInfo& info) {
  PutEncoded(state, BlockInfoKey(), info);
}

}  // namespace tfchain::contracts
