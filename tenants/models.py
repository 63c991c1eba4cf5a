"""Institutions (tenants), networks, memberships and council seats."""
from __future__ import annotations

import enum
from datetime import date, datetime

from sqlalchemy import Boolean, Date, DateTime, ForeignKey, Integer, String, Text, UniqueConstraint, false, select
from sqlalchemy.orm import Mapped, mapped_column, object_session, relationship

from tenants.scoping import NetworkOwned
from workspace.core.i18n import lazy_gettext as _l
from workspace.core.labels import register
from workspace.core.models import CreatedAtMixin, db_enum
from workspace.core.text import keep_search_text
from workspace.extensions import db


class InstitutionKind(enum.Enum):
    SCHOOL = "school"
    LIBRARY = "library"
    THEATRE = "theatre"
    MUSEUM = "museum"
    SPORTS_SCHOOL = "sports_school"
    SUPPLEMENTARY = "supplementary"
    IT_CENTRE = "it_centre"
    CULTURE_HOUSE = "culture_house"
    KINDERGARTEN = "kindergarten"
    UNIVERSITY = "university"
    COLLEGE = "college"
    HEALTH = "health"
    PUBLIC_SAFETY = "public_safety"
    PUBLIC_ORG = "public_org"
    OTHER = "other"


class MemberRole(enum.Enum):
    BASE = "base"
    NETWORK_PARTNER = "network_partner"
    SOCIAL_PARTNER = "social_partner"


class InvitationStatus(enum.Enum):
    PENDING = "pending"
    ACCEPTED = "accepted"
    DECLINED = "declined"


class SeatRole(enum.Enum):
    CHAIR = "chair"
    SECRETARY = "secretary"
    MEMBER = "member"


class Institution(CreatedAtMixin, db.Model):
    """A tenant. Read before the tenant is known (URL resolution), so not scoped itself."""

    __tablename__ = "institutions"

    id: Mapped[int] = mapped_column(primary_key=True)
    slug: Mapped[str] = mapped_column(String(64), unique=True)
    kind: Mapped[InstitutionKind] = mapped_column(db_enum(InstitutionKind, "institution_kind"))
    full_name: Mapped[str] = mapped_column(String(400))
    short_name: Mapped[str] = mapped_column(String(120))
    city: Mapped[str] = mapped_column(String(120), default="")
    address: Mapped[str] = mapped_column(String(400), default="")
    phone: Mapped[str] = mapped_column(String(60), default="")
    email: Mapped[str] = mapped_column(String(254), default="")
    website: Mapped[str] = mapped_column(String(254), default="")
    mission: Mapped[str] = mapped_column(Text, default="")
    version: Mapped[int] = mapped_column(Integer, default=1)
    # the search words of the short and the full name, kept by keep_search_text() below: what the global search matches
    search_text: Mapped[str] = mapped_column(Text, default="", server_default="")
    # suspended by the operator: its users cannot sign in or act, it is offered to no network
    is_suspended: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())

    __mapper_args__ = {"version_id_col": version}

    def __repr__(self) -> str:
        return f"<Institution {self.slug}>"

    def audit_owner(self):
        return ("institution", self.id)

    def audit_label(self) -> str:
        return self.short_name


keep_search_text(Institution, "short_name", "full_name")


class Network(CreatedAtMixin, db.Model):
    __tablename__ = "networks"

    id: Mapped[int] = mapped_column(primary_key=True)
    slug: Mapped[str] = mapped_column(String(64), unique=True)
    name: Mapped[str] = mapped_column(String(400))
    goal: Mapped[str] = mapped_column(Text, default="")
    tasks: Mapped[str] = mapped_column(Text, default="")
    starts_on: Mapped[date] = mapped_column(Date)
    ends_on: Mapped[date] = mapped_column(Date)
    base_institution_id: Mapped[int] = mapped_column(ForeignKey("institutions.id"), index=True)
    # who started the network: the operator, or a manager of the base institution
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"), index=True)
    # archived by its base: read-only, out of the active lists, its history still readable
    is_archived: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    archived_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    version: Mapped[int] = mapped_column(Integer, default=1)

    base_institution: Mapped[Institution] = relationship(lazy="raise")

    __mapper_args__ = {"version_id_col": version}

    def audit_owner(self):
        return ("network", self.id)

    def audit_label(self) -> str:
        return self.name


class Membership(CreatedAtMixin, db.Model):
    """An institution in a network, with its role (its forms of interaction are rows of the interaction model,
    workspace.networks.models.InteractionRow)."""

    __tablename__ = "memberships"
    __table_args__ = (UniqueConstraint("network_id", "institution_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    network_id: Mapped[int] = mapped_column(ForeignKey("networks.id", ondelete="CASCADE"), index=True)
    institution_id: Mapped[int] = mapped_column(ForeignKey("institutions.id", ondelete="CASCADE"), index=True)
    role: Mapped[MemberRole] = mapped_column(db_enum(MemberRole, "member_role"))
    version: Mapped[int] = mapped_column(Integer, default=1)

    network: Mapped[Network] = relationship(lazy="raise")
    institution: Mapped[Institution] = relationship(lazy="raise")

    __mapper_args__ = {"version_id_col": version}

    def audit_owner(self):  # an identity table, not network-owned: its history is the network's
        return ("network", self.network_id)

    def audit_label(self) -> str:
        loaded = self.__dict__.get("institution")
        if loaded is not None:
            return loaded.short_name
        return object_session(self).scalar(select(Institution.short_name).where(Institution.id == self.institution_id))


class NetworkInvitation(CreatedAtMixin, db.Model):
    """The base institution's invitation to join its network: of an institution already in the deployment, or of a
    new one by its head's e-mail (``token_hash`` is the link of the letter; ``institution_id`` is set when the head
    registers it). Read by two tenants — the network and the invited institution, which is not a member yet — and
    by the link before any tenant: an identity table like memberships, every read keyed explicitly."""

    __tablename__ = "network_invitations"

    id: Mapped[int] = mapped_column(primary_key=True)
    network_id: Mapped[int] = mapped_column(ForeignKey("networks.id", ondelete="CASCADE"), index=True)
    institution_id: Mapped[int | None] = mapped_column(ForeignKey("institutions.id", ondelete="CASCADE"), index=True)
    email: Mapped[str] = mapped_column(String(254), default="")
    head_name: Mapped[str] = mapped_column(String(200), default="")
    role: Mapped[MemberRole] = mapped_column(db_enum(MemberRole, "member_role"))
    status: Mapped[InvitationStatus] = mapped_column(db_enum(InvitationStatus, "invitation_status"),
                                                     default=InvitationStatus.PENDING)
    invited_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    answered_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    answered_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    token_hash: Mapped[str | None] = mapped_column(String(64), unique=True)
    expires_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))

    network: Mapped[Network] = relationship(lazy="raise")
    institution: Mapped[Institution | None] = relationship(lazy="raise")

    def audit_owner(self):  # an identity table, not network-owned: its history is the network's
        return ("network", self.network_id)

    def audit_label(self) -> str:
        if self.institution_id is None:
            return self.email
        loaded = self.__dict__.get("institution")
        if loaded is not None:
            return loaded.short_name
        return object_session(self).scalar(select(Institution.short_name).where(Institution.id == self.institution_id))


class Seat(NetworkOwned, CreatedAtMixin, db.Model):
    """A seat on a network's coordination council, held by a staff user or an external person."""

    __tablename__ = "seats"
    __table_args__ = (UniqueConstraint("network_id", "user_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    role: Mapped[SeatRole] = mapped_column(db_enum(SeatRole, "seat_role"))
    represents: Mapped[str] = mapped_column(String(200), default="")

    user: Mapped[User] = relationship(lazy="raise")  # noqa: F821  (accounts.models.User, by name: tenants imports no area)

    def audit_label(self) -> str:
        loaded = self.__dict__.get("user")
        if loaded is not None:
            return loaded.full_name
        user = Seat.user.property.mapper.class_  # the identity table, known to the mapper by name
        return object_session(self).scalar(select(user.full_name).where(user.id == self.user_id))


register({
    InstitutionKind.SCHOOL: _l("Общеобразовательная школа"),
    InstitutionKind.LIBRARY: _l("Библиотека"),
    InstitutionKind.THEATRE: _l("Театр"),
    InstitutionKind.MUSEUM: _l("Музей"),
    InstitutionKind.SPORTS_SCHOOL: _l("Спортивная школа"),
    InstitutionKind.SUPPLEMENTARY: _l("Дополнительное образование (ЦДО, ДДТ)"),
    InstitutionKind.IT_CENTRE: _l("IT-центр"),
    InstitutionKind.CULTURE_HOUSE: _l("Дом культуры"),
    InstitutionKind.KINDERGARTEN: _l("Детский сад"),
    InstitutionKind.UNIVERSITY: _l("Вуз"),
    InstitutionKind.COLLEGE: _l("Колледж"),
    InstitutionKind.HEALTH: _l("Здравоохранение"),
    InstitutionKind.PUBLIC_SAFETY: _l("Безопасность (ГИБДД, МЧС)"),
    InstitutionKind.PUBLIC_ORG: _l("Общественная организация"),
    InstitutionKind.OTHER: _l("Другое"),
    MemberRole.BASE: _l("Базовая организация"),
    MemberRole.NETWORK_PARTNER: _l("Сетевой партнёр"),
    MemberRole.SOCIAL_PARTNER: _l("Социальный партнёр"),
    InvitationStatus.PENDING: _l("ожидает"),
    InvitationStatus.ACCEPTED: _l("принято"),
    InvitationStatus.DECLINED: _l("отклонено"),
    SeatRole.CHAIR: _l("Председатель"),
    SeatRole.SECRETARY: _l("Секретарь"),
    SeatRole.MEMBER: _l("Член совета"),
})
