// examples/embed/cpp/embed.cc — rolec from C++ through the installed package: compile a policy,
// load its image, check requests (by catalog id with views, with a prepared principal, and by
// names with BoundRequest), explain a denial, and ask who can perform an action. Built out of tree against `cmake --install`
// output by tests/embed/run_embed_examples.py, with this folder's CMakeLists.txt.
#include <cstdio>
#include <memory>
#include <string>
#include <vector>

#include "rolec/analysis.hpp"
#include "rolec/compiler.hpp"
#include "rolec/policy.hpp"
#include "rolec/request.hpp"

namespace {

constexpr char kPolicy[] = R"(
action microsoft.directory/users/password/update { description "Reset passwords" }
action microsoft.directory/users/standard/read { description "Read users" }
action microsoft.directory/groups/members/update { description "Manage members" }
role "Directory Reader" { allow microsoft.directory/users/standard/read }
role "Password Helper" {
  allow microsoft.directory/users/standard/read
  allow microsoft.directory/users/password/update
    when target.roles within ["Directory Reader"]
}
)";

const char* Word(rolec::Decision decision) {
  return decision == rolec::Decision::kAllow ? "allow" : "deny";
}

}  // namespace

int main() {
  rolec::CompileOptions options;
  options.with_stdlib = false;
  rolec::CompileResult compiled = rolec::Compile({{"contoso.role", kPolicy}}, options);
  for (const rolec::Diagnostic& diagnostic : compiled.diagnostics) {
    std::fputs(rolec::FormatDiagnostic(diagnostic).c_str(), stderr);
  }
  if (!compiled.ok()) return 1;
  absl::StatusOr<std::shared_ptr<const rolec::Policy>> loaded =
      rolec::Policy::Load(std::move(compiled.image));
  if (!loaded.ok()) {
    std::fprintf(stderr, "%s\n", std::string(loaded.status().message()).c_str());
    return 1;
  }
  const rolec::Policy& policy = **loaded;
  std::printf("policy: %u actions, %u roles, %u rules\n", policy.action_count(), policy.role_count(),
              policy.rule_count());

  // The fast form: ids resolved once, the request made of views.
  const rolec::RoleId helper = policy.FindRole("Password Helper");
  const rolec::RoleId reader = policy.FindRole("Directory Reader");
  const rolec::ActionId reset = policy.FindAction("microsoft.directory/users/password/update");
  const rolec::Assignment assignments[] = {{helper, ""}};
  rolec::Request request;
  request.principal_id = "dana";
  request.assignments = assignments;
  request.action_id = reset;
  request.target.kind = rolec::TargetKind::kUser;
  std::printf("dana resets a user: %s\n", Word(policy.Check(request)));
  const rolec::RoleId reader_roles[] = {reader};
  request.target.roles = reader_roles;
  std::printf("dana resets a reader: %s\n", Word(policy.Check(request)));

  // A session's form: the principal prepared once (its assignments validated and laid out for
  // the evaluator), then each check is the action id, the target and the context.
  absl::StatusOr<rolec::PreparedPrincipal> dana = policy.Prepare("dana", assignments);
  if (!dana.ok()) {
    std::fprintf(stderr, "%s\n", std::string(dana.status().message()).c_str());
    return 1;
  }
  rolec::Target plain_user;
  plain_user.kind = rolec::TargetKind::kUser;
  std::printf("prepared dana resets a user: %s\n", Word(policy.Check(*dana, reset, plain_user, {})));
  rolec::Target helper_user = plain_user;
  const rolec::RoleId helper_roles[] = {helper};
  helper_user.roles = helper_roles;
  std::printf("prepared dana resets a password helper: %s\n",
              Word(policy.Check(*dana, reset, helper_user, {})));
  std::printf("prepared dana reads a user (by name): %s\n",
              Word(policy.Check(*dana, "microsoft.directory/users/standard/read", plain_user, {})));

  // The convenient form: names and scopes, resolved against the policy by BoundRequest.
  rolec::OwnedRequest owned;
  owned.principal_id = "dana";
  owned.assignments = {{"Password Helper", "/"}};
  owned.action = "microsoft.directory/users/password/update";
  owned.target.kind = rolec::TargetKind::kUser;
  owned.target.roles = {"Password Helper"};
  absl::StatusOr<rolec::BoundRequest> bound = rolec::BoundRequest::Bind(policy, owned);
  if (!bound.ok()) {
    std::fprintf(stderr, "%s\n", std::string(bound.status().message()).c_str());
    return 1;
  }
  const rolec::Explanation explanation = policy.Explain(bound->request());
  std::printf("dana resets a password helper: %s\n", Word(explanation.decision));
  std::fputs(policy.FormatExplanation(bound->request(), explanation).c_str(), stdout);

  absl::StatusOr<rolec::analysis::WhoCanResult> who =
      rolec::analysis::WhoCan(policy, "microsoft.directory/users/password/update");
  if (!who.ok()) {
    std::fprintf(stderr, "%s\n", std::string(who.status().message()).c_str());
    return 1;
  }
  for (const rolec::analysis::WhoCanGroup& group : who->groups) {
    for (const rolec::analysis::RoleGrant& grant : group.roles) {
      std::printf("who can reset passwords: %s, for %s\n",
                  std::string(policy.role(grant.role).name).c_str(),
                  rolec::analysis::FormatCaseSet(group.cases.tenant).c_str());
    }
  }
  std::printf("c++ example: ok\n");
  return 0;
}
