#pragma once

#include <boost/asio/io_context.hpp>
#include <boost/asio/steady_timer.hpp>

#include <chrono>
#include <cstdint>
#include <functional>
#include <list>
#include <map>
#include <memory>
#include <optional>
#include <vector>

#include "consensus/engine.h"
#include "node/block_builder.h"
#include "node/chain_state.h"
#include "node/clock.h"
#include "node/mempool.h"
#include "node/p2p_message.h"
#include "node/p2p_peer_address.h"
#include "node/private_validator.h"
#include "node/signature_verifier.h"

namespace tfchain::node {

// Drives consensus::Engine for the node: feeds it proposals (with their blocks
// executed), votes and timeouts; acts on its outputs — builds and proposes blocks,
// signs through the PrivateValidator, gossips, commits decided blocks — and starts
// each height. Messages for later heights are buffered (bounded) and replayed.
//
// With one validator and no peers this is the --dev node; with a P2P network it is a
// validator (or a follower, without a PrivateValidator) of a BFT network.
//
// NOT thread-safe: everything runs on the node's event loop (`io`).
class ConsensusDriver {
 public:
  struct Options {
    consensus::TimeoutParams timeouts;
    // A height starts no sooner than this after the previous one started: the target
    // block interval (CometBFT's timeout_commit plays this role).
    uint64_t block_time_ms = 1000;
    // A proposal's block time may be at most this far ahead of the local clock.
    uint64_t max_clock_drift_ms = 10'000;
    // Messages buffered for heights above the current one: how far ahead, how many.
    uint64_t max_future_heights = 8;
    size_t max_buffered_messages = 50'000;
  };

  // What a committed block changed, for the node's bookkeeping.
  struct Committed {
    uint64_t height = 0;
    chain::Hash256 hash;
    std::vector<chain::Hash256> tx_hashes;
    std::vector<chain::AccountId> changed_accounts;
    uint64_t commit_ms = 0;  // wall time of the store write
  };

  struct Hooks {
    // Gossip to every peer but `except` (may be null).
    std::function<void(const Message&, const PeerId* except)> broadcast;
    // Ask peers for a block (a decided value this node has no block for).
    std::function<void(uint64_t height)> request_block;
    // After every committed block (mempool update, metrics, Status to peers).
    std::function<void(const Committed&)> committed;
    // A failure the node cannot go on from (the store refused a commit).
    std::function<void(chain::Status)> fatal;
    // A peer sent something only a misbehaving peer sends.
    std::function<void(const PeerId&, std::string_view reason)> misbehaved;
  };

  // `validator` may be null (a follower). All references must outlive the driver.
  ConsensusDriver(boost::asio::io_context& io, ChainState& chain, Mempool& mempool, SignatureVerifier& verifier,
                  PrivateValidator* validator, const Clock& clock, Options options, Hooks hooks);

  // Starts (or restarts, e.g. after a block sync) at the height after the head.
  void Start();
  // Stops acting: timers are ignored and incoming messages only buffered.
  void Pause();
  bool running() const { return running_; }
  uint64_t height() const { return engine_.height(); }
  const consensus::Engine& engine() const { return engine_; }

  // Gossip from a peer (`from` is null for this node's own RPC-submitted items).
  void OnProposal(const PeerId* from, ProposalMsg msg);
  void OnVote(const PeerId* from, const chain::Vote& vote);
  void OnEvidence(const PeerId* from, const chain::Evidence& evidence);
  // Committed blocks a peer sent (a BlockResponse nobody asked the sync for): the
  // decided value this node lacks, or blocks it fell behind on. Each block that
  // extends the head is committed if it carries a valid commit — the decision this
  // node saw, the next block's last_commit, or `tip_commit` for the last one — and
  // re-executes correctly. A bad commit counts as `from` misbehaving.
  void OnBlocks(const PeerId* from, const std::vector<chain::Block>& blocks,
                const std::optional<chain::Commit>& tip_commit);

  // Evidence waiting to be included (checked against the head).
  const std::vector<chain::Evidence>& pending_evidence() const { return evidence_; }

 private:
  void StartHeightNow();
  void ScheduleNextHeight();
  void Process(std::vector<consensus::Output> outputs);
  void Act(const consensus::ProposeRequest& r, std::vector<consensus::Output>* more);
  void Act(const consensus::SignProposal& r, std::vector<consensus::Output>* more);
  void Act(const consensus::SignVote& r, std::vector<consensus::Output>* more);
  void Act(const consensus::ScheduleTimeout& r, std::vector<consensus::Output>* more);
  void Act(const consensus::Decide& r, std::vector<consensus::Output>* more);
  void Act(const consensus::EvidenceFound& r, std::vector<consensus::Output>* more);
  // Verifies the signatures of the block's transactions not already known to be valid
  // and executes it on the head. nullopt when the block is invalid.
  const BuiltBlock* ExecuteProposed(const chain::Block& block, const chain::Hash256& hash, std::string* why);
  void CommitDecided(BuiltBlock built, chain::Commit commit);
  void Remember(Message msg);
  void ScheduleRegossip();
  void Buffer(uint64_t height, Message msg);
  void ReplayBuffered();
  void AddEvidence(const chain::Evidence& evidence, const PeerId* from);

  boost::asio::io_context& io_;
  ChainState& chain_;
  Mempool& mempool_;
  SignatureVerifier& verifier_;
  PrivateValidator* validator_;
  const Clock& clock_;
  const Options options_;
  Hooks hooks_;
  consensus::Engine engine_;

  bool running_ = false;
  uint64_t epoch_ = 0;  // bumps on Start/Pause: timers of an older epoch are ignored
  std::chrono::steady_clock::time_point height_started_;
  boost::asio::steady_timer next_height_timer_;
  boost::asio::steady_timer regossip_timer_;
  std::vector<Message> height_messages_;  // proposals and votes of the current height, to gossip again
  std::list<boost::asio::steady_timer> timeouts_;
  std::map<chain::Hash256, BuiltBlock> executed_;  // blocks executed at the current height
  std::optional<consensus::Decide> awaiting_block_;  // decided without having the block
  std::map<uint64_t, std::vector<Message>> buffered_;
  size_t buffered_count_ = 0;
  std::vector<chain::Evidence> evidence_;
};

}  // namespace tfchain::node
