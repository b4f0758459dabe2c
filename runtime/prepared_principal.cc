// runtime/prepared_principal.cc — Policy::Prepare and the checks of a prepared principal: the
// unconditional-column fast path (unconditional_columns.h), else the evaluator's full walk over the
// same assignments, so the decision is Check(Request)'s.
#include "runtime/prepared_principal.h"

#include <memory>
#include <utility>

#include "absl/status/status.h"
#include "fmt/format.h"
#include "runtime/evaluator.h"
#include "runtime/image_format.h"
#include "runtime/policy_impl.h"

namespace rolec {
namespace {

using State = PreparedPrincipal::State;

// The fast path's verdict, from the action's columns (unconditional_columns.h) and the
// principal's masks alone. kAllow: a tenant-scoped role of the principal has an unconditional
// grant of the catalog action, which has no intrinsic rule, the target is in no restricted
// administrative unit (the only other veto on a tenant-scoped grant), and the request is valid
// (Check(Request) denies a target role id outside the policy whatever the grants say). kDeny: no
// role of the principal, at any scope, has a grant of the action. kUnknown: the caller walks the
// assignments.
enum class Fast { kAllow, kDeny, kUnknown };

inline Fast FastDecision(const PolicyImpl& impl, const State& state, ActionId action,
                         const Target& target) noexcept {
  const runtime::ImageView& image = impl.image();
  if (action >= image.action_count()) return Fast::kDeny;  // Check(Request) denies it too
  const uint64_t* column = impl.unconditional().Column(action);
  const uint32_t words = state.words;
  uint64_t unconditional = 0, covered = 0;
  for (uint32_t w = 0; w < words; ++w) {
    unconditional |= column[w] & state.mask[w];
    covered |= column[words + w] & state.mask[words + w];
  }
  if (covered == 0) return Fast::kDeny;
  if (unconditional == 0 || InRestrictedAdminUnit(target)) return Fast::kUnknown;
  const uint32_t roles = image.role_count();
  for (const RoleId role : target.roles) {
    if (role >= roles) return Fast::kDeny;  // an invalid request
  }
  return Fast::kAllow;
}

Request RequestFor(const State& state, ActionId action_id, std::string_view action,
                   const Target& target, const Context& context) noexcept {
  return Request{state.id, state.assignments, action_id, action, target, context};
}

Explanation ForeignPrincipal() {
  Explanation explanation;
  explanation.errors.push_back(
      "the principal was not prepared by this policy (a PreparedPrincipal is bound to the Policy "
      "whose Prepare made it; prepare it again for this one)");
  return explanation;
}

}  // namespace

PreparedPrincipal::PreparedPrincipal() noexcept = default;
PreparedPrincipal::~PreparedPrincipal() = default;
PreparedPrincipal::PreparedPrincipal(const PreparedPrincipal&) noexcept = default;
PreparedPrincipal& PreparedPrincipal::operator=(const PreparedPrincipal&) noexcept = default;
PreparedPrincipal::PreparedPrincipal(PreparedPrincipal&&) noexcept = default;
PreparedPrincipal& PreparedPrincipal::operator=(PreparedPrincipal&&) noexcept = default;

std::string_view PreparedPrincipal::principal_id() const noexcept {
  return state_ != nullptr ? std::string_view(state_->id) : std::string_view();
}

absl::Span<const Assignment> PreparedPrincipal::assignments() const noexcept {
  return state_ != nullptr ? absl::MakeConstSpan(state_->assignments)
                           : absl::Span<const Assignment>();
}

absl::StatusOr<PreparedPrincipal> Policy::Prepare(std::string_view principal_id,
                                                  absl::Span<const Assignment> assignments) const {
  const runtime::ImageView& image = impl_->image();
  const uint32_t roles = image.role_count();
  for (size_t i = 0; i < assignments.size(); ++i) {
    const Assignment& assignment = assignments[i];
    if (assignment.role == kNoRole) {
      return absl::InvalidArgumentError(
          fmt::format("assignment {}: no role (kNoRole: a role name that FindRole did not know?)", i));
    }
    if (assignment.role >= roles) {
      return absl::InvalidArgumentError(fmt::format(
          "assignment {}: role id {} is not in the policy (it has {} roles)", i, assignment.role,
          roles));
    }
    if (!assignment.admin_unit.empty() &&
        (image.Role(assignment.role).flags & runtime::kRoleAdminUnitScopable) == 0) {
      return absl::InvalidArgumentError(fmt::format(
          "assignment {}: role '{}' cannot be assigned at administrative-unit scope "
          "(/administrativeUnits/{}); docs/semantics.md §Administrative units",
          i, image.String(image.Role(assignment.role).name), assignment.admin_unit));
    }
  }

  auto state = std::make_shared<State>();
  state->policy_serial = impl_->serial();
  state->words = impl_->unconditional().words();
  uint64_t* mask = state->inline_mask;
  if (state->words > State::kInlineWords) {
    state->heap_mask.assign(2 * uint64_t{state->words}, 0);
    mask = state->heap_mask.data();
  }
  state->mask = mask;
  state->id = std::string(principal_id);
  state->units.reserve(assignments.size());
  for (const Assignment& assignment : assignments) state->units.emplace_back(assignment.admin_unit);
  // Only now that `units` is complete: the views must not see a reallocation.
  state->assignments.reserve(assignments.size());
  for (size_t i = 0; i < assignments.size(); ++i) {
    const RoleId role = assignments[i].role;
    state->assignments.push_back(Assignment{role, state->units[i]});
    if (assignments[i].admin_unit.empty()) mask[role / 64] |= uint64_t{1} << (role % 64);
    mask[state->words + role / 64] |= uint64_t{1} << (role % 64);
  }
  PreparedPrincipal principal;
  principal.state_ = std::move(state);
  return principal;
}

Decision Policy::Check(const PreparedPrincipal& principal, ActionId action, const Target& target,
                       const Context& context) const noexcept {
  const State* state = principal.state_.get();
  if (state == nullptr || state->policy_serial != impl_->serial()) return Decision::kDeny;
  switch (FastDecision(*impl_, *state, action, target)) {
    case Fast::kAllow: return Decision::kAllow;
    case Fast::kDeny: return Decision::kDeny;
    case Fast::kUnknown: break;
  }
  return runtime::CheckRequest(impl_->image(), RequestFor(*state, action, {}, target, context));
}

Decision Policy::Check(const PreparedPrincipal& principal, std::string_view action,
                       const Target& target, const Context& context) const noexcept {
  const State* state = principal.state_.get();
  if (state == nullptr || state->policy_serial != impl_->serial()) return Decision::kDeny;
  const ActionId id = impl_->image().FindAction(action);
  if (id == kNoAction) {
    // Outside the catalog, a keyword query or malformed: the evaluator's string paths.
    return runtime::CheckRequest(impl_->image(),
                                 RequestFor(*state, kNoAction, action, target, context));
  }
  switch (FastDecision(*impl_, *state, id, target)) {
    case Fast::kAllow: return Decision::kAllow;
    case Fast::kDeny: return Decision::kDeny;
    case Fast::kUnknown: break;
  }
  // A catalog name decides as its id does (every test of the action's name ignores case), and
  // the id saves the evaluator a second lookup.
  return runtime::CheckRequest(impl_->image(), RequestFor(*state, id, {}, target, context));
}

Explanation Policy::Explain(const PreparedPrincipal& principal, ActionId action,
                            const Target& target, const Context& context) const {
  const State* state = principal.state_.get();
  if (state == nullptr || state->policy_serial != impl_->serial()) return ForeignPrincipal();
  return runtime::ExplainRequest(impl_->image(), RequestFor(*state, action, {}, target, context));
}

Explanation Policy::Explain(const PreparedPrincipal& principal, std::string_view action,
                            const Target& target, const Context& context) const {
  const State* state = principal.state_.get();
  if (state == nullptr || state->policy_serial != impl_->serial()) return ForeignPrincipal();
  return runtime::ExplainRequest(impl_->image(),
                                 RequestFor(*state, kNoAction, action, target, context));
}

}  // namespace rolec
