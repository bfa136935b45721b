// The command line of the grid commands (twin, farm, node, farming, gov): what each
// parses to, and every bad argument refused before anything runs.
#include <gtest/gtest.h>

#include "wallet/cli.h"

namespace tfchain::wallet {
namespace {

class GridCliTest : public ::testing::Test {
 protected:
  static chain::Result<Invocation> Parse(std::vector<std::string> args) {
    return ParseCommandLine(args, [](std::string_view) { return std::optional<std::string>(); });
  }
  template <typename T>
  static T ParseAs(std::vector<std::string> args) {
    auto parsed = Parse(args);
    EXPECT_TRUE(parsed.ok()) << ::testing::PrintToString(args) << ": " << parsed.status().ToString();
    if (!parsed.ok() || !std::holds_alternative<T>(parsed->command)) {
      ADD_FAILURE() << "wrong command for " << ::testing::PrintToString(args);
      return T{};
    }
    return std::get<T>(parsed->command);
  }
  // Expects a failure with `reason` whose detail contains `fragment`.
  static void ExpectError(std::vector<std::string> args, std::string_view reason, std::string_view fragment) {
    auto parsed = Parse(args);
    ASSERT_FALSE(parsed.ok()) << "accepted: " << ::testing::PrintToString(args);
    EXPECT_EQ(parsed.status().reason(), reason) << parsed.status().ToString();
    EXPECT_NE(parsed.status().detail().find(fragment), std::string_view::npos) << parsed.status().ToString();
  }
};

TEST_F(GridCliTest, Twin) {
  auto create = ParseAs<TwinCommand>({"twin", "create", "--from", "alice"});
  EXPECT_FALSE(create.update);
  EXPECT_EQ(create.tx.from, "alice");
  EXPECT_FALSE(create.relay.has_value());
  EXPECT_FALSE(create.public_key.has_value());
  auto update = ParseAs<TwinCommand>(
      {"twin", "update", "--from", "//Alice", "--relay", "relay.example.org", "--public-key", "0x0102ff", "--dry-run"});
  EXPECT_TRUE(update.update);
  EXPECT_EQ(update.relay, "relay.example.org");
  EXPECT_EQ(update.public_key, (chain::Bytes{0x01, 0x02, 0xff}));
  EXPECT_TRUE(update.tx.dry_run);

  auto by_id = ParseAs<TwinShowCommand>({"twin", "show", "42"});
  EXPECT_EQ(by_id.twin_id, 42u);
  EXPECT_FALSE(by_id.account.has_value());
  auto by_account = ParseAs<TwinShowCommand>({"twin", "show", "alice"});
  EXPECT_EQ(by_account.account, "alice");
  auto keystore = ParseAs<TwinShowCommand>({"twin", "show"});
  EXPECT_FALSE(keystore.twin_id.has_value());
  EXPECT_FALSE(keystore.account.has_value());

  ExpectError({"twin", "update", "--from", "a"}, "usage", "twin update needs --relay or --public-key");
  ExpectError({"twin", "create", "--from", "a", "--public-key", "xyz"}, "bad-hex", "--public-key 'xyz'");
  ExpectError({"twin", "create", "--from", "a", "--public-key", "0x"}, "usage", "at least one byte");
  ExpectError({"twin", "create", "--from", "a", "--relay", ""}, "usage", "--relay needs a value");
  ExpectError({"twin", "create"}, "usage", "missing --from");
  ExpectError({"twin", "show", "0"}, "usage", "TWIN_ID must be an id 1..4294967295, not '0'");
  ExpectError({"twin", "show", "4294967296"}, "usage", "TWIN_ID must be an id");
  ExpectError({"twin", "show", "a", "b"}, "usage", "unexpected argument 'b'");
  ExpectError({"twin"}, "usage", "missing subcommand for 'twin' (one of: create, update, show)");
}

TEST_F(GridCliTest, Farm) {
  auto create = ParseAs<FarmCommand>({"farm", "create", "my-farm", "--from", "a"});
  EXPECT_EQ(create.action, FarmCommand::Action::kCreate);
  EXPECT_EQ(create.name, "my-farm");
  EXPECT_EQ(create.pricing_policy_id, 1u);
  EXPECT_EQ(ParseAs<FarmCommand>({"farm", "create", "f", "--from", "a", "--pricing-policy", "3"}).pricing_policy_id,
            3u);
  auto add = ParseAs<FarmCommand>({"farm", "add-ip", "7", "185.69.166.10/24", "185.69.166.1", "--from", "a"});
  EXPECT_EQ(add.action, FarmCommand::Action::kAddIp);
  EXPECT_EQ(add.farm_id, 7u);
  EXPECT_EQ(add.ip, "185.69.166.10/24");
  EXPECT_EQ(add.gateway, "185.69.166.1");
  // Bad IPs are the chain's to judge: passed through as typed.
  auto odd = ParseAs<FarmCommand>({"farm", "add-ip", "7", "not-an-ip", "10.0.0.1", "--from", "a"});
  EXPECT_EQ(odd.ip, "not-an-ip");
  auto remove = ParseAs<FarmCommand>({"farm", "remove-ip", "7", "185.69.166.10", "--from", "a"});
  EXPECT_EQ(remove.action, FarmCommand::Action::kRemoveIp);
  EXPECT_EQ(remove.ip, "185.69.166.10");
  auto dedicated = ParseAs<FarmCommand>({"farm", "set-dedicated", "7", "true", "--from", "a"});
  EXPECT_EQ(dedicated.action, FarmCommand::Action::kSetDedicated);
  EXPECT_TRUE(dedicated.dedicated);
  EXPECT_FALSE(ParseAs<FarmCommand>({"farm", "set-dedicated", "7", "false", "--from", "a"}).dedicated);

  EXPECT_EQ(ParseAs<FarmShowCommand>({"farm", "show", "12"}).farm_id, 12u);
  auto by_name = ParseAs<FarmShowCommand>({"farm", "show", "Freefarm"});
  EXPECT_FALSE(by_name.farm_id.has_value());
  EXPECT_EQ(by_name.name, "Freefarm");
  auto list = ParseAs<FarmListCommand>({"farm", "list", "--offset", "100", "--limit", "500"});
  EXPECT_EQ(list.page.offset, 100u);
  EXPECT_EQ(list.page.limit, 500u);
  EXPECT_EQ(ParseAs<FarmListCommand>({"farm", "list"}).page.limit, 50u);

  ExpectError({"farm", "add-ip", "x", "1.1.1.1/24", "1.1.1.2", "--from", "a"}, "usage",
              "FARM_ID must be an id 1..4294967295, not 'x'");
  ExpectError({"farm", "add-ip", "-1", "1.1.1.1/24", "1.1.1.2", "--from", "a"}, "usage", "unknown option '-1'");
  ExpectError({"farm", "add-ip", "1", "1.1.1.1/24", "--from", "a"}, "usage", "missing argument GATEWAY");
  ExpectError({"farm", "set-dedicated", "1", "yes", "--from", "a"}, "usage",
              "the dedicated flag must be true or false, not 'yes'");
  ExpectError({"farm", "create", "f", "--from", "a", "--pricing-policy", "0"}, "usage", "--pricing-policy must be an id");
  ExpectError({"farm", "list", "--limit", "0"}, "usage", "--limit must be 1..500, not '0'");
  ExpectError({"farm", "list", "--limit", "501"}, "usage", "--limit must be 1..500");
  ExpectError({"farm", "list", "--offset", "-3"}, "usage", "--offset must be a whole number 0..18446744073709551615, not '-3'");
  ExpectError({"farm", "list", "--offset", "x"}, "usage", "--offset must be a whole number");
  ExpectError({"farm", "show"}, "usage", "missing argument ID|NAME");
  ExpectError({"farm", "plant", "x"}, "usage", "unknown command 'farm plant'");
}

TEST_F(GridCliTest, NodeListAndFind) {
  auto list = ParseAs<NodeListCommand>({"node", "list"});
  EXPECT_FALSE(list.find);
  EXPECT_EQ(list.sort, "node_id");
  EXPECT_EQ(list.page.offset, 0u);
  EXPECT_EQ(list.page.limit, 50u);

  auto find = ParseAs<NodeListCommand>({"node", "find", "--free-cru", "4", "--free-mru", "8GB", "--free-sru", "100GB",
                                        "--free-hru", "1.5TB", "--country", "Belgium", "--city", "Ghent", "--farm",
                                        "3", "--certified", "--has-free-ip", "--dedicated", "--status", "standby",
                                        "--sort", "free_mru", "--limit", "10", "--offset", "20"});
  EXPECT_TRUE(find.find);
  const NodeFilterOptions& f = find.filter;
  EXPECT_EQ(f.free_cru, 4u);
  EXPECT_EQ(f.free_mru, 8ull << 30);
  EXPECT_EQ(f.free_sru, 100ull << 30);
  EXPECT_EQ(f.free_hru, (3ull << 40) / 2);
  EXPECT_EQ(f.country, "Belgium");
  EXPECT_EQ(f.city, "Ghent");
  EXPECT_EQ(f.farm_id, 3u);
  EXPECT_TRUE(f.certified);
  EXPECT_TRUE(f.has_free_ip);
  EXPECT_TRUE(f.dedicated);
  EXPECT_EQ(f.status, "standby");
  EXPECT_EQ(find.sort, "free_mru");
  EXPECT_EQ(find.page.limit, 10u);
  EXPECT_EQ(find.page.offset, 20u);
  auto empty = ParseAs<NodeListCommand>({"node", "find"});
  EXPECT_TRUE(empty.find);
  EXPECT_FALSE(empty.filter.free_mru.has_value());
  EXPECT_FALSE(empty.filter.certified);

  ExpectError({"node", "find", "--free-mru", "8"}, "bad-size", "--free-mru: '8' needs a unit");
  ExpectError({"node", "find", "--free-sru", "lots"}, "bad-size", "--free-sru: 'lots'");
  ExpectError({"node", "find", "--free-hru", "1PB"}, "bad-size", "unknown unit");
  ExpectError({"node", "find", "--free-cru", "4.5"}, "usage", "--free-cru must be a whole number");
  ExpectError({"node", "find", "--status", "sleeping"}, "usage", "--status must be up, standby or down");
  ExpectError({"node", "find", "--sort", "price"}, "usage", "--sort must be node_id, free_cru");
  ExpectError({"node", "find", "--farm", "0"}, "usage", "--farm must be an id");
  ExpectError({"node", "find", "--limit", "1000"}, "usage", "--limit must be 1..500");
  ExpectError({"node", "find", "--country", ""}, "usage", "--country needs a value");
  ExpectError({"node", "find", "--certified=yes"}, "usage", "option --certified takes no value");
  ExpectError({"node", "find", "--free-mru", "8GB", "--free-mru", "9GB"}, "usage", "given more than once");
  // Filters belong to find, not list.
  ExpectError({"node", "list", "--country", "BE"}, "usage", "unknown option '--country' for 'node list'");
}

TEST_F(GridCliTest, NodeShowAndPowerTarget) {
  EXPECT_EQ(ParseAs<NodeShowCommand>({"node", "show", "9"}).node_id, 9u);
  auto down = ParseAs<NodePowerTargetCommand>({"node", "power-target", "9", "down", "--from", "a"});
  EXPECT_EQ(down.node_id, 9u);
  EXPECT_EQ(down.target, chain::PowerState::kDown);
  EXPECT_EQ(ParseAs<NodePowerTargetCommand>({"node", "power-target", "9", "up", "--from", "a"}).target,
            chain::PowerState::kUp);
  ExpectError({"node", "show", "nine"}, "usage", "ID must be an id 1..4294967295, not 'nine'");
  ExpectError({"node", "power-target", "9", "off", "--from", "a"}, "usage", "the power target must be up or down");
  ExpectError({"node", "power-target", "9", "up"}, "usage", "missing --from");
}

TEST_F(GridCliTest, FarmingRewards) {
  auto all = ParseAs<FarmingRewardsCommand>({"farming", "rewards"});
  EXPECT_FALSE(all.node_id.has_value());
  EXPECT_FALSE(all.farm_id.has_value());
  EXPECT_FALSE(all.period.has_value());
  EXPECT_EQ(all.page.limit, 100u);
  auto some = ParseAs<FarmingRewardsCommand>(
      {"farming", "rewards", "--node", "4", "--farm", "2", "--period", "0", "--offset", "5", "--limit", "7"});
  EXPECT_EQ(some.node_id, 4u);
  EXPECT_EQ(some.farm_id, 2u);
  EXPECT_EQ(some.period, 0u);
  EXPECT_EQ(some.page.offset, 5u);
  EXPECT_EQ(some.page.limit, 7u);
  EXPECT_EQ(ParseAs<FarmingRewardsCommand>({"farming", "rewards", "--offset", "5"}).page.limit, 100u);
  ExpectError({"farming", "rewards", "--node", "x"}, "usage", "--node must be an id");
  ExpectError({"farming", "rewards", "--period", "-1"}, "usage", "--period must be a whole number");
  ExpectError({"farming"}, "usage", "missing subcommand for 'farming' (one of: rewards)");
}

TEST_F(GridCliTest, GovPropose) {
  auto price = ParseAs<GovProposeCommand>(
      {"gov", "propose", "set-tft-price", "95", "--from", "a", "--description", "market moved"});
  EXPECT_EQ(price.kind, "set-tft-price");
  EXPECT_EQ(price.tft_price_musd, 95u);
  EXPECT_EQ(price.description, "market moved");
  auto certifier = ParseAs<GovProposeCommand>({"gov", "propose", "set-certifier", "//Bob", "add", "--from", "a"});
  EXPECT_EQ(certifier.certifier, "//Bob");
  EXPECT_TRUE(certifier.member);
  EXPECT_FALSE(
      ParseAs<GovProposeCommand>({"gov", "propose", "set-certifier", "bob", "remove", "--from", "a"}).member);
  for (const char* kind : {"set-pricing-policy", "set-farming-policy", "set-grid-params", "set-governance-params"}) {
    auto file = ParseAs<GovProposeCommand>({"gov", "propose", kind, "/tmp/p.json", "--from", "a"});
    EXPECT_EQ(file.kind, kind);
    EXPECT_EQ(file.file, "/tmp/p.json");
  }

  ExpectError({"gov", "propose", "set-tft-price", "0", "--from", "a"}, "usage", "at least 1");
  ExpectError({"gov", "propose", "set-tft-price", "0.08", "--from", "a"}, "usage", "not '0.08'");
  ExpectError({"gov", "propose", "set-certifier", "bob", "--from", "a"}, "usage", "missing add|remove");
  ExpectError({"gov", "propose", "set-certifier", "bob", "maybe", "--from", "a"}, "usage",
              "the certifier change must be add or remove");
  ExpectError({"gov", "propose", "set-tft-price", "80", "extra", "--from", "a"}, "usage", "unexpected argument 'extra'");
  auto approve = ParseAs<GovProposeCommand>({"gov", "propose", "approve-solution-provider", "4", "yes", "--from", "a"});
  EXPECT_EQ(approve.kind, "approve-solution-provider");
  EXPECT_EQ(approve.provider_id, 4u);
  EXPECT_TRUE(approve.approved);
  EXPECT_FALSE(
      ParseAs<GovProposeCommand>({"gov", "propose", "approve-solution-provider", "4", "no", "--from", "a"}).approved);
  ExpectError({"gov", "propose", "approve-solution-provider", "0", "yes", "--from", "a"}, "usage",
              "the solution provider ID must be an id");
  ExpectError({"gov", "propose", "approve-solution-provider", "x1", "yes", "--from", "a"}, "usage", "not 'x1'");
  ExpectError({"gov", "propose", "approve-solution-provider", "4", "maybe", "--from", "a"}, "usage",
              "the approval must be yes or no");
  ExpectError({"gov", "propose", "approve-solution-provider", "4", "--from", "a"}, "usage", "missing yes|no");
  ExpectError({"gov", "propose", "fire-everyone", "now", "--from", "a"}, "usage", "unknown proposal kind 'fire-everyone'");
  ExpectError({"gov", "propose", "set-tft-price", "--from", "a"}, "usage", "missing argument ARG");
  ExpectError({"gov", "propose", "set-tft-price", "80", "--from", "a", "--description", std::string(1025, 'x')},
              "description-too-long", "1025 bytes");
}

TEST_F(GridCliTest, GovVoteListShow) {
  auto yes = ParseAs<GovVoteCommand>({"gov", "vote", "3", "yes", "--from", "a"});
  EXPECT_EQ(yes.proposal_id, 3u);
  EXPECT_TRUE(yes.approve);
  EXPECT_FALSE(ParseAs<GovVoteCommand>({"gov", "vote", "3", "no", "--from", "a"}).approve);
  EXPECT_FALSE(ParseAs<GovListCommand>({"gov", "list"}).status.has_value());
  EXPECT_EQ(ParseAs<GovListCommand>({"gov", "list", "--status", "enacted"}).status, "enacted");
  EXPECT_EQ(ParseAs<GovShowCommand>({"gov", "show", "8"}).id, 8u);
  ExpectError({"gov", "vote", "3", "maybe", "--from", "a"}, "usage", "the vote must be yes or no, not 'maybe'");
  ExpectError({"gov", "vote", "x", "yes", "--from", "a"}, "usage", "ID must be an id");
  ExpectError({"gov", "list", "--status", "closed"}, "usage", "--status must be open, enacted or rejected");
  ExpectError({"gov", "show", "0"}, "usage", "ID must be an id");
}

TEST_F(GridCliTest, HelpForEveryGridCommand) {
  for (const char* topic : {"twin create", "twin update", "twin show", "farm create", "farm show", "farm list",
                            "farm add-ip", "farm remove-ip", "farm set-dedicated", "node list", "node show",
                            "node find", "node power-target", "farming rewards", "gov propose", "gov vote", "gov list",
                            "gov show"}) {
    auto text = HelpText(topic);
    ASSERT_TRUE(text.has_value()) << topic;
    EXPECT_EQ(text->rfind("Usage: tfwallet " + std::string(topic), 0), 0u) << *text;
  }
  // Transaction-sending commands list the shared options.
  EXPECT_NE(HelpText("farm add-ip")->find("--dry-run"), std::string::npos);
  EXPECT_NE(HelpText("gov propose")->find("--description TEXT"), std::string::npos);
  EXPECT_NE(HelpText("gov propose")->find("--valid-for"), std::string::npos);
  EXPECT_EQ(HelpText("node find")->find("--dry-run"), std::string::npos);
  EXPECT_NE(HelpText("node find")->find("1 KB = 1024 B"), std::string::npos);
  // Groups list their subcommands; the overview names every group.
  EXPECT_NE(HelpText("farm")->find("tfwallet farm add-ip FARM_ID IP/CIDR GATEWAY"), std::string::npos);
  EXPECT_NE(HelpText("gov")->find("tfwallet gov vote ID yes|no"), std::string::npos);
  for (const char* group : {"twin", "farm", "node", "farming", "gov"}) {
    EXPECT_NE(HelpText("")->find(std::string("\n  ") + group + " "), std::string::npos) << group;
  }
  auto help = Parse({"node", "find", "--help"});
  ASSERT_TRUE(help.ok());
  EXPECT_EQ(std::get<HelpCommand>(help->command).topic, "node find");
}

}  // namespace
}  // namespace tfchain::wallet
