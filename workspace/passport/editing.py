"""Writing the passport: its first version from the network's own settings, the form's values, the grounds
ticked in the register, the stages' order."""
from __future__ import annotations

from flask import g
from sqlalchemy import func, select

from workspace.extensions import db
from workspace.passport.models import (
    OFFERED_STAGES,
    RESOURCE_KINDS,
    RESULT_KINDS,
    PassportGround,
    PassportStage,
    ProgrammePassport,
)
from workspace.passport.queries import ground_ids_of, institutions_of_network

TEXT_FIELDS = ("name", "grounds", "developer", "executors", "goal", "tasks", "starts_on", "ends_on", "control",
               *(f"results_{kind}" for kind in RESULT_KINDS), *(f"resources_{kind}" for kind in RESOURCE_KINDS))


def defaults() -> dict:
    """What a new passport starts from: the network's name, goal, tasks and period; the base institution's
    administration as the developer (by its short name: «Администрация МБОУ «СОШ №31»», where the abbreviation
    needs no declension, unlike the full name); the member institutions as the executors."""
    network = g.network
    members = institutions_of_network()
    base = next((short or full for full, short, is_base in members if is_base), "")
    return {
        "name": network.name, "goal": network.goal or "", "tasks": network.tasks or "",
        "starts_on": network.starts_on, "ends_on": network.ends_on,
        "developer": f"Администрация {base}".strip() if base else "",
        "executors": "\n".join(full or short for full, short, _is_base in members),
    }


def apply_form(passport: ProgrammePassport, form) -> None:
    for name in TEXT_FIELDS:
        value = getattr(form, name).data
        setattr(passport, name, value if value is not None else "")


def create_passport(form) -> ProgrammePassport:
    """The network's passport, with the four stages the programmes name (dated and described afterwards)."""
    passport = ProgrammePassport(network_id=g.network.id)
    apply_form(passport, form)
    db.session.add(passport)
    db.session.flush()
    for position, title in enumerate(OFFERED_STAGES, start=1):
        db.session.add(PassportStage(network_id=g.network.id, passport_id=passport.id, position=position, title=title))
    return passport


def set_grounds(passport: ProgrammePassport, document_ids: list[int]) -> None:
    """The register's documents ticked as grounds: the new ones added, the unticked removed (each an entry of the
    history), the others left as they are."""
    wanted = set(document_ids)
    present = ground_ids_of(passport.id)
    for document_id in sorted(wanted - present):
        db.session.add(PassportGround(network_id=passport.network_id, passport_id=passport.id, document_id=document_id))
    if present - wanted:
        for ground in db.session.scalars(select(PassportGround).where(
                PassportGround.passport_id == passport.id, PassportGround.document_id.in_(present - wanted))):
            db.session.delete(ground)


def next_position(passport_id: int) -> int:
    return (db.session.scalar(select(func.max(PassportStage.position))
                              .where(PassportStage.passport_id == passport_id)) or 0) + 1
