"""Errors a user can cause. The CLI prints them as one line each and exits 1.

Anything else that escapes is our bug: the CLI reports it as an internal
error and exits 2. So every problem with the input (a file, a value, a
picture, a limit, the disk the outputs go to) must end up as one of these,
with the file and line where there is a file.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable, Mapping


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

    def __init__(self, problems: Iterable[Problem]):
        self.problems = list(problems)
        super().__init__("\n".join(str(p) for p in self.problems))


class RawTextError(PublishError):
    """Raw text that cannot be read as a newspaper issue (empty, binary, no articles)."""


class PictureError(PublishError):
    """A picture that cannot be used: unreadable, truncated, a bomb, an odd mode.
    Readers turn it into a `file:line` problem of the article naming the picture."""


class MissingGlyphError(PublishError):
    """Characters that no available font can draw, so one format cannot be made.

    `glyphs` maps each character to where it occurs (article ids, 'masthead',
    'page N'); the build names the article files and lines, writes the other
    formats, and exits 1.
    """

    def __init__(self, message: str, glyphs: Mapping[str, Iterable[str]] | None = None):
        self.glyphs = {char: tuple(places) for char, places in (glyphs or {}).items()}
        super().__init__(message)


class FitError(PublishError):
    """The make-up cannot place every article in the issue's pages. `articles`
    names the ids left over, when the planner knows them."""

    def __init__(self, message: str, articles: Iterable[str] = ()):
        self.articles = tuple(articles)
        super().__init__(message)


class OutputError(PublishError):
    """An output could not be written where the user asked (a full disk, a
    folder that is not ours to replace, a name that would leave OUTDIR)."""


class UnknownFormatError(PublishError):
    """A build format that no writer handles (yet)."""


class StrictError(PublishError):
    """`build --strict`: the outputs were written, but the build warned."""
