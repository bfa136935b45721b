#include "node/consensus_driver.h"

#include <deque>
#include <unordered_set>

#include "chain/commit_verifier.h"
#include "chain/proposal.h"
#include "node/block_executor.h"
#include "node/log.h"

namespace tfchain::node {
namespace {
// Milliseconds since `start`, for the debug log.
std::string MsSince(std::chrono::steady_clock::time_point start) {
  return std::to_string(
      std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - start).count());
}
}  // namespace

using chain::Status;
namespace asio = boost::asio;

ConsensusDriver::ConsensusDriver(asio::io_context& io, ChainState& chain, Mempool& mempool,
                                 SignatureVerifier& verifier, PrivateValidator* validator, const Clock& clock,
                                 Options options, Hooks hooks)
    : io_(io),
      chain_(chain),
      mempool_(mempool),
      verifier_(verifier),
      validator_(validator),
      clock_(clock),
      options_(options),
      hooks_(std::move(hooks)),
      engine_(consensus::Engine::Options{
          .chain_id = chain.genesis().chain_id,
          .my_id = validator ? std::optional<chain::AccountId>(validator->id()) : std::nullopt,
          .timeouts = options.timeouts}),
      next_height_timer_(io),
      regossip_timer_(io) {}

void ConsensusDriver::Start() {
  running_ = true;
  StartHeightNow();
}

void ConsensusDriver::Pause() {
  running_ = false;
  ++epoch_;
  next_height_timer_.cancel();
  regossip_timer_.cancel();
  timeouts_.clear();  // cancels them; their handlers see operation_aborted
}

void ConsensusDriver::StartHeightNow() {
  ++epoch_;
  timeouts_.clear();
  executed_.clear();
  height_messages_.clear();
  awaiting_block_.reset();
  height_started_ = std::chrono::steady_clock::now();
  const uint64_t height = chain_.head().height + 1;
  auto set = consensus::ValidatorSet::Create(chain_.validator_sets().current);
  if (!set.ok()) return hooks_.fatal(set.status().WithContext("validator set of height " + std::to_string(height)));
  std::optional<consensus::Lock> lock;
  if (validator_) lock = validator_->guard().LockAt(height);
  std::vector<consensus::Output> out = engine_.StartHeight(height, std::move(set).value(), lock);
  // After a restart: the votes we signed at this height may never have left.
  if (validator_) {
    for (const chain::Vote& again : validator_->SignedVotesAt(height)) {
      Remember(VoteMsg{again});
      hooks_.broadcast(VoteMsg{again}, nullptr);
      auto more = engine_.OnVote(again);
      out.insert(out.end(), more.begin(), more.end());
    }
  }
  ScheduleRegossip();
  Process(std::move(out));
  ReplayBuffered();
}

void ConsensusDriver::ScheduleNextHeight() {
  const auto at = std::max(std::chrono::steady_clock::now(),
                           height_started_ + std::chrono::milliseconds(options_.block_time_ms));
  next_height_timer_.expires_at(at);
  next_height_timer_.async_wait([this, epoch = epoch_](const boost::system::error_code& ec) {
    if (ec || epoch != epoch_ || !running_) return;
    StartHeightNow();
  });
}

void ConsensusDriver::Process(std::vector<consensus::Output> outputs) {
  std::deque<consensus::Output> queue(std::make_move_iterator(outputs.begin()), std::make_move_iterator(outputs.end()));
  while (!queue.empty()) {
    consensus::Output next = std::move(queue.front());
    queue.pop_front();
    std::vector<consensus::Output> more;
    std::visit([&](const auto& o) { Act(o, &more); }, next);
    for (auto& m : more) queue.push_back(std::move(m));
  }
}

void ConsensusDriver::Act(const consensus::ProposeRequest& r, std::vector<consensus::Output>* more) {
  if (validator_ == nullptr || r.height != engine_.height()) return;
  const std::vector<PoolTxPtr> ready = mempool_.ReadyForBlock(chain_.genesis().consensus.max_block_txs);
  std::vector<Candidate> candidates;
  candidates.reserve(ready.size());
  for (const PoolTxPtr& p : ready) candidates.push_back(Candidate{&p->tx, p->hash, p->encoded.size()});
  BlockTemplate tmpl = chain_.NextTemplate(clock_.NowMs(), validator_->id());
  // One piece of evidence per offender: the first one tombstones it, after which any
  // other would be invalid in the same block.
  std::unordered_set<chain::AccountId, chain::FixedBytesHasher> offenders;
  for (const chain::Evidence& ev : evidence_) {
    if (tmpl.evidence.size() >= chain::kMaxEvidencePerBlock) break;
    if (offenders.contains(ev.first.validator)) continue;
    if (chain_.runtime().CheckEvidence(chain_.head_state(), ev, r.height).ok()) {
      tmpl.evidence.push_back(ev);
      offenders.insert(ev.first.validator);
    }
  }
  const auto build_started = std::chrono::steady_clock::now();
  auto built = chain_.Build(tmpl, candidates);
  if (!built.ok() && built.status().code() == Status::Code::kInvalidArgument && !tmpl.evidence.empty()) {
    LogWarn("consensus: proposing without evidence: " + built.status().ToString());
    tmpl.evidence.clear();
    built = chain_.Build(tmpl, candidates);
  }
  if (!built.ok()) return hooks_.fatal(built.status().WithContext("building a proposal"));
  LogDebug("consensus: height " + std::to_string(r.height) + " round " + std::to_string(r.round) + ": built " +
           std::to_string(built->block.txs.size()) + " txs in " + MsSince(build_started) + " ms");
  const chain::Hash256 hash = built->hash;
  executed_.insert_or_assign(hash, std::move(built).value());
  *more = engine_.OnOwnProposalValue(r.height, r.round, hash);
}

void ConsensusDriver::Act(const consensus::SignProposal& r, std::vector<consensus::Output>* more) {
  auto it = executed_.find(r.proposal.block_hash);
  if (it == executed_.end() || validator_ == nullptr) {
    LogError("consensus: asked to propose a block this node does not have: " + r.proposal.block_hash.Hex());
    return;
  }
  auto signed_proposal = validator_->SignProposal(r.proposal);
  if (!signed_proposal.ok()) {
    LogWarn("consensus: not signing proposal: " + signed_proposal.status().ToString());
    return;
  }
  Remember(ProposalMsg{*signed_proposal, it->second.block});
  hooks_.broadcast(ProposalMsg{*signed_proposal, it->second.block}, nullptr);
  *more = engine_.OnProposal(*signed_proposal, true);
}

void ConsensusDriver::Act(const consensus::SignVote& r, std::vector<consensus::Output>* more) {
  if (validator_ == nullptr) return;
  auto signed_vote = validator_->SignVote(r.vote);
  if (!signed_vote.ok()) {
    LogWarn("consensus: not signing vote: " + signed_vote.status().ToString());
    return;
  }
  Remember(VoteMsg{*signed_vote});
  hooks_.broadcast(VoteMsg{*signed_vote}, nullptr);
  *more = engine_.OnVote(*signed_vote);
}

void ConsensusDriver::Act(const consensus::ScheduleTimeout& r, std::vector<consensus::Output>* /*more*/) {
  timeouts_.emplace_back(io_);
  auto it = std::prev(timeouts_.end());
  it->expires_after(std::chrono::milliseconds(r.duration_ms));
  it->async_wait([this, it, epoch = epoch_, timeout = r.timeout](const boost::system::error_code& ec) {
    if (ec || epoch != epoch_) return;  // cancelled: `it` may be gone
    timeouts_.erase(it);
    if (!running_) return;
    Process(engine_.OnTimeout(timeout));
  });
}

void ConsensusDriver::Act(const consensus::Decide& r, std::vector<consensus::Output>* /*more*/) {
  auto it = executed_.find(r.block_hash);
  if (it == executed_.end()) {
    LogInfo("consensus: height " + std::to_string(r.height) + " decided " + r.block_hash.Hex() +
            " without its block; asking peers");
    awaiting_block_ = r;
    hooks_.request_block(r.height);
    return;
  }
  BuiltBlock built = std::move(it->second);
  executed_.erase(it);
  CommitDecided(std::move(built), r.commit);
}

void ConsensusDriver::Act(const consensus::EvidenceFound& r, std::vector<consensus::Output>* /*more*/) {
  LogWarn("consensus: validator " + chain::ToSs58(r.evidence.first.validator) + " double-signed at height " +
          std::to_string(r.evidence.first.height));
  AddEvidence(r.evidence, nullptr);
}

const BuiltBlock* ConsensusDriver::ExecuteProposed(const chain::Block& block, const chain::Hash256& hash,
                                                   std::string* why) {
  if (auto it = executed_.find(hash); it != executed_.end()) return &it->second;
  const auto execute_started = std::chrono::steady_clock::now();
  if (block.header.time_ms > clock_.NowMs() + options_.max_clock_drift_ms) {
    *why = "block-bad-time: " + std::to_string(block.header.time_ms) + " is too far in the future";
    return nullptr;
  }
  std::vector<chain::Hash256> hashes;
  std::vector<const chain::Transaction*> unverified;
  std::vector<chain::Hash256> unverified_hashes;
  hashes.reserve(block.txs.size());
  for (const chain::Transaction& tx : block.txs) {
    hashes.push_back(chain::TxHash(tx));
    if (mempool_.Find(hashes.back()) != nullptr) continue;  // pool entries were verified
    unverified.push_back(&tx);
    unverified_hashes.push_back(hashes.back());
  }
  const std::vector<bool> ok = verifier_.VerifyAll(unverified, unverified_hashes);
  for (size_t i = 0; i < ok.size(); ++i) {
    if (!ok[i]) {
      *why = "block-invalid-tx: bad-signature of " + unverified_hashes[i].Hex();
      return nullptr;
    }
  }
  auto built = ExecuteBlock(chain_, block, hashes);
  LogDebug("consensus: height " + std::to_string(block.header.height) + ": executed the proposal's " +
           std::to_string(block.txs.size()) + " txs (" + std::to_string(unverified.size()) + " verified) in " +
           MsSince(execute_started) + " ms");
  if (!built.ok()) {
    if (built.status().code() != Status::Code::kInvalidArgument) hooks_.fatal(built.status());
    *why = built.status().ToString();
    return nullptr;
  }
  return &executed_.insert_or_assign(hash, std::move(built).value()).first->second;
}

void ConsensusDriver::CommitDecided(BuiltBlock built, chain::Commit commit) {
  Committed info{built.block.header.height, built.hash, built.tx_hashes, built.changed_accounts};
  const std::vector<chain::Evidence> included = built.block.evidence;
  const auto started = std::chrono::steady_clock::now();
  Status s = chain_.Commit(std::move(built), std::move(commit));
  info.commit_ms = static_cast<uint64_t>(
      std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - started).count());
  if (!s.ok()) return hooks_.fatal(s.WithContext("committing block " + std::to_string(info.height)));
  executed_.clear();
  awaiting_block_.reset();
  // Evidence that made it in, or that can no longer be included, is done.
  std::erase_if(evidence_, [&](const chain::Evidence& ev) {
    for (const chain::Evidence& in : included) {
      if (in == ev) return true;
    }
    return !chain_.runtime().CheckEvidence(chain_.head_state(), ev, info.height + 1).ok();
  });
  hooks_.committed(info);
  if (running_) ScheduleNextHeight();
}

void ConsensusDriver::OnProposal(const PeerId* from, ProposalMsg msg) {
  const chain::Proposal& p = msg.proposal;
  if (p.height <= chain_.head().height) return;  // stale
  if (!running_ || p.height > engine_.height()) return Buffer(p.height, std::move(msg));
  if (chain::BlockHash(msg.block.header) != p.block_hash || msg.block.header.proposer != p.proposer) {
    if (from) hooks_.misbehaved(*from, "proposal-block-mismatch");
    return;
  }
  // Cheap checks before executing the block: the signer and its signature.
  const auto& set = engine_.validators();
  if (set == nullptr || set->Proposer(p.height, p.round).id != p.proposer ||
      !chain::VerifyProposal(chain_.genesis().chain_id, p)) {
    if (from) hooks_.misbehaved(*from, "proposal-bad-signer");
    return;
  }
  std::string why;
  const BuiltBlock* executed = ExecuteProposed(msg.block, p.block_hash, &why);
  if (executed == nullptr) {
    LogWarn("consensus: invalid block " + p.block_hash.Hex() + " proposed at height " + std::to_string(p.height) +
            ": " + why);
  }
  Status rejection;
  std::vector<consensus::Output> out = engine_.OnProposal(p, executed != nullptr, &rejection);
  if (rejection.ok()) {
    Remember(msg);
    hooks_.broadcast(msg, from);
  }
  Process(std::move(out));
}

void ConsensusDriver::OnVote(const PeerId* from, const chain::Vote& vote) {
  if (vote.height <= chain_.head().height) return;
  if (!running_ || vote.height > engine_.height()) return Buffer(vote.height, VoteMsg{vote});
  Status rejection;
  std::vector<consensus::Output> out = engine_.OnVote(vote, &rejection);
  if (rejection.ok()) {
    Remember(VoteMsg{vote});
    hooks_.broadcast(VoteMsg{vote}, from);
  } else if (from && (rejection.reason() == "vote-bad-signature" || rejection.reason() == "vote-unknown-validator")) {
    hooks_.misbehaved(*from, rejection.reason());
  }
  Process(std::move(out));
}

void ConsensusDriver::OnEvidence(const PeerId* from, const chain::Evidence& evidence) { AddEvidence(evidence, from); }

void ConsensusDriver::AddEvidence(const chain::Evidence& evidence, const PeerId* from) {
  for (const chain::Evidence& known : evidence_) {
    if (known == evidence) return;
  }
  Status ok = chain_.runtime().CheckEvidence(chain_.head_state(), evidence, chain_.head().height + 1);
  if (!ok.ok()) {
    LogDebug("consensus: evidence not usable: " + ok.ToString());
    return;
  }
  evidence_.push_back(evidence);
  hooks_.broadcast(EvidenceMsg{evidence}, from);
}

void ConsensusDriver::OnBlocks(const PeerId* from, const std::vector<chain::Block>& blocks,
                               const std::optional<chain::Commit>& tip_commit) {
  if (!running_) return;  // block sync owns the chain meanwhile
  for (size_t i = 0; i < blocks.size(); ++i) {
    const chain::Block& block = blocks[i];
    if (block.header.height != chain_.head().height + 1) continue;
    const chain::Hash256 hash = chain::BlockHash(block.header);
    std::optional<chain::Commit> commit;
    if (awaiting_block_ && awaiting_block_->height == block.header.height && awaiting_block_->block_hash == hash) {
      commit = awaiting_block_->commit;
    } else if (i + 1 < blocks.size()) {
      commit = blocks[i + 1].last_commit;
    } else if (tip_commit) {
      commit = *tip_commit;
    }
    if (!commit) return;
    Status valid = chain::VerifyCommit(chain_.genesis().chain_id, chain_.validator_sets().current,
                                       block.header.height, hash, *commit);
    if (!valid.ok()) {
      if (from) hooks_.misbehaved(*from, "bad-commit: " + valid.ToString());
      return;
    }
    std::string why;
    if (ExecuteProposed(block, hash, &why) == nullptr) {
      LogError("consensus: committed block " + hash.Hex() + " does not execute: " + why);
      if (from) hooks_.misbehaved(*from, "invalid-committed-block");
      return;
    }
    BuiltBlock built = std::move(executed_.at(hash));
    executed_.erase(hash);
    CommitDecided(std::move(built), std::move(*commit));
  }
}

void ConsensusDriver::Remember(Message msg) {
  if (height_messages_.size() < options_.max_buffered_messages) height_messages_.push_back(std::move(msg));
}

void ConsensusDriver::ScheduleRegossip() {
  regossip_timer_.expires_after(std::chrono::milliseconds(std::max<uint64_t>(options_.block_time_ms, 1000)));
  regossip_timer_.async_wait([this, epoch = epoch_](const boost::system::error_code& ec) {
    if (ec || epoch != epoch_ || !running_) return;
    // Still at this height: peers may lack some of its messages (lost with a broken
    // connection or a crashed relay). Receivers drop what they have already seen.
    for (const Message& m : height_messages_) hooks_.broadcast(m, nullptr);
    ScheduleRegossip();
  });
}

void ConsensusDriver::Buffer(uint64_t height, Message msg) {
  if (height > chain_.head().height + 1 + options_.max_future_heights) return;
  if (buffered_count_ >= options_.max_buffered_messages) return;
  buffered_[height].push_back(std::move(msg));
  ++buffered_count_;
}

void ConsensusDriver::ReplayBuffered() {
  const uint64_t height = engine_.height();
  while (!buffered_.empty() && buffered_.begin()->first < height) {
    buffered_count_ -= buffered_.begin()->second.size();
    buffered_.erase(buffered_.begin());
  }
  auto it = buffered_.find(height);
  if (it == buffered_.end()) return;
  std::vector<Message> messages = std::move(it->second);
  buffered_count_ -= messages.size();
  buffered_.erase(it);
  for (Message& m : messages) {
    if (auto* p = std::get_if<ProposalMsg>(&m)) {
      OnProposal(nullptr, std::move(*p));
    } else if (auto* v = std::get_if<VoteMsg>(&m)) {
      OnVote(nullptr, v->vote);
    }
    if (engine_.height() != height || !running_) break;  // decided and moved on
  }
}

}  // namespace tfchain::node
