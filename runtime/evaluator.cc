// runtime/evaluator.cc — Check and Explain, one template (see evaluator.h).
#include "runtime/evaluator.h"

#include <algorithm>
#include <optional>
#include <string_view>

#include "fmt/format.h"
#include "runtime/action_pattern.h"
#include "runtime/condition_explain.h"
#include "runtime/condition_vm.h"

namespace rolec::runtime {
namespace {

bool Contains(absl::Span<const std::string_view> items, std::string_view item) noexcept {
  for (std::string_view candidate : items) {
    if (candidate == item) return true;
  }
  return false;
}

// The covering rules of a catalog action: the grant's lists, straight from the image.
class GrantRules {
 public:
  GrantRules(const ImageView& image, const GrantEntry& grant) noexcept : image_(image), grant_(grant) {}

  // Calls fn(rule) for each covering allow (or except) rule, in ascending order, until it
  // returns false.
  template <class Fn>
  void ForEach(bool excepts, Fn&& fn) const noexcept {
    const uint32_t first = grant_.first_rule + (excepts ? grant_.allow_count : 0);
    const uint32_t count = excepts ? grant_.except_count : grant_.allow_count;
    for (uint32_t k = 0; k < count; ++k) {
      if (!fn(image_.GrantRule(first + k))) return;
    }
  }

 private:
  const ImageView& image_;
  GrantEntry grant_;
};

// The covering rules of an action outside the catalog: the role's rules with a pattern that
// matches the action exactly (the slow path).
class PatternRules {
 public:
  PatternRules(const ImageView& image, const RoleEntry& role, const ActionSegments& action) noexcept
      : image_(image), role_(role), action_(action) {}

  template <class Fn>
  void ForEach(bool excepts, Fn&& fn) const noexcept {
    const uint32_t end = role_.first_rule + role_.rule_count;
    for (uint32_t rule = role_.first_rule; rule < end; ++rule) {
      RuleEntry entry = image_.Rule(rule);
      if (((entry.flags & kRuleExcept) != 0) != excepts || !Covers(entry)) continue;
      if (!fn(rule)) return;
    }
  }

 private:
  bool Covers(const RuleEntry& rule) const noexcept {
    const uint32_t end = rule.first_pattern + rule.pattern_count;
    for (uint32_t p = rule.first_pattern; p < end; ++p) {
      if (PatternMatches(image_.String(image_.RulePattern(p)), action_)) return true;
    }
    return false;
  }

  const ImageView& image_;
  RoleEntry role_;
  const ActionSegments& action_;
};

std::string RuleText(const ImageView& image, uint32_t rule) {
  RuleEntry entry = image.Rule(rule);
  std::string text = (entry.flags & kRuleExcept) ? "except " : "allow ";
  for (uint32_t p = 0; p < entry.pattern_count; ++p) {
    if (p > 0) text += ", ";
    text += image.String(image.RulePattern(entry.first_pattern + p));
  }
  return text;
}

std::string ScopeText(std::string_view admin_unit) {
  return admin_unit.empty() ? std::string("/") : fmt::format("/administrativeUnits/{}", admin_unit);
}

template <bool kExplain>
class Evaluation {
 public:
  Evaluation(const ImageView& image, const Request& request, Explanation* explanation) noexcept
      : image_(image), request_(request), explanation_(explanation) {}

  Decision Run() noexcept(!kExplain) {
    if (!ValidateRequest()) return Decision::kDeny;
    const bool allowed = query_ ? QueryAllowed() : ActionAllowed();
    if constexpr (kExplain) {
      explanation_->decision = allowed ? Decision::kAllow : Decision::kDeny;
      // Denials explain a deny; once every action is allowed, the assignments that did not matter.
      if (allowed) explanation_->denials.clear();
    }
    return allowed ? Decision::kAllow : Decision::kDeny;
  }

 private:
  template <class... Args>
  void Error(fmt::format_string<Args...> format, Args&&... args) {
    if constexpr (kExplain) {
      explanation_->errors.push_back(fmt::format(format, std::forward<Args>(args)...));
    }
  }

  // Records a denial; `message` is only called when explaining, so Check never formats.
  template <class MakeMessage>
  void Deny(Denial::Kind kind, uint32_t assignment, uint32_t rule, MakeMessage&& message) {
    if constexpr (kExplain) {
      Denial denial;
      denial.kind = kind;
      denial.assignment_index = assignment;
      denial.role = request_.assignments[assignment].role;
      denial.rule = rule;
      denial.message = message();
      explanation_->denials.push_back(std::move(denial));
    }
  }

  // The current action (a concrete request action, or one action a keyword query denotes) is allowed
  // by some assignment. Denials recorded while deciding it stay when it is denied.
  bool ActionAllowed() {
    bool allowed = false;
    for (uint32_t i = 0; i < request_.assignments.size(); ++i) {
      if (AssignmentAllows(i)) {
        allowed = true;
        if constexpr (!kExplain) break;
      }
    }
    return allowed;
  }

  // docs/semantics.md §Keyword queries: a query with keywords is allowed iff every catalog action it
  // denotes is, and so is its witness (the query with each keyword replaced by a name no catalog or
  // concrete pattern holds), which stands for the actions outside the catalog it denotes. The
  // assignment that allows may differ from one action to the next: grants add up.
  bool QueryAllowed() {
    const std::string_view query = request_.action;
    const PatternMatcher matcher(query);
    const uint32_t actions = image_.action_count();
    uint32_t denoted = 0;
    for (ActionId id = 0; id < actions; ++id) {
      const std::string_view name = image_.String(image_.Action(id).name);
      if (!matcher.Matches(name)) continue;
      ++denoted;
      SetCatalogAction(id);
      action_name_ = name;
      if (!DecideDenoted(name)) return false;
    }
    in_catalog_ = false;
    action_id_ = kNoAction;
    action_segments_.emplace(QueryWitness(query));
    action_name_ = {};
    if (!DecideDenoted({})) return false;
    if constexpr (kExplain) {
      explanation_->notes.push_back(fmt::format(
          "the query '{}' holds keywords: {}, and every action outside the catalog that it "
          "denotes is allowed too (a rule's pattern covers the whole query)",
          query,
          denoted == 0 ? std::string("it denotes no catalog action")
                       : fmt::format("the {} catalog action{} it denotes {} allowed", denoted,
                                     denoted == 1 ? "" : "s", denoted == 1 ? "is" : "are")));
    }
    return true;
  }

  // One action of a keyword query; `name` is empty for the witness. Explain keeps the reasons of
  // every allowed action (once per assignment and rule) and the denials of the first denied one.
  bool DecideDenoted(std::string_view name) {
    size_t denials_before = 0;
    size_t reasons_before = 0;
    if constexpr (kExplain) {
      denials_before = explanation_->denials.size();
      reasons_before = explanation_->reasons.size();
    }
    const bool allowed = ActionAllowed();
    if constexpr (kExplain) {
      auto& denials = explanation_->denials;
      if (allowed) {
        denials.resize(denials_before);
        auto& reasons = explanation_->reasons;
        size_t kept = reasons_before;
        for (size_t k = reasons_before; k < reasons.size(); ++k) {
          bool seen = false;
          for (size_t j = 0; j < kept && !seen; ++j) {
            seen = reasons[j].assignment_index == reasons[k].assignment_index &&
                   reasons[j].rule == reasons[k].rule;
          }
          if (!seen) reasons[kept++] = reasons[k];
        }
        reasons.resize(kept);
      } else {
        const std::string what =
            name.empty() ? fmt::format("the actions outside the catalog that '{}' denotes",
                                       request_.action)
                         : fmt::format("'{}', which the query denotes", name);
        for (size_t k = denials_before; k < denials.size(); ++k) {
          // Only a missing grant means no held pattern covers the whole query; a restricted unit
          // or a unit scope denies the witness although a pattern covers it.
          const bool uncovered = name.empty() && denials[k].kind == Denial::Kind::kNoGrant;
          denials[k].message = fmt::format("for {}: {}{}", what, denials[k].message,
                                           uncovered ? " (no pattern it holds covers the whole query)"
                                                     : "");
        }
        if (denials.size() == denials_before) {
          explanation_->notes.push_back(fmt::format("{} is not allowed", what));
        }
        explanation_->reasons.clear();  // a query is allowed only as a whole
      }
    }
    return allowed;
  }

  bool ValidateRequest() {
    bool ok = true;
    const uint32_t roles = image_.role_count();
    for (size_t i = 0; i < request_.assignments.size(); ++i) {
      const RoleId role = request_.assignments[i].role;
      if (role >= roles) {
        if constexpr (!kExplain) return false;
        ok = false;
        Error("assignment {} names role id {}, but the policy has {} roles", i, role, roles);
      } else if (!request_.assignments[i].admin_unit.empty() &&
                 (image_.Role(role).flags & kRoleAdminUnitScopable) == 0) {
        // docs/semantics.md §Administrative units: Entra refuses such an assignment, so a request
        // that claims one is wrong, and wrong requests are denied.
        if constexpr (!kExplain) return false;
        ok = false;
        Error("assignment {}: role '{}' cannot be assigned at administrative-unit scope "
              "(/administrativeUnits/{}); only the roles admin-units-assign-roles.md lists, and "
              "custom roles with a permission on users, groups or devices, can be",
              i, image_.String(image_.Role(role).name), request_.assignments[i].admin_unit);
      }
    }
    for (size_t i = 0; i < request_.target.roles.size(); ++i) {
      const RoleId role = request_.target.roles[i];
      if (role >= roles) {
        if constexpr (!kExplain) return false;
        ok = false;
        Error("the target's role {} is role id {}, but the policy has {} roles", i, role, roles);
      }
    }
    if (request_.action_id != kNoAction) {
      if (request_.action_id >= image_.action_count()) {
        if constexpr (!kExplain) return false;
        Error("action id {} is not in the catalog ({} actions)", request_.action_id,
              image_.action_count());
        return false;
      }
      SetCatalogAction(request_.action_id);
    } else {
      const ActionId id = image_.FindAction(request_.action);
      if (id != kNoAction) {
        SetCatalogAction(id);
        action_name_ = request_.action;  // equal to the catalog's name, ignoring case
      } else if (IsWellFormedAction(request_.action)) {
        action_name_ = request_.action;
        // Split once here rather than once per pattern on the slow path.
        action_segments_.emplace(SplitAction(request_.action));
      } else if (IsWellFormedPattern(request_.action)) {
        query_ = true;  // keywords in their places: QueryAllowed
      } else {
        if constexpr (!kExplain) return false;
        Error("malformed action '{}': {}", request_.action, ActionError(request_.action));
        return false;
      }
    }
    return ok;
  }

  // The action's entry is not read here: a denial without a grant never needs it, an allow needs
  // its intrinsic rule (IntrinsicRuleHolds) and a target in a restricted unit its name (ActionName).
  void SetCatalogAction(ActionId id) noexcept {
    in_catalog_ = true;
    action_id_ = id;
  }

  // The action's name: the request's spelling, or for an action given by id the catalog's. Empty
  // for a keyword query's witness (its segments are in action_segments_).
  std::string_view ActionName() const noexcept {
    if (!action_name_.empty() || !in_catalog_) return action_name_;
    return image_.String(image_.Action(action_id_).name);
  }

  // The current action's segments: a view of its name, or the witness.
  ActionSegments CurrentSegments() const noexcept {
    if (action_segments_.has_value() && !in_catalog_) return *action_segments_;
    return SplitAction(ActionName());
  }

  // docs/semantics.md §Administrative units, decision step 2: on a target in a restricted
  // management unit, a modification or a BitLocker key read needs an assignment scoped to a
  // restricted unit that holds the target (step 1 has checked that a scoped one holds it). When
  // the request does not say which of the target's units are restricted, a scoped assignment
  // passes only if the target has one unit, which must then be the restricted one.
  bool RestrictedUnitPermits(uint32_t i) {
    const Target& target = request_.target;
    const std::string_view unit = request_.assignments[i].admin_unit;
    const ActionSegments segments = CurrentSegments();
    const bool key_read = IsBitLockerKeyRead(segments);
    if (!key_read && IsReadAction(segments)) return true;
    enum class Why { kTenantWide, kRegularUnit, kUnitNotNamed } why;
    if (unit.empty()) {
      why = Why::kTenantWide;
    } else if (!target.restricted_admin_units.empty()) {
      if (Contains(target.restricted_admin_units, unit)) return true;
      why = Why::kRegularUnit;
    } else {
      if (target.admin_units.size() == 1) return true;
      why = Why::kUnitNotNamed;
    }
    Deny(Denial::Kind::kRestrictedAdminUnit, i, kNone32, [&] {
      const std::string_view what =
          key_read ? "read its BitLocker recovery key" : "modify it";
      switch (why) {
        case Why::kTenantWide:
          return fmt::format("the target is in a restricted management administrative unit: only "
                             "an assignment scoped to a restricted unit that contains it can {}, "
                             "not a tenant-wide one",
                             what);
        case Why::kRegularUnit:
          return fmt::format("the target is in a restricted management administrative unit: only "
                             "an assignment scoped to a restricted unit that contains it can {}; "
                             "'{}' is not one of its restricted units",
                             what, unit);
        case Why::kUnitNotNamed:
          break;
      }
      return fmt::format("the target is in a restricted management administrative unit, and the "
                         "request does not say which of its {} units are restricted "
                         "(restrictedAdminUnits): an assignment scoped to '{}' cannot {}, since "
                         "'{}' may be a regular unit",
                         target.admin_units.size(), unit, what, unit);
    });
    return false;
  }

  // Explain only: `message` followed by the part of the condition that decided it and the request
  // fact behind it (condition_explain.h), e.g. "...: `not target.role_assignable_group_member` is
  // false (the target is a member or owner of a role-assignable group)".
  std::string WithDecidingTerms(std::string message, uint32_t chunk,
                                const Assignment& assignment) const {
    const std::string terms = ExplainCondition(
        image_, chunk, LeafContext{image_, request_, assignment.admin_unit, assignment.role});
    if (!terms.empty()) message += ": " + terms;
    return message;
  }

  bool RuleHolds(uint32_t rule, const Assignment& assignment) noexcept {
    const uint32_t chunk = image_.Rule(rule).chunk;
    return chunk == kNone32 ||
           RunCondition(image_, chunk, request_, assignment.admin_unit, assignment.role);
  }

  bool AssignmentAllows(uint32_t i) {
    const Assignment& assignment = request_.assignments[i];
    const Target& target = request_.target;
    if (!assignment.admin_unit.empty()) {
      // docs/semantics.md §Administrative units: a unit holds users, groups and devices, and an
      // assignment scoped to it reaches only those members, never tenant-wide objects.
      const bool member_kind = target.kind == TargetKind::kUser || target.kind == TargetKind::kGroup ||
                               target.kind == TargetKind::kDevice;
      if (!member_kind || !Contains(target.admin_units, assignment.admin_unit)) {
        Deny(Denial::Kind::kScopeMismatch, i, kNone32, [&] {
          if (!member_kind) {
            return fmt::format("the assignment is scoped to administrative unit '{}', which holds "
                               "only users, groups and devices; the target is {}",
                               assignment.admin_unit,
                               target.kind == TargetKind::kUnspecified
                                   ? std::string("of no stated kind")
                                   : fmt::format("a {}", TargetKindName(target.kind)));
          }
          return fmt::format("the assignment is scoped to administrative unit '{}', which does not "
                             "contain the target",
                             assignment.admin_unit);
        });
        return false;
      }
      const ActionSegments segments = CurrentSegments();
      const bool device_key =
          target.kind == TargetKind::kDevice && IsBitLockerKeyRead(segments);
      if (!IsAdminUnitMemberAction(segments) && !device_key) {
        Deny(Denial::Kind::kScopeMismatch, i, kNone32, [&] {
          return fmt::format("the assignment is scoped to administrative unit '{}': it applies only "
                             "to actions on the unit's users, groups and devices "
                             "(microsoft.directory/users|groups|devices/..., and a member "
                             "device's BitLocker key), not to tenant-wide objects and settings",
                             assignment.admin_unit);
        });
        return false;
      }
    }
    if (InRestrictedAdminUnit(target) && !RestrictedUnitPermits(i)) return false;

    if (in_catalog_) {
      const GrantBit grant = image_.FindGrant(assignment.role, action_id_);
      if (!grant.covered()) {
        Deny(Denial::Kind::kNoGrant, i, kNone32, [&] {
          return fmt::format("no rule of role '{}' covers the action",
                             image_.String(image_.Role(assignment.role).name));
        });
        return false;
      }
      if constexpr (!kExplain) {
        // The fast path: an unconditional allow and no except, known without reading a rule.
        if (grant.unconditional()) return IntrinsicRuleHolds(i, kNone32);
      }
      return Decide(i, GrantRules(image_, image_.Grant(grant.grant())));
    }
    return Decide(i, PatternRules(image_, image_.Role(assignment.role), *action_segments_));
  }

  template <class Rules>
  bool Decide(uint32_t i, const Rules& rules) {
    const Assignment& assignment = request_.assignments[i];
    bool any_allow = false;
    uint32_t first_allow = kNone32;
    rules.ForEach(false, [&](uint32_t rule) {
      any_allow = true;
      if (!RuleHolds(rule, assignment)) return true;
      first_allow = rule;
      return false;
    });
    if (!any_allow) {
      // Only on the slow path: a catalog action's grant always lists an allow rule.
      Deny(Denial::Kind::kNoGrant, i, kNone32, [&] {
        return fmt::format("no rule of role '{}' covers the action (it is not in the catalog, so "
                           "it was matched exactly against the role's patterns)",
                           image_.String(image_.Role(request_.assignments[i].role).name));
      });
      return false;
    }
    if (first_allow == kNone32) {
      if constexpr (!kExplain) return false;
      // No allow rule held: each covering allow rule's condition failed.
      rules.ForEach(false, [&](uint32_t rule) {
        Deny(Denial::Kind::kConditionFailed, i, rule, [&] {
          const RuleEntry entry = image_.Rule(rule);
          return WithDecidingTerms(
              fmt::format("condition failed: {}", image_.String(entry.condition_text)), entry.chunk,
              assignment);
        });
        return true;
      });
    }
    bool excepted = false;
    rules.ForEach(true, [&](uint32_t rule) {
      if (!RuleHolds(rule, assignment)) return true;
      excepted = true;
      Deny(Denial::Kind::kExcepted, i, rule, [&] {
        const RuleEntry entry = image_.Rule(rule);
        std::string message = fmt::format("removed by `{}`", RuleText(image_, rule));
        if (entry.chunk != kNone32) {
          message += fmt::format(" (its condition held: {})", image_.String(entry.condition_text));
        }
        return message;
      });
      return kExplain;  // Check stops at the first except that fires
    });
    if (first_allow == kNone32 || excepted) return false;
    return IntrinsicRuleHolds(i, first_allow);
  }

  bool IntrinsicRuleHolds(uint32_t i, uint32_t allow_rule) {
    const Assignment& assignment = request_.assignments[i];
    if (!in_catalog_) return Allow(i, allow_rule);
    const ActionEntry action = image_.Action(action_id_);
    if (action.intrinsic_chunk != kNone32 &&
        !RunCondition(image_, action.intrinsic_chunk, request_, assignment.admin_unit,
                      assignment.role)) {
      Deny(Denial::Kind::kIntrinsicRule, i, allow_rule, [&] {
        return WithDecidingTerms(
            fmt::format("the action's target rule failed: {}", image_.String(action.intrinsic_text)),
            action.intrinsic_chunk, assignment);
      });
      return false;
    }
    return Allow(i, allow_rule);
  }

  bool Allow(uint32_t i, uint32_t allow_rule) {
    if constexpr (kExplain) {
      explanation_->reasons.push_back(AllowReason{i, request_.assignments[i].role, allow_rule});
    }
    return true;
  }

  const ImageView& image_;
  const Request& request_;
  Explanation* explanation_;  // null for Check

  bool query_ = false;  // the request's action holds keywords (QueryAllowed)
  bool in_catalog_ = false;
  ActionId action_id_ = kNoAction;
  std::string_view action_name_;
  // The slow path's action, split once. Optional so that the fast path does not even initialize it.
  std::optional<ActionSegments> action_segments_;
};

}  // namespace

Decision CheckRequest(const ImageView& image, const Request& request) noexcept {
  return Evaluation<false>(image, request, nullptr).Run();
}

Explanation ExplainRequest(const ImageView& image, const Request& request) {
  Explanation explanation;
  Evaluation<true>(image, request, &explanation).Run();
  return explanation;
}

std::string FormatExplanation(const ImageView& image, const Request& request,
                              const Explanation& explanation) {
  // A catalog action is shown in the catalog's spelling, whatever the case of the request.
  std::string_view action = request.action;
  ActionId id = request.action_id;
  if (id == kNoAction) id = image.FindAction(request.action);
  if (id != kNoAction && id < image.action_count()) action = image.String(image.Action(id).name);
  auto role_name = [&](RoleId role) {
    return role < image.role_count() ? fmt::format("'{}'", image.String(image.Role(role).name))
                                     : fmt::format("id {}", role);
  };
  auto assignment_text = [&](uint32_t index, RoleId role) {
    std::string scope = index < request.assignments.size()
                            ? ScopeText(request.assignments[index].admin_unit)
                            : std::string("?");
    return fmt::format("assignment {} (role {}, scope {})", index, role_name(role), scope);
  };
  auto rule_text = [&](uint32_t rule, bool with_condition) {
    const RuleEntry entry = image.Rule(rule);
    std::string text = RuleText(image, rule);
    if (with_condition && entry.chunk != kNone32) {
      text += fmt::format(" when {}", image.String(entry.condition_text));
    }
    return fmt::format("`{}` at {}:{}:{}", text, image.String(entry.source_file), entry.source_line,
                       entry.source_column);
  };

  std::string out = fmt::format(
      "{} {}\n", explanation.decision == Decision::kAllow ? "allow" : "deny", action);
  for (const AllowReason& reason : explanation.reasons) {
    out += fmt::format("  {}: allowed by ", assignment_text(reason.assignment_index, reason.role));
    out += reason.rule < image.rule_count() ? rule_text(reason.rule, true) : std::string("a rule");
    out += "\n";
  }
  for (const Denial& denial : explanation.denials) {
    out += fmt::format("  {}: ", assignment_text(denial.assignment_index, denial.role));
    if (denial.rule < image.rule_count()) {
      // A failed condition is named in the message; an except is shown with its own.
      out += rule_text(denial.rule, false);
      out += ": ";
    }
    out += denial.message;
    out += "\n";
  }
  for (const std::string& note : explanation.notes) out += fmt::format("  note: {}\n", note);
  for (const std::string& error : explanation.errors) out += fmt::format("  error: {}\n", error);
  if (explanation.decision == Decision::kDeny && explanation.denials.empty() &&
      explanation.errors.empty()) {
    out += "  no role assignment: default deny\n";
  }
  return out;
}

}  // namespace rolec::runtime
