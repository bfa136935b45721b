#pragma once

// A FakeNode scripted as a small chain for the transaction-sending commands: chain id,
// fee parameters, a head, a signer with a free balance and pending nonce, tx_submit
// that records and hashes what it gets, and receipts scripted per test.

#include <gtest/gtest.h>

#include <atomic>
#include <memory>
#include <string>
#include <vector>

#include "chain/codec.h"
#include "chain/keys.h"
#include "chain/secret_uri.h"
#include "chain/transaction.h"
#include "tests/unit/wallet/fake_node.h"
#include "tests/unit/wallet/wallet_test_util.h"

namespace tfchain::wallet::testing {

inline constexpr char kAliceAddress[] = "5FA9nQDVg267DEd8m1ZypXLBnvN7SFxYwV7ndqSYGiN9TTpu";
inline constexpr char kChainId[] = "tfchain-test";
inline constexpr uint64_t kBaseFee = 10'000;
inline constexpr uint64_t kFeePerByte = 10;
inline constexpr uint64_t kHeadHeight = 40;
inline constexpr uint64_t kPendingNonce = 5;

inline chain::SecretKey Dev(const char* uri) {
  return std::move(chain::KeyFromUri(uri, chain::KeyScheme::kEd25519)).value();
}

class FakeChainTest : public ::testing::Test {
 protected:
  FakeChainTest() {
    node_.Result("system_chain",
                 {{"chain_id", kChainId}, {"genesis_hash", "0x" + std::string(64, '1')}, {"node_name", "fake"}});
    node_.Result("system_properties", {{"token_symbol", "TFT"},
                                       {"token_decimals", 7},
                                       {"ss58_format", 42},
                                       {"base_fee", std::to_string(kBaseFee)},
                                       {"fee_per_byte", std::to_string(kFeePerByte)},
                                       {"proposer_share_percent", 20},
                                       {"pool_share_percent", 10},
                                       {"block_time_ms", 1000},
                                       {"max_tx_bytes", 16384},
                                       {"max_block_txs", 20000}});
    node_.Result("chain_getHead", {{"height", kHeadHeight}, {"hash", "0x" + std::string(64, '2')}, {"time_ms", 1}});
    SetFree(100 * 10'000'000ull);
    node_.On("tx_submit", [this](const json& params) {
      auto bytes = chain::FromHex(params.at(0).get<std::string>());
      submitted_ = *bytes;
      return json{{"result", chain::TxHash(*bytes).Hex()}};
    });
  }

  // Every account has `free` base units free.
  void SetFree(uint64_t free) {
    node_.On("state_getAccount", [free](const json& params) {
      return json{{"result",
                   {{"address", params.at(0)},
                    {"free", std::to_string(free)},
                    {"reserved", "0"},
                    {"nonce", 3},
                    {"pending_nonce", kPendingNonce},
                    {"height", kHeadHeight}}}};
    });
  }

  // tx_getReceipt answers "pending" `pending_polls` times, then `final_receipt`.
  void ScriptReceipt(int pending_polls, json final_receipt) {
    auto polls = std::make_shared<std::atomic<int>>(0);
    node_.On("tx_getReceipt", [polls, pending_polls, final_receipt](const json& params) {
      json receipt = final_receipt;
      receipt["hash"] = params.at(0);
      if ((*polls)++ < pending_polls) receipt = {{"hash", params.at(0)}, {"status", "pending"}};
      return json{{"result", receipt}};
    });
  }

  // The transaction of a --dry-run --json document's "tx_hex": decoded, with its
  // signature verified.
  static chain::Transaction DecodeVerified(const json& doc) {
    auto bytes = chain::FromHex(doc.at("tx_hex").get<std::string>());
    EXPECT_TRUE(bytes.ok());
    auto tx = chain::DecodeExact<chain::Transaction>(*bytes, chain::kMaxTransactionSize);
    EXPECT_TRUE(tx.ok()) << tx.status().ToString();
    EXPECT_TRUE(chain::VerifyTransactionSignature(*tx));
    EXPECT_EQ(doc.at("hash"), chain::TxHash(*bytes).Hex());
    EXPECT_EQ(doc.at("fee"), std::to_string(kBaseFee + kFeePerByte * bytes->size() + tx->body.tip));
    return *tx;
  }

  FakeNode node_;
  WalletRunner w_;
  chain::Bytes submitted_;
};

}  // namespace tfchain::wallet::testing
