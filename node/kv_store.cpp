#include "node/kv_store.h"

#include <leveldb/cache.h>
#include <leveldb/db.h>
#include <leveldb/filter_policy.h>
#include <leveldb/write_batch.h>

#include <map>
#include <mutex>

namespace tfchain::node {
namespace {

std::string ToString(ByteSpan s) { return std::string(reinterpret_cast<const char*>(s.data()), s.size()); }
ByteSpan ToSpan(const leveldb::Slice& s) { return ByteSpan(reinterpret_cast<const uint8_t*>(s.data()), s.size()); }
leveldb::Slice ToSlice(ByteSpan s) { return leveldb::Slice(reinterpret_cast<const char*>(s.data()), s.size()); }

Status FromLevelDb(const leveldb::Status& s, const char* what) {
  if (s.ok()) return Status::Ok();
  if (s.IsCorruption()) return Status::Corruption("db-corrupt", std::string(what) + ": " + s.ToString());
  return Status::IoError("db-io-error", std::string(what) + ": " + s.ToString());
}

class LevelDbIterator : public KvIterator {
 public:
  LevelDbIterator(leveldb::DB* db, const leveldb::Snapshot* snapshot) : db_(db), snapshot_(snapshot) {
    leveldb::ReadOptions options;
    options.snapshot = snapshot;
    options.fill_cache = false;
    it_.reset(db->NewIterator(options));
  }
  ~LevelDbIterator() override {
    it_.reset();
    db_->ReleaseSnapshot(snapshot_);
  }
  void Seek(ByteSpan target) override { it_->Seek(ToSlice(target)); }
  bool Valid() const override { return it_->Valid(); }
  void Next() override { it_->Next(); }
  ByteSpan key() const override { return ToSpan(it_->key()); }
  ByteSpan value() const override { return ToSpan(it_->value()); }
  Status status() const override { return FromLevelDb(it_->status(), "iterate"); }

 private:
  leveldb::DB* db_;
  const leveldb::Snapshot* snapshot_;
  std::unique_ptr<leveldb::Iterator> it_;
};

class LevelDbStore : public KvStore {
 public:
  LevelDbStore(std::unique_ptr<leveldb::DB> db, std::unique_ptr<leveldb::Cache> cache,
               std::unique_ptr<const leveldb::FilterPolicy> filter)
      : cache_(std::move(cache)), filter_(std::move(filter)), db_(std::move(db)) {}
  ~LevelDbStore() override { db_.reset(); }  // the DB must go before its cache and filter

  Result<std::optional<Bytes>> Get(ByteSpan key) const override {
    std::string value;
    leveldb::Status s = db_->Get(leveldb::ReadOptions(), ToSlice(key), &value);
    if (s.IsNotFound()) return std::optional<Bytes>();
    if (!s.ok()) return FromLevelDb(s, "get");
    return std::optional<Bytes>(Bytes(value.begin(), value.end()));
  }

  Status Write(const WriteBatch& batch, bool sync) override {
    leveldb::WriteBatch wb;
    for (const WriteBatch::Op& op : batch.ops()) {
      if (op.is_put) {
        wb.Put(op.key, op.value);
      } else {
        wb.Delete(op.key);
      }
    }
    leveldb::WriteOptions options;
    options.sync = sync;
    return FromLevelDb(db_->Write(options, &wb), "write");
  }

  std::unique_ptr<KvIterator> NewIterator() const override {
    return std::make_unique<LevelDbIterator>(db_.get(), db_->GetSnapshot());
  }

 private:
  std::unique_ptr<leveldb::Cache> cache_;
  std::unique_ptr<const leveldb::FilterPolicy> filter_;
  std::unique_ptr<leveldb::DB> db_;
};

class MemIterator : public KvIterator {
 public:
  explicit MemIterator(std::map<std::string, std::string> snapshot) : data_(std::move(snapshot)), it_(data_.end()) {}
  void Seek(ByteSpan target) override { it_ = data_.lower_bound(ToString(target)); }
  bool Valid() const override { return it_ != data_.end(); }
  void Next() override { ++it_; }
  ByteSpan key() const override { return chain::AsBytes(it_->first); }
  ByteSpan value() const override { return chain::AsBytes(it_->second); }
  Status status() const override { return Status::Ok(); }

 private:
  std::map<std::string, std::string> data_;
  std::map<std::string, std::string>::const_iterator it_;
};

class MemStore : public KvStore {
 public:
  Result<std::optional<Bytes>> Get(ByteSpan key) const override {
    std::lock_guard<std::mutex> lock(mu_);
    auto it = data_.find(ToString(key));
    if (it == data_.end()) return std::optional<Bytes>();
    return std::optional<Bytes>(Bytes(it->second.begin(), it->second.end()));
  }
  Status Write(const WriteBatch& batch, bool /*sync*/) override {
    std::lock_guard<std::mutex> lock(mu_);
    for (const WriteBatch::Op& op : batch.ops()) {
      if (op.is_put) {
        data_[op.key] = op.value;
      } else {
        data_.erase(op.key);
      }
    }
    return Status::Ok();
  }
  std::unique_ptr<KvIterator> NewIterator() const override {
    std::lock_guard<std::mutex> lock(mu_);
    return std::make_unique<MemIterator>(data_);
  }

 private:
  mutable std::mutex mu_;
  std::map<std::string, std::string> data_;  // GUARDED_BY(mu_)
};

}  // namespace

void WriteBatch::Put(ByteSpan key, ByteSpan value) {
  bytes_ += key.size() + value.size();
  ops_.push_back(Op{true, ToString(key), ToString(value)});
}

void WriteBatch::Delete(ByteSpan key) {
  bytes_ += key.size();
  ops_.push_back(Op{false, ToString(key), {}});
}

Result<std::unique_ptr<KvStore>> OpenLevelDb(const std::string& path, const LevelDbOptions& options) {
  std::unique_ptr<leveldb::Cache> cache(leveldb::NewLRUCache(options.block_cache_bytes));
  std::unique_ptr<const leveldb::FilterPolicy> filter(leveldb::NewBloomFilterPolicy(10));
  leveldb::Options db_options;
  db_options.create_if_missing = options.create_if_missing;
  db_options.block_cache = cache.get();
  db_options.filter_policy = filter.get();
  db_options.write_buffer_size = options.write_buffer_bytes;
  db_options.max_file_size = options.max_file_bytes;
  db_options.compression = options.compress ? leveldb::kSnappyCompression : leveldb::kNoCompression;
  db_options.max_open_files = 500;
  leveldb::DB* raw = nullptr;
  leveldb::Status s = leveldb::DB::Open(db_options, path, &raw);
  if (!s.ok()) {
    if (s.IsCorruption()) return Status::Corruption("db-corrupt", path + ": " + s.ToString());
    return Status::IoError("db-open-failed", path + ": " + s.ToString());
  }
  return std::unique_ptr<KvStore>(
      std::make_unique<LevelDbStore>(std::unique_ptr<leveldb::DB>(raw), std::move(cache), std::move(filter)));
}

std::unique_ptr<KvStore> NewMemKvStore() { return std::make_unique<MemStore>(); }

}  // namespace tfchain::node
