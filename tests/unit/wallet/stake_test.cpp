// stake register|commission|bond|unbond|withdraw|unjail against a scripted fake node:
// the transactions they build, their checks and their bad inputs.
#include <gtest/gtest.h>

#include "chain/call.h"
#include "chain/json.h"
#include "tests/unit/wallet/fake_chain.h"
#include "wallet/cli.h"

namespace tfchain::wallet {
namespace {

using nlohmann::json;
using testing::Dev;
using testing::kAliceAddress;
using testing::kChainId;
using testing::kHeadHeight;
using testing::kPendingNonce;

class StakeTest : public testing::FakeChainTest {
 protected:
  StakeTest() { bob_ = chain::ToSs58(Dev("//Bob").account_id()); }

  // `tfwallet --rpc <node> stake <words...> --from //Alice <extra...>`.
  std::vector<std::string> Stake(std::vector<std::string> words) {
    std::vector<std::string> args = {"--rpc", node_.url(), "stake"};
    args.insert(args.end(), words.begin(), words.end());
    args.insert(args.end(), {"--from", "//Alice"});
    return args;
  }

  // Runs a --dry-run --json stake command; returns the decoded, verified transaction
  // (after checking the fields every transaction shares) and the printed document.
  chain::Transaction DryRun(std::vector<std::string> words, json* doc = nullptr) {
    std::vector<std::string> args = Stake(std::move(words));
    args.insert(args.end(), {"--dry-run", "--json"});
    EXPECT_EQ(w_.Run(args), 0) << w_.err();
    const json printed = w_.OutJson();
    chain::Transaction tx = DecodeVerified(printed);
    EXPECT_EQ(tx.body.chain_id, kChainId);
    EXPECT_EQ(tx.body.signer, Dev("//Alice").account_id());
    EXPECT_EQ(tx.body.nonce, kPendingNonce);
    EXPECT_EQ(tx.body.valid_until, kHeadHeight + 100);
    EXPECT_EQ(printed["from"], kAliceAddress);
    EXPECT_EQ(printed["call"], chain::ToJson(tx.body.call));
    EXPECT_EQ(node_.CallCount("tx_submit"), 0);
    if (doc != nullptr) *doc = printed;
    return tx;
  }

  std::string bob_;
};

TEST_F(StakeTest, RegisterBuildsRegisterValidator) {
  json doc;
  chain::Transaction tx = DryRun({"register", "--consensus-key", bob_, "--commission", "2.5"}, &doc);
  const auto& call = std::get<chain::RegisterValidatorCall>(tx.body.call);
  EXPECT_EQ(call.consensus_key, Dev("//Bob").account_id());
  EXPECT_EQ(call.commission_permill, 25'000u);
  EXPECT_EQ(doc["consensus_key"], bob_);
  EXPECT_EQ(doc["commission_permill"], 25'000);

  // A 0x-hex key, the signer's own key, a whole percent.
  tx = DryRun({"register", "--consensus-key", Dev("//Alice").account_id().Hex(), "--commission", "10"});
  EXPECT_EQ(std::get<chain::RegisterValidatorCall>(tx.body.call),
            (chain::RegisterValidatorCall{Dev("//Alice").account_id(), 100'000}));
}

TEST_F(StakeTest, CommissionBuildsSetCommission) {
  chain::Transaction tx = DryRun({"commission", "--commission", "0.0001"});
  EXPECT_EQ(std::get<chain::SetCommissionCall>(tx.body.call).commission_permill, 1u);
  tx = DryRun({"commission", "--commission", "100"});
  EXPECT_EQ(std::get<chain::SetCommissionCall>(tx.body.call).commission_permill, 1'000'000u);
}

TEST_F(StakeTest, BondDefaultsToASelfBond) {
  json doc;
  chain::Transaction tx = DryRun({"bond", "--amount", "50"}, &doc);
  EXPECT_EQ(std::get<chain::BondCall>(tx.body.call), (chain::BondCall{Dev("//Alice").account_id(), 500'000'000}));
  EXPECT_EQ(doc["validator"], kAliceAddress);
  EXPECT_EQ(doc["amount"], "500000000");
}

TEST_F(StakeTest, BondToAnotherValidatorByAddressOrName) {
  chain::Transaction tx = DryRun({"bond", "--validator", bob_, "--amount", "1.5"});
  EXPECT_EQ(std::get<chain::BondCall>(tx.body.call), (chain::BondCall{Dev("//Bob").account_id(), 15'000'000}));

  w_.SetPasswords({"pw", "pw"});
  ASSERT_EQ(w_.Run({"key", "import", "bob", "//Bob"}), 0) << w_.err();
  tx = DryRun({"bond", "--validator", "bob", "--amount", "2"});
  EXPECT_EQ(std::get<chain::BondCall>(tx.body.call).validator, Dev("//Bob").account_id());
  tx = DryRun({"bond", "--validator", "//Bob", "--amount", "2", "--tip", "0.5"});
  EXPECT_EQ(std::get<chain::BondCall>(tx.body.call).validator, Dev("//Bob").account_id());
  EXPECT_EQ(tx.body.tip, 5'000'000u);
}

TEST_F(StakeTest, UnbondWithdrawUnjail) {
  chain::Transaction tx = DryRun({"unbond", "--validator", bob_, "--amount", "3"});
  EXPECT_EQ(std::get<chain::UnbondCall>(tx.body.call), (chain::UnbondCall{Dev("//Bob").account_id(), 30'000'000}));
  tx = DryRun({"unbond", "--amount", "3"});
  EXPECT_EQ(std::get<chain::UnbondCall>(tx.body.call).validator, Dev("//Alice").account_id());
  EXPECT_TRUE(std::holds_alternative<chain::WithdrawUnbondedCall>(DryRun({"withdraw"}).body.call));
  EXPECT_TRUE(std::holds_alternative<chain::UnjailCall>(DryRun({"unjail"}).body.call));
}

TEST_F(StakeTest, SignsWithAKeystoreKey) {
  w_.SetPasswords({"pw", "pw"});
  ASSERT_EQ(w_.Run({"key", "import", "val", "//Alice"}), 0) << w_.err();
  w_.SetPasswords({"pw"});
  ASSERT_EQ(w_.Run({"--rpc", node_.url(), "--json", "stake", "unjail", "--from", "val", "--dry-run"}), 0) << w_.err();
  EXPECT_EQ(w_.passwords().prompts, std::vector<std::string>{"Password for key 'val': "});
  EXPECT_EQ(DecodeVerified(w_.OutJson()).body.signer, Dev("//Alice").account_id());
}

TEST_F(StakeTest, TextDryRunNamesTheCallAndShowsTft) {
  std::vector<std::string> args = Stake({"bond", "--validator", bob_, "--amount", "99"});
  args.push_back("--dry-run");
  ASSERT_EQ(w_.Run(args), 0) << w_.err();
  EXPECT_NE(w_.out().find("not submitted"), std::string::npos) << w_.out();
  EXPECT_NE(w_.out().find("staking.bond"), std::string::npos) << w_.out();
  EXPECT_NE(w_.out().find("Validator:"), std::string::npos) << w_.out();
  EXPECT_NE(w_.out().find(bob_), std::string::npos) << w_.out();
  EXPECT_NE(w_.out().find("99.0000000 TFT"), std::string::npos) << w_.out();

  args = Stake({"register", "--consensus-key", bob_, "--commission", "12.5"});
  args.push_back("--dry-run");
  ASSERT_EQ(w_.Run(args), 0) << w_.err();
  EXPECT_NE(w_.out().find("staking.register_validator"), std::string::npos) << w_.out();
  EXPECT_NE(w_.out().find("12.5%"), std::string::npos) << w_.out();
}

TEST_F(StakeTest, BondMustLeaveTheFeeButUnbondOnlyPaysTheFee) {
  SetFree(10'000'000);  // 1 TFT
  EXPECT_EQ(w_.Run(Stake({"bond", "--amount", "1"})), 1);
  EXPECT_EQ(w_.err().rfind("error: insufficient-balance: need ", 0), 0u) << w_.err();
  EXPECT_NE(w_.err().find("amount 1.0000000 TFT + fee"), std::string::npos) << w_.err();
  EXPECT_EQ(node_.CallCount("tx_submit"), 0);

  std::vector<std::string> args = Stake({"unbond", "--amount", "50"});
  args.push_back("--dry-run");
  EXPECT_EQ(w_.Run(args), 0) << w_.err();  // the amount is bonded, not free

  SetFree(100);  // not even the fee
  EXPECT_EQ(w_.Run(Stake({"withdraw"})), 1);
  EXPECT_EQ(w_.err().rfind("error: insufficient-balance: need ", 0), 0u) << w_.err();
  EXPECT_NE(w_.err().find("(fee "), std::string::npos) << w_.err();
  EXPECT_EQ(node_.CallCount("tx_submit"), 0);
}

TEST_F(StakeTest, SubmitsWaitsAndShowsStakingEventsInTft) {
  ScriptReceipt(1, {{"status", "included"},
                    {"height", 41},
                    {"index", 0},
                    {"block_hash", "0x" + std::string(64, '3')},
                    {"success", true},
                    {"fee", "11230"},
                    {"events", json::array({chain::ToJson(chain::Event(chain::BondedEvent{
                                   Dev("//Alice").account_id(), Dev("//Alice").account_id(), 25'000'000}))})}});
  ASSERT_EQ(w_.Run(Stake({"bond", "--amount", "2.5"})), 0) << w_.err();
  auto tx = chain::DecodeExact<chain::Transaction>(submitted_, chain::kMaxTransactionSize);
  ASSERT_TRUE(tx.ok());
  EXPECT_TRUE(chain::VerifyTransactionSignature(*tx));
  EXPECT_EQ(std::get<chain::BondCall>(tx->body.call).amount, 25'000'000u);
  EXPECT_NE(w_.out().find("included, success"), std::string::npos) << w_.out();
  EXPECT_NE(w_.out().find("staking.Bonded "), std::string::npos) << w_.out();
  EXPECT_NE(w_.out().find("amount=2.5000000 TFT"), std::string::npos) << w_.out();
  EXPECT_EQ(w_.err(), "");

  ASSERT_EQ(w_.Run(Stake({"bond", "--amount", "2.5", "--no-wait", "--json"})), 0) << w_.err();
  EXPECT_EQ(w_.OutJson()["status"], "submitted");
  EXPECT_EQ(w_.OutJson()["amount"], "25000000");
}

TEST_F(StakeTest, FailedReceiptExitsOneWithTheChainsReason) {
  ScriptReceipt(0, {{"status", "failed"},
                    {"height", 41},
                    {"index", 0},
                    {"block_hash", "0x" + std::string(64, '3')},
                    {"success", false},
                    {"error", "insufficient-bond"},
                    {"message", "bonded 1.0000000 TFT < 5.0000000 TFT"},
                    {"fee", "11230"},
                    {"events", json::array()}});
  EXPECT_EQ(w_.Run(Stake({"unbond", "--amount", "5"})), 1);
  EXPECT_NE(w_.out().find("FAILED: insufficient-bond"), std::string::npos) << w_.out();
  EXPECT_EQ(w_.err().rfind("error: insufficient-bond: transaction 0x", 0), 0u) << w_.err();
  EXPECT_NE(w_.err().find("failed in block 41"), std::string::npos) << w_.err();
  EXPECT_EQ(w_.err().find('\n'), w_.err().size() - 1) << "one line only: " << w_.err();
}

TEST_F(StakeTest, RejectedByNode) {
  node_.Error("tx_submit", -32000, "transaction rejected", "bad-nonce", "nonce 5 is already used");
  EXPECT_EQ(w_.Run(Stake({"withdraw"})), 1);
  EXPECT_EQ(w_.err(), "error: bad-nonce: rejected by node: nonce 5 is already used\n");
}

TEST_F(StakeTest, BadCommissionIsAUsageError) {
  for (const char* bad : {"101", "-1", "2.12345", "abc", "", "10%", "1e2"}) {
    EXPECT_EQ(w_.Run(Stake({"commission", "--commission", bad})), 2) << bad;
    EXPECT_EQ(w_.err().rfind("error: bad-commission: --commission: ", 0), 0u) << w_.err();
    EXPECT_EQ(w_.Run(Stake({"register", "--consensus-key", bob_, "--commission", bad})), 2) << bad;
    EXPECT_EQ(w_.err().rfind("error: bad-commission: ", 0), 0u) << w_.err();
  }
  EXPECT_EQ(w_.Run(Stake({"register", "--consensus-key", bob_})), 2);
  EXPECT_EQ(w_.err().rfind("error: missing --commission; usage: tfwallet stake register", 0), 0u) << w_.err();
  EXPECT_TRUE(node_.calls().empty());
}

TEST_F(StakeTest, BadConsensusKeyIsAUsageError) {
  EXPECT_EQ(w_.Run(Stake({"register", "--consensus-key", "5FA9nQDVg267DEd8m1ZypXLBnvN7SFxYwV7ndqSYGiN9TTpv",
                          "--commission", "1"})),
            2);
  EXPECT_EQ(w_.err().rfind("error: bad-ss58-checksum: --consensus-key '5FA9", 0), 0u) << w_.err();
  EXPECT_EQ(w_.Run(Stake({"register", "--consensus-key", "0x1234", "--commission", "1"})), 2);
  EXPECT_EQ(w_.err().rfind("error: bad-length: ", 0), 0u) << w_.err();
  // A well-formed account id that is no ed25519 key (a small-order point).
  EXPECT_EQ(w_.Run(Stake({"register", "--consensus-key", "0x" + std::string(64, '0'), "--commission", "1"})), 2);
  EXPECT_EQ(w_.err(), "error: bad-consensus-key: --consensus-key '0x" + std::string(64, '0') +
                          "' is not a valid ed25519 public key\n");
  EXPECT_EQ(w_.Run(Stake({"register", "--commission", "1"})), 2);
  EXPECT_EQ(w_.err().rfind("error: missing --consensus-key", 0), 0u) << w_.err();
  EXPECT_TRUE(node_.calls().empty());
}

TEST_F(StakeTest, BadAmountsAndAddresses) {
  EXPECT_EQ(w_.Run(Stake({"bond", "--amount", "0"})), 2);
  EXPECT_EQ(w_.err(), "error: bad-amount: --amount must be greater than zero\n");
  EXPECT_EQ(w_.Run(Stake({"unbond", "--amount", "1.12345678"})), 2);
  EXPECT_EQ(w_.err().rfind("error: bad-amount: --amount: '1.12345678' has more than 7 decimals", 0), 0u) << w_.err();
  EXPECT_EQ(w_.Run(Stake({"bond"})), 2);
  EXPECT_EQ(w_.err().rfind("error: missing --amount; usage: tfwallet stake bond", 0), 0u) << w_.err();
  EXPECT_EQ(w_.Run(Stake({"bond", "--amount", "1", "--tip", "x"})), 2);
  EXPECT_EQ(w_.err().rfind("error: bad-amount: --tip", 0), 0u) << w_.err();

  // A malformed validator address fails before any password prompt or node call.
  EXPECT_EQ(w_.Run(Stake({"bond", "--validator", "5FA9nQDVg267DEd8m1ZypXLBnvN7SFxYwV7ndqSYGiN9TTpv", "--amount", "1"})),
            1);
  EXPECT_EQ(w_.err().rfind("error: bad-ss58-checksum", 0), 0u) << w_.err();
  EXPECT_EQ(w_.Run(Stake({"unbond", "--validator", "nobody", "--amount", "1"})), 1);
  EXPECT_EQ(w_.err().rfind("error: unknown-key: no key named 'nobody'", 0), 0u) << w_.err();
  EXPECT_TRUE(w_.passwords().prompts.empty());
  EXPECT_TRUE(node_.calls().empty());
}

TEST_F(StakeTest, UsageErrors) {
  EXPECT_EQ(w_.Run({"stake"}), 2);
  EXPECT_EQ(w_.err(),
            "error: missing subcommand for 'stake' (one of: register, commission, bond, unbond, withdraw, "
            "unjail)\n");
  EXPECT_EQ(w_.Run({"stake", "delegate", "--from", "//Alice"}), 2);
  EXPECT_NE(w_.err().find("unknown command 'stake delegate'"), std::string::npos) << w_.err();
  EXPECT_EQ(w_.Run({"stake", "withdraw"}), 2);
  EXPECT_EQ(w_.err().rfind("error: missing --from; usage: tfwallet stake withdraw --from NAME|URI", 0), 0u) << w_.err();
  EXPECT_EQ(w_.Run(Stake({"withdraw", "--amount", "1"})), 2);
  EXPECT_NE(w_.err().find("unknown option '--amount' for 'stake withdraw'"), std::string::npos) << w_.err();
  EXPECT_EQ(w_.Run(Stake({"unjail", "extra"})), 2);
  EXPECT_NE(w_.err().find("unexpected argument 'extra'"), std::string::npos) << w_.err();
  EXPECT_EQ(w_.Run(Stake({"bond", "--validator", "", "--amount", "1"})), 2);
  EXPECT_NE(w_.err().find("--validator needs an address"), std::string::npos) << w_.err();
  EXPECT_TRUE(node_.calls().empty());
}

TEST(StakeCliTest, ParsesEveryActionAndItsTxOptions) {
  auto parse = [](std::vector<std::string> args) {
    return ParseCommandLine(args, [](std::string_view) { return std::optional<std::string>(); });
  };
  auto bond = parse({"stake", "bond", "--from", "a", "--validator", "b", "--amount", "1.5", "--tip", "0.0000001",
                     "--valid-for", "7", "--scheme", "secp256k1", "--dry-run", "--no-wait"});
  ASSERT_TRUE(bond.ok()) << bond.status().ToString();
  const auto& c = std::get<StakeCommand>(bond->command);
  EXPECT_EQ(c.action, StakeCommand::Action::kBond);
  EXPECT_EQ(c.tx.from, "a");
  EXPECT_EQ(c.validator, "b");
  EXPECT_EQ(c.amount, 15'000'000u);
  EXPECT_EQ(c.tx.tip, 1u);
  EXPECT_EQ(c.tx.valid_for, 7u);
  EXPECT_EQ(c.tx.scheme, chain::KeyScheme::kSecp256k1);
  EXPECT_TRUE(c.tx.dry_run);
  EXPECT_TRUE(c.tx.no_wait);

  const std::vector<std::pair<std::string, StakeCommand::Action>> plain = {
      {"withdraw", StakeCommand::Action::kWithdraw}, {"unjail", StakeCommand::Action::kUnjail}};
  for (const auto& [word, action] : plain) {
    auto parsed = parse({"stake", word, "--from", "a"});
    ASSERT_TRUE(parsed.ok()) << word;
    EXPECT_EQ(std::get<StakeCommand>(parsed->command).action, action);
    EXPECT_EQ(std::get<StakeCommand>(parsed->command).tx.valid_for, 100u);
  }
  auto help = parse({"stake", "bond", "--help"});
  ASSERT_TRUE(help.ok());
  EXPECT_EQ(std::get<HelpCommand>(help->command).topic, "stake bond");
  EXPECT_NE(HelpText("stake bond")->find("--validator ADDRESS|NAME"), std::string::npos);
  EXPECT_NE(HelpText("stake bond")->find("--dry-run"), std::string::npos);
  EXPECT_NE(HelpText("stake withdraw")->find("Options:\n  --from NAME|URI"), std::string::npos);
  EXPECT_NE(HelpText("stake")->find("tfwallet stake register --from NAME|URI --consensus-key"), std::string::npos);
  EXPECT_NE(HelpText("")->find("validators"), std::string::npos);
}

}  // namespace
}  // namespace tfchain::wallet
