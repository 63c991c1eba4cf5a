"""How the history page names the objects and fields of the surveys (registered with the audit area)."""
from workspace.audit.labels import register_history_labels
from workspace.core.i18n import lazy_gettext as _l

register_history_labels(
    object_types={
        "Survey": _l("Анкета"),
        "SurveyQuestion": _l("Вопрос анкеты"),
    },
    fields={
        "opened_at": _l("Открыта"),
        "is_required": _l("Обязательный вопрос"),
        "is_satisfaction": _l("Вопрос об удовлетворённости"),
        "options": _l("Варианты ответа"),
        "survey_id": _l("Анкета"),
        "round_number": _l("Раунд"),
        "previous_round_id": _l("Предыдущий раунд"),
    },
    type_fields={
        ("SurveyQuestion", "position"): _l("Порядковый номер"),
    },
)
