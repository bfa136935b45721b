// The staking module's vocabulary on the wire and in JSON: calls (module 1), events
// (module 1), and the state records.
#include <gtest/gtest.h>

#include <algorithm>
#include <nlohmann/json.hpp>

#include "chain/call.h"
#include "chain/event.h"
#include "chain/json.h"
#include "contracts/staking_state.h"

namespace tfchain::contracts {
namespace {

using chain::Bytes;
using nlohmann::json;

AccountId AccountOf(uint8_t b) {
  AccountId a;
  a.bytes.fill(b);
  return a;
}

void AppendLe(Bytes* out, uint64_t v, int n) {
  for (int i = 0; i < n; ++i) out->push_back(static_cast<uint8_t>(v >> (8 * i)));
}
void Append(Bytes* out, const AccountId& a) { out->insert(out->end(), a.bytes.begin(), a.bytes.end()); }

template <typename T>
void RoundTrip(const T& value) {
  const Bytes bytes = chain::Encode(value);
  auto back = chain::DecodeExact<T>(bytes, bytes.size());
  ASSERT_TRUE(back.ok()) << back.status().ToString();
  EXPECT_EQ(*back, value);
}

TEST(StakingCallCodecTest, EveryCallHasItsTagLayoutAndName) {
  struct Case {
    chain::Call call;
    std::string_view name;
    Bytes fields;
  };
  Bytes register_fields;
  Append(&register_fields, AccountOf(7));
  AppendLe(&register_fields, 50'000, 4);
  Bytes commission_fields;
  AppendLe(&commission_fields, 3, 4);
  Bytes bond_fields;
  Append(&bond_fields, AccountOf(8));
  AppendLe(&bond_fields, 0x0102, 8);
  const std::vector<Case> cases = {
      {chain::RegisterValidatorCall{AccountOf(7), 50'000}, "staking.register_validator", register_fields},
      {chain::SetCommissionCall{3}, "staking.set_commission", commission_fields},
      {chain::BondCall{AccountOf(8), 0x0102}, "staking.bond", bond_fields},
      {chain::UnbondCall{AccountOf(8), 0x0102}, "staking.unbond", bond_fields},
      {chain::WithdrawUnbondedCall{}, "staking.withdraw_unbonded", {}},
      {chain::UnjailCall{}, "staking.unjail", {}},
  };
  uint8_t index = 0;
  for (const Case& c : cases) {
    EXPECT_EQ(chain::CallName(c.call), c.name);
    Bytes expected(2 + c.fields.size());
    expected[0] = 1;
    expected[1] = index++;
    std::copy(c.fields.begin(), c.fields.end(), expected.begin() + 2);
    EXPECT_EQ(chain::Encode(c.call), expected) << c.name;
    RoundTrip(c.call);
  }
  Bytes unknown{1, 6};
  EXPECT_EQ(chain::DecodeExact<chain::Call>(unknown, 100).status().reason(), "decode-bad-tag");
  Bytes truncated{1, 2, 0};
  EXPECT_EQ(chain::DecodeExact<chain::Call>(truncated, 100).status().reason(), "decode-truncated");
}

TEST(StakingEventCodecTest, EveryEventRoundTripsWithItsTag) {
  const std::vector<std::pair<chain::Event, std::string_view>> events = {
      {chain::ValidatorRegisteredEvent{AccountOf(1), AccountOf(2), 3}, "staking.ValidatorRegistered"},
      {chain::BondedEvent{AccountOf(1), AccountOf(2), 3}, "staking.Bonded"},
      {chain::UnbondedEvent{AccountOf(1), AccountOf(2), 3, 4}, "staking.Unbonded"},
      {chain::WithdrawnEvent{AccountOf(2), 3}, "staking.Withdrawn"},
      {chain::CommissionChangedEvent{AccountOf(1), 9}, "staking.CommissionChanged"},
      {chain::ActiveSetChangedEvent{2, 42, {AccountOf(5), AccountOf(6)}}, "staking.ActiveSetChanged"},
      {chain::RewardPaidEvent{AccountOf(1), AccountOf(2), 3}, "staking.RewardPaid"},
      {chain::SlashedEvent{AccountOf(1), 3, chain::SlashReason::kDowntime}, "staking.Slashed"},
      {chain::JailedEvent{AccountOf(1), 77}, "staking.Jailed"},
      {chain::UnjailedEvent{AccountOf(1)}, "staking.Unjailed"},
      {chain::TombstonedEvent{AccountOf(1)}, "staking.Tombstoned"},
  };
  uint8_t index = 0;
  for (const auto& [event, name] : events) {
    EXPECT_EQ(chain::EventName(event), name);
    const Bytes bytes = chain::Encode(event);
    EXPECT_EQ(bytes[0], 1);
    EXPECT_EQ(bytes[1], index++);
    RoundTrip(event);
  }
  // Slashed := validator amount reason:u8; only 0 and 1 are reasons.
  Bytes slashed = chain::Encode(events[7].first);
  EXPECT_EQ(slashed.back(), 1);
  slashed.back() = 2;
  EXPECT_EQ(chain::DecodeExact<chain::Event>(slashed, 100).status().reason(), "decode-bad-value");
  // ActiveSetChanged members are bounded.
  chain::ActiveSetChangedEvent big{1, 3, std::vector<AccountId>(chain::kMaxValidators + 1)};
  const Bytes too_many = chain::Encode(chain::Event(big));
  EXPECT_EQ(chain::DecodeExact<chain::Event>(too_many, too_many.size()).status().reason(), "decode-oversize");
}

TEST(StakingJsonTest, CallsAndEventsHaveNamesAndArgs) {
  const std::string a = chain::ToSs58(AccountOf(1));
  const std::string b = chain::ToSs58(AccountOf(2));
  EXPECT_EQ(chain::ToJson(chain::Call(chain::BondCall{AccountOf(1), 5})),
            json({{"name", "staking.bond"}, {"args", {{"validator", a}, {"amount", "5"}}}}));
  EXPECT_EQ(
      chain::ToJson(chain::Call(chain::RegisterValidatorCall{AccountOf(2), 7})),
      json({{"name", "staking.register_validator"}, {"args", {{"consensus_key", b}, {"commission_permill", 7}}}}));
  EXPECT_EQ(chain::ToJson(chain::Call(chain::UnjailCall{})),
            json({{"name", "staking.unjail"}, {"args", json::object()}}));
  EXPECT_EQ(
      chain::ToJson(chain::Event(chain::SlashedEvent{AccountOf(1), 9, chain::SlashReason::kDoubleSign})),
      json({{"name", "staking.Slashed"}, {"args", {{"validator", a}, {"amount", "9"}, {"reason", "double-sign"}}}}));
  EXPECT_EQ(chain::ToJson(chain::Event(chain::ActiveSetChangedEvent{3, 62, {AccountOf(2)}})),
            json({{"name", "staking.ActiveSetChanged"},
                  {"args", {{"epoch", 3}, {"effective_height", 62}, {"members", {b}}}}}));
  EXPECT_EQ(chain::ToJson(chain::Event(chain::UnbondedEvent{AccountOf(1), AccountOf(2), 4, 99})),
            json({{"name", "staking.Unbonded"},
                  {"args", {{"validator", a}, {"account", b}, {"amount", "4"}, {"release_height", 99}}}}));
}

TEST(StakingStateCodecTest, RecordsRoundTrip) {
  RoundTrip(ValidatorRecord{AccountOf(3), 10, std::nullopt, 5, 9, false, 0, false});
  RoundTrip(ValidatorRecord{AccountOf(3), 10, 20u, 5, 9, true, 77, true});
  RoundTrip(UnbondingEntry{AccountOf(4), 100, 200});
  RoundTrip(SigningWindow{12, 3, Bytes{0x0F, 0x00}});
}

}  // namespace
}  // namespace tfchain::contracts
