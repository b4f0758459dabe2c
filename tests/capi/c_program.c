/* tests/capi/c_program.c — a C99 program that includes only rolec.h: compiles a policy, prepares
 * principals, checks requests by string, by id and in a batch, explains one, and swaps an engine.
 * Built with -std=c99 -Wall -Wextra -Werror -pedantic and run by ctest (tests/capi/c_program.cmake),
 * which checks the lines it prints; it exits 1 on the first unexpected result. */
#include <stdio.h>
#include <string.h>

#include "rolec/rolec.h"

static const char kPolicy[] =
    "action microsoft.directory/users/password/update { description \"Reset passwords\" }\n"
    "action microsoft.directory/users/standard/read { description \"Read users\" }\n"
    "role \"Reader\" { allow microsoft.directory/users/standard/read }\n"
    "role \"Helpdesk\" {\n"
    "  allow microsoft.directory/users/password/update when target.roles within [\"Reader\"]\n"
    "}\n";

static int failures = 0;

static void expect_ok(rolec_status status, const char* what) {
  if (status != ROLEC_OK) {
    printf("FAIL %s: %s: %s\n", what, rolec_status_name(status), rolec_last_error());
    ++failures;
  }
}

static void show(const char* what, rolec_decision decision, rolec_decision expected) {
  printf("%s %s\n", decision == ROLEC_ALLOW ? "allow" : "deny", what);
  if (decision != expected) {
    printf("FAIL %s: expected %s\n", what, expected == ROLEC_ALLOW ? "allow" : "deny");
    ++failures;
  }
}

int main(void) {
  rolec_version_info version;
  rolec_source source;
  rolec_policy* policy = NULL;
  char* diagnostics = NULL;
  rolec_role_id helpdesk_role, reader_role;
  rolec_action_id reset;
  rolec_assignment assignment;
  rolec_principal* helpdesk = NULL;
  rolec_target user = {0};
  rolec_target admin = {0};
  rolec_string_view admin_roles[1];
  rolec_decision decision = ROLEC_DENY;
  rolec_request requests[2];
  rolec_decision decisions[2];
  rolec_context mfa = {true};
  char* json = NULL;
  rolec_engine* engine = NULL;
  rolec_status status;

  expect_ok(rolec_version(&version), "version");
  printf("rolec %s abi %u\n", version.text, (unsigned)version.abi);

  source.path = "c_program.role";
  source.text = kPolicy;
  source.length = ROLEC_NUL_TERMINATED;
  expect_ok(rolec_policy_compile(&source, 1, ROLEC_COMPILE_NO_STDLIB, &policy, &diagnostics),
            "compile");
  rolec_string_free(diagnostics);
  if (policy == NULL) return 1;

  expect_ok(rolec_policy_find_role(policy, "Helpdesk", ROLEC_NUL_TERMINATED, &helpdesk_role),
            "find Helpdesk");
  expect_ok(rolec_policy_find_role(policy, "Reader", ROLEC_NUL_TERMINATED, &reader_role),
            "find Reader");
  expect_ok(rolec_policy_find_action(policy, "microsoft.directory/users/password/update",
                                     ROLEC_NUL_TERMINATED, &reset),
            "find action");
  assignment.role = helpdesk_role;
  assignment.admin_unit.data = NULL;
  assignment.admin_unit.length = 0;
  expect_ok(rolec_principal_prepare(policy, "alice", ROLEC_NUL_TERMINATED, &assignment, 1,
                                    &helpdesk),
            "prepare");

  user.kind = ROLEC_TARGET_USER;
  admin.kind = ROLEC_TARGET_USER;
  admin.roles = &helpdesk_role;
  admin.role_count = 1;

  expect_ok(rolec_check(policy, helpdesk, "microsoft.directory/users/password/update",
                        ROLEC_NUL_TERMINATED, &user, NULL, &decision),
            "check user");
  show("helpdesk resets a user", decision, ROLEC_ALLOW);
  expect_ok(rolec_check_id(policy, helpdesk, reset, &admin, &mfa, &decision), "check admin");
  show("helpdesk resets a helpdesk admin", decision, ROLEC_DENY);
  expect_ok(rolec_check(policy, helpdesk, "microsoft.directory/users/standard/read",
                        ROLEC_NUL_TERMINATED, &user, NULL, &decision),
            "check read");
  show("helpdesk reads a user", decision, ROLEC_DENY);

  requests[0].principal = helpdesk;
  requests[0].action_id = reset;
  requests[0].action.data = NULL;
  requests[0].action.length = 0;
  requests[0].target = &user;
  requests[0].context = NULL;
  requests[1] = requests[0];
  requests[1].target = &admin;
  expect_ok(rolec_check_batch(policy, requests, 2, decisions), "batch");
  show("batch[0]", decisions[0], ROLEC_ALLOW);
  show("batch[1]", decisions[1], ROLEC_DENY);

  expect_ok(rolec_explain(policy, &requests[1], &json), "explain");
  if (json != NULL && strstr(json, "\"kind\":\"condition_failed\"") != NULL) {
    printf("explain: condition_failed\n");
  } else {
    printf("FAIL explain: %s\n", json != NULL ? json : "(null)");
    ++failures;
  }
  rolec_string_free(json);

  /* An error: a bad target kind is reported, the decision is a deny. */
  user.kind = 77;
  status = rolec_check(policy, helpdesk, "microsoft.directory/users/password/update",
                       ROLEC_NUL_TERMINATED, &user, NULL, &decision);
  printf("error %s: %s\n", rolec_status_name(status), rolec_last_error());
  show("with a bad kind", decision, ROLEC_DENY);
  user.kind = ROLEC_TARGET_USER;

  /* An engine: target roles by name, so the answer follows the image. */
  admin_roles[0].data = "Helpdesk";
  admin_roles[0].length = ROLEC_NUL_TERMINATED;
  admin.roles = NULL;
  admin.role_count = 0;
  admin.role_names = admin_roles;
  admin.role_name_count = 1;
  expect_ok(rolec_engine_new(policy, &engine), "engine");
  expect_ok(rolec_engine_check(engine, helpdesk, "microsoft.directory/users/password/update",
                               ROLEC_NUL_TERMINATED, &admin, NULL, &decision),
            "engine check");
  show("engine: helpdesk resets a helpdesk admin", decision, ROLEC_DENY);
  {
    rolec_policy* open = NULL;
    const char* text = "action microsoft.directory/users/password/update { description \"R\" }\n"
                       "role \"Helpdesk\" { allow microsoft.directory/users/password/update }\n";
    source.text = text;
    expect_ok(rolec_policy_compile(&source, 1, ROLEC_COMPILE_NO_STDLIB, &open, NULL), "compile 2");
    expect_ok(rolec_engine_swap(engine, open), "swap");
    rolec_policy_free(open);
  }
  expect_ok(rolec_engine_check(engine, helpdesk, "microsoft.directory/users/password/update",
                               ROLEC_NUL_TERMINATED, &admin, NULL, &decision),
            "engine check 2");
  show("engine after swap: helpdesk resets a helpdesk admin", decision, ROLEC_ALLOW);

  rolec_engine_free(engine);
  rolec_principal_free(helpdesk);
  rolec_policy_free(policy);
  (void)reader_role;
  printf(failures == 0 ? "c program: ok\n" : "c program: %d failures\n", failures);
  return failures == 0 ? 0 : 1;
}
