"""A plan's rows drawn in Python, in one pass per row.

A section page holds up to 100 items of seven cells, each with its edit link: as Jinja macros that was about
0.25 ms a row (a macro call per cell, a gettext call per label, an escape per value). Here the constant texts
are translated once per request and a row is one join of strings. The templates ``plans/_item_row.html`` and
``plans/_item_cell.html`` call these functions, so a row added or a cell saved through htmx comes out the
same as on the page."""
from __future__ import annotations

from flask import current_app, g
from flask_babel import get_translations
from jinja2.filters import do_truncate
from markupsafe import Markup, escape

from workspace.core.dates import ru_date
from workspace.core.labels import label
from workspace.plans.forms import CELL_FIELDS
from workspace.plans.models import ItemStatus, PlanItem


class _Texts:
    """The row's constant texts, translated and escaped once per request."""

    def __init__(self) -> None:
        catalog = get_translations()
        say = catalog.ugettext
        self.edit = str(escape(say("изменить")))
        self.unread = str(escape(say("Не удалось прочитать сроки: уточните")))
        self.linked = str(escape(say("Связаны:")))
        self.grades = say("%(a)d–%(b)d кл.")
        self.report_held = str(escape(say("Отчёт")))
        self.report_new = str(escape(say("Отчёт о проведении")))
        self.up = str(escape(say("Выше")))
        self.down = str(escape(say("Ниже")))
        self.delete = str(escape(say("Удалить")))
        self.delete_question = say("Удалить мероприятие «%(title)s»?")
        self.statuses = {status: str(escape(label(status))) for status in ItemStatus}


def _texts() -> _Texts:
    found = g.get("_plan_row_texts")
    if found is None:
        found = g._plan_row_texts = _Texts()
    return found


def _short(text: str, length: int) -> str:
    return do_truncate(current_app.jinja_env, text, length)


def _cell(item: PlanItem, field: str, can_edit: bool, base: str, links, status_editable, texts: _Texts) -> str:
    flagged = " flagged" if field == "timing" and not item.timing_is_read else ""
    if field == "status":
        body = texts.statuses[item.status]
    elif field == "timing":
        body = str(escape(item.timing or "—"))
        if item.starts_on:
            period = ru_date(item.starts_on)
            if item.ends_on and item.ends_on != item.starts_on:
                period += " — " + ru_date(item.ends_on)
            body += f'<br><span class="muted">{period}</span>'
        elif item.timing:
            body += f'<br><span class="flag">{texts.unread}</span>'
    elif field == "audience":
        body = str(escape(item.audience or "—"))
        if item.grade_from:
            body += f'<br><span class="muted">{texts.grades % {"a": item.grade_from, "b": item.grade_to}}</span>'
    else:
        body = f'<span class="prose">{escape(getattr(item, field) or "—")}</span>'
        if field == "responsible" and links and links.get(item.id):
            names = ", ".join(str(escape(name)) for name in links[item.id])
            body += f'<br><span class="muted">{texts.linked} {names}</span>'
    cell_id = f"item-{item.id}-{field}"
    if can_edit or (field == "status" and status_editable and item.section_id in status_editable):
        edit_url = f"{base}{item.id}/cells/{field}"
        body += (f' <a class="cell-edit" href="{edit_url}" hx-get="{edit_url}" hx-target="#{cell_id}" '
                 f'hx-swap="outerHTML">{texts.edit}<span class="visually-hidden"> ({field})</span></a>')
    return f'<td id="{cell_id}" class="cell{flagged}">{body}</td>'


def item_cell_html(item: PlanItem, field: str, can_edit: bool, base: str, links=None,
                   status_editable=None) -> Markup:
    """One cell of an item (an htmx swap after an edit or a «Отмена»)."""
    return Markup(_cell(item, field, can_edit, base, links, status_editable, _texts()))


def _row(item: PlanItem, can_edit: bool, base: str, links, status_editable, csrf: str, texts: _Texts) -> str:
    item_url = f"{base}{item.id}"
    cells = "".join(_cell(item, field, can_edit, base, links, status_editable, texts) for field in CELL_FIELDS)
    actions = ""
    held = item.status == ItemStatus.HELD
    if held or can_edit:
        short = escape(_short(item.title, 40))
        actions += (f'<a href="{item_url}/report">{texts.report_held if held else texts.report_new}'
                    f'<span class="visually-hidden">: {short}</span></a> ')
    if can_edit:
        question = escape(texts.delete_question % {"title": _short(item.title, 60)})
        actions += (f'<form method="post" action="{item_url}/move" class="inline">'
                    f'<input type="hidden" name="csrf_token" value="{escape(csrf)}">'
                    f'<button type="submit" name="direction" value="up" class="link" title="{texts.up}">↑'
                    f'<span class="visually-hidden"> {texts.up}</span></button> '
                    f'<button type="submit" name="direction" value="down" class="link" title="{texts.down}">↓'
                    f'<span class="visually-hidden"> {texts.down}</span></button></form> '
                    f'<a href="{item_url}/delete" hx-post="{item_url}/delete" hx-target="#item-{item.id}" '
                    f'hx-swap="delete" hx-confirm="{question}">{texts.delete}'
                    f'<span class="visually-hidden">: {short}</span></a>')
    return (f'<tr id="item-{item.id}"><td>{escape(item.number)}</td>{cells}'
            f'<td class="row-actions">{actions}</td></tr>')


def item_rows_html(items, can_edit: bool, base: str, links=None, status_editable=None, csrf: str = "") -> Markup:
    """The rows of a section's items, one string."""
    texts = _texts()
    return Markup("".join(_row(item, can_edit, base, links, status_editable, csrf, texts) for item in items))
