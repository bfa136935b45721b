// Field rules of the directory's calls (directory_validation.h).
#include "contracts/directory_validation.h"

#include <set>

namespace tfchain::contracts {
namespace {

using chain::IpAddress;
using chain::IpCidr;
using chain::IpFamily;

Status Invalid(std::string reason, std::string detail) {
  return Status::InvalidArgument(std::move(reason), std::move(detail));
}

std::string Quoted(std::string_view text) {
  constexpr size_t kMaxShown = 80;
  if (text.size() > kMaxShown) return "\"" + std::string(text.substr(0, kMaxShown)) + "...\"";
  return "\"" + std::string(text) + "\"";
}

bool IsAsciiAlnum(char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

// Whether `address` is the network or broadcast address of `cidr` in a subnet that
// has those (prefix <= 30).
bool IsNetworkOrBroadcast(const IpCidr& cidr, const IpAddress& address) {
  if (cidr.prefix_length > 30) return false;
  return address == cidr.Network() || address == cidr.Broadcast();
}

// A CIDR with a gateway inside it: the reason of the first failed check, or empty.
std::string CheckCidrAndGateway(std::string_view ip, std::string_view gw, IpFamily family, bool need_public) {
  auto cidr = chain::ParseCidr(ip);
  if (!cidr.ok() || cidr->address.family != family) return "ip " + Quoted(ip) + " is not a CIDR of the right family";
  if (need_public && !chain::IsPublicUnicastV4(cidr->address)) return "ip " + Quoted(ip) + " is not public";
  auto gateway = chain::ParseIpAddress(gw);
  if (!gateway.ok() || gateway->family != family) return "gateway " + Quoted(gw) + " is not an address";
  if (!chain::InSubnet(*cidr, *gateway)) return "gateway " + Quoted(gw) + " is outside " + Quoted(ip);
  if (*gateway == cidr->address) return "gateway " + Quoted(gw) + " is the ip itself";
  return {};
}

}  // namespace

bool IsPrintableText(std::string_view text) {
  size_t i = 0;
  while (i < text.size()) {
    const auto b = static_cast<uint8_t>(text[i]);
    if (b < 0x80) {
      if (b < 0x20 || b == 0x7F) return false;
      ++i;
      continue;
    }
    size_t len;
    uint32_t cp;
    if ((b & 0xE0) == 0xC0) {
      len = 2;
      cp = b & 0x1F;
    } else if ((b & 0xF0) == 0xE0) {
      len = 3;
      cp = b & 0x0F;
    } else if ((b & 0xF8) == 0xF0) {
      len = 4;
      cp = b & 0x07;
    } else {
      return false;
    }
    if (i + len > text.size()) return false;
    for (size_t k = 1; k < len; ++k) {
      const auto c = static_cast<uint8_t>(text[i + k]);
      if ((c & 0xC0) != 0x80) return false;
      cp = cp << 6 | (c & 0x3F);
    }
    static constexpr uint32_t kMinOfLength[] = {0, 0, 0x80, 0x800, 0x10000};
    // Overlong forms, code points beyond Unicode, surrogates, and C1 controls.
    if (cp < kMinOfLength[len] || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return false;
    if (cp >= 0x80 && cp <= 0x9F) return false;
    i += len;
  }
  return true;
}

Status CheckRelay(std::string_view relay) {
  if (relay.size() > chain::kMaxRelayBytes) {
    return Invalid("relay-too-long",
                   std::to_string(relay.size()) + " bytes exceed " + std::to_string(chain::kMaxRelayBytes));
  }
  bool ok = !relay.empty();
  for (char c : relay) ok = ok && c > 0x20 && c < 0x7F;
  if (!ok) return Invalid("bad-relay", "relay " + Quoted(relay) + " must be printable ASCII without spaces");
  return Status::Ok();
}

Status CheckTwinKey(const chain::Bytes& key) {
  if (key.empty()) return Invalid("bad-twin-key", "the public key is empty");
  if (key.size() > chain::kMaxTwinKeyBytes) {
    return Invalid("twin-key-too-long",
                   std::to_string(key.size()) + " bytes exceed " + std::to_string(chain::kMaxTwinKeyBytes));
  }
  return Status::Ok();
}

Status CheckFarmName(std::string_view name) {
  bool ok = !name.empty() && name.size() <= chain::kMaxFarmNameLength;
  for (char c : name) ok = ok && (IsAsciiAlnum(c) || c == '_' || c == '-');
  if (!ok) return Invalid("bad-farm-name", "farm name " + Quoted(name) + " must be 1..40 of [A-Za-z0-9_-]");
  return Status::Ok();
}

chain::Result<FarmIpAddress> ParseFarmIp(std::string_view ip, std::string_view gateway) {
  auto cidr = chain::ParseCidr(ip);
  if (!cidr.ok() || cidr->address.family != IpFamily::kV4) {
    return Invalid("bad-ip", Quoted(ip) + " is not an IPv4 CIDR like 185.69.166.7/24");
  }
  if (cidr->prefix_length < kMinFarmIpPrefix || cidr->prefix_length > kMaxFarmIpPrefix) {
    return Invalid("bad-ip", Quoted(ip) + ": the prefix length must be " + std::to_string(kMinFarmIpPrefix) + ".." +
                                 std::to_string(kMaxFarmIpPrefix));
  }
  if (!chain::IsPublicUnicastV4(cidr->address)) {
    return Invalid("ip-not-public", Quoted(ip) + " is not a public unicast IPv4 address");
  }
  if (IsNetworkOrBroadcast(*cidr, cidr->address)) {
    return Invalid("bad-ip", Quoted(ip) + " is the subnet's network or broadcast address");
  }
  auto gw = chain::ParseIpv4(gateway);
  if (!gw.ok()) return Invalid("bad-gateway", Quoted(gateway) + " is not an IPv4 address");
  if (!chain::IsPublicUnicastV4(*gw)) return Invalid("bad-gateway", Quoted(gateway) + " is not public");
  if (!chain::InSubnet(*cidr, *gw)) {
    return Invalid("gateway-outside-subnet", Quoted(gateway) + " is outside " + cidr->ToString());
  }
  if (*gw == cidr->address) return Invalid("bad-gateway", "the gateway " + Quoted(gateway) + " is the ip itself");
  if (IsNetworkOrBroadcast(*cidr, *gw)) {
    return Invalid("bad-gateway", Quoted(gateway) + " is the subnet's network or broadcast address");
  }
  return FarmIpAddress{*cidr, *gw};
}

Status CheckResources(const chain::Resources& r) {
  if (r.cru < kMinNodeCru || r.mru < kMinNodeMru || (r.sru < kMinNodeDisk && r.hru < kMinNodeDisk)) {
    return Invalid("resources-below-minimum",
                   "a node needs >= 1 core, >= 2 GiB of memory and >= 100 GiB of SSD or HDD; got cru " +
                       std::to_string(r.cru) + ", mru " + std::to_string(r.mru) + ", sru " + std::to_string(r.sru) +
                       ", hru " + std::to_string(r.hru));
  }
  return Status::Ok();
}

Status CheckLocation(const chain::Location& l) {
  for (const std::string* text : {&l.city, &l.country}) {
    if (text->empty() || text->size() > chain::kMaxLocationText || !IsPrintableText(*text)) {
      return Invalid("bad-location", "city and country must be 1..64 bytes of printable text, got " + Quoted(*text));
    }
  }
  if (l.latitude_micro < -90'000'000 || l.latitude_micro > 90'000'000) {
    return Invalid("bad-location", "latitude " + std::to_string(l.latitude_micro) + " is outside [-90e6, 90e6]");
  }
  if (l.longitude_micro < -180'000'000 || l.longitude_micro > 180'000'000) {
    return Invalid("bad-location", "longitude " + std::to_string(l.longitude_micro) + " is outside [-180e6, 180e6]");
  }
  return Status::Ok();
}

Status CheckInterfaces(const std::vector<chain::NodeInterface>& interfaces) {
  if (interfaces.size() > chain::kMaxInterfaces) {
    return Invalid("too-many-interfaces",
                   std::to_string(interfaces.size()) + " interfaces exceed " + std::to_string(chain::kMaxInterfaces));
  }
  std::set<std::string> names;
  for (const chain::NodeInterface& nic : interfaces) {
    bool name_ok = !nic.name.empty() && nic.name.size() <= kMaxInterfaceName;
    for (char c : nic.name) name_ok = name_ok && (IsAsciiAlnum(c) || c == '_' || c == '.' || c == '-');
    if (!name_ok) return Invalid("bad-interface", "interface name " + Quoted(nic.name));
    if (!names.insert(nic.name).second) return Invalid("bad-interface", "duplicate interface " + Quoted(nic.name));
    if (!chain::ValidateMac(nic.mac).ok()) {
      return Invalid("bad-interface", "interface " + nic.name + ": bad MAC " + Quoted(nic.mac));
    }
    if (nic.ips.size() > chain::kMaxInterfaceIps) {
      return Invalid("too-many-interface-ips", "interface " + nic.name + " has " + std::to_string(nic.ips.size()) +
                                                   " IPs, more than " + std::to_string(chain::kMaxInterfaceIps));
    }
    for (const std::string& ip : nic.ips) {
      const bool ok = ip.find('/') != std::string::npos ? chain::ParseCidr(ip).ok() : chain::ParseIpAddress(ip).ok();
      if (!ok) return Invalid("bad-interface", "interface " + nic.name + ": bad IP " + Quoted(ip));
    }
  }
  return Status::Ok();
}

Status CheckPublicConfig(const std::optional<chain::PublicConfig>& config) {
  if (!config) return Status::Ok();
  std::string why = CheckCidrAndGateway(config->ip4.ip, config->ip4.gw, IpFamily::kV4, true);
  if (why.empty() && config->ip6) why = CheckCidrAndGateway(config->ip6->ip, config->ip6->gw, IpFamily::kV6, false);
  if (why.empty() && config->domain && !chain::ValidateDomain(*config->domain).ok()) {
    why = "domain " + Quoted(*config->domain) + " is not a domain name";
  }
  if (!why.empty()) return Invalid("bad-public-config", why);
  return Status::Ok();
}

Status CheckAgentEndpoint(std::string_view endpoint) {
  const auto bad = [&](std::string_view why) {
    return Invalid("bad-agent-endpoint",
                   Quoted(endpoint) + ": " + std::string(why) + " (expected http(s)://host:port[/path])");
  };
  if (endpoint.empty() || endpoint.size() > chain::kMaxAgentEndpoint) return bad("length must be 1..256 bytes");
  std::string_view rest = endpoint;
  if (rest.starts_with("http://")) {
    rest.remove_prefix(7);
  } else if (rest.starts_with("https://")) {
    rest.remove_prefix(8);
  } else {
    return bad("scheme must be http or https");
  }
  const size_t slash = rest.find('/');
  const std::string_view authority = rest.substr(0, slash);
  const std::string_view path = slash == std::string_view::npos ? std::string_view() : rest.substr(slash);
  const size_t colon = authority.rfind(':');
  if (colon == std::string_view::npos) return bad("no port");
  const std::string_view host = authority.substr(0, colon);
  const std::string_view port = authority.substr(colon + 1);
  bool host_ok;
  if (host.starts_with('[')) {
    host_ok = host.size() > 2 && host.ends_with(']') && chain::ParseIpv6(host.substr(1, host.size() - 2)).ok();
  } else {
    // A name whose last label is all digits would be a malformed IPv4 address.
    const std::string_view last_label = host.substr(host.rfind('.') + 1);
    const bool numeric = last_label.find_first_not_of("0123456789") == std::string_view::npos;
    host_ok = chain::ParseIpv4(host).ok() || (chain::ValidateHostname(host).ok() && !numeric);
  }
  if (!host_ok) return bad("bad host");
  bool port_ok = !port.empty() && port.size() <= 5 && port[0] != '0';
  uint32_t port_value = 0;
  for (char c : port) {
    port_ok = port_ok && c >= '0' && c <= '9';
    port_value = port_value * 10 + static_cast<uint32_t>(c - '0');
  }
  if (!port_ok || port_value > 65535) return bad("port must be 1..65535");
  for (char c : path) {
    if (!IsAsciiAlnum(c) && c != '.' && c != '_' && c != '~' && c != '%' && c != '/' && c != '-') {
      return bad("bad path character");
    }
  }
  return Status::Ok();
}

Status CheckSerial(const std::optional<std::string>& serial) {
  if (!serial) return Status::Ok();
  if (serial->empty() || serial->size() > chain::kMaxSerial || !IsPrintableText(*serial)) {
    return Invalid("bad-serial", "serial must be 1..64 bytes of printable text");
  }
  return Status::Ok();
}

}  // namespace tfchain::contracts
