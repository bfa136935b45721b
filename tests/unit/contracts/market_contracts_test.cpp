// Marketplace calls: node, name and rent contracts, the node-side calls, extra fees
// and fee-free admission. Every error string with the state unchanged.
#include <gtest/gtest.h>

#include "tests/unit/contracts/market_test_util.h"

namespace tfchain::contracts::testing {
namespace {

class MarketContracts : public MarketTest {
 protected:
  MarketContracts() {
    farm_ = MakeFarm(1, /*ips=*/2);
    node_ = MakeNode(1, farm_);
    twin_ = MakeUser(1, 100 * kTft);
  }
  FarmId farm_ = 0;
  NodeId node_ = 0;
  TwinId twin_ = 0;
};

TEST_F(MarketContracts, CreateNodeReservesCapacityAndIps) {
  const auto events = Ok(UserAccount(1), NodeCall(node_, Small(), 1, 1));
  const auto created = EventsOf<chain::ContractCreatedEvent>(events);
  ASSERT_EQ(created.size(), 1u);
  const ContractId id = created[0].contract_id;
  EXPECT_EQ(id, 1u);
  EXPECT_EQ(created[0].twin_id, twin_);
  EXPECT_EQ(created[0].node_id, node_);
  EXPECT_EQ(created[0].ips, std::vector<std::string>{"185.69.1.10/24"});

  const ContractRecord c = Contract(id);
  EXPECT_EQ(c.kind, ContractKind::kNode);
  EXPECT_EQ(c.state, ContractState::kCreated);
  EXPECT_EQ(c.ack, AckState::kPending);
  EXPECT_EQ(c.resources, Small());
  EXPECT_EQ(c.ips, created[0].ips);
  EXPECT_EQ(c.created_ms, time_);
  EXPECT_EQ(c.billed_until_ms, time_);
  EXPECT_EQ(c.hourly_micro, 265'000'000'000u);  // CU 2 × 0.01 + SU 0.5 × 0.005 + 1 IP × 0.004 USD
  EXPECT_EQ(Node(node_).reserved, Small());
  EXPECT_EQ(Farm(farm_).public_ips[0].contract_id, id);
  EXPECT_EQ(Farm(farm_).public_ips[1].contract_id, 0u);
  EXPECT_EQ(MarketState::GetNodeContracts(state_, node_).value().node_contracts, std::vector<ContractId>{id});
  EXPECT_EQ(MarketState::GetBucket(state_, id % kPeriod).value(), std::vector<ContractId>{id});
  EXPECT_EQ(MarketState::GetAckDeadlines(state_, height_ + kAckDeadline).value(), std::vector<ContractId>{id});
  EXPECT_EQ(Billing(twin_), (TwinBilling{265'000'000'000, 1}));
}

TEST_F(MarketContracts, CreateNodeErrors) {
  Fails(UserAccount(77), NodeCall(node_, Small(), 0, 1), "no-twin");
  Fails(UserAccount(1), NodeCall(99, Small(), 0, 1), "no-node");
  auto big_data = NodeCall(node_, Small(), 0, 1);
  big_data.deployment_data.assign(chain::kMaxDeploymentData + 1, 'x');
  Fails(UserAccount(1), big_data, "deployment-data-too-large");
  Fails(UserAccount(1), NodeCall(node_, Small(), chain::kMaxContractPublicIps + 1, 1), "too-many-ips");
  Fails(UserAccount(1), NodeCall(node_, {17, 0, 0, 0}, 0, 1), "node-capacity-exceeded");
  Fails(UserAccount(1), NodeCall(node_, Small(), 3, 1), "no-free-ip");
  Fails(UserAccount(1), [&] {
    auto c = NodeCall(node_, Small(), 0, 1);
    c.solution_provider_id = 5;
    return c;
  }(), "no-solution-provider");
  const uint32_t unapproved = MakeProvider({{UserAccount(50), 10}}, false);
  Fails(UserAccount(1), [&] {
    auto c = NodeCall(node_, Small(), 0, 1);
    c.solution_provider_id = unapproved;
    return c;
  }(), "solution-provider-not-approved");

  Ok(UserAccount(1), NodeCall(node_, Small(), 0, 1));
  Fails(UserAccount(1), NodeCall(node_, Small(), 0, 1), "duplicate-deployment");
  for (uint8_t h = 2; h <= 4; ++h) Ok(UserAccount(1), NodeCall(node_, {1, 0, 0, 0}, 0, h));
  Fails(UserAccount(1), NodeCall(node_, {1, 0, 0, 0}, 0, 5), "node-contracts-full");  // max 4 in this genesis
}

TEST_F(MarketContracts, NodeMustBeUpAndPoweredOn) {
  time_ += 2 * kIntervalMs + 1;  // no report for more than two intervals
  Fails(UserAccount(1), NodeCall(node_, Small(), 0, 1), "node-down");
  Fails(UserAccount(1), chain::ContractCreateRentCall{node_, std::nullopt}, "node-down");
  Report(1, time_);
  Must([&](StateOverlay& s) {
    return directory_.NodeSetPowerTarget(s, height_, time_, FarmerAccount(1), {node_, chain::PowerState::kDown},
                                         &scratch_);
  });
  Fails(UserAccount(1), NodeCall(node_, Small(), 0, 1), "node-powered-off");
  Fails(UserAccount(1), chain::ContractCreateRentCall{node_, std::nullopt}, "node-powered-off");
}

TEST_F(MarketContracts, NoOverbooking) {
  const chain::Resources total = NodeCapacity();
  const chain::Resources half = {total.cru / 2, total.mru / 2, total.sru / 2, total.hru / 2};
  Ok(UserAccount(1), NodeCall(node_, half, 0, 1));
  Fails(UserAccount(1), NodeCall(node_, {half.cru + 1, half.mru, half.sru, half.hru}, 0, 2), "node-capacity-exceeded");
  Fails(UserAccount(1), NodeCall(node_, {0, 0, 0, half.hru + 1}, 0, 2), "node-capacity-exceeded");
  Ok(UserAccount(1), NodeCall(node_, half, 0, 2));  // exactly full
  EXPECT_EQ(Node(node_).reserved, total);
  Fails(UserAccount(1), NodeCall(node_, {1, 0, 0, 0}, 0, 3), "node-capacity-exceeded");
  // Extreme values do not wrap around.
  Fails(UserAccount(1), NodeCall(node_, {UINT64_MAX, 0, 0, 0}, 0, 3), "node-capacity-exceeded");
}

TEST_F(MarketContracts, IpExhaustionAndReturn) {
  const ContractId a = Deploy(1, 1, NodeCall(node_, Small(), 2, 1));
  Fails(UserAccount(1), NodeCall(node_, Small(), 1, 2), "no-free-ip");
  Ok(UserAccount(1), chain::ContractCancelCall{a});
  EXPECT_EQ(Farm(farm_).public_ips[0].contract_id, 0u);
  EXPECT_EQ(Farm(farm_).public_ips[1].contract_id, 0u);
  const ContractId b = CreatedId(Ok(UserAccount(1), NodeCall(node_, Small(), 1, 2)));
  EXPECT_EQ(Contract(b).ips, std::vector<std::string>{"185.69.1.10/24"});
}

TEST_F(MarketContracts, UpdateNode) {
  const ContractId id = Deploy(1, 1, NodeCall(node_, Small(), 0, 1));
  Ok(UserAccount(1), NodeCall(node_, {8, 0, 0, 0}, 0, 2));  // another contract holds 8 of the 16 cores
  MakeUser(2, kTft);

  chain::ContractUpdateNodeCall up{id, {8, 8 * kGiB, 100 * kGiB, 0}, HashOf(1), {'n', 'e', 'w'}};
  Fails(UserAccount(2), up, "not-contract-owner");
  Fails(UserAccount(77), up, "no-twin");
  Fails(UserAccount(1), chain::ContractUpdateNodeCall{99, Small(), HashOf(1), {}}, "no-contract");
  Fails(UserAccount(1), chain::ContractUpdateNodeCall{id, {9, 0, 0, 0}, HashOf(1), {}}, "node-capacity-exceeded");
  Fails(UserAccount(1), chain::ContractUpdateNodeCall{id, Small(), HashOf(2), {}}, "duplicate-deployment");
  auto big = up;
  big.deployment_data.assign(chain::kMaxDeploymentData + 1, 'x');
  Fails(UserAccount(1), big, "deployment-data-too-large");

  KeepUp(1, time_, time_ + kMarketHourMs);
  time_ += kMarketHourMs;
  const auto events = Ok(UserAccount(1), up);  // the old reservation is released first: 8 + 8 fits
  const auto bills = Bills(events);
  ASSERT_EQ(bills.size(), 1u);  // billed up to now at the old resources
  EXPECT_EQ(bills[0].cusu_micro, 225'000'000'000u);
  EXPECT_EQ(bills[0].paid, bills[0].amount);
  EXPECT_EQ(EventsOf<chain::ContractUpdatedEvent>(events).size(), 1u);
  const ContractRecord c = Contract(id);
  EXPECT_EQ(c.resources, up.resources);
  EXPECT_EQ(c.deployment_data, up.deployment_data);
  EXPECT_EQ(c.billed_until_ms, time_);
  EXPECT_EQ(Node(node_).reserved.cru, 16u);
  ExpectTwinBillingConsistent(twin_);

  // A name contract is not a node contract; a deleted one cannot be updated.
  const ContractId name = CreatedId(Ok(UserAccount(1), chain::ContractCreateNameCall{"alice"}));
  Fails(UserAccount(1), chain::ContractUpdateNodeCall{name, Small(), HashOf(3), {}}, "not-node-contract");
  Ok(UserAccount(1), chain::ContractCancelCall{id});
  Fails(UserAccount(1), up, "contract-deleted");
}

TEST_F(MarketContracts, UpdateNeedsFundsForTheBillUpToNow) {
  MakeUser(3, 0);
  const ContractId id = Deploy(3, 1, NodeCall(node_, Small(), 0, 1));
  KeepUp(1, time_, time_ + kMarketHourMs);
  time_ += kMarketHourMs;
  Fails(UserAccount(3), chain::ContractUpdateNodeCall{id, {1, 0, 0, 0}, HashOf(1), {}}, "insufficient-funds");
}

TEST_F(MarketContracts, CancelFreesEverything) {
  const ContractId id = Deploy(1, 1, NodeCall(node_, Small(), 1, 1));
  Fails(UserAccount(1), chain::ContractCancelCall{99}, "no-contract");
  MakeUser(2, 0);
  Fails(UserAccount(2), chain::ContractCancelCall{id}, "not-contract-owner");
  const auto events = Ok(UserAccount(1), chain::ContractCancelCall{id});
  const auto deleted = EventsOf<chain::ContractDeletedEvent>(events);
  ASSERT_EQ(deleted.size(), 1u);
  EXPECT_EQ(deleted[0].reason, DeleteReason::kCanceled);
  const auto bills = Bills(events);
  ASSERT_EQ(bills.size(), 1u);  // acknowledged: a final (here empty) bill
  EXPECT_TRUE(bills[0].final);
  EXPECT_EQ(bills[0].state_after, ContractState::kDeleted);

  const ContractRecord c = Contract(id);
  EXPECT_EQ(c.state, ContractState::kDeleted);
  EXPECT_EQ(c.reason, DeleteReason::kCanceled);
  EXPECT_EQ(Node(node_).reserved, chain::Resources{});
  EXPECT_EQ(Farm(farm_).public_ips[0].contract_id, 0u);
  EXPECT_TRUE(MarketState::GetNodeContracts(state_, node_).value().empty());
  EXPECT_EQ(MarketState::GetBucket(state_, id % kPeriod).value(), std::vector<ContractId>{});
  EXPECT_EQ(MarketState::GetDeployment(state_, node_, HashOf(1)).value(), std::nullopt);
  EXPECT_EQ(Billing(twin_), TwinBilling{});
  Fails(UserAccount(1), chain::ContractCancelCall{id}, "contract-deleted");
  Ok(UserAccount(1), NodeCall(node_, Small(), 1, 1));  // the hash is free again
}

TEST_F(MarketContracts, NameContracts) {
  for (const char* bad : {"ab", "Alice", "a.b", "with space", ""}) {
    Fails(UserAccount(1), chain::ContractCreateNameCall{bad}, "bad-contract-name");
  }
  Fails(UserAccount(1), chain::ContractCreateNameCall{std::string(65, 'a')}, "bad-contract-name");
  Fails(UserAccount(77), chain::ContractCreateNameCall{"alice"}, "no-twin");
  const ContractId id = CreatedId(Ok(UserAccount(1), chain::ContractCreateNameCall{"my-name_01"}));
  EXPECT_EQ(Contract(id).kind, ContractKind::kName);
  EXPECT_EQ(Contract(id).ack, AckState::kOk);
  EXPECT_EQ(Contract(id).hourly_micro, 2'500'000'000u);  // unique_name 2500 price units per hour
  Ok(UserAccount(1), chain::ContractCreateNameCall{std::string(64, 'a')});
  MakeUser(2, 0);
  Fails(UserAccount(2), chain::ContractCreateNameCall{"my-name_01"}, "name-taken");
  Ok(UserAccount(1), chain::ContractCancelCall{id});
  Ok(UserAccount(2), chain::ContractCreateNameCall{"my-name_01"});
}

TEST_F(MarketContracts, RentRules) {
  MakeUser(2, 100 * kTft);
  const ContractId rent = CreatedId(Ok(UserAccount(1), chain::ContractCreateRentCall{node_, std::nullopt}));
  EXPECT_EQ(Contract(rent).kind, ContractKind::kRent);
  Fails(UserAccount(2), chain::ContractCreateRentCall{node_, std::nullopt}, "node-rented");
  Fails(UserAccount(1), chain::ContractCreateRentCall{node_, std::nullopt}, "node-rented");
  Fails(UserAccount(2), NodeCall(node_, Small(), 0, 1), "node-rented");  // only the renter deploys
  const ContractId mine = Deploy(1, 1, NodeCall(node_, Small(), 1, 1));
  EXPECT_EQ(Contract(mine).hourly_micro, 40'000'000'000u);  // on a rented node: the IP only
  Fails(UserAccount(1), chain::ContractCancelCall{rent}, "rent-has-active-contracts");
  Ok(UserAccount(1), chain::ContractCancelCall{mine});
  Ok(UserAccount(1), chain::ContractCancelCall{rent});
  EXPECT_TRUE(MarketState::GetNodeContracts(state_, node_).value().empty());

  // Another tenant's contract blocks renting; the tenant's own does not.
  Ok(UserAccount(2), NodeCall(node_, Small(), 0, 2));
  Fails(UserAccount(1), chain::ContractCreateRentCall{node_, std::nullopt}, "node-has-other-tenants");
  Ok(UserAccount(2), chain::ContractCreateRentCall{node_, std::nullopt});
  Fails(UserAccount(77), chain::ContractCreateRentCall{node_, std::nullopt}, "no-twin");
  Fails(UserAccount(1), chain::ContractCreateRentCall{99, std::nullopt}, "no-node");
  ExpectTwinBillingConsistent(twin_);
}

TEST_F(MarketContracts, DedicatedNodeOnlyUnderRent) {
  const FarmId dedicated = MakeFarm(2, 0, /*dedicated=*/true);
  const NodeId node = MakeNode(2, dedicated);
  Fails(UserAccount(1), NodeCall(node, Small(), 0, 1), "node-dedicated");
  Ok(UserAccount(1), chain::ContractCreateRentCall{node, std::nullopt});
  Deploy(1, 2, NodeCall(node, Small(), 0, 1));
}

TEST_F(MarketContracts, AckRules) {
  const ContractId id = CreatedId(Ok(UserAccount(1), NodeCall(node_, Small(), 1, 1)));
  const FarmId farm2 = MakeFarm(2);
  MakeNode(2, farm2);
  Fails(NodeAccountOf(2), chain::ContractAckCall{id, true, ""}, "not-contract-node");
  Fails(UserAccount(1), chain::ContractAckCall{id, true, ""}, "not-contract-node");
  Fails(NodeAccountOf(1), chain::ContractAckCall{99, true, ""}, "no-contract");
  Fails(NodeAccountOf(1), chain::ContractAckCall{id, true, std::string(chain::kMaxAckMessage + 1, 'm')},
        "ack-message-too-long");
  const auto events = Ok(NodeAccountOf(1), chain::ContractAckCall{id, true, "up"});
  EXPECT_EQ(EventsOf<chain::ContractAcknowledgedEvent>(events),
            (std::vector<chain::ContractAcknowledgedEvent>{{id, true, "up"}}));
  EXPECT_EQ(Contract(id).ack, AckState::kOk);
  EXPECT_EQ(Contract(id).ack_message, "up");
  Fails(NodeAccountOf(1), chain::ContractAckCall{id, true, ""}, "already-acknowledged");
  const ContractId name = CreatedId(Ok(UserAccount(1), chain::ContractCreateNameCall{"alice"}));
  Fails(NodeAccountOf(1), chain::ContractAckCall{name, true, ""}, "not-node-contract");
}

TEST_F(MarketContracts, FailedDeploymentIsDeletedUncharged) {
  const uint64_t balance = Free(UserAccount(1));
  const ContractId id = CreatedId(Ok(UserAccount(1), NodeCall(node_, Small(), 1, 1)));
  KeepUp(1, time_, time_ + kMarketHourMs);
  EXPECT_TRUE(Bills(BillAt(id, time_ + kMarketHourMs)).empty());  // pending: not billed
  const auto events = Ok(NodeAccountOf(1), chain::ContractAckCall{id, false, "image not found"});
  EXPECT_EQ(EventsOf<chain::ContractDeletedEvent>(events),
            (std::vector<chain::ContractDeletedEvent>{{id, DeleteReason::kDeploymentFailed}}));
  EXPECT_TRUE(Bills(events).empty());
  EXPECT_EQ(Contract(id).ack, AckState::kFailed);
  EXPECT_EQ(Contract(id).total_paid, 0u);
  EXPECT_EQ(Free(UserAccount(1)), balance);
  EXPECT_EQ(Node(node_).reserved, chain::Resources{});
  EXPECT_EQ(Farm(farm_).public_ips[0].contract_id, 0u);
  EXPECT_EQ(Billing(twin_), TwinBilling{});
  Fails(NodeAccountOf(1), chain::ContractAckCall{id, true, ""}, "contract-deleted");
}

TEST_F(MarketContracts, ResourceAndNetworkReports) {
  const ContractId id = Deploy(1, 1, NodeCall(node_, Small(), 0, 1));
  Fails(NodeAccountOf(1), chain::ContractReportResourcesCall{id, {5, 0, 0, 0}}, "bad-usage");
  Fails(UserAccount(1), chain::ContractReportResourcesCall{id, {1, 0, 0, 0}}, "not-contract-node");
  Ok(NodeAccountOf(1), chain::ContractReportResourcesCall{id, {2, kGiB, 0, 0}});
  EXPECT_EQ(Contract(id).used, (chain::Resources{2, kGiB, 0, 0}));
  Fails(NodeAccountOf(1), chain::ContractReportResourcesCall{id, {1, 0, 0, 0}}, "report-too-early");

  Fails(NodeAccountOf(1), chain::ContractReportNetworkCall{id, 100, 0}, "bad-window");
  Fails(NodeAccountOf(1), chain::ContractReportNetworkCall{id, 100, kMaxNetworkWindowS + 1}, "bad-window");
  Ok(NodeAccountOf(1), chain::ContractReportNetworkCall{id, 1000, 600});
  Fails(NodeAccountOf(1), chain::ContractReportNetworkCall{id, 1000, 600}, "report-too-early");
  time_ += kIntervalMs;
  Ok(NodeAccountOf(1), chain::ContractReportNetworkCall{id, UINT64_MAX, 600});  // saturates
  EXPECT_EQ(Contract(id).unbilled_nu_bytes, UINT64_MAX);
  Ok(NodeAccountOf(1), chain::ContractReportResourcesCall{id, Small()});
  const ContractId name = CreatedId(Ok(UserAccount(1), chain::ContractCreateNameCall{"alice"}));
  Fails(NodeAccountOf(1), chain::ContractReportNetworkCall{name, 1, 1}, "not-node-contract");
}

TEST_F(MarketContracts, NodeExtraFee) {
  const FarmId dedicated = MakeFarm(2, 0, true);
  const NodeId node = MakeNode(2, dedicated);
  Fails(FarmerAccount(2), chain::NodeSetExtraFeeCall{99, 1}, "no-node");
  Fails(FarmerAccount(1), chain::NodeSetExtraFeeCall{node, 1}, "not-farm-owner");
  Fails(FarmerAccount(1), chain::NodeSetExtraFeeCall{node_, 1}, "farm-not-dedicated");
  Fails(FarmerAccount(2), chain::NodeSetExtraFeeCall{node, kMaxNodeExtraFeeMusd + 1}, "fee-too-high");
  const auto events = Ok(FarmerAccount(2), chain::NodeSetExtraFeeCall{node, 10'000});
  EXPECT_EQ(EventsOf<chain::NodeExtraFeeSetEvent>(events), (std::vector<chain::NodeExtraFeeSetEvent>{{node, 10'000}}));
  EXPECT_EQ(MarketState::GetNodeExtraFee(state_, node).value(), 10'000u);
}

TEST_F(MarketContracts, FeeFreeAdmission) {
  const ContractId id = CreatedId(Ok(UserAccount(1), NodeCall(node_, Small(), 0, 1)));
  const chain::Call ack = chain::ContractAckCall{id, true, ""};
  EXPECT_TRUE(market_.IsFeeFree(state_, NodeAccountOf(1), ack).value());
  EXPECT_TRUE(market_.CheckFeeFree(state_, NodeAccountOf(1), ack, time_).ok());
  EXPECT_EQ(market_.CheckFeeFree(state_, UserAccount(1), ack, time_).reason(), "not-contract-node");
  const chain::Call report = chain::ContractReportNetworkCall{id, 1, 0};
  EXPECT_TRUE(market_.IsFeeFree(state_, NodeAccountOf(1), report).value());
  EXPECT_EQ(market_.CheckFeeFree(state_, NodeAccountOf(1), report, time_).reason(), "bad-window");
  const chain::Call cancel = chain::ContractCancelCall{id};
  EXPECT_FALSE(market_.IsFeeFree(state_, UserAccount(1), cancel).value());  // not in grace
  const chain::Call name = chain::ContractCreateNameCall{"alice"};
  EXPECT_FALSE(market_.IsFeeFree(state_, UserAccount(1), name).value());
  EXPECT_EQ(market_.CheckFeeFree(state_, UserAccount(1), name, time_).reason(), "not-fee-free");
  // The checks wrote nothing.
  EXPECT_EQ(Contract(id).ack, AckState::kPending);
}

}  // namespace
}  // namespace tfchain::contracts::testing
