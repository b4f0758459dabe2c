// capi/handles.h — what the C API's opaque handles are, and the helpers every entry point uses:
// the thread's last error, string-view validation, and the exception fence.
//
// Internal to capi/: the C API is built only on include/rolec/*.hpp, never on another layer's
// internals, so an embedder's view (rolec.h) and the CLI's (rolec.hpp) answer the same.
#pragma once

#include <cstddef>
#include <cstdint>
#include <exception>
#include <memory>
#include <new>
#include <string>
#include <string_view>
#include <vector>

#include "absl/types/span.h"
#include "rolec/policy.hpp"
#include "rolec/rolec.h"

// A loaded image. Several handles may share one Policy (rolec_engine_acquire).
struct rolec_policy {
  std::shared_ptr<const rolec::Policy> policy;
};

// A principal prepared against one image. INVARIANT: `prepared` is policy->Prepare of the same
// id and assignments when `prepared_ok` (false only for a unit-scoped assignment of a role that
// cannot be unit-scoped, which every check denies and explain reports through the request path),
// and `view` points into the members below —
// view.id at `id`, view.assignments at `inline_assignments` or `heap_assignments`, whose admin_unit views `units[i]` and whose
// role is role_names[i]'s id in `policy` — and view.policy is policy.get(). The strings are never
// moved after preparation (the handle lives on the heap and is not copied).
struct alignas(64) rolec_principal {
  // What a check reads, first and in one cache line: a check touches nothing else.
  struct View {
    const rolec::Policy* policy = nullptr;
    std::string_view id;
    absl::Span<const rolec::Assignment> assignments;
  } view;
  // What a check against `policy` uses (capi/check.cc): the same cache line as the view.
  rolec::PreparedPrincipal prepared;
  bool prepared_ok = false;
  // The assignments themselves, right behind the view when there are few (most principals hold
  // one to three roles): the first one shares the view's cache line, the next ones follow it.
  static constexpr size_t kInlineAssignments = 4;
  rolec::Assignment inline_assignments[kInlineAssignments];
  std::vector<rolec::Assignment> heap_assignments;  // when there are more
  std::shared_ptr<const rolec::Policy> policy;  // keeps the ids' image alive
  std::string id;
  std::vector<std::string> role_names;  // per assignment, to resolve again in another image
  std::vector<std::string> units;
};

namespace rolec::capi {

// Records `message` as the calling thread's last error and returns `status`. Never allocates or
// throws: the message is truncated to a fixed buffer.
rolec_status Fail(rolec_status status, std::string_view message) noexcept;

// Reads a (pointer, length) pair; false (and the thread's error set, naming `what`) if the pointer
// is NULL with a non-zero length or the length is absurd.
//
// Inline: it runs on every check, and an out-of-line call writing *out through memory made the
// caller's 16-byte reload of the view stall on store forwarding (docs/performance.md).
inline constexpr size_t kMaxStringLength = size_t{1} << 40;
bool ViewError(const char* data, size_t length, const char* what) noexcept;  // sets it, false
inline bool ReadView(const char* data, size_t length, const char* what,
                     std::string_view* out) noexcept {
  if (length == ROLEC_NUL_TERMINATED) {
    if (data == nullptr) return ViewError(data, length, what);
    *out = std::string_view(data);
    return true;
  }
  if (data == nullptr) {
    if (length != 0) return ViewError(data, length, what);
    *out = std::string_view();
    return true;
  }
  if (length > kMaxStringLength) return ViewError(data, length, what);
  *out = std::string_view(data, length);
  return true;
}
inline bool ReadView(rolec_string_view view, const char* what, std::string_view* out) noexcept {
  return ReadView(view.data, view.length, what, out);
}

// Runs `body` (returning rolec_status) and turns any exception into a status: nothing thrown
// crosses the C API.
template <typename Body>
rolec_status Fence(Body&& body) noexcept {
  try {
    return body();
  } catch (const std::bad_alloc&) {
    return Fail(ROLEC_ERR_OUT_OF_MEMORY, "out of memory");
  } catch (const std::exception& error) {
    return Fail(ROLEC_ERR_INTERNAL, error.what());
  } catch (...) {
    return Fail(ROLEC_ERR_INTERNAL, "unknown exception");
  }
}

// A NUL-terminated copy of `text` allocated as rolec_string_free frees it; nullptr if out of
// memory.
char* CopyOut(std::string_view text) noexcept;

// Verifies and loads `bytes` into a new handle (capi/policy.cc). May throw std::bad_alloc.
rolec_status LoadImage(std::string bytes, rolec_policy** policy);

}  // namespace rolec::capi
