"""Finding librolec.so and declaring the C API (include/rolec/rolec.h) to ctypes.

The library is looked for, in order: the file named by the environment variable
``ROLEC_LIBRARY``; ``librolec.so.1`` next to this package or in the library directory of the
prefix it is installed under (``<prefix>/lib/python3/dist-packages/rolec`` -> ``<prefix>/lib``,
``<prefix>/lib/<multiarch>``); ``ctypes.util.find_library("rolec")``; the SONAME
``librolec.so.1`` through the dynamic loader's search path. The first one found is loaded once
per process, and its ABI version must be the one this module was written for.

Everything here is private: the structs mirror rolec.h field for field, and every function's
argument and result types are declared so that ctypes converts and checks them.
"""
from __future__ import annotations

import ctypes
import ctypes.util
import os
import threading
from pathlib import Path
from typing import Any, List, Optional

from .errors import Error

ABI_VERSION = 1  # ROLEC_ABI_VERSION of the rolec.h this module mirrors
SONAME = "librolec.so.1"
NUL_TERMINATED = ctypes.c_size_t(-1).value
NO_ACTION = 0xFFFFFFFF
NO_ROLE = 0xFFFFFFFF

OK = 0
ERR_COMPILE = 2
ERR_NOT_FOUND = 5
ERR_OUT_OF_RANGE = 6
COMPILE_NO_STDLIB = 1

c_status = ctypes.c_int
c_char_p_p = ctypes.POINTER(ctypes.c_char_p)


class StringView(ctypes.Structure):
    _fields_ = [("data", ctypes.c_char_p), ("length", ctypes.c_size_t)]


class StringOut(ctypes.Structure):
    """A rolec_string_view the library fills: a view, not NUL-terminated (read `length` bytes)."""
    _fields_ = [("data", ctypes.c_void_p), ("length", ctypes.c_size_t)]

    def text(self) -> str:
        if not self.data or self.length == 0:
            return ""
        return ctypes.string_at(self.data, self.length).decode("utf-8")


class VersionInfo(ctypes.Structure):
    _fields_ = [("major", ctypes.c_uint32), ("minor", ctypes.c_uint32),
                ("patch", ctypes.c_uint32), ("abi", ctypes.c_uint32),
                ("text", ctypes.c_char_p)]


class Target(ctypes.Structure):
    _fields_ = [
        ("kind", ctypes.c_int32),
        ("id", StringView),
        ("roles", ctypes.POINTER(ctypes.c_uint32)),
        ("role_count", ctypes.c_size_t),
        ("role_names", ctypes.POINTER(StringView)),
        ("role_name_count", ctypes.c_size_t),
        ("role_assignable_group_member", ctypes.c_bool),
        ("role_scoped_to_restricted_admin_unit", ctypes.c_bool),
        ("in_restricted_admin_unit", ctypes.c_bool),
        ("role_assignable", ctypes.c_bool),
        ("admin_units", ctypes.POINTER(StringView)),
        ("admin_unit_count", ctypes.c_size_t),
        ("restricted_admin_units", ctypes.POINTER(StringView)),
        ("restricted_admin_unit_count", ctypes.c_size_t),
        ("owners", ctypes.POINTER(StringView)),
        ("owner_count", ctypes.c_size_t),
    ]


class Context(ctypes.Structure):
    _fields_ = [("mfa", ctypes.c_bool)]


class Source(ctypes.Structure):
    _fields_ = [("path", ctypes.c_char_p), ("text", ctypes.c_char_p), ("length", ctypes.c_size_t)]


class Assignment(ctypes.Structure):
    _fields_ = [("role", ctypes.c_uint32), ("admin_unit", StringView)]


class Request(ctypes.Structure):
    _fields_ = [("principal", ctypes.c_void_p), ("action_id", ctypes.c_uint32),
                ("action", StringView), ("target", ctypes.POINTER(Target)),
                ("context", ctypes.POINTER(Context))]


def _declare(lib: ctypes.CDLL) -> None:
    """Sets argtypes and restype of every function used (a missing one raises AttributeError)."""
    vp = ctypes.c_void_p
    vpp = ctypes.POINTER(ctypes.c_void_p)
    size = ctypes.c_size_t
    u32 = ctypes.c_uint32
    u32p = ctypes.POINTER(ctypes.c_uint32)
    tp = ctypes.POINTER(Target)
    cp = ctypes.POINTER(Context)
    dp = ctypes.POINTER(ctypes.c_int)
    # Returned strings are declared as c_void_p, not c_char_p, so that ctypes keeps the pointer
    # (c_char_p would copy the bytes and lose it) and it can be given to rolec_string_free.
    table: List[Any] = [
        ("rolec_status_name", ctypes.c_char_p, [c_status]),
        ("rolec_last_error", ctypes.c_char_p, []),
        ("rolec_version", c_status, [ctypes.POINTER(VersionInfo)]),
        ("rolec_string_free", None, [vp]),
        ("rolec_compile", c_status, [ctypes.POINTER(Source), size, u32, vpp,
                                     ctypes.POINTER(size), vpp]),
        ("rolec_policy_load", c_status, [ctypes.c_char_p, size, vpp]),
        ("rolec_policy_load_file", c_status, [ctypes.c_char_p, vpp]),
        ("rolec_policy_compile", c_status, [ctypes.POINTER(Source), size, u32, vpp, vpp]),
        ("rolec_policy_free", None, [vp]),
        ("rolec_policy_find_action", c_status, [vp, ctypes.c_char_p, size, u32p]),
        ("rolec_policy_find_role", c_status, [vp, ctypes.c_char_p, size, u32p]),
        ("rolec_policy_counts", c_status, [vp, u32p, u32p, u32p]),
        ("rolec_policy_role_name", c_status, [vp, u32, ctypes.POINTER(StringOut),
                                              ctypes.POINTER(StringOut)]),
        ("rolec_policy_action_name", c_status, [vp, u32, ctypes.POINTER(StringOut)]),
        ("rolec_principal_prepare", c_status, [vp, ctypes.c_char_p, size,
                                               ctypes.POINTER(Assignment), size, vpp]),
        ("rolec_principal_free", None, [vp]),
        ("rolec_check", c_status, [vp, vp, ctypes.c_char_p, size, tp, cp, dp]),
        ("rolec_check_id", c_status, [vp, vp, u32, tp, cp, dp]),
        ("rolec_check_batch", c_status, [vp, ctypes.POINTER(Request), size, dp]),
        ("rolec_explain", c_status, [vp, ctypes.POINTER(Request), vpp]),
        ("rolec_engine_new", c_status, [vp, vpp]),
        ("rolec_engine_swap", c_status, [vp, vp]),
        ("rolec_engine_acquire", c_status, [vp, vpp]),
        ("rolec_engine_check", c_status, [vp, vp, ctypes.c_char_p, size, tp, cp, dp]),
        ("rolec_engine_free", None, [vp]),
    ]
    for name, restype, argtypes in table:
        function = getattr(lib, name)
        function.restype = restype
        function.argtypes = argtypes


def candidates() -> List[str]:
    """Where the library is looked for, in order (docs/python.md § Finding the library)."""
    found: List[str] = []
    env = os.environ.get("ROLEC_LIBRARY")
    if env:
        return [env]  # an explicit choice is never second-guessed
    package = Path(__file__).resolve().parent
    dirs = [package, package.parent]
    # <prefix>/lib/python3/dist-packages/rolec: the prefix is three levels above the package dir.
    if len(package.parents) > 3:
        prefix = package.parents[3]
        dirs.append(prefix / "lib")
        dirs.extend(sorted(p for p in (prefix / "lib").glob("*-linux-gnu*") if p.is_dir()))
    for directory in dirs:
        path = directory / SONAME
        if path.is_file():
            found.append(str(path))
    by_loader = ctypes.util.find_library("rolec")
    if by_loader:
        found.append(by_loader)
    found.append(SONAME)
    return found


_lock = threading.Lock()
_lib: Optional[ctypes.CDLL] = None
_path: Optional[str] = None


def load() -> ctypes.CDLL:
    """The library, loaded and checked on first use."""
    global _lib, _path
    if _lib is not None:
        return _lib
    with _lock:
        if _lib is not None:
            return _lib
        tried: List[str] = []
        for candidate in candidates():
            try:
                lib = ctypes.CDLL(candidate)
            except OSError as error:
                tried.append(f"{candidate} ({error})")
                continue
            try:
                _declare(lib)
            except AttributeError as error:
                raise Error("abi", f"{candidate} is not a rolec library of ABI {ABI_VERSION}: "
                                   f"{error}") from None
            info = VersionInfo()
            if lib.rolec_version(ctypes.byref(info)) != OK or info.abi != ABI_VERSION:
                raise Error("abi", f"{candidate} has ABI version {info.abi}; this module needs "
                                   f"{ABI_VERSION}")
            _lib, _path = lib, candidate
            return lib
        raise Error("library_not_found",
                    "librolec.so.1 not found; set ROLEC_LIBRARY to its path "
                    "(tried: " + "; ".join(tried) + ")")


def library_path() -> str:
    """The path (or name) the library was loaded from."""
    load()
    assert _path is not None
    return _path


def last_error() -> str:
    message = load().rolec_last_error()
    return message.decode("utf-8", "replace") if message else ""


def status_name(status: int) -> str:
    name = load().rolec_status_name(status)
    return name.decode("ascii", "replace") if name else "unknown"


def fail(status: int) -> Error:
    """The Error for a failed call; build it right after the call (the message is per thread
    and overwritten by the next failing call)."""
    message = last_error()  # first: rolec_status_name is a rolec call too
    return Error(status_name(status), message)


def take_string(pointer: ctypes.c_void_p) -> bytes:
    """The NUL-terminated string the library returned, copied, and the library's buffer freed."""
    if not pointer.value:
        return b""
    try:
        return ctypes.string_at(pointer.value)
    finally:
        load().rolec_string_free(pointer)


def take_bytes(pointer: ctypes.c_void_p, length: int) -> bytes:
    if not pointer.value:
        return b""
    try:
        return ctypes.string_at(pointer.value, length)
    finally:
        load().rolec_string_free(pointer)
