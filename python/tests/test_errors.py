"""Failing closed: every C failure is a rolec.Error (never an allow), and bad Python input is a
ValueError / TypeError naming what is wrong."""
from __future__ import annotations

from pathlib import Path

import pytest

import rolec
from conftest import READ, RESET, SMALL_POLICY


def test_bad_source_raises_compile_error_with_location() -> None:
    source = 'role "Broken" {\n  allow microsoft.directory/users/password/update when\n}\n'
    with pytest.raises(rolec.CompileError) as caught:
        rolec.Policy.compile({"broken.role": source}, stdlib=False)
    error = caught.value
    assert isinstance(error, rolec.Error) and error.status == "compile"
    assert "broken.role:2:55: error[E0101]: expected a condition after 'when'" in error.diagnostics
    assert "broken.role:2:55" in str(error)


def test_unknown_action_in_source_is_a_compile_error() -> None:
    source = 'role "X" { allow microsoft.directory/users/nothing/update }\n'
    with pytest.raises(rolec.CompileError, match=r"x\.role:1:\d+: error\[E"):
        rolec.Policy.compile({"x.role": source}, stdlib=False)


def test_no_sources() -> None:
    with pytest.raises(ValueError, match="at least one source"):
        rolec.Policy.compile({})


def test_corrupt_image_bytes() -> None:
    image = rolec.Policy.compile_image({"small.role": SMALL_POLICY}, stdlib=False)
    for bad in (b"", b"not an image", image[: len(image) // 2],
                image[:40] + bytes([image[40] ^ 0xFF]) + image[41:]):
        with pytest.raises(rolec.Error) as caught:
            rolec.Policy.load(bad)
        assert caught.value.status == "bad_image", caught.value
        assert caught.value.message


def test_load_file_errors(tmp_path: Path) -> None:
    with pytest.raises(rolec.Error) as caught:
        rolec.Policy.load_file(tmp_path / "missing.rolec")
    assert caught.value.status == "io" and "missing.rolec" in caught.value.message
    junk = tmp_path / "junk.rolec"
    junk.write_bytes(b"\x00" * 100)
    with pytest.raises(rolec.Error) as caught:
        rolec.Policy.load_file(junk)
    assert caught.value.status == "bad_image" and "junk.rolec" in caught.value.message


def test_unknown_role_in_prepare_is_an_error(small: rolec.Policy) -> None:
    with pytest.raises(rolec.Error, match="unknown role 'Helpdesk Administratr'") as caught:
        small.prepare("alice", ["Reader", "Helpdesk Administratr"])
    assert caught.value.status == "not_found"
    with pytest.raises(rolec.Error) as caught:
        small.prepare("alice", [999])
    assert caught.value.status == "out_of_range"
    with pytest.raises(rolec.Error, match="unknown role"):
        small.check({"id": "a", "assignments": [{"role": "Nobody"}]}, READ)


def test_unknown_target_role_is_an_error_not_a_deny(small: rolec.Policy) -> None:
    alice = small.prepare("alice", ["Helpdesk"])
    with pytest.raises(rolec.Error) as caught:
        small.check(alice, RESET, {"roles": ["Global Admin"]})
    assert caught.value.status == "not_found" and "Global Admin" in caught.value.message


@pytest.mark.parametrize("target, error, match", [
    ({"rolez": ["Reader"]}, ValueError, "unknown target key 'rolez'"),
    ({"kind": "usr"}, ValueError, "unknown target kind 'usr'"),
    ({"roles": "Reader"}, TypeError, "target.roles: expected a list"),
    ({"roles": [1]}, TypeError, r"target.roles\[0\]: expected a string"),
    ({"roleAssignable": 1}, TypeError, "target.roleAssignable: expected a boolean"),
    ({"restrictedAdminUnits": ["au1"]}, ValueError, "not one of the target's adminUnits"),
    (["user"], TypeError, "target: expected a dict"),
])
def test_bad_target(small: rolec.Policy, target: object, error: type, match: str) -> None:
    alice = small.prepare("alice", ["Helpdesk"])
    with pytest.raises(error, match=match):
        small.check(alice, RESET, target)  # type: ignore[arg-type]


def test_bad_action_and_principal_types(small: rolec.Policy) -> None:
    alice = small.prepare("alice", ["Reader"])
    with pytest.raises(TypeError, match="action"):
        small.check(alice, 1.5)  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="action"):
        small.check(alice, True)
    with pytest.raises(ValueError, match="out of range"):
        small.check(alice, -1)
    with pytest.raises(TypeError, match="principal"):
        small.check("alice", READ)  # type: ignore[arg-type]


def test_malformed_action_name_is_a_deny_not_an_allow(small: rolec.Policy) -> None:
    reader = small.prepare("alice", ["Reader"])
    for action in ("not-an-action", "", "microsoft.directory/users/standard/read\0x"):
        try:
            decision = small.check(reader, action)
        except rolec.Error:
            continue  # an error is fine too: what must never happen is an allow
        assert not decision.allowed, action


def test_batch_failure_names_the_request(small: rolec.Policy) -> None:
    alice = small.prepare("alice", ["Helpdesk"])
    with pytest.raises(rolec.Error, match=r"requests\[1\]"):
        small.check_batch([(alice, RESET), (alice, RESET, {"roles": ["Nobody"]})])
    with pytest.raises(ValueError, match=r"requests\[0\]: unknown key 'actoin'"):
        small.check_batch([{"principal": {}, "actoin": RESET}])


def test_library_not_found_message(monkeypatch: pytest.MonkeyPatch) -> None:
    from rolec import _lib
    monkeypatch.setenv("ROLEC_LIBRARY", "/nonexistent/librolec.so.1")
    assert _lib.candidates() == ["/nonexistent/librolec.so.1"]


@pytest.mark.parametrize("mfa", ["false", "no", 1, None, [True]])
def test_mfa_must_be_a_bool_never_truthy(small: rolec.Policy, mfa: object) -> None:
    # "MFA Reader" allows READ only with context.mfa: a truthy non-bool must not satisfy it.
    reader = small.prepare("m", ["MFA Reader"])
    with pytest.raises(TypeError, match="expected true or false"):
        small.check(reader, READ, {"kind": "user"}, mfa=mfa)  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="expected true or false"):
        small.explain(reader, READ, {"kind": "user"}, mfa=mfa)  # type: ignore[arg-type]
    with pytest.raises(TypeError, match=r"requests\[0\].context.mfa"):
        small.check_batch([{"principal": {"id": "m", "assignments": [{"role": "MFA Reader"}]},
                            "action": READ, "target": {"kind": "user"},
                            "context": {"mfa": mfa}}])
    with pytest.raises(TypeError, match=r"requests\[0\] mfa"):
        small.check_batch([(reader, READ, {"kind": "user"}, mfa)])
    with rolec.Engine(small) as engine, pytest.raises(TypeError, match="expected true or false"):
        engine.check(reader, READ, {"kind": "user"}, mfa=mfa)  # type: ignore[arg-type]
