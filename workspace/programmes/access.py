"""Access to programmes, their groups and slots, the provider's enrollment requests and a group's teaching
load, one helper per kind: each loads the object through its parent (404 for a foreign one) and checks the
right (403 for a member who lacks it: the provider's managers change a programme and decide on requests,
its admins agree the load). Reading a programme needs no helper beyond the scoped loads of ``queries.py``."""
from __future__ import annotations

from flask import abort
from flask_login import current_user
from sqlalchemy import select

from workspace.core.access import require
from workspace.extensions import db
from workspace.programmes.models import Enrollment, EnrollmentRequest, Group, Programme, ScheduleSlot
from workspace.programmes.queries import (
    get_enrollment_or_404,
    get_group_or_404,
    get_programme_or_404,
    get_slot_or_404,
    is_provider_admin,
    is_provider_manager,
    reads_provider_inbox,
)


def editable_programme_or_404(programme_id: int) -> Programme:
    programme = get_programme_or_404(programme_id)
    require(is_provider_manager(programme))
    return programme


def editable_group_or_404(programme_id: int, group_id: int) -> tuple[Programme, Group]:
    programme = get_programme_or_404(programme_id)
    group = get_group_or_404(programme, group_id)
    require(is_provider_manager(programme))
    return programme, group


def editable_slot_or_404(programme_id: int, group_id: int, slot_id: int) -> tuple[Programme, Group, ScheduleSlot]:
    programme = get_programme_or_404(programme_id)
    group = get_group_or_404(programme, group_id)
    slot = get_slot_or_404(group, slot_id)
    require(is_provider_manager(programme))
    return programme, group, slot


def provider_request_or_404(request_id: int) -> tuple[EnrollmentRequest, Programme]:
    """A request sent to the user's institution as provider: 404 to anyone else; 403 to its own staff who
    do not read the inbox (the request is not a secret to its teachers, but not theirs to read)."""
    row = db.session.execute(select(EnrollmentRequest, Programme)
                             .join(Programme, Programme.id == EnrollmentRequest.programme_id)
                             .where(EnrollmentRequest.id == request_id,
                                    Programme.provider_institution_id == current_user.institution_id)).first()
    if row is None:
        abort(404)
    require(reads_provider_inbox())
    return row[0], row[1]


def decidable_enrollment_or_404(request_id: int,
                                enrollment_id: int) -> tuple[EnrollmentRequest, Programme, Enrollment]:
    """A pupil of a provider's request to accept, decline, place or withdraw: the provider's managers."""
    enrollment_request, programme = provider_request_or_404(request_id)
    enrollment = get_enrollment_or_404(enrollment_request, enrollment_id)
    require(is_provider_manager(programme))
    return enrollment_request, programme, enrollment


def load_group_or_404(group_id: int) -> Group:
    """A group of the user's institution as provider, whose teaching load its admins agree."""
    group = db.session.scalar(select(Group).where(Group.id == group_id,
                                                  Group.provider_institution_id == current_user.institution_id))
    if group is None:
        abort(404)
    require(is_provider_admin(group))
    return group
