"""Editable table rows drawn in Python: the parts a plan item and a roadmap task share.

A long table of editable cells (a plan section of 100 items, a roadmap) cost a Jinja macro call per cell, a
gettext call per label and an escape per value: 0.2–0.3 ms a row. These helpers return plain strings (values
escaped here), and the callers join a row in one pass; the constant texts come translated once per request
through ``Texts`` and ``workspace.core.rendering.per_request``."""
from __future__ import annotations

from datetime import date

from flask import current_app
from flask_babel import get_translations
from jinja2.filters import do_truncate
from markupsafe import escape

from workspace.core.dates import ru_date


class Texts:
    """The constant texts of the rows, translated and escaped (made once per request: ``per_request(Texts)``)."""

    def __init__(self) -> None:
        _ = get_translations().ugettext  # (named _ so that pybabel extracts the texts below)
        self.edit = str(escape(_("изменить")))
        self.linked = str(escape(_("Связаны:")))
        self.up = str(escape(_("Выше")))
        self.down = str(escape(_("Ниже")))
        self.delete = str(escape(_("Удалить")))
        # the names of the editable columns, for the screen-reader label of each cell's «изменить»
        self.field_names = {
            "title": _("мероприятие"), "audience": _("участники (классы)"), "timing": _("сроки"),
            "responsible": _("ответственные"), "report_form": _("форма отчётности"), "status": _("статус"),
            "task": _("задача"), "expected_result": _("ожидаемый результат"), "stage_id": _("этап"),
        }
        self.translate = _
        self.escaped_names: dict[str, str] = {}  # field_names escaped, as the cells ask for them


def short(text: str, length: int) -> str:
    """Jinja's ``truncate`` filter, as the templates used it."""
    return do_truncate(current_app.jinja_env, text, length)


def prose(value: str | None) -> str:
    return f'<span class="prose">{escape(value or "—")}</span>'


def period_label(start: date, end: date) -> str:
    """«01.10–31.10.2026», «05.10.2026», «28.12.2026–03.01.2027»: a period, its year written once."""
    if end == start:
        return ru_date(start)
    if end.year == start.year:
        return f"{start:%d.%m}–{ru_date(end)}"
    return f"{ru_date(start)}–{ru_date(end)}"


def periods_label(periods, separator: str = "; ") -> str:
    """«01.10–31.10.2026; 01.03–31.03.2027»: each period of a timing."""
    return separator.join(period_label(start, end) for start, end in periods)


def timing(text: str | None, starts_on: date | None, ends_on: date | None, unread: str, periods=None,
           warning: str | None = None) -> str:
    """The timing as written, the dates read from it (each period when it names several), or a flag that they
    could not be read; ``warning`` (a reading outside the plan's year, the reason it was not read) is flagged
    in its place."""
    body = str(escape(text or "—"))
    if starts_on:
        if periods and len(periods) > 1:
            period = periods_label(periods, ";<br>")  # a period a line: a narrow column breaks none of them
        else:
            period = ru_date(starts_on)
            if ends_on and ends_on != starts_on:
                period += " — " + ru_date(ends_on)
        body += f'<br><span class="muted">{period}</span>'
        if warning:
            body += f'<br><span class="flag">{escape(warning)}</span>'
    elif text:
        body += f'<br><span class="flag">{unread}</span>'
        if warning:
            body += f'<br><span class="muted">{escape(warning)}</span>'
    return body


def linked(names, texts: Texts) -> str:
    return f'<br><span class="muted">{texts.linked} {", ".join(str(escape(name)) for name in names)}</span>'


def cell(cell_id: str, body: str, flagged: bool, edit_url: str | None, field: str, texts: Texts,
         row_title: str = "", short_title: str | None = None) -> str:
    """A cell; with ``edit_url`` its «изменить» link, which swaps in the cell's edit form through htmx.
    A screen reader hears which column of which row it edits: «изменить: сроки — Библиосумерки».
    ``short_title``: the row's title already shortened to 40 and escaped (a row's cells share it)."""
    if edit_url is not None:
        what = texts.escaped_names.get(field)
        if what is None:
            what = texts.escaped_names[field] = str(escape(texts.field_names.get(field, field)))
        if short_title is None and row_title:
            short_title = str(escape(short(row_title, 40)))
        if short_title:
            what = f"{what} — {short_title}"
        body += (f' <a class="cell-edit" href="{edit_url}" hx-get="{edit_url}" hx-target="#{cell_id}" '
                 f'hx-swap="outerHTML">{texts.edit}<span class="visually-hidden">: {what}</span></a>')
    return f'<td id="{cell_id}" class="cell{" flagged" if flagged else ""}">{body}</td>'


def move_and_delete(row_url: str, row_id: str, csrf: str, title: str, question: str, texts: Texts,
                    short_title: str | None = None) -> str:
    """The row's ↑ ↓ form and its «Удалить» link (htmx asks ``question`` first); ``short_title`` as in ``cell``."""
    if short_title is None:
        short_title = str(escape(short(title, 40)))
    return (f'<form method="post" action="{row_url}/move" class="inline">'
            f'<input type="hidden" name="csrf_token" value="{escape(csrf)}">'
            f'<button type="submit" name="direction" value="up" class="link" title="{texts.up}">↑'
            f'<span class="visually-hidden"> {texts.up}</span></button> '
            f'<button type="submit" name="direction" value="down" class="link" title="{texts.down}">↓'
            f'<span class="visually-hidden"> {texts.down}</span></button></form> '
            f'<a href="{row_url}/delete" hx-post="{row_url}/delete" hx-target="#{row_id}" '
            f'hx-swap="delete" hx-confirm="{escape(question)}">{texts.delete}'
            f'<span class="visually-hidden">: {short_title}</span></a>')
