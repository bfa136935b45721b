// transfer and tx show against a scripted fake node.
#include <gtest/gtest.h>

#include <atomic>

#include "chain/codec.h"
#include "chain/json.h"
#include "chain/secret_uri.h"
#include "chain/transaction.h"
#include "tests/unit/wallet/fake_chain.h"

namespace tfchain::wallet {
namespace {

using nlohmann::json;
using testing::Dev;
using testing::kAliceAddress;
using testing::kBaseFee;
using testing::kChainId;
using testing::kFeePerByte;
using testing::kHeadHeight;
using testing::kPendingNonce;

class TransferTest : public testing::FakeChainTest {
 protected:
  TransferTest() { bob_ = chain::ToSs58(Dev("//Bob").account_id()); }

  std::vector<std::string> Transfer(std::vector<std::string> extra) {
    std::vector<std::string> args = {"--rpc", node_.url(), "transfer", "--from", "//Alice",
                                     "--to",  bob_,        "--amount", "1.5"};
    args.insert(args.end(), extra.begin(), extra.end());
    return args;
  }

  std::string bob_;
};

TEST_F(TransferTest, DryRunBuildsAValidSignedTransaction) {
  ASSERT_EQ(w_.Run(Transfer({"--json", "--dry-run", "--tip", "0.001", "--valid-for", "10"})), 0) << w_.err();
  json doc = w_.OutJson();
  auto bytes = chain::FromHex(doc["tx_hex"].get<std::string>());
  ASSERT_TRUE(bytes.ok());
  auto tx = chain::DecodeExact<chain::Transaction>(*bytes, chain::kMaxTransactionSize);
  ASSERT_TRUE(tx.ok()) << tx.status().ToString();
  EXPECT_TRUE(chain::VerifyTransactionSignature(*tx));

  EXPECT_EQ(tx->body.chain_id, kChainId);
  EXPECT_EQ(tx->body.signer, Dev("//Alice").account_id());
  EXPECT_EQ(tx->body.nonce, kPendingNonce);
  EXPECT_EQ(tx->body.tip, 10'000u);
  EXPECT_EQ(tx->body.valid_until, kHeadHeight + 10);
  const auto& call = std::get<chain::TransferCall>(tx->body.call);
  EXPECT_EQ(call.dest, Dev("//Bob").account_id());
  EXPECT_EQ(call.amount, 15'000'000u);

  EXPECT_EQ(doc["hash"], chain::TxHash(*bytes).Hex());
  EXPECT_EQ(doc["nonce"], kPendingNonce);
  EXPECT_EQ(doc["to"], bob_);
  EXPECT_EQ(doc["amount"], "15000000");
  EXPECT_EQ(doc["call"], chain::ToJson(tx->body.call));
  EXPECT_EQ(doc["fee"], std::to_string(kBaseFee + kFeePerByte * bytes->size() + 10'000));
  EXPECT_EQ(node_.CallCount("tx_submit"), 0);
  EXPECT_EQ(node_.LastParams("state_getAccount"), json::array({kAliceAddress}));
}

TEST_F(TransferTest, DefaultValidityAndTextOutput) {
  ASSERT_EQ(w_.Run(Transfer({"--dry-run"})), 0) << w_.err();
  EXPECT_NE(w_.out().find("not submitted"), std::string::npos);
  EXPECT_NE(w_.out().find("1.5000000 TFT"), std::string::npos);
  EXPECT_NE(w_.out().find("block " + std::to_string(kHeadHeight + 100)), std::string::npos) << w_.out();
}

TEST_F(TransferTest, FromAKeystoreKeyToAName) {
  w_.SetPasswords({"pw", "pw"});
  ASSERT_EQ(w_.Run({"key", "import", "alice", "//Alice"}), 0) << w_.err();
  w_.SetPasswords({"pw", "pw"});
  ASSERT_EQ(w_.Run({"key", "import", "bob", "//Bob"}), 0) << w_.err();

  w_.SetPasswords({"pw"});
  ASSERT_EQ(w_.Run({"--rpc", node_.url(), "--json", "transfer", "--from", "alice", "--to", "bob", "--amount", "2",
                    "--dry-run"}),
            0)
      << w_.err();
  EXPECT_EQ(w_.passwords().prompts, std::vector<std::string>{"Password for key 'alice': "});
  auto tx = chain::DecodeExact<chain::Transaction>(*chain::FromHex(w_.OutJson()["tx_hex"].get<std::string>()),
                                                   chain::kMaxTransactionSize);
  ASSERT_TRUE(tx.ok());
  EXPECT_TRUE(chain::VerifyTransactionSignature(*tx));
  EXPECT_EQ(tx->body.signer, Dev("//Alice").account_id());
  EXPECT_EQ(std::get<chain::TransferCall>(tx->body.call).dest, Dev("//Bob").account_id());
}

TEST_F(TransferTest, WrongPasswordAndUnknownKey) {
  w_.SetPasswords({"pw", "pw"});
  ASSERT_EQ(w_.Run({"key", "import", "alice", "//Alice"}), 0) << w_.err();
  w_.SetPasswords({"nope"});
  EXPECT_EQ(w_.Run({"--rpc", node_.url(), "transfer", "--from", "alice", "--to", bob_, "--amount", "1"}), 1);
  EXPECT_EQ(w_.err(), "error: wrong-password: wrong password for key 'alice'\n");

  w_.SetPasswords({"pw"});
  EXPECT_EQ(w_.Run({"--rpc", node_.url(), "transfer", "--from", "carol", "--to", bob_, "--amount", "1"}), 1);
  EXPECT_EQ(w_.err().rfind("error: unknown-key: no key named 'carol'", 0), 0u) << w_.err();
  EXPECT_TRUE(w_.passwords().prompts.empty());

  EXPECT_EQ(w_.Run({"--rpc", node_.url(), "transfer", "--from", "//Alice", "--to",
                    "5FA9nQDVg267DEd8m1ZypXLBnvN7SFxYwV7ndqSYGiN9TTpv", "--amount", "1"}),
            1);
  EXPECT_EQ(w_.err().rfind("error: bad-ss58-checksum", 0), 0u) << w_.err();
  EXPECT_TRUE(node_.calls().empty());
}

TEST_F(TransferTest, InsufficientBalanceIsCaughtBeforeSubmitting) {
  SetFree(15'000'000);  // exactly the amount: the fee does not fit
  EXPECT_EQ(w_.Run(Transfer({})), 1);
  EXPECT_EQ(w_.err().rfind("error: insufficient-balance: need ", 0), 0u) << w_.err();
  EXPECT_NE(w_.err().find("has 1.5000000 TFT free"), std::string::npos) << w_.err();
  EXPECT_EQ(node_.CallCount("tx_submit"), 0);
  EXPECT_EQ(w_.out(), "");
}

TEST_F(TransferTest, SubmitsAndWaitsForTheReceipt) {
  ScriptReceipt(
      3, {{"status", "included"},
          {"height", 41},
          {"index", 0},
          {"block_hash", "0x" + std::string(64, '3')},
          {"success", true},
          {"fee", "11230"},
          {"events", json::array({{{"name", "balances.Transfer"},
                                   {"args", {{"from", kAliceAddress}, {"to", bob_}, {"amount", "15000000"}}}}})}});
  ASSERT_EQ(w_.Run(Transfer({})), 0) << w_.err();
  ASSERT_FALSE(submitted_.empty());
  auto tx = chain::DecodeExact<chain::Transaction>(submitted_, chain::kMaxTransactionSize);
  ASSERT_TRUE(tx.ok());
  EXPECT_TRUE(chain::VerifyTransactionSignature(*tx));
  EXPECT_EQ(node_.CallCount("tx_getReceipt"), 4);
  EXPECT_EQ(node_.LastParams("tx_getReceipt"), json::array({chain::TxHash(submitted_).Hex()}));
  EXPECT_NE(w_.out().find("Submitted 0x"), std::string::npos) << w_.out();
  EXPECT_NE(w_.out().find("included, success"), std::string::npos) << w_.out();
  EXPECT_NE(w_.out().find("41"), std::string::npos);
  EXPECT_EQ(w_.err(), "");
  EXPECT_NE(w_.out().find("0.0011230 TFT"), std::string::npos);
  EXPECT_NE(w_.out().find("  balances.Transfer "), std::string::npos) << w_.out();
  EXPECT_NE(w_.out().find("from=" + std::string(kAliceAddress)), std::string::npos) << w_.out();
  EXPECT_NE(w_.out().find("amount=1.5000000 TFT"), std::string::npos);

  ASSERT_EQ(w_.Run(Transfer({"--json"})), 0) << w_.err();
  EXPECT_EQ(w_.OutJson()["status"], "included");
  EXPECT_EQ(w_.OutJson()["height"], 41);
}

TEST_F(TransferTest, FailedReceiptExitsOne) {
  ScriptReceipt(0, {{"status", "failed"},
                    {"height", 41},
                    {"index", 2},
                    {"block_hash", "0x" + std::string(64, '3')},
                    {"error", "insufficient-balance"},
                    {"message", "free 1 < 15000000"},
                    {"fee", "11230"},
                    {"events", json::array()}});
  EXPECT_EQ(w_.Run(Transfer({})), 1);
  EXPECT_NE(w_.out().find("FAILED: insufficient-balance"), std::string::npos) << w_.out();
  EXPECT_EQ(w_.err().rfind("error: insufficient-balance: transaction 0x", 0), 0u) << w_.err();
  EXPECT_EQ(w_.err().find('\n'), w_.err().size() - 1) << "one line only: " << w_.err();
}

TEST_F(TransferTest, DroppedReceiptExitsOne) {
  ScriptReceipt(1, {{"status", "dropped"}, {"reason", "expired"}});
  EXPECT_EQ(w_.Run(Transfer({"--json"})), 1);
  EXPECT_EQ(w_.OutJson()["status"], "dropped");
  EXPECT_NE(w_.err().find("error: tx-dropped"), std::string::npos);
  EXPECT_NE(w_.err().find("expired"), std::string::npos);
}

TEST_F(TransferTest, RejectedByNode) {
  node_.Error("tx_submit", -32000, "transaction rejected", "bad-nonce", "nonce 5 is already used");
  EXPECT_EQ(w_.Run(Transfer({})), 1);
  EXPECT_EQ(w_.err(), "error: bad-nonce: rejected by node: nonce 5 is already used\n");
  EXPECT_EQ(node_.CallCount("tx_getReceipt"), 0);
}

TEST_F(TransferTest, NoWaitReturnsAfterSubmitting) {
  ASSERT_EQ(w_.Run(Transfer({"--no-wait", "--json"})), 0) << w_.err();
  EXPECT_EQ(w_.OutJson()["status"], "submitted");
  EXPECT_EQ(w_.OutJson()["hash"], chain::TxHash(submitted_).Hex());
  EXPECT_EQ(node_.CallCount("tx_getReceipt"), 0);
}

TEST_F(TransferTest, TimesOutWaitingForInclusion) {
  ScriptReceipt(1'000'000, json::object());
  w_.context().inclusion_timeout = std::chrono::milliseconds(100);
  EXPECT_EQ(w_.Run(Transfer({})), 1);
  EXPECT_NE(w_.err().find("error: inclusion-timeout: timeout waiting for inclusion"), std::string::npos) << w_.err();
}

TEST_F(TransferTest, UnreachableNode) {
  std::string url = node_.url();
  node_.Stop();
  EXPECT_EQ(w_.Run({"--rpc", url, "transfer", "--from", "//Alice", "--to", bob_, "--amount", "1"}), 1);
  EXPECT_EQ(w_.err(), "error: node-unreachable: cannot reach node at " + url + ": connection refused\n");
}

TEST_F(TransferTest, TxShow) {
  chain::TransactionBody body;
  body.chain_id = kChainId;
  body.nonce = 7;
  body.valid_until = 99;
  body.call = chain::TransferCall{Dev("//Bob").account_id(), 25'000'000};
  chain::Transaction tx = chain::SignTransaction(body, Dev("//Alice"));
  const std::string hash = chain::TxHash(tx).Hex();
  node_.Result("tx_get", {{"hash", hash},
                          {"state", "included"},
                          {"tx", chain::ToJson(tx)},
                          {"height", 12},
                          {"index", 1},
                          {"block_hash", "0x" + std::string(64, '4')}});
  ScriptReceipt(0, {{"status", "included"},
                    {"height", 12},
                    {"index", 1},
                    {"block_hash", "0x" + std::string(64, '4')},
                    {"success", true},
                    {"fee", "10000"},
                    {"events", json::array()}});
  ASSERT_EQ(w_.Run({"--rpc", node_.url(), "tx", "show", hash}), 0) << w_.err();
  EXPECT_NE(w_.out().find("balances.transfer"), std::string::npos) << w_.out();
  EXPECT_NE(w_.out().find("amount=2.5000000 TFT"), std::string::npos) << w_.out();
  EXPECT_NE(w_.out().find(kAliceAddress), std::string::npos);
  EXPECT_NE(w_.out().find("included, success"), std::string::npos);

  ASSERT_EQ(w_.Run({"--rpc", node_.url(), "--json", "tx", "show", hash}), 0) << w_.err();
  EXPECT_EQ(w_.OutJson()["transaction"]["state"], "included");
  EXPECT_EQ(w_.OutJson()["receipt"]["status"], "included");

  node_.Error("tx_get", -32001, "not found", "tx-not-found", "unknown transaction");
  EXPECT_EQ(w_.Run({"--rpc", node_.url(), "tx", "show", hash}), 1);
  EXPECT_EQ(w_.err(), "error: tx-not-found: unknown transaction\n");
}

}  // namespace
}  // namespace tfchain::wallet
