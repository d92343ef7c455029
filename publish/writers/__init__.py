"""Output writers. A format is served by the module `publish.writers.<format>`,
which defines `EXTENSION` and `write(context, target) -> dict` (its report
section). A writer registers itself simply by existing; a known format whose
module is not there yet is refused with a plain message.
"""
from __future__ import annotations

import importlib
import importlib.util
from types import ModuleType

from ..errors import UnknownFormatError

# Build order matters: the EPUB's cover is the first page of the PDF when one is built.
FORMATS = ("pdf", "epub", "html")


def available_formats() -> list[str]:
    return [name for name in FORMATS if importlib.util.find_spec(f"{__name__}.{name}") is not None]


def writer_for(name: str) -> ModuleType:
    if name not in FORMATS:
        raise UnknownFormatError(f"unknown format '{name}' (known: {', '.join(FORMATS)})")
    if importlib.util.find_spec(f"{__name__}.{name}") is None:
        raise UnknownFormatError(f"format '{name}' has no writer yet "
                                 f"(available: {', '.join(available_formats()) or 'none'})")
    return importlib.import_module(f"{__name__}.{name}")
