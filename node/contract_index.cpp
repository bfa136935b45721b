#include "node/contract_index.h"

#include <algorithm>
#include <mutex>
#include <shared_mutex>

#include "contracts/market_state.h"

namespace tfchain::node {
namespace {

using chain::Bytes;
using chain::ByteSpan;
using chain::ContractId;

// The flat state entries of the chain store: 'S' || state key (chain_store.cpp).
constexpr uint8_t kStoreStatePrefix = 'S';
// 0x07 0x01 || id:u64be -> ContractRecord (contracts/market_state.cpp).
constexpr auto kPrefix = contracts::kMarketContractPrefix;
constexpr size_t kKeySize = kPrefix.size() + 8;

bool HasPrefix(std::string_view key) {
  return key.size() >= kPrefix.size() && static_cast<uint8_t>(key[0]) == kPrefix[0] &&
         static_cast<uint8_t>(key[1]) == kPrefix[1];
}

uint64_t BigEndian(std::string_view bytes) {
  uint64_t v = 0;
  for (char c : bytes) v = (v << 8) | static_cast<uint8_t>(c);
  return v;
}

void InsertSorted(std::vector<ContractId>* ids, ContractId id) {
  // Ids arrive mostly in increasing order: check the end first.
  if (ids->empty() || ids->back() < id) {
    ids->push_back(id);
    return;
  }
  auto at = std::lower_bound(ids->begin(), ids->end(), id);
  if (at == ids->end() || *at != id) ids->insert(at, id);
}

void EraseSorted(std::vector<ContractId>* ids, ContractId id) {
  auto at = std::lower_bound(ids->begin(), ids->end(), id);
  if (at != ids->end() && *at == id) ids->erase(at);
}

}  // namespace

Result<std::optional<std::pair<ContractId, std::optional<ContractIndex::Entry>>>> ContractIndex::Decode(
    std::string_view key, const std::optional<Bytes>& value) {
  using Out = std::optional<std::pair<ContractId, std::optional<Entry>>>;
  if (key.size() != kKeySize || !HasPrefix(key)) return Out();
  const ContractId id = BigEndian(key.substr(kPrefix.size()));
  if (!value) return Out(std::make_pair(id, std::optional<Entry>()));
  auto record = chain::DecodeExact<contracts::ContractRecord>(*value, value->size());
  if (!record.ok()) {
    return Status::Corruption("state-corrupt",
                              "contract record " + std::to_string(id) + ": " + record.status().ToString());
  }
  Entry entry;
  entry.twin = record->twin_id;
  entry.node = record->kind == chain::ContractKind::kName ? 0 : record->node_id;
  entry.deleted = !record->live();
  return Out(std::make_pair(id, std::optional<Entry>(entry)));
}

Status ContractIndex::Load(const KvStore& kv) {
  // Decoding happens under the lock here: a load runs before anyone queries.
  std::unique_lock lock(mu_);
  rows_.clear();
  by_twin_.clear();
  by_node_.clear();
  Status first_error = Status::Ok();
  std::unique_ptr<KvIterator> it = kv.NewIterator();
  const Bytes seek{kStoreStatePrefix, kPrefix[0], kPrefix[1]};
  for (it->Seek(seek); it->Valid(); it->Next()) {
    const ByteSpan key = it->key();
    if (key.size() < seek.size() || !std::equal(seek.begin(), seek.end(), key.begin())) break;
    const std::string_view state_key(reinterpret_cast<const char*>(key.data()) + 1, key.size() - 1);
    const ByteSpan raw = it->value();
    auto change = Decode(state_key, Bytes(raw.begin(), raw.end()));
    if (!change.ok()) {
      if (first_error.ok()) first_error = change.status();
      continue;
    }
    if (*change && (*change)->second) Put((*change)->first, *(*change)->second);
  }
  TF_RETURN_IF_ERROR(it->status());
  return first_error;
}

Status ContractIndex::Apply(const contracts::StateWrites& writes) {
  Status first_error = Status::Ok();
  std::vector<std::pair<ContractId, std::optional<Entry>>> changes;
  // The writes are ordered by key: the contract records form one contiguous run.
  const std::string first(kPrefix.begin(), kPrefix.end());
  for (auto it = writes.lower_bound(first); it != writes.end() && HasPrefix(it->first); ++it) {
    auto change = Decode(it->first, it->second);
    if (!change.ok()) {
      if (first_error.ok()) first_error = change.status();
      continue;
    }
    if (*change) changes.push_back(std::move(**change));
  }
  if (changes.empty()) return first_error;
  std::unique_lock lock(mu_);
  for (const auto& [id, entry] : changes) {
    if (entry) {
      Put(id, *entry);
    } else {
      Remove(id);
    }
  }
  return first_error;
}

std::vector<ContractIndex::Row>::const_iterator ContractIndex::FindRow(ContractId id) const {
  auto at = std::lower_bound(rows_.begin(), rows_.end(), id, [](const Row& r, ContractId v) { return r.id < v; });
  return at != rows_.end() && at->id == id ? at : rows_.end();
}

void ContractIndex::Put(ContractId id, const Entry& entry) {
  auto at = std::lower_bound(rows_.begin(), rows_.end(), id, [](const Row& r, ContractId v) { return r.id < v; });
  if (at != rows_.end() && at->id == id) {
    if (at->entry == entry) return;  // a billed contract: nothing the index keeps changed
    Remove(id);
    at = std::lower_bound(rows_.begin(), rows_.end(), id, [](const Row& r, ContractId v) { return r.id < v; });
  }
  rows_.insert(at, Row{id, entry});
  Lists& twin = by_twin_[entry.twin];
  InsertSorted(entry.deleted ? &twin.deleted : &twin.live, id);
  if (entry.node != 0) {
    Lists& node = by_node_[entry.node];
    InsertSorted(entry.deleted ? &node.deleted : &node.live, id);
  }
}

void ContractIndex::Remove(ContractId id) {
  auto row = FindRow(id);
  if (row == rows_.end()) return;
  const Entry entry = row->entry;
  rows_.erase(row);
  auto drop = [id, &entry](std::unordered_map<uint32_t, Lists>& by, uint32_t key) {
    auto it = by.find(key);
    if (it == by.end()) return;
    EraseSorted(entry.deleted ? &it->second.deleted : &it->second.live, id);
    if (it->second.live.empty() && it->second.deleted.empty()) by.erase(it);
  };
  drop(by_twin_, entry.twin);
  if (entry.node != 0) drop(by_node_, entry.node);
}

ContractIndex::Page ContractIndex::PageOf(const Lists* lists, bool include_deleted, uint64_t offset, uint64_t limit) {
  Page page;
  if (lists == nullptr) return page;
  if (!include_deleted) {
    page.total = lists->live.size();
    for (uint64_t i = offset; i < lists->live.size() && page.ids.size() < limit; ++i)
      page.ids.push_back(lists->live[i]);
    return page;
  }
  // Both lists are ascending: merge them, skipping the first `offset`.
  page.total = lists->live.size() + lists->deleted.size();
  if (offset >= page.total) return page;
  size_t a = 0;
  size_t b = 0;
  for (uint64_t i = 0; i < page.total && page.ids.size() < limit; ++i) {
    const bool take_live = b == lists->deleted.size() || (a < lists->live.size() && lists->live[a] < lists->deleted[b]);
    const ContractId id = take_live ? lists->live[a++] : lists->deleted[b++];
    if (i >= offset) page.ids.push_back(id);
  }
  return page;
}

ContractIndex::Page ContractIndex::ByTwin(chain::TwinId twin, bool include_deleted, uint64_t offset,
                                          uint64_t limit) const {
  std::shared_lock lock(mu_);
  auto it = by_twin_.find(twin);
  return PageOf(it == by_twin_.end() ? nullptr : &it->second, include_deleted, offset, limit);
}

ContractIndex::Page ContractIndex::ByNode(chain::NodeId node, bool include_deleted, uint64_t offset,
                                          uint64_t limit) const {
  std::shared_lock lock(mu_);
  if (node == 0) return Page();  // name contracts are not listed by node
  auto it = by_node_.find(node);
  return PageOf(it == by_node_.end() ? nullptr : &it->second, include_deleted, offset, limit);
}

bool ContractIndex::Contains(ContractId id) const {
  std::shared_lock lock(mu_);
  return FindRow(id) != rows_.end();
}

uint64_t ContractIndex::size() const {
  std::shared_lock lock(mu_);
  return rows_.size();
}

}  // namespace tfchain::node
