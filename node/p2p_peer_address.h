#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "chain/bytes.h"
#include "chain/status.h"

namespace tfchain::node {

struct PeerIdTag {};
// A node's identity on the P2P network: its ed25519 node public key (32 bytes). A
// distinct type from AccountId: node keys are not account or validator keys.
using PeerId = chain::FixedBytes<32, PeerIdTag>;

// The 64 lower-case hex digits of `id`, without "0x" (the form used in peer addresses).
std::string PeerIdString(const PeerId& id);
// The first 12 hex digits, for log lines.
std::string ShortPeerId(const PeerId& id);

// Where to dial a peer and which identity it must prove: "id@host:port".
struct PeerAddress {
  PeerId id;
  std::string host;   // a DNS name, an IPv4 address or an IPv6 address (without brackets)
  uint16_t port = 0;  // never 0 once parsed

  // "id@host:port"; an IPv6 host is written in brackets ("id@[::1]:30333").
  std::string ToString() const;
  bool operator==(const PeerAddress&) const = default;
};

// Parses "id@host:port", where id is exactly 64 hex digits (the node public key), host is
// a DNS name, an IPv4 address or a bracketed IPv6 address, and port is 1..65535.
// Errors (InvalidArgument), each with a detail naming the problem:
//   "bad-peer-address"  no '@', or no ':port' after the host
//   "bad-peer-id"       the id is not 64 hex digits
//   "bad-peer-host"     empty host, a character that no host name or address has, or an
//                       unterminated '['
//   "bad-peer-port"     not a decimal number in 1..65535
// Thread-safe.
chain::Result<PeerAddress> ParsePeerAddress(std::string_view text);

// Parses a comma-separated list of peer addresses (spaces around entries are ignored;
// an empty or all-space text is an empty list). Errors: those of ParsePeerAddress with
// the detail prefixed by "entry N (text): " (N from 1), "bad-peer-address" for an empty
// entry ("a,,b" or a trailing comma), and "duplicate-peer-id" when two entries name the
// same id. Thread-safe.
chain::Result<std::vector<PeerAddress>> ParsePeerAddressList(std::string_view text);

}  // namespace tfchain::node
