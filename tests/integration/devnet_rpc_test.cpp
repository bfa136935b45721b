// A real `tfchaind --dev` driven over raw JSON-RPC: blocks advance, transfers commit
// with receipts and fees, balances are proven against state roots, and bad
// transactions and requests are refused precisely without changing anything.
#include <gtest/gtest.h>

#include "chain/account_data.h"
#include "chain/genesis.h"
#include "chain/hash.h"
#include "chain/json.h"
#include "chain/secret_uri.h"
#include "chain/sparse_merkle_tree.h"
#include "chain/transaction.h"
#include "tests/integration/node_process_util.h"

namespace tfchain::testing {
namespace {
using nlohmann::json;

class DevnetRpcTest : public ::testing::Test {
 protected:
  DevnetRpcTest() : dir_("rpc"), node_(dir_.path() + "/data") {}

  uint64_t Height() { return node_.Result("chain_getHead")["height"].get<uint64_t>(); }

  chain::Transaction Transfer(const chain::SecretKey& from, const chain::AccountId& to, uint64_t amount,
                              uint64_t nonce, std::string chain_id = "tfchain-devnet", uint64_t valid_until = 0) {
    chain::TransactionBody body;
    body.chain_id = std::move(chain_id);
    body.nonce = nonce;
    body.valid_until = valid_until ? valid_until : Height() + 100;
    body.call = chain::TransferCall{to, amount};
    return chain::SignTransaction(std::move(body), from);
  }

  json Submit(const chain::Transaction& tx) { return node_.Call("tx_submit", {chain::ToHex(chain::Encode(tx))}); }
  static std::string Reason(const json& response) {
    if (!response.contains("error")) return "(no error: " + response.dump() + ")";
    return response["error"]["data"].value("reason", "(no reason: " + response.dump() + ")");
  }
  json Account(const chain::AccountId& id) { return node_.Result("state_getAccount", {chain::ToSs58(id)}); }

  TempDir dir_;
  DevNode node_;
};

TEST_F(DevnetRpcTest, ProducesBlocksAndDescribesItself) {
  ASSERT_TRUE(node_.started());
  ASSERT_TRUE(node_.WaitForHeight(3));
  json chain_info = node_.Result("system_chain");
  EXPECT_EQ(chain_info["chain_id"], "tfchain-devnet");
  EXPECT_EQ(chain_info["genesis_hash"].get<std::string>().size(), 66u);
  EXPECT_EQ(node_.Result("system_properties")["token_decimals"], 7);
  json block = node_.Result("chain_getBlock", {2});
  EXPECT_EQ(block["header"]["height"], 2);
  json by_hash = node_.Result("chain_getBlock", {block["hash"]});
  EXPECT_EQ(by_hash["hash"], block["hash"]);
  json next = node_.Result("chain_getHeader", {3});
  EXPECT_EQ(next["prev_hash"], block["hash"]);
  EXPECT_EQ(node_.Result("chain_getBlock", {0})["hash"], chain_info["genesis_hash"]);
  EXPECT_EQ(node_.Call("chain_getBlock", {1'000'000})["error"]["code"], -32001);

  json discover = node_.Result("rpc.discover");
  std::set<std::string> names;
  for (const json& m : discover["methods"]) names.insert(m["name"].get<std::string>());
  for (const char* m : {"system_health", "system_version", "system_chain", "chain_getHead", "chain_getHeader",
                        "chain_getBlock", "tx_submit", "tx_get", "tx_getReceipt", "state_getAccount",
                        "state_getTotalIssuance", "state_getProof"}) {
    EXPECT_TRUE(names.contains(m)) << m;
  }
  auto [health_status, health] = node_.Get("/health");
  EXPECT_EQ(health_status, 200);
  auto [metrics_status, metrics] = node_.Get("/metrics");
  EXPECT_EQ(metrics_status, 200);
  EXPECT_NE(metrics.find("tfchain_block_height"), std::string::npos);
  EXPECT_NE(metrics.find("tfchain_mempool_size"), std::string::npos);
}

TEST_F(DevnetRpcTest, TransferCommitsWithReceiptFeeSplitAndProof) {
  ASSERT_TRUE(node_.started());
  const chain::SecretKey alice = DevKey("//Alice");
  const chain::SecretKey dest = DevKey("//IntegrationDest");
  const uint64_t issuance_before = Amount(node_.Result("state_getTotalIssuance"));

  const chain::Transaction tx = Transfer(alice, dest.account_id(), 25'000'000, 0);
  json submitted = Submit(tx);
  ASSERT_TRUE(submitted.contains("result")) << submitted.dump();
  const std::string hash = submitted["result"];
  EXPECT_EQ(hash, chain::TxHash(tx).Hex());
  json receipt = node_.WaitForReceipt(hash);
  ASSERT_EQ(receipt["status"], "included") << receipt.dump();
  EXPECT_TRUE(receipt["success"].get<bool>());
  const uint64_t fee = Amount(receipt["fee"]);
  EXPECT_EQ(fee, 10'000 + 10 * chain::Encode(tx).size());

  json txinfo = node_.Result("tx_get", {hash});
  EXPECT_EQ(txinfo["state"], "included");
  EXPECT_EQ(txinfo["height"], receipt["height"]);

  EXPECT_EQ(Amount(Account(dest.account_id())["free"]), 25'000'000u);
  // Alice proposes every block: she gets 20% of her own fee back, 30% goes to the
  // staking pool, the rest is burned. At an epoch end (every 20 blocks) she, the only
  // validator and bonder, also receives the whole epoch reward of 100 TFT.
  const uint64_t height = receipt["height"];
  const uint64_t to_proposer = fee * 20 / 100;
  const uint64_t to_pool = fee * 30 / 100;
  const uint64_t burned = fee - to_proposer - to_pool;
  EXPECT_EQ(Amount(receipt["events"][0]["args"]["to_pool"]), to_pool);
  const uint64_t reward = height % 20 == 0 ? 100 * chain::kUnitsPerTft : 0;
  const auto alice_free_at = [&](uint64_t h) {
    return Amount(node_.Result("state_getProof", {chain::ToSs58(alice.account_id()), h})["account"]["free"]);
  };
  EXPECT_EQ(alice_free_at(height), alice_free_at(height - 1) - 25'000'000 - fee + to_proposer + reward);
  EXPECT_EQ(Account(alice.account_id())["nonce"], 1);
  EXPECT_EQ(Amount(node_.Result("state_getTotalIssuance")), issuance_before - burned);

  // Proof of the new balance, verified against the header's state root alone.
  json proof = node_.Result("state_getProof", {chain::ToSs58(dest.account_id()), height});
  json header = node_.Result("chain_getHeader", {height});
  ASSERT_EQ(proof["state_root"], header["state_root"]);
  auto root = chain::Hash256::FromHex(header["state_root"].get<std::string>());
  auto parsed = chain::SmtProofFromJson(proof["proof"]);
  ASSERT_TRUE(parsed.ok()) << parsed.status().ToString();
  const chain::Hash256 key_hash = chain::Blake2b256(chain::AccountStateKey(dest.account_id()));
  chain::AccountData expected{25'000'000, 0, 0};
  EXPECT_TRUE(chain::SmtVerify(*root, key_hash, chain::Encode(expected), *parsed).ok());
  chain::AccountData forged{26'000'000, 0, 0};
  EXPECT_FALSE(chain::SmtVerify(*root, key_hash, chain::Encode(forged), *parsed).ok());

  // Before the transfer the account did not exist: an exclusion proof.
  json old = node_.Result("state_getProof", {chain::ToSs58(dest.account_id()), height - 1});
  EXPECT_TRUE(old["value"].is_null());
  auto old_root = chain::Hash256::FromHex(old["state_root"].get<std::string>());
  EXPECT_TRUE(chain::SmtVerify(*old_root, key_hash, std::nullopt, *chain::SmtProofFromJson(old["proof"])).ok());
}

TEST_F(DevnetRpcTest, BadTransactionsAreRefusedAndChangeNothing) {
  ASSERT_TRUE(node_.started());
  const chain::SecretKey alice = DevKey("//Alice");
  const chain::SecretKey bob = DevKey("//Bob");
  const chain::SecretKey nobody = DevKey("//Nobody");

  // Commit one transfer so that replays have something to replay.
  const chain::Transaction first = Transfer(alice, bob.account_id(), 1000, 0);
  json ok = Submit(first);
  ASSERT_TRUE(ok.contains("result")) << ok.dump();
  ASSERT_EQ(node_.WaitForReceipt(ok["result"])["status"], "included");
  const json alice_before = Account(alice.account_id());
  const uint64_t issuance_before = Amount(node_.Result("state_getTotalIssuance"));

  EXPECT_EQ(Reason(Submit(first)), "already-known");                             // exact replay
  EXPECT_EQ(Reason(Submit(Transfer(alice, bob.account_id(), 7, 0))), "bad-nonce");  // nonce reuse
  chain::Transaction tampered = Transfer(alice, bob.account_id(), 1000, 1);
  std::get<chain::TransferCall>(tampered.body.call).amount = 1'000'000;
  EXPECT_EQ(Reason(Submit(tampered)), "bad-signature");
  EXPECT_EQ(Reason(Submit(Transfer(alice, bob.account_id(), 1, 1, "tfchain-mainnet"))), "wrong-chain");
  EXPECT_EQ(Reason(Submit(Transfer(alice, bob.account_id(), 1, 1, "tfchain-devnet", 1))), "expired");
  EXPECT_EQ(Reason(Submit(Transfer(nobody, bob.account_id(), 1, 0))), "insufficient-balance");
  // Fee plus everything she has is more than she has.
  EXPECT_EQ(Reason(Submit(Transfer(alice, bob.account_id(), Amount(alice_before["free"]), 1))), "insufficient-balance");

  const std::string good_hex = chain::ToHex(chain::Encode(Transfer(alice, bob.account_id(), 1, 1)));
  EXPECT_EQ(Reason(node_.Call("tx_submit", {good_hex.substr(0, good_hex.size() - 2)})), "decode-truncated");
  EXPECT_EQ(Reason(node_.Call("tx_submit", {good_hex + "00"})), "decode-trailing-bytes");
  EXPECT_EQ(node_.Call("tx_submit", {"0xzz"})["error"]["code"], -32602);
  EXPECT_EQ(Reason(node_.Call("tx_submit", {"0x" + std::string(40'000, 'a')})), "tx-too-large");

  // Nothing changed: same nonce and balance, nothing pending.
  ASSERT_TRUE(node_.WaitForHeight(Height() + 2));
  const json alice_after = Account(alice.account_id());
  EXPECT_EQ(alice_after["nonce"], alice_before["nonce"]);
  EXPECT_EQ(alice_after["pending_nonce"], alice_before["nonce"]);
  EXPECT_EQ(Amount(node_.Result("state_getTotalIssuance")), issuance_before);
  EXPECT_EQ(Amount(alice_after["free"]), Amount(alice_before["free"]));

  // The node keeps working: a good transaction still goes through.
  json good = node_.Call("tx_submit", {good_hex});
  ASSERT_TRUE(good.contains("result")) << good.dump();
  EXPECT_EQ(node_.WaitForReceipt(good["result"])["status"], "included");
}

TEST_F(DevnetRpcTest, MalformedRequestsGetTheRightErrorAndDoNotDisturbTheNode) {
  ASSERT_TRUE(node_.started());
  auto [s1, parse_error] = node_.Post("{not json");
  EXPECT_EQ(json::parse(parse_error)["error"]["code"], -32700);
  EXPECT_EQ(node_.Call("no_such_method")["error"]["code"], -32601);
  EXPECT_EQ(node_.Call("state_getAccount", {"5Fnotanaddress"})["error"]["code"], -32602);
  EXPECT_EQ(node_.Call("chain_getBlock", {"0x1234"})["error"]["code"], -32602);
  auto [s2, invalid] = node_.Post(R"({"jsonrpc":"1.0","id":1,"method":"chain_getHead"})");
  EXPECT_EQ(json::parse(invalid)["error"]["code"], -32600);
  auto [s3, batch] = node_.Post(
      R"([{"jsonrpc":"2.0","id":1,"method":"chain_getHead"},{"jsonrpc":"2.0","id":2,"method":"nope"},)"
      R"({"jsonrpc":"2.0","method":"chain_getHead"}])");
  json b = json::parse(batch);
  ASSERT_TRUE(b.is_array());
  EXPECT_EQ(b.size(), 2u);  // the notification gets no answer
  auto [s4, too_big] = node_.Post(std::string(2 << 20, ' '));
  EXPECT_EQ(s4, 413);
  const uint64_t h = Height();
  EXPECT_TRUE(node_.WaitForHeight(h + 2));
}

TEST_F(DevnetRpcTest, CleanShutdownOnSigterm) {
  ASSERT_TRUE(node_.started());
  ASSERT_TRUE(node_.WaitForHeight(2));
  EXPECT_EQ(node_.Terminate(), 0);
}

}  // namespace
}  // namespace tfchain::testing
