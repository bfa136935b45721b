// Service contracts (docs/marketplace.md, "Service contracts"): every contract.service_*
// call, each of its refusals with the state unchanged, approvals reset by changes,
// the bill window capped at one hour, the variable amount cap, TFT conversion and
// rounding, and deletion when the consumer cannot pay.
#include "contracts/service_contracts.h"

#include <gtest/gtest.h>

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <type_traits>
#include <vector>

#include "chain/genesis.h"
#include "contracts/balances.h"
#include "contracts/directory.h"
#include "contracts/directory_state.h"
#include "contracts/market_state.h"
#include "contracts/policy_state.h"
#include "tests/support/map_state.h"

namespace tfchain::contracts {
namespace {

using chain::DeleteReason;
using chain::Event;
using chain::ServiceApproveCall;
using chain::ServiceBillCall;
using chain::ServiceCancelCall;
using chain::ServiceContractApprovedEvent;
using chain::ServiceContractBilledEvent;
using chain::ServiceContractCreatedEvent;
using chain::ServiceContractDeletedEvent;
using chain::ServiceContractUpdatedEvent;
using chain::ServiceCreateCall;
using chain::ServiceRejectCall;
using chain::ServiceSetFeesCall;
using chain::ServiceSetMetadataCall;

constexpr uint64_t kHourMs = 3'600'000;
constexpr uint64_t kPrice = 80;            // mUSD per TFT: 1 mUSD = 125,000 units exactly
constexpr uint64_t kUnitsPerMusd = 125'000;
constexpr uint64_t kConsumerFunds = 1'000'000'000'000;  // 100,000 TFT

AccountId Acct(uint8_t n) {
  AccountId a;
  a.bytes.fill(n);
  return a;
}

class ServiceContractsTest : public ::testing::Test {
 protected:
  ServiceContractsTest() {
    chain::Genesis genesis;
    genesis.chain_id = "service-test";
    genesis.grid.tft_price_musd = kPrice;
    Apply([&](StateOverlay& s) { return Directory().InitGenesis(s, genesis, nullptr); });
    service_twin_ = MakeTwin(service_);
    consumer_twin_ = MakeTwin(consumer_);
    stranger_twin_ = MakeTwin(stranger_);
    Apply([&](StateOverlay& s) { return Balances::Mint(s, consumer_, kConsumerFunds); });
  }

  void Apply(const std::function<Status(StateOverlay&)>& step) {
    StateOverlay overlay(state_);
    const Status s = step(overlay);
    ASSERT_TRUE(s.ok()) << s.ToString();
    state_.Apply(overlay);
  }

  TwinId MakeTwin(const AccountId& account) {
    std::vector<Event> ev;
    Apply([&](StateOverlay& s) {
      return Directory().TwinCreate(s, 1, time_ms_, account, {"relay.grid.tf", {1, 2, 3}}, &ev);
    });
    return DirectoryState::GetTwinIdByAccount(state_, account).value().value();
  }

  // Runs `call` signed by `signer` at the current time; commits on success. Its events
  // go to events_.
  template <typename C>
  Status Run(const AccountId& signer, const C& call) {
    StateOverlay overlay(state_);
    events_.clear();
    const Status s = Dispatch(overlay, signer, call);
    if (s.ok()) {
      state_.Apply(overlay);
    } else {
      failed_writes_ = overlay.writes().size();
    }
    return s;
  }

  template <typename C>
  std::vector<Event> Ok(const AccountId& signer, const C& call) {
    const Status s = Run(signer, call);
    EXPECT_TRUE(s.ok()) << C::kName << ": " << s.ToString();
    return events_;
  }

  // Expects `call` to fail with `reason` having written nothing and emitted nothing.
  template <typename C>
  void Fails(const AccountId& signer, const C& call, std::string_view reason) {
    const std::map<std::string, chain::Bytes> before = state_.data();
    failed_writes_ = 0;
    const Status s = Run(signer, call);
    EXPECT_FALSE(s.ok()) << C::kName << " succeeded, expected " << reason;
    EXPECT_EQ(s.reason(), reason) << s.ToString();
    EXPECT_EQ(s.code(), Status::Code::kInvalidArgument) << s.ToString();
    EXPECT_EQ(failed_writes_, 0u) << C::kName << " wrote state before failing";
    EXPECT_TRUE(events_.empty());
    EXPECT_EQ(state_.data(), before);
  }

  // A contract created by the service, or nullopt-free access to its record.
  ServiceContractId Create() {
    Ok(service_, ServiceCreateCall{service_twin_, consumer_twin_});
    return MarketState::GetCounters(state_).value().next_service_id - 1;
  }
  // A contract with metadata and fees (base, variable mUSD per hour), approved by
  // both at the current time.
  ServiceContractId Approved(uint64_t base_fee, uint64_t variable_fee) {
    const ServiceContractId id = Create();
    Ok(service_, ServiceSetMetadataCall{id, "matrix server"});
    Ok(service_, ServiceSetFeesCall{id, base_fee, variable_fee});
    Ok(consumer_, ServiceApproveCall{id});
    Ok(service_, ServiceApproveCall{id});
    return id;
  }

  std::optional<ServiceContractRecord> Get(ServiceContractId id) {
    return MarketState::GetServiceContract(state_, id).value();
  }
  uint64_t Free(const AccountId& who) { return Balances::GetAccount(state_, who).value().free; }

  template <typename E>
  static std::vector<E> EventsOf(const std::vector<Event>& events) {
    std::vector<E> out;
    for (const Event& e : events) {
      if (const E* x = std::get_if<E>(&e)) out.push_back(*x);
    }
    return out;
  }

  tfchain::testing::MapState state_;
  ServiceContracts service_contracts_;
  uint64_t time_ms_ = 1'767'225'600'000;
  AccountId service_ = Acct(1);
  AccountId consumer_ = Acct(2);
  AccountId stranger_ = Acct(3);
  AccountId no_twin_ = Acct(4);
  TwinId service_twin_ = 0;
  TwinId consumer_twin_ = 0;
  TwinId stranger_twin_ = 0;
  std::vector<Event> events_;
  size_t failed_writes_ = 0;

 private:
  template <typename C>
  Status Dispatch(StateOverlay& s, const AccountId& a, const C& c) {
    const ServiceContracts& sc = service_contracts_;
    const uint64_t h = 9, t = time_ms_;
    if constexpr (std::is_same_v<C, ServiceCreateCall>) {
      return sc.Create(s, h, t, a, c, &events_);
    } else if constexpr (std::is_same_v<C, ServiceSetMetadataCall>) {
      return sc.SetMetadata(s, h, t, a, c, &events_);
    } else if constexpr (std::is_same_v<C, ServiceSetFeesCall>) {
      return sc.SetFees(s, h, t, a, c, &events_);
    } else if constexpr (std::is_same_v<C, ServiceApproveCall>) {
      return sc.Approve(s, h, t, a, c, &events_);
    } else if constexpr (std::is_same_v<C, ServiceRejectCall>) {
      return sc.Reject(s, h, t, a, c, &events_);
    } else if constexpr (std::is_same_v<C, ServiceCancelCall>) {
      return sc.Cancel(s, h, t, a, c, &events_);
    } else {
      static_assert(std::is_same_v<C, ServiceBillCall>, "not a service contract call");
      return sc.Bill(s, h, t, a, c, &events_);
    }
  }
};

// --- create ---

TEST_F(ServiceContractsTest, EitherPartyCreatesWithIncreasingIds) {
  std::vector<Event> ev = Ok(service_, ServiceCreateCall{service_twin_, consumer_twin_});
  ASSERT_EQ(ev.size(), 1u);
  EXPECT_EQ(std::get<ServiceContractCreatedEvent>(ev[0]),
            (ServiceContractCreatedEvent{1, service_twin_, consumer_twin_}));
  ServiceContractRecord expected;
  expected.id = 1;
  expected.service_twin_id = service_twin_;
  expected.consumer_twin_id = consumer_twin_;
  expected.created_ms = time_ms_;
  EXPECT_EQ(Get(1), expected);

  time_ms_ += 6000;
  ev = Ok(consumer_, ServiceCreateCall{service_twin_, consumer_twin_});
  EXPECT_EQ(std::get<ServiceContractCreatedEvent>(ev.at(0)).id, 2u);
  EXPECT_EQ(Get(2)->created_ms, time_ms_);
  const MarketCounters counters = MarketState::GetCounters(state_).value();
  EXPECT_EQ(counters.next_service_id, 3u);
  EXPECT_EQ(counters.next_contract_id, 1u);  // node/name/rent ids are separate
}

TEST_F(ServiceContractsTest, CreateRefusals) {
  Fails(no_twin_, ServiceCreateCall{service_twin_, consumer_twin_}, "no-twin");
  Fails(service_, ServiceCreateCall{service_twin_, 99}, "no-twin");
  Fails(consumer_, ServiceCreateCall{99, consumer_twin_}, "no-twin");
  Fails(service_, ServiceCreateCall{service_twin_, service_twin_}, "same-twin");
  Fails(stranger_, ServiceCreateCall{service_twin_, consumer_twin_}, "not-service-party");
  EXPECT_FALSE(Get(1).has_value());
}

TEST_F(ServiceContractsTest, CreateRefusedWhenIdsAreExhausted) {
  Apply([&](StateOverlay& s) {
    MarketCounters counters;
    counters.next_service_id = UINT64_MAX;
    MarketState::PutCounters(s, counters);
    return Status::Ok();
  });
  Fails(service_, ServiceCreateCall{service_twin_, consumer_twin_}, "id-space-exhausted");
}

// --- metadata and fees ---

TEST_F(ServiceContractsTest, ServiceSetsMetadataAndFees) {
  const ServiceContractId id = Create();
  std::vector<Event> ev = Ok(service_, ServiceSetMetadataCall{id, std::string(chain::kMaxServiceMetadata, 'm')});
  ASSERT_EQ(ev.size(), 1u);
  EXPECT_EQ(std::get<ServiceContractUpdatedEvent>(ev[0]).id, id);
  EXPECT_EQ(Get(id)->metadata, std::string(chain::kMaxServiceMetadata, 'm'));

  ev = Ok(service_, ServiceSetFeesCall{id, 1000, 500});
  ASSERT_EQ(ev.size(), 1u);
  EXPECT_EQ(std::get<ServiceContractUpdatedEvent>(ev[0]).id, id);
  EXPECT_EQ(Get(id)->base_fee_musd, 1000u);
  EXPECT_EQ(Get(id)->variable_fee_musd, 500u);
}

TEST_F(ServiceContractsTest, MetadataAndFeeRefusals) {
  const ServiceContractId id = Create();
  Fails(consumer_, ServiceSetMetadataCall{id, "x"}, "not-service");
  Fails(stranger_, ServiceSetMetadataCall{id, "x"}, "not-service");
  Fails(no_twin_, ServiceSetMetadataCall{id, "x"}, "no-twin");
  Fails(service_, ServiceSetMetadataCall{id + 1, "x"}, "no-service-contract");
  Fails(service_, ServiceSetMetadataCall{id, std::string(chain::kMaxServiceMetadata + 1, 'm')},
        "metadata-too-long");

  Fails(consumer_, ServiceSetFeesCall{id, 1, 1}, "not-service");
  Fails(stranger_, ServiceSetFeesCall{id, 1, 1}, "not-service");
  Fails(no_twin_, ServiceSetFeesCall{id, 1, 1}, "no-twin");
  Fails(service_, ServiceSetFeesCall{id + 1, 1, 1}, "no-service-contract");
}

// --- approval ---

TEST_F(ServiceContractsTest, ApprovalNeedsMetadataAndBaseFee) {
  const ServiceContractId id = Create();
  Fails(consumer_, ServiceApproveCall{id}, "service-contract-not-ready");
  Ok(service_, ServiceSetFeesCall{id, 1000, 0});
  Fails(consumer_, ServiceApproveCall{id}, "service-contract-not-ready");  // no metadata
  Ok(service_, ServiceSetMetadataCall{id, "vpn"});
  Ok(service_, ServiceSetFeesCall{id, 0, 500});
  Fails(service_, ServiceApproveCall{id}, "service-contract-not-ready");  // no base fee
  Ok(service_, ServiceSetFeesCall{id, 1, 0});
  Ok(service_, ServiceApproveCall{id});
}

TEST_F(ServiceContractsTest, BothApproveThenBillingStarts) {
  const ServiceContractId id = Create();
  Ok(service_, ServiceSetMetadataCall{id, "vpn"});
  Ok(service_, ServiceSetFeesCall{id, 1000, 500});

  std::vector<Event> ev = Ok(consumer_, ServiceApproveCall{id});
  ASSERT_EQ(ev.size(), 1u);
  EXPECT_EQ(std::get<ServiceContractUpdatedEvent>(ev[0]).id, id);
  EXPECT_TRUE(Get(id)->accepted_by_consumer);
  EXPECT_FALSE(Get(id)->accepted_by_service);
  EXPECT_EQ(Get(id)->last_bill_ms, 0u);
  Fails(consumer_, ServiceApproveCall{id}, "service-contract-already-approved");
  Fails(service_, ServiceBillCall{id, 0, ""}, "service-contract-not-approved");

  time_ms_ += 12'000;
  ev = Ok(service_, ServiceApproveCall{id});
  ASSERT_EQ(ev.size(), 1u);
  EXPECT_EQ(std::get<ServiceContractApprovedEvent>(ev[0]).id, id);
  EXPECT_TRUE(Get(id)->accepted_by_service);
  EXPECT_EQ(Get(id)->last_bill_ms, time_ms_);
  Fails(service_, ServiceApproveCall{id}, "service-contract-already-approved");
  Fails(consumer_, ServiceApproveCall{id}, "service-contract-already-approved");
}

TEST_F(ServiceContractsTest, ApproveRefusals) {
  const ServiceContractId id = Create();
  Ok(service_, ServiceSetMetadataCall{id, "vpn"});
  Ok(service_, ServiceSetFeesCall{id, 1000, 500});
  Fails(stranger_, ServiceApproveCall{id}, "not-service-party");
  Fails(no_twin_, ServiceApproveCall{id}, "no-twin");
  Fails(consumer_, ServiceApproveCall{id + 1}, "no-service-contract");
}

TEST_F(ServiceContractsTest, FeeOrMetadataChangeResetsBothApprovals) {
  const ServiceContractId id = Approved(1000, 500);
  Ok(service_, ServiceSetFeesCall{id, 2000, 500});
  EXPECT_FALSE(Get(id)->accepted_by_service);
  EXPECT_FALSE(Get(id)->accepted_by_consumer);
  Fails(service_, ServiceBillCall{id, 0, ""}, "service-contract-not-approved");

  // Approved again: billing restarts at the second approval.
  Ok(consumer_, ServiceApproveCall{id});
  time_ms_ += 60'000;
  Ok(service_, ServiceApproveCall{id});
  EXPECT_EQ(Get(id)->last_bill_ms, time_ms_);

  Ok(service_, ServiceSetMetadataCall{id, "vpn v2"});
  EXPECT_FALSE(Get(id)->accepted_by_service);
  EXPECT_FALSE(Get(id)->accepted_by_consumer);
  Fails(service_, ServiceBillCall{id, 0, ""}, "service-contract-not-approved");

  // A partial approval is reset too.
  Ok(consumer_, ServiceApproveCall{id});
  Ok(service_, ServiceSetFeesCall{id, 2000, 600});
  EXPECT_FALSE(Get(id)->accepted_by_consumer);
}

// --- reject and cancel ---

TEST_F(ServiceContractsTest, EitherPartyRejectsBeforeBothApproved) {
  const ServiceContractId first = Create();
  std::vector<Event> ev = Ok(consumer_, ServiceRejectCall{first});
  ASSERT_EQ(ev.size(), 1u);
  EXPECT_EQ(std::get<ServiceContractDeletedEvent>(ev[0]),
            (ServiceContractDeletedEvent{first, DeleteReason::kCanceled}));
  EXPECT_FALSE(Get(first).has_value());
  EXPECT_FALSE(state_.Get(MarketState::ServiceKey(first)).value().has_value());

  // After one approval the other side may still reject.
  const ServiceContractId second = Create();
  Ok(service_, ServiceSetMetadataCall{second, "vpn"});
  Ok(service_, ServiceSetFeesCall{second, 10, 0});
  Ok(consumer_, ServiceApproveCall{second});
  Ok(service_, ServiceRejectCall{second});
  EXPECT_FALSE(Get(second).has_value());
}

TEST_F(ServiceContractsTest, RejectRefusals) {
  const ServiceContractId id = Approved(1000, 500);
  Fails(consumer_, ServiceRejectCall{id}, "service-contract-approved");
  Fails(service_, ServiceRejectCall{id}, "service-contract-approved");
  const ServiceContractId open = Create();
  Fails(stranger_, ServiceRejectCall{open}, "not-service-party");
  Fails(no_twin_, ServiceRejectCall{open}, "no-twin");
  Fails(consumer_, ServiceRejectCall{open + 1}, "no-service-contract");
}

TEST_F(ServiceContractsTest, EitherPartyCancelsAtAnyTime) {
  const ServiceContractId open = Create();
  std::vector<Event> ev = Ok(service_, ServiceCancelCall{open});
  ASSERT_EQ(ev.size(), 1u);
  EXPECT_EQ(std::get<ServiceContractDeletedEvent>(ev[0]),
            (ServiceContractDeletedEvent{open, DeleteReason::kCanceled}));
  EXPECT_FALSE(Get(open).has_value());

  const ServiceContractId approved = Approved(1000, 500);
  const uint64_t consumer_before = Free(consumer_);
  time_ms_ += kHourMs;
  ev = Ok(consumer_, ServiceCancelCall{approved});
  ASSERT_EQ(ev.size(), 1u);  // no final bill
  EXPECT_EQ(std::get<ServiceContractDeletedEvent>(ev[0]).reason, DeleteReason::kCanceled);
  EXPECT_FALSE(Get(approved).has_value());
  EXPECT_EQ(Free(consumer_), consumer_before);
  Fails(consumer_, ServiceCancelCall{approved}, "no-service-contract");
}

TEST_F(ServiceContractsTest, CancelRefusals) {
  const ServiceContractId id = Approved(1000, 500);
  Fails(stranger_, ServiceCancelCall{id}, "not-service-party");
  Fails(no_twin_, ServiceCancelCall{id}, "no-twin");
  Fails(service_, ServiceCancelCall{id + 1}, "no-service-contract");
}

// --- billing ---

TEST_F(ServiceContractsTest, BillProratesBaseFeeAndAddsVariableAmount) {
  const ServiceContractId id = Approved(1000, 500);
  time_ms_ += kHourMs / 2;
  // Half an hour: base 500 mUSD, variable at most 250 mUSD; 750 mUSD at 80 mUSD/TFT
  // = 9.375 TFT = 93,750,000 units.
  const std::vector<Event> ev = Ok(service_, ServiceBillCall{id, 250, "2 GB relayed"});
  ASSERT_EQ(ev.size(), 1u);
  const ServiceContractBilledEvent bill = std::get<ServiceContractBilledEvent>(ev[0]);
  EXPECT_EQ(bill, (ServiceContractBilledEvent{id, kHourMs / 2, 500, 250, 93'750'000, consumer_, service_}));
  EXPECT_EQ(Free(consumer_), kConsumerFunds - 93'750'000);
  EXPECT_EQ(Free(service_), 93'750'000u);
  EXPECT_EQ(Get(id)->last_bill_ms, time_ms_);
  EXPECT_EQ(Balances::TotalIssuance(state_).value(), kConsumerFunds);  // moved, not minted
}

TEST_F(ServiceContractsTest, VariableAmountCappedByFeeOverTheWindow) {
  const ServiceContractId id = Approved(1000, 500);
  time_ms_ += kHourMs / 2;
  Fails(service_, ServiceBillCall{id, 251, ""}, "variable-amount-too-high");
  time_ms_ += 7'200;  // 250 + 1 mUSD allowed now: floor(500 · 1,807,200 / 3,600,000) = 251
  Ok(service_, ServiceBillCall{id, 251, ""});
}

TEST_F(ServiceContractsTest, BillWindowIsCappedAtOneHour) {
  const ServiceContractId id = Approved(1000, 500);
  time_ms_ += 5 * kHourMs;
  Fails(service_, ServiceBillCall{id, 501, ""}, "variable-amount-too-high");
  const std::vector<Event> ev = Ok(service_, ServiceBillCall{id, 500, ""});
  const ServiceContractBilledEvent bill = std::get<ServiceContractBilledEvent>(ev.at(0));
  EXPECT_EQ(bill.window_ms, kHourMs);
  EXPECT_EQ(bill.base_musd, 1000u);
  EXPECT_EQ(bill.amount, 1500 * kUnitsPerMusd);
  // The next bill starts from this one, not from the end of the capped window.
  EXPECT_EQ(Get(id)->last_bill_ms, time_ms_);
  time_ms_ += kHourMs / 4;
  const ServiceContractBilledEvent next = std::get<ServiceContractBilledEvent>(
      Ok(service_, ServiceBillCall{id, 0, ""}).at(0));
  EXPECT_EQ(next.window_ms, kHourMs / 4);
  EXPECT_EQ(next.amount, 250 * kUnitsPerMusd);
}

TEST_F(ServiceContractsTest, BillAtTheSameTimeChargesNothing) {
  const ServiceContractId id = Approved(1000, 500);
  Fails(service_, ServiceBillCall{id, 1, ""}, "variable-amount-too-high");
  const ServiceContractBilledEvent bill =
      std::get<ServiceContractBilledEvent>(Ok(service_, ServiceBillCall{id, 0, ""}).at(0));
  EXPECT_EQ(bill.window_ms, 0u);
  EXPECT_EQ(bill.amount, 0u);
  EXPECT_EQ(Free(consumer_), kConsumerFunds);
}

TEST_F(ServiceContractsTest, BillRoundsDownInTheConsumersFavour) {
  const ServiceContractId id = Approved(7, 0);
  Apply([&](StateOverlay& s) -> Status {
    TF_ASSIGN_OR_RETURN(chain::GridParams grid, PolicyState::GetGridParams(s));
    grid.tft_price_musd = 95;
    PolicyState::PutGridParams(s, grid);
    return Status::Ok();
  });
  // 1 ms of 7 mUSD/h prorates to 0.
  time_ms_ += 1;
  EXPECT_EQ(std::get<ServiceContractBilledEvent>(Ok(service_, ServiceBillCall{id, 0, ""}).at(0)).amount, 0u);
  // 50 min: floor(7 · 3,000,000 / 3,600,000) = 5 mUSD; floor(5 · 10^7 / 95) = 526,315.
  time_ms_ += 3'000'000;
  const ServiceContractBilledEvent bill =
      std::get<ServiceContractBilledEvent>(Ok(service_, ServiceBillCall{id, 0, ""}).at(0));
  EXPECT_EQ(bill.base_musd, 5u);
  EXPECT_EQ(bill.amount, 526'315u);
}

TEST_F(ServiceContractsTest, BillRefusals) {
  const ServiceContractId id = Approved(1000, 500);
  time_ms_ += kHourMs;
  Fails(consumer_, ServiceBillCall{id, 0, ""}, "not-service");
  Fails(stranger_, ServiceBillCall{id, 0, ""}, "not-service");
  Fails(no_twin_, ServiceBillCall{id, 0, ""}, "no-twin");
  Fails(service_, ServiceBillCall{id + 1, 0, ""}, "no-service-contract");
  Fails(service_, ServiceBillCall{id, 0, std::string(chain::kMaxServiceMetadata + 1, 'x')}, "metadata-too-long");
  Ok(service_, ServiceBillCall{id, 0, std::string(chain::kMaxServiceMetadata, 'x')});
  const ServiceContractId open = Create();
  Fails(service_, ServiceBillCall{open, 0, ""}, "service-contract-not-approved");
}

TEST_F(ServiceContractsTest, ConsumerWhoCannotPayLosesTheContractWithoutPartialPayment) {
  const ServiceContractId id = Approved(1000, 0);
  // Leave the consumer one unit short of an hour's 1000 mUSD.
  const uint64_t due = 1000 * kUnitsPerMusd;
  Apply([&](StateOverlay& s) { return Balances::Burn(s, consumer_, kConsumerFunds - (due - 1)); });
  time_ms_ += kHourMs;
  const std::vector<Event> ev = Ok(service_, ServiceBillCall{id, 0, ""});
  ASSERT_EQ(ev.size(), 1u);
  EXPECT_EQ(std::get<ServiceContractDeletedEvent>(ev[0]),
            (ServiceContractDeletedEvent{id, DeleteReason::kOutOfFunds}));
  EXPECT_FALSE(Get(id).has_value());
  EXPECT_EQ(Free(consumer_), due - 1);
  EXPECT_EQ(Free(service_), 0u);
}

TEST_F(ServiceContractsTest, ConsumerWithExactlyTheAmountPays) {
  const ServiceContractId id = Approved(1000, 0);
  const uint64_t due = 1000 * kUnitsPerMusd;
  Apply([&](StateOverlay& s) { return Balances::Burn(s, consumer_, kConsumerFunds - due); });
  time_ms_ += kHourMs;
  const ServiceContractBilledEvent bill =
      std::get<ServiceContractBilledEvent>(Ok(service_, ServiceBillCall{id, 0, ""}).at(0));
  EXPECT_EQ(bill.amount, due);
  EXPECT_EQ(Free(consumer_), 0u);
  EXPECT_EQ(Free(service_), due);
  EXPECT_TRUE(Get(id).has_value());
}

TEST_F(ServiceContractsTest, ReadyPredicate) {
  ServiceContractRecord c;
  EXPECT_FALSE(ServiceContractReady(c));
  c.metadata = "m";
  EXPECT_FALSE(ServiceContractReady(c));
  c.base_fee_musd = 1;
  EXPECT_TRUE(ServiceContractReady(c));
  c.metadata.clear();
  EXPECT_FALSE(ServiceContractReady(c));
}

}  // namespace
}  // namespace tfchain::contracts
