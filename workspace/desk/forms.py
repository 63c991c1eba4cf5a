from flask_wtf import FlaskForm
from wtforms import TextAreaField

from workspace.core.forms import max_length, required, strip
from workspace.core.i18n import lazy_gettext as _l


class NoteForm(FlaskForm):
    body = TextAreaField(_l("Текст заметки"), validators=[required(), max_length(2000)], filters=[strip])
