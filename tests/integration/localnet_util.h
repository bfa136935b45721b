#pragma once

// A network of tfchaind validators on 127.0.0.1 for integration tests: written by
// `tfchaind localnet`, each node its own process started with `tfchaind start`.

#include <memory>
#include <string>
#include <vector>

#include "tests/integration/node_process_util.h"

namespace tfchain::testing {

class Localnet {
 public:
  // Writes `validators` data dirs under a temp dir (block time `block_time_ms`).
  Localnet(const std::string& tag, int validators, int block_time_ms);

  const std::string& dir() const { return dir_.path(); }
  std::string node_dir(int i) const { return dir() + "/node" + std::to_string(i); }
  int size() const { return static_cast<int>(nodes_.size()); }

  // Starts node i (again); it must not be running.
  void Start(int i);
  void StartAll();
  void Kill(int i);  // SIGKILL
  bool running(int i) const { return nodes_[i] != nullptr; }
  NodeProcess& node(int i) { return *nodes_[i]; }

  // The persistent-peer list of every validator ("id@127.0.0.1:port,...").
  std::string PeerList() const;

  // Waits until every running node reaches `height`.
  bool WaitAll(uint64_t height, std::chrono::milliseconds timeout = std::chrono::seconds(30));
  // The head height of node i.
  uint64_t Height(int i);
  // Whether the running nodes have identical block hashes at heights 1..`height`.
  bool SameBlocks(uint64_t height);

 private:
  TempDir dir_;
  uint16_t base_p2p_ = 0;
  std::vector<std::unique_ptr<NodeProcess>> nodes_;
};

}  // namespace tfchain::testing
