"""The edition in a real browser (Debian's Chromium through Playwright), opened
from disk as a reader would: clicking zones, zones measured against the glyphs
of the PDF, requests, the phone layout, the keyboard and axe-core."""
from __future__ import annotations

import urllib.parse
from pathlib import Path

import pytest

from web.edition_files import html_files
from web.pdftext import article_texts, text_runs, trim_boxes

pytestmark = [pytest.mark.slow, pytest.mark.browser]

TOLERANCE = 1.0     # points: a zone's edge may round this far off the plan's


def url(folder: Path, name: str) -> str:
    return (folder / name).as_uri()


def test_clicking_the_lead_on_page_one_opens_its_article(edition, page):
    folder, issue = edition["folder"], edition["issue"]
    lead = issue.pages[0].articles[0]
    page.goto(url(folder, "index.html"))
    zone = page.locator(".sheet").get_by_role("link", name=lead.title, exact=True)
    assert zone.count() == 1
    zone.click()
    page.wait_for_load_state("load")
    assert urllib.parse.unquote(page.url).endswith(f"/article-{lead.id}.html")
    assert page.locator("main h1").inner_text() == lead.title
    first = next(p.text for p in lead.paragraphs if p.kind == "text")
    assert page.locator(".text p").first.inner_text() == first


def _zones(page) -> list[dict]:
    """Every zone's rectangle as a share of the page picture, with its article."""
    return page.evaluate("""() => {
        const image = document.querySelector('.page-image').getBoundingClientRect();
        return [...document.querySelectorAll('.zone')].map(z => {
            const r = z.getBoundingClientRect();
            return {article: z.dataset.article, href: z.getAttribute('href'),
                    left: (r.left - image.left) / image.width, right: (r.right - image.left) / image.width,
                    top: (r.top - image.top) / image.height, bottom: (r.bottom - image.top) / image.height};
        });
    }""")


def _inside(char, zone) -> bool:
    x0, top, x1, bottom = char
    return (x0 >= zone["x0"] - TOLERANCE and x1 <= zone["x1"] + TOLERANCE
            and top >= zone["y0"] - TOLERANCE and bottom <= zone["y1"] + TOLERANCE)


def _overlaps(char, zone) -> bool:
    x0, top, x1, bottom = char
    return x0 < zone["x1"] - TOLERANCE and x1 > zone["x0"] + TOLERANCE \
        and top < zone["y1"] - TOLERANCE and bottom > zone["y0"] + TOLERANCE


def test_every_zone_covers_its_articles_glyphs_in_the_pdf_and_no_other_articles(edition, page):
    """Glyph runs of the PDF are given to the article whose text holds them. A
    run two articles share (a teaser repeats its story's headline; the 报眼
    lists inner pages' titles) belongs to either: it must lie in no zone of a
    third article, and inside a zone of one of them when both have zones on the
    page. A run of one article must lie inside that article's zone when it has
    one on the page, and in no other zone."""
    folder, issue = edition["folder"], edition["issue"]
    texts = article_texts(issue)
    boxes = trim_boxes(edition["pdf"])
    runs_per_page = text_runs(edition["pdf"])
    assert len(runs_per_page) == len(issue.pages)
    for number, runs in enumerate(runs_per_page, start=1):
        x0, top, x1, bottom = boxes[number - 1]
        width, height = x1 - x0, bottom - top
        page.goto(url(folder, f"page-{number}.html"))
        zones = [dict(z, x0=z["left"] * width, x1=z["right"] * width, y0=z["top"] * height,
                      y1=z["bottom"] * height) for z in _zones(page)]
        here = {z["article"] for z in zones}
        assert here, f"page {number} has no zones"
        given: dict[str, int] = {a: 0 for a in here}
        lines = 0
        for run in runs:
            text = "".join(run.text.split())
            if len(text) < 4:
                continue
            lines += 1
            owners = {a for a, full in texts.items() if text in full}
            if not owners:
                continue            # furniture: masthead, running heads, jump lines
            for other in (z for z in zones if z["article"] not in owners):
                assert not any(_overlaps(c, other) for c in run.chars), \
                    f"page {number}: '{run.text}' of {sorted(owners)} lies in the zone of {other['article']}"
            own = [z for z in zones if z["article"] in owners]
            inside = own and all(any(_inside(c, z) for z in own) for c in run.chars)
            if len(owners) == 1 or owners <= here:
                assert inside or not own, f"page {number}: '{run.text}' of {sorted(owners)} is outside its zone"
            if inside:
                holder = next(z["article"] for z in own if _inside(run.chars[0], z))
                given[holder] += 1
        assert all(count > 0 for count in given.values()), f"page {number}: zones over no text: {given}"
        assert sum(given.values()) > 0.8 * lines, f"page {number}: only {sum(given.values())} of {lines} runs placed"


def test_zones_are_reachable_by_keyboard_and_highlighted_on_focus_hover_and_target(edition, page):
    folder, issue = edition["folder"], edition["issue"]
    page.goto(url(folder, "page-1.html"))
    zone = page.locator(".zone").first
    plain = zone.evaluate("z => getComputedStyle(z).backgroundColor")
    for _ in range(60):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.classList.contains('zone')"):
            break
    else:
        pytest.fail("no zone was reached with the Tab key")
    focused = page.evaluate("getComputedStyle(document.activeElement).backgroundColor")
    assert focused != plain and page.evaluate("getComputedStyle(document.activeElement).outlineStyle") != "none"
    page.locator(".zone").nth(1).hover()
    assert page.locator(".zone").nth(1).evaluate("z => getComputedStyle(z).backgroundColor") != plain
    # An article page's link to its printed page lands on its zone, highlighted.
    lead = issue.pages[0].articles[0]
    page.goto(url(folder, f"article-{lead.id}.html"))
    page.locator(".article-head .folio a").first.click()
    page.wait_for_load_state("load")
    target = page.locator(".zone:target")
    assert target.get_attribute("data-article") == lead.id
    assert target.evaluate("z => getComputedStyle(z).backgroundColor") != plain


def test_arrow_keys_and_links_turn_the_pages(edition, page):
    folder = edition["folder"]
    page.goto(url(folder, "page-1.html"))
    page.keyboard.press("ArrowRight")
    page.wait_for_url("**/page-2.html")
    page.keyboard.press("ArrowRight")
    page.wait_for_url("**/page-3.html")
    page.keyboard.press("ArrowLeft")
    page.wait_for_url("**/page-2.html")
    page.get_by_role("link", name="下一版").click()
    page.wait_for_url("**/page-3.html")
    page.locator(".pagenav").get_by_role("link", name="第4版 副刊").click()
    page.wait_for_url("**/page-4.html")
    assert page.locator(".pagenav a[aria-current=page]").inner_text().split() == ["第4版", "副刊"]


def test_no_request_leaves_the_folder_and_the_policy_forbids_it(edition, small_edition, chromium):
    context = chromium.new_context(viewport={"width": 1280, "height": 900})
    requests, answered, failed = [], [], {}
    context.on("request", lambda request: requests.append(request.url))
    context.on("response", lambda response: answered.append(response.url))
    context.on("requestfailed", lambda request: failed.__setitem__(request.url, request.failure))
    page = context.new_page()
    roots = [b["folder"].resolve().as_uri() + "/" for b in (edition, small_edition)]
    for built in (edition, small_edition):
        for path in html_files(built["folder"].resolve()):
            page.goto(path.as_uri())
            page.wait_for_load_state("load")
    assert len(requests) > 50
    assert not [u for u in requests if not any(u.startswith(root) for root in roots)]
    # Only a load cut short by going on to the next page (the icon, fetched last) may fail.
    assert all(reason == "net::ERR_ABORTED" and any(u.startswith(root) for root in roots)
               for u, reason in failed.items()), failed
    failed.clear()
    # A picture and a script from outside, slipped into a page: the policy refuses both
    # before any byte goes out.
    page.goto(url(edition["folder"], "page-2.html"))
    page.evaluate("""() => {
        document.addEventListener('securitypolicyviolation', e => window.__blocked = (window.__blocked || 0) + 1);
        const img = document.createElement('img'); img.src = 'https://example.invalid/x.png';
        document.body.append(img);
        const script = document.createElement('script'); script.src = 'http://example.invalid/x.js';
        document.body.append(script);
    }""")
    page.wait_for_timeout(300)
    assert page.evaluate("window.__blocked || 0") == 2
    context.close()
    outside = {u for u in requests if not any(u.startswith(root) for root in roots)}
    assert not outside & set(answered)
    assert all("csp" in (failed.get(u) or "").lower() for u in outside), failed


def test_a_phone_shows_the_digest_first_and_a_zoomable_page(edition, chromium):
    context = chromium.new_context(viewport={"width": 390, "height": 844}, device_scale_factor=2,
                                   is_mobile=True, has_touch=True)
    page = context.new_page()
    page.goto(url(edition["folder"], "index.html"))
    digest = page.locator("nav.digest").bounding_box()
    sheet = page.locator(".viewport").bounding_box()
    assert digest["y"] < sheet["y"] and digest["y"] < 200
    assert digest["width"] > 300 and sheet["width"] <= 390
    viewport_meta = page.locator("meta[name=viewport]").get_attribute("content")
    assert "user-scalable=no" not in viewport_meta and "maximum-scale" not in viewport_meta
    assert page.locator(".viewport").evaluate("v => getComputedStyle(v).touchAction") in (
        "manipulation", "pan-x pan-y pinch-zoom")      # manipulation is the three together
    # The 2x picture is the one a high-density screen loads.
    assert page.locator(".page-image").evaluate("i => i.currentSrc").endswith("@2x.webp")
    before = page.locator(".sheet").bounding_box()["width"]
    page.get_by_role("button", name="放大").click()
    page.get_by_role("button", name="放大").click()
    frame = page.locator(".viewport")
    assert page.locator(".sheet").bounding_box()["width"] >= 1.9 * before
    assert frame.evaluate("v => v.scrollWidth > v.clientWidth && v.scrollHeight > v.clientHeight")
    assert frame.evaluate("v => { v.scrollLeft = 200; return v.scrollLeft; }") == 200
    # Zones grow with the picture: the lead's zone still lies over the same share of it.
    share = page.locator(".zone").first.evaluate(
        "z => z.getBoundingClientRect().width / document.querySelector('.page-image').getBoundingClientRect().width")
    page.get_by_role("button", name="适合宽度").click()
    assert page.locator(".sheet").bounding_box()["width"] == pytest.approx(before, abs=1)
    assert page.locator(".zone").first.evaluate(
        "z => z.getBoundingClientRect().width / document.querySelector('.page-image').getBoundingClientRect().width"
    ) == pytest.approx(share, abs=0.002)
    page.screenshot(path=str(edition["out"] / "phone.png"))
    context.close()


AXE_PAGES = [("edition", "index.html"), ("edition", "page-1.html"), ("edition", "page-3.html"),
             ("edition", "article-p2-01.html"), ("edition", "article-p1-07.html"),
             ("small_edition", "article-s1-01.html"), ("small_edition", "article-s2-01.html"),
             ("small_edition", "article-s2-02.html")]


@pytest.mark.parametrize("viewport", [(1440, 1000), (390, 844)], ids=["desktop", "phone"])
def test_axe_core_finds_no_violation_on_any_kind_of_page(request, chromium, axe_source, viewport):
    # Playwright's script injection is itself an inline script: the page's policy would refuse axe.
    context = chromium.new_context(viewport={"width": viewport[0], "height": viewport[1]}, bypass_csp=True)
    page = context.new_page()
    found = {}
    for fixture, name in AXE_PAGES:
        folder = request.getfixturevalue(fixture)["folder"]
        page.goto(url(folder, name))
        page.add_script_tag(content=axe_source)
        result = page.evaluate("""async () => {
            const r = await axe.run(document, {resultTypes: ['violations']});
            return {violations: r.violations.map(v => [v.id, v.nodes.map(n => n.target.join(' ')).slice(0, 3)]),
                    passes: r.passes.length};
        }""")
        assert result["passes"] > 10
        if result["violations"]:
            found[name] = result["violations"]
    context.close()
    assert not found


def test_the_edition_works_from_a_static_web_server_too(edition, page):
    import functools
    import http.server
    import threading

    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(edition["folder"]))
    handler.log_message = lambda *args: None
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    errors = []
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    try:
        base = f"http://127.0.0.1:{server.server_address[1]}/"
        page.goto(base + "index.html")
        page.wait_for_load_state("load")
        assert page.locator(".page-image").evaluate("i => i.complete && i.naturalWidth > 0")
        assert page.locator(".zone").first.evaluate("z => getComputedStyle(z).position") == "absolute"
        assert page.evaluate("document.fonts.check('16px \"Publish Body\"')")
        page.locator(".sheet .zone").first.click()
        page.wait_for_load_state("load")
        assert page.url.startswith(base + "article-")
        assert page.evaluate("[...document.fonts].filter(f => f.status === 'loaded').length") >= 1
    finally:
        server.shutdown()
        server.server_close()
    assert not errors
