// Marketplace invariants over random histories (contracts/marketplace.h,
// docs/billing.md). A small grid — a shared farm with three nodes and three public
// IPs, a dedicated farm with one node that charges an extra fee — and three users
// with random balances run random sequences of: node contract create / update /
// cancel, rent and name contracts, acknowledgements (ok, failed or never), network
// reports, top-ups (transfers from a bank account), node downtime (the node stops its
// uptime reports) and blocks (uptime reports of the nodes that are up, then
// Marketplace::EndBlock). After every step:
//  - total issuance never changes (burn_percent is 0; top-ups are transfers);
//  - every node's reserved capacity equals the sum of its live node contracts'
//    resources and never exceeds its total; every farm IP in use is held by the live
//    node contract it names, and live contracts hold exactly the IPs marked theirs;
//  - no period is billed twice: each contract's bills are contiguous intervals
//    starting at its creation, ending at its billed_until_ms; nothing is billed after
//    a final bill; each bill's up_ms fits its interval, and the CU/SU time charged
//    never exceeds the node's uptime credited since the contract was created;
//  - every bill's paid == farmer + staking pool + foundation + burned + providers;
//  - TwinBilling equals the sum over the twin's live contracts;
//  - no contract stays in grace longer than the grace period plus one billing period.
// Finally every user is topped up, the nodes come up and blocks run for two billing
// periods past the ack deadline: every contract is then Deleted or Created and paid
// up (overdue 0, acknowledged).
#include <gtest/gtest.h>
#include <rapidcheck.h>
#include <rapidcheck/gtest.h>

#include <functional>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "chain/genesis.h"
#include "chain/market_calls.h"
#include "chain/market_events.h"
#include "contracts/balances.h"
#include "contracts/directory.h"
#include "contracts/directory_state.h"
#include "contracts/farming.h"
#include "contracts/farming_state.h"
#include "contracts/market_state.h"
#include "contracts/marketplace.h"
#include "tests/support/map_state.h"

namespace tfchain::contracts {
namespace {

using chain::Event;
using tfchain::testing::MapState;

constexpr uint64_t kGiB = uint64_t{1} << 30;
constexpr uint64_t kGenesisMs = 1'767'225'600'000;
constexpr uint64_t kBlockMs = 1000;
constexpr uint64_t kIntervalMs = 2000;  // uptime interval: a node is down after 2 missed reports
constexpr uint32_t kUsers = 3;
constexpr uint32_t kNodes = 4;  // nodes 1..3 in the shared farm, node 4 in the dedicated farm

AccountId Account(uint32_t n, uint8_t kind) {
  AccountId a;
  a.bytes[0] = kind;
  a.bytes[1] = 0x99;
  for (int i = 0; i < 4; ++i) a.bytes[2 + i] = static_cast<uint8_t>(n >> (8 * i));
  return a;
}
AccountId UserAccount(uint32_t n) { return Account(n, 0x61); }
AccountId FarmerAccount(uint32_t n) { return Account(n, 0x62); }
AccountId NodeAccount(uint32_t n) { return Account(n, 0x63); }
AccountId BankAccount() { return Account(0, 0x64); }

chain::Resources NodeCapacity() { return {8, 16 * kGiB, 256 * kGiB, 1024 * kGiB}; }

bool Fits(const chain::Resources& used, const chain::Resources& total) {
  return used.cru <= total.cru && used.mru <= total.mru && used.sru <= total.sru && used.hru <= total.hru;
}

chain::Resources Plus(const chain::Resources& a, const chain::Resources& b) {
  return {a.cru + b.cru, a.mru + b.mru, a.sru + b.sru, a.hru + b.hru};
}

// What the test knows of a contract from the events.
struct Track {
  uint64_t billed_to_ms = 0;  // end of the last bill (creation time before the first)
  uint64_t up_ms = 0;         // sum of the bills' up_ms
  uint64_t overdue = 0;       // after the last bill
  bool final_billed = false;
};

class MarketWorld {
 public:
  explicit MarketWorld(const chain::BillingParams& billing)
      : genesis_(MakeGenesis(billing)), farming_(kGenesisMs), market_(genesis_, farming_) {
    Must([&](StateOverlay& s) { return directory_.InitGenesis(s, genesis_, nullptr); });
    for (uint32_t f = 1; f <= 2; ++f) {
      MakeTwin(FarmerAccount(f));
      const std::string name = "farm" + std::to_string(f);
      Must([&](StateOverlay& s) { return directory_.FarmCreate(s, 1, time_, FarmerAccount(f), {name, 1}, &scratch_); });
      farms_.push_back(*DirectoryState::GetFarmIdByName(state_, name).value());
    }
    for (int i = 0; i < 3; ++i) AddIp(1, "185.69.1." + std::to_string(10 + i));
    AddIp(2, "185.69.2.10");
    Must([&](StateOverlay& s) {
      return directory_.FarmSetDedicated(s, 1, time_, FarmerAccount(2), {farms_[1], true}, &scratch_);
    });
    for (uint32_t n = 1; n <= kNodes; ++n) {
      MakeTwin(NodeAccount(n));
      chain::NodeCreateCall call;
      call.farm_id = n <= 3 ? farms_[0] : farms_[1];
      call.resources = NodeCapacity();
      call.location = {"Ghent", "Belgium", 51'054'300, 3'717'400};
      call.agent_endpoint = "http://10.0.0.1:8080";
      Must([&](StateOverlay& s) { return directory_.NodeCreate(s, 1, time_, NodeAccount(n), call, &scratch_); });
      node_ids_.push_back(*DirectoryState::GetNodeIdByAccount(state_, NodeAccount(n)).value());
      Report(n);
    }
    std::vector<Event> ev;
    Must([&](StateOverlay& s) {
      return market_.SetNodeExtraFee(s, 1, time_, FarmerAccount(2), {node_ids_[3], 10'000}, &ev);
    });
    for (uint32_t u = 1; u <= kUsers; ++u) twins_.push_back(MakeTwin(UserAccount(u)));
    Must([&](StateOverlay& s) { return Balances::Mint(s, BankAccount(), uint64_t{1} << 60); });
  }

  static chain::Genesis MakeGenesis(const chain::BillingParams& billing) {
    chain::Genesis g;
    g.chain_id = "market-property";
    g.genesis_time_ms = kGenesisMs;
    g.grid.uptime_interval_ms = kIntervalMs;
    g.billing = billing;
    return g;
  }

  uint64_t Issuance() const { return Balances::TotalIssuance(state_).value(); }
  uint64_t time() const { return time_; }
  NodeId node_id(uint32_t n) const { return node_ids_[n - 1]; }
  ContractId next_contract_id() const { return MarketState::GetCounters(state_).value().next_contract_id; }
  std::optional<ContractRecord> Contract(ContractId id) const { return MarketState::GetContract(state_, id).value(); }
  // The account of the contract's owner, or `fallback` when there is no such contract.
  AccountId OwnerOf(ContractId id, const AccountId& fallback) const {
    const std::optional<ContractRecord> c = Contract(id);
    if (!c) return fallback;
    return DirectoryState::GetTwin(state_, c->twin_id).value().value().account;
  }
  // The account of the contract's node, or `fallback` for none.
  AccountId NodeOf(ContractId id, const AccountId& fallback) const {
    const std::optional<ContractRecord> c = Contract(id);
    if (!c || c->kind == ContractKind::kName) return fallback;
    for (uint32_t k = 1; k <= kNodes; ++k) {
      if (node_id(k) == c->node_id) return NodeAccount(k);
    }
    return fallback;
  }

  void TopUp(uint32_t user, uint64_t amount) {
    Must([&](StateOverlay& s) { return Balances::Transfer(s, BankAccount(), UserAccount(user), amount, nullptr); });
  }
  // Node n stops reporting until `until_ms`.
  void SetDownUntil(uint32_t n, uint64_t until_ms) { down_until_[n] = until_ms; }
  void AllUp() { down_until_.clear(); }

  // Runs a marketplace call on an overlay; commits and checks its events on success.
  Status Call(const std::function<Status(StateOverlay&, std::vector<Event>*)>& call) {
    StateOverlay overlay(state_);
    std::vector<Event> events;
    const Status s = call(overlay, &events);
    if (s.ok()) {
      state_.Apply(overlay);
      Observe(events);
    }
    return s;
  }
  const Marketplace& market() const { return market_; }
  uint64_t height() const { return height_; }

  // One block: the nodes that are up report when due, then the billing hook.
  void Block() {
    ++height_;
    time_ += kBlockMs;
    for (uint32_t n = 1; n <= kNodes; ++n) {
      const auto down = down_until_.find(n);
      if (down != down_until_.end() && time_ < down->second) continue;
      if (time_ - last_report_[n] >= kIntervalMs) Report(n);
    }
    std::vector<Event> events;
    Must([&](StateOverlay& s) { return market_.EndBlock(s, height_, time_, &events); });
    Observe(events);
  }

  // The invariants that hold after every step.
  void CheckInvariants(uint64_t issuance0) const {
    RC_ASSERT(Issuance() == issuance0);
    const chain::BillingParams& billing = genesis_.billing;
    std::map<NodeId, chain::Resources> reserved;
    std::map<TwinId, TwinBilling> twin_billing;
    std::map<std::string, ContractId> held_ips;
    for (ContractId id = 1; id < next_contract_id(); ++id) {
      const ContractRecord c = Contract(id).value();
      const Track& t = tracks_.at(id);
      if (!c.live()) continue;
      RC_ASSERT(!t.final_billed);
      RC_ASSERT(c.billed_until_ms == t.billed_to_ms);
      RC_ASSERT(c.overdue == t.overdue);
      twin_billing[c.twin_id].hourly_micro += c.hourly_micro;
      twin_billing[c.twin_id].live_contracts += 1;
      if (c.state == ContractState::kGrace) {
        RC_ASSERT(time_ - c.grace_since_ms <= billing.grace_period_ms + billing.billing_period_blocks * kBlockMs);
      } else {
        RC_ASSERT(c.overdue == 0u);
      }
      if (c.kind == ContractKind::kNode) {
        reserved[c.node_id] = Plus(reserved[c.node_id], c.resources);
        for (const std::string& ip : c.ips) {
          RC_ASSERT(held_ips.emplace(ip, id).second);  // no IP held twice
        }
        const std::optional<NodeUptime> uptime = FarmingState::GetNodeUptime(state_, c.node_id).value();
        const uint64_t credited = uptime ? uptime->total_uptime_ms - c.uptime_base_ms : 0;
        RC_ASSERT(t.up_ms <= credited);
      }
    }
    for (uint32_t n = 1; n <= kNodes; ++n) {
      const NodeRecord node = DirectoryState::GetNode(state_, node_id(n)).value().value();
      RC_ASSERT(node.reserved == reserved[node.id]);
      RC_ASSERT(Fits(node.reserved, node.resources));
    }
    for (TwinId twin : twins_) {
      RC_ASSERT(MarketState::GetTwinBilling(state_, twin).value() == twin_billing[twin]);
    }
    std::map<std::string, ContractId> marked;
    for (FarmId f : farms_) {
      const FarmRecord farm = DirectoryState::GetFarm(state_, f).value().value();
      for (const FarmIp& ip : farm.public_ips) {
        if (ip.contract_id != 0) marked[ip.ip] = ip.contract_id;
      }
    }
    RC_ASSERT(marked == held_ips);
  }

  // After the final settling: every contract deleted or created and paid up.
  void CheckSettled() const {
    for (ContractId id = 1; id < next_contract_id(); ++id) {
      const ContractRecord c = Contract(id).value();
      if (!c.live()) continue;
      RC_ASSERT(c.state == ContractState::kCreated);
      RC_ASSERT(c.overdue == 0u);
      RC_ASSERT(c.ack == AckState::kOk);
    }
  }

  size_t bills() const { return bills_; }
  size_t graces() const { return graces_; }
  bool deleted_for(DeleteReason r) const { return delete_reasons_.count(r) != 0; }

 private:
  void Must(const std::function<Status(StateOverlay&)>& step) {
    StateOverlay overlay(state_);
    const Status s = step(overlay);
    if (!s.ok()) RC_FAIL("setup step failed: " + s.ToString());
    state_.Apply(overlay);
  }
  TwinId MakeTwin(const AccountId& account) {
    Must([&](StateOverlay& s) {
      return directory_.TwinCreate(s, 1, time_, account, {"relay.grid.tf", {1, 2, 3}}, &scratch_);
    });
    return *DirectoryState::GetTwinIdByAccount(state_, account).value();
  }
  void AddIp(size_t farm, const std::string& ip) {
    const std::string gw = ip.substr(0, ip.rfind('.')) + ".1";
    Must([&](StateOverlay& s) {
      return directory_.FarmAddIp(s, 1, time_, FarmerAccount(static_cast<uint32_t>(farm)),
                                  {farms_[farm - 1], ip + "/24", gw}, &scratch_);
    });
  }
  void Report(uint32_t n) {
    Must([&](StateOverlay& s) {
      return farming_.ReportUptime(s, height_, time_, NodeAccount(n), chain::NodeReportUptimeCall{1'000'000'000},
                                   &scratch_);
    });
    last_report_[n] = time_;
  }

  // Checks and records the bills and creations in `events`.
  void Observe(const std::vector<Event>& events) {
    for (const Event& e : events) {
      if (const auto* created = std::get_if<chain::ContractCreatedEvent>(&e)) {
        RC_ASSERT(tracks_.count(created->contract_id) == 0u);
        tracks_[created->contract_id] = Track{time_, 0, 0, false};
      } else if (const auto* billed = std::get_if<chain::ContractBilledEvent>(&e)) {
        const chain::ContractBill& b = billed->bill;
        ++bills_;
        Track& t = tracks_.at(b.contract_id);
        RC_ASSERT(!t.final_billed);
        RC_ASSERT(b.from_ms == t.billed_to_ms);  // contiguous: never twice, never a gap
        RC_ASSERT(b.to_ms >= b.from_ms);
        RC_ASSERT(b.up_ms <= b.to_ms - b.from_ms);
        uint64_t split = b.to_farmer + b.to_staking_pool + b.to_foundation + b.burned;
        for (const chain::ProviderPayment& p : b.to_providers) split += p.amount;
        RC_ASSERT(split == b.paid);
        RC_ASSERT(b.burned == 0u);
        // What was due (this interval plus the overdue before) is paid or stays overdue
        // (a final bill shows the written-off rest as overdue); a regular bill is paid
        // in full or not at all.
        RC_ASSERT(b.paid + b.overdue == b.amount + t.overdue);
        RC_ASSERT(b.final || b.paid == 0u || b.overdue == 0u);
        t.overdue = b.final ? 0 : b.overdue;
        t.billed_to_ms = b.to_ms;
        t.up_ms += b.up_ms;
        t.final_billed = b.final;
      } else if (std::holds_alternative<chain::ContractGraceStartedEvent>(e)) {
        ++graces_;
      } else if (const auto* deleted = std::get_if<chain::ContractDeletedEvent>(&e)) {
        delete_reasons_.insert(deleted->reason);
      }
    }
  }

  chain::Genesis genesis_;
  MapState state_;
  Directory directory_;
  Farming farming_;
  Marketplace market_;
  uint64_t height_ = 1;
  uint64_t time_ = kGenesisMs + 3'600'000;
  std::vector<FarmId> farms_;
  std::vector<NodeId> node_ids_;
  std::vector<TwinId> twins_;
  std::map<uint32_t, uint64_t> last_report_;
  std::map<uint32_t, uint64_t> down_until_;
  std::map<ContractId, Track> tracks_;
  std::vector<Event> scratch_;
  size_t bills_ = 0;
  size_t graces_ = 0;
  std::set<DeleteReason> delete_reasons_;
};

chain::Resources RandomResources() {
  return {*rc::gen::inRange<uint64_t>(1, 7), *rc::gen::inRange<uint64_t>(1, 9) * kGiB,
          *rc::gen::inRange<uint64_t>(0, 129) * kGiB, *rc::gen::inRange<uint64_t>(0, 3) * 256 * kGiB};
}

// The owner of contract `id` four times in five, else UserAccount(user) (mostly refused).
AccountId MostlyOwner(const MarketWorld& world, ContractId id, uint32_t user) {
  return *rc::gen::inRange(0, 5) != 0 ? world.OwnerOf(id, UserAccount(user)) : UserAccount(user);
}

enum class Op { kCreateNode, kCreateRent, kCreateName, kUpdate, kCancel, kAck, kNetwork, kTopUp, kDown, kBlocks };

RC_GTEST_PROP(MarketProperty, BillingConservesFundsAndCapacityAndNeverBillsTwice, ()) {
  chain::BillingParams billing;
  billing.billing_period_blocks = *rc::gen::element<uint64_t>(1, 3, 5);
  billing.grace_period_ms = *rc::gen::element<uint64_t>(5'000, 20'000);
  billing.ack_deadline_blocks = *rc::gen::element<uint64_t>(2, 6);
  billing.max_contracts_per_node = 4;
  MarketWorld world(billing);
  for (uint32_t u = 1; u <= kUsers; ++u) {
    world.TopUp(u, *rc::gen::element<uint64_t>(0, 2'000, 50'000, 1'000'000, 100'000'000'000));
  }
  const uint64_t issuance0 = world.Issuance();
  // Mostly a live contract matching `want` (if any), else any id up to the next one.
  const auto pick_contract = [&](const std::function<bool(const ContractRecord&)>& want) -> ContractId {
    const ContractId next = world.next_contract_id();
    std::vector<ContractId> wanted;
    for (ContractId id = 1; id < next; ++id) {
      const ContractRecord c = world.Contract(id).value();
      if (c.live() && want(c)) wanted.push_back(id);
    }
    if (!wanted.empty() && *rc::gen::inRange(0, 8) != 0) return *rc::gen::elementOf(wanted);
    return *rc::gen::inRange<ContractId>(1, next + 1);
  };
  const auto any_live = [](const ContractRecord&) { return true; };
  const auto live_node_contract = [](const ContractRecord& c) { return c.kind == ContractKind::kNode; };

  const int steps = *rc::gen::inRange(10, 100);
  for (int step = 0; step < steps; ++step) {
    const Op op = *rc::gen::weightedElement<Op>({{4, Op::kCreateNode}, {1, Op::kCreateRent}, {1, Op::kCreateName},
                                                  {2, Op::kUpdate}, {2, Op::kCancel}, {4, Op::kAck},
                                                  {1, Op::kNetwork}, {2, Op::kTopUp}, {1, Op::kDown},
                                                  {6, Op::kBlocks}});
    const uint32_t user = *rc::gen::inRange<uint32_t>(1, kUsers + 1);
    const uint32_t n = *rc::gen::inRange<uint32_t>(1, kNodes + 1);
    const uint64_t h = world.height(), t = world.time();
    const Marketplace& m = world.market();
    Status s = Status::Ok();
    switch (op) {
      case Op::kCreateNode: {
        chain::ContractCreateNodeCall call;
        call.node_id = world.node_id(n);
        call.resources = RandomResources();
        call.public_ips = *rc::gen::inRange<uint32_t>(0, 3);
        call.deployment_hash.bytes.fill(*rc::gen::inRange<uint8_t>(0, 4));
        call.deployment_data.assign(*rc::gen::weightedElement<size_t>({{8, 16}, {1, 600}}), 'x');
        s = world.Call([&](StateOverlay& o, std::vector<Event>* ev) {
          return m.CreateNode(o, h, t, UserAccount(user), call, ev);
        });
        break;
      }
      case Op::kCreateRent:
        s = world.Call([&](StateOverlay& o, std::vector<Event>* ev) {
          return m.CreateRent(o, h, t, UserAccount(user), {world.node_id(n), std::nullopt}, ev);
        });
        break;
      case Op::kCreateName: {
        const std::string name = *rc::gen::elementOf(std::vector<std::string>{"alpha", "beta", "alpha", "beta", "x"});
        s = world.Call([&](StateOverlay& o, std::vector<Event>* ev) {
          return m.CreateName(o, h, t, UserAccount(user), {name}, ev);
        });
        break;
      }
      case Op::kUpdate: {
        const ContractId id = pick_contract(live_node_contract);
        chain::ContractUpdateNodeCall call;
        call.contract_id = id;
        call.resources = RandomResources();
        call.deployment_hash.bytes.fill(*rc::gen::inRange<uint8_t>(0, 4));
        const AccountId signer = MostlyOwner(world, id, user);
        s = world.Call(
            [&](StateOverlay& o, std::vector<Event>* ev) { return m.UpdateNode(o, h, t, signer, call, ev); });
        break;
      }
      case Op::kCancel: {
        const ContractId id = pick_contract(any_live);
        const AccountId signer = MostlyOwner(world, id, user);
        s = world.Call([&](StateOverlay& o, std::vector<Event>* ev) { return m.Cancel(o, h, t, signer, {id}, ev); });
        break;
      }
      case Op::kAck: {
        const ContractId id = pick_contract([](const ContractRecord& c) { return c.ack == AckState::kPending; });
        const bool ok = *rc::gen::inRange(0, 5) != 0;
        const AccountId signer = world.NodeOf(id, NodeAccount(n));
        s = world.Call([&](StateOverlay& o, std::vector<Event>* ev) {
          return m.Ack(o, h, t, signer, {id, ok, ok ? "ok" : "failed"}, ev);
        });
        break;
      }
      case Op::kNetwork: {
        const ContractId id = pick_contract(live_node_contract);
        const AccountId signer = world.NodeOf(id, NodeAccount(n));
        const uint64_t bytes = *rc::gen::inRange<uint64_t>(0, 4 * kGiB);
        s = world.Call([&](StateOverlay& o, std::vector<Event>* ev) {
          return m.ReportNetwork(o, h, t, signer, {id, bytes, 60}, ev);
        });
        break;
      }
      case Op::kTopUp:
        world.TopUp(user, *rc::gen::element<uint64_t>(1'000, 20'000, 1'000'000));
        break;
      case Op::kDown:
        world.SetDownUntil(n, world.time() + *rc::gen::inRange<uint64_t>(3, 30) * kBlockMs);
        break;
      case Op::kBlocks: {
        const int blocks = *rc::gen::inRange(1, 12);
        for (int b = 0; b < blocks; ++b) {
          world.Block();
          world.CheckInvariants(issuance0);
        }
        break;
      }
    }
    // Refusals are InvalidArgument with a reason; anything else is a bug.
    if (!s.ok()) RC_ASSERT(s.code() == Status::Code::kInvalidArgument);
    world.CheckInvariants(issuance0);
  }

  // Settle: everyone can pay, every node is up, past every ack deadline and two
  // billing periods.
  for (uint32_t u = 1; u <= kUsers; ++u) world.TopUp(u, 10'000'000'000'000);
  world.AllUp();
  const uint64_t settle = billing.ack_deadline_blocks + 2 * billing.billing_period_blocks + 2;
  for (uint64_t b = 0; b < settle; ++b) {
    world.Block();
    world.CheckInvariants(issuance0);
  }
  world.CheckSettled();
  RC_TAG(world.bills() > 0 ? "billed" : "no bill");
  RC_TAG(world.graces() > 0 ? "grace" : "no grace");
  RC_TAG(world.deleted_for(DeleteReason::kOutOfFunds) ? "out-of-funds" : "-");
}

}  // namespace
}  // namespace tfchain::contracts
