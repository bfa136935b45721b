// service create|set-metadata|set-fees|approve|reject|cancel|bill|show against a fake
// node: the call each sends, the new id from the receipt, and the service contract view.
#include <gtest/gtest.h>

#include "tests/unit/wallet/fake_market.h"
#include "tests/unit/wallet/grid_test_util.h"

namespace tfchain::wallet {
namespace {

using nlohmann::json;
using testing::FakeMarket;

class ContractServiceTest : public testing::GridTest {
 protected:
  ContractServiceTest() : market_(node_) { market_.services.push_back(FakeMarket::Service(2, 3, 4)); }
  FakeMarket market_;
};

TEST_F(ContractServiceTest, EveryCall) {
  json doc;
  chain::Call call = DryRun({"service", "create", "3", "4"}, &doc);
  EXPECT_EQ(std::get<chain::ServiceCreateCall>(call).service_twin_id, 3u);
  EXPECT_EQ(std::get<chain::ServiceCreateCall>(call).consumer_twin_id, 4u);
  EXPECT_EQ(doc["consumer_twin_id"], 4);

  call = DryRun({"service", "set-metadata", "2", "vpn"});
  EXPECT_EQ(std::get<chain::ServiceSetMetadataCall>(call).id, 2u);
  EXPECT_EQ(std::get<chain::ServiceSetMetadataCall>(call).metadata, "vpn");

  call = DryRun({"service", "set-fees", "2", "--base-fee", "1000", "--variable-fee", "500"}, &doc);
  EXPECT_EQ(std::get<chain::ServiceSetFeesCall>(call).base_fee_musd, 1000u);
  EXPECT_EQ(std::get<chain::ServiceSetFeesCall>(call).variable_fee_musd, 500u);
  EXPECT_EQ(doc["base_fee_musd"], 1000);

  EXPECT_EQ(std::get<chain::ServiceApproveCall>(DryRun({"service", "approve", "2"})).id, 2u);
  EXPECT_EQ(std::get<chain::ServiceRejectCall>(DryRun({"service", "reject", "2"})).id, 2u);
  EXPECT_EQ(std::get<chain::ServiceCancelCall>(DryRun({"service", "cancel", "2"})).id, 2u);

  call = DryRun({"service", "bill", "2", "--variable-amount", "250", "--metadata", "3 GB"});
  const auto& bill = std::get<chain::ServiceBillCall>(call);
  EXPECT_EQ(bill.id, 2u);
  EXPECT_EQ(bill.variable_amount_musd, 250u);
  EXPECT_EQ(bill.metadata, "3 GB");
}

TEST_F(ContractServiceTest, CreatePrintsTheNewId) {
  IncludedWith(json::array({{{"name", "contract.ServiceContractCreated"},
                             {"args", {{"id", 6}, {"service_twin_id", 3}, {"consumer_twin_id", 4}}}}}));
  ASSERT_EQ(w_.Run(Args({"service", "create", "3", "4", "--from", "//Alice"})), 0) << w_.err();
  EXPECT_NE(w_.out().find("\nService contract:  6\n"), std::string::npos) << w_.out();
  ASSERT_EQ(w_.Run(Args({"--json", "service", "create", "3", "4", "--from", "//Alice"})), 0) << w_.err();
  EXPECT_EQ(w_.OutJson()["service_contract_id"], 6);
  EXPECT_EQ(w_.OutJson()["status"], "included");
}

TEST_F(ContractServiceTest, Show) {
  ASSERT_EQ(w_.Run(Args({"service", "show", "2"})), 0) << w_.err();
  EXPECT_EQ(node_.LastParams("contract_getServiceContract"), json({{"id", 2}}));
  EXPECT_EQ(w_.out(),
            "Service contract:  2\n"
            "Service twin:      3\n"
            "Consumer twin:     4\n"
            "Metadata:          vpn\n"
            "Base fee:          1000 mUSD (1 USD) per hour\n"
            "Variable fee:      up to 500 mUSD (0.5 USD) per hour\n"
            "Approved:          by service yes, by consumer no\n"
            "Last bill:         never\n"
            "Created:           2023-11-14 22:13:20 UTC\n");
  ASSERT_EQ(w_.Run(Args({"--json", "service", "show", "2"})), 0) << w_.err();
  EXPECT_EQ(w_.OutJson(), market_.services[0]);

  EXPECT_EQ(w_.Run(Args({"service", "show", "9"})), 1);
  EXPECT_EQ(w_.err(), "error: no-service-contract: no service contract 9\n");
  node_.Result("contract_getServiceContract", market_.services[0]);
  EXPECT_EQ(w_.Run(Args({"service", "show", "9"})), 1);
  EXPECT_EQ(w_.err(), "error: bad-rpc-response: contract_getServiceContract: answered for another service contract\n");
}

TEST_F(ContractServiceTest, BadArgumentsSendNothing) {
  for (std::vector<std::string> args : std::vector<std::vector<std::string>>{
           {"service", "create", "3", "3"},
           {"service", "set-metadata", "2", std::string(65, 'x')},
           {"service", "set-fees", "2", "--base-fee", "1"},
           {"service", "bill", "2", "--variable-amount", "-3"},
           {"service", "approve", "x"},
       }) {
    args.insert(args.end(), {"--from", "//Alice"});
    EXPECT_EQ(w_.Run(Args(args)), 2) << ::testing::PrintToString(args);
  }
  EXPECT_TRUE(node_.calls().empty());
}

}  // namespace
}  // namespace tfchain::wallet
