#include "node/private_validator.h"

#include <filesystem>

#include "node/data_dir.h"

namespace tfchain::node {

using chain::Result;
using chain::Status;

PrivateValidator::PrivateValidator(chain::SecretKey key, std::string state_path, std::string chain_id,
                                   consensus::SignerGuard guard)
    : key_(std::move(key)),
      id_(key_.account_id()),
      state_path_(std::move(state_path)),
      chain_id_(std::move(chain_id)),
      guard_(std::move(guard)) {}

Result<std::unique_ptr<PrivateValidator>> PrivateValidator::Open(chain::SecretKey key, std::string state_path,
                                                                  std::string chain_id) {
  consensus::SignerGuard guard;
  std::error_code ec;
  if (std::filesystem::exists(state_path, ec)) {
    TF_ASSIGN_OR_RETURN(std::string raw, ReadTextFile(state_path));
    auto state = chain::DecodeExact<consensus::SignerState>(chain::AsBytes(raw), raw.size());
    if (!state.ok()) return Status::Corruption("bad-signer-state", state_path + ": " + state.status().ToString());
    guard = consensus::SignerGuard(std::move(state).value());
  }
  return std::unique_ptr<PrivateValidator>(
      new PrivateValidator(std::move(key), std::move(state_path), std::move(chain_id), std::move(guard)));
}

Status PrivateValidator::Approve(const consensus::SignRequest& request) {
  TF_ASSIGN_OR_RETURN(consensus::SignerState next, guard_.Approve(request));
  if (!guard_.state() || !(*guard_.state() == next)) {
    const chain::Bytes encoded = chain::Encode(next);
    TF_RETURN_IF_ERROR(
        WriteFileDurably(state_path_, std::string(encoded.begin(), encoded.end()), 0600).WithContext("signer state"));
    guard_.Record(next);
  }
  return Status::Ok();
}

Result<chain::Vote> PrivateValidator::SignVote(chain::Vote vote) {
  vote.validator = id_;
  TF_RETURN_IF_ERROR(Approve(consensus::SignRequestFor(vote)));
  chain::SignVote(chain_id_, key_, &vote);
  return vote;
}

Result<chain::Proposal> PrivateValidator::SignProposal(chain::Proposal proposal) {
  proposal.proposer = id_;
  TF_RETURN_IF_ERROR(Approve(consensus::SignRequestFor(proposal)));
  chain::SignProposal(chain_id_, key_, &proposal);
  return proposal;
}

std::vector<chain::Vote> PrivateValidator::SignedVotesAt(uint64_t height) const {
  std::vector<chain::Vote> votes = guard_.VotesAt(height);
  for (chain::Vote& v : votes) {
    v.validator = id_;
    chain::SignVote(chain_id_, key_, &v);
  }
  return votes;
}

}  // namespace tfchain::node
