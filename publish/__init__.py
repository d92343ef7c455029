"""publish: one issue of a Chinese daily newspaper -> CJK-typeset EPUB and broadsheet PDF."""

__version__ = "0.1.0"
