"""A prepared principal: who asks, with their role assignments resolved once
(``rolec_principal_prepare``), so that each check marshals nothing of the principal.

An assignment is given as a role name or template id (tenant scope), a role id, a
``(role, admin_unit)`` tuple, or a dict ``{"role": ..., "admin_unit": ...}`` /
``{"role": ..., "scope": ...}`` (``scope`` as in the request files: ``"/"`` or
``"/administrativeUnits/<id>"``). An unknown role is an :class:`~rolec.Error`, never dropped.
"""
from __future__ import annotations

import ctypes
from typing import TYPE_CHECKING, Any, Iterable, List, Mapping, Optional, Tuple, Union

from . import _lib
from ._handle import Handle
from ._target import encode
from .errors import Error

if TYPE_CHECKING:
    from .policy import Policy

RoleRef = Union[str, int]
AssignmentLike = Union[str, int, Tuple[RoleRef, Optional[str]], Mapping[str, Any]]
PrincipalLike = Union["Principal", Mapping[str, Any]]

_SCOPE_PREFIX = "/administrativeUnits/"


def admin_unit_of(value: Optional[str], where: str) -> str:
    """The unit id of an admin unit or a scope: None, "" and "/" are tenant scope (""); a bare id
    or "/administrativeUnits/<id>" is that unit."""
    if value is None:
        return ""
    if not isinstance(value, str):
        raise TypeError(f"{where}: expected a string or None, got {type(value).__name__}")
    if value in ("", "/"):
        return ""
    if value.startswith(_SCOPE_PREFIX):
        value = value[len(_SCOPE_PREFIX):]
    if not value or "/" in value:
        raise ValueError(f"{where}: {value!r} is not an administrative unit (expected an id, "
                         "'/' or '/administrativeUnits/<id>')")
    return value


def _split(item: AssignmentLike, where: str) -> Tuple[RoleRef, str]:
    if isinstance(item, (str, int)) and not isinstance(item, bool):
        return item, ""
    if isinstance(item, tuple):
        if len(item) != 2:
            raise ValueError(f"{where}: expected (role, admin_unit), got {len(item)} items")
        return item[0], admin_unit_of(item[1], f"{where}[1]")
    if isinstance(item, Mapping):
        unknown = [key for key in item if key not in ("role", "admin_unit", "scope")]
        if unknown:
            raise ValueError(f"{where}: unknown key {unknown[0]!r} (known keys: role, admin_unit, "
                             "scope)")
        if "role" not in item:
            raise ValueError(f"{where}: missing key 'role'")
        if "admin_unit" in item and "scope" in item:
            raise ValueError(f"{where}: give 'admin_unit' or 'scope', not both")
        unit = item.get("admin_unit", item.get("scope"))
        return item["role"], admin_unit_of(unit, f"{where}.{'scope' if 'scope' in item else 'admin_unit'}")
    raise TypeError(f"{where}: expected a role name, a role id, a (role, admin_unit) tuple or a "
                    f"dict, got {type(item).__name__}")


class Principal(Handle):
    """A prepared principal. It keeps the policy it was prepared with alive (in Python and in
    the library); free it with ``close()`` or a ``with`` block, else the garbage collector does.
    Immutable: any number of threads may check with one principal at once."""

    __slots__ = ("policy", "id", "assignments")
    _free_function = "rolec_principal_free"
    _what = "principal"

    def __init__(self, policy: "Policy", principal_id: str,
                 assignments: Iterable[AssignmentLike]) -> None:
        super().__init__()
        self.policy = policy
        self.id = principal_id
        lib = _lib.load()
        resolved: List[Tuple[int, str]] = []
        for i, item in enumerate(assignments):
            role, unit = _split(item, f"assignments[{i}]")
            if isinstance(role, bool) or not isinstance(role, (str, int)):
                raise TypeError(f"assignments[{i}].role: expected a role name or id, got "
                                f"{type(role).__name__}")
            if isinstance(role, str):
                found = policy.find_role(role)
                if found is None:
                    raise Error("not_found", f"assignments[{i}]: unknown role {role!r}")
                role = found
            elif not 0 <= role < 2**32:
                raise ValueError(f"assignments[{i}].role: role id {role} out of range")
            resolved.append((role, unit))
        self.assignments: Tuple[Tuple[int, str], ...] = tuple(resolved)
        units = [encode(unit, "admin_unit") for _, unit in resolved]
        array = (_lib.Assignment * len(resolved))(
            *[_lib.Assignment(role, _lib.StringView(unit, len(unit)))
              for (role, _), unit in zip(resolved, units)])
        data = encode(principal_id, "principal_id")
        handle = ctypes.c_void_p()
        status = lib.rolec_principal_prepare(policy._live(), data, len(data), array, len(resolved),
                                             ctypes.byref(handle))
        if status != _lib.OK:
            raise _lib.fail(status)
        self._handle = handle

    def __repr__(self) -> str:
        return f"<rolec.Principal {self.id!r} with {len(self.assignments)} assignment(s)>"


def from_dict(policy: "Policy", principal: Mapping[str, Any]) -> Principal:
    """A principal given as the request files' ``principal`` object:
    ``{"id": ..., "assignments": [{"role": ..., "scope" or "admin_unit": ...}]}``."""
    unknown = [key for key in principal if key not in ("id", "assignments")]
    if unknown:
        raise ValueError(f"unknown principal key {unknown[0]!r} (known keys: id, assignments)")
    principal_id = principal.get("id", "")
    assignments = principal.get("assignments", [])
    if isinstance(assignments, (str, bytes, Mapping)):
        raise TypeError("principal.assignments: expected a list of assignments")
    return Principal(policy, principal_id, assignments)
