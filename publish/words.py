"""Where Chinese word boundaries come from: jieba's dictionary file (`dict.txt`,
one `word frequency tag` per line). The headline breaker and the importer's
continuity test both read the file itself; jieba's segmenter is never loaded,
which keeps start-up fast and writes no cache file."""
from __future__ import annotations

import importlib.util
from pathlib import Path


def jieba_dictionary() -> Path | None:
    """jieba's dictionary file, found without importing jieba (None without it)."""
    spec = importlib.util.find_spec("jieba")
    if spec is None or not spec.submodule_search_locations:
        return None
    path = Path(next(iter(spec.submodule_search_locations))) / "dict.txt"
    return path if path.is_file() else None
