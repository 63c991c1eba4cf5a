"""The passport's text as the programmes print it: the rows of «Паспорт программы» (heading on the left, content
on the right), built once for the page, the printable page and the .docx, so the three always say the same."""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

from workspace.bank.models import DocumentKind
from workspace.core.dates import ru_date
from workspace.core.i18n import gettext as _
from workspace.core.labels import label
from workspace.core.words import plural, quoted
from workspace.passport.models import RESOURCE_KINDS, RESOURCE_LABELS, RESULT_KINDS, RESULT_LABELS

NUMBERED = re.compile(r"^\s*(\d+[.)]|[-–—•*])\s*")
EMPTY = "—"


@dataclass(frozen=True)
class Row:
    key: str          # a stable name (anchors, tests)
    heading: str      # the left column
    text: str         # the right column: lines separated by "\n"


def ground_line(kind: DocumentKind, number: str, title: str, approved_on: date | None) -> str:
    """A document of the register as a list of grounds names it: «Положение от 01.09.2026 № 12 „О сетевом
    взаимодействии“»; a title that already names its kind («Положение о сетевом взаимодействии…», «Приказ об
    организации…») or a document of the kind «другой» is written first, whole, then its date and number."""
    kind_word = label(kind).split(",")[0].strip()
    title_first = kind == DocumentKind.OTHER or title.lower().startswith(kind_word.lower())
    parts = [title] if title_first else [kind_word]
    if approved_on:
        parts.append(_("от %(date)s", date=ru_date(approved_on)))
    if number:
        parts.append(f"№ {number}")
    if not title_first:
        parts.append(quoted(title))
    return " ".join(part for part in parts if part)


def _bare(line: str) -> str:
    """A line without the number or dash a person typed before it (the document numbers and dashes its lists)."""
    return NUMBERED.sub("", line, count=1).strip()


def dashed(lines: list[str]) -> str:
    """A list as the programmes write it: one line alone as it is, several each after a dash."""
    lines = [_bare(line) for line in lines if line.strip()]
    if len(lines) == 1:
        return lines[0]
    return "\n".join(f"– {line}" for line in lines)


def numbered(lines: list[str]) -> str:
    lines = [_bare(line) for line in lines if line.strip()]
    if len(lines) == 1:
        return lines[0]
    return "\n".join(f"{n}. {line}" for n, line in enumerate(lines, start=1))


def _lines(text: str | None) -> list[str]:
    return [line.strip() for line in (text or "").splitlines() if line.strip()]


def duration(starts_on: date, ends_on: date) -> str:
    """«3 года», «18 месяцев», «1 год»: the programme's length in whole years when it runs whole years."""
    after = ends_on + timedelta(days=1)
    months = (after.year - starts_on.year) * 12 + after.month - starts_on.month - (after.day < starts_on.day)
    months = max(months, 1)
    if months % 12 == 0:
        return plural(months // 12, _("год"))
    return plural(months, _("месяц"))


def stage_line(number: int, stage) -> str:
    """«Этап 1. Подготовительный (01.09.2026 — 31.10.2026)» and, on the next line, its content."""
    dates = ""
    if stage.starts_on or stage.ends_on:
        dates = f" ({ru_date(stage.starts_on) or '…'} — {ru_date(stage.ends_on) or '…'})"
    head = _("Этап %(number)s. %(title)s", number=number, title=stage.title) + dates
    return head + (f":\n{stage.content}" if stage.content else "")


def period_text(passport, stages) -> str:
    period = _("с %(start)s по %(end)s (%(length)s)", start=ru_date(passport.starts_on), end=ru_date(passport.ends_on),
               length=duration(passport.starts_on, passport.ends_on))
    if not stages:
        return period
    lines = [_("%(period)s, в %(stages)s:", period=period, stages=plural(len(stages), _("этап")))]
    lines += [stage_line(number, stage) for number, stage in enumerate(stages, start=1)]
    return "\n".join(lines)


def _grouped(passport, kinds, labels, prefix: str) -> str:
    parts = []
    for kind in kinds:
        lines = passport.lines(f"{prefix}_{kind}")
        if lines:
            parts.append(f"{labels[kind]}:\n{dashed(lines)}")
    return "\n".join(parts) or EMPTY


def passport_rows(passport, grounds, stages) -> list[Row]:
    """The ten rows of «Паспорт программы»; ``grounds``: the register's documents (queries.grounds_of)."""
    ground_lines = [ground_line(kind, number, title, approved_on) for _id, kind, number, title, approved_on in grounds]
    ground_lines += _lines(passport.grounds)
    return [
        Row("name", _("Наименование программы"), passport.name),
        Row("grounds", _("Основания для разработки"), dashed(ground_lines) or EMPTY),
        Row("developer", _("Разработчик"), passport.developer or EMPTY),
        Row("executors", _("Исполнители"), dashed(_lines(passport.executors)) or EMPTY),
        Row("goal", _("Цель"), passport.goal or EMPTY),
        Row("tasks", _("Задачи"), numbered(_lines(passport.tasks)) or EMPTY),
        Row("period", _("Сроки и этапы реализации"), period_text(passport, stages)),
        Row("results", _("Ожидаемые результаты"), _grouped(passport, RESULT_KINDS, RESULT_LABELS, "results")),
        Row("resources", _("Ресурсное обеспечение"),
            _grouped(passport, RESOURCE_KINDS, RESOURCE_LABELS, "resources")),
        Row("control", _("Система контроля"), passport.control or EMPTY),
    ]


def missing_parts(passport, stages) -> list[str]:
    """What a passport sent to the council should not lack (shown beside «Отправить на утверждение»)."""
    missing = []
    if not passport.tasks.strip():
        missing.append(_("задачи"))
    if not stages:
        missing.append(_("этапы реализации"))
    elif any(stage.starts_on is None or stage.ends_on is None for stage in stages):
        missing.append(_("сроки этапов"))

    if not any(passport.lines(f"results_{kind}") for kind in RESULT_KINDS):
        missing.append(_("ожидаемые результаты"))
    if not any(passport.lines(f"resources_{kind}") for kind in RESOURCE_KINDS):
        missing.append(_("ресурсное обеспечение"))
    if not passport.control.strip():
        missing.append(_("система контроля"))
    return missing


def stages_outside(passport, stages) -> list[str]:
    """The stages dated beyond the programme's period (its dates changed after the stages were dated)."""
    return [stage.title for stage in stages
            if any(day is not None and not passport.starts_on <= day <= passport.ends_on
                   for day in (stage.starts_on, stage.ends_on))]
