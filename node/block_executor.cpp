#include "node/block_executor.h"

#include "chain/commit_verifier.h"

namespace tfchain::node {

using chain::Result;
using chain::Status;

namespace {
Status Invalid(const std::string& reason, const std::string& detail) {
  return Status::InvalidArgument(reason, detail);
}

// The first header field where `got` differs from `want`, or "" if none.
std::string FirstDifference(const chain::BlockHeader& got, const chain::BlockHeader& want) {
  if (got.chain_id != want.chain_id) return "chain_id";
  if (got.height != want.height) return "height";
  if (got.time_ms != want.time_ms) return "time_ms";
  if (got.prev_hash != want.prev_hash) return "prev_hash";
  if (got.txs_root != want.txs_root) return "txs_root";
  if (got.state_root != want.state_root) return "state_root";
  if (got.events_root != want.events_root) return "events_root";
  if (got.validators_hash != want.validators_hash) return "validators_hash";
  if (got.next_validators_hash != want.next_validators_hash) return "next_validators_hash";
  if (got.proposer != want.proposer) return "proposer";
  if (got.last_commit_hash != want.last_commit_hash) return "last_commit_hash";
  if (got.evidence_hash != want.evidence_hash) return "evidence_hash";
  return "";
}
}  // namespace

Result<BuiltBlock> ExecuteBlock(const ChainState& chain, const chain::Block& block,
                                std::span<const chain::Hash256> tx_hashes) {
  CHECK(tx_hashes.size() == block.txs.size());
  const chain::BlockHeader& h = block.header;
  const chain::BlockHeader& head = chain.head();
  if (h.chain_id != chain.genesis().chain_id) {
    return Invalid("block-wrong-chain", "block of chain '" + h.chain_id + "'");
  }
  if (h.height != head.height + 1) {
    return Invalid("block-wrong-height",
                   "block " + std::to_string(h.height) + " does not follow head " + std::to_string(head.height));
  }
  if (h.prev_hash != chain.head_hash()) return Invalid("block-wrong-parent", "prev_hash " + h.prev_hash.Hex());
  if (h.time_ms <= head.time_ms) {
    return Invalid("block-bad-time", "time " + std::to_string(h.time_ms) + " is not after the parent's " +
                                         std::to_string(head.time_ms));
  }
  if (h.height == 1) {
    if (!(block.last_commit == chain::Commit{})) {
      return Invalid("block-bad-last-commit", "block 1 must carry an empty commit");
    }
  } else {
    Status commit = chain::VerifyCommit(h.chain_id, chain.validator_sets().last, head.height, chain.head_hash(),
                                        block.last_commit);
    if (!commit.ok()) return Invalid("block-bad-last-commit", commit.ToString());
  }

  BlockTemplate tmpl = chain.NextTemplate(h.time_ms, h.proposer);
  tmpl.time_ms = h.time_ms;
  tmpl.last_commit = block.last_commit;
  tmpl.evidence = block.evidence;
  std::vector<Candidate> candidates;
  candidates.reserve(block.txs.size());
  for (size_t i = 0; i < block.txs.size(); ++i) {
    candidates.push_back(Candidate{&block.txs[i], tx_hashes[i], chain::Encode(block.txs[i]).size()});
  }
  Result<BuiltBlock> built = chain.Build(tmpl, candidates);
  if (!built.ok()) {
    if (built.status().code() == Status::Code::kInvalidArgument) {
      return Invalid("block-invalid-evidence", built.status().ToString());
    }
    return built.status();
  }
  if (!built->rejected.empty()) {
    return Invalid("block-invalid-tx", built->rejected.front().first.Hex() + ": " +
                                           built->rejected.front().second.ToString());
  }
  if (built->block.txs.size() != block.txs.size()) {
    return Invalid("block-invalid-tx", "only " + std::to_string(built->block.txs.size()) + " of " +
                                           std::to_string(block.txs.size()) + " transactions fit the block limits");
  }
  const std::string diff = FirstDifference(built->block.header, h);
  if (!diff.empty()) return Invalid("block-header-mismatch", diff + " differs from the re-executed block");
  CHECK(built->hash == chain::BlockHash(h));
  return built;
}

}  // namespace tfchain::node
