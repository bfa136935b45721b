// balance, with and without --prove, against a fake node serving real proofs.
#include <gtest/gtest.h>

#include <unordered_map>

#include "chain/account_data.h"
#include "chain/block.h"
#include "chain/codec.h"
#include "chain/json.h"
#include "chain/secret_uri.h"
#include "chain/sparse_merkle_tree.h"
#include "tests/unit/wallet/fake_node.h"
#include "tests/unit/wallet/wallet_test_util.h"
#include "wallet/node_client.h"

namespace tfchain::wallet {
namespace {

using nlohmann::json;
using testing::FakeNode;
using testing::WalletRunner;

constexpr char kAliceAddress[] = "5FA9nQDVg267DEd8m1ZypXLBnvN7SFxYwV7ndqSYGiN9TTpu";
constexpr uint64_t kHeight = 12;

chain::AccountId Dev(const char* uri) {
  return std::move(chain::KeyFromUri(uri, chain::KeyScheme::kEd25519)).value().account_id();
}

class MemoryNodes : public chain::SmtNodeReader {
 public:
  chain::Result<chain::SmtNode> Get(const chain::Hash256& hash) const override {
    auto it = nodes_.find(hash);
    if (it == nodes_.end()) return chain::Status::NotFound("no-node", hash.Hex());
    return it->second;
  }
  void Add(const chain::SmtUpdate& update) {
    for (const auto& [hash, node] : update.new_nodes) nodes_.insert_or_assign(hash, node);
  }

 private:
  std::unordered_map<chain::Hash256, chain::SmtNode, chain::FixedBytesHasher> nodes_;
};

// A state tree holding Alice, Bob and Charlie, the header that commits to it, and
// the fake node's answers built from them.
class BalanceTest : public ::testing::Test {
 protected:
  BalanceTest() {
    std::vector<chain::SmtChange> changes;
    for (const auto& [uri, data] : std::vector<std::pair<const char*, chain::AccountData>>{
             {"//Alice", {15'000'000, 20'000'000, 4}}, {"//Bob", {1, 0, 0}}, {"//Charlie", {7, 7, 7}}}) {
      changes.push_back({chain::Blake2b256(chain::AccountStateKey(Dev(uri))), chain::Encode(data)});
    }
    auto update = chain::SmtApply(nodes_, chain::Hash256{}, changes);
    EXPECT_TRUE(update.ok());
    nodes_.Add(*update);
    header_.chain_id = "tfchain-test";
    header_.height = kHeight;
    header_.time_ms = 1000;
    header_.state_root = update->root;
    header_.proposer = Dev("//Alice");

    node_.Result("state_getAccount", {{"address", kAliceAddress},
                                      {"free", "15000000"},
                                      {"reserved", "20000000"},
                                      {"nonce", 4},
                                      {"pending_nonce", 6},
                                      {"height", kHeight}});
    node_.On("state_getProof", [this](const json& params) {
      auto account = chain::ParseAccount(params.at(0).get<std::string>());
      return json{{"result", ProofJson(*account)}};
    });
    node_.On("chain_getHeader", [this](const json&) { return json{{"result", HeaderJson()}}; });
  }

  json HeaderJson() const {
    json out = chain::ToJson(header_);
    out["hash"] = chain::BlockHash(header_).Hex();
    return out;
  }

  json ProofJson(const chain::AccountId& account) const {
    chain::Bytes key = chain::AccountStateKey(account);
    chain::Hash256 key_hash = chain::Blake2b256(key);
    auto value = chain::SmtGet(nodes_, header_.state_root, key_hash);
    auto proof = chain::SmtProve(nodes_, header_.state_root, key_hash);
    EXPECT_TRUE(value.ok() && proof.ok());
    json out = {{"address", chain::ToSs58(account)},
                {"height", kHeight},
                {"block_hash", chain::BlockHash(header_).Hex()},
                {"state_root", header_.state_root.Hex()},
                {"state_key", chain::ToHex(key)},
                {"key_hash", key_hash.Hex()},
                {"value", *value ? json(chain::ToHex(**value)) : json()},
                {"account", nullptr},
                {"proof", chain::ToJson(*proof)}};
    return out;
  }

  // Serves the proof for Alice after `edit`.
  void EditProof(const std::function<void(json&)>& edit) {
    node_.On("state_getProof", [this, edit](const json&) {
      json proof = ProofJson(Dev("//Alice"));
      edit(proof);
      return json{{"result", proof}};
    });
  }

  MemoryNodes nodes_;
  chain::BlockHeader header_;
  FakeNode node_;
  WalletRunner w_;
};

TEST_F(BalanceTest, ShowsBalanceInTft) {
  ASSERT_EQ(w_.Run({"--rpc", node_.url(), "balance", kAliceAddress}), 0) << w_.err();
  EXPECT_NE(w_.out().find("Free:"), std::string::npos);
  EXPECT_NE(w_.out().find("1.5000000 TFT"), std::string::npos) << w_.out();
  EXPECT_NE(w_.out().find("2.0000000 TFT"), std::string::npos);
  EXPECT_NE(w_.out().find("Pending nonce:  6"), std::string::npos) << w_.out();

  ASSERT_EQ(w_.Run({"--rpc", node_.url(), "--json", "balance", kAliceAddress}), 0) << w_.err();
  json doc = w_.OutJson();
  EXPECT_EQ(doc["free"], "15000000");
  EXPECT_EQ(doc["reserved"], "20000000");
  EXPECT_EQ(doc["nonce"], 4);
  EXPECT_EQ(doc["pending_nonce"], 6);
  EXPECT_EQ(doc["height"], kHeight);
  EXPECT_EQ(node_.CallCount("state_getProof"), 0);
}

TEST_F(BalanceTest, ByKeystoreName) {
  w_.SetPasswords({"pw", "pw"});
  ASSERT_EQ(w_.Run({"key", "import", "alice", "//Alice"}), 0) << w_.err();
  w_.SetPasswords({});
  ASSERT_EQ(w_.Run({"--rpc", node_.url(), "--json", "balance", "alice"}), 0) << w_.err();
  EXPECT_EQ(node_.LastParams("state_getAccount"), json::array({kAliceAddress}));
  EXPECT_TRUE(w_.passwords().prompts.empty());
}

TEST_F(BalanceTest, ByDevelopmentUri) {
  ASSERT_EQ(w_.Run({"--rpc", node_.url(), "--json", "balance", "//Alice"}), 0) << w_.err();
  EXPECT_EQ(node_.LastParams("state_getAccount"), json::array({kAliceAddress}));
}

TEST_F(BalanceTest, BadTargets) {
  EXPECT_EQ(w_.Run({"--rpc", node_.url(), "balance", "5FA9nQDVg267DEd8m1ZypXLBnvN7SFxYwV7ndqSYGiN9TTpv"}), 1);
  EXPECT_EQ(w_.err().rfind("error: bad-ss58-checksum: ", 0), 0u) << w_.err();
  EXPECT_EQ(w_.Run({"--rpc", node_.url(), "balance", "nobody"}), 1);
  EXPECT_EQ(w_.err().rfind("error: unknown-key: no key named 'nobody'", 0), 0u) << w_.err();
  EXPECT_EQ(w_.Run({"--rpc", node_.url(), "balance", "//Alice/soft"}), 1);
  EXPECT_EQ(w_.err().rfind("error: soft-junction-unsupported", 0), 0u) << w_.err();
  EXPECT_TRUE(node_.calls().empty());
}

TEST_F(BalanceTest, ProveVerifiesAgainstTheHeader) {
  ASSERT_EQ(w_.Run({"--rpc", node_.url(), "balance", kAliceAddress, "--prove"}), 0) << w_.err();
  EXPECT_NE(w_.out().find("proof: verified against state_root " + header_.state_root.Hex() + " at height 12"),
            std::string::npos)
      << w_.out();
  EXPECT_NE(w_.out().find("1.5000000 TFT"), std::string::npos);
  EXPECT_EQ(node_.LastParams("chain_getHeader"), json::array({kHeight}));
  EXPECT_EQ(node_.CallCount("state_getAccount"), 0);  // the balance comes from the proof

  ASSERT_EQ(w_.Run({"--rpc", node_.url(), "--json", "balance", kAliceAddress, "--prove"}), 0) << w_.err();
  json doc = w_.OutJson();
  EXPECT_EQ(doc["free"], "15000000");
  EXPECT_EQ(doc["nonce"], 4);
  EXPECT_EQ(doc["proof"]["verified"], true);
  EXPECT_EQ(doc["proof"]["state_root"], header_.state_root.Hex());
}

TEST_F(BalanceTest, ProveAbsentAccount) {
  const std::string dave = chain::ToSs58(Dev("//Dave"));
  ASSERT_EQ(w_.Run({"--rpc", node_.url(), "--json", "balance", dave, "--prove"}), 0) << w_.err();
  EXPECT_EQ(w_.OutJson()["free"], "0");
  EXPECT_EQ(w_.OutJson()["proof"]["exists"], false);
}

TEST_F(BalanceTest, ProveFailsLoudlyOnAnyMismatch) {
  const std::vector<std::pair<std::string, std::function<void(json&)>>> lies = {
      {"value",
       [](json& p) {
         p["value"] = chain::ToHex(chain::Encode(chain::AccountData{999'000'000, 0, 4}));
       }},
      {"value", [](json& p) { p["value"] = nullptr; }},
      {"state_root", [](json& p) { p["state_root"] = "0x" + std::string(64, '5'); }},
      {"block_hash", [](json& p) { p["block_hash"] = "0x" + std::string(64, '6'); }},
      {"key_hash", [](json& p) { p["key_hash"] = "0x" + std::string(64, '7'); }},
      {"state_key", [](json& p) { p["state_key"] = "0x0100"; }},
      {"siblings", [](json& p) { p["proof"]["siblings"].push_back("0x" + std::string(64, '8')); }},
      {"height", [](json& p) { p["height"] = kHeight + 1; }},
      {"address", [](json& p) { p["address"] = chain::ToSs58(Dev("//Bob")); }},
  };
  for (const auto& [what, edit] : lies) {
    EditProof(edit);
    EXPECT_EQ(w_.Run({"--rpc", node_.url(), "balance", kAliceAddress, "--prove"}), 1) << what;
    EXPECT_EQ(w_.err().rfind("error: proof-mismatch: ", 0), 0u) << what << ": " << w_.err();
    EXPECT_EQ(w_.out(), "") << what;
  }
}

TEST_F(BalanceTest, ProveRejectsAHeaderThatDoesNotHash) {
  node_.On("chain_getHeader", [this](const json&) {
    json header = HeaderJson();
    header["time_ms"] = 2000;  // the node lies about a field
    return json{{"result", header}};
  });
  EXPECT_EQ(w_.Run({"--rpc", node_.url(), "balance", kAliceAddress, "--prove"}), 1);
  EXPECT_NE(w_.err().find("do not hash"), std::string::npos) << w_.err();
}

TEST(VerifyAccountProof, SingleLeafTree) {
  const chain::AccountId alice = Dev("//Alice");
  NodeAccountProof proof;
  proof.account = alice;
  proof.height = 3;
  proof.state_key = chain::AccountStateKey(alice);
  proof.key_hash = chain::Blake2b256(proof.state_key);
  proof.value = chain::Encode(chain::AccountData{5, 6, 7});
  proof.state_root = chain::SmtLeafHash(proof.key_hash, *proof.value);
  proof.proof.leaf = std::make_pair(proof.key_hash, chain::Blake2b256(*proof.value));
  NodeHeader header;
  header.header.height = 3;
  header.header.state_root = proof.state_root;
  header.hash = chain::BlockHash(header.header);
  proof.block_hash = header.hash;

  auto verified = VerifyAccountProof(alice, proof, header);
  ASSERT_TRUE(verified.ok()) << verified.status().ToString();
  ASSERT_TRUE(verified->has_value());
  EXPECT_EQ((*verified)->free, 5u);
  EXPECT_EQ((*verified)->nonce, 7u);

  proof.value = chain::Bytes{1, 2, 3};  // not account data
  EXPECT_EQ(VerifyAccountProof(alice, proof, header).status().reason(), "proof-mismatch");
}

}  // namespace
}  // namespace tfchain::wallet
