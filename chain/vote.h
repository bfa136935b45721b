#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "chain/account_id.h"
#include "chain/codec.h"
#include "chain/hash.h"
#include "chain/keys.h"

namespace tfchain::chain {

// Consensus messages that end up inside blocks: votes, commits and evidence.
// Validators sign with ed25519; their AccountId is their consensus public key.

enum class VoteType : uint8_t { kPrevote = 1, kPrecommit = 2 };

struct Vote {
  VoteType type = VoteType::kPrecommit;
  uint64_t height = 0;
  uint32_t round = 0;
  Hash256 block_hash;  // zero = nil
  AccountId validator;
  Signature signature;
  bool operator==(const Vote&) const = default;
};

// TaggedHash(kVoteSigningPayload, chain_id:string type:u8 height:u64 round:u32 block_hash).
Hash256 VoteSigningHash(std::string_view chain_id, VoteType type, uint64_t height, uint32_t round,
                        const Hash256& block_hash);
// Fills vote.validator and vote.signature.
void SignVote(std::string_view chain_id, const SecretKey& key, Vote* vote);
[[nodiscard]] bool VerifyVote(std::string_view chain_id, const Vote& vote);

// One precommit inside a commit.
struct CommitSig {
  AccountId validator;
  Signature signature;
  bool operator==(const CommitSig&) const = default;
};

// The precommits that committed block `block_hash` at (height, round). The genesis
// block has none; block h+1 carries the commit of block h.
struct Commit {
  uint64_t height = 0;
  uint32_t round = 0;
  Hash256 block_hash;
  std::vector<CommitSig> signatures;
  bool operator==(const Commit&) const = default;
};

// Two conflicting votes of one validator at the same (height, round, type).
struct Evidence {
  Vote first;
  Vote second;
  bool operator==(const Evidence&) const = default;
};

inline constexpr size_t kMaxCommitSignatures = 1024;
inline constexpr size_t kMaxEvidencePerBlock = 256;

void EncodeTo(Encoder& e, const Vote& v);
Status DecodeFrom(Decoder& d, Vote* out);
void EncodeTo(Encoder& e, const CommitSig& v);
Status DecodeFrom(Decoder& d, CommitSig* out);
void EncodeTo(Encoder& e, const Commit& v);
Status DecodeFrom(Decoder& d, Commit* out);
void EncodeTo(Encoder& e, const Evidence& v);
Status DecodeFrom(Decoder& d, Evidence* out);

// TaggedHash(kCommit, encode(commit)).
Hash256 CommitHash(const Commit& commit);

}  // namespace tfchain::chain
