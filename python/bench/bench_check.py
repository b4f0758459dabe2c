#!/usr/bin/env python3
"""Per-call cost of Policy.check from Python against the C call underneath (docs/python.md §
Cost). Medians of `repeat` timeit runs; run on an idle machine and report the load average.

    ROLEC_LIBRARY=build/librolec.so.1 python3 python/bench/bench_check.py
"""
from __future__ import annotations

import ctypes
import os
import statistics
import sys
import timeit
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
import rolec  # noqa: E402
from rolec import _lib  # noqa: E402

RESET = "microsoft.directory/users/password/update"
NUMBER, REPEAT = 20000, 9


def median_ns(statement) -> float:
    runs = timeit.repeat(statement, number=NUMBER, repeat=REPEAT)
    return statistics.median(runs) / NUMBER * 1e9


def main() -> None:
    policy = rolec.Policy.compile({"empty.role": "// stdlib only\n"})
    alice = policy.prepare("alice", ["Helpdesk Administrator"])
    reset = policy.find_action(RESET)
    target = {"kind": "user", "roles": ["Reader"]} if policy.find_role("Reader") else None
    lib = _lib.load()
    decision = ctypes.c_int()
    handle, principal = policy._live(), alice._live()
    c_id = lib.rolec_check_id
    name = RESET.encode()
    rows = [
        ("ctypes rolec_check_id (the C call alone)",
         lambda: c_id(handle, principal, reset, None, None, ctypes.byref(decision))),
        ("policy.check(principal, id)", lambda: policy.check(alice, reset)),
        ("policy.check(principal, name)", lambda: policy.check(alice, RESET)),
        ("policy.check(principal, id, target dict)",
         lambda: policy.check(alice, reset, {"kind": "user", "id": "bob"})),
        ("policy.check(dict principal, name)",
         lambda: policy.check({"id": "alice", "assignments": [{"role": "Helpdesk Administrator"}]},
                              RESET)),
        ("policy.check(...).reasons (with rolec_explain)",
         lambda: policy.check(alice, reset).reasons),
    ]
    del target, name
    print(f"load average: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    print(f"python {sys.version.split()[0]}, {NUMBER} calls x {REPEAT} runs, medians")
    for label, statement in rows:
        print(f"{median_ns(statement):10.0f} ns  {label}")


if __name__ == "__main__":
    main()
