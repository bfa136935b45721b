#include "node/config.h"

#include <gtest/gtest.h>

#include "chain/genesis.h"

namespace tfchain::node {
namespace {

chain::Result<DaemonConfig> Parse(std::initializer_list<std::string_view> args) {
  std::vector<std::string_view> v(args);
  return ParseDaemonArgs(v);
}

TEST(DaemonConfigTest, ParsesDevOptions) {
  auto c = Parse({"--dev", "--data-dir", "/tmp/x", "--rpc-port", "0", "--block-time-ms", "250", "--name", "n1",
                  "--log-level", "warn", "--rpc-host", "0.0.0.0", "--rpc-admin-token", "t"});
  ASSERT_TRUE(c.ok()) << c.status().ToString();
  EXPECT_TRUE(c->dev);
  EXPECT_EQ(*c->data_dir, "/tmp/x");
  EXPECT_EQ(c->rpc_port, 0);
  EXPECT_EQ(*c->block_time_ms, 250u);
  EXPECT_EQ(c->node_name, "n1");
  EXPECT_EQ(c->log_level, LogLevel::kWarn);
  EXPECT_EQ(c->rpc_host, "0.0.0.0");
  EXPECT_EQ(c->rpc_admin_token, "t");
}

TEST(DaemonConfigTest, RejectsBadArguments) {
  for (auto args : std::vector<std::vector<std::string_view>>{
           {},                                   // no mode
           {"--dev", "--bogus"},                 // unknown
           {"--dev", "--rpc-port"},              // missing value
           {"--dev", "--rpc-port", "65536"},     // out of range
           {"--dev", "--rpc-port", "-1"},        // not a number
           {"--dev", "--rpc-port", "12ab"},      // trailing junk
           {"--dev", "--block-time-ms", "1"},    // below 10
           {"--dev", "--log-level", "loud"},     // unknown level
           {"--dev", "--data-dir", ""},          // empty
           {"--dev", "--name", ""},              // empty
       }) {
    auto c = ParseDaemonArgs(args);
    EXPECT_FALSE(c.ok());
    EXPECT_EQ(c.status().reason(), "bad-argument");
    EXPECT_FALSE(c.status().detail().empty());
  }
}

TEST(DaemonConfigTest, HelpAndVersionNeedNoMode) {
  EXPECT_TRUE(Parse({"--help"})->help);
  EXPECT_TRUE(Parse({"--version"})->version);
}

TEST(DevnetGenesisTest, TheBuiltInGenesisParsesAndFundsTheDevAccounts) {
  auto g = chain::ParseGenesisJson(kDevnetGenesisJson);
  ASSERT_TRUE(g.ok()) << g.status().ToString();
  EXPECT_EQ(g->chain_id, "tfchain-devnet");
  EXPECT_EQ(g->balances.size(), 6u);
  ASSERT_EQ(g->validators.size(), 1u);
  EXPECT_EQ(chain::ToSs58(g->validators[0].validator.id), "5FA9nQDVg267DEd8m1ZypXLBnvN7SFxYwV7ndqSYGiN9TTpu");
  EXPECT_EQ(g->consensus.block_time_ms, 1000u);
}

}  // namespace
}  // namespace tfchain::node
