"""Output writers. A format is served by the module `publish.writers.<format>`,
which satisfies `Writer`: an `EXTENSION` and `write(context, target)` returning
its report section. A writer registers itself simply by existing; a known
format whose module is not there yet is refused with a plain message.

A writer whose output is a folder (the digital edition: `OUT/<paper>-<date>/`)
sets `FOLDER = True` (or an empty EXTENSION); the build then hands it an empty
temporary folder instead of a temporary file, and renames it into place with
the other outputs.
"""
from __future__ import annotations

import importlib
import importlib.util
from pathlib import Path
from typing import TYPE_CHECKING, Any, Mapping, Protocol, cast

from ..errors import UnknownFormatError

if TYPE_CHECKING:
    from ..build import BuildContext

# Build order matters: the EPUB's cover is the first page of the PDF when one is built.
FORMATS = ("pdf", "epub", "html")


class Writer(Protocol):
    """What the build needs of a writer module."""

    EXTENSION: str          # ".pdf", ".epub"; "" for a folder output

    def write(self, context: BuildContext, target: Path) -> Mapping[str, Any] | None:
        """Write the output to `target` (a temporary file, or an empty temporary
        folder for a folder output) and return the report section's own keys."""
        ...


def writes_folder(writer: Writer) -> bool:
    """Whether the writer's output is a folder rather than one file."""
    return bool(getattr(writer, "FOLDER", False)) or writer.EXTENSION == ""


def available_formats() -> list[str]:
    return [name for name in FORMATS if importlib.util.find_spec(f"{__name__}.{name}") is not None]


def writer_for(name: str) -> Writer:
    if name not in FORMATS:
        raise UnknownFormatError(f"unknown format '{name}' (known: {', '.join(FORMATS)})")
    if importlib.util.find_spec(f"{__name__}.{name}") is None:
        raise UnknownFormatError(f"format '{name}' has no writer yet "
                                 f"(available: {', '.join(available_formats()) or 'none'})")
    return cast(Writer, importlib.import_module(f"{__name__}.{name}"))
