// runtime/policy.cc — rolec::Policy: loading, the decision entry points and read-only views of
// the image's tables.
#include "rolec/policy.hpp"

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <cstdio>
#include <cstdint>
#include <cstring>
#include <utility>

#include "absl/status/status.h"
#include "fmt/format.h"
#include "runtime/action_pattern.h"
#include "runtime/condition_atoms.h"
#include "runtime/evaluator.h"
#include "runtime/image_format.h"
#include "runtime/image_verifier.h"
#include "runtime/policy_impl.h"
#include "runtime/status_macros.h"

namespace rolec {

using runtime::ImageView;
using runtime::kNone32;

absl::StatusOr<std::unique_ptr<PolicyImpl>> PolicyImpl::Create(std::string bytes) {
  // Checked before anything else: an oversized image costs nothing.
  if (bytes.size() > runtime::kMaxImageBytes) {
    return absl::InvalidArgumentError(
        fmt::format("policy image: {} bytes exceeds the maximum image size of {} bytes",
                    bytes.size(), runtime::kMaxImageBytes));
  }
  std::unique_ptr<PolicyImpl> impl(new PolicyImpl());
  impl->size_ = bytes.size();
  // malloc's blocks are 16-aligned, so a string that owns its buffer usually needs no copy.
  // Alignment is judged where the bytes end up (a short string's move copies its bytes).
  impl->adopted_ = std::move(bytes);
  if (reinterpret_cast<uintptr_t>(impl->adopted_.data()) % runtime::kSectionAlignment == 0) {
    impl->data_ = impl->adopted_.data();
  } else {
    const size_t words = std::max<size_t>(1, (impl->size_ + 7) / 8);
    impl->copied_.reset(new uint64_t[words]);
    impl->copied_[words - 1] = 0;
    if (impl->size_ > 0) std::memcpy(impl->copied_.get(), impl->adopted_.data(), impl->size_);
    impl->adopted_ = std::string();
    impl->data_ = reinterpret_cast<const char*>(impl->copied_.get());
  }
  ROLEC_ASSIGN_OR_RETURN(
      impl->image_,
      runtime::VerifyImage(reinterpret_cast<const uint8_t*>(impl->data_), impl->size_));
  impl->unconditional_ = runtime::UnconditionalColumns(impl->image_);
  static std::atomic<uint64_t> next_serial{1};
  impl->serial_ = next_serial.fetch_add(1, std::memory_order_relaxed);
  return impl;
}

Policy::Policy(std::unique_ptr<PolicyImpl> impl) : impl_(std::move(impl)) {}
Policy::~Policy() = default;

absl::StatusOr<std::shared_ptr<const Policy>> Policy::Load(std::string bytes) {
  ROLEC_ASSIGN_OR_RETURN(std::unique_ptr<PolicyImpl> impl, PolicyImpl::Create(std::move(bytes)));
  return std::shared_ptr<const Policy>(new Policy(std::move(impl)));
}

absl::StatusOr<std::shared_ptr<const Policy>> Policy::LoadFile(const std::string& path) {
  std::FILE* file = std::fopen(path.c_str(), "rb");
  if (file == nullptr) {
    const int error = errno;
    std::string message = fmt::format("cannot open policy image '{}': {}", path, std::strerror(error));
    return error == ENOENT ? absl::NotFoundError(message) : absl::InvalidArgumentError(message);
  }
  std::unique_ptr<std::FILE, int (*)(std::FILE*)> closer(file, &std::fclose);
  auto too_large = [&] {
    return absl::InvalidArgumentError(
        fmt::format("policy image: '{}' is larger than the maximum image size of {} bytes", path,
                    runtime::kMaxImageBytes));
  };
  // A regular file says its size: refuse an oversized one without reading it.
  std::string bytes;
  if (std::fseek(file, 0, SEEK_END) == 0) {
    const long size = std::ftell(file);
    if (size > 0 && static_cast<uint64_t>(size) > runtime::kMaxImageBytes) return too_large();
    if (size > 0) bytes.reserve(static_cast<size_t>(size));
  }
  std::rewind(file);
  // Otherwise (a pipe) read at most one chunk past the limit.
  char buffer[1 << 16];
  while (bytes.size() <= runtime::kMaxImageBytes) {
    const size_t n = std::fread(buffer, 1, sizeof buffer, file);
    bytes.append(buffer, n);
    if (n < sizeof buffer) break;
  }
  if (std::ferror(file)) {
    return absl::InvalidArgumentError(fmt::format("cannot read policy image '{}'", path));
  }
  if (bytes.size() > runtime::kMaxImageBytes) return too_large();
  return Load(std::move(bytes));
}

Decision Policy::Check(const Request& request) const noexcept {
  return runtime::CheckRequest(impl_->image(), request);
}

Explanation Policy::Explain(const Request& request) const {
  return runtime::ExplainRequest(impl_->image(), request);
}

std::string Policy::FormatExplanation(const Request& request, const Explanation& explanation) const {
  return runtime::FormatExplanation(impl_->image(), request, explanation);
}

ActionId Policy::FindAction(std::string_view name) const noexcept {
  return impl_->image().FindAction(name);
}

RoleId Policy::FindRole(std::string_view name_or_template_id) const noexcept {
  return impl_->image().FindRole(name_or_template_id);
}

uint32_t Policy::action_count() const noexcept { return impl_->image().action_count(); }
uint32_t Policy::role_count() const noexcept { return impl_->image().role_count(); }
uint32_t Policy::rule_count() const noexcept { return impl_->image().rule_count(); }

ActionInfo Policy::action(ActionId id) const {
  const ImageView& image = impl_->image();
  ActionInfo info;
  if (id >= image.action_count()) return info;
  const runtime::ActionEntry e = image.Action(id);
  info.name = image.String(e.name);
  info.description = image.String(e.description);
  info.privileged = (e.flags & runtime::kActionPrivileged) != 0;
  info.custom_allowed = (e.flags & runtime::kActionCustomAllowed) != 0;
  info.protected_action = (e.flags & runtime::kActionProtected) != 0;
  info.intrinsic_rule = image.String(e.intrinsic_text);
  return info;
}

RoleInfo Policy::role(RoleId id) const {
  const ImageView& image = impl_->image();
  RoleInfo info;
  if (id >= image.role_count()) return info;
  const runtime::RoleEntry e = image.Role(id);
  info.name = image.String(e.name);
  info.template_id = image.String(e.template_id);
  info.description = image.String(e.description);
  info.module = image.String(e.module);
  info.privileged = (e.flags & runtime::kRolePrivileged) != 0;
  info.deprecated = (e.flags & runtime::kRoleDeprecated) != 0;
  info.admin_unit_scopable = (e.flags & runtime::kRoleAdminUnitScopable) != 0;
  info.source = SourceRef{image.String(e.source_file), e.source_line, e.source_column};
  return info;
}

RuleInfo Policy::rule(uint32_t index) const {
  const ImageView& image = impl_->image();
  RuleInfo info;
  if (index >= image.rule_count()) return info;
  const runtime::RuleEntry e = image.Rule(index);
  info.is_except = (e.flags & runtime::kRuleExcept) != 0;
  info.role = e.role;
  for (uint32_t p = 0; p < e.pattern_count; ++p) {
    info.patterns.push_back(image.String(image.RulePattern(e.first_pattern + p)));
  }
  info.condition = image.String(e.condition_text);
  info.source = SourceRef{image.String(e.source_file), e.source_line, e.source_column};
  return info;
}

std::vector<uint32_t> Policy::RoleRules(RoleId id) const {
  const ImageView& image = impl_->image();
  std::vector<uint32_t> rules;
  if (id >= image.role_count()) return rules;
  const runtime::RoleEntry e = image.Role(id);
  for (uint32_t r = 0; r < e.rule_count; ++r) rules.push_back(e.first_rule + r);
  return rules;
}

std::vector<ActionId> Policy::RoleActions(RoleId id) const {
  const ImageView& image = impl_->image();
  std::vector<ActionId> actions;
  if (id >= image.role_count()) return actions;
  // The grants are the compiler's precomputation of exactly this, sorted by (role, action).
  auto [first, last] = image.RoleGrants(id);
  for (uint32_t g = first; g < last; ++g) actions.push_back(image.Grant(g).action);
  return actions;
}

std::vector<ActionId> Policy::RoleExceptedActions(RoleId id) const {
  const ImageView& image = impl_->image();
  std::vector<ActionId> actions;
  if (id >= image.role_count()) return actions;
  // Grants list only pairs with an allow rule, so an except over actions the role never allows
  // is found by matching its patterns against the catalog.
  const runtime::RoleEntry role = image.Role(id);
  std::vector<bool> excepted(image.action_count(), false);
  for (uint32_t r = role.first_rule; r < role.first_rule + role.rule_count; ++r) {
    const runtime::RuleEntry rule = image.Rule(r);
    if ((rule.flags & runtime::kRuleExcept) == 0) continue;
    for (uint32_t p = 0; p < rule.pattern_count; ++p) {
      const runtime::PatternMatcher matcher(image.String(image.RulePattern(rule.first_pattern + p)));
      for (ActionId a = 0; a < image.action_count(); ++a) {
        if (!excepted[a] && matcher.Matches(image.String(image.Action(a).name))) {
          excepted[a] = true;
        }
      }
    }
  }
  for (ActionId a = 0; a < image.action_count(); ++a) {
    if (excepted[a]) actions.push_back(a);
  }
  return actions;
}

std::vector<ActionId> Policy::PatternActions(std::string_view pattern) const {
  const ImageView& image = impl_->image();
  std::vector<ActionId> actions;
  if (!runtime::IsWellFormedPattern(pattern)) return actions;
  const runtime::PatternMatcher matcher(pattern);
  for (ActionId a = 0; a < image.action_count(); ++a) {
    if (matcher.Matches(image.String(image.Action(a).name))) actions.push_back(a);
  }
  return actions;
}

std::vector<uint32_t> Policy::GrantRules(RoleId id, ActionId action) const {
  const ImageView& image = impl_->image();
  std::vector<uint32_t> rules;
  if (id >= image.role_count() || action >= image.action_count()) return rules;
  const runtime::GrantBit bit = image.FindGrant(id, action);
  if (!bit.covered()) return rules;
  const runtime::GrantEntry grant = image.Grant(bit.grant());
  for (uint32_t k = 0; k < grant.allow_count + grant.except_count; ++k) {
    rules.push_back(image.GrantRule(grant.first_rule + k));
  }
  return rules;
}

std::vector<ConditionAtom> Policy::RuleConditionAtoms(uint32_t index) const {
  const ImageView& image = impl_->image();
  if (index >= image.rule_count()) return {};
  const uint32_t chunk = image.Rule(index).chunk;
  return chunk == kNone32 ? std::vector<ConditionAtom>{} : runtime::ChunkAtoms(image, chunk);
}

std::vector<ConditionAtom> Policy::IntrinsicRuleAtoms(ActionId id) const {
  const ImageView& image = impl_->image();
  if (id >= image.action_count()) return {};
  const uint32_t chunk = image.Action(id).intrinsic_chunk;
  return chunk == kNone32 ? std::vector<ConditionAtom>{} : runtime::ChunkAtoms(image, chunk);
}

bool Policy::RoleSetContains(uint32_t set, RoleId role) const noexcept {
  const ImageView& image = impl_->image();
  return set < image.role_set_count() && role < image.role_count() &&
         image.RoleSetContains(set, role);
}

std::string_view Policy::bytes() const noexcept { return impl_->bytes(); }

}  // namespace rolec
