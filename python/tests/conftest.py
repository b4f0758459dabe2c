"""Shared fixtures. ctest sets ROLEC_LIBRARY (librolec.so of the build) and ROLEC_CLI (the rolec
command, the oracle of test_cli_oracle.py); run by hand, both default to ../../build/."""
from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Iterator

import pytest

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "python"))
os.environ.setdefault("ROLEC_LIBRARY", str(ROOT / "build" / "librolec.so.1"))
os.environ.setdefault("ROLEC_CLI", str(ROOT / "build" / "cli" / "rolec"))

import rolec  # noqa: E402  (after the path and the library are set)

# Reader reads users; Helpdesk resets passwords of users holding no role outside {Reader} (and is
# scopable to an administrative unit); Group Owner updates members of groups it owns; MFA Reader
# reads users only with MFA. The same policy as tests/capi/capi_fixture.h.
SMALL_POLICY = (
    'action microsoft.directory/users/password/update { description "Reset passwords" }\n'
    'action microsoft.directory/users/standard/read { description "Read users" }\n'
    'action microsoft.directory/groups/members/update { description "Update members" }\n'
    'role "Reader" { allow microsoft.directory/users/standard/read }\n'
    'role "Helpdesk" {\n'
    '  allow microsoft.directory/users/password/update when target.roles within ["Reader"]\n'
    '}\n'
    'role "Group Owner" {\n'
    '  allow microsoft.directory/groups/members/update when principal owns target\n'
    '}\n'
    'role "MFA Reader" { allow microsoft.directory/users/standard/read when context.mfa }\n'
)
RESET = "microsoft.directory/users/password/update"
READ = "microsoft.directory/users/standard/read"
MEMBERS = "microsoft.directory/groups/members/update"


@pytest.fixture(scope="session")
def small() -> Iterator[rolec.Policy]:
    with rolec.Policy.compile({"small.role": SMALL_POLICY}, stdlib=False) as policy:
        yield policy


@pytest.fixture(scope="session")
def entra() -> Iterator[rolec.Policy]:
    """The Entra built-in roles alone (the stdlib), from a one-line source."""
    with rolec.Policy.compile({"empty.role": "// nothing of our own\n"}) as policy:
        yield policy
