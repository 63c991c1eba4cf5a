"""How the history page names the objects and fields of the programme's passport (registered with the audit area)."""
from workspace.audit.labels import register_history_labels
from workspace.core.i18n import lazy_gettext as _l

register_history_labels(
    object_types={
        "ProgrammePassport": _l("Паспорт программы"),
        "PassportStage": _l("Этап программы"),
        "PassportGround": _l("Основание для разработки"),
    },
    fields={
        "grounds": _l("Другие основания"),
        "developer": _l("Разработчик"),
        "executors": _l("Исполнители"),
        "results_pupils": _l("Ожидаемые результаты для обучающихся"),
        "results_teachers": _l("Ожидаемые результаты для педагогов"),
        "results_parents": _l("Ожидаемые результаты для родителей"),
        "resources_financial": _l("Финансовые ресурсы"),
        "control": _l("Система контроля"),
        "passport_id": _l("Паспорт программы"),
    },
    type_fields={
        ("PassportStage", "position"): _l("Порядковый номер"),
        ("PassportStage", "content"): _l("Содержание этапа"),
        ("PassportGround", "document_id"): _l("Документ реестра"),
    },
)
