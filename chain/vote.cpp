// Consensus wire formats:
//   vote      := type:u8(1|2) height:u64 round:u32 block_hash:fixed[32]
//                validator:fixed[32] signature
//   commit_sig:= validator:fixed[32] signature
//   commit    := height:u64 round:u32 block_hash:fixed[32] vec<commit_sig>(<=1024)
//   evidence  := vote vote
#include "chain/vote.h"

namespace tfchain::chain {

Hash256 VoteSigningHash(std::string_view chain_id, VoteType type, uint64_t height, uint32_t round,
                        const Hash256& block_hash) {
  Encoder e;
  e.Str(chain_id);
  e.U8(static_cast<uint8_t>(type));
  e.U64(height);
  e.U32(round);
  e.Fixed(block_hash);
  return TaggedHash(HashDomain::kVoteSigningPayload, e.bytes());
}

void SignVote(std::string_view chain_id, const SecretKey& key, Vote* vote) {
  vote->validator = key.account_id();
  vote->signature =
      key.Sign(VoteSigningHash(chain_id, vote->type, vote->height, vote->round, vote->block_hash).span());
}

bool VerifyVote(std::string_view chain_id, const Vote& vote) {
  if (vote.signature.scheme() != KeyScheme::kEd25519) return false;
  return VerifyForAccount(vote.validator,
                          VoteSigningHash(chain_id, vote.type, vote.height, vote.round, vote.block_hash).span(),
                          vote.signature);
}

void EncodeTo(Encoder& e, const Vote& v) {
  e.U8(static_cast<uint8_t>(v.type));
  e.U64(v.height);
  e.U32(v.round);
  e.Fixed(v.block_hash);
  e.Fixed(v.validator);
  EncodeTo(e, v.signature);
}

Status DecodeFrom(Decoder& d, Vote* out) {
  uint8_t type;
  TF_RETURN_IF_ERROR(d.U8(&type));
  if (type != 1 && type != 2) return Status::InvalidArgument("decode-bad-tag", "vote type " + std::to_string(type));
  out->type = static_cast<VoteType>(type);
  TF_RETURN_IF_ERROR(d.U64(&out->height));
  TF_RETURN_IF_ERROR(d.U32(&out->round));
  TF_RETURN_IF_ERROR(d.Fixed(&out->block_hash));
  TF_RETURN_IF_ERROR(d.Fixed(&out->validator));
  return DecodeFrom(d, &out->signature);
}

void EncodeTo(Encoder& e, const CommitSig& v) {
  e.Fixed(v.validator);
  EncodeTo(e, v.signature);
}

Status DecodeFrom(Decoder& d, CommitSig* out) {
  TF_RETURN_IF_ERROR(d.Fixed(&out->validator));
  return DecodeFrom(d, &out->signature);
}

void EncodeTo(Encoder& e, const Commit& v) {
  e.U64(v.height);
  e.U32(v.round);
  e.Fixed(v.block_hash);
  EncodeVector(e, v.signatures);
}

Status DecodeFrom(Decoder& d, Commit* out) {
  TF_RETURN_IF_ERROR(d.U64(&out->height));
  TF_RETURN_IF_ERROR(d.U32(&out->round));
  TF_RETURN_IF_ERROR(d.Fixed(&out->block_hash));
  return DecodeVector(d, &out->signatures, kMaxCommitSignatures);
}

void EncodeTo(Encoder& e, const Evidence& v) {
  EncodeTo(e, v.first);
  EncodeTo(e, v.second);
}

Status DecodeFrom(Decoder& d, Evidence* out) {
  TF_RETURN_IF_ERROR(DecodeFrom(d, &out->first));
  return DecodeFrom(d, &out->second);
}

Hash256 CommitHash(const Commit& commit) { return TaggedHash(HashDomain::kCommit, Encode(commit)); }

}  // namespace tfchain::chain
