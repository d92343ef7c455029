"""Writer of the structured issue format (the importer's output).

Writes exactly what `readers/source.py` reads back into an equal model.
"""
from __future__ import annotations

import datetime as dt
import json
import shutil
from pathlib import Path

from ..errors import OutputError
from ..model import IMPRINT_FIELDS, Article, Issue, Paragraph
from ..outputs import atomic_folder
from ..readers.source import ARTICLE_ID, ARTICLES_DIR, FRONT_MATTER_FENCE, ISSUE_FILE, TAG, unprintable


def toml_string(value: str) -> str:
    """A TOML basic string. JSON's escapes are a subset of TOML's, except DEL."""
    return json.dumps(value, ensure_ascii=False).replace("\x7f", "\\u007f")


def _pairs(pairs: list[tuple[str, object]]) -> list[str]:
    lines = []
    for key, value in pairs:
        if value is None:
            continue
        if isinstance(value, str):
            lines.append(f"{key} = {toml_string(value)}")
        elif isinstance(value, dt.date):
            lines.append(f"{key} = {value.isoformat()}")
        elif isinstance(value, (list, tuple)):
            lines.append(f"{key} = [{', '.join(toml_string(v) for v in value)}]")
        else:
            lines.append(f"{key} = {value}")
    return lines


def issue_toml(issue: Issue) -> str:
    m = issue.masthead
    lines = [f"# {m.paper} {m.date.isoformat()}", "", "[masthead]"]
    lines += _pairs([("paper", m.paper), ("organ", m.organ), ("publisher", m.publisher),
                     ("date", m.date), ("weekday", m.weekday), ("lunar", m.lunar),
                     ("cn", m.cn), ("serial", m.serial), ("page_count", m.page_count)])
    for page in issue.pages:
        lines += ["", "[[pages]]"]
        lines += _pairs([("number", page.number), ("name", page.name), ("editors", list(page.editors))])
        if page.supplement is not None:
            lines.append(f"supplement = {'true' if page.supplement else 'false'}")
    if issue.imprint is not None:
        lines += ["", "[imprint]"]
        lines += _pairs([(name, getattr(issue.imprint, name) or None) for name in IMPRINT_FIELDS])
    return "\n".join(lines) + "\n"


def paragraph_markdown(paragraph: Paragraph, verse_article: bool) -> str:
    """A paragraph as the reader reads it back: a `{kind}` tag unless the kind is
    the article's default, a backslash before text that would read as a tag."""
    default = "verse" if verse_article else "text"
    text = paragraph.text
    if paragraph.kind == default:
        if text.startswith("\\") or TAG.match(text):
            text = "\\" + text
        return text
    return f"{{{paragraph.kind}}} {text}"


def article_markdown(article: Article, page: int) -> str:
    lines = [FRONT_MATTER_FENCE]
    lines += _pairs([("page", page), ("order", article.order), ("column", article.column),
                     ("kicker", article.kicker), ("title", article.title),
                     ("subtitle", article.subtitle), ("byline", article.byline),
                     ("teaser", article.teaser)])
    if article.verse:
        lines.append("verse = true")
    if article.placement is not None:
        parts = [f"{k} = {v}" for k, v in (("column", article.placement.column),
                                           ("span", article.placement.span)) if v is not None]
        lines.append(f"placement = {{ {', '.join(parts)} }}")
    for image in article.images:
        lines += ["", "[[images]]"]
        lines += _pairs([("path", image.path), ("caption", image.caption), ("credit", image.credit),
                         ("alt", image.alt)])
    lines += [FRONT_MATTER_FENCE, ""]
    for paragraph in article.paragraphs:
        lines += [paragraph_markdown(paragraph, article.verse), ""]
    return "\n".join(lines)


def unwritable(issue: Issue) -> list[str]:
    """What in `issue` the reader would refuse once written (an id that is no file
    name, an unprintable character), one line each: writing it would make a folder
    that cannot be built, so it is refused before anything is written."""
    found = []
    m = issue.masthead
    for name in ("paper", "organ", "publisher", "weekday", "lunar", "cn"):
        bad = unprintable(getattr(m, name) or "")
        if bad:
            found.append(f"masthead.{name}: U+{ord(bad):04X} is a control or reserved character")
    for page in issue.pages:
        for article in page.articles:
            if not ARTICLE_ID.match(article.id):
                found.append(f"article {article.id!r}: not an id of Latin letters, digits, '-' or '_'")
            fields = [("title", article.title), ("kicker", article.kicker), ("subtitle", article.subtitle),
                      ("byline", article.byline), ("column", article.column)]
            fields += [(f"paragraph {n}", p.text) for n, p in enumerate(article.paragraphs, 1)]
            for name, text in fields:
                bad = unprintable((text or "").replace("\n", " "))
                if bad:
                    found.append(f"article {article.id}: {name}: U+{ord(bad):04X} is a control or reserved "
                                 "character")
    return found


def write_source(issue: Issue, folder: Path, images_from: Path | None = None,
                 replace: bool = False, extra_files: dict[str, str] | None = None) -> None:
    """Write `issue` as an issue folder, atomically, with a marker of what was written
    (so `--force` may later replace it, and only it). `extra_files` (name -> text)
    are written beside issue.toml, e.g. the import report."""
    problems = unwritable(issue)
    if problems:
        more = f" (and {len(problems) - 1} more)" if len(problems) > 1 else ""
        raise OutputError(f"{folder}: the issue would not read back: {problems[0]}{more}")
    with atomic_folder(Path(folder), replace=replace, marker=ISSUE_FILE) as tmp:
        (tmp / ISSUE_FILE).write_text(issue_toml(issue), encoding="utf-8")
        (tmp / ARTICLES_DIR).mkdir()
        for page in issue.pages:
            for article in page.articles:
                (tmp / ARTICLES_DIR / f"{article.id}.md").write_text(
                    article_markdown(article, page.number), encoding="utf-8")
                for image in article.images:
                    if images_from is not None:
                        target = tmp / image.path
                        target.parent.mkdir(parents=True, exist_ok=True)
                        shutil.copyfile(images_from / image.path, target)
        for name, text in (extra_files or {}).items():
            (tmp / name).write_text(text, encoding="utf-8")
