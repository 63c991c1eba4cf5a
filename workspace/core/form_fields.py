"""A form's field as every form draws it (``templates/_macros/forms.html``'s ``field``), in Python.

The label, the control with its accessible description (the hint and the error it is described by), the hint and
the error. As a Jinja macro this cost a macro body of a dozen statements per field (~60 µs; the project page has
17 fields, the plan page an add-form per section); the macro now calls ``field_html``, so every template keeps
calling ``field(form.x)``."""
from __future__ import annotations

from markupsafe import Markup, escape

_SPACE = Markup(" ")


def field_html(f, autofocus: bool = False, rows: int | None = None) -> Markup:
    described = []
    if f.description:
        described.append(f"{f.id}-hint")
    if f.errors:
        described.append(f"{f.id}-error")
    parts = ['<div class="field has-error">' if f.errors else '<div class="field">']
    if f.type == "BooleanField":
        control = f(**{"aria-describedby": " ".join(described)}) if described else f()
        parts.append(f'<label class="check">{control} {escape(f.label.text)}</label>')
    else:
        attrs = {}
        if described:
            attrs["aria-describedby"] = " ".join(described)
        if f.errors:
            attrs["aria-invalid"] = "true"
        if f.flags.required:
            attrs["required"] = True
        if autofocus:
            attrs["autofocus"] = True
        if rows:
            attrs["rows"] = rows
        parts.append(str(f.label(class_="label")))
        parts.append(str(f(**attrs)))
    if f.description:
        parts.append(f'<p class="hint" id="{escape(f.id)}-hint">{escape(f.description)}</p>')
    if f.errors:
        parts.append(f'<p class="error" id="{escape(f.id)}-error">{_SPACE.join(f.errors)}</p>')
    parts.append("</div>")
    return Markup("".join(parts))
