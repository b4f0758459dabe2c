// Fail closed: anything wrong with a request is a deny, and the error is reported — by Explain
// (errors), by BoundRequest::Bind (a status), or by `rolec eval` (an error line, exit 1). In
// particular an error is a deny even when another assignment of the same request would allow:
// a request that is wrong in part is not trusted in any part.
#include <string>
#include <vector>

#include "gtest/gtest.h"
#include "limits/limits_util.h"
#include "rolec/rolec.hpp"

namespace rolec::testing {
namespace {

class FailClosed : public ::testing::Test {
 protected:
  void SetUp() override {
    policy_ = SmallPolicy();
    ASSERT_NE(policy_, nullptr);
    everything_ = policy_->FindRole("Everything");
    ASSERT_NE(everything_, kNoRole);
  }

  // The request is denied by Check and by Explain, and Explain reports an error containing
  // `error_fragment`.
  void ExpectDeniedWithError(const Request& request, const std::string& error_fragment) {
    EXPECT_EQ(policy_->Check(request), Decision::kDeny);
    const Explanation e = policy_->Explain(request);
    EXPECT_EQ(e.decision, Decision::kDeny);
    EXPECT_TRUE(e.reasons.empty());
    ASSERT_FALSE(e.errors.empty());
    bool found = false;
    for (const std::string& error : e.errors) found = found || error.find(error_fragment) != std::string::npos;
    EXPECT_TRUE(found) << "no error mentions '" << error_fragment << "': " << e.errors[0];
    const std::string text = policy_->FormatExplanation(request, e);
    EXPECT_NE(text.find("error"), std::string::npos) << text;
  }

  std::shared_ptr<const Policy> policy_;
  RoleId everything_ = kNoRole;
};

TEST_F(FailClosed, TheBaselineRequestIsAllowed) {
  const Assignment assignments[] = {{everything_, ""}};
  Request request;
  request.assignments = assignments;
  request.action = "microsoft.directory/users/delete";
  EXPECT_EQ(policy_->Check(request), Decision::kAllow);
  EXPECT_TRUE(policy_->Explain(request).errors.empty());
}

TEST_F(FailClosed, OutOfRangeRoleIdDeniesEvenBesideAnAllowingAssignment) {
  for (RoleId bad : {policy_->role_count(), policy_->role_count() + 1, kNoRole}) {
    const Assignment alone[] = {{bad, ""}};
    const Assignment beside[] = {{everything_, ""}, {bad, ""}};
    const Assignment before[] = {{bad, ""}, {everything_, ""}};
    for (absl::Span<const Assignment> assignments :
         {absl::MakeConstSpan(alone), absl::MakeConstSpan(beside), absl::MakeConstSpan(before)}) {
      Request request;
      request.assignments = assignments;
      request.action = "microsoft.directory/users/delete";
      ExpectDeniedWithError(request, "role id");
    }
  }
}

TEST_F(FailClosed, OutOfRangeTargetRoleIdDenies) {
  const Assignment assignments[] = {{everything_, ""}};
  const RoleId target_roles[] = {0, policy_->role_count()};
  Request request;
  request.assignments = assignments;
  request.action = "microsoft.directory/users/delete";
  request.target.roles = target_roles;
  ExpectDeniedWithError(request, "role id");
}

TEST_F(FailClosed, OutOfRangeActionIdDeniesWhateverTheName) {
  const Assignment assignments[] = {{everything_, ""}};
  for (ActionId bad : {policy_->action_count(), policy_->action_count() + 7, kNoAction - 1}) {
    Request request;
    request.assignments = assignments;
    request.action_id = bad;
    request.action = "microsoft.directory/users/delete";  // a good name does not rescue a bad id
    ExpectDeniedWithError(request, "action id");
  }
}

TEST_F(FailClosed, MalformedActionsDeny) {
  const Assignment assignments[] = {{everything_, ""}};
  // `Everything` allows every well-formed microsoft.directory action, so only the malformation
  // can explain a deny.
  for (const char* malformed :
       {"", "microsoft.directory", "microsoft.directory/users", "microsoft.directory/users/",
        "microsoft.directory//delete", "/microsoft.directory/users/delete",
        "microsoft.directory/allTasks/delete", "microsoft.directory/users/allEntities/delete",
        "microsoft.directory/users/allProperties", "microsoft.directory/a/b/c/d/e/f/delete",
        "microsoft.directory/users/de lete"}) {
    Request request;
    request.assignments = assignments;
    request.action = malformed;
    SCOPED_TRACE(malformed);
    ExpectDeniedWithError(request, "malformed action");
  }
  Request with_nul;
  with_nul.assignments = assignments;
  with_nul.action = std::string_view("microsoft.directory/users/del\0te", 32);
  ExpectDeniedWithError(with_nul, "malformed action");
}

TEST_F(FailClosed, BindRejectsUnknownRolesAndScopes) {
  OwnedRequest owned;
  owned.action = "microsoft.directory/users/delete";
  owned.assignments = {{"Everything", "/"}, {"No Such Role", "/"}};
  absl::StatusOr<BoundRequest> bound = BoundRequest::Bind(*policy_, owned);
  ASSERT_FALSE(bound.ok());
  EXPECT_EQ(bound.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_NE(bound.status().message().find("No Such Role"), std::string_view::npos) << bound.status();

  owned.assignments = {{"Everything", "/"}};
  owned.target.roles = {"Reader", "Nobody"};
  bound = BoundRequest::Bind(*policy_, owned);
  ASSERT_FALSE(bound.ok());
  EXPECT_NE(bound.status().message().find("Nobody"), std::string_view::npos) << bound.status();

  owned.target.roles = {};
  for (const char* scope : {"", "/x", "/administrativeUnits/", "/administrativeUnits/a/b",
                            "administrativeUnits/a", "//"}) {
    owned.assignments = {{"Everything", scope}};
    bound = BoundRequest::Bind(*policy_, owned);
    EXPECT_FALSE(bound.ok()) << "scope '" << scope << "'";
  }
  // Names are looked up ignoring ASCII case, never by prefix or approximately.
  owned.assignments = {{"everything", "/"}};
  EXPECT_TRUE(BoundRequest::Bind(*policy_, owned).ok());
  for (const char* near : {"Everythin", "Everything ", " Everything", "Everything\n"}) {
    owned.assignments = {{near, "/"}};
    EXPECT_FALSE(BoundRequest::Bind(*policy_, owned).ok()) << "'" << near << "'";
  }
}

// `rolec eval --requests`: each bad line gets an error object with decision deny, the good lines
// around it are still answered, and the exit code is 1.
TEST(FailClosedCli, BadRequestLinesAreDeniedWithAnErrorAndTheStreamGoesOn) {
  TempDir dir;
  const std::string policy = dir.Write("p.role", CliPolicySource());
  const std::string good =
      R"({"principal":{"id":"alice","assignments":[{"role":"Everything","scope":"/"}]},)"
      R"("action":"microsoft.directory/users/delete","target":{"kind":"user"}})";
  const std::vector<std::string> bad = {
      // an unknown field, at the top and nested
      R"({"principal":{"assignments":[{"role":"Everything"}]},"action":"microsoft.directory/users/delete","actor":"x"})",
      R"({"principal":{"assignments":[{"role":"Everything"}]},"action":"microsoft.directory/users/delete","target":{"rolez":[]}})",
      // an unknown role, in an assignment and on the target
      R"({"principal":{"assignments":[{"role":"Everything"},{"role":"Ghost"}]},"action":"microsoft.directory/users/delete"})",
      R"({"principal":{"assignments":[{"role":"Everything"}]},"action":"microsoft.directory/users/delete","target":{"roles":["Ghost"]}})",
      // a malformed action, a malformed scope, a duplicate key, a wrong type, invalid JSON
      R"({"principal":{"assignments":[{"role":"Everything"}]},"action":"microsoft.directory/users"})",
      R"({"principal":{"assignments":[{"role":"Everything","scope":"/tenants/x"}]},"action":"microsoft.directory/users/delete"})",
      R"({"principal":{"assignments":[{"role":"Everything"}]},"action":"microsoft.directory/users/delete","action":"microsoft.directory/users/standard/read"})",
      R"({"principal":{"assignments":[{"role":"Everything"}]},"action":"microsoft.directory/users/delete","context":{"mfa":"yes"}})",
      R"({"principal":{"assignments":[{"role":"Everything"}]},"action":"microsoft.directory/users/delete")",
  };
  std::string input = good + "\n";
  for (const std::string& line : bad) input += line + "\n" + good + "\n";
  CliRun run = RunCli({"eval", "--policy", policy, "--requests", dir.Write("r.jsonl", input)});
  EXPECT_EQ(run.exit_code, 1) << run.err;
  EXPECT_NE(run.err.find(std::to_string(bad.size()) + " of " + std::to_string(2 * bad.size() + 1)),
            std::string::npos)
      << run.err;
  const std::vector<std::string> lines = Lines(run.out);
  ASSERT_EQ(lines.size(), 2 * bad.size() + 1) << run.out;
  for (size_t i = 0; i < lines.size(); ++i) {
    if (i % 2 == 0) {
      EXPECT_EQ(lines[i].rfind(R"({"decision":"allow")", 0), 0u) << "line " << i + 1 << ": " << lines[i];
    } else {
      const std::string prefix = R"({"line":)" + std::to_string(i + 1) + R"(,"decision":"deny")";
      EXPECT_EQ(lines[i].rfind(prefix, 0), 0u) << "line " << i + 1 << ": " << lines[i];
      EXPECT_NE(lines[i].find(R"("errors":["line )"), std::string::npos) << lines[i];
    }
  }
  EXPECT_NE(lines[1].find("unknown field"), std::string::npos) << lines[1];
  EXPECT_NE(lines[3].find("unknown field"), std::string::npos) << lines[3];
  EXPECT_NE(lines[5].find("Ghost"), std::string::npos) << lines[5];
}

// A single question with a malformed action or an unknown role is an error (exit 1), not a deny
// (exit 2) and certainly not an allow (exit 0).
TEST(FailClosedCli, SingleQuestionErrorsExitOne) {
  TempDir dir;
  const std::string policy = dir.Write("p.role", CliPolicySource());
  EXPECT_EQ(RunCli({"eval", "--policy", policy, "--as", "Everything", "microsoft.directory/users/delete"}).exit_code, 0);
  CliRun malformed = RunCli({"eval", "--policy", policy, "--as", "Everything", "microsoft.directory/users"});
  EXPECT_EQ(malformed.exit_code, 1) << malformed.out << malformed.err;
  EXPECT_NE(malformed.err.find("malformed action"), std::string::npos) << malformed.err;
  CliRun unknown = RunCli({"eval", "--policy", policy, "--as", "Everything", "--as", "Ghost",
                           "microsoft.directory/users/delete"});
  EXPECT_EQ(unknown.exit_code, 1) << unknown.out << unknown.err;
  EXPECT_NE(unknown.err.find("Ghost"), std::string::npos) << unknown.err;
}

}  // namespace
}  // namespace rolec::testing
