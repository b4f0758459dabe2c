"""The lifetime shared by Policy, Principal and Engine: one C handle, freed once — by
``close()``, a ``with`` block or the garbage collector — and refused after that."""
from __future__ import annotations

import ctypes
from typing import Optional, TypeVar

from . import _lib
from .errors import Error

H = TypeVar("H", bound="Handle")


class Handle:
    """Subclasses name the C function that frees their handle and what they are called."""

    __slots__ = ("_handle", "__weakref__")
    _free_function = ""  # e.g. "rolec_policy_free"
    _what = ""  # e.g. "policy"

    def __init__(self, handle: Optional[ctypes.c_void_p] = None) -> None:
        self._handle: Optional[ctypes.c_void_p] = handle

    def _live(self) -> ctypes.c_void_p:
        if self._handle is None:
            raise Error("closed", f"the {self._what} is closed")
        return self._handle

    def close(self) -> None:
        """Frees the handle now (idempotent)."""
        handle, self._handle = self._handle, None
        if handle is not None:
            getattr(_lib.load(), self._free_function)(handle)

    def __enter__(self: H) -> H:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def __del__(self) -> None:
        try:
            self.close()
        except Exception:  # interpreter shutdown: the library may be gone already
            pass
