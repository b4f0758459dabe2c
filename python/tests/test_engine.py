"""Hot reload through rolec.Engine: checks follow swap, under concurrent checking threads."""
from __future__ import annotations

import threading

import pytest

import rolec
from conftest import READ, RESET, SMALL_POLICY

NO_READER = SMALL_POLICY.replace(
    'role "Reader" { allow microsoft.directory/users/standard/read }',
    'role "Reader" { allow microsoft.directory/users/password/update }')


def test_swap_changes_the_answer() -> None:
    with rolec.Policy.compile({"a.role": SMALL_POLICY}, stdlib=False) as first, \
            rolec.Policy.compile({"b.role": NO_READER}, stdlib=False) as second, \
            rolec.Engine(first) as engine:
        reader = first.prepare("alice", ["Reader"])
        assert engine.check(reader, READ) is True
        assert engine.check(reader, RESET) is False
        engine.swap(second)
        # The principal was prepared against the first image: resolved by name in the second.
        assert engine.check(reader, READ) is False
        assert engine.check(reader, RESET) is True
        assert engine.check({"id": "x", "assignments": [{"role": "Reader"}]}, RESET) is True
        with engine.acquire() as current:
            assert current.explain(reader, RESET)["reasons"][0]["source"] == "b.role:4:17"
        with pytest.raises(TypeError, match="name"):
            engine.check(reader, 0)  # type: ignore[arg-type]
        with pytest.raises(rolec.Error, match="unknown"):
            engine.check(reader, RESET, {"roles": ["Nobody"]})
    with pytest.raises(rolec.Error, match="closed"):
        engine.check(reader, READ)


def test_swaps_under_checking_threads() -> None:
    first = rolec.Policy.compile({"a.role": SMALL_POLICY}, stdlib=False)
    second = rolec.Policy.compile({"b.role": NO_READER}, stdlib=False)
    engine = rolec.Engine(first)
    reader = first.prepare("alice", ["Reader"])
    stop = threading.Event()
    failures: list = []

    def check() -> None:
        while not stop.is_set():
            # Either image answers consistently: READ and RESET are never both allowed.
            both = engine.check(reader, READ) and engine.check(reader, RESET)
            acquired = engine.acquire()
            read, reset = acquired.check(reader, READ), acquired.check(reader, RESET)
            acquired.close()
            if read.allowed == reset.allowed:
                failures.append((read, reset, both))

    threads = [threading.Thread(target=check) for _ in range(3)]
    for thread in threads:
        thread.start()
    for i in range(200):
        engine.swap(second if i % 2 == 0 else first)
    stop.set()
    for thread in threads:
        thread.join()
    engine.close()
    assert failures == []
