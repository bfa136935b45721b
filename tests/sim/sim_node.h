#pragma once

// The simulated nodes of tests/sim/simulation.cpp: their messages, the events of
// the simulated clock, and what a node keeps (or loses in a crash).

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <tuple>
#include <utility>
#include <variant>
#include <vector>

#include "chain/hash.h"
#include "chain/keys.h"
#include "chain/proposal.h"
#include "chain/vote.h"
#include "consensus/engine.h"
#include "consensus/signer_guard.h"

namespace tfchain::sim {

inline constexpr char kChainId[] = "tfchain-sim";

struct DecidedBlock {
  uint64_t height = 0;
  chain::Hash256 hash;
  chain::Commit commit;
};

// Messages between nodes.
struct ProposalMsg { chain::Proposal proposal; };
struct VoteMsg { chain::Vote vote; };
struct StatusMsg { uint64_t committed; };  // a node's head, sent every gossip tick
struct SyncRequest { uint64_t from_height; };
struct SyncResponse { std::vector<DecidedBlock> blocks; };
using Message = std::variant<ProposalMsg, VoteMsg, StatusMsg, SyncRequest, SyncResponse>;

// The consensus height of a proposal or vote; 0 for the other messages.
inline uint64_t HeightOf(const Message& m) {
  if (const auto* p = std::get_if<ProposalMsg>(&m)) return p->proposal.height;
  if (const auto* v = std::get_if<VoteMsg>(&m)) return v->vote.height;
  return 0;
}

// Events of the simulated clock.
struct Deliver { size_t from, to; Message message; };
struct FireTimeout { size_t node; uint64_t epoch; consensus::Timeout timeout; };
struct OwnValue { size_t node; uint64_t epoch; uint64_t height; uint32_t round; };
struct NextHeight { size_t node; uint64_t epoch; uint64_t height; };
struct CrashEvent { size_t node; uint64_t down_ms; };
struct RestartEvent { size_t node; };
struct GossipTick { size_t node; };
struct HealEvent {};
using Event = std::variant<Deliver, FireTimeout, OwnValue, NextHeight, CrashEvent, RestartEvent, GossipTick, HealEvent>;

struct Queued {
  uint64_t time;
  uint64_t seq;
  Event event;
  bool operator>(const Queued& o) const { return time != o.time ? time > o.time : seq > o.seq; }
};

// A message of the node's current height that it re-sends every gossip tick to
// `group` (-1: everyone; 0 / 1: one half, for a byzantine node's two versions).
// Honest nodes gossip every message they accepted (their own and their peers'),
// as a real node's gossip gives each peer the votes it lacks: without that, a vote
// lost in a partition by a node that then crashed would be lost for good.
struct GossipMessage {
  Message message;
  int group;
};

struct Node {
  Node(size_t i, bool is_byzantine, chain::SecretKey k) : index(i), byzantine(is_byzantine), key(std::move(k)) {}

  size_t index;
  bool byzantine;
  chain::SecretKey key;
  // Survives crashes ("persisted"): the signer state and the committed blocks.
  consensus::SignerGuard guard;
  std::map<uint64_t, DecidedBlock> chain;
  uint64_t committed = 0;
  // Lost on a crash.
  bool up = true;
  uint64_t epoch = 0;
  std::unique_ptr<consensus::Engine> engine;
  std::vector<GossipMessage> gossip;
  std::vector<std::pair<size_t, Message>> buffered;  // (sender, message) for future heights
  // Byzantine nodes: the values proposed at each (height, round) they know of.
  std::map<std::pair<uint64_t, uint32_t>, std::vector<chain::Hash256>> proposed;
  std::set<std::tuple<uint64_t, uint32_t, chain::Hash256>> endorsed;
  std::optional<uint64_t> last_sync_request_ms;
};

}  // namespace tfchain::sim
