#pragma once

#include <cstdint>
#include <optional>
#include <vector>

#include "chain/account_id.h"
#include "chain/call.h"
#include "chain/event.h"
#include "chain/gov_action.h"
#include "contracts/governance_state.h"
#include "contracts/state.h"

namespace tfchain::contracts {

// The governance module (docs/governance.md): stake-weighted proposals by validator
// operators to change the TFT price, the pricing and farming policies, the certifier
// set, the grid parameters and the governance parameters, and to approve solution
// providers.
//
// Rules in brief:
//  - Only the operator of a validator in the CURRENT active set (the set that signs
//    the next block) may propose or vote; its power is that validator's power in the
//    set at the time of the call. Each operator has one vote per proposal and may
//    change it while the proposal is open (the new vote counts with its power then).
//  - A proposal records the set's total power and the quorum and threshold in force
//    when it is made, and ends voting_period_blocks later.
//  - EndBlock tallies every open proposal: it is enacted early once
//    yes·10^6 >= threshold·total and (yes + no)·10^6 >= quorum·total; rejected early
//    once the no votes make that impossible even if all other power voted yes,
//    (total − no)·10^6 < threshold·total; and at its end height rejected with
//    "no-quorum" when (yes + no)·10^6 < quorum·total (or nobody voted),
//    "below-threshold" when yes·10^6 < threshold·(yes + no), else enacted.
//  - Actions are validated when proposed and again when enacted; an action that
//    became invalid meanwhile is Rejected with its validation reason.
//
// Every failure that is the caller's fault is an InvalidArgument Status with a stable
// reason; other codes are state read failures. Const methods only read their own
// members, so one Governance may serve concurrent executions on different states.
class Governance {
 public:
  // `genesis_time_ms` anchors the farming periods, which a grid-parameter change
  // reschedules (FarmingState::ScheduleFarmingPeriod).
  explicit Governance(uint64_t genesis_time_ms) : genesis_time_ms_(genesis_time_ms) {}

  // governance.propose by `signer` in block `height`. Emits Proposed. Errors:
  // "not-a-validator", "description-too-long", "too-many-proposals", and the
  // action's validation errors (ValidateAction).
  Status Propose(StateOverlay& state, uint64_t height, const AccountId& signer, const chain::GovProposeCall& call,
                 std::vector<chain::Event>* events) const;

  // governance.vote. Emits Voted. Errors: "unknown-proposal", "proposal-closed",
  // "not-a-validator", "already-voted" (the same vote again).
  Status Vote(StateOverlay& state, uint64_t height, const AccountId& signer, const chain::GovVoteCall& call,
              std::vector<chain::Event>* events) const;

  // End of block `height` at `time_ms`: tallies the open proposals (see the class
  // comment) in id order, enacting or rejecting them; emits Enacted / Rejected.
  Status EndBlock(StateOverlay& state, uint64_t height, uint64_t time_ms, std::vector<chain::Event>* events) const;

  // Whether `action` could be enacted on `state`. Errors (InvalidArgument):
  //   set-tft-price: "bad-tft-price" (price 0);
  //   set-pricing-policy: "unknown-policy" (id neither 0 nor existing), "bad-policy"
  //     (chain::ValidatePricingPolicy: name not 1..64 bytes, discount above 100);
  //   set-farming-policy: "unknown-policy", "policy-immutable" (replacing an immutable
  //     policy), "bad-policy" (chain::ValidateFarmingPolicy, or no default diy /
  //     not-certified policy would remain);
  //   set-certifier: "bad-proposal" (adding a member, removing a non-member, or the
  //     set is full);
  //   set-grid-params: "bad-grid-params" (chain::ValidateGridParams, or an uptime
  //     interval below 1000 ms);
  //   set-governance-params: "bad-governance-params" (chain::ValidateGovernanceParams);
  //   approve-solution-provider: "unknown-solution-provider", "bad-proposal"
  //     (approving an approved provider or revoking an unapproved one).
  static Status ValidateAction(const StateReader& state, const chain::GovAction& action);

  // The power the operator `account` votes with: that of its validator in the current
  // active set, or nullopt when it operates none there.
  static Result<std::optional<uint64_t>> VotingPower(const StateReader& state, const AccountId& account);

 private:
  // Validates `action` again and writes it into the state, appending the action's own
  // events (e.g. SolutionProviderApproved) to `events`; on error the caller rolls back
  // the state and discards `events`.
  Status Enact(StateOverlay& state, uint64_t time_ms, const chain::GovAction& action,
               std::vector<chain::Event>* events) const;

  uint64_t genesis_time_ms_;
};

}  // namespace tfchain::contracts
