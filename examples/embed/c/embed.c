/* examples/embed/c/embed.c — rolec from C99 through the installed package: compile a policy from
 * source, prepare a principal, check requests by name and by id, and explain one decision.
 * Built out of tree against `cmake --install` output by tests/embed/run_embed_examples.py, with
 * this folder's CMakeLists.txt (find_package) and with ../Makefile (pkg-config). */
#include <stdio.h>
#include <stdlib.h>

#include "rolec/rolec.h"

static const char kPolicy[] =
    "action microsoft.directory/users/password/update { description \"Reset passwords\" }\n"
    "action microsoft.directory/users/standard/read { description \"Read users\" }\n"
    "action microsoft.directory/groups/members/update { description \"Manage members\" }\n"
    "role \"Directory Reader\" { allow microsoft.directory/users/standard/read }\n"
    "role \"Password Helper\" {\n"
    "  allow microsoft.directory/users/standard/read\n"
    "  allow microsoft.directory/users/password/update\n"
    "    when target.roles within [\"Directory Reader\"]\n"
    "}\n";

/* Prints the failing call's status and this thread's error message, and exits. */
static void Require(rolec_status status, const char* what) {
  if (status != ROLEC_OK) {
    fprintf(stderr, "%s: %s: %s\n", what, rolec_status_name(status), rolec_last_error());
    exit(1);
  }
}

static const char* Word(rolec_decision decision) {
  return decision == ROLEC_ALLOW ? "allow" : "deny";
}

int main(void) {
  rolec_version_info version;
  Require(rolec_version(&version), "rolec_version");
  /* The library that is loaded must speak the ABI this program was compiled against. */
  if (version.abi != ROLEC_ABI_VERSION) {
    fprintf(stderr, "librolec ABI %u, but this program was built for ABI %d\n",
            (unsigned)version.abi, ROLEC_ABI_VERSION);
    return 1;
  }
  printf("rolec %s abi %u\n", version.text, (unsigned)version.abi);

  rolec_source source = {"contoso.role", kPolicy, ROLEC_NUL_TERMINATED};
  rolec_policy* policy = NULL;
  char* diagnostics = NULL;
  rolec_status status =
      rolec_policy_compile(&source, 1, ROLEC_COMPILE_NO_STDLIB, &policy, &diagnostics);
  if (status != ROLEC_OK) fprintf(stderr, "%s", diagnostics ? diagnostics : "");
  rolec_string_free(diagnostics);
  Require(status, "rolec_policy_compile");

  uint32_t actions = 0, roles = 0, rules = 0;
  Require(rolec_policy_counts(policy, &actions, &roles, &rules), "rolec_policy_counts");
  printf("policy: %u actions, %u roles, %u rules\n", (unsigned)actions, (unsigned)roles,
         (unsigned)rules);

  rolec_role_id helper_role, reader_role;
  rolec_action_id reset;
  Require(rolec_policy_find_role(policy, "Password Helper", ROLEC_NUL_TERMINATED, &helper_role),
          "find Password Helper");
  Require(rolec_policy_find_role(policy, "directory reader", ROLEC_NUL_TERMINATED, &reader_role),
          "find Directory Reader");
  Require(rolec_policy_find_action(policy, "microsoft.directory/users/password/update",
                                   ROLEC_NUL_TERMINATED, &reset),
          "find the reset action");

  /* dana holds Password Helper at tenant scope; her assignments are resolved once, here. */
  rolec_assignment assignment = {helper_role, {NULL, 0}};
  rolec_principal* dana = NULL;
  Require(rolec_principal_prepare(policy, "dana", ROLEC_NUL_TERMINATED, &assignment, 1, &dana),
          "rolec_principal_prepare");

  rolec_target plain_user = {0};
  plain_user.kind = ROLEC_TARGET_USER;
  rolec_target reader_user = plain_user;
  reader_user.roles = &reader_role;
  reader_user.role_count = 1;
  rolec_target helper_user = plain_user;
  rolec_string_view helper_name = {"Password Helper", ROLEC_NUL_TERMINATED};
  helper_user.role_names = &helper_name; /* a target role by name instead of id */
  helper_user.role_name_count = 1;
  rolec_target group = {0};
  group.kind = ROLEC_TARGET_GROUP;

  rolec_decision decision;
  Require(rolec_check_id(policy, dana, reset, &plain_user, NULL, &decision), "check 1");
  printf("dana resets a user's password: %s\n", Word(decision));
  Require(rolec_check_id(policy, dana, reset, &reader_user, NULL, &decision), "check 2");
  printf("dana resets a directory reader's password: %s\n", Word(decision));
  Require(rolec_check_id(policy, dana, reset, &helper_user, NULL, &decision), "check 3");
  printf("dana resets a password helper's password: %s\n", Word(decision));
  Require(rolec_check(policy, dana, "microsoft.directory/users/standard/read",
                      ROLEC_NUL_TERMINATED, &plain_user, NULL, &decision),
          "check 4");
  printf("dana reads a user: %s\n", Word(decision));
  Require(rolec_check(policy, dana, "microsoft.directory/groups/members/update",
                      ROLEC_NUL_TERMINATED, &group, NULL, &decision),
          "check 5");
  printf("dana manages a group's members: %s\n", Word(decision));

  rolec_request request = {dana, reset, {NULL, 0}, &helper_user, NULL};
  char* json = NULL;
  Require(rolec_explain(policy, &request, &json), "rolec_explain");
  printf("why: %s\n", json);
  rolec_string_free(json);

  rolec_principal_free(dana);
  rolec_policy_free(policy);
  printf("c example: ok\n");
  return 0;
}
