"""`publish check FILE.pdf`: our own print preflight (WeasyPrint checks nothing).

One line per check, `PASS <check>: <detail>` or `FAIL <check>: <detail>`; the file is
ok only if every check passes. The checks:

- pages:         the page count (the report's pages, else the format's page_count)
- boxes:         TrimBox = trim size, MediaBox and BleedBox = trim + bleed on each side
- fonts:         every font has an embedded font file (descendants of Type0 fonts too)
- colour:        no RGB (or other non-CMYK, non-grey) colour set by any paint operator
- images:        no RGB image, in XObjects or inline
- resolution:    every image prints at >= MIN_DPI at its size on the page
- output-intent: a /GTS_PDFX output intent with a CMYK output profile
- pdf/x:         PDF/X-4 declared in the XMP metadata, /Trapped known, a file /ID
- overset:       (with a report) no text left over that did not fit its page
- overlap, fill: the make-up read back from the page (check/makeup.py)

Content streams are parsed (pikepdf.parse_content_stream) for pages, Form XObjects
(recursively), tiling patterns, soft-mask groups, Type3 glyphs and annotation
appearances, tracking the CTM through q/Q/cm so an image's printed size is known at
its `Do`.
"""
from __future__ import annotations

import io
import json
import math
import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

import pikepdf

from ..paths import LAYOUTS

FORMAT = LAYOUTS / "broadsheet" / "format.toml"
MIN_DPI = 200
MM = 72 / 25.4                  # points per millimetre
TOLERANCE_MM = 0.1
MAX_LISTED = 8                  # findings named per FAIL line; the rest are counted

Matrix = tuple[float, float, float, float, float, float]
IDENTITY: Matrix = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)


def _multiply(m: Matrix, n: Matrix) -> Matrix:
    """m then n (PDF row-vector convention: CTM' = cm x CTM is _multiply(cm, ctm))."""
    a, b, c, d, e, f = m
    a2, b2, c2, d2, e2, f2 = n
    return (a * a2 + b * c2, a * b2 + b * d2, c * a2 + d * c2, c * b2 + d * d2,
            e * a2 + f * c2 + e2, e * b2 + f * d2 + f2)


def _matrix(value) -> Matrix:
    if value is None:
        return IDENTITY
    numbers = tuple(float(x) for x in value)
    return numbers if len(numbers) == 6 else IDENTITY


def _name(obj) -> str:
    return str(obj) if isinstance(obj, pikepdf.Name) else repr(obj)


def _objref(obj) -> str:
    try:
        number, generation = obj.objgen
    except (AttributeError, TypeError):
        return "direct object"
    return f"object {number} {generation}" if number else "direct object"


def _listing(findings: list[str]) -> str:
    shown = "; ".join(findings[:MAX_LISTED])
    more = len(findings) - MAX_LISTED
    return shown + (f"; … and {more} more" if more > 0 else "")


# ---------------------------------------------------------------------------------------
# Colour spaces

_DEVICE = {"/DeviceRGB": "rgb", "/RGB": "rgb", "/DeviceCMYK": "cmyk", "/CMYK": "cmyk",
           "/DeviceGray": "gray", "/G": "gray", "/Pattern": "pattern"}


def _space(space, resources, depth: int = 0) -> tuple[str, str]:
    """(kind, label) of a colour space: kind is rgb, cmyk, gray, lab, pattern, spot or
    unknown; the label names it for a message."""
    if depth > 8:
        return "unknown", "a colour space nested too deeply"
    if isinstance(space, pikepdf.Name):
        name = str(space)
        if name in _DEVICE:
            return _DEVICE[name], _DEVICE_LABEL.get(name, name[1:])
        named = (resources or {}).get("/ColorSpace", {}) if resources is not None else {}
        if name in named:
            kind, label = _space(named[name], resources, depth + 1)
            return kind, f"{name} = {label}"
        return "unknown", f"undefined colour space {name}"
    if isinstance(space, pikepdf.Array) and len(space) > 0:
        family = str(space[0])
        if family == "/ICCBased" and len(space) > 1:
            n = int(space[1].get("/N", 0))
            kind = {1: "gray", 3: "rgb", 4: "cmyk"}.get(n, "unknown")
            return kind, f"ICCBased (N={n})"
        if family == "/CalRGB":
            return "rgb", "CalRGB"
        if family == "/CalGray":
            return "gray", "CalGray"
        if family == "/Lab":
            return "lab", "Lab"
        if family in ("/Indexed", "/I") and len(space) > 1:
            kind, label = _space(space[1], resources, depth + 1)
            return kind, f"Indexed on {label}"
        if family == "/Pattern":
            if len(space) > 1:
                kind, label = _space(space[1], resources, depth + 1)
                return kind, f"Pattern on {label}"
            return "pattern", "Pattern"
        if family in ("/Separation", "/DeviceN") and len(space) > 2:
            kind, label = _space(space[2], resources, depth + 1)
            return ("rgb" if kind == "rgb" else "spot"), f"{family[1:]} with alternate {label}"
        if family in _DEVICE:
            return _space(space[0], resources, depth + 1)
    return "unknown", f"colour space {space!r:.40}"


_DEVICE_LABEL = {"/RGB": "DeviceRGB", "/CMYK": "DeviceCMYK", "/G": "DeviceGray"}
_NOT_CMYK = ("rgb", "lab")


# ---------------------------------------------------------------------------------------
# The walk over every content stream

@dataclass
class _Findings:
    colour: list[str] = field(default_factory=list)
    images: list[str] = field(default_factory=list)
    resolution: dict = field(default_factory=dict)      # (where, image) -> (lowest dpi, message)
    fonts: dict = field(default_factory=dict)           # font objgen -> problem or None
    font_problems: list[str] = field(default_factory=list)
    streams: set = field(default_factory=set)
    operators: int = 0
    image_count: int = 0
    seen: set = field(default_factory=set)


class _Walker:
    def __init__(self, pdf: pikepdf.Pdf):
        self.pdf = pdf
        self.found = _Findings()
        self._parsed: dict = {}
        self._active: list = []

    # -- helpers ----------------------------------------------------------------------
    def _instructions(self, stream):
        key = getattr(stream, "objgen", None)
        if key and key != (0, 0) and key in self._parsed:
            return self._parsed[key]
        instructions = pikepdf.parse_content_stream(stream)
        if key and key != (0, 0):
            self._parsed[key] = instructions
        return instructions

    def _once(self, message: str, bucket: list[str]) -> None:
        if message not in self.found.seen:
            self.found.seen.add(message)
            bucket.append(message)

    def _colour(self, where: str, what: str) -> None:
        self._once(f"{where}: {what}", self.found.colour)

    # -- fonts ------------------------------------------------------------------------
    def _fonts(self, resources, where: str) -> None:
        fonts = resources.get("/Font") if resources is not None else None
        if not isinstance(fonts, pikepdf.Dictionary):
            return
        for key, font in fonts.items():
            ident = font.objgen if font.objgen != (0, 0) else (id(font), key)
            if ident in self.found.fonts:
                continue
            problem = self._font_problem(font)
            self.found.fonts[ident] = problem
            if problem:
                self.found.font_problems.append(f"{where}: font {key} {problem} ({_objref(font)})")
            if font.get("/Subtype") == pikepdf.Name.Type3:
                self._type3(font, resources, f"{where} > Type3 font {key} glyphs")

    @staticmethod
    def _font_problem(font) -> str | None:
        subtype = font.get("/Subtype")
        base = str(font.get("/BaseFont", "(unnamed)"))
        if subtype == pikepdf.Name.Type3:
            return None                     # glyphs are content streams in the file
        if subtype == pikepdf.Name.Type0:
            descendants = font.get("/DescendantFonts")
            if not isinstance(descendants, pikepdf.Array) or len(descendants) == 0:
                return f"{base}: Type0 font without descendant font"
            found = [p for p in (_Walker._font_problem(d) for d in descendants) if p]
            return "; ".join(found) or None
        descriptor = font.get("/FontDescriptor")
        if not isinstance(descriptor, pikepdf.Dictionary):
            return f"{base}: not embedded (no font descriptor)"
        if not any(k in descriptor for k in ("/FontFile", "/FontFile2", "/FontFile3")):
            return f"{base}: not embedded (no FontFile, FontFile2 or FontFile3)"
        return None

    def _type3(self, font, resources, where: str) -> None:
        procs = font.get("/CharProcs")
        if not isinstance(procs, pikepdf.Dictionary):
            return
        glyph_resources = font.get("/Resources", resources)
        for glyph in procs.values():
            self.walk(glyph, glyph_resources, _matrix(font.get("/FontMatrix")), where)

    # -- images -----------------------------------------------------------------------
    def _image(self, where: str, label: str, info: dict, space, resources, ctm: Matrix,
               user_unit: float) -> None:
        self.found.image_count += 1
        if not info.get("mask"):
            kind, space_label = _space(space, resources) if space is not None else ("unknown", "no colour space")
            if kind in _NOT_CMYK:
                self._once(f"{where}: image {label} is {space_label}", self.found.images)
        width, height = info.get("width", 0), info.get("height", 0)
        a, b, c, d, _, _ = ctm
        printed_w = math.hypot(a, b) * user_unit / 72        # inches
        printed_h = math.hypot(c, d) * user_unit / 72
        if not (width and height and printed_w > 0 and printed_h > 0):
            return
        dpi = min(width / printed_w, height / printed_h)
        key = (where, label)
        if key not in self.found.resolution or dpi < self.found.resolution[key][0]:
            message = (f"{where}: image {label} {width}×{height} px printed "
                       f"{printed_w * 25.4:.0f}×{printed_h * 25.4:.0f} mm: {dpi:.0f} dpi")
            self.found.resolution[key] = (dpi, message)

    # -- the walk ---------------------------------------------------------------------
    def walk(self, stream, resources, base: Matrix, where: str, user_unit: float = 1.0) -> None:
        key = getattr(stream, "objgen", (0, 0))
        if key != (0, 0):
            if key in self._active:
                return                      # a form that draws itself
            self._active.append(key)
            self.found.streams.add(key)
        try:
            self._walk(stream, resources, base, where, user_unit)
        finally:
            if key != (0, 0):
                self._active.pop()

    def _walk(self, stream, resources, base: Matrix, where: str, user_unit: float) -> None:
        if resources is None:
            resources = pikepdf.Dictionary()
        self._fonts(resources, where)
        try:
            instructions = self._instructions(stream)
        except pikepdf.PdfError as error:
            self._colour(where, f"unreadable content stream ({error})")
            return
        ctm = base
        fill = stroke = ("gray", "DeviceGray")
        stack: list = []
        for instruction in instructions:
            op = str(instruction.operator)
            operands = instruction.operands
            self.found.operators += 1
            if op == "q":
                stack.append((ctm, fill, stroke))
            elif op == "Q":
                if stack:
                    ctm, fill, stroke = stack.pop()
            elif op == "cm" and len(operands) == 6:
                ctm = _multiply(_matrix(operands), ctm)
            elif op in ("rg", "RG"):
                values = " ".join(f"{float(v):g}" for v in operands)
                kind = "fill" if op == "rg" else "stroke"
                self._colour(where, f"`{values} {op}` (DeviceRGB {kind})")
            elif op in ("cs", "CS") and operands:
                space = _space(operands[0], resources)
                if op == "cs":
                    fill = space
                else:
                    stroke = space
                if space[0] in _NOT_CMYK:
                    self._colour(where, f"`{_name(operands[0])} {op}` ({space[1]})")
            elif op in ("sc", "scn", "SC", "SCN"):
                space = fill if op in ("sc", "scn") else stroke
                if space[0] in _NOT_CMYK:
                    values = " ".join(f"{float(v):g}" for v in operands if not isinstance(v, pikepdf.Name))
                    self._colour(where, f"`{values} {op}` ({space[1]})")
                if operands and isinstance(operands[-1], pikepdf.Name):
                    self._pattern(operands[-1], resources, base, where, user_unit)
            elif op == "sh" and operands:
                shading = resources.get("/Shading", {}).get(str(operands[0]))
                if shading is not None:
                    self._shading(shading, resources, f"{where} > shading {operands[0]}")
            elif op == "gs" and operands:
                state = resources.get("/ExtGState", {}).get(str(operands[0]))
                mask = state.get("/SMask") if isinstance(state, pikepdf.Dictionary) else None
                if isinstance(mask, pikepdf.Dictionary) and "/G" in mask:
                    self._form(mask.G, resources, ctm, f"{where} > soft mask of {operands[0]}",
                               user_unit)
            elif op == "Do" and operands:
                name = str(operands[0])
                xobject = resources.get("/XObject", {}).get(name)
                if xobject is None:
                    continue
                subtype = xobject.get("/Subtype")
                if subtype == pikepdf.Name.Image:
                    info = {"width": int(xobject.get("/Width", 0)), "height": int(xobject.get("/Height", 0)),
                            "mask": bool(xobject.get("/ImageMask", False))}
                    self._image(where, f"{name} ({_objref(xobject)})", info,
                                xobject.get("/ColorSpace"), resources, ctm, user_unit)
                elif subtype == pikepdf.Name.Form:
                    self._form(xobject, resources, ctm, f"{where} > form {name} ({_objref(xobject)})",
                               user_unit)
            elif op == "INLINE IMAGE" and operands:
                image = operands[0]
                try:
                    image_space = image.obj.get("/ColorSpace", image.obj.get("/CS"))  # names may be abbreviated
                    info = {"width": int(image.width), "height": int(image.height),
                            "mask": bool(image.image_mask)}
                except (AttributeError, ValueError, pikepdf.PdfError):
                    continue
                if isinstance(image_space, pikepdf.Name) and str(image_space) in ("/RGB", "/CMYK", "/G"):
                    image_space = pikepdf.Name(
                        "/Device" + {"/RGB": "RGB", "/CMYK": "CMYK", "/G": "Gray"}[str(image_space)])
                self._image(where, "inline image", info, image_space, resources, ctm, user_unit)

    def _form(self, form, resources, ctm: Matrix, where: str, user_unit: float) -> None:
        group = form.get("/Group")
        if isinstance(group, pikepdf.Dictionary) and "/CS" in group:
            kind, label = _space(group.CS, form.get("/Resources", resources))
            if kind in _NOT_CMYK:
                self._colour(where, f"transparency group colour space {label}")
        matrix = _multiply(_matrix(form.get("/Matrix")), ctm)
        self.walk(form, form.get("/Resources", resources), matrix, where, user_unit)

    def _pattern(self, name, resources, base: Matrix, where: str, user_unit: float) -> None:
        pattern = resources.get("/Pattern", {}).get(str(name))
        if pattern is None:
            return
        label = f"{where} > pattern {name} ({_objref(pattern)})"
        if int(pattern.get("/PatternType", 0)) == 2:
            shading = pattern.get("/Shading")
            if shading is not None:
                self._shading(shading, resources, label)
            return
        matrix = _multiply(_matrix(pattern.get("/Matrix")), base)
        self.walk(pattern, pattern.get("/Resources", resources), matrix, label, user_unit)

    def _shading(self, shading, resources, where: str) -> None:
        kind, label = _space(shading.get("/ColorSpace"), resources)
        if kind in _NOT_CMYK:
            self._colour(where, f"shading in {label}")

    def annotations(self, page_obj, page: int, user_unit: float) -> None:
        for index, annot in enumerate(page_obj.get("/Annots", [])):
            appearances = annot.get("/AP")
            if not isinstance(appearances, pikepdf.Dictionary):
                continue
            for which in ("/N", "/R", "/D"):
                entry = appearances.get(which)
                if entry is None:
                    continue
                forms = [entry] if isinstance(entry, pikepdf.Stream) else \
                    [v for v in entry.values() if isinstance(v, pikepdf.Stream)]
                for form in forms:
                    where = f"page {page} > annotation {index + 1} ({annot.get('/Subtype', '')}) appearance"
                    self._form(form, None, _appearance_matrix(annot, form), where, user_unit)


def _appearance_matrix(annot, form) -> Matrix:
    """Where an annotation's appearance form lands: its BBox, transformed by its Matrix,
    fitted to the annotation's Rect (PDF 32000-1 §12.5.5)."""
    try:
        matrix = _matrix(form.get("/Matrix"))
        x0, y0, x1, y1 = (float(v) for v in form.BBox)
        rx0, ry0, rx1, ry1 = (float(v) for v in annot.Rect)
    except (AttributeError, ValueError, TypeError):
        return IDENTITY
    corners = [(x * matrix[0] + y * matrix[2] + matrix[4], x * matrix[1] + y * matrix[3] + matrix[5])
               for x, y in ((x0, y0), (x0, y1), (x1, y0), (x1, y1))]
    bx0, bx1 = min(p[0] for p in corners), max(p[0] for p in corners)
    by0, by1 = min(p[1] for p in corners), max(p[1] for p in corners)
    if bx1 == bx0 or by1 == by0:
        return matrix
    sx = (max(rx0, rx1) - min(rx0, rx1)) / (bx1 - bx0)
    sy = (max(ry0, ry1) - min(ry0, ry1)) / (by1 - by0)
    fit = (sx, 0.0, 0.0, sy, min(rx0, rx1) - bx0 * sx, min(ry0, ry1) - by0 * sy)
    return _multiply(matrix, fit)


# ---------------------------------------------------------------------------------------
# The checks

def _format() -> dict:
    with open(FORMAT, "rb") as f:
        return tomllib.load(f)["page"]


def _report_pages(report: dict) -> list | None:
    pages = report.get("pages")
    if pages is None:
        pages = report.get("outputs", {}).get("pdf", {}).get("pages")
    return pages if isinstance(pages, list) else None


def _size_mm(box) -> tuple[float, float]:
    x0, y0, x1, y1 = (float(v) for v in box)
    return abs(x1 - x0) / MM, abs(y1 - y0) / MM


def _fmt(size: tuple[float, float]) -> str:
    return f"{size[0]:.4g} × {size[1]:.4g} mm"


def _close(a: tuple[float, float], b: tuple[float, float]) -> bool:
    return abs(a[0] - b[0]) <= TOLERANCE_MM and abs(a[1] - b[1]) <= TOLERANCE_MM


def _check_pages(pdf, expected: int, source: str) -> tuple[bool, str]:
    count = len(pdf.pages)
    noun = "page" if count == 1 else "pages"
    if count == expected:
        return True, f"{count} {noun} ({source})"
    return False, f"{count} {noun}, expected {expected} ({source})"


def _pages_label(numbers: list[int]) -> str:
    """'page 3', 'pages 1–4', 'pages 1, 3–4'."""
    runs: list[list[int]] = []
    for n in numbers:
        if runs and n == runs[-1][-1] + 1:
            runs[-1].append(n)
        else:
            runs.append([n])
    text = ", ".join(str(r[0]) if len(r) == 1 else f"{r[0]}–{r[-1]}" for r in runs)
    return f"page {text}" if len(numbers) == 1 else f"pages {text}"


def _check_boxes(pdf, page_format: dict) -> tuple[bool, str]:
    trim = (float(page_format["trim_width_mm"]), float(page_format["trim_height_mm"]))
    bleed = float(page_format["bleed_mm"])
    outer = (trim[0] + 2 * bleed, trim[1] + 2 * bleed)
    problems: dict[str, list[int]] = {}         # problem -> the pages that have it
    for number, page in enumerate(pdf.pages, 1):
        obj = page.obj
        media = obj.get("/MediaBox")
        trim_box = obj.get("/TrimBox")
        bleed_box = obj.get("/BleedBox", obj.get("/CropBox", media))
        found = []
        if media is None:
            found.append("no MediaBox")
        elif trim_box is None:
            found.append("no TrimBox")
        else:
            for label, box, want in (("TrimBox", trim_box, trim), ("BleedBox", bleed_box, outer),
                                     ("MediaBox", media, outer)):
                size = _size_mm(box)
                if not _close(size, want):
                    found.append(f"{label} {_fmt(size)}, expected {_fmt(want)}")
            if not found:
                mx0, my0, mx1, my1 = (float(v) for v in media)
                tx0, ty0, tx1, ty1 = (float(v) for v in trim_box)
                margins = [(min(tx0, tx1) - min(mx0, mx1)) / MM, (min(ty0, ty1) - min(my0, my1)) / MM,
                           (max(mx0, mx1) - max(tx0, tx1)) / MM, (max(my0, my1) - max(ty0, ty1)) / MM]
                if any(abs(m - bleed) > TOLERANCE_MM for m in margins):
                    found.append(f"bleed (left, bottom, right, top) {', '.join(f'{m:.3g}' for m in margins)} mm, "
                                 f"expected {bleed:g} mm on each side")
        for problem in found:
            problems.setdefault(problem, []).append(number)
    if problems:
        return False, _listing([f"{_pages_label(pages)}: {problem}" for problem, pages in problems.items()])
    return True, (f"{len(pdf.pages)} pages, TrimBox {_fmt(trim)}, BleedBox and MediaBox {_fmt(outer)} "
                  f"({bleed:g} mm bleed)")


def _check_output_intent(pdf) -> tuple[bool, str]:
    intents = pdf.Root.get("/OutputIntents")
    if not isinstance(intents, pikepdf.Array) or len(intents) == 0:
        return False, "no /OutputIntents in the document catalog"
    subtypes = [str(i.get("/S", "")) for i in intents]
    pdfx = [i for i in intents if i.get("/S") == pikepdf.Name.GTS_PDFX]
    if not pdfx:
        return False, f"no /GTS_PDFX output intent (found {', '.join(subtypes)})"
    intent = pdfx[0]
    condition = str(intent.get("/OutputConditionIdentifier", ""))
    profile = intent.get("/DestOutputProfile")
    if not isinstance(profile, pikepdf.Stream):
        return False, f"output intent {condition!r} has no DestOutputProfile"
    n = int(profile.get("/N", 0))
    try:
        from PIL import ImageCms
        icc = ImageCms.ImageCmsProfile(io.BytesIO(profile.read_bytes())).profile
        space, device_class = icc.xcolor_space.strip(), icc.device_class
    except Exception as error:     # noqa: BLE001 - any failure means an unusable profile
        return False, f"output intent {condition!r}: DestOutputProfile is not a readable ICC profile ({error})"
    if n != 4 or space != "CMYK" or device_class != "prtr":
        return False, (f"output intent {condition!r}: DestOutputProfile is a {space} {device_class} profile "
                       f"(N={n}), expected a CMYK output (prtr) profile")
    return True, f"/GTS_PDFX {condition!r}, CMYK output profile ({len(profile.read_bytes()) // 1024} KB)"


_PDFX_VERSION = re.compile(rb"GTS_PDFXVersion(?:>\s*|=\")(PDF/X-[^<\"]*)")
_TRAPPED = re.compile(rb"pdf:Trapped(?:>\s*|=\")(True|False)")


def _check_pdfx(pdf) -> tuple[bool, str]:
    metadata = pdf.Root.get("/Metadata")
    xmp = metadata.read_bytes() if isinstance(metadata, pikepdf.Stream) else b""
    problems = []
    version = _PDFX_VERSION.search(xmp)
    if not xmp:
        problems.append("no XMP metadata")
    elif not version:
        problems.append("no GTS_PDFXVersion in the XMP metadata")
    elif not version[1].startswith(b"PDF/X-4"):
        problems.append(f"XMP declares {version[1].decode()}, expected PDF/X-4")
    trapped = _TRAPPED.search(xmp)
    if xmp and not trapped:
        problems.append("no pdf:Trapped True/False in the XMP metadata")
    if "/ID" not in pdf.trailer:
        problems.append("no file identifier (/ID)")
    if problems:
        return False, "; ".join(problems)
    assert version and trapped          # else a problem above
    return True, f"{version[1].decode()} in XMP, Trapped {trapped[1].decode()}, /ID present"


def _check_overset(pages: list | None) -> tuple[bool, str]:
    if pages is None:
        return False, "the report has no pages list"
    total: float = 0
    per_page: list[str] = []
    missing: list[str] = []
    for index, entry in enumerate(pages, 1):
        number = entry.get("number", index) if isinstance(entry, dict) else index
        value = entry.get("overset") if isinstance(entry, dict) else None
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            missing.append(str(number))
            continue
        total += value
        if value:
            per_page.append(f"page {number}: {value:g}")
    if missing:
        return False, f"no overset figure for page {', '.join(missing)} in the report"
    if total:
        return False, f"{total:g} in all ({'; '.join(per_page)}): text that did not fit"
    return True, f"0 on {len(pages)} pages"


def load_report(pdf_path: Path) -> dict | None:
    """The build report beside a PDF (`<paper>-<date>.report.json`), if there is one."""
    candidate = Path(pdf_path).with_suffix(".report.json")
    if not candidate.is_file():
        return None
    return json.loads(candidate.read_text(encoding="utf-8"))


def check_pdf(path: Path, report: dict | None = None) -> tuple[bool, list[str]]:
    """Preflight the print PDF at `path`. Returns (ok, one PASS/FAIL line per check).

    `report` is the build's report dict; without it, `<paper>-<date>.report.json` beside
    the PDF is used if present. With a report, the page count comes from its pages and
    the overset check runs; without one, the page count is the format's page_count.
    """
    path = Path(path)
    report_problem = None
    if report is None:
        try:
            report = load_report(path)
        except (OSError, ValueError) as error:
            report_problem = f"cannot read {path.with_suffix('.report.json').name}: {error}"
    try:
        pdf = pikepdf.open(path)
    except (pikepdf.PdfError, OSError) as error:
        return False, [f"FAIL open: {path}: not a readable PDF ({error})"]

    results: list[tuple[str, bool | None, str]] = []     # None: skipped
    with pdf:
        page_format = _format()
        pages = _report_pages(report) if report is not None else None
        if pages is not None:
            expected, source = len(pages), "as in the report"
        else:
            expected, source = int(page_format["page_count"]), "the format's page_count"
        results.append(("pages", *_check_pages(pdf, expected, source)))
        results.append(("boxes", *_check_boxes(pdf, page_format)))

        walker = _Walker(pdf)
        for number, page in enumerate(pdf.pages, 1):
            user_unit = float(page.obj.get("/UserUnit", 1))
            walker.walk(page.obj, page.resources, IDENTITY, f"page {number}", user_unit)
            walker.annotations(page.obj, number, user_unit)
        found = walker.found

        results.append(("fonts", not found.font_problems, _listing(found.font_problems)
                        if found.font_problems else f"{len(found.fonts)} fonts, all embedded"))
        forms = len(found.streams) - len(pdf.pages)
        results.append(("colour", not found.colour, _listing(found.colour) if found.colour else
                        f"no RGB colour in {len(pdf.pages)} pages and {forms} forms, patterns and glyphs "
                        f"({found.operators} operators)"))
        results.append(("images", not found.images, _listing(found.images) if found.images else
                        f"no RGB image ({found.image_count} placed)"))
        low = sorted((v for v in found.resolution.values() if v[0] < MIN_DPI), key=lambda v: v[0])
        if low:
            results.append(("resolution", False, f"below {MIN_DPI} dpi: " + _listing([m for _, m in low])))
        elif found.resolution:
            lowest = min(v[0] for v in found.resolution.values())
            results.append(("resolution", True, f"every image at {MIN_DPI} dpi or more (lowest {lowest:.0f} dpi)"))
        else:
            results.append(("resolution", True, "no images"))
        results.append(("output-intent", *_check_output_intent(pdf)))
        results.append(("pdf/x", *_check_pdfx(pdf)))
    from .makeup import check_makeup
    results += check_makeup(path, report)
    if report_problem:
        results.append(("overset", False, report_problem))
    elif report is not None:
        results.append(("overset", *_check_overset(pages)))

    lines = [f"{'SKIP' if ok is None else 'PASS' if ok else 'FAIL'} {name}: {detail}" for name, ok, detail in results]
    if report is None and not report_problem:
        lines.append(f"SKIP overset: no build report ({path.with_suffix('.report.json').name}) beside the PDF")
    return all(ok is not False for _, ok, _ in results), lines


__all__ = ["check_pdf", "load_report", "MIN_DPI"]
