// staking_getValidators, staking_getValidator and staking_getEvidence against a
// scripted node: results checked against the declared schemas, and their errors.
#include <gtest/gtest.h>

#include "chain/json.h"
#include "tests/unit/rpc/rpc_test_util.h"

namespace tfchain::rpc::testing {
namespace {

using StakingMethodsTest = RpcServerTest;

ValidatorView Validator(uint8_t operator_fill, uint8_t key_fill) {
  ValidatorView v;
  v.operator_account = FilledAccount(operator_fill);
  v.consensus_key = FilledAccount(key_fill);
  v.commission_permill = 100'000;
  v.self_bond = 50'000'000;
  v.total_bonded = 70'000'000;
  v.window_blocks = 100;
  return v;
}

chain::Evidence SampleEvidence(uint64_t height) {
  chain::Vote first;
  first.type = chain::VoteType::kPrevote;
  first.height = height;
  first.round = 1;
  first.block_hash = FilledHash(0x0a);
  first.validator = FilledAccount(0x51);
  chain::Vote second = first;
  second.block_hash = chain::Hash256();  // nil
  return chain::Evidence{first, second};
}

TEST_F(StakingMethodsTest, GetValidatorsListsEveryFieldAndStatus) {
  EXPECT_EQ(Result("staking_getValidators"), json::array());

  ValidatorView active = Validator(0x10, 0x11);
  active.pending_commission = 50'000;
  active.power_current = 70'000'000;
  active.power_next = 80'000'000;
  active.missed_blocks = 3;
  ValidatorView jailed = Validator(0x20, 0x21);
  jailed.jailed = true;
  jailed.jailed_until = 900;
  ValidatorView tombstoned = Validator(0x30, 0x31);
  tombstoned.tombstoned = true;
  tombstoned.jailed = true;  // tombstoned wins over jailed
  ValidatorView inactive = Validator(0x40, 0x41);
  inactive.power_next = 1;  // joins the set later: still inactive now
  ValidatorView jailed_but_signing = Validator(0x50, 0x51);
  jailed_but_signing.jailed = true;
  jailed_but_signing.power_current = 5;  // jailed this block, leaves the set at H+2
  node_.validators = {active, jailed, tombstoned, inactive, jailed_but_signing};

  const json list = Result("staking_getValidators");
  ASSERT_EQ(list.size(), 5u);
  EXPECT_EQ(list[0], json({{"operator", chain::ToSs58(FilledAccount(0x10))},
                           {"consensus_key", chain::ToSs58(FilledAccount(0x11))},
                           {"commission_permill", 100'000},
                           {"pending_commission", 50'000},
                           {"self_bond", "50000000"},
                           {"total_bonded", "70000000"},
                           {"jailed", false},
                           {"jailed_until", 0},
                           {"tombstoned", false},
                           {"power_current", "70000000"},
                           {"power_next", "80000000"},
                           {"missed_blocks", 3},
                           {"window_blocks", 100},
                           {"status", "active"}}));
  EXPECT_EQ(list[1]["status"], "jailed");
  EXPECT_EQ(list[1]["jailed_until"], 900);
  EXPECT_EQ(list[1]["pending_commission"], nullptr);
  EXPECT_EQ(list[2]["status"], "tombstoned");
  EXPECT_EQ(list[3]["status"], "inactive");
  EXPECT_EQ(list[3]["power_next"], "1");
  EXPECT_EQ(list[4]["status"], "active");
}

TEST_F(StakingMethodsTest, GetValidatorByOperatorOrConsensusKey) {
  node_.validators = {Validator(0x10, 0x11), Validator(0x20, 0x21)};
  const json by_operator = Result("staking_getValidator", {chain::ToSs58(FilledAccount(0x20))});
  EXPECT_EQ(by_operator["consensus_key"], chain::ToSs58(FilledAccount(0x21)));
  EXPECT_EQ(by_operator["status"], "inactive");
  EXPECT_EQ(Result("staking_getValidator", {FilledAccount(0x11).Hex()})["operator"],
            chain::ToSs58(FilledAccount(0x10)));
  EXPECT_EQ(Result("staking_getValidator", {{"validator", chain::ToSs58(FilledAccount(0x21))}})["operator"],
            chain::ToSs58(FilledAccount(0x20)));
}

TEST_F(StakingMethodsTest, GetValidatorErrors) {
  node_.validators = {Validator(0x10, 0x11)};
  json e = Error("staking_getValidator", {chain::ToSs58(FilledAccount(0x77))});
  EXPECT_EQ(e["code"], kNotFound);
  EXPECT_EQ(e["data"]["reason"], "validator-not-found");

  e = Error("staking_getValidator");
  EXPECT_EQ(e["code"], kInvalidParams);
  EXPECT_EQ(e["data"]["reason"], "missing-param");
  e = Error("staking_getValidator", {"5FA9nQDVg267DEd8m1ZypXLBnvN7SFxYwV7ndqSYGiN9TTpv"});
  EXPECT_EQ(e["code"], kInvalidParams);
  EXPECT_EQ(e["data"]["reason"], "bad-ss58-checksum");
  EXPECT_EQ(e["data"]["param"], "validator");
  EXPECT_EQ(Error("staking_getValidator", {7})["data"]["reason"], "bad-param-type");
  EXPECT_EQ(Error("staking_getValidator", {"0x1234"})["data"]["reason"], "bad-length");
}

TEST_F(StakingMethodsTest, GetEvidencePendingAndCommitted) {
  EXPECT_EQ(Result("staking_getEvidence"), json::array());

  const chain::Evidence pending = SampleEvidence(9);
  const chain::Evidence committed = SampleEvidence(5);
  node_.evidence = {EvidenceView{pending, false, 0}, EvidenceView{committed, true, 7}};
  const json list = Result("staking_getEvidence");
  ASSERT_EQ(list.size(), 2u);
  EXPECT_EQ(list[0], json({{"committed", false}, {"height", nullptr}, {"evidence", chain::ToJson(pending)}}));
  EXPECT_EQ(list[1], json({{"committed", true}, {"height", 7}, {"evidence", chain::ToJson(committed)}}));
  EXPECT_EQ(list[0]["evidence"]["second"]["block_hash"], nullptr);  // a nil vote
  EXPECT_EQ(list[1]["evidence"]["first"]["type"], "prevote");

  // The limit reaches the node (the fake cuts the whole list), default 100.
  EXPECT_EQ(Result("staking_getEvidence", {1}).size(), 1u);
  EXPECT_EQ(Result("staking_getEvidence", {{"limit", 1000}}).size(), 2u);
  EXPECT_EQ(Result("staking_getEvidence", {nullptr}).size(), 2u);
  EXPECT_EQ(Result("staking_getEvidence", {0}).size(), 0u);
}

TEST_F(StakingMethodsTest, GetEvidenceRejectsBadLimits) {
  json e = Error("staking_getEvidence", {1001});
  EXPECT_EQ(e["code"], kInvalidParams);
  EXPECT_EQ(e["data"]["reason"], "limit-too-large");
  EXPECT_EQ(e["data"]["param"], "limit");
  EXPECT_NE(e["message"].get<std::string>().find("1000"), std::string::npos) << e.dump();
  EXPECT_EQ(Error("staking_getEvidence", {-1})["data"]["reason"], "bad-param-type");
  EXPECT_EQ(Error("staking_getEvidence", {"10"})["data"]["reason"], "bad-param-type");
  EXPECT_EQ(Error("staking_getEvidence", {1, 2})["data"]["reason"], "too-many-params");
}

TEST_F(StakingMethodsTest, DiscoverPublishesTheParams) {
  const json doc = Result("rpc.discover");
  int seen = 0;
  for (const json& m : doc["methods"]) {
    if (m["name"] == "staking_getEvidence") {
      ++seen;
      ASSERT_EQ(m["params"].size(), 1u);
      EXPECT_EQ(m["params"][0]["name"], "limit");
      EXPECT_EQ(m["params"][0]["required"], false);
      EXPECT_EQ(m["params"][0]["schema"]["default"], 100);
    }
    if (m["name"] == "staking_getValidator") {
      ++seen;
      ASSERT_EQ(m["params"].size(), 1u);
      EXPECT_EQ(m["params"][0]["name"], "validator");
      EXPECT_EQ(m["params"][0]["required"], true);
      EXPECT_EQ(m["result"]["schema"]["properties"]["status"]["enum"].size(), 4u);
    }
  }
  EXPECT_EQ(seen, 2);
}

}  // namespace
}  // namespace tfchain::rpc::testing
