#!/usr/bin/env python3
"""Audits who can do the dangerous things: for each principal of a Microsoft Graph export of
directory role assignments, which sensitive actions their roles allow, where, and by which rule.

    audit_graph_export.py ASSIGNMENTS.json [--policy CUSTOM.role]... [--checks CHECKS.json] [--json]

ASSIGNMENTS.json is either the Graph list of `GET /roleManagement/directory/roleAssignments`
(optionally with `$expand=principal`): `{"value": [{"principalId", "roleDefinitionId",
"directoryScopeId", "principal": {"displayName"}}]}`, or rolec's own shape, a list of request
principals: `{"principals": [{"id", "assignments": [{"role", "scope"}]}]}`. Built-in roles are
known by template id and name; custom roles come from `--policy` sources (convert their Graph
definitions first with `rolec import graph roles.json -o custom.role`).

Each check is asked against a target outside any administrative unit, and again inside each unit
the principal holds a unit-scoped assignment in. An assignment that cannot be evaluated (an unknown
role, a scope rolec does not model such as an application scope) is listed, never dropped.
Exit status: 0 all evaluated, 1 bad input, 2 some assignments were not evaluated.
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any, Dict, List, Tuple

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # the rolec package beside us
import rolec  # noqa: E402

RESET = "microsoft.directory/users/password/update"
DEFAULT_CHECKS: List[Dict[str, Any]] = [
    {"name": "reset a Global Administrator's password", "action": RESET,
     "target": {"kind": "user", "roles": ["Global Administrator"]}},
    {"name": "reset a user's password", "action": RESET, "target": {"kind": "user"}},
    {"name": "add credentials to an application",
     "action": "microsoft.directory/applications/credentials/update",
     "target": {"kind": "application"}},
    {"name": "add credentials to a service principal",
     "action": "microsoft.directory/servicePrincipals/credentials/update",
     "target": {"kind": "servicePrincipal"}},
    {"name": "assign directory roles",
     "action": "microsoft.directory/roleAssignments/allProperties/allTasks", "target": None},
    {"name": "change members of a role-assignable group",
     "action": "microsoft.directory/groups/members/update",
     "target": {"kind": "group", "roleAssignable": True}},
]


class InputError(Exception):
    pass


def read_principals(data: Any) -> List[Dict[str, Any]]:
    """[{"id", "name", "assignments": [{"role", "scope"}]}] in input order."""
    if isinstance(data, dict) and isinstance(data.get("principals"), list):
        return [{"id": p.get("id", ""), "name": p.get("name", p.get("id", "")),
                 "assignments": list(p.get("assignments", []))} for p in data["principals"]]
    if isinstance(data, dict) and isinstance(data.get("value"), list):
        by_id: Dict[str, Dict[str, Any]] = {}
        for i, item in enumerate(data["value"]):
            if not isinstance(item, dict) or "principalId" not in item or \
                    "roleDefinitionId" not in item:
                raise InputError(f"value[{i}]: a role assignment needs principalId and "
                                 "roleDefinitionId")
            pid = item["principalId"]
            expanded = item.get("principal") or {}
            entry = by_id.setdefault(pid, {"id": pid, "name": expanded.get("displayName", pid),
                                           "assignments": []})
            entry["assignments"].append({"role": item["roleDefinitionId"],
                                         "scope": item.get("directoryScopeId") or "/"})
        return list(by_id.values())
    raise InputError("expected a Graph list of role assignments ({\"value\": [...]}) or "
                     "{\"principals\": [...]}")


def audit(policy: rolec.Policy, principals: List[Dict[str, Any]],
          checks: List[Dict[str, Any]]) -> Tuple[List[Dict[str, Any]], bool]:
    report = []
    complete = True
    for principal in principals:
        usable, skipped = [], []
        for assignment in principal["assignments"]:
            role, scope = assignment.get("role", ""), assignment.get("scope", "/")
            if scope != "/" and not scope.startswith("/administrativeUnits/"):
                skipped.append({"role": role, "scope": scope,
                                "why": "scope not modelled by rolec"})
            elif policy.find_role(role) is None:
                skipped.append({"role": role, "scope": scope, "why": "unknown role"})
            else:
                usable.append((role, scope))
        complete = complete and not skipped
        prepared = policy.prepare(principal["id"], usable)
        units = sorted({s[len("/administrativeUnits/"):] for _, s in usable if s != "/"})
        findings = []
        for check in checks:
            where, why = [], []
            for unit in [None] + units:
                target = dict(check.get("target") or {})
                if unit is not None:
                    target["adminUnits"] = list(target.get("adminUnits", [])) + [unit]
                decision = policy.check(prepared, check["action"], target or None)
                if decision:
                    where.append("/" if unit is None else f"/administrativeUnits/{unit}")
                    why += [f"{r['role']} at {r['scope']}: {r['source']}"
                            for r in decision.reasons if f"{r['role']} at {r['scope']}: "
                            f"{r['source']}" not in why]
                    if unit is None:
                        break  # tenant-wide covers every unit
            if where:
                findings.append({"check": check["name"], "where": where, "because": why})
        # A template id from Graph reads better as the role's display name.
        names = [policy.role_name(policy.find_role(r)) for r, _ in usable]  # type: ignore[arg-type]
        report.append({"id": principal["id"], "name": principal["name"],
                       "roles": [f"{n} at {s}" for n, (_, s) in zip(names, usable)], "can": findings,
                       "not_evaluated": skipped})
    return report, complete


def print_text(report: List[Dict[str, Any]]) -> None:
    for entry in report:
        print(f"{entry['name']} ({entry['id']}): {', '.join(entry['roles']) or 'no roles'}")
        for finding in entry["can"]:
            scope = "tenant-wide" if finding["where"] == ["/"] else "in " + ", ".join(
                finding["where"])
            print(f"  can {finding['check']} ({scope})")
            for because in finding["because"]:
                print(f"    via {because}")
        if not entry["can"]:
            print("  none of the sensitive actions")
        for skipped in entry["not_evaluated"]:
            print(f"  NOT EVALUATED: {skipped['role']} at {skipped['scope']}: {skipped['why']}")


def main(argv: List[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("assignments", type=Path)
    parser.add_argument("--policy", type=Path, action="append", default=[])
    parser.add_argument("--checks", type=Path)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    try:
        data = json.loads(args.assignments.read_text(encoding="utf-8"))
        checks = (json.loads(args.checks.read_text(encoding="utf-8")) if args.checks
                  else DEFAULT_CHECKS)
        sources = {str(p): p.read_text(encoding="utf-8") for p in args.policy} or \
            {"(none).role": "// the Entra built-in roles only\n"}
        principals = read_principals(data)
    except (OSError, ValueError, InputError) as error:
        print(f"audit: error: {error}", file=sys.stderr)
        return 1
    try:
        with rolec.Policy.compile(sources) as policy:
            report, complete = audit(policy, principals, checks)
    except rolec.CompileError as error:
        print(error.diagnostics, file=sys.stderr, end="")
        print(f"audit: error: {error.message}", file=sys.stderr)
        return 1
    except (rolec.Error, ValueError, TypeError, KeyError) as error:
        print(f"audit: error: {error}", file=sys.stderr)
        return 1
    if args.json:
        print(json.dumps(report, indent=2))
    else:
        print_text(report)
    return 0 if complete else 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
