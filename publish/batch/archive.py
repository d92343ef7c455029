"""OUT/index.html: the archive index of every issue in OUT, by paper, year and month,
linking each issue's PDF, EPUB and digital edition.

It lists what OUT holds, not only what the last batch built: the build report
(<paper>-<date>.report.json) beside each issue's outputs says which issue they
are, so batches of different years into one OUT make one archive. Every text
comes from the user's sources and is escaped by the template (autoescape);
file names are percent-encoded in links.
"""
from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field
from itertools import groupby
from pathlib import Path
from urllib.parse import quote

from jinja2 import Environment, FileSystemLoader

from ..model import weekday_of
from ..outputs import write_text
from ..paths import LAYOUTS
from .tasks import REPORT_EXTENSION

INDEX_NAME = "index.html"
EDITION_INDEX = "index.html"        # the digital edition's own front page, inside its folder


@dataclass
class Entry:
    paper: str
    date: dt.date
    serial: int | None
    pages: int | None
    links: list[tuple[str, str]] = field(default_factory=list)     # (label, href)

    @property
    def weekday(self) -> str:
        return weekday_of(self.date)


def entries(outdir: Path) -> list[Entry]:
    """One entry per build report in OUT whose issue still has an output there."""
    found = []
    for report_path in sorted(outdir.glob(f"*{REPORT_EXTENSION}")):
        entry = _entry(outdir, report_path)
        if entry is not None and entry.links:
            found.append(entry)
    return sorted(found, key=lambda e: (e.paper, e.date))


def _entry(outdir: Path, report_path: Path) -> Entry | None:
    try:
        report = json.loads(report_path.read_text(encoding="utf-8"))
        issue = report["issue"]
        paper, date = str(issue["paper"]), dt.date.fromisoformat(issue["date"])
    except (OSError, ValueError, KeyError, TypeError):
        return None         # not a build report of ours: not an issue of the archive
    slug = report_path.name[:-len(REPORT_EXTENSION)]
    pages = report.get("pages")
    entry = Entry(paper, date, issue.get("serial"), len(pages) if isinstance(pages, list) else None)
    for label, name in (("PDF", f"{slug}.pdf"), ("EPUB", f"{slug}.epub")):
        if (outdir / name).is_file():
            entry.links.append((label, quote(name)))
    edition = outdir / slug
    if edition.is_dir():
        href = f"{quote(slug)}/{EDITION_INDEX}" if (edition / EDITION_INDEX).is_file() else f"{quote(slug)}/"
        entry.links.append(("数字版", href))
    return entry


def grouped(found: list[Entry]) -> list[dict]:
    """paper -> year -> month -> issues, in date order."""
    papers = []
    for paper, of_paper in groupby(found, key=lambda e: e.paper):
        years = []
        for year, of_year in groupby(of_paper, key=lambda e: e.date.year):
            months = [{"month": month, "issues": list(issues)}
                      for month, issues in groupby(of_year, key=lambda e: e.date.month)]
            years.append({"year": year, "months": months})
        papers.append({"paper": paper, "years": years})
    return papers


def render_index(found: list[Entry]) -> str:
    env = Environment(loader=FileSystemLoader(LAYOUTS / "archive"), autoescape=True,
                      trim_blocks=True, lstrip_blocks=True)
    papers = grouped(found)
    title = f"{papers[0]['paper']} 存档" if len(papers) == 1 else "报纸存档"
    return env.get_template("index.html.j2").render(title=title, papers=papers, count=len(found))


def write_index(outdir: Path) -> Path:
    target = outdir / INDEX_NAME
    write_text(target, render_index(entries(outdir)))
    return target
