// Bill index layout (in the chain store's KvStore, next to chain_store.cpp's prefixes;
// integers big-endian so that a contract's bills sort oldest first):
//   'C' contract_id:be64 height:be64 index:be32 -> contract_bill (chain/market_types.h codec)
// `index` numbers the block's bills 0, 1, ... in execution order: begin-block events,
// successful receipts' events in block order, end-block events.
#include "node/bill_index.h"

#include <variant>

#include "chain/codec.h"
#include "chain/event.h"

namespace tfchain::node {
namespace {

constexpr uint8_t kBills = 'C';
constexpr size_t kContractPrefixSize = 1 + 8;
constexpr size_t kKeySize = kContractPrefixSize + 8 + 4;

void PutBigEndian(uint64_t v, int bytes, Bytes* out) {
  for (int i = bytes - 1; i >= 0; --i) out->push_back(static_cast<uint8_t>(v >> (8 * i)));
}

uint64_t ReadBigEndian(ByteSpan bytes) {
  uint64_t v = 0;
  for (uint8_t b : bytes) v = (v << 8) | b;
  return v;
}

Bytes ContractPrefix(chain::ContractId id) {
  Bytes key{kBills};
  PutBigEndian(id, 8, &key);
  return key;
}

}  // namespace

void BillIndex::AddBlock(uint64_t height, const chain::BlockResults& results, WriteBatch* batch) {
  uint32_t index = 0;
  auto add = [&](const std::vector<chain::Event>& events) {
    for (const chain::Event& event : events) {
      const auto* billed = std::get_if<chain::ContractBilledEvent>(&event);
      if (billed == nullptr) continue;
      Bytes key = ContractPrefix(billed->bill.contract_id);
      PutBigEndian(height, 8, &key);
      PutBigEndian(index++, 4, &key);
      batch->Put(key, chain::Encode(billed->bill));
    }
  };
  add(results.begin_events);
  for (const chain::Receipt& receipt : results.receipts) {
    if (receipt.success) add(receipt.events);
  }
  add(results.end_events);
}

Result<BillIndex::Page> BillIndex::Read(const KvStore& kv, chain::ContractId contract, uint64_t offset,
                                        uint64_t limit) {
  Page page;
  const Bytes prefix = ContractPrefix(contract);
  std::unique_ptr<KvIterator> it = kv.NewIterator();
  for (it->Seek(prefix); it->Valid(); it->Next()) {
    const ByteSpan key = it->key();
    if (key.size() < prefix.size() || !std::equal(prefix.begin(), prefix.end(), key.begin())) break;
    if (key.size() != kKeySize)
      return Status::Corruption("db-corrupt", "bill index key of size " + std::to_string(key.size()));
    const uint64_t n = page.total++;
    if (n < offset || page.entries.size() >= limit) continue;  // counted, not decoded
    const ByteSpan raw = it->value();
    auto bill = chain::DecodeExact<chain::ContractBill>(raw, raw.size());
    if (!bill.ok())
      return Status::Corruption("db-corrupt",
                                "bill of contract " + std::to_string(contract) + ": " + bill.status().ToString());
    page.entries.push_back(Entry{ReadBigEndian(key.subspan(kContractPrefixSize, 8)),
                                 static_cast<uint32_t>(ReadBigEndian(key.subspan(kContractPrefixSize + 8, 4))),
                                 std::move(*bill)});
  }
  TF_RETURN_IF_ERROR(it->status());
  return page;
}

}  // namespace tfchain::node
