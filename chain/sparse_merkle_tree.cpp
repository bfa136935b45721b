// Sparse Merkle tree node and proof formats:
//   smt_node  := 0x00 key_hash:fixed[32] value:blob(<=65536)          (leaf)
//              | 0x01 left:fixed[32] right:fixed[32]                  (inner; zero = empty)
//   smt_proof := siblings:vec<fixed[32]>(<=256)
//                leaf:option<key_hash:fixed[32] value_hash:fixed[32]>
//
// Hashes: empty = 32 zero bytes; leaf = TaggedHash(kSmtLeaf, key_hash || BLAKE2b-256(value));
// inner = TaggedHash(kSmtInner, left || right). Bit i of a key (MSB first) picks the child
// at depth i. A leaf's hash does not depend on its depth, so a leaf moves up or down the
// tree without being rewritten.
//
// SmtApply works top-down on the sorted batch: at each node it splits the changes by the
// key bit of that depth and recurses only into the sides that change, so every touched
// node is read once and every new node is hashed once, whatever the batch size.
#include "chain/sparse_merkle_tree.h"

#include <algorithm>
#include <span>
#include <string>

#include "chain/hash.h"

namespace tfchain::chain {
namespace {

constexpr size_t kKeyBits = 256;
constexpr size_t kMaxProofSiblings = kKeyBits;
constexpr uint8_t kLeafTag = 0x00;
constexpr uint8_t kInnerTag = 0x01;

// Bit `depth` of `key`, MSB of byte 0 first.
int KeyBit(const Hash256& key, size_t depth) { return (key.bytes[depth / 8] >> (7 - depth % 8)) & 1; }

// True iff a and b agree on their first `bits` bits.
bool SamePrefix(const Hash256& a, const Hash256& b, size_t bits) {
  const size_t whole = bits / 8;
  if (!std::equal(a.bytes.begin(), a.bytes.begin() + whole, b.bytes.begin())) return false;
  const size_t rest = bits % 8;
  if (rest == 0) return true;
  const uint8_t mask = static_cast<uint8_t>(0xFF << (8 - rest));
  return (a.bytes[whole] & mask) == (b.bytes[whole] & mask);
}

Hash256 LeafHashFromValueHash(const Hash256& key_hash, const Hash256& value_hash) {
  return Blake2bHasher(HashDomain::kSmtLeaf).Update(key_hash.span()).Update(value_hash.span()).Final();
}

Hash256 InnerHash(const Hash256& left, const Hash256& right) {
  return Blake2bHasher(HashDomain::kSmtInner).Update(left.span()).Update(right.span()).Final();
}

std::string DepthText(size_t depth) { return "at depth " + std::to_string(depth); }

// Reads the node stored under `hash` (non-zero), turning a missing node into corruption.
Result<SmtNode> ReadNode(const SmtNodeReader& reader, const Hash256& hash, size_t depth) {
  Result<SmtNode> node = reader.Get(hash);
  if (node.ok()) {
    if (std::holds_alternative<SmtInner>(*node) && depth >= kKeyBits) {
      return Status::Corruption("smt-bad-node", "inner node " + hash.Hex() + " below the last key bit");
    }
    return node;
  }
  if (node.status().code() == Status::Code::kNotFound) {
    return Status::Corruption("smt-missing-node", "node " + hash.Hex() + " " + DepthText(depth));
  }
  return node.status().WithContext("reading smt node " + hash.Hex() + " " + DepthText(depth));
}

// A subtree after an update: its hash and what kind of node sits at its top. The kind
// decides collapsing: a parent with one empty child and one leaf child is that leaf.
struct Subtree {
  enum class Kind : uint8_t { kEmpty, kLeaf, kInner, kUnknown };
  Hash256 hash;
  Kind kind = Kind::kEmpty;
};

// One SmtApply run: the reader, and the list new nodes are appended to.
class Updater {
 public:
  Updater(const SmtNodeReader& reader, std::vector<std::pair<Hash256, SmtNode>>* new_nodes)
      : reader_(reader), new_nodes_(*new_nodes) {}

  // The subtree at `depth` whose top is `node` (its kind possibly unknown) after
  // applying `changes`: sorted, unique, all on this subtree's path prefix. The span's
  // elements may be reordered and their values moved out.
  Result<Subtree> Apply(const Subtree& node, size_t depth, std::span<SmtChange> changes) {
    if (changes.empty()) return node;
    if (node.kind == Subtree::Kind::kEmpty) return Build(depth, changes, nullptr);
    TF_ASSIGN_OR_RETURN(SmtNode current, ReadNode(reader_, node.hash, depth));

    if (auto* leaf = std::get_if<SmtLeaf>(&current)) {
      if (!SamePrefix(leaf->key_hash, changes.front().key_hash, depth)) {
        return Status::Corruption("smt-bad-node", "leaf " + node.hash.Hex() + " is off its path " + DepthText(depth));
      }
      // The old leaf survives unless a change names its key with another value.
      const Subtree kept{node.hash, Subtree::Kind::kLeaf};
      const Hash256* kept_key = &leaf->key_hash;
      auto same_key = std::lower_bound(changes.begin(), changes.end(), leaf->key_hash,
                                       [](const SmtChange& c, const Hash256& k) { return c.key_hash < k; });
      if (same_key != changes.end() && same_key->key_hash == leaf->key_hash) {
        if (same_key->value && *same_key->value == leaf->value) {
          same_key->value.reset();  // unchanged: keep the stored leaf, do not rewrite it
        } else {
          kept_key = nullptr;  // replaced by the change, or deleted
        }
      }
      return Build(depth, changes, kept_key ? &kept : nullptr, kept_key);
    }

    const SmtInner& inner = std::get<SmtInner>(current);
    auto split = std::partition_point(changes.begin(), changes.end(),
                                      [depth](const SmtChange& c) { return KeyBit(c.key_hash, depth) == 0; });
    const size_t left_count = static_cast<size_t>(split - changes.begin());
    TF_ASSIGN_OR_RETURN(Subtree left, Apply(Child(inner.left), depth + 1, changes.first(left_count)));
    TF_ASSIGN_OR_RETURN(Subtree right, Apply(Child(inner.right), depth + 1, changes.subspan(left_count)));
    if (left.hash == inner.left && right.hash == inner.right) return Subtree{node.hash, Subtree::Kind::kInner};
    TF_RETURN_IF_ERROR(ResolveLoneChild(&left, &right, depth + 1));
    return Join(left, right);
  }

 private:
  static Subtree Child(const Hash256& hash) {
    return Subtree{hash, hash.IsZero() ? Subtree::Kind::kEmpty : Subtree::Kind::kUnknown};
  }

  // Builds a subtree at `depth` from the inserts in `changes` (deletes are dropped) and
  // an optional existing leaf `kept` (with key `kept_key`) that stays as it is.
  Subtree Build(size_t depth, std::span<SmtChange> changes, const Subtree* kept, const Hash256* kept_key = nullptr) {
    auto live_end = std::remove_if(changes.begin(), changes.end(), [](const SmtChange& c) { return !c.value; });
    changes = changes.first(static_cast<size_t>(live_end - changes.begin()));
    return Grow(depth, changes, kept, kept_key);
  }

  // As Build, with only inserts left in `changes`.
  Subtree Grow(size_t depth, std::span<SmtChange> changes, const Subtree* kept, const Hash256* kept_key) {
    const size_t count = changes.size() + (kept ? 1 : 0);
    if (count == 0) return Subtree{};
    if (count == 1) return kept ? *kept : NewLeaf(changes.front());
    // Two or more distinct keys sharing `depth` bits: they part at some depth < 256.
    CHECK(depth < kKeyBits);
    auto split = std::partition_point(changes.begin(), changes.end(),
                                      [depth](const SmtChange& c) { return KeyBit(c.key_hash, depth) == 0; });
    const size_t left_count = static_cast<size_t>(split - changes.begin());
    const bool kept_right = kept && KeyBit(*kept_key, depth) == 1;
    const Subtree left = Grow(depth + 1, changes.first(left_count), kept_right ? nullptr : kept, kept_key);
    const Subtree right = Grow(depth + 1, changes.subspan(left_count), kept_right ? kept : nullptr, kept_key);
    return Join(left, right);
  }

  Subtree NewLeaf(SmtChange& change) {
    SmtLeaf leaf{change.key_hash, std::move(*change.value)};
    const Hash256 hash = SmtLeafHash(leaf.key_hash, leaf.value);
    new_nodes_.emplace_back(hash, std::move(leaf));
    return Subtree{hash, Subtree::Kind::kLeaf};
  }

  // When one child is empty and the other is an unchanged subtree (kind unknown), reads
  // that one to learn whether it is a leaf, which Join needs. `depth` is the children's.
  Status ResolveLoneChild(Subtree* left, Subtree* right, size_t depth) {
    Subtree* lone = left->kind == Subtree::Kind::kEmpty ? right : right->kind == Subtree::Kind::kEmpty ? left : nullptr;
    if (lone == nullptr || lone->kind != Subtree::Kind::kUnknown) return Status::Ok();
    TF_ASSIGN_OR_RETURN(SmtNode node, ReadNode(reader_, lone->hash, depth));
    lone->kind = std::holds_alternative<SmtLeaf>(node) ? Subtree::Kind::kLeaf : Subtree::Kind::kInner;
    return Status::Ok();
  }

  // The node with children `left` and `right`, in canonical form: empty when both are
  // empty, the leaf itself when the other side is empty, else a new inner node. The
  // kind of a child beside an empty one must be known (ResolveLoneChild).
  Subtree Join(const Subtree& left, const Subtree& right) {
    const bool left_empty = left.kind == Subtree::Kind::kEmpty;
    const bool right_empty = right.kind == Subtree::Kind::kEmpty;
    if (left_empty && right_empty) return Subtree{};
    if (left_empty || right_empty) {
      const Subtree& only = left_empty ? right : left;
      CHECK(only.kind != Subtree::Kind::kUnknown);
      if (only.kind == Subtree::Kind::kLeaf) return only;
    }
    SmtInner inner{left.hash, right.hash};
    const Hash256 hash = InnerHash(inner.left, inner.right);
    new_nodes_.emplace_back(hash, inner);
    return Subtree{hash, Subtree::Kind::kInner};
  }

  const SmtNodeReader& reader_;
  std::vector<std::pair<Hash256, SmtNode>>& new_nodes_;
};

Status BadProof(std::string detail) { return Status::InvalidArgument("bad-proof", std::move(detail)); }

}  // namespace

Hash256 SmtLeafHash(const Hash256& key_hash, ByteSpan value) {
  return LeafHashFromValueHash(key_hash, Blake2b256(value));
}

Hash256 SmtNodeHash(const SmtNode& node) {
  if (const auto* leaf = std::get_if<SmtLeaf>(&node)) return SmtLeafHash(leaf->key_hash, leaf->value);
  const SmtInner& inner = std::get<SmtInner>(node);
  return InnerHash(inner.left, inner.right);
}

void EncodeTo(Encoder& e, const SmtNode& node) {
  if (const auto* leaf = std::get_if<SmtLeaf>(&node)) {
    e.U8(kLeafTag);
    e.Fixed(leaf->key_hash);
    e.Blob(leaf->value);
    return;
  }
  const SmtInner& inner = std::get<SmtInner>(node);
  e.U8(kInnerTag);
  e.Fixed(inner.left);
  e.Fixed(inner.right);
}

Status DecodeFrom(Decoder& d, SmtNode* out) {
  uint8_t tag;
  TF_RETURN_IF_ERROR(d.U8(&tag));
  if (tag == kLeafTag) {
    SmtLeaf leaf;
    TF_RETURN_IF_ERROR(d.Fixed(&leaf.key_hash));
    TF_RETURN_IF_ERROR(d.Blob(&leaf.value, kSmtMaxValueSize));
    *out = std::move(leaf);
    return Status::Ok();
  }
  if (tag == kInnerTag) {
    SmtInner inner;
    TF_RETURN_IF_ERROR(d.Fixed(&inner.left));
    TF_RETURN_IF_ERROR(d.Fixed(&inner.right));
    *out = inner;
    return Status::Ok();
  }
  return Status::InvalidArgument("decode-bad-tag", "smt node tag " + std::to_string(tag));
}

Result<SmtUpdate> SmtApply(const SmtNodeReader& reader, const Hash256& root, std::vector<SmtChange> changes) {
  std::sort(changes.begin(), changes.end(),
            [](const SmtChange& a, const SmtChange& b) { return a.key_hash < b.key_hash; });
  for (size_t i = 0; i < changes.size(); ++i) {
    if (i > 0 && changes[i].key_hash == changes[i - 1].key_hash) {
      return Status::InvalidArgument("duplicate-key", "key " + changes[i].key_hash.Hex() + " changes twice");
    }
    if (changes[i].value && changes[i].value->size() > kSmtMaxValueSize) {
      return Status::InvalidArgument("smt-value-too-large", "value of " + std::to_string(changes[i].value->size()) +
                                                                " bytes for key " + changes[i].key_hash.Hex());
    }
  }
  SmtUpdate update;
  Updater updater(reader, &update.new_nodes);
  const Subtree top{root, root.IsZero() ? Subtree::Kind::kEmpty : Subtree::Kind::kUnknown};
  TF_ASSIGN_OR_RETURN(Subtree result, updater.Apply(top, 0, changes));
  update.root = result.hash;
  return update;
}

Result<std::optional<Bytes>> SmtGet(const SmtNodeReader& reader, const Hash256& root, const Hash256& key_hash) {
  Hash256 hash = root;
  for (size_t depth = 0; !hash.IsZero(); ++depth) {
    TF_ASSIGN_OR_RETURN(SmtNode node, ReadNode(reader, hash, depth));
    if (auto* leaf = std::get_if<SmtLeaf>(&node)) {
      if (leaf->key_hash != key_hash) return std::optional<Bytes>();
      return std::optional<Bytes>(std::move(leaf->value));
    }
    const SmtInner& inner = std::get<SmtInner>(node);
    hash = KeyBit(key_hash, depth) == 0 ? inner.left : inner.right;
  }
  return std::optional<Bytes>();
}

Result<SmtProof> SmtProve(const SmtNodeReader& reader, const Hash256& root, const Hash256& key_hash) {
  SmtProof proof;
  Hash256 hash = root;
  for (size_t depth = 0; !hash.IsZero(); ++depth) {
    TF_ASSIGN_OR_RETURN(SmtNode node, ReadNode(reader, hash, depth));
    if (const auto* leaf = std::get_if<SmtLeaf>(&node)) {
      proof.leaf.emplace(leaf->key_hash, Blake2b256(leaf->value));
      break;
    }
    const SmtInner& inner = std::get<SmtInner>(node);
    const bool right = KeyBit(key_hash, depth) == 1;
    proof.siblings.push_back(right ? inner.left : inner.right);
    hash = right ? inner.right : inner.left;
  }
  return proof;
}

void EncodeTo(Encoder& e, const SmtProof& proof) {
  EncodeVector(e, proof.siblings);
  e.U8(proof.leaf ? 1 : 0);
  if (proof.leaf) {
    e.Fixed(proof.leaf->first);
    e.Fixed(proof.leaf->second);
  }
}

Status DecodeFrom(Decoder& d, SmtProof* out) {
  TF_RETURN_IF_ERROR(DecodeVector(d, &out->siblings, kMaxProofSiblings));
  uint8_t tag;
  TF_RETURN_IF_ERROR(d.U8(&tag));
  if (tag == 0) {
    out->leaf.reset();
    return Status::Ok();
  }
  if (tag != 1) return Status::InvalidArgument("decode-bad-tag", "option tag " + std::to_string(tag));
  std::pair<Hash256, Hash256> leaf;
  TF_RETURN_IF_ERROR(d.Fixed(&leaf.first));
  TF_RETURN_IF_ERROR(d.Fixed(&leaf.second));
  out->leaf = leaf;
  return Status::Ok();
}

Status SmtVerify(const Hash256& root, const Hash256& key_hash, const std::optional<Bytes>& value,
                 const SmtProof& proof) {
  const size_t depth = proof.siblings.size();
  if (depth > kMaxProofSiblings) return BadProof(std::to_string(depth) + " siblings, more than 256");

  Hash256 hash;  // the subtree where the search for key_hash ended, at `depth`
  if (proof.leaf) {
    const auto& [leaf_key, leaf_value_hash] = *proof.leaf;
    if (value) {
      if (leaf_key != key_hash) return BadProof("the proof's leaf holds another key");
      if (leaf_value_hash != Blake2b256(*value)) return BadProof("the proof's leaf holds another value");
    } else {
      if (leaf_key == key_hash) return BadProof("exclusion claimed but the proof's leaf is the key");
      if (!SamePrefix(leaf_key, key_hash, depth)) {
        return BadProof("the proof's leaf is not on the key's path " + DepthText(depth));
      }
    }
    hash = LeafHashFromValueHash(leaf_key, leaf_value_hash);
  } else if (value) {
    return BadProof("inclusion claimed but the proof ends in an empty subtree");
  }
  // A canonical tree never pairs a leaf or an empty subtree with an empty sibling: the
  // leaf would have moved up, the empty pair would be empty itself.
  if (depth > 0 && proof.siblings.back().IsZero()) {
    return BadProof("non-canonical proof: empty sibling at the last level " + DepthText(depth));
  }
  for (size_t i = depth; i-- > 0;) {
    hash = KeyBit(key_hash, i) == 0 ? InnerHash(hash, proof.siblings[i]) : InnerHash(proof.siblings[i], hash);
  }
  if (hash != root) return BadProof("computed root " + hash.Hex() + " differs from " + root.Hex());
  return Status::Ok();
}

}  // namespace tfchain::chain
