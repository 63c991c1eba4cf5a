"""How the history page names the objects and fields of the network projects (registered with the audit area)."""
from workspace.audit.labels import register_history_labels
from workspace.core.i18n import lazy_gettext as _l

register_history_labels(
    object_types={
        "Project": _l("Сетевой проект"),
        "ProjectStage": _l("Этап проекта"),
        "ProjectTask": _l("Задача дорожной карты"),
        "ProjectIndicator": _l("Показатель проекта"),
        "ProjectDocument": _l("Документ проекта"),
        "ProjectComment": _l("Комментарий к проекту"),
    },
    fields={
        "lead_institution_id": _l("Ведущее учреждение"),
        "target_value": _l("Целевое значение"),
        "actual_value": _l("Фактическое значение"),
        "expected_result": _l("Ожидаемый результат"),
        "stage_id": _l("Этап"),
        "task": _l("Задача"),
        "resources_information": _l("Информационные ресурсы"),
        "resources_material": _l("Материально-технические ресурсы"),
        "resources_methodical": _l("Методические ресурсы"),
        "resources_social": _l("Социальные партнёры"),
        "resources_staff": _l("Кадровые ресурсы"),
        "author_name": _l("Автор"),
        "project_id": _l("Проект"),
    },
    type_fields={
        ("ProjectStage", "position"): _l("Порядковый номер"),
        ("ProjectTask", "position"): _l("Порядковый номер"),
    },
)
