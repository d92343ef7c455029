"""kinds: tell the short lines that are not body text from the text around them.

A printed story holds more than paragraphs: photo credits (郭兆瑞摄,
本报记者 王萍 摄), picture captions, data sources (数据来源：…), box labels
(核心阅读), author lines (（作者为…）), intertitles 小标题 and verse. None of
them ends with sentence punctuation, so the rejoin rule would glue each to the
paragraph after it. Each is recognised here on its own block, before any
rejoining, and marked with its kind (model.PARAGRAPH_KINDS); only text
joins text. A block holding two kinds is split: a caption ending in its
credit, a credit or label printed before the text, an author line before the
next article's text.

Credits, notes, labels and author lines have fixed shapes. The others are
guesses, listed in the import report:

- caption: a block opening with 图为, ▲ or 上图 …, or a short one (40
  characters at most) standing right before a credit;
- intertitle: a short block without sentence punctuation between a finished
  paragraph and a longer one, that does not end in a word that needs a
  continuation (的, 和, 在 …) and is not the width of the article's narrow
  column (a shred of it, which rejoin mends); it must look like a heading
  (numbered 一、, quoted, or two halves) or be one of two different ones in
  the article;
- verse: four or more short lines in a row with no punctuation inside them,
  most not ending in a full stop, and lengths that vary the way verse lines
  do (three quarters of a narrow column's shreds have the column's width, in
  ems), or classical lines of 5 or 7 characters each side of a comma. A
  stanza ends where the input has a wider gap of blank lines.

A credit or label is never a copy to drop (duplicates), and a caption is asked
for again where runs of text met (seams).
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import replace

from .bylines import NAME_CHARS, name_count
from .draft import Draft, Para, Run, with_runs
from .journal import Journal
from .text import CLOSERS, NO_LINE_START, ems, is_terminated

TEXT, INTERTITLE, CAPTION, CREDIT, NOTE, LABEL, AUTHOR, VERSE = (
    "text", "intertitle", "caption", "credit", "note", "label", "author", "verse")
GUESS = "(a guess)"

_ROLE = r"(?:(?:本报|特约|新华社|中新社|人民日报)?(?:摄影记者|见习记者|特约记者|记者|通讯员|实习生))"
_SHOT = r"(?:摄|摄影|供图|制图|绘图|绘|图)"
_NOT_A_NAME_BEFORE_SHOT = ("拍", "航", "偷", "抓", "自", "实", "所", "被", "将", "在")
_CREDIT = re.compile(
    rf"(?P<staff>{_ROLE}?\s*{NAME_CHARS}{{1,4}}(?:[\s、]+{NAME_CHARS}{{1,4}}){{0,5}})\s*{_SHOT}"
    rf"|[（(](?P<inner>[^（）()]{{1,30}}?)\s*(?:摄|摄影|供图|制图)[）)]"
    rf"|(?:图|摄影|摄|图片|制图|供图|图文|视频)\s*[／/:：|｜]\s*\S[^。，！？]{{0,30}}"
    rf"|(?:新华社|中新社|人民日报|本报|视觉中国|CFP|IC)(?:记者\s*{NAME_CHARS}{{2,4}}\s*)?(?:发|供图|资料图片|制图)"
    rf"|(?:本报)?资料图片")
MAX_CREDIT = 30
_CAPTION_START = re.compile(r"(?:图为|▲|△|上图|下图|左图|右图|中图|组图|图[①-⑳\d一二三四五六七八九十]+\s*[：:]?"
                            r"|[（(]图[^（）()]{0,10}[）)])")
MAX_CAPTION = 80
MAX_CAPTION_BEFORE_CREDIT = 40   # a longer line before a credit is more likely the text the picture sits in
_NOTE = re.compile(r"(?:数据来源|资料来源|信息来源|图表来源|来源|注|备注|注释|制表)\s*[：:]\s*\S.*"
                   r"|[（(]\s*注\s*[：:][^（）()]*[）)]")
_LABELS = ("核心阅读", "阅读提示", "编者按", "延伸阅读", "相关链接", "新闻链接", "背景链接", "知识链接", "链接",
           "新闻背景", "背景", "记者手记", "记者观察", "短评", "快评", "小贴士", "温馨提示", "图片新闻",
           "新闻延伸", "数说", "图说", "专家观点", "专家解读", "一线传真")
_LABEL = re.compile(rf"[■●◆▲▶►【\[［〖]?\s*(?:{'|'.join(_LABELS)})\s*[】\]］〗]?\s*[：:]?")
_AUTHOR = re.compile(r"[（(]\s*(?:作者|笔者)\s*(?:为|系|是|单位|简介)?\s*[：:]?[^（）()]{1,60}[）)]"
                     r"|(?:文|作者|撰文)\s*[/／:：]\s*\S.{0,20}")
_AUTHOR_TAIL = re.compile(r"[（(]\s*(?:作者|笔者)\s*(?:为|系|是|单位)[^（）()]{1,60}[）)]")

# intertitles
MAX_INTERTITLE = 28
_INNER_PUNCTUATION = set("，。；：！？,;:!?")
_OPEN_ENDINGS = tuple("的了和与及在对把被将从向以并或而之其是也都就且但于、")
_NUMBERED = re.compile(r"(?:[一二三四五六七八九十]{1,3}、|[（(][一二三四五六七八九十\d]{1,3}[）)]|\d{1,2}[.、．]\s*"
                       r"|第[一二三四五六七八九十]{1,3}[，、]?|[①-⑳])")
_HEADING_MARKS = set("“”‘’《》「」『』") | {" "}
SHRED_TOLERANCE = 1
MIN_SHREDS = 3

# verse
MIN_VERSE_LINES = 4
MAX_VERSE_LINE = 24
MIN_VERSE_SPREAD = 3
SHRED_SHARE = 0.75         # of lines one width: a narrow column's shreds, not verse
_CLASSICAL = re.compile(r"(?:[\u4e00-\u9fff]{5}[，,][\u4e00-\u9fff]{5}"
                        r"|[\u4e00-\u9fff]{7}[，,][\u4e00-\u9fff]{7})[。！？；]")


# -- fixed shapes -------------------------------------------------------------------------------

def is_credit(text: str) -> bool:
    if len(text) > MAX_CREDIT:
        return False
    found = _CREDIT.fullmatch(text)
    if found is None:
        return False
    staff = found.group("staff")
    if staff is not None:
        names = staff.split()
        bare = len(names) == 1 and not re.match(_ROLE, staff)
        if bare and (not 2 <= len(staff) <= 4 or staff.endswith(_NOT_A_NAME_BEFORE_SHOT)):
            return False          # 进行拍摄: a verb, not a name
    return True


def fixed_kind(text: str) -> str | None:
    """The kind of a block by its shape alone, if it has one."""
    if is_credit(text):
        return CREDIT
    if _LABEL.fullmatch(text):
        return LABEL
    if _NOTE.fullmatch(text):
        return NOTE
    if _AUTHOR.fullmatch(text) and (text[0] not in "文作撰" or _author_names(text)):
        return AUTHOR
    return None


def _author_names(text: str) -> bool:
    rest = re.split(r"[/／:：]", text, maxsplit=1)[-1]
    return bool(name_count(rest, 3))


def split_block(text: str) -> list[tuple[str, str]]:
    """A block cut into (kind, text) pieces where it holds two kinds."""
    kind = fixed_kind(text)
    if kind:
        return [(kind, text)]
    # a caption ending in its credit: 市民在动车站候车。 本报记者 王萍 摄 / …候车（张三 摄）
    for cut in _cuts(text):
        head, tail = text[:cut].rstrip(), text[cut:].strip()
        if head and is_credit(tail) and len(head) <= MAX_CAPTION * 2:
            return [(CAPTION, head), (CREDIT, tail)]
    # a credit or a label before the text: 郭兆瑞摄 近日，… / 核心阅读 …
    for cut in _cuts(text[:MAX_CREDIT + 1]):
        head, tail = text[:cut].rstrip(), text[cut:].strip()
        if tail and not tail.startswith("#") and (is_credit(head) or _LABEL.fullmatch(head)):
            return [(CREDIT if is_credit(head) else LABEL, head), (TEXT, tail)]
    # an author line between two stories: …。（作者为…）次全会上指出，…
    for found in _AUTHOR_TAIL.finditer(text):
        pieces = [(TEXT, text[:found.start()].strip()), (AUTHOR, found.group()), (TEXT, text[found.end():].strip())]
        pieces = [(k, t) for k, t in pieces if t]
        if len(pieces) > 1 and not (pieces[-1][1].startswith("#")):
            return pieces
    return [(TEXT, text)]


def _cuts(text: str) -> list[int]:
    """Places a block may be cut in two: after a space, a full stop or a bracket."""
    cuts = [m.end() for m in re.finditer(r"\s+|[。！？]", text)]
    cuts += [m.start() for m in re.finditer(r"[（(]", text) if m.start() > 0]
    return sorted(set(c for c in cuts if 0 < c < len(text)))


def caption_start(text: str) -> bool:
    return bool(_CAPTION_START.match(text)) and len(text) <= MAX_CAPTION * 2


# -- guesses ------------------------------------------------------------------------------------

def _shred_width(paras: list[Para]) -> int | None:
    """The width of a narrow column the article was shredded into, if it was."""
    widths = Counter(len(p.text) for p in paras if len(p.lines) == 1 and p.kind == TEXT
                     and not is_terminated(p.text) and len(p.text) <= MAX_INTERTITLE + 2)
    if not widths:
        return None
    width, count = widths.most_common(1)[0]
    near = sum(n for w, n in widths.items() if abs(w - width) <= SHRED_TOLERANCE)
    return width if near >= MIN_SHREDS else None


def _ends_paragraph(para: Para) -> bool:
    return para.kind != TEXT or is_terminated(para.text) or (para.byline is not None and not para.body)


def intertitle_shape(text: str) -> bool:
    """Short, no punctuation inside, no word left open at its end."""
    core = text.rstrip("！？!?")
    if not 2 <= len(core) <= MAX_INTERTITLE or core[0] in NO_LINE_START:
        return False
    if any(c in _INNER_PUNCTUATION for c in core) or core.endswith(_OPEN_ENDINGS):
        return False
    return not text.startswith(("#", "（", "("))


def heading_marks(text: str) -> bool:
    return bool(_NUMBERED.match(text)) or any(c in _HEADING_MARKS for c in text)


def _intertitles(paras: list[Para], shred: int | None) -> list[int]:
    """Indexes of the paragraphs that are intertitles."""
    candidates = []
    for index in range(1, len(paras) - 1):
        para, before, after = paras[index], paras[index - 1], paras[index + 1]
        if para.kind != TEXT or para.byline is not None or len(para.lines) != 1 or not intertitle_shape(para.text):
            continue
        if not _ends_paragraph(before) or (before.byline is not None and not before.body):
            continue
        if after.kind != TEXT or after.byline is not None or after.text[0] in NO_LINE_START:
            continue
        longer = len(after.text) >= len(para.text) + 3 or (is_terminated(after.text)
                                                          and len(after.text) >= len(para.text))
        if not longer or (shred is not None and abs(len(para.text) - shred) <= SHRED_TOLERANCE):
            continue
        candidates.append(index)
    if len({paras[i].text for i in candidates}) >= 2:      # two different ones (copies count once)
        return candidates
    return [i for i in candidates if heading_marks(paras[i].text)]


def _verse_line(para: Para) -> bool:
    text = para.text.rstrip("，。！？；、" + CLOSERS)
    return (para.kind == TEXT and para.byline is None and len(para.lines) == 1 and 1 <= len(text) <= MAX_VERSE_LINE
            and not any(c in _INNER_PUNCTUATION or c == "、" for c in text))


def _verse_runs(paras: list[Para]) -> list[tuple[int, int]]:
    """(start, end) index ranges of the paragraphs that are verse lines."""
    ranges = []
    index = 0
    while index < len(paras):
        end = index
        classical = bool(_CLASSICAL.fullmatch(paras[index].text))
        while end < len(paras) and (_CLASSICAL.fullmatch(paras[end].text) if classical else _verse_line(paras[end])):
            end += 1
        if end - index >= MIN_VERSE_LINES and (classical or _varied(paras[index:end])
                                               and _mostly_open(paras[index:end])) \
                and (index == 0 or _ends_paragraph(paras[index - 1])):
            ranges.append((index, end))
            index = end
        else:
            index = max(end, index + 1)
    return ranges


def _varied(lines: list[Para]) -> bool:
    """Verse lines vary in length; a narrow column's shreds are one width but the last
    (in ems, so that digits and Latin letters count half)."""
    widths = [ems(p.text) for p in lines[:-1]]
    mode = Counter(widths).most_common(1)[0][0]
    near = sum(1 for w in widths if abs(w - mode) <= 0.5)
    return max(widths) - min(widths) >= MIN_VERSE_SPREAD and near < SHRED_SHARE * len(widths)


def _mostly_open(lines: list[Para]) -> bool:
    """Modern verse lines seldom end in a full stop; short sentences do."""
    return sum(is_terminated(p.text) for p in lines) * 4 <= len(lines)


def _stanzas(lines: list[Para]) -> list[list[Para]]:
    """Lines grouped into stanzas where the gap of blank lines between them widens."""
    gaps = [b.line - a.line for a, b in zip(lines, lines[1:])]
    narrow = min(gaps)
    stanzas = [[lines[0]]]
    for gap, line in zip(gaps, lines[1:]):
        if gap > narrow:
            stanzas.append([])
        stanzas[-1].append(line)
    return stanzas


# -- the rule -----------------------------------------------------------------------------------

def _split(run: Run, journal: Journal) -> list[Para]:
    paras: list[Para] = []
    for para in run.paras:
        if para.byline is not None or para.kind != TEXT:
            paras.append(para)
            continue
        pieces = split_block(para.text)
        if len(pieces) == 1 and pieces[0][0] == TEXT:
            paras.append(para)
            continue
        for kind, text in pieces:
            paras.append(replace(para, pieces=(text,), text=text, kind=kind))
        if len(pieces) > 1:
            journal.record("split", para.lines, detail=" | ".join(k for k, _ in pieces))
            if pieces[0][0] in (CREDIT, LABEL) and pieces[1][0] == TEXT:
                what = 'photo credit' if pieces[0][0] == CREDIT else 'box label'
                journal.warn(para.line, f"a paragraph starts with a {what} "
                                        f"({pieces[0][1]}); set apart as its own line")
        else:
            journal.record(pieces[0][0], para.lines)
    return captions(paras, journal)


def captions(paras: list[Para], journal: Journal) -> list[Para]:
    """A short line right before a credit of its own, or opening like a caption, is a
    picture's caption (the seams rule asks again where runs of text met)."""
    for index, para in enumerate(paras):
        if para.kind != TEXT or para.byline is not None:
            continue
        # a credit on a line of its own (not one printed before a paragraph's text)
        before_credit = index + 1 < len(paras) and paras[index + 1].kind == CREDIT \
            and len(para.text) <= MAX_CAPTION_BEFORE_CREDIT \
            and (index + 2 >= len(paras) or paras[index + 2].line != paras[index + 1].line)
        if before_credit or caption_start(para.text):
            paras[index] = replace(para, kind=CAPTION)
            journal.record(f"caption {GUESS}", para.lines,
                           detail="stands before a credit" if before_credit else "opens like a caption")
    return paras


def apply(draft: Draft, journal: Journal) -> Draft:
    def article_kinds(runs: tuple[Run, ...]) -> tuple[Run, ...]:
        split = [(run, _split(run, journal)) for run in runs]
        shred = _shred_width([p for _, paras in split for p in paras])
        result = []
        for run, paras in split:
            for index in _intertitles(paras, shred):
                paras[index] = replace(paras[index], kind=INTERTITLE)
                journal.record(f"intertitle {GUESS}", paras[index].lines)
            for start, end in reversed(_verse_runs(paras)):
                stanzas = []
                for lines in _stanzas(paras[start:end]):
                    stanza = replace(lines[0], kind=VERSE)
                    for line in lines[1:]:
                        stanza = stanza.joined(line)
                    stanzas.append(stanza)
                paras[start:end] = stanzas
                journal.record(f"verse {GUESS}", [n for s in stanzas for n in s.lines],
                               detail=f"{len(stanzas)} stanza(s)")
            changed = len(paras) != len(run.paras) or any(a is not b for a, b in zip(paras, run.paras))
            result.append(Run(run.key, tuple(paras), run.origin, run.own) if changed else run)
        return tuple(result)

    articles = tuple(with_runs(a, article_kinds(a.runs)) for a in draft.articles)
    loose = tuple(r for runs in (article_kinds((run,)) for run in draft.loose) for r in runs)
    return replace(draft, articles=articles, loose=loose)
