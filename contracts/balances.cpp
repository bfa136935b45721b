// Balances state:
//   0x01 0x00 || account:fixed[32] := account_data (free:u64 reserved:u64 nonce:u64)
//   0x01 0x01                      := issuance:u64
#include "contracts/balances.h"

namespace tfchain::contracts {
namespace {
struct Issuance {
  uint64_t value = 0;
};
void EncodeTo(chain::Encoder& e, const Issuance& v) { e.U64(v.value); }
Status DecodeFrom(chain::Decoder& d, Issuance* out) { return d.U64(&out->value); }

bool IsEmpty(const AccountData& a) { return a.free == 0 && a.reserved == 0 && a.nonce == 0; }
}  // namespace

Bytes Balances::IssuanceKey() { return Bytes{chain::kStatePrefixBalances, 0x01}; }

Result<AccountData> Balances::GetAccount(const StateReader& state, const AccountId& who) {
  TF_ASSIGN_OR_RETURN(std::optional<AccountData> data, GetDecoded<AccountData>(state, chain::AccountStateKey(who)));
  return data.value_or(AccountData{});
}

void Balances::PutAccount(StateOverlay& state, const AccountId& who, const AccountData& data) {
  const Bytes key = chain::AccountStateKey(who);
  if (IsEmpty(data)) {
    state.Delete(key);
  } else {
    PutEncoded(state, key, data);
  }
}

Result<uint64_t> Balances::TotalIssuance(const StateReader& state) {
  TF_ASSIGN_OR_RETURN(std::optional<Issuance> issuance, GetDecoded<Issuance>(state, IssuanceKey()));
  return issuance.value_or(Issuance{}).value;
}

Status Balances::Transfer(StateOverlay& state, const AccountId& from, const AccountId& to, uint64_t amount,
                          std::vector<chain::Event>* events) {
  TF_ASSIGN_OR_RETURN(AccountData sender, GetAccount(state, from));
  if (sender.free < amount) {
    return Status::InvalidArgument("insufficient-balance", "free balance " + std::to_string(sender.free) +
                                                               " is below the amount " + std::to_string(amount));
  }
  if (from != to && amount > 0) {
    TF_ASSIGN_OR_RETURN(AccountData receiver, GetAccount(state, to));
    if (receiver.free > UINT64_MAX - amount) {
      return Status::InvalidArgument("balance-overflow", "the receiver's balance would exceed 2^64-1");
    }
    sender.free -= amount;
    receiver.free += amount;
    PutAccount(state, from, sender);
    PutAccount(state, to, receiver);
  }
  if (events != nullptr) events->push_back(chain::TransferEvent{from, to, amount});
  return Status::Ok();
}

Status Balances::Mint(StateOverlay& state, const AccountId& who, uint64_t amount) {
  TF_ASSIGN_OR_RETURN(uint64_t issuance, TotalIssuance(state));
  if (issuance > UINT64_MAX - amount) return Status::InvalidArgument("issuance-overflow", "issuance would exceed 2^64-1");
  TF_ASSIGN_OR_RETURN(AccountData account, GetAccount(state, who));
  account.free += amount;  // cannot overflow: free <= issuance
  PutAccount(state, who, account);
  PutEncoded(state, IssuanceKey(), Issuance{issuance + amount});
  return Status::Ok();
}

Status Balances::Burn(StateOverlay& state, const AccountId& who, uint64_t amount) {
  TF_ASSIGN_OR_RETURN(AccountData account, GetAccount(state, who));
  if (account.free < amount) {
    return Status::InvalidArgument("insufficient-balance", "free balance " + std::to_string(account.free) +
                                                               " is below " + std::to_string(amount));
  }
  TF_ASSIGN_OR_RETURN(uint64_t issuance, TotalIssuance(state));
  CHECK(issuance >= amount);  // free <= issuance by the ledger invariant
  account.free -= amount;
  PutAccount(state, who, account);
  PutEncoded(state, IssuanceKey(), Issuance{issuance - amount});
  return Status::Ok();
}

Status Balances::InitGenesis(StateOverlay& state, const std::vector<chain::GenesisBalance>& balances,
                             std::vector<chain::Event>* events) {
  for (const chain::GenesisBalance& b : balances) {
    TF_RETURN_IF_ERROR(Mint(state, b.account, b.amount));
    events->push_back(chain::EndowedEvent{b.account, b.amount});
  }
  return Status::Ok();
}

}  // namespace tfchain::contracts
