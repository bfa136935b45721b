// tfwallet against a real `tfchaind --dev`: keys, the encrypted keystore, transfers
// that wait for their receipts, proven balances, and one-line errors for bad input.
#include <gtest/gtest.h>

#include "tests/integration/node_process_util.h"

namespace tfchain::testing {
namespace {
using nlohmann::json;

class WalletE2eTest : public ::testing::Test {
 protected:
  WalletE2eTest() : dir_("wallet"), node_(dir_.path() + "/data") {}

  CommandResult Wallet(std::vector<std::string> args, const std::string& password = "correct horse") {
    std::vector<std::string> all = {"--rpc", node_.url(), "--keystore", dir_.path() + "/keys", "--kdf", "interactive"};
    all.insert(all.end(), args.begin(), args.end());
    return RunCommand("tfwallet", all, {{"TFWALLET_PASSWORD", password}});
  }
  json WalletJson(std::vector<std::string> args, const std::string& password = "correct horse") {
    args.insert(args.begin(), "--json");
    CommandResult r = Wallet(args, password);
    EXPECT_EQ(r.exit_code, 0) << r.err;
    json out = json::parse(r.out, nullptr, false);
    EXPECT_FALSE(out.is_discarded()) << r.out;
    return out;
  }
  // The one stderr line of a failed command.
  static std::string ErrorLine(const CommandResult& r) {
    EXPECT_NE(r.exit_code, 0);
    std::string line = r.err;
    while (!line.empty() && line.back() == '\n') line.pop_back();
    EXPECT_EQ(line.find('\n'), std::string::npos) << "more than one error line: " << r.err;
    return line;
  }

  TempDir dir_;
  DevNode node_;
};

TEST_F(WalletE2eTest, GenerateReceiveSendAndProve) {
  ASSERT_TRUE(node_.started());
  // A new key in the keystore.
  json generated = WalletJson({"key", "generate", "--name", "carol"});
  const std::string carol = generated["address"];
  EXPECT_EQ(generated["phrase"].get<std::string>().size() > 40, true);
  json listed = WalletJson({"key", "list"});
  ASSERT_EQ(listed["keys"].size(), 1u);
  EXPECT_EQ(listed["keys"][0]["address"], carol);

  // Receive from a dev account; the wallet waits for the receipt.
  json received = WalletJson({"transfer", "--from", "//Alice", "--to", carol, "--amount", "12.5"});
  EXPECT_EQ(received["status"], "included") << received.dump();
  json balance = WalletJson({"balance", "carol"});
  EXPECT_EQ(balance["free"], "125000000");

  // Send back from the keystore key, by name.
  json sent = WalletJson({"transfer", "--from", "carol", "--to", "5GoNkf6WdbxCFnPdAnYYQyCjAKPJgLNxXwPjwTh6DGg6gN3E",
                          "--amount", "2", "--tip", "0.001"});
  ASSERT_EQ(sent["status"], "included") << sent.dump();
  const uint64_t fee = std::stoull(sent["fee"].get<std::string>());
  EXPECT_GT(fee, 10'000u);
  json after = WalletJson({"balance", carol, "--prove"});
  EXPECT_EQ(std::stoull(after["free"].get<std::string>()), 125'000'000 - 20'000'000 - fee);
  EXPECT_EQ(after["nonce"], 1);
  EXPECT_TRUE(after["proof"]["verified"].get<bool>());

  // tx show finds it.
  json shown = WalletJson({"tx", "show", sent["hash"]});
  EXPECT_EQ(shown["transaction"]["state"], "included");
  EXPECT_EQ(shown["receipt"]["status"], "included");

  // A dry run signs but submits nothing.
  json dry = WalletJson({"transfer", "--from", "carol", "--to", carol, "--amount", "1", "--dry-run"});
  EXPECT_EQ(dry["nonce"], 1);
  EXPECT_EQ(dry["tx_hex"].get<std::string>().substr(0, 2), "0x");
  EXPECT_EQ(node_.Call("tx_getReceipt", {dry["hash"]})["error"]["code"], -32001);
  EXPECT_EQ(WalletJson({"balance", carol})["pending_nonce"], 1);

  // Human output says what happened.
  CommandResult text = Wallet({"balance", carol});
  EXPECT_EQ(text.exit_code, 0);
  EXPECT_NE(text.out.find("TFT"), std::string::npos);
}

TEST_F(WalletE2eTest, ImportedPhraseSignsForItsAddress) {
  ASSERT_TRUE(node_.started());
  const std::string phrase = "bottom drive obey lake curtain smoke basket hold race lonely fit walk";
  json imported = WalletJson({"key", "import", "alice", phrase + "//Alice"});
  EXPECT_EQ(imported["address"], "5FA9nQDVg267DEd8m1ZypXLBnvN7SFxYwV7ndqSYGiN9TTpu");
  json inspected = WalletJson({"key", "inspect", "//Alice"});
  EXPECT_EQ(inspected["address"], imported["address"]);
  json sent = WalletJson({"transfer", "--from", "alice", "--to", "5GoNkf6WdbxCFnPdAnYYQyCjAKPJgLNxXwPjwTh6DGg6gN3E",
                          "--amount", "0.0000001"});
  EXPECT_EQ(sent["status"], "included");
}

TEST_F(WalletE2eTest, BadInputIsOneClearLineAndChangesNothing) {
  ASSERT_TRUE(node_.started());
  ASSERT_EQ(Wallet({"key", "import", "dave", "//Dave"}).exit_code, 0);
  const json dave_before = node_.Result("state_getAccount", {"5ECTwv6cZ5nJQPk6tWfaTrEk8YH2L7X1VT4EL5Tx2ikfFwb7"});

  std::string line = ErrorLine(Wallet({"transfer", "--from", "dave", "--to", "5GoNkf6WdbxCFnPdAnYYQyCjAKPJgLNxXwPjwTh6DGg6gN3E",
                                       "--amount", "1"},
                                      "wrong password"));
  EXPECT_NE(line.find("wrong-password"), std::string::npos) << line;

  line = ErrorLine(Wallet({"key", "import", "x", "bottom drive obey lake curtain smoke basket hold race lonely fit fit"}));
  EXPECT_NE(line.find("bad-mnemonic-checksum"), std::string::npos) << line;

  line = ErrorLine(Wallet({"transfer", "--from", "dave", "--to", "5GoNkf6WdbxCFnPdAnYYQyCjAKPJgLNxXwPjwTh6DGg6gN3F",
                           "--amount", "1"}));
  EXPECT_NE(line.find("bad-ss58-checksum"), std::string::npos) << line;

  line = ErrorLine(Wallet({"balance", "nosuchkey"}));
  EXPECT_NE(line.find("unknown-key"), std::string::npos) << line;

  line = ErrorLine(Wallet({"transfer", "--from", "dave", "--to", "5GoNkf6WdbxCFnPdAnYYQyCjAKPJgLNxXwPjwTh6DGg6gN3E",
                           "--amount", "999999999"}));
  EXPECT_NE(line.find("insufficient-balance"), std::string::npos) << line;

  line = ErrorLine(Wallet({"transfer", "--from", "dave", "--to", "5GoNkf6WdbxCFnPdAnYYQyCjAKPJgLNxXwPjwTh6DGg6gN3E",
                           "--amount", "1.12345678"}));
  EXPECT_NE(line.find("bad-amount"), std::string::npos) << line;

  CommandResult unreachable = RunCommand(
      "tfwallet", {"--rpc", "http://127.0.0.1:1", "balance", "5GoNkf6WdbxCFnPdAnYYQyCjAKPJgLNxXwPjwTh6DGg6gN3E"});
  line = ErrorLine(unreachable);
  EXPECT_NE(line.find("node-unreachable"), std::string::npos) << line;

  CommandResult usage = Wallet({"frobnicate"});
  EXPECT_EQ(usage.exit_code, 2);

  const json dave_after = node_.Result("state_getAccount", {"5ECTwv6cZ5nJQPk6tWfaTrEk8YH2L7X1VT4EL5Tx2ikfFwb7"});
  EXPECT_EQ(dave_after["nonce"], dave_before["nonce"]);
  EXPECT_EQ(dave_after["pending_nonce"], dave_before["nonce"]);
  EXPECT_EQ(dave_after["free"], dave_before["free"]);
}

}  // namespace
}  // namespace tfchain::testing
