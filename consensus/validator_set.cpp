#include "consensus/validator_set.h"

#include <algorithm>
#include <string>

namespace tfchain::consensus {
namespace {

using u128 = unsigned __int128;

// One turn of the proposer schedule: the k-th turn of validator `index`, at virtual
// time (2k + 1) / (2 w_index).
struct Turn {
  uint64_t k;
  size_t index;
};

// The number of turns of a validator with power w strictly before virtual time
// a / (2T): #{k >= 0 : (2k + 1) / (2w) < a / (2T)} = #{odd m >= 1 : m * T < a * w}.
uint64_t TurnsBefore(u128 a, uint64_t w, uint64_t total) {
  const u128 x = a * w;  // a <= 2T + n + 2 and w <= T < 2^60: no overflow
  if (x == 0) return 0;
  const u128 m = (x - 1) / total;  // the largest m with m * T < x
  return static_cast<uint64_t>((m + 1) / 2);
}

}  // namespace

chain::Result<ValidatorSet> ValidatorSet::Create(std::vector<chain::Validator> validators) {
  if (validators.empty()) return chain::Status::InvalidArgument("validator-set-empty", "no validators");
  if (validators.size() > chain::kMaxValidators) {
    return chain::Status::InvalidArgument("validator-set-too-large",
                                          std::to_string(validators.size()) + " validators, at most " +
                                              std::to_string(chain::kMaxValidators));
  }
  ValidatorSet set;
  for (const chain::Validator& v : validators) {
    if (v.power == 0) {
      return chain::Status::InvalidArgument("validator-zero-power", "validator " + v.id.Hex() + " has power 0");
    }
    if (v.power > kMaxTotalPower - set.total_power_) {
      return chain::Status::InvalidArgument("validator-power-overflow",
                                            "total power exceeds " + std::to_string(kMaxTotalPower));
    }
    set.total_power_ += v.power;
  }
  set.by_id_.resize(validators.size());
  for (size_t i = 0; i < validators.size(); ++i) set.by_id_[i] = i;
  std::sort(set.by_id_.begin(), set.by_id_.end(),
            [&](size_t a, size_t b) { return validators[a].id < validators[b].id; });
  for (size_t i = 1; i < set.by_id_.size(); ++i) {
    if (validators[set.by_id_[i - 1]].id == validators[set.by_id_[i]].id) {
      return chain::Status::InvalidArgument("validator-duplicate",
                                            "validator " + validators[set.by_id_[i]].id.Hex() + " appears twice");
    }
  }
  set.validators_ = std::move(validators);
  return set;
}

std::optional<size_t> ValidatorSet::IndexOf(const chain::AccountId& id) const {
  auto it = std::lower_bound(by_id_.begin(), by_id_.end(), id,
                             [&](size_t index, const chain::AccountId& key) { return validators_[index].id < key; });
  if (it == by_id_.end() || validators_[*it].id != id) return std::nullopt;
  return *it;
}

uint64_t ValidatorSet::PowerOf(const chain::AccountId& id) const {
  std::optional<size_t> index = IndexOf(id);
  return index ? validators_[*index].power : 0;
}

// The schedule repeats every T = total power steps: the turns in virtual time [0, 1)
// are exactly w_i per validator, and [1, 2) repeats them shifted by one. So step s is
// taken modulo T and located by counting: at most a / 2 + n / 2 turns lie before
// virtual time a / (2T), and at least a / 2 - n / 2. Before a_lo = 2s - n there are
// therefore at most s turns, and before a_hi = 2s + n + 2 at least s + 1; the turn
// wanted is among the at most 2n + 1 turns in between, picked by a partial sort.
size_t ValidatorSet::ProposerIndex(uint64_t height, uint32_t round) const {
  CHECK(total_power_ > 0);
  const uint64_t total = total_power_;
  const uint64_t s = static_cast<uint64_t>((u128{height % total} + round % total) % total);
  const u128 n = validators_.size();
  const u128 a_lo = 2 * u128{s} > n ? 2 * u128{s} - n : 0;
  const u128 a_hi = 2 * u128{s} + n + 2;

  uint64_t before = 0;
  std::vector<Turn> turns;
  turns.reserve(2 * validators_.size() + 1);
  for (size_t i = 0; i < validators_.size(); ++i) {
    const uint64_t w = validators_[i].power;
    const uint64_t lo = TurnsBefore(a_lo, w, total);
    const uint64_t hi = TurnsBefore(a_hi, w, total);
    before += lo;
    for (uint64_t k = lo; k < hi; ++k) turns.push_back(Turn{k, i});
  }
  CHECK(before <= s && s - before < turns.size());

  // Turn a before turn b iff (2ka + 1) / (2 wa) < (2kb + 1) / (2 wb), ties by id.
  auto earlier = [&](const Turn& a, const Turn& b) {
    const u128 lhs = (2 * u128{a.k} + 1) * validators_[b.index].power;
    const u128 rhs = (2 * u128{b.k} + 1) * validators_[a.index].power;
    if (lhs != rhs) return lhs < rhs;
    return validators_[a.index].id < validators_[b.index].id;
  };
  auto nth = turns.begin() + static_cast<std::ptrdiff_t>(s - before);
  std::nth_element(turns.begin(), nth, turns.end(), earlier);
  return nth->index;
}

}  // namespace tfchain::consensus
