"""A target dict, in the JSON shape of `rolec eval --requests` (docs/cli.md § A stream of
requests), converted to a ``rolec_target``.

The keys are those of the request files: ``kind``, ``id``, ``roles``,
``roleAssignableGroupMember``, ``roleScopedToRestrictedAdminUnit``, ``inRestrictedAdminUnit``,
``roleAssignable``, ``adminUnits``, ``restrictedAdminUnits``, ``owners``. Parsing is as strict as
the CLI's: an unknown key or a value of the wrong type is a ``ValueError`` / ``TypeError`` naming
the key, never ignored, because a dropped key (``"roles"`` misspelt) would make a target look
less privileged than it is and turn a deny into an allow.
"""
from __future__ import annotations

import ctypes
from typing import Any, List, Mapping, Optional, Sequence, Tuple

from . import _lib

TARGET_KINDS = {
    "user": 1, "group": 2, "device": 3, "application": 4, "serviceprincipal": 5,
    "administrativeunit": 6, "roledefinition": 7, "other": 8,
}
_FLAGS = {
    "roleAssignableGroupMember": "role_assignable_group_member",
    "roleScopedToRestrictedAdminUnit": "role_scoped_to_restricted_admin_unit",
    "inRestrictedAdminUnit": "in_restricted_admin_unit",
    "roleAssignable": "role_assignable",
}
# key -> (array field, count field) of rolec_target
_LISTS = {"adminUnits": ("admin_units", "admin_unit_count"),
          "restrictedAdminUnits": ("restricted_admin_units", "restricted_admin_unit_count"),
          "owners": ("owners", "owner_count"), "roles": ("role_names", "role_name_count")}
KNOWN_KEYS = ("kind", "id", "roles", "roleAssignableGroupMember",
              "roleScopedToRestrictedAdminUnit", "inRestrictedAdminUnit", "roleAssignable",
              "adminUnits", "restrictedAdminUnits", "owners")


def encode(text: str, where: str) -> bytes:
    if not isinstance(text, str):
        raise TypeError(f"{where}: expected a string, got {type(text).__name__}")
    return text.encode("utf-8")


class MarshalledTarget:
    """A ``rolec_target`` and the Python objects its pointers point into (kept alive with it)."""

    __slots__ = ("struct", "pointer", "_keep")

    def __init__(self, struct: _lib.Target, keep: List[Any]) -> None:
        self.struct = struct
        self.pointer = ctypes.pointer(struct)
        self._keep = keep


def _views(items: Sequence[bytes]) -> Tuple[Any, int]:
    array = (_lib.StringView * len(items))(*[_lib.StringView(b, len(b)) for b in items])
    return array, len(items)


def marshal(target: Optional[Mapping[str, Any]]) -> Optional[MarshalledTarget]:
    """The C target for a target dict; None (an unspecified target) for None."""
    if target is None:
        return None
    if not isinstance(target, Mapping):
        raise TypeError(f"target: expected a dict, got {type(target).__name__}")
    struct = _lib.Target()
    keep: List[Any] = []
    lists: dict = {}
    for key, value in target.items():
        where = f"target.{key}"
        if key == "kind":
            kind = TARGET_KINDS.get(encode(value, where).decode().lower())
            if kind is None:
                raise ValueError(f"{where}: unknown target kind {value!r} (expected user, group, "
                                 "device, application, servicePrincipal, administrativeUnit, "
                                 "roleDefinition or other)")
            struct.kind = kind
        elif key == "id":
            data = encode(value, where)
            keep.append(data)
            struct.id = _lib.StringView(data, len(data))
        elif key in _FLAGS:
            if not isinstance(value, bool):
                raise TypeError(f"{where}: expected a boolean, got {type(value).__name__}")
            setattr(struct, _FLAGS[key], value)
        elif key in _LISTS:
            if isinstance(value, (str, bytes)) or not isinstance(value, Sequence):
                raise TypeError(f"{where}: expected a list of strings, got "
                                f"{type(value).__name__}")
            lists[key] = [encode(item, f"{where}[{i}]") for i, item in enumerate(value)]
        else:
            raise ValueError(f"unknown target key {key!r} (known keys: {', '.join(KNOWN_KEYS)})")
    units = set(lists.get("adminUnits", []))
    for i, unit in enumerate(lists.get("restrictedAdminUnits", [])):
        if unit not in units:
            raise ValueError(f"target.restrictedAdminUnits[{i}]: restricted administrative unit "
                             f"{unit.decode()!r} is not one of the target's adminUnits")
    for key, items in lists.items():
        array, count = _views(items)
        keep.append(items)
        keep.append(array)
        field, count_field = _LISTS[key]
        setattr(struct, field, ctypes.cast(array, ctypes.POINTER(_lib.StringView)))
        setattr(struct, count_field, count)
    return MarshalledTarget(struct, keep)
