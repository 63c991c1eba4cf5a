"""Russian (translatable) names of the enum values shown in the interface."""
from __future__ import annotations

import enum

# Filled by the layers that own the enums (tenants, accounts, each area) when their models are imported.
LABELS: dict[enum.Enum, object] = {}


def register(labels: dict[enum.Enum, object]) -> None:
    """Tenants, accounts and the areas add the names of their own enums (called beside their models)."""
    LABELS.update(labels)


def label(value: enum.Enum | None) -> str:
    if value is None:
        return ""
    return str(LABELS.get(value, value.value))


def stored_label(enum_cls: type[enum.Enum], stored: str) -> str:
    """The name of an enum value kept as text (a history entry's label), or the text itself if it names none."""
    try:
        return label(enum_cls(stored))
    except ValueError:
        return stored


def choices(enum_cls: type[enum.Enum]) -> list[tuple[str, str]]:
    return [(member.value, label(member)) for member in enum_cls]
