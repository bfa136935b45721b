#pragma once

#include <cstddef>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "chain/bytes.h"
#include "chain/codec.h"
#include "chain/status.h"

namespace tfchain::contracts {

using chain::Bytes;
using chain::ByteSpan;
using chain::Result;
using chain::Status;

// What a block (or a transaction) writes: every key written, nullopt = deleted, in key
// order; looked up by std::string_view without building a key string.
using StateWrites = std::map<std::string, std::optional<Bytes>, std::less<>>;

// Read access to the state at one point in time. Implementations: the node's head
// state (LevelDB), StateOverlay, and in-memory maps in tests.
class StateReader {
 public:
  virtual ~StateReader() = default;
  // The value under `key`, or nullopt if there is none. Errors come from the backing
  // store (I/O, corruption) and must abort the block being executed.
  virtual Result<std::optional<Bytes>> Get(ByteSpan key) const = 0;
};

// A write set layered over a StateReader: reads see the overlay's own writes first.
// Writes are journaled, so a transaction's effects can be rolled back to a
// checkpoint without copying the write set. Not thread-safe. `base` must outlive it.
class StateOverlay : public StateReader {
 public:
  explicit StateOverlay(const StateReader& base) : base_(base) {}

  Result<std::optional<Bytes>> Get(ByteSpan key) const override;
  void Put(ByteSpan key, Bytes value);
  void Delete(ByteSpan key);

  // A point to roll back to. Checkpoints nest: rolling back to an earlier one also
  // undoes everything after later ones.
  size_t Checkpoint() const { return journal_.size(); }
  void RollbackTo(size_t checkpoint);
  // Forgets all checkpoints: the writes so far can no longer be rolled back. Keeps
  // the journal small across a block of many transactions.
  void DropJournal() { journal_.clear(); }

  // Every key written (nullopt = deleted), in key order.
  const StateWrites& writes() const { return writes_; }

 private:
  struct Undo {
    std::string key;
    bool existed;                     // whether writes_ had the key before
    std::optional<Bytes> previous;    // its previous overlay value
  };
  void Set(ByteSpan key, std::optional<Bytes> value);

  const StateReader& base_;
  StateWrites writes_;
  std::vector<Undo> journal_;
};

// Reads and decodes a T; nullopt if the key is absent. A value that does not decode
// is a Corruption error ("state-corrupt").
template <typename T>
Result<std::optional<T>> GetDecoded(const StateReader& state, ByteSpan key) {
  auto raw = state.Get(key);
  if (!raw.ok()) return raw.status();
  if (!raw->has_value()) return std::optional<T>();
  auto decoded = chain::DecodeExact<T>(**raw, (*raw)->size());
  if (!decoded.ok()) return Status::Corruption("state-corrupt", decoded.status().ToString());
  return std::optional<T>(std::move(decoded).value());
}

template <typename T>
void PutEncoded(StateOverlay& state, ByteSpan key, const T& value) {
  state.Put(key, chain::Encode(value));
}

}  // namespace tfchain::contracts
