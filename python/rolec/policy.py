"""A loaded, verified policy image (``rolec_policy``): compile or load one, look names up,
prepare principals, check and explain requests.

A Policy is immutable: any number of threads may check through one at once (ctypes releases the
GIL during each C call). Its handle is freed by ``close()``, a ``with`` block or the garbage
collector; principals prepared with it keep it alive.
"""
from __future__ import annotations

import ctypes
import os
from typing import Any, Iterable, List, Mapping, Optional, Sequence, Tuple, Union

from . import _lib
from ._handle import Handle
from ._target import MarshalledTarget, encode, marshal
from .decision import Decision, Explanation, parse_explanation
from .errors import CompileError, Error
from .principal import AssignmentLike, Principal, PrincipalLike, from_dict

Sources = Union[Mapping[str, str], Sequence[Tuple[str, str]]]
Action = Union[str, int]
Target = Optional[Mapping[str, Any]]

_CONTEXTS = (_lib.Context(False), _lib.Context(True))
_CONTEXT_POINTERS = tuple(ctypes.pointer(c) for c in _CONTEXTS)


def _mfa(value: Any, where: str = "mfa") -> bool:
    """``value`` if it is a bool. Anything else is a TypeError: a truthy string such as "false"
    must not count as multifactor authentication (fail closed, like the CLI's request files)."""
    if not isinstance(value, bool):
        raise TypeError(f"{where}: expected true or false, not {type(value).__name__} {value!r}")
    return value


def _sources(sources: Sources) -> Tuple[Any, int, List[bytes]]:
    items = list(sources.items()) if isinstance(sources, Mapping) else list(sources)
    if not items:
        raise ValueError("sources: at least one source is needed")
    keep: List[bytes] = []
    array = (_lib.Source * len(items))()
    for i, item in enumerate(items):
        if not isinstance(item, tuple) or len(item) != 2:
            raise TypeError(f"sources[{i}]: expected a (path, text) pair")
        path = encode(item[0], f"sources[{i}] path")
        text = encode(item[1], f"sources[{i}] text")
        if b"\0" in path:
            raise ValueError(f"sources[{i}] path: contains a NUL character")
        keep += [path, text]
        array[i] = _lib.Source(path, text, len(text))
    return array, len(items), keep


def _compile_flags(stdlib: bool) -> int:
    return 0 if stdlib else _lib.COMPILE_NO_STDLIB


def _compile_error(status: int, diagnostics: ctypes.c_void_p) -> Error:
    message = _lib.last_error()
    text = _lib.take_string(diagnostics).decode("utf-8", "replace")
    if status == _lib.ERR_COMPILE:
        return CompileError(_lib.status_name(status), message, text)
    return Error(_lib.status_name(status), message)


def _action(action: Action) -> Tuple[int, bytes]:
    """(id, b"") for an id, (NO_ACTION, name) for a name."""
    if isinstance(action, str):
        return _lib.NO_ACTION, action.encode("utf-8")
    if isinstance(action, int) and not isinstance(action, bool):
        if not 0 <= action < _lib.NO_ACTION:
            raise ValueError(f"action id {action} out of range")
        return action, b""
    raise TypeError(f"action: expected a name or an id, got {type(action).__name__}")


class Policy(Handle):
    """Use :meth:`compile`, :meth:`load` or :meth:`load_file`; the constructor is private.
    ``close()`` releases this handle (principals prepared with it stay valid)."""

    __slots__ = ("diagnostics",)
    _free_function = "rolec_policy_free"
    _what = "policy"

    def __init__(self, handle: ctypes.c_void_p, diagnostics: str = "") -> None:
        super().__init__(handle)
        self.diagnostics = diagnostics  # the compiler's warnings and notes ("" when loaded)

    # ---- making one ----
    @classmethod
    def compile(cls, sources: Sources, *, stdlib: bool = True) -> "Policy":
        """Compiles ``.role`` sources (``{path: text}`` or ``[(path, text)]``; the path is how
        diagnostics name the file), with the Entra standard library unless ``stdlib=False``.
        Raises :class:`CompileError` with the diagnostics if they have errors."""
        lib = _lib.load()
        array, count, keep = _sources(sources)
        handle = ctypes.c_void_p()
        diagnostics = ctypes.c_void_p()
        status = lib.rolec_policy_compile(array, count, _compile_flags(stdlib),
                                          ctypes.byref(handle), ctypes.byref(diagnostics))
        del keep
        if status != _lib.OK:
            raise _compile_error(status, diagnostics)
        return cls(handle, _lib.take_string(diagnostics).decode("utf-8", "replace"))

    @staticmethod
    def compile_image(sources: Sources, *, stdlib: bool = True) -> bytes:
        """The policy image (the bytes of a ``.rolec`` file) of the sources, for :meth:`load`."""
        lib = _lib.load()
        array, count, keep = _sources(sources)
        image = ctypes.c_void_p()
        length = ctypes.c_size_t()
        diagnostics = ctypes.c_void_p()
        status = lib.rolec_compile(array, count, _compile_flags(stdlib), ctypes.byref(image),
                                   ctypes.byref(length), ctypes.byref(diagnostics))
        del keep
        if status != _lib.OK:
            raise _compile_error(status, diagnostics)
        _lib.take_string(diagnostics)
        return _lib.take_bytes(image, length.value)

    @classmethod
    def load(cls, data: bytes) -> "Policy":
        """Verifies and loads an image; a corrupt or foreign one raises ``Error("bad_image")``."""
        if not isinstance(data, (bytes, bytearray, memoryview)):
            raise TypeError(f"data: expected bytes, got {type(data).__name__}")
        data = bytes(data)
        handle = ctypes.c_void_p()
        status = _lib.load().rolec_policy_load(data, len(data), ctypes.byref(handle))
        if status != _lib.OK:
            raise _lib.fail(status)
        return cls(handle)

    @classmethod
    def load_file(cls, path: Union[str, "os.PathLike[str]"]) -> "Policy":
        """Loads an image file (``rolec compile -o``); ``Error("io")`` if it cannot be read."""
        data = os.fsencode(path)
        if b"\0" in data:
            raise ValueError("path: contains a NUL character")
        handle = ctypes.c_void_p()
        status = _lib.load().rolec_policy_load_file(data, ctypes.byref(handle))
        if status != _lib.OK:
            raise _lib.fail(status)
        return cls(handle)

    # ---- names ----
    def find_action(self, name: str) -> Optional[int]:
        """The catalog id of an action (ASCII case-insensitive), None if not in the catalog."""
        return self._find(_lib.load().rolec_policy_find_action, name, "action")

    def find_role(self, name: str) -> Optional[int]:
        """The id of a role by display name or template id, None if unknown."""
        return self._find(_lib.load().rolec_policy_find_role, name, "role")

    def _find(self, function: Any, name: str, what: str) -> Optional[int]:
        data = encode(name, what)
        found = ctypes.c_uint32()
        status = function(self._live(), data, len(data), ctypes.byref(found))
        if status == _lib.ERR_NOT_FOUND:
            return None
        if status != _lib.OK:
            raise _lib.fail(status)
        return found.value

    def role_name(self, role: int) -> str:
        """The display name of role id `role`; IndexError if the policy has no such id."""
        return self._role_texts(role)[0]

    def role_template_id(self, role: int) -> str:
        """The template id of role id `role` ("" if it has none); IndexError if no such id."""
        return self._role_texts(role)[1]

    def action_name(self, action: int) -> str:
        """The catalog name of action id `action`; IndexError if the catalog has no such id."""
        name = _lib.StringOut()
        status = _lib.load().rolec_policy_action_name(self._live(), self._id(action, "action"),
                                                      ctypes.byref(name))
        if status == _lib.ERR_OUT_OF_RANGE:
            raise IndexError(f"action id {action} is not in the catalog")
        if status != _lib.OK:
            raise _lib.fail(status)
        return name.text()

    def _role_texts(self, role: int) -> Tuple[str, str]:
        name, template_id = _lib.StringOut(), _lib.StringOut()
        status = _lib.load().rolec_policy_role_name(self._live(), self._id(role, "role"),
                                                    ctypes.byref(name), ctypes.byref(template_id))
        if status == _lib.ERR_OUT_OF_RANGE:
            raise IndexError(f"role id {role} is not in the policy")
        if status != _lib.OK:
            raise _lib.fail(status)
        return name.text(), template_id.text()

    @staticmethod
    def _id(value: int, what: str) -> int:
        if isinstance(value, bool) or not isinstance(value, int):
            raise TypeError(f"{what} id: expected an int, got {type(value).__name__}")
        if value < 0 or value > 0xFFFFFFFF:
            raise IndexError(f"{what} id {value} is not in the policy")
        return value

    def counts(self) -> Tuple[int, int, int]:
        """(actions, roles, rules): ids run from 0 to count - 1."""
        actions, roles, rules = ctypes.c_uint32(), ctypes.c_uint32(), ctypes.c_uint32()
        status = _lib.load().rolec_policy_counts(self._live(), ctypes.byref(actions),
                                                 ctypes.byref(roles), ctypes.byref(rules))
        if status != _lib.OK:
            raise _lib.fail(status)
        return actions.value, roles.value, rules.value

    # ---- principals ----
    def prepare(self, principal_id: str, assignments: Iterable[AssignmentLike]) -> Principal:
        """A prepared principal (see :class:`Principal` for the assignment forms)."""
        return Principal(self, principal_id, assignments)

    def _principal(self, principal: PrincipalLike) -> Principal:
        if isinstance(principal, Principal):
            return principal
        if isinstance(principal, Mapping):
            return from_dict(self, principal)
        raise TypeError(f"principal: expected a Principal or a dict, got "
                        f"{type(principal).__name__}")

    # ---- checks ----
    def check(self, principal: PrincipalLike, action: Action, target: Target = None, *,
              mfa: bool = False) -> Decision:
        """Whether ``principal`` may perform ``action`` (a name or a :meth:`find_action` id) on
        ``target`` (a dict in the request files' shape, or None for an unspecified target).
        Raises :class:`Error` on any failure of the check; never returns allowed then."""
        lib = _lib.load()
        prepared = self._principal(principal)
        action_id, name = _action(action)
        marshalled = marshal(target)
        target_pointer = marshalled.pointer if marshalled is not None else None
        context = _CONTEXT_POINTERS[_mfa(mfa)]
        decision = ctypes.c_int(0)
        if action_id != _lib.NO_ACTION:
            status = lib.rolec_check_id(self._live(), prepared._live(), action_id, target_pointer,
                                        context, ctypes.byref(decision))
        else:
            status = lib.rolec_check(self._live(), prepared._live(), name, len(name),
                                     target_pointer, context, ctypes.byref(decision))
        if status != _lib.OK:
            raise _lib.fail(status)
        return Decision(decision.value == 1,
                        lambda: self._explain_raw(prepared, action_id, name, marshalled, mfa))

    def explain(self, principal: PrincipalLike, action: Action, target: Target = None, *,
                mfa: bool = False) -> Explanation:
        """The decision object of ``rolec eval --json``: ``{"decision", "reasons", "denials",
        "errors", "notes"}``."""
        action_id, name = _action(action)
        return parse_explanation(self._explain_raw(self._principal(principal), action_id, name,
                                                   marshal(target), mfa))

    def _explain_raw(self, principal: Principal, action_id: int, name: bytes,
                     target: Optional[MarshalledTarget], mfa: bool) -> bytes:
        request = _lib.Request(principal._live().value, action_id, _lib.StringView(name, len(name)),
                               target.pointer if target is not None else None,
                               _CONTEXT_POINTERS[_mfa(mfa)])
        text = ctypes.c_void_p()
        status = _lib.load().rolec_explain(self._live(), ctypes.byref(request), ctypes.byref(text))
        if status != _lib.OK:
            _lib.take_string(text)
            raise _lib.fail(status)
        return _lib.take_string(text)

    def check_batch(self, requests: Iterable[Union[Mapping[str, Any], Sequence[Any]]]
                    ) -> List[Decision]:
        """Decides many requests in one C call (``rolec_check_batch``). Each request is a
        ``(principal, action[, target[, mfa]])`` tuple or a dict in the request files' shape
        (``principal``, ``action``, ``target``, ``context``: ``{"mfa": bool}``). Raises
        :class:`Error` if any request fails, naming its index."""
        items = []
        for i, request in enumerate(requests):
            if isinstance(request, Mapping):
                unknown = [k for k in request if k not in ("principal", "action", "target",
                                                           "context")]
                if unknown:
                    raise ValueError(f"requests[{i}]: unknown key {unknown[0]!r} (known keys: "
                                     "principal, action, target, context)")
                if "action" not in request or "principal" not in request:
                    raise ValueError(f"requests[{i}]: 'principal' and 'action' are required")
                context = request.get("context") or {}
                if any(k != "mfa" for k in context):
                    raise ValueError(f"requests[{i}].context: only 'mfa' is known")
                parts = (request["principal"], request["action"], request.get("target"),
                         _mfa(context.get("mfa", False), f"requests[{i}].context.mfa"))
            else:
                if not 2 <= len(request) <= 4:
                    raise ValueError(f"requests[{i}]: expected (principal, action[, target[, "
                                     "mfa]])")
                parts = tuple(request) + (None, False)[len(request) - 2:]
            principal = self._principal(parts[0])
            action_id, name = _action(parts[1])
            items.append((principal, action_id, name, marshal(parts[2]),
                          _mfa(parts[3], f"requests[{i}] mfa")))
        array = (_lib.Request * len(items))()
        for i, (principal, action_id, name, target, mfa) in enumerate(items):
            array[i] = _lib.Request(principal._live().value, action_id, _lib.StringView(name, len(name)),
                                    target.pointer if target is not None else None,
                                    _CONTEXT_POINTERS[mfa])
        decisions = (ctypes.c_int * len(items))()
        status = _lib.load().rolec_check_batch(self._live(), array, len(items), decisions)
        if status != _lib.OK:
            raise _lib.fail(status)
        return [Decision(decisions[i] == 1,
                         (lambda item: lambda: self._explain_raw(*item))(items[i]))
                for i in range(len(items))]

    def __repr__(self) -> str:
        if self._handle is None:
            return "<rolec.Policy closed>"
        actions, roles, rules = self.counts()
        return f"<rolec.Policy {roles} roles, {actions} actions, {rules} rules>"
