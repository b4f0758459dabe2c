// runtime/status_macros.h — early return on a failed absl::Status / absl::StatusOr.
//
// Debian's abseil 20220623 ships no status macros, so rolec defines the two it needs once, here in
// the layer everything else depends on.
//
//   ROLEC_RETURN_IF_ERROR(VerifySections(header));
//   ROLEC_ASSIGN_OR_RETURN(ImageView view, VerifyImage(data, size));
#pragma once

#include <utility>

#include "absl/status/status.h"
#include "absl/status/statusor.h"

#define ROLEC_STATUS_CONCAT_INNER_(a, b) a##b
#define ROLEC_STATUS_CONCAT_(a, b) ROLEC_STATUS_CONCAT_INNER_(a, b)

// Evaluates `expr` (an absl::Status) once and returns it from the enclosing function if not ok.
#define ROLEC_RETURN_IF_ERROR(expr)                                       \
  do {                                                                    \
    ::absl::Status rolec_status_ = (expr);                                \
    if (!rolec_status_.ok()) return rolec_status_;                        \
  } while (false)

// Evaluates `rexpr` (an absl::StatusOr<T>) once; returns its status if not ok, else moves the value
// into `lhs`, which may be a declaration (`auto x`) or an existing variable.
#define ROLEC_ASSIGN_OR_RETURN(lhs, rexpr) \
  ROLEC_ASSIGN_OR_RETURN_IMPL_(ROLEC_STATUS_CONCAT_(rolec_statusor_, __LINE__), lhs, rexpr)

#define ROLEC_ASSIGN_OR_RETURN_IMPL_(statusor, lhs, rexpr) \
  auto statusor = (rexpr);                                 \
  if (!statusor.ok()) return std::move(statusor).status(); \
  lhs = std::move(statusor).value()
