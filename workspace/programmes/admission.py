"""Who may apply to a programme: the grades it is for, and one live application per child and programme."""
from __future__ import annotations

from sqlalchemy import select

from workspace.core.i18n import gettext as _
from workspace.extensions import db
from workspace.programmes.models import Application, ApplicationStatus
from workspace.pupils.models import grade_of

LIVE = (ApplicationStatus.NEW, ApplicationStatus.ACCEPTED, ApplicationStatus.SENT)


def grade_refusal(programme, class_label: str, grade: int | None = None) -> str | None:
    """Why a pupil of this class cannot apply (the programme is for other grades), or None."""
    grade = grade if grade is not None else grade_of(class_label or "")
    if grade is None or programme.grade_min <= grade <= programme.grade_max:
        return None
    return _("Программа «%(title)s» — для %(a)d–%(b)d классов, а обучающийся в %(grade)d классе.",
             title=programme.title, a=programme.grade_min, b=programme.grade_max, grade=grade)


def _name_key(text: str) -> str:
    return " ".join((text or "").lower().replace("ё", "е").split())


def has_live_application(programme_id: int, *, pupil_id: int | None = None, full_name: str = "",
                         class_label: str = "") -> bool:
    """Whether the school (the scope) already holds a live application of this child to this programme:
    by the pupil of its registry, or (from the public form) by the same name and class."""
    statement = select(Application.id).where(Application.programme_id == programme_id,
                                             Application.status.in_(LIVE))
    if pupil_id is not None:
        statement = statement.where(Application.pupil_id == pupil_id)
    else:
        # compared here, not in SQL: SQLite's lower() leaves Cyrillic as it is
        candidates = db.session.execute(statement.add_columns(Application.pupil_full_name,
                                                              Application.class_label)).all()
        return any(_name_key(name) == _name_key(full_name) and _name_key(label).replace(" ", "")
                   == _name_key(class_label).replace(" ", "") for _id, name, label in candidates)
    return db.session.scalar(statement.limit(1)) is not None
