"""Optimistic locking: a form carries the version it was opened at."""
from __future__ import annotations


def is_stale(obj, submitted_version: str | None) -> bool:
    """True when somebody saved the object after this form was opened. ``obj`` None is an object not created
    yet (the form that creates it carries version "0")."""
    return str((obj.version or 0) if obj is not None else 0) != (submitted_version or "").strip()
