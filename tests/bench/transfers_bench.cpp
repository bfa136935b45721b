// tfchain-bench transfers: the node's transaction pipeline, in process.
//
//   tfchain-bench transfers [--count N] [--accounts A] [--block-txs B] [--threads T]
//                           [--data-dir DIR]
//
// Pre-signs N balances.transfer transactions from A funded ed25519 accounts, then
// times what a single validator does with them: signature verification on a pool of
// T threads, mempool admission, and blocks of up to B transactions built, executed and
// committed (one synced LevelDB write each) on disk until the pool is empty.
// Prints committed transfers per second and per-block commit times.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "chain/keys.h"
#include "chain/transaction.h"
#include "contracts/balances.h"
#include "node/chain_state.h"
#include "node/kv_store.h"
#include "node/mempool.h"
#include "node/signature_verifier.h"
#include "tests/bench/bench_util.h"

namespace tfchain::bench {
namespace {

struct Args {
  size_t count = 100'000;
  size_t accounts = 10'000;
  size_t block_txs = 20'000;
  size_t threads = 2;
  std::string data_dir;
};

int RunTransfers(const Args& args) {
  // Accounts from deterministic seeds; each funded at genesis.
  std::vector<chain::SecretKey> keys;
  keys.reserve(args.accounts);
  chain::Genesis genesis;
  genesis.chain_id = "tfchain-bench";
  genesis.consensus.max_block_txs = args.block_txs;
  genesis.consensus.max_block_bytes = chain::kMaxBlockSize;
  for (size_t i = 0; i < args.accounts; ++i) {
    keys.push_back(BenchKey(i));
    genesis.balances.push_back({keys.back().account_id(), 1'000'000 * chain::kUnitsPerTft});
  }
  genesis.validators.push_back({"bench", keys[0].account_id(), {keys[0].account_id(), 1}, 0});

  std::printf("signing %zu transfers from %zu accounts...\n", args.count, args.accounts);
  std::vector<chain::Bytes> encoded;
  encoded.reserve(args.count);
  std::vector<uint64_t> nonces(args.accounts, 0);
  for (size_t i = 0; i < args.count; ++i) {
    const size_t from = i % args.accounts;
    const size_t to = (i * 7919 + 13) % args.accounts;
    chain::TransactionBody body;
    body.chain_id = genesis.chain_id;
    body.nonce = nonces[from]++;
    body.valid_until = 1'000'000;
    body.call = chain::TransferCall{keys[to].account_id(), 1 + i % 1000};
    encoded.push_back(chain::Encode(chain::SignTransaction(std::move(body), keys[from])));
  }

  std::string dir = args.data_dir;
  const bool temp = dir.empty();
  if (temp) dir = (std::filesystem::temp_directory_path() / ("tfchain-bench-" + std::to_string(getpid()))).string();
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  auto kv = node::OpenLevelDb(dir);
  if (!kv.ok()) {
    std::fprintf(stderr, "tfchain-bench: %s\n", kv.status().ToString().c_str());
    return 1;
  }
  auto chain_state = node::ChainState::Open(**kv, genesis);
  if (!chain_state.ok()) {
    std::fprintf(stderr, "tfchain-bench: %s\n", chain_state.status().ToString().c_str());
    return 1;
  }
  node::ChainState& chain = **chain_state;
  node::MempoolOptions pool_options;
  pool_options.max_txs = args.count + 1;
  pool_options.max_bytes = size_t{1} << 32;
  pool_options.max_nonce_gap = args.count;
  pool_options.max_per_account = args.count;
  node::Mempool pool(chain.runtime(), pool_options);
  node::SignatureVerifier verifier(args.threads > 0 ? args.threads - 1 : 0);

  std::printf("feeding the pipeline (data dir %s)...\n", dir.c_str());
  const auto start = Clock::now();
  // Admission: decode, verify signatures in parallel, add to the mempool.
  std::vector<chain::Transaction> txs(encoded.size());
  std::vector<const chain::Transaction*> ptrs(encoded.size());
  for (size_t i = 0; i < encoded.size(); ++i) {
    txs[i] = std::move(chain::DecodeExact<chain::Transaction>(encoded[i], chain::kMaxTransactionSize)).value();
    ptrs[i] = &txs[i];
  }
  const auto decoded = Clock::now();
  const std::vector<bool> ok = verifier.VerifyAll(ptrs);
  const auto verified = Clock::now();
  for (size_t i = 0; i < txs.size(); ++i) {
    if (!ok[i]) {
      std::fprintf(stderr, "tfchain-bench: signature %zu did not verify\n", i);
      return 1;
    }
    node::PoolTx p;
    p.hash = chain::TxHash(encoded[i]);
    p.encoded = std::move(encoded[i]);
    p.tx = std::move(txs[i]);
    chain::Status s = pool.Add(std::move(p), chain.head_state(), chain.head().height + 1, nullptr);
    if (!s.ok()) {
      std::fprintf(stderr, "tfchain-bench: mempool refused tx %zu: %s\n", i, s.ToString().c_str());
      return 1;
    }
  }
  const auto admitted = Clock::now();

  // Blocks until the pool is empty.
  std::vector<double> block_ms;
  double build_ms = 0, commit_ms = 0, recheck_ms = 0;
  size_t committed = 0;
  uint64_t time_ms = genesis.genesis_time_ms;
  while (pool.size() > 0) {
    const auto block_start = Clock::now();
    std::vector<node::PoolTxPtr> ready = pool.ReadyForBlock(args.block_txs);
    std::vector<node::Candidate> candidates;
    candidates.reserve(ready.size());
    for (const node::PoolTxPtr& p : ready) candidates.push_back({&p->tx, p->hash, p->encoded.size()});
    time_ms += 1000;
    auto built = chain.Build(chain.NextTemplate(time_ms, keys[0].account_id()), candidates);
    if (!built.ok()) {
      std::fprintf(stderr, "tfchain-bench: %s\n", built.status().ToString().c_str());
      return 1;
    }
    if (built->block.txs.empty()) {
      std::fprintf(stderr, "tfchain-bench: %zu transactions could not be included\n", pool.size());
      return 1;
    }
    const auto built_at = Clock::now();
    const uint64_t height = built->block.header.height;
    const std::vector<chain::Hash256> included = built->tx_hashes;
    const std::vector<chain::AccountId> changed = built->changed_accounts;
    chain::Commit commit{height, 0, built->hash, {}};
    chain::Status s = chain.Commit(std::move(built).value(), std::move(commit));
    const auto committed_at = Clock::now();
    if (s.ok()) s = pool.OnBlockCommitted(chain.head_state(), height + 1, included, changed, nullptr);
    build_ms += Ms(built_at - block_start);
    commit_ms += Ms(committed_at - built_at);
    recheck_ms += Ms(Clock::now() - committed_at);
    if (!s.ok()) {
      std::fprintf(stderr, "tfchain-bench: %s\n", s.ToString().c_str());
      return 1;
    }
    committed += included.size();
    block_ms.push_back(Ms(Clock::now() - block_start));
  }
  const auto end = Clock::now();

  const double total_s = Ms(end - start) / 1000;
  std::sort(block_ms.begin(), block_ms.end());
  double sum = 0;
  for (double m : block_ms) sum += m;
  std::printf("committed transfers:       %zu in %zu blocks\n", committed, block_ms.size());
  std::printf("admission (verify + pool): %.0f ms (%.0f tx/s)\n", Ms(admitted - start),
              committed / (Ms(admitted - start) / 1000));
  std::printf("  decode %.0f ms, verify %.0f ms, mempool %.0f ms\n", Ms(decoded - start), Ms(verified - decoded),
              Ms(admitted - verified));
  std::printf("block production:          %.0f ms (%.0f tx/s)\n", Ms(end - admitted),
              committed / (Ms(end - admitted) / 1000));
  std::printf("  select + execute + state root %.0f ms, write %.0f ms, mempool re-check %.0f ms\n", build_ms,
              commit_ms, recheck_ms);
  std::printf("per-block commit time:     mean %.1f ms, median %.1f ms, max %.1f ms\n", sum / block_ms.size(),
              block_ms[block_ms.size() / 2], block_ms.back());
  std::printf("committed transfers/s:     %.0f\n", committed / total_s);

  auto issuance = contracts::Balances::TotalIssuance(chain.head_state());
  std::printf("state root:                %s (issuance %llu)\n", chain.head().state_root.Hex().c_str(),
              static_cast<unsigned long long>(issuance.ok() ? *issuance : 0));
  chain_state->reset();
  kv->reset();
  if (temp) std::filesystem::remove_all(dir);
  return 0;
}

}  // namespace

int RunTransfersBench(int argc, char** argv) {
  Args args;
  Status parsed = ParseOptions(argc, argv, {{"--count", &args.count},
                                            {"--accounts", &args.accounts},
                                            {"--block-txs", &args.block_txs},
                                            {"--threads", &args.threads}},
                               {{"--data-dir", &args.data_dir}});
  if (!parsed.ok()) return Usage(parsed);
  return RunTransfers(args);
}

}  // namespace tfchain::bench
