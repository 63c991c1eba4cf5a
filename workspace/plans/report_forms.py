from __future__ import annotations

from datetime import datetime, timedelta, timezone

from flask_wtf import FlaskForm
from flask_wtf.file import FileField, FileRequired
from wtforms import DateField, HiddenField, TextAreaField
from wtforms.validators import ValidationError

from workspace.core.forms import max_length, required, strip
from workspace.core.i18n import lazy_gettext as _l

PARTICIPANT_ROWS = 6
# Kamchatka's date: no place of the network's users has a later one, so an event held «today» anywhere is never
# refused as still ahead (the server's date is UTC's, up to 12 hours behind)
EASTERNMOST = timezone(timedelta(hours=12))


class ReportForm(FlaskForm):
    held_from = DateField(_l("Проведено с"), validators=[required()], format="%Y-%m-%d")
    held_to = DateField(_l("по"), validators=[required()], format="%Y-%m-%d")
    summary = TextAreaField(_l("Кратко о мероприятии"), validators=[max_length(4000)], filters=[strip])
    version = HiddenField()

    def validate_held_from(self, field):
        """A report of an event still ahead would mark it held («Проведено») before it happens."""
        if field.data and field.data > datetime.now(EASTERNMOST).date():
            raise ValidationError(_l("Мероприятие ещё не прошло: отчёт заполняют после него."))

    def validate_held_to(self, field):
        if self.held_from.data and field.data and field.data < self.held_from.data:
            raise ValidationError(_l("Дата окончания раньше даты начала."))


class ReportFileForm(FlaskForm):
    file = FileField(_l("Фотография или скан"), validators=[FileRequired(_l("Выберите файл."))],
                     render_kw={"accept": "image/jpeg,image/png,image/webp,application/pdf"})
