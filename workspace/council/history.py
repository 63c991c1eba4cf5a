"""How the history page names the objects and fields of the council (registered with the audit area)."""
from workspace.audit.labels import register_history_labels
from workspace.core.i18n import lazy_gettext as _l

register_history_labels(
    object_types={
        "Approval": _l("Согласование в совете"),
        "Meeting": _l("Заседание совета"),
        "AgendaItem": _l("Вопрос повестки"),
        "Vote": _l("Голос"),
        "Decision": _l("Решение совета"),
        "CouncilRules": _l("Правила голосования"),
    },
    fields={
        "deadline_on": _l("Срок голосования"),
        "cancelled_at": _l("Заседание отменено"),
        "cancel_reason": _l("Причина отмены"),
        "discussion": _l("Слушали"),
        "decision_wording": _l("Формулировка решения"),
        "outcome": _l("Решение"),
        "remarks": _l("Замечания"),
        "quorum": _l("Кворум"),
        "majority": _l("Большинство"),
        "approval_id": _l("Вопрос на согласование"),
        "meeting_id": _l("Заседание"),
        "comment": _l("Комментарий"),
        "is_amendment": _l("Изменение утверждённого"),
        "round": _l("Круг согласования"),
        "submitted_by_id": _l("Направил"),
        "submitted_by_name": _l("Направил"),
        "agenda_item_id": _l("Вопрос повестки"),
        "decided_on": _l("Дата решения"),
        "seats": _l("Членов совета"),
        "votes_abstain": _l("Воздержались"),
        "votes_against": _l("Против"),
        "votes_for": _l("За"),
        "link": _l("Ссылка на видеовстречу"),
        "cast_at": _l("Время голоса"),
        "seat_id": _l("Член совета"),
    },
    type_fields={
        ("AgendaItem", "position"): _l("Порядковый номер"),
    },
    values={
        "subject_type": {"plan": _l("сетевой план"), "project": _l("сетевой проект"), "agreement": _l("договор"),
                         "passport": _l("паспорт программы")},
    },
)
