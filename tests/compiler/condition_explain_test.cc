// tests/compiler/condition_explain_test.cc — a denial names the part of the condition that failed
// and the request fact that failed it (issue 11 item 6; runtime/condition_explain.h). Each row is
// a request against one small policy, and the exact words its denial must contain.
#include <string>
#include <vector>

#include "compiler/compiler_util.h"
#include "gtest/gtest.h"

namespace rolec::testing {
namespace {

const char* kPolicy = R"(module m
action microsoft.directory/users/password/update { description "Reset passwords" }
action microsoft.directory/users/delete {
  description "Delete users"
  requires not target.role_assignable
}
action microsoft.directory/groups/delete { description "Delete groups" }
role "Admin" { description "an administrator" }
role "Reader" { description "a reader" }
set roles plain = ["Reader"]
role "Tier1" {
  allow microsoft.directory/users/password/update
    when target.roles within plain and not target.role_assignable_group_member
  allow microsoft.directory/users/delete
  allow microsoft.directory/groups/delete
    when (target is self or principal owns target) and not (context.mfa or scope is admin_unit)
}
)";

struct Row {
  const char* name;
  const char* action;
  std::vector<const char*> target_roles;
  bool rag_member;
  bool role_assignable;
  bool mfa;
  const char* target_id;
  const char* expected;  // a fragment the denial message must contain
};

const Row kRows[] = {
    {"first_false_operand_of_and", "microsoft.directory/users/password/update", {}, true, false,
     false, "t1",
     "`not target.role_assignable_group_member` is false (the target is a member or owner of a "
     "role-assignable group)"},
    {"role_outside_the_set", "microsoft.directory/users/password/update", {"Admin"}, false, false,
     false, "t1", "`target.roles within m.plain` is false (the target holds 'Admin', which is not in m.plain)"},
    {"only_the_first_false_operand", "microsoft.directory/users/password/update", {"Admin"}, true,
     false, false, "t1", "(the target holds 'Admin', which is not in m.plain)"},
    {"intrinsic_rule", "microsoft.directory/users/delete", {}, false, true, false, "t1",
     "the action's target rule failed: not target.role_assignable: `not target.role_assignable` "
     "is false (the target is a role-assignable group)"},
    {"every_alternative_of_a_false_or", "microsoft.directory/groups/delete", {}, false, false,
     false, "t1",
     "`target is self` is false (the target ('t1') is not the principal ('alice')); `principal "
     "owns target` is false (the principal ('alice') is not an owner of the target)"},
    {"not_of_an_or_names_what_held", "microsoft.directory/groups/delete", {}, false, false, true,
     "alice", "`context.mfa` is true (the principal satisfied multifactor authentication)"},
};

class ConditionExplain : public ::testing::TestWithParam<Row> {};

TEST_P(ConditionExplain, DenialNamesTheDecidingTerm) {
  static const Compiled* compiled = [] {
    CompileOptions options;
    options.with_stdlib = false;
    auto* c = new Compiled;
    c->result = Compile({{"m.role", kPolicy}}, options);
    if (c->result.ok()) {
      auto loaded = Policy::Load(c->result.image);
      if (loaded.ok()) c->policy = *loaded;
    }
    return c;
  }();
  ASSERT_TRUE(compiled->result.ok()) << FormatAll(compiled->result.diagnostics);
  ASSERT_NE(compiled->policy, nullptr);
  const Policy& policy = *compiled->policy;
  const Row& row = GetParam();

  std::vector<Assignment> assignments = {{policy.FindRole("Tier1"), ""}};
  std::vector<RoleId> roles;
  for (const char* name : row.target_roles) roles.push_back(policy.FindRole(name));
  Request request;
  request.principal_id = "alice";
  request.assignments = assignments;
  request.action = row.action;
  request.target.kind = std::string(row.action).find("/groups/") != std::string::npos
                            ? TargetKind::kGroup
                            : TargetKind::kUser;
  request.target.id = row.target_id;
  request.target.roles = roles;
  request.target.role_assignable_group_member = row.rag_member;
  request.target.role_assignable = row.role_assignable;
  request.context.mfa = row.mfa;

  EXPECT_EQ(policy.Check(request), Decision::kDeny);
  Explanation explanation = policy.Explain(request);
  ASSERT_EQ(explanation.decision, Decision::kDeny);
  ASSERT_EQ(explanation.denials.size(), 1u);
  EXPECT_NE(explanation.denials[0].message.find(row.expected), std::string::npos)
      << explanation.denials[0].message;
  if (std::string(row.name) == "only_the_first_false_operand") {
    // A false `and` is explained by its first false operand only.
    EXPECT_EQ(explanation.denials[0].message.find("role_assignable_group_member` is false"),
              std::string::npos)
        << explanation.denials[0].message;
  }
}

// A condition nested deeper than the explainer decompiles keeps the whole condition as its
// explanation, and nothing else changes: Check and Explain still agree.
TEST(ConditionExplainLimits, DeepNestingFallsBackToTheWholeCondition) {
  std::string condition = "context.mfa";
  // 60 levels: within the compiler's 64 (E0104), beyond the explainer's 48.
  for (int i = 0; i < 60; ++i) {
    condition = (i % 2 ? "(context.mfa or " : "(context.mfa and ") + condition + ")";
  }
  const std::string source = std::string(
                                 "module m\n"
                                 "action microsoft.directory/users/delete { description \"d\" }\n"
                                 "role \"Deep\" { allow microsoft.directory/users/delete when ") +
                             condition + " }\n";
  CompileOptions options;
  options.with_stdlib = false;
  CompileResult result = Compile({{"deep.role", source}}, options);
  ASSERT_TRUE(result.ok()) << FormatAll(result.diagnostics);
  auto policy = Policy::Load(result.image);
  ASSERT_TRUE(policy.ok()) << policy.status();
  std::vector<Assignment> assignments = {{(*policy)->FindRole("Deep"), ""}};
  Request request;
  request.assignments = assignments;
  request.action = "microsoft.directory/users/delete";
  EXPECT_EQ((*policy)->Check(request), Decision::kDeny);
  Explanation explanation = (*policy)->Explain(request);
  ASSERT_EQ(explanation.denials.size(), 1u);
  EXPECT_NE(explanation.denials[0].message.find("condition failed: context.mfa or"),
            std::string::npos);
  EXPECT_EQ(explanation.denials[0].message.find("` is false"), std::string::npos)
      << "deeper than the explainer goes, yet explained: " << explanation.denials[0].message;
  request.context.mfa = true;
  EXPECT_EQ((*policy)->Check(request), Decision::kAllow);
  EXPECT_EQ((*policy)->Explain(request).decision, Decision::kAllow);
}

INSTANTIATE_TEST_SUITE_P(Rows, ConditionExplain, ::testing::ValuesIn(kRows),
                         [](const ::testing::TestParamInfo<Row>& info) { return info.param.name; });

}  // namespace
}  // namespace rolec::testing
