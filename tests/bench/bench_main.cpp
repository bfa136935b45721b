// tfchain-bench: benchmark programs that print their figures (never run by ctest).
//
//   tfchain-bench transfers [--count N] [--accounts A] [--block-txs B] [--threads T] [--data-dir DIR]
//   tfchain-bench localnet  [--validators V] [--count N] [--accounts A] [--block-time-ms MS]
//   tfchain-bench sync      [--blocks N] [--txs-per-block T] [--validators V]
//   tfchain-bench farming   [--nodes N] [--farms F] [--max-payouts M]
//   tfchain-bench grid      [--nodes N] [--farms F] [--queries Q] [--block-txs B] [--data-dir DIR]
//   tfchain-bench billing   [--contracts N] [--nodes M] [--farms F] [--blocks B] [--period P] [--disk-blocks D]
//   tfchain-bench agent     [--deploys K] [--deployments N] [--idle-s S] [--keep-dir DIR]   (root, runc)
//
// See docs/benchmarks.md.
#include <cstdio>
#include <cstdlib>
#include <string_view>
#include <vector>

#include "tests/bench/bench_util.h"

namespace tfchain::bench {

chain::SecretKey BenchKey(size_t i) {
  std::array<uint8_t, 32> seed{};
  for (int b = 0; b < 8; ++b) seed[b] = static_cast<uint8_t>(i >> (8 * b));
  seed[31] = 0x5a;
  return std::move(chain::SecretKey::FromSeed(chain::KeyScheme::kEd25519, seed)).value();
}

Status ParseOptions(int argc, char** argv, const std::map<std::string, size_t*>& sizes,
                    const std::map<std::string, std::string*>& strings) {
  for (int i = 2; i < argc; ++i) {
    const std::string name = argv[i];
    if (i + 1 >= argc) return Status::InvalidArgument("bad-argument", "missing value for " + name);
    const std::string value = argv[++i];
    if (auto it = sizes.find(name); it != sizes.end()) {
      char* end = nullptr;
      const unsigned long long v = std::strtoull(value.c_str(), &end, 10);
      if (value.empty() || *end != '\0' || v == 0 || value[0] == '-') {
        return Status::InvalidArgument("bad-argument", name + " expects a positive integer, got '" + value + "'");
      }
      *it->second = static_cast<size_t>(v);
    } else if (auto s = strings.find(name); s != strings.end()) {
      *s->second = value;
    } else {
      return Status::InvalidArgument("bad-argument", "unknown option " + name);
    }
  }
  return Status::Ok();
}

int Usage(const Status& error) {
  if (!error.ok()) std::fprintf(stderr, "tfchain-bench: error: %s\n", std::string(error.detail()).c_str());
  std::fprintf(stderr,
               "usage: tfchain-bench transfers [--count N] [--accounts A] [--block-txs B] [--threads T] "
               "[--data-dir DIR]\n"
               "       tfchain-bench localnet [--validators V] [--count N] [--accounts A] [--block-time-ms MS] [--rate R] [--keep-logs DIR]\n"
               "       tfchain-bench sync [--blocks N] [--txs-per-block T] [--validators V]\n"
               "       tfchain-bench farming [--nodes N] [--farms F] [--max-payouts M]\n"
               "       tfchain-bench grid [--nodes N] [--farms F] [--queries Q] [--block-txs B] [--data-dir DIR]\n"
               "       tfchain-bench billing [--contracts N] [--nodes M] [--farms F] [--blocks B] [--period P] [--disk-blocks D]\n"
               "       tfchain-bench agent [--deploys K] [--deployments N] [--idle-s S] [--keep-dir DIR]  (as root, with runc)\n");
  return 2;
}

double Percentile(const std::vector<double>& sorted, double p) {
  if (sorted.empty()) return 0;
  const size_t i = std::min(sorted.size() - 1, static_cast<size_t>(p / 100.0 * (sorted.size() - 1) + 0.5));
  return sorted[i];
}

}  // namespace tfchain::bench

int main(int argc, char** argv) {
  using namespace tfchain::bench;
  if (!tfchain::chain::InitCrypto()) return 1;
  if (argc < 2) return Usage(Status::Ok());
  const std::string_view which = argv[1];
  if (which == "transfers") return RunTransfersBench(argc, argv);
  if (which == "localnet") return RunLocalnetBench(argc, argv);
  if (which == "sync") return RunSyncBench(argc, argv);
  if (which == "farming") return RunFarmingBench(argc, argv);
  if (which == "grid") return RunGridBench(argc, argv);
  if (which == "billing") return RunBillingBench(argc, argv);
  if (which == "agent") return RunAgentBench(argc, argv);
  return Usage(Status::InvalidArgument("bad-argument", "unknown benchmark '" + std::string(which) + "'"));
}
