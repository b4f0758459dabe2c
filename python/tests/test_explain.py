"""Explanations: reasons for an allow, denials for a deny, computed lazily and cached."""
from __future__ import annotations

import rolec
from conftest import MEMBERS, READ, RESET


def test_reasons_of_an_allow(small: rolec.Policy) -> None:
    alice = small.prepare("alice", ["Reader", "Helpdesk"])
    decision = small.check(alice, RESET, {"kind": "user", "roles": ["Reader"]})
    assert decision.allowed and decision.denials == [] and decision.errors == []
    (reason,) = decision.reasons
    assert reason["assignment"] == 1 and reason["role"] == "Helpdesk" and reason["scope"] == "/"
    assert reason["rule"].startswith(f"allow {RESET} when target.roles within")
    assert reason["source"] == "small.role:6:3"


def test_denials_of_a_deny(small: rolec.Policy) -> None:
    alice = small.prepare("alice", [("Helpdesk", "au1"), "Reader"])
    decision = small.check(alice, RESET, {"kind": "user", "roles": ["Helpdesk"]})
    assert not decision.allowed and decision.reasons == []
    kinds = {(d["assignment"], d["kind"]) for d in decision.denials}
    assert (0, "scope_mismatch") in kinds and (1, "no_grant") in kinds
    scoped = next(d for d in decision.denials if d["assignment"] == 0)
    assert scoped["scope"] == "/administrativeUnits/au1" and "au1" in scoped["message"]


def test_condition_failed_denial_names_the_rule(small: rolec.Policy) -> None:
    owner = small.prepare("alice", ["Group Owner"])
    decision = small.check(owner, MEMBERS, {"kind": "group", "owners": ["bob"]})
    (denial,) = decision.denials
    assert denial["kind"] == "condition_failed" and denial["source"] == "small.role:9:3"
    assert "principal owns target" in denial["rule"]


def test_explain_equals_to_dict(small: rolec.Policy) -> None:
    reader = small.prepare("alice", ["MFA Reader"])
    for mfa in (False, True):
        explained = small.explain(reader, READ, {"kind": "user"}, mfa=mfa)
        assert explained == small.check(reader, READ, {"kind": "user"}, mfa=mfa).to_dict()
        assert explained["decision"] == ("allow" if mfa else "deny")


def test_explanation_is_lazy_and_cached(small: rolec.Policy) -> None:
    alice = small.prepare("alice", ["Reader"])
    decision = small.check(alice, READ)
    assert decision._explanation is None  # only the check ran
    first = decision.reasons
    assert decision._explanation is not None and decision._explain is None
    assert decision.reasons == first
    mutated = decision.to_dict()
    mutated["reasons"].clear()
    assert decision.reasons == first  # to_dict() hands out a copy
    assert repr(decision) == "<rolec.Decision allow>"


def test_unknown_action_is_explained_as_an_error(small: rolec.Policy) -> None:
    alice = small.prepare("alice", ["Reader"])
    decision = small.check(alice, "microsoft.directory/users/nothing/read")
    assert not decision.allowed
    assert decision.errors or decision.notes or decision.denials, decision.to_dict()
