"""Russian (translatable) names of the enum values shown in the interface."""
from __future__ import annotations

import enum

from flask_babel import lazy_gettext as _l

from tenants.models import InstitutionKind, MemberRole, SeatRole
from workspace.accounts.models import StaffRole

LABELS: dict[enum.Enum, object] = {
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
    SeatRole.CHAIR: _l("Председатель"),
    SeatRole.SECRETARY: _l("Секретарь"),
    SeatRole.MEMBER: _l("Член совета"),
    StaffRole.ADMIN: _l("Руководитель"),
    StaffRole.COORDINATOR: _l("Координатор сетевого взаимодействия"),
    StaffRole.TEACHER: _l("Педагог"),
    StaffRole.STAFF: _l("Сотрудник (только просмотр)"),
}


def register(labels: dict[enum.Enum, object]) -> None:
    """Areas add the names of their own enums (imported with their models)."""
    LABELS.update(labels)


def label(value: enum.Enum | None) -> str:
    if value is None:
        return ""
    return str(LABELS.get(value, value.value))


def choices(enum_cls: type[enum.Enum]) -> list[tuple[str, str]]:
    return [(member.value, label(member)) for member in enum_cls]
