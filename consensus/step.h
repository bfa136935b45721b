#pragma once

#include <cstdint>
#include <string_view>

namespace tfchain::consensus {

// The steps of a consensus round, in order. The numeric values are persisted (the
// signer state) and never change.
enum class Step : uint8_t {
  kPropose = 1,
  kPrevote = 2,
  kPrecommit = 3,
};

// "propose" / "prevote" / "precommit".
std::string_view StepName(Step step);

}  // namespace tfchain::consensus
