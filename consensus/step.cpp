#include "consensus/step.h"

namespace tfchain::consensus {

std::string_view StepName(Step step) {
  switch (step) {
    case Step::kPropose:
      return "propose";
    case Step::kPrevote:
      return "prevote";
    case Step::kPrecommit:
      return "precommit";
  }
  return "unknown";
}

}  // namespace tfchain::consensus
