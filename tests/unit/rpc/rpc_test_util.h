#pragma once

// Shared pieces of the rpc tests: a fixture that runs a real RpcServer on
// 127.0.0.1:<free port> against a FakeNodeApi and talks to it with httplib::Client,
// sample chain data, and a checker for the JSON Schema subset the method table uses.

#include <gtest/gtest.h>
#include <httplib.h>

#include <memory>
#include <nlohmann/json.hpp>
#include <regex>
#include <string>

#include "chain/account_data.h"
#include "chain/block.h"
#include "chain/codec.h"
#include "chain/keys.h"
#include "chain/transaction.h"
#include "rpc/rpc_server.h"
#include "tests/unit/rpc/fake_node_api.h"

namespace tfchain::rpc::testing {

using nlohmann::json;

// Where `value` breaks `schema` ("" when it conforms). Supports what json_schema.h
// produces: type, properties, required, additionalProperties: false, items, oneOf,
// const, enum, pattern and minimum.
inline std::string SchemaMismatch(const json& schema, const json& value, const std::string& path = "$") {
  if (schema.contains("oneOf")) {
    int matches = 0;
    for (const json& alt : schema["oneOf"]) matches += SchemaMismatch(alt, value, path).empty() ? 1 : 0;
    return matches == 1 ? "" : path + ": matches " + std::to_string(matches) + " oneOf alternatives";
  }
  if (schema.contains("const") && value != schema["const"]) return path + ": not " + schema["const"].dump();
  if (schema.contains("enum")) {
    bool found = false;
    for (const json& v : schema["enum"]) found = found || v == value;
    if (!found) return path + ": " + value.dump() + " not in enum";
  }
  if (schema.contains("type")) {
    const std::string type = schema["type"];
    const bool ok = (type == "string" && value.is_string()) || (type == "integer" && value.is_number_integer()) ||
                    (type == "boolean" && value.is_boolean()) || (type == "object" && value.is_object()) ||
                    (type == "array" && value.is_array()) || (type == "null" && value.is_null());
    if (!ok) return path + ": expected " + type + ", got " + value.dump();
  }
  if (schema.contains("minimum") && value.is_number_integer() && !value.is_number_unsigned() &&
      value.get<int64_t>() < schema["minimum"].get<int64_t>()) {
    return path + ": below minimum";
  }
  if (schema.contains("pattern") && value.is_string() &&
      !std::regex_search(value.get<std::string>(), std::regex(schema["pattern"].get<std::string>()))) {
    return path + ": " + value.dump() + " does not match " + schema["pattern"].get<std::string>();
  }
  if (value.is_object()) {
    if (schema.contains("required")) {
      for (const json& name : schema["required"]) {
        if (!value.contains(name.get<std::string>())) return path + ": missing " + name.get<std::string>();
      }
    }
    const json props = schema.value("properties", json::object());
    for (const auto& [key, member] : value.items()) {
      if (props.contains(key)) {
        std::string m = SchemaMismatch(props[key], member, path + "." + key);
        if (!m.empty()) return m;
      } else if (schema.value("additionalProperties", true) == false) {
        return path + ": unexpected member " + key;
      }
    }
  }
  if (value.is_array() && schema.contains("items")) {
    for (size_t i = 0; i < value.size(); ++i) {
      std::string m = SchemaMismatch(schema["items"], value[i], path + "[" + std::to_string(i) + "]");
      if (!m.empty()) return m;
    }
  }
  return "";
}

inline chain::SecretKey TestKey(uint8_t fill) {
  chain::Bytes seed(32, fill);
  return chain::SecretKey::FromSeed(chain::KeyScheme::kEd25519, seed).value();
}

inline chain::Transaction SampleTx(uint64_t nonce) {
  chain::TransactionBody body;
  body.chain_id = "tfchain-test";
  body.nonce = nonce;
  body.tip = 5;
  body.valid_until = 1000;
  body.call = chain::TransferCall{FilledAccount(0x22), 12'500'000};
  return chain::SignTransaction(body, TestKey(1));
}

// Heights 0..2 (head 2, with one transaction in block 2), transactions in each
// state, an account with balances and a proof.
inline void PopulateChain(FakeNodeApi& node) {
  for (uint64_t h = 0; h <= 2; ++h) {
    BlockView view;
    view.block.header.chain_id = "tfchain-test";
    view.block.header.height = h;
    view.block.header.time_ms = 1'700'000'000'000 + h * 1000;
    view.block.header.proposer = FilledAccount(0x33);
    if (h > 0) view.block.header.prev_hash = node.blocks[h - 1].hash;
    if (h == 2) {
      view.block.txs = {SampleTx(0)};
      view.block.last_commit = chain::Commit{1, 0, node.blocks[1].hash, {chain::CommitSig{FilledAccount(0x44), {}}}};
    }
    view.hash = chain::BlockHash(view.block.header);
    for (const auto& tx : view.block.txs) view.tx_hashes.push_back(chain::TxHash(tx));
    node.blocks[h] = view;
  }
  node.head = HeadInfo{2, node.blocks[2].hash, node.blocks[2].block.header.time_ms};

  const chain::Transaction tx0 = SampleTx(0);
  TxLookup included;
  included.state = TxLookup::State::kIncluded;
  included.hash = chain::TxHash(tx0);
  included.tx = tx0;
  included.height = 2;
  included.index = 0;
  included.block_hash = node.blocks[2].hash;
  included.receipt = chain::Receipt{
      included.hash, true, "", "", 1500, {chain::TransferEvent{tx0.body.signer, FilledAccount(0x22), 12'500'000}}};
  node.txs[included.hash] = included;

  TxLookup failed = included;
  failed.hash = FilledHash(0xf1);
  failed.index = 1;
  failed.receipt = chain::Receipt{failed.hash, false, "insufficient-balance", "needs 12500000, has 3", 1500, {}};
  node.txs[failed.hash] = failed;

  TxLookup pending;
  pending.state = TxLookup::State::kPending;
  pending.hash = FilledHash(0xa1);
  pending.tx = SampleTx(1);
  node.txs[pending.hash] = pending;

  TxLookup dropped;
  dropped.state = TxLookup::State::kDropped;
  dropped.hash = FilledHash(0xd1);
  dropped.drop_reason = "expired";
  node.txs[dropped.hash] = dropped;

  AccountInfo alice;
  alice.account = FilledAccount(0x22);
  alice.free = 12'500'000;
  alice.reserved = 7;
  alice.nonce = 4;
  alice.pending_nonce = 6;
  alice.height = 2;
  node.accounts[alice.account] = alice;
  node.issuance = uint64_t{1'000'000'000'000'000'000};

  AccountProof proof;
  proof.height = 2;
  proof.block_hash = node.blocks[2].hash;
  proof.state_root = FilledHash(0x55);
  proof.state_key = chain::AccountStateKey(alice.account);
  proof.key_hash = chain::Blake2b256(proof.state_key);
  proof.value = chain::Encode(chain::AccountData{12'500'000, 7, 4});
  proof.proof.siblings = {FilledHash(0x66), chain::Hash256()};
  proof.proof.leaf = std::make_pair(proof.key_hash, chain::Blake2b256(*proof.value));
  node.proof = proof;
}

class RpcServerTest : public ::testing::Test {
 protected:
  void SetUp() override { PopulateChain(node_); }
  void TearDown() override {
    if (server_) server_->Stop();
  }

  // Starts the server (once per test), after the test adjusted options_ and
  // registered extra methods through server().
  void Start() {
    if (!server_) server_ = std::make_unique<RpcServer>(node_, options_);
    ASSERT_TRUE(server_->Start().ok());
    ASSERT_NE(server_->port(), 0);
  }
  RpcServer& server() {
    if (!server_) server_ = std::make_unique<RpcServer>(node_, options_);
    return *server_;
  }

  httplib::Client Client() {
    httplib::Client cli("127.0.0.1", server_->port());
    cli.set_read_timeout(std::chrono::seconds(10));
    return cli;
  }

  // POSTs `body` to / and returns the response (which must arrive).
  httplib::Response Post(const std::string& body, const httplib::Headers& headers = {}) {
    if (!server_) Start();
    auto res = Client().Post("/", headers, body, "application/json");
    EXPECT_TRUE(res) << "no HTTP response";
    return res ? *res : httplib::Response();
  }

  // One call; returns the whole response object.
  json Call(const std::string& method, json params = json::array()) {
    json request = {{"jsonrpc", "2.0"}, {"id", 1}, {"method", method}, {"params", std::move(params)}};
    httplib::Response res = Post(request.dump());
    EXPECT_EQ(res.status, 200) << res.body;
    return json::parse(res.body);
  }

  // A call that must succeed; checks the result against the method's declared result
  // schema and returns the result.
  json Result(const std::string& method, json params = json::array()) {
    json response = Call(method, std::move(params));
    EXPECT_FALSE(response.contains("error")) << response.dump();
    EXPECT_EQ(response["id"], 1);
    const MethodSpec* spec = server().methods().Find(method);
    EXPECT_NE(spec, nullptr);
    if (spec != nullptr) {
      EXPECT_EQ(SchemaMismatch(*spec->result.schema, response["result"]), "") << response.dump();
    }
    return response["result"];
  }

  // A call that must fail; returns the error object.
  json Error(const std::string& method, json params = json::array()) {
    json response = Call(method, std::move(params));
    EXPECT_TRUE(response.contains("error")) << response.dump();
    EXPECT_FALSE(response.contains("result"));
    return response.value("error", json::object());
  }

  FakeNodeApi node_;
  RpcServerOptions options_{.host = "127.0.0.1", .port = 0};
  std::unique_ptr<RpcServer> server_;
};

}  // namespace tfchain::rpc::testing
