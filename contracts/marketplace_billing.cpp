// Marketplace billing: one contract's bill (cost, discount, payment split, grace
// transitions) and the block hook that bills a bucket and enforces ack deadlines.
// Rules in marketplace.h and docs/marketplace.md.
#include <algorithm>

#include "contracts/balances.h"
#include "contracts/marketplace.h"
#include "contracts/marketplace_internal.h"

namespace tfchain::contracts {
namespace market_internal {
namespace {

// Node contracts of `node`'s renter (all the live node contracts on a rented node).
Result<std::vector<ContractId>> NodeContractsOf(const StateReader& state, NodeId node) {
  TF_ASSIGN_OR_RETURN(NodeContracts on_node, MarketState::GetNodeContracts(state, node));
  return std::move(on_node.node_contracts);
}

// A rent contract entered grace at `now_ms`: the node contracts on its node follow.
Status GraceNodeContracts(StateOverlay& state, const ContractRecord& rent, uint64_t now_ms,
                          std::vector<chain::Event>* events) {
  TF_ASSIGN_OR_RETURN(std::vector<ContractId> ids, NodeContractsOf(state, rent.node_id));
  for (ContractId id : ids) {
    TF_ASSIGN_OR_RETURN(std::optional<ContractRecord> c, MarketState::GetContract(state, id));
    if (!c || c->state != ContractState::kCreated) continue;
    c->state = ContractState::kGrace;
    c->grace_since_ms = now_ms;
    MarketState::PutContract(state, *c);
    events->push_back(chain::ContractGraceStartedEvent{c->id, now_ms});
  }
  return Status::Ok();
}

// A rent contract left grace: the node contracts on its node without overdue of their
// own follow.
Status RestoreNodeContracts(StateOverlay& state, const ContractRecord& rent, std::vector<chain::Event>* events) {
  TF_ASSIGN_OR_RETURN(std::vector<ContractId> ids, NodeContractsOf(state, rent.node_id));
  for (ContractId id : ids) {
    TF_ASSIGN_OR_RETURN(std::optional<ContractRecord> c, MarketState::GetContract(state, id));
    if (!c || c->state != ContractState::kGrace || c->overdue != 0) continue;
    c->state = ContractState::kCreated;
    c->grace_since_ms = 0;
    MarketState::PutContract(state, *c);
    events->push_back(chain::ContractGraceEndedEvent{c->id});
  }
  return Status::Ok();
}

// Whether node contract `c` may leave grace: not while its node's rent is in grace.
Result<bool> MayLeaveGrace(const StateReader& state, const ContractRecord& c, const NodeInfo* node) {
  if (c.kind != ContractKind::kNode || node == nullptr || node->rent_contract_id == 0) return true;
  TF_ASSIGN_OR_RETURN(std::optional<ContractRecord> rent, MarketState::GetContract(state, node->rent_contract_id));
  return !rent || rent->state != ContractState::kGrace;
}

Status Pay(StateOverlay& state, const AccountId& from, const AccountId& to, uint64_t amount) {
  if (amount == 0) return Status::Ok();
  return Balances::Transfer(state, from, to, amount, nullptr);
}

uint64_t UpMs(const ContractRecord& c, const NodeInfo* node, uint64_t now_ms, uint64_t elapsed_ms) {
  if (node == nullptr || c.kind == ContractKind::kName) return 0;
  uint64_t up_total = node->total_uptime_ms - std::min(node->total_uptime_ms, c.uptime_base_ms);
  up_total = std::min(up_total, now_ms - std::min(now_ms, c.created_ms));
  return std::min(up_total - std::min(up_total, c.billed_up_ms), elapsed_ms);
}

}  // namespace

Status BillContract(StateOverlay& state, BillingContext& ctx, const Farming& farming, ContractRecord* c,
                    uint64_t now_ms, BillMode mode, std::vector<chain::Event>* events) {
  TF_ASSIGN_OR_RETURN(const chain::GridParams* grid, ctx.Grid());
  const uint64_t price = grid->tft_price_musd;
  const NodeInfo* node = nullptr;
  if (c->kind != ContractKind::kName) {
    TF_ASSIGN_OR_RETURN(node, ctx.Node(c->node_id));
  }
  Pricing pricing;
  if (c->kind == ContractKind::kName || node != nullptr) {
    TF_ASSIGN_OR_RETURN(pricing, PricingOf(ctx, *c, node));
  } else {
    // The node is gone (the directory refuses that while contracts live): no cost.
    TF_ASSIGN_OR_RETURN(pricing.policy, ctx.Policy(1));
  }
  const bool grace = c->state == ContractState::kGrace;
  const uint64_t from_ms = c->billed_until_ms;
  const uint64_t elapsed_ms = now_ms - std::min(now_ms, from_ms);
  const uint64_t up_ms = UpMs(*c, node, now_ms, elapsed_ms);
  const IntervalCost cost = CostOver(pricing.hourly, *pricing.policy, elapsed_ms, up_ms, c->unbilled_nu_bytes, grace);

  TF_ASSIGN_OR_RETURN(AccountId payer, ctx.TwinAccount(c->twin_id));
  TF_ASSIGN_OR_RETURN(AccountData account, Balances::GetAccount(state, payer));
  TF_ASSIGN_OR_RETURN(TwinBilling twin_billing, MarketState::GetTwinBilling(state, c->twin_id));
  const uint8_t discount = DiscountPercent(account.free, twin_billing.hourly_micro, price);
  const Charge charge = ChargeOf(cost, discount, price);
  const uint64_t due = SaturatingAdd(charge.amount, c->overdue);
  const bool full = account.free >= due;
  if (!full && mode == BillMode::kMustPay) {
    return Invalid("insufficient-funds", "the bill of contract " + std::to_string(c->id) + " up to now is " +
                                             std::to_string(due) + " units, the free balance " +
                                             std::to_string(account.free));
  }
  uint64_t paid = 0;
  if (full) {
    paid = due;
  } else if (mode == BillMode::kFinal) {
    paid = account.free;  // the rest is written off
  }
  // A payment covers the current interval first, so its extra fee goes to the farmer
  // once the interval is paid.
  const uint64_t extra = paid >= charge.amount ? charge.extra_amount : 0;
  const bool has_farmer = node != nullptr;
  TF_ASSIGN_OR_RETURN(const std::vector<chain::SolutionProviderShare>* shares, ctx.Providers(c->solution_provider_id));
  Split split = SplitPayment(paid, extra, ctx.params(), *shares, has_farmer);

  const AccountId farmer = has_farmer ? node->farmer : AccountId{};
  TF_RETURN_IF_ERROR(Pay(state, payer, farmer, split.farmer));
  TF_RETURN_IF_ERROR(Pay(state, payer, chain::StakingPoolAccount(), split.staking_pool));
  TF_RETURN_IF_ERROR(Pay(state, payer, pricing.policy->foundation_account, split.foundation));
  for (const chain::ProviderPayment& p : split.providers) TF_RETURN_IF_ERROR(Pay(state, payer, p.account, p.amount));
  if (split.burned > 0) TF_RETURN_IF_ERROR(Balances::Burn(state, payer, split.burned));
  if (node != nullptr && c->kind == ContractKind::kNode && !c->ips.empty() && elapsed_ms > 0) {
    TF_RETURN_IF_ERROR(farming.CreditPublicIpTime(state, c->node_id, from_ms, now_ms, c->ips.size()));
  }

  chain::ContractBill bill;
  bill.contract_id = c->id;
  bill.twin_id = c->twin_id;
  bill.kind = c->kind;
  bill.from_ms = from_ms;
  bill.to_ms = std::max(now_ms, from_ms);
  bill.up_ms = up_ms;
  bill.public_ips = pricing.inputs.public_ips;
  bill.nu_bytes = c->unbilled_nu_bytes;
  bill.cusu_micro = cost.cusu_micro;
  bill.ip_micro = cost.ip_micro;
  bill.nu_micro = cost.nu_micro;
  bill.name_micro = cost.name_micro;
  bill.extra_micro = cost.extra_micro;
  bill.discount_percent = discount;
  bill.tft_price_musd = price;
  bill.amount = charge.amount;
  bill.paid = paid;
  bill.overdue = due - paid;
  bill.farmer = farmer;
  bill.to_farmer = split.farmer;
  bill.to_staking_pool = split.staking_pool;
  bill.to_foundation = split.foundation;
  bill.burned = split.burned;
  bill.to_providers = std::move(split.providers);

  const uint64_t hourly = TotalMicro(pricing.hourly);
  TF_RETURN_IF_ERROR(AdjustTwinBilling(state, c->twin_id, c->hourly_micro, hourly, 0));
  c->hourly_micro = hourly;
  c->billed_until_ms = bill.to_ms;
  c->billed_up_ms = SaturatingAdd(c->billed_up_ms, up_ms);
  c->unbilled_nu_bytes = 0;
  c->overdue = mode == BillMode::kFinal ? 0 : due - paid;
  c->total_paid = SaturatingAdd(c->total_paid, paid);
  c->updated_ms = now_ms;

  if (mode == BillMode::kFinal) {
    bill.state_after = ContractState::kDeleted;
    bill.final = true;
    events->push_back(chain::ContractBilledEvent{std::move(bill)});
    return Status::Ok();
  }
  std::vector<chain::Event> follow_ups;
  if (full && grace) {
    TF_ASSIGN_OR_RETURN(bool may_leave, MayLeaveGrace(state, *c, node));
    if (may_leave) {
      c->state = ContractState::kCreated;
      c->grace_since_ms = 0;
      follow_ups.push_back(chain::ContractGraceEndedEvent{c->id});
      if (c->kind == ContractKind::kRent) TF_RETURN_IF_ERROR(RestoreNodeContracts(state, *c, &follow_ups));
    }
  } else if (!full && !grace) {
    c->state = ContractState::kGrace;
    c->grace_since_ms = now_ms;
    follow_ups.push_back(chain::ContractGraceStartedEvent{c->id, now_ms});
    if (c->kind == ContractKind::kRent) TF_RETURN_IF_ERROR(GraceNodeContracts(state, *c, now_ms, &follow_ups));
  }
  bill.state_after = c->state;
  events->push_back(chain::ContractBilledEvent{std::move(bill)});
  for (chain::Event& e : follow_ups) events->push_back(std::move(e));
  return Status::Ok();
}

Status FinalBillAndDelete(StateOverlay& state, BillingContext& ctx, const Farming& farming, ContractRecord* c,
                          DeleteReason reason, uint64_t now_ms, std::vector<chain::Event>* events) {
  const bool never_billed = c->kind == ContractKind::kNode && c->ack != AckState::kOk;
  if (!never_billed) TF_RETURN_IF_ERROR(BillContract(state, ctx, farming, c, now_ms, BillMode::kFinal, events));
  return DeleteContract(state, ctx, c, reason, now_ms, events);
}

}  // namespace market_internal

using market_internal::BillingContext;
using market_internal::BillMode;

Status Marketplace::EndBlock(StateOverlay& state, uint64_t height, uint64_t time_ms,
                             std::vector<chain::Event>* events) const {
  BillingContext ctx(state, billing_);
  const uint64_t bucket = height % billing_.billing_period_blocks;
  TF_ASSIGN_OR_RETURN(std::vector<ContractId> ids, MarketState::GetBucket(state, bucket));
  for (ContractId id : ids) {
    TF_ASSIGN_OR_RETURN(std::optional<ContractRecord> c, MarketState::GetContract(state, id));
    if (!c || !c->live()) continue;                                             // deleted earlier in this hook
    if (c->kind == ContractKind::kNode && c->ack != AckState::kOk) continue;  // billed once acknowledged
    const market_internal::NodeInfo* node = nullptr;
    if (c->kind != ContractKind::kName) {
      TF_ASSIGN_OR_RETURN(node, ctx.Node(c->node_id));
      if (node == nullptr) {  // the node is gone: end the contract, charging what is overdue
        TF_RETURN_IF_ERROR(market_internal::FinalBillAndDelete(state, ctx, farming_, &*c, DeleteReason::kCanceled,
                                                               time_ms, events));
        continue;
      }
    }
    const bool expired = c->state == ContractState::kGrace &&
                         time_ms >= market_internal::SaturatingAdd(c->grace_since_ms, billing_.grace_period_ms);
    if (expired) {
      if (c->kind == ContractKind::kRent) {  // its node contracts go with it
        TF_ASSIGN_OR_RETURN(NodeContracts on_node, MarketState::GetNodeContracts(state, c->node_id));
        for (ContractId nid : on_node.node_contracts) {
          TF_ASSIGN_OR_RETURN(std::optional<ContractRecord> nc, MarketState::GetContract(state, nid));
          if (!nc || !nc->live()) continue;
          TF_RETURN_IF_ERROR(market_internal::FinalBillAndDelete(state, ctx, farming_, &*nc,
                                                                 DeleteReason::kOutOfFunds, time_ms, events));
        }
      }
      TF_RETURN_IF_ERROR(market_internal::FinalBillAndDelete(state, ctx, farming_, &*c, DeleteReason::kOutOfFunds,
                                                             time_ms, events));
      continue;
    }
    if (time_ms <= c->billed_until_ms) continue;  // nothing elapsed
    TF_RETURN_IF_ERROR(market_internal::BillContract(state, ctx, farming_, &*c, time_ms, BillMode::kRegular, events));
    MarketState::PutContract(state, *c);
  }

  TF_ASSIGN_OR_RETURN(std::vector<ContractId> deadlines, MarketState::GetAckDeadlines(state, height));
  for (ContractId id : deadlines) {
    TF_ASSIGN_OR_RETURN(std::optional<ContractRecord> c, MarketState::GetContract(state, id));
    if (!c || !c->live() || c->ack != AckState::kPending) continue;
    TF_RETURN_IF_ERROR(
        market_internal::DeleteContract(state, ctx, &*c, DeleteReason::kNotAcknowledged, time_ms, events));
  }
  if (!deadlines.empty()) MarketState::PutAckDeadlines(state, height, {});
  return Status::Ok();
}

}  // namespace tfchain::contracts
