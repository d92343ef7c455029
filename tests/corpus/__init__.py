"""Generated issues for the broadsheet make-up: `generate_issue(seed, folder, **knobs)`."""
from .generate import build_issue, generate_issue

__all__ = ["build_issue", "generate_issue"]
