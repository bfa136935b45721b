// The Tendermint algorithm: Algorithm 1 of "The latest gossip on BFT consensus"
// (Buchman, Kwon, Milosevic 2018). Comments "line N" refer to its numbered lines:
//   1-9 init, 10 start, 11-21 StartRound, 22-27 and 28-33 prevote on a proposal,
//   34-35 prevote timeout, 36-43 lock / valid value, 44-46 precommit nil,
//   47-48 precommit timeout, 49-54 decide, 55-56 round skip, 57-67 timeouts.
//
// "upon" rules are evaluated after every input, repeatedly, until none fires
// (RunRules); each rule's guard (step, "for the first time" flags, decided_) makes
// it fire at most once per enabling condition, as in the paper.
#include "consensus/engine.h"

#include <string>
#include <utility>

namespace tfchain::consensus {

uint64_t TimeoutParams::DurationMs(Step step, uint32_t round) const {
  switch (step) {
    case Step::kPropose:
      return propose_init_ms + uint64_t{round} * propose_delta_ms;
    case Step::kPrevote:
      return prevote_init_ms + uint64_t{round} * prevote_delta_ms;
    case Step::kPrecommit:
      return precommit_init_ms + uint64_t{round} * precommit_delta_ms;
  }
  return 0;
}

Engine::RoundState::RoundState(const Engine& engine, uint32_t round)
    : prevotes(engine.options_.chain_id, engine.validators_, engine.height_, round, chain::VoteType::kPrevote,
               engine.options_.verify_signatures),
      precommits(engine.options_.chain_id, engine.validators_, engine.height_, round, chain::VoteType::kPrecommit,
                 engine.options_.verify_signatures),
      voted(engine.validators_->size(), false) {}

Engine::Engine(Options options) : options_(std::move(options)) {}

// Line 10 for a new height; lines 52-54 reset the per-height state.
std::vector<Output> Engine::StartHeight(uint64_t height, ValidatorSet validators, std::optional<Lock> restored_lock) {
  if (started() && height == height_ + 1) {
    previous_height_ = height_;
    previous_rounds_ = std::move(rounds_);
  } else {
    previous_height_.reset();
    previous_rounds_.clear();
  }
  validators_ = std::make_shared<const ValidatorSet>(std::move(validators));
  height_ = height;
  decided_ = false;
  locked_value_.reset();
  locked_round_ = -1;
  valid_value_.reset();
  valid_round_ = -1;
  if (restored_lock) {
    locked_value_ = valid_value_ = restored_lock->value;
    locked_round_ = valid_round_ = static_cast<int32_t>(restored_lock->round);
  }
  rounds_.clear();
  std::vector<Output> out;
  StartRound(0, out);
  RunRules(out);
  return out;
}

std::vector<Output> Engine::OnProposal(const chain::Proposal& proposal, bool block_valid, chain::Status* rejection) {
  using chain::Status;
  std::vector<Output> out;
  Status status = CheckCurrent("proposal", proposal.height, proposal.round);
  if (status.ok() && decided_) status = Status::InvalidArgument("height-decided");
  if (status.ok() && (proposal.pol_round < -1 || proposal.pol_round >= static_cast<int64_t>(proposal.round))) {
    status = Status::InvalidArgument("proposal-bad-pol-round", "pol_round " + std::to_string(proposal.pol_round) +
                                                                   " in round " + std::to_string(proposal.round));
  }
  if (status.ok() && proposal.proposer != validators_->Proposer(height_, proposal.round).id) {
    status = Status::InvalidArgument("proposal-wrong-proposer",
                                     proposal.proposer.Hex() + " is not the proposer of round " +
                                         std::to_string(proposal.round));
  }
  RoundState* existing = status.ok() ? FindRound(proposal.round) : nullptr;
  if (existing != nullptr) {
    for (const StoredProposal& stored : existing->proposals) {
      if (stored.proposal == proposal) status = Status::InvalidArgument("proposal-duplicate");
    }
    if (status.ok() && existing->proposals.size() >= kMaxProposalsPerRound) {
      status = Status::InvalidArgument("proposal-too-many", "round " + std::to_string(proposal.round));
    }
  }
  if (status.ok() && options_.verify_signatures && !chain::VerifyProposal(options_.chain_id, proposal)) {
    status = Status::InvalidArgument("proposal-bad-signature", "proposal by " + proposal.proposer.Hex());
  }
  if (rejection != nullptr) *rejection = status;
  if (!status.ok()) return out;

  RoundState& round = Round(proposal.round);
  round.proposals.push_back(StoredProposal{proposal, block_valid});
  // Tally the proposed value completely, here and in the POL round it cites.
  round.prevotes.Want(proposal.block_hash);
  round.precommits.Want(proposal.block_hash);
  if (proposal.pol_round >= 0) Round(static_cast<uint32_t>(proposal.pol_round)).prevotes.Want(proposal.block_hash);
  RunRules(out);
  return out;
}

std::vector<Output> Engine::OnVote(const chain::Vote& vote, chain::Status* rejection) {
  std::vector<Output> out;
  if (previous_height_ && vote.height == *previous_height_) return OnPreviousHeightVote(vote, rejection);
  chain::Status status = CheckCurrent("vote", vote.height, vote.round);
  std::optional<size_t> index;
  if (status.ok()) {
    index = validators_->IndexOf(vote.validator);
    if (!index) status = chain::Status::InvalidArgument("vote-unknown-validator", vote.validator.Hex());
  }
  if (!status.ok()) {
    if (rejection != nullptr) *rejection = status;
    return out;
  }
  RoundState& round = Round(vote.round);
  VoteSet& votes = vote.type == chain::VoteType::kPrevote ? round.prevotes : round.precommits;
  chain::Result<AddedVote> added = votes.Add(vote);
  if (rejection != nullptr) *rejection = added.status();
  if (!added.ok()) return out;
  if (added->evidence) out.push_back(EvidenceFound{*added->evidence});
  if (!round.voted[*index]) {
    round.voted[*index] = true;
    round.voted_power += validators_->at(*index).power;
  }
  RunRules(out);  // nothing once decided: late votes are only kept for evidence
  return out;
}

// A late vote of the previous height: only evidence can come of it.
std::vector<Output> Engine::OnPreviousHeightVote(const chain::Vote& vote, chain::Status* rejection) {
  std::vector<Output> out;
  chain::Status status = chain::Status::InvalidArgument("vote-past-height", "height " + std::to_string(vote.height));
  auto it = previous_rounds_.find(vote.round);
  if (it != previous_rounds_.end()) {
    VoteSet& votes = vote.type == chain::VoteType::kPrevote ? it->second.prevotes : it->second.precommits;
    chain::Result<AddedVote> added = votes.Add(vote);
    status = added.status();
    if (added.ok() && added->evidence) out.push_back(EvidenceFound{*added->evidence});
  }
  if (rejection != nullptr) *rejection = status;
  return out;
}

// Lines 57-67.
std::vector<Output> Engine::OnTimeout(const Timeout& timeout) {
  std::vector<Output> out;
  if (!started() || decided_ || timeout.height != height_ || timeout.round != round_) return out;
  switch (timeout.step) {
    case Step::kPropose:  // lines 57-60
      if (step_ != Step::kPropose) return out;
      CastVote(chain::VoteType::kPrevote, chain::Hash256{}, out);
      step_ = Step::kPrevote;
      break;
    case Step::kPrevote:  // lines 61-64
      if (step_ != Step::kPrevote) return out;
      CastVote(chain::VoteType::kPrecommit, chain::Hash256{}, out);
      step_ = Step::kPrecommit;
      break;
    case Step::kPrecommit:  // lines 65-67
      if (round_ == UINT32_MAX) return out;  // unreachable in practice: timeouts grow with the round
      StartRound(round_ + 1, out);
      break;
  }
  RunRules(out);
  return out;
}

// Line 18: getValue() returned.
std::vector<Output> Engine::OnOwnProposalValue(uint64_t height, uint32_t round, const chain::Hash256& block_hash) {
  std::vector<Output> out;
  if (!started() || decided_ || !awaiting_own_value_ || height != height_ || round != round_ ||
      step_ != Step::kPropose) {
    return out;
  }
  awaiting_own_value_ = false;
  Propose(block_hash, -1, out);  // validValue is nil, so validRound is -1 (line 19)
  return out;
}

chain::Status Engine::CheckCurrent(std::string_view kind, uint64_t height, uint32_t round) const {
  using chain::Status;
  const std::string k(kind);
  if (!started()) return Status::InvalidArgument("engine-not-started");
  if (height < height_) {
    return Status::InvalidArgument(k + "-past-height",
                                   "height " + std::to_string(height) + ", at " + std::to_string(height_));
  }
  if (height > height_) {
    return Status::InvalidArgument(k + "-future-height",
                                   "height " + std::to_string(height) + ", at " + std::to_string(height_));
  }
  if (uint64_t{round} > uint64_t{round_} + options_.max_future_rounds) {
    return Status::InvalidArgument(k + "-round-too-far",
                                   "round " + std::to_string(round) + ", at " + std::to_string(round_));
  }
  return Status::Ok();
}

Engine::RoundState& Engine::Round(uint32_t round) {
  auto it = rounds_.find(round);
  if (it == rounds_.end()) it = rounds_.emplace(round, RoundState(*this, round)).first;
  return it->second;
}

Engine::RoundState* Engine::FindRound(uint32_t round) {
  auto it = rounds_.find(round);
  return it == rounds_.end() ? nullptr : &it->second;
}

bool Engine::IsValidator() const { return options_.my_id && validators_->Contains(*options_.my_id); }

bool Engine::IsProposer(uint32_t round) const {
  return options_.my_id && validators_->Proposer(height_, round).id == *options_.my_id;
}

// Lines 11-21. Unlike line 21 the proposer schedules timeoutPropose too (as
// CometBFT does): its block is built asynchronously and may never come.
void Engine::StartRound(uint32_t round, std::vector<Output>& out) {
  round_ = round;
  step_ = Step::kPropose;
  awaiting_own_value_ = false;
  if (IsProposer(round)) {
    if (valid_value_) {
      Propose(*valid_value_, valid_round_, out);  // lines 15-16, 19
    } else {
      awaiting_own_value_ = true;  // line 18: getValue()
      out.push_back(ProposeRequest{height_, round_});
    }
  }
  Schedule(Step::kPropose, out);
}

void Engine::Propose(const chain::Hash256& value, int32_t pol_round, std::vector<Output>& out) {
  chain::Proposal proposal;
  proposal.height = height_;
  proposal.round = round_;
  proposal.pol_round = pol_round;
  proposal.block_hash = value;
  proposal.proposer = *options_.my_id;
  out.push_back(SignProposal{proposal});
}

void Engine::CastVote(chain::VoteType type, const chain::Hash256& value, std::vector<Output>& out) {
  if (!IsValidator()) return;  // a follower only tracks the state
  chain::Vote vote;
  vote.type = type;
  vote.height = height_;
  vote.round = round_;
  vote.block_hash = value;
  vote.validator = *options_.my_id;
  out.push_back(SignVote{vote});
}

void Engine::Schedule(Step step, std::vector<Output>& out) {
  out.push_back(ScheduleTimeout{Timeout{height_, round_, step}, options_.timeouts.DurationMs(step, round_)});
}

void Engine::RunRules(std::vector<Output>& out) {
  while (!decided_) {
    // A decision first; then the rules of the current round; the round skip last,
    // so that what the current round already allows (a valid value) is not lost.
    const bool fired = TryDecide(out) || TryPrevoteOnProposal(out) || TryPrevoteQuorumForValue(out) ||
                       TryPrevoteQuorumForNil(out) || TryPrevoteQuorumAny(out) || TryPrecommitQuorumAny(out) ||
                       TrySkipRound(out);
    if (!fired) break;
  }
}

// Lines 49-54: ⟨PROPOSAL, h, r, v, ∗⟩ and 2f+1 ⟨PRECOMMIT, h, r, id(v)⟩, valid(v),
// for any round r. The proposal may come from any round of the height: it only
// serves to know v and its validity.
bool Engine::TryDecide(std::vector<Output>& out) {
  for (const auto& [round, state] : rounds_) {
    if (!state.precommits.HasQuorumAny()) continue;
    for (const auto& [proposal_round, proposals] : rounds_) {
      for (const StoredProposal& stored : proposals.proposals) {
        const chain::Hash256& v = stored.proposal.block_hash;
        if (!stored.valid || !state.precommits.HasQuorumFor(v)) continue;
        chain::Commit commit;
        commit.height = height_;
        commit.round = round;
        commit.block_hash = v;
        commit.signatures = state.precommits.SignaturesFor(v);
        out.push_back(Decide{height_, round, v, std::move(commit)});
        decided_ = true;  // the node starts the next height (lines 52-54)
        return true;
      }
    }
  }
  return false;
}

// Lines 22-27 (vr = -1) and 28-33 (0 <= vr < round_p, with 2f+1 prevotes at vr).
bool Engine::TryPrevoteOnProposal(std::vector<Output>& out) {
  if (step_ != Step::kPropose) return false;
  RoundState* state = FindRound(round_);
  if (state == nullptr) return false;
  for (const StoredProposal& stored : state->proposals) {
    const chain::Proposal& p = stored.proposal;
    const chain::Hash256& v = p.block_hash;
    bool prevote_v;
    if (p.pol_round == -1) {
      // Line 23.
      prevote_v = stored.valid && (locked_round_ == -1 || locked_value_ == v);
    } else {
      RoundState* pol = FindRound(static_cast<uint32_t>(p.pol_round));
      if (pol == nullptr || !pol->prevotes.HasQuorumFor(v)) continue;  // not yet justified
      // Line 29: unlock when the proposal carries a newer polka.
      prevote_v = stored.valid && (locked_round_ <= p.pol_round || locked_value_ == v);
    }
    CastVote(chain::VoteType::kPrevote, prevote_v ? v : chain::Hash256{}, out);  // lines 24/26, 30/32
    step_ = Step::kPrevote;                                                       // lines 27, 33
    return true;
  }
  return false;
}

// Lines 36-43: ⟨PROPOSAL, h, round_p, v, ∗⟩ and 2f+1 ⟨PREVOTE, h, round_p, id(v)⟩,
// valid(v), step >= prevote, for the first time.
bool Engine::TryPrevoteQuorumForValue(std::vector<Output>& out) {
  if (step_ == Step::kPropose) return false;
  RoundState* state = FindRound(round_);
  if (state == nullptr || state->prevote_quorum_handled) return false;
  for (const StoredProposal& stored : state->proposals) {
    const chain::Hash256& v = stored.proposal.block_hash;
    if (!stored.valid || !state->prevotes.HasQuorumFor(v)) continue;
    state->prevote_quorum_handled = true;
    if (step_ == Step::kPrevote) {
      locked_value_ = v;                                     // line 38
      locked_round_ = static_cast<int32_t>(round_);          // line 39
      CastVote(chain::VoteType::kPrecommit, v, out);         // line 40
      step_ = Step::kPrecommit;                              // line 41
    }
    valid_value_ = v;                                        // line 42
    valid_round_ = static_cast<int32_t>(round_);             // line 43
    return true;
  }
  return false;
}

// Lines 44-46: 2f+1 ⟨PREVOTE, h, round_p, nil⟩ while step = prevote.
bool Engine::TryPrevoteQuorumForNil(std::vector<Output>& out) {
  if (step_ != Step::kPrevote) return false;
  RoundState* state = FindRound(round_);
  if (state == nullptr || !state->prevotes.HasQuorumFor(chain::Hash256{})) return false;
  CastVote(chain::VoteType::kPrecommit, chain::Hash256{}, out);
  step_ = Step::kPrecommit;
  return true;
}

// Lines 34-35: 2f+1 ⟨PREVOTE, h, round_p, ∗⟩ while step = prevote, for the first time.
bool Engine::TryPrevoteQuorumAny(std::vector<Output>& out) {
  if (step_ != Step::kPrevote) return false;
  RoundState* state = FindRound(round_);
  if (state == nullptr || state->prevote_timeout_scheduled || !state->prevotes.HasQuorumAny()) return false;
  state->prevote_timeout_scheduled = true;
  Schedule(Step::kPrevote, out);
  return true;
}

// Lines 47-48: 2f+1 ⟨PRECOMMIT, h, round_p, ∗⟩ for the first time.
bool Engine::TryPrecommitQuorumAny(std::vector<Output>& out) {
  RoundState* state = FindRound(round_);
  if (state == nullptr || state->precommit_timeout_scheduled || !state->precommits.HasQuorumAny()) return false;
  state->precommit_timeout_scheduled = true;
  Schedule(Step::kPrecommit, out);
  return true;
}

// Lines 55-56: f+1 ⟨∗, h, round, ∗, ∗⟩ with round > round_p. Messages are votes of
// either type, counted once per validator. Of several such rounds the highest is
// taken (starting a lower one would only re-trigger the rule).
bool Engine::TrySkipRound(std::vector<Output>& out) {
  for (auto it = rounds_.rbegin(); it != rounds_.rend() && it->first > round_; ++it) {
    if (validators_->ExceedsOneThird(it->second.voted_power)) {
      StartRound(it->first, out);
      return true;
    }
  }
  return false;
}

}  // namespace tfchain::consensus
