#include "rpc/admin_access.h"

#include <arpa/inet.h>

#include <cstring>
#include <string>

namespace tfchain::rpc {
namespace {

// Compares without an early exit, so that timing does not reveal the token.
bool ConstantTimeEquals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  unsigned char diff = 0;
  for (size_t i = 0; i < a.size(); ++i) diff |= static_cast<unsigned char>(a[i] ^ b[i]);
  return diff == 0;
}

}  // namespace

bool IsLoopbackHost(std::string_view host) {
  if (host == "localhost") return true;
  if (host.size() >= 2 && host.front() == '[' && host.back() == ']') host = host.substr(1, host.size() - 2);
  const std::string text(host);
  in_addr v4{};
  if (inet_pton(AF_INET, text.c_str(), &v4) == 1) {
    return (ntohl(v4.s_addr) >> 24) == 127;
  }
  in6_addr v6{};
  if (inet_pton(AF_INET6, text.c_str(), &v6) == 1) {
    static constexpr unsigned char kLoopback[16] = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1};
    if (std::memcmp(v6.s6_addr, kLoopback, 16) == 0) return true;
    static constexpr unsigned char kMappedPrefix[12] = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff};
    return std::memcmp(v6.s6_addr, kMappedPrefix, 12) == 0 && v6.s6_addr[12] == 127;
  }
  return false;
}

bool AdminAllowed(std::string_view bind_host, std::string_view admin_token, std::string_view authorization_header) {
  if (IsLoopbackHost(bind_host)) return true;
  if (admin_token.empty()) return false;
  constexpr std::string_view kBearer = "Bearer ";
  if (!authorization_header.starts_with(kBearer)) return false;
  return ConstantTimeEquals(authorization_header.substr(kBearer.size()), admin_token);
}

}  // namespace tfchain::rpc
