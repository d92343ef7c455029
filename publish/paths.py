"""Where the project's own resources live: layouts/ and fonts/ beside the package.

The tool is installed editable (`pip install -e .`), so these are the folders
of the checkout.
"""
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent
LAYOUTS = PROJECT / "layouts"
FONTS = PROJECT / "fonts"
