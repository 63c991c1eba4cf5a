"""The portfolio for the parents (портфолио обучающегося): one A4 .docx, the school as author — the pupil's
achievements with a summary («5 достижений, из них 2 победы…»), and the individual educational route by academic
year (programmes, groups, documents of completion). The school's flags on the pupil are never printed here."""
from __future__ import annotations

from docx.shared import Pt
from flask import g

from workspace.core.dates import ru_date
from workspace.core.documents import a4_document, add_table, document_bytes
from workspace.core.i18n import gettext as _
from workspace.core.labels import label
from workspace.core.words import plural
from workspace.growth.route import Portfolio


def _heading(document, text: str) -> None:
    paragraph = document.add_paragraph()
    paragraph.paragraph_format.space_before = Pt(12)
    paragraph.add_run(text).bold = True


def _linked(row) -> str:
    if row.programme:
        return row.programme + (f", {row.group_name}" if row.group_name else "")
    return row.event or row.network or "—"


def summary(portfolio: Portfolio) -> str:
    """«5 достижений: победитель — 2 раза, призёр — 1 раз.» (numerals agree)."""
    total = len(portfolio.achievements)
    if not total:
        return _("Достижений пока нет.")
    text = plural(total, _("достижение"))
    parts = []
    if portfolio.winners:
        parts.append(_("победитель — %(times)s", times=plural(portfolio.winners, _("раз"))))
    if portfolio.prize_winners:
        parts.append(_("призёр — %(times)s", times=plural(portfolio.prize_winners, _("раз"))))
    return text + (": " + ", ".join(parts) if parts else "") + "."


def portfolio_docx(portfolio: Portfolio) -> bytes:
    school = g.institution
    pupil = portfolio.pupil
    document = a4_document(school.full_name or school.short_name, _("Портфолио обучающегося"))
    document.add_paragraph(_("Обучающийся: %(name)s, класс %(class_label)s.", name=pupil.full_name,
                             class_label=pupil.class_label or "—"))
    document.add_paragraph(_("Всего: %(summary)s", summary=summary(portfolio)))
    _heading(document, _("1. Достижения"))
    if portfolio.achievements:
        add_table(document, [_("Дата"), _("Достижение"), _("Вид, уровень, результат"), _("Связано с"),
                             _("Внесено")],
                  [[ru_date(row.achieved_on), row.title,
                    f"{label(row.kind)}, {label(row.level)}; {label(row.result)}", _linked(row), row.recorder]
                   for row in portfolio.achievements],
                  widths_mm=[25, 40, 36, 39, 30])
    else:
        document.add_paragraph(_("Сведений нет."))
    _heading(document, _("2. Индивидуальный образовательный маршрут"))
    if not portfolio.years:
        document.add_paragraph(_("Сведений нет."))
    for route_year in portfolio.years:
        paragraph = document.add_paragraph()
        paragraph.add_run(str(route_year.year)).italic = True
        rows = [[_("Программа"), f"{e.title} ({e.provider})" + (f", {_('группа')} {e.group_name}" if e.group_name else "")
                 + f" — {label(e.status)}"] for e in route_year.enrollments]
        rows += [[_("Достижение"), f"{ru_date(a.achieved_on)} {a.title} — {label(a.result)}"]
                 for a in route_year.achievements]
        rows += [[_("Документ об обучении"), f"№ {c.year}-{c.number:04d} {_('от')} {ru_date(c.issued_on)}: "
                  f"{c.programme_title} ({c.provider})" + (f" — {c.result}" if c.result else "")]
                 for c in route_year.certificates]
        rows += [[_("Диагностика"), f"{ru_date(d.day)} {d.title}: {d.level}"] for d in route_year.diagnostics]
        add_table(document, [_("Что"), _("Сведения")], rows, widths_mm=[45, 125])
    return document_bytes(document)
