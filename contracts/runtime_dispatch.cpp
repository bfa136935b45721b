// Runtime::Dispatch: routes each call to its module. One overload per call, so a
// call added to chain::Call without a route here does not compile.
#include "contracts/balances.h"
#include "contracts/runtime.h"

namespace tfchain::contracts {
namespace {

using chain::Event;

// The routes, with everything a module may need from the block and the transaction.
struct CallRouter {
  const Staking& staking;
  const Directory& directory;
  const Farming& farming;
  const Governance& governance;
  StateOverlay& state;
  const BlockEnv& env;
  const AccountId& signer;
  std::vector<Event>* events;

  Status operator()(const chain::TransferCall& c) const {
    return Balances::Transfer(state, signer, c.dest, c.amount, events);
  }

  // staking
  Status operator()(const chain::RegisterValidatorCall& c) const {
    return staking.RegisterValidator(state, signer, c, events);
  }
  Status operator()(const chain::SetCommissionCall& c) const { return staking.SetCommission(state, signer, c, events); }
  Status operator()(const chain::BondCall& c) const { return staking.Bond(state, signer, c, events); }
  Status operator()(const chain::UnbondCall& c) const { return staking.Unbond(state, env.height, signer, c, events); }
  Status operator()(const chain::WithdrawUnbondedCall&) const {
    return staking.WithdrawUnbonded(state, env.height, signer, events);
  }
  Status operator()(const chain::UnjailCall&) const { return staking.Unjail(state, env.height, signer, events); }

  // directory
  Status operator()(const chain::TwinCreateCall& c) const {
    return directory.TwinCreate(state, env.height, env.time_ms, signer, c, events);
  }
  Status operator()(const chain::TwinUpdateCall& c) const {
    return directory.TwinUpdate(state, env.height, env.time_ms, signer, c, events);
  }
  Status operator()(const chain::FarmCreateCall& c) const {
    return directory.FarmCreate(state, env.height, env.time_ms, signer, c, events);
  }
  Status operator()(const chain::FarmUpdateCall& c) const {
    return directory.FarmUpdate(state, env.height, env.time_ms, signer, c, events);
  }
  Status operator()(const chain::FarmAddIpCall& c) const {
    return directory.FarmAddIp(state, env.height, env.time_ms, signer, c, events);
  }
  Status operator()(const chain::FarmRemoveIpCall& c) const {
    return directory.FarmRemoveIp(state, env.height, env.time_ms, signer, c, events);
  }
  Status operator()(const chain::FarmSetDedicatedCall& c) const {
    return directory.FarmSetDedicated(state, env.height, env.time_ms, signer, c, events);
  }
  Status operator()(const chain::FarmSetCertificationCall& c) const {
    return directory.FarmSetCertification(state, env.height, env.time_ms, signer, c, events);
  }
  Status operator()(const chain::NodeCreateCall& c) const {
    return directory.NodeCreate(state, env.height, env.time_ms, signer, c, events);
  }
  Status operator()(const chain::NodeUpdateCall& c) const {
    return directory.NodeUpdate(state, env.height, env.time_ms, signer, c, events);
  }
  Status operator()(const chain::NodeDeleteCall& c) const {
    return directory.NodeDelete(state, env.height, env.time_ms, signer, c, events);
  }
  Status operator()(const chain::NodeSetPowerTargetCall& c) const {
    return directory.NodeSetPowerTarget(state, env.height, env.time_ms, signer, c, events);
  }
  Status operator()(const chain::NodeReportPowerStateCall& c) const {
    return directory.NodeReportPowerState(state, env.height, env.time_ms, signer, c, events);
  }
  Status operator()(const chain::NodeSetCertificationCall& c) const {
    return directory.NodeSetCertification(state, env.height, env.time_ms, signer, c, events);
  }
  Status operator()(const chain::SolutionProviderCreateCall& c) const {
    return directory.SolutionProviderCreate(state, env.height, env.time_ms, signer, c, events);
  }

  // farming
  Status operator()(const chain::NodeReportUptimeCall& c) const {
    return farming.ReportUptime(state, env.height, env.time_ms, signer, c, events);
  }

  // governance
  Status operator()(const chain::GovProposeCall& c) const {
    return governance.Propose(state, env.height, signer, c, events);
  }
  Status operator()(const chain::GovVoteCall& c) const { return governance.Vote(state, env.height, signer, c, events); }
};

}  // namespace

Status Runtime::Dispatch(StateOverlay& state, const BlockEnv& env, const chain::AccountId& signer,
                         const chain::Call& call, std::vector<chain::Event>* events) const {
  return std::visit(CallRouter{staking_, directory_, farming_, governance_, state, env, signer, events}, call);
}

}  // namespace tfchain::contracts
