"""rolec for Python: compile Entra-style role policies, load verified images, and check and
explain requests, over the C API of librolec.so (ctypes; no compiled extension).

    import rolec
    policy = rolec.Policy.compile({"contoso.role": text})          # with the Entra stdlib
    alice = policy.prepare("alice", ["Helpdesk Administrator"])
    decision = policy.check(alice, "microsoft.directory/users/password/update",
                            {"kind": "user", "roles": ["Global Administrator"]})
    decision.allowed, decision.denials

docs/python.md is the manual.
"""
from __future__ import annotations

from typing import Tuple

from . import _lib
from .decision import Decision
from .engine import Engine
from .errors import CompileError, Error
from .policy import Policy
from .principal import Principal

__all__ = ["CompileError", "Decision", "Engine", "Error", "Policy", "Principal",
           "library_path", "library_version"]
__version__ = "0.1.0"


def library_version() -> Tuple[int, int, int]:
    """(major, minor, patch) of the loaded librolec."""
    info = _lib.VersionInfo()
    status = _lib.load().rolec_version(info)
    if status != _lib.OK:
        raise _lib.fail(status)
    return info.major, info.minor, info.patch


def library_path() -> str:
    """Where librolec was loaded from (docs/python.md § Finding the library)."""
    return _lib.library_path()
