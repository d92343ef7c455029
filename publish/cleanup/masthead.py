"""masthead: read the paper's name and the masthead lines into fields.

Masthead lines are the text before the first headline. A line is taken as
masthead only when all it says is masthead (fields, their labels,
separators), or it is short and holds at least two fields; anything else
before the first headline is article text that landed there, left for the
reassemble rule. Dates may be printed 2023.1.19, 2023-01-19, 2023年1月19日
or 二〇二三年一月十九日; the CN number's label may be 国内统一刊号 or
国内统一连续出版物号. A second masthead later in the file is a repeat when
it names the same paper (or a cut-off start of its name) and the same date,
and an error otherwise: one issue per file.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import replace

from ..errors import Problem, RawTextError
from ..model import MAX_PAGES, weekday_of
from .draft import BANNER, HEADLINE, PAPER, TEXT, Block, Draft, MastheadFields
from .journal import Journal
from .text import cn_number, has_punctuation

_ROLES = r"(?:责任编辑|责编|版式设计|版式|美术编辑|美编|校对|组版|图片编辑|编辑)"
_FIELD = re.compile(
    r"(?P<date>(?P<y>\d{4})\s*[.．/／\-－年]\s*(?P<m>\d{1,2})\s*[.．/／\-－月]\s*(?P<d>\d{1,2})(?!\d)\s*日?)"
    r"|(?P<cndate>(?P<cy>[〇零○一二三四五六七八九]{4})\s*年\s*(?P<cm>[一二三四五六七八九十]{1,2})\s*月"
    r"\s*(?P<cd>[一二三四五六七八九十]{1,3})\s*日)"
    r"|(?:星期|礼拜|周)(?P<weekday>[一二三四五六日天])"
    r"|(?P<lunar>农历\s*[\u4e00-\u9fff]{2,12})"
    r"|(?:(?:国内统一(?:连续出版物号|刊号)|统一刊号|刊号)\s*[:：]?\s*)?"
    r"[Cc][Nn]\s*(?P<cn1>\d{2})\s*[-－—–]\s*(?P<cn2>\d{4})(?:\s*/\s*(?P<cn3>[A-Za-z]))?"
    r"|总第\s*(?P<serial>\d{1,6})\s*期"
    r"|(?:今日|今天|本期|本日|共)\s*(?P<pages>\d{1,2}|[一二三四五六七八九十]{1,3})\s*个?版"
    r"|(?P<organ>[^\s|｜]{2,30}机关报)"
    r"|(?P<publisher>[^\s|｜]{2,30}?(?:编辑出版|出版|主办))(?=\s|$|[|｜])"
    # a page's running head: 第2版 综合, A2 要闻, 2版, 责任编辑 某某
    r"|第\s*(?P<page>\d{1,2}|[一二三四五六七八九十]{1,3})\s*版(?:\s*[:：])?"
    r"|(?<![A-Za-z0-9])(?P<section>[A-H])\s*0?(?P<spage>\d{1,2})(?![0-9A-Za-z])"
    r"|(?<![\d第今共本])(?P<npage>\d{1,2})\s*版(?![面次本])"
    rf"|(?P<editor>{_ROLES}\s*[:：]?\s*[\u4e00-\u9fff]{{2,4}}(?:[ 、](?!{_ROLES})[\u4e00-\u9fff]{{2,4}})*)")
_PAGE_NAME = re.compile(r"[\u4e00-\u9fff·]{2,8}")
_SEPARATORS = re.compile(r"[\s|｜·•、，,;；/／]+")
_PAPER_NAME = re.compile(r"[\u4e00-\u9fff]{2,10}报")
_TEXT_FIELDS = ("organ", "publisher", "weekday", "lunar", "cn")


def parse_line(text: str) -> tuple[dict, str] | None:
    """The masthead fields of one line and the text left over, or None if the
    line is not a masthead line."""
    fields: dict = {}
    leftover = []
    position = 0
    for found in _FIELD.finditer(text):
        leftover.append(text[position:found.start()])
        position = found.end()
        for name, value in _values(found).items():
            if name == "editors":
                fields[name] = fields.get(name, ()) + value
            fields.setdefault(name, value)
    leftover.append(text[position:])
    rest = _SEPARATORS.sub(" ", "".join(leftover)).strip()
    if rest and ("page" in fields or "date" in fields):
        # the paper's name and the page's on a running head: 温岭日报 2023年1月19日 第2版 综合
        words = []
        for word in rest.split():
            if "paper" not in fields and looks_like_paper(word):
                fields["paper"] = word
            elif "page" in fields and "page_name" not in fields and _PAGE_NAME.fullmatch(word):
                fields["page_name"] = word
            else:
                words.append(word)
        rest = " ".join(words)
    if not fields or (rest and (len(fields) < 2 or len(text) > 40)):
        return None
    return fields, rest


def _values(found: re.Match) -> dict:
    group = found.groupdict()
    if group["date"]:
        return {"date": (int(group["y"]), int(group["m"]), int(group["d"]))}
    if group["cndate"]:
        year = cn_number(group["cy"].replace("○", "〇"))
        return {"date": (year, cn_number(group["cm"]), cn_number(group["cd"]))}
    if group["weekday"]:
        return {"weekday": "星期" + group["weekday"].replace("天", "日")}
    if group["lunar"]:
        return {"lunar": "".join(group["lunar"].split())}
    if group["cn1"]:
        suffix = f"/{group['cn3'].upper()}" if group["cn3"] else ""
        return {"cn": f"CN{group['cn1']}-{group['cn2']}{suffix}"}
    if group["serial"]:
        return {"serial": int(group["serial"])}
    if group["pages"]:
        return {"page_count": cn_number(group["pages"])}
    if group["organ"]:
        return {"organ": group["organ"]}
    if group["page"] or group["spage"] or group["npage"]:
        return {"page": cn_number(group["page"] or group["spage"] or group["npage"])}
    if group["editor"]:
        return {"editors": (" ".join(re.sub(r"[:：]", " ", group["editor"]).split()),)}
    return {"publisher": group["publisher"]}


def looks_like_paper(text: str) -> bool:
    return bool(_PAPER_NAME.fullmatch(text)) and not text.endswith("机关报") and not has_punctuation(text)


def _date(value, line: int, journal: Journal) -> dt.date | None:
    try:
        return dt.date(*value)
    except (TypeError, ValueError):
        journal.warn(line, f"masthead: {value[0]}-{value[1]}-{value[2]} is not a date; ignored")
        return None


def apply(draft: Draft, journal: Journal) -> Draft:
    blocks = draft.blocks
    first_heading = next((i for i, b in enumerate(blocks) if b.kind in (HEADLINE, BANNER)), len(blocks))
    fields: dict = {}
    used: list[int] = []
    kept: list[Block] = []
    for block in blocks[:first_heading]:
        if block.kind == PAPER and not block.text:
            _skip_empty(block, journal)
            continue
        if block.kind == PAPER or (block.kind == TEXT and "paper" not in fields and not used
                                   and looks_like_paper(block.text)):
            if "paper" in fields and not fields["paper"].startswith(block.text):
                _second_paper(draft, block, fields["paper"])
            fields.setdefault("paper", block.text)
            fields.setdefault("paper_line", block.line)
            journal.fate(block.line, "masthead", fields=["paper"])
            used.append(block.line)
            continue
        parsed = parse_line(block.text) if block.kind == TEXT else None
        if parsed is None:
            kept.append(block)
            continue
        values, rest = parsed
        _take(fields, values, block.line, journal)
        if rest:
            journal.warn(block.line, f"masthead: ignored \"{rest}\"")
        journal.fate(block.line, "masthead", fields=sorted(values))
        used.append(block.line)
    kept += _drop_repeats(draft, blocks[first_heading:], fields, journal)

    masthead = _fields(fields, journal)
    if used:
        journal.record("read masthead", used, _describe(masthead))
    return replace(draft, blocks=tuple(kept), masthead=masthead)


def _take(fields: dict, values: dict, line: int, journal: Journal) -> None:
    for name, value in values.items():
        if name == "paper":
            fields.setdefault("paper", value)
            fields.setdefault("paper_line", line)
            continue
        if name == "editors":
            fields["editors"] = fields.get("editors", ()) + value
            continue
        if name == "page":
            fields.setdefault("page_line", line)
        if name == "date":
            value = _date(value, line, journal)
            if value is None:
                continue
        if name in fields and fields[name] != value:
            journal.warn(line, f"masthead: {name} given twice; kept the first")
            continue
        fields[name] = value


def _drop_repeats(draft: Draft, blocks: tuple[Block, ...], fields: dict, journal: Journal) -> list[Block]:
    """A masthead printed again further down (a repeated extraction) is dropped
    if it is the same issue's."""
    kept: list[Block] = []
    repeat_of: int | None = None
    for block in blocks:
        if block.kind == PAPER and not block.text:
            _skip_empty(block, journal)
            continue
        if block.kind == PAPER:
            if fields.get("paper") and not fields["paper"].startswith(block.text):
                _second_paper(draft, block, fields["paper"])
            repeat_of = fields.get("paper_line", block.line)
            journal.fate(block.line, "masthead", fields=["paper"], repeat_of=repeat_of)
            journal.record("dropped a repeated masthead", [block.line], of=repeat_of)
            continue
        parsed = parse_line(block.text) if repeat_of is not None and block.kind == TEXT else None
        if parsed is None:
            repeat_of = None
            kept.append(block)
            continue
        values, _ = parsed
        date = values.get("date")
        if date and fields.get("date") and _date(date, block.line, journal) not in (None, fields["date"]):
            raise RawTextError(str(Problem(
                draft.source, block.line, f"expected one issue per file, found a second masthead dated "
                                          f"{date[0]}-{date[1]:02d}-{date[2]:02d} (the first is "
                                          f"{fields['date'].isoformat()})")))
        journal.fate(block.line, "masthead", fields=sorted(values), repeat_of=repeat_of)
    return kept


def _skip_empty(block: Block, journal: Journal) -> None:
    journal.fate(block.line, "skipped", reason="empty heading")
    journal.record("skipped an empty heading", [block.line])


def _second_paper(draft: Draft, block: Block, paper: str) -> None:
    raise RawTextError(str(Problem(draft.source, block.line,
                                   f"expected one issue per file, found a second paper \"{block.text}\" "
                                   f"(the first is \"{paper}\")")))


def _fields(fields: dict, journal: Journal) -> MastheadFields:
    masthead = MastheadFields(
        paper=fields.get("paper", ""), paper_line=fields.get("paper_line", 0),
        date=fields.get("date"), serial=fields.get("serial", 0) or 0,
        page_count=fields.get("page_count") or 0, page=fields.get("page") or 0,
        page_name=fields.get("page_name", ""), page_line=fields.get("page_line", 0),
        editors=fields.get("editors", ()),
        **{name: fields.get(name, "") for name in _TEXT_FIELDS})
    if masthead.page_count > MAX_PAGES:
        journal.warn(masthead.paper_line or None, f"masthead: {masthead.page_count} pages is more than "
                                                  f"{MAX_PAGES}; ignored")
        masthead = replace(masthead, page_count=0)
    if masthead.date and masthead.weekday and masthead.weekday != weekday_of(masthead.date):
        journal.warn(masthead.paper_line or None,
                     f"masthead: {masthead.date.isoformat()} is a {weekday_of(masthead.date)}, "
                     f"the masthead says {masthead.weekday}; kept what it says")
    if masthead.date and not masthead.weekday:
        masthead = replace(masthead, weekday=weekday_of(masthead.date))
    return masthead


def _describe(m: MastheadFields) -> str:
    parts = [m.paper, m.date.isoformat() if m.date else "no date", m.weekday, m.lunar, m.cn]
    if m.serial:
        parts.append(f"总第{m.serial}期")
    if m.page_count:
        parts.append(f"今日{m.page_count}版")
    return " ".join(p for p in parts if p)
