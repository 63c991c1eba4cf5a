"""What the network's documents are made of: scoped reads, one statement each, as column tuples.

Users are an identity table: every read of them here names the institution explicitly (the heads of the
network's members, the staff of the user's own school)."""
from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field

from flask import g
from sqlalchemy import func, or_, select

from tenants.models import Institution, MemberRole, Membership, Seat
from workspace.accounts.models import StaffRole, User
from workspace.agreements.models import (
    Agreement,
    AgreementKind,
    AgreementLink,
    AgreementParty,
    AgreementStatus,
    Obligation,
)
from workspace.bank.models import NormativeDocument
from workspace.extensions import db
from workspace.networks.models import InteractionRow
from workspace.programmes.models import (
    WEEKDAYS,
    Enrollment,
    EnrollmentRequest,
    EnrollmentStatus,
    Group,
    Programme,
    ScheduleSlot,
)
from workspace.pupils.models import Pupil

HEAD_WORDS = ("директор", "заведующ", "начальник", "руководитель", "ректор", "президент", "председатель")


@dataclass(frozen=True)
class Person:
    full_name: str
    position: str


def _is_head(position: str) -> bool:
    words = position.casefold()
    return words.startswith(HEAD_WORDS) and not words.startswith(("заместитель", "зам."))


def heads_of(institution_ids: list[int]) -> dict[int, Person]:
    """The head (руководитель) of each institution: its admin whose position reads as a head's («Директор»,
    «Заведующая»), else its first admin; an institution without an admin is left out."""
    rows = db.session.execute(
        select(User.institution_id, User.full_name, User.position, User.id)
        .where(User.institution_id.in_(institution_ids), User.role == StaffRole.ADMIN, User.is_enabled.is_(True))
        .order_by(User.id))
    heads: dict[int, Person] = {}
    for institution_id, full_name, position, _id in rows:
        current = heads.get(institution_id)
        if current is None or (_is_head(position) and not _is_head(current.position)):
            heads[institution_id] = Person(full_name, position or "Руководитель")
    return heads


def staff_of(institution_id: int) -> list[tuple[int, str, str, StaffRole | None]]:
    """(id, full name, position, role) of an institution's enabled users, by name."""
    return [tuple(row) for row in db.session.execute(
        select(User.id, User.full_name, User.position, User.role)
        .where(User.institution_id == institution_id, User.is_enabled.is_(True)).order_by(User.full_name))]


@dataclass(frozen=True)
class Member:
    institution: Institution
    role: MemberRole
    interaction_forms: str


def members() -> list[Member]:
    """The network's member institutions: the base first, then network and social partners, by name."""
    order = {MemberRole.BASE: 0, MemberRole.NETWORK_PARTNER: 1, MemberRole.SOCIAL_PARTNER: 2}
    rows = db.session.execute(select(Institution, Membership.role)
                              .join(Membership, Membership.institution_id == Institution.id)
                              .where(Membership.network_id == g.network.id))
    forms: dict[int, list[str]] = {}
    for institution_id, text in db.session.execute(  # the forms of the member's rows of the interaction model
            select(InteractionRow.institution_id, InteractionRow.forms)
            .where(InteractionRow.network_id == g.network.id, InteractionRow.institution_id.is_not(None))
            .order_by(InteractionRow.position, InteractionRow.id)):
        forms.setdefault(institution_id, []).append(text)
    found = [Member(institution, role, "\n".join(forms.get(institution.id, []))) for institution, role in rows]
    return sorted(found, key=lambda member: (order[member.role], member.institution.short_name))


@dataclass
class Council:
    by_role: Counter = field(default_factory=Counter)  # SeatRole → seats
    represented: list[str] = field(default_factory=list)  # institutions and groups its members represent

    @property
    def seats(self) -> int:
        return sum(self.by_role.values())


def council() -> Council:
    """The council's composition: seats by role and whom they represent (an institution's short name for its staff,
    the «represents» text of an external member), without names."""
    result = Council()
    represented: list[str] = []
    for role, represents, institution in db.session.execute(
            select(Seat.role, Seat.represents, Institution.short_name)
            .join(User, User.id == Seat.user_id).outerjoin(Institution, Institution.id == User.institution_id)
            .order_by(Seat.id)):
        result.by_role[role] += 1
        who = (represents or "").strip() or institution or ""
        if who and who not in represented:
            represented.append(who)
    result.represented = represented
    return result


def normative_documents() -> list[NormativeDocument]:
    """The network's register of normative documents, oldest first."""
    return list(db.session.scalars(select(NormativeDocument).order_by(NormativeDocument.approved_on.nulls_last(),
                                                                      NormativeDocument.id)))


@dataclass
class Enrolled:
    programme: Programme
    provider: str
    pupils: list[tuple[str, str]]  # (full name, class)


def enrolled_pupils(school_id: int) -> list[Enrolled]:
    """The school's pupils enrolled in the network's programmes (status «зачислен»), per programme and provider,
    from the school's own registry of pupils (name and class as they are now). One statement."""
    rows = db.session.execute(
        select(Programme, Institution.short_name, Pupil.surname, Pupil.name, Pupil.patronymic, Pupil.class_label)
        .join(Enrollment, Enrollment.programme_id == Programme.id)
        .join(Pupil, Pupil.id == Enrollment.pupil_id)
        .join(Institution, Institution.id == Programme.provider_institution_id)
        .where(Enrollment.home_institution_id == school_id, Pupil.institution_id == school_id,
               Enrollment.status == EnrollmentStatus.ENROLLED)
        .order_by(Institution.short_name, Programme.title, Programme.id, Pupil.surname, Pupil.name, Pupil.id))
    found: dict[int, Enrolled] = {}
    for programme, provider, surname, name, patronymic, class_label in rows:
        entry = found.setdefault(programme.id, Enrolled(programme, provider, []))
        entry.pupils.append((" ".join(part for part in (surname, name, patronymic) if part), class_label or ""))
    return list(found.values())


def enrolled_count(programme_id: int, school_id: int) -> int:
    return db.session.scalar(select(func.count()).select_from(Enrollment).where(
        Enrollment.programme_id == programme_id, Enrollment.home_institution_id == school_id,
        Enrollment.status == EnrollmentStatus.ENROLLED)) or 0


@dataclass
class Delivery:
    groups: list[str]  # «Группа 1 (каб. 12)»
    places: list[str]
    teachers: list[str]
    slots: list[str]


def delivery_of(programme_id: int) -> Delivery:
    """Where and by whom the provider teaches the programme: its groups' places, teachers and weekly slots."""
    rows = db.session.execute(
        select(Group.name, Group.place, User.full_name, ScheduleSlot.weekday, ScheduleSlot.starts_at,
               ScheduleSlot.ends_at, ScheduleSlot.place)
        .outerjoin(User, User.id == Group.teacher_id)
        .outerjoin(ScheduleSlot, ScheduleSlot.group_id == Group.id)
        .where(Group.programme_id == programme_id).order_by(Group.name, ScheduleSlot.weekday, ScheduleSlot.starts_at))
    groups, places, teachers, slots = [], [], [], []
    for name, place, teacher, weekday, starts_at, ends_at, slot_place in rows:
        for value, into in ((name, groups), (place, places), (slot_place, places), (teacher, teachers)):
            if value and value not in into:
                into.append(value)
        if weekday is not None:
            slots.append(f"{name}: {WEEKDAYS[weekday]}, {starts_at:%H:%M}–{ends_at:%H:%M}")
    return Delivery(groups, places, teachers, slots)


@dataclass
class AgreementRecord:
    agreement: Agreement
    obligations: dict[int, list[str]]  # institution id → its obligations as written


def agreement_record(programme_id: int, school_id: int, provider_id: int) -> AgreementRecord | None:
    """The network's agreement «о сетевой форме» that covers the programme (a link to it) with both institutions as
    parties, the newest not terminated; None when there is none (the document is made from the programme)."""
    parties = select(AgreementParty.agreement_id).where(AgreementParty.institution_id.in_((school_id, provider_id))) \
        .group_by(AgreementParty.agreement_id).having(func.count() == 2)
    agreement = db.session.scalar(
        select(Agreement).join(AgreementLink, AgreementLink.agreement_id == Agreement.id)
        .where(Agreement.kind == AgreementKind.NETWORK_PROGRAMME, Agreement.status != AgreementStatus.TERMINATED,
               AgreementLink.target_kind == "programme", AgreementLink.target_id == programme_id,
               Agreement.id.in_(parties))
        .order_by(Agreement.signed_on.desc(), Agreement.id.desc()).limit(1))
    if agreement is None:
        return None
    obligations: dict[int, list[str]] = defaultdict(list)
    for institution_id, text, term in db.session.execute(
            select(AgreementParty.institution_id, Obligation.text, Obligation.term)
            .join(AgreementParty, AgreementParty.id == Obligation.party_id)
            .where(Obligation.agreement_id == agreement.id).order_by(Obligation.position, Obligation.id)):
        obligations[institution_id].append(text + (f" ({term})" if term else ""))
    return AgreementRecord(agreement, obligations)


def agreement_pairs(institution_id: int) -> list[tuple[Programme, Institution]]:
    """The (programme, school) pairs an institution is a party of: as a provider, each school that sent pupils to its
    programme; as a school, each published programme of another provider it sent pupils to or is bound to by an
    agreement «о сетевой форме». By programme and school."""
    own_programmes = select(Programme.id).where(Programme.provider_institution_id == institution_id)
    requested = (select(EnrollmentRequest.programme_id, EnrollmentRequest.home_institution_id).distinct()
                 .where(or_(EnrollmentRequest.home_institution_id == institution_id,
                            EnrollmentRequest.programme_id.in_(own_programmes))))
    bound = select(AgreementParty.agreement_id).where(AgreementParty.institution_id == institution_id)
    linked = (select(AgreementLink.target_id, AgreementParty.institution_id)
              .join(Agreement, Agreement.id == AgreementLink.agreement_id)
              .join(AgreementParty, AgreementParty.agreement_id == Agreement.id)
              .where(AgreementLink.target_kind == "programme", Agreement.kind == AgreementKind.NETWORK_PROGRAMME,
                     Agreement.id.in_(bound)))
    pairs = {(programme_id, school_id) for programme_id, school_id in db.session.execute(requested)}
    pairs |= {(programme_id, school_id) for programme_id, school_id in db.session.execute(linked)}
    if not pairs:
        return []
    programme_ids = {programme_id for programme_id, _school in pairs}
    school_ids = {school_id for _programme, school_id in pairs}
    programmes = {programme.id: programme for programme in db.session.scalars(
        select(Programme).where(Programme.id.in_(programme_ids)))}
    schools = {school.id: school for school in db.session.scalars(
        select(Institution).join(Membership, Membership.institution_id == Institution.id)
        .where(Institution.id.in_(school_ids), Membership.network_id == g.network.id))}
    found = []
    for programme_id, school_id in pairs:
        programme, school = programmes.get(programme_id), schools.get(school_id)
        if programme is None or school is None or school_id == programme.provider_institution_id:
            continue
        if institution_id == programme.provider_institution_id or (
                institution_id == school_id and programme.is_published):
            found.append((programme, school))
    return sorted(found, key=lambda pair: (pair[0].title, pair[1].short_name))
