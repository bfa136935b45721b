#pragma once

#include <span>

#include "chain/bytes.h"

namespace tfchain::chain {

// Binary Merkle root of a list of hashes, RFC 6962 shape (the left subtree holds the
// largest power of two below n):
//   root([])     = 32 zero bytes
//   root([x])    = TaggedHash(kMerkleLeaf, x)
//   root(list)   = TaggedHash(kMerkleInner, root(left) || root(right))
Hash256 MerkleRoot(std::span<const Hash256> leaves);

}  // namespace tfchain::chain
