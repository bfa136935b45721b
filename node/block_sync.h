#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <unordered_map>

#include "chain/block.h"
#include "node/chain_state.h"
#include "node/clock.h"
#include "node/consensus_driver.h"
#include "node/p2p_message.h"
#include "node/p2p_peer_address.h"
#include "rpc/node_api.h"

namespace tfchain::node {

// Catches a node up with its peers by fetching committed blocks instead of running
// consensus for them.
//
// Peers announce their head (StatusMsg). When one is at least two blocks ahead — or
// one block ahead while this node has not committed anything for `stall_ms` — the
// node starts syncing: it pauses consensus, asks several peers for consecutive ranges
// of blocks at once, and applies them in order. Block h is applied only with a commit
// for it (the last_commit of block h+1, or the tip commit a peer sends with its head
// block) that more than 2/3 of h's validators signed, and only if it re-executes to
// the same header (node/block_executor.h). Transaction signatures of committed blocks
// are not verified again (the commit certifies them; see Apply). A peer that sends a block or commit that
// fails these checks is reported as misbehaving and its blocks are dropped. When no
// peer is ahead any more, consensus resumes.
//
// Blocks applied while syncing are committed without fsync except the last of each
// response (a crash can only lose blocks that are fetched again).
//
// NOT thread-safe: runs on the node's event loop.
class BlockSync {
 public:
  struct Options {
    uint32_t blocks_per_request = 64;
    size_t max_requests_in_flight = 4;
    std::chrono::milliseconds request_timeout{10'000};
    std::chrono::milliseconds stall{3'000};
  };
  struct Hooks {
    std::function<bool(const PeerId&, const Message&)> send;
    std::function<void(const PeerId&, std::string_view reason)> misbehaved;
    std::function<void(const ConsensusDriver::Committed&)> committed;
    std::function<void(chain::Status)> fatal;
    std::function<void()> started;    // pause consensus
    std::function<void()> caught_up;  // resume consensus
  };

  BlockSync(ChainState& chain, Options options, Hooks hooks);

  void OnStatus(const PeerId& peer, const StatusMsg& status);
  void OnPeerGone(const PeerId& peer);
  // Whether `response` answers the request the sync has in flight with `peer` (else
  // it is a push the node offers to consensus).
  bool Claims(const PeerId& peer, const BlockResponse& response) const;
  // Takes the response to the request in flight with `peer` (Claims was true).
  void OnResponse(const PeerId& peer, BlockResponse response);
  // Call periodically (every ~100 ms): starts or ends syncing, sends requests, retries
  // timed-out ones.
  void Tick();

  bool syncing() const { return syncing_; }
  rpc::SyncState state() const;
  uint64_t best_peer_height() const;
  // Blocks applied by sync since the node started.
  uint64_t blocks_applied() const { return blocks_applied_; }

 private:
  struct Peer {
    uint64_t height = 0;
    std::optional<BlockRequest> in_flight;
    std::chrono::steady_clock::time_point deadline;
  };
  struct Pending {
    chain::Block block;
    PeerId from;
  };

  void SendRequests();
  void Apply();
  void Drop(uint64_t height, const PeerId& culprit, std::string_view reason);

  ChainState& chain_;
  const Options options_;
  Hooks hooks_;

  std::unordered_map<PeerId, Peer, chain::FixedBytesHasher> peers_;
  bool syncing_ = false;
  uint64_t starting_height_ = 0;
  uint64_t next_request_ = 0;
  std::map<uint64_t, Pending> pending_;                                       // by height
  std::map<uint64_t, std::pair<chain::Commit, PeerId>> tip_commits_;          // by height
  uint64_t last_head_ = 0;
  std::chrono::steady_clock::time_point last_progress_ = std::chrono::steady_clock::now();
  uint64_t blocks_applied_ = 0;
};

}  // namespace tfchain::node
