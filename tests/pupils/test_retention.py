"""Retention: past PUPIL_DATA_RETENTION_DAYS the command depersonalises finished enrollments and the pupils
who left (like an erasure); live enrollments and pupils still at school are untouched."""
from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select

from tests.programmes.helpers import build
from tests.pupils.test_erasure import markers_in_database
from workspace.core.dates import local_today
from workspace.extensions import db
from workspace.programmes.models import Enrollment
from workspace.pupils.models import Pupil


def _run(app, *args):
    result = app.test_cli_runner().invoke(args=["depersonalise", *args])
    assert result.exit_code == 0, result.output
    return result.output


def _world(make):
    s = build(make, capacity=10)
    left = make.pupil(s.school, "Выбывшийqr1", parent_phone="+7 900 qr2", parent_email="qr3@left.test",
                      parent_name="Родительqr4", is_active=False)
    finished = make.pupil(s.school, "Учитсяqr5")
    live = make.pupil(s.school, "Живойqr6")
    left_live = make.pupil(s.school, "Ждётqr7", is_active=False)
    for pupil in (left, finished, live, left_live):
        make.application(pupil, s.programme, note=f"Заявление {pupil.surname}")
    request = make.enrollment_request(s.programme, s.school)
    done = make.enrollment(request, left, status="declined")
    declined = make.enrollment(request, finished, status="declined")
    make.enrollment(request, live, status="enrolled")
    make.enrollment(request, left_live, status="requested")
    return s, left, finished, live, left_live, done, declined


def test_nothing_changes_within_the_period_and_the_dry_run_only_counts(app, make, read):
    _s, left, *_rest = _world(make)
    soon = (local_today() + timedelta(days=2 * 365)).isoformat()
    assert "0 finished enrollment(s), 0 pupil(s)" in _run(app, "--as-of", soon)
    later = (local_today() + timedelta(days=4 * 365)).isoformat()
    output = _run(app, "--dry-run", "--as-of", later)
    assert "2 finished enrollment(s), 1 pupil(s)" in output and "Dry run: nothing changed." in output
    assert {m for _t, _c, m in markers_in_database(read, ["Выбывшийqr1", "qr3@left.test"])} == {
        "выбывшийqr1", "qr3@left.test"}


def test_past_the_period_the_expired_are_depersonalised_and_the_live_untouched(app, make, read):
    s, left, finished, live, left_live, done, declined = _world(make)
    with read():
        before = {p.id: (p.surname, p.parent_phone, p.search_text) for p in db.session.scalars(
            select(Pupil).where(Pupil.id.in_([finished.id, live.id, left_live.id])))}
        live_copies = db.session.execute(select(Enrollment.id, Enrollment.pupil_name).where(
            Enrollment.pupil_id.in_([live.id, left_live.id]))).all()
    later = (local_today() + timedelta(days=4 * 365)).isoformat()
    output = _run(app, "--as-of", later)
    assert "Depersonalised: 1 pupil(s), 2 enrollment(s)" in output
    assert markers_in_database(read, ["Выбывшийqr1", "qr2", "qr3@left.test", "Родительqr4"]) == set()
    # The finished enrollment of a pupil still at school loses its copy; the pupil's own row stays.
    assert {(t, c) for t, c, _m in markers_in_database(read, ["Учитсяqr5"])} >= {("pupils", "surname")}
    assert not {t for t, _c, _m in markers_in_database(read, ["Учитсяqr5"])} & {"enrollments",
                                                                                "network_audit_entries"}
    with read():
        after = {p.id: (p.surname, p.parent_phone, p.search_text) for p in db.session.scalars(
            select(Pupil).where(Pupil.id.in_([finished.id, live.id, left_live.id])))}
        assert after == before
        assert db.session.execute(select(Enrollment.id, Enrollment.pupil_name).where(
            Enrollment.pupil_id.in_([live.id, left_live.id]))).all() == live_copies
        erased = db.session.scalar(select(Pupil).where(Pupil.id == left.id))
        assert erased.is_depersonalised and erased.surname == f"Обучающийся удалён (№ {left.id})"
    assert "0 finished enrollment(s), 0 pupil(s)" in _run(app, "--as-of", later)  # done once
