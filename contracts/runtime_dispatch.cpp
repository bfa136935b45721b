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
  const Marketplace& market;
  const ServiceContracts& services;
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

  // marketplace: node, name and rent contracts
  Status operator()(const chain::ContractCreateNodeCall& c) const {
    return market.CreateNode(state, env.height, env.time_ms, signer, c, events);
  }
  Status operator()(const chain::ContractUpdateNodeCall& c) const {
    return market.UpdateNode(state, env.height, env.time_ms, signer, c, events);
  }
  Status operator()(const chain::ContractCancelCall& c) const {
    return market.Cancel(state, env.height, env.time_ms, signer, c, events);
  }
  Status operator()(const chain::ContractCreateNameCall& c) const {
    return market.CreateName(state, env.height, env.time_ms, signer, c, events);
  }
  Status operator()(const chain::ContractCreateRentCall& c) const {
    return market.CreateRent(state, env.height, env.time_ms, signer, c, events);
  }
  Status operator()(const chain::ContractAckCall& c) const {
    return market.Ack(state, env.height, env.time_ms, signer, c, events);
  }
  Status operator()(const chain::ContractReportResourcesCall& c) const {
    return market.ReportResources(state, env.height, env.time_ms, signer, c, events);
  }
  Status operator()(const chain::ContractReportNetworkCall& c) const {
    return market.ReportNetwork(state, env.height, env.time_ms, signer, c, events);
  }
  Status operator()(const chain::NodeSetExtraFeeCall& c) const {
    return market.SetNodeExtraFee(state, env.height, env.time_ms, signer, c, events);
  }

  // marketplace: service contracts
  Status operator()(const chain::ServiceCreateCall& c) const {
    return services.Create(state, env.height, env.time_ms, signer, c, events);
  }
  Status operator()(const chain::ServiceSetMetadataCall& c) const {
    return services.SetMetadata(state, env.height, env.time_ms, signer, c, events);
  }
  Status operator()(const chain::ServiceSetFeesCall& c) const {
    return services.SetFees(state, env.height, env.time_ms, signer, c, events);
  }
  Status operator()(const chain::ServiceApproveCall& c) const {
    return services.Approve(state, env.height, env.time_ms, signer, c, events);
  }
  Status operator()(const chain::ServiceRejectCall& c) const {
    return services.Reject(state, env.height, env.time_ms, signer, c, events);
  }
  Status operator()(const chain::ServiceCancelCall& c) const {
    return services.Cancel(state, env.height, env.time_ms, signer, c, events);
  }
  Status operator()(const chain::ServiceBillCall& c) const {
    return services.Bill(state, env.height, env.time_ms, signer, c, events);
  }
};

}  // namespace

Status Runtime::Dispatch(StateOverlay& state, const BlockEnv& env, const chain::AccountId& signer,
                         const chain::Call& call, std::vector<chain::Event>* events) const {
  return std::visit(CallRouter{staking_, directory_, farming_, governance_, marketplace_, services_, state, env, signer, events}, call);
}

}  // namespace tfchain::contracts
