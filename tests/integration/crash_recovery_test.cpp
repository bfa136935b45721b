// SIGKILL a node while it commits blocks under load, restart it on the same data
// dir, and check that nothing committed was lost or changed: the blocks and receipts
// seen before the kill are all there, the ledger still balances, the state tree still
// proves balances, and the chain goes on.
#include <gtest/gtest.h>

#include <atomic>
#include <map>
#include <mutex>
#include <thread>

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

TEST(CrashRecoveryTest, SigkillUnderLoadLosesNothingCommitted) {
  TempDir dir("crash");
  const std::string data = dir.path() + "/data";
  std::vector<chain::SecretKey> senders;
  for (const char* uri : {"//Alice", "//Bob", "//Charlie", "//Dave"}) {
    senders.push_back(std::move(chain::KeyFromUri(uri, chain::KeyScheme::kEd25519)).value());
  }
  std::vector<chain::AccountId> everyone;
  for (const char* uri : {"//Alice", "//Bob", "//Charlie", "//Dave", "//Eve", "//Ferdie"}) {
    everyone.push_back(std::move(chain::KeyFromUri(uri, chain::KeyScheme::kEd25519)).value().account_id());
  }
  for (int i = 0; i < 10; ++i) {
    everyone.push_back(
        std::move(chain::KeyFromUri("//Sink" + std::to_string(i), chain::KeyScheme::kEd25519)).value().account_id());
  }
  everyone.push_back(chain::StakingPoolAccount());  // collects a share of every fee

  for (int round = 0; round < 3; ++round) {
    DevNode node(data, /*block_time_ms=*/40);
    ASSERT_TRUE(node.started());
    const uint64_t start_height = node.Result("chain_getHead")["height"];

    // Load: every sender submits transfers with consecutive nonces.
    std::atomic<bool> stop{false};
    std::mutex mu;
    std::vector<std::string> submitted;
    std::thread load([&] {
      std::vector<uint64_t> nonces;
      for (const auto& k : senders) nonces.push_back(node.Result("state_getAccount", {chain::ToSs58(k.account_id())})["nonce"]);
      for (uint64_t i = 0; !stop; ++i) {
        const size_t s = i % senders.size();
        chain::TransactionBody body;
        body.chain_id = "tfchain-devnet";
        body.nonce = nonces[s];
        body.valid_until = 1'000'000;
        body.call = chain::TransferCall{everyone[6 + i % 10], 1'000 + i};
        const chain::Transaction tx = chain::SignTransaction(std::move(body), senders[s]);
        json r = node.Call("tx_submit", {chain::ToHex(chain::Encode(tx))});
        if (!r.contains("result")) continue;  // e.g. the node is gone
        ++nonces[s];
        std::lock_guard<std::mutex> lock(mu);
        submitted.push_back(r["result"]);
      }
    });
    ASSERT_TRUE(node.WaitForHeight(start_height + 10 + 7 * round));

    // What the node reported as committed just before the kill.
    std::map<std::string, json> included;
    {
      std::vector<std::string> hashes;
      {
        std::lock_guard<std::mutex> lock(mu);
        hashes = submitted;
      }
      for (const std::string& h : hashes) {
        json r = node.Call("tx_getReceipt", {h});
        if (r.contains("result") && r["result"]["status"] == "included") included[h] = r["result"];
      }
    }
    const json head = node.Result("chain_getHead");
    node.Kill();
    stop = true;
    load.join();
    ASSERT_FALSE(included.empty()) << "no transaction was committed under load";

    DevNode restarted(data, 40);
    ASSERT_TRUE(restarted.started());
    const json header = restarted.Result("chain_getHeader", {head["height"]});
    EXPECT_EQ(header["hash"], head["hash"]) << "the block seen before the kill changed";
    for (const auto& [hash, receipt] : included) {
      json again = restarted.Result("tx_getReceipt", {hash});
      EXPECT_EQ(again["status"], "included") << hash;
      EXPECT_EQ(again["height"], receipt["height"]) << hash;
      EXPECT_EQ(again["fee"], receipt["fee"]) << hash;
    }

    // The ledger balances: all accounts that ever held funds sum to the issuance.
    const json at_head = restarted.Result("chain_getHead");
    unsigned __int128 sum = 0;
    for (const chain::AccountId& id : everyone) {
      json a = restarted.Result("state_getAccount", {chain::ToSs58(id)});
      sum += Amount(a["free"]) + Amount(a["reserved"]);
    }
    const json head_after = restarted.Result("chain_getHead");
    if (head_after["height"] == at_head["height"]) {  // no block in between
      EXPECT_TRUE(sum == Amount(restarted.Result("state_getTotalIssuance")));
    }

    // The tree still proves a balance against a header's state root.
    const uint64_t h = head_after["height"];
    json proof = restarted.Result("state_getProof", {chain::ToSs58(everyone[6]), h});
    json proven_header = restarted.Result("chain_getHeader", {h});
    auto root = chain::Hash256::FromHex(proven_header["state_root"].get<std::string>());
    chain::Bytes value = std::move(chain::FromHex(proof["value"].get<std::string>())).value();
    EXPECT_TRUE(chain::SmtVerify(*root, chain::Blake2b256(chain::AccountStateKey(everyone[6])), value,
                                 *chain::SmtProofFromJson(proof["proof"]))
                    .ok());

    // And the chain goes on.
    EXPECT_TRUE(restarted.WaitForHeight(h + 3));
    EXPECT_EQ(restarted.Terminate(), 0);
  }
}

}  // namespace
}  // namespace tfchain::testing
