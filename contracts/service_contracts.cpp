// Service contracts: contract.service_* calls (rules in service_contracts.h and
// docs/marketplace.md, "Service contracts"). Records live under 0x07 0x09 || id
// (MarketState::GetServiceContract), ids come from MarketCounters::next_service_id.
#include "contracts/service_contracts.h"

#include <algorithm>
#include <limits>
#include <optional>
#include <string>

#include "contracts/balances.h"
#include "contracts/directory_state.h"
#include "contracts/market_pricing.h"
#include "contracts/policy_state.h"

namespace tfchain::contracts {
namespace {

Status Invalid(std::string reason, std::string detail) {
  return Status::InvalidArgument(std::move(reason), std::move(detail));
}

std::string Id(ServiceContractId id) { return "service contract " + std::to_string(id); }

// Which side of a contract a twin is on.
enum class Party : uint8_t { kService, kConsumer };

// A contract looked up for a call, with the signer's side.
struct Loaded {
  ServiceContractRecord contract;
  TwinId signer_twin = 0;
};

// The signer's twin id ("no-twin") and the contract ("no-service-contract").
Result<Loaded> Load(const StateReader& state, const AccountId& signer, ServiceContractId id) {
  TF_ASSIGN_OR_RETURN(std::optional<TwinId> twin, DirectoryState::GetTwinIdByAccount(state, signer));
  if (!twin) return Invalid("no-twin", chain::ToSs58(signer) + " has no twin");
  TF_ASSIGN_OR_RETURN(std::optional<ServiceContractRecord> contract, MarketState::GetServiceContract(state, id));
  if (!contract) return Invalid("no-service-contract", "no " + Id(id));
  return Loaded{*std::move(contract), *twin};
}

// The signer's side of the contract: "not-service-party" when it is neither.
Result<Party> PartyOf(const Loaded& loaded) {
  if (loaded.signer_twin == loaded.contract.service_twin_id) return Party::kService;
  if (loaded.signer_twin == loaded.contract.consumer_twin_id) return Party::kConsumer;
  return Invalid("not-service-party", "twin " + std::to_string(loaded.signer_twin) + " is not a party of " +
                                          Id(loaded.contract.id));
}

// The signer must be the contract's service: "not-service".
Status RequireService(const Loaded& loaded) {
  if (loaded.signer_twin == loaded.contract.service_twin_id) return Status::Ok();
  return Invalid("not-service", "twin " + std::to_string(loaded.signer_twin) + " is not the service (twin " +
                                    std::to_string(loaded.contract.service_twin_id) + ") of " +
                                    Id(loaded.contract.id));
}

Status CheckMetadata(const std::string& metadata, std::string_view what) {
  if (metadata.size() <= chain::kMaxServiceMetadata) return Status::Ok();
  return Invalid("metadata-too-long", std::string(what) + " has " + std::to_string(metadata.size()) +
                                          " bytes, at most " + std::to_string(chain::kMaxServiceMetadata) +
                                          " allowed");
}

bool ApprovedByBoth(const ServiceContractRecord& c) { return c.accepted_by_service && c.accepted_by_consumer; }

// The account of an existing party twin (a missing one is "state-corrupt": twins are
// never deleted).
Result<AccountId> AccountOfTwin(const StateReader& state, TwinId id) {
  TF_ASSIGN_OR_RETURN(std::optional<TwinRecord> twin, DirectoryState::GetTwin(state, id));
  if (!twin) return Status::Corruption("state-corrupt", "service contract names missing twin " + std::to_string(id));
  return twin->account;
}

// floor(fee_musd · window_ms / 1 h); never above fee_musd since window_ms <= 1 h.
uint64_t Prorate(uint64_t fee_musd, uint64_t window_ms) {
  return static_cast<uint64_t>(static_cast<unsigned __int128>(fee_musd) * window_ms / kServiceBillWindowCapMs);
}

void Delete(StateOverlay& state, ServiceContractId id, chain::DeleteReason reason,
            std::vector<chain::Event>* events) {
  MarketState::DeleteServiceContract(state, id);
  events->push_back(chain::ServiceContractDeletedEvent{id, reason});
}

}  // namespace

bool ServiceContractReady(const ServiceContractRecord& contract) {
  return !contract.metadata.empty() && contract.base_fee_musd > 0;
}

Status ServiceContracts::Create(StateOverlay& state, uint64_t /*height*/, uint64_t time_ms, const AccountId& signer,
                                const chain::ServiceCreateCall& call, std::vector<chain::Event>* events) const {
  TF_ASSIGN_OR_RETURN(std::optional<TwinId> signer_twin, DirectoryState::GetTwinIdByAccount(state, signer));
  if (!signer_twin) return Invalid("no-twin", chain::ToSs58(signer) + " has no twin");
  if (call.service_twin_id == call.consumer_twin_id) {
    return Invalid("same-twin", "twin " + std::to_string(call.service_twin_id) + " cannot be its own service");
  }
  if (*signer_twin != call.service_twin_id && *signer_twin != call.consumer_twin_id) {
    return Invalid("not-service-party",
                   "twin " + std::to_string(*signer_twin) + " is neither the service nor the consumer");
  }
  for (TwinId id : {call.service_twin_id, call.consumer_twin_id}) {
    TF_ASSIGN_OR_RETURN(std::optional<TwinRecord> twin, DirectoryState::GetTwin(state, id));
    if (!twin) return Invalid("no-twin", "no twin " + std::to_string(id));
  }
  TF_ASSIGN_OR_RETURN(MarketCounters counters, MarketState::GetCounters(state));
  if (counters.next_service_id == 0 || counters.next_service_id == std::numeric_limits<ServiceContractId>::max()) {
    return Invalid("id-space-exhausted", "no service contract ids left");
  }
  ServiceContractRecord contract;
  contract.id = counters.next_service_id++;
  contract.service_twin_id = call.service_twin_id;
  contract.consumer_twin_id = call.consumer_twin_id;
  contract.created_ms = time_ms;
  MarketState::PutServiceContract(state, contract);
  MarketState::PutCounters(state, counters);
  events->push_back(chain::ServiceContractCreatedEvent{contract.id, call.service_twin_id, call.consumer_twin_id});
  return Status::Ok();
}

Status ServiceContracts::SetMetadata(StateOverlay& state, uint64_t /*height*/, uint64_t /*time_ms*/,
                                     const AccountId& signer, const chain::ServiceSetMetadataCall& call,
                                     std::vector<chain::Event>* events) const {
  TF_ASSIGN_OR_RETURN(Loaded loaded, Load(state, signer, call.id));
  TF_RETURN_IF_ERROR(RequireService(loaded));
  TF_RETURN_IF_ERROR(CheckMetadata(call.metadata, "metadata"));
  ServiceContractRecord& c = loaded.contract;
  c.metadata = call.metadata;
  c.accepted_by_service = false;
  c.accepted_by_consumer = false;
  MarketState::PutServiceContract(state, c);
  events->push_back(chain::ServiceContractUpdatedEvent{c.id});
  return Status::Ok();
}

Status ServiceContracts::SetFees(StateOverlay& state, uint64_t /*height*/, uint64_t /*time_ms*/,
                                 const AccountId& signer, const chain::ServiceSetFeesCall& call,
                                 std::vector<chain::Event>* events) const {
  TF_ASSIGN_OR_RETURN(Loaded loaded, Load(state, signer, call.id));
  TF_RETURN_IF_ERROR(RequireService(loaded));
  ServiceContractRecord& c = loaded.contract;
  c.base_fee_musd = call.base_fee_musd;
  c.variable_fee_musd = call.variable_fee_musd;
  c.accepted_by_service = false;
  c.accepted_by_consumer = false;
  MarketState::PutServiceContract(state, c);
  events->push_back(chain::ServiceContractUpdatedEvent{c.id});
  return Status::Ok();
}

Status ServiceContracts::Approve(StateOverlay& state, uint64_t /*height*/, uint64_t time_ms,
                                 const AccountId& signer, const chain::ServiceApproveCall& call,
                                 std::vector<chain::Event>* events) const {
  TF_ASSIGN_OR_RETURN(Loaded loaded, Load(state, signer, call.id));
  TF_ASSIGN_OR_RETURN(Party party, PartyOf(loaded));
  ServiceContractRecord& c = loaded.contract;
  if (!ServiceContractReady(c)) {
    return Invalid("service-contract-not-ready",
                   Id(c.id) + " needs metadata and a non-zero base fee before it can be approved");
  }
  bool& accepted = party == Party::kService ? c.accepted_by_service : c.accepted_by_consumer;
  if (accepted) {
    return Invalid("service-contract-already-approved",
                   std::string(party == Party::kService ? "the service" : "the consumer") + " already approved " +
                       Id(c.id));
  }
  accepted = true;
  if (ApprovedByBoth(c)) {
    c.last_bill_ms = time_ms;
    events->push_back(chain::ServiceContractApprovedEvent{c.id});
  } else {
    events->push_back(chain::ServiceContractUpdatedEvent{c.id});
  }
  MarketState::PutServiceContract(state, c);
  return Status::Ok();
}

Status ServiceContracts::Reject(StateOverlay& state, uint64_t /*height*/, uint64_t /*time_ms*/,
                                const AccountId& signer, const chain::ServiceRejectCall& call,
                                std::vector<chain::Event>* events) const {
  TF_ASSIGN_OR_RETURN(Loaded loaded, Load(state, signer, call.id));
  TF_RETURN_IF_ERROR(PartyOf(loaded).status());
  if (ApprovedByBoth(loaded.contract)) {
    return Invalid("service-contract-approved",
                   Id(call.id) + " is approved by both parties; cancel it instead of rejecting");
  }
  Delete(state, call.id, chain::DeleteReason::kCanceled, events);
  return Status::Ok();
}

Status ServiceContracts::Cancel(StateOverlay& state, uint64_t /*height*/, uint64_t /*time_ms*/,
                                const AccountId& signer, const chain::ServiceCancelCall& call,
                                std::vector<chain::Event>* events) const {
  TF_ASSIGN_OR_RETURN(Loaded loaded, Load(state, signer, call.id));
  TF_RETURN_IF_ERROR(PartyOf(loaded).status());
  Delete(state, call.id, chain::DeleteReason::kCanceled, events);
  return Status::Ok();
}

Status ServiceContracts::Bill(StateOverlay& state, uint64_t /*height*/, uint64_t time_ms, const AccountId& signer,
                              const chain::ServiceBillCall& call, std::vector<chain::Event>* events) const {
  TF_ASSIGN_OR_RETURN(Loaded loaded, Load(state, signer, call.id));
  TF_RETURN_IF_ERROR(RequireService(loaded));
  ServiceContractRecord& c = loaded.contract;
  if (!ApprovedByBoth(c)) return Invalid("service-contract-not-approved", Id(c.id) + " is not approved by both");
  TF_RETURN_IF_ERROR(CheckMetadata(call.metadata, "the bill's metadata"));
  const uint64_t elapsed = time_ms > c.last_bill_ms ? time_ms - c.last_bill_ms : 0;
  const uint64_t window_ms = std::min(elapsed, kServiceBillWindowCapMs);
  const uint64_t variable_cap = Prorate(c.variable_fee_musd, window_ms);
  if (call.variable_amount_musd > variable_cap) {
    return Invalid("variable-amount-too-high", "variable amount " + std::to_string(call.variable_amount_musd) +
                                                   " mUSD exceeds " + std::to_string(variable_cap) + " mUSD for a " +
                                                   std::to_string(window_ms) + " ms window");
  }
  const uint64_t base_musd = Prorate(c.base_fee_musd, window_ms);
  // base <= base_fee and variable <= variable_fee: the sum saturates only for absurd fees.
  const uint64_t total_musd = base_musd > UINT64_MAX - call.variable_amount_musd
                                  ? UINT64_MAX
                                  : base_musd + call.variable_amount_musd;
  TF_ASSIGN_OR_RETURN(chain::GridParams grid, PolicyState::GetGridParams(state));
  const uint64_t amount = MusdToUnits(total_musd, grid.tft_price_musd);
  TF_ASSIGN_OR_RETURN(AccountId from, AccountOfTwin(state, c.consumer_twin_id));
  TF_ASSIGN_OR_RETURN(AccountId to, AccountOfTwin(state, c.service_twin_id));
  TF_ASSIGN_OR_RETURN(chain::AccountData payer, Balances::GetAccount(state, from));
  if (payer.free < amount) {
    Delete(state, c.id, chain::DeleteReason::kOutOfFunds, events);
    return Status::Ok();
  }
  TF_RETURN_IF_ERROR(Balances::Transfer(state, from, to, amount, nullptr));
  c.last_bill_ms = time_ms;
  MarketState::PutServiceContract(state, c);
  events->push_back(
      chain::ServiceContractBilledEvent{c.id, window_ms, base_musd, call.variable_amount_musd, amount, from, to});
  return Status::Ok();
}

}  // namespace tfchain::contracts
