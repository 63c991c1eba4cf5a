"""The reminders that depend on time run inside the letters worker: a registered job runs in a round, at most
every REMINDER_EVERY unless forced, and a failing job neither stops the others nor keeps its half-done work."""
from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sqlalchemy import func, select

from workspace.extensions import db
from workspace.letters import schedule
from workspace.letters.models import Letter
from workspace.letters.outbox import queue_letter


def test_a_job_runs_on_schedule_queues_once_and_a_broken_one_is_rolled_back(app, make, read, monkeypatch):
    school = make.institution("Школа №40", slug="s40")
    user = make.user(school, "coordinator")
    user_id = user.id
    monkeypatch.setattr(schedule, "_JOBS", {})
    monkeypatch.setattr(schedule, "_LAST_RUN", {})

    def broken(now):
        queue_letter("accounts.invitation", address="half@done.test", subject="Половина", text="…")
        db.session.flush()
        raise RuntimeError("a job that fails half way")

    def reminder(now):
        queue_letter("accounts.invitation", address="coordinator@s40.test", subject="Напоминание", text="…",
                     dedupe_key=f"test-reminder:{user_id}:{now.date()}")

    schedule.register_reminder_job("broken", broken)
    schedule.register_reminder_job("reminder", reminder)
    now = datetime(2026, 12, 4, 9, 0, tzinfo=UTC)
    with app.test_request_context():
        assert schedule.run_reminder_jobs(now) == ["reminder"]
        assert schedule.run_reminder_jobs(now + timedelta(minutes=5)) == []           # not due yet
        assert schedule.run_reminder_jobs(now + timedelta(minutes=5), force=True) == ["reminder"]  # same key
    with read():
        subjects = db.session.scalars(select(Letter.subject)).all()
        assert subjects == ["Напоминание"]
        assert db.session.scalar(select(func.count()).select_from(Letter)) == 1
