"""How the history page names the objects and fields of the network plans and event reports (registered with the audit area)."""
from workspace.audit.labels import register_history_labels
from workspace.core.i18n import lazy_gettext as _l

register_history_labels(
    object_types={
        "Plan": _l("Сетевой план"),
        "PlanSection": _l("Раздел плана"),
        "PlanItem": _l("Мероприятие плана"),
        "EventReport": _l("Отчёт о проведении"),
        "EventFile": _l("Фото или файл отчёта"),
    },
    fields={
        "held_from": _l("Проведено с"),
        "held_to": _l("Проведено по"),
        "item_id": _l("Мероприятие"),
        "summary": _l("Краткий отчёт"),
        "plan_id": _l("План"),
        "section_id": _l("Раздел плана"),
        "partner_institution_id": _l("Партнёр"),
    },
    type_fields={
        ("PlanSection", "position"): _l("Порядковый номер"),
        ("PlanItem", "position"): _l("Порядковый номер"),
        ("EventParticipation", "category"): _l("Категория участников"),
    },
)
