#include "farmer-agent/agent_options.h"

#include <charconv>
#include <map>
#include <set>

namespace tfchain::agent {
namespace {

using chain::Result;
using chain::Status;

Status Usage(std::string detail) { return Status::InvalidArgument("usage", std::move(detail)); }

// Decimal digits only, within [min, max].
Result<uint64_t> ParseNumber(std::string_view flag, std::string_view text, uint64_t min, uint64_t max) {
  uint64_t value = 0;
  const char* end = text.data() + text.size();
  auto [ptr, ec] = std::from_chars(text.data(), end, value);
  if (text.empty() || text[0] == '+' || ec != std::errc() || ptr != end || value < min || value > max) {
    return Usage(std::string(flag) + ": expected an integer in " + std::to_string(min) + ".." +
                 std::to_string(max) + ", got \"" + std::string(text) + "\"");
  }
  return value;
}

const std::set<std::string, std::less<>> kFlags = {
    "--rpc", "--farm-id", "--data-dir", "--api", "--storage-pool", "--location", "--uptime-interval-s", "--disk-type",
    "--public-uplink", "--usage-interval-s"};

// A kernel interface name (see dev_valid_name): 1..15 printable non-space ASCII chars,
// no '/' or ':', not "." or "..". Empty detail when valid.
std::string InterfaceNameProblem(std::string_view name) {
  if (name.size() > 15) return "at most 15 characters";
  if (name == "." || name == "..") return "not \".\" or \"..\"";
  for (char c : name) {
    if (c == '/' || c == ':') return "no '/' or ':'";
    if (c <= ' ' || c > '~') return "printable ASCII without spaces";
  }
  return "";
}

}  // namespace

std::string AgentOptions::AgentEndpoint() const {
  return "http://" + api_host + ":" + std::to_string(api_port);
}

const char* AgentUsage() {
  return "usage: farmer-agent --rpc URL --farm-id F --data-dir D [--api HOST:PORT]\n"
         "                    [--storage-pool DIR] [--location CITY,COUNTRY] [--uptime-interval-s N]\n"
         "                    [--disk-type ssd|hdd] [--public-uplink IFACE] [--usage-interval-s N]\n"
         "  --rpc URL              the node's JSON-RPC endpoint (http://host:port)\n"
         "  --farm-id F            the farm to register the node in\n"
         "  --data-dir D           where the node key and the agent's state live\n"
         "  --api HOST:PORT        deployment API address (default 127.0.0.1:2021)\n"
         "  --storage-pool DIR     the storage pool's directory (default: the data dir)\n"
         "  --location CITY,COUNTRY  the node's location\n"
         "  --uptime-interval-s N  seconds between uptime reports (default: the chain's)\n"
         "  --usage-interval-s N   seconds between usage reports (default: the chain's uptime interval)\n"
         "  --disk-type ssd|hdd    the storage pool's kind (default: detected from sysfs)\n"
         "  --public-uplink IFACE  the interface public IPs are bridged to (default: none,\n"
         "                         containers with a public IP are refused)\n";
}

Result<AgentOptions> ParseAgentOptions(const std::vector<std::string>& args) {
  std::map<std::string, std::string, std::less<>> values;
  AgentOptions options;
  for (size_t i = 0; i < args.size(); ++i) {
    const std::string& arg = args[i];
    if (arg == "--help" || arg == "-h") {
      options.help = true;
      return options;
    }
    std::string flag = arg;
    std::string value;
    bool has_value = false;
    if (size_t eq = arg.find('='); arg.rfind("--", 0) == 0 && eq != std::string::npos) {
      flag = arg.substr(0, eq);
      value = arg.substr(eq + 1);
      has_value = true;
    }
    if (!kFlags.contains(flag)) {
      if (arg.rfind("-", 0) == 0) return Usage("unknown flag " + flag);
      return Usage("unexpected argument \"" + arg + "\"");
    }
    if (!has_value) {
      if (i + 1 >= args.size()) return Usage(flag + ": missing value");
      value = args[++i];
    }
    if (value.empty()) return Usage(flag + ": empty value");
    if (!values.emplace(flag, value).second) return Usage(flag + " given more than once");
  }
  for (const char* required : {"--rpc", "--farm-id", "--data-dir"}) {
    if (!values.contains(required)) return Usage(std::string("missing required flag ") + required);
  }
  options.rpc_url = values["--rpc"];
  if (options.rpc_url.rfind("http://", 0) != 0 || options.rpc_url.size() <= 7) {
    return Usage("--rpc: expected http://host:port, got \"" + options.rpc_url + "\"");
  }
  TF_ASSIGN_OR_RETURN(uint64_t farm, ParseNumber("--farm-id", values["--farm-id"], 1, UINT32_MAX));
  options.farm_id = static_cast<uint32_t>(farm);
  options.data_dir = values["--data-dir"];
  if (auto it = values.find("--api"); it != values.end()) {
    size_t colon = it->second.rfind(':');
    if (colon == std::string::npos || colon == 0) {
      return Usage("--api: expected HOST:PORT, got \"" + it->second + "\"");
    }
    options.api_host = it->second.substr(0, colon);
    TF_ASSIGN_OR_RETURN(uint64_t port, ParseNumber("--api port", it->second.substr(colon + 1), 1, 65535));
    options.api_port = static_cast<uint16_t>(port);
  }
  if (auto it = values.find("--storage-pool"); it != values.end()) options.storage_pool = it->second;
  if (auto it = values.find("--location"); it != values.end()) {
    size_t comma = it->second.find(',');
    if (comma == std::string::npos || comma == 0 || comma + 1 == it->second.size() ||
        it->second.find(',', comma + 1) != std::string::npos) {
      return Usage("--location: expected CITY,COUNTRY, got \"" + it->second + "\"");
    }
    options.city = it->second.substr(0, comma);
    options.country = it->second.substr(comma + 1);
  }
  if (auto it = values.find("--uptime-interval-s"); it != values.end()) {
    TF_ASSIGN_OR_RETURN(options.uptime_interval_s, ParseNumber("--uptime-interval-s", it->second, 1, 86400));
  }
  if (auto it = values.find("--usage-interval-s"); it != values.end()) {
    TF_ASSIGN_OR_RETURN(options.usage_interval_s, ParseNumber("--usage-interval-s", it->second, 1, 86400));
  }
  if (auto it = values.find("--disk-type"); it != values.end()) {
    if (it->second == "ssd") {
      options.disk_type = DiskKind::kSsd;
    } else if (it->second == "hdd") {
      options.disk_type = DiskKind::kHdd;
    } else {
      return Usage("--disk-type: expected ssd or hdd, got \"" + it->second + "\"");
    }
  }
  if (auto it = values.find("--public-uplink"); it != values.end()) {
    const std::string problem = InterfaceNameProblem(it->second);
    if (!problem.empty()) {
      return Usage("--public-uplink: expected an interface name (" + problem + "), got \"" + it->second + "\"");
    }
    options.public_uplink = it->second;
  }
  return options;
}

}  // namespace tfchain::agent
