#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <unordered_map>

#include "node/p2p_peer_address.h"

namespace tfchain::node {

// Who is banned from the P2P network until when: peer ids and IP addresses. Time is
// passed in (a monotonic clock), so the list does no I/O. Not thread-safe.
class BanList {
 public:
  using TimePoint = std::chrono::steady_clock::time_point;

  // Bans until `until`; a later existing ban is kept.
  void BanId(const PeerId& id, TimePoint until);
  // `ip` as printed by asio ("10.0.0.7", "::1").
  void BanIp(const std::string& ip, TimePoint until);

  // When the ban of `id` (or `ip`) ends, if it is banned at `now`.
  std::optional<TimePoint> IdBannedUntil(const PeerId& id, TimePoint now) const;
  std::optional<TimePoint> IpBannedUntil(const std::string& ip, TimePoint now) const;

  // Forgets the bans that ended at or before `now`.
  void Expire(TimePoint now);
  size_t size() const { return ids_.size() + ips_.size(); }

 private:
  std::unordered_map<PeerId, TimePoint, chain::FixedBytesHasher> ids_;
  std::unordered_map<std::string, TimePoint> ips_;
};

}  // namespace tfchain::node
