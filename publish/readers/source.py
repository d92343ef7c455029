"""Reader of the structured issue format: an issue folder an editor writes by hand.

    ISSUE/issue.toml          masthead and pages
    ISSUE/articles/<id>.md    one article: a TOML front matter block between
                              `+++` lines, then the body, paragraphs separated
                              by blank lines
    ISSUE/images/...          pictures the articles name

Validation goes through the whole issue before stopping, so an editor sees
every mistake at once; each is one line `file:line: expected ..., found ...`.
Unknown keys are warnings, not errors: a typo should not stop tonight's issue.
"""
from __future__ import annotations

import datetime as dt
import os
import re
import stat
import tomllib
import unicodedata
from dataclasses import dataclass, field, replace
from pathlib import Path, PurePosixPath
from typing import Any

from ..errors import Problem, SourceError
from ..model import (GRID_COLUMNS, IMPRINT_FIELDS, MAX_PAGES, PARAGRAPH_KINDS, Article, Image, Imprint, Issue,
                     Masthead, Page, Paragraph, Placement, weekday_of)
from . import UnreadableFile, read_file
from .toml_lines import key_lines, line_of

ISSUE_FILE = "issue.toml"
ARTICLES_DIR = "articles"
ARTICLE_SUFFIX = ".md"              # any case: p1-02.MD is read like p1-02.md
FRONT_MATTER_FENCE = "+++"
ARTICLE_ID = re.compile(r"^[A-Za-z][A-Za-z0-9_-]*$")

# Hard limits: far above any real issue, low enough that no input makes a build
# crawl or exhaust memory. Each is refused with a message naming the file.
MAX_TOML_BYTES = 1_000_000          # issue.toml
MAX_ARTICLE_BYTES = 1_000_000       # one article file (a long feature is 60 KB)
MAX_ARTICLES = 2_000                # article files in an issue (MAX_PAGES pages of 30 stories)
MAX_DISTINCT_CHARACTERS = 10_000    # in one issue (GB 2312 has 6,763 hanzi)
MAX_NESTING = 32                    # arrays and tables inside each other in TOML
DATES = (dt.date(1800, 1, 1), dt.date(2199, 12, 31))   # issues an archive may hold
MAX_SERIAL = 999_999_999

MASTHEAD_KEYS = ("paper", "organ", "publisher", "date", "weekday", "lunar", "cn", "serial", "page_count")
PAGE_KEYS = ("number", "name", "editors", "supplement")
ARTICLE_KEYS = ("page", "order", "kicker", "title", "subtitle", "byline", "column", "teaser",
                "images", "placement", "verse")
IMPRINT_KEYS = tuple(IMPRINT_FIELDS)
IMAGE_KEYS = ("path", "caption", "credit", "alt")
PLACEMENT_KEYS = ("column", "span")


@dataclass
class SourceResult:
    issue: Issue
    warnings: list[Problem] = field(default_factory=list)


def unprintable(text: str) -> str | None:
    """The first character no page can show: controls, surrogates, private-use
    characters and Unicode noncharacters (U+FFFE …)."""
    for char in text:
        code = ord(char)
        kind = unicodedata.category(char)
        if (kind == "Cc" and char != "\t") or kind in ("Cs", "Co") or 0xFDD0 <= code <= 0xFDEF \
                or code & 0xFFFE == 0xFFFE:
            return char
    return None


def _unprintable_message(char: str) -> str:
    return f"expected printable text, found U+{ord(char):04X} (a control or reserved character)"


def _describe(value: Any) -> str:
    if isinstance(value, str):
        return f'"{value}"' if len(value) <= 40 else f'"{value[:37]}..."'
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dict):
        return "a table"
    if isinstance(value, list):
        return "an array"
    if isinstance(value, (dt.date, dt.datetime, dt.time)):
        return value.isoformat()
    return repr(value)


class _Checker:
    """Typed access to one parsed TOML table that records problems instead of raising."""

    def __init__(self, file: str, lines: dict[tuple, int], problems: list[Problem],
                 warnings: list[Problem]):
        self.file, self.lines, self.problems, self.warnings = file, lines, problems, warnings

    def problem(self, path: tuple, message: str) -> None:
        self.problems.append(Problem(self.file, line_of(self.lines, path), message))

    def _wrong(self, path: tuple, expected: str, value: Any) -> None:
        name = ".".join(str(p) for p in path if not isinstance(p, int))
        self.problem(path, f"{name}: expected {expected}, found {_describe(value)}")

    def unknown_keys(self, table: dict, path: tuple, known: tuple[str, ...]) -> None:
        for key in table:
            if key not in known:
                where = ".".join(str(p) for p in path if not isinstance(p, int))
                shown = f"{where}.{key}" if where else key
                self.warnings.append(Problem(
                    self.file, line_of(self.lines, path + (key,)),
                    f"unknown key '{shown}' ignored (expected one of: {', '.join(known)})"))

    def text(self, table: dict, path: tuple, key: str, required: bool = False) -> str | None:
        value = table.get(key)
        if value is None:
            if required:
                self.missing(path, key, "a text")
            return None
        if not isinstance(value, str):
            self._wrong(path + (key,), "a text", value)
            return None
        value = value.strip()
        bad = unprintable(value)
        if bad:
            name = ".".join(str(p) for p in path + (key,) if not isinstance(p, int))
            self.problem(path + (key,), f"{name}: {_unprintable_message(bad)}")
            return None
        if required and not value:
            self._wrong(path + (key,), "a non-empty text", table[key])
            return None
        return value or None

    def integer(self, table: dict, path: tuple, key: str, required: bool = False,
                low: int | None = None, high: int | None = None) -> int | None:
        value = table.get(key)
        if value is None:
            if required:
                self.missing(path, key, "an integer")
            return None
        if isinstance(value, bool) or not isinstance(value, int):
            self._wrong(path + (key,), "an integer", value)
            return None
        if (low is not None and value < low) or (high is not None and value > high):
            span = f"from {low} to {high}" if high is not None else f"of at least {low}"
            self._wrong(path + (key,), f"an integer {span}", value)
            return None
        return value

    def boolean(self, table: dict, path: tuple, key: str) -> bool | None:
        value = table.get(key)
        if value is None:
            return None
        if not isinstance(value, bool):
            self._wrong(path + (key,), "true or false", value)
            return None
        return value

    def missing(self, path: tuple, key: str, what: str) -> None:
        name = ".".join(str(p) for p in path + (key,) if not isinstance(p, int))
        self.problem(path, f"{name}: expected {what}, found nothing")


def _nesting_line(text: str, first_line: int) -> int | None:
    """The line where brackets and braces nest deeper than MAX_NESTING, or None.
    (A rough scan that skips strings and comments; tomllib itself recurses once
    per level and fails with RecursionError far below what a file can hold.)"""
    depth, line, quote, escaped, comment = 0, first_line, "", False, False
    for char in text:
        if char == "\n":
            line += 1
            comment = False
            continue
        if comment:
            continue
        if quote:
            if escaped:
                escaped = False
            elif char == "\\" and quote == '"':
                escaped = True
            elif char == quote:
                quote = ""
        elif char in "\"'":
            quote = char
        elif char == "#":
            comment = True
        elif char in "[{":
            depth += 1
            if depth > MAX_NESTING:
                return line
        elif char in "]}":
            depth = max(0, depth - 1)
    return None


def _parse_toml(text: str, file: str, first_line: int, problems: list[Problem]) -> dict | None:
    deep = _nesting_line(text, first_line)
    if deep is not None:
        problems.append(Problem(file, deep, f"expected arrays and tables nested at most {MAX_NESTING} deep, "
                                            "found deeper nesting"))
        return None
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        message = str(error)
        found = re.search(r"\(at line (\d+), column (\d+)\)", message)
        line = None
        if found:
            line = int(found.group(1)) + first_line - 1
            message = message[: found.start()].strip() + f" (column {found.group(2)})"
        problems.append(Problem(file, line, f"expected valid TOML, found a syntax error: {message}"))
    except RecursionError:
        problems.append(Problem(file, first_line, f"expected arrays and tables nested at most {MAX_NESTING} "
                                                  "deep, found deeper nesting"))
    return None


def _read_text(path: Path, problems: list[Problem], limit: int = MAX_ARTICLE_BYTES,
               what: str = "an article file") -> str | None:
    """The file as text: a regular file of at most `limit` bytes, UTF-8 (a byte-order
    mark is skipped); a bad byte is reported at its line and column."""
    try:
        data = read_file(path, limit, what)
    except UnreadableFile as error:
        problems.append(Problem(str(path), None, str(error)))
        return None
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        before = data[data.rfind(b"\n", 0, error.start) + 1:error.start]
        column = len(before.decode("utf-8", "replace")) + 1
        hint = " (UTF-16?)" if data[:2] in (b"\xff\xfe", b"\xfe\xff") else ""
        problems.append(Problem(str(path), line, f"expected UTF-8 text, found byte {data[error.start]:#04x} "
                                                 f"at column {column}{hint}"))
    return None


def _read_masthead(data: dict, check: _Checker) -> Masthead | None:
    table = data.get("masthead")
    if not isinstance(table, dict):
        if table is None:
            check.problem((), "masthead: expected a [masthead] table, found nothing")
        else:
            check._wrong(("masthead",), "a table", table)
        return None
    path = ("masthead",)
    check.unknown_keys(table, path, MASTHEAD_KEYS)
    paper = check.text(table, path, "paper", required=True)
    date = table.get("date")
    if date is None:
        check.missing(path, "date", "a date like 2023-01-19")
    elif isinstance(date, dt.datetime) or not isinstance(date, dt.date):
        check._wrong(path + ("date",), "a date like 2023-01-19", date)
        date = None
    elif not DATES[0] <= date <= DATES[1]:
        check._wrong(path + ("date",), f"a date from {DATES[0].year} to {DATES[1].year}", date)
        date = None
    weekday = check.text(table, path, "weekday")
    if date is not None and weekday is not None and weekday != weekday_of(date):
        check.warnings.append(Problem(check.file, line_of(check.lines, path + ("weekday",)),
                                      f"masthead.weekday: {date.isoformat()} is a {weekday_of(date)}, "
                                      f"found \"{weekday}\""))
    organ = check.text(table, path, "organ") or ""
    publisher = check.text(table, path, "publisher") or ""
    lunar = check.text(table, path, "lunar") or ""
    cn = check.text(table, path, "cn") or ""
    serial = check.integer(table, path, "serial", low=0, high=MAX_SERIAL) or 0
    page_count = check.integer(table, path, "page_count", low=1, high=MAX_PAGES) or 0
    if paper is None or date is None:
        return None
    return Masthead(paper=paper, date=date, weekday=weekday or weekday_of(date), organ=organ,
                    publisher=publisher, lunar=lunar, cn=cn, serial=serial, page_count=page_count)


def _read_pages(data: dict, check: _Checker) -> list[Page]:
    entries = data.get("pages", [])
    if not isinstance(entries, list):
        check._wrong(("pages",), "an array of [[pages]] tables", entries)
        return []
    pages: list[Page] = []
    seen: dict[int, int] = {}
    for index, entry in enumerate(entries):
        path = ("pages", index)
        if not isinstance(entry, dict):
            check._wrong(path, "a [[pages]] table", entry)
            continue
        check.unknown_keys(entry, path, PAGE_KEYS)
        number = check.integer(entry, path, "number", required=True, low=1, high=MAX_PAGES)
        name = check.text(entry, path, "name")
        editors = entry.get("editors", [])
        if not isinstance(editors, list) or not all(isinstance(e, str) for e in editors):
            check._wrong(path + ("editors",), "an array of texts", editors)
            editors = []
        elif any(unprintable(e) for e in editors):
            bad = next(found for found in map(unprintable, editors) if found)
            check.problem(path + ("editors",), f"pages.editors: {_unprintable_message(bad)}")
            editors = []
        if number is None:
            continue
        if number in seen:
            check.problem(path + ("number",), f"pages.number: expected each page once, "
                                              f"found page {number} again")
            continue
        seen[number] = index
        pages.append(Page(number=number, name=name, editors=tuple(e.strip() for e in editors),
                          supplement=check.boolean(entry, path, "supplement")))
    return pages


def _read_imprint(data: dict, check: _Checker) -> Imprint | None:
    """The optional [imprint] table (版本记录), printed on the last page."""
    table = data.get("imprint")
    if table is None:
        return None
    path = ("imprint",)
    if not isinstance(table, dict):
        check._wrong(path, "an [imprint] table", table)
        return None
    check.unknown_keys(table, path, IMPRINT_KEYS)
    fields = {key: check.text(table, path, key) or "" for key in IMPRINT_KEYS}
    return Imprint(**fields) if any(fields.values()) else None


TAG = re.compile(r"^\{([a-z]+)\}[ \t\u3000]*")


def _join(lines: list[str]) -> str:
    """The lines of one paragraph joined without a space, except between two Latin
    letters or digits (a line end in English text is a word space)."""
    text = lines[0]
    for line in lines[1:]:
        glue = " " if text[-1].isascii() and text[-1].isalnum() and line[0].isascii() and line[0].isalnum() else ""
        text += glue + line
    return text


def read_paragraphs(body: str, verse: bool = False, first_line: int = 1,
                    unknown: list[tuple[int, str]] | None = None) -> tuple[Paragraph, ...]:
    """Paragraphs are separated by blank lines. A paragraph may start with a tag
    naming its kind (`{intertitle} 深挖彻查“四风”顽疾`, see model.PARAGRAPH_KINDS);
    `\\{` at the start escapes a brace that is text. Verse keeps its lines as
    written; in a `verse = true` article every untagged paragraph is a stanza.
    Tags that name no kind are kept as text and reported in `unknown` (line, tag)."""
    paragraphs = []
    line_no = first_line
    for block in re.split(r"(\n[ \t]*\n)", body):
        if block.startswith("\n") and not block.strip():
            line_no += block.count("\n")
            continue
        start = line_no + (len(block) - len(block.lstrip("\n")))
        line_no += block.count("\n")
        lines = [line.strip() for line in block.splitlines() if line.strip()]
        if not lines:
            continue
        kind = "verse" if verse else "text"
        tag = TAG.match(lines[0])
        if tag and tag.group(1) in PARAGRAPH_KINDS:
            kind = tag.group(1)
            lines[0] = lines[0][tag.end():]
            lines = [line for line in lines if line]
            if not lines:
                continue
        elif tag and unknown is not None:
            unknown.append((start, tag.group(1)))
        elif lines[0].startswith("\\") and lines[0][1:2] in ("{", "\\"):
            lines[0] = lines[0][1:]
        text = "\n".join(lines) if kind == "verse" else _join(lines)
        paragraphs.append(Paragraph(text, kind))
    return tuple(paragraphs)


def _split_front_matter(text: str, file: str, problems: list[Problem]) -> tuple[str, int, str] | None:
    """Return (front matter, its first line number, body)."""
    lines = text.splitlines(keepends=True)
    first = next((i for i, line in enumerate(lines) if line.strip()), None)
    if first is None or lines[first].strip() != FRONT_MATTER_FENCE:
        found = "an empty file" if first is None else f'"{lines[first].strip()[:30]}"'
        problems.append(Problem(file, (first or 0) + 1,
                                f"expected a front matter block opened by '{FRONT_MATTER_FENCE}', found {found}"))
        return None
    for end in range(first + 1, len(lines)):
        if lines[end].strip() == FRONT_MATTER_FENCE:
            return "".join(lines[first + 1:end]), first + 2, "".join(lines[end + 1:])
    problems.append(Problem(file, first + 1, f"expected '{FRONT_MATTER_FENCE}' to close the front matter, "
                                             "found the end of the file"))
    return None


def _safe_image_path(root: Path, value: str) -> str | None:
    """The image path relative to the issue folder, or None if it leaves that folder."""
    posix = PurePosixPath(value.replace("\\", "/"))
    if posix.is_absolute() or ".." in posix.parts or re.match(r"^[A-Za-z]:", value):
        return None
    resolved = (root / posix).resolve()
    try:
        resolved.relative_to(root.resolve())
    except ValueError:
        return None
    return posix.as_posix()


def image_problem(path: Path) -> str | None:
    """Why the file is no usable picture ("… found …"), or None. The content decides,
    not the name, and the whole picture is decoded now (publish.pictures), so a cut
    or hostile file is refused at the article's line, not inside a writer."""
    from ..pictures import problem

    return problem(path)


def _read_images(front: dict, root: Path, check: _Checker) -> tuple[Image, ...]:
    entries = front.get("images", [])
    if not isinstance(entries, list):
        check._wrong(("images",), "an array of [[images]] tables", entries)
        return ()
    images = []
    for index, entry in enumerate(entries):
        path = ("images", index)
        if not isinstance(entry, dict):
            check._wrong(path, "an [[images]] table", entry)
            continue
        check.unknown_keys(entry, path, IMAGE_KEYS)
        value = check.text(entry, path, "path", required=True)
        if value is None:
            continue
        relative = _safe_image_path(root, value)
        if relative is None:
            check.problem(path + ("path",), f"images.path: expected a file inside the issue folder, "
                                            f"found \"{value}\"")
            continue
        if not os.path.lexists(root / relative):
            check.problem(path + ("path",), f"images.path: expected an existing image file, "
                                            f"found no file \"{value}\"")
            continue
        wrong = image_problem(root / relative)
        if wrong:
            check.problem(path + ("path",), f"images.path: expected {wrong}")
            continue
        images.append(Image(path=relative, caption=check.text(entry, path, "caption"),
                            credit=check.text(entry, path, "credit"), alt=check.text(entry, path, "alt")))
    return tuple(images)


def _read_placement(front: dict, check: _Checker) -> Placement | None:
    table = front.get("placement")
    if table is None:
        return None
    path = ("placement",)
    if not isinstance(table, dict):
        check._wrong(path, "a table like { column = 1, span = 4 }", table)
        return None
    check.unknown_keys(table, path, PLACEMENT_KEYS)
    column = check.integer(table, path, "column", low=1, high=GRID_COLUMNS)
    span = check.integer(table, path, "span", low=1, high=GRID_COLUMNS)
    if column is not None and span is not None and column + span - 1 > GRID_COLUMNS:
        check.problem(path, f"placement: expected columns within 1-{GRID_COLUMNS}, "
                            f"found column {column} with span {span}")
        return None
    return Placement(column=column, span=span)


def _read_article(file: Path, root: Path, problems: list[Problem], warnings: list[Problem],
                  limit: int | None = None) -> tuple[int, Article] | None:
    name = str(file)
    text = _read_text(file, problems)
    if text is None:
        return None
    split = _split_front_matter(text, name, problems)
    if split is None:
        return None
    front_text, first_line, body = split
    before = len(problems)
    body_first = first_line + front_text.count("\n") + 1
    for number, line in enumerate(body.splitlines(), start=body_first):
        bad = unprintable(line)
        if bad:
            problems.append(Problem(name, number, f"body: {_unprintable_message(bad)}"))
    front = _parse_toml(front_text, name, first_line, problems)
    if front is None:
        return None
    check = _Checker(name, key_lines(front_text, first_line), problems, warnings)
    check.lines.setdefault((), first_line - 1)
    check.unknown_keys(front, (), ARTICLE_KEYS)
    if not ARTICLE_ID.match(file.stem):
        problems.append(Problem(name, None, f"file name: expected an id of Latin letters, digits, '-' "
                                            f"or '_' starting with a letter, found \"{file.stem}\""))
    page = check.integer(front, (), "page", required=True, low=1, high=MAX_PAGES)
    if page is not None and limit and page > limit:
        check.problem(("page",), f"page: expected a page from 1 to {limit}, found {page}")
    order = check.integer(front, (), "order", low=0, high=MAX_SERIAL) or 0
    title = check.text(front, (), "title", required=True)
    teaser = check.integer(front, (), "teaser", low=1, high=MAX_PAGES)
    if teaser is not None and limit and teaser > limit:
        check.problem(("teaser",), f"teaser: expected a page from 1 to {limit}, found {teaser}")
    verse = bool(check.boolean(front, (), "verse"))
    unknown_tags: list[tuple[int, str]] = []
    paragraphs = read_paragraphs(body, verse, body_first, unknown_tags)
    for number, tag in unknown_tags:
        warnings.append(Problem(name, number, f"unknown paragraph kind '{{{tag}}}' printed as text "
                                              f"(expected one of: {', '.join(PARAGRAPH_KINDS)})"))
    article = Article(
        id=file.stem, title=title or "", kicker=check.text(front, (), "kicker"),
        subtitle=check.text(front, (), "subtitle"), byline=check.text(front, (), "byline"),
        column=check.text(front, (), "column"), paragraphs=paragraphs,
        images=_read_images(front, root, check), teaser=teaser, order=order,
        placement=_read_placement(front, check), verse=verse, source=name)
    if not article.paragraphs and not article.images and teaser is None and len(problems) == before:
        problems.append(Problem(name, body_first, "body: expected at least one paragraph (or images, "
                                                 "or a teaser), found nothing"))
    problems[before:] = sorted(problems[before:], key=lambda p: p.line or 0)
    if len(problems) > before or page is None:
        return None
    return page, article


def _inside(root: str, path: str) -> bool:
    """Whether `path` (resolved) lies inside the folder `root` (resolved)."""
    return path == root or path.startswith(root.rstrip(os.sep) + os.sep)


def _article_files(root: Path, problems: list[Problem], warnings: list[Problem]) -> list[Path]:
    """The article files of the issue: every `*.md` (any case) directly in articles/,
    resolving inside the issue folder. Hidden files (editors' lock and backup files
    such as .#p1-01.md) are passed over; any other file or folder there is named in a
    warning, never skipped in silence."""
    folder = root / ARTICLES_DIR
    real_root = os.path.realpath(root)
    if not os.path.lexists(folder):
        warnings.append(Problem(str(folder), None, "expected a folder of articles, found none: the paper is empty"))
        return []
    try:
        info = os.stat(folder)
    except OSError as error:
        problems.append(Problem(str(folder), None, "expected a folder of articles, found a link that leads "
                                                   f"nowhere ({error.strerror})"))
        return []
    if not stat.S_ISDIR(info.st_mode):
        problems.append(Problem(str(folder), None, "expected a folder of articles, found a file"))
        return []
    if not _inside(real_root, os.path.realpath(folder)):
        problems.append(Problem(str(folder), None, "expected the articles folder inside the issue folder, "
                                                   f"found a link to {os.path.realpath(folder)}"))
        return []
    try:
        entries = sorted(os.scandir(folder), key=lambda entry: entry.name)
    except OSError as error:
        problems.append(Problem(str(folder), None, f"expected a folder we can read, found {error.strerror}"))
        return []
    files: list[Path] = []
    seen: dict[str, str] = {}
    for entry in entries:
        name = entry.name
        if name.startswith("."):
            continue
        path = folder / name
        if name.lower().endswith(ARTICLE_SUFFIX) and len(name) > len(ARTICLE_SUFFIX):
            real = os.path.realpath(path)
            if entry.is_symlink() and not _inside(real_root, real):
                problems.append(Problem(str(path), None, "expected an article file inside the issue folder, "
                                                         f"found a link to {real}"))
                continue
            key = path.stem.lower()
            if key in seen:
                problems.append(Problem(str(path), None, f"file name: expected each article id once, found "
                                                         f"\"{path.stem}\" again (as {seen[key]})"))
                continue
            seen[key] = name
            files.append(path)
        elif entry.is_dir():
            warnings.append(Problem(str(path), None, f"a folder inside {ARTICLES_DIR}/ is not read (articles are "
                                                     f"the {ARTICLE_SUFFIX} files directly in {ARTICLES_DIR}/)"))
        else:
            warnings.append(Problem(str(path), None, f"not an article (article files end in {ARTICLE_SUFFIX}): "
                                                     "not read"))
    if len(files) > MAX_ARTICLES:
        problems.append(Problem(str(folder), None, f"expected at most {MAX_ARTICLES:,} articles, "
                                                   f"found {len(files):,}"))
        return []
    return files


def _article_characters(article: Article) -> set[str]:
    texts = [article.title, article.kicker, article.subtitle, article.byline, article.column]
    texts += [p.text for p in article.paragraphs]
    texts += [t for image in article.images for t in (image.caption, image.credit, image.alt)]
    return set("".join(t for t in texts if t))


def _too_many_characters(placed: list[tuple[int, Article]], problems: list[Problem]) -> None:
    """A hard cap on the distinct characters of an issue: every one costs a font
    lookup and a glyph in each embedded subset."""
    per_article = {article.source or article.id: _article_characters(article) for _, article in placed}
    every = set().union(*per_article.values()) if per_article else set()
    if len(every) <= MAX_DISTINCT_CHARACTERS:
        return
    worst = sorted(per_article.items(), key=lambda item: -len(item[1]))
    for source, characters in worst[:3]:
        problems.append(Problem(source, None, f"expected an issue of at most {MAX_DISTINCT_CHARACTERS:,} "
                                              f"distinct characters, found {len(every):,} ({len(characters):,} "
                                              "in this article)"))


def read_source(folder: str | Path) -> SourceResult:
    """Read and validate an issue folder. Raises SourceError listing every problem."""
    root = Path(folder)
    issue_file = root / ISSUE_FILE
    problems: list[Problem] = []
    warnings: list[Problem] = []
    if not os.path.lexists(issue_file):
        raise SourceError([Problem(str(root), None, f"expected an issue folder with {ISSUE_FILE}, "
                                                    "found none")])
    masthead, pages, imprint = None, [], None
    real = os.path.realpath(issue_file)
    if issue_file.is_symlink() and not _inside(os.path.realpath(root), real):
        problems.append(Problem(str(issue_file), None, f"expected {ISSUE_FILE} inside the issue folder, "
                                                       f"found a link to {real}"))
        text = None
    else:
        text = _read_text(issue_file, problems, MAX_TOML_BYTES, f"{ISSUE_FILE} as a file")
    data = _parse_toml(text, str(issue_file), 1, problems) if text is not None else None
    if data is not None and text is not None:
        check = _Checker(str(issue_file), key_lines(text), problems, warnings)
        check.unknown_keys(data, (), ("masthead", "pages", "imprint"))
        masthead = _read_masthead(data, check)
        pages = _read_pages(data, check)
        imprint = _read_imprint(data, check)
        page_count = masthead.page_count if masthead else 0
        for page in pages:
            if page_count and page.number > page_count:
                index = next(i for i, p in enumerate(data["pages"]) if p.get("number") == page.number)
                check.problem(("pages", index, "number"),
                              f"pages.number: expected a page from 1 to masthead.page_count {page_count}, "
                              f"found {page.number}")

    limit = masthead.page_count if masthead and masthead.page_count else None
    placed: list[tuple[int, Article]] = []
    for file in _article_files(root, problems, warnings):
        result = _read_article(file, root, problems, warnings, limit)
        if result is not None:
            placed.append(result)
    _too_many_characters(placed, problems)
    if not placed and not problems and os.path.isdir(root / ARTICLES_DIR):
        warnings.append(Problem(str(root / ARTICLES_DIR), None, f"expected articles ({ARTICLE_SUFFIX} files), "
                                                                "found none: the paper is empty"))

    if masthead is None or problems:
        raise SourceError(problems or [Problem(str(issue_file), None, "expected a masthead, found none")])

    page_count = limit or max([p.number for p in pages] + [n for n, _ in placed] + [1])
    by_number = {p.number: p for p in pages}
    full_pages = []
    for number in range(1, page_count + 1):
        page = by_number.get(number, Page(number=number))
        articles = sorted((a for n, a in placed if n == number), key=lambda a: (a.order, a.id))
        full_pages.append(Page(number=page.number, name=page.name, editors=page.editors,
                               articles=tuple(articles), supplement=page.supplement))
    if not masthead.page_count:
        masthead = replace(masthead, page_count=page_count)
    return SourceResult(Issue(masthead=masthead, pages=tuple(full_pages), imprint=imprint), warnings)
