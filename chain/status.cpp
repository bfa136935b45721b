#include "chain/status.h"

#include <cstdio>
#include <cstdlib>

namespace tfchain::chain {

void CheckFailed(const char* file, int line, const char* condition) {
  std::fprintf(stderr, "CHECK failed at %s:%d: %s\n", file, line, condition);
  std::abort();
}

std::string Status::ToString() const {
  if (ok()) return "ok";
  std::string out = rep_->reason;
  if (!rep_->detail.empty()) {
    out += ": ";
    out += rep_->detail;
  }
  return out;
}

Status Status::WithContext(std::string_view context) const {
  if (ok()) return *this;
  std::string detail(context);
  if (!rep_->detail.empty()) {
    detail += ": ";
    detail += rep_->detail;
  }
  return Status(rep_->code, rep_->reason, std::move(detail));
}

}  // namespace tfchain::chain
