// capi/request_view.h — a C request (principal handle, action, rolec_target, rolec_context) seen as
// a rolec::Request without copying a string: the one conversion behind check, batch, explain and
// the engine.
//
// This is the C API's hot path, so it lives in a header to be inlined into each entry point. The
// principal's assignments are used as prepared; target arrays of ids are viewed in place; only
// the target's strings (rolec_string_view -> std::string_view, whose layouts differ) and role
// names are converted, into stack storage for the common sizes.
#pragma once

#include <cstring>
#include <new>
#include <string_view>
#include <vector>

#include "absl/types/span.h"
#include "capi/handles.h"
#include "fmt/format.h"

namespace rolec::capi {

// Elements a check converts without allocating; more are converted into a heap vector.
inline constexpr size_t kInlineAssignments = 16;
inline constexpr size_t kInlineTargetRoles = 16;
inline constexpr size_t kInlineTargetStrings = 32;
// The largest array count accepted: a larger one is a caller's bug (a garbage count), rejected
// before anything is read.
inline constexpr size_t kMaxArrayCount = size_t{1} << 24;

// Uninitialised storage for up to N elements of a trivially copyable T: a check pays only for
// the elements it writes.
template <typename T, size_t N>
class Scratch {
 public:
  Scratch() noexcept {}  // NOLINT: storage_ stays uninitialised on purpose
  // Room for n elements; allocates (and may throw std::bad_alloc) only when n > N.
  T* Get(size_t n) {
    if (n <= N) return reinterpret_cast<T*>(storage_);
    heap_.resize(n);
    return heap_.data();
  }

 private:
  alignas(T) unsigned char storage_[N * sizeof(T)];
  std::vector<T> heap_;
};

struct RequestInput {
  const rolec_principal* principal = nullptr;
  ActionId action_id = kNoAction;
  std::string_view action;
  const rolec_target* target = nullptr;
  const rolec_context* context = nullptr;
};

inline bool ReadArray(const void* data, size_t count, const char* what) noexcept {
  if (data == nullptr && count != 0) {
    Fail(ROLEC_ERR_INVALID_ARGUMENT, what);
    return false;
  }
  if (count > kMaxArrayCount) {
    Fail(ROLEC_ERR_INVALID_ARGUMENT, "an array count is larger than 2^24");
    return false;
  }
  return true;
}

// Views the rolec_target (NULL: no target) as a rolec::Target against `policy` and returns
// use(target). On a bad input returns its status (the thread's error set) without calling `use`.
// May throw std::bad_alloc only for arrays beyond the inline sizes: call it inside Fence.
template <typename Use>
rolec_status WithTarget(const Policy& policy, const rolec_target* input_target, Use&& use) {
  TargetKind kind = TargetKind::kUnspecified;
  std::string_view id;
  absl::Span<const RoleId> target_roles;
  bool role_assignable_group_member = false, role_scoped_to_restricted_admin_unit = false,
       in_restricted_admin_unit = false, role_assignable = false;
  absl::Span<const std::string_view> admin_units, restricted_admin_units, owners;
  Scratch<RoleId, kInlineTargetRoles> roles;
  Scratch<std::string_view, kInlineTargetStrings> strings;
  if (const rolec_target* target = input_target; target != nullptr) {
    if (target->kind < 0 || target->kind >= kTargetKindCount) {
      return Fail(ROLEC_ERR_INVALID_ARGUMENT,
                  fmt::format("target kind {} is not a rolec_target_kind (0..{})", target->kind,
                              kTargetKindCount - 1));
    }
    kind = static_cast<TargetKind>(target->kind);
    if (!ReadView(target->id, "target id", &id)) return ROLEC_ERR_INVALID_ARGUMENT;
    if (!ReadArray(target->roles, target->role_count, "target roles is NULL with a count") ||
        !ReadArray(target->role_names, target->role_name_count,
                   "target role_names is NULL with a count") ||
        !ReadArray(target->admin_units, target->admin_unit_count,
                   "target admin_units is NULL with a count") ||
        !ReadArray(target->restricted_admin_units, target->restricted_admin_unit_count,
                   "target restricted_admin_units is NULL with a count") ||
        !ReadArray(target->owners, target->owner_count, "target owners is NULL with a count")) {
      return ROLEC_ERR_INVALID_ARGUMENT;
    }
    if (target->role_name_count == 0) {
      target_roles = absl::MakeConstSpan(target->roles, target->role_count);
    } else {
      const size_t n = target->role_count + target->role_name_count;
      RoleId* all = roles.Get(n);
      if (target->role_count != 0) std::memcpy(all, target->roles, target->role_count * sizeof(RoleId));
      for (size_t i = 0; i < target->role_name_count; ++i) {
        std::string_view name;
        if (!ReadView(target->role_names[i], "target role name", &name)) {
          return ROLEC_ERR_INVALID_ARGUMENT;
        }
        const RoleId role = policy.FindRole(name);
        if (role == kNoRole) {
          return Fail(ROLEC_ERR_NOT_FOUND,
                      fmt::format("target role_names[{}]: unknown role '{}'", i, name));
        }
        all[target->role_count + i] = role;
      }
      target_roles = absl::MakeConstSpan(all, n);
    }
    role_assignable_group_member = target->role_assignable_group_member;
    role_scoped_to_restricted_admin_unit = target->role_scoped_to_restricted_admin_unit;
    in_restricted_admin_unit = target->in_restricted_admin_unit;
    role_assignable = target->role_assignable;

    const size_t total =
        target->admin_unit_count + target->restricted_admin_unit_count + target->owner_count;
    if (total != 0) {
      std::string_view* views = strings.Get(total);
      size_t next = 0;
      auto convert = [&](const rolec_string_view* from, size_t count, const char* what,
                         absl::Span<const std::string_view>* to) {
        std::string_view* first = views + next;
        for (size_t i = 0; i < count; ++i) {
          if (!ReadView(from[i], what, new (&views[next]) std::string_view())) return false;
          ++next;
        }
        *to = absl::MakeConstSpan(first, count);
        return true;
      };
      if (!convert(target->admin_units, target->admin_unit_count, "target admin unit",
                   &admin_units) ||
          !convert(target->restricted_admin_units, target->restricted_admin_unit_count,
                   "target restricted admin unit", &restricted_admin_units) ||
          !convert(target->owners, target->owner_count, "target owner", &owners)) {
        return ROLEC_ERR_INVALID_ARGUMENT;
      }
    }
  }
  return use(Target{kind, id, target_roles, role_assignable_group_member,
                    role_scoped_to_restricted_admin_unit, in_restricted_admin_unit, role_assignable,
                    admin_units, restricted_admin_units, owners});
}

// Builds the rolec::Request for `input` against `policy` and returns use(request). On a bad input
// returns its status (the thread's error set) without calling `use`. May throw std::bad_alloc
// only for arrays beyond the inline sizes: call it inside Fence.
template <typename Use>
rolec_status WithRequest(const Policy& policy, const RequestInput& input, Use&& use) {
  const rolec_principal* principal = input.principal;
  if (principal == nullptr) return Fail(ROLEC_ERR_INVALID_ARGUMENT, "principal is NULL");
  const rolec_principal::View& prepared = principal->view;

  // The request's parts are computed first and the Request is built once at the end, field by
  // field (WithTarget likewise builds its Target): a default-constructed Request would be
  // zero-filled first (160 bytes, a `rep stos` that cost more than the rest of this function).
  absl::Span<const Assignment> assignment_span = prepared.assignments;
  Scratch<Assignment, kInlineAssignments> assignments;
  if (prepared.policy != &policy) {
    // Prepared against another image (an engine swapped): its ids mean nothing here, its role
    // names do. A role this image lacks grants nothing (kNoRole is a deny for that assignment).
    const size_t n = prepared.assignments.size();
    Assignment* resolved = assignments.Get(n);
    for (size_t i = 0; i < n; ++i) {
      new (&resolved[i]) Assignment{policy.FindRole(principal->role_names[i]),
                                    prepared.assignments[i].admin_unit};
    }
    assignment_span = absl::MakeConstSpan(resolved, n);
  }

  return WithTarget(policy, input.target, [&](const Target& target) {
    const Request request{prepared.id, assignment_span, input.action_id, input.action, target,
                          Context{input.context != nullptr && input.context->mfa}};
    return use(request);
  });
}

// The action of a rolec_request: its id, or its name when the id is ROLEC_NO_ACTION.
inline bool ReadRequest(const rolec_request& request, RequestInput* input) noexcept {
  input->principal = request.principal;
  input->action_id = request.action_id;
  input->target = request.target;
  input->context = request.context;
  if (request.action_id != ROLEC_NO_ACTION) return true;
  return ReadView(request.action, "request action", &input->action);
}

}  // namespace rolec::capi
