#pragma once

#include <cstdint>
#include <optional>
#include <utility>
#include <vector>

#include "chain/codec.h"
#include "chain/hash.h"
#include "chain/proposal.h"
#include "chain/status.h"
#include "chain/vote.h"
#include "consensus/step.h"

namespace tfchain::consensus {

// The pure rules of "never sign conflicting consensus messages", the double-sign
// protection of a validator. The node owns one SignerGuard per consensus key, keeps
// its state on disk, and asks it before every signature:
//
//   auto next = guard.Approve(SignRequestFor(vote));
//   if (!next.ok()) { /* refuse: do not sign */ }
//   persist(*next) with fsync;  guard.Record(*next);  chain::SignVote(...);
//
// so that after a crash at any instant the persisted state covers every signature
// that ever left the process.

// What a signature would commit to: the message's (height, round, step) and value.
struct SignRequest {
  uint64_t height = 0;
  uint32_t round = 0;
  Step step = Step::kPropose;
  chain::Hash256 block_hash;  // zero = nil
  bool operator==(const SignRequest&) const = default;
};

SignRequest SignRequestFor(const chain::Vote& vote);          // step prevote / precommit
SignRequest SignRequestFor(const chain::Proposal& proposal);  // step propose

// A validator's lock at one height: it precommitted `value` in `round` (the paper's
// lockedValue / lockedRound). Part of the signer state because a restarted engine
// must keep its lock to stay safe (see Engine::StartHeight).
struct Lock {
  uint32_t round = 0;
  chain::Hash256 value;
  bool operator==(const Lock&) const = default;
};

// A vote signed at the state's height, without its signature (ed25519 is
// deterministic: signing it again gives the same bytes).
struct SignedVote {
  chain::VoteType type = chain::VoteType::kPrevote;
  uint32_t round = 0;
  chain::Hash256 block_hash;
  bool operator==(const SignedVote&) const = default;
};

// The persisted state: the last message signed; the lock at that height (the last
// non-nil precommit signed at last.height, if any); and the votes signed at that
// height, oldest first, at most kMaxRememberedVotes (the oldest are forgotten).
//
// The votes are there for liveness: a vote that reached no honest peer before a
// crash may be the only proof of a quorum another validator's lock depends on, so
// after a restart the node signs them again and re-sends them (VotesAt). The lock
// is there for safety and is kept even when old votes are forgotten.
struct SignerState {
  static constexpr size_t kMaxRememberedVotes = 256;

  SignRequest last;
  std::optional<Lock> lock;
  std::vector<SignedVote> votes;
  bool operator==(const SignerState&) const = default;
};

// Wire/disk format (grammar in signer_guard.cpp). Decoding fails as the Decoder
// does, with "decode-bad-tag" for an unknown step or vote type, "decode-oversize"
// for more than kMaxRememberedVotes votes.
void EncodeTo(chain::Encoder& e, const Lock& lock);
chain::Status DecodeFrom(chain::Decoder& d, Lock* out);
void EncodeTo(chain::Encoder& e, const SignedVote& vote);
chain::Status DecodeFrom(chain::Decoder& d, SignedVote* out);
void EncodeTo(chain::Encoder& e, const SignerState& state);
chain::Status DecodeFrom(chain::Decoder& d, SignerState* out);

// Value type; not thread-safe.
class SignerGuard {
 public:
  // A guard that has signed nothing yet.
  SignerGuard() = default;
  // A guard restored from persisted state.
  explicit SignerGuard(SignerState state) : state_(std::move(state)) {}

  // Decides whether `request` may be signed, given the last signed message L:
  //  - (height, round, step) after L's: allowed;
  //  - the same (height, round, step) and the same value: allowed (re-signing the
  //    same message is harmless, and ed25519 signatures are deterministic);
  //  - the same (height, round, step) and another value: "sign-conflict";
  //  - (height, round, step) before L's: "sign-regression".
  // On success returns the state to persist before signing (unchanged when
  // re-signing). Errors are InvalidArgument with those reasons.
  chain::Result<SignerState> Approve(const SignRequest& request) const;

  // Adopts `state`, which must come from Approve on this guard's current state
  // (CHECKed: it must not go back).
  void Record(const SignerState& state);

  // The last signed state, or nullopt if nothing was ever signed.
  const std::optional<SignerState>& state() const { return state_; }

  // The lock at `height`, to hand to Engine::StartHeight after a restart; nullopt when
  // nothing was precommitted at that height.
  std::optional<Lock> LockAt(uint64_t height) const;

  // The votes signed at `height` (oldest first, as remembered), unsigned (validator
  // and signature empty). After a restart the node signs them again (they need no
  // approval: the signer state already covers them, and ed25519 gives the very same
  // signatures), feeds them to the engine and broadcasts them: a vote that reached
  // no honest peer before the crash can be what the others wait for.
  std::vector<chain::Vote> VotesAt(uint64_t height) const;

  // The last message signed, when it is a vote at `height`, unsigned; Approve allows
  // signing it again. Only the last of VotesAt(height): re-sending just this one is
  // not enough in general (the simulation found a stall where a lost prevote, not
  // the last vote, was the missing one).
  std::optional<chain::Vote> LastVoteAt(uint64_t height) const;

 private:
  std::optional<SignerState> state_;
};

}  // namespace tfchain::consensus
