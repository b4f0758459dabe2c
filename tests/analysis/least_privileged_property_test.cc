// Property tests of least-privileged against Policy::Check and Subsumes, on random roles (the
// generator of property_test.cc) with the standard library:
//   - RoleIndex::Covers agrees with Subsumes;
//   - for random questions (one to three actions, for some request or on a random target), every
//     listed role's witness requests are allowed by Check (one assignment of the role, the same
//     scope for every need with a target), and every role of the policy that is not listed fails a
//     need — found by brute force over every role: for a need with a target, Check at every scope;
//     for one without, every case of a domain built for that role alone, plus random requests;
//   - the ranking never puts a role after one it strictly covers (by Subsumes), and a row's
//     criterion is "subsumption" exactly when Subsumes says the next row strictly covers it.
#include <algorithm>
#include <map>
#include <optional>
#include <utility>
#include <string>
#include <vector>

#include "analysis/analysis_util.h"
#include "analysis/random_policy_util.h"
#include "analysis/request_domain.h"
#include "gtest/gtest.h"
#include "rolec/analysis.hpp"

namespace rolec::analysis_test {
namespace {

using analysis::RoleRef;

class LeastPrivilegedProperty : public RandomPolicyTest {
 protected:
  void SetUp() override {
    RandomPolicyTest::SetUp();
    if (HasFatalFailure()) return;
    absl::StatusOr<analysis::RoleIndex> index = analysis::RoleIndex::Build(*policy_);
    ASSERT_TRUE(index.ok()) << index.status();
    index_.emplace(std::move(*index));
  }
  RoleRef Ref(RoleId role) const { return RoleRef{policy_.get(), role}; }
  bool Subsumes(RoleId a, RoleId b) {
    auto [it, fresh] = subsumes_.try_emplace({a, b}, false);
    if (fresh) {
      absl::StatusOr<analysis::SubsumesResult> result = analysis::Subsumes(Ref(a), Ref(b));
      EXPECT_TRUE(result.ok()) << result.status();
      it->second = result.ok() && result->subsumes;
    }
    return it->second;
  }

  // Whether some request with one assignment of `role` allows `action`, by brute force: every
  // case of a domain built for this role alone (both halves), each decided by Check on its
  // witness request; and random requests never contradict a "no".
  bool AllowsSomeRequest(Random& r, RoleId role, const std::string& action) {
    const RoleRef list[] = {Ref(role)};
    const std::string name(policy_->role(role).name);
    for (bool unit : {false, true}) {
      absl::StatusOr<analysis::RequestDomain> half = analysis::RequestDomain::Build(list, action, unit);
      EXPECT_TRUE(half.ok()) << half.status();
      if (!half.ok()) return false;
      for (size_t p = 0; p < half->points(); ++p) {
        if (CheckOwned(*policy_, half->Witness(p, Ref(role))) == Decision::kAllow) return true;
      }
    }
    for (int i = 0; i < 100; ++i) {
      EXPECT_EQ(CheckOwned(*policy_, RandomRequest(r, name, action)), Decision::kDeny)
          << name << " " << action << "\n" << source_;
    }
    return false;
  }

  std::optional<analysis::RoleIndex> index_;
  std::map<std::pair<RoleId, RoleId>, bool> subsumes_;
};

TEST_P(LeastPrivilegedProperty, CoversAgreesWithSubsumes) {
  std::vector<RoleId> roles;
  for (const std::string& name : CustomRoles()) roles.push_back(policy_->FindRole(name));
  for (const char* name : {"Helpdesk Administrator", "Password Administrator", "User Administrator"}) {
    roles.push_back(policy_->FindRole(name));
  }
  for (RoleId a : roles) {
    for (RoleId b : roles) {
      EXPECT_EQ(index_->Covers(a, b), Subsumes(a, b))
          << policy_->role(a).name << " over " << policy_->role(b).name << "\n" << source_;
    }
  }
}

TEST_P(LeastPrivilegedProperty, ListedRolesAllowAndOthersFail) {
  Random r(GetParam() * 2654435761u + 11);
  size_t listed_custom = 0, unlisted = 0;  // the test is not vacuous: both sides occur
  // An action some custom role allows for some request (by brute force), asked first, so that a
  // custom role is among the listed ones whenever one allows anything.
  std::string allowed_by_custom;
  for (const std::string& role : CustomRoles()) {
    for (const char* action : kRandomActions) {
      if (allowed_by_custom.empty() && AllowsSomeRequest(r, policy_->FindRole(role), action)) {
        allowed_by_custom = action;
      }
    }
  }
  for (int question = 0; question < 7; ++question) {
    std::vector<analysis::Need> needs;
    const int count = r.Uniform(1, 3);
    const bool targeted = question % 2 == 1;
    const OwnedRequest target = RandomRequest(r, "User", kRandomActions[0]);
    for (int k = 0; k < count; ++k) {
      analysis::Need need;
      need.action = r.Pick(kRandomActions);
      if (targeted && (k == 0 || r.Chance(70))) need.target = target;
      needs.push_back(std::move(need));
    }
    if (question == 6) {
      if (allowed_by_custom.empty()) continue;
      needs = {analysis::Need{allowed_by_custom, std::nullopt, ""}};
    }
    absl::StatusOr<analysis::LeastPrivilegedResult> result = analysis::LeastPrivileged(*index_, needs);
    ASSERT_TRUE(result.ok()) << result.status();
    std::vector<bool> listed(policy_->role_count(), false);
    for (const analysis::RankedRole& row : result->roles) {
      listed[row.role] = true;
      ASSERT_EQ(row.grants.size(), needs.size());
      for (size_t i = 0; i < needs.size(); ++i) {
        const OwnedRequest& witness = row.grants[i].witness;
        ASSERT_EQ(witness.assignments.size(), 1u);
        EXPECT_EQ(policy_->FindRole(witness.assignments[0].role), row.role);
        EXPECT_EQ(witness.action, needs[i].action);
        EXPECT_EQ(CheckOwned(*policy_, witness), Decision::kAllow)
            << policy_->role(row.role).name << " " << needs[i].action << "\n" << source_;
        if (needs[i].target) {
          EXPECT_EQ(witness.target.roles, needs[i].target->target.roles);
          EXPECT_EQ(witness.target.admin_units, needs[i].target->target.admin_units);
          EXPECT_EQ(witness.assignments[0].scope, row.scopes.front());
        }
      }
    }
    // Brute force over every role: listed iff every need is met.
    std::vector<std::string> scopes = {"/"};
    for (const std::string& unit : target.target.admin_units) scopes.push_back("/administrativeUnits/" + unit);
    for (RoleId role = 0; role < policy_->role_count(); ++role) {
      const std::string name(policy_->role(role).name);
      bool meets = true;
      for (const analysis::Need& need : needs) {
        if (!need.target) meets = meets && AllowsSomeRequest(r, role, need.action);
      }
      bool common_scope = true;
      if (targeted) {
        common_scope = false;
        for (const std::string& scope : scopes) {
          bool all = true;
          for (const analysis::Need& need : needs) {
            if (!need.target) continue;
            OwnedRequest q = *need.target;
            q.action = need.action;
            q.assignments = {OwnedAssignment{name, scope}};
            all = all && CheckOwned(*policy_, q) == Decision::kAllow;
          }
          common_scope = common_scope || all;
        }
      }
      EXPECT_EQ(listed[role], meets && common_scope) << name << " question " << question << "\n" << source_;
      if (!listed[role]) ++unlisted;
      if (listed[role] && name.rfind("Prop Role", 0) == 0) ++listed_custom;
    }
    // The ranking against Subsumes: never after a role it strictly covers; adjacent criteria.
    const std::vector<analysis::RankedRole>& rows = result->roles;
    for (size_t i = 0; i < rows.size(); ++i) {
      for (size_t j = i + 1; j < rows.size(); ++j) {
        const bool j_within_i = Subsumes(rows[i].role, rows[j].role) && !Subsumes(rows[j].role, rows[i].role);
        EXPECT_FALSE(j_within_i) << policy_->role(rows[j].role).name << " is strictly covered by "
                                 << policy_->role(rows[i].role).name << " but ranks after it";
      }
      if (i + 1 < rows.size()) {
        // Reported as subsumption when Subsumes says so and the next role also grants each of
        // this one's permissions outside the catalog.
        const std::vector<std::string>& outside = index_->OutsideCatalog(rows[i].role);
        const std::vector<std::string>& next_outside = index_->OutsideCatalog(rows[i + 1].role);
        const bool strictly = Subsumes(rows[i + 1].role, rows[i].role) &&
                              !Subsumes(rows[i].role, rows[i + 1].role) &&
                              std::includes(next_outside.begin(), next_outside.end(), outside.begin(), outside.end());
        EXPECT_EQ(rows[i].before_next == analysis::RankCriterion::kSubsumption, strictly)
            << policy_->role(rows[i].role).name << " before " << policy_->role(rows[i + 1].role).name;
      } else {
        EXPECT_FALSE(rows[i].before_next.has_value());
      }
    }
  }
  if (!allowed_by_custom.empty()) EXPECT_GT(listed_custom, 0u) << source_;
  EXPECT_GT(unlisted, 0u);
}

INSTANTIATE_TEST_SUITE_P(Seeds, LeastPrivilegedProperty, ::testing::Range(1u, 9u));

}  // namespace
}  // namespace rolec::analysis_test
