#pragma once

#include <cstdint>
#include <string>

#include "chain/account_id.h"
#include "chain/call.h"
#include "chain/codec.h"
#include "chain/hash.h"
#include "chain/keys.h"

namespace tfchain::chain {

inline constexpr size_t kMaxChainIdLength = 64;
// Upper bound of one encoded transaction; the chain's own limit (genesis) may be lower.
inline constexpr size_t kMaxTransactionSize = 64 * 1024;

// The signed part of a transaction.
struct TransactionBody {
  std::string chain_id;      // the transaction is valid on this chain only
  AccountId signer;          // pays the fee; nonce sequence owner
  uint64_t nonce = 0;        // strictly sequential per signer, from 0
  uint64_t tip = 0;          // extra fee, base units; orders the mempool
  uint64_t valid_until = 0;  // last block height that may include it
  Call call;
  bool operator==(const TransactionBody&) const = default;
};

struct Transaction {
  TransactionBody body;
  Signature signature;
  bool operator==(const Transaction&) const = default;
};

// Wire format (transaction.cpp):
//   body        := chain_id:string signer:fixed[32] nonce:u64 tip:u64 valid_until:u64 call
//   transaction := body signature
void EncodeTo(Encoder& e, const TransactionBody& body);
Status DecodeFrom(Decoder& d, TransactionBody* out);
void EncodeTo(Encoder& e, const Transaction& tx);
Status DecodeFrom(Decoder& d, Transaction* out);

// What the signature covers: TaggedHash(kTxSigningPayload, encode(body)).
Hash256 SigningHash(const TransactionBody& body);

// BLAKE2b-256 of the encoded transaction (signature included), as Substrate computes
// extrinsic hashes.
inline Hash256 TxHash(ByteSpan encoded_tx) { return Blake2b256(encoded_tx); }
inline Hash256 TxHash(const Transaction& tx) { return TxHash(Encode(tx)); }

// Sets body.signer to the key's account and signs. Never fails.
Transaction SignTransaction(TransactionBody body, const SecretKey& key);

// True iff the signature is valid for body.signer over SigningHash(body).
[[nodiscard]] bool VerifyTransactionSignature(const Transaction& tx);

}  // namespace tfchain::chain
