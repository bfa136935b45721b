#pragma once

#include <cstdint>

#include "contracts/state.h"

namespace tfchain::contracts {

// The runtime's own record of the block being executed, so that pure checks made
// outside a block (the mempool's, the RPC's) see the chain's notion of "now": the
// time of the state's head block, never a wall clock.
struct BlockInfo {
  uint64_t height = 0;
  uint64_t time_ms = 0;
  bool operator==(const BlockInfo&) const = default;
};
void EncodeTo(chain::Encoder& e, const BlockInfo& v);
Status DecodeFrom(chain::Decoder& d, BlockInfo* out);

// Key layout (module prefix 0x00, chain/account_data.h):
//   0x00 0x01 -> block_info := height:u64 time_ms:u64
// Thread-compatible (static functions on caller-owned state).
class SystemState {
 public:
  // The head block's height and time; {0, 0} before the first block (genesis writes
  // {0, genesis_time_ms}). Errors: the reader's, or "state-corrupt".
  static Result<BlockInfo> GetBlockInfo(const StateReader& state);
  static void PutBlockInfo(StateOverlay& state, const BlockInfo& info);
};

}  // namespace tfchain::contracts
