#include "node/config.h"

#include <gtest/gtest.h>

#include "chain/genesis.h"

namespace tfchain::node {
namespace {
using Mode = DaemonConfig::Mode;

chain::Result<DaemonConfig> Parse(std::initializer_list<std::string_view> args) {
  std::vector<std::string_view> v(args);
  return ParseDaemonArgs(v);
}

TEST(DaemonConfigTest, ParsesDevOptions) {
  auto c = Parse({"--dev", "--data-dir", "/tmp/x", "--rpc-port", "0", "--block-time-ms", "250", "--name", "n1",
                  "--log-level", "warn", "--rpc-host", "0.0.0.0", "--rpc-admin-token", "t"});
  ASSERT_TRUE(c.ok()) << c.status().ToString();
  EXPECT_EQ(c->mode, Mode::kDev);
  EXPECT_EQ(*c->data_dir, "/tmp/x");
  EXPECT_EQ(*c->rpc_port, 0);
  EXPECT_EQ(*c->block_time_ms, 250u);
  EXPECT_EQ(*c->node_name, "n1");
  EXPECT_EQ(c->log_level, LogLevel::kWarn);
  EXPECT_EQ(*c->rpc_host, "0.0.0.0");
  EXPECT_EQ(*c->rpc_admin_token, "t");
}

TEST(DaemonConfigTest, ParsesInitStartAndLocalnet) {
  auto init = Parse({"init", "--data-dir", "/d", "--chain-id", "my-chain"});
  ASSERT_TRUE(init.ok()) << init.status().ToString();
  EXPECT_EQ(init->mode, Mode::kInit);
  EXPECT_EQ(*init->chain_id, "my-chain");
  auto start = Parse({"start", "--data-dir", "/d", "--peers", "ab@127.0.0.1:1", "--p2p-port", "0"});
  ASSERT_TRUE(start.ok()) << start.status().ToString();
  EXPECT_EQ(start->mode, Mode::kStart);
  EXPECT_EQ(*start->p2p_port, 0);
  auto localnet = Parse({"localnet", "--validators", "4", "--out", "/o", "--base-p2p-port", "40000"});
  ASSERT_TRUE(localnet.ok()) << localnet.status().ToString();
  EXPECT_EQ(localnet->validators, 4u);
  EXPECT_EQ(localnet->base_p2p_port, 40000);
}

TEST(DaemonConfigTest, RejectsBadArguments) {
  for (auto args : std::vector<std::vector<std::string_view>>{
           {},                                            // no mode
           {"--bogus"},                                   // unknown mode
           {"--dev", "--bogus", "1"},                     // unknown option
           {"--dev", "--rpc-port"},                       // missing value
           {"--dev", "--rpc-port", "65536"},              // out of range
           {"--dev", "--rpc-port", "-1"},                 // not a number
           {"--dev", "--rpc-port", "12ab"},               // trailing junk
           {"--dev", "--block-time-ms", "1"},             // below 10
           {"--dev", "--log-level", "loud"},              // unknown level
           {"--dev", "--data-dir", ""},                   // empty
           {"--dev", "--name", ""},                       // empty
           {"--dev", "--peers", "x"},                     // not a dev option
           {"--dev", "stray"},                            // positional
           {"init"},                                      // needs --data-dir
           {"init", "--data-dir", "/d", "--chain-id", "Bad_Id"},
           {"start"},                                     // needs --data-dir
           {"localnet", "--out", "/o"},                   // needs --validators
           {"localnet", "--validators", "0", "--out", "/o"},
           {"localnet", "--validators", "65", "--out", "/o"},
           {"localnet", "--validators", "4"},             // needs --out
       }) {
    auto c = ParseDaemonArgs(args);
    EXPECT_FALSE(c.ok()) << (args.empty() ? "" : args[0]);
    EXPECT_EQ(c.status().reason(), "bad-argument");
    EXPECT_FALSE(c.status().detail().empty());
  }
}

TEST(DaemonConfigTest, HelpAndVersion) {
  EXPECT_EQ(Parse({"--help"})->mode, Mode::kHelp);
  EXPECT_EQ(Parse({"--version"})->mode, Mode::kVersion);
  EXPECT_EQ(Parse({"start", "--help"})->mode, Mode::kHelp);
}

TEST(DevnetGenesisTest, TheBuiltInGenesisParsesAndFundsTheDevAccounts) {
  auto g = chain::ParseGenesisJson(kDevnetGenesisJson);
  ASSERT_TRUE(g.ok()) << g.status().ToString();
  EXPECT_EQ(g->chain_id, "tfchain-devnet");
  EXPECT_GE(g->balances.size(), 6u);
  ASSERT_EQ(g->validators.size(), 1u);
  EXPECT_EQ(g->consensus.block_time_ms, 1000u);
  // //Alice operates the validator and signs blocks with her own ed25519 key.
  EXPECT_EQ(chain::ToSs58(g->validators[0].account), "5FA9nQDVg267DEd8m1ZypXLBnvN7SFxYwV7ndqSYGiN9TTpu");
  EXPECT_EQ(chain::ToSs58(g->validators[0].validator.id), "5FA9nQDVg267DEd8m1ZypXLBnvN7SFxYwV7ndqSYGiN9TTpu");
  EXPECT_EQ(g->validators[0].validator.power, 100'000 * chain::kUnitsPerTft);
  EXPECT_EQ(g->fees.pool_share_percent, 30u);
  const chain::StakingParams& s = g->staking;
  EXPECT_EQ(s.epoch_length, 20u);
  EXPECT_EQ(s.unbonding_period, 100u);
  EXPECT_EQ(s.evidence_max_age, 50u);
  EXPECT_EQ(s.downtime_window, 50u);
  EXPECT_EQ(s.min_signed_per_window, 25u);
  EXPECT_EQ(s.jail_duration, 20u);
  EXPECT_EQ(s.max_validators, 10u);
  EXPECT_EQ(s.epoch_reward, 100 * chain::kUnitsPerTft);
  EXPECT_EQ(s.pool_balance, 1'000'000 * chain::kUnitsPerTft);
}

}  // namespace
}  // namespace tfchain::node
