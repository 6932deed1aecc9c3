// Status and Result<T>: the one error model of leadscore.
//
// Functions inside the engine return a Status (or a Result<T>, a value or a Status) instead of
// throwing. Callers propagate with LS_RETURN_IF_ERROR / LS_ASSIGN_OR_RETURN. The HTTP edge maps
// a StatusCode to an HTTP code in one place; the CLI prints the message and exits non-zero.
// Status and Result are values: cheap to move, safe to copy, not shared between threads.
#pragma once

#include <cassert>
#include <optional>
#include <string>
#include <utility>
#include <variant>
#include <vector>

namespace leadscore {

enum class StatusCode {
  kOk = 0,
  kInvalidArgument,     // bad input from the caller (HTTP 400)
  kUnauthenticated,     // no or expired session (401)
  kPermissionDenied,    // wrong role (403)
  kNotFound,            // unknown id (404)
  kConflict,            // state forbids the change, e.g. a lead owned by someone else (409)
  kFailedPrecondition,  // the system is not in a state to do this, e.g. no active model (409)
  kResourceExhausted,   // too many attempts, out of memory (429; the router sends 413 itself)
  kUnavailable,         // the database is down or busy (503 with Retry-After: 1)
  kInternal,            // a bug or an unexpected failure (500)
};

const char* StatusCodeName(StatusCode code);

// A parameter of a status's reason: {"username", "ani"}, {"line", int64_t{12}}. Numbers stay
// numbers, so a client formats them in its reader's locale.
using StatusParamValue = std::variant<std::string, int64_t, double>;
struct StatusParam {
  std::string name;
  StatusParamValue value;
};

class [[nodiscard]] Status {
 public:
  Status() = default;
  Status(StatusCode code, std::string message) : code_(code), message_(std::move(message)) {}

  static Status Ok() { return Status(); }
  static Status InvalidArgument(std::string m) { return {StatusCode::kInvalidArgument, std::move(m)}; }
  static Status Unauthenticated(std::string m) { return {StatusCode::kUnauthenticated, std::move(m)}; }
  static Status PermissionDenied(std::string m) { return {StatusCode::kPermissionDenied, std::move(m)}; }
  static Status NotFound(std::string m) { return {StatusCode::kNotFound, std::move(m)}; }
  static Status Conflict(std::string m) { return {StatusCode::kConflict, std::move(m)}; }
  static Status FailedPrecondition(std::string m) { return {StatusCode::kFailedPrecondition, std::move(m)}; }
  static Status ResourceExhausted(std::string m) { return {StatusCode::kResourceExhausted, std::move(m)}; }
  static Status Unavailable(std::string m) { return {StatusCode::kUnavailable, std::move(m)}; }
  static Status Internal(std::string m) { return {StatusCode::kInternal, std::move(m)}; }

  bool ok() const { return code_ == StatusCode::kOk; }
  StatusCode code() const { return code_; }
  const std::string& message() const { return message_; }
  // "NotFound: lead 12 does not exist", or "OK".
  std::string ToString() const;

  // Returns a copy whose message is prefixed with `context: `; the reason and its params stay.
  Status WithContext(const std::string& context) const;

  // The reason: a stable id of what went wrong ("username_taken") and its parameters, from
  // which a client words the message in its reader's language (docs/openapi.yaml lists them;
  // the message stays the English text for logs and the CLI). Empty when none was given.
  //   return Status::Conflict("the username 'ani' is taken").With("username_taken",
  //                                                              {{"username", "ani"}});
  Status With(std::string reason, std::vector<StatusParam> params = {}) const;
  const std::string& reason() const { return reason_; }
  const std::vector<StatusParam>& params() const { return params_; }

 private:
  StatusCode code_ = StatusCode::kOk;
  std::string message_;
  std::string reason_;
  std::vector<StatusParam> params_;
};

// A value of type T, or the Status that explains why there is none.
template <typename T>
class [[nodiscard]] Result {
 public:
  Result(T value) : data_(std::move(value)) {}  // NOLINT: implicit by design
  Result(Status status) : data_(std::move(status)) {  // NOLINT: implicit by design
    assert(!std::get<Status>(data_).ok() && "Result built from an OK status");
  }

  bool ok() const { return std::holds_alternative<T>(data_); }
  Status status() const { return ok() ? Status::Ok() : std::get<Status>(data_); }

  T& value() & { return std::get<T>(data_); }
  const T& value() const& { return std::get<T>(data_); }
  T&& value() && { return std::get<T>(std::move(data_)); }

  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }
  T&& operator*() && { return std::move(*this).value(); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }

 private:
  std::variant<T, Status> data_;
};

}  // namespace leadscore

#define LS_STATUS_CONCAT_INNER(a, b) a##b
#define LS_STATUS_CONCAT(a, b) LS_STATUS_CONCAT_INNER(a, b)

// Returns from the calling function if `expr` (a Status) is not OK.
#define LS_RETURN_IF_ERROR(expr)                  \
  do {                                            \
    ::leadscore::Status ls_status_ = (expr);      \
    if (!ls_status_.ok()) return ls_status_;      \
  } while (0)

// `LS_ASSIGN_OR_RETURN(auto x, Compute());` declares x from a Result, or returns its Status.
#define LS_ASSIGN_OR_RETURN(lhs, expr) \
  LS_ASSIGN_OR_RETURN_IMPL(LS_STATUS_CONCAT(ls_result_, __LINE__), lhs, expr)
#define LS_ASSIGN_OR_RETURN_IMPL(result, lhs, expr) \
  auto result = (expr);                             \
  if (!result.ok()) return result.status();         \
  lhs = std::move(result).value()
