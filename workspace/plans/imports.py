"""Plan import: an uploaded sheet read into preview rows, every doubt shown, then saved whole.

Nothing is dropped: an unreadable timing is kept as typed and flagged; an unknown responsible
institution stays as text; a partner column joins the responsible; a cell of a column the plan has no
field for is a doubt on its row («Столбец «Место проведения» не перенесён: …»). The section is named by
the file's title line (never its approval stamp) and its partner is the member institution that line
names, shown in the preview. The preview is editable, every text with its line breaks; a row the user
leaves out is not saved and never blocks the saving; saving writes every kept row in one transaction.
"""
from __future__ import annotations

from dataclasses import dataclass

from flask import g
from flask_login import current_user
from sqlalchemy import func, select

from tenants.models import Institution, Membership
from workspace.core.dates import AcademicYear
from workspace.core.i18n import gettext as _
from workspace.core.i18n import lazy_gettext as _l
from workspace.core.import_preview import (
    ImportKind,
    Preview,
    PreviewColumn,
    PreviewRow,
    marked_rows_from_form,
    sheet_of,
)
from workspace.core.spreadsheets import Sheet, clean_text
from workspace.core.word_tables import read_table_file
from workspace.core.words import plural
from workspace.extensions import db
from workspace.networks.interaction import (
    form_named_in,
    member_rows_by_institution,
    partner_name,
    rows_of_current_network,
)
from workspace.plans.editing import network_people_and_institutions, read_into, relink
from workspace.plans.models import Plan, PlanItem, PlanSection
from workspace.reading.audience import read_audience, split_audience_from_title
from workspace.reading.matching import Candidate, find_institutions
from workspace.reading.reading import choose_sheet, find_table
from workspace.reading.timing import read_timing

MAX_PLAN_ROWS = 5000
COLUMNS = (PreviewColumn("section", _l("Раздел")), PreviewColumn("number", "№", "number"),
           PreviewColumn("title", _l("Мероприятие"), "long"), PreviewColumn("audience", _l("Классы")),
           PreviewColumn("timing", _l("Сроки")), PreviewColumn("responsible", _l("Ответственные")),
           PreviewColumn("report_form", _l("Форма отчётности")),
           PreviewColumn("interaction", _l("Партнёр и форма взаимодействия")))


@dataclass
class PlanRow(PreviewRow):
    section: str
    number: str
    title: str
    audience: str
    timing: str
    responsible: str
    report_form: str
    grades: tuple[int | None, int | None] = (None, None)
    section_partner: str = ""   # the member institution the section's title names, proposed as its partner
    interaction: str = ""       # «Драмтеатр — Спектакли»: the interaction model's partner and form, as exported
    link: tuple[int, str] | None = None   # (row id, form) the text names in the model, when it names one
    link_text: str = ""         # the link as the model names it, shown in «Прочитано»


@dataclass(frozen=True)
class ModelRow:
    id: int
    names: tuple[str, ...]      # the partner's names, case-folded: short (or typed) and full
    name: str
    forms: tuple[str, ...]


def model_rows() -> list[ModelRow]:
    """The network's interaction model as the importer matches it (one statement)."""
    return [ModelRow(row.id, tuple(dict.fromkeys((partner_name(row).casefold(), partner_name(row, True).casefold()))),
                     partner_name(row), tuple(row.form_list)) for row in rows_of_current_network()]


_DASHES = (" — ", " – ", " - ", ": ")


def _split_partner(text: str, rows: list[ModelRow]) -> tuple[list[ModelRow], str]:
    """The rows whose partner the text names (the longest name first) and the rest of the text: the form."""
    text = " ".join(text.split())
    folded = text.casefold()
    for name in sorted({name for row in rows for name in row.names}, key=len, reverse=True):
        rest = None
        if folded == name:
            rest = ""
        else:
            rest = next((text[len(name) + len(dash):] for dash in _DASHES if folded.startswith(name + dash)), None)
        if rest is not None:
            return [row for row in rows if name in row.names], rest.strip()
    return [], ""


def match_interaction(text: str, rows: list[ModelRow]) -> tuple[tuple[int, str] | None, str, str | None]:
    """(row id, form) the text names, the link as the model names it, and a doubt: the partner matched by its name,
    the form by its text (case aside); an unknown partner links nothing, an unknown form links the partner alone."""
    found, form_text = _split_partner(text, rows)
    if not found:
        unknown = _("партнёр и форма «%(text)s» не найдены в модели взаимодействия — мероприятие не будет "
                    "связано с моделью", text=text)
        return None, "", unknown
    with_form = [(row, form) for row in found for form in row.forms if form.casefold() == form_text.casefold()]
    if form_text and len(with_form) == 1:
        row, form = with_form[0]
        return (row.id, form), f"{row.name} — {form}", None
    row = found[0]
    if len(found) > 1 and not with_form:
        ambiguous = _("в модели взаимодействия несколько строк «%(name)s» — выберите строку в плане после "
                      "сохранения", name=row.name)
        return None, "", ambiguous
    if form_text:
        no_form = _("форма «%(form)s» не найдена у партнёра «%(name)s» — мероприятие будет связано с партнёром "
                    "без формы", form=form_text, name=row.name)
        return (row.id, ""), row.name, no_form
    return (row.id, ""), row.name, None


def read_plan_file(content: bytes) -> list[Sheet]:
    """A plan in Excel (.xlsx) or in Word (.docx), told by its content (core/word_tables.py)."""
    no_table = _("В документе нет таблицы с планом. Мероприятия плана должны быть в таблице Word.")
    return read_table_file(content, max_rows=MAX_PLAN_ROWS + 200, no_table=no_table)


def candidates() -> list[Candidate]:
    return [Candidate(row.id, row.short_name, row.full_name) for row in db.session.execute(
        select(Institution.id, Institution.short_name, Institution.full_name)
        .join(Membership, Membership.institution_id == Institution.id)
        .where(Membership.network_id == g.network.id))]


def section_partner(title: str, members: list[Candidate]) -> Candidate | None:
    """The member a section's title names as the partner. A title often names both sides («План совместных
    мероприятий МБОУ СОШ №8 и ТЮЗ «Овация»»): the importing user's own institution is then the other side."""
    found = find_institutions(title, members)
    if len(found) > 1:
        found = [candidate for candidate in found if candidate.id != current_user.institution_id]
    return found[0] if len(found) == 1 else None


def check_title_and_timing(row, timing, *, untitled: str, unread: str, missing: str) -> None:
    """Start (re)checking a preview row of events: an error (``untitled``) without a title; the period as its
    timing text was read, a doubt (``unread``, ``missing``) when the text could not be read or is not there, and
    the reader's own warning; a doubt for each cell of a column the area does not take (``row.other``)."""
    row.doubts, row.errors = [], []
    for column, text in row.other:
        left_out = _("Столбец «%(column)s» не перенесён: «%(text)s»", column=column, text=text)
        row.doubts.append(left_out)
    if not row.title:
        row.errors.append(untitled)
    row.periods = timing.dates if timing.is_read else ()
    if row.timing and not timing.is_read:
        row.doubts.append(unread)
    elif not row.timing:
        row.doubts.append(missing)
    if timing.warning:
        row.doubts.append(timing.warning)


def check_row(row: PlanRow, year: AcademicYear, members: list[Candidate],
              links: list[ModelRow] | None = None) -> PlanRow:
    """(Re)read a row: dates from the timing, grades from the audience, institutions by name, the interaction
    model's partner and form by their names."""
    check_title_and_timing(row, read_timing(row.timing, year), untitled=_("нет названия мероприятия"),
                           unread=_("сроки «%(text)s» не прочитаны — останутся текстом", text=row.timing),
                           missing=_("сроки не указаны"))
    audience = read_audience(row.audience)
    row.grades = (audience.grade_from, audience.grade_to)
    if row.audience and audience.grade_from is None:
        row.doubts.append(_("классы «%(text)s» не прочитаны", text=row.audience))
    row.institutions = find_institutions(row.responsible, members)
    partner = section_partner(row.section, members)
    row.section_partner = partner.short_name if partner else ""
    row.link, row.link_text = None, ""
    if row.interaction:
        row.link, row.link_text, doubt = match_interaction(row.interaction, links or [])
        if doubt:
            row.doubts.append(doubt)
    for name, value in (("title", row.title), ("audience", row.audience), ("timing", row.timing)):
        if len(value) > {"title": 2000, "audience": 200, "timing": 200}[name]:
            row.errors.append(_("слишком длинный текст"))
    return row


def preview_from_sheets(sheets: list[Sheet], year: AcademicYear, sheet_index: int | None) -> Preview:
    sheet_index, unread = sheet_of(sheets, sheet_index, _choose,
                                   _("Не удалось понять, на каком листе план: выберите лист."),
                                   _("Такого листа в файле нет."))
    if unread:
        return unread
    names = [sheet.title for sheet in sheets]
    table = find_table(sheets[sheet_index].rows)
    if table.header_row_index is None or not table.items:
        problem = table.problems[0] if table.problems else _("Не найдена таблица плана.")
        return Preview([], sheet_index, names, problem)
    if len(table.items) > MAX_PLAN_ROWS:
        item_noun = _("мероприятие")
        return Preview([], sheet_index, names, _("В плане больше %(items)s.", items=plural(MAX_PLAN_ROWS, item_noun, case="gent")))
    caption = table.caption or _("Мероприятия")   # the title line, never the stamp
    members = candidates()
    links = model_rows()
    rows = []
    for raw in table.items:
        title = clean_text(raw.title)
        audience = clean_text(raw.audience)
        if not audience:
            title, found = split_audience_from_title(title)
            audience = found.text if found else ""
        responsible = "\n".join(dict.fromkeys(clean_text(text) for text in (raw.responsible, raw.partner) if text))
        rows.append(check_row(PlanRow(
            line=raw.line, section=clean_text(raw.section) or caption, number=clean_text(raw.number),
            title=title, audience=audience, timing=clean_text(raw.timing), responsible=responsible,
            report_form=clean_text(raw.report_form), interaction=clean_text(raw.interaction),
            other=list(raw.extra.items())),
            year, members, links))
    return Preview(rows, sheet_index, names, skipped=table.stamps + table.footnotes)


def _choose(sheets: list[Sheet]) -> int | None:
    return choose_sheet([(sheet.title, sheet.rows) for sheet in sheets])


def preview_from_form(form, year: AcademicYear) -> Preview:
    """The preview as the user corrected it."""
    members = candidates()
    links = model_rows()
    return Preview([check_row(PlanRow(line=line, **values, **marks), year, members, links)
                    for line, values, marks in marked_rows_from_form(
                        form, {column.name: 2000 for column in COLUMNS}, MAX_PLAN_ROWS)], None, [])


def save_preview(plan: Plan, preview: Preview) -> int:
    """Write every row (one transaction: the request's). Returns the number of items saved."""
    year = AcademicYear(plan.start_year)
    members = candidates()
    existing = {section.title: section for section in db.session.scalars(
        select(PlanSection).where(PlanSection.plan_id == plan.id))}
    next_section = (db.session.scalar(select(func.max(PlanSection.position)).where(PlanSection.plan_id == plan.id))
                    or 0)
    positions: dict[int, int] = {}
    named = network_people_and_institutions()
    # A partner's section realises the partner's row of the model, unless the file says which row each event
    # realises (a plan exported from here has the column «Партнёр и форма взаимодействия»: an empty cell is none).
    section_rows = {} if any(row.interaction for row in preview.rows) else member_rows_by_institution()
    saved = 0
    for row in preview.rows:
        section = existing.get(row.section)
        if section is None:
            next_section += 1
            partner = section_partner(row.section, members)
            section = PlanSection(network_id=g.network.id, plan_id=plan.id, title=row.section[:400],
                                  position=next_section, partner_institution_id=partner.id if partner else None)
            db.session.add(section)
            db.session.flush()
            existing[row.section] = section
        if section.id not in positions:
            positions[section.id] = db.session.scalar(
                select(func.coalesce(func.max(PlanItem.position), 0)).where(PlanItem.section_id == section.id))
        positions[section.id] += 1
        item = PlanItem(network_id=g.network.id, plan_id=plan.id, section_id=section.id,
                        position=positions[section.id], number=row.number[:20] or str(positions[section.id]),
                        title=row.title)
        for name in ("audience", "timing", "responsible", "report_form"):
            read_into(item, name, getattr(row, name), year)
        if row.link is not None:
            item.interaction_row_id, item.interaction_form = row.link
        elif section.partner_institution_id in section_rows:
            row_id, forms = section_rows[section.partner_institution_id]
            item.interaction_row_id, item.interaction_form = row_id, form_named_in(forms, row.title)
        db.session.add(item)
        db.session.flush()
        relink(item, named)
        saved += 1
    return saved


PLAN_IMPORT = ImportKind(read=read_plan_file, from_sheets=preview_from_sheets, from_form=preview_from_form,
                         columns=COLUMNS, upload_template="plans/import.html", preview_template="plans/preview.html")
