// contract create-node|update|create-name|rent|cancel|ack and node set-extra-fee
// against a fake node: the call each sends, the new contract id from the receipt, and
// bad arguments that send nothing.
#include <gtest/gtest.h>

#include "chain/hash.h"
#include "tests/unit/wallet/fake_market.h"
#include "tests/unit/wallet/grid_test_util.h"

namespace tfchain::wallet {
namespace {

using nlohmann::json;
using testing::FakeMarket;

constexpr uint64_t kGiB = 1ull << 30;
const std::string kHash = "0x" + std::string(64, 'b');

class ContractCommandsTest : public testing::GridTest {
 protected:
  ContractCommandsTest() : market_(node_) {}

  // The events of an included create: ContractCreated for `id` holding `ips`.
  static json CreatedEvents(uint64_t id, std::vector<std::string> ips = {}) {
    return json::array(
        {{{"name", "contract.ContractCreated"},
          {"args", {{"contract_id", id}, {"twin_id", 1}, {"kind", "node"}, {"node_id", 7}, {"ips", ips}}}},
         {{"name", "balances.Withdraw"}, {"args", {{"amount", "11230"}}}}});
  }

  FakeMarket market_;
};

TEST_F(ContractCommandsTest, CreateNodeBuildsTheCall) {
  json doc;
  chain::Call call =
      DryRun({"contract", "create-node", "--node", "7", "--cpu", "2", "--memory", "4GB", "--ssd", "50GB",
              "--public-ips", "1", "--deployment-hash", kHash, "--data", "web", "--solution-provider", "3"},
             &doc);
  const auto& c = std::get<chain::ContractCreateNodeCall>(call);
  EXPECT_EQ(c.node_id, 7u);
  EXPECT_EQ(c.resources, (chain::Resources{2, 4 * kGiB, 50 * kGiB, 0}));
  EXPECT_EQ(c.public_ips, 1u);
  EXPECT_EQ(c.deployment_hash.Hex(), kHash);
  EXPECT_EQ(c.deployment_data, (chain::Bytes{'w', 'e', 'b'}));
  EXPECT_EQ(c.solution_provider_id, 3u);
  EXPECT_EQ(doc["node_id"], 7);
  EXPECT_EQ(doc["deployment_hash"], kHash);
  EXPECT_EQ(doc["resources"], chain::ToJson(c.resources));
  EXPECT_EQ(doc["solution_provider_id"], 3);
}

TEST_F(ContractCommandsTest, CreateNodeHashesTheDeploymentFile) {
  testing::TempDir dir;
  const std::string path = dir.path() + "/deployment.yaml";
  const std::string content = "image: nginx\nreplicas: 1\n";
  testing::WriteFile(path, content);
  chain::Call call =
      DryRun({"contract", "create-node", "--node", "7", "--cpu", "1", "--memory", "1GB", "--deployment-file", path});
  EXPECT_EQ(std::get<chain::ContractCreateNodeCall>(call).deployment_hash, chain::Blake2b256(chain::AsBytes(content)));
  EXPECT_TRUE(std::get<chain::ContractCreateNodeCall>(call).deployment_data.empty());

  // A file that cannot be read: nothing is asked nor sent.
  const int calls = static_cast<int>(node_.calls().size());
  EXPECT_EQ(w_.Run(Args({"contract", "create-node", "--node", "7", "--cpu", "1", "--memory", "1GB", "--deployment-file",
                         dir.path() + "/missing.yaml", "--from", "//Alice"})),
            1);
  EXPECT_EQ(w_.err(), "error: bad-deployment-file: '" + dir.path() + "/missing.yaml' cannot be read\n");
  EXPECT_EQ(static_cast<int>(node_.calls().size()), calls);
}

TEST_F(ContractCommandsTest, CreateNodeWithoutAHashUsesFreshRandomBytes) {
  uint8_t next = 1;
  w_.context().random = [&next](std::span<uint8_t> out) {
    for (uint8_t& b : out) b = next;
    ++next;
  };
  chain::Call first = DryRun({"contract", "create-node", "--node", "7", "--cpu", "1", "--memory", "1GB"});
  chain::Call second = DryRun({"contract", "create-node", "--node", "7", "--cpu", "1", "--memory", "1GB"});
  std::string ones = "0x";
  for (int i = 0; i < 32; ++i) ones += "01";
  EXPECT_EQ(std::get<chain::ContractCreateNodeCall>(first).deployment_hash.Hex(), ones);
  EXPECT_NE(std::get<chain::ContractCreateNodeCall>(first).deployment_hash,
            std::get<chain::ContractCreateNodeCall>(second).deployment_hash);
}

TEST_F(ContractCommandsTest, CreateNodeSubmitsAndPrintsTheContractId) {
  IncludedWith(CreatedEvents(12, {"185.69.166.10/24"}));
  ASSERT_EQ(w_.Run(Args({"contract", "create-node", "--node", "7", "--cpu", "1", "--memory", "1GB", "--public-ips", "1",
                         "--deployment-hash", kHash, "--from", "//Alice"})),
            0)
      << w_.err();
  EXPECT_TRUE(std::holds_alternative<chain::ContractCreateNodeCall>(SubmittedCall()));
  const std::string out = w_.out();
  EXPECT_NE(out.find("included, success"), std::string::npos) << out;
  EXPECT_NE(out.find("contract.ContractCreated contract_id=12"), std::string::npos) << out;
  EXPECT_NE(out.find("\nContract:    12\n"), std::string::npos) << out;
  EXPECT_NE(out.find("\nPublic IPs:  185.69.166.10/24\n"), std::string::npos) << out;

  // --json: the whole receipt plus contract_id.
  ASSERT_EQ(w_.Run(Args({"--json", "contract", "create-node", "--node", "7", "--cpu", "1", "--memory", "1GB",
                         "--deployment-hash", kHash, "--from", "//Alice"})),
            0)
      << w_.err();
  json doc = w_.OutJson();
  EXPECT_EQ(doc["status"], "included");
  EXPECT_EQ(doc["height"], 41);
  EXPECT_EQ(doc["events"], CreatedEvents(12, {"185.69.166.10/24"}));
  EXPECT_EQ(doc["contract_id"], 12);
}

TEST_F(ContractCommandsTest, ReceiptWithoutTheEventHasNoContractId) {
  IncludedWith(json::array());
  ASSERT_EQ(w_.Run(Args({"--json", "contract", "create-name", "my-site", "--from", "//Alice"})), 0) << w_.err();
  EXPECT_TRUE(w_.OutJson()["contract_id"].is_null());
  ASSERT_EQ(w_.Run(Args({"contract", "create-name", "my-site", "--from", "//Alice"})), 0) << w_.err();
  EXPECT_NE(w_.out().find("Contract:  unknown (no contract.ContractCreated event in the receipt)"), std::string::npos)
      << w_.out();
}

TEST_F(ContractCommandsTest, CreateRefusedByTheChain) {
  ScriptReceipt(0, {{"status", "failed"},
                    {"height", 41},
                    {"index", 0},
                    {"block_hash", "0x" + std::string(64, '3')},
                    {"error", "node-capacity-exceeded"},
                    {"message", "node 7 has 1 free core"},
                    {"fee", "11230"},
                    {"events", json::array()}});
  EXPECT_EQ(w_.Run(Args({"--json", "contract", "create-node", "--node", "7", "--cpu", "4", "--memory", "1GB",
                         "--deployment-hash", kHash, "--from", "//Alice"})),
            1);
  EXPECT_EQ(w_.err().rfind("error: node-capacity-exceeded: transaction 0x", 0), 0u) << w_.err();
  EXPECT_FALSE(w_.OutJson().contains("contract_id"));  // only included transactions created one
}

TEST_F(ContractCommandsTest, UpdateKeepsWhatIsNotGiven) {
  json current = FakeMarket::NodeContract(12, 1, 7, {2, 4 * kGiB, 50 * kGiB, 0});
  current["deployment_data"] = "0x776562";  // "web"
  market_.contracts.push_back(current);
  chain::Call call = DryRun({"contract", "update", "12", "--memory", "8GB", "--hdd", "1TB"});
  const auto& u = std::get<chain::ContractUpdateNodeCall>(call);
  EXPECT_EQ(u.contract_id, 12u);
  EXPECT_EQ(u.resources, (chain::Resources{2, 8 * kGiB, 50 * kGiB, 1024 * kGiB}));
  EXPECT_EQ(u.deployment_hash.Hex(), "0x" + std::string(64, 'a'));
  EXPECT_EQ(u.deployment_data, (chain::Bytes{'w', 'e', 'b'}));
  EXPECT_EQ(node_.LastParams("contract_get"), json({{"contract_id", 12}}));

  call = DryRun({"contract", "update", "12", "--deployment-hash", kHash, "--data", ""});
  const auto& v = std::get<chain::ContractUpdateNodeCall>(call);
  EXPECT_EQ(v.resources, (chain::Resources{2, 4 * kGiB, 50 * kGiB, 0}));
  EXPECT_EQ(v.deployment_hash.Hex(), kHash);
  EXPECT_TRUE(v.deployment_data.empty());
}

TEST_F(ContractCommandsTest, UpdateRefusedBeforeSigning) {
  market_.contracts.push_back(FakeMarket::NameContract(3, 1, "my-site"));
  json deleted = FakeMarket::NodeContract(4, 1, 7, {1, kGiB, 0, 0});
  deleted["state"] = "deleted";
  deleted["deleted_reason"] = "canceled";
  market_.contracts.push_back(deleted);
  EXPECT_EQ(w_.Run(Args({"contract", "update", "3", "--cpu", "2", "--from", "//Alice"})), 1);
  EXPECT_EQ(w_.err(), "error: not-node-contract: contract 3 is a name contract; only node contracts can be updated\n");
  EXPECT_EQ(w_.Run(Args({"contract", "update", "4", "--cpu", "2", "--from", "//Alice"})), 1);
  EXPECT_EQ(w_.err(), "error: contract-deleted: contract 4 is deleted\n");
  EXPECT_EQ(w_.Run(Args({"contract", "update", "99", "--cpu", "2", "--from", "//Alice"})), 1);
  EXPECT_EQ(w_.err(), "error: no-contract: no contract 99\n");
  EXPECT_EQ(node_.CallCount("system_chain"), 0);
  EXPECT_EQ(node_.CallCount("tx_submit"), 0);
}

TEST_F(ContractCommandsTest, SingleCallCommands) {
  json doc;
  chain::Call call = DryRun({"contract", "create-name", "my-site"}, &doc);
  EXPECT_EQ(std::get<chain::ContractCreateNameCall>(call).name, "my-site");
  EXPECT_EQ(doc["name"], "my-site");

  call = DryRun({"contract", "rent", "9", "--solution-provider", "2"});
  EXPECT_EQ(std::get<chain::ContractCreateRentCall>(call).node_id, 9u);
  EXPECT_EQ(std::get<chain::ContractCreateRentCall>(call).solution_provider_id, 2u);
  call = DryRun({"contract", "rent", "9"});
  EXPECT_FALSE(std::get<chain::ContractCreateRentCall>(call).solution_provider_id.has_value());

  call = DryRun({"contract", "cancel", "18446744073709551615"});
  EXPECT_EQ(std::get<chain::ContractCancelCall>(call).contract_id, 18446744073709551615ull);

  call = DryRun({"contract", "ack", "12", "failed", "--message", "image pull failed"}, &doc);
  const auto& ack = std::get<chain::ContractAckCall>(call);
  EXPECT_EQ(ack.contract_id, 12u);
  EXPECT_FALSE(ack.ok);
  EXPECT_EQ(ack.message, "image pull failed");
  EXPECT_EQ(doc["result"], "failed");
  EXPECT_TRUE(std::get<chain::ContractAckCall>(DryRun({"contract", "ack", "12", "ok"})).ok);

  call = DryRun({"node", "set-extra-fee", "5", "20000"}, &doc);
  EXPECT_EQ(std::get<chain::NodeSetExtraFeeCall>(call).node_id, 5u);
  EXPECT_EQ(std::get<chain::NodeSetExtraFeeCall>(call).fee_musd_per_month, 20000u);
  EXPECT_EQ(doc["fee_musd_per_month"], 20000);
}

TEST_F(ContractCommandsTest, RentPrintsTheNewContractId) {
  IncludedWith(CreatedEvents(30));
  ASSERT_EQ(w_.Run(Args({"contract", "rent", "9", "--from", "//Alice"})), 0) << w_.err();
  EXPECT_NE(w_.out().find("\nContract:  30\n"), std::string::npos) << w_.out();
  EXPECT_EQ(w_.out().find("Public IPs"), std::string::npos) << w_.out();
}

TEST_F(ContractCommandsTest, TextDryRunShowsTheDeployment) {
  ASSERT_EQ(w_.Run(Args({"contract", "create-node", "--node", "7", "--cpu", "2", "--memory", "4GB", "--hdd", "1TB",
                         "--deployment-hash", kHash, "--data", "web", "--from", "//Alice", "--dry-run"})),
            0)
      << w_.err();
  const std::string out = w_.out();
  EXPECT_NE(out.find("Dry run: the transaction was not submitted."), std::string::npos) << out;
  EXPECT_NE(out.find("contract.create_node"), std::string::npos) << out;
  EXPECT_NE(out.find("2 cores, 4 GB memory, 1 TB HDD"), std::string::npos) << out;
  EXPECT_NE(out.find(kHash), std::string::npos) << out;
  EXPECT_NE(out.find("Deployment data:  web"), std::string::npos) << out;
}

TEST_F(ContractCommandsTest, BadArgumentsSendNothing) {
  const std::vector<std::vector<std::string>> bad = {
      {"contract", "create-node", "--node", "7", "--cpu", "1", "--memory", "1GB", "--deployment-hash", "0xabcd"},
      {"contract", "create-node", "--node", "7", "--cpu", "-1", "--memory", "1GB"},
      {"contract", "create-node", "--node", "7", "--cpu", "1", "--memory", "1 GB"},
      {"contract", "create-node", "--node", "7", "--cpu", "1", "--memory", "1GB", "--gpu", "1"},
      {"contract", "create-node", "--node", "7", "--cpu", "1", "--memory", "1GB", "--public-ips", "99"},
      {"contract", "create-name", "x"},
      {"contract", "ack", "1", "maybe"},
      {"contract", "cancel", "-5"},
      {"node", "set-extra-fee", "5", "-1"},
  };
  for (std::vector<std::string> args : bad) {
    args.insert(args.end(), {"--from", "//Alice"});
    EXPECT_EQ(w_.Run(Args(args)), 2) << ::testing::PrintToString(args);
    EXPECT_EQ(w_.err().rfind("error: ", 0), 0u) << w_.err();
  }
  EXPECT_TRUE(node_.calls().empty());
}

}  // namespace
}  // namespace tfchain::wallet
