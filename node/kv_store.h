#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "chain/bytes.h"
#include "chain/status.h"

namespace tfchain::node {

using chain::Bytes;
using chain::ByteSpan;
using chain::Result;
using chain::Status;

// A batch of writes applied atomically by KvStore::Write. Not thread-safe.
class WriteBatch {
 public:
  struct Op {
    bool is_put;
    std::string key;
    std::string value;  // empty for deletes
  };
  void Put(ByteSpan key, ByteSpan value);
  void Delete(ByteSpan key);
  const std::vector<Op>& ops() const { return ops_; }
  size_t byte_size() const { return bytes_; }

 private:
  std::vector<Op> ops_;
  size_t bytes_ = 0;
};

// Iterates keys in byte order. Not thread-safe; keeps a consistent snapshot.
class KvIterator {
 public:
  virtual ~KvIterator() = default;
  virtual void Seek(ByteSpan target) = 0;  // first key >= target
  virtual bool Valid() const = 0;
  virtual void Next() = 0;
  virtual ByteSpan key() const = 0;    // valid until the next move
  virtual ByteSpan value() const = 0;
  virtual Status status() const = 0;   // a read error ends the iteration
};

// An ordered key-value store: the one seam between the node and its disk (LevelDB
// in production, memory in tests). Get, Write and NewIterator are thread-safe.
class KvStore {
 public:
  virtual ~KvStore() = default;
  // nullopt if absent. Errors: IoError / Corruption from the backend.
  virtual Result<std::optional<Bytes>> Get(ByteSpan key) const = 0;
  // Applies all of `batch` or nothing. With sync, returns only once the batch is on
  // stable storage (fsync), so it survives a crash of the process or machine.
  virtual Status Write(const WriteBatch& batch, bool sync) = 0;
  virtual std::unique_ptr<KvIterator> NewIterator() const = 0;
};

struct LevelDbOptions {
  size_t block_cache_bytes = 64 << 20;
  size_t write_buffer_bytes = 32 << 20;
  // Table files of this size: fewer, larger files mean fewer compactions of small ones.
  size_t max_file_bytes = 16 << 20;
  // Off: what the chain stores (hashes, keys, signatures, tree nodes) is incompressible,
  // and Snappy would spend CPU on every flush, compaction and read for nothing.
  bool compress = false;
  bool create_if_missing = true;
};

// Opens (creating if allowed) a LevelDB database in directory `path`. Errors:
// IoError "db-open-failed" (missing directory, locked by another process, ...),
// Corruption "db-corrupt".
Result<std::unique_ptr<KvStore>> OpenLevelDb(const std::string& path, const LevelDbOptions& options = {});

// An in-memory store for tests (a std::map behind a mutex).
std::unique_ptr<KvStore> NewMemKvStore();

}  // namespace tfchain::node
