// The command line of the marketplace commands (contract, cost, funded-until, node
// set-extra-fee, service): what each parses to, and every bad argument refused before
// anything runs.
#include <gtest/gtest.h>

#include "wallet/cli.h"

namespace tfchain::wallet {
namespace {

constexpr uint64_t kGiB = 1ull << 30;

class ContractCliTest : public ::testing::Test {
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
  static void ExpectError(std::vector<std::string> args, std::string_view reason, std::string_view fragment) {
    auto parsed = Parse(args);
    ASSERT_FALSE(parsed.ok()) << "accepted: " << ::testing::PrintToString(args);
    EXPECT_EQ(parsed.status().reason(), reason) << parsed.status().ToString();
    EXPECT_NE(parsed.status().detail().find(fragment), std::string_view::npos) << parsed.status().ToString();
  }
  // `contract create-node --from a` followed by `extra`.
  static std::vector<std::string> CreateNode(std::vector<std::string> extra) {
    std::vector<std::string> args = {"contract", "create-node", "--from", "a"};
    args.insert(args.end(), extra.begin(), extra.end());
    return args;
  }
};

TEST_F(ContractCliTest, CreateNodeWithEverything) {
  auto c = ParseAs<ContractCreateNodeCommand>(
      CreateNode({"--node", "7", "--cpu", "2", "--memory", "4GB", "--ssd", "50GB", "--hdd", "1TB", "--public-ips", "2",
                  "--deployment-hash", "0x" + std::string(64, 'b'), "--data", "hello", "--solution-provider", "3"}));
  EXPECT_EQ(c.tx.from, "a");
  EXPECT_EQ(c.node_id, 7u);
  EXPECT_EQ(c.resources, (chain::Resources{2, 4 * kGiB, 50 * kGiB, 1024 * kGiB}));
  EXPECT_EQ(c.public_ips, 2u);
  ASSERT_TRUE(c.deployment.hash.has_value());
  EXPECT_EQ(c.deployment.hash->Hex(), "0x" + std::string(64, 'b'));
  EXPECT_FALSE(c.deployment.file.has_value());
  EXPECT_EQ(c.deployment.data, "hello");
  EXPECT_EQ(c.solution_provider_id, 3u);
}

TEST_F(ContractCliTest, CreateNodeDefaults) {
  auto c = ParseAs<ContractCreateNodeCommand>(CreateNode({"--node", "7", "--cpu", "1", "--memory", "256MB"}));
  EXPECT_EQ(c.resources, (chain::Resources{1, 256ull << 20, 0, 0}));
  EXPECT_EQ(c.public_ips, 0u);
  EXPECT_FALSE(c.deployment.hash.has_value());
  EXPECT_FALSE(c.deployment.file.has_value());
  EXPECT_FALSE(c.deployment.data.has_value());
  EXPECT_FALSE(c.solution_provider_id.has_value());
  auto file = ParseAs<ContractCreateNodeCommand>(
      CreateNode({"--node", "7", "--cpu", "1", "--memory", "1GB", "--deployment-file", "/tmp/x.yaml"}));
  EXPECT_EQ(file.deployment.file, "/tmp/x.yaml");
}

TEST_F(ContractCliTest, CreateNodeBadArguments) {
  const std::vector<std::string> base = {"--node", "7", "--cpu", "1", "--memory", "1GB"};
  auto with = [&](std::vector<std::string> extra) {
    std::vector<std::string> args = base;
    args.insert(args.end(), extra.begin(), extra.end());
    return CreateNode(args);
  };
  ExpectError(CreateNode({"--cpu", "1", "--memory", "1GB"}), "usage", "missing --node");
  ExpectError(CreateNode({"--node", "7", "--memory", "1GB"}), "usage", "missing --cpu");
  ExpectError(CreateNode({"--node", "7", "--cpu", "1"}), "usage", "missing --memory");
  ExpectError({"contract", "create-node", "--node", "7", "--cpu", "1", "--memory", "1GB"}, "usage", "missing --from");
  ExpectError(CreateNode({"--node", "0", "--cpu", "1", "--memory", "1GB"}), "usage", "--node must be an id");
  ExpectError(CreateNode({"--node", "-1", "--cpu", "1", "--memory", "1GB"}), "usage", "--node must be an id");
  ExpectError(CreateNode({"--node", "7", "--cpu", "-2", "--memory", "1GB"}), "usage",
              "--cpu must be a whole number of cores 1..4294967295, not '-2'");
  ExpectError(CreateNode({"--node", "7", "--cpu", "0", "--memory", "1GB"}), "usage", "--cpu must be");
  ExpectError(CreateNode({"--node", "7", "--cpu", "1.5", "--memory", "1GB"}), "usage", "--cpu must be");
  ExpectError(CreateNode({"--node", "7", "--cpu", "1", "--memory", "8"}), "bad-size", "--memory: '8' needs a unit");
  ExpectError(CreateNode({"--node", "7", "--cpu", "1", "--memory", "0GB"}), "usage", "--memory must be more than 0");
  ExpectError(with({"--ssd", "lots"}), "bad-size", "--ssd: 'lots'");
  ExpectError(with({"--hdd", "-1GB"}), "bad-size", "--hdd");
  ExpectError(with({"--public-ips", "17"}), "usage", "--public-ips must be a whole number 0..16, not '17'");
  ExpectError(with({"--public-ips", "-1"}), "usage", "--public-ips must be a whole number");
  ExpectError(with({"--deployment-hash", "0x1234"}), "bad-length", "--deployment-hash '0x1234' is not a 32-byte");
  ExpectError(with({"--deployment-hash", "0x" + std::string(64, 'g')}), "bad-hex", "--deployment-hash");
  ExpectError(with({"--deployment-hash", "0x" + std::string(66, 'a')}), "bad-length", "expected 32 bytes, got 33");
  ExpectError(with({"--deployment-hash", "0x" + std::string(64, 'a'), "--deployment-file", "f"}), "usage", "not both");
  ExpectError(with({"--deployment-file", ""}), "usage", "--deployment-file needs a value");
  ExpectError(with({"--data", std::string(513, 'x')}), "deployment-data-too-large",
              "--data has 513 bytes; the chain allows 512");
  ExpectError(with({"--solution-provider", "0"}), "usage", "--solution-provider must be an id");
  ExpectError(with({"--cores", "2"}), "usage", "unknown option '--cores' for 'contract create-node'");
  ExpectError(with({"--cpu", "2"}), "usage", "option --cpu given more than once");
  ExpectError(with({"--data"}), "usage", "missing value for --data");
  ExpectError(with({"extra"}), "usage", "unexpected argument 'extra'");
  // The largest data the chain takes is fine.
  EXPECT_EQ(ParseAs<ContractCreateNodeCommand>(with({"--data", std::string(512, 'x')})).deployment.data->size(), 512u);
}

TEST_F(ContractCliTest, Update) {
  auto c = ParseAs<ContractUpdateCommand>({"contract", "update", "12", "--from", "a", "--memory", "8GB"});
  EXPECT_EQ(c.contract_id, 12u);
  EXPECT_FALSE(c.resources.cru.has_value());
  EXPECT_EQ(c.resources.mru, 8 * kGiB);
  auto big =
      ParseAs<ContractUpdateCommand>({"contract", "update", "18446744073709551615", "--from", "a", "--data", ""});
  EXPECT_EQ(big.contract_id, 18446744073709551615ull);
  EXPECT_EQ(big.deployment.data, "");
  ExpectError({"contract", "update", "12", "--from", "a"}, "usage", "contract update needs a resource");
  ExpectError({"contract", "update", "0", "--from", "a", "--cpu", "1"}, "usage",
              "ID must be a contract id 1..18446744073709551615, not '0'");
  ExpectError({"contract", "update", "18446744073709551616", "--from", "a", "--cpu", "1"}, "usage",
              "ID must be a contract id");
  ExpectError({"contract", "update", "x", "--from", "a", "--cpu", "1"}, "usage", "ID must be a contract id");
  ExpectError({"contract", "update", "--from", "a", "--cpu", "1"}, "usage", "missing argument ID");
  ExpectError({"contract", "update", "1", "--from", "a", "--node", "2"}, "usage", "unknown option '--node'");
}

TEST_F(ContractCliTest, SingleCallCommands) {
  using Action = ContractCommand::Action;
  auto name = ParseAs<ContractCommand>({"contract", "create-name", "my-site_1", "--from", "a"});
  EXPECT_EQ(name.action, Action::kCreateName);
  EXPECT_EQ(name.name, "my-site_1");
  auto rent = ParseAs<ContractCommand>({"contract", "rent", "9", "--from", "a", "--solution-provider", "2"});
  EXPECT_EQ(rent.action, Action::kRent);
  EXPECT_EQ(rent.node_id, 9u);
  EXPECT_EQ(rent.solution_provider_id, 2u);
  auto cancel = ParseAs<ContractCommand>({"contract", "cancel", "4", "--from", "a"});
  EXPECT_EQ(cancel.action, Action::kCancel);
  EXPECT_EQ(cancel.contract_id, 4u);
  auto ack = ParseAs<ContractCommand>({"contract", "ack", "4", "failed", "--from", "node", "--message", "no image"});
  EXPECT_EQ(ack.action, Action::kAck);
  EXPECT_FALSE(ack.ok);
  EXPECT_EQ(ack.message, "no image");
  EXPECT_TRUE(ParseAs<ContractCommand>({"contract", "ack", "4", "ok", "--from", "node"}).ok);

  ExpectError({"contract", "create-name", "ab", "--from", "a"}, "bad-contract-name", "'ab' is not a contract name");
  ExpectError({"contract", "create-name", "My-Site", "--from", "a"}, "bad-contract-name", "3..64 characters");
  ExpectError({"contract", "create-name", std::string(65, 'a'), "--from", "a"}, "bad-contract-name", "");
  ExpectError({"contract", "create-name", "a.b.c", "--from", "a"}, "bad-contract-name", "");
  ExpectError({"contract", "rent", "zero", "--from", "a"}, "usage", "NODE must be an id");
  ExpectError({"contract", "cancel", "--from", "a"}, "usage", "missing argument ID");
  ExpectError({"contract", "cancel", "1", "2", "--from", "a"}, "usage", "unexpected argument '2'");
  ExpectError({"contract", "ack", "4", "yes", "--from", "n"}, "usage",
              "the deployment result must be ok or failed, not 'yes'");
  ExpectError({"contract", "ack", "4", "ok", "--from", "n", "--message", std::string(257, 'm')}, "ack-message-too-long",
              "--message has 257 bytes; the chain allows 256");
  ExpectError({"contract", "deploy"}, "usage", "unknown command 'contract deploy'");
  ExpectError({"contract"}, "usage", "missing subcommand for 'contract'");
}

TEST_F(ContractCliTest, ListShowBills) {
  auto by_twin = ParseAs<ContractListCommand>({"contract", "list", "--twin", "3"});
  EXPECT_EQ(by_twin.twin.twin_id, 3u);
  EXPECT_FALSE(by_twin.node_id.has_value());
  EXPECT_FALSE(by_twin.include_deleted);
  EXPECT_EQ(by_twin.page.limit, 100u);
  auto by_node =
      ParseAs<ContractListCommand>({"contract", "list", "--node", "5", "--all", "--offset", "10", "--limit", "20"});
  EXPECT_EQ(by_node.node_id, 5u);
  EXPECT_TRUE(by_node.include_deleted);
  EXPECT_EQ(by_node.page.offset, 10u);
  EXPECT_EQ(by_node.page.limit, 20u);
  EXPECT_EQ(ParseAs<ContractListCommand>({"contract", "list", "--from", "alice"}).twin.account, "alice");
  EXPECT_EQ(ParseAs<ContractShowCommand>({"contract", "show", "8"}).contract_id, 8u);
  auto bills = ParseAs<ContractBillsCommand>({"contract", "bills", "8", "--limit", "5"});
  EXPECT_EQ(bills.contract_id, 8u);
  EXPECT_EQ(bills.page.limit, 5u);
  EXPECT_EQ(ParseAs<ContractBillsCommand>({"contract", "bills", "8"}).page.limit, 100u);

  ExpectError({"contract", "list"}, "usage", "contract list needs --twin ID, --node ID or --from NAME|ADDRESS");
  ExpectError({"contract", "list", "--twin", "1", "--node", "2"}, "usage", "give only one of");
  ExpectError({"contract", "list", "--twin", "1", "--from", "a"}, "usage", "not both");
  ExpectError({"contract", "list", "--twin", "-1"}, "usage", "--twin must be an id");
  ExpectError({"contract", "list", "--twin", "1", "--all=yes"}, "usage", "option --all takes no value");
  ExpectError({"contract", "list", "--twin", "1", "--limit", "501"}, "usage", "--limit must be 1..500");
  ExpectError({"contract", "bills", "8", "--offset", "-1"}, "usage", "--offset must be a whole number");
  ExpectError({"contract", "show", "0"}, "usage", "ID must be a contract id");
}

TEST_F(ContractCliTest, CostEstimate) {
  auto node = ParseAs<CostEstimateCommand>(
      {"cost", "estimate", "--node", "1", "--cpu", "2", "--memory", "4GB", "--public-ips", "1", "--twin", "3"});
  EXPECT_EQ(node.kind, chain::ContractKind::kNode);
  EXPECT_EQ(node.node_id, 1u);
  EXPECT_EQ(node.resources, (chain::Resources{2, 4 * kGiB, 0, 0}));
  EXPECT_EQ(node.public_ips, 1u);
  EXPECT_EQ(node.twin.twin_id, 3u);
  auto rent = ParseAs<CostEstimateCommand>({"cost", "estimate", "--kind", "rent", "--node", "1", "--from", "bob"});
  EXPECT_EQ(rent.kind, chain::ContractKind::kRent);
  EXPECT_EQ(rent.twin.account, "bob");
  auto name = ParseAs<CostEstimateCommand>({"cost", "estimate", "--kind", "name"});
  EXPECT_EQ(name.kind, chain::ContractKind::kName);
  EXPECT_FALSE(name.node_id.has_value());

  ExpectError({"cost", "estimate", "--kind", "vm", "--node", "1"}, "usage",
              "--kind must be node, rent or name, not 'vm'");
  ExpectError({"cost", "estimate", "--cpu", "1"}, "usage", "cost estimate --kind node needs --node ID");
  ExpectError({"cost", "estimate", "--kind", "rent"}, "usage", "needs --node ID");
  ExpectError({"cost", "estimate", "--kind", "rent", "--node", "1", "--cpu", "2"}, "usage",
              "--cpu does not apply to --kind rent");
  ExpectError({"cost", "estimate", "--kind", "name", "--public-ips", "1"}, "usage",
              "--public-ips does not apply to --kind name");
  ExpectError({"cost", "estimate", "--kind", "name", "--node", "1"}, "usage", "--node does not apply to --kind name");
  ExpectError({"cost", "estimate", "--node", "1", "--memory", "4XB"}, "bad-size", "--memory");
  ExpectError({"cost", "estimate", "--node", "1", "--twin", "1", "--from", "a"}, "usage", "not both");
  ExpectError({"cost"}, "usage", "missing subcommand for 'cost' (one of: estimate)");
}

TEST_F(ContractCliTest, FundedUntilAndExtraFee) {
  EXPECT_EQ(ParseAs<FundedUntilCommand>({"funded-until", "--twin", "4"}).twin.twin_id, 4u);
  EXPECT_EQ(ParseAs<FundedUntilCommand>({"funded-until", "--from", "alice"}).twin.account, "alice");
  ExpectError({"funded-until"}, "usage", "funded-until needs --twin ID or --from NAME|ADDRESS");
  ExpectError({"funded-until", "--twin", "x"}, "usage", "--twin must be an id");
  ExpectError({"funded-until", "3"}, "usage", "unexpected argument '3'");

  auto fee = ParseAs<NodeSetExtraFeeCommand>({"node", "set-extra-fee", "5", "20000", "--from", "farmer"});
  EXPECT_EQ(fee.node_id, 5u);
  EXPECT_EQ(fee.fee_musd_per_month, 20000u);
  EXPECT_EQ(
      ParseAs<NodeSetExtraFeeCommand>({"node", "set-extra-fee", "5", "1000000000", "--from", "f"}).fee_musd_per_month,
      1'000'000'000u);
  ExpectError({"node", "set-extra-fee", "5", "1000000001", "--from", "f"}, "usage",
              "MUSD must be a whole number of mUSD 0..1000000000");
  ExpectError({"node", "set-extra-fee", "5", "2.5", "--from", "f"}, "usage", "MUSD must be a whole number");
  ExpectError({"node", "set-extra-fee", "5", "--from", "f"}, "usage", "missing argument MUSD");
}

TEST_F(ContractCliTest, Service) {
  using Action = ServiceCommand::Action;
  auto create = ParseAs<ServiceCommand>({"service", "create", "3", "4", "--from", "a"});
  EXPECT_EQ(create.action, Action::kCreate);
  EXPECT_EQ(create.service_twin_id, 3u);
  EXPECT_EQ(create.consumer_twin_id, 4u);
  auto meta = ParseAs<ServiceCommand>({"service", "set-metadata", "2", "vpn gateway", "--from", "a"});
  EXPECT_EQ(meta.action, Action::kSetMetadata);
  EXPECT_EQ(meta.id, 2u);
  EXPECT_EQ(meta.metadata, "vpn gateway");
  auto fees =
      ParseAs<ServiceCommand>({"service", "set-fees", "2", "--from", "a", "--base-fee", "1000", "--variable-fee", "0"});
  EXPECT_EQ(fees.action, Action::kSetFees);
  EXPECT_EQ(fees.base_fee_musd, 1000u);
  EXPECT_EQ(fees.variable_fee_musd, 0u);
  EXPECT_EQ(ParseAs<ServiceCommand>({"service", "approve", "2", "--from", "a"}).action, Action::kApprove);
  EXPECT_EQ(ParseAs<ServiceCommand>({"service", "reject", "2", "--from", "a"}).action, Action::kReject);
  EXPECT_EQ(ParseAs<ServiceCommand>({"service", "cancel", "2", "--from", "a"}).action, Action::kCancel);
  auto bill = ParseAs<ServiceCommand>(
      {"service", "bill", "2", "--from", "a", "--variable-amount", "250", "--metadata", "3 GB"});
  EXPECT_EQ(bill.action, Action::kBill);
  EXPECT_EQ(bill.variable_amount_musd, 250u);
  EXPECT_EQ(bill.metadata, "3 GB");
  EXPECT_EQ(ParseAs<ServiceCommand>({"service", "bill", "2", "--from", "a"}).variable_amount_musd, 0u);
  EXPECT_EQ(ParseAs<ServiceShowCommand>({"service", "show", "2"}).id, 2u);

  ExpectError({"service", "create", "3", "3", "--from", "a"}, "usage", "must be different twins");
  ExpectError({"service", "create", "3", "--from", "a"}, "usage", "missing argument CONSUMER_TWIN");
  ExpectError({"service", "create", "0", "3", "--from", "a"}, "usage", "SERVICE_TWIN must be an id");
  ExpectError({"service", "set-metadata", "2", std::string(65, 'm'), "--from", "a"}, "metadata-too-long",
              "METADATA has 65 bytes; the chain allows 64");
  ExpectError({"service", "set-fees", "2", "--from", "a", "--base-fee", "1"}, "usage", "missing --variable-fee");
  ExpectError({"service", "set-fees", "2", "--from", "a", "--base-fee", "-1", "--variable-fee", "1"}, "usage",
              "--base-fee must be a whole number of mUSD");
  ExpectError({"service", "bill", "2", "--from", "a", "--variable-amount", "x"}, "usage", "--variable-amount must be");
  ExpectError({"service", "bill", "2", "--from", "a", "--metadata", std::string(65, 'm')}, "metadata-too-long",
              "--metadata has 65 bytes");
  ExpectError({"service", "approve", "0", "--from", "a"}, "usage", "ID must be a contract id");
  ExpectError({"service", "sign", "1"}, "usage", "unknown command 'service sign'");
}

TEST_F(ContractCliTest, HelpForEveryMarketCommand) {
  for (const char* topic :
       {"contract create-node", "contract update",      "contract create-name", "contract rent",
        "contract cancel",      "contract ack",         "contract list",        "contract show",
        "contract bills",       "cost estimate",        "funded-until",         "node set-extra-fee",
        "service create",       "service set-metadata", "service set-fees",     "service approve",
        "service reject",       "service cancel",       "service bill",         "service show"}) {
    auto text = HelpText(topic);
    ASSERT_TRUE(text.has_value()) << topic;
    EXPECT_EQ(text->rfind("Usage: tfwallet " + std::string(topic), 0), 0u) << *text;
  }
  // Transaction-sending commands list the shared options; read-only ones (even with
  // --from naming an account) do not.
  EXPECT_NE(HelpText("contract create-node")->find("--dry-run"), std::string::npos);
  EXPECT_NE(HelpText("contract create-node")->find("BLAKE2b-256"), std::string::npos);
  EXPECT_NE(HelpText("service bill")->find("--valid-for"), std::string::npos);
  EXPECT_EQ(HelpText("funded-until")->find("--dry-run"), std::string::npos);
  EXPECT_EQ(HelpText("contract list")->find("--dry-run"), std::string::npos);
  EXPECT_EQ(HelpText("cost estimate")->find("--dry-run"), std::string::npos);
  EXPECT_NE(HelpText("contract")->find("tfwallet contract create-node --from NAME|URI --node ID"), std::string::npos);
  EXPECT_NE(HelpText("node")->find("tfwallet node set-extra-fee NODE MUSD"), std::string::npos);
  for (const char* group : {"contract", "cost", "funded-until", "service"}) {
    EXPECT_NE(HelpText("")->find(std::string("\n  ") + group + " "), std::string::npos) << group;
  }
}

}  // namespace
}  // namespace tfchain::wallet
