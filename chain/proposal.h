#pragma once

#include <cstdint>
#include <string_view>

#include "chain/account_id.h"
#include "chain/codec.h"
#include "chain/hash.h"
#include "chain/keys.h"

namespace tfchain::chain {

// A consensus proposal: validator `proposer` proposes the block `block_hash` for
// (height, round). The block itself travels next to it (the node sends both), so the
// proposal only names it. Validators sign with ed25519; `proposer` is the consensus
// public key. Value type; thread-compatible.
struct Proposal {
  uint64_t height = 0;
  uint32_t round = 0;
  // The round in which the proposed value last got +2/3 prevotes, as known to the
  // proposer (the paper's validRound); -1 = none. A valid proposal has
  // -1 <= pol_round < round.
  int32_t pol_round = -1;
  Hash256 block_hash;
  AccountId proposer;
  Signature signature;
  bool operator==(const Proposal&) const = default;
};

// TaggedHash(kProposalSigningPayload,
//            chain_id:string height:u64 round:u32 pol_round:i32(LE two's complement) block_hash).
Hash256 ProposalSigningHash(std::string_view chain_id, uint64_t height, uint32_t round, int32_t pol_round,
                            const Hash256& block_hash);
// Fills proposal.proposer (the key's account) and proposal.signature.
void SignProposal(std::string_view chain_id, const SecretKey& key, Proposal* proposal);
// True iff the signature is a valid ed25519 signature of the proposal by `proposer`.
// Does not check pol_round's range or who should propose: that is consensus' job.
// Thread-safe.
[[nodiscard]] bool VerifyProposal(std::string_view chain_id, const Proposal& proposal);

// Wire format (grammar in proposal.cpp). Decoding fails as the Decoder does, and with
// "decode-bad-value" for pol_round < -1 (the only value with two meanings otherwise).
void EncodeTo(Encoder& e, const Proposal& p);
Status DecodeFrom(Decoder& d, Proposal* out);

}  // namespace tfchain::chain
