#include "node/p2p_ban_list.h"

#include <algorithm>

namespace tfchain::node {

namespace {

template <typename Map, typename Key>
void Extend(Map& map, const Key& key, BanList::TimePoint until) {
  auto [it, inserted] = map.emplace(key, until);
  if (!inserted) it->second = std::max(it->second, until);
}

template <typename Map, typename Key>
std::optional<BanList::TimePoint> Until(const Map& map, const Key& key, BanList::TimePoint now) {
  auto it = map.find(key);
  if (it == map.end() || it->second <= now) return std::nullopt;
  return it->second;
}

template <typename Map>
void EraseEnded(Map& map, BanList::TimePoint now) {
  std::erase_if(map, [now](const auto& entry) { return entry.second <= now; });
}

}  // namespace

void BanList::BanId(const PeerId& id, TimePoint until) { Extend(ids_, id, until); }

void BanList::BanIp(const std::string& ip, TimePoint until) { Extend(ips_, ip, until); }

std::optional<BanList::TimePoint> BanList::IdBannedUntil(const PeerId& id, TimePoint now) const {
  return Until(ids_, id, now);
}

std::optional<BanList::TimePoint> BanList::IpBannedUntil(const std::string& ip, TimePoint now) const {
  return Until(ips_, ip, now);
}

void BanList::Expire(TimePoint now) {
  EraseEnded(ids_, now);
  EraseEnded(ips_, now);
}

}  // namespace tfchain::node
