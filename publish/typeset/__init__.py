"""The CJK line composer: paragraph + measure -> lines, each fitted exactly.

    from publish.typeset import Composer, Run, line_html
    composer = Composer()
    lines = composer.compose([Run("本报讯（记者林彬）", "kai"), Run("近日，……")], 13)
    composer.count_lines(text, 27)          # == len(compose(text, 27)), cheaper
    html = line_html(lines[0])              # what the PDF writer paints

Modules, one job each: classes (kinsoku tables, what is Latin), metrics (widths
from the fonts), segment (text -> units and junctions), compose (breaking and
fitting), paint (lines -> HTML for WeasyPrint), rules (checking any lines against
the rules, e.g. read back from a PDF), preview (`publish typeset`), bench
(`python -m publish.typeset.bench`). The rules themselves: docs/design.md §4.
"""
from .compose import Composer
from .lines import DROP, HALT, Line, Piece, Run
from .paint import LINE_CSS, line_html
from .preview import preview
from .rules import faults

__all__ = ["Composer", "Run", "Line", "Piece", "HALT", "DROP", "preview", "line_html", "LINE_CSS",
           "faults"]
