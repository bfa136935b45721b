#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "chain/bytes.h"
#include "chain/grid_types.h"
#include "chain/ip_address.h"
#include "chain/status.h"

namespace tfchain::contracts {

using chain::Status;

// The field rules of the directory's calls (docs/directory.md), as pure functions so
// that wallets and the farmer agent can check a call before sending it. Each returns
// Ok or InvalidArgument with the reason the runtime puts in the receipt. Thread-safe.

// 1 GiB: TF Chain measures memory and disks in GiB (2^30 bytes).
inline constexpr uint64_t kGiB = uint64_t{1} << 30;
// Minimum capacity of a node: >= 1 core, >= 2 GiB memory, and >= 100 GiB of SSD or
// (the rule; TF Chain itself only counts SSD) of HDD.
inline constexpr uint64_t kMinNodeCru = 1;
inline constexpr uint64_t kMinNodeMru = 2 * kGiB;
inline constexpr uint64_t kMinNodeDisk = 100 * kGiB;
// Interface names: 1..16 bytes of [A-Za-z0-9_.-] (Linux IFNAMSIZ - 1 = 15, plus one
// for names of other systems).
inline constexpr size_t kMaxInterfaceName = 16;
// Farm IP prefix lengths accepted: a /32 leaves no room for a gateway, and a subnet
// larger than /8 is no farm's.
inline constexpr uint8_t kMinFarmIpPrefix = 8;
inline constexpr uint8_t kMaxFarmIpPrefix = 31;

// Valid UTF-8 without control characters (C0, DEL, C1).
bool IsPrintableText(std::string_view text);

// Twin relay: 1..kMaxRelayBytes of printable ASCII without spaces.
// Errors: "relay-too-long", "bad-relay".
Status CheckRelay(std::string_view relay);
// Twin public key: 1..kMaxTwinKeyBytes bytes. Errors: "bad-twin-key", "twin-key-too-long".
Status CheckTwinKey(const chain::Bytes& key);
// Farm name: 1..kMaxFarmNameLength of [A-Za-z0-9_-]. Error: "bad-farm-name".
Status CheckFarmName(std::string_view name);

// A farm IP and its gateway, parsed and canonical.
struct FarmIpAddress {
  chain::IpCidr cidr;  // the host address with its prefix
  chain::IpAddress gateway;
};
// `ip`: an IPv4 CIDR "a.b.c.d/nn", nn in [kMinFarmIpPrefix, kMaxFarmIpPrefix], a
// public unicast host address (not the subnet's network or broadcast address, except
// in a /31). `gateway`: a bare public unicast IPv4 address inside the subnet, not
// the ip, not the network or broadcast address (except in a /31).
// Errors: "bad-ip", "ip-not-public", "bad-gateway", "gateway-outside-subnet".
chain::Result<FarmIpAddress> ParseFarmIp(std::string_view ip, std::string_view gateway);

// cru >= kMinNodeCru, mru >= kMinNodeMru, sru or hru >= kMinNodeDisk.
// Error: "resources-below-minimum".
Status CheckResources(const chain::Resources& resources);
// city and country 1..kMaxLocationText bytes of printable text; latitude in
// [-90e6, 90e6], longitude in [-180e6, 180e6]. Error: "bad-location".
Status CheckLocation(const chain::Location& location);
// At most kMaxInterfaces interfaces with distinct names of 1..kMaxInterfaceName
// [A-Za-z0-9_.-], a valid MAC, and at most kMaxInterfaceIps IPs each, each an IPv4 or
// IPv6 address or CIDR. Errors: "too-many-interfaces", "too-many-interface-ips",
// "bad-interface".
Status CheckInterfaces(const std::vector<chain::NodeInterface>& interfaces);
// ip4: a public unicast IPv4 CIDR with a gateway inside it (not equal to it); ip6 (if
// any): an IPv6 CIDR with a gateway inside it (not equal to it); domain (if any): a
// domain name (chain::ValidateDomain). Error: "bad-public-config".
Status CheckPublicConfig(const std::optional<chain::PublicConfig>& config);
// "http://" or "https://", a host (host name, IPv4 address, or "[" IPv6 "]"), ":"
// and a port 1..65535 (decimal, no leading zeros), then optionally a path of "/"
// followed by [A-Za-z0-9._~%/-]; at most kMaxAgentEndpoint bytes in all.
// Error: "bad-agent-endpoint".
Status CheckAgentEndpoint(std::string_view endpoint);
// Serial (if any): 1..kMaxSerial bytes of printable text. Error: "bad-serial".
Status CheckSerial(const std::optional<std::string>& serial);

}  // namespace tfchain::contracts
