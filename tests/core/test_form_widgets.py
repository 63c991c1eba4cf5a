"""The faster attribute writer of the form widgets writes what WTForms' own writes, byte for byte."""
import pytest
import wtforms.widgets
import wtforms.widgets.core
from markupsafe import Markup
from wtforms import BooleanField, Form, SelectField, StringField, SubmitField, TextAreaField

from workspace.core.form_widgets import WTFORMS_HTML_PARAMS, html_params

ATTRIBUTES = [
    {},
    {"name": "title", "id": "title", "type": "text", "value": ""},
    {"class_": "wide", "for_": "x", "data_hx_get": "/n/a?b=1&c=2", "aria_describedby": "title-hint title-error"},
    {"required": True, "disabled": False, "checked": True, "readonly": False},
    {"value": 'Спектакль «Ёлка» & "капустник" <b>'},
    {"value": Markup('уже "готовый" <i>текст</i>'), "title": Markup("a &amp; b")},
    {"maxlength": 200, "rows": 3, "value": None, "step": 0.5},
    {"placeholder": "Например: 5-9 классы', «октябрь»", "autocomplete": "off", "hx_post": "/x"},
    {"bad key<": "v", "value": "\u00a0\t\nконец"},
]


@pytest.mark.parametrize("attributes", ATTRIBUTES)
def test_the_same_bytes_as_wtforms(attributes):
    ours, theirs = html_params(**attributes), WTFORMS_HTML_PARAMS(**attributes)
    assert ours == theirs
    assert isinstance(ours, Markup)


class _Sample(Form):
    title = StringField("Название «мероприятия»", render_kw={"placeholder": 'Например: "Ёлка"', "data_x": "1"})
    note = TextAreaField("Примечание")
    done = BooleanField("Проведено")
    status = SelectField("Статус")
    save = SubmitField("Сохранить «план»")


def test_every_widget_of_the_app_writes_what_wtforms_would(app, monkeypatch):
    assert wtforms.widgets.core.html_params is html_params and wtforms.widgets.html_params is html_params
    widgets = (wtforms.widgets.core.Input, wtforms.widgets.core.Button)  # they keep it as a class attribute
    assert all(widget.html_params is html_params for widget in widgets)
    form = _Sample(data={"title": 'Квест <«Ёлка»> & "друзья"', "note": "строка\nстрока", "done": True,
                         "status": "b"})
    form.status.choices = [("a", "Запланировано"), ("b", 'Перенесено "на потом"')]  # as the areas give them
    drawn = [str(field(class_="wide", required=True)) + str(field.label()) for field in form]
    assert 'value="Квест &lt;«Ёлка»&gt; &amp; &#34;друзья&#34;"' in drawn[0]
    monkeypatch.setattr(wtforms.widgets.core, "html_params", WTFORMS_HTML_PARAMS)
    monkeypatch.setattr(wtforms.widgets, "html_params", WTFORMS_HTML_PARAMS)
    for widget in (wtforms.widgets.core.Input, wtforms.widgets.core.Button):
        monkeypatch.setattr(widget, "html_params", staticmethod(WTFORMS_HTML_PARAMS))
    assert drawn == [str(field(class_="wide", required=True)) + str(field.label()) for field in form]
