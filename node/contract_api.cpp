// Node's NodeApi methods for the capacity marketplace. Lists take their ids from the
// ContractIndex and records from the store, bills from the BillIndex, all on the
// calling RPC worker thread (the index and the store are thread-safe; a record read
// just after a commit may be one block newer than the index that listed it). Cost
// queries run the marketplace's rules on the head state on the event loop.
#include "contracts/market_state.h"
#include "contracts/marketplace.h"
#include "node/bill_index.h"
#include "node/node.h"

namespace tfchain::node {
namespace {

rpc::ContractView ContractViewOf(contracts::ContractRecord r) {
  rpc::ContractView v;
  v.contract_id = r.id;
  v.twin_id = r.twin_id;
  v.kind = r.kind;
  v.state = r.state;
  v.grace_since_ms = r.grace_since_ms;
  v.deleted_reason = r.reason;
  v.node_id = r.node_id;
  v.resources = r.resources;
  v.ips = std::move(r.ips);
  v.deployment_hash = r.deployment_hash;
  v.deployment_data = std::move(r.deployment_data);
  v.solution_provider_id = r.solution_provider_id;
  v.name = std::move(r.name);
  v.ack = r.ack;
  v.ack_message = std::move(r.ack_message);
  v.created_height = r.created_height;
  v.created_ms = r.created_ms;
  v.billed_until_ms = r.billed_until_ms;
  v.overdue = r.overdue;
  v.total_paid = r.total_paid;
  v.hourly_micro = r.hourly_micro;
  v.used = r.used;
  return v;
}

Status NoContract(chain::ContractId id) { return Status::NotFound("no-contract", "no contract " + std::to_string(id)); }

// The marketplace refuses an unknown node or twin as bad input to a call; to a query
// they are "not found", like grid_getNode's.
Status AsQueryError(const Status& s) {
  if (s.code() == Status::Code::kInvalidArgument && (s.reason() == "no-node" || s.reason() == "no-twin")) {
    return Status::NotFound(std::string(s.reason()), std::string(s.detail()));
  }
  return s;
}

}  // namespace

Result<rpc::ContractView> Node::GetContract(chain::ContractId id) {
  const HeadStateReader state(chain_->store());
  TF_ASSIGN_OR_RETURN(std::optional<contracts::ContractRecord> record, contracts::MarketState::GetContract(state, id));
  if (!record) return NoContract(id);
  return ContractViewOf(std::move(*record));
}

Result<rpc::ContractPage> Node::ContractPageOf(const ContractIndex::Page& ids) {
  rpc::ContractPage page;
  page.total = ids.total;
  const HeadStateReader state(chain_->store());
  for (chain::ContractId id : ids.ids) {
    TF_ASSIGN_OR_RETURN(std::optional<contracts::ContractRecord> record,
                        contracts::MarketState::GetContract(state, id));
    if (!record) {
      return Status::Internal("contract-missing", "the index lists contract " + std::to_string(id));
    }
    page.contracts.push_back(ContractViewOf(std::move(*record)));
  }
  return page;
}

Result<rpc::ContractPage> Node::ListContractsByTwin(chain::TwinId twin, bool include_deleted, uint64_t offset,
                                                    uint64_t limit) {
  return ContractPageOf(contracts_->ByTwin(twin, include_deleted, offset, limit));
}

Result<rpc::ContractPage> Node::ListContractsByNode(chain::NodeId node, bool include_deleted, uint64_t offset,
                                                    uint64_t limit) {
  return ContractPageOf(contracts_->ByNode(node, include_deleted, offset, limit));
}

Result<rpc::BillPage> Node::GetContractBills(chain::ContractId id, uint64_t offset, uint64_t limit) {
  const HeadStateReader state(chain_->store());
  TF_ASSIGN_OR_RETURN(std::optional<contracts::ContractRecord> record, contracts::MarketState::GetContract(state, id));
  if (!record) return NoContract(id);
  TF_ASSIGN_OR_RETURN(BillIndex::Page bills, BillIndex::Read(chain_->store().kv(), id, offset, limit));
  rpc::BillPage page;
  page.total = bills.total;
  for (BillIndex::Entry& e : bills.entries) page.bills.push_back(rpc::BillView{e.height, std::move(e.bill)});
  return page;
}

Result<rpc::CostView> Node::EstimateContractCost(const rpc::CostQuery& query) {
  return OnLoop([this, &query]() -> Result<rpc::CostView> {
    contracts::CostRequest request;
    request.kind = query.kind;
    request.node_id = query.node_id;
    request.resources = query.resources;
    request.public_ips = query.public_ips;
    request.twin = query.twin;
    auto cost = chain_->runtime().marketplace().EstimateCost(chain_->head_state(), request, chain_->head().time_ms);
    if (!cost.ok()) return AsQueryError(cost.status());
    return rpc::CostView{cost->hourly_micro, cost->per_hour, cost->per_month, cost->discount_percent,
                         cost->tft_price_musd};
  });
}

Result<rpc::FundedUntilView> Node::GetFundedUntil(chain::TwinId twin) {
  return OnLoop([this, twin]() -> Result<rpc::FundedUntilView> {
    auto funded = chain_->runtime().marketplace().GetFundedUntil(chain_->head_state(), twin, chain_->head().time_ms);
    if (!funded.ok()) return AsQueryError(funded.status());
    return rpc::FundedUntilView{funded->twin, funded->balance, funded->hourly_micro, funded->per_hour,
                                funded->funded_until_ms};
  });
}

Result<rpc::ServiceContractView> Node::GetServiceContract(chain::ServiceContractId id) {
  const HeadStateReader state(chain_->store());
  TF_ASSIGN_OR_RETURN(std::optional<contracts::ServiceContractRecord> record,
                      contracts::MarketState::GetServiceContract(state, id));
  if (!record) return Status::NotFound("no-service-contract", "no service contract " + std::to_string(id));
  return rpc::ServiceContractView{record->id,
                                  record->service_twin_id,
                                  record->consumer_twin_id,
                                  std::move(record->metadata),
                                  record->base_fee_musd,
                                  record->variable_fee_musd,
                                  record->accepted_by_service,
                                  record->accepted_by_consumer,
                                  record->last_bill_ms,
                                  record->created_ms};
}

}  // namespace tfchain::node
