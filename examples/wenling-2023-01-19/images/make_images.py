"""Generate the three pictures of the example issue (pages 2-4 are sample content).

    edu-2022-chart.jpg     page 2: infographic of the (invented) 2022 education figures
    harbour-lanterns.jpg   page 3: illustration of a fishing harbour at dusk with red lanterns
    ink-plum.jpg           page 4: ink-style plum blossoms with an inscription and a seal

Everything is drawn with Pillow alone, from fixed seeds, so running the script again gives the
same files. Labels use the bundled fonts in ../../../fonts/. Run from anywhere:

    .venv/bin/python examples/wenling-2023-01-19/images/make_images.py
"""
from __future__ import annotations

import math
import random
from pathlib import Path

from PIL import Image, ImageChops, ImageDraw, ImageFilter, ImageFont

HERE = Path(__file__).resolve().parent
FONTS = HERE.parent.parent.parent / "fonts"
SANS_BOLD = FONTS / "NotoSansCJKsc-Bold.otf"
SERIF = FONTS / "NotoSerifCJKsc-Regular.otf"
SERIF_BOLD = FONTS / "NotoSerifCJKsc-Bold.otf"
KAI = FONTS / "PublishKai-Regular.ttf"

JPEG_OPTIONS = dict(quality=85, optimize=True, progressive=False, subsampling="4:2:0")


def font(path: Path, size: int) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(str(path), size)


def save(image: Image.Image, name: str) -> None:
    out = HERE / name
    image.convert("RGB").save(out, "JPEG", **JPEG_OPTIONS)
    print(f"{name}: {image.width}x{image.height}, {out.stat().st_size // 1024} KB")


def lerp(a: float, b: float, t: float) -> float:
    return a + (b - a) * t


def mix(c1: tuple, c2: tuple, t: float) -> tuple:
    return tuple(round(lerp(a, b, t)) for a, b in zip(c1, c2))


# ---------------------------------------------------------------------------------------------
# 1. Infographic: 2022 education figures (invented, matching the text of article p2-01)

NEW_PLACES = [(2018, 5200), (2019, 6100), (2020, 7400), (2021, 8900), (2022, 10800)]
INDICATORS = [
    ("普惠性幼儿园在园幼儿占比", 92.6),
    ("义务教育学校课后服务覆盖率", 100.0),
    ("课后服务学生参与率", 96.3),
    ("学生体质健康测试优良率", 56.8),
    ("秋季招生网上报名比例", 97.4),
]


def make_chart() -> Image.Image:
    w, h = 2000, 1250
    ink = (34, 38, 46)
    grey = (120, 124, 132)
    rule = (200, 200, 204)
    red = (196, 30, 36)
    blue = (52, 96, 150)
    pale_blue = (150, 176, 206)
    img = Image.new("RGB", (w, h), (250, 248, 243))
    d = ImageDraw.Draw(img)

    # header band
    d.rectangle([0, 0, w, 150], fill=red)
    d.text((70, 75), "2022年温岭教育部分数据", font=font(SANS_BOLD, 76), fill=(255, 255, 255), anchor="lm")
    d.text((w - 70, 75), "盘点2022温岭教育", font=font(SERIF_BOLD, 40), fill=(255, 226, 200), anchor="rm")

    # left panel: new school places per year
    left, top, right, bottom = 70, 210, 1000, 1120
    d.text((left, top), "全市每年新增学位", font=font(SANS_BOLD, 46), fill=ink)
    d.text((left, top + 62), "中小学和幼儿园，单位：个", font=font(SERIF, 32), fill=grey)
    base = bottom - 70
    plot_top = top + 190
    scale = (base - plot_top) / 12000
    label = font(SERIF, 30)
    for v in range(0, 12001, 3000):
        y = base - v * scale
        d.line([left + 110, y, right, y], fill=rule, width=2)
        d.text((left + 95, y), f"{v:,}".replace(",", ""), font=label, fill=grey, anchor="rm")
    n = len(NEW_PLACES)
    slot = (right - left - 130) / n
    bar_w = slot * 0.58
    value_font = font(SANS_BOLD, 40)
    year_font = font(SANS_BOLD, 36)
    for i, (year, value) in enumerate(NEW_PLACES):
        cx = left + 130 + slot * (i + 0.5)
        y = base - value * scale
        colour = red if year == 2022 else (blue if year == 2021 else pale_blue)
        d.rectangle([cx - bar_w / 2, y, cx + bar_w / 2, base], fill=colour)
        d.text((cx, y - 14), str(value), font=value_font, fill=red if year == 2022 else ink, anchor="ms")
        d.text((cx, base + 22), f"{year}年", font=year_font, fill=ink, anchor="mt")
    d.line([left + 110, base, right, base], fill=ink, width=3)
    # trend arrow over the bars
    pts = [(left + 130 + slot * (i + 0.5), base - v * scale - 75) for i, (_, v) in enumerate(NEW_PLACES)]
    d.line(pts, fill=(230, 150, 60), width=6, joint="curve")
    for x, y in pts:
        d.ellipse([x - 10, y - 10, x + 10, y + 10], fill=(250, 248, 243), outline=(230, 150, 60), width=5)

    # divider
    d.line([1060, 220, 1060, 1110], fill=rule, width=3)

    # right panel: indicators as horizontal bars
    rl, rr = 1120, 1930
    d.text((rl, top), "2022年几项主要指标", font=font(SANS_BOLD, 46), fill=ink)
    d.text((rl, top + 62), "单位：%", font=font(SERIF, 32), fill=grey)
    name_font = font(SERIF, 34)
    pct_font = font(SANS_BOLD, 52)
    row_h = 160
    y0 = top + 175
    track_r = rr - 40
    for i, (name, pct) in enumerate(INDICATORS):
        y = y0 + i * row_h
        d.text((rl, y), name, font=name_font, fill=ink)
        bar_y = y + 58
        d.rounded_rectangle([rl, bar_y, track_r, bar_y + 38], radius=19, fill=(228, 226, 222))
        end = rl + (track_r - rl) * pct / 100
        d.rounded_rectangle([rl, bar_y, end, bar_y + 38], radius=19, fill=red if i % 2 == 0 else blue)
        text = f"{pct:g}"
        d.text((rr, y + 20), text, font=pct_font, fill=red if i % 2 == 0 else blue, anchor="rm")

    # footer
    d.line([70, 1150, w - 70, 1150], fill=rule, width=2)
    foot = font(SERIF, 30)
    d.text((70, 1195), "本报制图", font=foot, fill=grey, anchor="lm")
    d.text((w - 70, 1195), "示例数据：为示例报纸编写，并非真实统计", font=foot, fill=grey, anchor="rm")
    return img


# ---------------------------------------------------------------------------------------------
# 2. Harbour at dusk: sky gradient, hills, sea, boats, lanterns (drawn at 2x, then reduced)

def ridge(rng: random.Random, width: int, base: float, amp: float, waves: int) -> list[float]:
    """Heights of a hill line: a few sine waves of random phase plus small bumps."""
    comps = [(rng.uniform(0.5, 1.0) / (k + 1), (k + 1) * rng.uniform(0.8, 1.3), rng.uniform(0, 2 * math.pi))
             for k in range(waves)]
    ys = []
    for x in range(width):
        t = x / width * 2 * math.pi
        v = sum(a * math.sin(f * t * 1.6 + p) for a, f, p in comps)
        ys.append(base - amp * (0.55 + 0.45 * v))
    return ys


def boat(d: ImageDraw.ImageDraw, x: float, y: float, s: float, hull: tuple, cabin: tuple,
         flag: tuple, facing: int) -> None:
    """A small wooden fishing boat with its waterline at y, length about 300*s, bow to `facing`."""
    L = 300 * s
    f = facing
    bow_x, stern_x = x + f * L / 2, x - f * L / 2
    hull_pts = [(stern_x, y - 50 * s), (bow_x + f * 30 * s, y - 78 * s), (bow_x - f * 25 * s, y + 2 * s),
                (stern_x + f * 20 * s, y + 4 * s)]
    d.polygon(hull_pts, fill=hull)
    # gunwale stripe
    d.line([(stern_x, y - 50 * s), (bow_x + f * 30 * s, y - 78 * s)], fill=(200, 60, 50), width=max(2, int(9 * s)))
    d.line([(stern_x + f * 8 * s, y - 30 * s), (bow_x + f * 2 * s, y - 44 * s)], fill=(236, 226, 200),
           width=max(2, int(6 * s)))
    # cabin
    cx0 = x - f * 95 * s
    cx1 = x - f * 15 * s
    d.rectangle([min(cx0, cx1), y - 120 * s, max(cx0, cx1), y - 52 * s], fill=cabin)
    for k in range(2):
        wx = min(cx0, cx1) + (15 + 35 * k) * s
        d.rectangle([wx, y - 105 * s, wx + 22 * s, y - 85 * s], fill=(255, 214, 120))
    d.rectangle([min(cx0, cx1) - 6 * s, y - 130 * s, max(cx0, cx1) + 6 * s, y - 118 * s], fill=(70, 60, 58))
    # mast, rigging and the red flag
    mx = x + f * 30 * s
    d.line([(mx, y - 60 * s), (mx, y - 300 * s)], fill=(60, 48, 44), width=max(2, int(7 * s)))
    d.line([(mx, y - 300 * s), (bow_x + f * 25 * s, y - 75 * s)], fill=(90, 80, 76), width=max(1, int(3 * s)))
    d.line([(mx, y - 300 * s), (stern_x, y - 52 * s)], fill=(90, 80, 76), width=max(1, int(3 * s)))
    d.polygon([(mx, y - 300 * s), (mx - f * 85 * s, y - 285 * s), (mx - f * 80 * s, y - 252 * s),
               (mx, y - 258 * s)], fill=flag)


def lantern(d: ImageDraw.ImageDraw, glow: ImageDraw.ImageDraw, x: float, y: float, r: float) -> None:
    glow.ellipse([x - r * 2.6, y - r * 2.6, x + r * 2.6, y + r * 2.6], fill=(255, 120, 60))
    d.line([(x, y - r * 1.6), (x, y - r * 0.9)], fill=(60, 40, 30), width=max(2, int(r * 0.08)))
    d.ellipse([x - r, y - r * 0.85, x + r, y + r * 0.85], fill=(214, 36, 32))
    d.ellipse([x - r * 0.55, y - r * 0.8, x + r * 0.25, y + r * 0.6], fill=(236, 70, 48))
    for k in (-0.5, 0, 0.5):  # ribs
        d.arc([x - r * abs(k) - 2, y - r * 0.85, x + r * abs(k) + 2, y + r * 0.85], 0, 360,
              fill=(170, 26, 26), width=max(1, int(r * 0.05)))
    d.rectangle([x - r * 0.45, y - r * 1.0, x + r * 0.45, y - r * 0.78], fill=(226, 176, 60))
    d.rectangle([x - r * 0.45, y + r * 0.78, x + r * 0.45, y + r * 1.0], fill=(226, 176, 60))
    for k in range(-2, 3):
        d.line([(x + k * r * 0.12, y + r * 1.0), (x + k * r * 0.14, y + r * 1.65)], fill=(214, 40, 36),
               width=max(1, int(r * 0.06)))


def make_harbour() -> Image.Image:
    rng = random.Random(20230119)
    W, H = 2000, 1250
    S = 2
    w, h = W * S, H * S
    horizon = int(h * 0.60)

    # sky: deep blue at the top, rose, then warm orange at the horizon
    sky = Image.new("RGB", (w, h))
    sd = ImageDraw.Draw(sky)
    stops = [(0.0, (38, 52, 96)), (0.35, (92, 98, 150)), (0.62, (214, 132, 128)), (0.85, (246, 176, 112)),
             (1.0, (252, 214, 150))]
    for y in range(horizon + 1):
        t = y / horizon
        for (t0, c0), (t1, c1) in zip(stops, stops[1:]):
            if t0 <= t <= t1:
                sd.line([(0, y), (w, y)], fill=mix(c0, c1, (t - t0) / (t1 - t0)))
                break
    img = sky

    # sun glow low over the sea
    sun_x, sun_y = int(w * 0.68), horizon - 60 * S
    glow = Image.new("L", (w, h), 0)
    gd = ImageDraw.Draw(glow)
    gd.ellipse([sun_x - 260 * S, sun_y - 260 * S, sun_x + 260 * S, sun_y + 260 * S], fill=150)
    glow = glow.filter(ImageFilter.GaussianBlur(120 * S))
    img = Image.composite(Image.new("RGB", (w, h), (255, 226, 170)), img, glow)
    d = ImageDraw.Draw(img)
    d.ellipse([sun_x - 58 * S, sun_y - 58 * S, sun_x + 58 * S, sun_y + 58 * S], fill=(255, 236, 196))

    # thin clouds
    for _ in range(9):
        cy = rng.uniform(0.12, 0.45) * h
        cx = rng.uniform(0, w)
        cl = rng.uniform(300, 700) * S
        cloud = Image.new("L", (w, h), 0)
        ImageDraw.Draw(cloud).ellipse([cx - cl / 2, cy - 14 * S, cx + cl / 2, cy + 14 * S], fill=110)
        cloud = cloud.filter(ImageFilter.GaussianBlur(14 * S))
        img = Image.composite(Image.new("RGB", (w, h), (250, 200, 180)), img, cloud)
    d = ImageDraw.Draw(img)

    # three ranges of hills, paler with distance
    hill_layers = [
        (horizon - 20 * S, 260 * S, (150, 142, 170), 5),
        (horizon + 5 * S, 200 * S, (104, 100, 132), 4),
        (horizon + 10 * S, 120 * S, (64, 66, 92), 3),
    ]
    near_ridge: list[float] = []
    for base, amp, colour, waves in hill_layers:
        ys = ridge(rng, w, base, amp, waves)
        # only on the left two thirds and the far right, leaving open sea under the sun
        pts = [(0, horizon + 20 * S)]
        for x in range(0, w, 4):
            edge = min(1.0, max(0.0, (w * 0.55 - x) / (w * 0.12))) + min(1.0, max(0.0, (x - w * 0.86) / (w * 0.08)))
            y = lerp(horizon, ys[x], min(1.0, edge))
            pts.append((x, y))
        pts.append((w, horizon + 20 * S))
        d.polygon(pts, fill=colour)
        near_ridge = [y for _, y in pts[1:-1]]
    # village lights on the nearest hill
    for _ in range(30):
        x = rng.uniform(0.03, 0.40) * w
        top = near_ridge[min(len(near_ridge) - 1, int(x / 4))]
        if horizon - top < 30 * S:
            continue
        y = rng.uniform(top + 15 * S, horizon - 6 * S)
        r = rng.uniform(2.5, 4.5) * S
        d.ellipse([x - r, y - r, x + r, y + r], fill=(255, 210, 130))

    # sea: gradient from a warm horizon to dark blue-green in front
    for y in range(horizon, h):
        t = (y - horizon) / (h - horizon)
        d.line([(0, y), (w, y)], fill=mix((206, 150, 130), (24, 50, 70), min(1.0, t ** 0.7)))
    # sun path: short bright strokes that widen toward the viewer
    for _ in range(900):
        t = rng.random() ** 1.6
        y = horizon + 4 * S + t * (h - horizon) * 0.9
        spread = (40 + 420 * t) * S
        x = sun_x + rng.gauss(0, spread / 2.2)
        ln = rng.uniform(10, 45) * S * (0.4 + t)
        c = mix((255, 230, 180), (240, 150, 90), t)
        d.line([(x - ln / 2, y), (x + ln / 2, y)], fill=c, width=max(1, int(S * (1 + 2 * t))))
    # ripples elsewhere
    for _ in range(1400):
        t = rng.random()
        y = horizon + 6 * S + t * (h - horizon)
        x = rng.uniform(0, w)
        ln = rng.uniform(12, 60) * S * (0.3 + t)
        base = mix((214, 160, 140), (40, 76, 96), min(1.0, t ** 0.7))
        c = mix(base, (255, 255, 255), 0.18)
        d.line([(x, y), (x + ln, y)], fill=c, width=max(1, int(S * (0.8 + 1.5 * t))))

    # boats, far to near, with blurred reflections
    boats = [
        (0.18, 0.64, 0.45, 1), (0.33, 0.655, 0.55, -1), (0.52, 0.67, 0.6, 1),
        (0.80, 0.70, 0.8, -1), (0.25, 0.75, 1.05, 1), (0.58, 0.80, 1.3, -1),
    ]
    hulls = [(58, 72, 96), (120, 52, 44), (40, 86, 104), (70, 60, 70), (34, 64, 84), (96, 46, 40)]
    for (bx, by, s, facing), hull in zip(boats, hulls):
        x, y = bx * w, by * h
        layer = Image.new("RGBA", (w, h), (0, 0, 0, 0))
        boat(ImageDraw.Draw(layer), x, y, s * S, hull, (232, 222, 200), (210, 30, 30), facing)
        flipped = layer.transpose(Image.Transpose.FLIP_TOP_BOTTOM)
        reflection = Image.new("RGBA", (w, h), (0, 0, 0, 0))
        reflection.paste(flipped, (0, int(2 * y - h)))  # mirrored about the waterline, no wrap-around
        alpha = reflection.getchannel("A").point(lambda a: a * 45 // 100)
        reflection.putalpha(alpha)
        reflection = reflection.filter(ImageFilter.GaussianBlur(3 * S))
        img.paste(reflection, (0, 0), reflection)
        img.paste(layer, (0, 0), layer)
    d = ImageDraw.Draw(img)

    # foreground quay with stone blocks
    quay_top = int(h * 0.86)
    d.polygon([(0, quay_top + 30 * S), (w, quay_top - 10 * S), (w, h), (0, h)], fill=(52, 46, 50))
    for row in range(4):
        y = quay_top + 30 * S + row * 45 * S
        d.line([(0, y), (w, y - 40 * S)], fill=(70, 62, 64), width=2 * S)
        off = (row % 2) * 70 * S
        for x in range(-off, w, 140 * S):
            yy = y - 40 * S * x / w
            d.line([(x, yy), (x, yy + 45 * S)], fill=(70, 62, 64), width=2 * S)
    d.line([(0, quay_top + 30 * S), (w, quay_top - 10 * S)], fill=(120, 104, 96), width=5 * S)

    # the eave of a harbour-side house across the top left, lanterns hanging from it at
    # different lengths, and two mooring bollards on the quay
    glow_layer = Image.new("RGB", (w, h), (0, 0, 0))
    glow_draw = ImageDraw.Draw(glow_layer)
    lanterns_layer = Image.new("RGBA", (w, h), (0, 0, 0, 0))
    ld = ImageDraw.Draw(lanterns_layer)
    eave_end = w * 0.62
    ld.polygon([(0, 0), (eave_end + 60 * S, 0), (eave_end, 70 * S), (0, 95 * S)], fill=(44, 34, 34))
    for x in range(0, int(eave_end), 46 * S):  # roof tile ends
        y = 95 * S - (95 - 70) * S * x / eave_end
        ld.ellipse([x, y - 16 * S, x + 40 * S, y + 14 * S], fill=(58, 46, 44))
    ld.line([(0, 95 * S), (eave_end, 70 * S)], fill=(120, 40, 34), width=6 * S)
    drops = [0.06, 0.15, 0.24, 0.33, 0.42, 0.51]
    for k, px in enumerate(drops):
        x = px * w
        top = 95 * S - 25 * S * x / eave_end
        cord = (120 + (k % 3) * 70 + rng.uniform(-15, 15)) * S
        ld.line([(x, top), (x, top + cord)], fill=(40, 30, 28), width=3 * S)
        lantern(ld, glow_draw, x, top + cord + 52 * S, 48 * S)
    for bx in (0.12, 0.71):
        x = bx * w
        ground = quay_top + 30 * S - 40 * S * bx
        ld.rounded_rectangle([x - 34 * S, ground - 90 * S, x + 34 * S, ground + 20 * S], radius=16 * S,
                             fill=(30, 26, 28))
        ld.ellipse([x - 46 * S, ground - 108 * S, x + 46 * S, ground - 72 * S], fill=(40, 34, 36))
    # a mooring rope from the near bollard down to the water
    ld.line([(0.71 * w + 30 * S, quay_top - 40 * S), (0.64 * w, quay_top - 5 * S), (0.60 * w, 0.82 * h)],
            fill=(150, 120, 80), width=4 * S, joint="curve")
    glow_layer = glow_layer.filter(ImageFilter.GaussianBlur(40 * S))
    img = ImageChops.add(img, ImageChops.multiply(glow_layer, Image.new("RGB", (w, h), (150, 150, 150))))
    img.paste(lanterns_layer, (0, 0), lanterns_layer)

    # a few gulls
    d = ImageDraw.Draw(img)
    for _ in range(5):
        x, y, r = rng.uniform(0.35, 0.62) * w, rng.uniform(0.14, 0.3) * h, rng.uniform(14, 24) * S
        d.arc([x - r, y, x, y + r], 200, 340, fill=(50, 48, 70), width=3 * S)
        d.arc([x, y, x + r, y + r], 200, 340, fill=(50, 48, 70), width=3 * S)

    img = img.resize((W, H), Image.Resampling.LANCZOS)
    return img.filter(ImageFilter.GaussianBlur(0.6))


# ---------------------------------------------------------------------------------------------
# 3. Ink plum blossoms on rice paper, with a vertical inscription and a red seal

def brush_stroke(d: ImageDraw.ImageDraw, rng: random.Random, pts: list[tuple[float, float]],
                 w0: float, w1: float, tone: int, dry: float, bristles: int = 9) -> None:
    """A stroke made of parallel bristles along a polyline, width tapering from w0 to w1.

    Each bristle carries its own ink level that wanders along the stroke and runs out in places,
    leaving the streaky white gaps (飞白) of a dry brush; `dry` sets how often that happens."""
    total = sum(math.dist(p, q) for p, q in zip(pts, pts[1:])) or 1.0
    state = [[rng.uniform(0.6, 1.0), rng.uniform(-8, 8)] for _ in range(bristles)]
    run = 0.0
    for p, q in zip(pts, pts[1:]):
        seg = math.dist(p, q)
        nx, ny = -(q[1] - p[1]) / (seg or 1), (q[0] - p[0]) / (seg or 1)
        steps = max(1, int(seg / 1.5))
        for i in range(steps):
            t = i / steps
            x, y = lerp(p[0], q[0], t), lerp(p[1], q[1], t)
            u = (run + seg * t) / total
            width = lerp(w0, w1, u)
            r = max(0.8, width / bristles * 0.95)
            for b, st in enumerate(state):
                st[0] = min(1.0, max(0.0, st[0] + rng.uniform(-0.06, 0.06) - dry * 0.02 * u))
                if st[0] < 0.25:
                    if rng.random() < 0.03:
                        st[0] = 0.7  # the brush picks up ink again
                    continue
                st[1] = max(-18, min(26, st[1] + rng.uniform(-1.5, 1.5)))
                off = (b / (bristles - 1) - 0.5) * (width - 2 * r) if bristles > 1 else 0.0
                bx, by = x + nx * off, y + ny * off
                d.ellipse([bx - r, by - r, bx + r, by + r], fill=int(min(255, tone + st[1] + (1 - st[0]) * 40)))
        run += seg


def angular_path(rng: random.Random, start: tuple[float, float], angle: float, length: float,
                 segments: int, turn: float) -> list[tuple[float, float]]:
    """A plum branch: straight pieces joined at sharp elbows."""
    pts = [start]
    x, y = start
    for k in range(segments):
        if k:
            angle += rng.choice((-1, 1)) * rng.uniform(turn * 0.4, turn)
        step = length / segments * rng.uniform(0.75, 1.25)
        # each piece bends very slightly, so it is not a ruler line
        for j in range(1, 5):
            a = angle + math.sin(j / 4 * math.pi) * 0.04
            x += math.cos(a) * step / 4
            y += math.sin(a) * step / 4
            pts.append((x, y))
    return pts


def points_along(pts: list[tuple[float, float]], u: float) -> tuple[tuple[float, float], float]:
    """The point at fraction u of a polyline and the direction there."""
    total = sum(math.dist(p, q) for p, q in zip(pts, pts[1:]))
    goal = u * total
    for p, q in zip(pts, pts[1:]):
        seg = math.dist(p, q)
        if goal <= seg:
            t = goal / (seg or 1)
            return (lerp(p[0], q[0], t), lerp(p[1], q[1], t)), math.atan2(q[1] - p[1], q[0] - p[0])
        goal -= seg
    p, q = pts[-2], pts[-1]
    return q, math.atan2(q[1] - p[1], q[0] - p[0])


def blossom(img: Image.Image, rng: random.Random, x: float, y: float, r: float, open_: bool) -> None:
    layer = Image.new("RGBA", img.size, (0, 0, 0, 0))
    d = ImageDraw.Draw(layer)
    base = (188, 36, 52) if rng.random() < 0.75 else (214, 86, 96)
    if not open_:
        d.ellipse([x - r * 0.45, y - r * 0.55, x + r * 0.45, y + r * 0.45], fill=base + (235,))
        d.ellipse([x - r * 0.2, y - r * 0.45, x + r * 0.12, y - r * 0.05], fill=(236, 140, 150, 150))
        img.paste(layer, (0, 0), layer)
        return
    rot = rng.uniform(0, 2 * math.pi)
    for k in range(5):
        a = rot + k * 2 * math.pi / 5
        px, py = x + math.cos(a) * r * 0.55, y + math.sin(a) * r * 0.55
        pr = r * rng.uniform(0.48, 0.56)
        d.ellipse([px - pr, py - pr, px + pr, py + pr], fill=base + (200,))
        d.ellipse([px - pr * 0.5, py - pr * 0.5, px + pr * 0.3, py + pr * 0.3], fill=(240, 150, 156, 90))
    d.ellipse([x - r * 0.28, y - r * 0.28, x + r * 0.28, y + r * 0.28], fill=(248, 214, 170, 230))
    for k in range(9):  # stamens
        a = rng.uniform(0, 2 * math.pi)
        L = r * rng.uniform(0.45, 0.75)
        ex, ey = x + math.cos(a) * L, y + math.sin(a) * L
        d.line([(x, y), (ex, ey)], fill=(60, 40, 30, 220), width=max(1, int(r * 0.05)))
        d.ellipse([ex - r * 0.07, ey - r * 0.07, ex + r * 0.07, ey + r * 0.07], fill=(30, 24, 20, 255))
    soft = layer.filter(ImageFilter.GaussianBlur(0.8))
    img.paste(soft, (0, 0), soft)


def make_plum() -> Image.Image:
    rng = random.Random(7478)
    w, h = 2000, 1400
    paper = (240, 232, 214)

    # paper with faint fibres
    img = Image.new("RGB", (w, h), paper)
    pd = ImageDraw.Draw(img)
    for _ in range(2500):
        x, y = rng.uniform(0, w), rng.uniform(0, h)
        a = rng.uniform(0, math.pi)
        L = rng.uniform(8, 40)
        c = mix(paper, (205, 192, 166), rng.uniform(0.2, 0.6))
        pd.line([(x, y), (x + math.cos(a) * L, y + math.sin(a) * L)], fill=c, width=1)
    img = img.filter(ImageFilter.GaussianBlur(1.2))

    # ink as a grey mask: 255 = paper, 0 = black ink
    ink = Image.new("L", (w, h), 255)
    idraw = ImageDraw.Draw(ink)
    # a pale wash branch behind, soft and grey (淡墨)
    pale = angular_path(rng, (w * 0.02, h * 1.02), -0.75, 760, 3, 0.45)
    brush_stroke(idraw, rng, pale, 44, 10, 180, 0.2)
    for k in range(3):
        (sx, sy), a = points_along(pale, 0.45 + 0.2 * k)
        brush_stroke(idraw, rng, angular_path(rng, (sx, sy), a - 0.7, 220, 2, 0.3), 12, 4, 190, 0.2, 4)
    ink = ink.filter(ImageFilter.GaussianBlur(4))
    idraw = ImageDraw.Draw(ink)

    # the old branch enters from the left and climbs to the right; younger branches and
    # straight whip-like shoots (梅枝如鞭) grow from it
    branches: list[tuple[list, float]] = []
    trunk = angular_path(rng, (-40, h * 0.74), -0.24, 1500, 5, 0.38)
    brush_stroke(idraw, rng, trunk, 78, 20, 18, 0.9, 14)
    branches.append((trunk, 40))
    for u, side, length in ((0.20, -1, 620), (0.46, -1, 520), (0.62, 1, 380), (0.80, -1, 360), (0.33, 1, 300)):
        (sx, sy), a = points_along(trunk, u)
        sub = angular_path(rng, (sx, sy), a + side * rng.uniform(0.6, 0.95), length, 3, 0.45)
        brush_stroke(idraw, rng, sub, 26, 7, 24, 0.7, 9)
        branches.append((sub, 14))
        for v in (0.35, 0.7):
            (tx, ty), b = points_along(sub, v)
            shoot_angle = -math.pi / 2 + rng.uniform(-0.55, 0.55) if rng.random() < 0.7 else b + rng.uniform(-0.5, 0.5)
            shoot = angular_path(rng, (tx, ty), shoot_angle, rng.uniform(160, 300), 1, 0.0)
            brush_stroke(idraw, rng, shoot, 8, 3, 40, 0.3, 4)
            branches.append((shoot, 5))
    ink = ink.filter(ImageFilter.GaussianBlur(1.0))
    # moss dots (苔点) on the old branch
    idraw = ImageDraw.Draw(ink)
    for _ in range(22):
        (x, y), a = points_along(trunk, rng.uniform(0.05, 0.8))
        off = rng.choice((-1, 1)) * rng.uniform(18, 40)
        x, y = x - math.sin(a) * off, y + math.cos(a) * off
        r = rng.uniform(3, 7)
        idraw.ellipse([x - r, y - r, x + r, y + r * 0.7], fill=15)
    img = Image.composite(img, Image.new("RGB", (w, h), (22, 20, 20)), ink)

    # blossoms sit right on the branches, in small clusters, more on the young wood
    spots = []
    for pts, width in branches[1:]:
        count = 3 if width > 10 else 2
        for _ in range(count):
            (x, y), a = points_along(pts, rng.uniform(0.15, 1.0))
            spots.append((x, y, a, width))
    for _ in range(4):
        (x, y), a = points_along(trunk, rng.uniform(0.4, 1.0))
        spots.append((x, y, a, 40))
    for x, y, a, width in spots:
        if x > w * 0.80 and y < h * 0.62:
            continue  # keep the corner for the inscription
        side = rng.choice((-1, 1))
        off = width / 2 + rng.uniform(4, 16)
        bx, by = x - math.sin(a) * off * side, y + math.cos(a) * off * side
        blossom(img, rng, bx, by, rng.uniform(28, 44), rng.random() < 0.7)
        if rng.random() < 0.45:
            blossom(img, rng, bx + rng.uniform(-40, 40), by + rng.uniform(-40, 40), rng.uniform(14, 20), False)

    # inscription in a vertical column, then a red seal with white characters
    d = ImageDraw.Draw(img)
    title = font(KAI, 120)
    small = font(KAI, 54)
    x = w * 0.90
    y = h * 0.08
    for ch in "寒香":
        d.text((x, y), ch, font=title, fill=(30, 28, 28), anchor="mt")
        y += 132
    x2 = x - 110
    y2 = h * 0.10
    for ch in "壬寅冬月林墨写":
        d.text((x2, y2), ch, font=small, fill=(40, 36, 34), anchor="mt")
        y2 += 62
    seal = Image.new("RGBA", (150, 150), (0, 0, 0, 0))
    sd = ImageDraw.Draw(seal)
    sd.rounded_rectangle([4, 4, 146, 146], radius=10, fill=(184, 34, 30, 235))
    seal_font = font(SERIF_BOLD, 58)
    sd.text((108, 40), "林", font=seal_font, fill=(246, 226, 214, 255), anchor="mm")
    sd.text((108, 110), "墨", font=seal_font, fill=(246, 226, 214, 255), anchor="mm")
    sd.text((40, 75), "印", font=font(SERIF_BOLD, 76), fill=(246, 226, 214, 255), anchor="mm")
    # worn edges: knock a few specks out of the seal
    for _ in range(120):
        sx, sy = rng.uniform(0, 150), rng.uniform(0, 150)
        if min(sx, sy, 150 - sx, 150 - sy) < 14 or rng.random() < 0.3:
            r = rng.uniform(1, 3.5)
            sd.ellipse([sx - r, sy - r, sx + r, sy + r], fill=(0, 0, 0, 0))
    img.paste(seal, (int(x2 - 75), int(y2 + 20)), seal)
    return img


def main() -> None:
    save(make_chart(), "edu-2022-chart.jpg")
    save(make_harbour(), "harbour-lanterns.jpg")
    save(make_plum(), "ink-plum.jpg")


if __name__ == "__main__":
    main()
