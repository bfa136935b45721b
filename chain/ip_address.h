#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>

#include "chain/status.h"

namespace tfchain::chain {

// Strict IP address, CIDR, MAC and host name handling for the directory's rules.
// Pure functions of their arguments; thread-safe.
//
// Accepted text forms (anything else is refused, never "repaired"):
//  - IPv4: four decimal octets 0..255 separated by '.', no leading zeros ("01" is
//    refused: some parsers read it as octal), no signs, no spaces.
//  - IPv6: RFC 4291 text: eight groups of 1..4 hex digits (either case) separated by
//    ':', at most one "::" standing for one or more zero groups, optionally the last
//    32 bits as an IPv4 dotted quad (rules above). No zone ("%eth0"), no brackets.
//  - CIDR: an address, '/', and a decimal prefix length (no leading zeros, at most 32
//    for IPv4 and 128 for IPv6). The address keeps its host bits: "185.69.166.7/24"
//    is a host address in the 185.69.166.0/24 subnet.
//  - MAC: six pairs of hex digits (either case) separated by ':'.
// Canonical text: IPv4 dotted decimal; IPv6 as RFC 5952 (lower case, no leading
// zeros, the longest run of two or more zero groups -- the first on a tie --
// as "::", and "::ffff:a.b.c.d" for IPv4-mapped addresses).

enum class IpFamily : uint8_t { kV4 = 4, kV6 = 6 };

// A parsed address. An IPv4 address uses bytes[0..3]; the rest are zero.
struct IpAddress {
  IpFamily family = IpFamily::kV4;
  std::array<uint8_t, 16> bytes{};

  size_t size() const { return family == IpFamily::kV4 ? 4 : 16; }
  size_t bit_count() const { return size() * 8; }
  // Canonical text.
  std::string ToString() const;
  bool operator==(const IpAddress&) const = default;
};

// An address with a prefix length: a host address in its subnet.
struct IpCidr {
  IpAddress address;
  uint8_t prefix_length = 0;

  // Canonical text: address "/" prefix.
  std::string ToString() const;
  // The subnet's first address (host bits cleared) and, for IPv4, the last one
  // (host bits set).
  IpAddress Network() const;
  IpAddress Broadcast() const;
  bool operator==(const IpCidr&) const = default;
};

// Parse an address of either family / a specific family. Error: "bad-ip".
Result<IpAddress> ParseIpAddress(std::string_view text);
Result<IpAddress> ParseIpv4(std::string_view text);
Result<IpAddress> ParseIpv6(std::string_view text);

// Parses "address/prefix" of either family. Errors: "bad-cidr" (no '/', bad prefix
// length), "bad-ip" (the address part).
Result<IpCidr> ParseCidr(std::string_view text);

// True iff `address` is in `cidr`'s subnet (same family, same first prefix bits).
bool InSubnet(const IpCidr& cidr, const IpAddress& address);

// True iff `address` is an IPv4 address usable as a public unicast address: not in
// 0/8, 10/8, 100.64/10, 127/8, 169.254/16, 172.16/12, 192.0.0/24, 192.0.2/24,
// 192.168/16, 198.18/15, 198.51.100/24, 203.0.113/24, 224/4 (multicast), 240/4
// (reserved, which includes 255.255.255.255). False for every IPv6 address.
bool IsPublicUnicastV4(const IpAddress& address);

// Checks a MAC address (form above). Error: "bad-mac".
Status ValidateMac(std::string_view text);

// Checks a host name: 1..253 bytes of dot-separated labels, each 1..63 of
// [A-Za-z0-9-] not starting or ending with '-'; no trailing dot. A single label
// ("localhost") is a host name. Error: "bad-hostname".
Status ValidateHostname(std::string_view text);

// Checks a domain name: a host name (rules above) of at least two labels whose last
// label (the TLD) is not all digits, so that no IPv4 address passes as a domain.
// Error: "bad-domain".
Status ValidateDomain(std::string_view text);

}  // namespace tfchain::chain
