"""The attack corpus's helpers (harness.py, corpus.py, sequences.py) import each other
by name, as table.py does when run as a script: put this folder on the path."""
import sys
from pathlib import Path

HERE = str(Path(__file__).resolve().parent)
if HERE not in sys.path:
    sys.path.insert(0, HERE)
