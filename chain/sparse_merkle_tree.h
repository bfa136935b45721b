#pragma once

#include <optional>
#include <utility>
#include <variant>
#include <vector>

#include "chain/bytes.h"
#include "chain/codec.h"

namespace tfchain::chain {

// A sparse Merkle tree over 256-bit keys (the BLAKE2b-256 of a state key), with the
// semantics of Diem's Jellyfish Merkle tree in binary form:
//   - the empty tree (and every empty subtree) hashes to 32 zero bytes;
//   - a subtree holding exactly one leaf is that leaf, placed at the shallowest depth
//     where its key's path is unique (paths are compressed);
//   - leaf  = TaggedHash(kSmtLeaf,  key_hash || BLAKE2b-256(value));
//   - inner = TaggedHash(kSmtInner, left || right), bit i of the key (MSB first of
//     byte 0) choosing left (0) or right (1) at depth i.
// Nodes are immutable and content-addressed: stored under their own hash, so every
// historical root stays readable (and provable) as long as its nodes are kept.
//
// This file is pure: nodes are read through SmtNodeReader and new nodes are returned
// to the caller, who persists them (node/ does, in the block's WriteBatch).

struct SmtLeaf {
  Hash256 key_hash;
  Bytes value;
  bool operator==(const SmtLeaf&) const = default;
};
struct SmtInner {
  Hash256 left;   // zero = empty
  Hash256 right;  // zero = empty
  bool operator==(const SmtInner&) const = default;
};
using SmtNode = std::variant<SmtLeaf, SmtInner>;

// Largest value a leaf may hold.
inline constexpr size_t kSmtMaxValueSize = 64 * 1024;

// The hash of a leaf holding `value` under key_hash (the same at every depth).
Hash256 SmtLeafHash(const Hash256& key_hash, ByteSpan value);
// The hash a node is stored under. Pure and thread-safe.
Hash256 SmtNodeHash(const SmtNode& node);
// Wire format (sparse_merkle_tree.cpp):
//   smt_node := 0x00 key_hash:fixed[32] value:blob(<=kSmtMaxValueSize)
//             | 0x01 left:fixed[32] right:fixed[32]
// Decoding errors: the codec's, "decode-bad-tag" for another first byte.
void EncodeTo(Encoder& e, const SmtNode& node);
Status DecodeFrom(Decoder& d, SmtNode* out);

// Where the tree's nodes come from. Get must return the node stored under `hash`,
// NotFound if there is none (for a reachable hash that means corruption).
class SmtNodeReader {
 public:
  virtual ~SmtNodeReader() = default;
  virtual Result<SmtNode> Get(const Hash256& hash) const = 0;
};

// One change: set `value`, or delete the key when value is nullopt.
struct SmtChange {
  Hash256 key_hash;
  std::optional<Bytes> value;
};

struct SmtUpdate {
  Hash256 root;
  // Every node created by the update (hash, node); nodes of the old tree are not
  // removed (they still serve older roots).
  std::vector<std::pair<Hash256, SmtNode>> new_nodes;
};

// Applies `changes` (any order; a key may appear once) to the tree at `root`.
// Deleting an absent key is a no-op; setting a key to the value it already has creates
// no node. Reads each touched node once and creates each new node once, so a large
// batch costs far less than one path rewrite per key. Errors: "duplicate-key" or
// "smt-value-too-large" (InvalidArgument, a value above kSmtMaxValueSize); a reader
// failure with context, Corruption "smt-missing-node" when a reachable node is missing
// (NotFound from the reader), Corruption "smt-bad-node" for a node that cannot be where
// it was found (a leaf off its key path, an inner node at depth 256). On failure
// nothing is returned, so nothing needs undoing. Thread-safe if the reader is.
Result<SmtUpdate> SmtApply(const SmtNodeReader& reader, const Hash256& root, std::vector<SmtChange> changes);

// The value under key_hash in the tree at `root`, or nullopt. Errors: as SmtApply's
// reader errors.
Result<std::optional<Bytes>> SmtGet(const SmtNodeReader& reader, const Hash256& root, const Hash256& key_hash);

// A proof for one key against a root.
//  siblings: the sibling hash at each depth from the root down (zero = empty), as
//            many as the depth at which the search ended;
//  leaf:     where the search ended at a leaf: that leaf's key hash and value hash
//            (the key itself for inclusion; another key with the same path prefix
//            for exclusion); nullopt where it ended at an empty subtree.
struct SmtProof {
  std::vector<Hash256> siblings;
  std::optional<std::pair<Hash256, Hash256>> leaf;  // (key_hash, value_hash)
  bool operator==(const SmtProof&) const = default;
};
// Wire format: siblings:vec<fixed[32]>(<=256) leaf:option<fixed[32] fixed[32]>.
void EncodeTo(Encoder& e, const SmtProof& proof);
Status DecodeFrom(Decoder& d, SmtProof* out);

// The inclusion proof of key_hash if the tree at `root` holds it, else its exclusion
// proof. Errors: as SmtApply's reader errors.
Result<SmtProof> SmtProve(const SmtNodeReader& reader, const Hash256& root, const Hash256& key_hash);

// Verifies, trusting nothing but `root`, that the tree at `root` maps key_hash to
// `value` (inclusion) or holds no such key (value == nullopt: exclusion).
// Rejects proofs with more than 256 siblings, whose leaf does not match the claim
// (another key or value for inclusion; the key itself, or a key off the path, for
// exclusion), that claim inclusion but end in an empty subtree, that no canonical tree
// can produce (an empty sibling at the last level: that leaf would have moved up), or
// whose computed root differs. Errors (InvalidArgument): "bad-proof" with a detail of
// what did not match. Pure and thread-safe.
Status SmtVerify(const Hash256& root, const Hash256& key_hash, const std::optional<Bytes>& value,
                 const SmtProof& proof);

}  // namespace tfchain::chain
