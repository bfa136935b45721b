// Genesis: parsing of the staking fields (validators, staking params, the fee pool
// share) and each of their errors; the genesis state they give.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "chain/genesis.h"
#include "chain/hash.h"
#include "tests/unit/contracts/staking_test_util.h"

namespace tfchain::contracts::testing {
namespace {

using nlohmann::json;

class StakingGenesisTest : public ::testing::Test {
 protected:
  StakingGenesisTest() : op_(tfchain::testing::TestKey(1, 1)), key_(tfchain::testing::TestKey(1, 2)) {}

  json Valid() const {
    return {
        {"chain_id", "genesis-test"},
        {"genesis_time_ms", 1000},
        {"consensus",
         {{"block_time_ms", 1000},
          {"max_block_bytes", 65536},
          {"max_block_txs", 100},
          {"max_tx_bytes", 4096},
          {"timeout_propose_ms", 3000},
          {"timeout_propose_delta_ms", 500},
          {"timeout_prevote_ms", 1000},
          {"timeout_prevote_delta_ms", 500},
          {"timeout_precommit_ms", 1000},
          {"timeout_precommit_delta_ms", 500}}},
        {"fees", {{"base_fee", "10"}, {"fee_per_byte", 1}, {"proposer_share_percent", 20}, {"pool_share_percent", 30}}},
        {"staking",
         {{"max_validators", 10},
          {"epoch_length", 20},
          {"unbonding_period", 100},
          {"min_validator_bond", "1000"},
          {"double_sign_slash_permill", 50000},
          {"downtime_slash_permill", 1000},
          {"downtime_window", 50},
          {"min_signed_per_window", 25},
          {"jail_duration", 20},
          {"evidence_max_age", 50},
          {"epoch_reward", "500"},
          {"pool_balance", "7000"}}},
        {"balances", json::array({{{"account", chain::ToSs58(op_.account_id())}, {"amount", "5000"}}})},
        {"validators", json::array({{{"name", "one"},
                                     {"account", chain::ToSs58(op_.account_id())},
                                     {"consensus_key", chain::ToSs58(key_.account_id())},
                                     {"stake", "4000"},
                                     {"commission_permill", 100000}}})},
    };
  }

  static chain::Result<chain::Genesis> Parse(const json& j) { return chain::ParseGenesisJson(j.dump()); }

  // Expects `j` refused with bad-genesis naming `field`.
  static void Refused(const json& j, std::string_view field) {
    auto g = Parse(j);
    ASSERT_FALSE(g.ok()) << "accepted: " << j.dump();
    EXPECT_EQ(g.status().reason(), "bad-genesis");
    EXPECT_NE(g.status().detail().find(field), std::string_view::npos) << g.status().ToString();
  }

  SecretKey op_, key_;
};

TEST_F(StakingGenesisTest, ParsesEveryStakingField) {
  auto g = Parse(Valid());
  ASSERT_TRUE(g.ok()) << g.status().ToString();
  EXPECT_EQ(g->fees.proposer_share_percent, 20u);
  EXPECT_EQ(g->fees.pool_share_percent, 30u);
  const chain::StakingParams& s = g->staking;
  EXPECT_EQ(s.max_validators, 10u);
  EXPECT_EQ(s.epoch_length, 20u);
  EXPECT_EQ(s.unbonding_period, 100u);
  EXPECT_EQ(s.min_validator_bond, 1000u);
  EXPECT_EQ(s.double_sign_slash_permill, 50000u);
  EXPECT_EQ(s.downtime_slash_permill, 1000u);
  EXPECT_EQ(s.downtime_window, 50u);
  EXPECT_EQ(s.min_signed_per_window, 25u);
  EXPECT_EQ(s.jail_duration, 20u);
  EXPECT_EQ(s.evidence_max_age, 50u);
  EXPECT_EQ(s.epoch_reward, 500u);
  EXPECT_EQ(s.pool_balance, 7000u);
  ASSERT_EQ(g->validators.size(), 1u);
  EXPECT_EQ(g->validators[0], (chain::GenesisValidator{"one", op_.account_id(), {key_.account_id(), 4000}, 100000}));
}

TEST_F(StakingGenesisTest, RefusesBadStakingFields) {
  const auto with = [&](const std::string& section, const std::string& key, json value) {
    json j = Valid();
    j[section][key] = std::move(value);
    return j;
  };
  json no_staking = Valid();
  no_staking.erase("staking");
  Refused(no_staking, "staking");
  json missing = Valid();
  missing["staking"].erase("jail_duration");
  Refused(missing, "staking.jail_duration");
  Refused(with("staking", "bogus", 1), "staking.bogus");
  Refused(with("staking", "max_validators", 0), "staking.max_validators");
  Refused(with("staking", "max_validators", 1025), "staking.max_validators");
  Refused(with("staking", "epoch_length", 0), "staking.epoch_length");
  Refused(with("staking", "unbonding_period", 0), "staking.unbonding_period");
  Refused(with("staking", "min_validator_bond", "0"), "staking.min_validator_bond");
  Refused(with("staking", "double_sign_slash_permill", 1000001), "staking.double_sign_slash_permill");
  Refused(with("staking", "downtime_slash_permill", -1), "staking.downtime_slash_permill");
  Refused(with("staking", "downtime_window", 0), "staking.downtime_window");
  Refused(with("staking", "downtime_window", 65537), "staking.downtime_window");
  Refused(with("staking", "min_signed_per_window", 51), "staking.min_signed_per_window");
  Refused(with("staking", "jail_duration", 0), "staking.jail_duration");
  Refused(with("staking", "evidence_max_age", 100), "staking.evidence_max_age");  // == unbonding_period
  Refused(with("staking", "epoch_reward", "1.5"), "staking.epoch_reward");
  Refused(with("staking", "pool_balance", "18446744073709551615"), "staking.pool_balance");  // supply overflow
  Refused(with("fees", "pool_share_percent", 81), "fees.pool_share_percent");                // 20 + 81 > 100
  json no_pool_share = Valid();
  no_pool_share["fees"].erase("pool_share_percent");
  Refused(no_pool_share, "fees.pool_share_percent");
  // The edges that are allowed.
  EXPECT_TRUE(Parse(with("fees", "pool_share_percent", 80)).ok());
  EXPECT_TRUE(Parse(with("staking", "evidence_max_age", 99)).ok());
  EXPECT_TRUE(Parse(with("staking", "min_signed_per_window", 50)).ok());
}

TEST_F(StakingGenesisTest, RefusesBadValidators) {
  const auto with = [&](const std::string& key, json value) {
    json j = Valid();
    j["validators"][0][key] = std::move(value);
    return j;
  };
  Refused(with("power", 1), "validators[0].power");  // the old schema
  json missing = Valid();
  missing["validators"][0].erase("consensus_key");
  Refused(missing, "validators[0].consensus_key");
  Refused(with("consensus_key", "not-an-address"), "validators[0].consensus_key");
  AccountId identity;
  identity.bytes[0] = 1;  // a small-order point: no valid ed25519 key
  Refused(with("consensus_key", chain::ToSs58(identity)), "validators[0].consensus_key");
  Refused(with("stake", "999"), "validators[0].stake");                               // below min_validator_bond
  Refused(with("stake", "5001"), "validators[0].stake");                              // above the balance
  Refused(with("account", chain::ToSs58(key_.account_id())), "validators[0].stake");  // no balance at all
  Refused(with("commission_permill", 1000001), "validators[0].commission_permill");
  json empty = Valid();
  empty["validators"] = json::array();
  Refused(empty, "validators");

  json two = Valid();
  const SecretKey other = tfchain::testing::TestKey(2, 1);
  two["balances"].push_back({{"account", chain::ToSs58(other.account_id())}, {"amount", "5000"}});
  json second = two["validators"][0];
  second["account"] = chain::ToSs58(other.account_id());
  two["validators"].push_back(second);
  Refused(two, "validators[1].consensus_key");  // the same key twice
  two["validators"][1]["consensus_key"] = chain::ToSs58(tfchain::testing::TestKey(2, 2).account_id());
  EXPECT_TRUE(Parse(two).ok());
  two["validators"][1]["account"] = chain::ToSs58(op_.account_id());
  Refused(two, "validators[1].account");  // one validator per operator
}

TEST_F(StakingGenesisTest, GenesisStateReservesStakesAndFundsThePool) {
  auto g = Parse(Valid());
  ASSERT_TRUE(g.ok());
  Runtime runtime(*g);
  tfchain::testing::MapState state;
  StateOverlay overlay(state);
  std::vector<chain::Event> events;
  ASSERT_TRUE(runtime.InitGenesis(overlay, &events).ok());
  EXPECT_EQ(Balances::GetAccount(overlay, op_.account_id())->free, 1000u);
  EXPECT_EQ(Balances::GetAccount(overlay, op_.account_id())->reserved, 4000u);
  EXPECT_EQ(Balances::GetAccount(overlay, chain::StakingPoolAccount())->free, 7000u);
  EXPECT_EQ(*Balances::TotalIssuance(overlay), 12000u);
  const std::vector<chain::Validator> set{{key_.account_id(), 4000}};
  EXPECT_EQ(*runtime.GetValidatorSets(overlay), (ValidatorSets{set, set, set}));
  EXPECT_EQ(events, (std::vector<chain::Event>{
                        chain::EndowedEvent{op_.account_id(), 5000},
                        chain::EndowedEvent{chain::StakingPoolAccount(), 7000},
                        chain::ValidatorRegisteredEvent{op_.account_id(), key_.account_id(), 100000},
                        chain::BondedEvent{op_.account_id(), op_.account_id(), 4000},
                        chain::ActiveSetChangedEvent{0, 1, {key_.account_id()}},
                    }));
}

TEST_F(StakingGenesisTest, GenesisInCodeWithoutFundsIsAnError) {
  chain::Genesis g;
  g.chain_id = "in-code";
  g.validators = {{"broke", op_.account_id(), {key_.account_id(), 10}, 0}};
  Runtime runtime(g);
  tfchain::testing::MapState state;
  StateOverlay overlay(state);
  std::vector<chain::Event> events;
  const Status s = runtime.InitGenesis(overlay, &events);
  EXPECT_EQ(s.reason(), "insufficient-balance");
  g.balances = {{op_.account_id(), 10}};
  g.staking.min_validator_bond = 11;  // registered and bonded, but no one qualifies
  Runtime too_small(g);
  StateOverlay overlay2(state);
  EXPECT_EQ(too_small.InitGenesis(overlay2, &events).reason(), "bad-genesis");
}

TEST(StakingPoolTest, AccountIsTheHashOfItsName) {
  EXPECT_EQ(chain::StakingPoolAccount().bytes, chain::Blake2b256(chain::AsBytes("tfchain/staking-pool")).bytes);
}

}  // namespace
}  // namespace tfchain::contracts::testing
