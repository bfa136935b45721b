// Signer state format (persisted by the node, fsync'd before each signature):
//   signer_state := height:u64 round:u32 step:u8(1|2|3) block_hash:fixed[32]
//                   lock:option<lock> vec<signed_vote>(<=256)
//   lock         := round:u32 value:fixed[32]
//   signed_vote  := type:u8(1|2) round:u32 block_hash:fixed[32]
#include "consensus/signer_guard.h"

#include <string>
#include <tuple>

namespace tfchain::consensus {
namespace {

auto Position(const SignRequest& r) { return std::make_tuple(r.height, r.round, static_cast<uint8_t>(r.step)); }

}  // namespace

void EncodeTo(chain::Encoder& e, const Lock& lock) {
  e.U32(lock.round);
  e.Fixed(lock.value);
}

chain::Status DecodeFrom(chain::Decoder& d, Lock* out) {
  TF_RETURN_IF_ERROR(d.U32(&out->round));
  return d.Fixed(&out->value);
}

void EncodeTo(chain::Encoder& e, const SignedVote& vote) {
  e.U8(static_cast<uint8_t>(vote.type));
  e.U32(vote.round);
  e.Fixed(vote.block_hash);
}

chain::Status DecodeFrom(chain::Decoder& d, SignedVote* out) {
  uint8_t type;
  TF_RETURN_IF_ERROR(d.U8(&type));
  if (type != 1 && type != 2) return chain::Status::InvalidArgument("decode-bad-tag", "vote type " + std::to_string(type));
  out->type = static_cast<chain::VoteType>(type);
  TF_RETURN_IF_ERROR(d.U32(&out->round));
  return d.Fixed(&out->block_hash);
}

SignRequest SignRequestFor(const chain::Vote& vote) {
  return SignRequest{vote.height, vote.round,
                     vote.type == chain::VoteType::kPrevote ? Step::kPrevote : Step::kPrecommit, vote.block_hash};
}

SignRequest SignRequestFor(const chain::Proposal& proposal) {
  return SignRequest{proposal.height, proposal.round, Step::kPropose, proposal.block_hash};
}

void EncodeTo(chain::Encoder& e, const SignerState& state) {
  e.U64(state.last.height);
  e.U32(state.last.round);
  e.U8(static_cast<uint8_t>(state.last.step));
  e.Fixed(state.last.block_hash);
  chain::EncodeOptional(e, state.lock);
  chain::EncodeVector(e, state.votes);
}

chain::Status DecodeFrom(chain::Decoder& d, SignerState* out) {
  TF_RETURN_IF_ERROR(d.U64(&out->last.height));
  TF_RETURN_IF_ERROR(d.U32(&out->last.round));
  uint8_t step;
  TF_RETURN_IF_ERROR(d.U8(&step));
  if (step < 1 || step > 3) return chain::Status::InvalidArgument("decode-bad-tag", "step " + std::to_string(step));
  out->last.step = static_cast<Step>(step);
  TF_RETURN_IF_ERROR(d.Fixed(&out->last.block_hash));
  TF_RETURN_IF_ERROR(chain::DecodeOptional(d, &out->lock));
  return chain::DecodeVector(d, &out->votes, SignerState::kMaxRememberedVotes);
}

chain::Result<SignerState> SignerGuard::Approve(const SignRequest& request) const {
  if (state_) {
    const SignRequest& last = state_->last;
    const auto describe = [](const SignRequest& r) {
      return std::to_string(r.height) + "/" + std::to_string(r.round) + "/" + std::string(StepName(r.step));
    };
    if (Position(request) < Position(last)) {
      return chain::Status::InvalidArgument("sign-regression",
                                            "asked to sign at " + describe(request) + " after " + describe(last));
    }
    if (Position(request) == Position(last)) {
      if (request.block_hash != last.block_hash) {
        return chain::Status::InvalidArgument("sign-conflict", "already signed " + last.block_hash.Hex() + " at " +
                                                                   describe(last) + ", asked for " +
                                                                   request.block_hash.Hex());
      }
      return *state_;  // the very same message again
    }
  }
  SignerState next;
  if (state_ && state_->last.height == request.height) next = *state_;  // same height: keep lock and votes
  next.last = request;
  if (request.step != Step::kPropose) {
    const chain::VoteType type =
        request.step == Step::kPrevote ? chain::VoteType::kPrevote : chain::VoteType::kPrecommit;
    if (next.votes.size() == SignerState::kMaxRememberedVotes) next.votes.erase(next.votes.begin());
    next.votes.push_back(SignedVote{type, request.round, request.block_hash});
    if (type == chain::VoteType::kPrecommit && !request.block_hash.IsZero()) {
      next.lock = Lock{request.round, request.block_hash};
    }
  }
  return next;
}

void SignerGuard::Record(const SignerState& state) {
  CHECK(!state_ || Position(state.last) >= Position(state_->last));
  state_ = state;
}

std::optional<Lock> SignerGuard::LockAt(uint64_t height) const {
  if (!state_ || state_->last.height != height) return std::nullopt;
  return state_->lock;
}

std::vector<chain::Vote> SignerGuard::VotesAt(uint64_t height) const {
  std::vector<chain::Vote> out;
  if (!state_ || state_->last.height != height) return out;
  for (const SignedVote& signed_vote : state_->votes) {
    chain::Vote vote;
    vote.type = signed_vote.type;
    vote.height = height;
    vote.round = signed_vote.round;
    vote.block_hash = signed_vote.block_hash;
    out.push_back(vote);
  }
  return out;
}

std::optional<chain::Vote> SignerGuard::LastVoteAt(uint64_t height) const {
  if (!state_ || state_->last.height != height || state_->last.step == Step::kPropose) return std::nullopt;
  chain::Vote vote;
  vote.type = state_->last.step == Step::kPrevote ? chain::VoteType::kPrevote : chain::VoteType::kPrecommit;
  vote.height = height;
  vote.round = state_->last.round;
  vote.block_hash = state_->last.block_hash;
  return vote;
}

}  // namespace tfchain::consensus
