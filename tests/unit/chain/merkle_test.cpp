#include "chain/merkle.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "chain/hash.h"

namespace tfchain::chain {
namespace {

Hash256 H(std::string_view s) { return Blake2b256(AsBytes(s)); }

// The tagged hashes written out byte by byte: BLAKE2b-256(tag || data).
Hash256 Leaf(const Hash256& x) {
  Bytes in{0x10};
  in.insert(in.end(), x.bytes.begin(), x.bytes.end());
  return Blake2b256(in);
}
Hash256 Node(const Hash256& l, const Hash256& r) {
  Bytes in{0x11};
  in.insert(in.end(), l.bytes.begin(), l.bytes.end());
  in.insert(in.end(), r.bytes.begin(), r.bytes.end());
  return Blake2b256(in);
}

TEST(MerkleTest, RootsOfZeroToFiveLeavesByHand) {
  const Hash256 a = H("a"), b = H("b"), c = H("c"), d = H("d"), e = H("e");
  EXPECT_EQ(MerkleRoot({}), Hash256{});
  EXPECT_EQ(MerkleRoot(std::vector<Hash256>{a}), Leaf(a));
  EXPECT_EQ(MerkleRoot(std::vector<Hash256>{a, b}), Node(Leaf(a), Leaf(b)));
  EXPECT_EQ(MerkleRoot(std::vector<Hash256>{a, b, c}), Node(Node(Leaf(a), Leaf(b)), Leaf(c)));
  EXPECT_EQ(MerkleRoot(std::vector<Hash256>{a, b, c, d}), Node(Node(Leaf(a), Leaf(b)), Node(Leaf(c), Leaf(d))));
  EXPECT_EQ(MerkleRoot(std::vector<Hash256>{a, b, c, d, e}),
            Node(Node(Node(Leaf(a), Leaf(b)), Node(Leaf(c), Leaf(d))), Leaf(e)));
}

TEST(MerkleTest, SevenLeavesSplitAtFour) {
  std::vector<Hash256> x;
  for (char ch = 'a'; ch < 'h'; ++ch) x.push_back(H(std::string(1, ch)));
  const Hash256 left = Node(Node(Leaf(x[0]), Leaf(x[1])), Node(Leaf(x[2]), Leaf(x[3])));
  const Hash256 right = Node(Node(Leaf(x[4]), Leaf(x[5])), Leaf(x[6]));
  EXPECT_EQ(MerkleRoot(x), Node(left, right));
}

TEST(MerkleTest, OrderAndDuplicatesMatter) {
  const Hash256 a = H("a"), b = H("b"), c = H("c");
  EXPECT_NE(MerkleRoot(std::vector<Hash256>{a, b}), MerkleRoot(std::vector<Hash256>{b, a}));
  // No Bitcoin-style duplication of an odd last leaf: [a, b, c] differs from [a, b, c, c].
  EXPECT_NE(MerkleRoot(std::vector<Hash256>{a, b, c}), MerkleRoot(std::vector<Hash256>{a, b, c, c}));
  // A one-leaf tree is not its leaf (domain separation).
  EXPECT_NE(MerkleRoot(std::vector<Hash256>{a}), a);
}

}  // namespace
}  // namespace tfchain::chain
