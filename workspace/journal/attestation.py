"""Attestation results in the journal: a column per attestation of the programme, one result per pupil.

A result is «pass»/«fail» (зачтено / не зачтено) or a grade of the programme's scale. The grid loads the
programme's attestations with the results of its visible rows in one statement (a council seat: counts only);
a result is saved by one upsert after one statement that loads the group, the attestation and the enrollment."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime

from flask import abort, g
from flask_login import current_user
from sqlalchemy import and_, delete, select

from workspace.core.i18n import gettext as _
from workspace.extensions import db
from workspace.journal.grid import LISTED, GroupHead, _head_columns, _upsert
from workspace.journal.models import AttestationResult
from workspace.journal.scales import GRADE_LABELS, GRADES
from workspace.programmes.models import (
    Attestation,
    AttestationForm,
    AttestationKind,
    Enrollment,
    GradeScale,
    Group,
    Programme,
)

PASSED = frozenset({"pass", "5", "4", "3", "high", "medium", "low"})


def result_codes(scale: GradeScale) -> tuple[str, ...]:
    """What an attestation result may be: зачтено / не зачтено, or a grade of the programme's scale."""
    return tuple(dict.fromkeys(("pass", "fail", *GRADES[scale])))


def result_label(code: str | None) -> str:
    if code == "pass":
        return _("зачтено")
    if code == "fail":
        return _("не зачтено")
    return str(GRADE_LABELS.get(code or "", code or ""))


def is_passed(code: str | None) -> bool:
    return code in PASSED


@dataclass
class AttestationColumn:
    id: int
    kind: AttestationKind
    form: AttestationForm
    title: str
    held_on: date
    passed: int = 0
    failed: int = 0

    @property
    def is_final(self) -> bool:
        return self.kind is AttestationKind.FINAL


def load_attestations(head: GroupHead, rows, home_institution_id: int | None = None) -> list[AttestationColumn]:
    """One statement: the programme's attestations with the results of the group (of one home school if given),
    set into ``row.results``; each column counts its passed and failed results (what a council seat reads)."""
    joined = and_(AttestationResult.attestation_id == Attestation.id, AttestationResult.group_id == head.id)
    if home_institution_id is not None:
        joined = and_(joined, AttestationResult.home_institution_id == home_institution_id)
    found = db.session.execute(
        select(Attestation.id, Attestation.kind, Attestation.form, Attestation.title, Attestation.held_on,
               AttestationResult.enrollment_id, AttestationResult.result)
        .outerjoin(AttestationResult, joined)
        .where(Attestation.programme_id == head.programme_id)
        .order_by(Attestation.held_on, Attestation.id))
    by_row = {row.id: row for row in rows}
    columns: dict[int, AttestationColumn] = {}
    for attestation_id, kind, form, title, held_on, enrollment_id, result in found:
        column = columns.get(attestation_id)
        if column is None:
            column = columns[attestation_id] = AttestationColumn(attestation_id, kind, form, title, held_on)
        if enrollment_id is None:
            continue
        if is_passed(result):
            column.passed += 1
        else:
            column.failed += 1
        row = by_row.get(enrollment_id)
        if row is not None:
            row.results[attestation_id] = result
    return list(columns.values())


def load_result_cell(group_id: int, attestation_id: int, enrollment_id: int) -> dict:
    """Statement 1 of a save: the group, the attestation of its programme and the group's enrollment (404 if any
    of them is not there)."""
    row = db.session.execute(
        select(*_head_columns(), Enrollment.home_institution_id, Enrollment.pupil_name, Enrollment.class_label,
               Attestation.kind, Attestation.form, Attestation.title, Attestation.held_on, AttestationResult.result)
        .join(Programme, Programme.id == Group.programme_id)
        .join(Attestation, and_(Attestation.programme_id == Programme.id, Attestation.id == attestation_id))
        .join(Enrollment, and_(Enrollment.group_id == Group.id, Enrollment.id == enrollment_id,
                               Enrollment.status.in_(LISTED)))
        .outerjoin(AttestationResult, and_(AttestationResult.attestation_id == Attestation.id,
                                           AttestationResult.enrollment_id == Enrollment.id))
        .where(Group.id == group_id)).first()
    if row is None:
        abort(404)
    return {"head": GroupHead(*row[:11]), "home_institution_id": row[11], "pupil_name": row[12],
            "class_label": row[13], "column": AttestationColumn(attestation_id, row[14], row[15], row[16], row[17]),
            "result": row[18], "enrollment_id": enrollment_id}


def save_result(cell: dict, code: str) -> str | None | bool:
    """Statement 2: the upsert (or the delete for «clear»). The saved code; False when ``code`` is not allowed."""
    head = cell["head"]
    if code == "clear":
        db.session.execute(delete(AttestationResult).where(AttestationResult.attestation_id == cell["column"].id,
                                                           AttestationResult.enrollment_id == cell["enrollment_id"]))
        return None
    if code not in result_codes(head.grade_scale):
        return False
    now = datetime.now(UTC)
    statement = _upsert()(AttestationResult).values(
        network_id=g.network.id, attestation_id=cell["column"].id, enrollment_id=cell["enrollment_id"],
        group_id=head.id, home_institution_id=cell["home_institution_id"], result=code, updated_at=now,
        updated_by_id=current_user.id)
    statement = statement.on_conflict_do_update(
        index_elements=[AttestationResult.attestation_id, AttestationResult.enrollment_id],
        set_={"result": code, "updated_at": now, "updated_by_id": current_user.id})
    db.session.execute(statement)
    return code


def final_results(group_id: int, programme_id: int) -> dict[int, list[str]]:
    """The results of the final attestations per enrollment of a group (one statement); whether the programme
    has a final attestation at all is the key ``0`` (an empty list when it has)."""
    results: dict[int, list[str]] = {}
    for attestation_id, enrollment_id, result in db.session.execute(
            select(Attestation.id, AttestationResult.enrollment_id, AttestationResult.result)
            .outerjoin(AttestationResult, and_(AttestationResult.attestation_id == Attestation.id,
                                               AttestationResult.group_id == group_id))
            .where(Attestation.programme_id == programme_id, Attestation.kind == AttestationKind.FINAL)):
        results.setdefault(0, [])
        if enrollment_id is not None and attestation_id:
            results.setdefault(enrollment_id, []).append(result)
    return results
