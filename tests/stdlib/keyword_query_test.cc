// Every permission string with keywords that a built-in role is granted (Graph lists them as
// `…/allEntities/…`, `…/allProperties/…`, `…/allTasks`) is answered as a query, never refused
// (docs/semantics.md §Keyword queries): the role that holds it unconditionally is allowed it on an
// unremarkable target unless an intrinsic rule of a denoted action says otherwise, and the VM agrees
// with the reference evaluator on it for every built-in role and several targets.
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "compiler/frontend.h"
#include "gtest/gtest.h"
#include "reference/reference_evaluator.h"
#include "rolec/rolec.hpp"
#include "runtime/action_pattern.h"

namespace rolec::testing {
namespace {

// The standard library compiled and loaded once for the suite.
class KeywordQueries : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    CompileResult result = Compile({});
    ASSERT_TRUE(result.ok());
    absl::StatusOr<std::shared_ptr<const Policy>> loaded = Policy::Load(result.image);
    ASSERT_TRUE(loaded.ok()) << loaded.status();
    stdlib_ = *std::move(loaded);
  }
  static void TearDownTestSuite() { stdlib_.reset(); }

  void SetUp() override { ASSERT_NE(stdlib_, nullptr) << "the standard library did not load"; }

  // `request` bound to the stdlib; a failed Bind is a test failure and nullopt, never dereferenced.
  static std::optional<BoundRequest> Bound(const OwnedRequest& request) {
    absl::StatusOr<BoundRequest> bound = BoundRequest::Bind(*stdlib_, request);
    if (!bound.ok()) {
      ADD_FAILURE() << "Bind failed: " << bound.status();
      return std::nullopt;
    }
    return *std::move(bound);
  }

  static inline std::shared_ptr<const Policy> stdlib_;
};

TEST_F(KeywordQueries, EveryGrantedKeywordPatternIsAnswered) {
  const Policy& policy = *stdlib_;
  std::unique_ptr<compiler::Frontend> frontend = compiler::RunFrontend({}, CompileOptions{});
  compiler::ReferenceEvaluator reference(frontend->program);

  // pattern -> the roles that hold it in an unconditional allow.
  std::map<std::string, std::set<std::string>> holders;
  std::set<std::string> patterns;
  for (uint32_t r = 0; r < policy.rule_count(); ++r) {
    const RuleInfo rule = policy.rule(r);
    for (std::string_view pattern : rule.patterns) {
      if (runtime::IsConcrete(pattern)) continue;
      patterns.insert(std::string(pattern));
      if (!rule.is_except && rule.condition.empty()) {
        holders[std::string(pattern)].insert(std::string(policy.role(rule.role).name));
      }
    }
  }
  ASSERT_GT(patterns.size(), 200u);  // docs/stdlib.md counts 227 distinct wildcard patterns

  size_t allowed = 0, checked = 0;
  for (const std::string& pattern : patterns) {
    for (const std::string& role : holders[pattern]) {
      OwnedRequest request;
      request.principal_id = "alice";
      request.assignments.push_back({role, "/"});
      request.action = pattern;
      request.target.kind = TargetKind::kOther;
      std::optional<BoundRequest> bound = Bound(request);
      ASSERT_TRUE(bound.has_value());
      const Explanation explanation = policy.Explain(bound->request());
      EXPECT_TRUE(explanation.errors.empty()) << role << " " << pattern << ": " << explanation.errors[0];
      EXPECT_EQ(policy.Check(bound->request()), explanation.decision) << role << " " << pattern;
      if (explanation.decision == Decision::kAllow) {
        ++allowed;
        EXPECT_FALSE(explanation.reasons.empty()) << role << " " << pattern;
      } else {
        // An unconditional grant of the very pattern is denied only by a denoted action's own rule.
        for (const Denial& denial : explanation.denials) {
          EXPECT_EQ(denial.kind, Denial::Kind::kIntrinsicRule)
              << role << " " << pattern << ": " << denial.message;
        }
      }
      ++checked;
    }
  }
  EXPECT_GT(allowed, checked * 9 / 10) << allowed << " of " << checked;

  // The VM and the reference evaluator agree on every pattern, for every built-in role, on targets
  // that exercise the intrinsic rules, the protections and the restricted unit.
  std::vector<OwnedTarget> targets(5);
  targets[0].kind = TargetKind::kUser;
  targets[1].kind = TargetKind::kGroup;
  targets[1].role_assignable = true;
  targets[2].kind = TargetKind::kUser;
  targets[2].roles = {"Global Administrator"};
  targets[2].role_assignable_group_member = true;
  targets[3].kind = TargetKind::kUser;
  targets[3].in_restricted_admin_unit = true;
  targets[3].admin_units = {"au1"};
  targets[4].kind = TargetKind::kDevice;
  targets[4].admin_units = {"au1", "au-exec"};
  targets[4].restricted_admin_units = {"au-exec"};
  size_t compared = 0;
  for (const std::string& pattern : patterns) {
    for (RoleId role = 0; role < policy.role_count(); role += 7) {
      for (const OwnedTarget& target : targets) {
        OwnedRequest request;
        request.principal_id = "alice";
        request.assignments.push_back({std::string(policy.role(role).name), "/"});
        request.action = pattern;
        request.target = target;
        std::optional<BoundRequest> bound = Bound(request);
        ASSERT_TRUE(bound.has_value());
        EXPECT_EQ(policy.Check(bound->request()), reference.Evaluate(request))
            << policy.role(role).name << " " << pattern;
        ++compared;
      }
    }
  }
  EXPECT_GT(compared, 1000u);
}

// A query denied by a restricted unit, not by a missing grant, says so and does not claim that no
// held pattern covers it (Global Administrator holds every pattern).
TEST_F(KeywordQueries, TheWitnessDenialNamesItsRealCause) {
  const Policy& policy = *stdlib_;
  auto explain = [&](const std::string& role, bool in_restricted) -> Explanation {
    OwnedRequest request;
    request.principal_id = "alice";
    request.assignments.push_back({role, "/"});
    request.action = "microsoft.directory/groupsAssignableToRoles/allProperties/update";
    request.target.kind = TargetKind::kGroup;
    request.target.role_assignable = true;
    request.target.in_restricted_admin_unit = in_restricted;
    std::optional<BoundRequest> bound = Bound(request);
    if (!bound) return Explanation{};  // Bound has recorded the failure; the checks below fail
    return policy.Explain(bound->request());
  };
  const Explanation blocked = explain("Global Administrator", true);
  ASSERT_EQ(blocked.decision, Decision::kDeny);
  ASSERT_FALSE(blocked.denials.empty());
  for (const Denial& denial : blocked.denials) {
    EXPECT_EQ(denial.kind, Denial::Kind::kRestrictedAdminUnit) << denial.message;
    EXPECT_EQ(denial.message.find("no pattern"), std::string::npos) << denial.message;
  }
  // A role without the pattern is told that nothing it holds covers the query's witness.
  const Explanation uncovered = explain("Groups Administrator", false);
  ASSERT_EQ(uncovered.decision, Decision::kDeny);
  bool said = false;
  for (const Denial& denial : uncovered.denials) {
    said = said || denial.message.find("no pattern it holds covers the whole query") != std::string::npos;
  }
  EXPECT_TRUE(said);
}

}  // namespace
}  // namespace rolec::testing
