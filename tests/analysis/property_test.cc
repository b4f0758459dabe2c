// Property tests: the analyses against Policy::Check on random roles and random requests.
//
// Each seed writes a file of four random custom roles (analysis/random_policy_util.h). Then:
//   - exhaustiveness: a random request falls in some case of the domain, and Check on it equals
//     Check on that case's representative (RequestDomain::Classify);
//   - subsumes: every witness is confirmed by Check (B allows, A denies), and a `yes` is never
//     contradicted by a random request;
//   - who-can: a role Check allows on a random request is listed, and never in `never`; WhoCanOn
//     lists exactly the (role, scope) pairs Check allows;
//   - diff: an action reported only-A is never allowed by B on a random request, and one not
//     reported is decided alike by both on every random request.
#include <algorithm>
#include <random>
#include <string>
#include <vector>

#include "analysis/action_domain.h"
#include "analysis/analysis_util.h"
#include "analysis/random_policy_util.h"
#include "analysis/request_domain.h"
#include "fmt/format.h"
#include "gtest/gtest.h"
#include "rolec/analysis.hpp"
#include "rolec/request.hpp"

namespace rolec::analysis_test {
namespace {

using analysis::RoleRef;

class AnalysisProperty : public RandomPolicyTest {
 protected:
  RoleRef Ref(const std::string& name) const { return RoleRef{policy_.get(), policy_->FindRole(name)}; }
};

TEST_P(AnalysisProperty, EveryRandomRequestFallsInACaseDecidedAlike) {
  Random r(GetParam() * 7919u + 1);
  std::vector<std::string> roles = CustomRoles();
  roles.push_back("Helpdesk Administrator");
  roles.push_back("User Administrator");
  for (const char* action : kRandomActions) {
    for (const std::string& role : roles) {
      const RoleRef ref = Ref(role);
      const RoleRef list[] = {ref};
      auto tenant = analysis::RequestDomain::Build(list, action, false);
      auto unit = analysis::RequestDomain::Build(list, action, true);
      ASSERT_TRUE(tenant.ok() && unit.ok());
      for (int i = 0; i < 60; ++i) {
        const OwnedRequest q = RandomRequest(r, role, action);
        absl::StatusOr<BoundRequest> bound = BoundRequest::Bind(*policy_, q);
        ASSERT_TRUE(bound.ok()) << bound.status();
        const Request& request = bound->request();
        const analysis::RequestDomain& half = request.assignments[0].admin_unit.empty() ? *tenant : *unit;
        std::optional<size_t> point = half.Classify(*policy_, request);
        ASSERT_TRUE(point.has_value()) << role << " " << action;
        const bool unit_ok = request.assignments[0].admin_unit.empty() ||
                             policy_->role(ref.role).admin_unit_scopable;
        EXPECT_EQ(policy_->Check(request) == Decision::kAllow, unit_ok && half.Allows(*point, ref))
            << role << " " << action << " point " << *point << "\n" << source_;
      }
    }
  }
}

TEST_P(AnalysisProperty, SubsumesWitnessesHoldAndYesIsNeverContradicted) {
  Random r(GetParam() * 104729u + 3);
  std::vector<std::string> roles = CustomRoles();
  roles.push_back("Helpdesk Administrator");
  for (const std::string& a : roles) {
    for (const std::string& b : roles) {
      absl::StatusOr<analysis::SubsumesResult> result = analysis::Subsumes(Ref(a), Ref(b));
      ASSERT_TRUE(result.ok()) << result.status();
      if (!result->subsumes) {
        ASSERT_EQ(result->witness.assignments.size(), 1u);
        EXPECT_EQ(CheckOwned(*policy_, result->witness), Decision::kAllow) << b << " on " << result->action;
        OwnedRequest as_a = result->witness;
        as_a.assignments[0].role = a;
        EXPECT_EQ(CheckOwned(*policy_, as_a), Decision::kDeny) << a << " on " << result->action;
        continue;
      }
      EXPECT_TRUE(a != b || result->subsumes);
      for (int i = 0; i < 300; ++i) {
        OwnedRequest q = RandomRequest(r, b, r.Pick(kRandomActions));
        if (CheckOwned(*policy_, q) != Decision::kAllow) continue;
        q.assignments[0].role = a;
        EXPECT_EQ(CheckOwned(*policy_, q), Decision::kAllow)
            << "subsumes said yes for " << a << " over " << b << " on " << q.action << "\n" << source_;
      }
    }
  }
}

TEST_P(AnalysisProperty, WhoCanAgreesWithCheck) {
  Random r(GetParam() * 15485863u + 5);
  for (const char* action : kRandomActions) {
    absl::StatusOr<analysis::WhoCanResult> who = analysis::WhoCan(*policy_, action);
    ASSERT_TRUE(who.ok()) << who.status();
    std::vector<RoleId> listed, never;
    for (const auto& group : who->groups) {
      EXPECT_GT(group.cases.tenant.count + group.cases.unit.count, 0u);
      for (const auto& grant : group.roles) listed.push_back(grant.role);
    }
    for (const auto& grant : who->never) never.push_back(grant.role);
    for (int i = 0; i < 200; ++i) {
      std::vector<std::string> roles = CustomRoles();
      roles.push_back(r.Pick(kRandomTargetRoles));
      const std::string& role = roles[static_cast<size_t>(r.Uniform(0, static_cast<int>(roles.size()) - 1))];
      const OwnedRequest q = RandomRequest(r, role, action);
      if (CheckOwned(*policy_, q) != Decision::kAllow) continue;
      const RoleId id = policy_->FindRole(role);
      EXPECT_NE(std::find(listed.begin(), listed.end(), id), listed.end()) << role << " " << action;
      EXPECT_EQ(std::find(never.begin(), never.end(), id), never.end()) << role << " " << action;
    }
    // WhoCanOn: exactly the (role, scope) pairs Check allows.
    for (int i = 0; i < 10; ++i) {
      OwnedRequest q = RandomRequest(r, "User", action);
      absl::StatusOr<std::vector<analysis::TargetGrant>> on = analysis::WhoCanOn(*policy_, q);
      ASSERT_TRUE(on.ok()) << on.status();
      std::vector<std::string> scopes = {"/"};
      for (const std::string& unit : q.target.admin_units) scopes.push_back("/administrativeUnits/" + unit);
      size_t allowed = 0;
      for (RoleId role = 0; role < policy_->role_count(); ++role) {
        for (const std::string& scope : scopes) {
          if (scope != "/" && !policy_->role(role).admin_unit_scopable) continue;
          OwnedRequest one = q;
          one.assignments = {OwnedAssignment{std::string(policy_->role(role).name), scope}};
          const bool allow = CheckOwned(*policy_, one) == Decision::kAllow;
          const bool listed_here = std::any_of(on->begin(), on->end(), [&](const analysis::TargetGrant& g) {
            return g.role == role && g.scope == scope;
          });
          EXPECT_EQ(allow, listed_here) << policy_->role(role).name << " @ " << scope << " " << action;
          allowed += allow ? 1 : 0;
        }
      }
      EXPECT_EQ(allowed, on->size());
    }
  }
}

TEST_P(AnalysisProperty, DiffClaimsAgreeWithCheck) {
  Random r(GetParam() * 32452843u + 7);
  const std::vector<std::string> roles = CustomRoles();
  for (size_t i = 0; i + 1 < roles.size(); ++i) {
    const std::string& a = roles[i];
    const std::string& b = roles[i + 1];
    absl::StatusOr<analysis::DiffResult> diff = analysis::Diff(Ref(a), Ref(b));
    ASSERT_TRUE(diff.ok()) << diff.status();
    for (const char* action : kRandomActions) {
      const analysis::ActionDiff* found = nullptr;
      for (const auto& d : diff->diffs) {
        if (d.action == action) found = &d;
      }
      bool a_seen = false, b_seen = false, differ = false;
      for (int k = 0; k < 150; ++k) {
        OwnedRequest q = RandomRequest(r, a, action);
        const bool in_a = CheckOwned(*policy_, q) == Decision::kAllow;
        q.assignments[0].role = b;
        const bool in_b = CheckOwned(*policy_, q) == Decision::kAllow;
        a_seen = a_seen || in_a;
        b_seen = b_seen || in_b;
        differ = differ || in_a != in_b;
        if (found == nullptr) {
          EXPECT_EQ(in_a, in_b) << action << ": diff says alike\n" << source_;
        } else if (found->kind == analysis::ActionDiff::Kind::kOnlyA) {
          EXPECT_FALSE(in_b) << action << ": diff says only A\n" << source_;
        } else if (found->kind == analysis::ActionDiff::Kind::kOnlyB) {
          EXPECT_FALSE(in_a) << action << ": diff says only B\n" << source_;
        }
      }
      if (found != nullptr && found->kind == analysis::ActionDiff::Kind::kDifferent) {
        EXPECT_FALSE(found->a_not_b.tenant.none() && found->a_not_b.unit.none() &&
                     found->b_not_a.tenant.none() && found->b_not_a.unit.none());
      }
    }
  }
}

INSTANTIATE_TEST_SUITE_P(Seeds, AnalysisProperty, ::testing::Range(1u, 13u));

}  // namespace
}  // namespace rolec::analysis_test
