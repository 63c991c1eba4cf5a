"""A form's field drawn in Python (workspace/core/form_fields.py) is what the Jinja macro drew, whitespace between
tags aside: the label, the control described by its hint and error, the hint, the error."""
import re

import pytest
from markupsafe import Markup
from wtforms import BooleanField, Form, StringField, TextAreaField
from wtforms.validators import DataRequired

# The macro as it was written in templates/_macros/forms.html before it called field_html.
MACRO = """{% macro field(f, autofocus=false, rows=None) -%}
  {% set described = [] %}
  {% if f.description %}{% do described.append(f.id ~ '-hint') %}{% endif %}
  {% if f.errors %}{% do described.append(f.id ~ '-error') %}{% endif %}
  <div class="field{% if f.errors %} has-error{% endif %}">
    {% if f.type == 'BooleanField' %}
      <label class="check">{{ f(**({'aria-describedby': described|join(' ')} if described else {})) }} {{ f.label.text }}</label>
    {% else %}
      {{ f.label(class_="label") }}
      {% set attrs = {} %}
      {% if described %}{% do attrs.update({'aria-describedby': described|join(' ')}) %}{% endif %}
      {% if f.errors %}{% do attrs.update({'aria-invalid': 'true'}) %}{% endif %}
      {% if f.flags.required %}{% do attrs.update({'required': True}) %}{% endif %}
      {% if autofocus %}{% do attrs.update({'autofocus': True}) %}{% endif %}
      {% if rows %}{% do attrs.update({'rows': rows}) %}{% endif %}
      {{ f(**attrs) }}
    {% endif %}
    {% if f.description %}<p class="hint" id="{{ f.id }}-hint">{{ f.description }}</p>{% endif %}
    {% if f.errors %}<p class="error" id="{{ f.id }}-error">{{ f.errors|join(' ') }}</p>{% endif %}
  </div>
{%- endmacro %}"""


class _Sample(Form):
    title = StringField("Название «мероприятия» <и> & ко", validators=[DataRequired()],
                        description="Например: «Ёлка» & <капустник>")
    note = TextAreaField("Примечание")
    done = BooleanField("Проведено", description="Если отчёт уже есть")
    agreed = BooleanField("Согласовано")


def _collapsed(html) -> str:
    return re.sub(r"\s+", " ", re.sub(r">\s+<", "><", str(html))).strip()


CASES = [
    ("title", {}, None),
    ("title", {"autofocus": True}, ["Заполните поле.", Markup("Уже <b>занято</b>"), "a < b"]),
    ("note", {"rows": 3}, None),
    ("note", {}, ["Слишком длинно: не больше 2000 знаков."]),
    ("done", {}, None),
    ("done", {}, ["Отметьте «проведено»."]),
    ("agreed", {}, None),
    ("agreed", {}, ["Нужно согласие"]),
]


@pytest.mark.parametrize(("name", "options", "errors"), CASES)
def test_the_field_is_what_the_macro_drew(app, name, options, errors):
    from workspace.core.form_fields import field_html
    with app.test_request_context("/"):
        form = _Sample()
        form[name].errors = errors or []
        macro = app.jinja_env.from_string(MACRO + "{{ field(f, **options) }}")
        expected = macro.render(f=form[name], options=options)
        drawn = field_html(form[name], **options)
        assert isinstance(drawn, Markup)
        assert _collapsed(drawn) == _collapsed(expected)
        through_the_templates = app.jinja_env.from_string(
            '{% from "_macros/forms.html" import field %}{{ field(f, **options) }}').render(f=form[name], options=options)
        assert _collapsed(through_the_templates) == _collapsed(expected)
    if errors:
        assert 'aria-invalid="true"' in drawn or name in ("done", "agreed")
        assert f'{name}-error' in drawn
