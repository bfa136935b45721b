// IP addresses, CIDRs, MACs and host names: strict parsing by hand (no locale, no
// resolver), canonical text (rules in ip_address.h).
#include "chain/ip_address.h"

#include <optional>
#include <vector>

namespace tfchain::chain {
namespace {

bool IsDigit(char c) { return c >= '0' && c <= '9'; }

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

bool IsAlnum(char c) { return IsDigit(c) || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

Status BadIp(std::string_view text, std::string_view why) {
  return Status::InvalidArgument("bad-ip", "\"" + std::string(text) + "\": " + std::string(why));
}

// A decimal number without leading zeros, at most `max`; nullopt otherwise.
std::optional<uint32_t> ParseDecimal(std::string_view s, uint32_t max) {
  if (s.empty() || s.size() > 10) return std::nullopt;
  if (s.size() > 1 && s[0] == '0') return std::nullopt;
  uint64_t v = 0;
  for (char c : s) {
    if (!IsDigit(c)) return std::nullopt;
    v = v * 10 + static_cast<uint64_t>(c - '0');
  }
  if (v > max) return std::nullopt;
  return static_cast<uint32_t>(v);
}

// Splits on `sep`, keeping empty parts.
std::vector<std::string_view> Split(std::string_view s, char sep) {
  std::vector<std::string_view> parts;
  size_t start = 0;
  while (true) {
    const size_t pos = s.find(sep, start);
    if (pos == std::string_view::npos) {
      parts.push_back(s.substr(start));
      return parts;
    }
    parts.push_back(s.substr(start, pos - start));
    start = pos + 1;
  }
}

// Four dotted octets into out[0..3]; false on any deviation from the strict form.
bool ParseDottedQuad(std::string_view s, uint8_t* out) {
  const std::vector<std::string_view> parts = Split(s, '.');
  if (parts.size() != 4) return false;
  for (size_t i = 0; i < 4; ++i) {
    const std::optional<uint32_t> octet = ParseDecimal(parts[i], 255);
    if (!octet) return false;
    out[i] = static_cast<uint8_t>(*octet);
  }
  return true;
}

// One IPv6 group of 1..4 hex digits.
std::optional<uint16_t> ParseGroup(std::string_view s) {
  if (s.empty() || s.size() > 4) return std::nullopt;
  uint32_t v = 0;
  for (char c : s) {
    const int h = HexValue(c);
    if (h < 0) return std::nullopt;
    v = v * 16 + static_cast<uint32_t>(h);
  }
  return static_cast<uint16_t>(v);
}

// Parses a run of ':'-separated groups (one side of "::"), the last of which may be
// a dotted quad when `allow_quad`. Appends 16-bit groups to `out`.
bool ParseGroups(std::string_view s, bool allow_quad, std::vector<uint16_t>* out) {
  if (s.empty()) return true;
  const std::vector<std::string_view> parts = Split(s, ':');
  for (size_t i = 0; i < parts.size(); ++i) {
    const bool last = i + 1 == parts.size();
    if (last && allow_quad && parts[i].find('.') != std::string_view::npos) {
      uint8_t quad[4];
      if (!ParseDottedQuad(parts[i], quad)) return false;
      out->push_back(static_cast<uint16_t>(quad[0] << 8 | quad[1]));
      out->push_back(static_cast<uint16_t>(quad[2] << 8 | quad[3]));
      continue;
    }
    const std::optional<uint16_t> group = ParseGroup(parts[i]);
    if (!group) return false;
    out->push_back(*group);
  }
  return true;
}

std::string HexGroup(uint16_t v) {
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string out;
  bool started = false;
  for (int shift = 12; shift >= 0; shift -= 4) {
    const int d = (v >> shift) & 0xF;
    if (d != 0 || started || shift == 0) {
      out.push_back(kDigits[d]);
      started = true;
    }
  }
  return out;
}

std::string DottedQuad(const uint8_t* b) {
  return std::to_string(b[0]) + "." + std::to_string(b[1]) + "." + std::to_string(b[2]) + "." + std::to_string(b[3]);
}

std::string Ipv6Text(const std::array<uint8_t, 16>& bytes) {
  uint16_t groups[8];
  for (int i = 0; i < 8; ++i) groups[i] = static_cast<uint16_t>(bytes[2 * i] << 8 | bytes[2 * i + 1]);
  // IPv4-mapped ::ffff:a.b.c.d (RFC 5952 section 5).
  bool mapped = groups[5] == 0xFFFF;
  for (int i = 0; i < 5; ++i) mapped = mapped && groups[i] == 0;
  if (mapped) return "::ffff:" + DottedQuad(&bytes[12]);
  // The longest run of >= 2 zero groups, the first on a tie.
  int best_start = -1, best_len = 0;
  for (int i = 0; i < 8;) {
    if (groups[i] != 0) {
      ++i;
      continue;
    }
    int j = i;
    while (j < 8 && groups[j] == 0) ++j;
    if (j - i > best_len) {
      best_start = i;
      best_len = j - i;
    }
    i = j;
  }
  if (best_len < 2) best_start = -1;
  std::string out;
  for (int i = 0; i < 8; ++i) {
    if (i == best_start) {
      out += "::";
      i += best_len - 1;
      continue;
    }
    if (!out.empty() && out.back() != ':') out.push_back(':');
    out += HexGroup(groups[i]);
  }
  return out;
}

// Whether the first `bits` bits of a and b agree.
bool SamePrefix(const std::array<uint8_t, 16>& a, const std::array<uint8_t, 16>& b, unsigned bits) {
  for (unsigned i = 0; i < bits / 8; ++i) {
    if (a[i] != b[i]) return false;
  }
  const unsigned rest = bits % 8;
  if (rest == 0) return true;
  const uint8_t mask = static_cast<uint8_t>(0xFF << (8 - rest));
  return (a[bits / 8] & mask) == (b[bits / 8] & mask);
}

// `address` with every bit from `bits` on set to `value`.
IpAddress FillHostBits(IpAddress address, unsigned bits, bool value) {
  for (unsigned bit = bits; bit < address.bit_count(); ++bit) {
    const uint8_t mask = static_cast<uint8_t>(0x80 >> (bit % 8));
    if (value) {
      address.bytes[bit / 8] |= mask;
    } else {
      address.bytes[bit / 8] &= static_cast<uint8_t>(~mask);
    }
  }
  return address;
}

bool IsValidLabel(std::string_view label) {
  if (label.empty() || label.size() > 63) return false;
  if (label.front() == '-' || label.back() == '-') return false;
  for (char c : label) {
    if (!IsAlnum(c) && c != '-') return false;
  }
  return true;
}

}  // namespace

std::string IpAddress::ToString() const {
  if (family == IpFamily::kV4) return DottedQuad(bytes.data());
  return Ipv6Text(bytes);
}

std::string IpCidr::ToString() const { return address.ToString() + "/" + std::to_string(prefix_length); }

IpAddress IpCidr::Network() const { return FillHostBits(address, prefix_length, false); }

IpAddress IpCidr::Broadcast() const { return FillHostBits(address, prefix_length, true); }

Result<IpAddress> ParseIpv4(std::string_view text) {
  IpAddress out;
  out.family = IpFamily::kV4;
  if (!ParseDottedQuad(text, out.bytes.data())) return BadIp(text, "not a dotted-decimal IPv4 address");
  return out;
}

Result<IpAddress> ParseIpv6(std::string_view text) {
  if (text.size() < 2 || text.size() > 45) return BadIp(text, "not an IPv6 address");
  const size_t gap = text.find("::");
  std::vector<uint16_t> head, tail;
  if (gap == std::string_view::npos) {
    if (!ParseGroups(text, true, &head) || head.size() != 8) return BadIp(text, "not an IPv6 address");
  } else {
    if (text.find("::", gap + 1) != std::string_view::npos) return BadIp(text, "more than one \"::\"");
    const std::string_view left = text.substr(0, gap);
    const std::string_view right = text.substr(gap + 2);
    if (!ParseGroups(left, false, &head) || !ParseGroups(right, true, &tail)) {
      return BadIp(text, "not an IPv6 address");
    }
    // "::" stands for at least one zero group.
    if (head.size() + tail.size() > 7) return BadIp(text, "too many groups");
  }
  IpAddress out;
  out.family = IpFamily::kV6;
  for (size_t i = 0; i < head.size(); ++i) {
    out.bytes[2 * i] = static_cast<uint8_t>(head[i] >> 8);
    out.bytes[2 * i + 1] = static_cast<uint8_t>(head[i]);
  }
  const size_t tail_start = 8 - tail.size();
  for (size_t i = 0; i < tail.size(); ++i) {
    out.bytes[2 * (tail_start + i)] = static_cast<uint8_t>(tail[i] >> 8);
    out.bytes[2 * (tail_start + i) + 1] = static_cast<uint8_t>(tail[i]);
  }
  return out;
}

Result<IpAddress> ParseIpAddress(std::string_view text) {
  if (text.find(':') != std::string_view::npos) return ParseIpv6(text);
  return ParseIpv4(text);
}

Result<IpCidr> ParseCidr(std::string_view text) {
  const size_t slash = text.find('/');
  if (slash == std::string_view::npos) {
    return Status::InvalidArgument("bad-cidr", "\"" + std::string(text) + "\" has no /prefix-length");
  }
  TF_ASSIGN_OR_RETURN(IpAddress address, ParseIpAddress(text.substr(0, slash)));
  const std::optional<uint32_t> prefix =
      ParseDecimal(text.substr(slash + 1), static_cast<uint32_t>(address.bit_count()));
  if (!prefix) {
    return Status::InvalidArgument("bad-cidr", "\"" + std::string(text) + "\": the prefix length must be 0.." +
                                                   std::to_string(address.bit_count()));
  }
  return IpCidr{address, static_cast<uint8_t>(*prefix)};
}

bool InSubnet(const IpCidr& cidr, const IpAddress& address) {
  if (cidr.address.family != address.family) return false;
  return SamePrefix(cidr.address.bytes, address.bytes, cidr.prefix_length);
}

bool IsPublicUnicastV4(const IpAddress& address) {
  if (address.family != IpFamily::kV4) return false;
  struct Block {
    uint8_t a, b, c;
    unsigned bits;
  };
  static constexpr Block kNonPublic[] = {
      {0, 0, 0, 8},       {10, 0, 0, 8},     {100, 64, 0, 10}, {127, 0, 0, 8},    {169, 254, 0, 16},
      {172, 16, 0, 12},   {192, 0, 0, 24},   {192, 0, 2, 24},  {192, 168, 0, 16}, {198, 18, 0, 15},
      {198, 51, 100, 24}, {203, 0, 113, 24}, {224, 0, 0, 4},   {240, 0, 0, 4},
  };
  for (const Block& block : kNonPublic) {
    std::array<uint8_t, 16> net{};
    net[0] = block.a;
    net[1] = block.b;
    net[2] = block.c;
    if (SamePrefix(net, address.bytes, block.bits)) return false;
  }
  return true;  // 255.255.255.255 is inside 240/4
}

Status ValidateMac(std::string_view text) {
  const std::vector<std::string_view> parts = Split(text, ':');
  bool ok = parts.size() == 6;
  for (std::string_view part : parts) {
    ok = ok && part.size() == 2 && HexValue(part[0]) >= 0 && HexValue(part[1]) >= 0;
  }
  if (!ok) {
    return Status::InvalidArgument("bad-mac", "\"" + std::string(text) + "\" is not a MAC like 0a:1b:2c:3d:4e:5f");
  }
  return Status::Ok();
}

Status ValidateHostname(std::string_view text) {
  bool ok = !text.empty() && text.size() <= 253;
  if (ok) {
    for (std::string_view label : Split(text, '.')) ok = ok && IsValidLabel(label);
  }
  if (!ok) return Status::InvalidArgument("bad-hostname", "\"" + std::string(text) + "\" is not a host name");
  return Status::Ok();
}

Status ValidateDomain(std::string_view text) {
  const auto bad = [&] {
    return Status::InvalidArgument("bad-domain", "\"" + std::string(text) + "\" is not a domain name");
  };
  if (!ValidateHostname(text).ok()) return bad();
  const std::vector<std::string_view> labels = Split(text, '.');
  if (labels.size() < 2) return bad();
  bool all_digits = true;
  for (char c : labels.back()) all_digits = all_digits && IsDigit(c);
  if (all_digits) return bad();
  return Status::Ok();
}

}  // namespace tfchain::chain
