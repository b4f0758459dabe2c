"""The exceptions of the rolec module.

Every failure of the C API becomes a :class:`Error` carrying the status name and the text of
``rolec_last_error()``, so a caller cannot mistake a failed check for a decision: no function
of this module returns "allowed" after an error (docs/python.md § Errors).
"""
from __future__ import annotations


class Error(Exception):
    """A rolec call failed.

    ``status`` is the C API's status name (``"not_found"``, ``"bad_image"``, ...) and ``message``
    the library's message for it; ``str(error)`` is ``"<status>: <message>"``.
    """

    def __init__(self, status: str, message: str) -> None:
        super().__init__(f"{status}: {message}")
        self.status = status
        self.message = message


class CompileError(Error):
    """The sources did not compile. ``diagnostics`` is the full report, formatted as
    ``rolec check`` prints it (``file:line:col: error[E0201]: ...``, the source line, a caret)."""

    def __init__(self, status: str, message: str, diagnostics: str) -> None:
        super().__init__(status, message)
        self.diagnostics = diagnostics

    def __str__(self) -> str:
        return f"{self.message}\n{self.diagnostics}" if self.diagnostics else self.message
