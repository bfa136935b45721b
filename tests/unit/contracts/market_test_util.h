#pragma once

// A fixture for marketplace tests: Directory, Farming and Marketplace over an
// in-memory state from a Genesis with the default pricing policy (TF Chain main-net
// prices), short billing parameters and a 10-minute uptime interval. Helpers build a
// grid (twins, farms with public IPs, nodes kept up by uptime reports), fund accounts,
// run marketplace calls as a block would (on an overlay, committed only on success)
// and run the billing hook at a contract's bucket height.

#include <gtest/gtest.h>

#include <functional>
#include <map>
#include <string>
#include <type_traits>
#include <vector>

#include "chain/genesis.h"
#include "chain/market_calls.h"
#include "chain/market_events.h"
#include "contracts/balances.h"
#include "contracts/directory.h"
#include "contracts/directory_state.h"
#include "contracts/directory_validation.h"
#include "contracts/farming.h"
#include "contracts/farming_state.h"
#include "contracts/market_state.h"
#include "contracts/marketplace.h"
#include "contracts/policy_state.h"
#include "contracts/solution_provider_state.h"
#include "tests/support/map_state.h"

namespace tfchain::contracts::testing {

using chain::AccountId;
using chain::Event;

inline constexpr uint64_t kMarketHourMs = 3'600'000;
inline constexpr uint64_t kMarketGenesisMs = 1'767'225'600'000;  // 2026-01-01T00:00:00Z
inline constexpr uint64_t kTft = chain::kUnitsPerTft;

// A synthetic account (the runtime trusts its signer argument): kind 0x70 users,
// 0x7F farmers, 0x7D nodes.
inline AccountId MarketAccount(uint32_t n, uint8_t kind) {
  AccountId a;
  a.bytes[0] = kind;
  a.bytes[1] = 0x55;
  for (int i = 0; i < 4; ++i) a.bytes[2 + i] = static_cast<uint8_t>(n >> (8 * i));
  return a;
}
inline AccountId UserAccount(uint32_t n) { return MarketAccount(n, 0x70); }
inline AccountId FarmerAccount(uint32_t n) { return MarketAccount(n, 0x7F); }
inline AccountId NodeAccountOf(uint32_t n) { return MarketAccount(n, 0x7D); }

// 4 cores, 8 GiB, 100 GiB SSD: CU 2, SU 0.5 (the worked example).
inline chain::Resources Small() { return {4, 8 * kGiB, 100 * kGiB, 0}; }
// A node's capacity: 16 cores, 64 GiB, 1 TiB SSD, 4 TiB HDD.
inline chain::Resources NodeCapacity() { return {16, 64 * kGiB, 1024 * kGiB, 4096 * kGiB}; }

inline chain::Hash256 HashOf(uint8_t n) {
  chain::Hash256 h;
  h.bytes.fill(n);
  return h;
}

inline chain::ContractCreateNodeCall NodeCall(NodeId node, chain::Resources r, uint32_t ips, uint8_t hash) {
  chain::ContractCreateNodeCall c;
  c.node_id = node;
  c.resources = r;
  c.public_ips = ips;
  c.deployment_hash = HashOf(hash);
  c.deployment_data = {'d', 'a', 't', 'a'};
  return c;
}

class MarketTest : public ::testing::Test {
 protected:
  static constexpr uint64_t kPeriod = 10;               // billing_period_blocks
  static constexpr uint64_t kGraceMs = 2 * kMarketHourMs;
  static constexpr uint64_t kAckDeadline = 30;
  static constexpr uint64_t kIntervalMs = 600'000;      // uptime interval

  static chain::Genesis MakeGenesis() {
    chain::Genesis g;
    g.chain_id = "market-test";
    g.genesis_time_ms = kMarketGenesisMs;
    g.grid.uptime_interval_ms = kIntervalMs;
    g.billing.billing_period_blocks = kPeriod;
    g.billing.grace_period_ms = kGraceMs;
    g.billing.ack_deadline_blocks = kAckDeadline;
    g.billing.max_contracts_per_node = 4;
    return g;
  }

  MarketTest() : genesis_(MakeGenesis()), farming_(kMarketGenesisMs), market_(genesis_, farming_) {
    Must([&](StateOverlay& s) { return directory_.InitGenesis(s, genesis_, nullptr); });
  }

  // Runs `step` on an overlay, committing on success.
  void Must(const std::function<Status(StateOverlay&)>& step) {
    StateOverlay overlay(state_);
    const Status s = step(overlay);
    ASSERT_TRUE(s.ok()) << s.ToString();
    state_.Apply(overlay);
  }

  // Runs marketplace call `call` by `signer` at height_/time_; commits on success.
  template <typename C>
  Status Run(const AccountId& signer, const C& call) {
    StateOverlay overlay(state_);
    last_events_.clear();
    const Status s = Dispatch(overlay, signer, call, &last_events_);
    if (s.ok()) {
      state_.Apply(overlay);
    } else {
      last_writes_ = overlay.writes().size();
    }
    return s;
  }
  template <typename C>
  std::vector<Event> Ok(const AccountId& signer, const C& call) {
    const Status s = Run(signer, call);
    EXPECT_TRUE(s.ok()) << C::kName << ": " << s.ToString();
    return last_events_;
  }
  // Expects `reason`, no write (even to the overlay) and no event.
  template <typename C>
  void Fails(const AccountId& signer, const C& call, std::string_view reason) {
    const std::map<std::string, chain::Bytes> before = state_.data();
    const Status s = Run(signer, call);
    EXPECT_FALSE(s.ok()) << C::kName << " succeeded, expected " << reason;
    EXPECT_EQ(s.reason(), reason) << s.ToString();
    EXPECT_EQ(s.code(), Status::Code::kInvalidArgument) << s.ToString();
    EXPECT_EQ(last_writes_, 0u) << C::kName << " wrote state before failing";
    EXPECT_TRUE(last_events_.empty());
    EXPECT_EQ(state_.data(), before);
  }

  // Grid building.
  TwinId MakeTwin(const AccountId& account) {
    Must([&](StateOverlay& s) {
      return directory_.TwinCreate(s, height_, time_, account, {"relay.grid.tf", {1, 2, 3}}, &scratch_);
    });
    return *DirectoryState::GetTwinIdByAccount(state_, account).value();
  }
  // Farm "farm<n>" of FarmerAccount(n) with `ips` public IPs 185.69.<n>.<10+i>/24.
  FarmId MakeFarm(uint32_t n, size_t ips = 0, bool dedicated = false) {
    const AccountId owner = FarmerAccount(n);
    MakeTwin(owner);
    const std::string name = "farm" + std::to_string(n);
    Must([&](StateOverlay& s) { return directory_.FarmCreate(s, height_, time_, owner, {name, 1}, &scratch_); });
    const FarmId id = *DirectoryState::GetFarmIdByName(state_, name).value();
    for (size_t i = 0; i < ips; ++i) {
      const std::string net = "185.69." + std::to_string(n) + ".";
      Must([&](StateOverlay& s) {
        return directory_.FarmAddIp(s, height_, time_, owner, {id, net + std::to_string(10 + i) + "/24", net + "1"},
                                    &scratch_);
      });
    }
    if (dedicated) {
      Must([&](StateOverlay& s) { return directory_.FarmSetDedicated(s, height_, time_, owner, {id, true}, &scratch_); });
    }
    return id;
  }
  // Node NodeAccountOf(n) in `farm`, reported up once at time_.
  NodeId MakeNode(uint32_t n, FarmId farm, chain::Resources resources = NodeCapacity()) {
    const AccountId account = NodeAccountOf(n);
    MakeTwin(account);
    chain::NodeCreateCall call;
    call.farm_id = farm;
    call.resources = resources;
    call.location = {"Ghent", "Belgium", 51'054'300, 3'717'400};
    call.agent_endpoint = "http://10.0.0.1:8080";
    Must([&](StateOverlay& s) { return directory_.NodeCreate(s, height_, time_, account, call, &scratch_); });
    const NodeId id = *DirectoryState::GetNodeIdByAccount(state_, account).value();
    Report(n, time_);
    return id;
  }
  // Node n reports uptime at `t` (claims it has been up since long before).
  void Report(uint32_t n, uint64_t t) {
    Must([&](StateOverlay& s) {
      return farming_.ReportUptime(s, height_, t, NodeAccountOf(n), chain::NodeReportUptimeCall{100'000'000}, &scratch_);
    });
  }
  // Node n reports every uptime interval in (from, to] (the last report exactly at `to`).
  void KeepUp(uint32_t n, uint64_t from, uint64_t to) {
    for (uint64_t t = from + kIntervalMs; t < to; t += kIntervalMs) Report(n, t);
    if (to > from) Report(n, to);
  }
  void Fund(const AccountId& who, uint64_t amount) {
    Must([&](StateOverlay& s) { return Balances::Mint(s, who, amount); });
  }
  // A user with a twin and `balance` TFT units.
  TwinId MakeUser(uint32_t n, uint64_t balance) {
    const TwinId twin = MakeTwin(UserAccount(n));
    if (balance > 0) Fund(UserAccount(n), balance);
    return twin;
  }
  uint32_t MakeProvider(const std::vector<chain::SolutionProviderShare>& shares, bool approved) {
    const uint32_t id = SolutionProviderState::NextId(state_).value();
    Must([&](StateOverlay& s) {
      SolutionProvider p;
      p.id = id;
      p.creator = UserAccount(999);
      p.description = "provider";
      p.providers = shares;
      p.approved = approved;
      SolutionProviderState::Put(s, p);
      SolutionProviderState::PutNextId(s, id + 1);
      return Status::Ok();
    });
    return id;
  }

  // The contract id of the last ContractCreated event of `events`.
  static ContractId CreatedId(const std::vector<Event>& events) {
    for (auto it = events.rbegin(); it != events.rend(); ++it) {
      if (const auto* e = std::get_if<chain::ContractCreatedEvent>(&*it)) return e->contract_id;
    }
    ADD_FAILURE() << "no ContractCreated event";
    return 0;
  }
  // Creates a node contract by UserAccount(user) and acknowledges it (node n).
  ContractId Deploy(uint32_t user, uint32_t node_n, const chain::ContractCreateNodeCall& call, bool ack = true) {
    const ContractId id = CreatedId(Ok(UserAccount(user), call));
    if (ack) Ok(NodeAccountOf(node_n), chain::ContractAckCall{id, true, "deployed"});
    return id;
  }

  // The billing hook at block `height`, time `t`; returns its events.
  std::vector<Event> EndBlockAt(uint64_t height, uint64_t t) {
    std::vector<Event> events;
    Must([&](StateOverlay& s) { return market_.EndBlock(s, height, t, &events); });
    height_ = height;
    time_ = t;
    return events;
  }
  // The billing hook at the first height > height_ of contract `id`'s bucket.
  std::vector<Event> BillAt(ContractId id, uint64_t t) {
    uint64_t h = height_ + 1;
    while (h % kPeriod != id % kPeriod) ++h;
    return EndBlockAt(h, t);
  }

  ContractRecord Contract(ContractId id) { return MarketState::GetContract(state_, id).value().value(); }
  NodeRecord Node(NodeId id) { return DirectoryState::GetNode(state_, id).value().value(); }
  FarmRecord Farm(FarmId id) { return DirectoryState::GetFarm(state_, id).value().value(); }
  TwinBilling Billing(TwinId twin) { return MarketState::GetTwinBilling(state_, twin).value(); }
  uint64_t Free(const AccountId& who) { return Balances::GetAccount(state_, who).value().free; }
  uint64_t Issuance() { return Balances::TotalIssuance(state_).value(); }

  template <typename E>
  static std::vector<E> EventsOf(const std::vector<Event>& events) {
    std::vector<E> out;
    for (const Event& e : events) {
      if (const E* x = std::get_if<E>(&e)) out.push_back(*x);
    }
    return out;
  }
  static std::vector<chain::ContractBill> Bills(const std::vector<Event>& events) {
    std::vector<chain::ContractBill> out;
    for (const auto& e : EventsOf<chain::ContractBilledEvent>(events)) out.push_back(e.bill);
    return out;
  }
  // paid == farmer + pool + foundation + burned + providers.
  static void ExpectSplitSums(const chain::ContractBill& b) {
    uint64_t sum = b.to_farmer + b.to_staking_pool + b.to_foundation + b.burned;
    for (const auto& p : b.to_providers) sum += p.amount;
    EXPECT_EQ(sum, b.paid) << "bill of contract " << b.contract_id;
  }
  // TwinBilling of `twin` equals the sum over its live contracts (ids 1..next-1).
  void ExpectTwinBillingConsistent(TwinId twin) {
    const ContractId next = MarketState::GetCounters(state_).value().next_contract_id;
    TwinBilling sum;
    for (ContractId id = 1; id < next; ++id) {
      const ContractRecord c = Contract(id);
      if (c.twin_id != twin || !c.live()) continue;
      sum.hourly_micro += c.hourly_micro;
      ++sum.live_contracts;
    }
    EXPECT_EQ(Billing(twin), sum);
  }

  chain::Genesis genesis_;
  tfchain::testing::MapState state_;
  Directory directory_;
  Farming farming_;
  Marketplace market_;
  uint64_t height_ = 1;
  uint64_t time_ = kMarketGenesisMs + kMarketHourMs;
  std::vector<Event> last_events_;
  std::vector<Event> scratch_;
  size_t last_writes_ = 0;

 private:
  template <typename C>
  Status Dispatch(StateOverlay& s, const AccountId& a, const C& c, std::vector<Event>* ev) {
    const uint64_t h = height_, t = time_;
    const Marketplace& m = market_;
    if constexpr (std::is_same_v<C, chain::ContractCreateNodeCall>) {
      return m.CreateNode(s, h, t, a, c, ev);
    } else if constexpr (std::is_same_v<C, chain::ContractUpdateNodeCall>) {
      return m.UpdateNode(s, h, t, a, c, ev);
    } else if constexpr (std::is_same_v<C, chain::ContractCancelCall>) {
      return m.Cancel(s, h, t, a, c, ev);
    } else if constexpr (std::is_same_v<C, chain::ContractCreateNameCall>) {
      return m.CreateName(s, h, t, a, c, ev);
    } else if constexpr (std::is_same_v<C, chain::ContractCreateRentCall>) {
      return m.CreateRent(s, h, t, a, c, ev);
    } else if constexpr (std::is_same_v<C, chain::ContractAckCall>) {
      return m.Ack(s, h, t, a, c, ev);
    } else if constexpr (std::is_same_v<C, chain::ContractReportResourcesCall>) {
      return m.ReportResources(s, h, t, a, c, ev);
    } else if constexpr (std::is_same_v<C, chain::ContractReportNetworkCall>) {
      return m.ReportNetwork(s, h, t, a, c, ev);
    } else {
      static_assert(std::is_same_v<C, chain::NodeSetExtraFeeCall>, "not a marketplace call");
      return m.SetNodeExtraFee(s, h, t, a, c, ev);
    }
  }
};

}  // namespace tfchain::contracts::testing
