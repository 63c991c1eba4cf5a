"""How the history page names the analysis and its partner lines (registered with the audit area)."""
from workspace.audit.labels import register_history_labels
from workspace.core.i18n import lazy_gettext as _l

register_history_labels(
    object_types={
        "YearlyAnalysis": _l("Аналитическая справка"),
        "AnalysisPartner": _l("Итоги по партнёру"),
    },
    fields={
        "analysis_id": _l("Аналитическая справка"),
        "decision": _l("Решение на следующий учебный год"),
    },
    type_fields={
        ("YearlyAnalysis", "start_year"): _l("Учебный год"),
        ("YearlyAnalysis", "conclusion"): _l("Общий вывод"),
        ("YearlyAnalysis", "stage_id"): _l("Этап программы"),
        ("YearlyAnalysis", "stage_title"): _l("Название этапа"),
        ("YearlyAnalysis", "starts_on"): _l("Начало периода"),
        ("YearlyAnalysis", "ends_on"): _l("Окончание периода"),
        ("AnalysisPartner", "conclusion"): _l("Вывод"),
        ("AnalysisPartner", "name"): _l("Партнёр"),
        ("AnalysisPartner", "institution_id"): _l("Учреждение"),
        ("AnalysisPartner", "interaction_row_id"): _l("Строка модели взаимодействия"),
        ("AnalysisPartner", "position"): _l("Порядковый номер"),
    },
)
