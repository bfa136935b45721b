// Account state wire format: account_data := free:u64 reserved:u64 nonce:u64
// Its key: 0x01 (balances) 0x00 (account) || account_id:fixed[32].
#include "chain/account_data.h"

namespace tfchain::chain {

void EncodeTo(Encoder& e, const AccountData& a) {
  e.U64(a.free);
  e.U64(a.reserved);
  e.U64(a.nonce);
}

Status DecodeFrom(Decoder& d, AccountData* out) {
  TF_RETURN_IF_ERROR(d.U64(&out->free));
  TF_RETURN_IF_ERROR(d.U64(&out->reserved));
  return d.U64(&out->nonce);
}

Bytes AccountStateKey(const AccountId& account) {
  Bytes key;
  key.reserve(2 + AccountId::kSize);
  key.push_back(kStatePrefixBalances);
  key.push_back(0x00);
  key.insert(key.end(), account.bytes.begin(), account.bytes.end());
  return key;
}

}  // namespace tfchain::chain
