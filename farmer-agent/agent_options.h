#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "chain/status.h"
#include "farmer-agent/capacity.h"

namespace tfchain::agent {

// The farmer agent's command line:
//   farmer-agent --rpc URL --farm-id F --data-dir D [--api HOST:PORT]
//                [--storage-pool DIR] [--location CITY,COUNTRY] [--uptime-interval-s N]
//                [--disk-type ssd|hdd] [--public-uplink IFACE] [--usage-interval-s N]
struct AgentOptions {
  std::string rpc_url;             // "http://host:port" of a tfchaind JSON-RPC server
  uint32_t farm_id = 0;            // the farm the node registers in (>= 1)
  std::string data_dir;            // node key, state; created if missing
  std::string api_host = "127.0.0.1";  // where the deployment API listens
  uint16_t api_port = 2021;
  std::string storage_pool;        // directory whose filesystem is the storage pool; empty = data_dir
  std::string city;                // --location; empty when not given
  std::string country;
  // Seconds between uptime reports; 0 = use the chain's interval (grid_getNodeUptime).
  uint64_t uptime_interval_s = 0;
  // --usage-interval-s: seconds between usage reports; 0 = the chain's uptime interval.
  uint64_t usage_interval_s = 0;
  // --disk-type: the pool's kind as stated by the farmer; kAuto (default) = sysfs.
  DiskKind disk_type = DiskKind::kAuto;
  // --public-uplink: the host interface (a bridge, or a NIC for macvlan) that public IPs
  // are bridged to; empty = containers with public_ip fail "public-ip-unsupported".
  std::string public_uplink;
  bool help = false;               // --help / -h: print usage and exit 0

  // "http://<api_host>:<api_port>": the agent endpoint registered on chain.
  std::string AgentEndpoint() const;
  // storage_pool, or data_dir when empty.
  const std::string& StoragePoolDir() const { return storage_pool.empty() ? data_dir : storage_pool; }
};

// The usage text printed by --help and after a usage error.
const char* AgentUsage();

// Parses argv (without argv[0]). Accepts "--flag value" and "--flag=value". Errors
// (InvalidArgument) with reason "usage" and a detail naming the flag and the problem:
// unknown flag, missing value, repeated flag, missing required flag (--rpc, --farm-id,
// --data-dir), a bad number (--farm-id 1..2^32-1, --uptime-interval-s and --usage-interval-s 1..86400), a bad
// --api (HOST:PORT, port 1..65535), a bad --location (CITY,COUNTRY both non-empty), an
// --rpc that is not http://, a --disk-type other than ssd or hdd, a --public-uplink that is
// not a kernel interface name (1..15 chars, not "." or "..", no '/', ':' or whitespace;
// printable ASCII). Pure; thread-safe.
chain::Result<AgentOptions> ParseAgentOptions(const std::vector<std::string>& args);

}  // namespace tfchain::agent
