#pragma once

// A fake chain with a fake TF Directory for the grid command tests, and the dry-run
// helper that decodes the transaction a command would send.

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "chain/call.h"
#include "chain/json.h"
#include "tests/unit/wallet/fake_chain.h"
#include "tests/unit/wallet/fake_grid.h"

namespace tfchain::wallet::testing {

class GridTest : public FakeChainTest {
 protected:
  GridTest() : grid_(node_) {
    alice_ = Dev("//Alice").account_id();
    bob_ = Dev("//Bob").account_id();
  }

  // `tfwallet --rpc <node> <words...>`.
  std::vector<std::string> Args(std::vector<std::string> words) {
    words.insert(words.begin(), {"--rpc", node_.url()});
    return words;
  }

  // Runs `<words...> --from //Alice --dry-run --json`; returns the decoded, verified
  // call (after checking the fields every transaction shares) and the printed document.
  chain::Call DryRun(std::vector<std::string> words, json* doc = nullptr) {
    std::vector<std::string> args = Args(std::move(words));
    args.insert(args.end(), {"--from", "//Alice", "--dry-run", "--json"});
    EXPECT_EQ(w_.Run(args), 0) << w_.err();
    const json printed = w_.OutJson();
    chain::Transaction tx = DecodeVerified(printed);
    EXPECT_EQ(tx.body.chain_id, kChainId);
    EXPECT_EQ(tx.body.signer, alice_);
    EXPECT_EQ(tx.body.nonce, kPendingNonce);
    EXPECT_EQ(printed["call"], chain::ToJson(tx.body.call));
    EXPECT_EQ(node_.CallCount("tx_submit"), 0);
    if (doc != nullptr) *doc = printed;
    return tx.body.call;
  }

  // A scripted successful inclusion with `events`.
  void IncludedWith(json events) {
    ScriptReceipt(1, {{"status", "included"},
                      {"height", 41},
                      {"index", 0},
                      {"block_hash", "0x" + std::string(64, '3')},
                      {"success", true},
                      {"fee", "11230"},
                      {"events", std::move(events)}});
  }

  // The call of the transaction tx_submit received.
  chain::Call SubmittedCall() {
    auto tx = chain::DecodeExact<chain::Transaction>(submitted_, chain::kMaxTransactionSize);
    EXPECT_TRUE(tx.ok()) << tx.status().ToString();
    return tx.ok() ? tx->body.call : chain::Call{};
  }

  FakeGrid grid_;
  chain::AccountId alice_;
  chain::AccountId bob_;
};

}  // namespace tfchain::wallet::testing
