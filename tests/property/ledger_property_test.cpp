// Ledger invariants over random transaction sequences: the sum of all balances always
// equals total issuance, issuance only shrinks by burned fees, and a rejected or
// failed transaction moves nothing but its fee and nonce.
#include <gtest/gtest.h>
#include <rapidcheck.h>
#include <rapidcheck/gtest.h>

#include "chain/keys.h"
#include "contracts/balances.h"
#include "contracts/runtime.h"
#include "tests/support/map_state.h"

namespace tfchain::contracts {
namespace {

struct Step {
  int from = 0;
  int to = 0;
  uint64_t amount = 0;
  uint64_t tip = 0;
  int nonce_skew = 0;  // -1 replay, 0 right, +1 future
  bool wrong_chain = false;
};

rc::Gen<Step> GenStep(int accounts) {
  return rc::gen::build<Step>(
      rc::gen::set(&Step::from, rc::gen::inRange(0, accounts)), rc::gen::set(&Step::to, rc::gen::inRange(0, accounts)),
      rc::gen::set(&Step::amount, rc::gen::oneOf(rc::gen::inRange<uint64_t>(0, 5'000),
                                                 rc::gen::inRange<uint64_t>(0, 3'000'000),
                                                 rc::gen::just<uint64_t>(UINT64_MAX))),
      rc::gen::set(&Step::tip, rc::gen::oneOf(rc::gen::just<uint64_t>(0), rc::gen::inRange<uint64_t>(0, 100'000))),
      rc::gen::set(&Step::nonce_skew, rc::gen::weightedOneOf<int>({{8, rc::gen::just(0)},
                                                                   {1, rc::gen::just(-1)},
                                                                   {1, rc::gen::just(1)}})),
      rc::gen::set(&Step::wrong_chain, rc::gen::weightedOneOf<bool>({{19, rc::gen::just(false)},
                                                                     {1, rc::gen::just(true)}})));
}

unsigned __int128 SumOfBalances(const testing::MapState& state) {
  unsigned __int128 sum = 0;
  const chain::Bytes prefix{chain::kStatePrefixBalances, 0x00};
  for (const auto& [key, value] : state.data()) {
    if (key.size() != 34 || key.compare(0, 2, std::string(prefix.begin(), prefix.end())) != 0) continue;
    auto account = chain::DecodeExact<chain::AccountData>(value, value.size());
    RC_ASSERT(account.ok());
    sum += account->free;
    sum += account->reserved;
  }
  return sum;
}

RC_GTEST_PROP(LedgerProperty, IssuanceIsConservedAndNothingGoesNegative, ()) {
  const int kAccounts = 5;
  std::vector<chain::AccountId> ids;
  for (int i = 0; i < kAccounts + 1; ++i) {  // the last one is the proposer, all of its funds bonded
    chain::AccountId id;
    id.bytes[0] = static_cast<uint8_t>(i + 1);
    ids.push_back(id);
  }
  chain::Genesis genesis;
  genesis.chain_id = "ledger";
  const uint32_t proposer_share = *rc::gen::inRange<uint32_t>(0, 101);
  genesis.fees = chain::FeeParams{*rc::gen::inRange<uint64_t>(0, 20'000), *rc::gen::inRange<uint64_t>(0, 50),
                                  proposer_share, *rc::gen::inRange<uint32_t>(0, 101 - proposer_share)};
  for (int i = 0; i < kAccounts; ++i) genesis.balances.push_back({ids[i], *rc::gen::inRange<uint64_t>(1, 2'000'000)});
  // The proposer: an ed25519 consensus key (so a real curve point), stake = its whole balance.
  std::array<uint8_t, 32> seed{};
  seed[0] = 0x77;
  ids[kAccounts] = chain::SecretKey::FromSeed(chain::KeyScheme::kEd25519, seed)->account_id();
  genesis.balances.push_back({ids[kAccounts], 1'000});
  genesis.validators = {{"p", ids[kAccounts], {ids[kAccounts], 1'000}, 0}};
  Runtime runtime(genesis);
  testing::MapState state;
  {
    StateOverlay overlay(state);
    std::vector<chain::Event> events;
    RC_ASSERT(runtime.InitGenesis(overlay, &events).ok());
    state.Apply(overlay);
  }
  uint64_t issuance = *Balances::TotalIssuance(state);
  RC_ASSERT(SumOfBalances(state) == issuance);

  const auto steps = *rc::gen::container<std::vector<Step>>(GenStep(kAccounts));
  uint64_t height = 1;
  size_t included = 0, succeeded = 0;
  for (const Step& s : steps) {
    const chain::AccountData before_from = *Balances::GetAccount(state, ids[s.from]);
    const chain::AccountData before_to = *Balances::GetAccount(state, ids[s.to]);
    chain::Transaction tx;
    tx.body.chain_id = s.wrong_chain ? "elsewhere" : "ledger";
    tx.body.signer = ids[s.from];
    tx.body.nonce = before_from.nonce + s.nonce_skew;
    if (s.nonce_skew < 0 && before_from.nonce == 0) tx.body.nonce = 5;  // still wrong
    tx.body.tip = s.tip;
    tx.body.valid_until = height;
    tx.body.call = chain::TransferCall{ids[s.to], s.amount};
    const chain::Bytes encoded = chain::Encode(tx);

    StateOverlay overlay(state);
    auto receipt = runtime.ApplyTransaction(overlay, BlockEnv{height, 0, ids[kAccounts]}, tx, chain::TxHash(encoded),
                                            encoded.size());
    if (!receipt.ok()) {
      RC_ASSERT(overlay.writes().empty());
      // Only these make a transaction unincludable here.
      RC_ASSERT(s.wrong_chain || s.nonce_skew != 0 || receipt.status().reason() == "insufficient-balance");
      continue;
    }
    state.Apply(overlay);
    ++height;
    ++included;
    succeeded += receipt->success;
    const uint64_t fee = receipt->fee;
    // A zero fee (the generator may draw base_fee = fee_per_byte = tip = 0) pays
    // nothing and records no FeePaid event; any other fee is the receipt's first event.
    if (fee > 0) {
      const auto& paid = std::get<chain::FeePaidEvent>(receipt->events.at(0));
      RC_ASSERT(paid.to_proposer + paid.to_pool + paid.burned == fee);
      issuance -= paid.burned;
    } else {
      for (const chain::Event& e : receipt->events) RC_ASSERT(!std::holds_alternative<chain::FeePaidEvent>(e));
    }
    RC_ASSERT(*Balances::TotalIssuance(state) == issuance);
    RC_ASSERT(SumOfBalances(state) == issuance);

    const chain::AccountData after_from = *Balances::GetAccount(state, ids[s.from]);
    RC_ASSERT(after_from.nonce == before_from.nonce + 1);
    if (receipt->success) {
      const uint64_t moved = s.from == s.to ? 0 : s.amount;
      RC_ASSERT(after_from.free == before_from.free - fee - moved);
      if (s.from != s.to) RC_ASSERT(Balances::GetAccount(state, ids[s.to])->free == before_to.free + s.amount);
    } else {
      RC_ASSERT(receipt->error == "insufficient-balance");
      RC_ASSERT(after_from.free == before_from.free - fee);
      if (s.from != s.to) RC_ASSERT(Balances::GetAccount(state, ids[s.to])->free == before_to.free);
    }
  }
  RC_CLASSIFY(included == 0, "nothing included");
  RC_CLASSIFY(succeeded > 0, "some transfers succeeded");
  RC_CLASSIFY(included > succeeded, "some calls failed");
}

}  // namespace
}  // namespace tfchain::contracts
