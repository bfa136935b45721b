#pragma once

#include <mutex>
#include <string>
#include <string_view>

#include "chain/status.h"

namespace tfchain::agent {

using chain::Result;
using chain::Status;

// A private network: an isolated bridge. `id`: 1..48 chars of [a-z0-9-]. `subnet`: an IPv4
// network address with a prefix length 8..30, host bits zero ("10.88.3.0/24"). Its first
// host address (.1) is reserved (never given to an endpoint) and nothing is assigned to the
// bridge itself: the host has no address on it and there is no uplink.
struct NetworkSpec {
  std::string id;
  std::string subnet;
};

// An endpoint (one workload's interface) on a network. `id` (1..48 of [a-z0-9-]) is unique
// across the provisioner's networks; `ip` is a host address inside the network's subnet,
// not the network/broadcast address nor the reserved first host, e.g. "10.88.3.2".
// A standalone endpoint has an empty `network_id` and an empty `ip`: a namespace with only
// lo, for a workload whose sole interface is its public IP (AddPublicIp).
struct EndpointSpec {
  std::string network_id;
  std::string id;
  std::string ip;
};

// Private networks as Linux bridges with network namespaces attached by veth pairs, and
// public IPs on an extra interface towards an uplink. Needs root and iproute2 `ip` (run
// through RunProcess). Kernel interface names are at most 15 chars, so they are derived:
// the first 4 chars of `name_prefix`, a kind letter and 10 hex digits of a hash of
// (prefix, kind, id) — see BridgeName etc. Namespaces are named "<prefix>-<endpoint id>".
// What was created is recorded under root_dir (networks/<id>.json, endpoints/<id>.json).
// Every method is idempotent and rolls back what it made when it fails. Thread-safe (calls
// are serialised).
class NetworkProvisioner {
 public:
  // `root_dir` holds the state files (created on demand); `name_prefix` (e.g. "tf") starts
  // every kernel object's name so that different agents/tests on one host never collide.
  explicit NetworkProvisioner(std::string root_dir, std::string name_prefix = "tf");

  // Makes the network's bridge exist and be up (no address, no uplink, not passed to the
  // host's iptables). Ok when it exists with the same subnet.
  // Errors: "bad-network-id", "bad-subnet", "network-conflict" (exists with another subnet),
  // "network-create-failed", "network-state-failed", "spawn-failed"/"process-timeout".
  Status CreateNetwork(const NetworkSpec& spec);

  // Makes a network namespace NetnsName(id) whose "eth0" (ip/prefix of the subnet, up) is
  // one end of a veth pair whose other end is a port of the network's bridge; lo is up.
  // Returns the namespace path (/var/run/netns/<name>) for runc. Ok (same path) when it
  // exists with the same spec. Errors: "bad-endpoint-id", "bad-network-id", "bad-ip",
  // "network-not-found", "ip-in-use" (another endpoint of the network has it),
  // "endpoint-conflict" (exists with another spec), "endpoint-create-failed",
  // "network-state-failed", "spawn-failed"/"process-timeout".
  // A standalone spec (empty network_id) makes the namespace with lo up and no eth0; its
  // ip must be empty ("bad-ip"); an existing endpoint of that id on a network is an
  // "endpoint-conflict".
  Result<std::string> CreateEndpoint(const EndpointSpec& spec);

  // Deletes the endpoint's namespace and interfaces (also its public IP). Ok when absent.
  // Errors: "bad-endpoint-id", "endpoint-remove-failed", "network-state-failed".
  Status RemoveEndpoint(std::string_view id);

  // Deletes the network's endpoints and its bridge. Ok when absent.
  // Errors: "bad-network-id", "network-remove-failed", RemoveEndpoint's.
  Status RemoveNetwork(std::string_view id);

  // Gives endpoint `endpoint_id` a public address: an extra interface "eth1" in its
  // namespace with `cidr` (a host address with prefix, e.g. "185.69.166.10/24") and the
  // default route via `gateway` (inside cidr's subnet). eth1 is a veth whose host end is a
  // port of `uplink` when uplink is a bridge, otherwise a macvlan (bridge mode) on uplink.
  // Replaces a different public IP of that endpoint; Ok when it has exactly this one.
  // Errors: "bad-endpoint-id", "bad-public-ip", "bad-gateway", "endpoint-not-found",
  // "uplink-not-found", "public-ip-failed", "network-state-failed".
  Status AddPublicIp(std::string_view endpoint_id, std::string_view cidr, std::string_view gateway,
                     std::string_view uplink);

  // Kernel object names (whether or not they exist), for tests and diagnostics.
  std::string BridgeName(std::string_view network_id) const;
  std::string HostVethName(std::string_view endpoint_id) const;    // bridge-side end of eth0
  std::string PublicLinkName(std::string_view endpoint_id) const;  // host end of eth1
  std::string NetnsName(std::string_view endpoint_id) const;
  std::string NetnsPath(std::string_view endpoint_id) const;

 private:
  Status RemoveEndpointLocked(std::string_view id);
  Result<std::string> CreateStandaloneEndpoint(const EndpointSpec& spec);
  std::string LinkName(char kind, std::string_view id) const;

  std::string root_;
  std::string prefix_;
  mutable std::mutex mu_;
};

}  // namespace tfchain::agent
