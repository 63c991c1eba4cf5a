"""The analysis's text — one source for the page, the printable page and the .docx: each partner's computed facts
as sentences with their numerals agreeing («3 мероприятия», «5 мероприятий»), its conclusion and decision; the
network's totals and indicators against their targets."""
from __future__ import annotations

from dataclasses import dataclass

from workspace.core.dates import ru_date
from workspace.core.i18n import gettext as _
from workspace.core.labels import label
from workspace.core.words import plural, quoted
from workspace.cycle.figures import PartnerFigures, YearFigures, level_labels


@dataclass
class PartnerSection:
    line: object
    facts: list[str]
    decision: str
    conclusion: str


def period_words(analysis) -> str:
    """«за 2025/2026 учебный год» or «за этап «Практический» (01.09.2025–31.05.2026)»: what the analysis covers, as
    its title, page and documents say it."""
    if not analysis.is_stage:
        return _("за %(year)s учебный год", year=analysis.year.label)
    return _("за этап «%(stage)s» (%(starts)s–%(ends)s)", stage=analysis.stage_title,
             starts=ru_date(analysis.starts_on), ends=ru_date(analysis.ends_on))


def number(value: float | None) -> str:
    if value is None:
        return "—"
    return str(int(value)) if float(value).is_integer() else f"{value:.1f}".replace(".", ",")


def events_fact(figures: PartnerFigures, stage: bool = False) -> str:
    event = _("мероприятие")
    if not figures.planned:
        return _("В планах этапа мероприятий с партнёром не было.") if stage \
            else _("В плане года мероприятий с партнёром не было.")
    text = _("Запланировано %(planned)s, проведено %(held)s", planned=plural(figures.planned, event),
             held=plural(figures.held, event))
    if figures.cancelled:
        text += _(", отменено %(cancelled)s", cancelled=plural(figures.cancelled, event))
    return text + "."


def share_fact(figures: PartnerFigures, target: float | None) -> str | None:
    if figures.held_share is None:
        return None
    text = _("Доля проведённых мероприятий — %(share)s %%", share=number(figures.held_share))
    if target:
        verdict = _("целевое значение достигнуто") if figures.held_share >= target else _("ниже целевого значения")
        text += _(" (целевое значение — %(target)s %%: %(verdict)s)", target=number(target), verdict=verdict)
    return text + "."


def participants_fact(figures: PartnerFigures) -> str:
    participant = _("участник")
    if not figures.participants_total:
        return _("Участников по отчётам о проведённых мероприятиях нет.")
    names = level_labels()
    parts = ", ".join(f"{names[key]} — {count}" for key, count in figures.participants.items())
    return _("По отчётам о проведённых мероприятиях — %(total)s (%(parts)s).",
             total=plural(figures.participants_total, participant), parts=parts)


def agreements_fact(figures: PartnerFigures, stage: bool = False) -> str:
    if not figures.agreements:
        return _("Действующих в период этапа договоров с партнёром не было.") if stage \
            else _("Действующих в учебном году договоров с партнёром не было.")
    texts = [_("№ %(number)s от %(date)s %(title)s (%(status)s, срок до %(ends)s)", number=agreement.number,
               date=ru_date(agreement.signed_on), title=quoted(agreement.title),
               status=label(agreement.effective_status()).lower(), ends=ru_date(agreement.ends_on))
             for agreement in figures.agreements]
    return _("Договоры: %(list)s.", list="; ".join(texts))


def partner_sections(lines, figures: YearFigures) -> list[PartnerSection]:
    sections = []
    for line in lines:
        partner = figures.of(line)
        facts = [events_fact(partner, figures.is_stage), share_fact(partner, figures.share_target),
                 participants_fact(partner),
                 agreements_fact(partner, figures.is_stage) if line.institution_id is not None else None]  # no account, no agreement
        sections.append(PartnerSection(line, [fact for fact in facts if fact],
                                       label(line.decision) if line.decision else _("решение не принято"),
                                       line.conclusion or ""))
    return sections


def totals_fact(figures: YearFigures) -> str:
    event = _("мероприятие")
    share = round(100 * figures.held / figures.planned, 1) if figures.planned else None
    if figures.is_stage:
        text = _("Всего в сетевых планах этапа %(planned)s, проведено %(held)s",
                 planned=plural(figures.planned, event), held=plural(figures.held, event))
    else:
        text = _("Всего в сетевом плане на год %(planned)s, проведено %(held)s",
                 planned=plural(figures.planned, event), held=plural(figures.held, event))
    return text + (_(" (%(share)s %%).", share=number(share)) if share is not None else ".")


def indicator_table(figures: YearFigures) -> list[list[str]]:
    """Показатель — единица — целевое значение — факт — выполнение, %: the network's indicators, their facts
    computed by their sources (or entered in the monitoring, as the monitoring page says)."""
    rows = []
    for row in figures.indicators:
        indicator = row.indicator
        rows.append([indicator.title, indicator.unit or "", number(indicator.target), number(row.fact),
                     number(row.progress), row.source_label])
    return rows


def indicator_header() -> list[str]:
    return [_("Показатель"), _("Ед."), _("Цель"), _("Факт"), _("Выполнение, %"), _("Источник")]


def indicator_lines(figures: YearFigures) -> list[tuple[str, str]]:
    """(title, «цель — 90 %, факт — 75 %, выполнение — 83,3 % · источник») for the page, where a table of six
    columns does not fit a phone."""
    lines = []
    for row in figures.indicators:
        indicator = row.indicator
        unit = f" {indicator.unit}" if indicator.unit else ""
        target = f"{number(indicator.target)}{unit}" if indicator.target is not None else "—"
        fact = f"{number(row.fact)}{unit}" if row.fact is not None else _("нет данных")
        text = _("цель — %(target)s, факт — %(fact)s", target=target, fact=fact)
        if row.progress is not None:
            text += _(", выполнение — %(progress)s %%", progress=number(row.progress))
        lines.append((indicator.title, f"{text} · {row.source_label}"))
    return lines
