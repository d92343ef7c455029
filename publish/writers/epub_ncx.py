"""The NCX, for EPUB 2 reading systems: the same tree and page targets as the
navigation document, with play order following the spine (a page marker
right after the start of its page opener) and the book's identifier as
dtb:uid, which EPUBCheck compares with the package's."""
from __future__ import annotations

from .epub_documents import Plan


def render_ncx(layout, plan: Plan, uid: str, title: str, lang: str) -> bytes:
    spine_index = {doc.href: index for index, doc in enumerate(plan.docs)}

    def position(href: str) -> tuple[int, int]:
        path, _, fragment = href.partition("#")
        return spine_index[path], 1 if fragment else 0

    targets = [e["href"] for e in plan.toc] + [c["href"] for e in plan.toc for c in e["children"]]
    targets += [p["href"] for p in plan.pages]
    order = {href: n for n, href in enumerate(sorted(set(targets), key=position), 1)}
    entries = [dict(id=f"nav-{n}", label=e["label"], href=e["href"], order=order[e["href"]],
                    children=[dict(id=f"nav-{n}-{k}", label=c["label"], href=c["href"], order=order[c["href"]])
                              for k, c in enumerate(e["children"], 1)])
               for n, e in enumerate(plan.toc, 1)]
    pages = [dict(p, id=f"page-target-{p['value']}", order=order[p["href"]]) for p in plan.pages]
    return layout.render("toc.ncx.j2", lang=lang, ncx=dict(
        uid=uid, title=title, depth=2 if any(e["children"] for e in entries) else 1,
        page_list_label=layout.label("page_list"), entries=entries, pages=pages,
        max_page=max((p["value"] for p in pages), default=0)))
