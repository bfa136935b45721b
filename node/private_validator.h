#pragma once

#include <memory>
#include <string>

#include "chain/keys.h"
#include "chain/proposal.h"
#include "chain/vote.h"
#include "consensus/signer_guard.h"

namespace tfchain::node {

// A validator's signing side: its consensus key and the guard that never lets it
// sign two conflicting messages. Before a signature is made, the guard's new state is
// written to `state_path` with fsync (node/data_dir.h WriteFileDurably), so after a
// crash at any instant the persisted state covers every signature that ever left the
// process, and a restarted node refuses what would conflict with it.
//
// File format (signer_state.bin): the canonical encoding of consensus::SignerState.
// NOT thread-safe: used from the node's event loop.
class PrivateValidator {
 public:
  // Loads the state file if it exists. Errors: Corruption "bad-signer-state" (the
  // file does not decode), I/O errors.
  static chain::Result<std::unique_ptr<PrivateValidator>> Open(chain::SecretKey key, std::string state_path,
                                                                std::string chain_id);

  const chain::AccountId& id() const { return id_; }
  const consensus::SignerGuard& guard() const { return guard_; }

  // Signs after the guard approved and its state was persisted. Errors (nothing was
  // signed): "sign-conflict", "sign-regression", or the I/O error of persisting.
  chain::Result<chain::Vote> SignVote(chain::Vote vote);
  chain::Result<chain::Proposal> SignProposal(chain::Proposal proposal);

  // Every vote this validator signed at `height` (remembered by the guard), signed
  // again: the same bytes as before, so no approval is needed. After a restart the
  // node re-sends them — one lost vote can be what another validator waits for.
  std::vector<chain::Vote> SignedVotesAt(uint64_t height) const;

 private:
  PrivateValidator(chain::SecretKey key, std::string state_path, std::string chain_id,
                   consensus::SignerGuard guard);
  chain::Status Approve(const consensus::SignRequest& request);

  chain::SecretKey key_;
  chain::AccountId id_;
  std::string state_path_;
  std::string chain_id_;
  consensus::SignerGuard guard_;
};

}  // namespace tfchain::node
