#include "chain/merkle.h"

#include <bit>

#include "chain/hash.h"

namespace tfchain::chain {

Hash256 MerkleRoot(std::span<const Hash256> leaves) {
  if (leaves.empty()) return Hash256{};
  if (leaves.size() == 1) return TaggedHash(HashDomain::kMerkleLeaf, leaves[0].span());
  const size_t split = std::bit_floor(leaves.size() - 1);
  const Hash256 left = MerkleRoot(leaves.first(split));
  const Hash256 right = MerkleRoot(leaves.subspan(split));
  return Blake2bHasher(HashDomain::kMerkleInner).Update(left.span()).Update(right.span()).Final();
}

}  // namespace tfchain::chain
