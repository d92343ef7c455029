"""The attack corpus: hostile names, paths, links, pictures, sizes, dates, nesting,
encodings and faults, each a sandbox and a command (see harness.py for what
every case is judged on). `table.py` prints the corpus as a table; the test
runs every case.
"""
from __future__ import annotations

import io
import json
import os
import re
import struct
import zipfile
import zlib
from pathlib import Path

from harness import LEAK, Attack, Outcome, Scenario, Skip

PAPER = "测试报"
DATE = "2023-01-19"
SLUG = f"{PAPER}-{DATE}"
BODY = "这是正文的第一段，讲一件完整的事。\n\n第二段在这里结束。"
RAW = "# 测试报\n\n2023.1.19 星期四\n\n## 一个标题\n\n本报讯 这是正文的第一段，内容完整。\n\n第二段也在这里。\n"

ATTACKS: list[Attack] = []


def attack(group: str, after: str, slow: bool = False):
    def register(make):
        ATTACKS.append(Attack(make.__name__, group, make, after, slow))
        return make
    return register


# -- sandbox helpers --------------------------------------------------------------------

def article(title: str = "标题", body: str = BODY, extra: str = "", page: int = 1) -> str:
    return f'+++\npage = {page}\ntitle = "{title}"\n{extra}+++\n\n{body}\n'


def make_issue(root: Path, paper: str = PAPER, date: str = DATE, articles: dict[str, str] | None = None,
               toml_extra: str = "", paper_toml: str | None = None) -> Path:
    folder = root / "issue"
    (folder / "articles").mkdir(parents=True, exist_ok=True)
    paper_line = paper_toml if paper_toml is not None else f"paper = {json.dumps(paper, ensure_ascii=False)}"
    (folder / "issue.toml").write_text(f"[masthead]\n{paper_line}\ndate = {date}\npage_count = 1\n{toml_extra}",
                                       encoding="utf-8")
    for name, text in (articles if articles is not None else {"a1.md": article()}).items():
        (folder / "articles" / name).write_text(text, encoding="utf-8")
    return folder


def victims(root: Path) -> Path:
    """Files of the user's beside the issue, which nothing may touch."""
    outside = root / "outside"
    (outside / "Documents").mkdir(parents=True, exist_ok=True)
    (outside / "Documents" / "thesis.txt").write_text("four years of work\n", encoding="utf-8")
    (outside / ".bashrc").write_text("export PS1='$ '\n", encoding="utf-8")
    return outside


def build(root: Path, folder: Path, fmt: str = "epub", expect: int = 0, where: str | None = None,
          check=None, **kw) -> Scenario:
    victims(root)
    out = root / "out"
    return Scenario(["build", folder, "-o", out, "--format", fmt], [out], expect, where, check, **kw)


def outputs(outcome: Outcome) -> list[Path]:
    out = outcome.root / "out"
    return sorted(p for p in out.rglob("*") if p.is_file()) if out.is_dir() else []


def expect_outputs(*suffixes: str):
    """The outputs exist in OUTDIR itself, one per suffix, and nothing else was written."""
    def check(outcome: Outcome) -> list[str]:
        out = outcome.root / "out"
        found = sorted(p.name for p in out.iterdir()) if out.is_dir() else []
        problems = []
        for suffix in suffixes:
            if sum(name.endswith(suffix) for name in found) != 1:
                problems.append(f"expected one *{suffix} in OUTDIR, found {found}")
        return problems
    return check


def epub_texts(path: Path) -> str:
    """The documents' text with the markup taken out (the EPUB wraps a paragraph's
    last characters in a span that keeps them together), entities left as written."""
    with zipfile.ZipFile(path) as book:
        return "".join(re.sub(r"<[^>]*>", "", book.read(n).decode("utf-8"))
                       for n in book.namelist() if n.endswith(".xhtml"))


def epub_pictures(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as book:
        # The story's pictures: not the cover nor the pictures of the printed pages (images/pages/).
        return {n: book.read(n) for n in book.namelist()
                if "/images/" in n and "cover" not in n and "/images/pages/" not in n}


def sane_name(name: str) -> bool:
    return (name == name.strip() and not name.startswith(".") and len(name.encode()) <= 255
            and not re.search(r"[\x00-\x1f\x7f/\\\u202a-\u202e\u2066-\u2069]", name))


# -- 1. names and paths -----------------------------------------------------------------

def _named(paper: str):
    def make(root: Path) -> Scenario:
        def check(outcome: Outcome) -> list[str]:
            names = [p.name for p in outputs(outcome)]
            bad = [n for n in names if not sane_name(n)]
            return ([f"unsafe output names: {bad}"] if bad else []) + \
                expect_outputs(".epub", ".report.json")(outcome)
        return build(root, make_issue(root, paper=paper), check=check)
    return make


for _name, _paper in [
    ("paper_dot_dot", "../escaped"),
    ("paper_dot_dot_deep", "../../../escaped"),
    ("paper_separators", "报/..\\..\\纸"),
    ("paper_leading_dots", "...隐藏"),
    ("paper_bidi_override", "报\u202egpj.exe"),
    ("paper_500_characters", "报" * 500),
    ("paper_300_latin", "N" * 300),
    ("paper_markup", '<script>"报"</script>|?*:'),
]:
    ATTACKS.append(Attack(_name, "names", _named(_paper),
                          "exit 0; outputs named from a safe form of the paper name, inside OUTDIR"))


@attack("names", "exit 0; the absolute name becomes a plain file name inside OUTDIR")
def paper_absolute_path(root: Path) -> Scenario:
    target = root / "outside" / "abs"
    return _named(str(target))(root)


@attack("names", "exit 0; `# ../x` in raw text names a file inside OUTDIR")
def raw_paper_dot_dot(root: Path) -> Scenario:
    victims(root)
    raw = root / "raw.txt"
    raw.write_text(RAW.replace("# 测试报", "# ../x"), encoding="utf-8")
    out = root / "out"
    return Scenario(["build", raw, "-o", out, "--format", "epub"], [out], 0,
                    check=expect_outputs(".epub", ".report.json"))


@attack("names", "exit 0; a link planted at the output name is replaced, its target untouched")
def output_name_is_a_planted_link(root: Path) -> Scenario:
    folder = make_issue(root)
    scenario = build(root, folder)
    out = root / "out"
    out.mkdir()
    (root / "outside" / "victim.epub").write_bytes(b"precious")
    (out / f"{SLUG}.epub").symlink_to(root / "outside" / "victim.epub")
    (out / f"{SLUG}.report.json").symlink_to(root / "outside" / ".bashrc")
    scenario.may_delete = [out / f"{SLUG}.epub", out / f"{SLUG}.report.json"]
    return scenario


@attack("names", "exit 1 naming OUTDIR when it is a file")
def outdir_is_a_file(root: Path) -> Scenario:
    folder = make_issue(root)
    (root / "out").write_text("not a folder", encoding="utf-8")
    scenario = build(root, folder, expect=1, where=r"out")
    scenario.writes = []
    return scenario


@attack("names", "exit 0; a user's own files in OUTDIR stay as they were")
def outdir_holds_user_files(root: Path) -> Scenario:
    folder = make_issue(root)
    out = root / "out"
    out.mkdir()
    (out / "notes.txt").write_text("mine", encoding="utf-8")
    (out / "x.part").write_text("a user's partial download", encoding="utf-8")
    (out / f".{SLUG}.epub.user.part").write_text("looks like ours, made by a user", encoding="utf-8")

    def check(outcome: Outcome) -> list[str]:
        kept = [(out / "notes.txt").read_text(encoding="utf-8") == "mine", (out / "x.part").exists()]
        return [] if all(kept) else ["a user's file in OUTDIR was changed or removed"]
    return build(root, folder, check=check)


# -- 2. import --force ------------------------------------------------------------------

def _raw(root: Path) -> Path:
    raw = root / "raw.txt"
    raw.write_text(RAW, encoding="utf-8")
    return raw


def _import(root: Path, target: Path, expect: int, force: bool = True, where: str | None = None,
            **kw) -> Scenario:
    victims(root)
    argv = ["import", _raw(root), "-o", target] + (["--force"] if force else [])
    return Scenario(argv, [target] if expect == 0 else [], expect, where, **kw)


@attack("force", "exit 1: a hand-made issue folder is not replaced; nothing deleted")
def force_on_hand_made_issue(root: Path) -> Scenario:
    folder = make_issue(root)
    (folder / "README.md").write_text("our notes", encoding="utf-8")
    (folder / "images").mkdir()
    (folder / "images" / "photo.jpg").write_bytes(b"\xff\xd8 not really")
    return _import(root, folder, 1, where=r"issue")


@attack("force", "exit 1: a home folder holding an issue.toml is not replaced")
def force_on_home_folder(root: Path) -> Scenario:
    home = victims(root)
    (home / "issue.toml").write_text('[masthead]\npaper = "x"\ndate = 2023-01-19\n', encoding="utf-8")
    return _import(root, home, 1, where=r"outside")


@attack("force", "exit 0: a folder this tool wrote, unchanged, is replaced")
def force_on_own_folder(root: Path) -> Scenario:
    target = root / "imported"
    scenario = _import(root, target, 0)
    scenario.steps = [["import", str(root / "raw.txt"), "-o", str(target)]]
    scenario.may_delete = [target]
    return scenario


def _own_then(root: Path, change) -> Scenario:
    """Import once (as a setup step run by the harness), then change the folder."""
    target = root / "imported"
    _raw(root)
    from publish.cli import main
    try:
        main(["import", str(root / "raw.txt"), "-o", str(target)])
    except SystemExit as done:
        assert not done.code, done.code
    change(target)
    return _import(root, target, 1, where=r"imported")


@attack("force", "exit 1: an article edited since the import is not thrown away")
def force_after_an_edit(root: Path) -> Scenario:
    def edit(target: Path) -> None:
        with (target / "articles" / "p1-01.md").open("a", encoding="utf-8") as file:
            file.write("\n编辑手工加的一段。\n")
    return _own_then(root, edit)


@attack("force", "exit 1: a file added since the import is not thrown away")
def force_after_a_file_added(root: Path) -> Scenario:
    return _own_then(root, lambda target: (target / "articles" / "notes.txt").write_text("x", encoding="utf-8"))


@attack("force", "exit 1: a written file replaced by a link is refused")
def force_after_a_file_became_a_link(root: Path) -> Scenario:
    def relink(target: Path) -> None:
        (target / "articles" / "p1-01.md").unlink()
        (target / "articles" / "p1-01.md").symlink_to(root / "outside" / "Documents" / "thesis.txt")
    victims(root)
    return _own_then(root, relink)


@attack("force", "exit 1: a forged marker naming files outside the folder is refused")
def force_with_forged_marker(root: Path) -> Scenario:
    folder = make_issue(root)
    victims(root)
    thesis = root / "outside" / "Documents" / "thesis.txt"
    import hashlib
    forged = {"written_by": "publish", "files": {"../outside/Documents/thesis.txt":
                                                 hashlib.sha256(thesis.read_bytes()).hexdigest()}}
    for name in (".publish-written.json", ".publish.json", "import-report.json"):
        (folder / name).write_text(json.dumps(forged), encoding="utf-8")
    return _import(root, folder, 1, where=r"issue")


@attack("force", "exit 1: the current folder is never replaced")
def force_on_current_folder(root: Path) -> Scenario:
    target = root / "imported"
    _own_then(root, lambda t: None)
    scenario = _import(root, Path("."), 1, cwd=target)
    scenario.argv[1] = str(root / "raw.txt")
    return scenario


@attack("force", "exit 0 with a warning at raw.txt:line: a private-use character (no font can print it, the folder "
                 "reader refuses it) is imported as 〓 for an editor to correct, and the folder written builds")
def import_private_use_character(root: Path) -> Scenario:
    victims(root)
    raw = root / "raw.txt"
    raw.write_text(RAW.replace("内容完整", "内容\ue000完整"), encoding="utf-8")
    target = root / "imported"

    def check(outcome: Outcome) -> list[str]:
        from publish.readers import load_issue

        issue = load_issue(target).issue
        texts = "".join(t for a in issue.articles() for t in a.texts())
        problems = ["the private-use character was written"] if "\ue000" in texts else []
        return problems + ([] if "内容〓完整" in texts else ["the text around it was not kept with 〓 in its place"])
    return Scenario(["import", raw, "-o", target], [target], 0, where=r"raw\.txt:\d+: .*U\+E000", check=check)


@attack("force", "exit 1: an existing folder without --force is refused")
def import_without_force(root: Path) -> Scenario:
    folder = make_issue(root)
    return _import(root, folder, 1, force=False, where=r"issue")


# -- 3. links and file kinds ------------------------------------------------------------

@attack("links", "exit 1: issue.toml linked to a file outside the folder is not read")
def issue_toml_links_outside(root: Path) -> Scenario:
    folder = make_issue(root)
    secret = root / "outside" / "secret.toml"
    victims(root)
    secret.write_text('[masthead]\npaper = "SECRETPAPER"\ndate = 2023-01-19\n', encoding="utf-8")
    (folder / "issue.toml").unlink()
    (folder / "issue.toml").symlink_to(secret)

    def check(outcome: Outcome) -> list[str]:
        return ["printed the linked file's content"] if "SECRETPAPER" in outcome.err + outcome.out else []
    return build(root, folder, expect=1, where=r"issue\.toml", check=check)


@attack("links", "exit 1: an articles/ link loop is an error, not an empty paper")
def articles_link_loop(root: Path) -> Scenario:
    folder = make_issue(root, articles={})
    (folder / "articles").rmdir()
    (folder / "articles").symlink_to(folder / "articles")
    return build(root, folder, expect=1, where=r"articles")


@attack("links", "exit 1: articles/ linked outside the folder is refused")
def articles_links_outside(root: Path) -> Scenario:
    folder = make_issue(root, articles={})
    elsewhere = root / "outside" / "articles"
    elsewhere.mkdir(parents=True)
    (elsewhere / "a1.md").write_text(article(), encoding="utf-8")
    (folder / "articles").rmdir()
    (folder / "articles").symlink_to(elsewhere)
    return build(root, folder, expect=1, where=r"articles")


@attack("links", "exit 1: an article linked outside the folder is refused")
def article_links_outside(root: Path) -> Scenario:
    folder = make_issue(root)
    victims(root)
    (root / "outside" / "a2.md").write_text(article("外面"), encoding="utf-8")
    (folder / "articles" / "a2.md").symlink_to(root / "outside" / "a2.md")
    return build(root, folder, expect=1, where=r"a2\.md")


@attack("links", "exit 0: an article linked to a file inside the folder is read")
def article_links_inside(root: Path) -> Scenario:
    folder = make_issue(root)
    (folder / "drafts").mkdir()
    (folder / "drafts" / "v2.md").write_text(article("里面的稿", "链接进来的正文。"), encoding="utf-8")
    (folder / "articles" / "a2.md").symlink_to(folder / "drafts" / "v2.md")
    return build(root, folder, check=lambda o: [] if "链接进来的正文" in epub_texts(outputs(o)[0])
                 else ["the linked article is missing from the EPUB"])


@attack("links", "exit 0 with the article read, or exit 1: an upper-case .MD is never skipped")
def article_upper_case_extension(root: Path) -> Scenario:
    folder = make_issue(root, articles={"p1-01.md": article("一"), "p1-02.MD": article("二", "大写扩展名的正文。")})

    def check(outcome: Outcome) -> list[str]:
        if outcome.code == 0 and "大写扩展名的正文" not in epub_texts(outputs(outcome)[0]):
            return ["silent loss: p1-02.MD left out"]
        return []
    scenario = build(root, folder, check=check)
    scenario.expect = 0
    return scenario


@attack("links", "exit 0 with a warning naming the file: a non-article file in articles/ is not silently skipped")
def article_with_other_extension(root: Path) -> Scenario:
    folder = make_issue(root)
    (folder / "articles" / "p1-02.txt").write_text(article("二"), encoding="utf-8")
    return build(root, folder, where=r"p1-02\.txt")


@attack("links", "exit 0 with a warning naming the folder: articles in a sub-folder are not silently skipped")
def article_in_sub_folder(root: Path) -> Scenario:
    folder = make_issue(root)
    (folder / "articles" / "page2").mkdir()
    (folder / "articles" / "page2" / "p2-01.md").write_text(article("二"), encoding="utf-8")
    return build(root, folder, where=r"page2")


@attack("links", "exit 1 naming the file: a FIFO named like an article does not hang the build")
def article_is_a_fifo(root: Path) -> Scenario:
    folder = make_issue(root)
    os.mkfifo(folder / "articles" / "a2.md")
    return build(root, folder, expect=1, where=r"a2\.md")


@attack("links", "exit 1 naming the file: a dangling article link")
def article_dangling_link(root: Path) -> Scenario:
    folder = make_issue(root)
    (folder / "articles" / "a2.md").symlink_to(folder / "nowhere.md")
    return build(root, folder, expect=1, where=r"a2\.md")


@attack("links", "exit 1 naming the file: a folder named like an article")
def article_is_a_folder(root: Path) -> Scenario:
    folder = make_issue(root)
    (folder / "articles" / "a2.md").mkdir()
    return build(root, folder, expect=1, where=r"a2\.md")


@attack("links", "exit 1 at file:line: a picture linked outside the folder")
def picture_links_outside(root: Path) -> Scenario:
    victims(root)
    _jpeg(root / "outside" / "private.jpg")
    folder = make_issue(root, articles={"a1.md": article(extra=_images("images/p.jpg"))})
    (folder / "images").mkdir()
    (folder / "images" / "p.jpg").symlink_to(root / "outside" / "private.jpg")
    return build(root, folder, expect=1, where=r"a1\.md:\d+")


@attack("links", "exit 1 at file:line: a FIFO named like a picture does not hang the build")
def picture_is_a_fifo(root: Path) -> Scenario:
    folder = make_issue(root, articles={"a1.md": article(extra=_images("images/p.jpg"))})
    (folder / "images").mkdir()
    os.mkfifo(folder / "images" / "p.jpg")
    return build(root, folder, expect=1, where=r"a1\.md:\d+")


@attack("links", "exit 1 naming the file: two articles whose ids differ only in case (one would overwrite "
                 "the other on a case-insensitive disk or in the EPUB)")
def article_ids_differ_in_case(root: Path) -> Scenario:
    folder = make_issue(root, articles={"a1.md": article("一"), "A1.md": article("二")})
    return build(root, folder, expect=1, where=r"a1\.md")


@attack("links", "exit 1 naming the source: a FIFO given as the source does not hang")
def source_is_a_fifo(root: Path) -> Scenario:
    os.mkfifo(root / "issue.fifo")
    return build(root, root / "issue.fifo", expect=1, where=r"issue\.fifo")


@attack("links", "exit 1 at file:line: a picture path that is a URL or leaves the folder")
def picture_path_is_a_url(root: Path) -> Scenario:
    folder = make_issue(root, articles={
        "a1.md": article(extra=_images("file:///etc/passwd")),
        "a2.md": article(extra=_images("https://example.com/x.jpg")),
        "a3.md": article(extra=_images("images/../../outside/Documents/thesis.txt"))})
    return build(root, folder, expect=1, where=r"a1\.md:\d+(.|\n)*a2\.md:\d+(.|\n)*a3\.md:\d+")


@attack("names", "exit 0: markup in every field is text in the EPUB (no element, no entity made of it)")
def markup_in_every_field(root: Path) -> Scenario:
    hostile = '</p><script>alert(1)</script><img src=x onerror=alert(2)>&amp;&#x41;]]>'
    escaped = json.dumps(hostile, ensure_ascii=False)
    folder = make_issue(root, paper=hostile, articles={"a1.md": (
        f"+++\npage = 1\ntitle = {escaped}\nkicker = {escaped}\nsubtitle = {escaped}\nbyline = {escaped}\n"
        f"column = {escaped}\n+++\n\n{hostile}\n")})

    def check(outcome: Outcome) -> list[str]:
        from lxml import etree
        problems = []
        with zipfile.ZipFile(next(p for p in outputs(outcome) if p.suffix == ".epub")) as book:
            for name in book.namelist():
                if name.endswith((".xhtml", ".opf", ".ncx")):
                    tree = etree.fromstring(book.read(name))
                    if tree.xpath("//*[local-name()='script' or local-name()='img'][not(@src) or "
                                  "@src='x' or @onerror]"):
                        problems.append(f"{name}: markup from the text became an element")
        return problems
    return build(root, folder, check=check)


# -- 4. pictures --------------------------------------------------------------------------

def _images(*paths: str, credit: str | None = None) -> str:
    out = ""
    for path in paths:
        out += f'[[images]]\npath = "{path}"\ncaption = "图片说明"\n'
        if credit:
            out += f'credit = "{credit}"\n'
    return out


def _exif():
    from PIL import Image
    exif = Image.Exif()
    exif[0x010F] = f"{LEAK}-make"           # Make
    exif[0x0110] = f"{LEAK}-model"          # Model
    exif[0x013B] = f"{LEAK}-artist"         # Artist
    exif[0x8298] = f"{LEAK}-copyright"      # Copyright
    gps = exif.get_ifd(0x8825)
    gps.update({1: "N", 2: (28.0, 22.0, 12.5), 3: "E", 4: (121.0, 22.0, 30.0)})
    return exif


_XMP = (f'<?xpacket begin="" id="W5M0MpCehiHzreSzNTczkc9d"?><x:xmpmeta xmlns:x="adobe:ns:meta/">'
        f'<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"><rdf:Description '
        f'xmlns:dc="http://purl.org/dc/elements/1.1/" dc:creator="{LEAK}-xmp"/></rdf:RDF></x:xmpmeta>'
        f'<?xpacket end="w"?>').encode()


def _photo(size=(320, 240)):
    from PIL import Image
    image = Image.new("RGB", size)
    image.putdata([((x * 7) % 256, (y * 5) % 256, ((x + y) * 3) % 256)
                   for y in range(size[1]) for x in range(size[0])])
    return image


def _jpeg(path: Path, **options) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    _photo().save(path, "JPEG", quality=90, **options)
    return path


def _picture_issue(root: Path, name: str, writer, fmt: str = "epub", credit: str | None = None,
                   expect: int = 0, where: str | None = None, check=None) -> Scenario:
    folder = make_issue(root, articles={"a1.md": article(extra=_images(f"images/{name}", credit=credit))})
    writer(folder / "images" / name)
    return build(root, folder, fmt, expect=expect, where=where, check=check)


@attack("pictures", "exit 0; no EXIF, GPS, XMP or comment in the EPUB or the PDF", slow=True)
def jpeg_with_gps_exif_xmp_comment(root: Path) -> Scenario:
    return _picture_issue(root, "gps.jpg", lambda p: _jpeg(p, exif=_exif(), xmp=_XMP,
                                                           comment=f"{LEAK}-comment".encode()), fmt="all",
                          check=expect_outputs(".epub", ".pdf", ".report.json"))


@attack("pictures", "exit 0; PNG text chunks (tEXt, zTXt, iTXt, eXIf) stripped")
def png_with_text_chunks(root: Path) -> Scenario:
    from PIL import PngImagePlugin

    def write(path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        info = PngImagePlugin.PngInfo()
        info.add_text("Author", f"{LEAK}-author")
        info.add_text("Comment", f"{LEAK}-z" * 20, zip=True)
        info.add_itxt("XML:com.adobe.xmp", _XMP.decode())
        _photo().save(path, "PNG", pnginfo=info, exif=_exif())
    return _picture_issue(root, "text.png", write)


@attack("pictures", "exit 0; WebP EXIF and XMP chunks stripped")
def webp_with_exif(root: Path) -> Scenario:
    def write(path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        _photo().save(path, "WEBP", exif=_exif(), xmp=_XMP)
    return _picture_issue(root, "meta.webp", write)


@attack("pictures", "exit 0; a GIF comment stripped")
def gif_with_comment(root: Path) -> Scenario:
    def write(path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        _photo().convert("P").save(path, "GIF", comment=f"{LEAK}-gif".encode())
    return _picture_issue(root, "c.gif", write)


@attack("pictures", "exit 0; EXIF orientation applied, then dropped: the EPUB's photo stands upright")
def jpeg_rotated_by_exif(root: Path) -> Scenario:
    from PIL import Image

    def write(path: Path) -> None:
        exif = Image.Exif()
        exif[0x0112] = 6                   # rotate 90° clockwise to show
        _jpeg(path, exif=exif)

    def check(outcome: Outcome) -> list[str]:
        ((_, data),) = epub_pictures(outputs(outcome)[0]).items()
        with Image.open(io.BytesIO(data)) as shown:
            return [] if shown.size == (240, 320) else [f"the photo is {shown.size}, not upright (240, 320)"]
    return _picture_issue(root, "turned.jpg", write, check=check)


@attack("pictures", "exit 1 at file:line: a JPEG cut at 60 % is refused when read")
def jpeg_truncated(root: Path) -> Scenario:
    def write(path: Path) -> None:
        data = _jpeg(path).read_bytes()
        path.write_bytes(data[: len(data) * 6 // 10])
    return _picture_issue(root, "cut.jpg", write, expect=1, where=r"a1\.md:\d+: .*cut\.jpg")


@attack("pictures", "exit 1 at file:line: a PNG cut short is refused when read")
def png_truncated(root: Path) -> Scenario:
    def write(path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        buffer = io.BytesIO()
        _photo().save(buffer, "PNG")
        path.write_bytes(buffer.getvalue()[: len(buffer.getvalue()) // 2])
    return _picture_issue(root, "cut.png", write, expect=1, where=r"a1\.md:\d+: .*cut\.png")


def _brightness(data: bytes) -> float:
    from PIL import Image, ImageStat
    with Image.open(io.BytesIO(data)) as image:
        return ImageStat.Stat(image.convert("L")).mean[0]


@attack("pictures", "exit 0; a 16-bit grey TIFF keeps its tones in the EPUB (mid grey stays mid grey)")
def tiff_16_bit(root: Path) -> Scenario:
    from PIL import Image

    def write(path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        ramp = Image.new("I;16", (256, 64))
        ramp.putdata([x * 257 for _ in range(64) for x in range(256)])
        ramp.save(path, "TIFF")

    def check(outcome: Outcome) -> list[str]:
        ((_, data),) = epub_pictures(outputs(outcome)[0]).items()
        mean = _brightness(data)
        return [] if 110 <= mean <= 145 else [f"mean grey {mean:.0f} of 255, expected about 127"]
    return _picture_issue(root, "deep.tif", write, check=check)


@attack("pictures", "exit 0; a 16-bit colour PNG keeps its tones")
def png_16_bit_colour(root: Path) -> Scenario:
    def write(path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        width, height = 64, 32
        rows = b"".join(b"\x00" + b"".join(struct.pack(">HHH", x * 1040, 32768, 65535 - x * 1040)
                                           for x in range(width)) for _ in range(height))
        path.write_bytes(_png_chunks(width, height, 16, 2, rows))

    def check(outcome: Outcome) -> list[str]:
        ((_, data),) = epub_pictures(outputs(outcome)[0]).items()
        mean = _brightness(data)
        return [] if 60 <= mean <= 200 else [f"mean grey {mean:.0f}: tones lost"]
    return _picture_issue(root, "deep.png", write, check=check)


def _png_chunks(width: int, height: int, depth: int, colour: int, rows: bytes,
                before_idat: bytes = b"", after_idat: bytes = b"") -> bytes:
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
    header = struct.pack(">IIBBBBB", width, height, depth, colour, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + before_idat
            + chunk(b"IDAT", zlib.compress(rows)) + after_idat + chunk(b"IEND", b""))


def _ztxt_bomb() -> bytes:
    data = b"Comment\x00\x00" + zlib.compress(b"\x00" * 50_000_000, 9)
    return struct.pack(">I", len(data)) + b"zTXt" + data + struct.pack(">I", zlib.crc32(b"zTXt" + data))


def _small_png_rows(width: int = 16, height: int = 16) -> bytes:
    return b"".join(b"\x00" + bytes([x * 16 % 256, 80, 160] * 1) * 1 + bytes(3 * (width - 1))
                    for x in range(height))


@attack("pictures", "exit 1 at file:line: a 50 MB zTXt chunk after the pixels is an input error")
def png_ztxt_bomb_after_pixels(root: Path) -> Scenario:
    def write(path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(_png_chunks(16, 16, 8, 2, _small_png_rows(), after_idat=_ztxt_bomb()))
    return _picture_issue(root, "bomb.png", write, fmt="all", expect=1, where=r"a1\.md:\d+: .*bomb\.png")


@attack("pictures", "exit 1 at file:line: a 50 MB zTXt chunk before the pixels is an input error")
def png_ztxt_bomb_before_pixels(root: Path) -> Scenario:
    def write(path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(_png_chunks(16, 16, 8, 2, _small_png_rows(), before_idat=_ztxt_bomb()))
    return _picture_issue(root, "bomb.png", write, expect=1, where=r"a1\.md:\d+: .*bomb\.png")


@attack("pictures", "exit 1 at file:line: a 40,000 x 40,000 PNG header (a pixel bomb)")
def png_pixel_bomb(root: Path) -> Scenario:
    def write(path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        row = b"\x00" + bytes(40_000)
        rows = zlib.compress(row * 200)     # only 200 rows present: the size is what matters
        header = struct.pack(">IIBBBBB", 40_000, 40_000, 8, 0, 0, 0, 0)

        def chunk(kind: bytes, data: bytes) -> bytes:
            return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
        path.write_bytes(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", rows) + chunk(b"IEND", b""))
    return _picture_issue(root, "huge.png", write, expect=1, where=r"a1\.md:\d+")


@attack("pictures", "exit 0; pictures in every odd mode (P+alpha, LA, 1-bit, 32-bit int, float, CMYK) "
                    "come out decodable in RGB or grey in the EPUB")
def pictures_in_odd_modes(root: Path) -> Scenario:
    from PIL import Image
    base = _photo((64, 48))
    makers = {
        "palette.png": lambda p: base.convert("P").save(p, transparency=0),
        "grey-alpha.png": lambda p: base.convert("LA").save(p),
        "bilevel.png": lambda p: base.convert("1").save(p),
        "int32.tif": lambda p: base.convert("I").save(p),
        "float.tif": lambda p: base.convert("F").save(p),
        "cmyk.jpg": lambda p: base.convert("CMYK").save(p, quality=90),
        "cmyk.tif": lambda p: base.convert("CMYK").save(p),
        "ycbcr.tif": lambda p: base.save(p, compression="jpeg"),
        "rgba.webp": lambda p: base.convert("RGBA").save(p),
        "bitmap.bmp": lambda p: base.save(p),
    }
    folder = make_issue(root, articles={"a1.md": article(extra=_images(*(f"images/{n}" for n in makers)))})
    (folder / "images").mkdir()
    for name, make in makers.items():
        make(folder / "images" / name)

    def check(outcome: Outcome) -> list[str]:
        problems = []
        epub = next(p for p in outputs(outcome) if p.suffix == ".epub")
        pictures = epub_pictures(epub)
        if len(pictures) != len(makers):
            problems.append(f"{len(pictures)} pictures in the EPUB, expected {len(makers)}")
        for name, data in pictures.items():
            with Image.open(io.BytesIO(data)) as shown:
                shown.load()
                if shown.mode not in ("RGB", "RGBA", "L", "LA", "P", "1"):
                    problems.append(f"{name}: mode {shown.mode} in the EPUB")
        return problems
    return build(root, folder, "epub", check=check)


@attack("pictures", "exit 1 at file:line: a JPEG named .png")
def picture_with_wrong_extension(root: Path) -> Scenario:
    return _picture_issue(root, "photo.png", lambda p: _jpeg(p), expect=1, where=r"a1\.md:\d+")


# -- 5. sizes, values, nesting, encodings -----------------------------------------------

@attack("values", "exit 1 at file:line: front matter nested 3,000 deep")
def front_matter_nested_3000(root: Path) -> Scenario:
    deep = "x = " + "[" * 3000 + "]" * 3000 + "\n"
    return build(root, make_issue(root, articles={"a1.md": article(extra=deep)}), expect=1, where=r"a1\.md:\d+")


@attack("values", "exit 1 at file:line: issue.toml nested 3,000 deep")
def issue_toml_nested_3000(root: Path) -> Scenario:
    deep = "x = " + "{a = " * 3000 + "1" + "}" * 3000 + "\n"
    return build(root, make_issue(root, toml_extra=deep), expect=1, where=r"issue\.toml:\d+")


@attack("values", "exit 1 at file:line: date = 0001-01-01")
def date_year_1(root: Path) -> Scenario:
    return build(root, make_issue(root, date="0001-01-01"), expect=1, where=r"issue\.toml:3")


@attack("values", "exit 1 at file:line: date = 9999-12-31")
def date_year_9999(root: Path) -> Scenario:
    return build(root, make_issue(root, date="9999-12-31"), expect=1, where=r"issue\.toml:3")


@attack("values", "exit 0: an archive date (1949-10-01) builds", slow=True)
def date_1949(root: Path) -> Scenario:
    return build(root, make_issue(root, date="1949-10-01"), "all",
                 check=expect_outputs(".epub", ".pdf", ".report.json"))


@attack("values", "exit 1 at file:line: serial = 10**30")
def serial_huge(root: Path) -> Scenario:
    return build(root, make_issue(root, toml_extra=f"serial = {10 ** 30}\n"), expect=1, where=r"issue\.toml:5")


@attack("values", "exit 1 naming the variable: SOURCE_DATE_EPOCH=0 (before the zip epoch) or absurd values")
def source_date_epoch_absurd(root: Path) -> Scenario:
    return build(root, make_issue(root), expect=1, where="SOURCE_DATE_EPOCH",
                 env={"SOURCE_DATE_EPOCH": "99999999999999"})


@attack("values", "exit 0: SOURCE_DATE_EPOCH=0 builds (timestamps clamped where a format needs it)")
def source_date_epoch_zero(root: Path) -> Scenario:
    return build(root, make_issue(root), env={"SOURCE_DATE_EPOCH": "0"})


for _width in ("nan", "inf", "-inf", "1e308", "0", "-5", "1e-300"):
    def _typeset(root: Path, width: str = _width) -> Scenario:
        return Scenario(["typeset", "--width", width, "测试文字。"], [], 1, where="width")
    ATTACKS.append(Attack(f"typeset_width_{_width}", "values", _typeset,
                          "exit 1 naming --width: a measure must be a finite number of em in range"))


@attack("values", "exit 1 at file:line: a UTF-8 error in an article names its line, not a byte offset")
def article_utf8_error(root: Path) -> Scenario:
    folder = make_issue(root)
    data = article(body="第一段。\n\n第二段。\n\n第三段坏了：").encode() + b"\xff\xfe\n"
    (folder / "articles" / "a1.md").write_bytes(data)
    return build(root, folder, expect=1, where=r"a1\.md:11")


@attack("values", "exit 1 at file:line: a UTF-8 error in issue.toml")
def issue_toml_utf8_error(root: Path) -> Scenario:
    folder = make_issue(root)
    (folder / "issue.toml").write_bytes(b'[masthead]\npaper = "\xb2\xe2\xca\xd4"\ndate = 2023-01-19\n')
    return build(root, folder, expect=1, where=r"issue\.toml:2")


@attack("values", "exit 1 at file:line: an article in UTF-16")
def article_utf16(root: Path) -> Scenario:
    folder = make_issue(root)
    (folder / "articles" / "a1.md").write_bytes(article().encode("utf-16"))
    return build(root, folder, expect=1, where=r"a1\.md:1")


@attack("values", "exit 0: a UTF-8 byte-order mark is read past")
def article_with_bom(root: Path) -> Scenario:
    folder = make_issue(root)
    (folder / "articles" / "a1.md").write_bytes(b"\xef\xbb\xbf" + article().encode())
    (folder / "issue.toml").write_bytes(b"\xef\xbb\xbf" + (folder / "issue.toml").read_bytes())
    return build(root, folder)


@attack("values", "exit 1 naming the file: an article of 3 MB is over the size limit")
def article_too_large(root: Path) -> Scenario:
    return build(root, make_issue(root, articles={"a1.md": article(body="很长的正文。" * 170_000)}),
                 expect=1, where=r"a1\.md")


@attack("values", "exit 1 naming the article, quickly: 20,000 distinct Extension-B characters")
def distinct_characters_20000(root: Path) -> Scenario:
    text = "".join(chr(0x20000 + i) for i in range(20_000))
    body = "\n\n".join(text[i:i + 400] for i in range(0, len(text), 400))
    return build(root, make_issue(root, articles={"a1.md": article(body=body)}), expect=1, where=r"a1\.md")


@attack("values", "exit 1 at file:line: a NUL byte in an article body")
def article_nul_byte(root: Path) -> Scenario:
    return build(root, make_issue(root, articles={"a1.md": article(body="正文\x00。")}), expect=1,
                 where=r"a1\.md:6")


@attack("values", "exit 1 at file:line: a private-use character in an article")
def article_private_use(root: Path) -> Scenario:
    return build(root, make_issue(root, articles={"a1.md": article(body="正文\ue000。")}), expect=1,
                 where=r"a1\.md:6")


@attack("values", "exit 1 naming the folder: 2,001 articles is over the limit")
def too_many_articles(root: Path) -> Scenario:
    return build(root, make_issue(root, articles={f"a{i}.md": article(f"第{i}篇") for i in range(2001)}),
                 expect=1, where=r"articles")


@attack("values", "exit 1 at file:line: a 10,000-line front matter of keys")
def front_matter_many_keys(root: Path) -> Scenario:
    keys = "".join(f"k{i} = {i}\n" for i in range(10_000))
    return build(root, make_issue(root, articles={"a1.md": article(extra=keys)}), where=r"a1\.md:\d+")


# -- 6. faults and build sets -------------------------------------------------------------

@attack("faults", "exit 1 naming OUTDIR: a full disk (ENOSPC on a 200 KB tmpfs); no partial file left",
        slow=True)
def full_disk_tmpfs(root: Path) -> Scenario:
    import subprocess
    folder = make_issue(root)
    out = root / "out"
    out.mkdir()
    mounted = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=200k", "tmpfs", str(out)],
                             capture_output=True).returncode == 0
    if not mounted:                      # not root: the monkeypatched case covers ENOSPC
        raise Skip("cannot mount a tmpfs here")
    scenario = build(root, folder, "all", expect=1, where=r"(?i)no space")

    def check(outcome: Outcome) -> list[str]:
        left = sorted(p.name for p in out.iterdir())
        return [f"left in the full OUTDIR: {left}"] if left else []
    scenario.check = check
    scenario.cleanup = lambda: subprocess.run(["umount", str(out)], check=False)
    return scenario


@attack("faults", "exit 1: --format epub after --format pdf keeps the PDF's section in the report", slow=True)
def report_keeps_other_formats(root: Path) -> Scenario:
    folder = make_issue(root)
    out = root / "out"

    def check(outcome: Outcome) -> list[str]:
        report = json.loads((out / f"{SLUG}.report.json").read_text(encoding="utf-8"))
        sections = sorted(report.get("outputs", {}))
        return [] if sections == ["epub", "pdf"] else [f"report sections after the EPUB build: {sections}"]
    scenario = build(root, folder, "epub", check=check)
    scenario.steps = [["build", str(folder), "-o", str(out), "--format", "pdf"]]
    return scenario


@attack("faults", "exit 0: stale temporaries of a killed build are cleaned")
def stale_part_files(root: Path) -> Scenario:
    folder = make_issue(root)
    out = root / "out"
    out.mkdir()
    import subprocess
    gone = subprocess.Popen(["true"])
    gone.wait()                              # a process id that is no longer running
    stale = [out / f".{SLUG}.epub.{gone.pid}-abcd1234.part", out / f".{SLUG}.report.json.{gone.pid}-x_y_z_01.part",
             out / f".{SLUG}.pdf.k2j3h4g5.part"]          # the last: an earlier version's naming
    for path in stale:
        path.write_bytes(b"half an output")
    (out / f".{SLUG}.epub.{gone.pid}-abcd1234.old").mkdir()
    scenario = build(root, folder)
    scenario.may_delete = stale

    def check(outcome: Outcome) -> list[str]:
        left = [p.name for p in out.iterdir() if p.name.endswith(".part")]
        return [f"stale temporaries left: {left}"] if left else []
    scenario.check = check
    return scenario


@attack("faults", "exit 1 at issue.toml:line: an issue that does not fit names where the pages are set", slow=True)
def does_not_fit(root: Path) -> Scenario:
    long = "\n\n".join(["这是一段很长的测试正文，用来把版面填满。" * 30] * 12)
    articles = {f"a{i}.md": article(f"第{i}篇稿件", long, extra=f"order = {i}\n") for i in range(1, 9)}
    return build(root, make_issue(root, articles=articles), "pdf", expect=1, where=r"issue\.toml:\d+")
