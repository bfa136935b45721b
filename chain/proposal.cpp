// Proposal wire format:
//   proposal := height:u64 round:u32 pol_round:i32 block_hash:fixed[32]
//               proposer:fixed[32] signature
//   i32      := u32 little-endian of the two's complement value; only >= -1 is accepted
#include "chain/proposal.h"

#include <string>

namespace tfchain::chain {

Hash256 ProposalSigningHash(std::string_view chain_id, uint64_t height, uint32_t round, int32_t pol_round,
                            const Hash256& block_hash) {
  Encoder e;
  e.Str(chain_id);
  e.U64(height);
  e.U32(round);
  e.U32(static_cast<uint32_t>(pol_round));
  e.Fixed(block_hash);
  return TaggedHash(HashDomain::kProposalSigningPayload, e.bytes());
}

void SignProposal(std::string_view chain_id, const SecretKey& key, Proposal* proposal) {
  proposal->proposer = key.account_id();
  proposal->signature = key.Sign(
      ProposalSigningHash(chain_id, proposal->height, proposal->round, proposal->pol_round, proposal->block_hash)
          .span());
}

bool VerifyProposal(std::string_view chain_id, const Proposal& proposal) {
  if (proposal.signature.scheme() != KeyScheme::kEd25519) return false;
  return VerifyForAccount(
      proposal.proposer,
      ProposalSigningHash(chain_id, proposal.height, proposal.round, proposal.pol_round, proposal.block_hash).span(),
      proposal.signature);
}

void EncodeTo(Encoder& e, const Proposal& p) {
  e.U64(p.height);
  e.U32(p.round);
  e.U32(static_cast<uint32_t>(p.pol_round));
  e.Fixed(p.block_hash);
  e.Fixed(p.proposer);
  EncodeTo(e, p.signature);
}

Status DecodeFrom(Decoder& d, Proposal* out) {
  TF_RETURN_IF_ERROR(d.U64(&out->height));
  TF_RETURN_IF_ERROR(d.U32(&out->round));
  uint32_t pol_round;
  TF_RETURN_IF_ERROR(d.U32(&pol_round));
  out->pol_round = static_cast<int32_t>(pol_round);
  if (out->pol_round < -1) {
    return Status::InvalidArgument("decode-bad-value", "proposal pol_round " + std::to_string(out->pol_round));
  }
  TF_RETURN_IF_ERROR(d.Fixed(&out->block_hash));
  TF_RETURN_IF_ERROR(d.Fixed(&out->proposer));
  return DecodeFrom(d, &out->signature);
}

}  // namespace tfchain::chain
