#include "consensus/vote_set.h"

#include <algorithm>
#include <utility>

#include "chain/check.h"

namespace tfchain::consensus {

VoteSet::VoteSet(std::string chain_id, std::shared_ptr<const ValidatorSet> validators, uint64_t height,
                 uint32_t round, chain::VoteType type, bool verify_signatures)
    : chain_id_(std::move(chain_id)),
      validators_(std::move(validators)),
      height_(height),
      round_(round),
      type_(type),
      verify_signatures_(verify_signatures) {
  CHECK(validators_ != nullptr);
  votes_.resize(validators_->size());
}

chain::Result<AddedVote> VoteSet::Add(const chain::Vote& vote) {
  using chain::Status;
  if (vote.height != height_) {
    return Status::InvalidArgument("vote-wrong-height", "vote for height " + std::to_string(vote.height) +
                                                            ", expected " + std::to_string(height_));
  }
  if (vote.round != round_) {
    return Status::InvalidArgument("vote-wrong-round", "vote for round " + std::to_string(vote.round) +
                                                           ", expected " + std::to_string(round_));
  }
  if (vote.type != type_) return Status::InvalidArgument("vote-wrong-type");
  std::optional<size_t> index = validators_->IndexOf(vote.validator);
  if (!index) return Status::InvalidArgument("vote-unknown-validator", vote.validator.Hex());

  std::vector<chain::Vote>& mine = votes_[*index];
  for (const chain::Vote& v : mine) {
    if (v.block_hash == vote.block_hash) {
      // The same vote, or (ed25519 signing is deterministic) a re-randomised
      // signature of it: nothing new.
      return Status::InvalidArgument("vote-duplicate");
    }
  }
  const bool wanted = vote.block_hash == chain::Hash256{} ||
                      std::find(wanted_.begin(), wanted_.end(), vote.block_hash) != wanted_.end();
  if (mine.size() >= kMaxValuesPerValidator && !wanted) {
    return Status::InvalidArgument("vote-equivocator-ignored",
                                   "validator " + vote.validator.Hex() + " already equivocated here");
  }
  if (verify_signatures_ && !chain::VerifyVote(chain_id_, vote)) {
    return Status::InvalidArgument("vote-bad-signature", "vote by " + vote.validator.Hex());
  }

  AddedVote added;
  const uint64_t power = validators_->at(*index).power;
  if (mine.empty()) {
    total_power_ += power;
  } else if (mine.size() == 1) {  // evidence once; a wanted further value only counts
    added.evidence = chain::Evidence{mine.front(), vote};
  }
  mine.push_back(vote);
  power_by_value_[vote.block_hash] += power;
  return added;
}

void VoteSet::Want(const chain::Hash256& block_hash) {
  if (block_hash == chain::Hash256{} || wanted_.size() >= kMaxWantedValues) return;
  if (std::find(wanted_.begin(), wanted_.end(), block_hash) == wanted_.end()) wanted_.push_back(block_hash);
}

uint64_t VoteSet::PowerFor(const chain::Hash256& block_hash) const {
  auto it = power_by_value_.find(block_hash);
  return it == power_by_value_.end() ? 0 : it->second;
}

bool VoteSet::HasQuorumFor(const chain::Hash256& block_hash) const {
  return validators_->IsQuorum(PowerFor(block_hash));
}

bool VoteSet::HasQuorumAny() const { return validators_->IsQuorum(total_power_); }

std::optional<chain::Hash256> VoteSet::QuorumValue() const {
  for (const auto& [value, power] : power_by_value_) {
    if (validators_->IsQuorum(power)) return value;
  }
  return std::nullopt;
}

const chain::Vote* VoteSet::VoteOf(size_t index) const {
  const std::vector<chain::Vote>& mine = votes_.at(index);
  return mine.empty() ? nullptr : &mine.front();
}

std::vector<chain::CommitSig> VoteSet::SignaturesFor(const chain::Hash256& block_hash) const {
  std::vector<chain::CommitSig> out;
  for (const std::vector<chain::Vote>& mine : votes_) {
    for (const chain::Vote& vote : mine) {
      if (vote.block_hash == block_hash) out.push_back(chain::CommitSig{vote.validator, vote.signature});
    }
  }
  return out;
}

}  // namespace tfchain::consensus
