// service create | set-metadata | set-fees | approve | reject | cancel | bill | show:
// service contracts between two twins (docs/wallet.md "Service contracts").
#include <ostream>

#include "chain/call.h"
#include "chain/market_calls.h"
#include "wallet/command_helpers.h"
#include "wallet/contract_client.h"
#include "wallet/contract_output.h"
#include "wallet/grid_units.h"
#include "wallet/output.h"
#include "wallet/tx_sender.h"

namespace tfchain::wallet {

using chain::Status;
using nlohmann::json;

namespace {

OutgoingCall ServiceCall(const ServiceCommand& command) {
  using Action = ServiceCommand::Action;
  OutgoingCall out;
  const std::string id = std::to_string(command.id);
  if (command.action != Action::kCreate) {
    out.summary = {{"id", command.id}};
    out.fields = {{"Service contract", id}};
  }
  switch (command.action) {
    case Action::kCreate: {
      chain::ServiceCreateCall call;
      call.service_twin_id = command.service_twin_id;
      call.consumer_twin_id = command.consumer_twin_id;
      out.call = call;
      out.summary = {{"service_twin_id", command.service_twin_id}, {"consumer_twin_id", command.consumer_twin_id}};
      out.fields = {{"Service twin", std::to_string(command.service_twin_id)},
                    {"Consumer twin", std::to_string(command.consumer_twin_id)}};
      out.on_included =
          ReportCreatedId("contract.ServiceContractCreated", "id", "service_contract_id", "Service contract");
      break;
    }
    case Action::kSetMetadata: {
      chain::ServiceSetMetadataCall call;
      call.id = command.id;
      call.metadata = command.metadata;
      out.call = call;
      out.summary["metadata"] = command.metadata;
      out.fields.emplace_back("Metadata", command.metadata);
      break;
    }
    case Action::kSetFees: {
      chain::ServiceSetFeesCall call;
      call.id = command.id;
      call.base_fee_musd = command.base_fee_musd;
      call.variable_fee_musd = command.variable_fee_musd;
      out.call = call;
      out.summary["base_fee_musd"] = command.base_fee_musd;
      out.summary["variable_fee_musd"] = command.variable_fee_musd;
      out.fields.emplace_back("Base fee", MusdText(command.base_fee_musd) + " per hour");
      out.fields.emplace_back("Variable fee", "up to " + MusdText(command.variable_fee_musd) + " per hour");
      break;
    }
    case Action::kApprove: {
      chain::ServiceApproveCall call;
      call.id = command.id;
      out.call = call;
      break;
    }
    case Action::kReject: {
      chain::ServiceRejectCall call;
      call.id = command.id;
      out.call = call;
      break;
    }
    case Action::kCancel: {
      chain::ServiceCancelCall call;
      call.id = command.id;
      out.call = call;
      break;
    }
    case Action::kBill: {
      chain::ServiceBillCall call;
      call.id = command.id;
      call.variable_amount_musd = command.variable_amount_musd;
      call.metadata = command.metadata;
      out.call = call;
      out.summary["variable_amount_musd"] = command.variable_amount_musd;
      out.summary["metadata"] = command.metadata;
      out.fields.emplace_back("Variable amount", MusdText(command.variable_amount_musd));
      if (!command.metadata.empty()) out.fields.emplace_back("Metadata", command.metadata);
      break;
    }
  }
  return out;
}

std::string YesNo(bool value) { return value ? "yes" : "no"; }

}  // namespace

Status RunService(const ServiceCommand& command, const GlobalOptions& global, CommandContext& context) {
  TF_ASSIGN_OR_RETURN(chain::SecretKey key, ResolveSigner(command.tx.from, command.tx.scheme, global, context));
  return SignAndSend(command.tx, key, ServiceCall(command), global, context);
}

Status RunServiceShow(const ServiceShowCommand& command, const GlobalOptions& global, CommandContext& context) {
  TF_ASSIGN_OR_RETURN(std::unique_ptr<RpcClient> rpc, ConnectNode(global, context));
  ContractClient contracts(*rpc);
  TF_ASSIGN_OR_RETURN(MarketServiceContract service, contracts.GetServiceContract(command.id));
  if (global.json) {
    PrintJson(context.out, service.raw);
    return Status::Ok();
  }
  const bool approved = service.accepted_by_service && service.accepted_by_consumer;
  PrintFields(context.out,
              {{"Service contract", std::to_string(service.service_contract_id)},
               {"Service twin", std::to_string(service.service_twin_id)},
               {"Consumer twin", std::to_string(service.consumer_twin_id)},
               {"Metadata", service.metadata.empty() ? "(not set)" : service.metadata},
               {"Base fee", MusdText(service.base_fee_musd) + " per hour"},
               {"Variable fee", "up to " + MusdText(service.variable_fee_musd) + " per hour"},
               {"Approved", approved ? "by both; billing"
                                     : "by service " + YesNo(service.accepted_by_service) + ", by consumer " +
                                           YesNo(service.accepted_by_consumer)},
               {"Last bill", service.last_bill_ms == 0 ? std::string("never") : FormatTimeMs(service.last_bill_ms)},
               {"Created", FormatTimeMs(service.created_ms)}});
  return Status::Ok();
}

}  // namespace tfchain::wallet
