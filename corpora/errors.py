"""Errors raised by the corpora package.

Guarantees: every failure of a corpus operation surfaces as a ``CorpusError`` whose
message names what failed (the file, URL, tool or directory) and, where one fits, carries
a code from ``translator.diagnostics.CODES``. ``UsageError`` marks bad input from the user
(exit code 2); any other ``CorpusError`` means the job ran and failed (exit code 1).
"""

from __future__ import annotations

from translator.diagnostics import Span, error


class CorpusError(Exception):
    """A corpus operation failed. ``subject`` is what failed (a path, URL or tool name)."""

    exit_code = 1

    def __init__(self, message: str, *, code: str | None = None, subject: str = "") -> None:
        super().__init__(f"{subject}: {message}" if subject else message)
        self.message = message
        self.code = code
        self.subject = subject

    def render(self) -> str:
        """One line for a terminal: ``subject: error[C2S008]: message`` when coded."""
        if self.code is not None:
            span = Span(self.subject or "c2safe corpus", 0)
            return error(self.code, self.message, span).render(with_source=False)
        prefix = f"{self.subject}: " if self.subject else ""
        return f"c2safe corpus: error: {prefix}{self.message}"


class UsageError(CorpusError):
    """The request itself is wrong (unknown corpus, --from is not a directory, ...)."""

    exit_code = 2


class ChecksumError(CorpusError):
    """A file's sha256 is not the expected one; both values are in the message."""

    def __init__(self, what: str, expected: str, actual: str, *, expected_from: str) -> None:
        super().__init__(
            f"sha256 mismatch for {what}: expected {expected} ({expected_from}), got {actual}",
            subject=what,
        )
        self.expected = expected
        self.actual = actual
