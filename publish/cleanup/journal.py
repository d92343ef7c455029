"""What the rules did, kept for the import report.

The one mutable thing in cleanup: rules stay pure functions of the draft and
only append here. `fates` says, per input line, what finally became of it.
"""
from __future__ import annotations

from dataclasses import dataclass

from ..errors import Problem


@dataclass(frozen=True)
class Change:
    rule: str
    action: str
    lines: tuple[int, ...]
    detail: str = ""
    of: int | None = None      # the line this one duplicates, joins, or moved to

    def as_json(self) -> dict:
        data: dict = {"action": self.action, "lines": list(self.lines)}
        if self.of is not None:
            data["of"] = self.of
        if self.detail:
            data["detail"] = self.detail
        return data


class Journal:
    def __init__(self, source: str):
        self.source = source
        self.rule = ""
        self.changes: list[Change] = []
        self.fates: dict[int, dict] = {}
        self.warnings: list[Problem] = []

    def record(self, action: str, lines, detail: str = "", of: int | None = None) -> None:
        self.changes.append(Change(self.rule, action, tuple(lines), detail, of))

    def fate(self, line: int, fate: str, **info) -> None:
        self.fates[line] = {"fate": fate, **info}

    def warn(self, line: int | None, message: str) -> None:
        self.warnings.append(Problem(self.source, line, message))

    def by_rule(self, rule: str) -> list[Change]:
        return [c for c in self.changes if c.rule == rule]
