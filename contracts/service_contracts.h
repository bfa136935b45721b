#pragma once

#include <cstdint>
#include <vector>

#include "chain/account_id.h"
#include "chain/event.h"
#include "chain/market_calls.h"
#include "contracts/directory_state.h"
#include "contracts/market_state.h"
#include "contracts/state.h"

namespace tfchain::contracts {

// Longest stretch of time one service bill covers: a service that bills late is paid
// for at most this much (the rest is forfeited, as in TF Chain).
inline constexpr uint64_t kServiceBillWindowCapMs = 3'600'000;  // 1 hour

// Service contracts (docs/marketplace.md, "Service contracts"): an agreement between a
// service twin and a consumer twin, paid by the consumer to the service as a base fee
// per hour plus a variable amount the service reports, both in mUSD and converted to
// TFT at the on-chain price (GridParams::tft_price_musd) when billed. As in TF Chain:
//
//   create (either party) -> the service sets metadata and fees -> both approve ->
//   the service bills (each bill covers the time since the previous one, at most one
//   hour) -> either party cancels, or the consumer cannot pay a bill.
//
// A contract is "ready" once its metadata is non-empty and its base fee is non-zero;
// only a ready contract can be approved. Changing the metadata or the fees resets
// both approvals (billing stops until both approve again; time since the last bill is
// not billed). Deleted contracts are removed from the state (with a
// ServiceContractDeleted event).
//
// Every method is a call of module 5 with the runtime's call signature: on success it
// writes `state` and appends its events to `events` (not null); on failure it returns
// InvalidArgument with a stable reason, and has written nothing and emitted nothing.
// State read errors ("state-corrupt", I/O) are returned as they are. Errors common to
// all calls except Create: "no-twin" (the signer has no twin), "no-service-contract"
// (unknown id). Stateless; thread-compatible (the state is the caller's).
class ServiceContracts {
 public:
  ServiceContracts() = default;

  // contract.service_create: the signer's twin is one of the two parties. Writes a new
  // record (id from MarketCounters::next_service_id, created_ms = time_ms, nothing set
  // or approved) and emits ServiceContractCreated. Errors: "no-twin" (the signer or a
  // named twin does not exist), "same-twin", "not-service-party", "id-space-exhausted".
  Status Create(StateOverlay& state, uint64_t height, uint64_t time_ms, const AccountId& signer,
                const chain::ServiceCreateCall& call, std::vector<chain::Event>* events) const;

  // contract.service_set_metadata, by the service: replaces the metadata (at most
  // chain::kMaxServiceMetadata bytes), resets both approvals, emits
  // ServiceContractUpdated. Errors: "not-service", "metadata-too-long".
  Status SetMetadata(StateOverlay& state, uint64_t height, uint64_t time_ms, const AccountId& signer,
                     const chain::ServiceSetMetadataCall& call, std::vector<chain::Event>* events) const;

  // contract.service_set_fees, by the service: replaces the base fee (mUSD per hour)
  // and the variable fee cap (mUSD per hour), resets both approvals, emits
  // ServiceContractUpdated. Errors: "not-service".
  Status SetFees(StateOverlay& state, uint64_t height, uint64_t time_ms, const AccountId& signer,
                 const chain::ServiceSetFeesCall& call, std::vector<chain::Event>* events) const;

  // contract.service_approve, by either party, once per party. When both have
  // approved: last_bill_ms = time_ms (billing starts) and ServiceContractApproved;
  // otherwise ServiceContractUpdated. Errors: "not-service-party",
  // "service-contract-not-ready", "service-contract-already-approved".
  Status Approve(StateOverlay& state, uint64_t height, uint64_t time_ms, const AccountId& signer,
                 const chain::ServiceApproveCall& call, std::vector<chain::Event>* events) const;

  // contract.service_reject, by either party before both approved: deletes the
  // contract (ServiceContractDeleted, reason kCanceled). Errors: "not-service-party",
  // "service-contract-approved".
  Status Reject(StateOverlay& state, uint64_t height, uint64_t time_ms, const AccountId& signer,
                const chain::ServiceRejectCall& call, std::vector<chain::Event>* events) const;

  // contract.service_cancel, by either party at any time: deletes the contract
  // (ServiceContractDeleted, reason kCanceled); nothing is billed. Errors:
  // "not-service-party".
  Status Cancel(StateOverlay& state, uint64_t height, uint64_t time_ms, const AccountId& signer,
                const chain::ServiceCancelCall& call, std::vector<chain::Event>* events) const;

  // contract.service_bill, by the service of a contract approved by both. With
  //   window   = min(time_ms - last_bill_ms, kServiceBillWindowCapMs)
  //   base     = floor(base_fee_musd · window / 1 h)
  //   cap      = floor(variable_fee_musd · window / 1 h)  (variable_amount_musd <= cap)
  //   amount   = MusdToUnits(base + variable_amount_musd, P)   (TFT base units)
  // moves `amount` from the consumer twin's account to the service twin's account,
  // sets last_bill_ms = time_ms and emits ServiceContractBilled. When the consumer's
  // free balance is below `amount`, nothing is transferred and the contract is
  // deleted instead (ServiceContractDeleted, reason kOutOfFunds; the call succeeds).
  // Errors: "not-service", "service-contract-not-approved", "metadata-too-long" (the
  // bill's metadata), "variable-amount-too-high", and Balances::Transfer's
  // "balance-overflow" (the service's balance would exceed 2^64-1).
  Status Bill(StateOverlay& state, uint64_t height, uint64_t time_ms, const AccountId& signer,
              const chain::ServiceBillCall& call, std::vector<chain::Event>* events) const;
};

// Whether `contract` may be approved: metadata set (non-empty) and a non-zero base
// fee. Pure.
bool ServiceContractReady(const ServiceContractRecord& contract);

}  // namespace tfchain::contracts
