"""How the history page names the objects and fields of the request table (registered with the audit area)."""
from workspace.audit.labels import register_history_labels
from workspace.core.i18n import lazy_gettext as _l

register_history_labels(
    object_types={
        "ResourceRequest": _l("Строка таблицы запросов"),
        "Conversation": _l("Обсуждение запроса"),
    },
    fields={
        "category": _l("Категория"),
        "need_agreed_at": _l("Согласовано запросившим"),
        "need_id": _l("Запрос"),
        "need_institution_id": _l("Учреждение с запросом"),
        "offer_agreed_at": _l("Согласовано предложившим"),
        "offer_id": _l("Ресурс"),
        "offer_institution_id": _l("Учреждение с ресурсом"),
        "plan_item_id": _l("Мероприятие плана"),
        "project_task_id": _l("Задача проекта"),
    },
)
