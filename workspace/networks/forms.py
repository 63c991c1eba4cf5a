from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import HiddenField, TextAreaField

from workspace.core.forms import max_length, strip


class InteractionModelForm(FlaskForm):
    interaction_forms = TextAreaField(_l("Формы взаимодействия"), validators=[max_length(4000)], filters=[strip])
    social_effect = TextAreaField(_l("Социальный эффект"), validators=[max_length(4000)], filters=[strip])
    version = HiddenField()
