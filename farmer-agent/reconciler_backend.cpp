// The reconciler's real backend (the Linux provisioners) and its chain hooks over JSON-RPC.
#include <algorithm>
#include <filesystem>
#include <set>
#include <system_error>

#include "chain/call.h"
#include "chain/market_calls.h"
#include "chain/market_types.h"
#include "farmer-agent/chain_view_rpc.h"
#include "farmer-agent/reconciler.h"

namespace tfchain::agent {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

// The stems of the files `dir`/*`ext` (a missing directory is empty).
Result<std::vector<std::string>> StemsIn(const std::string& dir, std::string_view ext) {
  std::vector<std::string> out;
  std::error_code ec;
  if (!fs::exists(dir, ec)) return out;
  for (const auto& entry : fs::directory_iterator(dir, ec)) {
    if (entry.path().extension() == ext) out.push_back(entry.path().stem().string());
  }
  if (ec) return Status::IoError("reconciler-io-failed", dir + ": " + ec.message());
  std::sort(out.begin(), out.end());
  return out;
}

constexpr uint64_t kPage = 1000;  // rpc kMaxContractPageSize

}  // namespace

LinuxWorkloadBackend::LinuxWorkloadBackend(const std::string& data_dir, std::string net_prefix, std::string runc)
    : networks_root_(data_dir + "/networks"),
      volumes_root_(data_dir + "/volumes"),
      containers_(data_dir + "/containers", std::move(runc)),
      volumes_(volumes_root_),
      networks_(networks_root_, std::move(net_prefix)) {}

Result<std::vector<std::string>> LinuxWorkloadBackend::ListNetworks() {
  return StemsIn(networks_root_ + "/networks", ".json");
}

Result<std::vector<std::string>> LinuxWorkloadBackend::ListEndpoints() {
  return StemsIn(networks_root_ + "/endpoints", ".json");
}

Result<std::vector<std::string>> LinuxWorkloadBackend::ListVolumes() {
  TF_ASSIGN_OR_RETURN(std::vector<VolumeInfo> mounted, volumes_.List());
  TF_ASSIGN_OR_RETURN(std::vector<std::string> images, StemsIn(volumes_root_ + "/images", ".img"));
  std::set<std::string> ids(images.begin(), images.end());
  for (const VolumeInfo& v : mounted) ids.insert(v.id);
  return std::vector<std::string>(ids.begin(), ids.end());
}

Result<std::vector<ContractInfo>> ListNodeContracts(ChainClient& client, chain::NodeId node_id,
                                                    chain::FarmId farm_id) {
  std::vector<ContractInfo> out;
  for (uint64_t offset = 0;; offset += kPage) {
    TF_ASSIGN_OR_RETURN(json page, client.Call("contract_listByNode",
                                               json{{"node_id", node_id}, {"offset", offset}, {"limit", kPage}}));
    if (!page.is_object() || !page.contains("contracts") || !page["contracts"].is_array() ||
        !page.value("total", json()).is_number_unsigned()) {
      return Status::Internal("bad-rpc-response", "contract_listByNode: expected {total, contracts}");
    }
    const json& list = page["contracts"];
    for (const json& c : list) {
      TF_ASSIGN_OR_RETURN(ContractInfo info, ContractInfoFromJson(c));
      if (info.state == chain::ContractState::kDeleted || info.node_id != node_id) continue;
      out.push_back(std::move(info));
    }
    if (list.size() < kPage || offset + list.size() >= page["total"].get<uint64_t>()) break;
  }
  const bool any_ips = std::any_of(out.begin(), out.end(), [](const ContractInfo& c) { return !c.ips.empty(); });
  if (farm_id != 0 && any_ips) {  // one grid_getFarm for the gateways of the reserved IPs
    TF_ASSIGN_OR_RETURN(json farm, client.Call("grid_getFarm", json{{"farm_id", farm_id}}));
    TF_RETURN_IF_ERROR(FillGatewaysFromFarm(farm, &out));
  }
  return out;
}

ReconcilerHooks RpcReconcilerHooks(std::shared_ptr<ChainClient> client, const chain::SecretKey& node_key,
                                   chain::NodeId node_id, std::function<void(std::string_view)> log,
                                   chain::FarmId farm_id) {
  ReconcilerHooks hooks;
  hooks.list_contracts = [client, node_id, farm_id]() { return ListNodeContracts(*client, node_id, farm_id); };
  hooks.ack = [client, &node_key](chain::ContractId id, bool ok, const std::string& message) -> Status {
    chain::ContractAckCall call;
    call.contract_id = id;
    call.ok = ok;
    call.message = message.substr(0, chain::kMaxAckMessage);
    // A failed ack deletes the contract: by the time the agent shows the error, it is on
    // chain. An ok ack is admitted only when it would succeed; the reconciler re-sends it
    // if the contract still shows it pending later.
    Status sent = ok ? client->Submit(node_key, chain::Call(call)).status()
                     : client->SubmitAndWait(node_key, chain::Call(call)).status();
    if (!sent.ok() && sent.reason() == "already-acknowledged") return Status::Ok();
    return sent;
  };
  hooks.log = std::move(log);
  return hooks;
}

}  // namespace tfchain::agent
