// Directory: farms and their public IPv4 pools (farm_create, farm_update,
// farm_add_ip, farm_remove_ip, farm_set_dedicated, farm_set_certification); rules in
// directory.h and docs/directory.md.
#include <algorithm>

#include "contracts/directory.h"
#include "contracts/directory_internal.h"
#include "contracts/directory_validation.h"

namespace tfchain::contracts {
namespace {

using directory_internal::Invalid;

// The farm name is well-formed and free (or already `self`'s, in any capitalisation).
Status CheckNameAvailable(const StateReader& state, std::string_view name, FarmId self) {
  TF_RETURN_IF_ERROR(CheckFarmName(name));
  TF_ASSIGN_OR_RETURN(std::optional<FarmId> holder, DirectoryState::GetFarmIdByName(state, name));
  if (holder && *holder != self) {
    return Invalid("farm-name-taken",
                   "farm " + std::to_string(*holder) + " is named like \"" + std::string(name) + "\"");
  }
  return Status::Ok();
}

Status CheckPricingPolicy(const StateReader& state, PolicyId id) {
  TF_ASSIGN_OR_RETURN(std::optional<chain::PricingPolicy> policy, PolicyState::GetPricingPolicy(state, id));
  if (!policy) return Invalid("unknown-pricing-policy", "no pricing policy " + std::to_string(id));
  return Status::Ok();
}

// "a.b.c.d" or "a.b.c.d/nn" (the address alone identifies a farm IP), IPv4 only.
std::optional<chain::IpAddress> ParseAddressOrCidrV4(std::string_view text) {
  if (text.find('/') == std::string_view::npos) {
    auto address = chain::ParseIpv4(text);
    return address.ok() ? std::optional(*address) : std::nullopt;
  }
  auto cidr = chain::ParseCidr(text);
  if (!cidr.ok() || cidr->address.family != chain::IpFamily::kV4) return std::nullopt;
  return cidr->address;
}

// The address part of a stored "a.b.c.d/nn".
std::string_view AddressOf(std::string_view cidr_text) { return cidr_text.substr(0, cidr_text.find('/')); }

}  // namespace

Status Directory::FarmCreate(StateOverlay& state, uint64_t /*height*/, uint64_t time_ms, const AccountId& signer,
                             const chain::FarmCreateCall& call, std::vector<chain::Event>* events) const {
  TF_ASSIGN_OR_RETURN(TwinRecord twin, directory_internal::RequireTwin(state, signer));
  TF_RETURN_IF_ERROR(CheckNameAvailable(state, call.name, 0));
  TF_RETURN_IF_ERROR(CheckPricingPolicy(state, call.pricing_policy_id));
  TF_ASSIGN_OR_RETURN(DirectoryCounters counters, DirectoryState::GetCounters(state));
  TF_ASSIGN_OR_RETURN(FarmId id, directory_internal::TakeId(&counters.next_farm_id, "farm"));
  FarmRecord farm;
  farm.id = id;
  farm.name = call.name;
  farm.twin_id = twin.id;
  farm.pricing_policy_id = call.pricing_policy_id;
  farm.created_ms = time_ms;
  DirectoryState::PutFarm(state, farm);
  DirectoryState::PutFarmIdByName(state, call.name, id);
  DirectoryState::PutCounters(state, counters);
  events->push_back(chain::FarmCreatedEvent{id, twin.id, call.name});
  return Status::Ok();
}

Status Directory::FarmUpdate(StateOverlay& state, uint64_t /*height*/, uint64_t /*time_ms*/, const AccountId& signer,
                             const chain::FarmUpdateCall& call, std::vector<chain::Event>* events) const {
  TF_ASSIGN_OR_RETURN(FarmRecord farm, directory_internal::RequireOwnedFarm(state, signer, call.farm_id));
  TF_RETURN_IF_ERROR(CheckNameAvailable(state, call.name, farm.id));
  TF_RETURN_IF_ERROR(CheckPricingPolicy(state, call.pricing_policy_id));
  if (FarmNameKey(farm.name) != FarmNameKey(call.name)) {
    DirectoryState::DeleteFarmName(state, farm.name);
    DirectoryState::PutFarmIdByName(state, call.name, farm.id);
  }
  farm.name = call.name;
  farm.pricing_policy_id = call.pricing_policy_id;
  DirectoryState::PutFarm(state, farm);
  events->push_back(chain::FarmUpdatedEvent{farm.id});
  return Status::Ok();
}

Status Directory::FarmAddIp(StateOverlay& state, uint64_t /*height*/, uint64_t /*time_ms*/, const AccountId& signer,
                            const chain::FarmAddIpCall& call, std::vector<chain::Event>* events) const {
  TF_ASSIGN_OR_RETURN(FarmRecord farm, directory_internal::RequireOwnedFarm(state, signer, call.farm_id));
  TF_ASSIGN_OR_RETURN(FarmIpAddress parsed, ParseFarmIp(call.ip, call.gateway));
  if (farm.public_ips.size() >= chain::kMaxFarmIps) {
    return Invalid("too-many-ips", "farm " + std::to_string(farm.id) + " has " +
                                       std::to_string(farm.public_ips.size()) + " IPs, the most allowed");
  }
  const std::string address = parsed.cidr.address.ToString();
  TF_ASSIGN_OR_RETURN(std::optional<FarmId> holder, DirectoryState::GetFarmIdByIp(state, address));
  if (holder) return Invalid("ip-taken", address + " is already in farm " + std::to_string(*holder));
  FarmIp ip{parsed.cidr.ToString(), parsed.gateway.ToString(), 0};
  farm.public_ips.push_back(ip);
  DirectoryState::PutFarm(state, farm);
  DirectoryState::PutFarmIdByIp(state, address, farm.id);
  events->push_back(chain::FarmIpAddedEvent{farm.id, ip.ip, ip.gateway});
  return Status::Ok();
}

Status Directory::FarmRemoveIp(StateOverlay& state, uint64_t /*height*/, uint64_t /*time_ms*/, const AccountId& signer,
                               const chain::FarmRemoveIpCall& call, std::vector<chain::Event>* events) const {
  TF_ASSIGN_OR_RETURN(FarmRecord farm, directory_internal::RequireOwnedFarm(state, signer, call.farm_id));
  const std::optional<chain::IpAddress> address = ParseAddressOrCidrV4(call.ip);
  if (!address) return Invalid("bad-ip", "\"" + call.ip + "\" is not an IPv4 address or CIDR");
  const std::string text = address->ToString();
  auto it = std::find_if(farm.public_ips.begin(), farm.public_ips.end(),
                         [&](const FarmIp& ip) { return AddressOf(ip.ip) == text; });
  if (it == farm.public_ips.end()) return Invalid("unknown-ip", text + " is not in farm " + std::to_string(farm.id));
  if (it->contract_id != 0) {
    return Invalid("ip-in-use", text + " is held by contract " + std::to_string(it->contract_id));
  }
  const std::string removed = it->ip;
  farm.public_ips.erase(it);
  DirectoryState::PutFarm(state, farm);
  DirectoryState::DeleteFarmIp(state, text);
  events->push_back(chain::FarmIpRemovedEvent{farm.id, removed});
  return Status::Ok();
}

Status Directory::FarmSetDedicated(StateOverlay& state, uint64_t /*height*/, uint64_t /*time_ms*/,
                                   const AccountId& signer, const chain::FarmSetDedicatedCall& call,
                                   std::vector<chain::Event>* events) const {
  TF_ASSIGN_OR_RETURN(FarmRecord farm, directory_internal::RequireOwnedFarm(state, signer, call.farm_id));
  farm.dedicated = call.dedicated;
  DirectoryState::PutFarm(state, farm);
  events->push_back(chain::FarmDedicatedSetEvent{farm.id, call.dedicated});
  return Status::Ok();
}

Status Directory::FarmSetCertification(StateOverlay& state, uint64_t /*height*/, uint64_t /*time_ms*/,
                                       const AccountId& signer, const chain::FarmSetCertificationCall& call,
                                       std::vector<chain::Event>* events) const {
  TF_RETURN_IF_ERROR(directory_internal::RequireCertifier(state, signer));
  TF_ASSIGN_OR_RETURN(FarmRecord farm, directory_internal::RequireFarm(state, call.farm_id));
  farm.certification = call.certification;
  DirectoryState::PutFarm(state, farm);
  events->push_back(chain::FarmCertificationSetEvent{farm.id, call.certification});
  return Status::Ok();
}

}  // namespace tfchain::contracts
