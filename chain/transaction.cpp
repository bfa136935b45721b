// Transaction wire format:
//   body        := chain_id:string(<=64) signer:fixed[32] nonce:u64 tip:u64
//                  valid_until:u64 call
//   transaction := body signature            (signature := u8 scheme, byte{64|65})
#include "chain/transaction.h"

namespace tfchain::chain {

void EncodeTo(Encoder& e, const TransactionBody& body) {
  e.Str(body.chain_id);
  e.Fixed(body.signer);
  e.U64(body.nonce);
  e.U64(body.tip);
  e.U64(body.valid_until);
  EncodeTo(e, body.call);
}

Status DecodeFrom(Decoder& d, TransactionBody* out) {
  TF_RETURN_IF_ERROR(d.Str(&out->chain_id, kMaxChainIdLength));
  TF_RETURN_IF_ERROR(d.Fixed(&out->signer));
  TF_RETURN_IF_ERROR(d.U64(&out->nonce));
  TF_RETURN_IF_ERROR(d.U64(&out->tip));
  TF_RETURN_IF_ERROR(d.U64(&out->valid_until));
  return DecodeFrom(d, &out->call);
}

void EncodeTo(Encoder& e, const Transaction& tx) {
  EncodeTo(e, tx.body);
  EncodeTo(e, tx.signature);
}

Status DecodeFrom(Decoder& d, Transaction* out) {
  TF_RETURN_IF_ERROR(DecodeFrom(d, &out->body));
  return DecodeFrom(d, &out->signature);
}

Hash256 SigningHash(const TransactionBody& body) {
  return TaggedHash(HashDomain::kTxSigningPayload, Encode(body));
}

Transaction SignTransaction(TransactionBody body, const SecretKey& key) {
  body.signer = key.account_id();
  const Hash256 payload = SigningHash(body);
  Signature sig = key.Sign(payload.span());
  return Transaction{std::move(body), sig};
}

bool VerifyTransactionSignature(const Transaction& tx) {
  return VerifyForAccount(tx.body.signer, SigningHash(tx.body).span(), tx.signature);
}

}  // namespace tfchain::chain
