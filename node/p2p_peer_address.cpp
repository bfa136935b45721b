#include "node/p2p_peer_address.h"

#include <algorithm>
#include <set>

namespace tfchain::node {

using chain::Result;
using chain::Status;

namespace {

constexpr size_t kMaxHostLength = 253;  // the longest DNS name

bool IsHex(char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'); }

bool IsHostChar(char c) {
  return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '-' || c == '.' || c == '_';
}

std::string_view Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

Status BadHost(std::string detail) { return Status::InvalidArgument("bad-peer-host", std::move(detail)); }

Result<uint16_t> ParsePort(std::string_view text) {
  if (text.empty() || text.size() > 5 ||
      !std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; })) {
    return Status::InvalidArgument("bad-peer-port", "'" + std::string(text) + "' is not a port number");
  }
  uint32_t port = 0;
  for (char c : text) port = port * 10 + static_cast<uint32_t>(c - '0');
  if (port == 0 || port > 65535) {
    return Status::InvalidArgument("bad-peer-port", "port " + std::string(text) + " is not in 1..65535");
  }
  return static_cast<uint16_t>(port);
}

}  // namespace

std::string PeerIdString(const PeerId& id) { return id.Hex().substr(2); }

std::string ShortPeerId(const PeerId& id) { return PeerIdString(id).substr(0, 12); }

std::string PeerAddress::ToString() const {
  const bool ipv6 = host.find(':') != std::string::npos;
  return PeerIdString(id) + "@" + (ipv6 ? "[" + host + "]" : host) + ":" + std::to_string(port);
}

Result<PeerAddress> ParsePeerAddress(std::string_view text) {
  const size_t at = text.find('@');
  if (at == std::string_view::npos) {
    return Status::InvalidArgument("bad-peer-address",
                                   "'" + std::string(text) + "' has no '@' (expected id@host:port)");
  }
  const std::string_view id_text = text.substr(0, at);
  std::string_view rest = text.substr(at + 1);

  PeerAddress out;
  if (id_text.size() != 2 * PeerId::kSize || !std::all_of(id_text.begin(), id_text.end(), IsHex)) {
    return Status::InvalidArgument("bad-peer-id", "'" + std::string(id_text) + "' is not 64 hex digits");
  }
  out.id = PeerId::FromHex(id_text).value();

  std::string_view host;
  std::string_view port_text;
  if (rest.starts_with('[')) {
    const size_t close = rest.find(']');
    if (close == std::string_view::npos) return BadHost("unterminated '[' in '" + std::string(rest) + "'");
    host = rest.substr(1, close - 1);
    const std::string_view after = rest.substr(close + 1);
    if (!after.starts_with(':')) {
      return Status::InvalidArgument("bad-peer-address",
                                     "no ':port' after '" + std::string(rest.substr(0, close + 1)) + "'");
    }
    port_text = after.substr(1);
    if (host.empty() ||
        !std::all_of(host.begin(), host.end(), [](char c) { return IsHex(c) || c == ':' || c == '.'; })) {
      return BadHost("'" + std::string(host) + "' is not an IPv6 address");
    }
  } else {
    const size_t colon = rest.rfind(':');
    if (colon == std::string_view::npos) {
      return Status::InvalidArgument("bad-peer-address", "no ':port' in '" + std::string(rest) + "'");
    }
    host = rest.substr(0, colon);
    port_text = rest.substr(colon + 1);
    if (host.empty()) return BadHost("empty host");
    if (!std::all_of(host.begin(), host.end(), IsHostChar)) {
      return BadHost("'" + std::string(host) + "' is not a host name or address (IPv6 needs brackets)");
    }
  }
  if (host.size() > kMaxHostLength) return BadHost("host name longer than 253 characters");
  out.host = std::string(host);
  TF_ASSIGN_OR_RETURN(out.port, ParsePort(port_text));
  return out;
}

Result<std::vector<PeerAddress>> ParsePeerAddressList(std::string_view text) {
  std::vector<PeerAddress> out;
  if (Trim(text).empty()) return out;
  std::set<PeerId> ids;
  size_t entry = 0;
  while (true) {
    ++entry;
    const size_t comma = text.find(',');
    const std::string_view item = Trim(text.substr(0, comma));
    const std::string prefix = "entry " + std::to_string(entry) + " (" + std::string(item) + "): ";
    if (item.empty()) {
      return Status::InvalidArgument("bad-peer-address", "entry " + std::to_string(entry) + " is empty");
    }
    Result<PeerAddress> address = ParsePeerAddress(item);
    if (!address.ok()) {
      return Status::InvalidArgument(std::string(address.status().reason()),
                                     prefix + std::string(address.status().detail()));
    }
    if (!ids.insert(address->id).second) {
      return Status::InvalidArgument("duplicate-peer-id", prefix + "the id appears more than once");
    }
    out.push_back(std::move(address).value());
    if (comma == std::string_view::npos) break;
    text.remove_prefix(comma + 1);
  }
  return out;
}

}  // namespace tfchain::node
