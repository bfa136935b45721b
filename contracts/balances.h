#pragma once

#include <cstdint>
#include <vector>

#include "chain/account_data.h"
#include "chain/event.h"
#include "chain/genesis.h"
#include "contracts/state.h"

namespace tfchain::contracts {

using chain::AccountData;
using chain::AccountId;

// The TFT ledger: accounts (free, reserved, nonce) and total issuance.
//
// Invariant (checked by tests): the sum over all accounts of free + reserved equals
// TotalIssuance. Only Mint and Burn change issuance; transfers and fees move funds.
//
// An account exists in the state when any of its fields is non-zero; it is never
// removed once its nonce is non-zero, so a nonce can never be reused.
class Balances {
 public:
  // 0x01 0x01: total issuance, u64.
  static Bytes IssuanceKey();

  static Result<AccountData> GetAccount(const StateReader& state, const AccountId& who);
  static void PutAccount(StateOverlay& state, const AccountId& who, const AccountData& data);

  static Result<uint64_t> TotalIssuance(const StateReader& state);

  // Moves `amount` from `from`'s free balance to `to` and, if `events` is not null,
  // records a Transfer event. Errors (state unchanged):
  // "insufficient-balance", "balance-overflow". A transfer to oneself only checks funds.
  static Status Transfer(StateOverlay& state, const AccountId& from, const AccountId& to, uint64_t amount,
                         std::vector<chain::Event>* events);

  // Creates `amount` new units in `who`'s free balance; issuance grows by the same.
  // Error: "issuance-overflow".
  static Status Mint(StateOverlay& state, const AccountId& who, uint64_t amount);

  // Destroys `amount` of `who`'s free balance; issuance shrinks by the same.
  // Error: "insufficient-balance".
  static Status Burn(StateOverlay& state, const AccountId& who, uint64_t amount);

  // Writes the genesis balances and issuance; emits Endowed events.
  static Status InitGenesis(StateOverlay& state, const std::vector<chain::GenesisBalance>& balances,
                            std::vector<chain::Event>* events);
};

}  // namespace tfchain::contracts
