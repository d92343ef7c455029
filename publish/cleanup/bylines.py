"""bylines: find the byline at the start of an article's text.

Papers print who and where in several forms, all recognised here:

- a dateline, with or without the reporters in brackets: 本报讯（记者林彬）,
  新华社北京1月18日电（记者…）, 本报杭州1月18日讯(记者 张三), and any
  paper's own 讯 (导报讯 8月30日晚，…); the dateline stays printed at the
  start of the first paragraph;
- a staff line on its own: 本报记者 林彬 通讯员 李四, several names
  (本报记者  颜  珂  申智林, where wide spaces pad two-character names to
  the width of three), 记者 成 超, a bare 本报记者 or 本报评论员;
- an author line on its own: 文/潮生, □ 潮生, or a name alone directly under
  a headline (陈  卓, a commentary's author);
- a student's byline: ●松门二小五(2)班 林谨诚 指导老师 莫星宇.

A staff or author line followed by a dateline paragraph (记者 成 超 /
导报讯 8月30日晚，…) is one byline: 记者 成超 导报讯. A role must be
followed by a space or a name after 本报, so that a sentence like
记者从…获悉 is not taken for one. A single-character name piece is half of a
padded name and is joined to the next (颜 珂 -> 颜珂): no Chinese name is one
character long.

The byline stays part of the paragraph here, marked: a byline in the middle
of an article is the start of another story, which the reassemble rule uses;
`finish` moves the first paragraph's byline into the article's byline.
"""
from __future__ import annotations

import re
from dataclasses import replace

from .draft import Draft, Para, Run, with_runs
from .journal import Journal
from .text import glue

_HAN = "\u3400-\u4dbf\u4e00-\u9fff\U00020000-\U0003134f"
NAME_CHARS = f"[{_HAN}·]"
_PAREN = r"[（(][^（）()]{1,40}[）)]"
_AGENCY = r"(?:本报|本刊|本台|新华社|中新社|中新网|人民网|新华网|央视网|央广网|光明网|中国新闻网)"
_PAPER = r"(?:[\u4e00-\u9fff]{0,6}(?:日报|晚报|早报|晨报|时报|商报|导报|快报|周报|都市报|青年报|法治报|法制报))"
_ORG = rf"(?:{_AGENCY}|{_PAPER}|[\u4e00-\u9fff]{{2,6}}(?:报社|电视台|通讯社|新闻网))"
_DATE = r"\d{1,2}月\d{1,2}日"
# 本报讯, 导报讯, 本报杭州讯, 本报杭州1月18日讯, 新华社北京1月18日电, 新华社电, 新华社北京电
_DATELINE = re.compile(
    rf"(?:{_ORG}[\u4e00-\u9fff]{{0,6}}?{_DATE}(?:电|讯)"
    rf"|(?:{_PAPER}|本报|本刊)讯"
    rf"|{_AGENCY}[\u4e00-\u9fff]{{0,6}}?(?:电|讯))"
    rf"(?:\s*{_PAREN})?")
_ROLE = re.compile(
    r"(?:(?P<prefix>本报|本刊|本台|特约|新华社|本报驻[\u4e00-\u9fff]{1,4})?"
    r"(?:首席|资深|高级)?"
    r"(?:见习记者|实习记者|摄影记者|特约记者|特约评论员|评论员|记者|通讯员|实习生|特约通讯员))"
    r"(?:[：:])?")
_NAME = re.compile(f"{NAME_CHARS}{{1,4}}")
_BULLETS = "●○◎□■◆◇★☆•▲△▶►"
_AUTHOR = re.compile(rf"(?:文|作者|撰文|图文|文图|文·图|文/图)\s*[/／:：|｜]\s*(?P<names>.+)"
                     rf"|[{_BULLETS}]\s*(?P<bare>.+)")
_STUDENT = re.compile(
    rf"[{_BULLETS}]?\s*"
    rf"(?P<school>[\u4e00-\u9fff]{{2,16}}(?:[（(][0-9０-９一二三四五六七八九十]{{1,3}}[）)]|[0-9０-９]{{1,3}})?(?:班|年级)"
    rf"|[\u4e00-\u9fff]{{2,16}}(?:小学|中学|学校|幼儿园|学院|大学))"
    rf"\s+(?P<names>[^\s]+(?:\s+[^\s]+)*?)"
    rf"(?:\s+(?P<role>指导老师|指导教师|辅导老师|指导)\s*[：:]?\s*(?P<teachers>.+))?")
_CREDIT_END = ("摄", "摄影", "制图", "绘", "绘图", "供图", "图")
MAX_STAFF_LINE = 40
# The common surnames (over nine in ten people bear one): a name alone under a
# headline must start with one, so that a short word there is not taken for an author.
SURNAMES = ("王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁"
            "任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付傅方白邹孟熊秦邱江尹薛闫阎段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武"
            "戴莫孔向汤常温康施文牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰焦俞左柳甘祝包宁尚符舒阮柯纪"
            "梅童凌毕单季裴霍涂成苗谷盛曲翁冉骆蓝路游辛靳管柴蒙鲍华喻祁蒲房滕屈饶解牟艾尤阳时穆农司卓古吉缪简车"
            "项连芦麦褚娄窦戚岑景党宫费卜冷晏席卫米柏宗瞿桂全佟应臧闵苟邬边卞姬师和仇栾隋商刁沙荣巫寇桑郎甄丛仲"
            "虞敖巩明佘池查麻苑迟邝洪郁诸揭楼丰")
COMPOUND_SURNAMES = ("欧阳", "司马", "上官", "诸葛", "东方", "皇甫", "令狐", "慕容", "尉迟", "公孙", "夏侯",
                     "端木", "宇文", "长孙", "司徒", "呼延", "澹台", "西门")
_PADDED = re.compile(f"(?<![^\\s、])({NAME_CHARS}) ({NAME_CHARS})(?![^\\s、])")
MAX_NAMES = 6


def name_count(text: str, most: int = MAX_NAMES) -> int:
    """How many names `text` is (separated by spaces or 、, single characters paired:
    颜 珂 is one name); 0 if it is anything else."""
    count = 0
    pending = False
    for token in re.split(r"[\s、]+", text.strip()):
        if not _NAME.fullmatch(token):
            return 0
        if len(token) == 1:
            pending = not pending
            count += pending
        elif pending:
            return 0
        else:
            count += 1
    return 0 if pending or count > most else count


def unpadded(text: str) -> str:
    """Single spaces, and the padding inside two-character names gone: 颜  珂 -> 颜珂."""
    text = " ".join(text.split())
    return _PADDED.sub(r"\1\2", text)


def _staff(text: str) -> str | None:
    """A line that is only roles and names (本报记者 颜  珂 申智林 通讯员 李四),
    or a bare 本报记者; canonical."""
    if len(text) > MAX_STAFF_LINE or text.endswith(_CREDIT_END):
        return None
    tokens = text.split()
    chunks: list[list[str]] = []       # each: a role, then its names
    for token in tokens:
        role = _ROLE.fullmatch(token)
        glued = None if role else _ROLE.match(token)
        if role:
            chunks.append([token])
        elif glued and glued.group("prefix") and name_count(token[glued.end():]):
            chunks.append([token[:glued.end()], token[glued.end():]])   # 本报记者林彬
        elif chunks:
            chunks[-1].append(token)
        else:
            return None
    if len(chunks) == 1 and len(chunks[0]) == 1:
        role = _ROLE.fullmatch(chunks[0][0])
        return chunks[0][0] if role and role.group("prefix") else None
    if not chunks or any(len(c) < 2 or not name_count(" ".join(c[1:])) for c in chunks):
        return None
    return unpadded(text)


def _author(text: str) -> str | None:
    """文/潮生, □ 潮生: kept as printed, its names unpadded."""
    found = _AUTHOR.fullmatch(text)
    if found is None or len(text) > MAX_STAFF_LINE:
        return None
    return unpadded(text) if name_count(found.group("names") or found.group("bare"), 3) else None


def _student(text: str) -> str | None:
    found = _STUDENT.fullmatch(text)
    if found is None or len(text) > MAX_STAFF_LINE + 10:
        return None
    if not name_count(found.group("names"), 3) or (found.group("role") and not name_count(found.group("teachers"), 3)):
        return None
    return unpadded(text)


def bare_name(text: str) -> str | None:
    """A name alone (陈  卓, 陈卓, 陈卓 李明): an author line when it stands
    directly under a headline. Four characters unspaced read as a word (核心阅读)."""
    if len(text) > 12 or (not any(c.isspace() for c in text) and not 2 <= len(text) <= 3):
        return None
    if not name_count(text, 3) or _ROLE.fullmatch(text) or text.endswith(_CREDIT_END):
        return None
    names = unpadded(text).split()
    if not all(2 <= len(n) <= 4 and (n[0] in SURNAMES or n.startswith(COMPOUND_SURNAMES)) for n in names):
        return None
    return " ".join(names)


def whole_line(text: str) -> str | None:
    """The byline a whole block is (staff, author or student line), canonical."""
    return _staff(text) or _author(text) or _student(text)


def dateline(text: str) -> str | None:
    found = _DATELINE.match(text)
    return found.group().rstrip() if found else None


def split_byline(text: str, first: bool = False) -> tuple[str, str] | None:
    """(byline, the rest) at the start of `text`, the byline canonical; `first`: the
    block stands directly under its headline, where a name alone is an author line."""
    found = dateline(text)
    if found:
        return found, text[len(found):].strip()
    whole = whole_line(text) or (bare_name(text) if first else None)
    if whole:
        return whole, ""
    # a staff or author line, then a dateline (记者 成超 导报讯 8月30日晚，…) or the
    # story itself (本报记者 颜珂 近日，…: the story's first word is no name)
    for match in re.finditer(r"\s", text[:MAX_STAFF_LINE + 1]):
        head, tail = text[:match.start()], text[match.end():]
        staff = _staff(head) or _author(head)
        if not staff:
            continue
        date = dateline(tail)
        if date:
            return f"{staff} {date}", tail[len(date):].strip()
        word = tail.split()[0]
        if not _NAME.fullmatch(word) and not _ROLE.match(word) and len(tail) > MAX_STAFF_LINE // 4:
            return staff, tail
    return None


def find_byline(text: str, first: bool = False) -> str | None:
    """The byline at the start of `text`, if any (canonical: names unpadded)."""
    found = split_byline(text, first)
    return found[0] if found else None


def marked(para: Para, first: bool = False) -> Para:
    """The paragraph with its byline marked, its text starting with the byline."""
    found = split_byline(para.text, first)
    if found is None:
        return para
    byline, rest = found
    text = para.text if para.text.startswith(byline) else glue(byline, rest)
    return replace(para, text=text, byline=byline)


def combined(first: Para, second: Para) -> Para | None:
    """A staff or author line followed by a dateline (记者 成 超 / 导报讯 …) or by
    more staff (本报记者 颜珂 / 本报通讯员 李四): one byline."""
    if first.byline is None or first.body or second.byline is None or first.kind != "text":
        return None
    if dateline(first.byline) and dateline(second.byline) is None:
        return None            # 新华社电 / 本报记者 张三: the staff line is the dateline's
    byline = f"{first.byline} {second.byline}"
    return replace(first, lines=first.lines + second.lines, pieces=first.pieces + second.pieces,
                   text=glue(byline, second.body) if second.body else byline, byline=byline)


def apply(draft: Draft, journal: Journal) -> Draft:
    found: list[int] = []
    merged: list[tuple[int, ...]] = []

    def mark(run: Run) -> Run:
        paras: list[Para] = []
        changed = False
        for index, para in enumerate(run.paras):
            if para.kind == "text":
                updated = marked(para, first=run.own and index == 0)
                if updated.byline:
                    found.append(para.line)
                    dated = dateline(updated.byline) or dateline(updated.byline.split(" ")[-1])
                    if updated.body and not dated:
                        journal.warn(para.line, f"a paragraph starts with a staff line ({updated.byline}); "
                                                f"taken as the byline, the rest as the story")
                    if paras and (both := combined(paras[-1], updated)) is not None:
                        paras[-1] = both
                        merged.append(both.lines)
                        changed = True
                        continue
                changed = changed or updated is not para
                para = updated
            paras.append(para)
        return Run(run.key, tuple(paras), run.origin, run.own) if changed else run

    articles = tuple(with_runs(a, tuple(mark(r) for r in a.runs)) for a in draft.articles)
    loose = tuple(mark(r) for r in draft.loose)
    if found:
        journal.record("byline at the start of", found)
    for lines in merged:
        journal.record("one byline from lines", lines)
    return replace(draft, articles=articles, loose=loose)
