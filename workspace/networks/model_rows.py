"""The interaction model's rows drawn in Python, one string per row.

The network page and the model page draw every row of the model (a network of thirty partners: thirty rows, each
with its links, its move form and six translated labels); as a Jinja macro that was about half of the network
page. The constant texts and the CSRF token are taken once per request; a row is one f-string. The template
``networks/_model_row.html`` (a row swapped in by htmx) and the table call the same functions, so a row comes out
the same wherever it is drawn."""
from __future__ import annotations

from flask_wtf.csrf import generate_csrf
from markupsafe import Markup, escape

from workspace.core.i18n import gettext
from workspace.core.rendering import per_request
from workspace.core.templating import id_url
from workspace.networks.interaction import partner_kind_label, partner_name
from workspace.networks.models import InteractionRow


class _Texts:
    """The row's constant texts, translated and escaped once per request (``gettext`` named so for pybabel)."""

    def __init__(self) -> None:
        self.edit = str(escape(gettext("Изменить")))
        self.up = str(escape(gettext("Выше")))
        self.down = str(escape(gettext("Ниже")))
        self.delete = str(escape(gettext("Удалить")))
        self.csrf = str(escape(generate_csrf()))


def _row(row: InteractionRow, can_edit: bool, can_edit_model: bool, texts: _Texts) -> str:
    partner = escape(partner_name(row))
    contact = f'<br><span class="muted">{escape(row.contact)}</span>' if row.contact else ""
    forms = row.form_list
    forms = ('<ul class="plain">' + "".join(f"<li>{escape(form)}</li>" for form in forms) + "</ul>") if forms else "—"
    actions = ""
    if can_edit:
        edit_url = id_url("networks.edit_model_row", "row_id", row.id)
        actions += (f'<a href="{edit_url}" hx-get="{edit_url}" hx-target="#model-row-{row.id}" hx-swap="outerHTML">'
                    f'{texts.edit}<span class="visually-hidden">: {partner}</span></a> ')
    if can_edit_model:
        actions += (f'<form method="post" action="{id_url("networks.move_model_row", "row_id", row.id)}" '
                    f'class="inline-form"><input type="hidden" name="csrf_token" value="{texts.csrf}">'
                    f'<button type="submit" name="direction" value="up" class="link" title="{texts.up}">↑'
                    f'<span class="visually-hidden"> {texts.up}: {partner}</span></button> '
                    f'<button type="submit" name="direction" value="down" class="link" title="{texts.down}">↓'
                    f'<span class="visually-hidden"> {texts.down}: {partner}</span></button></form> '
                    f'<a href="{id_url("networks.confirm_delete_model_row", "row_id", row.id)}">{texts.delete}'
                    f'<span class="visually-hidden">: {partner}</span></a>')
    return (f'<tr id="model-row-{row.id}"><th scope="row">'
            f'<a href="{id_url("networks.show_model_row", "row_id", row.id)}">{partner}</a><br>'
            f'<span class="muted">{escape(partner_kind_label(row))}</span>{contact}</th>'
            f'<td>{forms}</td><td class="prose">{escape(row.social_effect or "—")}</td><td>{actions}</td></tr>')


def model_row_html(row: InteractionRow, can_edit: bool, can_edit_model: bool) -> Markup:
    """One row of the model (an htmx swap after an edit, a «Отмена»)."""
    return Markup(_row(row, can_edit, can_edit_model, per_request(_Texts)))


def model_rows_html(rows, editable_rows, can_edit_model: bool) -> Markup:
    """The rows of the model's table: ``editable_rows`` the ids of the rows the user may edit."""
    texts = per_request(_Texts)
    return Markup("".join(_row(row, row.id in editable_rows, can_edit_model, texts) for row in rows))
