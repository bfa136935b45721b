// validators and validators show against a scripted fake node.
#include <gtest/gtest.h>

#include <sstream>

#include "chain/secret_uri.h"
#include "tests/unit/wallet/fake_node.h"
#include "tests/unit/wallet/wallet_test_util.h"

namespace tfchain::wallet {
namespace {

using nlohmann::json;
using testing::FakeNode;
using testing::WalletRunner;

std::string DevAddress(const char* uri) {
  return chain::ToSs58(chain::KeyFromUri(uri, chain::KeyScheme::kEd25519)->account_id());
}

// A validator object as staking_getValidators prints it.
json ValidatorJson(const std::string& op, const std::string& key, uint64_t commission, const std::string& total,
                   const std::string& status) {
  return {{"operator", op},
          {"consensus_key", key},
          {"commission_permill", commission},
          {"pending_commission", nullptr},
          {"self_bond", "10000000"},
          {"total_bonded", total},
          {"jailed", status == "jailed"},
          {"jailed_until", status == "jailed" ? 900 : 0},
          {"tombstoned", false},
          {"power_current", status == "active" ? total : "0"},
          {"power_next", status == "active" ? total : "0"},
          {"missed_blocks", 3},
          {"window_blocks", 100},
          {"status", status}};
}

class ValidatorsTest : public ::testing::Test {
 protected:
  ValidatorsTest()
      : alice_(DevAddress("//Alice")),
        bob_(DevAddress("//Bob")),
        charlie_(DevAddress("//Charlie")),
        dave_(DevAddress("//Dave")) {
    list_ = json::array({ValidatorJson(alice_, bob_, 100'000, "70000000", "active"),
                         ValidatorJson(charlie_, dave_, 25'000, "900000000", "jailed")});
    node_.Result("staking_getValidators", list_);
    node_.On("staking_getValidator", [this](const json& params) {
      for (const json& v : list_) {
        if (v["operator"] == params.at(0) || v["consensus_key"] == params.at(0)) return json{{"result", v}};
      }
      return json{{"error",
                   {{"code", -32001},
                    {"message", "not found"},
                    {"data", {{"reason", "validator-not-found"}, {"detail", "no validator " + params.at(0).dump()}}}}}};
    });
  }

  std::vector<std::string> Args(std::vector<std::string> words) {
    words.insert(words.begin(), {"--rpc", node_.url()});
    return words;
  }

  FakeNode node_;
  WalletRunner w_;
  std::string alice_, bob_, charlie_, dave_;
  json list_;
};

TEST_F(ValidatorsTest, TableLargestStakeFirst) {
  ASSERT_EQ(w_.Run(Args({"validators"})), 0) << w_.err();
  const std::string out = w_.out();
  std::istringstream lines(out);
  std::string header, first, second;
  std::getline(lines, header);
  std::getline(lines, first);
  std::getline(lines, second);
  for (const char* column : {"OPERATOR", "CONSENSUS KEY", "STATUS", "STAKE (TFT)", "COMMISSION", "MISSED"}) {
    EXPECT_NE(header.find(column), std::string::npos) << header;
  }
  // Charlie's validator has the larger stake.
  EXPECT_EQ(first.rfind(charlie_, 0), 0u) << out;
  EXPECT_NE(first.find(dave_.substr(0, 6) + "..." + dave_.substr(dave_.size() - 6)), std::string::npos) << out;
  EXPECT_EQ(first.find(dave_), std::string::npos) << "the consensus key is shortened: " << out;
  EXPECT_NE(first.find("jailed"), std::string::npos) << out;
  EXPECT_NE(first.find("90.0000000"), std::string::npos) << out;
  EXPECT_NE(first.find("2.5%"), std::string::npos) << out;
  EXPECT_NE(first.find("3/100"), std::string::npos) << out;
  EXPECT_EQ(second.rfind(alice_, 0), 0u) << out;
  EXPECT_NE(second.find("active"), std::string::npos) << out;
  EXPECT_NE(second.find("7.0000000"), std::string::npos) << out;
  EXPECT_NE(second.find("10%"), std::string::npos) << out;
  EXPECT_EQ(w_.err(), "");
}

TEST_F(ValidatorsTest, JsonIsTheRpcResult) {
  ASSERT_EQ(w_.Run(Args({"--json", "validators"})), 0) << w_.err();
  EXPECT_EQ(w_.OutJson(), list_);
}

TEST_F(ValidatorsTest, NoValidators) {
  node_.Result("staking_getValidators", json::array());
  ASSERT_EQ(w_.Run(Args({"validators"})), 0) << w_.err();
  EXPECT_EQ(w_.out(), "No validators.\n");
  ASSERT_EQ(w_.Run(Args({"validators", "--json"})), 0) << w_.err();
  EXPECT_EQ(w_.OutJson(), json::array());
}

TEST_F(ValidatorsTest, MalformedAnswerIsRefused) {
  json broken = list_;
  broken[1].erase("total_bonded");
  node_.Result("staking_getValidators", broken);
  EXPECT_EQ(w_.Run(Args({"validators"})), 1);
  EXPECT_EQ(w_.err(), "error: bad-rpc-response: staking_getValidators: field 'total_bonded' is missing\n");
  node_.Result("staking_getValidators", json::object());
  EXPECT_EQ(w_.Run(Args({"validators"})), 1);
  EXPECT_EQ(w_.err().rfind("error: bad-rpc-response: ", 0), 0u) << w_.err();
}

TEST_F(ValidatorsTest, ShowByOperatorOrConsensusKey) {
  list_[1]["pending_commission"] = 50'000;
  ASSERT_EQ(w_.Run(Args({"validators", "show", charlie_})), 0) << w_.err();
  EXPECT_EQ(node_.LastParams("staking_getValidator"), json::array({charlie_}));
  const std::string out = w_.out();
  EXPECT_NE(out.find("Operator:"), std::string::npos) << out;
  EXPECT_NE(out.find(dave_), std::string::npos) << out;  // the full consensus key
  EXPECT_NE(out.find("jailed"), std::string::npos) << out;
  EXPECT_NE(out.find("2.5% (5% from the next epoch end)"), std::string::npos) << out;
  EXPECT_NE(out.find("Self bond:"), std::string::npos) << out;
  EXPECT_NE(out.find("1.0000000 TFT"), std::string::npos) << out;
  EXPECT_NE(out.find("90.0000000 TFT"), std::string::npos) << out;
  EXPECT_NE(out.find("3 of the last 100"), std::string::npos) << out;
  EXPECT_NE(out.find("may unjail from block 900"), std::string::npos) << out;

  // By consensus key, given as a //Dev URI; --json is the RPC result.
  ASSERT_EQ(w_.Run(Args({"--json", "validators", "show", "//Bob"})), 0) << w_.err();
  EXPECT_EQ(node_.LastParams("staking_getValidator"), json::array({bob_}));
  EXPECT_EQ(w_.OutJson(), list_[0]);
}

TEST_F(ValidatorsTest, ShowErrors) {
  EXPECT_EQ(w_.Run(Args({"validators", "show", DevAddress("//Eve")})), 1);
  EXPECT_EQ(w_.err().rfind("error: validator-not-found: no validator", 0), 0u) << w_.err();

  // A node answering for another validator is not believed.
  node_.Result("staking_getValidator", list_[1]);
  EXPECT_EQ(w_.Run(Args({"validators", "show", alice_})), 1);
  EXPECT_EQ(w_.err(), "error: bad-rpc-response: staking_getValidator: answered for another validator\n");

  const int calls = static_cast<int>(node_.calls().size());
  EXPECT_EQ(w_.Run(Args({"validators", "show", "5FA9nQDVg267DEd8m1ZypXLBnvN7SFxYwV7ndqSYGiN9TTpv"})), 1);
  EXPECT_EQ(w_.err().rfind("error: bad-ss58-checksum", 0), 0u) << w_.err();
  EXPECT_EQ(static_cast<int>(node_.calls().size()), calls);

  EXPECT_EQ(w_.Run(Args({"validators", "show"})), 2);
  EXPECT_EQ(w_.err(), "error: missing argument ADDRESS|NAME; usage: tfwallet validators show ADDRESS|NAME\n");
  EXPECT_EQ(w_.Run(Args({"validators", "list"})), 2);
  EXPECT_EQ(w_.err(), "error: unexpected argument 'list'; usage: tfwallet validators\n");
  EXPECT_EQ(w_.Run(Args({"validators", "--amount", "1"})), 2);
  EXPECT_NE(w_.err().find("unknown option '--amount' for 'validators'"), std::string::npos) << w_.err();
}

TEST_F(ValidatorsTest, Help) {
  ASSERT_EQ(w_.Run({"validators", "--help"}), 0);
  EXPECT_NE(w_.out().find("Usage: tfwallet validators\n"), std::string::npos) << w_.out();
  ASSERT_EQ(w_.Run({"help", "validators", "show"}), 0);
  EXPECT_NE(w_.out().find("Usage: tfwallet validators show ADDRESS|NAME"), std::string::npos) << w_.out();
}

}  // namespace
}  // namespace tfchain::wallet
