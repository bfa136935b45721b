#pragma once

#include <cstdint>
#include <vector>

#include "chain/account_id.h"
#include "chain/event.h"
#include "chain/genesis.h"
#include "chain/receipt.h"
#include "chain/transaction.h"
#include "contracts/state.h"

namespace tfchain::contracts {

// What a block's execution needs to know about the block.
struct BlockEnv {
  uint64_t height = 0;
  uint64_t time_ms = 0;
  chain::AccountId proposer;
};

// The result of checking a transaction against a state, for the mempool.
struct TxCheck {
  bool ready = false;       // nonce == the account's next nonce (else it is for later)
  uint64_t state_nonce = 0; // the account's next nonce in that state
  uint64_t free = 0;        // the account's free balance in that state
  uint64_t fee = 0;         // base + per byte + tip
  uint64_t spend = 0;       // fee + what the call takes from the free balance
};

// The runtime: deterministic state transitions, pure (no I/O, clocks, threads).
// Thread-compatible: const methods may run concurrently on different states.
//
// A transaction is either not includable (Apply returns an error and changes
// nothing: wrong chain, expired, wrong nonce, cannot pay the fee) or included: the
// fee is paid and the nonce used, and the call succeeds or fails as a whole (a failed
// call's effects are rolled back; its receipt carries the reason).
//
// Signatures are NOT checked here: callers verify them first (in parallel).
class Runtime {
 public:
  explicit Runtime(chain::Genesis genesis);

  const chain::Genesis& genesis() const { return genesis_; }

  // Writes the genesis state. Events go to the genesis block's results.
  Status InitGenesis(StateOverlay& state, std::vector<chain::Event>* events) const;

  // fee = base_fee + fee_per_byte * encoded_size + tip. Error "fee-overflow".
  Result<uint64_t> Fee(size_t encoded_size, uint64_t tip) const;

  // Checks that need no state, for inclusion at `height`. Errors: "wrong-chain",
  // "tx-too-large", "expired", "fee-overflow".
  Status CheckStateless(const chain::Transaction& tx, size_t encoded_size, uint64_t height) const;

  // Checks nonce and funds against `state`. Errors: "bad-nonce" (nonce already used),
  // "insufficient-balance" (free balance below fee + spend), "fee-overflow", or a
  // state read error.
  Result<TxCheck> CheckAgainstState(const StateReader& state, const chain::Transaction& tx,
                                    size_t encoded_size) const;

  // Executes one transaction in a block. Returns its receipt, or the reason it
  // cannot be included (state unchanged then): the CheckStateless errors,
  // "bad-nonce" / "future-nonce", "insufficient-balance" (cannot pay the fee).
  Result<chain::Receipt> ApplyTransaction(StateOverlay& state, const BlockEnv& env, const chain::Transaction& tx,
                                          const chain::Hash256& tx_hash, size_t encoded_size) const;

  // Block hooks (billing, rewards, ... in later modules). Events go to the block's
  // begin/end events.
  Status BeginBlock(StateOverlay& state, const BlockEnv& env, std::vector<chain::Event>* events) const;
  Status EndBlock(StateOverlay& state, const BlockEnv& env, std::vector<chain::Event>* events) const;

 private:
  // Runs the call itself; on error the caller rolls back.
  Status Dispatch(StateOverlay& state, const BlockEnv& env, const chain::AccountId& signer, const chain::Call& call,
                  std::vector<chain::Event>* events) const;
  Status PayFee(StateOverlay& state, const BlockEnv& env, const chain::AccountId& payer, uint64_t fee,
                std::vector<chain::Event>* events) const;

  chain::Genesis genesis_;
};

// What `call` takes from the signer's free balance besides the fee (a transfer's
// amount). Used for the mempool's funds check.
uint64_t CallSpend(const chain::Call& call);

}  // namespace tfchain::contracts
