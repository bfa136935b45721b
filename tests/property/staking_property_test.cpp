// Staking invariants over random chains: random staking calls and transfers, blocks
// whose last commit has random signers, and occasional double-sign evidence (valid
// or not). After every block:
//  - the ledger balances: free + reserved over all accounts (the pool included) is
//    the issuance, and issuance only dropped by slashed and burned-fee amounts;
//  - the reserved balances are exactly the bonds plus the unbonding entries, and each
//    validator's total_bonded / self_bond match its bonds;
//  - the sets never exceed max_validators, and `next` is what the rotation rule
//    says; it holds a jailed or tombstoned validator only while the empty-set guard
//    keeps an old set;
//  - invalid evidence makes the block invalid without changing anything.
#include <gtest/gtest.h>
#include <rapidcheck.h>
#include <rapidcheck/gtest.h>

#include <map>
#include <set>

#include "chain/genesis.h"
#include "chain/keys.h"
#include "chain/vote.h"
#include "contracts/balances.h"
#include "contracts/runtime.h"
#include "contracts/staking.h"
#include "tests/support/map_state.h"
#include "tests/support/test_keys.h"

namespace tfchain::contracts {
namespace {

using chain::AccountId;

constexpr int kOperators = 4;
constexpr int kDelegators = 3;
constexpr std::string_view kChain = "staking-prop";

struct Actors {
  std::vector<chain::SecretKey> ops, keys, delegators;
  std::vector<const chain::SecretKey*> signers;  // everyone who sends transactions
  Actors() {
    for (int i = 0; i < kOperators; ++i) {
      ops.push_back(tfchain::testing::TestKey(static_cast<uint8_t>(i + 1), 0x51));
      keys.push_back(tfchain::testing::TestKey(static_cast<uint8_t>(i + 1), 0x52));
    }
    for (int i = 0; i < kDelegators; ++i) {
      delegators.push_back(tfchain::testing::TestKey(static_cast<uint8_t>(i + 1), 0x53));
    }
    for (const auto& k : ops) signers.push_back(&k);
    for (const auto& k : delegators) signers.push_back(&k);
  }
};

const Actors& TheActors() {
  static const Actors actors;
  return actors;
}

chain::Genesis RandomGenesis(const Actors& a) {
  chain::Genesis g;
  g.chain_id = std::string(kChain);
  const uint32_t proposer_share = *rc::gen::inRange<uint32_t>(0, 101);
  g.fees = chain::FeeParams{*rc::gen::inRange<uint64_t>(0, 50), 0, proposer_share,
                            *rc::gen::inRange<uint32_t>(0, 101 - proposer_share)};
  chain::StakingParams& p = g.staking;
  p.max_validators = *rc::gen::element<uint32_t>(1, 2, 2, 3, 3);
  p.epoch_length = *rc::gen::inRange<uint64_t>(1, 8);
  p.unbonding_period = *rc::gen::inRange<uint64_t>(2, 10);
  p.evidence_max_age = *rc::gen::inRange<uint64_t>(1, p.unbonding_period);
  p.min_validator_bond = *rc::gen::inRange<uint64_t>(1, 2'000);
  p.double_sign_slash_permill = *rc::gen::inRange<uint32_t>(0, 1'000'001);
  p.downtime_slash_permill = *rc::gen::inRange<uint32_t>(0, 200'000);
  p.downtime_window = *rc::gen::inRange<uint64_t>(1, 9);
  p.min_signed_per_window = *rc::gen::weightedOneOf<uint64_t>(
      {{1, rc::gen::just<uint64_t>(0)}, {5, rc::gen::inRange<uint64_t>(1, p.downtime_window + 1)}});
  p.jail_duration = *rc::gen::inRange<uint64_t>(1, 6);
  p.epoch_reward = *rc::gen::inRange<uint64_t>(0, 5'000);
  p.pool_balance = *rc::gen::inRange<uint64_t>(0, 20'000);
  for (const auto* k : a.signers) g.balances.push_back({k->account_id(), 100'000});
  // Two genesis validators; the others may register.
  for (int i = 0; i < 2; ++i) {
    g.validators.push_back({"v" + std::to_string(i),
                            a.ops[i].account_id(),
                            {a.keys[i].account_id(), p.min_validator_bond + *rc::gen::inRange<uint64_t>(0, 5'000)},
                            *rc::gen::inRange<uint32_t>(0, 1'000'001)});
  }
  return g;
}

chain::Call RandomCall(const Actors& a) {
  const AccountId validator = a.ops[*rc::gen::inRange(0, kOperators)].account_id();
  const uint64_t amount = *rc::gen::weightedOneOf<uint64_t>({{6, rc::gen::inRange<uint64_t>(1, 3'000)},
                                                             {1, rc::gen::just<uint64_t>(0)},
                                                             {1, rc::gen::inRange<uint64_t>(50'000, 200'000)}});
  const uint32_t commission = *rc::gen::weightedOneOf<uint32_t>(
      {{5, rc::gen::inRange<uint32_t>(0, 1'000'001)}, {1, rc::gen::just<uint32_t>(1'000'001)}});
  switch (*rc::gen::inRange(0, 8)) {
    case 0:
      return chain::RegisterValidatorCall{a.keys[*rc::gen::inRange(0, kOperators)].account_id(), commission};
    case 1:
      return chain::SetCommissionCall{commission};
    case 2:
    case 3:
      return chain::BondCall{validator, amount};
    case 4:
      return chain::UnbondCall{validator, amount};
    case 5:
      return chain::WithdrawUnbondedCall{};
    case 6:
      return chain::UnjailCall{};
    default:
      return chain::TransferCall{a.signers[*rc::gen::inRange<size_t>(0, a.signers.size())]->account_id(), amount};
  }
}

// Every account in the state, with its data.
std::map<AccountId, chain::AccountData> Accounts(const testing::MapState& state) {
  std::map<AccountId, chain::AccountData> out;
  for (const auto& [key, value] : state.data()) {
    if (key.size() != 34 || key[0] != chain::kStatePrefixBalances || key[1] != 0) continue;
    out[AccountId::FromSpan(chain::AsBytes(key).subspan(2))] =
        chain::DecodeExact<chain::AccountData>(value, value.size()).value();
  }
  return out;
}

void CheckLedgerAndBonds(const testing::MapState& state) {
  const auto accounts = Accounts(state);
  unsigned __int128 total = 0, reserved = 0;
  for (const auto& [id, a] : accounts) {
    total += a.free;
    total += a.reserved;
    reserved += a.reserved;
  }
  RC_ASSERT(total == *Balances::TotalIssuance(state));

  // Bonds and unbonding entries, from the raw keys.
  unsigned __int128 staked = 0;
  std::map<AccountId, uint64_t> bonded_with;  // operator -> sum of bonds
  std::map<AccountId, uint64_t> self_bond;
  for (const auto& [key, value] : state.data()) {
    if (key.size() < 2 || key[0] != kStatePrefixStaking) continue;
    if (key[1] == 0x02) {  // operator || bonder -> bond
      const AccountId op = AccountId::FromSpan(chain::AsBytes(key).subspan(2, 32));
      const AccountId bonder = AccountId::FromSpan(chain::AsBytes(key).subspan(34, 32));
      const uint64_t bond = *StakingState::GetBond(state, op, bonder);
      RC_ASSERT(bond > 0);
      staked += bond;
      bonded_with[op] += bond;
      if (op == bonder) self_bond[op] = bond;
    } else if (key[1] == 0x04) {  // account -> unbonding entries
      const AccountId who = AccountId::FromSpan(chain::AsBytes(key).subspan(2, 32));
      const std::vector<UnbondingEntry> entries = *StakingState::GetUnbonding(state, who);
      for (const UnbondingEntry& e : entries) staked += e.amount;
    }
  }
  RC_ASSERT(reserved == staked);
  const std::vector<AccountId> operators = *StakingState::GetValidatorList(state);
  for (const AccountId& op : operators) {
    const ValidatorRecord r = **StakingState::GetValidator(state, op);
    RC_ASSERT(r.total_bonded == bonded_with[op]);
    RC_ASSERT(r.self_bond == self_bond[op]);
  }
}

bool Ineligible(const testing::MapState& state, const AccountId& consensus_key) {
  const AccountId op = **StakingState::GetOperatorOf(state, consensus_key);
  const ValidatorRecord r = **StakingState::GetValidator(state, op);
  return r.jailed || r.tombstoned;
}

RC_GTEST_PROP(StakingProperty, LedgerBondsAndSetsStayConsistent, ()) {
  const Actors& a = TheActors();
  const chain::Genesis genesis = RandomGenesis(a);
  const chain::StakingParams& params = genesis.staking;
  Runtime runtime(genesis);
  testing::MapState state;
  {
    StateOverlay overlay(state);
    std::vector<chain::Event> events;
    const Status s = runtime.InitGenesis(overlay, &events);
    RC_ASSERT(s.ok());
    state.Apply(overlay);
  }
  uint64_t issuance = *Balances::TotalIssuance(state);
  CheckLedgerAndBonds(state);
  bool last_recompute_empty = false;
  size_t slashes = 0, jailings = 0, tombstones = 0, evidence_refused = 0, failed_calls = 0;

  const int blocks = *rc::gen::inRange(1, 60);
  // Mostly, one of the genesis validators' keys is offline for the whole run.
  const int offline = *rc::gen::element(0, 0, 1, 1, -1);
  size_t rewards = 0, withdrawals = 0;
  for (uint64_t height = 1; height <= static_cast<uint64_t>(blocks); ++height) {
    const ValidatorSets before = *runtime.GetValidatorSets(state);
    // The last commit: each member of `last` signed with probability 4/5.
    chain::Commit commit{height - 1, 0, {}, {}};
    for (const chain::Validator& v : before.last) {
      if (offline >= 0 && v.id == a.keys[offline].account_id()) continue;
      if (*rc::gen::weightedOneOf<bool>({{4, rc::gen::just(true)}, {1, rc::gen::just(false)}})) {
        commit.signatures.push_back(chain::CommitSig{v.id, chain::Signature{}});
      }
    }
    // Occasional evidence against any of the keys, at a random age (maybe too old).
    std::vector<chain::Evidence> evidence;
    if (*rc::gen::inRange(0, 20) == 0) {
      const int who = *rc::gen::inRange(0, kOperators);
      const uint64_t age = *rc::gen::inRange<uint64_t>(0, params.evidence_max_age + 2);
      chain::Evidence ev;
      for (chain::Vote* v : {&ev.first, &ev.second}) v->height = height > age ? height - age : 0;
      ev.first.block_hash.bytes.fill(1);
      ev.second.block_hash.bytes.fill(2);
      chain::SignVote(kChain, a.keys[who], &ev.first);
      chain::SignVote(kChain, a.keys[who], &ev.second);
      const Status check = runtime.CheckEvidence(state, ev, height);
      if (check.ok()) {
        evidence.push_back(ev);
      } else {
        // A block carrying it is invalid and changes nothing.
        StateOverlay scratch(state);
        std::vector<chain::Event> events;
        const chain::Commit* c = &commit;
        const Status s =
            runtime.BeginBlock(scratch, BlockEnv{height, 0, before.current.at(0).id, c, {&ev, 1}}, &events);
        RC_ASSERT(s.reason() == check.reason());
        ++evidence_refused;
      }
    }

    StateOverlay overlay(state);
    const BlockEnv env{height, 0, before.current.at(0).id, &commit, evidence};
    std::vector<chain::Event> events;
    const Status begun = runtime.BeginBlock(overlay, env, &events);
    RC_ASSERT(begun.ok());
    const int txs = *rc::gen::inRange(0, 6);
    for (int i = 0; i < txs; ++i) {
      const chain::SecretKey& signer = *a.signers[*rc::gen::inRange<size_t>(0, a.signers.size())];
      chain::TransactionBody body;
      body.chain_id = std::string(kChain);
      body.nonce = Balances::GetAccount(overlay, signer.account_id())->nonce;
      body.valid_until = height;
      body.call = RandomCall(a);
      const chain::Transaction tx = chain::SignTransaction(std::move(body), signer);
      const chain::Bytes encoded = chain::Encode(tx);
      auto receipt = runtime.ApplyTransaction(overlay, env, tx, chain::TxHash(encoded), encoded.size());
      if (!receipt.ok()) {
        RC_ASSERT(receipt.status().reason() == "insufficient-balance");  // cannot pay the fee
        continue;
      }
      failed_calls += !receipt->success;
      events.insert(events.end(), receipt->events.begin(), receipt->events.end());
    }
    const Status ended = runtime.EndBlock(overlay, env, &events);
    RC_ASSERT(ended.ok());
    state.Apply(overlay);

    // Issuance only drops, by slashes and burned fees.
    bool forced = false;
    for (const chain::Event& e : events) {
      if (const auto* fee = std::get_if<chain::FeePaidEvent>(&e)) issuance -= fee->burned;
      if (const auto* slashed = std::get_if<chain::SlashedEvent>(&e)) {
        issuance -= slashed->amount;
        ++slashes;
      }
      if (std::holds_alternative<chain::JailedEvent>(e)) ++jailings;
      if (std::holds_alternative<chain::RewardPaidEvent>(e)) ++rewards;
      if (std::holds_alternative<chain::WithdrawnEvent>(e)) ++withdrawals;
      if (std::holds_alternative<chain::TombstonedEvent>(e)) ++tombstones;
      forced |= std::holds_alternative<chain::JailedEvent>(e) || std::holds_alternative<chain::TombstonedEvent>(e);
    }
    RC_ASSERT(*Balances::TotalIssuance(state) == issuance);
    CheckLedgerAndBonds(state);

    // The rotation rule, and the set bounds.
    const ValidatorSets after = *runtime.GetValidatorSets(state);
    RC_ASSERT(after.last == before.current);
    RC_ASSERT(after.current == before.next);
    if (height % params.epoch_length == 0 || forced) {
      const std::vector<chain::Validator> computed = *runtime.staking().ComputeActiveSet(state);
      last_recompute_empty = computed.empty();
      RC_ASSERT(after.next == (computed.empty() ? before.next : computed));
    } else {
      RC_ASSERT(after.next == before.next);
    }
    for (const auto* set : {&after.last, &after.current, &after.next}) {
      RC_ASSERT(!set->empty());
      RC_ASSERT(set->size() <= params.max_validators);
    }
    for (const chain::Validator& v : after.next) {
      if (Ineligible(state, v.id)) RC_ASSERT(last_recompute_empty);
    }
  }
  RC_CLASSIFY(slashes > 0, "slashed");
  RC_CLASSIFY(jailings > 0, "jailed");
  RC_CLASSIFY(tombstones > 0, "tombstoned");
  RC_CLASSIFY(evidence_refused > 0, "evidence refused");
  RC_CLASSIFY(failed_calls > 0, "failed calls");
  RC_CLASSIFY(rewards > 0, "rewards");
  RC_CLASSIFY(withdrawals > 0, "withdrawals");
}

}  // namespace
}  // namespace tfchain::contracts
