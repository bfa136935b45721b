// DirectoryIndex's queries (the maintenance half is in directory_index.cpp).
#include <algorithm>
#include <mutex>
#include <shared_mutex>

#include "node/directory_index.h"

#include "contracts/policy_state.h"

namespace tfchain::node {
namespace {

std::string Lower(std::string_view text) {
  std::string out(text);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

// [offset, offset + limit) clipped to [0, size).
std::pair<size_t, size_t> PageBounds(size_t size, uint64_t offset, uint64_t limit) {
  const size_t begin = static_cast<size_t>(std::min<uint64_t>(offset, size));
  const size_t end = static_cast<size_t>(std::min<uint64_t>(size, begin + std::min<uint64_t>(limit, size)));
  return {begin, end};
}

uint64_t SaturatingAdd(uint64_t a, uint64_t b) { return a + b < a ? UINT64_MAX : a + b; }

void AddTo(chain::Resources* sum, const uint64_t values[4]) {
  sum->cru = SaturatingAdd(sum->cru, values[0]);
  sum->mru = SaturatingAdd(sum->mru, values[1]);
  sum->sru = SaturatingAdd(sum->sru, values[2]);
  sum->hru = SaturatingAdd(sum->hru, values[3]);
}

}  // namespace

uint64_t DirectoryIndex::head_time_ms() const {
  std::shared_lock lock(mu_);
  return head_time_ms_;
}

rpc::NodeStatus DirectoryIndex::StatusOf(const NodeRow& row) const {
  // contracts::NodeStatus's rule, on the row's copy of its inputs.
  const contracts::NodeLiveness liveness = contracts::NodeLivenessAt(
      row.reported, row.last_report_ms, row.target_down ? chain::PowerState::kDown : chain::PowerState::kUp,
      head_time_ms_, grid_);
  switch (liveness) {
    case contracts::NodeLiveness::kUp:
      return rpc::NodeStatus::kUp;
    case contracts::NodeLiveness::kStandby:
      return rpc::NodeStatus::kStandby;
    case contracts::NodeLiveness::kDown:
      break;
  }
  return rpc::NodeStatus::kDown;
}

bool DirectoryIndex::Matches(const NodeRow& row, const rpc::NodeFilter& f, const std::optional<uint32_t>& country,
                             const std::optional<uint32_t>& city) const {
  // The usually most selective conditions first.
  if (country && row.country != *country) return false;
  if (city && row.city != *city) return false;
  if (f.farm_id && row.farm_id != *f.farm_id) return false;
  if (f.free_cru && row.free[0] < *f.free_cru) return false;
  if (f.free_mru && row.free[1] < *f.free_mru) return false;
  if (f.free_sru && row.free[2] < *f.free_sru) return false;
  if (f.free_hru && row.free[3] < *f.free_hru) return false;
  if (f.certified && row.certified != *f.certified) return false;
  if (f.has_free_ip || f.dedicated) {
    const FarmFlags flags = row.farm_id < farm_flags_.size() ? farm_flags_[row.farm_id] : FarmFlags{};
    if (f.has_free_ip && flags.has_free_ip != *f.has_free_ip) return false;
    if (f.dedicated && flags.dedicated != *f.dedicated) return false;
  }
  if (f.status && StatusOf(row) != *f.status) return false;
  return true;
}

rpc::NodePage DirectoryIndex::FindNodes(const rpc::NodeQuery& query) const {
  std::shared_lock lock(mu_);
  rpc::NodePage page;
  const rpc::NodeFilter& f = query.filter;
  std::optional<uint32_t> country;
  std::optional<uint32_t> city;
  if (f.country) {
    country = FindInterned(*f.country);
    if (!country) return page;  // no node was ever there
  }
  if (f.city) {
    city = FindInterned(*f.city);
    if (!city) return page;
  }
  std::vector<const NodeRow*> page_rows;
  if (query.sort == rpc::NodeSort::kNodeId) {
    // Rows are in id order already: count, keeping only the page.
    for (const NodeRow& row : rows_) {
      if (!Matches(row, f, country, city)) continue;
      if (page.total >= query.offset && page.total - query.offset < query.limit) page_rows.push_back(&row);
      ++page.total;
    }
  } else {
    std::vector<const NodeRow*> matches;
    for (const NodeRow& row : rows_) {
      if (Matches(row, f, country, city)) matches.push_back(&row);
    }
    page.total = matches.size();
    const auto [begin, end] = PageBounds(matches.size(), query.offset, query.limit);
    const int k = static_cast<int>(query.sort) - static_cast<int>(rpc::NodeSort::kFreeCru);
    std::partial_sort(matches.begin(), matches.begin() + static_cast<ptrdiff_t>(end), matches.end(),
                      [k](const NodeRow* a, const NodeRow* b) {
                        if (a->free[k] != b->free[k]) return a->free[k] > b->free[k];
                        return a->id < b->id;
                      });
    page_rows.assign(matches.begin() + static_cast<ptrdiff_t>(begin), matches.begin() + static_cast<ptrdiff_t>(end));
  }
  page.nodes.reserve(page_rows.size());
  for (const NodeRow* row : page_rows) page.nodes.push_back(NodeViewOf(nodes_.at(row->id)));
  return page;
}

chain::PolicyId DirectoryIndex::FarmingPolicyIdOf(const contracts::NodeRecord& node,
                                                  const contracts::FarmRecord* farm) const {
  const chain::FarmCertification farm_cert =
      farm != nullptr ? farm->certification : chain::FarmCertification::kNotCertified;
  // contracts::FarmingPolicyFor over the index's copy of the policies.
  for (auto it = farming_policies_.rbegin(); it != farming_policies_.rend(); ++it) {
    if (contracts::QualifiesFor(it->second, node.certification, farm_cert)) return it->second.id;
  }
  return 0;
}

rpc::TwinView DirectoryIndex::TwinViewOf(const contracts::TwinRecord& twin) const {
  return rpc::TwinView{twin.id, twin.account, twin.relay, twin.public_key, twin.created_ms};
}

rpc::FarmView DirectoryIndex::FarmViewOf(const FarmEntry& farm) const {
  const contracts::FarmRecord& r = farm.record;
  rpc::FarmView v;
  v.farm_id = r.id;
  v.name = r.name;
  v.twin_id = r.twin_id;
  if (auto t = twins_.find(r.twin_id); t != twins_.end()) v.owner_account = t->second.account;
  v.pricing_policy_id = r.pricing_policy_id;
  v.certification = r.certification;
  v.dedicated = r.dedicated;
  for (const contracts::FarmIp& ip : r.public_ips)
    v.public_ips.push_back(rpc::FarmIpView{ip.ip, ip.gateway, ip.contract_id});
  v.free_public_ips = farm.free_ips;
  if (auto n = farm_nodes_.find(r.id); n != farm_nodes_.end()) v.node_ids.assign(n->second.begin(), n->second.end());
  v.created_ms = r.created_ms;
  return v;
}

rpc::NodeView DirectoryIndex::NodeViewOf(const contracts::NodeRecord& n) const {
  rpc::NodeView v;
  v.node_id = n.id;
  v.farm_id = n.farm_id;
  v.twin_id = n.twin_id;
  v.account = n.account;
  v.resources = n.resources;
  v.reserved = n.reserved;
  v.location = n.location;
  v.interfaces = n.interfaces;
  v.public_config = n.public_config;
  v.agent_endpoint = n.agent_endpoint;
  v.virtualized = n.virtualized;
  v.serial = n.serial;
  v.certification = n.certification;
  v.power_target = n.power_target;
  v.power_state = n.power_state;
  v.connection_price_musd = n.connection_price_musd;
  v.created_ms = n.created_ms;
  v.updated_ms = n.updated_ms;
  auto row =
      std::lower_bound(rows_.begin(), rows_.end(), n.id, [](const NodeRow& r, chain::NodeId id) { return r.id < id; });
  if (row != rows_.end() && row->id == n.id) {
    v.free = chain::Resources{row->free[0], row->free[1], row->free[2], row->free[3]};
    v.status = StatusOf(*row);
    v.last_uptime_report_ms = row->reported ? row->last_report_ms : 0;
  }
  const FarmEntry* farm = nullptr;
  if (auto f = farms_.find(n.farm_id); f != farms_.end()) farm = &f->second;
  if (farm != nullptr) {
    v.farm_name = farm->record.name;
    v.farm_certification = farm->record.certification;
    v.dedicated = farm->record.dedicated;
    v.free_public_ips = farm->free_ips;
  }
  v.farming_policy_id = FarmingPolicyIdOf(n, farm != nullptr ? &farm->record : nullptr);
  return v;
}

std::optional<rpc::TwinView> DirectoryIndex::GetTwin(chain::TwinId id) const {
  std::shared_lock lock(mu_);
  auto it = twins_.find(id);
  if (it == twins_.end()) return std::nullopt;
  return TwinViewOf(it->second);
}

std::optional<rpc::TwinView> DirectoryIndex::GetTwinByAccount(const chain::AccountId& account) const {
  std::shared_lock lock(mu_);
  auto id = twin_by_account_.find(account);
  if (id == twin_by_account_.end()) return std::nullopt;
  return TwinViewOf(twins_.at(id->second));
}

std::optional<rpc::FarmView> DirectoryIndex::GetFarm(chain::FarmId id) const {
  std::shared_lock lock(mu_);
  auto it = farms_.find(id);
  if (it == farms_.end()) return std::nullopt;
  return FarmViewOf(it->second);
}

std::optional<rpc::FarmView> DirectoryIndex::GetFarmByName(std::string_view name) const {
  std::shared_lock lock(mu_);
  auto id = farm_by_name_.find(Lower(name));
  if (id == farm_by_name_.end()) return std::nullopt;
  return FarmViewOf(farms_.at(id->second));
}

rpc::FarmPage DirectoryIndex::ListFarms(uint64_t offset, uint64_t limit) const {
  std::shared_lock lock(mu_);
  rpc::FarmPage page;
  page.total = farms_.size();
  const auto [begin, end] = PageBounds(farms_.size(), offset, limit);
  auto it = farms_.begin();
  std::advance(it, static_cast<ptrdiff_t>(begin));
  for (size_t i = begin; i < end; ++i, ++it) page.farms.push_back(FarmViewOf(it->second));
  return page;
}

std::optional<rpc::NodeView> DirectoryIndex::GetNode(chain::NodeId id) const {
  std::shared_lock lock(mu_);
  auto it = nodes_.find(id);
  if (it == nodes_.end()) return std::nullopt;
  return NodeViewOf(it->second);
}

std::optional<rpc::NodeView> DirectoryIndex::GetNodeByAccount(const chain::AccountId& account) const {
  std::shared_lock lock(mu_);
  auto id = node_by_account_.find(account);
  if (id == node_by_account_.end()) return std::nullopt;
  return NodeViewOf(nodes_.at(id->second));
}

std::optional<rpc::UptimeView> DirectoryIndex::GetNodeUptime(chain::NodeId id) const {
  std::shared_lock lock(mu_);
  auto row =
      std::lower_bound(rows_.begin(), rows_.end(), id, [](const NodeRow& r, chain::NodeId v) { return r.id < v; });
  if (row == rows_.end() || row->id != id) return std::nullopt;
  rpc::UptimeView v;
  v.node_id = id;
  v.status = StatusOf(*row);
  v.interval_ms = grid_.uptime_interval_ms;
  if (auto u = uptimes_.find(id); u != uptimes_.end()) {
    v.last_report_ms = u->second.last_report_ms;
    v.first_report_ms = u->second.first_report_ms;
    v.last_uptime_s = u->second.last_uptime_s;
    for (const contracts::PeriodUptime& p : u->second.periods) {
      v.periods.push_back(rpc::UptimePeriodView{p.period, p.uptime_ms, p.ip_ms});
    }
  }
  return v;
}

rpc::GridStats DirectoryIndex::Stats() const {
  std::shared_lock lock(mu_);
  rpc::GridStats s;
  s.nodes_total = rows_.size();
  s.farms = farms_.size();
  s.twins = twins_.size();
  for (const NodeRow& row : rows_) {
    const rpc::NodeStatus status = StatusOf(row);
    s.nodes_up += status == rpc::NodeStatus::kUp ? 1 : 0;
    s.nodes_standby += status == rpc::NodeStatus::kStandby ? 1 : 0;
    AddTo(&s.total, row.total);
    AddTo(&s.free, row.free);
  }
  for (const auto& [id, farm] : farms_) {
    s.public_ips += farm.record.public_ips.size();
    s.free_public_ips += farm.free_ips;
  }
  return s;
}

std::vector<chain::FarmingPolicy> DirectoryIndex::FarmingPolicies() const {
  std::shared_lock lock(mu_);
  std::vector<chain::FarmingPolicy> out;
  for (const auto& [id, policy] : farming_policies_) out.push_back(policy);
  return out;
}

DirectoryIndex::ReceiptMatches DirectoryIndex::MatchReceipts(const rpc::RewardsQuery& query) const {
  std::shared_lock lock(mu_);
  auto first = receipts_.begin();
  auto last = receipts_.end();
  if (query.period) {
    first = std::lower_bound(receipts_.begin(), receipts_.end(), *query.period,
                             [](const ReceiptRef& r, uint64_t p) { return r.period < p; });
    last = std::upper_bound(first, receipts_.end(), *query.period,
                            [](uint64_t p, const ReceiptRef& r) { return p < r.period; });
  }
  ReceiptMatches out;
  for (auto it = first; it != last; ++it) {
    if (query.node_id && it->node_id != *query.node_id) continue;
    if (query.farm_id && it->farm_id != *query.farm_id) continue;
    if (out.count >= query.offset && out.count - query.offset < query.limit) out.page.push_back(*it);
    ++out.count;
    out.total = SaturatingAdd(out.total, it->amount);
  }
  return out;
}

}  // namespace tfchain::node
