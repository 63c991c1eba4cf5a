"""Scoped loads of the passport area: the network's one passport and its parts, a fixed number of statements
whatever their size. Every load names the current network (the URL's), never a form field."""
from __future__ import annotations

from flask import g
from sqlalchemy import select

from tenants.models import Institution, Membership
from workspace.bank.models import NormativeDocument
from workspace.extensions import db
from workspace.passport.models import PassportGround, PassportStage, ProgrammePassport


def current_passport() -> ProgrammePassport | None:
    """The passport of the network the URL names, or None before the base fills it in."""
    return db.session.scalar(select(ProgrammePassport).where(ProgrammePassport.network_id == g.network.id))


def get_passport_or_404() -> ProgrammePassport:
    return db.first_or_404(select(ProgrammePassport).where(ProgrammePassport.network_id == g.network.id))


def get_stage_or_404(passport: ProgrammePassport, stage_id: int) -> PassportStage:
    return db.first_or_404(select(PassportStage).where(PassportStage.id == stage_id,
                                                       PassportStage.passport_id == passport.id))


def stages_of(passport_id: int) -> list[PassportStage]:
    return list(db.session.scalars(select(PassportStage).where(PassportStage.passport_id == passport_id)
                                   .order_by(PassportStage.position, PassportStage.id)))


def grounds_of(passport_id: int) -> list:
    """The register's documents named as grounds, in the register's order: column tuples (one statement)."""
    return list(db.session.execute(
        select(NormativeDocument.id, NormativeDocument.kind, NormativeDocument.number, NormativeDocument.title,
               NormativeDocument.approved_on)
        .join(PassportGround, PassportGround.document_id == NormativeDocument.id)
        .where(PassportGround.passport_id == passport_id)
        .order_by(NormativeDocument.approved_on.is_(None), NormativeDocument.approved_on, NormativeDocument.title,
                  NormativeDocument.id)))


def ground_ids_of(passport_id: int) -> set[int]:
    return set(db.session.scalars(select(PassportGround.document_id).where(PassportGround.passport_id == passport_id)))


def register_documents() -> list:
    """The network's register of normative documents, offered as grounds: column tuples (one statement)."""
    return list(db.session.execute(
        select(NormativeDocument.id, NormativeDocument.kind, NormativeDocument.number, NormativeDocument.title,
               NormativeDocument.approved_on)
        .where(NormativeDocument.network_id == g.network.id)
        .order_by(NormativeDocument.approved_on.is_(None), NormativeDocument.approved_on, NormativeDocument.title,
                  NormativeDocument.id)))


def institutions_of_network() -> list[tuple[str, str, bool]]:
    """(full name, short name, is the base) of the network's members, the base first (one statement)."""
    base_id = g.network.base_institution_id
    return [(row.full_name, row.short_name, row.id == base_id) for row in db.session.execute(
        select(Institution.id, Institution.full_name, Institution.short_name)
        .join(Membership, Membership.institution_id == Institution.id)
        .where(Membership.network_id == g.network.id)
        .order_by(Institution.id != base_id, Institution.short_name))]
