#pragma once

// A small chain for staking tests: a Runtime over an in-memory state, with helpers to
// submit calls as signed transactions and to run whole blocks (BeginBlock, the
// transactions, EndBlock) with chosen commit signers and evidence.

#include <gtest/gtest.h>

#include <string>
#include <utility>
#include <vector>

#include "chain/genesis.h"
#include "chain/keys.h"
#include "chain/vote.h"
#include "contracts/balances.h"
#include "contracts/runtime.h"
#include "contracts/staking.h"
#include "tests/support/map_state.h"
#include "tests/support/test_keys.h"

namespace tfchain::contracts::testing {

using chain::AccountId;
using chain::Event;
using chain::SecretKey;

inline constexpr std::string_view kChainId = "staking-test";

// Parameters small enough to reach every rule in a few blocks.
inline chain::StakingParams TestParams() {
  chain::StakingParams p;
  p.max_validators = 3;
  p.epoch_length = 10;
  p.unbonding_period = 20;
  p.min_validator_bond = 1'000;
  p.double_sign_slash_permill = 50'000;  // 5%
  p.downtime_slash_permill = 10'000;     // 1%
  p.downtime_window = 10;
  p.min_signed_per_window = 5;  // more than 5 missed of 10 -> jail
  p.jail_duration = 5;
  p.evidence_max_age = 15;
  p.epoch_reward = 10'000;
  p.pool_balance = 1'000'000;
  return p;
}

// An operator account and its (different) consensus key.
struct TestValidator {
  SecretKey op;
  SecretKey key;
  AccountId id() const { return op.account_id(); }
  AccountId key_id() const { return key.account_id(); }
};

inline TestValidator MakeValidator(uint8_t n) {
  return {tfchain::testing::TestKey(n, 1), tfchain::testing::TestKey(n, 2)};
}

// Blocks and transactions happen at head_ + 1. The genesis has one validator, v1,
// with a self-bond of 10,000 and no commission; fees are zero unless a test sets them.
class StakingTest : public ::testing::Test {
 protected:
  explicit StakingTest(chain::StakingParams params = TestParams(), chain::FeeParams fees = {0, 0, 0, 0})
      : v1_(MakeValidator(1)),
        v2_(MakeValidator(2)),
        v3_(MakeValidator(3)),
        v4_(MakeValidator(4)),
        d1_(tfchain::testing::TestKey(10, 3)),
        d2_(tfchain::testing::TestKey(11, 3)),
        runtime_(MakeGenesis(params, fees)) {
    StateOverlay overlay(state_);
    Status s = runtime_.InitGenesis(overlay, &genesis_events_);
    EXPECT_TRUE(s.ok()) << s.ToString();
    state_.Apply(overlay);
  }

  chain::Genesis MakeGenesis(const chain::StakingParams& params, const chain::FeeParams& fees) {
    chain::Genesis g;
    g.chain_id = std::string(kChainId);
    g.fees = fees;
    g.staking = params;
    for (const SecretKey* k : {&v1_.op, &v2_.op, &v3_.op, &v4_.op, &d1_, &d2_}) {
      g.balances.push_back({k->account_id(), 1'000'000});
    }
    g.validators = {{"v1", v1_.id(), {v1_.key_id(), 10'000}, 0}};
    return g;
  }

  // Signs `call` by `signer` with its next nonce and applies it at `height` (default:
  // the next block) without block hooks. Commits the state when includable.
  chain::Receipt Submit(const SecretKey& signer, chain::Call call, uint64_t height = 0) {
    chain::TransactionBody body;
    body.chain_id = std::string(kChainId);
    body.nonce = Account(signer.account_id()).nonce;
    body.valid_until = UINT64_MAX;
    body.call = std::move(call);
    const chain::Transaction tx = chain::SignTransaction(std::move(body), signer);
    const chain::Bytes encoded = chain::Encode(tx);
    StateOverlay overlay(state_);
    auto receipt = runtime_.ApplyTransaction(overlay, BlockEnv{height ? height : head_ + 1, 0, v1_.key_id()}, tx,
                                             chain::TxHash(encoded), encoded.size());
    EXPECT_TRUE(receipt.ok()) << receipt.status().ToString();
    if (!receipt.ok()) return {};
    state_.Apply(overlay);
    return *receipt;
  }

  // Submits and expects success.
  void Ok(const SecretKey& signer, chain::Call call) {
    const chain::Receipt r = Submit(signer, std::move(call));
    EXPECT_TRUE(r.success) << r.error << ": " << r.message;
  }

  // Submits, expects the call to fail with `reason`, and checks that it changed
  // nothing but the signer's nonce (fees are zero in these tests).
  void Fails(const SecretKey& signer, chain::Call call, std::string_view reason) {
    const std::map<std::string, chain::Bytes> before = state_.data();
    const chain::Receipt r = Submit(signer, std::move(call));
    EXPECT_FALSE(r.success);
    EXPECT_EQ(r.error, reason) << r.message;
    const chain::AccountData now = Account(signer.account_id());
    const chain::AccountData was = AccountIn(before, signer.account_id());
    EXPECT_EQ(now.nonce, was.nonce + 1);
    EXPECT_EQ(now.free, was.free);
    EXPECT_EQ(now.reserved, was.reserved);
    const auto without_signer = [&](std::map<std::string, chain::Bytes> m) {
      const chain::Bytes key = chain::AccountStateKey(signer.account_id());
      m.erase(std::string(key.begin(), key.end()));
      return m;
    };
    EXPECT_EQ(without_signer(state_.data()), without_signer(before)) << "a failed call changed state";
  }

  static chain::AccountData AccountIn(const std::map<std::string, chain::Bytes>& data, const AccountId& who) {
    const chain::Bytes key = chain::AccountStateKey(who);
    auto it = data.find(std::string(key.begin(), key.end()));
    if (it == data.end()) return {};
    return chain::DecodeExact<chain::AccountData>(it->second, it->second.size()).value();
  }

  // A commit for block head_ signed (in name: signatures are not checked by the
  // runtime) by `signers`.
  chain::Commit CommitBy(const std::vector<AccountId>& signers) const {
    chain::Commit c{head_, 0, chain::Hash256{}, {}};
    for (const AccountId& s : signers) c.signatures.push_back(chain::CommitSig{s, chain::Signature{}});
    return c;
  }

  // The consensus keys of the `last` set: a full commit.
  std::vector<AccountId> LastSigners() {
    std::vector<AccountId> out;
    for (const chain::Validator& v : Sets().last) out.push_back(v.id);
    return out;
  }

  struct BlockOutput {
    std::vector<Event> begin, end;
    std::vector<chain::Receipt> receipts;
  };

  // Runs block head_ + 1 (BeginBlock, the calls, EndBlock) with a commit by
  // `signers` (default: all of last) and `evidence`. On success commits the state
  // and advances head_; on failure changes nothing.
  chain::Result<BlockOutput> RunBlock(std::optional<std::vector<AccountId>> signers = std::nullopt,
                                      std::vector<chain::Evidence> evidence = {}) {
    const uint64_t height = head_ + 1;
    const chain::Commit commit = CommitBy(signers ? *signers : LastSigners());
    StateOverlay overlay(state_);
    const BlockEnv env{height, 0, v1_.key_id(), &commit, evidence};
    BlockOutput out;
    TF_RETURN_IF_ERROR(runtime_.BeginBlock(overlay, env, &out.begin));
    TF_RETURN_IF_ERROR(runtime_.EndBlock(overlay, env, &out.end));
    state_.Apply(overlay);
    head_ = height;
    return out;
  }

  // Runs full-commit blocks until the head is `height`.
  void RunTo(uint64_t height) {
    while (head_ < height) {
      auto b = RunBlock();
      ASSERT_TRUE(b.ok()) << b.status().ToString();
    }
  }

  // Evidence that `key` voted for two blocks at (height, round 0, precommit).
  static chain::Evidence DoubleSign(const SecretKey& key, uint64_t height, std::string_view chain_id = kChainId) {
    chain::Evidence ev;
    for (chain::Vote* v : {&ev.first, &ev.second}) {
      v->type = chain::VoteType::kPrecommit;
      v->height = height;
      v->round = 0;
    }
    ev.first.block_hash.bytes.fill(0xA1);
    ev.second.block_hash.bytes.fill(0xB2);
    chain::SignVote(chain_id, key, &ev.first);
    chain::SignVote(chain_id, key, &ev.second);
    return ev;
  }

  chain::AccountData Account(const AccountId& who) { return Balances::GetAccount(state_, who).value(); }
  uint64_t Issuance() { return Balances::TotalIssuance(state_).value(); }
  ValidatorSets Sets() { return runtime_.GetValidatorSets(state_).value(); }
  ValidatorRecord Record(const TestValidator& v) { return StakingState::GetValidator(state_, v.id()).value().value(); }
  uint64_t Bond(const TestValidator& v, const AccountId& bonder) {
    return StakingState::GetBond(state_, v.id(), bonder).value();
  }
  std::vector<UnbondingEntry> Unbonding(const AccountId& who) {
    return StakingState::GetUnbonding(state_, who).value();
  }
  std::vector<AccountId> Bonders(const TestValidator& v) { return StakingState::GetBonders(state_, v.id()).value(); }

  // Registers `v` with `commission` and self-bonds `stake`.
  void Join(const TestValidator& v, uint64_t stake, uint32_t commission = 0) {
    Ok(v.op, chain::RegisterValidatorCall{v.key_id(), commission});
    Ok(v.op, chain::BondCall{v.id(), stake});
  }

  static std::vector<AccountId> Ids(const std::vector<chain::Validator>& set) {
    std::vector<AccountId> out;
    for (const chain::Validator& v : set) out.push_back(v.id);
    return out;
  }

  template <typename E>
  static std::vector<E> EventsOf(const std::vector<Event>& events) {
    std::vector<E> out;
    for (const Event& e : events) {
      if (const E* x = std::get_if<E>(&e)) out.push_back(*x);
    }
    return out;
  }

  TestValidator v1_, v2_, v3_, v4_;
  SecretKey d1_, d2_;
  Runtime runtime_;
  tfchain::testing::MapState state_;
  std::vector<Event> genesis_events_;
  uint64_t head_ = 0;
};

}  // namespace tfchain::contracts::testing
