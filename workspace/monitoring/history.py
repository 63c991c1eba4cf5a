"""How the history page names the objects and fields of the monitoring indicators (registered with the audit area)."""
from workspace.audit.labels import register_history_labels
from workspace.core.i18n import lazy_gettext as _l
from workspace.monitoring.catalogue import POINT_LABELS
from workspace.monitoring.diagnostic_models import KIND_CLASS, KIND_PUPIL

register_history_labels(
    object_types={
        "MonitoringIndicator": _l("Показатель мониторинга"),
        "MonitoringValue": _l("Значение показателя"),
        "DiagnosticEntry": _l("Результат диагностики"),
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
        ("DiagnosticEntry", "point"): _l("Замер"),
        ("DiagnosticEntry", "start_year"): _l("Учебный год"),
        ("DiagnosticEntry", "kind"): _l("По классу или по обучающемуся"),
        ("DiagnosticEntry", "class_label"): _l("Класс"),
        ("DiagnosticEntry", "pupil_id"): _l("Обучающийся"),
        ("DiagnosticEntry", "assessed"): _l("Оценено обучающихся"),
        ("DiagnosticEntry", "high"): _l("Высокий уровень, чел."),
        ("DiagnosticEntry", "middle"): _l("Средний уровень, чел."),
        ("DiagnosticEntry", "low"): _l("Низкий уровень, чел."),
        ("DiagnosticEntry", "score"): _l("Балл"),
        ("DiagnosticEntry", "note"): _l("Комментарий"),
        ("MonitoringIndicator", "interaction_row_id"): _l("Строка модели взаимодействия, эффект которой измеряет"),
    },
    # the stored words of a measurement point and of a diagnostic row's kind, as the pages name them
    values={"point": POINT_LABELS, "kind": {KIND_CLASS: _l("по классу"), KIND_PUPIL: _l("по обучающемуся")}},
)
