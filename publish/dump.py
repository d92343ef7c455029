"""The model as plain JSON data, in the schema `publish dump --json` promises.

Other tools parse this output, so the keys and their order are a contract:
change them only together with the README and the schema test.
"""
from __future__ import annotations

from .model import Article, Issue


def article_json(article: Article) -> dict:
    return {
        "id": article.id,
        "column": article.column,
        "kicker": article.kicker,
        "title": article.title,
        "subtitle": article.subtitle,
        "byline": article.byline,
        "paragraphs": list(article.texts()),
        "paragraph_kinds": [p.kind for p in article.paragraphs],
        "verse": article.verse,
        "teaser": {"page": article.teaser} if article.teaser is not None else None,
        "images": [{"path": image.path, "caption": image.caption} for image in article.images],
    }


def issue_json(issue: Issue) -> dict:
    m = issue.masthead
    return {
        "masthead": {
            "paper": m.paper, "organ": m.organ, "publisher": m.publisher,
            "date": m.date.isoformat(), "weekday": m.weekday, "lunar": m.lunar, "cn": m.cn,
            "serial": m.serial, "page_count": m.page_count,
        },
        "pages": [
            {"number": page.number, "name": page.name,
             "articles": [article_json(a) for a in page.articles]}
            for page in issue.pages
        ],
    }
