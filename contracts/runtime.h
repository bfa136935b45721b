#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <vector>

#include "chain/account_id.h"
#include "chain/event.h"
#include "chain/genesis.h"
#include "chain/receipt.h"
#include "chain/transaction.h"
#include "chain/vote.h"
#include "contracts/directory.h"
#include "contracts/farming.h"
#include "contracts/governance.h"
#include "contracts/marketplace.h"
#include "contracts/service_contracts.h"
#include "contracts/staking.h"
#include "contracts/state.h"

namespace tfchain::contracts {

// What a block's execution needs to know about the block. The pointed-to commit and
// evidence are borrowed and must outlive the execution of the block.
struct BlockEnv {
  uint64_t height = 0;
  uint64_t time_ms = 0;
  chain::AccountId proposer;  // the proposer's consensus key
  // The precommits for block height-1 (the block's last_commit); null or empty at
  // height 1. Verified by the node before execution, not here.
  const chain::Commit* last_commit = nullptr;
  // The block's double-sign evidence; each piece must pass CheckEvidence.
  std::span<const chain::Evidence> evidence = {};
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
  // The fee `tx` pays on `state`: Fee(encoded_size, tip), or only the tip for a
  // fee-free call (IsFeeFree). Errors: "fee-overflow", state read failures.
  Result<uint64_t> TxFee(const StateReader& state, const chain::Transaction& tx, size_t encoded_size) const;

  // Checks that need no state, for inclusion at `height`. Errors: "wrong-chain",
  // "tx-too-large", "expired", "fee-overflow".
  Status CheckStateless(const chain::Transaction& tx, size_t encoded_size, uint64_t height) const;

  // Checks nonce and funds against `state`. Errors: "bad-nonce" (nonce already used),
  // "insufficient-balance" (free balance below fee + spend), "fee-overflow", or a
  // state read error. A fee-free call must also be includable in the next block
  // (at the state's block time + block_time_ms): Farming::CheckUptimeReport's
  // "no-node" / "uptime-report-too-early", or Marketplace::CheckFeeFree's errors.
  Result<TxCheck> CheckAgainstState(const StateReader& state, const chain::Transaction& tx,
                                    size_t encoded_size) const;

  // Executes one transaction in a block. Returns its receipt, or the reason it
  // cannot be included (state unchanged then): the CheckStateless errors,
  // "bad-nonce" / "future-nonce", "insufficient-balance" (cannot pay the fee), and
  // for a fee-free call that is not includable at this block's time its check's
  // errors (a free call that fails would be free spam, so it is never included).
  Result<chain::Receipt> ApplyTransaction(StateOverlay& state, const BlockEnv& env, const chain::Transaction& tx,
                                          const chain::Hash256& tx_hash, size_t encoded_size) const;

  // Block hooks; events go to the block's begin/end events. BeginBlock records the
  // block's height and time (SystemState), applies the block's evidence and records
  // the last commit's signers (Staking::BeginBlock: an InvalidArgument error means
  // the block is invalid); EndBlock settles farming periods (Farming::EndBlock),
  // bills marketplace contracts and enforces ack deadlines (Marketplace::EndBlock),
  // tallies governance proposals (Governance::EndBlock), pays epoch rewards and
  // rotates the validator sets (Staking::EndBlock), in that order.
  Status BeginBlock(StateOverlay& state, const BlockEnv& env, std::vector<chain::Event>* events) const;
  Status EndBlock(StateOverlay& state, const BlockEnv& env, std::vector<chain::Event>* events) const;

  // The last / current / next validator sets as of the state's head block H (they
  // sign H / H+1 / H+2). The node puts hashes of current and next in block H+1's
  // header. Errors: state read failures.
  Result<ValidatorSets> GetValidatorSets(const StateReader& state) const;
  // The operator account of the validator with this consensus key, or nullopt when
  // the key belongs to no (possibly tombstoned) validator.
  Result<std::optional<chain::AccountId>> OperatorOf(const StateReader& state,
                                                     const chain::AccountId& consensus_key) const;
  // Whether `evidence` may be included in block `height` on this state (the node
  // uses it to choose evidence to propose). Errors: see Staking::CheckEvidence.
  Status CheckEvidence(const StateReader& state, const chain::Evidence& evidence, uint64_t height) const;

  const Staking& staking() const { return staking_; }
  const Farming& farming() const { return farming_; }
  const Marketplace& marketplace() const { return marketplace_; }

  // Whether `tx` pays no fee (only its tip) on `state`: farming.node_report_uptime,
  // the node-side contract calls (ack, report_resources, report_network), and
  // contract.cancel of a contract in grace by its owner (Marketplace::IsFeeFree). A
  // fee-free call must be includable to enter the mempool or a block (see
  // CheckAgainstState), so it cannot be free spam. Errors: state read failures.
  Result<bool> IsFeeFree(const StateReader& state, const chain::Transaction& tx) const;

 private:
  // Runs the call itself; on error the caller rolls back.
  Status Dispatch(StateOverlay& state, const BlockEnv& env, const chain::AccountId& signer, const chain::Call& call,
                  std::vector<chain::Event>* events) const;
  Status PayFee(StateOverlay& state, const BlockEnv& env, const chain::AccountId& payer, uint64_t fee,
                std::vector<chain::Event>* events) const;

  // Runs the fee-free call's own admission check for a block at `time_ms`.
  Status CheckFeeFree(const StateReader& state, const chain::Transaction& tx, uint64_t time_ms) const;

  chain::Genesis genesis_;
  Staking staking_;
  Directory directory_;
  Farming farming_;
  Governance governance_;
  Marketplace marketplace_;
  ServiceContracts services_;
};

// What `call` takes from the signer's free balance besides the fee (a transfer's or
// a bond's amount). Used for the mempool's funds check.
uint64_t CallSpend(const chain::Call& call);

}  // namespace tfchain::contracts
