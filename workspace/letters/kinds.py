"""The registry of kinds of letter: each area declares what it mails, with a Russian label and a default choice.

    register_letter_kind("plans.reminder", _l("Напоминания о мероприятиях"), default=DAILY)

Essential kinds (an invitation, a password reset) always go at once and are not listed on the settings page.
"""
from __future__ import annotations

from dataclasses import dataclass

from workspace.core.i18n import lazy_gettext as _l

NOW, DAILY, WEEKLY, NEVER = "now", "daily", "weekly", "never"
CHOICES = (NOW, DAILY, WEEKLY, NEVER)
CHOICE_LABELS = {
    NOW: _l("сразу"),
    DAILY: _l("в ежедневной сводке"),
    WEEKLY: _l("в еженедельной сводке"),
    NEVER: _l("не присылать"),
}


@dataclass(frozen=True)
class LetterKind:
    key: str
    label: object
    default: str = NOW
    essential: bool = False


KINDS: dict[str, LetterKind] = {}


def register_letter_kind(key: str, label, default: str = NOW, *, essential: bool = False) -> LetterKind:
    if default not in CHOICES:
        raise ValueError(f"unknown choice {default!r}")
    kind = LetterKind(key, label, NOW if essential else default, essential)
    KINDS[key] = kind
    return kind


def kind_of(key: str) -> LetterKind:
    return KINDS[key]


def switchable_kinds() -> list[LetterKind]:
    return [kind for kind in KINDS.values() if not kind.essential]


INVITATION = register_letter_kind("accounts.invitation", _l("Приглашение"), essential=True)
PASSWORD_RESET = register_letter_kind("accounts.password_reset", _l("Восстановление пароля"), essential=True)
DIGEST = register_letter_kind("letters.digest", _l("Сводка"), essential=True)
