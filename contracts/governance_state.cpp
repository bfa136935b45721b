// Governance state layout (all keys start with 0x06, the governance module prefix;
// ids in keys are big-endian so that prefix scans return id order):
//   0x06 0x01 || id:u32be                  := proposal
//   0x06 0x02 || id:u32be || voter:fixed[32] := proposal_vote
//   0x06 0x03                              := proposal_index (absent = {1, []})
// with
//   proposal       := id:u32 proposer:fixed[32] action:gov_action (chain/gov_action.cpp)
//                     description:string created_height:u64 end_height:u64 status:u8
//                     yes_power:u64 no_power:u64 total_power:u64 result_reason:string
//                     closed_height:u64 quorum_permill:u32 threshold_permill:u32
//   status         := 0 open | 1 enacted | 2 rejected
//   proposal_vote  := approve:bool power:u64
//   proposal_index := next_id:u32 open:vec<u32>(<=64)
//   string         := compact length (<= 4096) UTF-8 (chain/grid_types.cpp)
#include "contracts/governance_state.h"

#include <array>

namespace tfchain::contracts {
namespace {

using chain::Decoder;
using chain::Encoder;

enum Item : uint8_t {
  kProposal = 0x01,
  kVote = 0x02,
  kIndex = 0x03,
};

void AppendBe32(Bytes& key, uint32_t v) {
  for (int i = 3; i >= 0; --i) key.push_back(static_cast<uint8_t>(v >> (8 * i)));
}

constexpr std::array<std::string_view, 3> kStatusNames = {"open", "enacted", "rejected"};

struct IdValue {
  ProposalId id = 0;
};
void EncodeTo(Encoder& e, const IdValue& v) { e.U32(v.id); }
Status DecodeFrom(Decoder& d, IdValue* out) { return d.U32(&out->id); }

}  // namespace

std::string_view ProposalStatusName(ProposalStatus status) {
  const size_t i = static_cast<size_t>(status);
  CHECK(i < kStatusNames.size());
  return kStatusNames[i];
}

std::optional<ProposalStatus> ParseProposalStatus(std::string_view name) {
  for (size_t i = 0; i < kStatusNames.size(); ++i) {
    if (kStatusNames[i] == name) return static_cast<ProposalStatus>(i);
  }
  return std::nullopt;
}

void EncodeTo(Encoder& e, ProposalStatus v) { e.U8(static_cast<uint8_t>(v)); }
Status DecodeFrom(Decoder& d, ProposalStatus* out) {
  uint8_t v;
  TF_RETURN_IF_ERROR(d.U8(&v));
  if (v >= kStatusNames.size())
    return Status::InvalidArgument("decode-bad-tag", "proposal status " + std::to_string(v));
  *out = static_cast<ProposalStatus>(v);
  return Status::Ok();
}

void EncodeTo(Encoder& e, const Proposal& v) {
  e.U32(v.id);
  e.Fixed(v.proposer);
  EncodeTo(e, v.action);
  EncodeTo(e, v.description);
  e.U64(v.created_height);
  e.U64(v.end_height);
  EncodeTo(e, v.status);
  e.U64(v.yes_power);
  e.U64(v.no_power);
  e.U64(v.total_power);
  EncodeTo(e, v.result_reason);
  e.U64(v.closed_height);
  e.U32(v.quorum_permill);
  e.U32(v.threshold_permill);
}
Status DecodeFrom(Decoder& d, Proposal* out) {
  TF_RETURN_IF_ERROR(d.U32(&out->id));
  TF_RETURN_IF_ERROR(d.Fixed(&out->proposer));
  TF_RETURN_IF_ERROR(DecodeFrom(d, &out->action));
  TF_RETURN_IF_ERROR(DecodeFrom(d, &out->description));
  TF_RETURN_IF_ERROR(d.U64(&out->created_height));
  TF_RETURN_IF_ERROR(d.U64(&out->end_height));
  TF_RETURN_IF_ERROR(DecodeFrom(d, &out->status));
  TF_RETURN_IF_ERROR(d.U64(&out->yes_power));
  TF_RETURN_IF_ERROR(d.U64(&out->no_power));
  TF_RETURN_IF_ERROR(d.U64(&out->total_power));
  TF_RETURN_IF_ERROR(DecodeFrom(d, &out->result_reason));
  TF_RETURN_IF_ERROR(d.U64(&out->closed_height));
  TF_RETURN_IF_ERROR(d.U32(&out->quorum_permill));
  return d.U32(&out->threshold_permill);
}

void EncodeTo(Encoder& e, const ProposalVote& v) {
  e.Bool(v.approve);
  e.U64(v.power);
}
Status DecodeFrom(Decoder& d, ProposalVote* out) {
  TF_RETURN_IF_ERROR(d.Bool(&out->approve));
  return d.U64(&out->power);
}

void EncodeTo(Encoder& e, const ProposalIndex& v) {
  e.U32(v.next_id);
  std::vector<IdValue> ids;
  for (ProposalId id : v.open) ids.push_back(IdValue{id});
  chain::EncodeVector(e, ids);
}
Status DecodeFrom(Decoder& d, ProposalIndex* out) {
  TF_RETURN_IF_ERROR(d.U32(&out->next_id));
  std::vector<IdValue> ids;
  TF_RETURN_IF_ERROR(chain::DecodeVector(d, &ids, kMaxOpenProposalsLimit));
  out->open.clear();
  for (const IdValue& v : ids) out->open.push_back(v.id);
  return Status::Ok();
}

Bytes GovernanceState::ProposalKey(ProposalId id) {
  Bytes key{kStatePrefixGovernance, kProposal};
  AppendBe32(key, id);
  return key;
}

Bytes GovernanceState::VoteKey(ProposalId id, const AccountId& voter) {
  Bytes key{kStatePrefixGovernance, kVote};
  AppendBe32(key, id);
  key.insert(key.end(), voter.bytes.begin(), voter.bytes.end());
  return key;
}

Result<std::optional<Proposal>> GovernanceState::GetProposal(const StateReader& state, ProposalId id) {
  return GetDecoded<Proposal>(state, ProposalKey(id));
}

void GovernanceState::PutProposal(StateOverlay& state, const Proposal& proposal) {
  PutEncoded(state, ProposalKey(proposal.id), proposal);
}

Result<std::optional<ProposalVote>> GovernanceState::GetVote(const StateReader& state, ProposalId id,
                                                             const AccountId& voter) {
  return GetDecoded<ProposalVote>(state, VoteKey(id, voter));
}

void GovernanceState::PutVote(StateOverlay& state, ProposalId id, const AccountId& voter, const ProposalVote& vote) {
  PutEncoded(state, VoteKey(id, voter), vote);
}

Result<ProposalIndex> GovernanceState::GetIndex(const StateReader& state) {
  TF_ASSIGN_OR_RETURN(std::optional<ProposalIndex> index,
                      GetDecoded<ProposalIndex>(state, Bytes{kStatePrefixGovernance, kIndex}));
  return index.value_or(ProposalIndex{});
}

void GovernanceState::PutIndex(StateOverlay& state, const ProposalIndex& index) {
  PutEncoded(state, Bytes{kStatePrefixGovernance, kIndex}, index);
}

}  // namespace tfchain::contracts
