"""Scoped loads and the explicit visibility rules of the programmes area.

The tenancy scope keeps every row to the URL's network (or, under /i/<school>/, to the school's
networks). On top of it:
* an unpublished programme is seen only by its provider;
* a provider reads the requests and enrollments of its own programmes — pupils only as the copies
  (name, class) an enrollment carries;
* a school reads only its own requests and enrollments (home_institution_id).
"""
from __future__ import annotations

from collections import defaultdict

from flask import abort, g
from flask_login import current_user
from sqlalchemy import Select, false, func, null, or_, select, true

from tenants.models import Institution, InstitutionKind, Membership
from tenants.permissions import MANAGERS, has_role
from workspace.accounts.models import StaffRole, User
from workspace.audit.privacy import register_subject_readers
from workspace.extensions import db
from workspace.programmes.models import (
    HOLDING_PLACE,
    Attestation,
    Direction,
    Enrollment,
    EnrollmentRequest,
    EnrollmentStatus,
    Group,
    Programme,
    ScheduleSlot,
)

# ---- who may do what --------------------------------------------------------------------------------

def is_provider(programme_or_group) -> bool:
    return current_user.is_authenticated and current_user.institution_id == programme_or_group.provider_institution_id


def is_provider_manager(programme_or_group) -> bool:
    return is_provider(programme_or_group) and has_role(*MANAGERS)


def can_offer_programmes() -> bool:
    """Managers of a member institution publish programmes in the network (as their provider)."""
    return g.get("membership") is not None and has_role(*MANAGERS)


def is_provider_admin(group: Group) -> bool:
    return is_provider(group) and has_role(StaffRole.ADMIN)


# ---- programmes ---------------------------------------------------------------------------------------

def is_visible_programme():
    """SQL: a programme the user may see: a published one, or a draft of the user's own institution."""
    own = current_user.institution_id if current_user.is_authenticated else None
    return or_(Programme.is_published.is_(True), Programme.provider_institution_id == own)


def visible_programmes() -> Select:
    return select(Programme).where(is_visible_programme())


# The history of a programme (and of its groups, requests and enrollments) follows the programme itself.
register_subject_readers("Programme", lambda: select(Programme.id).where(is_visible_programme()))


def get_programme_or_404(programme_id: int) -> Programme:
    programme = db.session.scalar(visible_programmes().where(Programme.id == programme_id))
    if programme is None:
        abort(404)
    return programme


def enrolled_counts(programme_ids: list[int]) -> dict[int, int]:
    if not programme_ids:
        return {}
    return dict(db.session.execute(
        select(Enrollment.programme_id, func.count()).where(Enrollment.programme_id.in_(programme_ids),
                                                            Enrollment.status.in_(HOLDING_PLACE))
        .group_by(Enrollment.programme_id)).all())


def programme_list(direction: str = "", provider_id: int | None = None, grade: int | None = None,
                   published_only: bool = False) -> Select:
    """Programme, provider's short name, places taken — one statement per page."""
    taken = (select(func.count()).where(Enrollment.programme_id == Programme.id, Enrollment.status.in_(HOLDING_PLACE))
             .correlate(Programme).scalar_subquery())
    base = visible_programmes() if not published_only else select(Programme).where(Programme.is_published.is_(True))
    statement = base.add_columns(Institution.short_name, taken.label("taken")) \
        .join(Institution, Institution.id == Programme.provider_institution_id) \
        .order_by(Programme.title, Programme.id)
    if direction in {d.value for d in Direction}:
        statement = statement.where(Programme.direction == Direction(direction))
    if provider_id:
        statement = statement.where(Programme.provider_institution_id == provider_id)
    if grade:
        statement = statement.where(Programme.grade_min <= grade, Programme.grade_max >= grade)
    return statement


def providers_in_network(network_id: int) -> list[tuple[int, str]]:
    return [(row.id, row.short_name) for row in db.session.execute(
        select(Institution.id, Institution.short_name).join(Membership, Membership.institution_id == Institution.id)
        .where(Membership.network_id == network_id).order_by(Institution.short_name))]


def schools_in_network(network_id: int) -> list[tuple[int, str]]:
    return [(row.id, row.short_name) for row in db.session.execute(
        select(Institution.id, Institution.short_name).join(Membership, Membership.institution_id == Institution.id)
        .where(Membership.network_id == network_id, Institution.kind == InstitutionKind.SCHOOL)
        .order_by(Institution.short_name))]


def teachers_of(institution_id: int) -> list[tuple[int, str]]:
    return [(row.id, row.full_name) for row in db.session.execute(
        select(User.id, User.full_name).where(User.institution_id == institution_id, User.is_enabled.is_(True))
        .order_by(User.full_name))]


def _held_places(column):
    """SQL: the places taken (enrollments holding one) of the programme or group ``column`` names, correlated."""
    return (select(func.count()).select_from(Enrollment)
            .where(Enrollment.status.in_(HOLDING_PLACE), column).scalar_subquery())


def groups_with_slots(programme_ids: list[int]) -> dict[int, list[tuple[Group, str, list[ScheduleSlot], int]]]:
    """programme id → [(group, teacher's name, slots, places taken)] in two statements."""
    if not programme_ids:
        return {}
    groups = db.session.execute(select(Group, User.full_name, _held_places(Enrollment.group_id == Group.id))
                                .outerjoin(User, User.id == Group.teacher_id)
                                .where(Group.programme_id.in_(programme_ids)).order_by(Group.name, Group.id)).all()
    slots: dict[int, list[ScheduleSlot]] = defaultdict(list)
    if groups:
        for slot in db.session.scalars(select(ScheduleSlot).where(ScheduleSlot.group_id.in_([gr.id for gr, _n, _t in groups]))
                                       .order_by(ScheduleSlot.weekday, ScheduleSlot.starts_at)):
            slots[slot.group_id].append(slot)
    result: dict[int, list] = defaultdict(list)
    for group, teacher, taken in groups:
        result[group.programme_id].append((group, teacher or "", slots[group.id], taken))
    return result


def groups_and_places(programme_id: int) -> list[tuple[Group, int]]:
    """The programme's groups by name, each with its places taken: one statement."""
    return [tuple(row) for row in db.session.execute(
        select(Group, _held_places(Enrollment.group_id == Group.id))
        .where(Group.programme_id == programme_id).order_by(Group.name))]


def request_parties(enrollment_request, programme: Programme) -> tuple[str, str | None, int]:
    """A request's school (short name), who sent it (None when unknown) and the places taken in its programme:
    one statement."""
    sender = (select(User.full_name).where(User.id == enrollment_request.sent_by_id).scalar_subquery()
              if enrollment_request.sent_by_id else null())
    row = db.session.execute(select(Institution.short_name, sender,
                                    _held_places(Enrollment.programme_id == programme.id))
                             .where(Institution.id == enrollment_request.home_institution_id)).first()
    return (row[0], row[1], row[2]) if row else ("", None, 0)


def provider_and_places(programme: Programme) -> tuple[str, int]:
    """The programme's provider's short name and the places taken in the programme: one statement."""
    row = db.session.execute(select(Institution.short_name, _held_places(Enrollment.programme_id == programme.id))
                             .where(Institution.id == programme.provider_institution_id)).first()
    return (row[0], row[1]) if row else ("", 0)


def get_group_or_404(programme: Programme, group_id: int) -> Group:
    return db.first_or_404(select(Group).where(Group.id == group_id, Group.programme_id == programme.id))


def get_slot_or_404(group: Group, slot_id: int) -> ScheduleSlot:
    return db.first_or_404(select(ScheduleSlot).where(ScheduleSlot.id == slot_id, ScheduleSlot.group_id == group.id))


def group_counts(group_ids: list[int]) -> dict[int, int]:
    if not group_ids:
        return {}
    return dict(db.session.execute(
        select(Enrollment.group_id, func.count()).where(Enrollment.group_id.in_(group_ids),
                                                        Enrollment.status.in_(HOLDING_PLACE))
        .group_by(Enrollment.group_id)).all())


# ---- requests and enrollments -----------------------------------------------------------------------

def reads_provider_inbox() -> bool:
    """The inbox of schools' requests (pupils' names, classes, refusal reasons) is read by the provider's admin
    and coordinator, who decide on it; the provider's teachers read their own groups' pupils in the journal."""
    return has_role(*MANAGERS)


def provider_requests() -> Select:
    """The provider's inbox: requests to the programmes of the user's institution, with counts (empty for
    everyone else, the provider's teachers and staff included)."""
    waiting = func.count(Enrollment.id).filter(Enrollment.status == EnrollmentStatus.REQUESTED)
    return (select(EnrollmentRequest, Programme.title, Institution.short_name, func.count(Enrollment.id), waiting)
            .join(Programme, Programme.id == EnrollmentRequest.programme_id)
            .join(Institution, Institution.id == EnrollmentRequest.home_institution_id)
            .outerjoin(Enrollment, Enrollment.request_id == EnrollmentRequest.id)
            .where(Programme.provider_institution_id == current_user.institution_id,
                   true() if reads_provider_inbox() else false())
            .group_by(EnrollmentRequest.id, Programme.title, Institution.short_name)
            .order_by(EnrollmentRequest.sent_at.desc(), EnrollmentRequest.id.desc()))


def school_requests() -> Select:
    decided = func.count(Enrollment.id).filter(Enrollment.status != EnrollmentStatus.REQUESTED)
    return (select(EnrollmentRequest, Programme.title, Institution.short_name, func.count(Enrollment.id), decided)
            .join(Programme, Programme.id == EnrollmentRequest.programme_id)
            .join(Institution, Institution.id == Programme.provider_institution_id)
            .outerjoin(Enrollment, Enrollment.request_id == EnrollmentRequest.id)
            .where(EnrollmentRequest.home_institution_id == g.institution.id)
            .group_by(EnrollmentRequest.id, Programme.title, Institution.short_name)
            .order_by(EnrollmentRequest.sent_at.desc(), EnrollmentRequest.id.desc()))


def get_school_request_or_404(request_id: int) -> tuple[EnrollmentRequest, Programme]:
    row = db.session.execute(select(EnrollmentRequest, Programme)
                             .join(Programme, Programme.id == EnrollmentRequest.programme_id)
                             .where(EnrollmentRequest.id == request_id,
                                    EnrollmentRequest.home_institution_id == g.institution.id)).first()
    if row is None:
        abort(404)
    return row[0], row[1]


def get_enrollment_or_404(request: EnrollmentRequest, enrollment_id: int) -> Enrollment:
    return db.first_or_404(select(Enrollment).where(Enrollment.id == enrollment_id,
                                                    Enrollment.request_id == request.id))


def enrollments_of_request(request_id: int) -> list[tuple[Enrollment, str | None]]:
    """The request's pupils as the provider may see them (copies), with their group's name."""
    return list(db.session.execute(
        select(Enrollment, Group.name).outerjoin(Group, Group.id == Enrollment.group_id)
        .where(Enrollment.request_id == request_id).order_by(Enrollment.pupil_name, Enrollment.id)).all())


def enrollments_of_pupil(pupil_id: int):
    """The home school's view of one of its pupils across networks (column tuples)."""
    return db.session.execute(
        select(Enrollment.id, Enrollment.status, Enrollment.waiting_position, Enrollment.decline_reason,
               Programme.title, Programme.direction, Institution.short_name.label("provider"),
               Group.name.label("group_name"))
        .join(Programme, Programme.id == Enrollment.programme_id)
        .join(Institution, Institution.id == Programme.provider_institution_id)
        .outerjoin(Group, Group.id == Enrollment.group_id)
        .where(Enrollment.home_institution_id == g.institution.id, Enrollment.pupil_id == pupil_id)
        .order_by(Enrollment.created_at.desc())).all()


def next_waiting_position(programme_id: int) -> int:
    return (db.session.scalar(select(func.max(Enrollment.waiting_position))
                              .where(Enrollment.programme_id == programme_id,
                                     Enrollment.status == EnrollmentStatus.WAITING)) or 0) + 1


def first_waiting_ahead(programme_id: int, enrollment: Enrollment) -> Enrollment | None:
    """The first pupil of the programme's waiting list standing before this one (whoever the home school):
    the list is served in order."""
    if enrollment.waiting_position is None:
        return None
    return db.session.scalar(select(Enrollment).where(Enrollment.programme_id == programme_id,
                                                      Enrollment.status == EnrollmentStatus.WAITING,
                                                      Enrollment.waiting_position < enrollment.waiting_position)
                             .order_by(Enrollment.waiting_position, Enrollment.id).limit(1))


def taken_places(programme_id: int) -> int:
    return db.session.scalar(select(func.count()).select_from(Enrollment)
                             .where(Enrollment.programme_id == programme_id,
                                    Enrollment.status.in_(HOLDING_PLACE))) or 0


DECISIONS_SHOWN_DAYS = 30  # how long the desk of a school tells of a provider's refusal or waiting list


def attestations_of(programme_id: int) -> list[Attestation]:
    """A programme's forms and dates of attestation, by date."""
    return list(db.session.scalars(select(Attestation).where(Attestation.programme_id == programme_id)
                                   .order_by(Attestation.held_on, Attestation.id)))
