"""The network's interaction model (модель сетевого взаимодействия): its rows «Социальный партнёр — Формы
взаимодействия — Социальный эффект», with any partner — a member institution of the network or a partner without
an account (parents, the traffic police, a methodological centre, a university…). Network-owned.

A row's forms are a short text each, one a line, in order; a plan item names the row it realises
(PlanItem.interaction_row_id, through the composite key (id, network_id) so a tampered id cannot reach another
network's row) and the form chosen from the row's forms (PlanItem.interaction_form, the form's text)."""
from __future__ import annotations

import enum

from sqlalchemy import ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from tenants.models import Institution
from tenants.scoping import NetworkOwned
from workspace.core.i18n import lazy_gettext as _l
from workspace.core.labels import register
from workspace.core.models import CreatedAtMixin, db_enum
from workspace.extensions import db


class PartnerKind(enum.Enum):
    MEMBER = "member"                # a member institution of the network: institution_id names it
    PARENTS = "parents"              # parents (legal representatives)
    AGENCY = "agency"                # a state agency: ГИБДД, МЧС, the police, the health service…
    METHODICAL = "methodical"        # a methodological centre
    UNIVERSITY = "university"        # a university or a college
    ORGANISATION = "organisation"    # any other organisation without an account


PARTNER_KIND_LABELS = {
    PartnerKind.MEMBER: _l("Участник сети"),
    PartnerKind.PARENTS: _l("Родители"),
    PartnerKind.AGENCY: _l("Ведомство, служба"),
    PartnerKind.METHODICAL: _l("Методический центр"),
    PartnerKind.UNIVERSITY: _l("Вуз, колледж"),
    PartnerKind.ORGANISATION: _l("Другая организация"),
}

register(PARTNER_KIND_LABELS)

FORM_MAX_LENGTH = 300


class InteractionRow(NetworkOwned, CreatedAtMixin, db.Model):
    """One row of the interaction model: a partner, its forms of interaction (one a line, ordered) and the social
    effect. A member row names its institution (institution_id); a row of a partner without an account has its
    name (partner_name) and kind; the contact is optional for both."""

    __tablename__ = "interaction_rows"
    __table_args__ = (UniqueConstraint("id", "network_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    position: Mapped[int] = mapped_column(Integer, default=0)
    kind: Mapped[PartnerKind] = mapped_column(db_enum(PartnerKind, "partner_kind"), default=PartnerKind.ORGANISATION)
    institution_id: Mapped[int | None] = mapped_column(ForeignKey("institutions.id", ondelete="SET NULL"), index=True)
    partner_name: Mapped[str] = mapped_column(String(300), default="")
    contact: Mapped[str] = mapped_column(String(300), default="")
    forms: Mapped[str] = mapped_column(Text, default="")
    social_effect: Mapped[str] = mapped_column(Text, default="")
    version: Mapped[int] = mapped_column(Integer, default=1)

    institution: Mapped[Institution | None] = relationship(lazy="raise")

    __mapper_args__ = {"version_id_col": version}

    @property
    def form_list(self) -> list[str]:
        return [line.strip() for line in self.forms.splitlines() if line.strip()]

    def audit_label(self) -> str:
        loaded = self.__dict__.get("institution")
        if loaded is not None:
            return loaded.short_name
        return self.partner_name or str(PARTNER_KIND_LABELS[self.kind])
