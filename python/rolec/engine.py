"""Hot reload: an engine (``rolec_engine``) serving one policy image that ``swap`` replaces
atomically while other threads check through it (docs/embedding.md § Hot reload).

Ids are per image, so engine checks take the action by name and target roles by name (the
target dict's ``roles`` always are names). A principal prepared before a swap is resolved by
role name in the new image (a role that image lacks grants nothing); prepare it again against
``engine.acquire()`` to get the full speed back.
"""
from __future__ import annotations

import ctypes

from . import _lib
from ._handle import Handle
from ._target import marshal
from .policy import _CONTEXT_POINTERS, _mfa, Policy, Target
from .principal import Principal, PrincipalLike


class Engine(Handle):
    """Any number of threads may call ``check``, ``acquire`` and ``swap`` at once; ``close()``
    only when no thread uses the engine any more."""

    __slots__ = ()
    _free_function = "rolec_engine_free"
    _what = "engine"

    def __init__(self, policy: Policy) -> None:
        super().__init__()
        handle = ctypes.c_void_p()
        status = _lib.load().rolec_engine_new(policy._live(), ctypes.byref(handle))
        if status != _lib.OK:
            raise _lib.fail(status)
        self._handle = handle

    def swap(self, policy: Policy) -> None:
        """From now on checks use ``policy``'s image; returns once no check uses the old one.
        The caller keeps (and may close) its ``policy``: the engine holds its own reference."""
        status = _lib.load().rolec_engine_swap(self._live(), policy._live())
        if status != _lib.OK:
            raise _lib.fail(status)

    def acquire(self) -> Policy:
        """A Policy of the current image: for ids, explanations, and several checks against
        one image."""
        handle = ctypes.c_void_p()
        status = _lib.load().rolec_engine_acquire(self._live(), ctypes.byref(handle))
        if status != _lib.OK:
            raise _lib.fail(status)
        return Policy(handle)

    def check(self, principal: PrincipalLike, action: str, target: Target = None, *,
              mfa: bool = False) -> bool:
        """``rolec_engine_check``: whether the current image allows the request. Returns a plain
        bool: the image that answered may be gone by the time an explanation is asked for, so
        explain against ``acquire()`` instead. A dict principal is prepared against the current
        image."""
        if not isinstance(action, str):
            raise TypeError("Engine.check: the action must be a name (ids are per image)")
        if isinstance(principal, Principal):
            prepared = principal
        else:
            with self.acquire() as current:
                prepared = current._principal(principal)
        marshalled = marshal(target)
        name = action.encode("utf-8")
        decision = ctypes.c_int(0)
        status = _lib.load().rolec_engine_check(
            self._live(), prepared._live(), name, len(name),
            marshalled.pointer if marshalled is not None else None, _CONTEXT_POINTERS[_mfa(mfa)],
            ctypes.byref(decision))
        if status != _lib.OK:
            raise _lib.fail(status)
        return decision.value == 1
