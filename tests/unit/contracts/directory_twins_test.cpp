// Directory twins and the grid genesis: every rule with its bad inputs; a rejected
// call writes nothing.
#include <gtest/gtest.h>

#include "tests/unit/contracts/directory_test_util.h"

namespace tfchain::contracts::testing {
namespace {

using chain::TwinCreateCall;
using chain::TwinUpdateCall;

class DirectoryTwinsTest : public DirectoryTest {};

TEST_F(DirectoryTwinsTest, CreateWritesRecordIndexAndCounter) {
  const std::vector<Event> events = Ok(Acct(1), TwinCreateCall{"relay.grid.tf", {0xAA, 0xBB}});
  ASSERT_EQ(events.size(), 1u);
  EXPECT_EQ(std::get<chain::TwinCreatedEvent>(events[0]), (chain::TwinCreatedEvent{1, Acct(1)}));
  EXPECT_EQ(Twin(1), (TwinRecord{1, Acct(1), "relay.grid.tf", {0xAA, 0xBB}, time_ms_}));
  EXPECT_EQ(DirectoryState::GetTwinIdByAccount(state_, Acct(1)).value(), std::optional<TwinId>(1));
  EXPECT_EQ(DirectoryState::GetTwinByAccount(state_, Acct(1)).value()->id, 1u);
  EXPECT_EQ(Counters().next_twin_id, 2u);

  time_ms_ += 5;
  Ok(Acct(2), TwinCreateCall{"r", {1}});
  EXPECT_EQ(Twin(2).account, Acct(2));
  EXPECT_EQ(Twin(2).created_ms, time_ms_);
  EXPECT_EQ(Counters().next_twin_id, 3u);
  EXPECT_FALSE(DirectoryState::GetTwinIdByAccount(state_, Acct(3)).value().has_value());
  EXPECT_FALSE(DirectoryState::GetTwin(state_, 3).value().has_value());
}

TEST_F(DirectoryTwinsTest, OneTwinPerAccount) {
  MakeTwin(Acct(1));
  Fails(Acct(1), TwinCreateCall{"other.relay", {9}}, "twin-exists");
}

TEST_F(DirectoryTwinsTest, RelayRules) {
  Fails(Acct(1), TwinCreateCall{"", {1}}, "bad-relay");
  Fails(Acct(1), TwinCreateCall{"relay grid", {1}}, "bad-relay");
  Fails(Acct(1), TwinCreateCall{"relay\x01", {1}}, "bad-relay");
  Fails(Acct(1), TwinCreateCall{"relay\x7f", {1}}, "bad-relay");
  Fails(Acct(1), TwinCreateCall{"r\xc3\xa9lay", {1}}, "bad-relay");  // non-ASCII
  Fails(Acct(1), TwinCreateCall{std::string(chain::kMaxRelayBytes + 1, 'r'), {1}}, "relay-too-long");
  Ok(Acct(1), TwinCreateCall{std::string(chain::kMaxRelayBytes, 'r'), {1}});
  EXPECT_EQ(Twin(1).relay.size(), chain::kMaxRelayBytes);
}

TEST_F(DirectoryTwinsTest, PublicKeyRules) {
  Fails(Acct(1), TwinCreateCall{"relay", {}}, "bad-twin-key");
  Fails(Acct(1), TwinCreateCall{"relay", chain::Bytes(chain::kMaxTwinKeyBytes + 1, 7)}, "twin-key-too-long");
  Ok(Acct(1), TwinCreateCall{"relay", chain::Bytes(chain::kMaxTwinKeyBytes, 7)});
  EXPECT_EQ(Twin(1).public_key.size(), chain::kMaxTwinKeyBytes);
}

TEST_F(DirectoryTwinsTest, UpdateReplacesRelayAndKeyOfOwnTwinOnly) {
  MakeTwin(Acct(1));
  const uint64_t created = Twin(1).created_ms;
  time_ms_ += 1000;
  const std::vector<Event> events = Ok(Acct(1), TwinUpdateCall{"new.relay", {4, 5, 6}});
  EXPECT_EQ(EventsOf<chain::TwinUpdatedEvent>(events), (std::vector<chain::TwinUpdatedEvent>{{1}}));
  EXPECT_EQ(Twin(1), (TwinRecord{1, Acct(1), "new.relay", {4, 5, 6}, created}));

  Fails(Acct(2), TwinUpdateCall{"relay", {1}}, "no-twin");
  Fails(Acct(1), TwinUpdateCall{"", {1}}, "bad-relay");
  Fails(Acct(1), TwinUpdateCall{std::string(chain::kMaxRelayBytes + 1, 'x'), {1}}, "relay-too-long");
  Fails(Acct(1), TwinUpdateCall{"relay", {}}, "bad-twin-key");
  Fails(Acct(1), TwinUpdateCall{"relay", chain::Bytes(chain::kMaxTwinKeyBytes + 1, 1)}, "twin-key-too-long");
}

TEST_F(DirectoryTwinsTest, GenesisWritesPoliciesParamsAndCertifiers) {
  EXPECT_EQ(PolicyState::GetPricingPolicyCount(state_).value(), 1u);
  EXPECT_EQ(PolicyState::GetFarmingPolicyCount(state_).value(), 2u);
  EXPECT_EQ(PolicyState::GetPricingPolicy(state_, 1).value(), genesis_.pricing_policies[0]);
  EXPECT_EQ(PolicyState::GetFarmingPolicy(state_, 2).value(), genesis_.farming_policies[1]);
  EXPECT_FALSE(PolicyState::GetPricingPolicy(state_, 2).value().has_value());
  EXPECT_EQ(PolicyState::GetGridParams(state_).value(), genesis_.grid);
  EXPECT_EQ(PolicyState::GetGridParams(state_).value().tft_price_musd, kTftPrice);
  EXPECT_EQ(PolicyState::GetGovernanceParams(state_).value(), genesis_.governance);
  EXPECT_EQ(PolicyState::GetCertifiers(state_).value(), std::vector<AccountId>{certifier_});
  EXPECT_TRUE(PolicyState::IsCertifier(state_, certifier_).value());
  EXPECT_FALSE(PolicyState::IsCertifier(state_, Acct(1)).value());
  EXPECT_EQ(Counters(), DirectoryCounters{});
}

TEST_F(DirectoryTwinsTest, GenesisRejectsPolicyIdsOutOfOrder) {
  for (int which = 0; which < 2; ++which) {
    chain::Genesis g = genesis_;
    if (which == 0) {
      g.pricing_policies[0].id = 2;
    } else {
      std::swap(g.farming_policies[0], g.farming_policies[1]);
    }
    tfchain::testing::MapState empty;
    StateOverlay overlay(empty);
    std::vector<Event> events;
    const Status s = directory_.InitGenesis(overlay, g, &events);
    EXPECT_EQ(s.reason(), "bad-genesis") << which;
    EXPECT_TRUE(overlay.writes().empty());
  }
}

TEST_F(DirectoryTwinsTest, CertifierSetIsSortedAndUnique) {
  StateOverlay overlay(state_);
  PolicyState::PutCertifiers(overlay, {Acct(9), Acct(3), Acct(9), Acct(5)});
  EXPECT_EQ(PolicyState::GetCertifiers(overlay).value(), (std::vector<AccountId>{Acct(3), Acct(5), Acct(9)}));
  EXPECT_TRUE(PolicyState::IsCertifier(overlay, Acct(5)).value());
  EXPECT_FALSE(PolicyState::IsCertifier(overlay, certifier_).value());
  PolicyState::PutCertifiers(overlay, {});
  EXPECT_TRUE(PolicyState::GetCertifiers(overlay).value().empty());
}

TEST_F(DirectoryTwinsTest, PolicyPutAddsOrReplaces) {
  StateOverlay overlay(state_);
  chain::PricingPolicy p = genesis_.pricing_policies[0];
  p.id = 2;
  p.name = "second";
  ASSERT_TRUE(PolicyState::PutPricingPolicy(overlay, p).ok());
  EXPECT_EQ(PolicyState::GetPricingPolicyCount(overlay).value(), 2u);
  p.cu = 1;
  ASSERT_TRUE(PolicyState::PutPricingPolicy(overlay, p).ok());  // replace: the count stays
  EXPECT_EQ(PolicyState::GetPricingPolicyCount(overlay).value(), 2u);
  EXPECT_EQ(PolicyState::GetPricingPolicy(overlay, 2).value()->cu, 1u);
  EXPECT_EQ(PolicyState::GetFarmingPolicyCount(overlay).value(), 2u);
}

}  // namespace
}  // namespace tfchain::contracts::testing
