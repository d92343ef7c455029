"""A small issue that uses what the example does not: every paragraph kind, a
verse article, a 副刊 page, an imprint, and hostile text in titles."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

from publish.model import Article, Image, Imprint, Issue, Masthead, Page, Paragraph
from publish.writers.source import write_source
from support import EXAMPLE

HOSTILE_TITLE = '<script>alert("x")</script> & 标题 "引号" </title>'
BODY = ("会议强调，要坚持稳中求进工作总基调，完整、准确、全面贯彻新发展理念，加快构建新发展格局，"
        "着力推动高质量发展，更好统筹疫情防控和经济社会发展。")


def small_issue() -> Issue:
    kinds = Article(
        id="s1-01", title="城乡融合发展的新路径", kicker="引题：年终盘点", subtitle="副题：三个关键词",
        byline="本报记者 示例", order=1,
        paragraphs=(Paragraph("核心阅读", "label"), Paragraph(BODY * 3), Paragraph("一、抓项目促投资", "intertitle"),
                    Paragraph(BODY * 4), Paragraph("图为项目现场。", "caption"), Paragraph("示例 摄", "credit"),
                    Paragraph(BODY * 2), Paragraph("数据来源：市统计局", "note")))
    hostile = Article(id="s1-02", title=HOSTILE_TITLE, order=2,
                      paragraphs=(Paragraph("<b>不是粗体</b> & 也不是实体 &amp; " + BODY * 2),))
    poem = Article(id="s2-01", title="冬日的港口", order=1, verse=True,
                   paragraphs=(Paragraph("文/示例", "author"),
                               Paragraph("灯笼挂在船头\n海风吹过石塘\n归港的人\n数着年的脚步", "verse"),
                               Paragraph("潮水退了又涨\n一盏灯\n照亮回家的路", "verse")))
    pictured = Article(id="s2-02", title="渔港挂起红灯笼", order=2,
                       images=(Image("images/harbour-lanterns.jpg", caption="东屿渔港的红灯笼", credit="示例 摄",
                                     alt="渔船停在港口，桅杆上挂着红灯笼"),),
                       paragraphs=(Paragraph(BODY * 3),))
    return Issue(
        masthead=Masthead(paper="示例日报", date=dt.date(2023, 2, 1), organ="示例机关报", publisher="示例出版",
                          weekday="星期三", lunar="农历癸卯年正月十一", cn="CN00-0000", serial=100, page_count=2),
        pages=(Page(1, "要闻", articles=(kinds, hostile)),
               Page(2, "副刊", editors=("责任编辑 示例",), articles=(poem, pictured), supplement=True)),
        imprint=Imprint(address="示例路1号", telephone="0000-0000000", price="1.00元"))


def write_small_issue(folder: Path) -> Path:
    write_source(small_issue(), folder, images_from=EXAMPLE)
    return folder
