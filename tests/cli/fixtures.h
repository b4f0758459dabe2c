// tests/cli/fixtures.h — the .role sources the CLI tests feed to rolec, and the stdlib names they
// rely on (Entra built-ins: the standard library is always compiled in).
#pragma once

namespace rolec::cli_test {

inline constexpr char kHelpdeskName[] = "Helpdesk Administrator";
inline constexpr char kHelpdeskTemplateId[] = "729827e3-9c14-49f7-bb1b-9608f156bbb8";
inline constexpr char kGlobalAdminName[] = "Global Administrator";
inline constexpr char kPasswordUpdate[] = "microsoft.directory/users/password/update";

// A custom role with a conditional allow, an unconditional allow and a conditional except, and
// tests that all pass.
inline constexpr char kContosoRole[] = R"(module contoso
import entra

/// Password resets for ordinary staff only.
role "Contoso Tier1 Helpdesk" {
  id          "3f6c1d0a-5b8e-4c1f-9a57-2d4e8b7c9a10"
  description "Password resets for staff outside role-assignable groups"
  privileged  true

  allow microsoft.directory/users/password/update
    when not target.role_assignable_group_member
  allow microsoft.directory/users/standard/read
  except microsoft.directory/users/standard/read when target.in_restricted_au
}

test "tier1 resets an ordinary user" {
  allow "Contoso Tier1 Helpdesk" microsoft.directory/users/password/update on user {}
}

test "tier1 cannot reset a member of a role-assignable group" {
  deny "Contoso Tier1 Helpdesk" microsoft.directory/users/password/update
       on user { role_assignable_group_member }
}
)";

// Same role, one test block whose second expectation is wrong: 1 passed, 1 failed.
inline constexpr char kFailingTest[] = R"(module contoso
import entra

role "Contoso Tier1 Helpdesk" {
  id          "3f6c1d0a-5b8e-4c1f-9a57-2d4e8b7c9a10"
  description "Password resets for staff outside role-assignable groups"
  privileged  true
  allow microsoft.directory/users/password/update
    when not target.role_assignable_group_member
}

test "passes" {
  allow "Contoso Tier1 Helpdesk" microsoft.directory/users/password/update on user {}
}

test "expects the wrong thing" {
  deny "Contoso Tier1 Helpdesk" microsoft.directory/users/password/update on user {}
  allow "Contoso Tier1 Helpdesk" microsoft.directory/users/password/update
        on user { role_assignable_group_member }
}
)";

// A misspelt action on line 4, column 9.
inline constexpr char kMisspeltAction[] = R"(module contoso

role "Contoso Broken" {
  allow microsoft.directory/users/pasword/update
}
)";

}  // namespace rolec::cli_test
