#include "tests/sim/simulation.h"

#include <algorithm>
#include <deque>
#include <memory>
#include <queue>
#include <string>
#include <utility>
#include <variant>

#include "chain/keys.h"
#include "chain/proposal.h"
#include "chain/vote.h"
#include "consensus/engine.h"
#include "consensus/signer_guard.h"
#include "consensus/validator_set.h"
#include "tests/sim/sim_node.h"
#include "tests/sim/sim_rng.h"
#include "tests/support/test_keys.h"

namespace tfchain::sim {
namespace {

using consensus::Output;

constexpr uint64_t kGossipIntervalMs = 1000;  // re-send the messages of the height
constexpr uint64_t kBuildBlockMs = 10;        // ProposeRequest -> OnOwnProposalValue
constexpr uint64_t kCommitDelayMs = 50;       // Decide -> StartHeight(h + 1)
constexpr uint64_t kSyncBackoffMs = 500;      // between sync requests of a node
constexpr size_t kSyncBatch = 16;
constexpr size_t kMaxBuffered = 4096;         // future-height messages per node

class Simulator {
 public:
  explicit Simulator(const Scenario& s) : s_(s), rng_(s.seed) {
    std::vector<chain::Validator> validators;
    for (size_t i = 0; i < s.powers.size(); ++i) {
      Node node(i, i < s.byzantine.size() && s.byzantine[i],
                tfchain::testing::TestKey(static_cast<uint8_t>(i + 1), 0x5a));
      validators.push_back(chain::Validator{node.key.account_id(), s.powers[i]});
      nodes_.push_back(std::move(node));
    }
    set_ = consensus::ValidatorSet::Create(validators).value();
    int honest = 0;
    for (const Node& n : nodes_) half_.push_back(n.byzantine ? 0 : honest++ % 2);
    report_.nodes.resize(nodes_.size());
    for (size_t i = 0; i < nodes_.size(); ++i) report_.nodes[i].byzantine = nodes_[i].byzantine;
  }

  Report Run() {
    for (Node& n : nodes_) {
      Restart(n);
      Push(rng_.Between(0, kGossipIntervalMs), GossipTick{n.index});
    }
    for (const Crash& c : s_.crashes) Push(c.at_ms, CrashEvent{c.node, c.down_ms});
    Push(s_.heal_ms, HealEvent{});
    const uint64_t end = s_.heal_ms + s_.deadline_ms;
    while (!queue_.empty() && queue_.top().time <= end) {
      Queued q = queue_.top();
      queue_.pop();
      now_ = q.time;
      std::visit([&](auto& e) { Process(e); }, q.event);
      if (healed_ && AllReachedTarget()) break;
    }
    report_.end_ms = now_;
    for (Node& n : nodes_) {
      NodeReport& r = report_.nodes[n.index];
      r.committed_height = n.committed;
      if (n.engine) {
        r.final_state = "h" + std::to_string(n.engine->height()) + "/r" + std::to_string(n.engine->round()) + "/" +
                        std::string(consensus::StepName(n.engine->step())) +
                        (n.engine->decided() ? "/decided" : "") + " locked_round=" +
                        std::to_string(n.engine->locked_round());
      } else {
        r.final_state = "down";
      }
    }
    return std::move(report_);
  }

 private:
  template <typename E>
  void Push(uint64_t time, E event) {
    queue_.push(Queued{time, seq_++, Event(std::move(event))});
  }

  bool AllReachedTarget() const {
    for (const Node& n : nodes_) {
      if (!n.byzantine && n.committed < report_.target_height) return false;
    }
    return true;
  }

  // --- Network --------------------------------------------------------------------

  // The first partition active now, if any.
  const Partition* ActivePartition() const {
    for (const Partition& p : s_.partitions) {
      if (now_ >= p.start_ms && now_ < p.end_ms) return &p;
    }
    return nullptr;
  }

  // Partitions split the honest nodes; byzantine nodes talk to both sides (the
  // split-brain attack: each side gets its own version of their messages).
  bool Partitioned(size_t a, size_t b) const {
    if (nodes_[a].byzantine || nodes_[b].byzantine) return false;
    for (const Partition& p : s_.partitions) {
      if (now_ >= p.start_ms && now_ < p.end_ms && p.side.at(a) != p.side.at(b)) return true;
    }
    return false;
  }

  // Which version of an equivocation `to` gets: its side of the active partition,
  // else an alternating half of the honest nodes, so that each version reaches some
  // honest node directly.
  int HalfOf(size_t to) const {
    if (const Partition* p = ActivePartition()) return p->side.at(to) ? 1 : 0;
    return half_[to];
  }

  void Send(size_t from, size_t to, const Message& m) {
    ++report_.messages_sent;
    const uint32_t loss = now_ < s_.heal_ms ? s_.loss_percent : s_.loss_after_heal_percent;
    if (Partitioned(from, to) || rng_.Percent(loss)) {
      ++report_.messages_dropped;
      return;
    }
    Push(now_ + rng_.Between(s_.min_delay_ms, s_.max_delay_ms), Deliver{from, to, m});
    if (rng_.Percent(s_.duplicate_percent)) {
      Push(now_ + rng_.Between(s_.min_delay_ms, s_.max_delay_ms), Deliver{from, to, m});
    }
  }

  // To every other node (group -1) or to one half of them (0 / 1, see HalfOf).
  void Broadcast(size_t from, const Message& m, int group = -1, std::optional<size_t> except = std::nullopt) {
    for (size_t to = 0; to < nodes_.size(); ++to) {
      if (to == from || to == except) continue;
      if (group >= 0 && HalfOf(to) != group) continue;
      Send(from, to, m);
    }
  }

  // --- Events ---------------------------------------------------------------------

  void Process(Deliver& d) {
    Node& n = nodes_[d.to];
    if (n.up) Receive(n, d.from, d.message);
  }

  void Process(FireTimeout& e) {
    Node& n = nodes_[e.node];
    if (n.up && n.epoch == e.epoch) Handle(n, n.engine->OnTimeout(e.timeout));
  }

  void Process(OwnValue& e) {
    Node& n = nodes_[e.node];
    if (n.up && n.epoch == e.epoch) Handle(n, n.engine->OnOwnProposalValue(e.height, e.round, NewBlock()));
  }

  void Process(NextHeight& e) {
    Node& n = nodes_[e.node];
    if (n.up && n.epoch == e.epoch && n.committed + 1 == e.height && n.engine->height() < e.height) {
      StartHeight(n, e.height);
    }
  }

  void Process(CrashEvent& e) {
    Node& n = nodes_[e.node];
    if (!n.up) return;
    n.up = false;
    ++n.epoch;
    n.engine.reset();
    n.gossip.clear();
    n.buffered.clear();
    n.last_sync_request_ms.reset();
    Push(now_ + e.down_ms, RestartEvent{e.node});
  }

  void Process(RestartEvent& e) { Restart(nodes_[e.node]); }

  void Process(GossipTick& e) {
    Node& n = nodes_[e.node];
    if (n.up) {
      Broadcast(n.index, StatusMsg{n.committed});
      for (const GossipMessage& m : n.gossip) Broadcast(n.index, m.message, m.group);
    }
    Push(now_ + kGossipIntervalMs, GossipTick{e.node});
  }

  void Process(HealEvent&) {
    healed_ = true;
    uint64_t highest = 0;
    for (const Node& n : nodes_) {
      report_.nodes[n.index].height_at_heal = n.committed;
      if (!n.byzantine) highest = std::max(highest, n.committed);
    }
    report_.target_height = highest + s_.heights_after_heal;
    NoteTargets();
  }

  // --- A node's life --------------------------------------------------------------

  void Restart(Node& n) {
    n.up = true;
    consensus::Engine::Options options;
    options.chain_id = kChainId;
    options.my_id = n.key.account_id();
    options.timeouts = consensus::TimeoutParams{1000, 200, 400, 200, 400, 200};
    n.engine = std::make_unique<consensus::Engine>(options);
    StartHeight(n, n.committed + 1);
    // Re-send the votes signed at this height before the crash (the signer state
    // remembers them): they may have reached nobody.
    if (!n.byzantine) {
      for (chain::Vote v : n.guard.VotesAt(n.committed + 1)) {
        chain::SignVote(kChainId, n.key, &v);
        n.gossip.push_back(GossipMessage{VoteMsg{v}, -1});
        Broadcast(n.index, VoteMsg{v});
        Handle(n, n.engine->OnVote(v));
      }
    }
  }

  void StartHeight(Node& n, uint64_t height) {
    n.gossip.clear();
    n.proposed.erase(n.proposed.begin(), n.proposed.lower_bound({height, 0}));
    // A byzantine node keeps no signer state, hence no lock either.
    Handle(n, n.engine->StartHeight(height, *set_, n.byzantine ? std::nullopt : n.guard.LockAt(height)));
    std::vector<std::pair<size_t, Message>> buffered;
    buffered.swap(n.buffered);
    for (const auto& [from, m] : buffered) {
      if (HeightOf(m) >= height) Receive(n, from, m);  // later heights go back into the buffer
    }
  }

  void Receive(Node& n, size_t from, const Message& m) {
    if (const auto* req = std::get_if<SyncRequest>(&m)) {
      SyncResponse resp;
      for (auto it = n.chain.lower_bound(req->from_height); it != n.chain.end() && resp.blocks.size() < kSyncBatch;
           ++it) {
        resp.blocks.push_back(it->second);
      }
      if (!resp.blocks.empty()) Send(n.index, from, resp);
      return;
    }
    if (const auto* resp = std::get_if<SyncResponse>(&m)) return OnSyncResponse(n, *resp);
    if (const auto* status = std::get_if<StatusMsg>(&m)) {
      if (status->committed > n.committed) MaybeSync(n, from);
      return;
    }

    if (HeightOf(m) > n.engine->height()) {
      // A message of a later height: keep it for then (the node's business, not
      // the engine's), and catch up if the sender is ahead.
      if (n.buffered.size() < kMaxBuffered) n.buffered.emplace_back(from, m);
      if (HeightOf(m) > n.committed + 1 && from != n.index) MaybeSync(n, from);
      return;
    }
    chain::Status status;
    std::vector<Output> out;
    if (const auto* p = std::get_if<ProposalMsg>(&m); p && n.byzantine) {
      NoteProposal(n, p->proposal);
      Endorse(n, from, p->proposal);
    }
    if (const auto* p = std::get_if<ProposalMsg>(&m)) {
      out = n.engine->OnProposal(p->proposal, blocks_.at(p->proposal.block_hash), &status);
    } else {
      out = n.engine->OnVote(std::get<VoteMsg>(m).vote, &status);
    }
    if (status.ok() && !n.byzantine && from != n.index) {  // gossip
      n.gossip.push_back(GossipMessage{m, -1});
      Broadcast(n.index, m, -1, from);
    }
    Handle(n, std::move(out));
  }

  // Block sync: ask `peer`, which is ahead, for the blocks after our head.
  void MaybeSync(Node& n, size_t peer) {
    if (n.last_sync_request_ms && now_ < *n.last_sync_request_ms + kSyncBackoffMs) return;
    n.last_sync_request_ms = now_;
    Send(n.index, peer, SyncRequest{n.committed + 1});
  }

  void OnSyncResponse(Node& n, const SyncResponse& resp) {
    bool advanced = false;
    for (const DecidedBlock& b : resp.blocks) {
      if (b.height != n.committed + 1 || !VerifyCommit(b)) continue;
      Commit(n, b, /*synced=*/true);
      advanced = true;
    }
    if (advanced) StartHeight(n, n.committed + 1);
  }

  // Acts on the engine's outputs the way the node does (docs/consensus.md).
  void Handle(Node& n, std::vector<Output> outputs) {
    std::deque<Output> work(std::make_move_iterator(outputs.begin()), std::make_move_iterator(outputs.end()));
    while (!work.empty()) {
      Output o = std::move(work.front());
      work.pop_front();
      std::vector<Output> more;
      if (const auto* r = std::get_if<consensus::ProposeRequest>(&o)) {
        Push(now_ + kBuildBlockMs, OwnValue{n.index, n.epoch, r->height, r->round});
      } else if (const auto* sp = std::get_if<consensus::SignProposal>(&o)) {
        more = n.byzantine ? EquivocateProposal(n, sp->proposal) : SignAndSend(n, sp->proposal);
      } else if (const auto* sv = std::get_if<consensus::SignVote>(&o)) {
        more = n.byzantine ? EquivocateVote(n, sv->vote) : SignAndSend(n, sv->vote);
      } else if (const auto* t = std::get_if<consensus::ScheduleTimeout>(&o)) {
        Push(now_ + t->duration_ms, FireTimeout{n.index, n.epoch, t->timeout});
      } else if (const auto* d = std::get_if<consensus::Decide>(&o)) {
        DecidedBlock b{d->height, d->block_hash, d->commit};
        if (!VerifyCommit(b)) Violation("node " + std::to_string(n.index) + " decided with a bad commit");
        if (d->height == n.committed + 1) Commit(n, b, /*synced=*/false);
        Push(now_ + kCommitDelayMs, NextHeight{n.index, n.epoch, d->height + 1});
      } else if (const auto* e = std::get_if<consensus::EvidenceFound>(&o)) {
        CheckEvidence(n, e->evidence);
      }
      for (Output& m : more) work.push_back(std::move(m));
    }
  }

  // An honest node: ask the signer guard, "persist", sign, feed back, broadcast.
  std::vector<Output> SignAndSend(Node& n, chain::Proposal p) {
    auto next = n.guard.Approve(consensus::SignRequestFor(p));
    if (!next.ok()) return Refused(n);
    n.guard.Record(*next);
    chain::SignProposal(kChainId, n.key, &p);
    n.gossip.push_back(GossipMessage{ProposalMsg{p}, -1});
    Broadcast(n.index, ProposalMsg{p});
    return n.engine->OnProposal(p, true);
  }
  std::vector<Output> SignAndSend(Node& n, chain::Vote v) {
    auto next = n.guard.Approve(consensus::SignRequestFor(v));
    if (!next.ok()) return Refused(n);
    n.guard.Record(*next);
    chain::SignVote(kChainId, n.key, &v);
    n.gossip.push_back(GossipMessage{VoteMsg{v}, -1});
    Broadcast(n.index, VoteMsg{v});
    return n.engine->OnVote(v);
  }
  std::vector<Output> Refused(Node& n) {
    ++report_.nodes[n.index].refused_signatures;
    return {};
  }

  // A byzantine node signs what its engine wants for one half of the peers and a
  // conflicting message for the other half. Its second block is invalid half of
  // the time (honest nodes must prevote nil for it and never decide it).
  std::vector<Output> EquivocateProposal(Node& n, chain::Proposal p) {
    chain::Proposal other = p;
    other.block_hash = NewBlock(/*valid=*/!rng_.Percent(50));
    NoteProposal(n, p);
    NoteProposal(n, other);
    chain::SignProposal(kChainId, n.key, &p);
    chain::SignProposal(kChainId, n.key, &other);
    SendHalves(n, ProposalMsg{p}, ProposalMsg{other});
    return n.engine->OnProposal(p, true);
  }
  // The second version votes for another value proposed in the round if there is
  // one (with a partition, each side then sees its own proposal supported), else
  // for nil, or for a made-up block when the first version is nil.
  std::vector<Output> EquivocateVote(Node& n, chain::Vote v) {
    chain::Vote other = v;
    other.block_hash = v.block_hash.IsZero() ? NewBlock() : chain::Hash256{};
    for (const chain::Hash256& value : n.proposed[{v.height, v.round}]) {
      if (value != v.block_hash) {
        other.block_hash = value;
        break;
      }
    }
    chain::SignVote(kChainId, n.key, &v);
    chain::SignVote(kChainId, n.key, &other);
    SendHalves(n, VoteMsg{v}, VoteMsg{other});
    return n.engine->OnVote(v);
  }
  // A byzantine node also prevotes and precommits every proposal it sees, at its
  // height and round whatever its own state, for the proposer's side of a
  // partition: it tries to complete every quorum (the engine's locks are what must
  // stop that from deciding two values).
  void Endorse(Node& n, size_t from, const chain::Proposal& p) {
    if (!n.endorsed.insert({p.height, p.round, p.block_hash}).second) return;
    for (chain::VoteType type : {chain::VoteType::kPrevote, chain::VoteType::kPrecommit}) {
      chain::Vote v{type, p.height, p.round, p.block_hash, {}, {}};
      chain::SignVote(kChainId, n.key, &v);
      n.gossip.push_back(GossipMessage{VoteMsg{v}, HalfOf(from)});
      Broadcast(n.index, VoteMsg{v}, HalfOf(from));
    }
  }

  void NoteProposal(Node& n, const chain::Proposal& p) {
    std::vector<chain::Hash256>& values = n.proposed[{p.height, p.round}];
    if (std::find(values.begin(), values.end(), p.block_hash) == values.end()) values.push_back(p.block_hash);
  }
  void SendHalves(Node& n, const Message& a, const Message& b) {
    n.gossip.push_back(GossipMessage{a, 0});
    n.gossip.push_back(GossipMessage{b, 1});
    Broadcast(n.index, a, 0);
    Broadcast(n.index, b, 1);
  }

  chain::Hash256 NewBlock(bool valid = true) {
    chain::Hash256 h;
    for (size_t i = 0; i < h.size(); i += 8) {
      const uint64_t r = rng_.Next();
      for (size_t j = 0; j < 8; ++j) h.bytes[i + j] = static_cast<uint8_t>(r >> (8 * j));
    }
    blocks_[h] = valid;
    return h;
  }

  // --- Checks ---------------------------------------------------------------------

  void Commit(Node& n, const DecidedBlock& b, bool synced) {
    n.chain[b.height] = b;
    n.committed = b.height;
    NodeReport& r = report_.nodes[n.index];
    (synced ? r.synced : r.decided_by_engine)++;
    if (n.byzantine) return;
    if (!blocks_.at(b.hash)) {
      Violation("VALIDITY: node " + std::to_string(n.index) + " committed invalid block " + b.hash.Hex());
    }
    auto [it, inserted] = report_.decisions.emplace(b.height, b.hash);
    if (!inserted && it->second != b.hash) {
      Violation("SAFETY: height " + std::to_string(b.height) + " committed as " + it->second.Hex() + " and as " +
                b.hash.Hex() + " (node " + std::to_string(n.index) + (synced ? ", synced)" : ")"));
    }
    NoteTargets();
  }

  void NoteTargets() {
    if (!healed_) return;
    for (const Node& n : nodes_) {
      NodeReport& r = report_.nodes[n.index];
      if (!r.reached_target_ms && n.committed >= report_.target_height) r.reached_target_ms = now_;
    }
  }

  bool VerifyCommit(const DecidedBlock& b) const {
    if (b.commit.height != b.height || b.commit.block_hash != b.hash || b.hash.IsZero()) return false;
    std::set<size_t> seen;
    uint64_t power = 0;
    for (const chain::CommitSig& sig : b.commit.signatures) {
      std::optional<size_t> index = set_->IndexOf(sig.validator);
      if (!index || !seen.insert(*index).second) return false;
      chain::Vote vote{chain::VoteType::kPrecommit, b.height, b.commit.round, b.hash, sig.validator, sig.signature};
      if (!chain::VerifyVote(kChainId, vote)) return false;
      power += set_->at(*index).power;
    }
    return set_->IsQuorum(power);
  }

  void CheckEvidence(Node& n, const chain::Evidence& e) {
    const chain::Vote& a = e.first;
    const chain::Vote& b = e.second;
    std::optional<size_t> index = set_->IndexOf(a.validator);
    const bool conflicting = a.validator == b.validator && a.type == b.type && a.height == b.height &&
                             a.round == b.round && a.block_hash != b.block_hash;
    if (!index || !conflicting || !chain::VerifyVote(kChainId, a) || !chain::VerifyVote(kChainId, b)) {
      Violation("node " + std::to_string(n.index) + " reported invalid evidence");
      return;
    }
    if (!nodes_[*index].byzantine) {
      Violation("honest validator " + std::to_string(*index) + " accused by node " + std::to_string(n.index));
    }
    report_.nodes[n.index].accused.insert(*index);
  }

  void Violation(std::string what) { report_.violations.push_back(std::to_string(now_) + "ms: " + std::move(what)); }

  const Scenario& s_;
  SimRng rng_;
  std::optional<consensus::ValidatorSet> set_;
  std::vector<Node> nodes_;
  std::vector<int> half_;  // by node: which version of an equivocation it gets
  std::map<chain::Hash256, bool> blocks_;  // every block built, and its validity
  std::priority_queue<Queued, std::vector<Queued>, std::greater<>> queue_;
  uint64_t seq_ = 0;
  uint64_t now_ = 0;
  bool healed_ = false;
  Report report_;
};

}  // namespace

Report RunScenario(const Scenario& scenario) { return Simulator(scenario).Run(); }

}  // namespace tfchain::sim
