#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "chain/account_id.h"
#include "chain/hash.h"
#include "chain/proposal.h"
#include "chain/status.h"
#include "chain/vote.h"
#include "consensus/output.h"
#include "consensus/signer_guard.h"
#include "consensus/step.h"
#include "consensus/validator_set.h"
#include "consensus/vote_set.h"

namespace tfchain::consensus {

// timeoutX(round) = X_init + round * X_delta, in milliseconds (from genesis).
struct TimeoutParams {
  uint64_t propose_init_ms = 3000;
  uint64_t propose_delta_ms = 500;
  uint64_t prevote_init_ms = 1000;
  uint64_t prevote_delta_ms = 500;
  uint64_t precommit_init_ms = 1000;
  uint64_t precommit_delta_ms = 500;

  // The duration of the `step` timeout in `round`.
  uint64_t DurationMs(Step step, uint32_t round) const;
  bool operator==(const TimeoutParams&) const = default;
};

// The Tendermint consensus algorithm of "The latest gossip on BFT consensus"
// (Buchman, Kwon, Milosevic 2018), Algorithm 1, for one validator (or a follower),
// as a pure state machine: every input returns the outputs the node must act on
// (output.h). No I/O, clocks, threads or randomness; deterministic.
//
// Values are block hashes: the node gossips blocks, validates them, and tells the
// engine whether a proposed block is valid. The node must:
//  - call StartHeight(h, validators of h) to begin each height, after the block of
//    h - 1 is committed (also after a block sync);
//  - feed every proposal (once it has the proposal's block and has executed it),
//    vote and fired timeout; buffer messages for future heights and replay them
//    after the matching StartHeight (the engine ignores them);
//  - answer ProposeRequest with OnOwnProposalValue;
//  - before signing a SignProposal/SignVote, ask its SignerGuard and persist the
//    state it returns with fsync; then sign, feed the signed message back here and
//    broadcast it;
//  - keep re-sending the current height's proposals and votes to peers that lack
//    them (liveness needs every honest message to arrive eventually);
//  - on Decide, commit the block (with the commit) and start the next height;
//  - after a restart: StartHeight(h, set, guard.LockAt(h)), then sign again, feed
//    and broadcast every vote of guard.VotesAt(h).
// See docs/consensus.md.
//
// Not thread-safe: one owner (the node's event loop) calls it.
class Engine {
 public:
  // Votes and proposals for rounds above round() + this are ignored, which bounds
  // memory while keeping enough of the future for the round-skip rule.
  static constexpr uint32_t kDefaultMaxFutureRounds = 64;
  // Proposals kept per round: the proposer's first, plus one conflicting proposal of
  // an equivocating proposer (so that a node can still decide the value that won).
  static constexpr size_t kMaxProposalsPerRound = 2;

  struct Options {
    std::string chain_id;
    // This node's consensus key; nullopt for a node that only follows. A key that is
    // not in a height's validator set follows that height.
    std::optional<chain::AccountId> my_id;
    TimeoutParams timeouts;
    uint32_t max_future_rounds = kDefaultMaxFutureRounds;
    // False when the node verified every signature before calling (e.g. in its
    // verifier pool); the engine then trusts them.
    bool verify_signatures = true;
  };

  explicit Engine(Options options);

  // Starts `height` at round 0 with `validators`, forgetting the previous height's
  // state (lines 10 and 53-54 of Algorithm 1); when `height` follows the current one,
  // that height's votes are kept to find evidence in late votes (see OnVote). `restored_lock` is the
  // lock this validator had at `height` before a restart (SignerGuard::LockAt): a
  // validator that precommitted a value and forgot it could help a conflicting value
  // win, so the lock must survive restarts; the engine also takes it as its valid
  // value. May be called at any time with any height.
  std::vector<Output> StartHeight(uint64_t height, ValidatorSet validators,
                                  std::optional<Lock> restored_lock = std::nullopt);

  // A proposal whose block the node has, with the result of validating/executing
  // that block. Ignored (no outputs; `*rejection`, when given, set to the reason)
  // when: the engine has not started ("engine-not-started"), the height is not the
  // current one ("proposal-past-height", "proposal-future-height"), the round is
  // too far ahead ("proposal-round-too-far"), the height is decided ("height-decided"),
  // pol_round is not in [-1, round) ("proposal-bad-pol-round"), the signer is not
  // the round's proposer ("proposal-wrong-proposer"), it was seen before
  // ("proposal-duplicate"), the round has kMaxProposalsPerRound already
  // ("proposal-too-many"), or the signature is bad ("proposal-bad-signature").
  // `*rejection` is ok when the proposal was taken.
  std::vector<Output> OnProposal(const chain::Proposal& proposal, bool block_valid,
                                 chain::Status* rejection = nullptr);

  // A vote. Ignored, with `*rejection` set, when: not started, wrong height
  // ("vote-past-height", "vote-future-height"), "vote-round-too-far", or any
  // VoteSet::Add error ("vote-unknown-validator", "vote-duplicate",
  // "vote-bad-signature", "vote-equivocator-ignored"). A vote that conflicts with
  // the validator's earlier one yields EvidenceFound (and counts, see VoteSet). After
  // Decide, votes of the decided height are still taken until the next StartHeight,
  // and after it, votes of the previous height for rounds seen there: only to find
  // evidence (late conflicting votes are common). Only "vote-bad-signature" and "vote-unknown-validator" (and
  // "proposal-bad-signature", "proposal-wrong-proposer", "proposal-bad-pol-round")
  // mean the sending peer misbehaved; the others are normal in gossip.
  std::vector<Output> OnVote(const chain::Vote& vote, chain::Status* rejection = nullptr);

  // A timeout the engine scheduled has fired. Stale ones are ignored.
  std::vector<Output> OnTimeout(const Timeout& timeout);

  // The node's answer to ProposeRequest{height, round}: the hash of the block it
  // built. Ignored when it no longer matches an outstanding request.
  std::vector<Output> OnOwnProposalValue(uint64_t height, uint32_t round, const chain::Hash256& block_hash);

  // State, for the node and tests.
  bool started() const { return validators_ != nullptr; }
  bool decided() const { return decided_; }
  uint64_t height() const { return height_; }
  uint32_t round() const { return round_; }
  Step step() const { return step_; }
  int32_t locked_round() const { return locked_round_; }
  const std::optional<chain::Hash256>& locked_value() const { return locked_value_; }
  int32_t valid_round() const { return valid_round_; }
  const std::optional<chain::Hash256>& valid_value() const { return valid_value_; }
  // The validators of the current height; null before the first StartHeight.
  const std::shared_ptr<const ValidatorSet>& validators() const { return validators_; }
  const Options& options() const { return options_; }

 private:
  struct StoredProposal {
    chain::Proposal proposal;
    bool valid = false;
  };
  // Everything received for one round of the current height.
  struct RoundState {
    RoundState(const Engine& engine, uint32_t round);
    VoteSet prevotes;
    VoteSet precommits;
    std::vector<StoredProposal> proposals;  // in arrival order
    std::vector<bool> voted;                // any vote counted, by validator index
    uint64_t voted_power = 0;               // the power of `voted`, for line 55
    bool prevote_timeout_scheduled = false;    // line 34 fired
    bool prevote_quorum_handled = false;       // line 36 fired
    bool precommit_timeout_scheduled = false;  // line 47 fired
  };

  std::vector<Output> OnPreviousHeightVote(const chain::Vote& vote, chain::Status* rejection);
  // Rejects messages for another height or a round too far ahead.
  chain::Status CheckCurrent(std::string_view kind, uint64_t height, uint32_t round) const;
  RoundState& Round(uint32_t round);
  RoundState* FindRound(uint32_t round);
  bool IsValidator() const;
  bool IsProposer(uint32_t round) const;

  void StartRound(uint32_t round, std::vector<Output>& out);
  void Propose(const chain::Hash256& value, int32_t pol_round, std::vector<Output>& out);
  void CastVote(chain::VoteType type, const chain::Hash256& value, std::vector<Output>& out);
  void Schedule(Step step, std::vector<Output>& out);

  // Applies the upon rules until none fires.
  void RunRules(std::vector<Output>& out);
  bool TryDecide(std::vector<Output>& out);             // line 49
  bool TryPrevoteOnProposal(std::vector<Output>& out);  // lines 22 and 28
  bool TryPrevoteQuorumForValue(std::vector<Output>& out);  // line 36
  bool TryPrevoteQuorumForNil(std::vector<Output>& out);    // line 44
  bool TryPrevoteQuorumAny(std::vector<Output>& out);       // line 34
  bool TryPrecommitQuorumAny(std::vector<Output>& out);     // line 47
  bool TrySkipRound(std::vector<Output>& out);              // line 55

  Options options_;
  std::shared_ptr<const ValidatorSet> validators_;
  uint64_t height_ = 0;
  uint32_t round_ = 0;
  Step step_ = Step::kPropose;
  bool decided_ = false;
  bool awaiting_own_value_ = false;  // a ProposeRequest for round_ is outstanding
  std::optional<chain::Hash256> locked_value_;
  int32_t locked_round_ = -1;
  std::optional<chain::Hash256> valid_value_;
  int32_t valid_round_ = -1;
  std::map<uint32_t, RoundState> rounds_;
  // The rounds of the previous height, kept to find evidence in late votes.
  std::optional<uint64_t> previous_height_;
  std::map<uint32_t, RoundState> previous_rounds_;
};

}  // namespace tfchain::consensus
