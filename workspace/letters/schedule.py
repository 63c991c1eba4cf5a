"""Reminders that depend on time (an agreement expiring in 30 and 7 days, a report overdue, a vote closing
tomorrow), found by the letters worker on a schedule: no other kind of server.

An area registers a job: ``register_reminder_job("agreements.expiring", find_expiring)``; the job takes the
moment ``now`` (aware, UTC) and queues its letters with ``queue_letter(..., dedupe_key=…)``. The dedupe key
(«agreement-expiring:<id>:<days>») is what makes a job safe to run again and from two workers at once: the second
queueing of the same key is refused by the outbox's unique index. The worker runs each job at most every
``REMINDER_EVERY`` (per process), inside ``enter_command_line`` (every tenant's rows), and commits after each
job; a job that fails is logged and rolled back without stopping the others.
"""
from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta

from flask import current_app

from tenants.entry import enter_command_line
from workspace.extensions import db

REMINDER_EVERY = timedelta(minutes=15)

_JOBS: dict[str, Callable[[datetime], object]] = {}
_LAST_RUN: dict[str, datetime] = {}


def register_reminder_job(name: str, job: Callable[[datetime], object]) -> None:
    _JOBS[name] = job


def run_reminder_jobs(now: datetime, *, force: bool = False) -> list[str]:
    """Run the jobs that are due (all of them with ``force``: ``flask worker --once``, tests); the names run."""
    ran = []
    for name, job in _JOBS.items():
        last = _LAST_RUN.get(name)
        if not force and last is not None and now - last < REMINDER_EVERY:
            continue
        _LAST_RUN[name] = now
        try:
            with enter_command_line():
                job(now)
                db.session.commit()
            ran.append(name)
        except Exception:  # noqa: BLE001 — one broken job is logged; the others and the sending go on
            db.session.rollback()
            current_app.logger.exception("The reminder job %s failed", name)
    return ran
