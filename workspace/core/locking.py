"""Optimistic locking: a form carries the version it was opened at."""
from __future__ import annotations


def is_stale(obj, submitted_version: str | None) -> bool:
    """True when somebody saved the object after this form was opened."""
    return str(obj.version) != (submitted_version or "").strip()
