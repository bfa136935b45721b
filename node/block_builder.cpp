#include "node/block_builder.h"

#include <unordered_set>

#include "chain/account_data.h"
#include "chain/hash.h"
#include "chain/merkle.h"

namespace tfchain::node {
namespace {

// Turns the overlay's writes into tree changes and fills the header's roots.
Status FinishBlock(const chain::SmtNodeReader& nodes, const Hash256& prev_state_root, contracts::StateOverlay& overlay,
                   BuiltBlock* out) {
  std::vector<chain::SmtChange> changes;
  changes.reserve(overlay.writes().size());
  const std::string account_prefix = {static_cast<char>(chain::kStatePrefixBalances), 0x00};
  for (const auto& [key, value] : overlay.writes()) {
    changes.push_back(chain::SmtChange{chain::Blake2b256(chain::AsBytes(key)), value});
    if (key.size() == account_prefix.size() + chain::AccountId::kSize && key.starts_with(account_prefix)) {
      out->changed_accounts.push_back(chain::AccountId::FromSpan(chain::AsBytes(key).subspan(account_prefix.size())));
    }
  }
  TF_ASSIGN_OR_RETURN(chain::SmtUpdate update, chain::SmtApply(nodes, prev_state_root, std::move(changes)));
  chain::BlockHeader& h = out->block.header;
  h.state_root = update.root;
  h.txs_root = chain::MerkleRoot(out->tx_hashes);
  h.events_root = chain::EventsRoot(out->results);
  h.evidence_hash = chain::EvidenceHash(out->block.evidence);
  out->new_nodes = std::move(update.new_nodes);
  out->state_writes = overlay.writes();
  out->hash = chain::BlockHash(h);
  return Status::Ok();
}

}  // namespace

Result<BuiltBlock> BuildBlock(const contracts::Runtime& runtime, const contracts::StateReader& state,
                              const chain::SmtNodeReader& nodes, const BlockTemplate& tmpl,
                              std::span<const Candidate> candidates) {
  BuiltBlock out;
  chain::BlockHeader& h = out.block.header;
  h.chain_id = runtime.genesis().chain_id;
  h.height = tmpl.height;
  h.time_ms = tmpl.time_ms;
  h.prev_hash = tmpl.prev_hash;
  h.validators_hash = tmpl.validators_hash;
  h.next_validators_hash = tmpl.next_validators_hash;
  h.proposer = tmpl.proposer;
  out.block.last_commit = tmpl.last_commit;
  out.block.evidence = tmpl.evidence;
  h.last_commit_hash = tmpl.height > 1 ? chain::CommitHash(tmpl.last_commit) : Hash256{};

  contracts::StateOverlay overlay(state);
  const contracts::BlockEnv env{tmpl.height, tmpl.time_ms, tmpl.proposer, &out.block.last_commit,
                                out.block.evidence};
  TF_RETURN_IF_ERROR(runtime.BeginBlock(overlay, env, &out.results.begin_events));

  // Room for the header, the commit, the evidence and the length prefixes.
  size_t evidence_bytes = 0;
  for (const chain::Evidence& ev : tmpl.evidence) evidence_bytes += chain::Encode(ev).size();
  const size_t overhead = chain::Encode(h).size() + chain::Encode(tmpl.last_commit).size() + evidence_bytes + 16;
  size_t bytes = overhead;
  std::unordered_set<chain::AccountId, chain::FixedBytesHasher> skipped;
  for (const Candidate& c : candidates) {
    if (out.block.txs.size() >= tmpl.max_txs) break;
    if (skipped.contains(c.tx->body.signer)) continue;
    if (bytes + c.encoded_size > tmpl.max_bytes) {
      // No room; a smaller transaction of another signer may still fit, but this
      // signer's later nonces cannot follow.
      skipped.insert(c.tx->body.signer);
      continue;
    }
    Result<chain::Receipt> receipt = runtime.ApplyTransaction(overlay, env, *c.tx, c.hash, c.encoded_size);
    if (!receipt.ok()) {
      if (receipt.status().code() != chain::Status::Code::kInvalidArgument) return receipt.status();
      out.rejected.emplace_back(c.hash, receipt.status());
      skipped.insert(c.tx->body.signer);
      continue;
    }
    overlay.DropJournal();
    bytes += c.encoded_size;
    out.block.txs.push_back(*c.tx);
    out.tx_hashes.push_back(c.hash);
    out.results.receipts.push_back(std::move(receipt).value());
  }

  TF_RETURN_IF_ERROR(runtime.EndBlock(overlay, env, &out.results.end_events));
  TF_ASSIGN_OR_RETURN(out.validator_sets, runtime.GetValidatorSets(overlay));
  TF_RETURN_IF_ERROR(FinishBlock(nodes, tmpl.prev_state_root, overlay, &out));
  return out;
}

Result<BuiltBlock> BuildGenesisBlock(const contracts::Runtime& runtime, const contracts::StateReader& empty_state,
                                     const chain::SmtNodeReader& nodes) {
  const chain::Genesis& g = runtime.genesis();
  BuiltBlock out;
  chain::BlockHeader& h = out.block.header;
  h.chain_id = g.chain_id;
  h.height = 0;
  h.time_ms = g.genesis_time_ms;
  contracts::StateOverlay overlay(empty_state);
  TF_RETURN_IF_ERROR(runtime.InitGenesis(overlay, &out.results.begin_events));
  TF_ASSIGN_OR_RETURN(out.validator_sets, runtime.GetValidatorSets(overlay));
  h.validators_hash = chain::ValidatorSetHash(out.validator_sets.current);
  h.next_validators_hash = chain::ValidatorSetHash(out.validator_sets.next);
  TF_RETURN_IF_ERROR(FinishBlock(nodes, Hash256{}, overlay, &out));
  return out;
}

}  // namespace tfchain::node
