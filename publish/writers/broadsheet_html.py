"""The page plan as one HTML document for WeasyPrint: templates place values,
the plan decides positions, the composer's lines are painted as composed."""
from __future__ import annotations

import datetime as dt
from functools import lru_cache
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape
from markupsafe import Markup

from .. import __version__
from ..fonts import print_faces
from ..layout.format import Broadsheet
from ..layout.plan import IssuePlan, Rule
from ..model import Issue
from ..paths import LAYOUTS
from ..typeset import LINE_CSS, line_html

TEMPLATES = LAYOUTS / "broadsheet"


@lru_cache(maxsize=1)
def _environment() -> Environment:
    env = Environment(loader=FileSystemLoader(str(TEMPLATES)), autoescape=select_autoescape(["j2", "html"]),
                      undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True)
    env.filters["pt"] = lambda value: f"{value:.3f}".rstrip("0").rstrip(".") + "pt"
    return env


DIGEST_PER_PAGE = 2


def _digest(issue: Issue) -> list[dict]:
    """导读 for the 报眼 box on page 1: the first stories of each inner page."""
    entries = []
    for page in issue.pages[1:]:
        titles = [a.title for a in page.articles if not a.is_teaser][:DIGEST_PER_PAGE]
        if titles:
            entries.append({"page": page.number, "name": page.name, "titles": titles})
    return entries


def _css(fmt: Broadsheet, images_root: Path, prepress_css: str) -> str:
    pitch = fmt.pitch_pt
    masthead_height = fmt.masthead_rows * pitch
    dateline_height = fmt.dateline_rows * pitch
    name_depth = fmt.paper_name_pt * fmt.paper_name_depth
    context = {
        "f": fmt,
        "margin_left_mm": round(fmt.margin_left_mm, 3),
        "type_width": round(fmt.type_width_pt, 3),
        "type_height": round(fmt.type_height_pt, 3),
        "fonts": print_faces(images_root),
        "cmyk": {"text": fmt.cmyk("text"), "paper": fmt.cmyk("masthead"), "tint": fmt.cmyk("tint"),
                 "paper_white": fmt.cmyk("knockout")},
        "line_css": Markup(LINE_CSS),
        "masthead": {"width": round(fmt.span_pt(fmt.masthead_span), 3),
                     "height": masthead_height - dateline_height,
                     "name_top": pitch, "organ_top": pitch + name_depth + fmt.organ_gap_pt,
                     "cn_top": pitch + name_depth + fmt.cn_gap_pt},
        "ear": {"left": round(fmt.column_x(fmt.masthead_span), 3),
                "width": round(fmt.span_pt(fmt.columns - fmt.masthead_span), 3),
                "height": masthead_height - dateline_height - pitch},
        "dateline": {"top": masthead_height - dateline_height, "height": dateline_height},
        "running": {"height": fmt.running_head_rows * pitch - pitch / 2,
                    "folio_top": pitch * fmt.folio_top_rows, "folio_height": fmt.folio_rows * pitch,
                    "section_left": fmt.section_left * fmt.type["page_number_pt"]},
    }
    css = _environment().get_template("broadsheet.css.j2").render(**context)
    return prepress_css + "\n" + css      # the print reset first: the layout overrides it


def render_html(issue: Issue, plan: IssuePlan, fmt: Broadsheet, root: Path, created: dt.datetime,
                prepress_css: str = "", image_url=None) -> str:
    """The whole issue as HTML. `image_url(block)` maps a placed picture (an
    ImageBlock: its issue-relative path and crop) to the URL the document should
    use (the print writer passes converted, cropped copies)."""
    m = issue.masthead
    colors = {"rule": fmt.cmyk("rule"), "banner": fmt.cmyk("banner"), "tint": fmt.cmyk("tint"),
              "text": fmt.cmyk("text")}

    def rule_style(rule: Rule) -> str:
        x, y = min(rule.x1, rule.x2), min(rule.y1, rule.y2)
        if rule.x1 == rule.x2:
            return (f"left:{x - rule.weight / 2:.3f}pt;top:{y:.3f}pt;width:0;height:{abs(rule.y2 - rule.y1):.3f}pt;"
                    f"border-left:{rule.weight}pt solid {colors[rule.color]}")
        return (f"left:{x:.3f}pt;top:{y - rule.weight / 2:.3f}pt;width:{abs(rule.x2 - rule.x1):.3f}pt;height:0;"
                f"border-top:{rule.weight}pt solid {colors[rule.color]}")

    pages = []
    for page_plan, page in zip(plan.pages, issue.pages):
        pages.append({"number": page.number, "name": page.name, "editors": page.editors,
                      "modules": page_plan.modules})
    template = _environment().get_template("issue.html.j2")
    return template.render(
        title=f"{m.paper} {m.date_cn}" + (f" 第{m.serial}期" if m.serial else ""), m=m, version=__version__,
        subject=f"{m.paper}{m.date_cn}{m.weekday}" + (f"，总第{m.serial}期" if m.serial else "")
        + f"，今日{m.page_count}版",
        keywords=", ".join(dict.fromkeys([m.paper] + [p.name for p in issue.pages if p.name])),
        created=created.isoformat(), css=Markup(_css(fmt, root, prepress_css)),
        digest=_digest(issue), pages=pages,
        paint=lambda line: Markup(line_html(line)), color=lambda name: colors[name],
        rule_style=rule_style,
        image_url=image_url or (lambda block: (root / block.path).resolve().as_uri()))
