// Every node method over real HTTP against a scripted node: happy paths (results
// checked against the declared result schema too) and their failures.
#include <gtest/gtest.h>

#include "chain/json.h"
#include "tests/unit/rpc/rpc_test_util.h"

namespace tfchain::rpc::testing {
namespace {

using MethodsTest = RpcServerTest;

const std::string kAlice = chain::ToSs58(FilledAccount(0x22));

void ExpectError(const json& error, int code, const std::string& reason) {
  EXPECT_EQ(error.value("code", 0), code) << error.dump();
  EXPECT_EQ(error["data"].value("reason", ""), reason) << error.dump();
  EXPECT_FALSE(error.value("message", "").empty());
}

TEST_F(MethodsTest, SystemHealth) {
  node_.health =
      HealthInfo{.peers = 3, .is_syncing = true, .should_have_peers = true, .head_height = 2, .head_age_ms = 5};
  EXPECT_EQ(Result("system_health"), json({{"peers", 3}, {"is_syncing", true}, {"should_have_peers", true}}));
}

TEST_F(MethodsTest, SystemVersionAndChain) {
  EXPECT_EQ(Result("system_version"), "tfchaind 0.1.0");
  EXPECT_EQ(Result("system_chain"),
            json({{"chain_id", "tfchain-test"}, {"genesis_hash", FilledHash(0x99).Hex()}, {"node_name", "node-a"}}));
}

TEST_F(MethodsTest, SystemPropertiesComeFromGenesis) {
  node_.genesis.fees =
      chain::FeeParams{.base_fee = 20'000, .fee_per_byte = 3, .proposer_share_percent = 25, .pool_share_percent = 15};
  node_.genesis.consensus = chain::ConsensusParams{
      .block_time_ms = 2000, .max_block_bytes = 1 << 20, .max_block_txs = 500, .max_tx_bytes = 4096};
  EXPECT_EQ(Result("system_properties"), json({{"token_symbol", "TFT"},
                                               {"token_decimals", 7},
                                               {"ss58_format", 42},
                                               {"base_fee", "20000"},
                                               {"fee_per_byte", "3"},
                                               {"proposer_share_percent", 25},
                                               {"pool_share_percent", 15},
                                               {"block_time_ms", 2000},
                                               {"max_tx_bytes", 4096},
                                               {"max_block_bytes", 1 << 20},
                                               {"max_block_txs", 500}}));
}

TEST_F(MethodsTest, ChainGetHead) {
  EXPECT_EQ(Result("chain_getHead"),
            json({{"height", 2}, {"hash", node_.blocks[2].hash.Hex()}, {"time_ms", 1'700'000'002'000}}));
}

TEST_F(MethodsTest, ChainGetHeaderByHeightHashNameOrHead) {
  const json head = Result("chain_getHeader");
  EXPECT_EQ(head["height"], 2);
  EXPECT_EQ(head["hash"], node_.blocks[2].hash.Hex());
  EXPECT_EQ(head["prev_hash"], node_.blocks[1].hash.Hex());
  EXPECT_EQ(Result("chain_getHeader", {nullptr})["height"], 2);
  EXPECT_EQ(Result("chain_getHeader", {1})["hash"], node_.blocks[1].hash.Hex());
  EXPECT_EQ(Result("chain_getHeader", {node_.blocks[0].hash.Hex()})["height"], 0);
  EXPECT_EQ(Result("chain_getHeader", {{"block", 1}})["height"], 1);
  EXPECT_EQ(Result("chain_getHeader", json::object())["height"], 2);
}

TEST_F(MethodsTest, ChainGetHeaderErrors) {
  ExpectError(Error("chain_getHeader", {99}), kNotFound, "block-not-found");
  ExpectError(Error("chain_getHeader", {FilledHash(0x77).Hex()}), kNotFound, "block-not-found");
  ExpectError(Error("chain_getHeader", {"0x1234"}), kInvalidParams, "bad-length");
  ExpectError(Error("chain_getHeader", {FilledHash(0x77).Hex().substr(2)}), kInvalidParams, "bad-hex");
  ExpectError(Error("chain_getHeader", {-1}), kInvalidParams, "bad-param-type");
  ExpectError(Error("chain_getHeader", {1.5}), kInvalidParams, "bad-param-type");
  ExpectError(Error("chain_getHeader", {true}), kInvalidParams, "bad-param-type");
  const json e = Error("chain_getHeader", {"nope"});
  EXPECT_EQ(e["data"]["param"], "block");
}

TEST_F(MethodsTest, ChainGetBlockDecodesTransactions) {
  const json block = Result("chain_getBlock", {2});
  EXPECT_EQ(block["hash"], node_.blocks[2].hash.Hex());
  EXPECT_EQ(block["header"]["height"], 2);
  ASSERT_EQ(block["transactions"].size(), 1u);
  const json& tx = block["transactions"][0];
  EXPECT_EQ(tx["hash"], chain::TxHash(SampleTx(0)).Hex());
  EXPECT_EQ(tx["call"], json({{"name", "balances.transfer"}, {"args", {{"dest", kAlice}, {"amount", "12500000"}}}}));
  EXPECT_EQ(tx["tip"], "5");
  EXPECT_EQ(block["last_commit"]["height"], 1);
  EXPECT_EQ(block["last_commit"]["block_hash"], node_.blocks[1].hash.Hex());
  EXPECT_EQ(block["evidence"], json::array());
  EXPECT_EQ(Result("chain_getBlock")["hash"], node_.blocks[2].hash.Hex());
  EXPECT_EQ(Result("chain_getBlock", {node_.blocks[1].hash.Hex()})["header"]["height"], 1);
  ExpectError(Error("chain_getBlock", {3}), kNotFound, "block-not-found");
}

TEST_F(MethodsTest, ChainGetBlockHash) {
  EXPECT_EQ(Result("chain_getBlockHash", {1}), node_.blocks[1].hash.Hex());
  EXPECT_EQ(Result("chain_getBlockHash"), node_.blocks[2].hash.Hex());
  EXPECT_EQ(Result("chain_getBlockHash", {{"height", 0}}), node_.blocks[0].hash.Hex());
  ExpectError(Error("chain_getBlockHash", {99}), kNotFound, "block-not-found");
  ExpectError(Error("chain_getBlockHash", {"1"}), kInvalidParams, "bad-param-type");
}

TEST_F(MethodsTest, TxSubmitReturnsTheHash) {
  node_.submit_result = FilledHash(0x42);
  EXPECT_EQ(Result("tx_submit", {"0x0102ff"}), FilledHash(0x42).Hex());
  EXPECT_EQ(Result("tx_submit", {{"tx_hex", "0x"}}), FilledHash(0x42).Hex());
  ASSERT_EQ(node_.Submitted().size(), 2u);
  EXPECT_EQ(node_.Submitted()[0], (chain::Bytes{0x01, 0x02, 0xff}));
  EXPECT_TRUE(node_.Submitted()[1].empty());
}

TEST_F(MethodsTest, TxSubmitRejectionCarriesTheNodeReason) {
  node_.submit_result = chain::Status::InvalidArgument("bad-nonce", "expected nonce 4, got 2");
  const json e = Error("tx_submit", {"0x01"});
  EXPECT_EQ(e["code"], kTxRejected);
  EXPECT_EQ(e["data"], json({{"reason", "bad-nonce"}, {"detail", "expected nonce 4, got 2"}}));
  EXPECT_EQ(e["message"], "transaction rejected: bad-nonce: expected nonce 4, got 2");

  node_.submit_result = chain::Status::Unavailable("mempool-full", "10000 transactions");
  ExpectError(Error("tx_submit", {"0x01"}), kUnavailable, "mempool-full");
}

TEST_F(MethodsTest, TxSubmitBadParamsReachNothing) {
  ExpectError(Error("tx_submit"), kInvalidParams, "missing-param");
  ExpectError(Error("tx_submit", {nullptr}), kInvalidParams, "missing-param");
  ExpectError(Error("tx_submit", {"0102"}), kInvalidParams, "bad-hex");
  ExpectError(Error("tx_submit", {"0xabc"}), kInvalidParams, "bad-hex");
  ExpectError(Error("tx_submit", {"0xzz"}), kInvalidParams, "bad-hex");
  ExpectError(Error("tx_submit", {12}), kInvalidParams, "bad-param-type");
  ExpectError(Error("tx_submit", {"0x01", "0x02"}), kInvalidParams, "too-many-params");
  ExpectError(Error("tx_submit", {{"tx", "0x01"}}), kInvalidParams, "unknown-param");
  EXPECT_TRUE(node_.Submitted().empty());
}

TEST_F(MethodsTest, TxGetInEveryState) {
  const chain::Hash256 included = chain::TxHash(SampleTx(0));
  const json inc = Result("tx_get", {included.Hex()});
  EXPECT_EQ(inc["state"], "included");
  EXPECT_EQ(inc["hash"], included.Hex());
  EXPECT_EQ(inc["tx"]["hash"], included.Hex());
  EXPECT_EQ(inc["tx"]["nonce"], 0);
  EXPECT_EQ(inc["height"], 2);
  EXPECT_EQ(inc["index"], 0);
  EXPECT_EQ(inc["block_hash"], node_.blocks[2].hash.Hex());
  EXPECT_TRUE(inc["drop_reason"].is_null());

  const json pending = Result("tx_get", {FilledHash(0xa1).Hex()});
  EXPECT_EQ(pending["state"], "pending");
  EXPECT_EQ(pending["tx"]["nonce"], 1);
  EXPECT_TRUE(pending["height"].is_null());
  EXPECT_TRUE(pending["block_hash"].is_null());

  const json dropped = Result("tx_get", {{"hash", FilledHash(0xd1).Hex()}});
  EXPECT_EQ(dropped["state"], "dropped");
  EXPECT_EQ(dropped["drop_reason"], "expired");
  EXPECT_TRUE(dropped["tx"].is_null());

  ExpectError(Error("tx_get", {FilledHash(0x01).Hex()}), kNotFound, "tx-not-found");
  ExpectError(Error("tx_get", {"0x01"}), kInvalidParams, "bad-length");
  ExpectError(Error("tx_get"), kInvalidParams, "missing-param");
}

TEST_F(MethodsTest, TxGetReceiptInEveryStatus) {
  const chain::Hash256 included = chain::TxHash(SampleTx(0));
  const json ok = Result("tx_getReceipt", {included.Hex()});
  EXPECT_EQ(ok["status"], "included");
  EXPECT_EQ(ok["success"], true);
  EXPECT_EQ(ok["fee"], "1500");
  EXPECT_EQ(ok["height"], 2);
  EXPECT_EQ(ok["index"], 0);
  EXPECT_EQ(ok["block_hash"], node_.blocks[2].hash.Hex());
  ASSERT_EQ(ok["events"].size(), 1u);
  EXPECT_EQ(ok["events"][0]["name"], "balances.Transfer");
  EXPECT_EQ(ok["events"][0]["args"]["amount"], "12500000");
  EXPECT_FALSE(ok.contains("error"));

  const json failed = Result("tx_getReceipt", {FilledHash(0xf1).Hex()});
  EXPECT_EQ(failed["status"], "failed");
  EXPECT_EQ(failed["error"], "insufficient-balance");
  EXPECT_EQ(failed["message"], "needs 12500000, has 3");
  EXPECT_EQ(failed["fee"], "1500");
  EXPECT_EQ(failed["index"], 1);

  EXPECT_EQ(Result("tx_getReceipt", {FilledHash(0xa1).Hex()}),
            json({{"hash", FilledHash(0xa1).Hex()}, {"status", "pending"}}));
  EXPECT_EQ(Result("tx_getReceipt", {FilledHash(0xd1).Hex()}),
            json({{"hash", FilledHash(0xd1).Hex()}, {"status", "dropped"}, {"reason", "expired"}}));
  ExpectError(Error("tx_getReceipt", {FilledHash(0x02).Hex()}), kNotFound, "tx-not-found");
}

TEST_F(MethodsTest, TxGetReceiptOfIncludedTxWithoutReceiptIsInternal) {
  TxLookup broken;
  broken.state = TxLookup::State::kIncluded;
  broken.hash = FilledHash(0xbb);
  node_.txs[broken.hash] = broken;
  ExpectError(Error("tx_getReceipt", {broken.hash.Hex()}), kInternalError, "receipt-missing");
}

TEST_F(MethodsTest, StateGetAccountBySs58OrHex) {
  const json expected = {{"address", kAlice}, {"free", "12500000"}, {"reserved", "7"},
                         {"nonce", 4},        {"pending_nonce", 6}, {"height", 2}};
  EXPECT_EQ(Result("state_getAccount", {kAlice}), expected);
  EXPECT_EQ(Result("state_getAccount", {FilledAccount(0x22).Hex()}), expected);
  EXPECT_EQ(Result("state_getAccount", {{"address", kAlice}}), expected);
  const json unknown = Result("state_getAccount", {chain::ToSs58(FilledAccount(0x01))});
  EXPECT_EQ(unknown["free"], "0");
  EXPECT_EQ(unknown["nonce"], 0);
}

TEST_F(MethodsTest, StateGetAccountBadAddresses) {
  std::string bad_checksum = kAlice;
  bad_checksum.back() = bad_checksum.back() == 'a' ? 'b' : 'a';
  const json e = Error("state_getAccount", {bad_checksum});
  EXPECT_EQ(e["code"], kInvalidParams);
  EXPECT_TRUE(e["data"]["reason"] == "bad-ss58-checksum" || e["data"]["reason"] == "bad-ss58") << e.dump();
  EXPECT_EQ(e["data"]["param"], "address");
  ExpectError(Error("state_getAccount", {"0OIl"}), kInvalidParams, "bad-ss58");
  ExpectError(Error("state_getAccount", {"0x1234"}), kInvalidParams, "bad-length");
  ExpectError(Error("state_getAccount", {42}), kInvalidParams, "bad-param-type");
  ExpectError(Error("state_getAccount"), kInvalidParams, "missing-param");
}

TEST_F(MethodsTest, StateGetTotalIssuanceIsAString) {
  EXPECT_EQ(Result("state_getTotalIssuance"), "1000000000000000000");
  node_.issuance = chain::Status::Corruption("bad-issuance", "unreadable");
  ExpectError(Error("state_getTotalIssuance"), kInternalError, "bad-issuance");
}

TEST_F(MethodsTest, StateGetProofInclusion) {
  const json p = Result("state_getProof", {kAlice});
  const AccountProof& want = *node_.proof;
  EXPECT_EQ(p["address"], kAlice);
  EXPECT_EQ(p["height"], 2);
  EXPECT_EQ(p["block_hash"], want.block_hash.Hex());
  EXPECT_EQ(p["state_root"], want.state_root.Hex());
  EXPECT_EQ(p["state_key"], chain::ToHex(want.state_key));
  EXPECT_EQ(p["key_hash"], want.key_hash.Hex());
  EXPECT_EQ(p["value"], chain::ToHex(*want.value));
  EXPECT_EQ(p["account"], json({{"free", "12500000"}, {"reserved", "7"}, {"nonce", 4}}));
  EXPECT_EQ(chain::SmtProofFromJson(p["proof"]).value(), want.proof);
  EXPECT_EQ(node_.ProofHeights().back(), std::nullopt);
}

TEST_F(MethodsTest, StateGetProofAtHeightOrHash) {
  Result("state_getProof", {kAlice, 1});
  EXPECT_EQ(node_.ProofHeights().back(), std::optional<uint64_t>(1));
  Result("state_getProof", {{"address", kAlice}, {"block", node_.blocks[0].hash.Hex()}});
  EXPECT_EQ(node_.ProofHeights().back(), std::optional<uint64_t>(0));
  ExpectError(Error("state_getProof", {kAlice, FilledHash(0x78).Hex()}), kNotFound, "block-not-found");
  ExpectError(Error("state_getProof", {kAlice, "x"}), kInvalidParams, "bad-hex");
}

TEST_F(MethodsTest, StateGetProofExclusionHasNullValue) {
  node_.proof->value = std::nullopt;
  node_.proof->proof.leaf = std::nullopt;
  const json p = Result("state_getProof", {kAlice});
  EXPECT_TRUE(p["value"].is_null());
  EXPECT_TRUE(p["account"].is_null());
  EXPECT_TRUE(p["proof"]["leaf"].is_null());
}

TEST_F(MethodsTest, StateGetProofWithCorruptValueIsInternal) {
  node_.proof->value = chain::Bytes{1, 2, 3};
  ExpectError(Error("state_getProof", {kAlice}), kInternalError, "corrupt-account-data");
  node_.proof.reset();
  ExpectError(Error("state_getProof", {kAlice, 50}), kNotFound, "block-not-found");
}

}  // namespace
}  // namespace tfchain::rpc::testing
