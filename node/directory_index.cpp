#include "node/directory_index.h"

#include <algorithm>
#include <mutex>

#include "contracts/policy_state.h"

namespace tfchain::node {
namespace {

using chain::Bytes;
using chain::ByteSpan;

// The state keys the index reads (the owners' layouts: contracts/directory_state.cpp,
// policy_state.cpp, farming_state.cpp). Ids in keys are big-endian.
constexpr uint8_t kDirectory = contracts::kStatePrefixDirectory;  // 0x03
constexpr uint8_t kPolicy = contracts::kStatePrefixPolicy;        // 0x04
constexpr uint8_t kFarming = contracts::kStatePrefixFarming;      // 0x05
constexpr uint8_t kTwinItem = contracts::kDirectoryTwinPrefix[1];
constexpr uint8_t kFarmItem = contracts::kDirectoryFarmPrefix[1];
constexpr uint8_t kNodeItem = contracts::kDirectoryNodePrefix[1];
constexpr uint8_t kFarmingPolicyItem = contracts::kFarmingPolicyPrefix[1];
constexpr uint8_t kGridParamsItem = 0x03;  // 0x04 0x03 -> GridParams
constexpr uint8_t kUptimeItem = contracts::kFarmingUptimePrefix[1];
constexpr uint8_t kReceiptItem = contracts::kFarmingReceiptPrefix[1];

// The flat state entries of the chain store: 'S' || state key (chain_store.cpp).
constexpr uint8_t kStoreStatePrefix = 'S';

uint64_t BigEndian(std::string_view bytes) {
  uint64_t v = 0;
  for (char c : bytes) v = (v << 8) | static_cast<uint8_t>(c);
  return v;
}

std::string Lower(std::string_view text) {
  std::string out(text);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

uint64_t SaturatingSub(uint64_t a, uint64_t b) { return a > b ? a - b : 0; }

chain::Resources FreeOf(const contracts::NodeRecord& node) {
  return chain::Resources{
      SaturatingSub(node.resources.cru, node.reserved.cru), SaturatingSub(node.resources.mru, node.reserved.mru),
      SaturatingSub(node.resources.sru, node.reserved.sru), SaturatingSub(node.resources.hru, node.reserved.hru)};
}

template <typename T>
Result<T> DecodeRecord(const Bytes& value, std::string_view what) {
  auto decoded = chain::DecodeExact<T>(value, value.size());
  if (!decoded.ok()) {
    return Status::Corruption("state-corrupt", std::string(what) + ": " + decoded.status().ToString());
  }
  return decoded;
}

}  // namespace

// One decoded state write the index cares about.
struct DirectoryIndex::Change {
  enum class Kind { kTwin, kFarm, kNode, kFarmingPolicy, kGridParams, kUptime, kReceipt };
  Kind kind = Kind::kTwin;
  uint64_t id = 0;      // twin, farm, node or policy id; the node for uptime and receipts
  uint64_t period = 0;  // receipts
  bool deleted = false;
  std::optional<contracts::TwinRecord> twin;
  std::optional<contracts::FarmRecord> farm;
  std::optional<contracts::NodeRecord> node;
  std::optional<chain::FarmingPolicy> farming_policy;
  std::optional<chain::GridParams> grid;
  std::optional<contracts::NodeUptime> uptime;
  std::optional<ReceiptRef> receipt;
};

DirectoryIndex::DirectoryIndex(const chain::GridParams& genesis_grid)
    : genesis_grid_(genesis_grid), grid_(genesis_grid) {}

Result<std::optional<DirectoryIndex::Change>> DirectoryIndex::Decode(std::string_view key,
                                                                     const std::optional<Bytes>& value) {
  using Kind = Change::Kind;
  if (key.size() < 2) return std::optional<Change>();
  const uint8_t module = static_cast<uint8_t>(key[0]);
  const uint8_t item = static_cast<uint8_t>(key[1]);
  const std::string_view rest = key.substr(2);
  Change c;
  c.deleted = !value.has_value();
  if (module == kDirectory && rest.size() == 4 && (item == kTwinItem || item == kFarmItem || item == kNodeItem)) {
    c.id = BigEndian(rest);
    if (item == kTwinItem) {
      c.kind = Kind::kTwin;
      if (value) {
        TF_ASSIGN_OR_RETURN(c.twin, DecodeRecord<contracts::TwinRecord>(*value, "twin record"));
      }
    } else if (item == kFarmItem) {
      c.kind = Kind::kFarm;
      if (value) {
        TF_ASSIGN_OR_RETURN(c.farm, DecodeRecord<contracts::FarmRecord>(*value, "farm record"));
      }
    } else {
      c.kind = Kind::kNode;
      if (value) {
        TF_ASSIGN_OR_RETURN(c.node, DecodeRecord<contracts::NodeRecord>(*value, "node record"));
      }
    }
    return std::optional<Change>(std::move(c));
  }
  if (module == kPolicy && item == kFarmingPolicyItem && rest.size() == 4) {
    c.kind = Kind::kFarmingPolicy;
    c.id = BigEndian(rest);
    if (value) {
      TF_ASSIGN_OR_RETURN(c.farming_policy, DecodeRecord<chain::FarmingPolicy>(*value, "farming policy"));
    }
    return std::optional<Change>(std::move(c));
  }
  if (module == kPolicy && item == kGridParamsItem && rest.empty()) {
    c.kind = Kind::kGridParams;
    if (value) {
      TF_ASSIGN_OR_RETURN(c.grid, DecodeRecord<chain::GridParams>(*value, "grid params"));
    }
    return std::optional<Change>(std::move(c));
  }
  if (module == kFarming && item == kUptimeItem && rest.size() == 4) {
    c.kind = Kind::kUptime;
    c.id = BigEndian(rest);
    if (value) {
      TF_ASSIGN_OR_RETURN(c.uptime, DecodeRecord<contracts::NodeUptime>(*value, "node uptime"));
    }
    return std::optional<Change>(std::move(c));
  }
  if (module == kFarming && item == kReceiptItem && rest.size() == 12) {
    c.kind = Kind::kReceipt;
    c.period = BigEndian(rest.substr(0, 8));
    c.id = BigEndian(rest.substr(8));
    if (value) {
      TF_ASSIGN_OR_RETURN(chain::FarmingReceipt r, DecodeRecord<chain::FarmingReceipt>(*value, "farming receipt"));
      c.receipt = ReceiptRef{c.period, static_cast<chain::NodeId>(c.id), r.farm_id, r.amount};
    }
    return std::optional<Change>(std::move(c));
  }
  return std::optional<Change>();
}

Status DirectoryIndex::Load(const KvStore& kv, uint64_t head_time_ms) {
  // Decoding happens under the lock here: a load runs before anyone queries.
  std::unique_lock lock(mu_);
  head_time_ms_ = head_time_ms;
  grid_ = genesis_grid_;
  farming_policies_.clear();
  twins_.clear();
  twin_by_account_.clear();
  farms_.clear();
  farm_nodes_.clear();
  farm_by_name_.clear();
  farm_flags_.clear();
  nodes_.clear();
  node_by_account_.clear();
  rows_.clear();
  uptimes_.clear();
  receipts_.clear();
  interned_.clear();
  Status first_error = Status::Ok();
  std::unique_ptr<KvIterator> it = kv.NewIterator();
  for (uint8_t module : {kDirectory, kPolicy, kFarming}) {
    const Bytes prefix{kStoreStatePrefix, module};
    for (it->Seek(prefix); it->Valid(); it->Next()) {
      const ByteSpan key = it->key();
      if (key.size() < 2 || key[0] != kStoreStatePrefix || key[1] != module) break;
      const std::string_view state_key(reinterpret_cast<const char*>(key.data()) + 1, key.size() - 1);
      const ByteSpan raw = it->value();
      auto change = Decode(state_key, Bytes(raw.begin(), raw.end()));
      if (!change.ok()) {
        if (first_error.ok()) first_error = change.status();
        continue;
      }
      if (*change) ApplyChange(std::move(**change));
    }
    TF_RETURN_IF_ERROR(it->status());
  }
  return first_error;
}

Status DirectoryIndex::Apply(const contracts::StateWrites& writes, uint64_t head_time_ms) {
  Status first_error = Status::Ok();
  std::vector<Change> changes;
  for (const auto& [key, value] : writes) {
    auto change = Decode(key, value);
    if (!change.ok()) {
      if (first_error.ok()) first_error = change.status();
      continue;
    }
    if (*change) changes.push_back(std::move(**change));
  }
  std::unique_lock lock(mu_);
  head_time_ms_ = head_time_ms;
  for (Change& c : changes) ApplyChange(std::move(c));
  return first_error;
}

void DirectoryIndex::ApplyChange(Change c) {
  using Kind = Change::Kind;
  switch (c.kind) {
    case Kind::kTwin:
      return c.twin ? PutTwin(std::move(*c.twin)) : DeleteTwin(static_cast<chain::TwinId>(c.id));
    case Kind::kFarm:
      return c.farm ? PutFarm(std::move(*c.farm)) : DeleteFarm(static_cast<chain::FarmId>(c.id));
    case Kind::kNode:
      return c.node ? PutNode(std::move(*c.node)) : DeleteNode(static_cast<chain::NodeId>(c.id));
    case Kind::kFarmingPolicy:
      if (c.farming_policy) {
        farming_policies_[static_cast<chain::PolicyId>(c.id)] = std::move(*c.farming_policy);
      } else {
        farming_policies_.erase(static_cast<chain::PolicyId>(c.id));
      }
      return;
    case Kind::kGridParams:
      grid_ = c.grid.value_or(genesis_grid_);
      return;
    case Kind::kUptime:
      return PutUptime(static_cast<chain::NodeId>(c.id), std::move(c.uptime));
    case Kind::kReceipt:
      return PutReceipt(c.period, static_cast<chain::NodeId>(c.id), c.receipt);
  }
}

void DirectoryIndex::PutTwin(contracts::TwinRecord twin) {
  auto it = twins_.find(twin.id);
  if (it != twins_.end() && it->second.account != twin.account) twin_by_account_.erase(it->second.account);
  twin_by_account_[twin.account] = twin.id;
  const chain::TwinId id = twin.id;
  twins_.insert_or_assign(id, std::move(twin));
}

void DirectoryIndex::DeleteTwin(chain::TwinId id) {
  auto it = twins_.find(id);
  if (it == twins_.end()) return;
  twin_by_account_.erase(it->second.account);
  twins_.erase(it);
}

void DirectoryIndex::PutFarm(contracts::FarmRecord farm) {
  const chain::FarmId id = farm.id;
  auto it = farms_.find(id);
  if (it != farms_.end() && Lower(it->second.record.name) != Lower(farm.name)) {
    farm_by_name_.erase(Lower(it->second.record.name));
  }
  farm_by_name_[Lower(farm.name)] = id;
  FarmEntry entry;
  entry.free_ips = static_cast<uint64_t>(std::count_if(farm.public_ips.begin(), farm.public_ips.end(),
                                                       [](const auto& ip) { return ip.contract_id == 0; }));
  entry.record = std::move(farm);
  SetFarmFlags(entry);
  farms_.insert_or_assign(id, std::move(entry));
}

void DirectoryIndex::DeleteFarm(chain::FarmId id) {
  auto it = farms_.find(id);
  if (it == farms_.end()) return;
  farm_by_name_.erase(Lower(it->second.record.name));
  if (id < farm_flags_.size()) farm_flags_[id] = FarmFlags{};
  farms_.erase(it);
}

void DirectoryIndex::SetFarmFlags(const FarmEntry& farm) {
  const chain::FarmId id = farm.record.id;
  if (farm_flags_.size() <= id) farm_flags_.resize(static_cast<size_t>(id) + 1);
  farm_flags_[id] = FarmFlags{true, farm.record.dedicated, farm.free_ips > 0};
}

uint32_t DirectoryIndex::Intern(std::string_view text) {
  auto [it, inserted] = interned_.try_emplace(Lower(text), static_cast<uint32_t>(interned_.size() + 1));
  return it->second;
}

std::optional<uint32_t> DirectoryIndex::FindInterned(std::string_view text) const {
  auto it = interned_.find(Lower(text));
  if (it == interned_.end()) return std::nullopt;
  return it->second;
}

DirectoryIndex::NodeRow* DirectoryIndex::FindRow(chain::NodeId id) {
  auto it =
      std::lower_bound(rows_.begin(), rows_.end(), id, [](const NodeRow& r, chain::NodeId v) { return r.id < v; });
  return it != rows_.end() && it->id == id ? &*it : nullptr;
}

void DirectoryIndex::PutNode(contracts::NodeRecord node) {
  const chain::NodeId id = node.id;
  if (auto old = nodes_.find(id); old != nodes_.end()) {
    if (old->second.account != node.account) node_by_account_.erase(old->second.account);
    if (old->second.farm_id != node.farm_id) farm_nodes_[old->second.farm_id].erase(id);
  }
  node_by_account_[node.account] = id;
  farm_nodes_[node.farm_id].insert(id);

  NodeRow row;
  row.id = id;
  row.farm_id = node.farm_id;
  const chain::Resources free = FreeOf(node);
  const uint64_t total[4] = {node.resources.cru, node.resources.mru, node.resources.sru, node.resources.hru};
  const uint64_t free_values[4] = {free.cru, free.mru, free.sru, free.hru};
  std::copy(std::begin(total), std::end(total), row.total);
  std::copy(std::begin(free_values), std::end(free_values), row.free);
  row.country = Intern(node.location.country);
  row.city = Intern(node.location.city);
  row.certified = node.certification == chain::NodeCertification::kCertified;
  row.target_down = node.power_target == chain::PowerState::kDown;
  if (auto u = uptimes_.find(id); u != uptimes_.end()) {
    row.reported = u->second.report_count > 0;
    row.last_report_ms = u->second.last_report_ms;
  }
  if (NodeRow* existing = FindRow(id)) {
    *existing = row;
  } else {
    auto at =
        std::lower_bound(rows_.begin(), rows_.end(), id, [](const NodeRow& r, chain::NodeId v) { return r.id < v; });
    rows_.insert(at, row);
  }
  nodes_.insert_or_assign(id, std::move(node));
}

void DirectoryIndex::DeleteNode(chain::NodeId id) {
  auto it = nodes_.find(id);
  if (it == nodes_.end()) return;
  if (auto a = node_by_account_.find(it->second.account); a != node_by_account_.end() && a->second == id) {
    node_by_account_.erase(a);
  }
  if (auto f = farm_nodes_.find(it->second.farm_id); f != farm_nodes_.end()) {
    f->second.erase(id);
    if (f->second.empty()) farm_nodes_.erase(f);
  }
  if (NodeRow* row = FindRow(id)) rows_.erase(rows_.begin() + (row - rows_.data()));
  nodes_.erase(it);
}

void DirectoryIndex::PutUptime(chain::NodeId id, std::optional<contracts::NodeUptime> uptime) {
  NodeRow* row = FindRow(id);
  if (!uptime) {
    uptimes_.erase(id);
    if (row != nullptr) {
      row->reported = false;
      row->last_report_ms = 0;
    }
    return;
  }
  if (row != nullptr) {
    row->reported = uptime->report_count > 0;
    row->last_report_ms = uptime->last_report_ms;
  }
  uptimes_.insert_or_assign(id, std::move(*uptime));
}

void DirectoryIndex::PutReceipt(uint64_t period, chain::NodeId node, std::optional<ReceiptRef> ref) {
  auto at = std::lower_bound(receipts_.begin(), receipts_.end(), std::make_pair(period, node),
                             [](const ReceiptRef& r, const std::pair<uint64_t, chain::NodeId>& v) {
                               return std::make_pair(r.period, r.node_id) < v;
                             });
  const bool found = at != receipts_.end() && at->period == period && at->node_id == node;
  if (!ref) {
    if (found) receipts_.erase(at);
  } else if (found) {
    *at = *ref;
  } else {
    receipts_.insert(at, *ref);
  }
}

}  // namespace tfchain::node
