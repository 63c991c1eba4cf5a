"""Teacher load (нагрузка педагогов) at a provider: hours per teacher and group, from programme hours."""
from __future__ import annotations

from collections import defaultdict

from flask_login import current_user
from sqlalchemy import func, select

from workspace.accounts.models import User
from workspace.extensions import db
from workspace.programmes.models import HOLDING_PLACE, Enrollment, Group, Programme


def load_of_provider():
    """Rows (group id, provider id, programme, group, teacher, hours, pupils, agreed at) of the user's
    institution in this network, and hours per teacher."""
    pupils = (select(func.count()).where(Enrollment.group_id == Group.id, Enrollment.status.in_(HOLDING_PLACE))
              .correlate(Group).scalar_subquery())
    rows = db.session.execute(
        select(Group.id, Group.provider_institution_id, Programme.title, Group.name.label("group_name"),
               User.full_name.label("teacher"), Programme.hours, pupils.label("pupils"), Group.load_agreed_at)
        .join(Programme, Programme.id == Group.programme_id)
        .outerjoin(User, User.id == Group.teacher_id)
        .where(Group.provider_institution_id == current_user.institution_id)
        .order_by(User.full_name, Programme.title, Group.name)).all()
    totals: dict[str, int] = defaultdict(int)
    for row in rows:
        totals[row.teacher or ""] += row.hours
    return rows, dict(totals)
