"""Big raw texts for the importer: seeded, so that a test and `make bench` read the
same ones (the tests check they import whole; the bench times them)."""
from __future__ import annotations

import random

MASTHEAD = "# 温岭日报\n2023.1.19 星期四\n\n"
HANZI = [chr(c) for c in range(0x4e00, 0x4e00 + 3000)]


def random_articles(megabytes: int = 10, seed: int = 1) -> str:
    """Headlines, bylines and paragraphs of random characters, `megabytes` of them."""
    rng = random.Random(seed)
    hanzi = HANZI + list("，。、；：？！“”（）")
    lines, size = [MASTHEAD], 0
    while size < megabytes * 2**20:
        roll = rng.random()
        if roll < 0.05:
            line = "## " + "".join(rng.choices(hanzi, k=rng.randint(4, 20))) + " " + \
                   "".join(rng.choices(hanzi, k=rng.randint(2, 12)))
        elif roll < 0.07:
            line = "本报讯（记者" + "".join(rng.choices(hanzi, k=3)) + "）" + "".join(rng.choices(hanzi, k=40))
        else:
            line = "".join(rng.choices(hanzi, k=rng.randint(1, 200)))
        lines.append(line + "\n\n")
        size += len(line.encode())
    return "".join(lines)


def one_long_line(characters: int = 3_500_000, seed: int = 2) -> tuple[str, str]:
    """(the raw text, its one paragraph): a single line of about 10 MB."""
    body = "".join(random.Random(seed).choices(HANZI, k=characters))
    return f"{MASTHEAD}## 标题\n{body}", body
