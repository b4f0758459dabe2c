"""A decision table over the Entra built-ins, answered by the module and by the rolec command
(`rolec eval --requests -`, ROLEC_CLI): the CLI parses the request JSON and binds it in C++,
sharing no code path with this module's marshalling, so agreement on the whole decision object
(reasons, denials, errors, notes) checks the module's target and principal conversion."""
from __future__ import annotations

import json
import os
import subprocess
from typing import Any, Dict, List, Tuple

import pytest

import rolec

RESET = "microsoft.directory/users/password/update"
APP_SECRET = "microsoft.directory/applications/credentials/update"
ASSIGN = "microsoft.directory/roleAssignments/allProperties/allTasks"
MEMBERS = "microsoft.directory/groups/members/update"


def who(*assignments: Tuple[str, str]) -> Dict[str, Any]:
    return {"id": "alice", "assignments": [{"role": r, "scope": s} for r, s in assignments]}


# (principal, action, target, context, expected decision)
TABLE: List[Tuple[Dict[str, Any], str, Any, Any, str]] = [
    (who(("Helpdesk Administrator", "/")), RESET, {"kind": "user"}, None, "allow"),
    (who(("Helpdesk Administrator", "/")), RESET,
     {"kind": "user", "roles": ["Global Administrator"]}, None, "deny"),
    (who(("Helpdesk Administrator", "/administrativeUnits/au1")), RESET,
     {"kind": "user", "adminUnits": ["au1"]}, None, "allow"),
    (who(("Helpdesk Administrator", "/administrativeUnits/au1")), RESET,
     {"kind": "user", "adminUnits": ["au2"]}, None, "deny"),
    (who(("User Administrator", "/")), RESET,
     {"kind": "user", "roleAssignableGroupMember": True}, None, "deny"),
    (who(("Privileged Authentication Administrator", "/")), RESET,
     {"kind": "user", "roles": ["Global Administrator"]}, None, "allow"),
    (who(("Global Reader", "/")), RESET, {"kind": "user"}, None, "deny"),
    (who(("Application Administrator", "/")), APP_SECRET, {"kind": "application"}, None,
     "allow"),
    (who(("Cloud Application Administrator", "/")), APP_SECRET, {"kind": "application"},
     {"mfa": True}, "allow"),
    (who(("Helpdesk Administrator", "/")), APP_SECRET, {"kind": "application"}, None, "deny"),
    (who(("Privileged Role Administrator", "/")), ASSIGN, None, None, "allow"),
    (who(("User Administrator", "/")), ASSIGN, None, None, "deny"),
    (who(("Groups Administrator", "/")), MEMBERS, {"kind": "group", "roleAssignable": True},
     None, "deny"),
    (who(("Groups Administrator", "/")), MEMBERS, {"kind": "group", "id": "g1"}, None, "allow"),
    (who(("User Administrator", "/")), RESET,
     {"kind": "user", "adminUnits": ["au9"], "restrictedAdminUnits": ["au9"]}, None, "deny"),
    (who(("User Administrator", "/administrativeUnits/au9")), RESET,
     {"kind": "user", "adminUnits": ["au9"], "restrictedAdminUnits": ["au9"]}, None, "allow"),
    (who(("Global Reader", "/"), ("Helpdesk Administrator", "/")), RESET,
     {"kind": "user", "roles": ["Directory Readers"], "owners": ["bob"]}, None, "allow"),
    (who(), RESET, {"kind": "user"}, None, "deny"),
    # Outside the catalog: matched against the patterns (Global Administrator's wildcards
    # cover it, Helpdesk Administrator's list does not).
    (who(("Global Administrator", "/")), "microsoft.directory/users/nothingAtAll/update",
     {"kind": "user"}, None, "allow"),
    (who(("Helpdesk Administrator", "/")), "microsoft.directory/users/nothingAtAll/update",
     {"kind": "user"}, None, "deny"),
]


def cli_answers() -> List[Dict[str, Any]]:
    lines = []
    for principal, action, target, context, _ in TABLE:
        request: Dict[str, Any] = {"principal": principal, "action": action}
        if target is not None:
            request["target"] = target
        if context is not None:
            request["context"] = context
        lines.append(json.dumps(request))
    cli = os.environ["ROLEC_CLI"]
    if not os.path.exists(cli):
        pytest.fail(f"ROLEC_CLI={cli} does not exist (build the rolec target)")
    done = subprocess.run([cli, "eval", "--requests", "-"], input="\n".join(lines) + "\n",
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    return [json.loads(line) for line in done.stdout.splitlines()]


def test_module_agrees_with_the_cli(entra: rolec.Policy) -> None:
    answers = cli_answers()
    assert len(answers) == len(TABLE)
    for row, answer in zip(TABLE, answers):
        principal, action, target, context, expected = row
        mfa = bool(context and context.get("mfa"))
        decision = entra.check(principal, action, target, mfa=mfa)
        assert answer["decision"] == expected, (row, answer)
        assert decision.allowed == (expected == "allow"), row
        assert decision.to_dict() == answer, row
    # Both outcomes occur, with reasons and denials: the comparison is not vacuous.
    assert {a["decision"] for a in answers} == {"allow", "deny"}
    assert any(a["denials"] for a in answers) and any(a["reasons"] for a in answers)


def test_prepared_and_batch_agree_with_the_cli(entra: rolec.Policy) -> None:
    answers = cli_answers()
    requests = []
    for principal, action, target, context, _ in TABLE:
        prepared = entra.prepare(principal["id"], principal["assignments"])
        action_ref: Any = entra.find_action(action)
        requests.append((prepared, action if action_ref is None else action_ref, target,
                         bool(context and context.get("mfa"))))
    decisions = entra.check_batch(requests)
    assert [d.to_dict() for d in decisions] == answers
