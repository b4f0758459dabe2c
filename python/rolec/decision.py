"""The answer to one request: allowed or not, and — on demand — why.

``allowed`` comes from the check itself (``rolec_check`` / ``rolec_check_id``), so a decision
costs one C call. The explanation (``reasons``, ``denials``, ``errors``, ``notes``) is computed
the first time one of them is read, by ``rolec_explain`` on the same request against the same
policy, and cached: a caller that only branches on ``bool(decision)`` never pays for it.
"""
from __future__ import annotations

import json
from typing import Any, Callable, Dict, List, Optional

from .errors import Error

Explanation = Dict[str, Any]


class Decision:
    """``bool(decision)`` is ``decision.allowed``. ``to_dict()`` is the decision object of
    ``rolec eval --json`` (docs/cli.md § The decision object)."""

    __slots__ = ("allowed", "_explain", "_explanation")

    def __init__(self, allowed: bool, explain: Callable[[], bytes]) -> None:
        self.allowed = allowed
        self._explain: Optional[Callable[[], bytes]] = explain
        self._explanation: Optional[Explanation] = None

    def __bool__(self) -> bool:
        return self.allowed

    def __repr__(self) -> str:
        return f"<rolec.Decision {'allow' if self.allowed else 'deny'}>"

    def to_dict(self) -> Explanation:
        """``{"decision", "reasons", "denials", "errors", "notes"}``; a new dict on each call."""
        return json.loads(json.dumps(self._explained()))

    @property
    def reasons(self) -> List[Dict[str, Any]]:
        """Non-empty iff allowed: per allowing assignment, ``assignment`` (its index), ``role``,
        ``scope``, ``rule`` and ``source`` (``file:line:col``)."""
        return list(self._explained()["reasons"])

    @property
    def denials(self) -> List[Dict[str, Any]]:
        """When denied, every rule that matched and why it did not allow: ``kind``,
        ``assignment``, ``role``, ``scope``, ``rule``, ``source``, ``message``."""
        return list(self._explained()["denials"])

    @property
    def errors(self) -> List[str]:
        """Problems with the request itself (an unknown action, an out-of-range id)."""
        return list(self._explained()["errors"])

    @property
    def notes(self) -> List[str]:
        return list(self._explained()["notes"])

    def _explained(self) -> Explanation:
        if self._explanation is None:
            assert self._explain is not None
            explanation = parse_explanation(self._explain())
            said = explanation.get("decision") == "allow"
            if said != self.allowed:
                # Both come from one image and one request: a difference is a bug in rolec.
                raise Error("internal", f"rolec_explain said {explanation.get('decision')!r} "
                                        f"where the check said {self.allowed}")
            self._explanation = explanation
            self._explain = None  # drop the request (and what it keeps alive)
        return self._explanation


def parse_explanation(text: bytes) -> Explanation:
    try:
        explanation = json.loads(text.decode("utf-8"))
    except ValueError as error:
        raise Error("internal", f"rolec_explain returned invalid JSON: {error}") from None
    if not isinstance(explanation, dict) or "decision" not in explanation:
        raise Error("internal", "rolec_explain returned JSON without a decision")
    return explanation
