// JSON views of chain types (chain/json.h): exact shapes, amounts as strings,
// accounts as SS58, and strict parsing of amounts, accounts, hashes and proofs.
#include "chain/json.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <set>
#include <string>

#include "chain/hash.h"
#include "chain/keys.h"

namespace tfchain::chain {
namespace {

using nlohmann::json;

// Alice's sr25519 public key and its SS58 address (Substrate's well-known pair).
constexpr std::string_view kAliceHex = "0xd43593c715fdd31c61141abd04a99fd6822c8558854ccde39a5684e7a56da27d";
constexpr std::string_view kAliceSs58 = "5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQY";

AccountId Alice() { return AccountId::FromHex(kAliceHex).value(); }
AccountId Account(uint8_t fill) {
  AccountId a;
  a.bytes.fill(fill);
  return a;
}
Hash256 HashOf(uint8_t fill) {
  Hash256 h;
  h.bytes.fill(fill);
  return h;
}

SecretKey TestKey() {
  Bytes seed(32, 7);
  return SecretKey::FromSeed(KeyScheme::kEd25519, seed).value();
}

Transaction SignedTransfer() {
  TransactionBody body;
  body.chain_id = "tfchain-test";
  body.nonce = 3;
  body.tip = 25;
  body.valid_until = 100;
  body.call = TransferCall{Alice(), 12'500'000};
  return SignTransaction(body, TestKey());
}

std::set<std::string> Keys(const json& object) {
  std::set<std::string> out;
  for (const auto& [k, v] : object.items()) out.insert(k);
  return out;
}

TEST(JsonAmountTest, PrintsDecimalStrings) {
  EXPECT_EQ(AmountToJson(0), json("0"));
  EXPECT_EQ(AmountToJson(12'500'000), json("12500000"));
  EXPECT_EQ(AmountToJson(UINT64_MAX), json("18446744073709551615"));
}

TEST(JsonAmountTest, AcceptsStringsAndNonNegativeIntegers) {
  EXPECT_EQ(AmountFromJson(json("0")).value(), 0u);
  EXPECT_EQ(AmountFromJson(json("12500000")).value(), 12'500'000u);
  EXPECT_EQ(AmountFromJson(json("18446744073709551615")).value(), UINT64_MAX);
  EXPECT_EQ(AmountFromJson(json(42)).value(), 42u);
  EXPECT_EQ(AmountFromJson(json::parse("18446744073709551615")).value(), UINT64_MAX);
}

TEST(JsonAmountTest, RejectsEverythingElse) {
  for (const json& bad :
       {json(""), json("01"), json("-1"), json("+1"), json("1.5"), json("1e3"), json(" 1"), json("abc"),
        json("18446744073709551616"), json("100000000000000000000"), json(-1), json(1.5),
        json::parse("18446744073709551616"), json(true), json(nullptr), json::array(), json::object()}) {
    auto r = AmountFromJson(bad);
    ASSERT_FALSE(r.ok()) << bad.dump();
    EXPECT_EQ(r.status().reason(), "bad-amount") << bad.dump();
  }
}

TEST(JsonAccountTest, PrintsSs58AndAcceptsSs58OrHex) {
  EXPECT_EQ(AccountToJson(Alice()), json(kAliceSs58));
  EXPECT_EQ(AccountFromJson(json(kAliceSs58)).value(), Alice());
  EXPECT_EQ(AccountFromJson(json(kAliceHex)).value(), Alice());
}

TEST(JsonAccountTest, RejectsBadAccounts) {
  EXPECT_EQ(AccountFromJson(json(5)).status().reason(), "bad-account");
  EXPECT_EQ(AccountFromJson(json("5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQZ")).status().reason(),
            "bad-ss58-checksum");
  EXPECT_EQ(AccountFromJson(json("0x1234")).status().reason(), "bad-length");
}

TEST(JsonHashTest, ParsesOnlyPrefixedThirtyTwoByteHex) {
  const Hash256 h = HashOf(0xab);
  EXPECT_EQ(HashFromJson(json(h.Hex())).value(), h);
  EXPECT_EQ(HashFromJson(json(h.Hex().substr(2))).status().reason(), "bad-hex");
  EXPECT_EQ(HashFromJson(json("0xabcd")).status().reason(), "bad-length");
  EXPECT_EQ(HashFromJson(json("0x" + std::string(64, 'g'))).status().reason(), "bad-hex");
  EXPECT_EQ(HashFromJson(json(1)).status().reason(), "bad-hash");
}

TEST(JsonCallTest, TransferHasNameAndArgs) {
  const json j = ToJson(Call(TransferCall{Alice(), 1000}));
  EXPECT_EQ(j, json::parse(R"({"name":"balances.transfer","args":{"dest":")" + std::string(kAliceSs58) +
                           R"(","amount":"1000"}})"));
}

TEST(JsonEventTest, EveryEventHasNameAndArgs) {
  EXPECT_EQ(
      ToJson(Event(TransferEvent{Alice(), Alice(), 7})),
      json({{"name", "balances.Transfer"}, {"args", {{"from", kAliceSs58}, {"to", kAliceSs58}, {"amount", "7"}}}}));
  EXPECT_EQ(ToJson(Event(FeePaidEvent{Alice(), 100, Alice(), 20, 30, 50})), json({{"name", "balances.FeePaid"},
                                                                                  {"args",
                                                                                   {{"payer", kAliceSs58},
                                                                                    {"fee", "100"},
                                                                                    {"proposer", kAliceSs58},
                                                                                    {"to_proposer", "20"},
                                                                                    {"to_pool", "30"},
                                                                                    {"burned", "50"}}}}));
  EXPECT_EQ(ToJson(Event(EndowedEvent{Alice(), 9})),
            json({{"name", "balances.Endowed"}, {"args", {{"account", kAliceSs58}, {"amount", "9"}}}}));
}

TEST(JsonTransactionTest, HasBodySignatureAndHash) {
  const Transaction tx = SignedTransfer();
  const json j = ToJson(tx);
  EXPECT_EQ(Keys(j),
            (std::set<std::string>{"chain_id", "signer", "nonce", "tip", "valid_until", "call", "signature", "hash"}));
  EXPECT_EQ(j["hash"], TxHash(tx).Hex());
  EXPECT_EQ(j["chain_id"], "tfchain-test");
  EXPECT_EQ(j["signer"], ToSs58(TestKey().account_id()));
  EXPECT_EQ(j["nonce"], 3);
  EXPECT_EQ(j["tip"], "25");  // amounts are strings
  EXPECT_EQ(j["valid_until"], 100);
  EXPECT_EQ(j["call"]["name"], "balances.transfer");
  EXPECT_EQ(j["signature"]["scheme"], "ed25519");
  EXPECT_EQ(j["signature"]["hex"], ToHex(tx.signature.bytes()));
  // The body alone has no signature and no hash.
  EXPECT_EQ(Keys(ToJson(tx.body)),
            (std::set<std::string>{"chain_id", "signer", "nonce", "tip", "valid_until", "call"}));
}

TEST(JsonReceiptTest, ErrorFieldsOnlyOnFailure) {
  Receipt ok{HashOf(1), true, "", "", 1234, {TransferEvent{Alice(), Alice(), 5}}};
  const json j = ToJson(ok);
  EXPECT_EQ(Keys(j), (std::set<std::string>{"tx_hash", "success", "fee", "events"}));
  EXPECT_EQ(j["fee"], "1234");
  EXPECT_EQ(j["events"][0]["name"], "balances.Transfer");

  Receipt failed{HashOf(2), false, "insufficient-balance", "needs 10, has 5", 99, {}};
  const json f = ToJson(failed);
  EXPECT_EQ(f["success"], false);
  EXPECT_EQ(f["error"], "insufficient-balance");
  EXPECT_EQ(f["message"], "needs 10, has 5");
  EXPECT_EQ(f["events"], json::array());
}

Block SampleBlock() {
  Block b;
  b.header.chain_id = "tfchain-test";
  b.header.height = 7;
  b.header.time_ms = 1'700'000'000'000;
  b.header.prev_hash = HashOf(1);
  b.header.txs_root = HashOf(2);
  b.header.state_root = HashOf(3);
  b.header.events_root = HashOf(4);
  b.header.validators_hash = HashOf(5);
  b.header.next_validators_hash = HashOf(6);
  b.header.proposer = Alice();
  b.header.last_commit_hash = HashOf(8);
  b.header.evidence_hash = HashOf(9);
  b.txs = {SignedTransfer()};
  b.last_commit = Commit{6, 1, HashOf(10), {CommitSig{Account(0x11), Signature()}}};
  Vote first{VoteType::kPrevote, 5, 0, HashOf(12), Account(0x13), Signature()};
  Vote second = first;
  second.block_hash = Hash256();  // nil
  b.evidence = {Evidence{first, second}};
  return b;
}

TEST(JsonBlockTest, HeaderHasEveryField) {
  const Block b = SampleBlock();
  const json h = ToJson(b.header);
  EXPECT_EQ(Keys(h), (std::set<std::string>{"chain_id", "height", "time_ms", "prev_hash", "txs_root", "state_root",
                                            "events_root", "validators_hash", "next_validators_hash", "proposer",
                                            "last_commit_hash", "evidence_hash"}));
  EXPECT_EQ(h["height"], 7);
  EXPECT_EQ(h["time_ms"], 1'700'000'000'000u);
  EXPECT_EQ(h["prev_hash"], HashOf(1).Hex());
  EXPECT_EQ(h["state_root"], HashOf(3).Hex());
  EXPECT_EQ(h["next_validators_hash"], HashOf(6).Hex());
  EXPECT_EQ(h["proposer"], kAliceSs58);
  EXPECT_EQ(h["evidence_hash"], HashOf(9).Hex());
}

TEST(JsonBlockTest, BlockHasHashTransactionsCommitAndEvidence) {
  const Block b = SampleBlock();
  const json j = ToJson(b);
  EXPECT_EQ(Keys(j), (std::set<std::string>{"hash", "header", "transactions", "last_commit", "evidence"}));
  EXPECT_EQ(j["hash"], BlockHash(b.header).Hex());
  ASSERT_EQ(j["transactions"].size(), 1u);
  EXPECT_EQ(j["transactions"][0]["hash"], TxHash(b.txs[0]).Hex());
  EXPECT_EQ(j["last_commit"]["height"], 6);
  EXPECT_EQ(j["last_commit"]["round"], 1);
  EXPECT_EQ(j["last_commit"]["block_hash"], HashOf(10).Hex());
  EXPECT_EQ(j["last_commit"]["signatures"][0]["validator"], ToSs58(Account(0x11)));
  EXPECT_EQ(j["last_commit"]["signatures"][0]["signature"]["scheme"], "ed25519");
  const json& ev = j["evidence"][0];
  EXPECT_EQ(ev["first"]["type"], "prevote");
  EXPECT_EQ(ev["first"]["height"], 5);
  EXPECT_EQ(ev["first"]["block_hash"], HashOf(12).Hex());
  EXPECT_TRUE(ev["second"]["block_hash"].is_null());  // a nil vote
  EXPECT_EQ(ev["second"]["validator"], ToSs58(Account(0x13)));
}

TEST(JsonAccountDataTest, AmountsAsStringsNonceAsInteger) {
  EXPECT_EQ(ToJson(AccountData{10, 20, 3}), json({{"free", "10"}, {"reserved", "20"}, {"nonce", 3}}));
}

TEST(JsonProofTest, RoundTripsWithAndWithoutLeaf) {
  SmtProof inclusion{{HashOf(1), Hash256(), HashOf(2)}, std::make_pair(HashOf(3), HashOf(4))};
  const json j = ToJson(inclusion);
  EXPECT_EQ(j["siblings"].size(), 3u);
  EXPECT_EQ(j["siblings"][1], Hash256().Hex());
  EXPECT_EQ(j["leaf"]["key_hash"], HashOf(3).Hex());
  EXPECT_EQ(j["leaf"]["value_hash"], HashOf(4).Hex());
  EXPECT_EQ(SmtProofFromJson(j).value(), inclusion);

  SmtProof empty_end{{HashOf(9)}, std::nullopt};
  const json e = ToJson(empty_end);
  EXPECT_TRUE(e["leaf"].is_null());
  EXPECT_EQ(SmtProofFromJson(e).value(), empty_end);
  EXPECT_EQ(SmtProofFromJson(ToJson(SmtProof{})).value(), SmtProof{});
}

TEST(JsonProofTest, RejectsMalformedProofs) {
  const json good = ToJson(SmtProof{{HashOf(1)}, std::make_pair(HashOf(3), HashOf(4))});
  std::vector<json> bad;
  bad.push_back(json::array());
  bad.push_back(json({{"siblings", json::array()}}));  // no leaf member
  json extra = good;
  extra["more"] = 1;
  bad.push_back(extra);
  json not_array = good;
  not_array["siblings"] = "0x00";
  bad.push_back(not_array);
  json bad_sibling = good;
  bad_sibling["siblings"][0] = "0x1234";
  bad.push_back(bad_sibling);
  json unprefixed = good;
  unprefixed["siblings"][0] = HashOf(1).Hex().substr(2);
  bad.push_back(unprefixed);
  json too_deep = good;
  too_deep["siblings"] = json::array();
  for (int i = 0; i < 257; ++i) too_deep["siblings"].push_back(HashOf(1).Hex());
  bad.push_back(too_deep);
  json leaf_shape = good;
  leaf_shape["leaf"] = json::array({HashOf(3).Hex(), HashOf(4).Hex()});
  bad.push_back(leaf_shape);
  json leaf_extra = good;
  leaf_extra["leaf"]["x"] = 1;
  bad.push_back(leaf_extra);
  json leaf_hash = good;
  leaf_hash["leaf"]["value_hash"] = 5;
  bad.push_back(leaf_hash);
  for (const json& b : bad) {
    auto r = SmtProofFromJson(b);
    ASSERT_FALSE(r.ok()) << b.dump();
    EXPECT_EQ(r.status().reason(), "bad-proof-json") << b.dump();
    EXPECT_FALSE(r.status().detail().empty());
  }
  // 256 siblings (the full depth) are fine.
  json deepest = good;
  deepest["siblings"] = json::array();
  for (int i = 0; i < 256; ++i) deepest["siblings"].push_back(HashOf(1).Hex());
  EXPECT_TRUE(SmtProofFromJson(deepest).ok());
}

}  // namespace
}  // namespace tfchain::chain

namespace tfchain::chain {
namespace {

TEST(RpcErrorStatus, MapsCodesReasonsAndDetails) {
  using nlohmann::json;
  Status s = RpcErrorStatus(json{{"code", -32001}, {"message", "m"}, {"data", {{"reason", "no-twin"}, {"detail", "d"}}}});
  EXPECT_EQ(s.code(), Status::Code::kNotFound);
  EXPECT_EQ(s.reason(), "no-twin");
  EXPECT_EQ(s.detail(), "d");
  s = RpcErrorStatus(json{{"code", -32601}, {"message", "method not found"}});
  EXPECT_EQ(s.code(), Status::Code::kInvalidArgument);
  EXPECT_EQ(s.reason(), "rpc-error");
  EXPECT_EQ(s.detail(), "method not found");
  EXPECT_EQ(RpcErrorStatus(json{{"code", -32002}}).code(), Status::Code::kUnavailable);
  s = RpcErrorStatus(json{{"code", -32603}, {"message", "boom"}});
  EXPECT_EQ(s.code(), Status::Code::kInternal);
  EXPECT_EQ(s.detail(), "boom (JSON-RPC error -32603)");
  // Malformed error objects still give a Status.
  EXPECT_EQ(RpcErrorStatus(json{{"code", "x"}}).code(), Status::Code::kInternal);
  EXPECT_EQ(RpcErrorStatus(json("text")).reason(), "rpc-error");
}

}  // namespace
}  // namespace tfchain::chain
