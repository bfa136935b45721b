// Solution providers (docs/directory.md): directory.solution_provider_create and its
// every bad input, the record codec, and approval / revocation by governance.
#include <gtest/gtest.h>

#include "contracts/governance.h"
#include "contracts/solution_provider_state.h"
#include "contracts/staking_state.h"
#include "tests/unit/contracts/farming_test_util.h"

namespace tfchain::contracts::testing {
namespace {

using chain::GovAction;
using chain::SolutionProviderCreateCall;
using chain::SolutionProviderShare;

AccountId Operator(uint32_t n) { return TestAccount(n, 0x0B); }
AccountId ConsensusKey(uint32_t n) { return TestAccount(n, 0x0C); }
AccountId Creator() { return TestAccount(1, 0x5B); }
AccountId Share(uint32_t n) { return TestAccount(n, 0x5A); }

SolutionProviderCreateCall GoodCall() {
  return {"A deployment portal", "https://portal.example.org", {{Share(1), 10}, {Share(2), 40}}};
}

class SolutionProviderTest : public ::testing::Test {
 protected:
  SolutionProviderTest() : world_(chain::GridParams{}), gov_(kGenesisMs) {
    // Validators 1..3 are in the current set with powers 40, 30, 30.
    Ok(world_.Write([&](StateOverlay& s) {
      for (uint32_t n = 1; n <= 3; ++n) {
        ValidatorRecord r;
        r.consensus_key = ConsensusKey(n);
        StakingState::PutValidator(s, Operator(n), r);
        StakingState::PutOperatorOf(s, ConsensusKey(n), Operator(n));
      }
      StakingState::PutSet(s, SetSlot::kCurrent, {{ConsensusKey(1), 40}, {ConsensusKey(2), 30}, {ConsensusKey(3), 30}});
      chain::GovernanceParams params;
      params.voting_period_blocks = 10;
      PolicyState::PutGovernanceParams(s, params);
      return Status::Ok();
    }));
  }

  static void Ok(const Status& s) { ASSERT_TRUE(s.ok()) << s.ToString(); }

  Status Create(const SolutionProviderCreateCall& call, uint64_t time_ms = kGenesisMs + 5000) {
    events_.clear();
    return world_.Write([&](StateOverlay& s) {
      return world_.directory().SolutionProviderCreate(s, 3, time_ms, Creator(), call, &events_);
    });
  }
  // The reason `call` is refused, after checking that nothing changed.
  std::string CreateReason(const SolutionProviderCreateCall& call) {
    const auto before = world_.state().data();
    const Status s = Create(call);
    EXPECT_EQ(world_.state().data(), before);
    EXPECT_TRUE(events_.empty());
    return s.ok() ? "ok" : std::string(s.reason());
  }
  std::optional<SolutionProvider> Get(uint32_t id) { return SolutionProviderState::Get(world_.state(), id).value(); }

  Status Propose(GovAction action) {
    events_.clear();
    return world_.Write([&](StateOverlay& s) { return gov_.Propose(s, 5, Operator(1), {action, "why"}, &events_); });
  }
  // Proposes `action`, votes it through (40 + 30 of 100) and tallies.
  std::vector<Event> Pass(GovAction action, uint64_t height = 7) {
    const ProposalId id = GovernanceState::GetIndex(world_.state()).value().next_id;
    Ok(Propose(std::move(action)));
    for (uint32_t op : {1u, 2u}) {
      Ok(world_.Write([&](StateOverlay& s) { return gov_.Vote(s, 6, Operator(op), {id, true}, &events_); }));
    }
    std::vector<Event> ev;
    Ok(world_.Write([&](StateOverlay& s) { return gov_.EndBlock(s, height, kGenesisMs + height * 1000, &ev); }));
    return ev;
  }

  GridWorld world_;
  Governance gov_;
  std::vector<Event> events_;
};

TEST_F(SolutionProviderTest, CreateRecordsAnUnapprovedProviderWithTheNextId) {
  EXPECT_EQ(SolutionProviderState::NextId(world_.state()).value(), 1u);
  Ok(Create(GoodCall(), kGenesisMs + 5000));
  EXPECT_EQ(events_, (std::vector<Event>{chain::SolutionProviderCreatedEvent{1, Creator()}}));
  const SolutionProvider expected{
      1,     Creator(),        "A deployment portal", "https://portal.example.org", GoodCall().providers,
      false, kGenesisMs + 5000};
  EXPECT_EQ(Get(1), expected);
  EXPECT_EQ(SolutionProviderState::NextId(world_.state()).value(), 2u);

  // An empty link and a single share of exactly 50% are fine.
  Ok(Create({"x", "", {{Share(3), 50}}}));
  EXPECT_EQ(events_, (std::vector<Event>{chain::SolutionProviderCreatedEvent{2, Creator()}}));
  EXPECT_EQ(Get(2)->link, "");
  EXPECT_FALSE(Get(3).has_value());
}

TEST_F(SolutionProviderTest, RecordRoundTripsThroughItsCodec) {
  const SolutionProvider p{7, Creator(), "desc", "link", {{Share(1), 5}}, true, 123};
  EXPECT_EQ(chain::DecodeExact<SolutionProvider>(chain::Encode(p), 1000).value(), p);
  EXPECT_EQ(SolutionProviderState::Key(7), (chain::Bytes{0x03, 0x08, 0, 0, 0, 7}));
}

TEST_F(SolutionProviderTest, EveryBadInputIsRefusedAndChangesNothing) {
  SolutionProviderCreateCall c = GoodCall();
  c.description = "";
  EXPECT_EQ(CreateReason(c), "bad-solution-provider-description");
  c.description = std::string(chain::kMaxSolutionProviderDescription + 1, 'd');
  EXPECT_EQ(CreateReason(c), "bad-solution-provider-description");
  c.description = "tab\there";
  EXPECT_EQ(CreateReason(c), "bad-solution-provider-description");
  c.description = std::string(chain::kMaxSolutionProviderDescription, 'd');  // at the limit: fine below

  c.link = std::string(chain::kMaxSolutionProviderLink + 1, 'l');
  EXPECT_EQ(CreateReason(c), "bad-solution-provider-link");
  c.link = "bad\nlink";
  EXPECT_EQ(CreateReason(c), "bad-solution-provider-link");
  c.link = std::string(chain::kMaxSolutionProviderLink, 'l');

  c.providers = {};
  EXPECT_EQ(CreateReason(c), "bad-solution-provider-shares");
  c.providers = {{Share(1), 5}, {Share(2), 5}, {Share(3), 5}, {Share(4), 5}, {Share(5), 5}, {Share(6), 5}};
  EXPECT_EQ(CreateReason(c), "bad-solution-provider-shares");  // six shares
  c.providers = {{Share(1), 10}, {Share(1), 10}};
  EXPECT_EQ(CreateReason(c), "bad-solution-provider-shares");  // the same account twice
  c.providers = {{Share(1), 0}};
  EXPECT_EQ(CreateReason(c), "bad-solution-provider-shares");
  c.providers = {{Share(1), 101}};
  EXPECT_EQ(CreateReason(c), "bad-solution-provider-shares");
  c.providers = {{Share(1), 51}};
  EXPECT_EQ(CreateReason(c), "solution-provider-take-too-high");
  c.providers = {{Share(1), 30}, {Share(2), 21}};
  EXPECT_EQ(CreateReason(c), "solution-provider-take-too-high");

  EXPECT_EQ(SolutionProviderState::NextId(world_.state()).value(), 1u);
  c.providers = {{Share(1), 10}, {Share(2), 10}, {Share(3), 10}, {Share(4), 10}, {Share(5), 10}};
  Ok(Create(c));  // every limit reached exactly
  EXPECT_EQ(Get(1)->providers.size(), 5u);
}

TEST_F(SolutionProviderTest, GovernanceApprovesAndRevokes) {
  Ok(Create(GoodCall()));
  EXPECT_EQ(Pass(chain::ApproveSolutionProviderAction{1, true}),
            (std::vector<Event>{chain::EnactedEvent{1}, chain::SolutionProviderApprovedEvent{1, true}}));
  EXPECT_TRUE(Get(1)->approved);

  // Approving it again is not a change.
  EXPECT_EQ(Propose(chain::ApproveSolutionProviderAction{1, true}).reason(), "bad-proposal");

  EXPECT_EQ(Pass(chain::ApproveSolutionProviderAction{1, false}, 8),
            (std::vector<Event>{chain::EnactedEvent{2}, chain::SolutionProviderApprovedEvent{1, false}}));
  EXPECT_FALSE(Get(1)->approved);
  EXPECT_EQ(Propose(chain::ApproveSolutionProviderAction{1, false}).reason(), "bad-proposal");
}

TEST_F(SolutionProviderTest, UnknownProvidersAreRefusedAtProposal) {
  const auto before = world_.state().data();
  EXPECT_EQ(Propose(chain::ApproveSolutionProviderAction{1, true}).reason(), "unknown-solution-provider");
  EXPECT_EQ(world_.state().data(), before);
  EXPECT_TRUE(events_.empty());
}

TEST_F(SolutionProviderTest, AnActionThatBecameInvalidIsRejectedWithoutItsEvent) {
  Ok(Create(GoodCall()));
  // Two proposals approve provider 1; the second finds it approved already.
  Ok(Propose(chain::ApproveSolutionProviderAction{1, true}));
  Ok(Propose(chain::ApproveSolutionProviderAction{1, true}));
  for (ProposalId id : {1u, 2u}) {
    for (uint32_t op : {1u, 2u}) {
      Ok(world_.Write([&](StateOverlay& s) { return gov_.Vote(s, 6, Operator(op), {id, true}, &events_); }));
    }
  }
  std::vector<Event> ev;
  Ok(world_.Write([&](StateOverlay& s) { return gov_.EndBlock(s, 7, kGenesisMs + 7000, &ev); }));
  EXPECT_EQ(ev, (std::vector<Event>{chain::EnactedEvent{1}, chain::SolutionProviderApprovedEvent{1, true},
                                    chain::RejectedEvent{2, "bad-proposal"}}));
  EXPECT_TRUE(Get(1)->approved);
}

}  // namespace
}  // namespace tfchain::contracts::testing
