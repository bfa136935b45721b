// Report and Scenario printing of the consensus simulation.
#include "tests/sim/simulation.h"

#include <sstream>
#include <string>

namespace tfchain::sim {

bool Report::Live() const {
  for (const NodeReport& n : nodes) {
    if (!n.byzantine && !n.reached_target_ms) return false;
  }
  return true;
}

std::string Report::Summary() const {
  std::ostringstream os;
  uint64_t decided = 0, synced = 0, evidence = 0, refused = 0;
  for (const NodeReport& n : nodes) {
    decided += n.decided_by_engine;
    synced += n.synced;
    evidence += n.accused.size();
    refused += n.refused_signatures;
  }
  os << "heights=" << decisions.size() << " target=" << target_height << " decides=" << decided
     << " synced=" << synced << " messages=" << messages_sent << " dropped=" << messages_dropped
     << " accusations=" << evidence << " refused_signs=" << refused << " end_ms=" << end_ms
     << " live=" << (Live() ? "yes" : "no") << " violations=" << violations.size();
  for (size_t i = 0; i < nodes.size(); ++i) {
    os << "\n  node " << i << (nodes[i].byzantine ? " (byzantine)" : "") << ": committed "
       << nodes[i].committed_height << ", " << nodes[i].final_state;
  }
  for (const std::string& v : violations) os << "\n  " << v;
  return os.str();
}

std::ostream& operator<<(std::ostream& os, const Scenario& s) {
  os << "Scenario{seed=" << s.seed << " powers=[";
  for (size_t i = 0; i < s.powers.size(); ++i) {
    os << (i ? "," : "") << s.powers[i] << (i < s.byzantine.size() && s.byzantine[i] ? "(byz)" : "");
  }
  os << "] loss=" << s.loss_percent << "%/" << s.loss_after_heal_percent << "% dup=" << s.duplicate_percent
     << "% delay=" << s.min_delay_ms << ".." << s.max_delay_ms << "ms heal=" << s.heal_ms
     << "ms K=" << s.heights_after_heal << " deadline=" << s.deadline_ms << "ms partitions=[";
  for (const Partition& p : s.partitions) {
    os << " " << p.start_ms << "-" << p.end_ms << ":";
    for (bool b : p.side) os << (b ? '1' : '0');
  }
  os << " ] crashes=[";
  for (const Crash& c : s.crashes) os << " node" << c.node << "@" << c.at_ms << "+" << c.down_ms;
  os << " ]}";
  return os;
}

}  // namespace tfchain::sim
