"""How the history page names the objects and fields of the monitoring indicators (registered with the audit area)."""
from flask_babel import lazy_gettext as _l

from workspace.audit.labels import register_history_labels

register_history_labels(
    object_types={
        "MonitoringIndicator": _l("Показатель мониторинга"),
        "MonitoringValue": _l("Значение показателя"),
    },
    fields={
        "criterion": _l("Критерий"),
        "target": _l("Целевое значение"),
        "indicator_id": _l("Показатель"),
        "value": _l("Значение"),
        "level_high": _l("Порог высокого уровня"),
        "level_middle": _l("Порог среднего уровня"),
    },
    type_fields={
        ("MonitoringIndicator", "source"): _l("Как считается"),
        ("MonitoringValue", "point"): _l("Замер"),
        ("MonitoringIndicator", "interaction_row_id"): _l("Строка модели взаимодействия, эффект которой измеряет"),
    },
)
