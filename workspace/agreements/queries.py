"""Scoped loads of the agreement area, and who of the network sees what of an agreement.

DESIGN.md: its parties (users of party institutions) and the council (seat holders) see it all; other
members only its title and parties, and only if it is published. An agreement one may not see at all
answers 404, as a foreign object does.
"""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date

from flask import abort, g
from flask_login import current_user
from sqlalchemy import and_, exists, or_, select

from tenants.models import Institution, Membership
from tenants.permissions import MANAGERS, has_role
from workspace.accounts.models import StaffRole, User
from workspace.agreements.models import (
    Agreement,
    AgreementFile,
    AgreementKind,
    AgreementLink,
    AgreementParty,
    AgreementStatus,
    Obligation,
)
from workspace.audit.privacy import register_subject_readers
from workspace.extensions import db

REMINDER_DAYS = 30


@dataclass
class Party:
    party: AgreementParty
    short_name: str
    full_name: str
    accepted_by: str | None

    @property
    def id(self) -> int:
        return self.party.id

    @property
    def institution_id(self) -> int:
        return self.party.institution_id


@dataclass
class Loaded:
    agreement: Agreement
    parties: list[Party]
    full: bool  # the user sees everything (party or council), not only the title and the parties

    @property
    def party_institutions(self) -> set[int]:
        return {party.institution_id for party in self.parties}

    @property
    def may_write(self) -> bool:
        """Parties' admins and coordinators."""
        return has_role(*MANAGERS) and current_user.institution_id in self.party_institutions

    @property
    def is_draft(self) -> bool:
        return self.agreement.status is AgreementStatus.DRAFT

    def my_party(self) -> Party | None:
        return next((party for party in self.parties if party.institution_id == current_user.institution_id), None)

    @property
    def may_accept(self) -> bool:
        party = self.my_party()
        return (self.agreement.status is AgreementStatus.SIGNING and party is not None
                and party.party.accepted_at is None and has_role(StaffRole.ADMIN))


def parties_of(agreement_ids: list[int]) -> dict[int, list[Party]]:
    rows = db.session.execute(
        select(AgreementParty, Institution.short_name, Institution.full_name, User.full_name)
        .join(Institution, Institution.id == AgreementParty.institution_id)
        .outerjoin(User, User.id == AgreementParty.accepted_by_id)
        .where(AgreementParty.agreement_id.in_(agreement_ids))
        .order_by(AgreementParty.agreement_id, AgreementParty.position, AgreementParty.id))
    result: dict[int, list[Party]] = defaultdict(list)
    for party, short_name, full_name, accepted_by in rows:
        result[party.agreement_id].append(Party(party, short_name, full_name, accepted_by))
    return result


def sees_full(party_institutions: set[int]) -> bool:
    return g.get("seat") is not None or (current_user.institution_id is not None
                                         and current_user.institution_id in party_institutions)


def readable_agreement_ids():
    """For the history: the agreements whose changes the user reads (a party's; every one for the council)."""
    if g.get("seat") is not None:
        return None
    return select(AgreementParty.agreement_id).where(AgreementParty.institution_id == current_user.institution_id)


register_subject_readers("Agreement", readable_agreement_ids)


def get_agreement_or_404(agreement_id: int, *, full: bool = True) -> Loaded:
    """The agreement with its parties; 404 unless the user may see it (in full, when ``full``)."""
    agreement = db.session.scalar(select(Agreement).where(Agreement.id == agreement_id))
    if agreement is None:
        abort(404)
    parties = parties_of([agreement.id])[agreement.id]
    loaded = Loaded(agreement, parties, sees_full({party.institution_id for party in parties}))
    if not loaded.full and (full or not agreement.is_published):
        abort(404)
    return loaded


def get_party_or_404(loaded: Loaded, party_id: int) -> Party:
    party = next((party for party in loaded.parties if party.id == party_id), None)
    if party is None:
        abort(404)
    return party


def get_obligation_or_404(loaded: Loaded, obligation_id: int) -> Obligation:
    return db.first_or_404(select(Obligation).where(Obligation.id == obligation_id,
                                                    Obligation.agreement_id == loaded.agreement.id))


def get_file_or_404(loaded: Loaded, file_id: int) -> AgreementFile:
    return db.first_or_404(select(AgreementFile).where(AgreementFile.id == file_id,
                                                       AgreementFile.agreement_id == loaded.agreement.id))


def get_link_or_404(loaded: Loaded, link_id: int) -> AgreementLink:
    return db.first_or_404(select(AgreementLink).where(AgreementLink.id == link_id,
                                                       AgreementLink.agreement_id == loaded.agreement.id))


def obligations_of(agreement_id: int) -> dict[int, list[Obligation]]:
    """party id → its obligations in order."""
    result: dict[int, list[Obligation]] = defaultdict(list)
    for obligation in db.session.scalars(select(Obligation).where(Obligation.agreement_id == agreement_id)
                                         .order_by(Obligation.position, Obligation.id)):
        result[obligation.party_id].append(obligation)
    return result


def files_of(agreement_id: int) -> list:
    """Column tuples: the contents stay in the database until a file is opened."""
    return list(db.session.execute(
        select(AgreementFile.id, AgreementFile.filename, AgreementFile.content_type, AgreementFile.size,
               AgreementFile.created_at)
        .where(AgreementFile.agreement_id == agreement_id).order_by(AgreementFile.id)))


def member_institutions() -> list[tuple[int, str]]:
    return [(row.id, row.short_name) for row in db.session.execute(
        select(Institution.id, Institution.short_name).join(Membership, Membership.institution_id == Institution.id)
        .where(Membership.network_id == g.network.id).order_by(Institution.short_name))]


def full_condition():
    """SQL: the current user sees the agreement in full."""
    if g.get("seat") is not None:
        return and_(True)
    return exists().where(AgreementParty.agreement_id == Agreement.id,
                          AgreementParty.institution_id == current_user.institution_id)


def status_condition(status: AgreementStatus, today: date):
    """Expiry is computed on read: an active agreement past its end date is «Истёк»."""
    if status is AgreementStatus.ACTIVE:
        return and_(Agreement.status == AgreementStatus.ACTIVE, Agreement.ends_on >= today)
    if status is AgreementStatus.EXPIRED:
        return or_(Agreement.status == AgreementStatus.EXPIRED,
                   and_(Agreement.status == AgreementStatus.ACTIVE, Agreement.ends_on < today))
    return Agreement.status == status


def list_statement(status: AgreementStatus | None, kind: AgreementKind | None, party: int | None, today: date):
    """Agreements the user may see: in full, or (published) by title and parties. Filters by status and
    kind reach only those seen in full: the status of another's agreement is not shown, so not searchable."""
    statement = select(Agreement).order_by(Agreement.signed_on.desc(), Agreement.id.desc())
    full = full_condition()
    statement = statement.where(or_(Agreement.is_published, full))
    if status is not None or kind is not None:
        statement = statement.where(full)
    if status is not None:
        statement = statement.where(status_condition(status, today))
    if kind is not None:
        statement = statement.where(Agreement.kind == kind)
    if party is not None:
        statement = statement.where(exists().where(AgreementParty.agreement_id == Agreement.id,
                                                   AgreementParty.institution_id == party))
    return statement


def number_taken(number: str, except_id: int | None = None) -> bool:
    statement = select(Agreement.id).where(Agreement.number == number)
    if except_id is not None:
        statement = statement.where(Agreement.id != except_id)
    return db.session.scalar(statement.limit(1)) is not None

