"""Print-readiness for the broadsheet PDF: CMYK images, the PDF/X-4 output intent,
a CMYK reset of WeasyPrint's user-agent colours, and a finisher for what CSS cannot reach.

What WeasyPrint 70 does here (read from its source, checked on real files):

- `@color-profile device-cmyk { src: url(…); components: … }` in any stylesheet of the
  document registers the profile; `generate_pdf` then writes `/OutputIntents` with
  `/S /GTS_PDFX`, the profile as `DestOutputProfile` (N = number of `components`, which
  is required: without it `write_pdf` raises TypeError), and the profile's model or
  description as `OutputConditionIdentifier` and `Info`.
- `pdf_variant="pdf/x-4"` defaults `pdf_version` to 1.6, `pdf_identifier` to True and
  `output_intent` to "device-cmyk"; it writes `/Trapped /False` and the XMP metadata
  (`pdfxid:GTS_PDFXVersion` "PDF/X-4", a random `xmpMM:DocumentID`, creation and
  modification dates: the current time unless the HTML has `dcterms.created` and
  `dcterms.modified` meta tags). It checks nothing: RGB colours pass silently.
- `device-cmyk(c m y k)` paints as `/DeviceCMYK cs c m y k scn`; every sRGB colour
  (named, hex, rgb(), the initial `black`, UA `:link` blue) as `r g b rg`/`RG`.
  `inset`/`outset`/`groove`/`ridge` borders shade their colour through sRGB, so they are
  RGB whatever colour they are given.
- `@page { bleed: 3mm }` makes MediaBox the bleed box (with negative origin) and TrimBox
  the page box; BleedBox is set at most 10 pt outside the TrimBox, so with 3 mm
  (8.5 pt) it equals the MediaBox. `marks: crop cross` draws the marks inside the
  bleed, in a Form XObject, from an internal SVG stroked `black`: `0 0 0 RG` (RGB).
- A JPEG is embedded byte for byte (`/DCTDecode`, `/DeviceCMYK` or `/DeviceGray`) unless
  `optimize_images`, `jpeg_quality` or `dpi` ask for re-encoding; a CMYK JPEG with an
  Adobe APP14 marker (Pillow writes one) gets `/Decode [1 0 1 0 1 0 1 0]`.
  Everything else (PNG, GIF, …) becomes Flate `/DeviceRGB` or `/DeviceGray`.
"""
from __future__ import annotations

import functools
import hashlib
import io
import re
import uuid
from pathlib import Path
from typing import Callable

from PIL import Image, ImageCms

from .errors import PictureError
from .paths import LAYOUTS

#: The CMYK output-intent profile (FOGRA29 characterisation, built with ArgyllCMS;
#: see layouts/broadsheet/color/README.md).
PROFILE: Path = LAYOUTS / "broadsheet" / "color" / "newsprint-fogra29.icc"

#: The PDF variant we write. Nothing in WeasyPrint checks it: publish.check.pdf does.
PDF_VARIANT = "pdf/x-4"

#: Registers PROFILE as the device-cmyk profile, which WeasyPrint writes as the PDF/X
#: output intent. Must be in a stylesheet of the rendered document (see `pdf_options`).
OUTPUT_INTENT_CSS = f"""\
@color-profile device-cmyk {{
  src: url("{PROFILE.as_uri()}");
  components: cyan, magenta, yellow, black;
}}
"""

#: Overrides every colour WeasyPrint's user-agent stylesheet (css/html5_ua.css) and its
#: initial values set in sRGB. Selectors are wrapped in :where() so their specificity
#: is zero: any rule of the layout overrides them. Greys map to K: gray (#808080) is
#: 50 % K, lightgrey (#d3d3d3) 17 % K, black 100 % K.
CMYK_RESET_CSS = """\
html { color: device-cmyk(0 0 0 1) }
:where(:link, :visited) { color: inherit }
:where(mark) { background-color: device-cmyk(0 0 1 0); color: inherit }
:where(table, td, th) { border-color: device-cmyk(0 0 0 .5) }
:where(hr) { color: device-cmyk(0 0 0 .5); border-style: solid }
:where(fieldset) { border-style: solid; border-color: device-cmyk(0 0 0 .5) }
:where(button, input, select, textarea) { border-color: device-cmyk(0 0 0 1) }
:where(button, select, input[type=button i], input[type=reset i], input[type=submit i]) {
  background-color: device-cmyk(0 0 0 .17) }
:where(input[checked])::before { background-color: device-cmyk(0 0 0 1) }
"""

#: Both, in the order to use them: first in the document's styles, before the layout's.
PRINT_CSS = OUTPUT_INTENT_CSS + CMYK_RESET_CSS

#: JPEG quality of converted images: high enough that the 60 lines/cm newsprint screen,
#: not the compression, limits detail.
JPEG_QUALITY = 90


def pdf_options(identifier: str | None = None) -> dict:
    """Options for both `HTML.render(**…)` and `Document.write_pdf(**…)`.

    `render` needs them too: the output intent (the colour space of transparency groups
    and gradients) is fixed when the document is rendered. `identifier` (say
    "wenling-2023-01-19") makes the PDF's permanent /ID; without it WeasyPrint hashes
    the file's content. Images are never re-encoded: no optimize_images, jpeg_quality
    or dpi, so CMYK JPEGs go in byte for byte.
    """
    options = {"pdf_variant": PDF_VARIANT, "output_intent": "device-cmyk",
               "optimize_images": False, "jpeg_quality": None, "dpi": None}
    options["pdf_identifier"] = (hashlib.md5(identifier.encode()).hexdigest().encode()
                                 if identifier else True)
    return options


_NUMBER = rb"(?:\d+(?:\.\d*)?|\.\d+)"
_RGB_OPERATOR = re.compile(rb"(%s) (%s) (%s) (rg|RG)" % (_NUMBER, _NUMBER, _NUMBER))
_DOCUMENT_ID = re.compile(rb"xmp\.did:[0-9a-fA-F-]{36}")


def _neutral_rgb_to_k(item: bytes) -> bytes:
    """`g g g rg` -> `0 0 0 1-g k` (and RG -> K); any other RGB stays as it is."""
    match = _RGB_OPERATOR.fullmatch(item)
    if not match or float(match[1]) != float(match[2]) or float(match[2]) != float(match[3]):
        return item
    black = round(1 - float(match[1]), 6)
    operator = b"k" if match[4] == b"rg" else b"K"
    return b"0 0 0 %s %s" % (f"{black:g}".encode(), operator)


def finisher(identifier: str) -> Callable:
    """A `finisher` for `Document.write_pdf`: runs on the finished pydyf PDF, before it
    is written.

    - Every neutral RGB paint operator (`g g g rg`/`RG`, which is what WeasyPrint's crop
      marks, SVG `black` and any grey left in a layout give) becomes the same grey in
      K only. Coloured RGB is left alone, for `publish check` to report.
    - The random XMP DocumentID of PDF/X becomes one derived from `identifier`, so two
      builds of one issue are byte-identical (given the dcterms.created/modified meta
      tags, which fix the dates).
    """
    document_id = b"xmp.did:" + str(uuid.uuid5(uuid.NAMESPACE_URL, f"publish:{identifier}")).encode()

    def finish(document, pdf) -> None:
        from weasyprint.pdf.stream import Stream as ContentStream

        for pdf_object in pdf.objects:
            if isinstance(pdf_object, ContentStream):
                pdf_object.stream = [
                    _neutral_rgb_to_k(item) if isinstance(item, bytes) and item.endswith((b"rg", b"RG"))
                    else item
                    for item in pdf_object.stream]
        metadata = pdf.catalog.get("Metadata")
        if metadata:
            stream = pdf.objects[int(metadata.split()[0])]
            stream.stream = [_DOCUMENT_ID.sub(document_id, item) if isinstance(item, bytes) else item
                             for item in stream.stream]

    return finish


def write_options(identifier: str) -> dict:
    """`pdf_options(identifier)` plus the `finisher`: the kwargs for `Document.write_pdf`."""
    return {**pdf_options(identifier), "finisher": finisher(identifier)}


# ---------------------------------------------------------------------------------------
# Images

@functools.lru_cache(maxsize=1)
def _output_profile() -> ImageCms.ImageCmsProfile:
    return ImageCms.getOpenProfile(str(PROFILE))


@functools.lru_cache(maxsize=1)
def _srgb_to_cmyk() -> ImageCms.ImageCmsTransform:
    return ImageCms.buildTransform(ImageCms.createProfile("sRGB"), _output_profile(), "RGB", "CMYK",
                                   renderingIntent=ImageCms.Intent.PERCEPTUAL)


def _srgb_luminance(value: int) -> float:
    v = value / 255
    return v / 12.92 if v <= 0.04045 else ((v + 0.055) / 1.055) ** 2.4


@functools.lru_cache(maxsize=1)
def _gray_to_k() -> bytes:
    """A 256-entry table from an sRGB-encoded grey to the DeviceGray value (1 - K) that
    prints that grey in black ink alone on our paper.

    The K-only ramp of the profile (relative colorimetric, paper white = 100) gives the
    luminance each K prints; the grey's luminance is scaled between paper white and
    100 % K (black point compensation) and looked up in the ramp. A plain
    `K = 1 - grey` would ignore both the paper's dot gain and its weak black (solid K
    alone is only about L* 34 on this paper), so the picture's tones would shift.
    """
    ramp = Image.frombytes("CMYK", (256, 1), bytes(b for k in range(256) for b in (0, 0, 0, k)))
    to_lab = ImageCms.buildTransform(_output_profile(), ImageCms.createProfile("LAB", 5000),
                                     "CMYK", "LAB", renderingIntent=ImageCms.Intent.RELATIVE_COLORIMETRIC)
    from .pictures import converted

    lightness = converted(ImageCms.applyTransform(ramp, to_lab)).tobytes()[0::3]      # L* as 0..255

    def luminance(l8: int) -> float:
        l_star = l8 * 100 / 255
        return ((l_star + 16) / 116) ** 3 if l_star > 8 else l_star / 903.3

    printed, lowest = [], 1.0
    for l8 in lightness:                    # monotonic: more K never prints lighter
        lowest = min(lowest, luminance(l8))
        printed.append(lowest)
    white, black = printed[0], printed[-1]
    table = bytearray()
    for grey in range(256):
        target = black + _srgb_luminance(grey) * (white - black)
        k = min(range(256), key=lambda k: (abs(printed[k] - target), k))
        table.append(255 - k)
    table[0], table[255] = 0, 255           # black is solid K, white is bare paper
    return bytes(table)


def _flatten(image: Image.Image, mode: str) -> Image.Image:
    """Composite an image with alpha onto white paper."""
    rgba = image.convert("RGBA")
    paper = Image.new("RGBA", rgba.size, (255, 255, 255, 255))
    return Image.alpha_composite(paper, rgba).convert(mode)


def _embedded_profile(data: bytes | None, space: str) -> ImageCms.ImageCmsProfile | None:
    if not data:
        return None
    try:
        profile = ImageCms.ImageCmsProfile(io.BytesIO(data))
    except (OSError, ImageCms.PyCMSError):
        return None
    return profile if profile.profile.xcolor_space.strip() == space else None


def cmyk_image(path: Path) -> bytes:
    """The image at `path` as a JPEG ready for the print PDF: CMYK for colour images,
    grayscale (printed in black ink only) for grayscale ones.

    The picture is read through `publish.pictures.decode`, as every writer reads it:
    decoded fully, upright (EXIF orientation applied, so a rotated photo's width and
    height swap), one frame, its mode normalised (16-bit grey scaled, palettes and
    1-bit expanded). A damaged picture is a PictureError naming the file.

    - RGB images go through their embedded RGB profile, else sRGB, to PROFILE with
      the perceptual intent: the profile's perceptual table was built with sRGB as the
      source gamut, so saturated colours and shadows are compressed into what
      newsprint can print, where relative colorimetric would clip them (the darkest
      this paper prints is about L* 29; detail below that would block up).
    - Grayscale images stay grayscale, tone-corrected for printing with K alone
      (`_gray_to_k`): a black-and-white photo on one plate cannot misregister or pick up
      a colour cast, and DeviceGray is black ink in a PDF/X file with a CMYK intent.
    - CMYK images with an embedded profile other than ours are converted to ours
      (relative colorimetric with black point compensation); untagged CMYK is taken to
      be separated for our press already and is only re-encoded.
    - Transparency is composited onto white. The pixel size is kept. The bytes depend
      only on the input: no timestamps, no metadata, no embedded profile (the output
      intent is the profile).
    """
    from .pictures import converted, decode

    path = Path(path)
    try:
        decoded = decode(path)
    except PictureError as error:
        raise PictureError(f"{path}: expected {error}") from None
    image, icc_profile, dpi = decoded.image, decoded.icc_profile, decoded.dpi
    if image.mode == "RGBA":
        image = _flatten(image, "RGB")
    elif image.mode == "LA":
        image = _flatten(image, "L")

    if image.mode == "RGB":
        source = _embedded_profile(icc_profile, "RGB")
        if source is None:
            image = converted(ImageCms.applyTransform(image, _srgb_to_cmyk()))
        else:
            image = converted(ImageCms.profileToProfile(image, source, _output_profile(),
                                                        renderingIntent=ImageCms.Intent.PERCEPTUAL,
                                                        outputMode="CMYK"))
    elif image.mode == "L":
        image = image.point(list(_gray_to_k()))
    elif image.mode == "CMYK":
        source = _embedded_profile(icc_profile, "CMYK")
        if source is not None and source.tobytes() != _output_profile().tobytes():
            image = converted(ImageCms.profileToProfile(
                image, source, _output_profile(), renderingIntent=ImageCms.Intent.RELATIVE_COLORIMETRIC,
                outputMode="CMYK", flags=ImageCms.Flags.BLACKPOINTCOMPENSATION))

    image.info.clear()                      # no EXIF, no ICC profile in what we write
    out = io.BytesIO()
    options: dict[str, object] = {"quality": JPEG_QUALITY, "optimize": True}
    if dpi and all(isinstance(d, (int, float)) and 1 <= d <= 100_000 for d in dpi):
        options["dpi"] = tuple(round(float(d)) for d in dpi)
    image.save(out, "JPEG", **options)
    return out.getvalue()


__all__ = ["PROFILE", "PDF_VARIANT", "OUTPUT_INTENT_CSS", "CMYK_RESET_CSS", "PRINT_CSS",
           "pdf_options", "finisher", "write_options", "cmyk_image"]
