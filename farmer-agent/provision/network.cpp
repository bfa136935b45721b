#include "farmer-agent/provision/network.h"

#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <optional>
#include <sstream>
#include <vector>

#include "chain/ip_address.h"
#include "farmer-agent/process.h"
#include "farmer-agent/provision/provision_id.h"

namespace tfchain::agent {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

constexpr std::string_view kNetnsDir = "/var/run/netns/";

bool LinkExists(const std::string& name) {
  std::error_code ec;
  return fs::exists("/sys/class/net/" + name, ec);
}

// Reads a state file: nullopt when absent. Errors: "network-state-failed".
Result<std::optional<json>> ReadState(const std::string& path) {
  std::error_code ec;
  if (!fs::exists(path, ec)) return std::optional<json>();
  std::ifstream in(path);
  if (!in) return Status::IoError("network-state-failed", "cannot read " + path);
  json value = json::parse(in, nullptr, /*allow_exceptions=*/false);
  if (value.is_discarded() || !value.is_object()) {
    return Status::Corruption("network-state-failed", "bad JSON in " + path);
  }
  return std::optional<json>(std::move(value));
}

// Writes a state file atomically (temporary file + rename).
Status WriteState(const std::string& path, const json& value) {
  std::error_code ec;
  fs::create_directories(fs::path(path).parent_path(), ec);
  const std::string tmp = path + ".tmp";
  {
    std::ofstream out(tmp, std::ios::trunc);
    out << value.dump(2) << '\n';
    if (!out) return Status::IoError("network-state-failed", "cannot write " + tmp);
  }
  fs::rename(tmp, path, ec);
  if (ec) return Status::IoError("network-state-failed", path + ": " + ec.message());
  return Status::Ok();
}

Status RemoveState(const std::string& path) {
  std::error_code ec;
  fs::remove(path, ec);
  if (ec) return Status::IoError("network-state-failed", path + ": " + ec.message());
  return Status::Ok();
}

std::string Str(const json& object, const char* key) {
  auto it = object.find(key);
  return it != object.end() && it->is_string() ? it->get<std::string>() : std::string();
}

// A subnet usable for a private network, or "bad-subnet".
Result<chain::IpCidr> ParseSubnet(std::string_view text) {
  auto cidr = chain::ParseCidr(text);
  if (!cidr.ok() || cidr->address.family != chain::IpFamily::kV4 || cidr->prefix_length < 8 ||
      cidr->prefix_length > 30 || !(cidr->Network() == cidr->address)) {
    return Status::InvalidArgument(
        "bad-subnet", "want an IPv4 network like 10.88.3.0/24 (prefix 8..30): '" + std::string(text) + "'");
  }
  return *cidr;
}

// The address right after `a` (IPv4).
chain::IpAddress NextV4(chain::IpAddress a) {
  for (int i = 3; i >= 0; --i) {
    if (++a.bytes[i] != 0) break;
  }
  return a;
}

bool IsValidIfName(std::string_view name) {
  if (name.empty() || name.size() > 15 || name == "." || name == "..") return false;
  for (char c : name) {
    if (c == '/' || c == ':' || c <= ' ' || c > '~') return false;
  }
  return true;
}

Status CheckEndpointId(std::string_view id) {
  if (IsValidProvisionId(id)) return Status::Ok();
  return Status::InvalidArgument("bad-endpoint-id",
                                 "endpoint id must be 1..48 chars of [a-z0-9-]: '" + std::string(id) + "'");
}

Status CheckNetworkId(std::string_view id) {
  if (IsValidProvisionId(id)) return Status::Ok();
  return Status::InvalidArgument("bad-network-id",
                                 "network id must be 1..48 chars of [a-z0-9-]: '" + std::string(id) + "'");
}

}  // namespace

NetworkProvisioner::NetworkProvisioner(std::string root_dir, std::string name_prefix)
    : root_(std::move(root_dir)), prefix_(std::move(name_prefix)) {}

std::string NetworkProvisioner::LinkName(char kind, std::string_view id) const {
  // FNV-1a 64 over (prefix, kind, id): stable across runs and builds.
  uint64_t h = 1469598103934665603ull;
  auto mix = [&h](std::string_view s) {
    for (unsigned char c : s) {
      h ^= c;
      h *= 1099511628211ull;
    }
    h ^= 0xff;  // separator
    h *= 1099511628211ull;
  };
  mix(prefix_);
  mix(std::string_view(&kind, 1));
  mix(id);
  std::string head;
  for (char c : prefix_.substr(0, 4)) head += IsValidIfName(std::string(1, c)) ? c : 'x';
  char hex[17];
  std::snprintf(hex, sizeof(hex), "%016llx", static_cast<unsigned long long>(h));
  return head + kind + std::string(hex, 10);
}

std::string NetworkProvisioner::BridgeName(std::string_view network_id) const { return LinkName('b', network_id); }
std::string NetworkProvisioner::HostVethName(std::string_view endpoint_id) const { return LinkName('v', endpoint_id); }
std::string NetworkProvisioner::PublicLinkName(std::string_view endpoint_id) const {
  return LinkName('p', endpoint_id);
}
std::string NetworkProvisioner::NetnsName(std::string_view endpoint_id) const {
  return prefix_ + "-" + std::string(endpoint_id);
}
std::string NetworkProvisioner::NetnsPath(std::string_view endpoint_id) const {
  return std::string(kNetnsDir) + NetnsName(endpoint_id);
}

Status NetworkProvisioner::CreateNetwork(const NetworkSpec& spec) {
  TF_RETURN_IF_ERROR(CheckNetworkId(spec.id));
  TF_ASSIGN_OR_RETURN(chain::IpCidr subnet, ParseSubnet(spec.subnet));
  std::lock_guard<std::mutex> lock(mu_);
  const std::string state_path = root_ + "/networks/" + spec.id + ".json";
  TF_ASSIGN_OR_RETURN(std::optional<json> state, ReadState(state_path));
  if (state && Str(*state, "subnet") != subnet.ToString()) {
    return Status::InvalidArgument("network-conflict",
                                   "network " + spec.id + " exists with subnet " + Str(*state, "subnet"));
  }
  const std::string bridge = BridgeName(spec.id);
  const bool made = !LinkExists(bridge);
  auto fail = [&](Status s) {
    if (made) (void)RunProcess({"ip", "link", "del", bridge});
    return s;
  };
  if (made)
    TF_RETURN_IF_ERROR(RunChecked({"ip", "link", "add", "name", bridge, "type", "bridge"}, "network-create-failed"));
  // Isolated: not handed to the host's iptables (br_netfilter), no IPv6 autoconfiguration.
  Status s = RunChecked({"ip", "link", "set", bridge, "type", "bridge", "nf_call_iptables", "0", "nf_call_ip6tables",
                         "0", "nf_call_arptables", "0"},
                        "network-create-failed");
  if (s.ok()) s = RunChecked({"ip", "link", "set", bridge, "up"}, "network-create-failed");
  if (s.ok() && !state) s = WriteState(state_path, json{{"subnet", subnet.ToString()}, {"bridge", bridge}});
  if (!s.ok()) return fail(s);
  return Status::Ok();
}

Result<std::string> NetworkProvisioner::CreateEndpoint(const EndpointSpec& spec) {
  TF_RETURN_IF_ERROR(CheckEndpointId(spec.id));
  if (spec.network_id.empty()) return CreateStandaloneEndpoint(spec);
  TF_RETURN_IF_ERROR(CheckNetworkId(spec.network_id));
  std::lock_guard<std::mutex> lock(mu_);
  TF_ASSIGN_OR_RETURN(std::optional<json> network, ReadState(root_ + "/networks/" + spec.network_id + ".json"));
  const std::string bridge = BridgeName(spec.network_id);
  if (!network || !LinkExists(bridge)) {
    return Status::NotFound("network-not-found", "no network " + spec.network_id);
  }
  TF_ASSIGN_OR_RETURN(chain::IpCidr subnet, ParseSubnet(Str(*network, "subnet")));
  auto ip = chain::ParseIpv4(spec.ip);
  if (!ip.ok() || !chain::InSubnet(subnet, *ip) || *ip == subnet.Network() || *ip == subnet.Broadcast() ||
      *ip == NextV4(subnet.Network())) {
    return Status::InvalidArgument("bad-ip", "'" + spec.ip + "' is not a usable host address of " + subnet.ToString() +
                                                 " (network, broadcast and the first host are reserved)");
  }
  const std::string ip_text = ip->ToString();

  // Idempotence and conflicts, from the recorded endpoints.
  const std::string state_path = root_ + "/endpoints/" + spec.id + ".json";
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(root_ + "/endpoints", ec)) {
    if (entry.path().extension() != ".json") continue;
    TF_ASSIGN_OR_RETURN(std::optional<json> other, ReadState(entry.path().string()));
    if (!other) continue;
    const std::string other_id = entry.path().stem().string();
    if (other_id == spec.id) {
      if (Str(*other, "network") != spec.network_id || Str(*other, "ip") != ip_text) {
        return Status::InvalidArgument(
            "endpoint-conflict",
            "endpoint " + spec.id + " exists on network " + Str(*other, "network") + " with ip " + Str(*other, "ip"));
      }
    } else if (Str(*other, "network") == spec.network_id && Str(*other, "ip") == ip_text) {
      return Status::InvalidArgument("ip-in-use", ip_text + " is used by endpoint " + other_id);
    }
  }
  const std::string ns = NetnsName(spec.id);
  const std::string veth = HostVethName(spec.id);
  TF_ASSIGN_OR_RETURN(std::optional<json> existing, ReadState(state_path));
  if (existing && fs::exists(NetnsPath(spec.id), ec) && LinkExists(veth)) return NetnsPath(spec.id);

  // Build from scratch (clearing leftovers of a crash or reboot); undo everything on failure.
  TF_RETURN_IF_ERROR(RemoveEndpointLocked(spec.id));
  const std::vector<std::vector<std::string>> steps = {
      {"ip", "netns", "add", ns},
      {"ip", "link", "add", veth, "type", "veth", "peer", "name", "eth0", "netns", ns},
      {"ip", "link", "set", veth, "master", bridge},
      {"ip", "link", "set", veth, "up"},
      {"ip", "-n", ns, "addr", "add", ip_text + "/" + std::to_string(subnet.prefix_length), "dev", "eth0"},
      {"ip", "-n", ns, "link", "set", "eth0", "up"},
      {"ip", "-n", ns, "link", "set", "lo", "up"},
  };
  Status s;
  for (const auto& step : steps) {
    s = RunChecked(step, "endpoint-create-failed");
    if (!s.ok()) break;
  }
  if (s.ok()) s = WriteState(state_path, json{{"network", spec.network_id}, {"ip", ip_text}});
  if (!s.ok()) {
    (void)RemoveEndpointLocked(spec.id);
    return s;
  }
  return NetnsPath(spec.id);
}

Result<std::string> NetworkProvisioner::CreateStandaloneEndpoint(const EndpointSpec& spec) {
  if (!spec.ip.empty()) {
    return Status::InvalidArgument("bad-ip", "an endpoint without a network has no private ip: '" + spec.ip + "'");
  }
  std::lock_guard<std::mutex> lock(mu_);
  const std::string state_path = root_ + "/endpoints/" + spec.id + ".json";
  TF_ASSIGN_OR_RETURN(std::optional<json> existing, ReadState(state_path));
  if (existing && !Str(*existing, "network").empty()) {
    return Status::InvalidArgument("endpoint-conflict",
                                   "endpoint " + spec.id + " exists on network " + Str(*existing, "network"));
  }
  std::error_code ec;
  if (existing && fs::exists(NetnsPath(spec.id), ec)) return NetnsPath(spec.id);
  TF_RETURN_IF_ERROR(RemoveEndpointLocked(spec.id));  // leftovers of a crash or reboot
  const std::string ns = NetnsName(spec.id);
  Status s = RunChecked({"ip", "netns", "add", ns}, "endpoint-create-failed");
  if (s.ok()) s = RunChecked({"ip", "-n", ns, "link", "set", "lo", "up"}, "endpoint-create-failed");
  if (s.ok()) s = WriteState(state_path, json{{"network", ""}, {"ip", ""}});
  if (!s.ok()) {
    (void)RemoveEndpointLocked(spec.id);
    return s;
  }
  return NetnsPath(spec.id);
}

Status NetworkProvisioner::RemoveEndpoint(std::string_view id) {
  TF_RETURN_IF_ERROR(CheckEndpointId(id));
  std::lock_guard<std::mutex> lock(mu_);
  return RemoveEndpointLocked(id);
}

Status NetworkProvisioner::RemoveEndpointLocked(std::string_view id) {
  const std::string ns = NetnsName(id);
  std::error_code ec;
  if (fs::exists(NetnsPath(id), ec)) {
    // Delete the interfaces first: the namespace may outlive its name while a process
    // (a container) is still in it; their host ends go with them.
    for (const char* dev : {"eth0", "eth1"}) (void)RunProcess({"ip", "-n", ns, "link", "del", dev});
    TF_RETURN_IF_ERROR(RunChecked({"ip", "netns", "del", ns}, "endpoint-remove-failed"));
  }
  for (const std::string& link : {HostVethName(id), PublicLinkName(id)}) {
    if (!LinkExists(link)) continue;
    Status s = RunChecked({"ip", "link", "del", link}, "endpoint-remove-failed");
    // A veth whose peer's namespace is being destroyed vanishes by itself meanwhile.
    if (!s.ok() && LinkExists(link)) return s;
  }
  return RemoveState(root_ + "/endpoints/" + std::string(id) + ".json");
}

Status NetworkProvisioner::RemoveNetwork(std::string_view id) {
  TF_RETURN_IF_ERROR(CheckNetworkId(id));
  std::lock_guard<std::mutex> lock(mu_);
  std::error_code ec;
  std::vector<std::string> endpoints;
  for (const auto& entry : fs::directory_iterator(root_ + "/endpoints", ec)) {
    if (entry.path().extension() != ".json") continue;
    TF_ASSIGN_OR_RETURN(std::optional<json> endpoint, ReadState(entry.path().string()));
    if (endpoint && Str(*endpoint, "network") == id) endpoints.push_back(entry.path().stem().string());
  }
  for (const std::string& endpoint : endpoints) TF_RETURN_IF_ERROR(RemoveEndpointLocked(endpoint));
  const std::string bridge = BridgeName(id);
  if (LinkExists(bridge)) TF_RETURN_IF_ERROR(RunChecked({"ip", "link", "del", bridge}, "network-remove-failed"));
  return RemoveState(root_ + "/networks/" + std::string(id) + ".json");
}

Status NetworkProvisioner::AddPublicIp(std::string_view endpoint_id, std::string_view cidr_text,
                                       std::string_view gateway_text, std::string_view uplink_view) {
  TF_RETURN_IF_ERROR(CheckEndpointId(endpoint_id));
  auto cidr = chain::ParseCidr(cidr_text);
  if (!cidr.ok() || cidr->address.family != chain::IpFamily::kV4 || cidr->prefix_length < 1 ||
      cidr->prefix_length > 32) {
    return Status::InvalidArgument("bad-public-ip", "want an IPv4 address/prefix: '" + std::string(cidr_text) + "'");
  }
  if (cidr->prefix_length <= 30 && (cidr->address == cidr->Network() || cidr->address == cidr->Broadcast())) {
    return Status::InvalidArgument("bad-public-ip", "'" + std::string(cidr_text) + "' is not a host address");
  }
  auto gateway = chain::ParseIpv4(gateway_text);
  if (!gateway.ok() || !chain::InSubnet(*cidr, *gateway) || *gateway == cidr->address) {
    return Status::InvalidArgument("bad-gateway",
                                   "'" + std::string(gateway_text) + "' is not another address in " + cidr->ToString());
  }
  const std::string uplink(uplink_view);
  if (!IsValidIfName(uplink) || !LinkExists(uplink)) {
    return Status::NotFound("uplink-not-found", "no interface '" + uplink + "'");
  }
  std::lock_guard<std::mutex> lock(mu_);
  const std::string state_path = root_ + "/endpoints/" + std::string(endpoint_id) + ".json";
  TF_ASSIGN_OR_RETURN(std::optional<json> state, ReadState(state_path));
  std::error_code ec;
  if (!state || !fs::exists(NetnsPath(endpoint_id), ec)) {
    return Status::NotFound("endpoint-not-found", "no endpoint " + std::string(endpoint_id));
  }
  const std::string ns = NetnsName(endpoint_id);
  const std::string link = PublicLinkName(endpoint_id);
  const json wanted = {{"cidr", cidr->ToString()}, {"gateway", gateway->ToString()}, {"uplink", uplink}};
  auto has_eth1 = RunProcess({"ip", "-n", ns, "link", "show", "eth1"});
  const bool eth1_exists = has_eth1.ok() && has_eth1->exit_code == 0;
  if (state->contains("public") && (*state)["public"] == wanted && eth1_exists) return Status::Ok();

  // (Re)build eth1 from scratch.
  auto clear = [&] {
    (void)RunProcess({"ip", "-n", ns, "link", "del", "eth1"});
    if (LinkExists(link)) (void)RunProcess({"ip", "link", "del", link});
  };
  clear();
  std::vector<std::vector<std::string>> steps;
  if (fs::exists("/sys/class/net/" + uplink + "/bridge", ec)) {
    steps = {{"ip", "link", "add", link, "type", "veth", "peer", "name", "eth1", "netns", ns},
             {"ip", "link", "set", link, "master", uplink},
             {"ip", "link", "set", link, "up"}};
  } else {
    steps = {{"ip", "link", "add", "link", uplink, "name", link, "type", "macvlan", "mode", "bridge"},
             {"ip", "link", "set", link, "netns", ns},
             {"ip", "-n", ns, "link", "set", link, "name", "eth1"}};
  }
  steps.push_back({"ip", "-n", ns, "addr", "add", cidr->ToString(), "dev", "eth1"});
  steps.push_back({"ip", "-n", ns, "link", "set", "eth1", "up"});
  steps.push_back({"ip", "-n", ns, "route", "replace", "default", "via", gateway->ToString(), "dev", "eth1"});
  Status s;
  for (const auto& step : steps) {
    s = RunChecked(step, "public-ip-failed");
    if (!s.ok()) break;
  }
  if (s.ok()) {
    json updated = *state;
    updated["public"] = wanted;
    s = WriteState(state_path, updated);
  }
  if (!s.ok()) {
    clear();
    if (state->contains("public")) {
      json previous = *state;
      previous.erase("public");
      (void)WriteState(state_path, previous);  // the old public IP is gone either way
    }
    return s;
  }
  return Status::Ok();
}

}  // namespace tfchain::agent
