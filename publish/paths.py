"""Where the project's own resources live: layouts/ (templates, CSS, format data,
the colour profile) and fonts/ (the bundled faces).

In the repository they sit at the top level, and `publish/_data/` holds links to
them; a wheel resolves those links into copies inside the package
(`[tool.setuptools.package-data]` in pyproject.toml). So one path works in a
checkout, an editable install and an installed wheel, from any folder. The paths
are resolved: the URL fetcher and the tests compare real paths.
"""
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent
DATA = PACKAGE / "_data"
LAYOUTS = (DATA / "layouts").resolve()
FONTS = (DATA / "fonts").resolve()
