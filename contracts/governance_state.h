#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "chain/account_id.h"
#include "chain/codec.h"
#include "chain/gov_action.h"
#include "chain/grid_types.h"
#include "contracts/state.h"

namespace tfchain::contracts {

using chain::AccountId;
using chain::ProposalId;

// The governance module's state: proposals, votes and the index of open proposals.
// Layout in governance_state.cpp and docs/governance.md. The accessors only read and
// write; the rules live in Governance (governance.h). Readers fail only with the
// StateReader's errors or "state-corrupt". Thread-compatible.

// Module prefix of governance keys.
inline constexpr uint8_t kStatePrefixGovernance = 0x06;

// Key prefix for prefix scans: followed by a big-endian u32 proposal id.
inline constexpr std::array<uint8_t, 2> kGovernanceProposalPrefix = {kStatePrefixGovernance, 0x01};

// Upper bound of GovernanceParams::max_open_proposals (chain::ValidateGovernanceParams):
// the open proposal ids are one list.
inline constexpr size_t kMaxOpenProposalsLimit = chain::kCodecMaxList;

// The numeric values are the wire encoding.
enum class ProposalStatus : uint8_t { kOpen = 0, kEnacted = 1, kRejected = 2 };
// "open" / "enacted" / "rejected", and the inverse (nullopt for an unknown name).
std::string_view ProposalStatusName(ProposalStatus status);
std::optional<ProposalStatus> ParseProposalStatus(std::string_view name);

struct Proposal {
  ProposalId id = 0;
  AccountId proposer;  // operator account of a validator in the active set
  chain::GovAction action;
  std::string description;
  uint64_t created_height = 0;
  uint64_t end_height = 0;  // tallied at the end of this block at the latest
  ProposalStatus status = ProposalStatus::kOpen;
  uint64_t yes_power = 0;
  uint64_t no_power = 0;
  uint64_t total_power = 0;    // the active set's power when the proposal was made
  std::string result_reason;   // when rejected: "no-quorum", "below-threshold", or the enactment error
  uint64_t closed_height = 0;  // 0 while open
  // The governance parameters in force when the proposal was made: later changes apply
  // to later proposals only.
  uint32_t quorum_permill = 0;
  uint32_t threshold_permill = 0;
  bool operator==(const Proposal&) const = default;
};

// One validator operator's vote on a proposal, with the power it counted with.
struct ProposalVote {
  bool approve = false;
  uint64_t power = 0;
  bool operator==(const ProposalVote&) const = default;
};

// The next proposal id (ids start at 1) and the open proposals, ascending.
struct ProposalIndex {
  ProposalId next_id = 1;
  std::vector<ProposalId> open;
  bool operator==(const ProposalIndex&) const = default;
};

void EncodeTo(chain::Encoder& e, ProposalStatus v);
Status DecodeFrom(chain::Decoder& d, ProposalStatus* out);
void EncodeTo(chain::Encoder& e, const Proposal& v);
Status DecodeFrom(chain::Decoder& d, Proposal* out);
void EncodeTo(chain::Encoder& e, const ProposalVote& v);
Status DecodeFrom(chain::Decoder& d, ProposalVote* out);
void EncodeTo(chain::Encoder& e, const ProposalIndex& v);
Status DecodeFrom(chain::Decoder& d, ProposalIndex* out);

class GovernanceState {
 public:
  // 0x06 0x01 || id -> Proposal.
  static Result<std::optional<Proposal>> GetProposal(const StateReader& state, ProposalId id);
  static void PutProposal(StateOverlay& state, const Proposal& proposal);

  // 0x06 0x02 || id || voter -> ProposalVote.
  static Result<std::optional<ProposalVote>> GetVote(const StateReader& state, ProposalId id, const AccountId& voter);
  static void PutVote(StateOverlay& state, ProposalId id, const AccountId& voter, const ProposalVote& vote);

  // 0x06 0x03 -> ProposalIndex; absent = {1, {}}.
  static Result<ProposalIndex> GetIndex(const StateReader& state);
  static void PutIndex(StateOverlay& state, const ProposalIndex& index);

  // Record keys, for proofs and prefix scans.
  static chain::Bytes ProposalKey(ProposalId id);
  static chain::Bytes VoteKey(ProposalId id, const AccountId& voter);
};

}  // namespace tfchain::contracts
