#pragma once

#include <cstdint>
#include <variant>

#include "chain/hash.h"
#include "chain/proposal.h"
#include "chain/vote.h"
#include "consensus/step.h"

namespace tfchain::consensus {

// A timeout of Algorithm 1: OnTimeoutPropose/Prevote/Precommit(height, round),
// told apart by `step`. The node schedules it when the engine asks (ScheduleTimeout)
// and hands it back through Engine::OnTimeout when it fires; stale timeouts are
// ignored by the engine, so the node never needs to cancel one.
struct Timeout {
  uint64_t height = 0;
  uint32_t round = 0;
  Step step = Step::kPropose;
  bool operator==(const Timeout&) const = default;
};

// The outputs of the engine. Each input returns them in the order the node must act
// on them.

// This node proposes at (height, round) and has no valid value to re-propose: build
// a block and answer with Engine::OnOwnProposalValue(height, round, its hash).
struct ProposeRequest {
  uint64_t height = 0;
  uint32_t round = 0;
  bool operator==(const ProposeRequest&) const = default;
};

// Sign this proposal (proposer and signature are to be filled by chain::SignProposal)
// after the signer guard approved it and its state was persisted; then feed the
// signed proposal back through Engine::OnProposal(p, true) and broadcast it with its
// block.
struct SignProposal {
  chain::Proposal proposal;
  bool operator==(const SignProposal&) const = default;
};

// Sign this vote (chain::SignVote) after the signer guard approved it and its state
// was persisted; then feed it back through Engine::OnVote and broadcast it.
struct SignVote {
  chain::Vote vote;
  bool operator==(const SignVote&) const = default;
};

// Call Engine::OnTimeout(timeout) after duration_ms of local time.
struct ScheduleTimeout {
  Timeout timeout;
  uint64_t duration_ms = 0;
  bool operator==(const ScheduleTimeout&) const = default;
};

// Block `block_hash` is decided at `height` in `round`: commit it. `commit` holds
// every precommit for it that the engine counted in that round (more than 2/3 of
// the power), signatures included, in validator-set order. The height then makes no
// more progress (late votes only serve to find evidence) until the next StartHeight.
struct Decide {
  uint64_t height = 0;
  uint32_t round = 0;
  chain::Hash256 block_hash;
  chain::Commit commit;
  bool operator==(const Decide&) const = default;
};

// A validator signed two different votes at the same (height, round, type); both
// signatures are valid. Gossip it and include it in a block.
struct EvidenceFound {
  chain::Evidence evidence;
  bool operator==(const EvidenceFound&) const = default;
};

using Output = std::variant<ProposeRequest, SignProposal, SignVote, ScheduleTimeout, Decide, EvidenceFound>;

}  // namespace tfchain::consensus
