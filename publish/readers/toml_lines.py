"""Line numbers for TOML keys.

`tomllib` gives values but not where they were written, and every validation
message must name the line. This scans the text once and maps each key path
(`("pages", 1, "number")`) to the line it is written on. It understands what
our files use: `[table]`, `[[array]]`, `key = value` with bare, quoted and
dotted keys, and inline tables (whose members share their parent's line).
"""
from __future__ import annotations

import re

_HEADER = re.compile(r"^\s*(\[\[?)\s*([^\]]+?)\s*\]\]?\s*(#.*)?$")
_KEY = re.compile(r"""^\s*((?:[A-Za-z0-9_-]+|"[^"]*"|'[^']*')(?:\s*\.\s*(?:[A-Za-z0-9_-]+|"[^"]*"|'[^']*'))*)\s*=""")


def _split_key(dotted: str) -> tuple[str, ...]:
    parts = re.findall(r"""[A-Za-z0-9_-]+|"[^"]*"|'[^']*'""", dotted)
    return tuple(p[1:-1] if p[:1] in "\"'" else p for p in parts)


def key_lines(text: str, first_line: int = 1) -> dict[tuple, int]:
    """Map key paths to 1-based line numbers (offset by `first_line` - 1)."""
    lines: dict[tuple, int] = {}
    table: tuple = ()
    array_counts: dict[tuple, int] = {}
    in_multiline = False
    for i, raw in enumerate(text.splitlines()):
        number = i + first_line
        if in_multiline:
            if raw.count('"""') % 2 == 1 or raw.count("'''") % 2 == 1:
                in_multiline = False
            continue
        header = _HEADER.match(raw)
        if header and not _KEY.match(raw):
            path = _split_key(header.group(2))
            if header.group(1) == "[[":
                index = array_counts.get(path, -1) + 1
                array_counts[path] = index
                table = path + (index,)
            else:
                table = path
            lines.setdefault(table, number)
            continue
        key = _KEY.match(raw)
        if key:
            path = table + _split_key(key.group(1))
            lines.setdefault(path, number)
            rest = raw[key.end():]
            if rest.count('"""') % 2 == 1 or rest.count("'''") % 2 == 1:
                in_multiline = True
    return lines


def line_of(lines: dict[tuple, int], path: tuple) -> int | None:
    """The line of `path`, or of its nearest ancestor that has one."""
    while True:
        if path in lines:
            return lines[path]
        if not path:
            return None
        path = path[:-1]
