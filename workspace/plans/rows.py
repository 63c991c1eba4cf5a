"""A plan's rows drawn in Python, in one pass per row (see ``workspace.core.cells``).

A section page holds up to 100 items of seven cells, each with its edit link: as Jinja macros that was about
0.25 ms a row. The templates ``plans/_item_row.html`` and ``plans/_item_cell.html`` call these functions, so
a row added or a cell saved through htmx comes out the same as on the page. An ``item`` is a ``PlanItem`` or, on
the page, a row of ``workspace.plans.queries.ROW_COLUMNS`` (the same names)."""
from __future__ import annotations

from jinja2 import pass_context
from markupsafe import Markup, escape

from workspace.core import cells
from workspace.core.dates import AcademicYear
from workspace.core.labels import label
from workspace.core.rendering import per_request
from workspace.networks.interaction import row_names
from workspace.plans.forms import CELL_FIELDS
from workspace.plans.models import ItemStatus, PlanItem
from workspace.plans.periods import decode_periods, timing_warning


class _Texts:
    """The plan's own texts, translated and escaped once per request."""

    def __init__(self) -> None:
        common = self.common = per_request(cells.Texts)
        _ = common.translate
        self.unread = str(escape(_("Не удалось прочитать сроки: уточните")))
        self.grades = _("%(a)d–%(b)d кл.")
        self.grade = _("%(a)d кл.")
        self.report_held = str(escape(_("Отчёт")))
        self.report_new = str(escape(_("Отчёт о проведении")))
        self.delete_question = _("Удалить мероприятие «%(title)s»?")
        self.statuses = {status: str(escape(label(status))) for status in ItemStatus}
        # The column headings, repeated on each cell for the phone, where a row is a card (app.css).
        self.labels = {field: str(escape(text)) for field, text in (
            ("title", _("Мероприятие")), ("audience", _("Классы")), ("timing", _("Сроки")),
            ("responsible", _("Ответственные")), ("report_form", _("Форма отчётности")),
            ("interaction", _("Партнёр и форма взаимодействия")), ("status", _("Статус")))}
        common.field_names.setdefault("interaction", _("партнёр и форма взаимодействия"))


def _year(context) -> AcademicYear | None:
    """The academic year of the plan drawn (the page's or the cell's ``plan``): a timing outside it is flagged."""
    plan = context.get("plan")
    return AcademicYear(plan.start_year) if plan is not None else None


def _timing(item: PlanItem, year: AcademicYear | None, texts: _Texts) -> tuple[str, bool]:
    """The timing cell's body, and whether it is flagged (unread, or outside the plan's year: the import's
    preview says the same)."""
    warning = timing_warning(item, year) if year is not None else None
    body = cells.timing(item.timing, item.starts_on, item.ends_on, texts.unread,
                        decode_periods(item.periods, item.starts_on, item.ends_on) if item.periods else None,
                        warning)
    return body, not item.timing_is_read or warning is not None


def _cell(item: PlanItem, field: str, can_edit: bool, base: str, links, status_editable, texts: _Texts,
          year: AcademicYear | None = None, short_title: str | None = None) -> str:
    flagged = False
    if field == "status":
        body = texts.statuses[item.status]
    elif field == "timing":
        body, flagged = _timing(item, year, texts)
    elif field == "audience":
        body = str(escape(item.audience or "—"))
        if item.grade_from:
            grades = (texts.grade % {"a": item.grade_from} if item.grade_to in (None, item.grade_from)
                      else texts.grades % {"a": item.grade_from, "b": item.grade_to})
            body += f'<br><span class="muted">{grades}</span>'
    elif field == "interaction":
        body = _interaction(item)
    else:
        body = cells.prose(getattr(item, field))
        if field == "responsible" and links and links.get(item.id):
            body += cells.linked(links[item.id], texts.common)
    editable = can_edit or (field == "status" and status_editable and item.section_id in status_editable)
    drawn = cells.cell(f"item-{item.id}-{field}", body, flagged,
                       f"{base}{item.id}/cells/{field}" if editable else None, field, texts.common, item.title,
                       short_title)
    return drawn.replace("<td ", f'<td data-label="{texts.labels[field]}" ', 1)


def _interaction(item: PlanItem) -> str:
    """The row of the interaction model the item realises (its partner) and the form chosen, or «—»."""
    if item.interaction_row_id is None:
        return "—"
    name = row_names().get(item.interaction_row_id, "—")
    form = f'<br><span class="muted">{escape(item.interaction_form)}</span>' if item.interaction_form else ""
    return f"{escape(name)}{form}"


@pass_context
def item_cell_html(context, item: PlanItem, field: str, can_edit: bool, base: str, links=None,
                   status_editable=None) -> Markup:
    """One cell of an item (an htmx swap after an edit or a «Отмена»)."""
    return Markup(_cell(item, field, can_edit, base, links, status_editable, per_request(_Texts), _year(context)))


def _row(item: PlanItem, can_edit: bool, base: str, links, status_editable, csrf: str, texts: _Texts,
         year: AcademicYear | None) -> str:
    item_url = f"{base}{item.id}"
    short_title = str(escape(cells.short(item.title, 40)))  # every cell's «изменить» and the actions name the row
    row = "".join(_cell(item, field, can_edit, base, links, status_editable, texts, year, short_title)
                  for field in CELL_FIELDS)
    actions = ""
    held = item.status == ItemStatus.HELD
    if held or can_edit:
        actions += (f'<a href="{item_url}/report">{texts.report_held if held else texts.report_new}'
                    f'<span class="visually-hidden">: {short_title}</span></a> ')
    if can_edit:
        actions += cells.move_and_delete(item_url, f"item-{item.id}", csrf, item.title,
                                         texts.delete_question % {"title": cells.short(item.title, 60)},
                                         texts.common, short_title)
    return (f'<tr id="item-{item.id}"><td class="item-number">{escape(item.number)}</td>{row}'
            f'<td class="row-actions">{actions}</td></tr>')


@pass_context
def item_rows_html(context, items, can_edit: bool, base: str, links=None, status_editable=None,
                   csrf: str = "") -> Markup:
    """The rows of a section's items, one string."""
    texts, year = per_request(_Texts), _year(context)
    return Markup("".join(_row(item, can_edit, base, links, status_editable, csrf, texts, year) for item in items))
