"""How the history page names the objects and fields of the agreements (registered with the audit area)."""
from workspace.audit.labels import register_history_labels
from workspace.audit.recorder import NOISY_FIELDS
from workspace.core.i18n import lazy_gettext as _l

register_history_labels(
    object_types={
        "Agreement": _l("Договор"),
        "AgreementParty": _l("Сторона договора"),
        "Obligation": _l("Обязательство по договору"),
        "AgreementFile": _l("Скан договора"),
        "AgreementLink": _l("Связь договора"),
    },
    fields={
        "signed_on": _l("Дата договора"),
        "title": _l("Название"),
        "subject": _l("Предмет договора"),
        "status": _l("Статус"),
        "termination_reason": _l("Причина расторжения"),
        "terminated_on": _l("Дата расторжения"),
        "activated_at": _l("Вступил в силу"),
        "is_published": _l("Опубликован"),
        "accepted_by_id": _l("Принял"),
        "accepted_at": _l("Принято"),
        "text": _l("Обязательство"),
        "term": _l("Срок"),
        "agreement_id": _l("Договор"),
        "party_id": _l("Сторона договора"),
        "filename": _l("Файл"),
        "target_kind": _l("Вид связи"),
        "target_id": _l("Связанный объект"),
    },
    values={
        "target_kind": {"plan_section": _l("раздел плана"), "project": _l("сетевой проект"),
                        "programme": _l("образовательная программа")},
    },
)
NOISY_FIELDS.add("search_text")  # derived from the title, number and subject: not a change of its own
