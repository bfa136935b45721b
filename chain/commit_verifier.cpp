#include "chain/commit_verifier.h"

#include <unordered_map>
#include <unordered_set>

namespace tfchain::chain {

Status VerifyCommit(std::string_view chain_id, const std::vector<Validator>& validators, uint64_t height,
                    const Hash256& block_hash, const Commit& commit) {
  if (commit.height != height || commit.block_hash != block_hash) {
    return Status::InvalidArgument("commit-wrong-block", "the commit is for height " + std::to_string(commit.height) +
                                                             " block " + commit.block_hash.Hex() + ", expected " +
                                                             std::to_string(height) + " " + block_hash.Hex());
  }
  std::unordered_map<AccountId, uint64_t, FixedBytesHasher> power;
  unsigned __int128 total = 0;
  for (const Validator& v : validators) {
    power[v.id] = v.power;
    total += v.power;
  }
  const Hash256 payload = VoteSigningHash(chain_id, VoteType::kPrecommit, height, commit.round, block_hash);
  std::unordered_set<AccountId, FixedBytesHasher> seen;
  unsigned __int128 signed_power = 0;
  for (const CommitSig& sig : commit.signatures) {
    auto it = power.find(sig.validator);
    if (it == power.end()) {
      return Status::InvalidArgument("commit-unknown-validator", ToSs58(sig.validator) + " is not in the validator set");
    }
    if (!seen.insert(sig.validator).second) {
      return Status::InvalidArgument("commit-duplicate-signer", ToSs58(sig.validator) + " signed twice");
    }
    if (sig.signature.scheme() != KeyScheme::kEd25519 || !VerifyForAccount(sig.validator, payload.span(), sig.signature)) {
      return Status::InvalidArgument("commit-bad-signature", "bad precommit signature of " + ToSs58(sig.validator));
    }
    signed_power += it->second;
  }
  if (signed_power * 3 <= total * 2) {
    return Status::InvalidArgument("commit-insufficient-power",
                                   "signers hold " + std::to_string(static_cast<uint64_t>(signed_power)) + " of " +
                                       std::to_string(static_cast<uint64_t>(total)) + " voting power, need > 2/3");
  }
  return Status::Ok();
}

}  // namespace tfchain::chain
