"""publish.prepress: the output-intent profile, CMYK images, the CSS and options for PDF/X-4."""
from __future__ import annotations

import io
from pathlib import Path

import pytest
from PIL import Image, ImageCms

from publish import prepress
from publish.errors import PublishError


def _jpeg_markers(data: bytes) -> list[int]:
    """The marker codes of a JPEG's header segments, up to the start of scan."""
    markers, at = [], 2
    while at + 4 <= len(data) and data[at] == 0xFF:
        marker = data[at + 1]
        markers.append(marker)
        if marker == 0xDA:
            break
        at += 2 + int.from_bytes(data[at + 2:at + 4], "big")
    return markers


def _open(data: bytes) -> Image.Image:
    image = Image.open(io.BytesIO(data))
    image.load()
    return image


@pytest.fixture(scope="module")
def photo(tmp_path_factory) -> Path:
    """An sRGB 'photo': a hue sweep over a grey ramp, 300 × 200 px, with a dpi."""
    path = tmp_path_factory.mktemp("prepress") / "photo.png"
    image = Image.new("RGB", (300, 200))
    image.putdata([(x * 255 // 299, (x * 7 + y) % 256, y * 255 // 199) for y in range(200) for x in range(300)])
    image.save(path, dpi=(300, 300))
    return path


# --- the profile ---------------------------------------------------------------------

def test_profile_is_a_small_cmyk_output_profile():
    assert prepress.PROFILE.is_file()
    assert prepress.PROFILE.stat().st_size < 400_000
    profile = ImageCms.getOpenProfile(str(prepress.PROFILE)).profile
    assert profile.xcolor_space.strip() == "CMYK"
    assert profile.connection_space.strip() == "Lab"
    assert profile.device_class == "prtr"
    assert "FOGRA29" in profile.profile_description
    for intent in (ImageCms.Intent.PERCEPTUAL, ImageCms.Intent.RELATIVE_COLORIMETRIC):
        assert profile.is_intent_supported(intent, ImageCms.Direction.OUTPUT)


def test_profile_ships_with_its_source_licence_and_rebuild_script():
    folder = prepress.PROFILE.parent
    readme = (folder / "README.md").read_text(encoding="utf-8")
    assert "FOGRA29L.ti3" in readme and "colprof" in readme and "zlib" in readme
    assert "zlib" in (folder / "LICENSE.txt").read_text(encoding="utf-8")
    script = (folder / "rebuild.sh").read_text(encoding="utf-8")
    assert "colprof" in script and prepress.PROFILE.name in script


def test_profile_separations_stay_within_the_newsprint_ink_limit():
    srgb = ImageCms.createProfile("sRGB")
    profile = ImageCms.getOpenProfile(str(prepress.PROFILE))
    steps = range(0, 256, 51)
    cube = Image.new("RGB", (len(steps) ** 3, 1))
    cube.putdata([(r, g, b) for r in steps for g in steps for b in steps])
    cmyk = ImageCms.profileToProfile(cube, srgb, profile, outputMode="CMYK",
                                     renderingIntent=ImageCms.Intent.PERCEPTUAL).tobytes()
    highest = max(sum(cmyk[i:i + 4]) for i in range(0, len(cmyk), 4)) * 100 / 255
    assert highest <= 241


# --- cmyk_image ----------------------------------------------------------------------

def test_rgb_becomes_a_cmyk_jpeg_of_the_same_size(photo):
    data = prepress.cmyk_image(photo)
    image = _open(data)
    assert image.format == "JPEG" and image.mode == "CMYK"
    assert image.size == (300, 200)
    assert image.info.get("dpi") == (300, 300)


def test_bytes_are_deterministic(photo):
    assert prepress.cmyk_image(photo) == prepress.cmyk_image(photo)


def test_jpeg_carries_no_profile_and_no_exif(photo):
    markers = _jpeg_markers(prepress.cmyk_image(photo))
    assert 0xE2 not in markers          # APP2: ICC profile (the output intent is the profile)
    assert 0xE1 not in markers          # APP1: EXIF


def test_primaries_separate_as_expected(tmp_path):
    path = tmp_path / "swatches.png"
    swatches = [(255, 255, 255), (0, 0, 0), (255, 0, 0), (0, 0, 255)]
    image = Image.new("RGB", (64 * len(swatches), 64))
    for i, colour in enumerate(swatches):
        image.paste(colour, (64 * i, 0, 64 * (i + 1), 64))
    image.save(path)
    cmyk = _open(prepress.cmyk_image(path))
    white, black, red, blue = (cmyk.getpixel((64 * i + 32, 32)) for i in range(len(swatches)))
    assert max(white) <= 3                                  # bare paper
    assert black[3] >= 250 and sum(black) <= 245 * 255 // 100   # solid K, within the ink limit
    assert red[1] > 200 and red[2] > 150 and red[0] < 40    # magenta + yellow
    assert blue[0] > 200 and blue[1] > 100 and blue[2] < 40  # cyan + magenta


def _swapped_srgb() -> bytes:
    """sRGB with its red and blue primaries exchanged: an 'RGB' profile in which (255, 0, 0)
    is blue."""
    data = bytearray(ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes())
    tags = {}
    for i in range(int.from_bytes(data[128:132], "big")):
        entry = 132 + 12 * i
        tags[bytes(data[entry:entry + 4])] = entry
    red, blue = tags[b"rXYZ"], tags[b"bXYZ"]
    data[red + 4:red + 12], data[blue + 4:blue + 12] = data[blue + 4:blue + 12], data[red + 4:red + 12]
    data[84:100] = bytes(16)                # the profile ID no longer holds
    return bytes(data)


def test_an_embedded_rgb_profile_is_honoured(tmp_path):
    plain, tagged = tmp_path / "red.png", tmp_path / "red-tagged.png"
    Image.new("RGB", (8, 8), (255, 0, 0)).save(plain)
    Image.new("RGB", (8, 8), (255, 0, 0)).save(tagged, icc_profile=_swapped_srgb())
    c, m, y, _ = _open(prepress.cmyk_image(plain)).getpixel((4, 4))
    assert y > 150 and c < 40               # red: magenta + yellow
    c, m, y, _ = _open(prepress.cmyk_image(tagged)).getpixel((4, 4))
    assert c > 150 and y < 40               # read through its profile: blue


def test_palette_with_transparency_goes_onto_white_paper(tmp_path):
    path = tmp_path / "logo.png"
    image = Image.new("P", (40, 20), 0)
    image.putpalette([255, 0, 0, 0, 0, 0] + [0] * 762)
    image.paste(1, (20, 0, 40, 20))
    image.info["transparency"] = 0          # the red half is transparent
    image.save(path, transparency=0)
    cmyk = _open(prepress.cmyk_image(path))
    assert cmyk.mode == "CMYK" and cmyk.size == (40, 20)
    assert max(cmyk.getpixel((5, 10))) <= 3          # transparent: paper
    assert cmyk.getpixel((30, 10))[3] >= 250         # black


def test_grayscale_stays_grayscale_printed_in_k(tmp_path):
    path = tmp_path / "ramp.png"
    Image.linear_gradient("L").rotate(90).resize((256, 32)).save(path)
    out = _open(prepress.cmyk_image(path))
    assert out.mode == "L" and out.size == (256, 32)
    table = prepress._gray_to_k()
    assert table[0] == 0 and table[255] == 255          # solid K and bare paper
    assert all(a <= b for a, b in zip(table, table[1:]))
    # DeviceGray prints as K alone: each grey's K must print the grey's lightness, scaled
    # between paper white and solid K (black point compensation).
    profile = ImageCms.getOpenProfile(str(prepress.PROFILE))
    to_lab = ImageCms.buildTransform(profile, ImageCms.createProfile("LAB", 5000), "CMYK", "LAB",
                                     renderingIntent=ImageCms.Intent.RELATIVE_COLORIMETRIC)

    def printed_luminance(gray_value: int) -> float:
        swatch = Image.new("CMYK", (1, 1), (0, 0, 0, 255 - gray_value))
        l_star = ImageCms.applyTransform(swatch, to_lab).getpixel((0, 0))[0] * 100 / 255
        return ((l_star + 16) / 116) ** 3

    black = printed_luminance(0)
    for grey in (32, 64, 128, 192, 224):
        linear = ((grey / 255 + 0.055) / 1.055) ** 2.4
        wanted = black + linear * (1 - black)
        assert printed_luminance(table[grey]) == pytest.approx(wanted, rel=0.08, abs=0.01), grey


@pytest.mark.parametrize("mode", ["1", "I;16", "LA"])
def test_other_grey_modes_become_grayscale(tmp_path, mode):
    path = tmp_path / f"grey-{mode.replace(';', '')}.png"
    Image.new(mode, (30, 10)).save(path)
    out = _open(prepress.cmyk_image(path))
    assert out.mode == "L" and out.size == (30, 10)


def test_untagged_cmyk_is_taken_as_ours(tmp_path):
    path = tmp_path / "separated.tif"
    Image.new("CMYK", (20, 10), (0, 255, 255, 0)).save(path)
    out = _open(prepress.cmyk_image(path))
    assert out.mode == "CMYK" and out.size == (20, 10)
    c, m, y, k = out.getpixel((10, 5))
    assert c <= 3 and m >= 252 and y >= 252 and k <= 3


def test_exif_orientation_is_applied(tmp_path):
    path = tmp_path / "rotated.jpg"
    exif = Image.Exif()
    exif[0x0112] = 6                        # rotate 90° clockwise to view
    Image.new("RGB", (40, 20), (200, 30, 30)).save(path, exif=exif)
    assert _open(prepress.cmyk_image(path)).size == (20, 40)


def test_unreadable_images_are_user_errors(tmp_path):
    with pytest.raises(PublishError, match="missing.jpg: expected a picture file, found no such file"):
        prepress.cmyk_image(tmp_path / "missing.jpg")
    text = tmp_path / "notes.jpg"
    text.write_text("not an image")
    with pytest.raises(PublishError, match="notes.jpg: expected a JPEG, .* found a file no image reader understands"):
        prepress.cmyk_image(text)


# --- CSS and options -----------------------------------------------------------------

def test_output_intent_css_points_at_the_profile():
    css = prepress.OUTPUT_INTENT_CSS
    assert css.lstrip().startswith("@color-profile device-cmyk")
    assert prepress.PROFILE.as_uri() in css
    assert "components:" in css                    # WeasyPrint 70 crashes without it
    assert prepress.PRINT_CSS.startswith(css) and prepress.CMYK_RESET_CSS in prepress.PRINT_CSS


def test_pdf_options():
    options = prepress.pdf_options("wenling-2023-01-19")
    assert options["pdf_variant"] == "pdf/x-4"
    assert options["output_intent"] == "device-cmyk"
    assert options["pdf_identifier"] == prepress.pdf_options("wenling-2023-01-19")["pdf_identifier"]
    assert options["pdf_identifier"] != prepress.pdf_options("wenling-2023-01-20")["pdf_identifier"]
    assert prepress.pdf_options()["pdf_identifier"] is True
    assert not options["optimize_images"] and options["jpeg_quality"] is None and options["dpi"] is None
    import weasyprint
    assert set(options) <= set(weasyprint.DEFAULT_OPTIONS)
    assert callable(prepress.write_options("x")["finisher"])


@pytest.mark.parametrize("item, expected", [
    (b"0 0 0 RG", b"0 0 0 1 K"),
    (b"0 0 0 rg", b"0 0 0 1 k"),
    (b"1 1 1 rg", b"0 0 0 0 k"),
    (b"0.5 0.5 0.5 RG", b"0 0 0 0.5 K"),
    (b"0.2 0.2 0.20 rg", b"0 0 0 0.8 k"),
    (b"0 0 1 rg", b"0 0 1 rg"),             # coloured RGB is left for the preflight to report
    (b"/DeviceCMYK cs", b"/DeviceCMYK cs"),
])
def test_neutral_rgb_becomes_k(item, expected):
    assert prepress._neutral_rgb_to_k(item) == expected
