// Governance (docs/governance.md): who may propose and vote, every action's
// validation and enactment, quorum and threshold, early enactment and rejection, and
// closed proposals.
#include "contracts/governance.h"

#include <gtest/gtest.h>

#include "contracts/staking_state.h"
#include "tests/unit/contracts/farming_test_util.h"

namespace tfchain::contracts::testing {
namespace {

using chain::GovAction;

AccountId Operator(uint32_t n) { return TestAccount(n, 0x0B); }
AccountId ConsensusKey(uint32_t n) { return TestAccount(n, 0x0C); }

class GovernanceTest : public ::testing::Test {
 protected:
  GovernanceTest() : world_(chain::GridParams{}), gov_(kGenesisMs) {
    // Validators 1..3 are in the current set with powers 40, 30, 30; validator 4 is
    // registered but not in the set.
    Ok(world_.Write([&](StateOverlay& s) {
      for (uint32_t n = 1; n <= 4; ++n) {
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

  Status Propose(uint32_t op, GovAction action, std::string description = "why not", uint64_t height = 5) {
    events_.clear();
    return world_.Write([&](StateOverlay& s) {
      return gov_.Propose(s, height, Operator(op), {std::move(action), std::move(description)}, &events_);
    });
  }
  Status ProposeBy(const AccountId& who, GovAction action) {
    return world_.Write([&](StateOverlay& s) { return gov_.Propose(s, 5, who, {std::move(action), ""}, &events_); });
  }
  Status Vote(uint32_t op, ProposalId id, bool approve) {
    events_.clear();
    return world_.Write([&](StateOverlay& s) { return gov_.Vote(s, 6, Operator(op), {id, approve}, &events_); });
  }
  std::vector<Event> EndBlock(uint64_t height) {
    std::vector<Event> ev;
    Ok(world_.Write([&](StateOverlay& s) { return gov_.EndBlock(s, height, kGenesisMs + height * 1000, &ev); }));
    return ev;
  }
  Proposal Get(ProposalId id) { return GovernanceState::GetProposal(world_.state(), id).value().value(); }

  // The proposal's reason when proposing `action` fails; "ok" otherwise.
  std::string ProposeReason(GovAction action) { return std::string(Propose(1, std::move(action)).reason()); }

  // Proposes `action` (next id), votes it through (40 + 30 of 100) and tallies.
  std::vector<Event> Pass(GovAction action, uint64_t height = 7) {
    const ProposalId id = GovernanceState::GetIndex(world_.state()).value().next_id;
    Ok(Propose(1, std::move(action)));
    Ok(Vote(1, id, true));
    Ok(Vote(2, id, true));
    return EndBlock(height);
  }

  GridWorld world_;
  Governance gov_;
  std::vector<Event> events_;
};

TEST_F(GovernanceTest, ProposeRecordsTheProposal) {
  Ok(Propose(2, chain::SetTftPriceAction{100}, "TFT went up"));
  EXPECT_EQ(events_, (std::vector<Event>{chain::ProposedEvent{1, Operator(2), "set-tft-price"}}));
  const Proposal p = Get(1);
  EXPECT_EQ(p.id, 1u);
  EXPECT_EQ(p.proposer, Operator(2));
  EXPECT_EQ(p.action, GovAction(chain::SetTftPriceAction{100}));
  EXPECT_EQ(p.description, "TFT went up");
  EXPECT_EQ(p.created_height, 5u);
  EXPECT_EQ(p.end_height, 15u);
  EXPECT_EQ(p.status, ProposalStatus::kOpen);
  EXPECT_EQ(p.total_power, 100u);
  EXPECT_EQ(p.yes_power + p.no_power, 0u);
  EXPECT_EQ(p.quorum_permill, 500'000u);
  EXPECT_EQ(p.threshold_permill, 500'001u);
  EXPECT_EQ(GovernanceState::GetIndex(world_.state()).value(), (ProposalIndex{2, {1}}));
  // The codec round-trips it.
  EXPECT_EQ(chain::DecodeExact<Proposal>(chain::Encode(p), 1 << 16).value(), p);
}

TEST_F(GovernanceTest, OnlyOperatorsOfTheCurrentSetMayProposeAndVote) {
  EXPECT_EQ(ProposeBy(Operator(4), chain::SetTftPriceAction{100}).reason(), "not-a-validator");  // not in the set
  EXPECT_EQ(ProposeBy(ConsensusKey(1), chain::SetTftPriceAction{100}).reason(),
            "not-a-validator");  // key, not operator
  EXPECT_EQ(ProposeBy(GridWorld::FarmerAccount(1), chain::SetTftPriceAction{100}).reason(), "not-a-validator");
  Ok(Propose(1, chain::SetTftPriceAction{100}));
  EXPECT_EQ(Vote(4, 1, true).reason(), "not-a-validator");
  EXPECT_EQ(Get(1).yes_power, 0u);
}

TEST_F(GovernanceTest, ProposeErrors) {
  EXPECT_EQ(Propose(1, chain::SetTftPriceAction{100}, std::string(1025, 'x')).reason(), "description-too-long");
  Ok(Propose(1, chain::SetTftPriceAction{100}, std::string(1024, 'x')));
  Ok(world_.Write([&](StateOverlay& s) {
    chain::GovernanceParams params = PolicyState::GetGovernanceParams(s).value();
    params.max_open_proposals = 2;
    PolicyState::PutGovernanceParams(s, params);
    return Status::Ok();
  }));
  Ok(Propose(1, chain::SetTftPriceAction{101}));
  const auto before = world_.state().data();
  EXPECT_EQ(Propose(1, chain::SetTftPriceAction{102}).reason(), "too-many-proposals");
  EXPECT_EQ(world_.state().data(), before);
}

TEST_F(GovernanceTest, ActionsAreValidatedWhenProposed) {
  const auto before = world_.state().data();
  EXPECT_EQ(ProposeReason(chain::SetTftPriceAction{0}), "bad-tft-price");

  chain::PricingPolicy pricing = chain::DefaultPricingPolicies()[0];
  pricing.id = 2;  // only policy 1 exists
  EXPECT_EQ(ProposeReason(chain::SetPricingPolicyAction{pricing}), "unknown-policy");
  pricing.id = 0;
  pricing.name = "";
  EXPECT_EQ(ProposeReason(chain::SetPricingPolicyAction{pricing}), "bad-policy");
  pricing.name = std::string(65, 'p');
  EXPECT_EQ(ProposeReason(chain::SetPricingPolicyAction{pricing}), "bad-policy");
  pricing.name = "ok";
  pricing.dedicated_discount_percent = 101;
  EXPECT_EQ(ProposeReason(chain::SetPricingPolicyAction{pricing}), "bad-policy");

  chain::FarmingPolicy farming = chain::DefaultFarmingPolicies()[1];
  farming.id = 3;  // policies 1 and 2 exist
  EXPECT_EQ(ProposeReason(chain::SetFarmingPolicyAction{farming}), "unknown-policy");
  farming.id = 2;
  farming.minimal_uptime_permill = 1'000'001;
  EXPECT_EQ(ProposeReason(chain::SetFarmingPolicyAction{farming}), "bad-policy");
  farming = chain::DefaultFarmingPolicies()[0];
  farming.is_default = false;  // policy 1 is the only default diy / not-certified one
  EXPECT_EQ(ProposeReason(chain::SetFarmingPolicyAction{farming}), "bad-policy");
  farming.name = "";
  farming.is_default = true;
  EXPECT_EQ(ProposeReason(chain::SetFarmingPolicyAction{farming}), "bad-policy");

  EXPECT_EQ(ProposeReason(chain::SetCertifierAction{GridWorld::Certifier(), true}), "bad-proposal");  // a member
  EXPECT_EQ(ProposeReason(chain::SetCertifierAction{Operator(9), false}), "bad-proposal");            // not a member

  const auto grid_reason = [&](auto mutate) {
    chain::GridParams g;
    mutate(g);
    return ProposeReason(chain::SetGridParamsAction{g});
  };
  EXPECT_EQ(grid_reason([](chain::GridParams& g) { g.uptime_interval_ms = 999; }), "bad-grid-params");
  EXPECT_EQ(grid_reason([](chain::GridParams& g) { g.farming_period_ms = 2 * g.uptime_interval_ms; }),
            "bad-grid-params");
  EXPECT_EQ(grid_reason([](chain::GridParams& g) { g.tft_price_musd = 0; }), "bad-grid-params");
  EXPECT_EQ(grid_reason([](chain::GridParams& g) { g.max_payouts_per_block = 0; }), "bad-grid-params");
  EXPECT_EQ(grid_reason([](chain::GridParams& g) { g.uptime_interval_ms = UINT64_MAX; }), "bad-grid-params");
  EXPECT_EQ(grid_reason([](chain::GridParams& g) { g.standby_window_ms = 0; }), "bad-grid-params");

  const auto gov_reason = [&](auto mutate) {
    chain::GovernanceParams g;
    mutate(g);
    return ProposeReason(chain::SetGovernanceParamsAction{g});
  };
  EXPECT_EQ(gov_reason([](chain::GovernanceParams& g) { g.voting_period_blocks = 0; }), "bad-governance-params");
  EXPECT_EQ(gov_reason([](chain::GovernanceParams& g) { g.quorum_permill = 0; }), "bad-governance-params");
  EXPECT_EQ(gov_reason([](chain::GovernanceParams& g) { g.quorum_permill = 1'000'001; }), "bad-governance-params");
  EXPECT_EQ(gov_reason([](chain::GovernanceParams& g) { g.threshold_permill = 0; }), "bad-governance-params");
  EXPECT_EQ(gov_reason([](chain::GovernanceParams& g) { g.threshold_permill = 1'000'001; }), "bad-governance-params");
  EXPECT_EQ(gov_reason([](chain::GovernanceParams& g) { g.max_open_proposals = 0; }), "bad-governance-params");
  EXPECT_EQ(gov_reason([](chain::GovernanceParams& g) { g.max_open_proposals = 65; }), "bad-governance-params");
  EXPECT_EQ(world_.state().data(), before) << "a refused proposal changed state";

  // The boundaries that are allowed.
  EXPECT_EQ(grid_reason([](chain::GridParams& g) {
              g.uptime_interval_ms = 1000;
              g.farming_period_ms = 2001;
            }),
            "ok");
  EXPECT_EQ(gov_reason([](chain::GovernanceParams& g) {
              g.quorum_permill = g.threshold_permill = 1'000'000;
              g.max_open_proposals = 64;
            }),
            "ok");
}

TEST_F(GovernanceTest, ImmutablePoliciesCannotBeReplaced) {
  chain::FarmingPolicy fixed = chain::DefaultFarmingPolicies()[1];
  fixed.id = 3;
  fixed.immutable = true;
  Ok(world_.Write([&](StateOverlay& s) { return PolicyState::PutFarmingPolicy(s, fixed); }));
  fixed.cu = 1;
  EXPECT_EQ(ProposeReason(chain::SetFarmingPolicyAction{fixed}), "policy-immutable");
}

TEST_F(GovernanceTest, VotesAndVoteChanges) {
  Ok(Propose(1, chain::SetTftPriceAction{100}));
  EXPECT_EQ(Vote(2, 9, true).reason(), "unknown-proposal");
  Ok(Vote(3, 1, true));
  EXPECT_EQ(events_, (std::vector<Event>{chain::VotedEvent{1, Operator(3), true, 30}}));
  EXPECT_EQ(Vote(3, 1, true).reason(), "already-voted");
  Ok(Vote(3, 1, false));  // changes its mind
  EXPECT_EQ(events_, (std::vector<Event>{chain::VotedEvent{1, Operator(3), false, 30}}));
  EXPECT_EQ(Get(1).yes_power, 0u);
  EXPECT_EQ(Get(1).no_power, 30u);
  EXPECT_EQ(GovernanceState::GetVote(world_.state(), 1, Operator(3)).value(), (ProposalVote{false, 30}));
  // The power is the validator's power in the current set when it votes.
  Ok(world_.Write([&](StateOverlay& s) {
    StakingState::PutSet(s, SetSlot::kCurrent, {{ConsensusKey(1), 40}, {ConsensusKey(2), 30}, {ConsensusKey(3), 45}});
    return Status::Ok();
  }));
  Ok(Vote(3, 1, true));
  EXPECT_EQ(Get(1).yes_power, 45u);
  EXPECT_EQ(Get(1).no_power, 0u);
}

TEST_F(GovernanceTest, EnactedEarlyOnceTheThresholdOfAllPowerVotedYes) {
  Ok(Propose(1, chain::SetTftPriceAction{100}));
  Ok(Vote(1, 1, true));
  EXPECT_TRUE(EndBlock(6).empty());  // 40 of 100: not yet
  Ok(Vote(2, 1, true));
  EXPECT_EQ(EndBlock(7), (std::vector<Event>{chain::EnactedEvent{1}}));  // 70 of 100, before end_height 15
  EXPECT_EQ(world_.Grid().tft_price_musd, 100u);
  const Proposal p = Get(1);
  EXPECT_EQ(p.status, ProposalStatus::kEnacted);
  EXPECT_EQ(p.closed_height, 7u);
  EXPECT_EQ(p.result_reason, "");
  EXPECT_TRUE(GovernanceState::GetIndex(world_.state()).value().open.empty());
  EXPECT_EQ(Vote(3, 1, false).reason(), "proposal-closed");
  EXPECT_TRUE(EndBlock(8).empty());
}

TEST_F(GovernanceTest, RejectedEarlyWhenPassingBecameImpossible) {
  Ok(Propose(1, chain::SetTftPriceAction{100}));
  Ok(Vote(2, 1, false));
  EXPECT_TRUE(EndBlock(6).empty());  // 70 could still vote yes
  Ok(Vote(3, 1, false));             // 60 no: at most 40 yes
  EXPECT_EQ(EndBlock(7), (std::vector<Event>{chain::RejectedEvent{1, "below-threshold"}}));
  EXPECT_EQ(Get(1).status, ProposalStatus::kRejected);
  EXPECT_EQ(world_.Grid().tft_price_musd, 80u);
  EXPECT_EQ(Vote(1, 1, true).reason(), "proposal-closed");
}

TEST_F(GovernanceTest, NoQuorumAtTheEnd) {
  Ok(Propose(1, chain::SetTftPriceAction{100}));  // ends at 15
  Ok(Propose(1, chain::SetTftPriceAction{101}));
  Ok(Vote(3, 1, true));  // 30 of 100 voted, quorum 50 %
  EXPECT_TRUE(EndBlock(14).empty());
  EXPECT_EQ(EndBlock(15),
            (std::vector<Event>{chain::RejectedEvent{1, "no-quorum"}, chain::RejectedEvent{2, "no-quorum"}}));
  EXPECT_EQ(Get(1).result_reason, "no-quorum");
  EXPECT_EQ(Get(2).closed_height, 15u);
  EXPECT_EQ(world_.Grid().tft_price_musd, 80u);
}

TEST_F(GovernanceTest, ThresholdAtTheEndIsOverTheVotedPower) {
  Ok(Propose(1, chain::SetTftPriceAction{100}));
  Ok(Vote(1, 1, true));   // 40 yes
  Ok(Vote(3, 1, false));  // 30 no: 70 voted, 40/70 = 57 % yes
  EXPECT_TRUE(EndBlock(14).empty());
  EXPECT_EQ(EndBlock(15), (std::vector<Event>{chain::EnactedEvent{1}}));
  EXPECT_EQ(world_.Grid().tft_price_musd, 100u);
}

TEST_F(GovernanceTest, BelowThresholdAtTheEnd) {
  Pass(chain::SetGovernanceParamsAction{{10, 500'000, 600'000, 32}});  // threshold 60 % from now on
  Ok(Propose(1, chain::SetTftPriceAction{100}, "", 20));               // ends at 30
  Ok(Vote(1, 2, true));                                                // 40 yes
  Ok(Vote(2, 2, false));  // 30 no: 40/70 = 57 % < 60 %, while 70 % could still have passed
  EXPECT_TRUE(EndBlock(29).empty());
  EXPECT_EQ(EndBlock(30), (std::vector<Event>{chain::RejectedEvent{2, "below-threshold"}}));
}

TEST_F(GovernanceTest, GovernanceParamsApplyToLaterProposalsOnly) {
  Ok(Propose(1, chain::SetTftPriceAction{100}));  // id 1: quorum 50 %, ends at 15
  EXPECT_EQ(Pass(chain::SetGovernanceParamsAction{{3, 500'000, 900'000, 5}}),
            (std::vector<Event>{chain::EnactedEvent{2}}));
  EXPECT_EQ(PolicyState::GetGovernanceParams(world_.state()).value(),
            (chain::GovernanceParams{3, 500'000, 900'000, 5}));
  Ok(Propose(1, chain::SetTftPriceAction{101}, "", 8));  // id 3: 90 %, ends at 11
  EXPECT_EQ(Get(1).threshold_permill, 500'001u);
  EXPECT_EQ(Get(1).end_height, 15u);
  EXPECT_EQ(Get(3).threshold_permill, 900'000u);
  EXPECT_EQ(Get(3).end_height, 11u);
  for (ProposalId id : {1u, 3u}) {
    Ok(Vote(1, id, true));
    Ok(Vote(2, id, true));
    Ok(Vote(3, id, false));  // 70 % yes: enough for 1, not for 3
  }
  EXPECT_EQ(EndBlock(9), (std::vector<Event>{chain::EnactedEvent{1}, chain::RejectedEvent{3, "below-threshold"}}));
}

TEST_F(GovernanceTest, EnactsPricingPolicies) {
  chain::PricingPolicy p = chain::DefaultPricingPolicies()[0];
  p.id = 0;
  p.name = "cheaper";
  p.cu = 50'000;
  EXPECT_EQ(Pass(chain::SetPricingPolicyAction{p}), (std::vector<Event>{chain::EnactedEvent{1}}));
  p.id = 2;  // created as the next id
  EXPECT_EQ(PolicyState::GetPricingPolicy(world_.state(), 2).value(), p);
  p.id = 1;
  p.su = 1;
  EXPECT_EQ(Pass(chain::SetPricingPolicyAction{p}), (std::vector<Event>{chain::EnactedEvent{2}}));
  EXPECT_EQ(PolicyState::GetPricingPolicy(world_.state(), 1).value(), p);
  EXPECT_EQ(PolicyState::GetPricingPolicyCount(world_.state()).value(), 2u);
}

TEST_F(GovernanceTest, EnactsFarmingPolicies) {
  chain::FarmingPolicy p{
      0,    "gold", 4000, 2000, 40, 8, 900'000, chain::NodeCertification::kCertified, chain::FarmCertification::kGold,
      true, true};
  EXPECT_EQ(Pass(chain::SetFarmingPolicyAction{p}), (std::vector<Event>{chain::EnactedEvent{1}}));
  p.id = 3;
  EXPECT_EQ(PolicyState::GetFarmingPolicy(world_.state(), 3).value(), p);
  chain::FarmingPolicy diy = chain::DefaultFarmingPolicies()[0];
  diy.cu = 2500;
  EXPECT_EQ(Pass(chain::SetFarmingPolicyAction{diy}), (std::vector<Event>{chain::EnactedEvent{2}}));
  EXPECT_EQ(PolicyState::GetFarmingPolicy(world_.state(), 1).value(), diy);
  // Now immutable, policy 3 can no longer be replaced.
  p.cu = 1;
  EXPECT_EQ(ProposeReason(chain::SetFarmingPolicyAction{p}), "policy-immutable");
}

TEST_F(GovernanceTest, EnactsCertifierChanges) {
  EXPECT_EQ(Pass(chain::SetCertifierAction{Operator(9), true}), (std::vector<Event>{chain::EnactedEvent{1}}));
  EXPECT_TRUE(PolicyState::IsCertifier(world_.state(), Operator(9)).value());
  EXPECT_EQ(Pass(chain::SetCertifierAction{GridWorld::Certifier(), false}),
            (std::vector<Event>{chain::EnactedEvent{2}}));
  EXPECT_EQ(PolicyState::GetCertifiers(world_.state()).value(), (std::vector<AccountId>{Operator(9)}));
}

TEST_F(GovernanceTest, EnactsGridParamsAndReschedulesFarmingPeriods) {
  chain::GridParams g;
  g.uptime_interval_ms = 60'000;
  g.farming_period_ms = 86'400'000;  // one day from the next period on
  g.tft_price_musd = 50;
  EXPECT_EQ(Pass(chain::SetGridParamsAction{g}), (std::vector<Event>{chain::EnactedEvent{1}}));
  EXPECT_EQ(world_.Grid(), g);
  // Enacted at block time genesis + 7 s, inside period 0 (30 days).
  EXPECT_EQ(world_.Schedule().segments,
            (std::vector<PeriodSegment>{{0, kGenesisMs, kMonthMs}, {1, kGenesisMs + kMonthMs, 86'400'000}}));
}

TEST_F(GovernanceTest, EnactsGovernanceParams) {
  const chain::GovernanceParams g{20, 600'000, 700'000, 8};
  EXPECT_EQ(Pass(chain::SetGovernanceParamsAction{g}), (std::vector<Event>{chain::EnactedEvent{1}}));
  EXPECT_EQ(PolicyState::GetGovernanceParams(world_.state()).value(), g);
}

TEST_F(GovernanceTest, ActionsAreValidatedAgainWhenEnacted) {
  // Two proposals add the same certifier; the second finds it a member already.
  Ok(Propose(1, chain::SetCertifierAction{Operator(9), true}));
  Ok(Propose(2, chain::SetCertifierAction{Operator(9), true}));
  // Two proposals replace farming policy 2; the first makes it immutable.
  chain::FarmingPolicy p = chain::DefaultFarmingPolicies()[1];
  p.immutable = true;
  Ok(Propose(1, chain::SetFarmingPolicyAction{p}));
  chain::FarmingPolicy q = chain::DefaultFarmingPolicies()[1];
  q.cu = 1;
  Ok(Propose(1, chain::SetFarmingPolicyAction{q}));
  for (ProposalId id = 1; id <= 4; ++id) {
    Ok(Vote(1, id, true));
    Ok(Vote(2, id, true));
  }
  EXPECT_EQ(EndBlock(7), (std::vector<Event>{chain::EnactedEvent{1}, chain::RejectedEvent{2, "bad-proposal"},
                                             chain::EnactedEvent{3}, chain::RejectedEvent{4, "policy-immutable"}}));
  EXPECT_EQ(Get(4).result_reason, "policy-immutable");
  EXPECT_EQ(Get(4).status, ProposalStatus::kRejected);
  EXPECT_EQ(PolicyState::GetFarmingPolicy(world_.state(), 2).value(), p);  // the rejected one changed nothing
}

TEST(ProposalStatusTest, Names) {
  for (ProposalStatus s : {ProposalStatus::kOpen, ProposalStatus::kEnacted, ProposalStatus::kRejected}) {
    EXPECT_EQ(ParseProposalStatus(ProposalStatusName(s)), s);
  }
  EXPECT_EQ(ProposalStatusName(ProposalStatus::kEnacted), "enacted");
  EXPECT_FALSE(ParseProposalStatus("closed").has_value());
  EXPECT_EQ(chain::DecodeExact<ProposalStatus>(chain::Bytes{3}, 1).status().reason(), "decode-bad-tag");
}

}  // namespace
}  // namespace tfchain::contracts::testing
