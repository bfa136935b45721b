// The billing hook: worked bills (resources -> CU/SU -> micro USD -> TFT -> discount ->
// split), downtime, network units, grace enter / recover / expire, rent grace, ack
// deadlines, solution providers, name and rent contracts, queries.
#include <gtest/gtest.h>

#include "contracts/market_pricing.h"
#include "tests/unit/contracts/market_test_util.h"

namespace tfchain::contracts::testing {
namespace {

constexpr uint64_t kHour = kMarketHourMs;
// Small() + 1 IP at the default policy and P = 80 mUSD: 0.0225 + 0.004 USD per hour.
constexpr uint64_t kCusuHourly = 225'000'000'000;  // micro (10^-13 USD)
constexpr uint64_t kIpHourly = 40'000'000'000;
constexpr uint64_t kHourUnits = 3'312'500;  // (2.25e11 + 4e10) / (1000 · 80)
constexpr uint64_t kIpHourUnits = 500'000;  // 4e10 / 80,000

class MarketBilling : public MarketTest {
 protected:
  MarketBilling() {
    farm_ = MakeFarm(1, /*ips=*/2);
    node_ = MakeNode(1, farm_);
    t0_ = time_;
  }
  uint64_t IpMsCredited(NodeId node) {
    const NodeUptime uptime = FarmingState::GetNodeUptime(state_, node).value().value();
    uint64_t sum = 0;
    for (const PeriodUptime& p : uptime.periods) sum += p.ip_ms;
    return sum;
  }
  void Drain(uint32_t user) {
    const uint64_t free = Free(UserAccount(user));
    Must([&](StateOverlay& s) { return Balances::Transfer(s, UserAccount(user), UserAccount(9999), free, nullptr); });
  }
  FarmId farm_ = 0;
  NodeId node_ = 0;
  uint64_t t0_ = 0;
};

TEST_F(MarketBilling, WorkedExampleOneHour) {
  const TwinId twin = MakeUser(1, 100 * kTft);  // 100 TFT covers < 1.5 months: no discount
  const ContractId id = Deploy(1, 1, NodeCall(node_, Small(), 1, 1));
  KeepUp(1, t0_, t0_ + kHour);
  const uint64_t issuance = Issuance();
  const AccountId pool = chain::StakingPoolAccount(), foundation = chain::FoundationAccount();
  const uint64_t farmer0 = Free(FarmerAccount(1)), pool0 = Free(pool), foundation0 = Free(foundation);

  const auto bills = Bills(BillAt(id, t0_ + kHour));
  ASSERT_EQ(bills.size(), 1u);
  const chain::ContractBill& b = bills[0];
  EXPECT_EQ(b.contract_id, id);
  EXPECT_EQ(b.twin_id, twin);
  EXPECT_EQ(b.from_ms, t0_);
  EXPECT_EQ(b.to_ms, t0_ + kHour);
  EXPECT_EQ(b.up_ms, kHour);
  EXPECT_EQ(b.public_ips, 1u);
  EXPECT_EQ(b.cusu_micro, kCusuHourly);
  EXPECT_EQ(b.ip_micro, kIpHourly);
  EXPECT_EQ(b.nu_micro, 0u);
  EXPECT_EQ(b.discount_percent, 0);
  EXPECT_EQ(b.tft_price_musd, 80u);
  EXPECT_EQ(b.amount, kHourUnits);
  EXPECT_EQ(b.paid, kHourUnits);
  EXPECT_EQ(b.overdue, 0u);
  EXPECT_EQ(b.farmer, FarmerAccount(1));
  EXPECT_EQ(b.to_farmer, 1'656'250u);
  EXPECT_EQ(b.to_staking_pool, 331'250u);
  EXPECT_EQ(b.to_foundation, 1'325'000u);
  EXPECT_EQ(b.burned, 0u);
  EXPECT_EQ(b.state_after, ContractState::kCreated);
  EXPECT_FALSE(b.final);
  ExpectSplitSums(b);

  EXPECT_EQ(Free(UserAccount(1)), 100 * kTft - kHourUnits);
  EXPECT_EQ(Free(FarmerAccount(1)), farmer0 + 1'656'250);
  EXPECT_EQ(Free(pool), pool0 + 331'250);
  EXPECT_EQ(Free(foundation), foundation0 + 1'325'000);
  EXPECT_EQ(Issuance(), issuance);
  const ContractRecord c = Contract(id);
  EXPECT_EQ(c.billed_until_ms, t0_ + kHour);
  EXPECT_EQ(c.billed_up_ms, kHour);
  EXPECT_EQ(c.total_paid, kHourUnits);
  EXPECT_EQ(IpMsCredited(node_), kHour);  // public-IP time credited to farming

  // The same period is never billed twice: a second hook at the same time bills nothing.
  EXPECT_TRUE(Bills(BillAt(id, t0_ + kHour)).empty());
  ExpectTwinBillingConsistent(twin);
}

TEST_F(MarketBilling, DiscountFromMonthsOfCover) {
  MakeUser(1, 1000 * kTft);  // 1e10 units / (2.65e11 · 720 / 80,000 = 2.385e9 per month) = 4.19 months
  const ContractId id = Deploy(1, 1, NodeCall(node_, Small(), 1, 1));
  KeepUp(1, t0_, t0_ + kHour);
  const auto bills = Bills(BillAt(id, t0_ + kHour));
  ASSERT_EQ(bills.size(), 1u);
  EXPECT_EQ(bills[0].discount_percent, 30);
  EXPECT_EQ(bills[0].amount, 2'318'750u);  // floor(2.65e11 · 0.7) / 80,000
  ExpectSplitSums(bills[0]);
}

TEST_F(MarketBilling, NotBilledForDowntime) {
  MakeUser(1, 100 * kTft);
  const ContractId id = Deploy(1, 1, NodeCall(node_, Small(), 1, 1));
  // Down for the whole hour (no uptime reports): only the IP is charged.
  auto bills = Bills(BillAt(id, t0_ + kHour));
  ASSERT_EQ(bills.size(), 1u);
  EXPECT_EQ(bills[0].up_ms, 0u);
  EXPECT_EQ(bills[0].cusu_micro, 0u);
  EXPECT_EQ(bills[0].ip_micro, kIpHourly);
  EXPECT_EQ(bills[0].amount, kIpHourUnits);
  // Up for half of the next hour.
  Report(1, t0_ + kHour);
  KeepUp(1, t0_ + kHour, t0_ + kHour + kHour / 2);
  bills = Bills(BillAt(id, t0_ + 2 * kHour));
  ASSERT_EQ(bills.size(), 1u);
  EXPECT_EQ(bills[0].up_ms, kHour / 2);
  EXPECT_EQ(bills[0].cusu_micro, kCusuHourly / 2);
  EXPECT_EQ(bills[0].amount, (kCusuHourly / 2 + kIpHourly) / 80'000);
}

TEST_F(MarketBilling, NetworkUnits) {
  MakeUser(1, 100 * kTft);
  const ContractId id = Deploy(1, 1, NodeCall(node_, Small(), 0, 1));
  Ok(NodeAccountOf(1), chain::ContractReportNetworkCall{id, 2 * kGiB, 3600});
  const auto bills = Bills(BillAt(id, t0_ + kHour));
  ASSERT_EQ(bills.size(), 1u);
  EXPECT_EQ(bills[0].nu_bytes, 2 * kGiB);
  EXPECT_EQ(bills[0].nu_micro, 30'000'000'000u);  // 2 GB × 15,000 price units
  EXPECT_EQ(Contract(id).unbilled_nu_bytes, 0u);
}

TEST_F(MarketBilling, GraceEnterRecover) {
  const TwinId twin = MakeUser(3, 1'000'000);
  const ContractId id = Deploy(3, 1, NodeCall(node_, Small(), 1, 1));
  KeepUp(1, t0_, t0_ + 2 * kHour);

  auto events = BillAt(id, t0_ + kHour);
  auto bills = Bills(events);
  ASSERT_EQ(bills.size(), 1u);
  EXPECT_EQ(bills[0].amount, kHourUnits);
  EXPECT_EQ(bills[0].paid, 0u);
  EXPECT_EQ(bills[0].overdue, kHourUnits);
  EXPECT_EQ(bills[0].state_after, ContractState::kGrace);
  EXPECT_EQ(EventsOf<chain::ContractGraceStartedEvent>(events),
            (std::vector<chain::ContractGraceStartedEvent>{{id, t0_ + kHour}}));
  EXPECT_EQ(Contract(id).state, ContractState::kGrace);
  EXPECT_EQ(Contract(id).grace_since_ms, t0_ + kHour);
  EXPECT_EQ(Free(UserAccount(3)), 1'000'000u);  // nothing taken

  // In grace: cancelling is fee-free, updating is refused.
  const chain::Call cancel = chain::ContractCancelCall{id};
  EXPECT_TRUE(market_.IsFeeFree(state_, UserAccount(3), cancel).value());
  EXPECT_TRUE(market_.CheckFeeFree(state_, UserAccount(3), cancel, time_).ok());
  EXPECT_FALSE(market_.IsFeeFree(state_, UserAccount(1), cancel).value());  // not the owner
  Fails(UserAccount(3), chain::ContractUpdateNodeCall{id, Small(), HashOf(1), {}}, "contract-in-grace");

  // Only the IP is charged in grace; still unpaid.
  bills = Bills(BillAt(id, t0_ + 2 * kHour));
  ASSERT_EQ(bills.size(), 1u);
  EXPECT_EQ(bills[0].cusu_micro, 0u);
  EXPECT_EQ(bills[0].amount, kIpHourUnits);
  EXPECT_EQ(bills[0].overdue, kHourUnits + kIpHourUnits);

  // Top-up: the next bill pays everything overdue and ends the grace period.
  Fund(UserAccount(3), 10 * kTft);
  events = BillAt(id, t0_ + 2 * kHour + kHour / 2);
  bills = Bills(events);
  ASSERT_EQ(bills.size(), 1u);
  EXPECT_EQ(bills[0].paid, kHourUnits + kIpHourUnits + kIpHourUnits / 2);
  EXPECT_EQ(bills[0].overdue, 0u);
  EXPECT_EQ(bills[0].state_after, ContractState::kCreated);
  ExpectSplitSums(bills[0]);
  EXPECT_EQ(EventsOf<chain::ContractGraceEndedEvent>(events), (std::vector<chain::ContractGraceEndedEvent>{{id}}));
  EXPECT_EQ(Contract(id).state, ContractState::kCreated);
  EXPECT_EQ(Contract(id).overdue, 0u);
  EXPECT_FALSE(market_.IsFeeFree(state_, UserAccount(3), cancel).value());
  ExpectTwinBillingConsistent(twin);
}

TEST_F(MarketBilling, GraceExpiryFreesCapacityAndIps) {
  const TwinId twin = MakeUser(4, 0);
  const ContractId id = Deploy(4, 1, NodeCall(node_, Small(), 1, 1));
  KeepUp(1, t0_, t0_ + 3 * kHour);
  const uint64_t issuance = Issuance();
  BillAt(id, t0_ + kHour);  // grace since t0 + 1 h
  BillAt(id, t0_ + 2 * kHour);
  EXPECT_EQ(Contract(id).state, ContractState::kGrace);
  const auto events = BillAt(id, t0_ + kHour + kGraceMs);  // the grace period is over
  const auto bills = Bills(events);
  ASSERT_EQ(bills.size(), 1u);
  EXPECT_TRUE(bills[0].final);
  EXPECT_EQ(bills[0].state_after, ContractState::kDeleted);
  EXPECT_EQ(bills[0].paid, 0u);
  EXPECT_EQ(bills[0].overdue, kHourUnits + 2 * kIpHourUnits);  // written off
  EXPECT_EQ(EventsOf<chain::ContractDeletedEvent>(events),
            (std::vector<chain::ContractDeletedEvent>{{id, DeleteReason::kOutOfFunds}}));
  EXPECT_EQ(Contract(id).state, ContractState::kDeleted);
  EXPECT_EQ(Contract(id).reason, DeleteReason::kOutOfFunds);
  EXPECT_EQ(Node(node_).reserved, chain::Resources{});
  EXPECT_EQ(Farm(farm_).public_ips[0].contract_id, 0u);
  EXPECT_EQ(Billing(twin), TwinBilling{});
  EXPECT_EQ(Issuance(), issuance);
}

TEST_F(MarketBilling, CancelInGracePaysWhatTheBalanceAllows) {
  MakeUser(5, 1'000'000);
  const ContractId id = Deploy(5, 1, NodeCall(node_, Small(), 1, 1));
  KeepUp(1, t0_, t0_ + kHour);
  BillAt(id, t0_ + kHour);
  ASSERT_EQ(Contract(id).state, ContractState::kGrace);
  time_ = t0_ + kHour + kHour / 2;
  const auto events = Ok(UserAccount(5), chain::ContractCancelCall{id});
  const auto bills = Bills(events);
  ASSERT_EQ(bills.size(), 1u);
  EXPECT_TRUE(bills[0].final);
  EXPECT_EQ(bills[0].amount, kIpHourUnits / 2);
  EXPECT_EQ(bills[0].paid, 1'000'000u);
  EXPECT_EQ(bills[0].overdue, kHourUnits + kIpHourUnits / 2 - 1'000'000);
  ExpectSplitSums(bills[0]);
  EXPECT_EQ(Free(UserAccount(5)), 0u);
  EXPECT_EQ(Contract(id).reason, DeleteReason::kCanceled);
}

TEST_F(MarketBilling, UnacknowledgedContractIsDeletedUncharged) {
  MakeUser(1, 100 * kTft);
  const ContractId pending = CreatedId(Ok(UserAccount(1), NodeCall(node_, Small(), 1, 1)));
  const ContractId acked = Deploy(1, 1, NodeCall(node_, Small(), 0, 2));
  KeepUp(1, t0_, t0_ + kHour);
  const uint64_t before = Free(UserAccount(1));
  auto events = EndBlockAt(pending - pending % kPeriod + kPeriod + pending % kPeriod, t0_ + kHour / 2);
  EXPECT_TRUE(Bills(events).empty());  // pending contracts are not billed
  events = EndBlockAt(1 + kAckDeadline, t0_ + kHour);
  EXPECT_EQ(EventsOf<chain::ContractDeletedEvent>(events),
            (std::vector<chain::ContractDeletedEvent>{{pending, DeleteReason::kNotAcknowledged}}));
  EXPECT_EQ(Contract(pending).reason, DeleteReason::kNotAcknowledged);
  EXPECT_EQ(Contract(pending).total_paid, 0u);
  EXPECT_TRUE(Contract(acked).live());
  EXPECT_EQ(Free(UserAccount(1)), before);
  EXPECT_EQ(Node(node_).reserved, Small());  // only the acknowledged one
  EXPECT_EQ(Farm(farm_).public_ips[0].contract_id, 0u);
  EXPECT_EQ(MarketState::GetAckDeadlines(state_, 1 + kAckDeadline).value(), std::vector<ContractId>{});
}

TEST_F(MarketBilling, FirstBillAfterAckCoversSinceCreation) {
  MakeUser(1, 100 * kTft);
  const ContractId id = CreatedId(Ok(UserAccount(1), NodeCall(node_, Small(), 1, 1)));
  KeepUp(1, t0_, t0_ + kHour);
  time_ = t0_ + kHour / 2;
  Ok(NodeAccountOf(1), chain::ContractAckCall{id, true, ""});
  const auto bills = Bills(BillAt(id, t0_ + kHour));
  ASSERT_EQ(bills.size(), 1u);
  EXPECT_EQ(bills[0].from_ms, t0_);
  EXPECT_EQ(bills[0].amount, kHourUnits);
}

TEST_F(MarketBilling, SolutionProviderTake) {
  MakeUser(1, 100 * kTft);
  const uint32_t sp = MakeProvider({{UserAccount(50), 10}}, true);
  auto call = NodeCall(node_, Small(), 1, 1);
  call.solution_provider_id = sp;
  const ContractId id = Deploy(1, 1, call);
  KeepUp(1, t0_, t0_ + kHour);
  const auto bills = Bills(BillAt(id, t0_ + kHour));
  ASSERT_EQ(bills.size(), 1u);
  EXPECT_EQ(bills[0].to_providers, (std::vector<chain::ProviderPayment>{{UserAccount(50), 331'250}}));
  EXPECT_EQ(bills[0].to_foundation, 1'325'000u - 331'250u);
  EXPECT_EQ(Free(UserAccount(50)), 331'250u);
  ExpectSplitSums(bills[0]);
}

TEST_F(MarketBilling, NameContractHasNoFarmer) {
  MakeUser(1, 100 * kTft);
  const ContractId id = CreatedId(Ok(UserAccount(1), chain::ContractCreateNameCall{"alice"}));
  const auto bills = Bills(BillAt(id, t0_ + kHour));
  ASSERT_EQ(bills.size(), 1u);
  EXPECT_EQ(bills[0].name_micro, 2'500'000'000u);
  EXPECT_EQ(bills[0].discount_percent, 60);  // 100 TFT cover 44 months of 0.00025 USD/h
  EXPECT_EQ(bills[0].amount, 12'500u);         // 2.5e9 · 40% / 80,000
  EXPECT_EQ(bills[0].farmer, AccountId{});
  EXPECT_EQ(bills[0].to_farmer, 0u);  // the farmer's half goes to the foundation
  EXPECT_EQ(bills[0].to_staking_pool, 1'250u);
  EXPECT_EQ(bills[0].to_foundation, 11'250u);
}

class MarketRent : public MarketBilling {
 protected:
  MarketRent() {
    dfarm_ = MakeFarm(2, /*ips=*/1, /*dedicated=*/true);
    dnode_ = MakeNode(2, dfarm_);
    Ok(FarmerAccount(2), chain::NodeSetExtraFeeCall{dnode_, 10'000});  // 10 USD per month
  }
  FarmId dfarm_ = 0;
  NodeId dnode_ = 0;
};

TEST_F(MarketRent, RentBilledWholeNodeAtDedicatedDiscountPlusExtraFee) {
  const TwinId twin = MakeUser(1, 100 * kTft);
  const ContractId rent = CreatedId(Ok(UserAccount(1), chain::ContractCreateRentCall{dnode_, std::nullopt}));
  const ContractId vm = Deploy(1, 2, NodeCall(dnode_, Small(), 1, 1));
  KeepUp(2, t0_, t0_ + kHour);
  CostInputs in;
  in.resources = NodeCapacity();
  in.dedicated_discount_percent = 50;
  in.extra_fee_musd_per_month = 10'000;
  const HourlyCost hourly = HourlyCostOf(in, chain::DefaultPricingPolicies()[0]);
  EXPECT_EQ(Contract(rent).hourly_micro, TotalMicro(hourly));

  auto bills = Bills(BillAt(rent, t0_ + kHour));
  ASSERT_EQ(bills.size(), 1u);
  EXPECT_EQ(bills[0].cusu_micro, hourly.cusu_micro);
  EXPECT_EQ(bills[0].extra_micro, 138'888'888'888u);  // 10,000 mUSD · 10^10 / 720
  const uint64_t extra_units = 138'888'888'888u / 80'000;
  EXPECT_EQ(bills[0].to_farmer, (bills[0].amount - extra_units) / 2 + extra_units);
  ExpectSplitSums(bills[0]);

  // The renter's node contract pays only its IP.
  bills = Bills(BillAt(vm, t0_ + kHour));
  ASSERT_EQ(bills.size(), 1u);
  EXPECT_EQ(bills[0].cusu_micro, 0u);
  EXPECT_EQ(bills[0].ip_micro, kIpHourly);
  ExpectTwinBillingConsistent(twin);
}

TEST_F(MarketRent, RentGracePutsNodeContractsInGrace) {
  const TwinId twin = MakeUser(6, 100 * kTft);
  const ContractId rent = CreatedId(Ok(UserAccount(6), chain::ContractCreateRentCall{dnode_, std::nullopt}));
  const ContractId vm = Deploy(6, 2, NodeCall(dnode_, Small(), 1, 1));
  ASSERT_NE(rent % kPeriod, vm % kPeriod);
  KeepUp(2, t0_, t0_ + 3 * kHour);
  Drain(6);
  auto events = BillAt(rent, t0_ + kHour);
  EXPECT_EQ(EventsOf<chain::ContractGraceStartedEvent>(events),
            (std::vector<chain::ContractGraceStartedEvent>{{rent, t0_ + kHour}, {vm, t0_ + kHour}}));
  EXPECT_EQ(Contract(vm).state, ContractState::kGrace);

  // The node contract pays its own (IP) bill but stays in grace while the rent is.
  Fund(UserAccount(6), 10 * kTft);
  events = BillAt(vm, t0_ + kHour + kHour / 4);
  ASSERT_EQ(Bills(events).size(), 1u);
  EXPECT_EQ(Bills(events)[0].overdue, 0u);
  EXPECT_EQ(Contract(vm).state, ContractState::kGrace);

  // The rent pays: both leave grace.
  events = BillAt(rent, t0_ + kHour + kHour / 2);
  EXPECT_EQ(EventsOf<chain::ContractGraceEndedEvent>(events),
            (std::vector<chain::ContractGraceEndedEvent>{{rent}, {vm}}));
  EXPECT_EQ(Contract(rent).state, ContractState::kCreated);
  EXPECT_EQ(Contract(vm).state, ContractState::kCreated);
  ExpectTwinBillingConsistent(twin);
}

TEST_F(MarketRent, RentExpiryDeletesItsNodeContracts) {
  const TwinId twin = MakeUser(7, 0);
  const ContractId rent = CreatedId(Ok(UserAccount(7), chain::ContractCreateRentCall{dnode_, std::nullopt}));
  const ContractId vm = Deploy(7, 2, NodeCall(dnode_, Small(), 1, 1));
  KeepUp(2, t0_, t0_ + 4 * kHour);
  BillAt(rent, t0_ + kHour);
  const auto events = BillAt(rent, t0_ + kHour + kGraceMs);
  const auto deleted = EventsOf<chain::ContractDeletedEvent>(events);
  EXPECT_EQ(deleted, (std::vector<chain::ContractDeletedEvent>{{vm, DeleteReason::kOutOfFunds},
                                                                {rent, DeleteReason::kOutOfFunds}}));
  EXPECT_EQ(Node(dnode_).reserved, chain::Resources{});
  EXPECT_EQ(Farm(dfarm_).public_ips[0].contract_id, 0u);
  EXPECT_TRUE(MarketState::GetNodeContracts(state_, dnode_).value().empty());
  EXPECT_EQ(Billing(twin), TwinBilling{});
}

TEST_F(MarketBilling, BurnShareReducesIssuance) {
  chain::Genesis g = MakeGenesis();
  g.billing.foundation_percent = 30;
  g.billing.burn_percent = 10;
  const Marketplace burning(g, farming_);
  MakeUser(1, 100 * kTft);
  const ContractId id = Deploy(1, 1, NodeCall(node_, Small(), 1, 1));
  KeepUp(1, t0_, t0_ + kHour);
  const uint64_t issuance = Issuance();
  std::vector<Event> events;
  uint64_t h = height_ + 1;
  while (h % kPeriod != id % kPeriod) ++h;
  Must([&](StateOverlay& s) { return burning.EndBlock(s, h, t0_ + kHour, &events); });
  const auto bills = Bills(events);
  ASSERT_EQ(bills.size(), 1u);
  EXPECT_EQ(bills[0].burned, 331'250u);
  ExpectSplitSums(bills[0]);
  EXPECT_EQ(Issuance(), issuance - 331'250);
}

TEST_F(MarketBilling, EstimateCostAndFundedUntil) {
  CostRequest req;
  req.node_id = node_;
  req.resources = Small();
  req.public_ips = 1;
  CostEstimate est = market_.EstimateCost(state_, req, time_).value();
  EXPECT_EQ(est, (CostEstimate{265'000'000'000, kHourUnits, 720 * kHourUnits, 0, 80}));
  const TwinId rich = MakeUser(8, 1'000'000 * kTft);
  req.twin = rich;
  est = market_.EstimateCost(state_, req, time_).value();
  EXPECT_EQ(est.discount_percent, 60);
  EXPECT_EQ(est.per_hour, 1'325'000u);  // 40% of 3,312,500
  req.twin = 999;
  EXPECT_EQ(market_.EstimateCost(state_, req, time_).status().reason(), "no-twin");
  req.twin.reset();
  req.node_id = 99;
  EXPECT_EQ(market_.EstimateCost(state_, req, time_).status().reason(), "no-node");
  CostRequest name;
  name.kind = ContractKind::kName;
  EXPECT_EQ(market_.EstimateCost(state_, name, time_).value().hourly_micro, 2'500'000'000u);

  const TwinId twin = MakeUser(1, 100 * kTft);
  FundedUntil f = market_.GetFundedUntil(state_, twin, time_).value();
  EXPECT_EQ(f.funded_until_ms, std::nullopt);  // nothing costs
  Deploy(1, 1, NodeCall(node_, Small(), 1, 1));
  f = market_.GetFundedUntil(state_, twin, time_).value();
  EXPECT_EQ(f.balance, 100 * kTft);
  EXPECT_EQ(f.hourly_micro, 265'000'000'000u);
  EXPECT_EQ(f.per_hour, kHourUnits);
  // 1e9 units · 80,000 micro per unit / 2.65e11 per hour = 301.886... h.
  EXPECT_EQ(f.funded_until_ms, time_ + 1'086'792'452);
  EXPECT_EQ(market_.GetFundedUntil(state_, 999, time_).status().reason(), "no-twin");
}

}  // namespace
}  // namespace tfchain::contracts::testing
