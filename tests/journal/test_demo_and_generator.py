"""Demo journal data for given groups, and the city generator's bulk journal (reproducible from the seed)."""
from __future__ import annotations

import random
from datetime import date, time

from sqlalchemy import func, select

from tenants.scoping import unscoped
from tests.journal.helpers import mixed_group
from workspace.extensions import db
from workspace.generator.journal import JournalGroupSpec, generate_journal
from workspace.journal.models import Lesson, Mark


def test_demo_journal_fills_lessons_and_marks(app, make, client, login_as):
    w = mixed_group(make, lessons=0)
    make.slot(w.group, weekday=2, starts_at=time(14, 0), ends_at=time(15, 30))
    with app.app_context(), unscoped():
        from workspace.demo.journal import load_journal_demo
        from workspace.programmes.models import Group
        group = db.session.scalar(select(Group).where(Group.id == w.group.id))
        lessons, marks = load_journal_demo([group], today=date(2027, 1, 20))
        db.session.commit()
    assert lessons > 30 and marks > 0 and marks % 4 == 0  # four pupils, every lesson held so far
    login_as(w.teacher)
    html = client.get(f"/n/net/journal/groups/{w.group.id}").get_data(as_text=True)
    assert "Техника безопасности" in html and "%" in html


def _generate(app, w, seed):
    with app.app_context(), unscoped():
        spec = JournalGroupSpec(w.group.id, w.network.id, date(2026, 9, 1), date(2027, 5, 31), (0, 3),
                                [(e.id, e.home_institution_id) for e in w.enrollments_a + w.enrollments_b])
        counts = generate_journal(db.session, random.Random(seed), [spec], today=date(2027, 1, 1))
        rows = db.session.execute(select(Mark.enrollment_id, Mark.attendance, Mark.grade)
                                  .order_by(Mark.lesson_id, Mark.enrollment_id)).all()
        lesson_count = db.session.scalar(select(func.count(Lesson.id)))
        db.session.rollback()
    return counts, rows, lesson_count


def test_generator_is_bulk_and_reproducible(app, make, client, login_as):
    w = mixed_group(make, lessons=0)
    first = _generate(app, w, 7)
    again = _generate(app, w, 7)
    other = _generate(app, w, 8)
    counts, rows, lesson_count = first
    assert counts["lessons"] == lesson_count > 50
    assert counts["marks"] == len(rows) > 4 * 30
    assert first[1] == again[1] and first[1] != other[1]
    present = sum(1 for _e, attendance, _g in rows if attendance.value == "present")
    assert 0.6 < present / len(rows) < 1
