// The hand-written baseline must be correct for the ratio against it to mean anything: it is checked
// against literal expectations on a small policy, against Policy::Check on the benchmark's stdlib
// workload, and its pattern expansion against the compiler's.
#include "bench/baseline.h"

#include <gtest/gtest.h>

#include <algorithm>

#include "bench/workload.h"
#include "rolec/rolec.hpp"

namespace rolec::bench {
namespace {

constexpr const char* kSmallPolicy = R"(module small
action microsoft.directory/users/password/update {}
action microsoft.directory/users/basic/update {}
action microsoft.directory/users/standard/read {}
action microsoft.directory/groups/members/update { requires not target.role_assignable }
action microsoft.directory/groups.security/basic/update {}
action microsoft.office365.serviceHealth/messages/read {}
action microsoft.directory/users/authenticationMethods/read {}
action microsoft.directory/users/authenticationMethods/fido2/read {}

set roles low = ["Reader"]

role "Reader" { allow microsoft.directory/users/standard/read }
role "Resetter" {
  allow microsoft.directory/users/password/update
    when target.roles within low and not target.role_assignable_group_member
}
role "Everything" {
  allow microsoft.directory/allEntities/allProperties/allTasks
  except microsoft.directory/users/password/update when target.roles within low
}
role "Grouper" { allow microsoft.directory/groups/allTasks, microsoft.directory/groups/allProperties/allTasks }
role "Methods Reader" { allow microsoft.directory/users/authenticationMethods/allProperties/read }
role "Kinds" { allow microsoft.directory/users/basic/update when target.kind in [user, device] and context.mfa }
)";

struct SmallCase {
  std::vector<std::string> roles;
  std::string action;
  TargetKind kind;
  std::vector<std::string> target_roles;
  bool rag;
  bool role_assignable;
  bool mfa;
  bool allowed;
};

std::shared_ptr<const Policy> CompileSmall() {
  CompileOptions options;
  options.with_stdlib = false;
  CompileResult result = Compile({{"small.role", kSmallPolicy}}, options);
  std::string diagnostics;
  for (const Diagnostic& d : result.diagnostics) diagnostics += FormatDiagnostic(d);
  EXPECT_TRUE(result.ok()) << diagnostics;
  if (!result.ok()) return nullptr;
  absl::StatusOr<std::shared_ptr<const Policy>> policy = Policy::Load(result.image);
  EXPECT_TRUE(policy.ok()) << policy.status();
  return policy.ok() ? *policy : nullptr;
}

TEST(BaselineTest, DecidesASmallPolicyAsSpecified) {
  std::shared_ptr<const Policy> policy = CompileSmall();
  ASSERT_NE(policy, nullptr);
  absl::StatusOr<Baseline> baseline = Baseline::Build(*policy, {kSmallPolicy});
  ASSERT_TRUE(baseline.ok()) << baseline.status();
  const std::string reset = "microsoft.directory/users/password/update";
  const std::string members = "microsoft.directory/groups/members/update";
  const SmallCase cases[] = {
      {{"Reader"}, "microsoft.directory/users/standard/read", TargetKind::kUser, {}, false, false, false, true},
      {{"Reader"}, reset, TargetKind::kUser, {}, false, false, false, false},
      {{"Resetter"}, reset, TargetKind::kUser, {}, false, false, false, true},
      {{"Resetter"}, reset, TargetKind::kUser, {"Reader"}, false, false, false, true},
      {{"Resetter"}, reset, TargetKind::kUser, {"Grouper"}, false, false, false, false},
      {{"Resetter"}, reset, TargetKind::kUser, {}, true, false, false, false},
      // The except is local to "Everything": it removes the reset for low targets only.
      {{"Everything"}, reset, TargetKind::kUser, {}, false, false, false, false},
      {{"Everything"}, reset, TargetKind::kUser, {"Grouper"}, false, false, false, true},
      {{"Everything", "Resetter"}, reset, TargetKind::kUser, {}, false, false, false, true},
      {{"Everything"}, "microsoft.directory/users/basic/update", TargetKind::kUser, {}, false, false, false, true},
      {{"Everything"}, "microsoft.office365.serviceHealth/messages/read", TargetKind::kUser, {}, false, false, false,
       false},
      // Subtypes, and the intrinsic rule of groups/members/update.
      {{"Grouper"}, "microsoft.directory/groups.security/basic/update", TargetKind::kGroup, {}, false, false, false,
       true},
      {{"Grouper"}, members, TargetKind::kGroup, {}, false, false, false, true},
      {{"Grouper"}, members, TargetKind::kGroup, {}, false, true, false, false},
      // allProperties after fixed property segments: any continuation of them, none included.
      {{"Methods Reader"}, "microsoft.directory/users/authenticationMethods/fido2/read", TargetKind::kUser, {}, false,
       false, false, true},
      {{"Methods Reader"}, "microsoft.directory/users/authenticationMethods/read", TargetKind::kUser, {}, false, false,
       false, true},
      {{"Methods Reader"}, "microsoft.directory/users/standard/read", TargetKind::kUser, {}, false, false, false,
       false},
      {{"Kinds"}, "microsoft.directory/users/basic/update", TargetKind::kUser, {}, false, false, true, true},
      {{"Kinds"}, "microsoft.directory/users/basic/update", TargetKind::kDevice, {}, false, false, true, true},
      {{"Kinds"}, "microsoft.directory/users/basic/update", TargetKind::kGroup, {}, false, false, true, false},
      {{"Kinds"}, "microsoft.directory/users/basic/update", TargetKind::kUser, {}, false, false, false, false},
  };
  for (const SmallCase& c : cases) {
    OwnedRequest owned;
    owned.principal_id = "p";
    for (const std::string& role : c.roles) owned.assignments.push_back({role, "/"});
    owned.action = c.action;
    owned.target.kind = c.kind;
    owned.target.id = "t";
    owned.target.roles = c.target_roles;
    owned.target.role_assignable_group_member = c.rag;
    owned.target.role_assignable = c.role_assignable;
    owned.context.mfa = c.mfa;
    std::string what = c.roles[0] + " " + c.action;
    absl::StatusOr<BaselineRequest> prepared = baseline->Prepare(owned);
    ASSERT_TRUE(prepared.ok()) << prepared.status();
    EXPECT_EQ(baseline->Check(*prepared), c.allowed) << what;
    EXPECT_EQ(baseline->CheckId(*prepared), c.allowed) << what;
    absl::StatusOr<BoundRequest> bound = BoundRequest::Bind(*policy, owned);
    ASSERT_TRUE(bound.ok()) << bound.status();
    EXPECT_EQ(policy->Check(bound->request()) == Decision::kAllow, c.allowed) << what;
  }
}

TEST(BaselineTest, RefusesConditionsItDoesNotModel) {
  CompileOptions options;
  options.with_stdlib = false;
  const std::string source = R"(module odd
action microsoft.directory/users/basic/update {}
role "Either" { allow microsoft.directory/users/basic/update when context.mfa or target is self }
)";
  CompileResult result = Compile({{"odd.role", source}}, options);
  ASSERT_TRUE(result.ok());
  absl::StatusOr<std::shared_ptr<const Policy>> policy = Policy::Load(result.image);
  ASSERT_TRUE(policy.ok());
  absl::StatusOr<Baseline> baseline = Baseline::Build(**policy, {source});
  EXPECT_FALSE(baseline.ok());
}

class StdlibBaselineTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    CompileResult result = Compile({});
    std::string errors;
    for (const Diagnostic& d : result.diagnostics) {
      if (d.severity == Severity::kError) errors += FormatDiagnostic(d);
    }
    ASSERT_TRUE(result.ok()) << "the stdlib does not compile:\n" << errors.substr(0, 2000);
    absl::StatusOr<std::shared_ptr<const Policy>> policy = Policy::Load(result.image);
    ASSERT_TRUE(policy.ok()) << policy.status();
    policy_ = new std::shared_ptr<const Policy>(*policy);
  }
  static void TearDownTestSuite() {
    delete policy_;
    policy_ = nullptr;
  }
  static const Policy& policy() { return **policy_; }
  static std::shared_ptr<const Policy>* policy_;
};
std::shared_ptr<const Policy>* StdlibBaselineTest::policy_ = nullptr;

TEST_F(StdlibBaselineTest, ExpandsPatternsAsTheCompilerDoes) {
  absl::StatusOr<Baseline> baseline = Baseline::BuildForStdlib(policy());
  ASSERT_TRUE(baseline.ok()) << baseline.status();
  for (RoleId role = 0; role < policy().role_count(); ++role) {
    std::vector<ActionId> compiled = policy().RoleActions(role);
    std::vector<uint32_t> covered = baseline->CoveredActions(role);
    std::string only_baseline, only_compiler;
    for (uint32_t a : covered) {
      if (!std::binary_search(compiled.begin(), compiled.end(), a)) only_baseline += " " + std::string(policy().action(a).name);
    }
    for (ActionId a : compiled) {
      if (!std::binary_search(covered.begin(), covered.end(), a)) only_compiler += " " + std::string(policy().action(a).name);
    }
    EXPECT_TRUE(only_baseline.empty() && only_compiler.empty())
        << policy().role(role).name << "\n  only the baseline covers:" << only_baseline.substr(0, 600)
        << "\n  only the compiler covers:" << only_compiler.substr(0, 600);
  }
}

TEST_F(StdlibBaselineTest, AgreesWithCheckOnTheBenchmarkWorkload) {
  absl::StatusOr<Baseline> baseline = Baseline::BuildForStdlib(policy());
  ASSERT_TRUE(baseline.ok()) << baseline.status();
  std::vector<OwnedRequest> owned = StdlibRequests(policy(), 4096, 0x5EED0001);
  ASSERT_EQ(owned.size(), 4096u);
  BoundRequests bound;
  std::string error;
  ASSERT_TRUE(bound.Bind(policy(), owned, &error)) << error;
  size_t outcomes[kOutcomeCount] = {};
  for (size_t i = 0; i < owned.size(); ++i) {
    absl::StatusOr<BaselineRequest> prepared = baseline->Prepare(owned[i]);
    ASSERT_TRUE(prepared.ok()) << prepared.status();
    const Request& request = bound.requests()[i];
    bool allowed = policy().Check(request) == Decision::kAllow;
    EXPECT_EQ(baseline->Check(*prepared), allowed) << i << " " << owned[i].action;
    EXPECT_EQ(baseline->CheckId(*prepared), allowed) << i << " " << owned[i].action;
    Outcome outcome = Classify(policy(), request);
    EXPECT_EQ(outcome == Outcome::kAllow, allowed) << i;
    ++outcomes[static_cast<int>(outcome)];
  }
  // The workload is a mix: every outcome is well represented.
  for (int k = 0; k < kOutcomeCount; ++k) EXPECT_GT(outcomes[k], owned.size() / 50) << k;
}

}  // namespace
}  // namespace rolec::bench
