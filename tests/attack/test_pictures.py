"""publish/pictures.py: pictures decoded fully, normalised, published without metadata."""
from __future__ import annotations

import io
import struct
import zlib
from pathlib import Path

import pytest
from PIL import Image, ImageChops, ImageStat

from corpus import _XMP, LEAK, _exif, _photo
from harness import picture_metadata
from publish.errors import PictureError
from publish.pictures import decode, jpeg_without_metadata, normalise, problem, web_bytes


def _save(path: Path, image: Image.Image, fmt: str, **options) -> Path:
    image.save(path, fmt, **options)
    return path


@pytest.mark.parametrize("progressive", [False, True])
def test_a_jpeg_loses_its_metadata_and_keeps_every_pixel(tmp_path, progressive):
    path = _save(tmp_path / "p.jpg", _photo(), "JPEG", quality=90, exif=_exif(), xmp=_XMP,
                 comment=f"{LEAK}-comment".encode(), progressive=progressive)
    original = path.read_bytes() + b"TRAILING " + LEAK.encode()     # data after the end of the image
    path.write_bytes(original)
    published = web_bytes(path, "image/jpeg")
    assert LEAK.encode() not in published and b"Exif\x00\x00" not in published
    assert picture_metadata(published) == []
    with Image.open(io.BytesIO(original)) as before, Image.open(io.BytesIO(published)) as after:
        assert ImageChops.difference(before.convert("RGB"), after.convert("RGB")).getbbox() is None


def test_the_editors_credit_and_alt_are_the_only_metadata(tmp_path):
    path = _save(tmp_path / "p.jpg", _photo(), "JPEG", exif=_exif())
    for media_type, suffix in (("image/jpeg", ".jpg"), ("image/png", ".png"), ("image/webp", ".webp")):
        source = path if suffix == ".jpg" else _save(tmp_path / f"p{suffix}", _photo(), suffix[1:].upper())
        published = web_bytes(source, media_type, credit="本报记者 某某 摄", alt="<港口的灯笼> & 夜色")
        with Image.open(io.BytesIO(published)) as shown:
            xmp = shown.info.get("xmp", b"")
        xmp = xmp.decode() if isinstance(xmp, bytes) else xmp
        assert "本报记者 某某 摄" in xmp and "&lt;港口的灯笼&gt; &amp; 夜色" in xmp, media_type
        assert picture_metadata(published) == [] and LEAK.encode() not in published


def test_grey_of_every_depth_keeps_its_tones(tmp_path):
    ramp16 = Image.new("I;16", (256, 8))
    ramp16.putdata([x * 257 for _ in range(8) for x in range(256)])
    ramp32 = Image.new("I", (256, 8))
    ramp32.putdata([x * 1000 for _ in range(8) for x in range(256)])
    rampf = Image.new("F", (256, 8))
    rampf.putdata([x / 255 for _ in range(8) for x in range(256)])
    for image in (ramp16, ramp32, rampf):
        grey = normalise(image)
        assert grey.mode == "L"
        assert grey.getpixel((0, 0)) <= 1 and grey.getpixel((255, 0)) >= 254, image.mode
        assert 120 <= ImageStat.Stat(grey).mean[0] <= 135, image.mode


def test_palette_transparency_and_bilevel_are_expanded():
    assert normalise(_photo((8, 8)).convert("P")).mode == "RGB"
    paletted = _photo((8, 8)).convert("P")
    paletted.info["transparency"] = 0
    assert normalise(paletted).mode == "RGBA"
    assert normalise(Image.new("1", (8, 8))).mode == "L"


def test_exif_orientation_is_applied_then_dropped(tmp_path):
    exif = Image.Exif()
    exif[0x0112] = 8
    path = _save(tmp_path / "t.jpg", _photo((40, 20)), "JPEG", exif=exif)
    assert decode(path).image.size == (20, 40) and decode(path).turned
    with Image.open(io.BytesIO(web_bytes(path, "image/jpeg"))) as shown:
        assert shown.size == (20, 40) and 0x0112 not in shown.getexif()


def _png(width: int, height: int, extra: bytes = b"") -> bytes:
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
    rows = b"".join(b"\x00" + bytes(3 * width) for _ in range(height))
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0))
            + extra + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b""))


def test_damaged_and_hostile_files_are_picture_errors(tmp_path):
    good = _save(tmp_path / "good.jpg", _photo(), "JPEG").read_bytes()
    cases = {
        "cut.jpg": good[: len(good) // 2],
        "no-end.jpg": good[:-2],
        "empty.png": b"",
        "header.png": _png(8, 8)[:20],
        "text.gif": b"GIF89a but not really",
    }
    bomb = b"Comment\x00\x00" + zlib.compress(b"\x00" * 5_000_000, 9)
    cases["ztxt.png"] = _png(8, 8, struct.pack(">I", len(bomb)) + b"zTXt" + bomb
                             + struct.pack(">I", zlib.crc32(b"zTXt" + bomb)))
    for name, data in cases.items():
        (tmp_path / name).write_bytes(data)
        found = problem(tmp_path / name)
        assert found and name in found, (name, found)
    with pytest.raises(PictureError, match="not a regular file|a folder"):
        decode(tmp_path)


def test_a_weasyprint_import_does_not_make_cut_pictures_acceptable(tmp_path):
    """WeasyPrint sets Pillow's LOAD_TRUNCATED_IMAGES on import; we must still refuse."""
    import weasyprint  # noqa: F401
    from PIL import ImageFile
    ImageFile.LOAD_TRUNCATED_IMAGES = True
    buffer = io.BytesIO()
    _photo().save(buffer, "PNG")
    (tmp_path / "cut.png").write_bytes(buffer.getvalue()[: len(buffer.getvalue()) * 2 // 3])
    assert problem(tmp_path / "cut.png")


def test_segments_after_the_first_scan_are_filtered_too():
    buffer = io.BytesIO()
    _photo((64, 64)).save(buffer, "JPEG", progressive=True)
    data = buffer.getvalue()
    sos = data.find(b"\xff\xda")
    second = data.find(b"\xff\xc4", sos)          # a table between two scans of a progressive JPEG
    assert second > 0
    comment = b"\xff\xfe" + (len(LEAK) + 2).to_bytes(2, "big") + LEAK.encode()
    hostile = data[:second] + comment + data[second:]
    with Image.open(io.BytesIO(hostile)) as image:
        image.load()
    cleaned = jpeg_without_metadata(hostile)
    assert LEAK.encode() not in cleaned
    with Image.open(io.BytesIO(cleaned)) as a, Image.open(io.BytesIO(data)) as b:
        assert ImageChops.difference(a.convert("RGB"), b.convert("RGB")).getbbox() is None
