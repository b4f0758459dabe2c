// capi/policy.cc — policy handles: load a verified image from bytes or a file, free, look up
// names, table sizes.
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <memory>
#include <string>

#include "absl/status/status.h"
#include "capi/handles.h"
#include "fmt/format.h"

namespace rolec::capi {
namespace {

// The loader's own limit is 256 MiB (docs/limits.md); reading stops one chunk past it so that a
// huge file (or a device) is refused without being read whole.
constexpr size_t kMaxFileBytes = size_t{256} << 20;

}  // namespace

rolec_status LoadImage(std::string bytes, rolec_policy** policy) {
  absl::StatusOr<std::shared_ptr<const Policy>> loaded = Policy::Load(std::move(bytes));
  if (!loaded.ok()) {
    return Fail(ROLEC_ERR_BAD_IMAGE, std::string(loaded.status().message()));
  }
  *policy = new rolec_policy{std::move(*loaded)};
  return ROLEC_OK;
}

}  // namespace rolec::capi

using rolec::capi::Fail;
using rolec::capi::Fence;

extern "C" {

rolec_status rolec_policy_load(const void* bytes, size_t length, rolec_policy** policy) {
  if (policy == nullptr) return Fail(ROLEC_ERR_INVALID_ARGUMENT, "policy is NULL");
  *policy = nullptr;
  std::string_view view;
  if (length == ROLEC_NUL_TERMINATED) {
    return Fail(ROLEC_ERR_INVALID_ARGUMENT, "an image is bytes: give its length");
  }
  if (!rolec::capi::ReadView(static_cast<const char*>(bytes), length, "bytes", &view)) {
    return ROLEC_ERR_INVALID_ARGUMENT;
  }
  return Fence([&] { return rolec::capi::LoadImage(std::string(view), policy); });
}

rolec_status rolec_policy_load_file(const char* path, rolec_policy** policy) {
  if (policy == nullptr) return Fail(ROLEC_ERR_INVALID_ARGUMENT, "policy is NULL");
  *policy = nullptr;
  if (path == nullptr) return Fail(ROLEC_ERR_INVALID_ARGUMENT, "path is NULL");
  return Fence([&] {
    std::FILE* file = std::fopen(path, "rb");
    if (file == nullptr) {
      return Fail(ROLEC_ERR_IO, fmt::format("cannot open policy image '{}': {}", path,
                                            std::strerror(errno)));
    }
    std::unique_ptr<std::FILE, int (*)(std::FILE*)> closer(file, &std::fclose);
    std::string bytes;
    char buffer[1 << 16];
    while (bytes.size() <= rolec::capi::kMaxFileBytes) {
      const size_t n = std::fread(buffer, 1, sizeof buffer, file);
      bytes.append(buffer, n);
      if (n < sizeof buffer) break;
    }
    if (std::ferror(file)) {
      return Fail(ROLEC_ERR_IO, fmt::format("cannot read policy image '{}'", path));
    }
    if (bytes.size() > rolec::capi::kMaxFileBytes) {
      return Fail(ROLEC_ERR_BAD_IMAGE,
                  fmt::format("policy image '{}' is larger than the maximum image size of {} bytes",
                              path, rolec::capi::kMaxFileBytes));
    }
    rolec_status status = rolec::capi::LoadImage(std::move(bytes), policy);
    if (status == ROLEC_ERR_BAD_IMAGE) {
      return Fail(status, fmt::format("'{}': {}", path, rolec_last_error()));
    }
    return status;
  });
}

void rolec_policy_free(rolec_policy* policy) { delete policy; }

rolec_status rolec_policy_find_action(const rolec_policy* policy, const char* name, size_t length,
                                      rolec_action_id* id) {
  if (id == nullptr) return Fail(ROLEC_ERR_INVALID_ARGUMENT, "id is NULL");
  *id = ROLEC_NO_ACTION;
  if (policy == nullptr) return Fail(ROLEC_ERR_INVALID_ARGUMENT, "policy is NULL");
  std::string_view view;
  if (!rolec::capi::ReadView(name, length, "name", &view)) return ROLEC_ERR_INVALID_ARGUMENT;
  *id = policy->policy->FindAction(view);
  if (*id == ROLEC_NO_ACTION) {
    return Fence([&] {
      return Fail(ROLEC_ERR_NOT_FOUND, fmt::format("unknown action '{}'", view));
    });
  }
  return ROLEC_OK;
}

rolec_status rolec_policy_find_role(const rolec_policy* policy, const char* name, size_t length,
                                    rolec_role_id* id) {
  if (id == nullptr) return Fail(ROLEC_ERR_INVALID_ARGUMENT, "id is NULL");
  *id = ROLEC_NO_ROLE;
  if (policy == nullptr) return Fail(ROLEC_ERR_INVALID_ARGUMENT, "policy is NULL");
  std::string_view view;
  if (!rolec::capi::ReadView(name, length, "name", &view)) return ROLEC_ERR_INVALID_ARGUMENT;
  *id = policy->policy->FindRole(view);
  if (*id == ROLEC_NO_ROLE) {
    return Fence([&] { return Fail(ROLEC_ERR_NOT_FOUND, fmt::format("unknown role '{}'", view)); });
  }
  return ROLEC_OK;
}

rolec_status rolec_policy_role_name(const rolec_policy* policy, rolec_role_id id,
                                    rolec_string_view* name, rolec_string_view* template_id) {
  if (name != nullptr) *name = rolec_string_view{"", 0};
  if (template_id != nullptr) *template_id = rolec_string_view{"", 0};
  if (policy == nullptr) return Fail(ROLEC_ERR_INVALID_ARGUMENT, "policy is NULL");
  if (id >= policy->policy->role_count()) {
    return Fence([&] {
      return Fail(ROLEC_ERR_OUT_OF_RANGE, fmt::format("role id {} is not in the policy ({} roles)", id,
                                                       policy->policy->role_count()));
    });
  }
  const rolec::RoleInfo info = policy->policy->role(id);
  if (name != nullptr) *name = rolec_string_view{info.name.data(), info.name.size()};
  if (template_id != nullptr) {
    *template_id = rolec_string_view{info.template_id.data(), info.template_id.size()};
  }
  return ROLEC_OK;
}

rolec_status rolec_policy_action_name(const rolec_policy* policy, rolec_action_id id,
                                      rolec_string_view* name) {
  if (name == nullptr) return Fail(ROLEC_ERR_INVALID_ARGUMENT, "name is NULL");
  *name = rolec_string_view{"", 0};
  if (policy == nullptr) return Fail(ROLEC_ERR_INVALID_ARGUMENT, "policy is NULL");
  if (id >= policy->policy->action_count()) {
    return Fence([&] {
      return Fail(ROLEC_ERR_OUT_OF_RANGE, fmt::format("action id {} is not in the catalog ({} actions)",
                                                       id, policy->policy->action_count()));
    });
  }
  const std::string_view text = policy->policy->action(id).name;
  *name = rolec_string_view{text.data(), text.size()};
  return ROLEC_OK;
}

rolec_status rolec_policy_counts(const rolec_policy* policy, uint32_t* actions, uint32_t* roles,
                                 uint32_t* rules) {
  if (policy == nullptr) return Fail(ROLEC_ERR_INVALID_ARGUMENT, "policy is NULL");
  if (actions != nullptr) *actions = policy->policy->action_count();
  if (roles != nullptr) *roles = policy->policy->role_count();
  if (rules != nullptr) *rules = policy->policy->rule_count();
  return ROLEC_OK;
}

}  // extern "C"
