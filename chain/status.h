#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <variant>

#include "chain/check.h"

namespace tfchain::chain {

// Status is the one error model of the project (LevelDB's Status): expected failures
// are values. A failed Status carries
//  - a Code (what kind of failure: the caller's fault, missing, corrupt, I/O, ...),
//  - a reason: a stable kebab-case string ("bad-nonce", "decode-truncated") that
//    users, logs, RPC errors and tests all use, and
//  - an optional human-readable detail ("expected nonce 3, got 5").
// An ok Status holds no allocation. Copies are cheap. Thread-compatible.
class [[nodiscard]] Status {
 public:
  enum class Code : uint8_t {
    kOk = 0,
    kInvalidArgument,  // bad input: decoding, validation, rule violations
    kNotFound,
    kCorruption,       // stored data that cannot be decoded or is inconsistent
    kIoError,
    kUnavailable,      // temporarily cannot serve (busy, full, shutting down)
    kInternal,
  };

  Status() = default;
  static Status Ok() { return Status(); }
  static Status InvalidArgument(std::string reason, std::string detail = {}) {
    return Status(Code::kInvalidArgument, std::move(reason), std::move(detail));
  }
  static Status NotFound(std::string reason, std::string detail = {}) {
    return Status(Code::kNotFound, std::move(reason), std::move(detail));
  }
  static Status Corruption(std::string reason, std::string detail = {}) {
    return Status(Code::kCorruption, std::move(reason), std::move(detail));
  }
  static Status IoError(std::string reason, std::string detail = {}) {
    return Status(Code::kIoError, std::move(reason), std::move(detail));
  }
  static Status Unavailable(std::string reason, std::string detail = {}) {
    return Status(Code::kUnavailable, std::move(reason), std::move(detail));
  }
  static Status Internal(std::string reason, std::string detail = {}) {
    return Status(Code::kInternal, std::move(reason), std::move(detail));
  }

  bool ok() const { return rep_ == nullptr; }
  Code code() const { return rep_ ? rep_->code : Code::kOk; }
  // Stable kebab-case reason; "ok" when ok.
  std::string_view reason() const { return rep_ ? std::string_view(rep_->reason) : "ok"; }
  // Human detail; may be empty.
  std::string_view detail() const { return rep_ ? std::string_view(rep_->detail) : ""; }
  // "reason: detail", or just "reason" when there is no detail.
  std::string ToString() const;

  // Returns a copy whose detail is prefixed with `context` ("decoding block 7: ...").
  Status WithContext(std::string_view context) const;

 private:
  struct Rep {
    Code code;
    std::string reason;
    std::string detail;
  };
  Status(Code code, std::string reason, std::string detail)
      : rep_(std::make_shared<const Rep>(Rep{code, std::move(reason), std::move(detail)})) {}
  std::shared_ptr<const Rep> rep_;
};

// Result<T> holds either a T or a failed Status (never an ok Status).
template <typename T>
class [[nodiscard]] Result {
 public:
  Result(T value) : v_(std::in_place_index<0>, std::move(value)) {}  // NOLINT: implicit by design
  Result(Status status) : v_(std::in_place_index<1>, std::move(status)) {  // NOLINT
    CHECK(!std::get<1>(v_).ok());
  }

  bool ok() const { return v_.index() == 0; }
  // The failure; an ok Status when this holds a value.
  Status status() const { return ok() ? Status::Ok() : std::get<1>(v_); }

  T& value() & {
    CHECK(ok());
    return std::get<0>(v_);
  }
  const T& value() const& {
    CHECK(ok());
    return std::get<0>(v_);
  }
  T&& value() && {
    CHECK(ok());
    return std::get<0>(std::move(v_));
  }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }

 private:
  std::variant<T, Status> v_;
};

}  // namespace tfchain::chain

#define TF_CONCAT_INNER(a, b) a##b
#define TF_CONCAT(a, b) TF_CONCAT_INNER(a, b)

// Returns the Status from the enclosing function if `expr` (a Status) failed.
#define TF_RETURN_IF_ERROR(expr)                           \
  do {                                                     \
    ::tfchain::chain::Status tf_status_ = (expr);          \
    if (!tf_status_.ok()) return tf_status_;               \
  } while (false)

// `lhs = value of expr` (a Result<T>), or return its Status from the enclosing function.
#define TF_ASSIGN_OR_RETURN(lhs, expr) \
  TF_ASSIGN_OR_RETURN_IMPL(TF_CONCAT(tf_result_, __LINE__), lhs, expr)
#define TF_ASSIGN_OR_RETURN_IMPL(tmp, lhs, expr) \
  auto tmp = (expr);                             \
  if (!tmp.ok()) return tmp.status();            \
  lhs = std::move(tmp).value()
