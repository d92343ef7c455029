"""Errors a user can cause. The CLI prints them as one line and exits 1.

Anything else that escapes is our bug: the CLI reports it as an internal
error and exits 2.
"""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Problem:
    """One finding about the user's input: `file:line: message`."""

    file: str
    line: int | None
    message: str

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else self.file
        return f"{where}: {self.message}"


class PublishError(Exception):
    """Base of every error the user can fix."""


class SourceError(PublishError):
    """The source is malformed. Carries every problem found, not just the first."""

    def __init__(self, problems: list[Problem]):
        self.problems = list(problems)
        super().__init__("\n".join(str(p) for p in self.problems))


class RawTextError(PublishError):
    """Raw text that cannot be read as a newspaper issue (empty, binary, no articles)."""


class MissingGlyphError(PublishError):
    """A character that no available font can draw."""


class FitError(PublishError):
    """The make-up cannot place every article in the issue's pages."""


class OutputError(PublishError):
    """An output could not be written where the user asked."""


class UnknownFormatError(PublishError):
    """A build format that no writer handles (yet)."""


class StrictError(PublishError):
    """`build --strict`: the outputs were written, but the build warned."""
