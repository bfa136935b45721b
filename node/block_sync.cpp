#include "node/block_sync.h"

#include "chain/commit_verifier.h"
#include "node/block_executor.h"
#include "node/log.h"

namespace tfchain::node {

using chain::Status;
using SteadyClock = std::chrono::steady_clock;

BlockSync::BlockSync(ChainState& chain, Options options, Hooks hooks)
    : chain_(chain), options_(options), hooks_(std::move(hooks)) {
  last_head_ = chain_.head().height;
}

uint64_t BlockSync::best_peer_height() const {
  uint64_t best = 0;
  for (const auto& [id, p] : peers_) best = std::max(best, p.height);
  return best;
}

rpc::SyncState BlockSync::state() const {
  const uint64_t head = chain_.head().height;
  return rpc::SyncState{syncing_ ? starting_height_ : head, head, std::max(head, best_peer_height()), syncing_};
}

void BlockSync::OnStatus(const PeerId& peer, const StatusMsg& status) { peers_[peer].height = status.height; }

void BlockSync::OnPeerGone(const PeerId& peer) {
  auto it = peers_.find(peer);
  if (it == peers_.end()) return;
  if (it->second.in_flight) next_request_ = std::min(next_request_, it->second.in_flight->from_height);
  peers_.erase(it);
}

void BlockSync::Tick() {
  const uint64_t head = chain_.head().height;
  const auto now = SteadyClock::now();
  if (head != last_head_) {
    last_head_ = head;
    last_progress_ = now;
  }
  const uint64_t best = best_peer_height();
  if (!syncing_) {
    const bool far_behind = best >= head + 2;
    const bool stalled = best >= head + 1 && now - last_progress_ > options_.stall;
    if (!far_behind && !stalled) return;
    syncing_ = true;
    starting_height_ = head;
    next_request_ = head + 1;
    LogInfo("sync: head " + std::to_string(head) + ", peers at " + std::to_string(best) + "; fetching blocks");
    hooks_.started();
  }
  // Requests that took too long go to someone else.
  for (auto& [id, p] : peers_) {
    if (p.in_flight && now > p.deadline) {
      next_request_ = std::min(next_request_, p.in_flight->from_height);
      p.in_flight.reset();
    }
  }
  // Within a block of the best peer: consensus (and the peers' pushes of recent
  // blocks) take it from here.
  if (head + 1 >= best) {
    bool waiting = false;
    for (const auto& [id, p] : peers_) waiting |= p.in_flight.has_value();
    if (!waiting) {
      syncing_ = false;
      pending_.clear();
      tip_commits_.clear();
      LogInfo("sync: caught up at " + std::to_string(head) + " (" + std::to_string(head - starting_height_) +
              " blocks)");
      hooks_.caught_up();
      return;
    }
  }
  SendRequests();
}

void BlockSync::SendRequests() {
  const uint64_t head = chain_.head().height;
  next_request_ = std::max(next_request_, head + 1);
  // Skip what is already here.
  while (pending_.contains(next_request_)) ++next_request_;
  size_t in_flight = 0;
  for (const auto& [id, p] : peers_) in_flight += p.in_flight.has_value();
  for (auto& [id, p] : peers_) {
    if (in_flight >= options_.max_requests_in_flight) break;
    if (p.in_flight || p.height < next_request_) continue;
    const uint64_t count = std::min<uint64_t>(options_.blocks_per_request, p.height - next_request_ + 1);
    BlockRequest request{next_request_, static_cast<uint32_t>(count)};
    if (!hooks_.send(id, request)) continue;
    p.in_flight = request;
    p.deadline = SteadyClock::now() + options_.request_timeout;
    next_request_ += count;
    ++in_flight;
  }
}

bool BlockSync::Claims(const PeerId& peer, const BlockResponse& response) const {
  auto it = peers_.find(peer);
  if (it == peers_.end() || !it->second.in_flight) return false;
  // A push of recent blocks can cross our request; an answer starts where we asked.
  return response.blocks.empty() || response.blocks.front().header.height == it->second.in_flight->from_height;
}

void BlockSync::OnResponse(const PeerId& peer, BlockResponse response) {
  auto it = peers_.find(peer);
  CHECK(it != peers_.end() && it->second.in_flight);
  const BlockRequest request = *it->second.in_flight;
  it->second.in_flight.reset();
  if (response.blocks.size() > request.count) return hooks_.misbehaved(peer, "sync-unrequested-blocks");
  if (response.blocks.empty()) {
    // It no longer has them (or never had): believe it is lower.
    it->second.height = std::min(it->second.height, request.from_height - 1);
    next_request_ = std::min(next_request_, request.from_height);
    return;
  }
  for (size_t i = 0; i < response.blocks.size(); ++i) {
    if (response.blocks[i].header.height != request.from_height + i) {
      hooks_.misbehaved(peer, "sync-wrong-height");
      next_request_ = std::min(next_request_, request.from_height);
      return;
    }
  }
  const uint64_t last = request.from_height + response.blocks.size() - 1;
  if (response.blocks.size() < request.count) next_request_ = std::min(next_request_, last + 1);
  if (response.tip_commit) tip_commits_[last] = {std::move(*response.tip_commit), peer};
  for (chain::Block& b : response.blocks) {
    const uint64_t h = b.header.height;
    if (h > chain_.head().height) pending_.insert_or_assign(h, Pending{std::move(b), peer});
  }
  Apply();
}

void BlockSync::Drop(uint64_t height, const PeerId& culprit, std::string_view reason) {
  LogWarn("sync: dropping block " + std::to_string(height) + " from " + PeerIdString(culprit) + ": " +
          std::string(reason));
  hooks_.misbehaved(culprit, reason);
  pending_.erase(pending_.lower_bound(height), pending_.end());
  tip_commits_.erase(tip_commits_.lower_bound(height), tip_commits_.end());
  next_request_ = std::min(next_request_, height);
}

void BlockSync::Apply() {
  while (true) {
    const uint64_t h = chain_.head().height + 1;
    auto it = pending_.find(h);
    if (it == pending_.end()) break;
    const chain::Commit* commit = nullptr;
    PeerId commit_from = it->second.from;
    if (auto next = pending_.find(h + 1); next != pending_.end()) {
      commit = &next->second.block.last_commit;
      commit_from = next->second.from;
    } else if (auto tip = tip_commits_.find(h); tip != tip_commits_.end()) {
      commit = &tip->second.first;
      commit_from = tip->second.second;
    }
    if (commit == nullptr) break;  // wait for the next block or a tip commit
    const chain::Block& block = it->second.block;
    const chain::Hash256 hash = chain::BlockHash(block.header);
    Status commit_ok =
        chain::VerifyCommit(chain_.genesis().chain_id, chain_.validator_sets().current, h, hash, *commit);
    if (!commit_ok.ok()) return Drop(h, commit_from, "sync-bad-commit: " + commit_ok.ToString());

    // The transactions' signatures are not checked again: the commit shows that
    // validators with more than 2/3 of the power checked them and executed the block,
    // and re-execution below must reach the very header (state root included) they
    // signed. Verifying ~40 µs per transaction would bound sync at a fraction of its
    // speed for no safety gain while fewer than 1/3 of the power is faulty.
    std::vector<chain::Hash256> hashes;
    hashes.reserve(block.txs.size());
    for (const chain::Transaction& tx : block.txs) hashes.push_back(chain::TxHash(tx));
    auto built = ExecuteBlock(chain_, block, hashes);
    if (!built.ok()) {
      if (built.status().code() != Status::Code::kInvalidArgument) return hooks_.fatal(built.status());
      return Drop(h, it->second.from, "sync-invalid-block: " + built.status().ToString());
    }
    ConsensusDriver::Committed info{h, built->hash, built->tx_hashes, built->changed_accounts};
    chain::Commit commit_copy = *commit;
    // Durable only at the end of what is here: a crash loses at most blocks we refetch.
    const bool durable = !pending_.contains(h + 2);
    pending_.erase(it);
    tip_commits_.erase(h);
    Status s = chain_.Commit(std::move(built).value(), std::move(commit_copy), durable);
    if (!s.ok()) return hooks_.fatal(s.WithContext("committing synced block " + std::to_string(h)));
    ++blocks_applied_;
    hooks_.committed(info);
  }
}

}  // namespace tfchain::node
