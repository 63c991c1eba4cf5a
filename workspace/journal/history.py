"""How the history page names the objects and fields of the journal (registered with the audit area)."""
from workspace.audit.labels import register_history_labels
from workspace.core.i18n import lazy_gettext as _l

register_history_labels(
    object_types={
        "Lesson": _l("Занятие"),
        "Certificate": _l("Документ об обучении"),
    },
    fields={
        "issued_by_id": _l("Выдал"),
        "issued_on": _l("Дата выдачи"),
        "programme_title": _l("Программа"),
        "result": _l("Результат"),
        "year": _l("Год"),
        "topic": _l("Тема"),
    },
    type_fields={
        ("Lesson", "held_on"): _l("Дата занятия"),
        ("Certificate", "number"): _l("Номер"),
        ("Certificate", "kind"): _l("Вид документа"),
        ("CertificateCounter", "kind"): _l("Вид документа"),
        ("AttestationResult", "attestation_id"): _l("Аттестация"),
        ("AttestationResult", "result"): _l("Результат аттестации"),
    },
)
