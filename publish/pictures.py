"""Pictures, one path for every writer: read safely, decoded fully, normalised,
published without private metadata.

- Read: only a regular file (a FIFO or a device never blocks the build), at
  most MAX_BYTES, at most MAX_PIXELS, decoded to the last pixel. A truncated
  file, a decompression bomb (a huge size in a tiny file, a PNG text chunk that
  inflates to 50 MB) or an unreadable mode is a `PictureError` whose message
  reads "expected …, found …"; the source reader reports it at the article's
  line, so nothing fails later inside a writer.
- Normalised (`decode`): the EXIF orientation applied to the pixels, one frame
  (the first of an animation or a multi-page TIFF), and a mode every writer
  handles: RGB, RGBA, L, LA or CMYK. 16-bit grey is scaled, not clipped (a
  16-bit TIFF must not come out white); 32-bit and float grey are scaled by
  their range; 1-bit becomes grey; palettes become RGB(A).
- Published (`web_bytes`): no EXIF (GPS, camera, owner, dates), no XMP, no
  comments, no text chunks, no thumbnails or appended images. A JPEG that needs
  no change of pixels keeps its compressed data byte for byte (only metadata
  segments are dropped); anything else is re-encoded. The one metadata written
  is the editor's own words: the article's credit and alt text, as XMP
  (photoshop:Credit, dc:description), when given.
- Print (`prepress.cmyk_image`) starts from `decode` too and writes no metadata.
"""
from __future__ import annotations

import io
import struct
import warnings
from dataclasses import dataclass
from pathlib import Path
from xml.sax.saxutils import escape

from PIL import Image, ImageCms, ImageFile, ImageOps, UnidentifiedImageError

from .errors import PictureError

#: What a picture may be, by format; the extensions its file name may have.
FORMATS = {"JPEG": (".jpg", ".jpeg"), "PNG": (".png",), "GIF": (".gif",), "WEBP": (".webp",),
           "TIFF": (".tif", ".tiff"), "BMP": (".bmp",)}
KINDS = "a JPEG, PNG, GIF, WebP, TIFF or BMP picture"
#: A 9,000 x 6,600 photo; anything bigger is a mistake or a bomb.
MAX_PIXELS = 60_000_000
#: The largest picture file read (a 60-million-pixel TIFF without compression is 180 MB;
#: newspapers send JPEGs of a few MB).
MAX_BYTES = 200_000_000
#: Modes every writer takes.
NORMAL_MODES = ("RGB", "RGBA", "L", "LA", "CMYK")
JPEG_QUALITY = 92
WEBP_QUALITY = 90


@dataclass(frozen=True)
class Decoded:
    image: Image.Image            # loaded, upright, one frame, in one of NORMAL_MODES
    format: str                   # JPEG, PNG, …
    source_mode: str              # the mode as stored (I;16, P, CMYK, …)
    icc_profile: bytes | None
    dpi: tuple[float, float] | None
    turned: bool                  # the EXIF orientation moved the pixels


def read_bytes(path: Path, limit: int = MAX_BYTES) -> bytes:
    """The bytes of a regular picture file of at most `limit` bytes (a FIFO never blocks)."""
    from .readers import UnreadableFile, read_file

    try:
        return read_file(path, limit, "a picture file")
    except UnreadableFile as error:
        raise PictureError(f"{error.wanted}, found {error.found} ({Path(path).name})") from None


def _open(data: bytes, name: str) -> Image.Image:
    with warnings.catch_warnings():
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        try:
            image = Image.open(io.BytesIO(data))
        except (Image.DecompressionBombError, Image.DecompressionBombWarning):
            raise PictureError(f"a picture of at most {MAX_PIXELS // 1_000_000} million pixels, "
                               f"found a larger one ({name})") from None
        except ValueError as error:        # e.g. a PNG text chunk that inflates too far
            raise PictureError(f"a picture within the reader's safety limits, found one it refuses "
                               f"({name}: {error})") from None
        except (UnidentifiedImageError, OSError, SyntaxError, struct.error):
            raise PictureError(f"{KINDS}, found a file no image reader understands ({name})") from None
    return image


def _check_kind(image: Image.Image, name: str) -> None:
    kind = image.format or "?"
    if kind not in FORMATS:
        raise PictureError(f"{KINDS}, found {kind} ({name})")
    suffix = Path(name).suffix.lower()
    if suffix not in FORMATS[kind]:
        raise PictureError(f"a file name ending in {' or '.join(FORMATS[kind])} for {kind} data, found {name}")
    width, height = image.size
    if width < 1 or height < 1 or width * height > MAX_PIXELS:
        raise PictureError(f"a picture of at most {MAX_PIXELS // 1_000_000} million pixels, "
                           f"found {width} x {height} ({name})")


def _load(image: Image.Image, name: str) -> None:
    """Decode every pixel of the first frame now, so a cut file fails here.

    WeasyPrint sets Pillow's global LOAD_TRUNCATED_IMAGES when it is imported, after
    which Pillow fills a cut picture with grey and swallows oversized PNG text
    chunks; we set it back, every time: a picture we publish must be whole."""
    ImageFile.LOAD_TRUNCATED_IMAGES = False
    with warnings.catch_warnings():
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        try:
            image.seek(0)
            image.load()
        except (Image.DecompressionBombError, Image.DecompressionBombWarning):
            raise PictureError(f"a picture of at most {MAX_PIXELS // 1_000_000} million pixels, "
                               f"found a larger one ({name})") from None
        except ValueError as error:
            raise PictureError(f"a picture within the reader's safety limits, found one it refuses "
                               f"({name}: {error})") from None
        except (OSError, SyntaxError, IndexError, struct.error) as error:
            reason = "cut short" if "truncated" in str(error) or "broken data stream" in str(error) else str(error)
            raise PictureError(f"a complete picture, found a damaged {image.format} file ({name}: {reason})") from None


def _grey_range(image: Image.Image) -> Image.Image:
    """A 32-bit integer or float grey image as 8-bit grey, its range kept."""
    extrema = image.getextrema()
    low, high = float(extrema[0]), float(extrema[1])  # type: ignore[arg-type]  # one band: (min, max)
    if image.mode == "F" and 0 <= low and high <= 1:
        scale, offset = 255.0, 0.0
    elif 0 <= low and high <= 255:
        scale, offset = 1.0, 0.0
    elif 0 <= low and high <= 65535:
        scale, offset = 1 / 257, 0.0
    else:
        scale = 255.0 / (high - low) if high > low else 1.0
        offset = -low * scale
    return image.point(lambda value: value * scale + offset).convert("L")


def converted(image: Image.Image | None) -> Image.Image:
    """The image ImageCms returns (typed optional: None only when converting in place)."""
    if image is None:
        raise PictureError("a picture the colour engine can convert, found none")
    return image


def normalise(image: Image.Image, name: str = "picture") -> Image.Image:
    """The image in one of NORMAL_MODES (see the module's docstring)."""
    mode = image.mode
    if mode in NORMAL_MODES:
        return image
    if mode == "1":
        return image.convert("L")
    if mode in ("P", "PA"):
        has_alpha = mode == "PA" or "transparency" in image.info
        return image.convert("RGBA" if has_alpha else "RGB")
    if mode.startswith("I;16"):
        return image.convert("I").point(lambda value: value * (1 / 257)).convert("L")
    if mode in ("I", "F"):
        return _grey_range(image)
    if mode in ("La", "RGBa"):
        return image.convert("LA" if mode == "La" else "RGBA")
    if mode in ("RGBX", "YCbCr", "HSV"):
        return image.convert("RGB")
    if mode == "LAB":
        lab = ImageCms.createProfile("LAB", 5000)
        return converted(ImageCms.profileToProfile(image, lab, ImageCms.createProfile("sRGB"), outputMode="RGB"))
    try:
        return image.convert("RGB")
    except ValueError:
        raise PictureError(f"a picture in RGB, grey or CMYK, found one in {mode} mode ({name})") from None


def _check_whole(image: Image.Image, data: bytes, name: str) -> None:
    """A picture of a kind we take, every pixel decodable, a JPEG whole up to its
    end-of-image marker (PictureError otherwise)."""
    _check_kind(image, name)
    _load(image, name)
    if image.format == "JPEG":
        try:
            jpeg_without_metadata(data)
        except PictureError as error:
            raise PictureError(f"{error} ({name})") from None


def decode_bytes(data: bytes, name: str) -> Decoded:
    ImageFile.LOAD_TRUNCATED_IMAGES = False          # see _load
    image = _open(data, name)
    try:
        _check_whole(image, data, name)
        source_mode = image.mode
        icc = image.info.get("icc_profile") or None
        dpi = image.info.get("dpi")
        turned = _orientation(image) not in (None, 1)
        upright = image
        if turned:
            try:
                upright = ImageOps.exif_transpose(image)
            except (ValueError, OSError, SyntaxError, struct.error):
                upright = image                  # a broken EXIF block: the pixels are fine as stored
        normal = normalise(upright, name)
        if normal is image:
            normal = image.copy()                # detached from the file, metadata dropped below
        normal.info = {}
        return Decoded(normal, image.format or "?", source_mode, icc, tuple(dpi) if dpi else None, turned)
    finally:
        image.close()


def _orientation(image: Image.Image) -> int | None:
    try:
        return image.getexif().get(0x0112)
    except Exception:  # noqa: BLE001 - a broken EXIF block has no usable orientation
        return None


def decode(path: Path) -> Decoded:
    """The picture at `path`, read and decoded fully (PictureError otherwise)."""
    return decode_bytes(read_bytes(Path(path)), Path(path).name)


def check_bytes(data: bytes, name: str) -> None:
    """What `decode_bytes` would refuse, without keeping the pixels: the kind, the
    size, every pixel decodable, a JPEG whole to its end marker, a mode we can
    convert. (Readers call this for every picture; writers decode again.)"""
    ImageFile.LOAD_TRUNCATED_IMAGES = False          # see _load
    image = _open(data, name)
    try:
        _check_whole(image, data, name)
        if image.mode not in NORMAL_MODES:
            normalise(image, name)
    finally:
        image.close()


def problem(path: Path) -> str | None:
    """Why the file is no usable picture ("expected" is implied: "a complete picture,
    found …"), or None. For readers, which report it at the article's line."""
    try:
        check_bytes(read_bytes(Path(path)), Path(path).name)
    except PictureError as error:
        return str(error)
    return None


def _plain_jpeg(data: bytes, name: str) -> bool:
    """A JPEG in RGB or grey standing upright: published by dropping its metadata
    segments, its compressed pixels untouched (the reader has decoded them all)."""
    image = _open(data, name)
    try:
        _check_kind(image, name)
        return image.format == "JPEG" and image.mode in ("RGB", "L") and _orientation(image) in (None, 1)
    finally:
        image.close()


# -- publishing -------------------------------------------------------------------------

def xmp_packet(credit: str | None, alt: str | None) -> bytes | None:
    """The editor's credit and alt text as an XMP packet, or None when neither is given."""
    if not credit and not alt:
        return None
    fields = []
    if credit:
        fields.append(f"<photoshop:Credit>{escape(credit)}</photoshop:Credit>")
    if alt:
        fields.append(f'<dc:description><rdf:Alt><rdf:li xml:lang="x-default">{escape(alt)}</rdf:li>'
                      "</rdf:Alt></dc:description>")
    return ('<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>'
            '<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">'
            '<rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/" '
            'xmlns:photoshop="http://ns.adobe.com/photoshop/1.0/">'
            + "".join(fields) + '</rdf:Description></rdf:RDF></x:xmpmeta><?xpacket end="r"?>').encode("utf-8")


_XMP_HEADER = b"http://ns.adobe.com/xap/1.0/\x00"
#: Segments of a JPEG kept as they are: APP0 JFIF, APP2 ICC profile, APP14 Adobe (colour transform).
_KEPT_APP = {0xE0: b"JFIF\x00", 0xE2: b"ICC_PROFILE\x00", 0xEE: b"Adobe"}


def jpeg_without_metadata(data: bytes, xmp: bytes | None = None) -> bytes:
    """The JPEG's own compressed data with every metadata segment removed (EXIF and
    XMP in APP1, Photoshop/IPTC in APP13, other APPn, comments, thumbnails, and
    anything after the end-of-image marker), optionally with one XMP packet."""
    if data[:2] != b"\xff\xd8":
        raise PictureError("a JPEG starting with its start-of-image marker, found other data")
    out = bytearray(b"\xff\xd8")
    xmp_segment = b""
    if xmp is not None:
        body = _XMP_HEADER + xmp
        if len(body) + 2 > 0xFFFF:
            raise PictureError("a credit and alt text short enough for a JPEG's XMP, found longer ones")
        xmp_segment = b"\xff\xe1" + (len(body) + 2).to_bytes(2, "big") + body
    i, size = 2, len(data)
    while True:
        while i + 1 < size and data[i] == 0xFF and data[i + 1] == 0xFF:
            i += 1                                   # fill bytes
        if i + 1 >= size or data[i] != 0xFF:
            raise PictureError("a complete JPEG, found one cut short or damaged")
        marker = data[i + 1]
        if marker == 0xD9:                           # end of image: drop anything after it
            out += b"\xff\xd9"
            break
        if marker == 0x01 or 0xD0 <= marker <= 0xD7:
            out += data[i:i + 2]
            i += 2
            continue
        if i + 4 > size:
            raise PictureError("a complete JPEG, found one cut short")
        length = int.from_bytes(data[i + 2:i + 4], "big")
        end = i + 2 + length
        if length < 2 or end > size:
            raise PictureError("a complete JPEG, found one cut short or damaged")
        segment = data[i:end]
        is_app = 0xE0 <= marker <= 0xEF
        keep = marker != 0xFE and (not is_app or segment[4:4 + len(_KEPT_APP.get(marker, b"?"))]
                                   == _KEPT_APP.get(marker))
        if xmp_segment and marker != 0xE0:
            out += xmp_segment
            xmp_segment = b""
        if keep:
            out += segment
        i = end
        if marker == 0xDA:                           # entropy-coded data up to the next marker
            j = i
            while True:
                j = data.find(b"\xff", j)
                if j < 0 or j + 1 >= size:
                    raise PictureError("a complete JPEG, found one cut short")
                following = data[j + 1]
                if following == 0x00 or 0xD0 <= following <= 0xD7 or following == 0xFF:
                    j += 1 if following == 0xFF else 2
                    continue
                break
            out += data[i:j]
            i = j
    return bytes(out)


def _flatten(image: Image.Image) -> Image.Image:
    """Alpha composited onto white paper, for formats without transparency."""
    if image.mode not in ("RGBA", "LA"):
        return image
    rgba = image.convert("RGBA")
    paper = Image.new("RGBA", rgba.size, (255, 255, 255, 255))
    flat = Image.alpha_composite(paper, rgba)
    return flat.convert("L" if image.mode == "LA" else "RGB")


def _screen(decoded: Decoded) -> tuple[Image.Image, bytes | None]:
    """The picture for a screen: CMYK converted to sRGB (through its own profile when
    it has one), everything else as decoded, with the profile to embed."""
    image, icc = decoded.image, decoded.icc_profile
    if image.mode != "CMYK":
        return image, icc
    source = None
    if icc:
        try:
            source = ImageCms.ImageCmsProfile(io.BytesIO(icc))
        except (OSError, ImageCms.PyCMSError):
            source = None
    if source is not None:
        try:
            return converted(ImageCms.profileToProfile(image, source, ImageCms.createProfile("sRGB"),
                                                       outputMode="RGB")), None
        except ImageCms.PyCMSError:
            pass
    return image.convert("RGB"), None


def web_bytes(path: Path, media_type: str, credit: str | None = None, alt: str | None = None) -> bytes:
    """The picture as a screen edition publishes it, in `media_type` (image/jpeg,
    image/png, image/gif or image/webp), without private metadata."""
    path = Path(path)
    data = read_bytes(path)
    xmp = xmp_packet(credit, alt)
    if media_type == "image/jpeg" and _plain_jpeg(data, path.name):
        return jpeg_without_metadata(data, xmp)
    decoded = decode_bytes(data, path.name)
    image, icc = _screen(decoded)
    out = io.BytesIO()
    extra = {"icc_profile": icc} if icc else {}
    if media_type == "image/jpeg":
        _flatten(image).save(out, "JPEG", quality=JPEG_QUALITY, optimize=True,
                             **extra, **({"xmp": xmp} if xmp else {}))
    elif media_type == "image/png":
        from PIL import PngImagePlugin
        info = PngImagePlugin.PngInfo()
        if xmp:
            info.add_itxt("XML:com.adobe.xmp", xmp.decode("utf-8"))
        image.save(out, "PNG", optimize=True, pnginfo=info, **extra)
    elif media_type == "image/gif":
        _gif_frame(data, path.name, decoded).save(out, "GIF", optimize=True)
    elif media_type == "image/webp":
        image.save(out, "WEBP", quality=WEBP_QUALITY, method=4, **extra, **({"xmp": xmp} if xmp else {}))
    else:
        raise PictureError(f"a picture for JPEG, PNG, GIF or WebP, found a request for {media_type}")
    return out.getvalue()


def _gif_frame(data: bytes, name: str, decoded: Decoded) -> Image.Image:
    """The first frame as a palette image with its transparency and nothing else."""
    if decoded.format == "GIF" and not decoded.turned:
        with Image.open(io.BytesIO(data)) as source:
            source.seek(0)
            frame = source.copy()
        transparency = frame.info.get("transparency")
        frame.info = {"transparency": transparency} if transparency is not None else {}
        return frame
    image = _flatten(decoded.image) if decoded.image.mode != "RGBA" else decoded.image
    frame = image.convert("RGB").quantize(256) if image.mode != "L" else image.convert("P")
    frame.info = {}
    return frame
