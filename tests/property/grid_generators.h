#pragma once

// RapidCheck generators for the grid types, calls and events (chain/grid_types.h,
// gov_action.h, grid_calls.h, grid_events.h). Included by chain_generators.h before
// its Call and Event generators, whose helpers (GenText, GenU64, GenSmallVector) it
// uses; include chain_generators.h rather than this file. Strings are short valid
// UTF-8 without NUL, lists small: everything stays within the codec caps.

#include <rapidcheck.h>

#include <optional>
#include <string>
#include <vector>

#include "chain/gov_action.h"
#include "chain/grid_calls.h"
#include "chain/grid_events.h"
#include "chain/grid_types.h"

namespace tfchain::chain::testing {

// nullopt one time in three.
template <typename T>
rc::Gen<std::optional<T>> GenOptional(rc::Gen<T> gen) {
  return rc::gen::weightedOneOf<std::optional<T>>(
      {{1, rc::gen::just(std::optional<T>())},
       {2, rc::gen::map(std::move(gen), [](T v) { return std::optional<T>(std::move(v)); })}});
}

// Up to `max` texts of up to 12 pieces.
inline rc::Gen<std::vector<std::string>> GenTexts(int max) {
  return rc::gen::mapcat(rc::gen::inRange(0, max + 1), [](int n) {
    return rc::gen::container<std::vector<std::string>>(static_cast<size_t>(n), GenText(12));
  });
}

inline rc::Gen<Bytes> GenBytes(int max) {
  return rc::gen::mapcat(rc::gen::inRange(0, max + 1), [](int n) {
    return rc::gen::container<Bytes>(static_cast<size_t>(n), rc::gen::arbitrary<uint8_t>());
  });
}

}  // namespace tfchain::chain::testing

namespace rc {

template <>
struct Arbitrary<tfchain::chain::PowerState> {
  static Gen<tfchain::chain::PowerState> arbitrary() {
    return gen::element(tfchain::chain::PowerState::kUp, tfchain::chain::PowerState::kDown);
  }
};
template <>
struct Arbitrary<tfchain::chain::NodeCertification> {
  static Gen<tfchain::chain::NodeCertification> arbitrary() {
    return gen::element(tfchain::chain::NodeCertification::kDiy, tfchain::chain::NodeCertification::kCertified);
  }
};
template <>
struct Arbitrary<tfchain::chain::FarmCertification> {
  static Gen<tfchain::chain::FarmCertification> arbitrary() {
    return gen::element(tfchain::chain::FarmCertification::kNotCertified, tfchain::chain::FarmCertification::kGold);
  }
};

template <>
struct Arbitrary<tfchain::chain::Resources> {
  static Gen<tfchain::chain::Resources> arbitrary() {
    using T = tfchain::chain::Resources;
    return gen::build<T>(
        gen::set(&T::cru, tfchain::chain::testing::GenU64()), gen::set(&T::mru, tfchain::chain::testing::GenU64()),
        gen::set(&T::sru, tfchain::chain::testing::GenU64()), gen::set(&T::hru, tfchain::chain::testing::GenU64()));
  }
};
template <>
struct Arbitrary<tfchain::chain::Location> {
  static Gen<tfchain::chain::Location> arbitrary() {
    using T = tfchain::chain::Location;
    return gen::build<T>(gen::set(&T::city, tfchain::chain::testing::GenText(12)),
                         gen::set(&T::country, tfchain::chain::testing::GenText(12)), gen::set(&T::latitude_micro),
                         gen::set(&T::longitude_micro));
  }
};
template <>
struct Arbitrary<tfchain::chain::NodeInterface> {
  static Gen<tfchain::chain::NodeInterface> arbitrary() {
    using T = tfchain::chain::NodeInterface;
    return gen::build<T>(gen::set(&T::name, tfchain::chain::testing::GenText(8)),
                         gen::set(&T::mac, tfchain::chain::testing::GenText(17)),
                         gen::set(&T::ips, tfchain::chain::testing::GenTexts(3)));
  }
};
template <>
struct Arbitrary<tfchain::chain::IpConfig> {
  static Gen<tfchain::chain::IpConfig> arbitrary() {
    using T = tfchain::chain::IpConfig;
    return gen::build<T>(gen::set(&T::ip, tfchain::chain::testing::GenText(18)),
                         gen::set(&T::gw, tfchain::chain::testing::GenText(15)));
  }
};
template <>
struct Arbitrary<tfchain::chain::PublicConfig> {
  static Gen<tfchain::chain::PublicConfig> arbitrary() {
    using T = tfchain::chain::PublicConfig;
    using tfchain::chain::testing::GenOptional;
    return gen::build<T>(gen::set(&T::ip4), gen::set(&T::ip6, GenOptional(gen::arbitrary<tfchain::chain::IpConfig>())),
                         gen::set(&T::domain, GenOptional(tfchain::chain::testing::GenText(20))));
  }
};
template <>
struct Arbitrary<tfchain::chain::PricingPolicy> {
  static Gen<tfchain::chain::PricingPolicy> arbitrary() {
    using T = tfchain::chain::PricingPolicy;
    return gen::build<T>(
        gen::set(&T::id), gen::set(&T::name, tfchain::chain::testing::GenText(16)),
        gen::set(&T::su, tfchain::chain::testing::GenU64()), gen::set(&T::cu, tfchain::chain::testing::GenU64()),
        gen::set(&T::nu, tfchain::chain::testing::GenU64()), gen::set(&T::ipu, tfchain::chain::testing::GenU64()),
        gen::set(&T::unique_name, tfchain::chain::testing::GenU64()),
        gen::set(&T::domain_name, tfchain::chain::testing::GenU64()), gen::set(&T::foundation_account),
        gen::set(&T::certified_sales_account), gen::set(&T::dedicated_discount_percent));
  }
};
template <>
struct Arbitrary<tfchain::chain::FarmingPolicy> {
  static Gen<tfchain::chain::FarmingPolicy> arbitrary() {
    using T = tfchain::chain::FarmingPolicy;
    return gen::build<T>(
        gen::set(&T::id), gen::set(&T::name, tfchain::chain::testing::GenText(16)),
        gen::set(&T::cu, tfchain::chain::testing::GenU64()), gen::set(&T::su, tfchain::chain::testing::GenU64()),
        gen::set(&T::nu, tfchain::chain::testing::GenU64()), gen::set(&T::ipv4, tfchain::chain::testing::GenU64()),
        gen::set(&T::minimal_uptime_permill), gen::set(&T::node_certification), gen::set(&T::farm_certification),
        gen::set(&T::is_default), gen::set(&T::immutable));
  }
};
template <>
struct Arbitrary<tfchain::chain::GridParams> {
  static Gen<tfchain::chain::GridParams> arbitrary() {
    using T = tfchain::chain::GridParams;
    return gen::build<T>(gen::set(&T::uptime_interval_ms, tfchain::chain::testing::GenU64()),
                         gen::set(&T::farming_period_ms, tfchain::chain::testing::GenU64()),
                         gen::set(&T::standby_window_ms, tfchain::chain::testing::GenU64()),
                         gen::set(&T::tft_price_musd, tfchain::chain::testing::GenU64()),
                         gen::set(&T::max_payouts_per_block, tfchain::chain::testing::GenU64()));
  }
};
template <>
struct Arbitrary<tfchain::chain::GovernanceParams> {
  static Gen<tfchain::chain::GovernanceParams> arbitrary() {
    using T = tfchain::chain::GovernanceParams;
    return gen::build<T>(gen::set(&T::voting_period_blocks, tfchain::chain::testing::GenU64()),
                         gen::set(&T::quorum_permill), gen::set(&T::threshold_permill),
                         gen::set(&T::max_open_proposals));
  }
};
template <>
struct Arbitrary<tfchain::chain::FarmingReceipt> {
  static Gen<tfchain::chain::FarmingReceipt> arbitrary() {
    using T = tfchain::chain::FarmingReceipt;
    return gen::build<T>(
        gen::set(&T::period, tfchain::chain::testing::GenU64()), gen::set(&T::node_id), gen::set(&T::farm_id),
        gen::set(&T::account), gen::set(&T::policy_id), gen::set(&T::cu_rate, tfchain::chain::testing::GenU64()),
        gen::set(&T::su_rate, tfchain::chain::testing::GenU64()),
        gen::set(&T::ipv4_rate, tfchain::chain::testing::GenU64()), gen::set(&T::minimal_uptime_permill),
        gen::set(&T::period_ms, tfchain::chain::testing::GenU64()),
        gen::set(&T::uptime_ms, tfchain::chain::testing::GenU64()),
        gen::set(&T::cu_micro, tfchain::chain::testing::GenU64()),
        gen::set(&T::su_micro, tfchain::chain::testing::GenU64()),
        gen::set(&T::ip_ms, tfchain::chain::testing::GenU64()),
        gen::set(&T::connection_price_musd, tfchain::chain::testing::GenU64()),
        gen::set(&T::reward_nusd, tfchain::chain::testing::GenU64()),
        gen::set(&T::amount, tfchain::chain::testing::GenU64()), gen::set(&T::virtualized));
  }
};

// Governance actions.
template <>
struct Arbitrary<tfchain::chain::SetTftPriceAction> {
  static Gen<tfchain::chain::SetTftPriceAction> arbitrary() {
    using T = tfchain::chain::SetTftPriceAction;
    return gen::build<T>(gen::set(&T::tft_price_musd, tfchain::chain::testing::GenU64()));
  }
};
template <>
struct Arbitrary<tfchain::chain::SetPricingPolicyAction> {
  static Gen<tfchain::chain::SetPricingPolicyAction> arbitrary() {
    using T = tfchain::chain::SetPricingPolicyAction;
    return gen::build<T>(gen::set(&T::policy));
  }
};
template <>
struct Arbitrary<tfchain::chain::SetFarmingPolicyAction> {
  static Gen<tfchain::chain::SetFarmingPolicyAction> arbitrary() {
    using T = tfchain::chain::SetFarmingPolicyAction;
    return gen::build<T>(gen::set(&T::policy));
  }
};
template <>
struct Arbitrary<tfchain::chain::SetCertifierAction> {
  static Gen<tfchain::chain::SetCertifierAction> arbitrary() {
    using T = tfchain::chain::SetCertifierAction;
    return gen::build<T>(gen::set(&T::account), gen::set(&T::member));
  }
};
template <>
struct Arbitrary<tfchain::chain::SetGridParamsAction> {
  static Gen<tfchain::chain::SetGridParamsAction> arbitrary() {
    using T = tfchain::chain::SetGridParamsAction;
    return gen::build<T>(gen::set(&T::params));
  }
};
template <>
struct Arbitrary<tfchain::chain::SetGovernanceParamsAction> {
  static Gen<tfchain::chain::SetGovernanceParamsAction> arbitrary() {
    using T = tfchain::chain::SetGovernanceParamsAction;
    return gen::build<T>(gen::set(&T::params));
  }
};
template <>
struct Arbitrary<tfchain::chain::ApproveSolutionProviderAction> {
  static Gen<tfchain::chain::ApproveSolutionProviderAction> arbitrary() {
    using T = tfchain::chain::ApproveSolutionProviderAction;
    return gen::build<T>(gen::set(&T::provider_id), gen::set(&T::approved));
  }
};
template <>
struct Arbitrary<tfchain::chain::GovAction> {
  static Gen<tfchain::chain::GovAction> arbitrary() {
    return tfchain::chain::testing::GenVariant<tfchain::chain::GovAction>();
  }
};

// Directory calls.
template <>
struct Arbitrary<tfchain::chain::TwinCreateCall> {
  static Gen<tfchain::chain::TwinCreateCall> arbitrary() {
    using T = tfchain::chain::TwinCreateCall;
    return gen::build<T>(gen::set(&T::relay, tfchain::chain::testing::GenText(20)),
                         gen::set(&T::public_key, tfchain::chain::testing::GenBytes(40)));
  }
};
template <>
struct Arbitrary<tfchain::chain::TwinUpdateCall> {
  static Gen<tfchain::chain::TwinUpdateCall> arbitrary() {
    using T = tfchain::chain::TwinUpdateCall;
    return gen::build<T>(gen::set(&T::relay, tfchain::chain::testing::GenText(20)),
                         gen::set(&T::public_key, tfchain::chain::testing::GenBytes(40)));
  }
};
template <>
struct Arbitrary<tfchain::chain::FarmCreateCall> {
  static Gen<tfchain::chain::FarmCreateCall> arbitrary() {
    using T = tfchain::chain::FarmCreateCall;
    return gen::build<T>(gen::set(&T::name, tfchain::chain::testing::GenText(12)), gen::set(&T::pricing_policy_id));
  }
};
template <>
struct Arbitrary<tfchain::chain::FarmUpdateCall> {
  static Gen<tfchain::chain::FarmUpdateCall> arbitrary() {
    using T = tfchain::chain::FarmUpdateCall;
    return gen::build<T>(gen::set(&T::farm_id), gen::set(&T::name, tfchain::chain::testing::GenText(12)),
                         gen::set(&T::pricing_policy_id));
  }
};
template <>
struct Arbitrary<tfchain::chain::FarmAddIpCall> {
  static Gen<tfchain::chain::FarmAddIpCall> arbitrary() {
    using T = tfchain::chain::FarmAddIpCall;
    return gen::build<T>(gen::set(&T::farm_id), gen::set(&T::ip, tfchain::chain::testing::GenText(18)),
                         gen::set(&T::gateway, tfchain::chain::testing::GenText(15)));
  }
};
template <>
struct Arbitrary<tfchain::chain::FarmRemoveIpCall> {
  static Gen<tfchain::chain::FarmRemoveIpCall> arbitrary() {
    using T = tfchain::chain::FarmRemoveIpCall;
    return gen::build<T>(gen::set(&T::farm_id), gen::set(&T::ip, tfchain::chain::testing::GenText(18)));
  }
};
template <>
struct Arbitrary<tfchain::chain::FarmSetDedicatedCall> {
  static Gen<tfchain::chain::FarmSetDedicatedCall> arbitrary() {
    using T = tfchain::chain::FarmSetDedicatedCall;
    return gen::build<T>(gen::set(&T::farm_id), gen::set(&T::dedicated));
  }
};
template <>
struct Arbitrary<tfchain::chain::FarmSetCertificationCall> {
  static Gen<tfchain::chain::FarmSetCertificationCall> arbitrary() {
    using T = tfchain::chain::FarmSetCertificationCall;
    return gen::build<T>(gen::set(&T::farm_id), gen::set(&T::certification));
  }
};
template <>
struct Arbitrary<tfchain::chain::NodeCreateCall> {
  static Gen<tfchain::chain::NodeCreateCall> arbitrary() {
    using T = tfchain::chain::NodeCreateCall;
    using tfchain::chain::testing::GenOptional;
    return gen::build<T>(
        gen::set(&T::farm_id), gen::set(&T::resources), gen::set(&T::location),
        gen::set(&T::interfaces, tfchain::chain::testing::GenSmallVector<tfchain::chain::NodeInterface>(3)),
        gen::set(&T::public_config, GenOptional(gen::arbitrary<tfchain::chain::PublicConfig>())),
        gen::set(&T::agent_endpoint, tfchain::chain::testing::GenText(20)), gen::set(&T::virtualized),
        gen::set(&T::serial, GenOptional(tfchain::chain::testing::GenText(12))));
  }
};
template <>
struct Arbitrary<tfchain::chain::NodeUpdateCall> {
  static Gen<tfchain::chain::NodeUpdateCall> arbitrary() {
    using T = tfchain::chain::NodeUpdateCall;
    using tfchain::chain::testing::GenOptional;
    return gen::build<T>(
        gen::set(&T::node_id), gen::set(&T::resources), gen::set(&T::location),
        gen::set(&T::interfaces, tfchain::chain::testing::GenSmallVector<tfchain::chain::NodeInterface>(3)),
        gen::set(&T::public_config, GenOptional(gen::arbitrary<tfchain::chain::PublicConfig>())),
        gen::set(&T::agent_endpoint, tfchain::chain::testing::GenText(20)), gen::set(&T::virtualized),
        gen::set(&T::serial, GenOptional(tfchain::chain::testing::GenText(12))));
  }
};
template <>
struct Arbitrary<tfchain::chain::NodeDeleteCall> {
  static Gen<tfchain::chain::NodeDeleteCall> arbitrary() {
    using T = tfchain::chain::NodeDeleteCall;
    return gen::build<T>(gen::set(&T::node_id));
  }
};
template <>
struct Arbitrary<tfchain::chain::NodeSetPowerTargetCall> {
  static Gen<tfchain::chain::NodeSetPowerTargetCall> arbitrary() {
    using T = tfchain::chain::NodeSetPowerTargetCall;
    return gen::build<T>(gen::set(&T::node_id), gen::set(&T::target));
  }
};
template <>
struct Arbitrary<tfchain::chain::NodeReportPowerStateCall> {
  static Gen<tfchain::chain::NodeReportPowerStateCall> arbitrary() {
    using T = tfchain::chain::NodeReportPowerStateCall;
    return gen::build<T>(gen::set(&T::state));
  }
};
template <>
struct Arbitrary<tfchain::chain::NodeSetCertificationCall> {
  static Gen<tfchain::chain::NodeSetCertificationCall> arbitrary() {
    using T = tfchain::chain::NodeSetCertificationCall;
    return gen::build<T>(gen::set(&T::node_id), gen::set(&T::certification));
  }
};
template <>
struct Arbitrary<tfchain::chain::SolutionProviderShare> {
  static Gen<tfchain::chain::SolutionProviderShare> arbitrary() {
    using T = tfchain::chain::SolutionProviderShare;
    return gen::build<T>(gen::set(&T::account), gen::set(&T::take_percent));
  }
};
template <>
struct Arbitrary<tfchain::chain::SolutionProviderCreateCall> {
  static Gen<tfchain::chain::SolutionProviderCreateCall> arbitrary() {
    using T = tfchain::chain::SolutionProviderCreateCall;
    return gen::build<T>(
        gen::set(&T::description, tfchain::chain::testing::GenText(30)),
        gen::set(&T::link, tfchain::chain::testing::GenText(20)),
        gen::set(&T::providers,
                 tfchain::chain::testing::GenSmallVector<tfchain::chain::SolutionProviderShare>(6)));
  }
};

// Farming and governance calls.
template <>
struct Arbitrary<tfchain::chain::NodeReportUptimeCall> {
  static Gen<tfchain::chain::NodeReportUptimeCall> arbitrary() {
    using T = tfchain::chain::NodeReportUptimeCall;
    return gen::build<T>(gen::set(&T::uptime_s, tfchain::chain::testing::GenU64()));
  }
};
template <>
struct Arbitrary<tfchain::chain::GovProposeCall> {
  static Gen<tfchain::chain::GovProposeCall> arbitrary() {
    using T = tfchain::chain::GovProposeCall;
    return gen::build<T>(gen::set(&T::action), gen::set(&T::description, tfchain::chain::testing::GenText(30)));
  }
};
template <>
struct Arbitrary<tfchain::chain::GovVoteCall> {
  static Gen<tfchain::chain::GovVoteCall> arbitrary() {
    using T = tfchain::chain::GovVoteCall;
    return gen::build<T>(gen::set(&T::proposal_id), gen::set(&T::approve));
  }
};

// Directory events.
template <>
struct Arbitrary<tfchain::chain::TwinCreatedEvent> {
  static Gen<tfchain::chain::TwinCreatedEvent> arbitrary() {
    using T = tfchain::chain::TwinCreatedEvent;
    return gen::build<T>(gen::set(&T::twin_id), gen::set(&T::account));
  }
};
template <>
struct Arbitrary<tfchain::chain::TwinUpdatedEvent> {
  static Gen<tfchain::chain::TwinUpdatedEvent> arbitrary() {
    using T = tfchain::chain::TwinUpdatedEvent;
    return gen::build<T>(gen::set(&T::twin_id));
  }
};
template <>
struct Arbitrary<tfchain::chain::FarmCreatedEvent> {
  static Gen<tfchain::chain::FarmCreatedEvent> arbitrary() {
    using T = tfchain::chain::FarmCreatedEvent;
    return gen::build<T>(gen::set(&T::farm_id), gen::set(&T::twin_id),
                         gen::set(&T::name, tfchain::chain::testing::GenText(12)));
  }
};
template <>
struct Arbitrary<tfchain::chain::FarmUpdatedEvent> {
  static Gen<tfchain::chain::FarmUpdatedEvent> arbitrary() {
    using T = tfchain::chain::FarmUpdatedEvent;
    return gen::build<T>(gen::set(&T::farm_id));
  }
};
template <>
struct Arbitrary<tfchain::chain::FarmIpAddedEvent> {
  static Gen<tfchain::chain::FarmIpAddedEvent> arbitrary() {
    using T = tfchain::chain::FarmIpAddedEvent;
    return gen::build<T>(gen::set(&T::farm_id), gen::set(&T::ip, tfchain::chain::testing::GenText(18)),
                         gen::set(&T::gateway, tfchain::chain::testing::GenText(15)));
  }
};
template <>
struct Arbitrary<tfchain::chain::FarmIpRemovedEvent> {
  static Gen<tfchain::chain::FarmIpRemovedEvent> arbitrary() {
    using T = tfchain::chain::FarmIpRemovedEvent;
    return gen::build<T>(gen::set(&T::farm_id), gen::set(&T::ip, tfchain::chain::testing::GenText(18)));
  }
};
template <>
struct Arbitrary<tfchain::chain::FarmDedicatedSetEvent> {
  static Gen<tfchain::chain::FarmDedicatedSetEvent> arbitrary() {
    using T = tfchain::chain::FarmDedicatedSetEvent;
    return gen::build<T>(gen::set(&T::farm_id), gen::set(&T::dedicated));
  }
};
template <>
struct Arbitrary<tfchain::chain::FarmCertificationSetEvent> {
  static Gen<tfchain::chain::FarmCertificationSetEvent> arbitrary() {
    using T = tfchain::chain::FarmCertificationSetEvent;
    return gen::build<T>(gen::set(&T::farm_id), gen::set(&T::certification));
  }
};
template <>
struct Arbitrary<tfchain::chain::NodeCreatedEvent> {
  static Gen<tfchain::chain::NodeCreatedEvent> arbitrary() {
    using T = tfchain::chain::NodeCreatedEvent;
    return gen::build<T>(gen::set(&T::node_id), gen::set(&T::farm_id), gen::set(&T::twin_id), gen::set(&T::resources));
  }
};
template <>
struct Arbitrary<tfchain::chain::NodeUpdatedEvent> {
  static Gen<tfchain::chain::NodeUpdatedEvent> arbitrary() {
    using T = tfchain::chain::NodeUpdatedEvent;
    return gen::build<T>(gen::set(&T::node_id));
  }
};
template <>
struct Arbitrary<tfchain::chain::NodeDeletedEvent> {
  static Gen<tfchain::chain::NodeDeletedEvent> arbitrary() {
    using T = tfchain::chain::NodeDeletedEvent;
    return gen::build<T>(gen::set(&T::node_id));
  }
};
template <>
struct Arbitrary<tfchain::chain::NodePowerTargetSetEvent> {
  static Gen<tfchain::chain::NodePowerTargetSetEvent> arbitrary() {
    using T = tfchain::chain::NodePowerTargetSetEvent;
    return gen::build<T>(gen::set(&T::node_id), gen::set(&T::target));
  }
};
template <>
struct Arbitrary<tfchain::chain::NodePowerStateReportedEvent> {
  static Gen<tfchain::chain::NodePowerStateReportedEvent> arbitrary() {
    using T = tfchain::chain::NodePowerStateReportedEvent;
    return gen::build<T>(gen::set(&T::node_id), gen::set(&T::state));
  }
};
template <>
struct Arbitrary<tfchain::chain::NodeCertificationSetEvent> {
  static Gen<tfchain::chain::NodeCertificationSetEvent> arbitrary() {
    using T = tfchain::chain::NodeCertificationSetEvent;
    return gen::build<T>(gen::set(&T::node_id), gen::set(&T::certification));
  }
};
template <>
struct Arbitrary<tfchain::chain::SolutionProviderCreatedEvent> {
  static Gen<tfchain::chain::SolutionProviderCreatedEvent> arbitrary() {
    using T = tfchain::chain::SolutionProviderCreatedEvent;
    return gen::build<T>(gen::set(&T::provider_id), gen::set(&T::creator));
  }
};
template <>
struct Arbitrary<tfchain::chain::SolutionProviderApprovedEvent> {
  static Gen<tfchain::chain::SolutionProviderApprovedEvent> arbitrary() {
    using T = tfchain::chain::SolutionProviderApprovedEvent;
    return gen::build<T>(gen::set(&T::provider_id), gen::set(&T::approved));
  }
};

// Farming and governance events.
template <>
struct Arbitrary<tfchain::chain::UptimeReportedEvent> {
  static Gen<tfchain::chain::UptimeReportedEvent> arbitrary() {
    using T = tfchain::chain::UptimeReportedEvent;
    return gen::build<T>(gen::set(&T::node_id), gen::set(&T::uptime_s, tfchain::chain::testing::GenU64()),
                         gen::set(&T::credited_ms, tfchain::chain::testing::GenU64()));
  }
};
template <>
struct Arbitrary<tfchain::chain::RewardMintedEvent> {
  static Gen<tfchain::chain::RewardMintedEvent> arbitrary() {
    using T = tfchain::chain::RewardMintedEvent;
    return gen::build<T>(gen::set(&T::receipt));
  }
};
template <>
struct Arbitrary<tfchain::chain::PeriodSettledEvent> {
  static Gen<tfchain::chain::PeriodSettledEvent> arbitrary() {
    using T = tfchain::chain::PeriodSettledEvent;
    return gen::build<T>(gen::set(&T::period, tfchain::chain::testing::GenU64()),
                         gen::set(&T::nodes, tfchain::chain::testing::GenU64()),
                         gen::set(&T::minted, tfchain::chain::testing::GenU64()));
  }
};
template <>
struct Arbitrary<tfchain::chain::ProposedEvent> {
  static Gen<tfchain::chain::ProposedEvent> arbitrary() {
    using T = tfchain::chain::ProposedEvent;
    return gen::build<T>(gen::set(&T::id), gen::set(&T::proposer),
                         gen::set(&T::action, tfchain::chain::testing::GenText(12)));
  }
};
template <>
struct Arbitrary<tfchain::chain::VotedEvent> {
  static Gen<tfchain::chain::VotedEvent> arbitrary() {
    using T = tfchain::chain::VotedEvent;
    return gen::build<T>(gen::set(&T::id), gen::set(&T::voter), gen::set(&T::approve),
                         gen::set(&T::power, tfchain::chain::testing::GenU64()));
  }
};
template <>
struct Arbitrary<tfchain::chain::EnactedEvent> {
  static Gen<tfchain::chain::EnactedEvent> arbitrary() {
    using T = tfchain::chain::EnactedEvent;
    return gen::build<T>(gen::set(&T::id));
  }
};
template <>
struct Arbitrary<tfchain::chain::RejectedEvent> {
  static Gen<tfchain::chain::RejectedEvent> arbitrary() {
    using T = tfchain::chain::RejectedEvent;
    return gen::build<T>(gen::set(&T::id), gen::set(&T::reason, tfchain::chain::testing::GenText(12)));
  }
};

}  // namespace rc
