"""Compile, load and check through the module: allow and deny, prepared principals, ids against
names, targets, MFA, batches, lifetimes."""
from __future__ import annotations

import gc
import weakref
from pathlib import Path

import pytest

import rolec
from conftest import MEMBERS, READ, RESET, SMALL_POLICY


def test_compile_allow_and_deny(small: rolec.Policy) -> None:
    alice = small.prepare("alice", ["Helpdesk"])
    assert small.check(alice, RESET, {"kind": "user"}).allowed
    assert small.check(alice, RESET, {"kind": "user", "roles": ["Reader"]}).allowed
    denied = small.check(alice, RESET, {"kind": "user", "roles": ["Helpdesk"]})
    assert not denied.allowed and not bool(denied)
    assert not small.check(alice, READ).allowed  # Helpdesk does not read


def test_ids_and_names_agree(small: rolec.Policy) -> None:
    alice = small.prepare("alice", [small.find_role("Helpdesk")])
    reset = small.find_action(RESET)
    assert isinstance(reset, int)
    assert small.find_action(RESET.upper()) == reset  # ASCII case-insensitive
    for target in (None, {"roles": ["Reader"]}, {"roles": ["Group Owner"]}):
        assert small.check(alice, reset, target).allowed == small.check(alice, RESET,
                                                                        target).allowed
    assert small.find_action("microsoft.directory/users/nothing/update") is None
    assert small.find_role("No Such Role") is None
    actions, roles, rules = small.counts()
    assert (actions, roles) == (3, 4) and rules >= 4


def test_ids_back_to_names(small: rolec.Policy) -> None:
    actions, roles, _ = small.counts()
    for role in range(roles):
        assert small.find_role(small.role_name(role)) == role
    for action in range(actions):
        assert small.find_action(small.action_name(action)) == action
    assert small.role_name(small.find_role("Helpdesk")) == "Helpdesk"
    assert small.role_template_id(small.find_role("Helpdesk")) == ""  # none given
    with pytest.raises(IndexError):
        small.role_name(roles)
    with pytest.raises(IndexError):
        small.action_name(-1)
    with pytest.raises(TypeError):
        small.action_name("0")  # type: ignore[arg-type]


def test_template_ids_of_the_builtin_roles(entra: rolec.Policy) -> None:
    ga = entra.find_role("62e90394-69f5-4237-9190-012177145e10")
    assert ga is not None
    assert entra.role_name(ga) == "Global Administrator"
    assert entra.role_template_id(ga) == "62e90394-69f5-4237-9190-012177145e10"


def test_out_of_range_action_id_is_a_deny_with_an_error(small: rolec.Policy) -> None:
    alice = small.prepare("alice", ["Reader"])
    decision = small.check(alice, 1000)
    assert not decision.allowed
    assert decision.errors, decision.to_dict()


def test_assignment_forms_and_admin_units(small: rolec.Policy) -> None:
    forms = [("Helpdesk", "au1"), {"role": "Helpdesk", "admin_unit": "au1"},
             {"role": "Helpdesk", "scope": "/administrativeUnits/au1"}, ("Helpdesk", None)]
    inside = {"kind": "user", "adminUnits": ["au1"]}
    outside = {"kind": "user", "adminUnits": ["au2"]}
    results = []
    for form in forms:
        principal = small.prepare("alice", [form])
        results.append((small.check(principal, RESET, inside).allowed,
                        small.check(principal, RESET, outside).allowed))
    assert results == [(True, False)] * 3 + [(True, True)]
    with pytest.raises(ValueError, match="not an administrative unit"):
        small.prepare("alice", [("Helpdesk", "/groups/x")])
    with pytest.raises(ValueError, match="unknown key 'unit'"):
        small.prepare("alice", [{"role": "Helpdesk", "unit": "au1"}])


def test_owner_and_mfa(small: rolec.Policy) -> None:
    owner = small.prepare("alice", ["Group Owner"])
    assert small.check(owner, MEMBERS, {"kind": "group", "owners": ["alice"]}).allowed
    assert not small.check(owner, MEMBERS, {"kind": "group", "owners": ["bob"]}).allowed
    reader = small.prepare("alice", ["MFA Reader"])
    assert not small.check(reader, READ).allowed
    assert small.check(reader, READ, mfa=True).allowed


def test_dict_principal(small: rolec.Policy) -> None:
    principal = {"id": "alice", "assignments": [{"role": "Group Owner", "scope": "/"}]}
    assert small.check(principal, MEMBERS, {"kind": "group", "owners": ["alice"]}).allowed
    assert not small.check({"id": "bob", "assignments": []}, MEMBERS,
                           {"kind": "group", "owners": ["alice"]}).allowed
    with pytest.raises(ValueError, match="unknown principal key 'roles'"):
        small.check({"id": "alice", "roles": ["Reader"]}, READ)


def test_stdlib_roles(entra: rolec.Policy) -> None:
    helpdesk = entra.prepare("alice", ["Helpdesk Administrator"])
    assert entra.check(helpdesk, RESET, {"kind": "user"}).allowed
    assert not entra.check(helpdesk, RESET, {"kind": "user",
                                             "roles": ["Global Administrator"]}).allowed
    # A template id names the same role as its display name.
    by_template = entra.prepare("alice", ["729827e3-9c14-49f7-bb1b-9608f156bbb8"])
    assert entra.check(by_template, RESET, {"kind": "user"}).allowed


def test_check_batch(small: rolec.Policy) -> None:
    alice = small.prepare("alice", ["Helpdesk"])
    decisions = small.check_batch([
        (alice, RESET),
        (alice, small.find_action(RESET), {"roles": ["Helpdesk"]}),
        {"principal": {"id": "r", "assignments": [{"role": "MFA Reader"}]}, "action": READ,
         "context": {"mfa": True}},
        (small.prepare("r", ["MFA Reader"]), READ, None, False),
    ])
    assert [d.allowed for d in decisions] == [True, False, True, False]
    assert decisions[1].denials[0]["kind"] == "condition_failed"
    assert small.check_batch([]) == []


def test_load_and_load_file(tmp_path: Path) -> None:
    image = rolec.Policy.compile_image({"small.role": SMALL_POLICY}, stdlib=False)
    assert isinstance(image, bytes) and len(image) > 0
    path = tmp_path / "small.rolec"
    path.write_bytes(image)
    for policy in (rolec.Policy.load(image), rolec.Policy.load_file(path),
                   rolec.Policy.load_file(str(path))):
        with policy:
            alice = policy.prepare("alice", ["Helpdesk"])
            assert policy.check(alice, RESET).allowed
            assert not policy.check(alice, RESET, {"roles": ["Helpdesk"]}).allowed


def test_close_and_context_manager() -> None:
    policy = rolec.Policy.compile({"small.role": SMALL_POLICY}, stdlib=False)
    alice = policy.prepare("alice", ["Reader"])
    policy.close()
    policy.close()  # idempotent
    with pytest.raises(rolec.Error, match="closed"):
        policy.check(alice, READ)
    with pytest.raises(rolec.Error, match="closed"):
        policy.find_role("Reader")
    # The principal keeps the image alive: it still checks against another handle of it.
    with rolec.Policy.compile({"small.role": SMALL_POLICY}, stdlib=False) as other:
        assert other.check(alice, READ).allowed
    with alice:
        pass
    with pytest.raises(rolec.Error, match="closed"):
        alice._live()


def test_principal_keeps_policy_alive() -> None:
    policy = rolec.Policy.compile({"small.role": SMALL_POLICY}, stdlib=False)
    alice = policy.prepare("alice", ["Reader"])
    ref = weakref.ref(policy)
    del policy
    gc.collect()
    assert ref() is not None and alice.policy is ref()
    assert alice.policy.check(alice, READ).allowed
    del alice
    gc.collect()
    assert ref() is None  # freed by the collector once nothing refers to it


def test_compile_warnings_are_kept() -> None:
    # A role whose name reads like another (Cyrillic "е") compiles, with warning W0221.
    confusable = 'role "R\u0435ader" { allow microsoft.directory/users/standard/read }\n'
    with rolec.Policy.compile([("small.role", SMALL_POLICY), ("more.role", confusable)],
                              stdlib=False) as policy:
        assert "more.role:1:6: warning[W0221]" in policy.diagnostics, policy.diagnostics
    with rolec.Policy.compile({"small.role": SMALL_POLICY}, stdlib=False) as policy:
        assert policy.diagnostics == ""
