"""How the history page names the objects and fields of pupils' growth (registered with the audit area). The
history of an achievement, its scan and a flag is the home school's own (never the network's)."""
from workspace.audit.labels import register_history_labels
from workspace.core.i18n import lazy_gettext as _l

register_history_labels(
    object_types={
        "Achievement": _l("Достижение обучающегося"),
        "AchievementScan": _l("Скан диплома (грамоты)"),
        "PupilFlag": _l("Отметка об обучающемся (одарённость, ОВЗ)"),
    },
    fields={
        "recorded_by_institution_id": _l("Кто внёс"),
        "recorded_by_id": _l("Внёс пользователь"),
        "achieved_on": _l("Дата достижения"),
        "plan_item_id": _l("Мероприятие плана"),
        "home_institution_id": _l("Школа обучающегося"),
        "achievement_id": _l("Достижение"),
    },
    type_fields={
        ("Achievement", "kind"): _l("Вид достижения"),
        ("Achievement", "level"): _l("Уровень"),
        ("Achievement", "result"): _l("Результат"),
        ("Achievement", "title"): _l("Название"),
        ("Achievement", "programme_id"): _l("Программа"),
        ("Achievement", "group_id"): _l("Группа"),
        ("AchievementScan", "filename"): _l("Файл"),
        ("AchievementScan", "author_id"): _l("Кто приложил"),
        ("PupilFlag", "kind"): _l("Отметка"),
        ("PupilFlag", "note"): _l("Пояснение"),
    },
)
