#pragma once

// A deterministic network simulation of N consensus engines: a simulated clock, a
// message queue with random delay, loss, duplication and reordering, partitions
// that heal, crashes and restarts (the signer state and committed blocks survive,
// everything else is lost), block sync for nodes that fall behind, and byzantine
// validators that equivocate (two different proposals or votes at the same
// height/round/step, each sent to half of the peers). Honest nodes drive their
// engine exactly as docs/consensus.md asks of the node.
//
// RunScenario() is a pure function of its Scenario: the same scenario replays the same run.

#include <cstdint>
#include <map>
#include <optional>
#include <ostream>
#include <set>
#include <string>
#include <vector>

#include "chain/hash.h"

namespace tfchain::sim {

// Messages between the two sides are dropped during [start_ms, end_ms).
struct Partition {
  uint64_t start_ms = 0;
  uint64_t end_ms = 0;
  std::vector<bool> side;  // by node
};

// Node `node` crashes at at_ms and restarts down_ms later.
struct Crash {
  size_t node = 0;
  uint64_t at_ms = 0;
  uint64_t down_ms = 0;
};

struct Scenario {
  uint64_t seed = 0;                  // message delays, loss, block contents
  std::vector<uint64_t> powers;       // one validator per node
  std::vector<bool> byzantine;        // equivocating validators (by node)
  uint32_t loss_percent = 0;          // before heal_ms
  uint32_t loss_after_heal_percent = 0;
  uint32_t duplicate_percent = 0;
  uint64_t min_delay_ms = 1;
  uint64_t max_delay_ms = 100;
  std::vector<Partition> partitions;  // should end by heal_ms
  std::vector<Crash> crashes;         // should restart by heal_ms
  uint64_t heal_ms = 0;
  // The run ends at heal_ms + deadline_ms, or once every honest node has committed
  // the target height: the highest height committed by an honest node at heal_ms,
  // plus heights_after_heal.
  uint64_t heights_after_heal = 3;
  uint64_t deadline_ms = 60'000;
};

std::ostream& operator<<(std::ostream& os, const Scenario& s);

struct NodeReport {
  bool byzantine = false;
  uint64_t committed_height = 0;    // decided by its engine or synced
  uint64_t decided_by_engine = 0;   // Decide outputs
  uint64_t synced = 0;              // blocks taken from block sync
  uint64_t height_at_heal = 0;
  std::optional<uint64_t> reached_target_ms;
  std::set<size_t> accused;         // validators it found evidence against
  uint64_t refused_signatures = 0;  // sign requests its signer guard refused
  std::string final_state;          // engine height/round/step at the end
};

struct Report {
  std::vector<NodeReport> nodes;
  std::map<uint64_t, chain::Hash256> decisions;  // the first honest commit per height
  // Safety violations and anything else that must never happen: two different
  // blocks committed at one height, an invalid block committed, a Decide whose
  // commit does not verify, evidence that is not two validly signed conflicting
  // votes, an honest validator accused.
  std::vector<std::string> violations;
  uint64_t target_height = 0;
  uint64_t messages_sent = 0;
  uint64_t messages_dropped = 0;
  uint64_t end_ms = 0;

  // Every honest node committed the target height in time.
  bool Live() const;
  // One line: heights, messages, evidence, violations.
  std::string Summary() const;
};

Report RunScenario(const Scenario& scenario);

}  // namespace tfchain::sim
