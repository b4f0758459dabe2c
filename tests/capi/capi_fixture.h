// tests/capi/capi_fixture.h — a small policy (no stdlib) compiled through the C API, and RAII
// holders for its handles, shared by the C API tests.
#pragma once

#include <memory>
#include <string>

#include "gtest/gtest.h"
#include "rolec/rolec.h"

namespace rolec::capi_testing {

struct PolicyFree {
  void operator()(rolec_policy* p) const { rolec_policy_free(p); }
};
struct PrincipalFree {
  void operator()(rolec_principal* p) const { rolec_principal_free(p); }
};
struct EngineFree {
  void operator()(rolec_engine* e) const { rolec_engine_free(e); }
};
struct StringFree {
  void operator()(char* s) const { rolec_string_free(s); }
};
using PolicyPtr = std::unique_ptr<rolec_policy, PolicyFree>;
using PrincipalPtr = std::unique_ptr<rolec_principal, PrincipalFree>;
using EnginePtr = std::unique_ptr<rolec_engine, EngineFree>;
using StringPtr = std::unique_ptr<char, StringFree>;

// Reader reads users; Helpdesk resets passwords of users holding no role outside {Reader} (and is
// scopable to an administrative unit); Group Owner updates members of groups it owns; MFA Reader
// reads users only with MFA.
inline const char kSmallPolicy[] =
    "action microsoft.directory/users/password/update { description \"Reset passwords\" }\n"
    "action microsoft.directory/users/standard/read { description \"Read users\" }\n"
    "action microsoft.directory/groups/members/update { description \"Update members\" }\n"
    "role \"Reader\" { allow microsoft.directory/users/standard/read }\n"
    "role \"Helpdesk\" {\n"
    "  allow microsoft.directory/users/password/update when target.roles within [\"Reader\"]\n"
    "}\n"
    "role \"Group Owner\" {\n"
    "  allow microsoft.directory/groups/members/update when principal owns target\n"
    "}\n"
    "role \"MFA Reader\" { allow microsoft.directory/users/standard/read when context.mfa }\n";

inline rolec_string_view View(const char* text) { return {text, ROLEC_NUL_TERMINATED}; }

inline PolicyPtr CompileOrDie(const char* text, uint32_t flags = ROLEC_COMPILE_NO_STDLIB) {
  rolec_source source = {"small.role", text, ROLEC_NUL_TERMINATED};
  rolec_policy* policy = nullptr;
  char* diagnostics = nullptr;
  rolec_status status = rolec_policy_compile(&source, 1, flags, &policy, &diagnostics);
  EXPECT_EQ(status, ROLEC_OK) << rolec_last_error() << "\n" << (diagnostics ? diagnostics : "");
  rolec_string_free(diagnostics);
  return PolicyPtr(policy);
}

inline rolec_role_id Role(const rolec_policy* policy, const char* name) {
  rolec_role_id id = ROLEC_NO_ROLE;
  EXPECT_EQ(rolec_policy_find_role(policy, name, ROLEC_NUL_TERMINATED, &id), ROLEC_OK) << name;
  return id;
}

inline rolec_action_id Action(const rolec_policy* policy, const char* name) {
  rolec_action_id id = ROLEC_NO_ACTION;
  EXPECT_EQ(rolec_policy_find_action(policy, name, ROLEC_NUL_TERMINATED, &id), ROLEC_OK) << name;
  return id;
}

// A principal "alice" holding `role` at tenant scope, or at /administrativeUnits/<unit>.
inline PrincipalPtr Prepare(const rolec_policy* policy, const char* role, const char* unit = "") {
  rolec_assignment assignment = {Role(policy, role), View(unit)};
  rolec_principal* principal = nullptr;
  EXPECT_EQ(rolec_principal_prepare(policy, "alice", ROLEC_NUL_TERMINATED, &assignment, 1,
                                    &principal),
            ROLEC_OK)
      << rolec_last_error();
  return PrincipalPtr(principal);
}

}  // namespace rolec::capi_testing
