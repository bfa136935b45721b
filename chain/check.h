#pragma once

// CHECK(cond): an invariant that cannot fail unless the code is wrong. On failure
// the process prints the location and aborts. Never CHECK untrusted input: bad input
// from users, peers or disk is a Status (see status.h).

namespace tfchain::chain {
[[noreturn]] void CheckFailed(const char* file, int line, const char* condition);
}  // namespace tfchain::chain

#define CHECK(cond)                                                      \
  do {                                                                   \
    if (!(cond)) ::tfchain::chain::CheckFailed(__FILE__, __LINE__, #cond); \
  } while (false)
