#pragma once

#include <cstdint>
#include <span>

#include "chain/bytes.h"

namespace tfchain::chain {

// BLAKE2b (libsodium crypto_generichash) is the only hash of the chain.
//
// Where two kinds of thing could collide (a Merkle leaf and an inner node, a
// transaction signing payload and a consensus vote) the input is prefixed with one
// domain byte. The values are part of the protocol and never change.
enum class HashDomain : uint8_t {
  kTxSigningPayload = 0x01,  // what a transaction signature covers
  kVoteSigningPayload = 0x02,
  kProposalSigningPayload = 0x03,  // what a consensus proposal signature covers
  kP2pHandshake = 0x04,            // what a P2P handshake signature covers (node/p2p_handshake.h)
  kMerkleLeaf = 0x10,        // binary Merkle lists (txs_root, events_root)
  kMerkleInner = 0x11,
  kSmtLeaf = 0x20,           // sparse Merkle state tree
  kSmtInner = 0x21,
  kValidatorSet = 0x30,
  kCommit = 0x31,
  kEvidence = 0x32,
  kReceipt = 0x33,
};

// BLAKE2b-256 of `data`. Thread-safe.
Hash256 Blake2b256(ByteSpan data);
// BLAKE2b-256 of the one-byte domain tag followed by `data`.
Hash256 TaggedHash(HashDomain domain, ByteSpan data);
// BLAKE2b with an output length of out.size() (16..64 bytes) and an optional key
// (0 or 16..64 bytes). SS58 uses the 64-byte form.
void Blake2b(ByteSpan data, std::span<uint8_t> out, ByteSpan key = {});

// Incremental BLAKE2b-256. Not thread-safe; one hasher per thread.
class Blake2bHasher {
 public:
  Blake2bHasher();
  explicit Blake2bHasher(HashDomain domain);
  Blake2bHasher& Update(ByteSpan data);
  // Finishes; the hasher must not be used afterwards.
  Hash256 Final();

 private:
  alignas(64) unsigned char state_[384];
};

}  // namespace tfchain::chain
