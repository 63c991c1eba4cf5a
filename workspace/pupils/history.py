"""How the history page names the objects and fields of the pupils' registry and consents (registered with the audit area)."""
from workspace.audit.labels import register_history_labels
from workspace.core.i18n import lazy_gettext as _l

register_history_labels(
    object_types={
        "Pupil": _l("Обучающиеся"),
        "pupil": _l("Данные обучающихся"),
        "PupilConsent": _l("Согласие на обработку персональных данных"),
    },
    fields={
        "birth_on": _l("Дата рождения"),
        "is_active": _l("В реестре"),
        "parent_email": _l("Почта родителя"),
        "parent_phone": _l("Телефон родителя"),
        "patronymic": _l("Отчество"),
        "surname": _l("Фамилия"),
        "is_depersonalised": _l("Данные обезличены"),
        "depersonalised_at": _l("Дата обезличивания"),
        "purpose_note": _l("Уточнение цели"),
        "given_by": _l("Кто дал согласие"),
        "given_on": _l("Дата согласия"),
        "document": _l("Документ"),
        "application_id": _l("Заявление"),
        "withdrawn_on": _l("Дата отзыва"),
        "withdrawn_by": _l("Кто отозвал"),
        "withdrawal_note": _l("Примечание к отзыву"),
    },
    type_fields={
        ("Pupil", "name"): _l("Имя"),
        ("Pupil", "grade"): _l("Параллель"),
    },
)
